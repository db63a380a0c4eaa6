"""What step 5 adds to a meeting's pages (registry in communities.meeting_sections): the roles at
the meeting with volunteering, the polls and decisions linked to it, and, when preparing, the
learning questions members share with the group."""

from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.calendar import PLANNED, MeetingRef
from gilde.communities.meeting_sections import MeetingSection, meeting_section
from gilde.communities.models import Role
from gilde.communities.shared_questions import shared_questions_for

from . import selectors


def _reader(access) -> bool:
    observers_read = (
        selectors.decision_settings_of(access.community).observers_read
        if access.role == Role.OBSERVER
        else False
    )
    return access.can_read_decisions(observers_read)


@meeting_section(page="detail", order=10)
@meeting_section(page="agenda", order=10)
@meeting_section(page="preparation", order=10)
def meeting_roles(request, access, meeting) -> MeetingSection | None:
    if not _reader(access):
        return None
    roles = selectors.roles_of(access.community)
    if not roles:
        return None
    # The page's own meeting, as plain data (no second query for it).
    meeting = MeetingRef(
        id=meeting.pk,
        community_id=meeting.community_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        status=meeting.status,
    )
    board = selectors.roles_board(access.community, [meeting], roles)
    open_for_roles = meeting.status == PLANNED and meeting.ends_at > timezone.now()
    return MeetingSection(
        "decisions/_meeting_roles.html",
        {
            "meeting": meeting,
            "rows": board[0][1],
            "can_take": access.can(Action.TAKE_ROLES) and open_for_roles,
            "can_manage": access.can(Action.MANAGE_DECISIONS),
        },
    )


@meeting_section(page="detail", order=20)
def meeting_decisions(request, access, meeting) -> MeetingSection | None:
    if not _reader(access):
        return None
    polls = list(access.community.polls.filter(meeting_id=meeting.pk).order_by("closes_at"))
    decisions = list(access.community.decisions.filter(meeting_id=meeting.pk))
    if not polls and not decisions:
        return None
    return MeetingSection(
        "decisions/_meeting_decisions.html",
        {"polls": polls, "decisions": decisions, "now": timezone.now()},
    )


@meeting_section(page="preparation", order=30)
def meeting_learning_questions(request, access, meeting) -> MeetingSection:
    return MeetingSection(
        "decisions/_learning_questions.html",
        {"questions": shared_questions_for(access), "heading_id": "learning-questions-prepare"},
    )
