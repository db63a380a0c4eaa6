"""Meetings: the CoP's calendar, agendas built from work forms, who facilitates, who comes, and
the evaluation at the end of each meeting that feeds the next one. One module per part;
everything is importable from here."""

# Evaluation rows get random ids (see gilde.core.fields): the field lives in core, shared with
# other apps' anonymous rows; these names stay importable from here for the migrations.
from gilde.core.fields import RandomIdField, random_id

from .agenda import (
    STAGE_CHOICES,
    TGI_CHOICES,
    AgendaItem,
    AgendaProposal,
    AgendaTemplate,
    ProposalStatus,
)
from .evaluation import (
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    EvaluationSubmission,
    QuestionKind,
)
from .mail import CalendarToken, NotificationMode, NotificationPreference, SentNotification
from .meetings import (
    ANONYMITY_THRESHOLD,
    EVALUATION_DAYS,
    EVALUATION_EARLY_LIMIT,
    Attendance,
    FacilitationMode,
    Meeting,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    Rsvp,
    SchoolRegion,
    facilitation_focus,
)

__all__ = [
    "ANONYMITY_THRESHOLD",
    "EVALUATION_DAYS",
    "EVALUATION_EARLY_LIMIT",
    "STAGE_CHOICES",
    "TGI_CHOICES",
    "AgendaItem",
    "AgendaProposal",
    "AgendaTemplate",
    "Attendance",
    "CalendarToken",
    "EvaluationAnswer",
    "EvaluationQuestion",
    "EvaluationResponse",
    "EvaluationSubmission",
    "FacilitationMode",
    "Meeting",
    "MeetingFacilitator",
    "MeetingSettings",
    "MeetingStatus",
    "NotificationMode",
    "NotificationPreference",
    "ProposalStatus",
    "QuestionKind",
    "RandomIdField",
    "Rsvp",
    "SchoolRegion",
    "SentNotification",
    "facilitation_focus",
    "random_id",
]
