"""Who gets which e-mail about meetings, and when: recipients, preferences, idempotency keys and
the time windows the periodic job looks at. Reads only, apart from `notification_preference_set`;
the sending lives in `tasks.py`."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gilde.communities.models import Membership, Role

from .models import (
    Attendance,
    EvaluationSubmission,
    Meeting,
    MeetingFacilitator,
    MeetingStatus,
    NotificationMode,
    NotificationPreference,
    Rsvp,
)

User = get_user_model()

# Observers read what the CoP publishes; they are not invited and get no meeting e-mails.
ATTENDING_ROLES = (Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)

# The periodic job runs every ten minutes; each window is wider than that, so a worker that was
# down for a while still catches up, and the keys make sure nobody hears anything twice.
REMINDER_BEFORE = timedelta(hours=48)
REMINDER_CATCH_UP = timedelta(hours=12)
PREPARE_BEFORE = timedelta(days=7)
PREPARE_CATCH_UP = timedelta(days=1)
EVALUATION_CATCH_UP = timedelta(days=1)
MAX_MEETING_LENGTH = timedelta(minutes=720)
# Weekly digests go out on Monday, from this local hour.
DIGEST_WEEKDAY = 0
DIGEST_HOUR = 7


# Preferences


def preference_mode(user) -> str:
    try:
        return user.notification_preference.mode
    except ObjectDoesNotExist:
        return NotificationMode.EACH


def notification_preference_set(*, user, mode: str) -> NotificationPreference:
    """Store how `user` wants to hear about meetings: each e-mail, a weekly digest, or nothing."""
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"mode": mode}
    )
    return preference


def _users(queryset) -> list:
    return list(
        queryset.filter(is_active=True)
        .select_related("notification_preference")
        .distinct()
        .order_by("pk")
    )


# Recipients


def community_attendees(community_id: int) -> list:
    """Everyone the CoP's meetings are for: its initiators, facilitators and participants."""
    return _users(
        User.objects.filter(
            memberships__community_id=community_id,
            memberships__role__in=ATTENDING_ROLES,
        )
    )


def meeting_attendees(meeting: Meeting) -> list:
    """Everyone the meeting is for: the CoP's initiators, facilitators and participants."""
    return community_attendees(meeting.community_id)


def meeting_facilitators(meeting: Meeting) -> list:
    """The meeting's own facilitators, or the CoP's facilitators when none are assigned."""
    assigned = MeetingFacilitator.objects.filter(meeting=meeting)
    if assigned.exists():
        return _users(
            User.objects.filter(
                memberships__in=assigned.values("membership"),
                memberships__role__in=ATTENDING_ROLES,
            )
        )
    return _users(
        User.objects.filter(
            memberships__community_id=meeting.community_id,
            memberships__role=Role.FACILITATOR,
        )
    )


def _absent_user_ids(meeting: Meeting) -> set[int]:
    """Members recorded as not there, or who said they would not come and were not seen."""
    return set(
        Attendance.objects.filter(meeting=meeting)
        .filter(Q(present=False) | Q(response=Rsvp.NO, present__isnull=True))
        .values_list("membership__user_id", flat=True)
    )


def evaluation_recipients(meeting: Meeting) -> list:
    """Attendees who may have been there and have not answered yet."""
    skip = _absent_user_ids(meeting) | set(
        EvaluationSubmission.objects.filter(meeting=meeting).values_list(
            "membership__user_id", flat=True
        )
    )
    return [user for user in meeting_attendees(meeting) if user.pk not in skip]


# Idempotency keys: one per e-mail that may be sent.


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


def invitation_key(meeting: Meeting, user) -> str:
    return f"meeting-invite:{meeting.pk}:{meeting.sequence}:{user.pk}"


def series_key(community_id: int, uids, user) -> str:
    """One message per person per planned series: the same series (the UIDs of its meetings and
    of those it cancels) never reaches anyone twice."""
    digest = hashlib.sha256("|".join(sorted(str(uid) for uid in uids)).encode()).hexdigest()
    return f"meeting-series:{community_id}:{digest[:24]}:{user.pk}"


def reminder_key(meeting: Meeting, user) -> str:
    # Tied to the start time: a meeting moved to another day gets a new reminder.
    return f"meeting-reminder:{meeting.pk}:{_stamp(meeting.starts_at)}:{user.pk}"


def prepare_key(meeting: Meeting, user) -> str:
    return f"meeting-prepare:{meeting.pk}:{_stamp(meeting.starts_at)}:{user.pk}"


def evaluation_key(meeting: Meeting, user) -> str:
    return f"meeting-evaluation:{meeting.pk}:{user.pk}"


def digest_key(week_start: date, user) -> str:
    year, week, _ = week_start.isocalendar()
    return f"meeting-digest:{year}-W{week:02d}:{user.pk}"


# Time windows for the periodic job.


