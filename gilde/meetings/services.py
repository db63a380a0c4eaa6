"""Writes for meetings. Each section belongs to one part of the meetings app."""

import secrets
from collections.abc import Sequence
from datetime import date, time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gilde.communities.models import Community, token_digest

from .models import CalendarToken, Meeting, MeetingSettings
from .scheduling import local_datetime, numbered_title
from .selectors import meetings_replaced_by_schedule

# Calendar


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
    return meetings


MEETING_EDIT_FIELDS = (
    "title",
    "starts_at",
    "duration_minutes",
    "place",
    "online_link",
    "status",
)


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields) -> bool:
    """Change a meeting; every change raises its iCalendar SEQUENCE by one. Returns whether
    anything changed."""
    unknown = set(fields) - set(MEETING_EDIT_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(meeting, name, fields[name])
    # F(): two editors saving at once still raise the sequence twice.
    meeting.sequence = F("sequence") + 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=[*changed, "sequence", "updated_at"])
    meeting.refresh_from_db(fields=["sequence"])
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


# Agenda and facilitation
# (imports sit here so each section of this file can be read and changed on its own)

from django.db import transaction as _transaction  # noqa: E402
from django.db.models import Max as _Max  # noqa: E402
from django.utils import timezone as _tz  # noqa: E402

from .models import AgendaItem as _Item  # noqa: E402
from .models import FacilitationMode as _Mode  # noqa: E402
from .models import MeetingFacilitator as _Facilitator  # noqa: E402
from .models import MeetingSettings as _Settings  # noqa: E402
from .models import MeetingStatus as _Status  # noqa: E402


def _agenda_renumber(meeting) -> list:
    """Positions 0, 1, 2, … in the current order; returns the items."""
    items = list(meeting.agenda_items.order_by("position", "id"))
    changed = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            changed.append(item)
    _Item.objects.bulk_update(changed, ["position"])
    return items


@_transaction.atomic
def agenda_item_add(*, meeting, **fields):
    """Add an item at the end of the meeting's agenda; `fields` are the item's editable fields."""
    last = meeting.agenda_items.aggregate(last=_Max("position"))["last"]
    return _Item.objects.create(meeting=meeting, position=0 if last is None else last + 1, **fields)


@_transaction.atomic
def agenda_item_update(*, item, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item


@_transaction.atomic
def agenda_item_delete(*, item) -> None:
    """Remove an item; answers linked to it stay, unlinked; the others close ranks."""
    meeting = item.meeting
    item.delete()
    _agenda_renumber(meeting)


@_transaction.atomic
def agenda_item_move(*, item, direction: str) -> bool:
    """Swap the item with its neighbour above ("up") or below ("down"). False at the edge."""
    items = _agenda_renumber(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return False
    first, second = items[index], items[target]
    first.position, second.position = second.position, first.position
    _Item.objects.bulk_update([first, second], ["position"])
    return True


def _future_planned(community):
    return community.meetings.filter(status=_Status.PLANNED, starts_at__gt=_tz.now())


@_transaction.atomic
def meeting_facilitators_set(*, meeting, turns) -> None:
    """Replace the meeting's facilitators by `turns`: (membership, focus) pairs."""
    meeting.facilitators.all().delete()
    _Facilitator.objects.bulk_create(
        [_Facilitator(meeting=meeting, membership=m, focus=focus) for m, focus in turns]
    )


@_transaction.atomic
def facilitation_save(*, community, mode: str, core_group=(), plan=None, pair=None):
    """Store how the CoP facilitates. A pair (content, process) is assigned to every future
    planned meeting; a rotation plan ((meeting, turns) pairs from the preview) is applied as
    shown. Held and past meetings keep their facilitators."""
    settings, _created = _Settings.objects.get_or_create(community=community)
    settings.facilitation_mode = mode
    settings.save(update_fields=["facilitation_mode"])
    if mode == _Mode.ROTATION_CORE:
        settings.core_group.set(core_group)
    future_ids = set(_future_planned(community).values_list("id", flat=True))
    if pair is not None:
        content, process = pair
        plan = [
            (meeting, [(content, "content"), (process, "process")])
            for meeting in _future_planned(community)
        ]
    plan = [(meeting, turns) for meeting, turns in (plan or []) if meeting.pk in future_ids]
    _Facilitator.objects.filter(meeting_id__in=[m.pk for m, _turns in plan]).delete()
    _Facilitator.objects.bulk_create(
        [
            _Facilitator(meeting=meeting, membership=membership, focus=focus)
            for meeting, turns in plan
            for membership, focus in turns
        ]
    )
    return settings


@_transaction.atomic
def evaluation_need_handle(*, answer, handled: bool, agenda_item=None):
    """Tick off an answer to "what does the next meeting need", or link it to an agenda item
    (which counts as handled)."""
    answer.handled = handled or agenda_item is not None
    answer.agenda_item = agenda_item
    answer.save(update_fields=["handled", "agenda_item"])
    return answer
