"""What meetings offers the apps beside it through the registries in `gilde.communities`:
the calendar as `MeetingRef`s, adding an agenda item, and each person's e-mail choice."""

from datetime import datetime

from django.db.models import Q

from gilde.communities.calendar import MeetingRef, register_agenda_adder, register_meeting_source
from gilde.communities.offers import register_mail_mode

from . import notifications
from .models import Attendance, Meeting, MeetingStatus, Rsvp
from .services.agenda import agenda_item_add


def _ref(meeting: Meeting) -> MeetingRef:
    return MeetingRef(
        id=meeting.pk,
        community_id=meeting.community_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        held=meeting.status == MeetingStatus.HELD,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
    )


class _Calendar:
    def meetings(self, community) -> list[MeetingRef]:
        return [
            _ref(m)
            for m in community.meetings.order_by("starts_at", "pk").only(
                "pk", "community_id", "title", "starts_at", "duration_minutes", "status"
            )
        ]

    def ended_between(self, start: datetime, end: datetime) -> list[MeetingRef]:
        candidates = Meeting.objects.filter(
            starts_at__gte=start - notifications.MAX_MEETING_LENGTH, starts_at__lt=end
        ).exclude(status=MeetingStatus.CANCELLED)
        return [_ref(m) for m in candidates if start <= m.ends_at < end]

    def absent_membership_ids(self, meeting_id: int) -> set[int]:
        rows = Attendance.objects.filter(meeting_id=meeting_id).filter(
            Q(present=False) | Q(response=Rsvp.NO, present__isnull=True)
        )
        return set(rows.values_list("membership_id", flat=True))


def _add_agenda_item(
    *, community, meeting_id: int, title: str, duration_minutes: int, notes: str, actor
) -> bool:
    meeting = community.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        return False
    agenda_item_add(
        meeting=meeting,
        actor=actor,
        title=title[:200],
        duration_minutes=duration_minutes,
        notes=notes[:3000],
    )
    return True


def register() -> None:
    register_meeting_source(_Calendar())
    register_agenda_adder(_add_agenda_item)
    register_mail_mode(notifications.preference_mode)