def meetings_to_remind(now: datetime) -> list[Meeting]:
    """Planned meetings that start in about two days."""
    return list(
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED,
            starts_at__gt=now + REMINDER_BEFORE - REMINDER_CATCH_UP,
            starts_at__lte=now + REMINDER_BEFORE,
        ).select_related("community")
    )


def meetings_to_prepare(now: datetime) -> list[Meeting]:
    """Planned meetings that start in about a week: time for the facilitators to prepare."""
    return list(
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED,
            starts_at__gt=now + PREPARE_BEFORE - PREPARE_CATCH_UP,
            starts_at__lte=now + PREPARE_BEFORE,
        ).select_related("community")
    )


def meetings_with_new_evaluation(now: datetime) -> list[Meeting]:
    """Meetings whose evaluation opened during the last day and is still open."""
    since = now - EVALUATION_CATCH_UP
    candidates = (
        Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
        .filter(
            Q(starts_at__gte=since - MAX_MEETING_LENGTH, starts_at__lte=now)
            | Q(evaluation_opened_at__gt=since, evaluation_opened_at__lte=now)
        )
        .select_related("community")
    )
    return [
        meeting
        for meeting in candidates
        if since < meeting.evaluation_opens_at <= now and meeting.evaluation_is_open(now)
    ]


def week_start(now: datetime) -> datetime:
    """Monday 00:00 local time of the ISO week `now` falls in."""
    today = timezone.localtime(now).date()
    monday = today - timedelta(days=today.weekday())
    return timezone.make_aware(datetime.combine(monday, time.min))


def digest_due(now: datetime) -> bool:
    local = timezone.localtime(now)
    return local.weekday() == DIGEST_WEEKDAY and local.hour >= DIGEST_HOUR


# Links


def meeting_path(meeting: Meeting, name: str = "meetings:detail") -> str:
    """The path of a per-meeting page (`meetings:detail`, `meetings:prepare`, `meetings:evaluate`),
    falling back to the meeting page, then to the CoP's page, should a page not exist."""
    kwargs = {"slug": meeting.community.slug, "pk": meeting.pk}
    for candidate in (name, "meetings:detail"):
        try:
            return reverse(candidate, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return meeting.community.get_absolute_url()


# The weekly digest


@dataclass
class Digest:
    week_start: datetime
    meetings: list[Meeting] = field(default_factory=list)
    evaluations: list[Meeting] = field(default_factory=list)
    preparations: list[Meeting] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.meetings or self.evaluations or self.preparations)


def digest_users() -> list:
    return _users(User.objects.filter(notification_preference__mode=NotificationMode.DIGEST))


def digest_for(user, now: datetime) -> Digest:
    """What a digest reader should know this week: the week's meetings in their CoPs, the
    evaluations open to them, and the meetings they facilitate in this week and the next."""
    start = week_start(now)
    digest = Digest(week_start=start)
    memberships = list(
        Membership.objects.filter(user=user, role__in=ATTENDING_ROLES).values_list(
            "pk", "community_id", "role"
        )
    )
    if not memberships:
        return digest
    community_ids = [community_id for _, community_id, _ in memberships]
    meetings = Meeting.objects.filter(community_id__in=community_ids).select_related("community")

    digest.meetings = list(
        meetings.filter(starts_at__gte=start, starts_at__lt=start + PREPARE_BEFORE)
    )

    answered = set(
        EvaluationSubmission.objects.filter(membership__user=user).values_list(
            "meeting_id", flat=True
        )
    )
    absent = set(
        Attendance.objects.filter(membership__user=user)
        .filter(Q(present=False) | Q(response=Rsvp.NO, present__isnull=True))
        .values_list("meeting_id", flat=True)
    )
    recent = meetings.exclude(status=MeetingStatus.CANCELLED).filter(
        Q(starts_at__gte=now - timedelta(days=8), starts_at__lte=now)
        | Q(evaluation_opened_at__isnull=False, evaluation_opened_at__lte=now)
    )
    digest.evaluations = [
        meeting
        for meeting in recent
        if meeting.evaluation_is_open(now) and meeting.pk not in answered | absent
    ]

    own = set(
        MeetingFacilitator.objects.filter(membership__user=user).values_list(
            "meeting_id", flat=True
        )
    )
    assigned = set(
        MeetingFacilitator.objects.filter(meeting__community_id__in=community_ids).values_list(
            "meeting_id", flat=True
        )
    )
    cop_facilitator_of = {cid for _, cid, role in memberships if role == Role.FACILITATOR}
    upcoming = meetings.filter(
        status=MeetingStatus.PLANNED, starts_at__gte=now, starts_at__lt=start + 2 * PREPARE_BEFORE
    )
    digest.preparations = [
        meeting
        for meeting in upcoming
        if meeting.pk in own
        or (meeting.pk not in assigned and meeting.community_id in cop_facilitator_of)
    ]
    return digest
