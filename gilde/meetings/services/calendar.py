"""Writes for meetings: calendar."""

import secrets
from collections.abc import Sequence
from datetime import date, time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gilde.communities.models import Community, token_digest
from gilde.core.audit import audit_log

from ..models import (
    CalendarToken,
    Meeting,
    MeetingSettings,
)
from ..scheduling import local_datetime, numbered_title
from ..selectors import meetings_replaced_by_schedule
from ..tasks import notify_meeting_changed, notify_series_scheduled


class StalePlan(Exception):
    """The meetings a schedule would replace are not the ones the preview showed."""


def meeting_settings_for(community: Community) -> MeetingSettings:
    """The CoP's meeting settings, created with the defaults the first time they are needed."""
    settings, _created = MeetingSettings.objects.get_or_create(community=community)
    return settings


@transaction.atomic
def meeting_schedule(
    *,
    community: Community,
    dates: Sequence[date],
    start_time: time,
    duration_minutes: int,
    title_pattern: str,
    place: str = "",
    online_link: str = "",
    school_region: str | None = None,
    expected_replaced: Sequence[int] | None = None,
    actor=None,
    now=None,
) -> list[Meeting]:
    """Plan a meeting on each of `dates`, replacing the CoP's future planned meetings; held,
    cancelled and past meetings stay, and numbering continues after them. With
    `expected_replaced` (the ids the preview showed), raises StalePlan when those changed, e.g.
    because someone else scheduled in between or the form was sent twice."""
    # One scheduler at a time per CoP, so two confirmations cannot both add a series.
    Community.objects.select_for_update().filter(pk=community.pk).first()
    replaced = meetings_replaced_by_schedule(community=community, now=now)
    replaced_ids = sorted(m.pk for m in replaced)
    if expected_replaced is not None and sorted(expected_replaced) != replaced_ids:
        raise StalePlan
    community.meetings.filter(pk__in=replaced_ids).delete()
    kept = community.meetings.count()
    stamp = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            community=community,
            title=numbered_title(title_pattern, kept + number)[:200],
            starts_at=local_datetime(day, start_time),
            duration_minutes=duration_minutes,
            place=place,
            online_link=online_link,
            created_at=stamp,
            updated_at=stamp,
        )
        for number, day in enumerate(sorted(dates), start=1)
    )
    if school_region is not None:
        settings = meeting_settings_for(community)
        if settings.school_region != school_region:
            settings.school_region = school_region
            settings.save(update_fields=["school_region"])
    # One message per person for the whole series, cancelling what it replaces.
    notify_series_scheduled(community_id=community.pk, meetings=meetings, replaced=replaced)
    audit_log(
        community=community,
        actor=actor,
        action="meetings.scheduled",
        count=len(meetings),
        replaced=len(replaced_ids),
    )
    return meetings


@transaction.atomic
def meeting_add(
    *,
    community: Community,
    title: str,
    starts_at,
    duration_minutes: int,
    place: str = "",
    online_link: str = "",
    actor=None,
) -> Meeting:
    """Plan one meeting outside a series (a date the group chose in a poll, say). The attendees
    get the invitation with its .ics once this commits."""
    meeting = Meeting.objects.create(
        community=community,
        title=title[:200],
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        online_link=online_link,
    )
    notify_meeting_changed(meeting)
    audit_log(community=community, actor=actor, action="meeting.added", title=meeting.title)
    return meeting


MEETING_EDIT_FIELDS = (
    "title",
    "starts_at",
    "duration_minutes",
    "place",
    "online_link",
    "status",
)


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor=None, **fields) -> bool:
    """Change a meeting; every change raises its iCalendar SEQUENCE by one. Returns whether
    anything changed."""
    unknown = set(fields) - set(MEETING_EDIT_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return False
    # An evaluation that opened keeps its window when the meeting moves: a closed one must not
    # open again (its results are final), nor an open one close under people's hands.
    if (
        {"starts_at", "duration_minutes"} & set(changed)
        and meeting.evaluation_opened_at is None
        and meeting.evaluation_opens_at <= timezone.now()
    ):
        meeting.evaluation_opened_at = meeting.evaluation_opens_at
        changed.append("evaluation_opened_at")
    for name in changed:
        if name in fields:
            setattr(meeting, name, fields[name])
    # F(): two editors saving at once still raise the sequence twice.
    meeting.sequence = F("sequence") + 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=[*changed, "sequence", "updated_at"])
    meeting.refresh_from_db(fields=["sequence"])
    notify_meeting_changed(meeting)
    audit_log(
        community=meeting.community, actor=actor, action="meeting.changed", title=meeting.title
    )
    return True


@transaction.atomic
def calendar_token_create(*, user) -> str:
    """A new personal calendar token for `user`; earlier tokens stop working. Only the digest is
    stored, so the token is returned once, to show."""
    calendar_token_revoke(user=user)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=user, digest=token_digest(token))
    return token


def calendar_token_revoke(*, user) -> int:
    """Stop every calendar token of `user`; returns how many were still working."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
