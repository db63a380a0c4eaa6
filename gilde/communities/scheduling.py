"""The CoP's meetings as other step apps see them, through a provider the meetings app fills.

Step apps do not import each other, yet several need the calendar: a poll is linked to a meeting,
a date poll becomes a meeting, roles are taken per meeting, a readiness signal counts the held
meetings. The meetings app registers one `MeetingProvider` from its `AppConfig.ready()`; the
others call the functions below. Without a provider (meetings not installed) there are no
meetings, and creating one raises `NoMeetingProvider`.

What crosses is plain data (`MeetingRef`, `AgendaItemRef`), never another app's model.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"


@dataclass(frozen=True)
class MeetingRef:
    pk: int
    title: str
    starts_at: datetime
    duration_minutes: int
    status: str  # PLANNED, HELD or CANCELLED
    url: str  # the meeting's page

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


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
    # (community, meeting_ids) -> list[AgendaItemRef] in agenda order; one query.
    agenda_items: Callable[..., list[AgendaItemRef]]
    # (community, day) -> names of the holidays on `day` the CoP's calendar avoids.
    days_to_avoid: Callable[..., list[str]]
    # (*, community, actor, title, starts_at, duration_minutes) -> MeetingRef; may raise
    # MeetingNotCreated. Sends the usual invitations.
    create: Callable[..., MeetingRef]
    # (community) -> a lazy QuerySet of the held meetings' ids, newest first, for use inside
    # another query (a subquery): a readiness signal over "the last six meetings" then costs no
    # query of its own.
    held_ids: Callable[..., object] | None = None


_PROVIDER: list[MeetingProvider] = []


def register_meeting_provider(provider: MeetingProvider) -> None:
    _PROVIDER[:] = [provider]


def _provider() -> MeetingProvider | None:
    return _PROVIDER[0] if _PROVIDER else None


def meetings_of(
    community,
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


def meeting_of(community, meeting_id: int | None) -> MeetingRef | None:
    """One meeting of this CoP, or None (another CoP's id is as unknown as a made-up one)."""
    if meeting_id is None:
        return None
    found = meetings_of(community, ids=[meeting_id])
    return found[0] if found else None


def held_meeting_ids(community):
    """The CoP's held meetings' ids, newest first, as a lazy QuerySet to use in a subquery
    (`meeting_id__in=held_meeting_ids(cop)[:6]`); an empty list without a provider."""
    provider = _provider()
    if provider is None or provider.held_ids is None:
        return []
    return provider.held_ids(community)


def agenda_items_of(community, meeting_ids: Iterable[int]) -> list[AgendaItemRef]:
    provider = _provider()
    ids = list(meeting_ids)
    if provider is None or not ids:
        return []
    return provider.agenda_items(community, ids)


def days_to_avoid(community, day: date) -> list[str]:
    """The names of the holidays on `day` that the CoP's calendar steps around ([] if none)."""
    provider = _provider()
    return [] if provider is None else provider.days_to_avoid(community, day)


def meeting_create(
    *, community, actor, title: str, starts_at: datetime, duration_minutes: int
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
