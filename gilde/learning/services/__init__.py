"""Writes of step 7. Keyword-only and in a transaction each.

Personal items (goals, entries, experiments) write no audit entry: the audit log is read by the
initiator and the facilitators, and even "someone wrote a private note" is not theirs to know.
What the group shares (buddy periods, canvases, agenda items) is audited like everything else.
"""

from gilde.core.versioning import StaleEdit

from .buddies import (
    buddy_period_arrange,
    buddy_period_confirm,
    buddy_period_delete,
    buddy_period_propose,
)
from .canvas import (
    canvas_add,
    canvas_save,
    canvas_step_add,
    canvas_step_delete,
    canvas_step_to_agenda,
    canvas_step_to_experiment,
    canvas_step_update,
)
from .experiments import (
    default_due,
    experiment_add,
    experiment_check_in,
    experiment_report,
    experiment_round_add,
    experiment_update,
)
from .record import (
    TierNotOffered,
    entry_add,
    entry_delete,
    entry_tier_set,
    entry_update,
    goals_save,
    goals_tier_set,
    meeting_takeaway_add,
    record_for,
    tags_normalise,
)

__all__ = [
    "StaleEdit",
    "TierNotOffered",
    "buddy_period_arrange",
    "buddy_period_confirm",
    "buddy_period_delete",
    "buddy_period_propose",
    "canvas_add",
    "canvas_save",
    "canvas_step_add",
    "canvas_step_delete",
    "canvas_step_to_agenda",
    "canvas_step_to_experiment",
    "canvas_step_update",
    "default_due",
    "entry_add",
    "entry_delete",
    "entry_tier_set",
    "entry_update",
    "experiment_add",
    "experiment_check_in",
    "experiment_report",
    "experiment_round_add",
    "experiment_update",
    "goals_save",
    "goals_tier_set",
    "meeting_takeaway_add",
    "record_for",
    "tags_normalise",
]
