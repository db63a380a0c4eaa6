"""Step 6 on a meeting's pages: the network question after the meeting (meeting page) and the
open follow-up actions of monitoring cycles (preparation page, ticked off there)."""

from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.meeting_sections import MeetingSection, meeting_section

from .models import NetworkAnswer
from .selectors import follow_up_for_meeting


@meeting_section(page="detail", order=40)
def network_question(request, access, meeting):
    if not access.can(Action.TAKE_PART_IN_MONITORING) or meeting.status == "cancelled":
        return None
    if meeting.ends_at > timezone.now():
        return None
    answered = NetworkAnswer.objects.filter(
        membership=access.membership, meeting_id=meeting.pk
    ).exists()
    return MeetingSection(
        "monitoring/_meeting_network_question.html", {"meeting": meeting, "answered": answered}
    )


@meeting_section(page="preparation", order=40)
def follow_up_actions(request, access, meeting):
    if not access.can(Action.MANAGE_MONITORING):
        return None
    open_, done = follow_up_for_meeting(access.community, meeting)
    if not open_ and not done:
        return None
    return MeetingSection(
        "monitoring/_preparation_follow_up.html",
        {"meeting": meeting, "open_actions": open_, "done_actions": done},
    )
