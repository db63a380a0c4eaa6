"""The CoP's meetings as other step apps may see them, through one provider the meetings app fills.

Step apps do not import each other, yet several need the calendar: a learning entry or a poll links
to a meeting, an experiment is due at the next one, a date poll becomes a meeting, roles are taken
per meeting, a monitoring period runs from meeting to meeting, an experiment round goes on an
agenda. The meetings app registers one `MeetingProvider` from its `AppConfig.ready()`; the others
call the functions below. What crosses is plain data (`MeetingRef`, `AgendaItemRef`), never
another app's model. Without a provider a CoP has no meetings, nothing can be put on an agenda, and
creating a meeting raises `NoMeetingProvider`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .models import Community

PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"


@dataclass(frozen=True)
class MeetingRef:
    id: int
    community_id: int
    title: str
    starts_at: datetime
    duration_minutes: int
    status: str  # PLANNED, HELD or CANCELLED
    url: str = ""  # the meeting's page

    @property
    def pk(self) -> int:
        return self.id

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def held(self) -> bool:
        return self.status == HELD

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED


@dataclass(frozen=True)
class AgendaItemRef:
    pk: int
    meeting_id: int
    title: str


class NoMeetingProvider(Exception):
    """No app provides meetings."""


class MeetingNotCreated(Exception):
    """The provider refused the meeting; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class MeetingProvider:
    # (community, *, ids=None, status=None, since=None, until=None, newest_first=False,
    #  limit=None) -> list[MeetingRef]; one query.
    meetings: Callable[..., list[MeetingRef]]
    # (start, end) -> meetings of every CoP that ended in [start, end) and were not cancelled.
    ended_between: Callable[[datetime, datetime], list[MeetingRef]]
    # (meeting_id) -> ids of the memberships that said they would not come or were absent.
    absent_membership_ids: Callable[[int], set[int]]
    # (community, meeting_ids) -> list[AgendaItemRef] in agenda order; one query.
    agenda_items: Callable[..., list[AgendaItemRef]]
    # (*, community, meeting_id, title, duration_minutes, notes, actor) -> bool: an item at the
    # end of the meeting's agenda; False when the meeting is not the CoP's.
    add_agenda_item: Callable[..., bool]
    # (community, day) -> names of the holidays on `day` the CoP's calendar avoids.
    days_to_avoid: Callable[..., list[str]]
    # (*, community, actor, title, starts_at, duration_minutes) -> MeetingRef; may raise
    # MeetingNotCreated. Sends the usual invitations.
    create: Callable[..., MeetingRef]
    # (community) -> a lazy QuerySet of the held meetings' ids, newest first, to use inside
    # another query: a readiness signal over "the last six meetings" then costs no query.
    held_ids: Callable[..., object]


_PROVIDER: list[MeetingProvider] = []


def register_meeting_provider(provider: MeetingProvider) -> None:
    _PROVIDER[:] = [provider]


def _provider() -> MeetingProvider | None:
    return _PROVIDER[0] if _PROVIDER else None


def meetings_of(
    community: Community,
    *,
    ids: Iterable[int] | None = None,
    status: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[MeetingRef]:
    """The CoP's meetings, oldest first (or newest first), filtered as asked; [] without a
    provider. `ids` from elsewhere are safe: only this CoP's meetings come back."""
    provider = _provider()
    if provider is None:
        return []
    return provider.meetings(
        community,
        ids=None if ids is None else list(ids),
        status=status,
        since=since,
        until=until,
        newest_first=newest_first,
        limit=limit,
    )


def meeting_of(community: Community, meeting_id: int | None) -> MeetingRef | None:
    """One meeting of this CoP, or None (another CoP's id is as unknown as a made-up one)."""
    if meeting_id is None:
        return None
    found = meetings_of(community, ids=[meeting_id])
    return found[0] if found else None


def next_meeting(community: Community, now: datetime) -> MeetingRef | None:
    """The first meeting that has not started yet and is not cancelled."""
    upcoming = meetings_of(community, since=now, limit=5)
    return next((m for m in upcoming if m.starts_at > now and not m.cancelled), None)


def meetings_ended_between(start: datetime, end: datetime) -> list[MeetingRef]:
    provider = _provider()
    return provider.ended_between(start, end) if provider else []


def absent_membership_ids(meeting_id: int) -> set[int]:
    provider = _provider()
    return provider.absent_membership_ids(meeting_id) if provider else set()


def held_meeting_ids(community: Community):
    """The CoP's held meetings' ids, newest first, as a lazy QuerySet to use in a subquery
    (`meeting_id__in=held_meeting_ids(cop)[:6]`); an empty list without a provider."""
    provider = _provider()
    return [] if provider is None else provider.held_ids(community)


def agenda_items_of(community: Community, meeting_ids: Iterable[int]) -> list[AgendaItemRef]:
    provider = _provider()
    ids = list(meeting_ids)
    if provider is None or not ids:
        return []
    return provider.agenda_items(community, ids)


def can_add_to_agenda() -> bool:
    return _provider() is not None


def agenda_item_append(
    *, community: Community, meeting_id: int, title: str, duration_minutes: int, notes: str, actor
) -> bool:
    """Put an item at the end of one of the CoP's meetings' agendas; False when that is not
    possible (no such meeting in this CoP, or no provider)."""
    provider = _provider()
    if provider is None:
        return False
    return provider.add_agenda_item(
        community=community,
        meeting_id=meeting_id,
        title=title,
        duration_minutes=duration_minutes,
        notes=notes,
        actor=actor,
    )


def days_to_avoid(community: Community, day: date) -> list[str]:
    """The names of the holidays on `day` that the CoP's calendar steps around ([] if none)."""
    provider = _provider()
    return [] if provider is None else provider.days_to_avoid(community, day)


def meeting_create(
    *, community: Community, actor, title: str, starts_at: datetime, duration_minutes: int
) -> MeetingRef:
    """Plan one meeting through the meetings app. Raises NoMeetingProvider or
    MeetingNotCreated."""
    provider = _provider()
    if provider is None:
        raise NoMeetingProvider
    return provider.create(
        community=community,
        actor=actor,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
    )
