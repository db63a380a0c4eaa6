"""Template filters for numbers in running text: `{% load gilde_format %}`, then
`{{ share|percent }}` → "70%" (or `{{ average|percent:1 }}` → "33,3%" in Dutch)."""

from django import template

from gilde.core.formatting import percent as _percent

register = template.Library()


@register.filter
def percent(value, places: int = 0) -> str:
    """A percentage (0–100) written the one way Gilde writes percentages: "70%"."""
    try:
        return _percent(value, int(places))
    except (TypeError, ValueError):
        return ""
