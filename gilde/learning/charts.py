"""The canvas as an SVG timeline: today on the left, the horizon on the right, the steps back
in time between them. Numbers through `svg_number`; the page has the steps as a list too."""

from datetime import date
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gilde.core.svg import FONT, GRID, MUTED, PRIMARY, TEXT, svg_number

from .timeline import layout

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT = 40, 40
AXIS_Y = 100


def _x(fraction: float) -> float:
    return LEFT + fraction * (WIDTH - LEFT - RIGHT)


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def canvas_timeline_svg(*, canvas, steps, today: date) -> str:
    start, end, marks = layout(today, canvas.horizon, [(s.title, s.due_on) for s in steps])
    span = max((end - start).days, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart timeline" role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">{escape(_("Steps from today to the horizon"))}</title>',
        f'<line x1="{LEFT}" y1="{AXIS_Y}" x2="{WIDTH - RIGHT}" y2="{AXIS_Y}" '
        f'stroke="{GRID}" stroke-width="3"/>',
    ]
    for fraction, label, colour in (
        ((today - start).days / span, _("today"), MUTED),
        ((canvas.horizon - start).days / span, _("horizon"), PRIMARY),
    ):
        x = svg_number(_x(fraction))
        parts.append(
            f'<line x1="{x}" y1="{AXIS_Y - 14}" x2="{x}" y2="{AXIS_Y + 14}" stroke="{colour}" '
            f'stroke-width="2"/>'
            f'<text x="{x}" y="{AXIS_Y + 30}" text-anchor="middle" font-family="{FONT}" '
            f'font-size="12" fill="{colour}">{escape(label)}</text>'
        )
    for mark in marks:
        x = svg_number(_x(mark.x))
        y = AXIS_Y - 40 if mark.lane == 0 else AXIS_Y + 56
        when = date_format(mark.day, "N Y")
        parts.append(
            f'<circle cx="{x}" cy="{AXIS_Y}" r="6" fill="{PRIMARY}"/>'
            f'<line x1="{x}" y1="{AXIS_Y}" x2="{x}" y2="{svg_number(y + 4)}" stroke="{GRID}"/>'
            f'<text x="{x}" y="{svg_number(y)}" text-anchor="middle" font-family="{FONT}" '
            f'font-size="12" fill="{TEXT}">{escape(_short(mark.label))}</text>'
            f'<text x="{x}" y="{svg_number(y + 16)}" text-anchor="middle" font-family="{FONT}" '
            f'font-size="11" fill="{MUTED}">{escape(when)}</text>'
        )
    parts.append("</svg>")
    # Every value in the drawing was escaped above.
    return mark_safe("".join(parts))  # nosec B308 B703
