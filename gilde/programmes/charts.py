"""Server-rendered SVG for the programme overview: horizontal bars. Pure Python, no Django.

Callers pass values and the words to show (already translated). A bar for a hidden figure is not
drawn: its row says so in words. Each chart has the same numbers in a table next to it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from gilde.core.svg import FONT, GRID, MUTED, PRIMARY, TEXT, shorten
from gilde.core.svg import svg_number as _fmt
from gilde.core.svg import svg_text as _text

WIDTH = 560
LABEL_W = 220
VALUE_W = 60
TOP = 8
ROW_H = 28
BAR_H = 16
CHAR_W = 8.4


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float | None  # None: not shown (too few people, or not known)
    text: str  # the value as people read it ("72%", "3,4"), or why it is missing


def bars_svg(rows: Sequence[BarRow], *, title: str, description: str, uid: str, top=None) -> str:
    """One bar per row, in the given order, scaled to `top` (or the largest value)."""
    largest = max([top or 0, *[row.value for row in rows if row.value is not None], 1e-9])
    height = TOP + ROW_H * max(1, len(rows)) + 8
    room = WIDTH - LABEL_W - VALUE_W
    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--bars" role="img" '
        f'viewBox="0 0 {WIDTH} {_fmt(height)}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="14">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        f'<line x1="{LABEL_W}" y1="{TOP}" x2="{LABEL_W}" y2="{TOP + ROW_H * max(1, len(rows))}" '
        f'stroke="{GRID}" stroke-width="1"/>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_H
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{_fmt(y + ROW_H / 2 + 5)}" text-anchor="end" '
            f'fill="{TEXT}">{_text(shorten(row.label, LABEL_W - 12, CHAR_W))}</text>'
        )
        width = room * max(0.0, row.value) / largest if row.value is not None else 0.0
        bar_y = y + (ROW_H - BAR_H) / 2
        if width > 0:
            parts.append(
                f'<rect x="{LABEL_W}" y="{_fmt(bar_y)}" width="{_fmt(width)}" height="{BAR_H}" '
                f'fill="{PRIMARY}"/>'
            )
        parts.append(
            f'<text x="{_fmt(LABEL_W + width + 4)}" y="{_fmt(bar_y + BAR_H - 3)}" '
            f'font-size="12" fill="{MUTED}">{_text(row.text)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
