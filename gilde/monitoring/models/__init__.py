"""Step 6, monitor: the social map (ties over time), the system analysis (TIS), value-creation
stories and monitoring cycles that set the CoP's activity against its ambition.

Meetings belong to another app: where a row refers to one (a network answer, a story told at a
meeting) it keeps the meeting's id only, read through `communities.calendar.meetings_of`.
"""

# A group figure of the social map is shown to those without names only from this many people.
NETWORK_THRESHOLD = 5
# TIS results per moment from this many respondents.
TIS_THRESHOLD = 3


from .cycles import CycleStatus, FollowUpAction, MonitoringCycle  # noqa: E402
from .network import (  # noqa: E402
    ActorKind,
    BuiltInTieKind,
    MonitoringSettings,
    NetworkAnswer,
    OutsideActor,
    Tie,
    TieKind,
    TieOrigin,
)
from .stories import (  # noqa: E402
    APPLIED_OR_BEYOND,
    EXTRA_CYCLES,
    MAIN_CYCLES,
    PotentialKind,
    SharingTier,
    ValueCycle,
    ValueStory,
    ValueStoryPart,
)
from .tis import (  # noqa: E402
    MomentKind,
    RespondentRole,
    StructuralComponent,
    TisAnswer,
    TisBarrier,
    TisFunction,
    TisInvitation,
    TisMoment,
    TisScore,
)

__all__ = [
    "APPLIED_OR_BEYOND",
    "EXTRA_CYCLES",
    "MAIN_CYCLES",
    "NETWORK_THRESHOLD",
    "TIS_THRESHOLD",
    "ActorKind",
    "BuiltInTieKind",
    "CycleStatus",
    "FollowUpAction",
    "MomentKind",
    "MonitoringCycle",
    "MonitoringSettings",
    "NetworkAnswer",
    "OutsideActor",
    "PotentialKind",
    "RespondentRole",
    "SharingTier",
    "StructuralComponent",
    "Tie",
    "TieKind",
    "TieOrigin",
    "TisAnswer",
    "TisBarrier",
    "TisFunction",
    "TisInvitation",
    "TisMoment",
    "TisScore",
    "ValueCycle",
    "ValueStory",
    "ValueStoryPart",
]
