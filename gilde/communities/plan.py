"""The CoP plan: one printable document with the question, the intended yields, the group, the
facilitators and the calendar. Each part comes from the app that owns it, registered with
`@plan_section(order=N)`: a function `(access)` that returns a `PlanSection` (a template and its
context) or None. Parts ask `access` what the viewer may see, as their pages do."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .access import CommunityAccess
from .selectors import members_running, role_counts


@dataclass(frozen=True)
class PlanSection:
    template: str
    context: dict = field(default_factory=dict)


PlanFunction = Callable[[CommunityAccess], PlanSection | None]
_SECTIONS: list[tuple[int, PlanFunction]] = []


def plan_section(*, order: int):
    def decorator(function: PlanFunction) -> PlanFunction:
        if all(registered is not function for _, registered in _SECTIONS):
            _SECTIONS.append((order, function))
            _SECTIONS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def plan_sections(access: CommunityAccess) -> list[PlanSection]:
    sections = (function(access) for _, function in _SECTIONS)
    return [section for section in sections if section is not None]


@plan_section(order=30)
def group_and_facilitators(access) -> PlanSection:
    """The group by role, and who runs it (by name to those who may read the member list)."""
    community = access.community
    counts = role_counts(community)
    return PlanSection(
        "communities/plan/_group.html",
        {
            "counts": counts,
            "total": sum(counts.values()),
            "runners": members_running(community) if access.sees_member_names else [],
            "heading": _("The group and its facilitators"),
        },
    )
