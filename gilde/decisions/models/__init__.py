"""Step 5, the group decides: polls and the decision log, working agreements, roles per meeting
and peer feedback. One module per part; everything is importable from here."""

from .feedback import MAX_WRITERS, FeedbackInvite, FeedbackRequest, FeedbackSubject
from .log import (
    DECISION_KINDS,
    DIRECT,
    AgreementVersion,
    Decision,
    DecisionNotice,
    DecisionSettings,
    TakenBy,
    WorkingAgreements,
)
from .polls import (
    MAX_DATE_SLOTS,
    MAX_OPTIONS,
    REMIND_BEFORE,
    Ballot,
    BallotEntry,
    CheckStyle,
    ConsentResponse,
    DateAnswer,
    Participation,
    Poll,
    PollKind,
    PollOption,
    Thumb,
    Voters,
)
from .roles import DEFAULT_ROLES, MeetingRole, RoleAssignment

__all__ = [
    "DECISION_KINDS",
    "DEFAULT_ROLES",
    "DIRECT",
    "MAX_DATE_SLOTS",
    "MAX_OPTIONS",
    "MAX_WRITERS",
    "REMIND_BEFORE",
    "AgreementVersion",
    "Ballot",
    "BallotEntry",
    "CheckStyle",
    "ConsentResponse",
    "DateAnswer",
    "Decision",
    "DecisionNotice",
    "DecisionSettings",
    "FeedbackInvite",
    "FeedbackRequest",
    "FeedbackSubject",
    "MeetingRole",
    "Participation",
    "Poll",
    "PollKind",
    "PollOption",
    "RoleAssignment",
    "TakenBy",
    "Thumb",
    "Voters",
    "WorkingAgreements",
]
