"""How a programme's figures read on its pages and in its exports: one place for the words."""

from django.utils import formats
from django.utils.translation import gettext as _

from gilde.communities.programme_figures import COUNT, MONTHS, NUMBER, PERCENT
from gilde.core.formatting import percent

from .disclosure import FEW, Cell


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
    return str(value)


def change_text(value) -> str:
    """A change with its sign: "+0,40", "−0,25", "0,00"."""
    if value is None:
        return ""
    number = formats.number_format(abs(round(float(value), 2)), 2, use_l10n=True)
    if value > 0:
        return f"+{number}"
    return f"−{number}" if value < 0 else number


def cell_text(cell: Cell, kind: str) -> str:
    """A cell for a page or an export: its value, or why there is none."""
    if cell.shown:
        return change_text(cell.value) if kind == "change" else value_text(cell.value, kind)
    if cell.state == FEW:
        return _("fewer than 5")
    return _("not known")


def plain_text(value, kind: str) -> str:
    """A total or median (never hidden: it adds up shown cells only)."""
    return change_text(value) if kind == "change" else value_text(value, kind)
