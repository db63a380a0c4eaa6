"""Server-rendered SVG for reports: a horizontal bar chart (results per yield level).

Pure Python, no Django: callers pass labels and counts, and the words already translated; they get
markup back. Every text is escaped (gilde.core.svg); the report shows the same numbers in a table.
"""

from collections.abc import Sequence

from gilde.core.svg import FONT, GRID, PRIMARY, TEXT, shorten, svg_number, svg_text

LABEL_W = 230
BAR_W = 300
ROW_H = 28
CHAR_W = 7.6


def bar_chart(*, title: str, rows: Sequence[tuple[str, int]]) -> str:
    """A bar per (label, count), the count written beside the bar."""
    top = max((count for _label, count in rows), default=0) or 1
    width = LABEL_W + BAR_W + 50
    height = ROW_H * len(rows) + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{svg_text(title)}" '
        f'font-family="{svg_text(FONT)}" font-size="13">',
        f"<title>{svg_text(title)}</title>",
        f'<line x1="{LABEL_W}" y1="0" x2="{LABEL_W}" y2="{height - 6}" stroke="{GRID}"/>',
    ]
    for index, (label, count) in enumerate(rows):
        y = 6 + index * ROW_H
        bar = BAR_W * count / top
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{svg_number(y + 17)}" text-anchor="end" fill="{TEXT}">'
            f"{svg_text(shorten(label, LABEL_W - 12, CHAR_W))}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_W}" y="{svg_number(y + 4)}" width="{svg_number(bar)}" height="18" '
            f'fill="{PRIMARY}"/>'
        )
        parts.append(
            f'<text x="{svg_number(LABEL_W + bar + 6)}" y="{svg_number(y + 17)}" fill="{TEXT}">'
            f"{svg_number(count, 0)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
