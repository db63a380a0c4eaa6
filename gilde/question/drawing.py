"""Server-rendered SVG for step 1's environment analysis: the power/interest grid and the problem
tree.

Pure Python, no Django: callers pass plain data and the words to show (already translated), and get
markup back. Every text goes through `svg_text`, so names with `<`, `&` or quotes keep
the SVG well-formed. Colours are presentation attributes, not `style`, because the CSP forbids
inline styles. The drawings are decoration for sighted readers: each page shows the same data as a
table or a list next to them.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gilde.core.svg import FONT, GRID, MUTED, PRIMARY, SURFACE, TEXT, shorten
from gilde.core.svg import svg_number as _fmt
from gilde.core.svg import svg_text as _text

# Quadrants of the power/interest grid (Mendelow), by (high power, high interest).
MANAGE_CLOSELY = "manage_closely"
KEEP_SATISFIED = "keep_satisfied"
KEEP_INFORMED = "keep_informed"
MONITOR = "monitor"
QUADRANTS = (MANAGE_CLOSELY, KEEP_SATISFIED, KEEP_INFORMED, MONITOR)

# A score counts as high from this value up. The middle of a 1–5 scale counts as high: a party
# of middling power is one to keep an eye on rather than to overlook.
HIGH_FROM = 3

# Dot fill, symbol colour and symbol per attitude. The fills reach at least 3:1 against white
# (WCAG 1.4.11) and the symbols at least 4.5:1 against their fill, so the attitude does not rest
# on colour alone; the table beside the grid says it in words too.
ATTITUDE_STYLE: dict[str, tuple[str, str, str]] = {
    "supportive": ("#1d6b2c", "#ffffff", "+"),
    "neutral": ("#4d5a60", "#ffffff", "0"),
    "critical": ("#a4262c", "#ffffff", "\u2212"),  # minus sign
    "unknown": ("#ffffff", "#1c2326", "?"),
}


def quadrant(power: int, interest: int) -> str:
    """The grid quadrant of a power and an interest score (1–5)."""
    high_power, high_interest = power >= HIGH_FROM, interest >= HIGH_FROM
    if high_power:
        return MANAGE_CLOSELY if high_interest else KEEP_SATISFIED
    return KEEP_INFORMED if high_interest else MONITOR


@dataclass(frozen=True)
class GridPoint:
    name: str
    power: int
    interest: int
    attitude: str = "unknown"


@dataclass(frozen=True)
class GridLabels:
    """The words in the grid, translated by the caller."""

    title: str
    description: str
    interest_axis: str
    power_axis: str
    quadrants: Mapping[str, str]
    attitudes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Placed:
    point: GridPoint
    x: float
    y: float
    label_width: float


# Grid geometry (user units of the viewBox).
GRID_WIDTH = 720
GRID_HEIGHT = 560
PLOT_LEFT = 64
PLOT_TOP = 16
PLOT_RIGHT = GRID_WIDTH - 16
PLOT_BOTTOM = GRID_HEIGHT - 96
CELL_W = (PLOT_RIGHT - PLOT_LEFT) / 5
CELL_H = (PLOT_BOTTOM - PLOT_TOP) / 5
DOT_R = 7
ROW_STEP = 17  # vertical room one dot and its label need
CHAR_W = 6.9  # width of a wide character at font-size 11: labels are never cut off
LABEL_BAND = 18  # room for a quadrant name at the top or bottom of the plot


def _score_x(interest: float) -> float:
    return PLOT_LEFT + (interest - 1) * CELL_W


def _score_y(power: float) -> float:
    return PLOT_BOTTOM - (power - 1) * CELL_H


def _shorten(text: str, room: float) -> str:
    return shorten(text, room, CHAR_W)


def place_points(points: Sequence[GridPoint]) -> list[Placed]:
    """Spread the points that share a cell over it in rows and columns, in name order.

    The same input always gives the same positions, and every dot stays inside its cell.
    """
    cells: dict[tuple[int, int], list[GridPoint]] = {}
    for point in points:
        cells.setdefault((point.interest, point.power), []).append(point)
    placed = []
    per_column = max(1, int((CELL_H - LABEL_BAND - 2 * DOT_R) // ROW_STEP))
    for (interest, power), group in sorted(cells.items()):
        group = sorted(group, key=lambda p: (p.name.casefold(), p.name, p.attitude))
        columns = math.ceil(len(group) / per_column)
        rows = math.ceil(len(group) / columns)
        column_w = CELL_W / columns
        left, top = _score_x(interest), _score_y(power + 1)
        # The outer rows leave room for the quadrant names in the corners.
        inset_top = LABEL_BAND if power == 5 else 0
        inset_bottom = LABEL_BAND if power == 1 else 0
        usable = CELL_H - inset_top - inset_bottom - 2 * DOT_R - 6
        spacing = min(ROW_STEP * 1.4, usable / (rows - 1)) if rows > 1 else 0
        first_y = top + inset_top + (CELL_H - inset_top - inset_bottom - spacing * (rows - 1)) / 2
        for index, point in enumerate(group):
            column, row = divmod(index, rows)
            x = left + column * column_w + min(DOT_R + 4, column_w / 2)
            y = first_y + row * spacing
            label_width = column_w - (x - left - column * column_w) - DOT_R - 6
            placed.append(Placed(point, x, y, label_width))
    return placed


def stakeholder_grid_svg(points: Sequence[GridPoint], labels: GridLabels, *, uid: str) -> str:
    """The power/interest grid: interest to the right, power upwards, one dot per stakeholder."""
    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    mid_x, mid_y = _score_x(HIGH_FROM), _score_y(HIGH_FROM)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--grid" role="img" '
        f'viewBox="0 0 {GRID_WIDTH} {GRID_HEIGHT}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{_text(FONT)}" font-size="11" fill="{_text(TEXT)}">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<desc id="{desc_id}">{_text(labels.description)}</desc>',
    ]
    # Quadrant backgrounds: the high-interest, high-power one is shaded.
    out.append(
        f'<path d="M{_fmt(mid_x)} {PLOT_TOP}H{PLOT_RIGHT}V{_fmt(mid_y)}H{_fmt(mid_x)}Z" '
        f'fill="{_text(SURFACE)}"/>'
    )
    for i in range(6):
        x, y = PLOT_LEFT + i * CELL_W, PLOT_TOP + i * CELL_H
        out.append(
            f'<line x1="{_fmt(x)}" y1="{PLOT_TOP}" x2="{_fmt(x)}" y2="{PLOT_BOTTOM}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<line x1="{PLOT_LEFT}" y1="{_fmt(y)}" x2="{PLOT_RIGHT}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    out.append(
        f'<line x1="{_fmt(mid_x)}" y1="{PLOT_TOP}" x2="{_fmt(mid_x)}" y2="{PLOT_BOTTOM}" '
        f'stroke="{MUTED}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<line x1="{PLOT_LEFT}" y1="{_fmt(mid_y)}" x2="{PLOT_RIGHT}" y2="{_fmt(mid_y)}" '
        f'stroke="{MUTED}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    # Quadrant names, in the outer corner of each quadrant.
    corners = {
        MANAGE_CLOSELY: (PLOT_RIGHT - 6, PLOT_TOP + 14, "end"),
        KEEP_SATISFIED: (PLOT_LEFT + 6, PLOT_TOP + 14, "start"),
        KEEP_INFORMED: (PLOT_RIGHT - 6, PLOT_BOTTOM - 6, "end"),
        MONITOR: (PLOT_LEFT + 6, PLOT_BOTTOM - 6, "start"),
    }
    for key in QUADRANTS:
        x, y, anchor = corners[key]
        out.append(
            f'<text class="chart__quadrant" x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" '
            f'font-size="13" font-weight="700" fill="{PRIMARY}">'
            f"{_text(labels.quadrants.get(key, key))}</text>"
        )
    # Scale 1–5 on both axes, and the axis titles.
    for score in range(1, 6):
        cx = _score_x(score + 0.5)
        cy = _score_y(score + 0.5)
        out.append(
            f'<text x="{_fmt(cx)}" y="{PLOT_BOTTOM + 16}" text-anchor="middle" '
            f'fill="{MUTED}">{score}</text>'
        )
        out.append(
            f'<text x="{PLOT_LEFT - 8}" y="{_fmt(cy + 4)}" text-anchor="end" '
            f'fill="{MUTED}">{score}</text>'
        )
    out.append(
        f'<text x="{_fmt((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="{PLOT_BOTTOM + 36}" '
        f'text-anchor="middle" font-size="13" font-weight="700">'
        f"{_text(labels.interest_axis)}</text>"
    )
    axis_y = (PLOT_TOP + PLOT_BOTTOM) / 2
    out.append(
        f'<text x="20" y="{_fmt(axis_y)}" text-anchor="middle" font-size="13" font-weight="700" '
        f'transform="rotate(-90 20 {_fmt(axis_y)})">{_text(labels.power_axis)}</text>'
    )
    # Legend: one symbol per attitude, in words.
    legend_x, legend_y = PLOT_LEFT, PLOT_BOTTOM + 66
    for code, label in labels.attitudes.items():
        fill, ink, symbol = ATTITUDE_STYLE.get(code, ATTITUDE_STYLE["unknown"])
        text = _shorten(label, 130)
        out.append(
            f'<g class="chart__legend"><circle cx="{_fmt(legend_x + DOT_R)}" '
            f'cy="{_fmt(legend_y)}" r="{DOT_R}" fill="{fill}" stroke="{TEXT}" '
            f'stroke-width="1"/><text x="{_fmt(legend_x + DOT_R)}" y="{_fmt(legend_y + 4)}" '
            f'text-anchor="middle" font-weight="700" fill="{ink}">{_text(symbol)}</text>'
            f'<text x="{_fmt(legend_x + 2 * DOT_R + 6)}" y="{_fmt(legend_y + 4)}">'
            f"{_text(text)}</text></g>"
        )
        legend_x += 2 * DOT_R + 12 + len(text) * CHAR_W + 18
    # The stakeholders.
    for item in place_points(points):
        fill, ink, symbol = ATTITUDE_STYLE.get(item.point.attitude, ATTITUDE_STYLE["unknown"])
        out.append(
            f'<g class="chart__point"><circle cx="{_fmt(item.x)}" cy="{_fmt(item.y)}" '
            f'r="{DOT_R}" fill="{fill}" stroke="{TEXT}" stroke-width="1"/>'
            f'<text x="{_fmt(item.x)}" y="{_fmt(item.y + 4)}" text-anchor="middle" '
            f'font-weight="700" fill="{ink}">{_text(symbol)}</text>'
        )
        if item.label_width >= CHAR_W:
            out.append(
                f'<text x="{_fmt(item.x + DOT_R + 3)}" y="{_fmt(item.y + 4)}">'
                f"{_text(_shorten(item.point.name, item.label_width))}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# Problem tree


@dataclass(frozen=True)
class TreeItem:
    text: str
    children: Sequence["TreeItem"] = ()


@dataclass(frozen=True)
class TreeLabels:
    title: str
    description: str
    effects: str
    causes: str


BOX_W = 172
BOX_H = 58
GAP_X = 16
GAP_Y = 40
TREE_MARGIN = 16
SIDE_LABEL_H = 20
LINE_CHARS = 22
MAX_LINES = 3


def wrap_lines(text: str, width: int = LINE_CHARS, max_lines: int = MAX_LINES) -> list[str]:
    """Break a text into at most `max_lines` lines of about `width` characters, with … if cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:  # one very long word: cut it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[: max_lines - 1], last[: width - 1].rstrip() + "…"]
    return lines or [""]


