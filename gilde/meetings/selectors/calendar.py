"""Reads for meetings: calendar."""

from django.db.models import QuerySet
from django.utils import timezone

from gilde.communities.models import Community, token_digest

from ..models import (
    CalendarToken,
    Meeting,
    MeetingSettings,
    MeetingStatus,
)


def calendar_meetings(*, community: Community, now=None) -> tuple[list[Meeting], list[Meeting]]:
    """The CoP's meetings split in (upcoming, past): upcoming soonest first, past latest first.
    A meeting that is under way counts as upcoming until it ends."""
    now = now or timezone.now()
    upcoming, past = [], []
    for meeting in community.meetings.order_by("starts_at", "pk"):
        (upcoming if meeting.ends_at > now else past).append(meeting)
    past.reverse()
    return upcoming, past


def meetings_replaced_by_schedule(*, community: Community, now=None) -> list[Meeting]:
    """What a new schedule replaces: planned meetings that have not started yet. Held, cancelled
    and past meetings are never touched."""
    now = now or timezone.now()
    return list(
        community.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=now).order_by(
            "starts_at", "pk"
        )
    )


def meeting_latest(*, community: Community) -> Meeting | None:
    """The CoP's last meeting in time, whose weekday, time and place make good defaults."""
    return community.meetings.order_by("-starts_at", "-pk").first()


def school_region_of(community: Community) -> str:
    settings = MeetingSettings.objects.filter(community=community).only("school_region").first()
    return settings.school_region if settings else ""


def feed_meetings(*, community: Community) -> QuerySet[Meeting]:
    """Every meeting of the CoP for its calendar feed, cancelled ones included."""
    return community.meetings.order_by("starts_at", "pk")


def calendar_token_user(*, community: Community, token: str):
    """The member whose working calendar token this is, or None: a revoked token, or one of
    somebody who is no longer a member of `community`, opens nothing."""
    if not token:
        return None
    found = (
        CalendarToken.objects.filter(digest=token_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    if not community.memberships.filter(user=found.user).exists():
        return None
    return found.user


def calendar_token_active(*, user) -> bool:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).exists()
