"""`{% email_preference_links %}`: links to every page where a person chooses their e-mails (as
registered in `preferences.py`), for the profile and the notification centre."""

from django import template

from ..preferences import preference_pages

register = template.Library()


@register.inclusion_tag("notifications/_preference_links.html")
def email_preference_links() -> dict:
    return {"pages": preference_pages()}
