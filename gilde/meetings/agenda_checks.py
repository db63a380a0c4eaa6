"""Agenda signals shown while planning a meeting. Advice only: nothing here blocks a save.

Pure Python, no Django: each check gets plain item facts and returns a `Check` with a key, a level
and the numbers behind it; the selector turns them into sentences in the user's language.

An item's group configuration and TGI focus are what the planner set, or else what its work form
prescribes (a work form runs through several stages and may serve several foci).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

TGI_FOCI = ("i", "we", "it", "globe")
# The four sides a work form may address; a programme that uses only one or two is lopsided.
SIDES = ("rational", "physical", "creative", "intuitive")
FEW_SIDES = 2
CONNECTING_STAGES = {"pair", "trio"}
# Titles that announce a connecting round, in English and Dutch.
CONNECTING_WORDS = ("check-in", "checkin", "incheck", "kennismak", "get to know")

OK = "ok"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class ItemFacts:
    title: str
    duration: int
    configuration: str = ""
    tgi_focus: str = ""
    form_stages: tuple[str, ...] = ()
    form_tgi: tuple[str, ...] = ()
    form_purposes: tuple[str, ...] = ()
    form_sides: tuple[str, ...] = ()

    @property
    def stages(self) -> set[str]:
        return {self.configuration} if self.configuration else set(self.form_stages)

    @property
    def foci(self) -> set[str]:
        return {self.tgi_focus} if self.tgi_focus else set(self.form_tgi)


@dataclass(frozen=True)
class Check:
    key: str  # "duration", "configuration", "tgi", "sides", "connection"
    level: str  # OK, WARNING or INFO
    data: dict = field(default_factory=dict)


def check_duration(items: Sequence[ItemFacts], meeting_minutes: int) -> Check:
    total = sum(item.duration for item in items)
    data = {"total": total, "length": meeting_minutes, "difference": abs(meeting_minutes - total)}
    if not items:
        return Check("duration", INFO, data)
    return Check("duration", WARNING if total > meeting_minutes else OK, data)


def check_configuration(items: Sequence[ItemFacts]) -> Check:
    stages = [item.stages for item in items if item.stages]
    if not stages:
        return Check("configuration", INFO, {"known": 0})
    plenary_only = all(s == {"plenary"} for s in stages)
    return Check("configuration", WARNING if plenary_only else OK, {"known": len(stages)})


def check_tgi(items: Sequence[ItemFacts]) -> Check:
    counts = {focus: 0 for focus in TGI_FOCI}
    for item in items:
        for focus in item.foci & set(TGI_FOCI):
            counts[focus] += 1
    missing = [focus for focus in TGI_FOCI if counts[focus] == 0]
    if not any(counts.values()):
        return Check("tgi", INFO, {"counts": counts, "missing": missing})
    return Check("tgi", WARNING if missing else OK, {"counts": counts, "missing": missing})


def check_sides(items: Sequence[ItemFacts]) -> Check:
    """Which of the four sides the programme's work forms address: one or two is a warning."""
    used = {side for item in items for side in item.form_sides if side in SIDES}
    data = {
        "used": [side for side in SIDES if side in used],
        "missing": [side for side in SIDES if side not in used],
    }
    if not used:
        return Check("sides", INFO, data)
    return Check("sides", WARNING if len(used) <= FEW_SIDES else OK, data)


def is_connecting(item: ItemFacts) -> bool:
    title = item.title.lower()
    return (
        item.configuration in CONNECTING_STAGES
        or "connect" in item.form_purposes
        or any(word in title for word in CONNECTING_WORDS)
    )


def check_connection(items: Sequence[ItemFacts]) -> Check:
    """Connection before content: the first item lets people meet before the work starts."""
    if not items:
        return Check("connection", INFO)
    return Check("connection", OK if is_connecting(items[0]) else WARNING)


def agenda_checks(items: Sequence[ItemFacts], meeting_minutes: int) -> list[Check]:
    """All signals for one agenda, items in their order."""
    return [
        check_duration(items, meeting_minutes),
        check_configuration(items),
        check_tgi(items),
        check_sides(items),
        check_connection(items),
    ]
