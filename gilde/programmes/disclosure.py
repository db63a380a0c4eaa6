"""What a programme may show of a figure: the one rule for small numbers. Pure Python.

A figure rests on `people` (None: it counts no people). It is shown only from THRESHOLD people
on; below that the cell says "fewer than five" and carries no value at all, so nothing further
down (a total, a median, a chart, an export, the API) can use it.

Totals add up the shown cells only. Subtracting the shown cells from a total therefore always
gives zero: no hidden figure can be worked out from a total, from the same total under another
filter, or from the total before and after a CoP leaves. (The usual alternative, a true total
with complementary cells suppressed, protects one table only: a filter or a month later the
hidden value comes out by subtraction.)
"""

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median
from typing import Any

THRESHOLD = 5

SHOWN, FEW, UNKNOWN = "shown", "few", "unknown"


@dataclass(frozen=True)
class Cell:
    value: Any  # None unless state is SHOWN
    state: str

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def cell(raw: dict | None, threshold: int = THRESHOLD) -> Cell:
    """A stored figure ({"value", "people"}) as the programme may show it."""
    if not raw or raw.get("value") is None:
        return Cell(None, UNKNOWN)
    people = raw.get("people")
    if people is not None and people < threshold:
        return Cell(None, FEW)
    return Cell(raw["value"], SHOWN)


def total(cells: Iterable[Cell]) -> int | float | None:
    """The sum of the shown cells; None when none is shown."""
    values = [c.value for c in cells if c.shown]
    return sum(values) if values else None


def middle(cells: Iterable[Cell]) -> float | None:
    """The median of the shown cells; None when none is shown."""
    values = [c.value for c in cells if c.shown]
    return median(values) if values else None


@dataclass(frozen=True)
class WorkFormUse:
    key: str
    cops: int
    meetings: int
    valued_meetings: int
    valued_cops: int
    average: float | None  # None unless enough meetings in enough CoPs had a value


def work_form_uses(
    per_cop: Iterable[dict], *, min_meetings: int = 5, min_cops: int = 3
) -> list[WorkFormUse]:
    """Across CoPs: per library work form, in how many CoPs and meetings it was used, and the
    average value of the meetings that used it, shown only when at least `min_meetings` such
    meetings with a value in at least `min_cops` CoPs. Most used first."""
    tally: dict[str, dict] = {}
    for uses in per_cop:
        for key, use in (uses or {}).items():
            entry = tally.setdefault(
                key, {"cops": 0, "meetings": 0, "valued": 0, "valued_cops": 0, "sum": 0.0}
            )
            entry["cops"] += 1
            entry["meetings"] += use.get("meetings", 0)
            if use.get("valued", 0):
                entry["valued"] += use["valued"]
                entry["valued_cops"] += 1
                entry["sum"] += use.get("value_sum", 0.0)
    result = []
    for key, entry in tally.items():
        enough = entry["valued"] >= min_meetings and entry["valued_cops"] >= min_cops
        result.append(
            WorkFormUse(
                key,
                entry["cops"],
                entry["meetings"],
                entry["valued"],
                entry["valued_cops"],
                round(entry["sum"] / entry["valued"], 2) if enough else None,
            )
        )
    return sorted(result, key=lambda use: (-use.cops, -use.meetings, use.key))
