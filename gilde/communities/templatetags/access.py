"""Permission checks in templates: `{% load access %}` then `{% if access|can:"plan_meetings" %}`.

A name that is not an `Action` raises instead of quietly being false, so a typo fails the tests
that render the page rather than hiding a button. The check itself belongs in the view; this
only decides what to show.
"""

from django import template

from gilde.communities.access import Action

register = template.Library()


@register.filter
def can(access, action: str) -> bool:
    try:
        known = Action(action)
    except ValueError:
        raise template.TemplateSyntaxError(f"Unknown permission {action!r} in |can") from None
    return access is not None and access.can(known)
