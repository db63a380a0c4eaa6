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
from .tis import BarrierLinkForm, TisAnswerForm, TisInvitationForm, TisMomentForm

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
    "TisAnswerForm",
    "TisInvitationForm",
    "TisMomentForm",
    "ValueStoryForm",
]
