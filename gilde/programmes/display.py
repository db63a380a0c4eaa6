"""How a programme's figures read on its pages and in its exports: one place for the words.

A `Words` is made once per request (for the reader's language) and remembers every value it has
written: an overview of a hundred CoPs writes the same few counts and words thousands of times.
"""

from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gilde.communities.programme_figures import COUNT, MONTHS, NUMBER, PERCENT
from gilde.core.formatting import percent

from .disclosure import FEW, Cell

CHANGE = "change"  # a figure shown with its sign (the evaluation trend)


def value_text(value, kind: str) -> str:
    """A shown value in the reader's language."""
    if value is None:
        return ""
    if kind == PERCENT:
        return percent(value, 1)
    if kind in (COUNT, MONTHS):
        return formats.number_format(round(value), 0, use_l10n=True)
    if kind == NUMBER:
        return formats.number_format(round(float(value), 2), 2, use_l10n=True)
    if kind == CHANGE:
        return change_text(value)
    return str(value)


def change_text(value) -> str:
    """A change with its sign: "+0,40", "−0,25", "0,00"."""
    if value is None:
        return ""
    number = formats.number_format(abs(round(float(value), 2)), 2, use_l10n=True)
    if value > 0:
        return f"+{number}"
    return f"−{number}" if value < 0 else number


class Words:
    """Cells and values as text, for one request's language."""

    def __init__(self):
        self.few = _("fewer than 5")
        self.unknown = _("not known")
        self._known: dict = {}
        self._cells: dict = {}

    def value(self, value, kind: str) -> str:
        key = (value, kind)
        if key not in self._known:
            self._known[key] = value_text(value, kind)
        return self._known[key]

    def cell(self, cell: Cell, kind: str) -> str:
        """A cell: its value, or why there is none."""
        if cell.shown:
            return self.value(cell.value, kind)
        return self.few if cell.state == FEW else self.unknown

    def cells_html(self, cells) -> SafeString:
        """Table cells (`<td>`) for (cell, kind) pairs: a hidden one marked muted. Each distinct
        cell is written and escaped once per request, then reused."""
        parts = []
        for cell, kind in cells:
            key = (cell.state, cell.value, kind)
            if key not in self._cells:
                muted = "" if cell.shown else ' class="muted"'
                self._cells[key] = f"<td{muted}>{escape(self.cell(cell, kind))}</td>"
            parts.append(self._cells[key])
        # Every text inside was escaped just above; the markup around it is our own.
        return mark_safe("".join(parts))  # nosec B308 B703


def cell_text(cell: Cell, kind: str) -> str:
    return Words().cell(cell, kind)


def plain_text(value, kind: str) -> str:
    """A total or median (never hidden: it adds up shown cells only)."""
    return value_text(value, kind)
