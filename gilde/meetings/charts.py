"""Server-rendered SVG for the evaluation trend: the scale questions' averages across meetings.

Pure Python, no Django: callers pass the meetings' labels, one series of averages per question
(None where too few people answered) and the words to show, already translated; they get markup
back. Every text is escaped; colours are presentation attributes because the CSP forbids inline
styles. Each series has its own marker shape as well as its own colour, so telling them apart
does not rest on colour alone; the trend page shows the same numbers in a table next to it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gilde.core.svg import FONT, GRID, MUTED, TEXT, shorten
from gilde.core.svg import svg_number as _num
from gilde.core.svg import svg_text as _text

# At least 3:1 against white (WCAG 1.4.11), and distinct for the common colour-vision deficits.
SERIES_COLOURS = ("#0b5d66", "#a4262c", "#5b4a9e", "#8a5a00", "#1d6b2c", "#1c2326")
MARKERS = ("circle", "square", "triangle", "diamond")

LEFT = 40  # room for the 1–5 axis labels
RIGHT = 16
LEGEND_ROW = 22
PLOT_H = 200
BOTTOM = 40  # room for the meeting labels
MIN_WIDTH = 520
STEP_W = 56  # horizontal room per meeting
CHAR_W = 8.2  # width of a wide character at font-size 13: labels are never cut off
SCALE_MIN, SCALE_MAX = 1, 5


def _shorten(text: str, room: float) -> str:
    return shorten(text, room, CHAR_W)


@dataclass(frozen=True)
class TrendLabels:
    """The words in the chart, translated by the caller."""

    title: str
    description: str
    too_few: str = "too few answers"


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return (
            f'<rect x="{_num(x - 4.5)}" y="{_num(y - 4.5)}" width="9" height="9" fill="{colour}"/>'
        )
    if shape == "triangle":
        points = (
            f"{_num(x)},{_num(y - 6)} {_num(x + 5.5)},{_num(y + 4)} {_num(x - 5.5)},{_num(y + 4)}"
        )
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = " ".join(
            f"{_num(px)},{_num(py)}" for px, py in ((x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y))
        )
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" fill="{colour}"/>'


def trend_chart_svg(
    meetings: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    labels: TrendLabels,
    *,
    uid: str,
    fmt: Callable[[float], str] = _num,
) -> str:
    """A line per (name, values) series over the meetings (labels on the x axis), on the 1–5
    scale. A None value leaves a gap in the line and a hollow mark on the axis saying there were
    too few answers. `fmt` writes a value the way the reader expects (a decimal comma in Dutch)."""
    count = max(1, len(meetings))
    width = max(MIN_WIDTH, LEFT + RIGHT + count * STEP_W)
    legend_h = LEGEND_ROW * len(series) + 8
    top = legend_h + 8
    height = top + PLOT_H + BOTTOM
    step = (width - LEFT - RIGHT) / count

    def x_of(index: int) -> float:
        return LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return top + PLOT_H * (SCALE_MAX - value) / (SCALE_MAX - SCALE_MIN)

    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--trend" role="img" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<desc id="{desc_id}">{_text(labels.description)}</desc>',
    ]
    for index, (name, _values) in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        shape = MARKERS[index % len(MARKERS)]
        y = 8 + index * LEGEND_ROW + LEGEND_ROW / 2
        parts.append(
            f'<line x1="8" y1="{_num(y)}" x2="32" y2="{_num(y)}" stroke="{colour}" '
            f'stroke-width="2"/>'
            + _marker(shape, 20, y, colour)
            + f'<text x="40" y="{_num(y + 4.5)}" fill="{TEXT}">'
            f"{_text(_shorten(name, width - 48))}</text>"
        )
    for value in range(SCALE_MIN, SCALE_MAX + 1):
        y = y_of(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{_num(y)}" x2="{_num(width - RIGHT)}" y2="{_num(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 10}" y="{_num(y + 4.5)}" text-anchor="end" fill="{MUTED}">'
            f"{value}</text>"
        )
    for index, label in enumerate(meetings):
        parts.append(
            f'<text x="{_num(x_of(index))}" y="{_num(top + PLOT_H + 24)}" text-anchor="middle" '
            f'fill="{MUTED}">{_text(_shorten(label, step - 4))}</text>'
        )
    baseline = top + PLOT_H
    for index, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        shape = MARKERS[index % len(MARKERS)]
        segment: list[str] = []
        segments: list[list[str]] = []
        for position, value in enumerate(values[: len(meetings)]):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{_num(x_of(position))},{_num(y_of(value))}")
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"/>'
                )
        for position, value in enumerate(values[: len(meetings)]):
            meeting = meetings[position]
            if value is None:
                continue
            parts.append(
                f"<g><title>{_text(name)}, {_text(meeting)}: {_text(fmt(value))}</title>"
                + _marker(shape, x_of(position), y_of(value), colour)
                + "</g>"
            )
    # One hollow mark per meeting without any value: "too few answers".
    for position, meeting in enumerate(meetings):
        if all(position >= len(values) or values[position] is None for _name, values in series):
            parts.append(
                f"<g><title>{_text(meeting)}: {_text(labels.too_few)}</title>"
                f'<circle cx="{_num(x_of(position))}" cy="{_num(baseline)}" r="5" '
                f'fill="#ffffff" stroke="{MUTED}" stroke-width="1.5"/></g>'
            )
    parts.append("</svg>")
    return "".join(parts)


# The ownership chart: the share of agenda items led by participants, one bar per held meeting.

OWNERSHIP_WIDTH = 480
OWNERSHIP_HEIGHT = 160
OWNERSHIP_LEFT = 28  # room for the target's label
OWNERSHIP_BOTTOM = 20  # room for the meetings' numbers
OWNERSHIP_TOP = 8


@dataclass(frozen=True)
class OwnershipLabels:
    """The words in the chart, translated by the caller."""

    title: str
    target: str  # the target line's label, e.g. "25%"


def ownership_chart_svg(
    shares: Sequence[int], *, target: int, labels: OwnershipLabels, uid: str
) -> str:
    """Bars of the participant-led share (0–100) per meeting, numbered from 1 as in the table
    beside it, with a dashed line at the `target` share."""
    usable_w = OWNERSHIP_WIDTH - OWNERSHIP_LEFT - 8
    usable_h = OWNERSHIP_HEIGHT - OWNERSHIP_BOTTOM - OWNERSHIP_TOP
    step = usable_w / max(len(shares), 1)
    axis_y = OWNERSHIP_TOP + usable_h
    target_y = OWNERSHIP_TOP + usable_h * (100 - target) / 100
    right = OWNERSHIP_WIDTH - 8
    title_id = f"{uid}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {OWNERSHIP_WIDTH} {OWNERSHIP_HEIGHT}" aria-labelledby="{title_id}" '
        f'font-family="{FONT}">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<line x1="{OWNERSHIP_LEFT}" y1="{_num(axis_y)}" x2="{right}" y2="{_num(axis_y)}" '
        f'class="chart__axis"/>',
        f'<line x1="{OWNERSHIP_LEFT}" y1="{_num(target_y)}" x2="{right}" y2="{_num(target_y)}" '
        f'class="chart__target"/>',
        f'<text x="2" y="{_num(target_y)}" class="chart__label" dominant-baseline="middle">'
        f"{_text(labels.target)}</text>",
    ]
    for index, share in enumerate(shares):
        bar_h = usable_h * max(0, min(100, share)) / 100
        parts.append(
            f'<rect x="{_num(OWNERSHIP_LEFT + index * step + step * 0.15)}" '
            f'y="{_num(axis_y - bar_h)}" width="{_num(step * 0.7)}" height="{_num(bar_h)}" '
            f'class="chart__bar"/>'
            f'<text x="{_num(OWNERSHIP_LEFT + index * step + step / 2)}" '
            f'y="{OWNERSHIP_HEIGHT - 4}" text-anchor="middle" class="chart__label">'
            f"{index + 1}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
