"""The meeting page's agenda part fetches its own data, so any page can include it."""

from django import template

from gilde.communities.access import Action

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


@register.simple_tag
def viewer_focus(meeting, access) -> str:
    """The focus (content or process) the viewer facilitates this meeting with, or their own
    focus as a facilitator of the CoP; "" for everyone else. One query at most."""
    membership = access.membership
    if membership is None or not access.can(Action.PLAN_MEETINGS):
        return ""
    mine = meeting.facilitators.filter(membership=membership).select_related("membership").first()
    if mine is not None:
        return mine.role_focus
    return membership.focus
