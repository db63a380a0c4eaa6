from .cycles import CycleOpenForm, FollowUpForm, ReflectionForm, TickForm
from .network import (
    ImportConfirmForm,
    ImportUploadForm,
    MonitoringSettingsForm,
    NetworkAnswerForm,
    TieColumnMappingForm,
    TieForm,
    TieKindForm,
)
from .stories import CYCLE_PROMPTS, ValueStoryForm
from .tis import BarrierLinkForm, TisInvitationForm, TisMomentForm, TisResponseForm

__all__ = [
    "CYCLE_PROMPTS",
    "BarrierLinkForm",
    "CycleOpenForm",
    "FollowUpForm",
    "ImportConfirmForm",
    "ImportUploadForm",
    "MonitoringSettingsForm",
    "NetworkAnswerForm",
    "ReflectionForm",
    "TickForm",
    "TieColumnMappingForm",
    "TieForm",
    "TieKindForm",
    "TisInvitationForm",
    "TisMomentForm",
    "TisResponseForm",
    "ValueStoryForm",
]
