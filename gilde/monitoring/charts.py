"""Server-rendered SVG for step 6: the social map, a trend of network figures, the TIS radar.

Pure Python, no Django: callers pass positions, values and the words to show (already
translated) and get markup back. Every text is escaped and every number written with a decimal
point (`core.svg`); colours are presentation attributes because the CSP forbids inline styles.
Each chart has a table with the same data on its page.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gilde.core.svg import FONT, GRID, MUTED, TEXT
from gilde.core.svg import svg_number as _num
from gilde.core.svg import svg_text as _text

from .network import Node

# At least 3:1 against white (WCAG 1.4.11); the eleventh group onwards shares the grey.
PALETTE = (
    "#0b5d66",
    "#a4262c",
    "#5b4a9e",
    "#8a5a00",
    "#1d6b2c",
    "#b0306b",
    "#2f5ea8",
    "#6b5b00",
    "#00796b",
    "#7a4b2a",
)
OTHER = "#6b7378"
OUTSIDE = "#ffffff"
NEW_TIE = "#a4262c"
OLD_TIE = "#9aa6ab"

MAP_W, MAP_H = 800, 560
MARGIN = 24
CHAR_W = 6.6  # rough width of one character at font-size 12
NAMED_LABELS_UP_TO = 40  # more nodes than this: names in the tooltips and the table only


def _shorten(text: str, chars: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def group_colours(nodes: Sequence[Node]) -> dict[str, str]:
    """A colour per group of members, largest groups first; the rest share the grey."""
    counts = Counter(node.group for node in nodes if node.group and not node.outside)
    ranked = sorted(counts, key=lambda group: (-counts[group], group))
    return {group: PALETTE[i] if i < len(PALETTE) else OTHER for i, group in enumerate(ranked)}


@dataclass(frozen=True)
class MapLabels:
    title: str
    description: str


def node_radius(count: int) -> float:
    return max(3.0, min(9.0, 60 / math.sqrt(max(count, 1))))


def map_point(position: tuple[float, float], radius: float) -> tuple[float, float]:
    """Where a layout position in [0, 1]² lands in the drawing, a node's radius inside it."""
    inner = MARGIN + radius
    x = inner + max(0.0, min(1.0, position[0])) * (MAP_W - 2 * inner)
    y = inner + max(0.0, min(1.0, position[1])) * (MAP_H - 2 * inner)
    return x, y


def map_svg(
    nodes: Sequence[Node],
    positions: dict[str, tuple[float, float]],
    pairs: set[frozenset],
    new_pairs: set[frozenset],
    labels: MapLabels,
    *,
    uid: str,
    colours: dict[str, str],
) -> str:
    """The map: `pairs` as lines (those in `new_pairs` thick and red), members as circles in
    their group's colour, outside actors as white squares; names beside the nodes while there
    are few, in each node's tooltip always."""
    radius = node_radius(len(nodes))
    points = {node.key: map_point(positions.get(node.key, (0.5, 0.5)), radius) for node in nodes}
    title_id, desc_id = f"{uid}-title", f"{uid}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--map" role="img" '
        f'viewBox="0 0 {MAP_W} {MAP_H}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{_text(labels.title)}</title>',
        f'<desc id="{desc_id}">{_text(labels.description)}</desc>',
        f'<rect x="0" y="0" width="{MAP_W}" height="{MAP_H}" fill="#ffffff" stroke="{GRID}"/>',
    ]
    old, new = [], []
    for pair in sorted(pairs, key=sorted):
        a, b = sorted(pair)
        if a not in points or b not in points:
            continue
        (x1, y1), (x2, y2) = points[a], points[b]
        line = f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"/>'
        (new if pair in new_pairs else old).append(line)
    if old:
        parts.append(f'<g stroke="{OLD_TIE}" stroke-width="1">{"".join(old)}</g>')
    if new:
        parts.append(f'<g stroke="{NEW_TIE}" stroke-width="2.5">{"".join(new)}</g>')
    show_names = len(nodes) <= NAMED_LABELS_UP_TO
    for node in sorted(nodes, key=lambda n: n.key):
        x, y = points[node.key]
        tip = f"{node.label} ({node.group})" if node.group else node.label
        if node.outside:
            shape = (
                f'<rect x="{_num(x - radius)}" y="{_num(y - radius)}" width="{_num(2 * radius)}" '
                f'height="{_num(2 * radius)}" fill="{OUTSIDE}" stroke="{TEXT}" stroke-width="1.5"/>'
            )
        else:
            colour = colours.get(node.group, OTHER)
            shape = (
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}" fill="{colour}" '
                f'stroke="#ffffff" stroke-width="1"/>'
            )
        name = ""
        if show_names and node.label:
            # Beside the node, towards the middle, so the text never leaves the drawing.
            left = x > MAP_W / 2
            room = int((MAP_W / 2 - radius - 4) // CHAR_W)
            name = (
                f'<text x="{_num(x - radius - 3 if left else x + radius + 3)}" '
                f'y="{_num(y + 4)}" text-anchor="{"end" if left else "start"}" fill="{TEXT}">'
                f"{_text(_shorten(node.label, min(room, 22)))}</text>"
            )
        parts.append(f"<g><title>{_text(tip)}</title>{shape}{name}</g>")
    parts.append("</svg>")
    return "".join(parts)


# A trend: one line per figure over the periods, each on its own 0–max scale.

TREND_W, TREND_H = 640, 240
TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 44, 16, 12, 36
TREND_COLOURS = ("#0b5d66", "#a4262c", "#5b4a9e", "#8a5a00")
TREND_DASHES = ("", "6 3", "2 3", "8 3 2 3")


def trend_svg(
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    uid: str,
    maximum: float = 1.0,
) -> str:
    """Lines over the periods for values from 0 to `maximum` (a share: 1). Each series has its
    own dash pattern as well as its own colour."""
    count = max(1, len(periods))
    plot_w = TREND_W - TREND_LEFT - TREND_RIGHT
    plot_h = TREND_H - TREND_TOP - TREND_BOTTOM
    step = plot_w / count
    maximum = maximum or 1.0

    def x_of(index: int) -> float:
        return TREND_LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return TREND_TOP + plot_h * (1 - max(0.0, min(maximum, value)) / maximum)

    title_id = f"{uid}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--trend" role="img" '
        f'viewBox="0 0 {TREND_W} {TREND_H}" aria-labelledby="{title_id}" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{_text(title)}</title>',
    ]
    for fraction in (0, 0.5, 1):
        y = y_of(maximum * fraction)
        parts.append(
            f'<line x1="{TREND_LEFT}" y1="{_num(y)}" x2="{TREND_W - TREND_RIGHT}" '
            f'y2="{_num(y)}" stroke="{GRID}"/>'
            f'<text x="{TREND_LEFT - 6}" y="{_num(y + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_num(maximum * fraction)}</text>"
        )
    for index, label in enumerate(periods):
        parts.append(
            f'<text x="{_num(x_of(index))}" y="{TREND_H - 12}" text-anchor="middle" '
            f'fill="{MUTED}">{_text(_shorten(label, max(1, int(step // CHAR_W))))}</text>'
        )
    for number, (name, values) in enumerate(series):
        colour = TREND_COLOURS[number % len(TREND_COLOURS)]
        dash = TREND_DASHES[number % len(TREND_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = [
            f"{_num(x_of(i))},{_num(y_of(v))}"
            for i, v in enumerate(values[:count])
            if v is not None
        ]
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash_attr}><title>{_text(name)}</title></polyline>'
            )
        for i, value in enumerate(values[:count]):
            if value is not None:
                parts.append(
                    f'<circle cx="{_num(x_of(i))}" cy="{_num(y_of(value))}" r="3.5" '
                    f'fill="{colour}"><title>{_text(name)}, {_text(periods[i])}</title></circle>'
                )
    parts.append("</svg>")
    return "".join(parts)


