"""Where a canvas's steps sit on a timeline from today to the horizon. Pure Python."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Mark:
    label: str
    day: date
    x: float  # 0 (today, or the earliest step) … 1 (the horizon, or the latest step)
    lane: int  # marks close together alternate above and below the line


def layout(today: date, horizon: date, steps: list[tuple[str, date]], min_gap: float = 0.12):
    """Marks for `steps` between the earliest of (today, steps) and the latest of (horizon,
    steps), in date order. Marks closer than `min_gap` to the previous one in the same lane move
    to the other lane."""
    days = [today, horizon, *[d for _, d in steps]]
    start, end = min(days), max(days)
    span = max((end - start).days, 1)
    marks: list[Mark] = []
    last_x = {0: -1.0, 1: -1.0}
    for label, day in sorted(steps, key=lambda s: s[1]):
        x = (day - start).days / span
        lane = 0 if x - last_x[0] >= min_gap else 1 if x - last_x[1] >= min_gap else 0
        last_x[lane] = x
        marks.append(Mark(label, day, x, lane))
    return start, end, marks
