"""The figures a programme sees of each CoP in it: aggregates only, never a person.

A programme (gilde/programmes/) groups CoPs and shows its managers, per CoP and side by side, how
they are doing. It sits above the step apps and imports none of them: each app declares its
figures here from its `AppConfig.ready()`:

    register_programme_figures(
        app="meetings",
        group=_("Meetings"),
        definitions=[FigureDefinition("meetings_held", _("Meetings held"), _("…"), COUNT, 40)],
        compute=meeting_figures,   # (community, today) -> {key: Figure}
    )

The contract:
- `compute(community, today)` returns a `Figure` per key it defined; it runs in the worker, never
  in a request, so it may take a few queries. It reads only through the app's own gates (the
  evaluation gate for evaluation content, the sharing tiers for learning) and returns counts,
  shares, averages: nothing that names or quotes a person.
- `Figure.people` is the number of people the value rests on (those who answered, who were
  there, who are on the map); None when it counts no people (meetings, months). The programme
  shows a figure only from `PROGRAMME_THRESHOLD` people on, and never adds a hidden figure into a
  total (gilde/programmes/disclosure.py).
- `FigureDefinition.explanation` says in a sentence what the programme learns from the figure: the
  CoP's settings page lists exactly these sentences, so the initiator knows what is shared.
- A figure of kind STRUCTURED carries a JSON value the programme app knows how to show (the step
  statuses, the work forms used); a figure of kind TEXT is a text the CoP wrote as a group (the
  monitoring reflection) and is shown only where the CoP chose to share it.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Community

PROGRAMME_THRESHOLD = 5  # a figure resting on fewer people than this is not shown

COUNT, PERCENT, NUMBER, MONTHS, STRUCTURED, TEXT = (
    "count",
    "percent",
    "number",
    "months",
    "structured",
    "text",
)


@dataclass(frozen=True)
class FigureDefinition:
    key: str
    label: Any  # lazy text: the column heading
    explanation: Any  # lazy text: what the programme learns from it (the CoP's settings page)
    kind: str
    position: int
    total: bool = False  # whether the programme adds it up across its CoPs
    shared_by_choice: bool = False  # shown only where the CoP chose to share it
    group: Any = ""  # lazy text: the registering app's heading (set by the registry)


@dataclass(frozen=True)
class Figure:
    value: Any  # int, float, a JSON value for STRUCTURED, a str for TEXT, or None (not known)
    people: int | None = None

    def as_json(self) -> dict:
        return {"value": self.value, "people": self.people}


Compute = Callable[[Community, date], dict[str, Figure]]

_DEFINITIONS: dict[str, FigureDefinition] = {}
_COMPUTERS: dict[str, Compute] = {}


def register_programme_figures(
    *, app: str, group, definitions: list[FigureDefinition], compute: Compute
) -> None:
    """Declare an app's figures (see the module's docstring) under the heading `group` (lazy
    text, e.g. "Meetings": the programme report groups them by it). Registering again replaces
    them."""
    for definition in definitions:
        _DEFINITIONS[definition.key] = replace(definition, group=group)
    _COMPUTERS[app] = compute


def figure_definitions() -> list[FigureDefinition]:
    """Every declared figure, in the order of their positions."""
    return sorted(_DEFINITIONS.values(), key=lambda d: (d.position, d.key))


def figures_compute(community: Community, today: date) -> dict[str, dict]:
    """Every app's figures for `community` on `today`, as JSON: {key: {"value", "people"}}."""
    found: dict[str, dict] = {}
    for compute in _COMPUTERS.values():
        for key, figure in compute(community, today).items():
            if key in _DEFINITIONS:
                found[key] = figure.as_json()
    return found


# The CoP's own figures: its size, its age, and where it stands on the eight steps.


def _community_figures(community: Community, today: date) -> dict[str, Figure]:
    from .readiness import StepStatus, step_states

    members = community.memberships.count()
    states = step_states(community)
    statuses = [str(state.status) for state in states]
    # The step a CoP "stands at": the first one not done yet (9 when all eight are done).
    stands_at = next(
        (state.number for state in states if state.status != StepStatus.DONE), len(states) + 1
    )
    started = community.start_date
    months = (today.year - started.year) * 12 + today.month - started.month
    months -= 1 if today.day < started.day else 0
    return {
        "members": Figure(members, people=members),
        "months_running": Figure(max(0, months)),
        "steps": Figure({"statuses": statuses, "stands_at": stands_at}),
    }


register_programme_figures(
    app="communities",
    group=_("The CoP"),
    definitions=[
        FigureDefinition(
            "members",
            _("Members"),
            _("How many members the CoP has (from five on)."),
            COUNT,
            10,
            total=True,
        ),
        FigureDefinition(
            "months_running",
            _("Months running"),
            _("How many months ago the CoP started."),
            MONTHS,
            20,
        ),
        FigureDefinition(
            "steps",
            _("Steps"),
            _("Which of the eight steps are done, under way or not started."),
            STRUCTURED,
            30,
        ),
    ],
    compute=_community_figures,
)
