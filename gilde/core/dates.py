"""Calendar arithmetic without Django, so it can be tested on its own."""

import calendar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# Times. Gilde's moments (meetings, a poll's closing) happen in Amsterdam; a wall-clock time that
# the clock skips (spring) or passes twice (autumn) cannot be stored without guessing, so forms
# ask for another time.

NONEXISTENT = "nonexistent"
AMBIGUOUS = "ambiguous"


def local_time_problem(day: date, start: time, tz: ZoneInfo = AMSTERDAM) -> str | None:
    """NONEXISTENT when the clock skips `start` on `day`, AMBIGUOUS when it passes it twice."""
    naive = datetime.combine(day, start)
    early, late = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    round_trip = early.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        return NONEXISTENT
    if early.utcoffset() != late.utcoffset():
        return AMBIGUOUS
    return None


def local_datetime(day: date, start: time, tz: ZoneInfo = AMSTERDAM) -> datetime:
    """`start` on `day` in `tz`, aware. Raises ValueError for a time that does not exist or
    repeats on that day."""
    problem = local_time_problem(day, start, tz)
    if problem:
        raise ValueError(f"{start} on {day} is {problem} in {tz.key}")
    return datetime.combine(day, start, tzinfo=tz)
