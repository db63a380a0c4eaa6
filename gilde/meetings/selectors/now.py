"""What meetings have for one person right now: the next meeting with their answer, the
evaluations waiting for them. For the CoP's home ("now" panel) and whatever else asks."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    EVALUATION_DAYS,
    Attendance,
    EvaluationSubmission,
    Meeting,
    MeetingStatus,
    Rsvp,
)

MAX_MEETING_LENGTH = timedelta(minutes=720)
# Facilitators see "prepare the next meeting" from this long before it starts.
PREPARE_AHEAD = timedelta(days=14)


@dataclass(frozen=True)
class MeetingsNow:
    next_meeting: Meeting | None  # annotated with `agenda_count`
    my_response: str  # the person's RSVP for the next meeting, "" when none
    open_evaluations: list[Meeting] = field(default_factory=list)


def next_meeting(*, community, membership=None, now: datetime | None = None) -> Meeting | None:
    """The CoP's next planned meeting that has not ended (one under way counts), with the number
    of its agenda items as `agenda_count` and `membership`'s answer to it as `my_response` ("" for
    none). One query."""
    now = now or timezone.now()
    response = Attendance.objects.filter(
        meeting=OuterRef("pk"), membership=getattr(membership, "pk", None)
    ).values("response")[:1]
    candidates = (
        community.meetings.filter(
            status=MeetingStatus.PLANNED, starts_at__gt=now - MAX_MEETING_LENGTH
        )
        .annotate(
            agenda_count=Count("agenda_items"),
            my_response=Coalesce(Subquery(response), Value("")),
        )
        .order_by("starts_at", "pk")[:5]
    )
    return next((meeting for meeting in candidates if meeting.ends_at > now), None)


def evaluations_open_for(*, membership, now: datetime | None = None) -> list[Meeting]:
    """Meetings of the member's CoP whose evaluation is open now and that the member neither
    answered nor missed (said no, or recorded as not there). Two queries."""
    now = now or timezone.now()
    window = timedelta(days=EVALUATION_DAYS) + MAX_MEETING_LENGTH + timedelta(days=1)
    mine = Attendance.objects.filter(meeting=OuterRef("pk"), membership=membership)
    candidates = (
        Meeting.objects.filter(community_id=membership.community_id)
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(
            Q(starts_at__gte=now - window, starts_at__lte=now)
            | Q(evaluation_opened_at__isnull=False, evaluation_opened_at__lte=now)
        )
        .annotate(
            answered=Exists(
                EvaluationSubmission.objects.filter(meeting=OuterRef("pk"), membership=membership)
            ),
            absent=Exists(
                mine.filter(Q(present=False) | Q(response=Rsvp.NO, present__isnull=True))
            ),
        )
        .order_by("starts_at", "pk")
    )
    return [
        meeting
        for meeting in candidates
        if meeting.evaluation_is_open(now) and not meeting.answered and not meeting.absent
    ]


def meetings_now_for(*, community, membership=None, now: datetime | None = None) -> MeetingsNow:
    """The next meeting and, for a member who attends meetings, their answer to it and the
    evaluations waiting for them. Two queries, whatever the number of meetings."""
    now = now or timezone.now()
    meeting = next_meeting(community=community, membership=membership, now=now)
    if membership is None:
        return MeetingsNow(meeting, "")
    response = getattr(meeting, "my_response", "") if meeting is not None else ""
    return MeetingsNow(meeting, response, evaluations_open_for(membership=membership, now=now))
