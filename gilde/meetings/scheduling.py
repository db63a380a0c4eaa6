"""Meeting dates for a CoP: a steady cadence that steps around Dutch holidays. Plain Python, no
Django, so the rules can be tested with hypothesis and reused by the demo and the API.

A planned date that falls on a day to avoid moves to the nearest free weekday, preferring the same
week: first the later days of that week, then the earlier ones, then the following week. Only when
two whole weeks are blocked (a school summer holiday) does it look a week earlier, and a slot that
finds no room at all between its neighbours is left out, so meetings never pile up after a long
holiday.
"""

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import date, timedelta

import holidays as holiday_data

from gilde.core.dates import (  # noqa: F401 (importable from here, as before)
    AMBIGUOUS,
    AMSTERDAM,
    NONEXISTENT,
    local_datetime,
    local_time_problem,
)

WEEKDAYS = range(5)  # Monday to Friday: meetings are on working days
MAX_MEETINGS = 100
MAX_CADENCE_WEEKS = 26
# The `holidays` package knows the Dutch school holidays for these years only.
SCHOOL_HOLIDAY_YEARS = range(2014, 2031)
REGIONS = ("Noord", "Midden", "Zuid")
# A plan with an end date but no count still stops somewhere, even if every day is blocked.
_MAX_SLOTS = 2000


@dataclass(frozen=True)
class PlannedDate:
    """One meeting date. `moved_from` is the date the cadence gave when that day was not free;
    `reason` then names the day that was avoided (e.g. "Tweede paasdag"), else it is empty."""

    date: date
    moved_from: date | None = None
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.moved_from is not None


def days_to_avoid(*, years: Iterable[int], region: str = "", language: str = "nl") -> dict:
    """Public holidays, plus the school holidays of `region` ("Noord", "Midden", "Zuid") when
    given, as {date: name} in `language` ("nl" or "en_US"). Public holidays win a shared date."""
    years = sorted(set(years))
    avoid: dict[date, str] = {}
    if region:
        if region not in REGIONS:
            raise ValueError(f"Unknown school holiday region {region!r}")
        avoid.update(
            holiday_data.Netherlands(
                years=years, subdiv=region, categories=("school",), language=language
            )
        )
    avoid.update(holiday_data.Netherlands(years=years, language=language))
    return avoid


def school_holidays_known(years: Iterable[int]) -> bool:
    return all(year in SCHOOL_HOLIDAY_YEARS for year in years)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _candidates(nominal: date, cadence_weeks: int):
    """Days to try for a slot whose own day is taken, nearest first in the documented order."""
    monday = _monday(nominal)
    same_week = [monday + timedelta(days=d) for d in WEEKDAYS]
    yield from (d for d in same_week if d > nominal)
    yield from sorted((d for d in same_week if d < nominal), reverse=True)
    # With a weekly cadence the neighbouring weeks belong to the neighbouring slots.
    if cadence_weeks > 1:
        yield from (monday + timedelta(days=7 + d) for d in WEEKDAYS)
        yield from (monday - timedelta(days=7 - d) for d in reversed(WEEKDAYS))


def plan(
    first: date,
    cadence_weeks: int,
    count: int | None,
    until: date | None,
    weekday: int,
    holidays: Mapping[date, str] | Set[date],
) -> list[PlannedDate]:
    """Dates every `cadence_weeks` weeks on `weekday` (0 = Monday … 4 = Friday), the first on or
    after `first`, until `count` dates are planned or the next would fall after `until`. No date
    falls on a weekend or on a day in `holidays`; moved dates say why."""
    if weekday not in WEEKDAYS:
        raise ValueError("Meetings are planned on a weekday, Monday to Friday.")
    if cadence_weeks < 1:
        raise ValueError("The cadence is at least one week.")
    if count is None and until is None:
        raise ValueError("Give a number of meetings, an end date, or both.")
    if count is not None and count < 0:
        raise ValueError("The number of meetings cannot be negative.")

    def reason(day: date) -> str:
        return holidays[day] if isinstance(holidays, Mapping) else "holiday"

    start = first + timedelta(days=(weekday - first.weekday()) % 7)
    step = timedelta(weeks=cadence_weeks)
    planned: list[PlannedDate] = []
    for index in range(_MAX_SLOTS):
        if count is not None and len(planned) >= count:
            break
        nominal = start + index * step
        # A slot may move a week back, so it can still land before the end date.
        if until is not None and nominal - timedelta(days=7) > until:
            break
        previous = planned[-1].date if planned else None

        def free(day: date, previous=previous) -> bool:
            return (
                day.weekday() in WEEKDAYS
                and day not in holidays
                and day >= first
                and (until is None or day <= until)
                # Never two meetings in one week.
                and (previous is None or _monday(day) > _monday(previous))
            )

        if free(nominal):
            planned.append(PlannedDate(nominal))
            continue
        if nominal not in holidays:
            continue  # outside the first..until window, or too close to the previous date
        moved_to = next((day for day in _candidates(nominal, cadence_weeks) if free(day)), None)
        if moved_to is not None:
            planned.append(PlannedDate(moved_to, moved_from=nominal, reason=reason(nominal)))
    return planned


# Times: a wall-clock time that the clock skips (spring) or passes twice (autumn) cannot be stored
# without guessing, so the form asks for another time. The helpers live in core, shared with other
# apps' moments (a poll's closing time); they stay importable from here.


def numbered_title(pattern: str, number: int) -> str:
    """The pattern with "{n}" replaced by the meeting's number; no other formatting is done."""
    return pattern.replace("{n}", str(number))
