"""Server-rendered SVG for step 2's composition dashboard: horizontal bar charts of counts.

Pure Python, no Django: callers pass counts and the words to show (already translated), and get
markup back. Every text is escaped; colours are presentation attributes because the CSP forbids
inline styles. The charts are for sighted readers: the dashboard shows the same counts in a table
next to each chart.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from gilde.core.svg import FONT, GRID, MUTED, PRIMARY, TEXT, shorten
from gilde.core.svg import svg_number as _fmt
from gilde.core.svg import svg_text as _text

WIDTH = 520
LABEL_W = 210  # room for the category names, right-aligned against the bars
VALUE_W = 36  # room for the count after the longest bar
TOP = 8
ROW_H = 30
PAIR_ROW_H = 40
BAR_H = 18
PAIR_BAR_H = 15
LEGEND_H = 30
CHAR_W = 8.8  # width of a wide character at font-size 14: labels are never cut off
MAX_BARS = 12
# The what-if bars: a white fill with a dark outline, so "with candidates" does not rest on
# colour alone (3:1 against white for the outline, WCAG 1.4.11).
WHAT_IF_STROKE = "#1c2326"


def _shorten(text: str, room: float) -> str:
    return shorten(text, room, CHAR_W)


@dataclass(frozen=True)
class ChartLabels:
    """The words in a chart, translated by the caller."""

    title: str
    description: str
    more: str = "%(count)s more in the table"  # the categories beyond MAX_BARS
    now: str = "Now"
    what_if: str = "With the selected candidates"


def bar_chart_svg(
    rows: Sequence[tuple[str, int]],
    labels: ChartLabels,
    *,
    uid: str,
    what_if: Sequence[tuple[str, int]] | None = None,
) -> str:
    """Bars for (category, count) rows, in the given order; with `what_if`, a second, outlined
    bar per category shows the count with the candidates added (its order wins).

    At most MAX_BARS categories get a bar; a note points to the table for the rest, rather than
    one "others" bar that would dwarf the real ones."""
    order = [key for key, _count in (what_if if what_if is not None else rows)]
    seen = set(order)
    order += [key for key, _count in rows if key not in seen]
    keys, rest = order[:MAX_BARS], len(order) - MAX_BARS
    now = dict(rows)
    after = dict(what_if) if what_if is not None else None
    shown = [now.get(key, 0) for key in keys] + [after.get(key, 0) for key in keys if after]
    largest = max([1, *shown])
    row_h = PAIR_ROW_H if after is not None else ROW_H
    legend = LEGEND_H if after is not None else 0
    bars_h = row_h * max(1, len(keys))
    height = TOP + legend + bars_h + (ROW_H if rest > 0 else 0) + 8
    bar_room = WIDTH - LABEL_W - VALUE_W

    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--bars" role="img" '
        f'viewBox="0 0 {WIDTH} {_fmt(height)}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="14">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<desc id="{desc_id}">{_text(labels.description)}</desc>',
    ]
    if after is not None:
        y = TOP + 4
        second = round(28 + len(labels.now) * CHAR_W + 24)
        parts += [
            f'<rect x="8" y="{y}" width="14" height="14" fill="{PRIMARY}"/>',
            f'<text x="28" y="{y + 12}" fill="{TEXT}">{_text(labels.now)}</text>',
            f'<rect x="{second}" y="{y}" width="14" height="14" fill="#ffffff" '
            f'stroke="{WHAT_IF_STROKE}" stroke-width="1.5"/>',
            f'<text x="{second + 20}" y="{y + 12}" fill="{TEXT}">{_text(labels.what_if)}</text>',
        ]
    top = TOP + legend
    parts.append(
        f'<line x1="{LABEL_W}" y1="{top}" x2="{LABEL_W}" y2="{top + bars_h}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    for index, key in enumerate(keys):
        y = top + index * row_h
        parts.append(
            f"<g><title>{_text(key)}</title>"
            f'<text x="{LABEL_W - 8}" y="{_fmt(y + row_h / 2 + 5)}" text-anchor="end" '
            f'fill="{TEXT}">{_text(_shorten(key, LABEL_W - 12))}</text>'
        )
        bars = [(now.get(key, 0), PRIMARY, None)]
        if after is not None:
            bars.append((after.get(key, 0), "#ffffff", WHAT_IF_STROKE))
        bar_h = PAIR_BAR_H if after is not None else BAR_H
        bar_y = y + (row_h - bar_h * len(bars)) / 2
        for count, fill, stroke in bars:
            width = bar_room * count / largest
            outline = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
            if count:
                parts.append(
                    f'<rect x="{LABEL_W}" y="{_fmt(bar_y)}" width="{_fmt(width)}" '
                    f'height="{bar_h}" fill="{fill}"{outline}/>'
                )
            parts.append(
                f'<text x="{_fmt(LABEL_W + width + 4)}" y="{_fmt(bar_y + bar_h - 3)}" '
                f'font-size="12" fill="{MUTED}">{count}</text>'
            )
            bar_y += bar_h
        parts.append("</g>")
    if rest > 0:
        parts.append(
            f'<text x="{LABEL_W}" y="{top + bars_h + ROW_H / 2 + 5}" fill="{MUTED}">'
            f"{_text(labels.more % {'count': rest})}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