# The TIS radar: seven axes from 1 (centre) to 5, one polygon per moment.

RADAR_W, RADAR_H = 620, 400
RADAR_R = 140
RADAR_COLOURS = ("#0b5d66", "#a4262c", "#5b4a9e", "#8a5a00")
RADAR_DASHES = ("", "6 3", "2 3", "8 3 2 3")


def radar_svg(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    uid: str,
) -> str:
    """A radar of 1–5 values on `axes`; a None value is drawn at the centre and named so in the
    point's tooltip by the caller's table. Labels sit outside the outer ring."""
    cx, cy = RADAR_W / 2, RADAR_H / 2 + 6
    count = max(1, len(axes))

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        radius = RADAR_R * (max(1.0, min(5.0, value)) - 1) / 4
        return cx + radius * math.cos(angle), cy + radius * math.sin(angle)

    title_id = f"{uid}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--radar" role="img" '
        f'viewBox="0 0 {RADAR_W} {RADAR_H}" aria-labelledby="{title_id}" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{_text(title)}</title>',
    ]
    for level in range(2, 6):
        ring = " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, level) for i in range(count)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}"/>')
    for index, axis in enumerate(axes):
        x, y = point(index, 5)
        parts.append(
            f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" stroke="{GRID}"/>'
        )
        angle = -math.pi / 2 + 2 * math.pi * index / count
        lx = cx + (RADAR_R + 12) * math.cos(angle)
        ly = cy + (RADAR_R + 12) * math.sin(angle) + 4
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if lx > cx else "end")
        room = (RADAR_W - lx - 4) if anchor == "start" else lx - 4
        if anchor == "middle":
            room = RADAR_W
        parts.append(
            f'<text x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" fill="{TEXT}">'
            f"{_text(_shorten(axis, max(4, int(room // CHAR_W))))}</text>"
        )
    for number, (name, values) in enumerate(series):
        colour = RADAR_COLOURS[number % len(RADAR_COLOURS)]
        dash = RADAR_DASHES[number % len(RADAR_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        ring = " ".join(
            f"{_num(x)},{_num(y)}"
            for x, y in (point(i, v if v is not None else 1) for i, v in enumerate(values))
        )
        parts.append(
            f'<polygon points="{ring}" fill="{colour}" fill-opacity="0.12" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}><title>{_text(name)}</title></polygon>'
        )
    parts.append("</svg>")
    return "".join(parts)
