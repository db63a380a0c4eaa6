"""What a barrier found in step 6 can be linked to: an intervention another app keeps.

A weak function in the system analysis points to a barrier, and the CoP answers a barrier with
an intervention: an agenda item, a decision, an experiment. Those live in other step apps, which
register a source here in their `AppConfig.ready()`:

    @intervention_source(key="meetings.agenda_item", label=_("Agenda items"))
    def agenda_items(community) -> list[Intervention]: ...

A link is stored as the intervention's `ref` ("<source key>:<id>"), so the barrier's app needs no
model of the other app; a link whose target is gone simply stops showing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from .models import Community


@dataclass(frozen=True)
class Intervention:
    ref: str  # "<source key>:<id>"
    label: str
    url: str = ""


Source = Callable[[Community], list[Intervention]]
_SOURCES: dict[str, tuple[Promise | str, Source]] = {}


def intervention_source(*, key: str, label: Promise | str):
    """Register a function listing a CoP's interventions of one kind, headed `label`."""

    def decorator(function: Source) -> Source:
        _SOURCES[key] = (label, function)
        return function

    return decorator


def intervention_choices(community: Community) -> list[tuple[str, list[Intervention]]]:
    """(kind label, interventions) for every source that has any, in the order registered."""
    groups = []
    for label, function in _SOURCES.values():
        found = function(community)
        if found:
            groups.append((str(label), found))
    return groups


def interventions_by_ref(community: Community) -> dict[str, Intervention]:
    return {item.ref: item for _label, items in intervention_choices(community) for item in items}
