"""Writes for step 5, one module per part. Each runs in one transaction and leaves an audit entry,
except votes and peer feedback: an audit entry would tie a person to the moment they voted (and
so to an anonymous ballot) or show facilitators who asked whom for feedback. E-mails are queued
after the commit, in the recipient's language."""

from .agreements import agreements_adopt, agreements_for, agreements_save
from .errors import DecisionError, StaleEdit
from .feedback import feedback_answer, feedback_ask, feedback_close
from .log import decision_record, decision_revise, decision_settings_save
from .polls import (
    poll_close,
    poll_create,
    poll_meeting_create,
    poll_outcome_write,
    poll_vote,
)
from .roles import (
    role_add,
    role_assign,
    role_release,
    role_take,
    role_update,
    roles_ensure,
    roles_rotation_apply,
)

__all__ = [
    "DecisionError",
    "StaleEdit",
    "agreements_adopt",
    "agreements_for",
    "agreements_save",
    "decision_record",
    "decision_revise",
    "decision_settings_save",
    "feedback_answer",
    "feedback_ask",
    "feedback_close",
    "poll_close",
    "poll_create",
    "poll_meeting_create",
    "poll_outcome_write",
    "poll_vote",
    "role_add",
    "role_assign",
    "role_release",
    "role_take",
    "role_update",
    "roles_ensure",
    "roles_rotation_apply",
]
