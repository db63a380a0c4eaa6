"""The CoP's meetings as other step apps may see them, and the one way they add to an agenda.

Meetings keeps the calendar; apps that link to a meeting (a learning entry, an experiment due at
the next meeting) read plain `MeetingRef`s through the source meetings registers from its
`AppConfig.ready()`, and put an item on a meeting's agenda through the adder it registers. Without
a registered source a CoP has no meetings, and nothing can be put on an agenda.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .models import Community


@dataclass(frozen=True)
class MeetingRef:
    id: int
    community_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    held: bool = False
    cancelled: bool = False


class MeetingSource(Protocol):
    def meetings(self, community: Community) -> list[MeetingRef]:
        """All the CoP's meetings, oldest first."""

    def ended_between(self, start: datetime, end: datetime) -> list[MeetingRef]:
        """Meetings of every CoP that ended in [start, end) and were not cancelled."""

    def absent_membership_ids(self, meeting_id: int) -> set[int]:
        """Members who said they would not come or were marked absent."""


AgendaAdder = Callable[..., bool]
_REGISTRY: dict[str, Any] = {}


def register_meeting_source(source: MeetingSource) -> None:
    _REGISTRY["source"] = source


def register_agenda_adder(adder: AgendaAdder) -> None:
    """`adder(*, community, meeting_id, title, duration_minutes, notes, actor) -> bool`: put an
    item at the end of the meeting's agenda; False when the meeting is not the CoP's."""
    _REGISTRY["agenda"] = adder


def meeting_refs(community: Community) -> list[MeetingRef]:
    source = _REGISTRY.get("source")
    return source.meetings(community) if source else []


def meeting_ref(community: Community, meeting_id: int | None) -> MeetingRef | None:
    if meeting_id is None:
        return None
    return next((m for m in meeting_refs(community) if m.id == meeting_id), None)


def meetings_ended_between(start: datetime, end: datetime) -> list[MeetingRef]:
    source = _REGISTRY.get("source")
    return source.ended_between(start, end) if source else []


def absent_membership_ids(meeting_id: int) -> set[int]:
    source = _REGISTRY.get("source")
    return source.absent_membership_ids(meeting_id) if source else set()


def next_meeting(community: Community, now: datetime) -> MeetingRef | None:
    """The first meeting that has not started yet and is not cancelled."""
    return next((m for m in meeting_refs(community) if m.starts_at > now and not m.cancelled), None)


def can_add_to_agenda() -> bool:
    return "agenda" in _REGISTRY


def agenda_item_append(
    *, community: Community, meeting_id: int, title: str, duration_minutes: int, notes: str, actor
) -> bool:
    adder = _REGISTRY.get("agenda")
    if adder is None:
        return False
    return adder(
        community=community,
        meeting_id=meeting_id,
        title=title,
        duration_minutes=duration_minutes,
        notes=notes,
        actor=actor,
    )
