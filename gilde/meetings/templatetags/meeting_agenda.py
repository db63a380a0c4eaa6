"""The meeting page's agenda part fetches its own data, so any page can include it."""

from django import template

from gilde.communities.access import Action

from ..models import MeetingStatus, ProposalStatus
from ..selectors import agenda_for

register = template.Library()


@register.simple_tag
def meeting_agenda(meeting, access):
    """The meeting's agenda with its signals and facilitators, whether the viewer plans it or
    may propose items, and how many proposals wait (four queries)."""
    agenda = agenda_for(meeting=meeting)
    facilitators = list(
        meeting.facilitators.select_related("membership__user").order_by("focus", "id")
    )
    facilitator_ids = {facilitator.membership_id for facilitator in facilitators}
    return {
        "agenda": agenda,
        "facilitators": facilitators,
        "may_plan": access.can_plan_meeting(facilitator_ids),
        "may_propose": meeting.status == MeetingStatus.PLANNED
        and access.can(Action.PROPOSE_AGENDA_ITEMS),
        "open_proposals": meeting.proposals.filter(status=ProposalStatus.OPEN).count(),
    }


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