def _box(x: float, y: float, text: str, kind: str) -> str:
    fill, stroke = {
        "central": (PRIMARY, PRIMARY),
        "cause": ("#ffffff", TEXT),
        "effect": (SURFACE, TEXT),
    }[kind]
    ink = "#ffffff" if kind == "central" else TEXT
    lines = wrap_lines(text)
    first_y = y + BOX_H / 2 - (len(lines) - 1) * 7 + 4
    spans = "".join(
        f'<tspan x="{_fmt(x + BOX_W / 2)}" y="{_fmt(first_y + i * 14)}">{_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    weight = ' font-weight="700"' if kind == "central" else ""
    return (
        f'<g class="tree__node tree__node--{kind}"><rect class="tree-box" x="{_fmt(x)}" '
        f'y="{_fmt(y)}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5"/><text text-anchor="middle" fill="{ink}"'
        f"{weight}>{spans}</text></g>"
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
        f'stroke="{MUTED}" stroke-width="1.5"/>'
    )


def _span(item: TreeItem) -> int:
    return max(1, len(item.children))


def problem_tree_svg(
    central: str,
    causes: Sequence[TreeItem],
    effects: Sequence[TreeItem],
    labels: TreeLabels,
    *,
    uid: str,
) -> str:
    """The tree: effects (and their sub-effects) above the central problem, causes below it.

    Read downwards it answers "why?", upwards "if … then". Each first-level item sits centred
    over its own sub-items, so no lines cross.
    """
    slot = BOX_W + GAP_X
    cause_slots = sum(_span(c) for c in causes)
    effect_slots = sum(_span(e) for e in effects)
    slots = max(1, cause_slots, effect_slots)
    width = 2 * TREE_MARGIN + slots * slot - GAP_X
    effect_sub = any(e.children for e in effects)
    cause_sub = any(c.children for c in causes)
    rows = []  # (name, y)
    y = TREE_MARGIN + SIDE_LABEL_H
    for name, present in (
        ("effect_sub", effect_sub),
        ("effect", bool(effects)),
        ("central", True),
        ("cause", bool(causes)),
        ("cause_sub", cause_sub),
    ):
        if present:
            rows.append((name, y))
            y += BOX_H + GAP_Y
    height = y - GAP_Y + TREE_MARGIN + SIDE_LABEL_H
    row_y = dict(rows)
    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--tree" role="img" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{_text(FONT)}" font-size="12" fill="{_text(TEXT)}">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<desc id="{desc_id}">{_text(labels.description)}</desc>',
    ]
    central_x = width / 2 - BOX_W / 2
    central_y = row_y["central"]
    if effects:
        out.append(
            f'<text x="{TREE_MARGIN}" y="{TREE_MARGIN + 12}" font-weight="700" '
            f'fill="{MUTED}">{_text(labels.effects)}</text>'
        )
    if causes:
        out.append(
            f'<text x="{TREE_MARGIN}" y="{_fmt(height - TREE_MARGIN - 4)}" font-weight="700" '
            f'fill="{MUTED}">{_text(labels.causes)}</text>'
        )
    lines, boxes = [], []
    for items, kind, used in ((effects, "effect", effect_slots), (causes, "cause", cause_slots)):
        upward = kind == "effect"
        left = TREE_MARGIN + (slots - used) * slot / 2
        for item in items:
            span = _span(item)
            x = left + (span * slot - GAP_X) / 2 - BOX_W / 2
            y = row_y[kind]
            boxes.append(_box(x, y, item.text, kind))
            if upward:
                lines.append(_line(x + BOX_W / 2, y + BOX_H, width / 2, central_y))
            else:
                lines.append(_line(x + BOX_W / 2, y, width / 2, central_y + BOX_H))
            for i, child in enumerate(item.children):
                cx = left + i * slot
                cy = row_y[f"{kind}_sub"]
                boxes.append(_box(cx, cy, child.text, kind))
                if upward:
                    lines.append(_line(cx + BOX_W / 2, cy + BOX_H, x + BOX_W / 2, y))
                else:
                    lines.append(_line(cx + BOX_W / 2, cy, x + BOX_W / 2, y + BOX_H))
            left += span * slot
    out.extend(lines)
    out.append(_box(central_x, central_y, central, "central"))
    out.extend(boxes)
    out.append("</svg>")
    return "".join(out)
