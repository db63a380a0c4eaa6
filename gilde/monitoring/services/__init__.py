"""Writes for step 6: keyword-only, audited, each in one transaction."""

from .cycles import (
    cycle_close,
    cycle_open,
    cycle_reflection_save,
    follow_up_add,
    follow_up_delete,
    follow_up_tick,
)
from .errors import MonitoringError
from .network import (
    monitoring_settings_save,
    network_answer_save,
    outside_actor_get_or_add,
    tie_add,
    tie_kind_add,
    tie_kinds_ensure,
    tie_remove,
    tie_update,
    ties_import,
)
from .stories import value_story_delete, value_story_save, value_story_tier_set
from .tis import (
    tis_barrier_link,
    tis_invitation_revoke,
    tis_invitation_send,
    tis_moment_save,
    tis_response_save,
)

__all__ = [
    "MonitoringError",
    "cycle_close",
    "cycle_open",
    "cycle_reflection_save",
    "follow_up_add",
    "follow_up_delete",
    "follow_up_tick",
    "monitoring_settings_save",
    "network_answer_save",
    "outside_actor_get_or_add",
    "tie_add",
    "tie_kind_add",
    "tie_kinds_ensure",
    "tie_remove",
    "tie_update",
    "ties_import",
    "tis_barrier_link",
    "tis_invitation_revoke",
    "tis_invitation_send",
    "tis_moment_save",
    "tis_response_save",
    "value_story_delete",
    "value_story_save",
    "value_story_tier_set",
]
