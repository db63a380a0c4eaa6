"""The meeting page's agenda part fetches its own data, so any page can include it."""

from django import template

from ..selectors import agenda_for

register = template.Library()


@register.simple_tag
def meeting_agenda(meeting):
    """The meeting's agenda with its signals and facilitators (three queries)."""
    agenda = agenda_for(meeting=meeting)
    facilitators = list(
        meeting.facilitators.select_related("membership__user").order_by("focus", "id")
    )
    return {"agenda": agenda, "facilitators": facilitators}
