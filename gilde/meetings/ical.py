"""iCalendar (RFC 5545) for meetings: one event as a download, or a CoP's whole calendar as a feed.
No Django here: callers pass the meetings and a function that gives each one's web address.

Times are written in Europe/Amsterdam with a compact VTIMEZONE (the EU rule, in force since 1996),
so calendar apps keep 19:00 at 19:00 on both sides of a daylight-saving change. A meeting keeps its
UID for life and its SEQUENCE rises with every change, so an updated feed or a second download
replaces the event instead of adding a copy; cancelled meetings stay in the feed as
STATUS:CANCELLED so calendars remove them.

A *public* calendar (the feed of an open CoP read without a personal token) carries what the CoP's
public home page shows: that the CoP meets and when, with each meeting's title and status. Where
it meets is for members only: no place and no online link (which may hold a passcode). Members
get the rest through the meeting pages, their personal feed address and their invitations.
"""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from gilde.core.text import single_line

from .scheduling import AMSTERDAM

PRODID = "-//Gilde//Gilde meetings//NL"
UID_DOMAIN = "gilde"
STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


class MeetingLike(Protocol):
    uid: UUID
    sequence: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_link: str
    status: str
    updated_at: datetime
    created_at: datetime


def amsterdam_vtimezone() -> Timezone:
    """Europe/Amsterdam as calendar apps write it: CET in winter, CEST from the last Sunday of
    March to the last Sunday of October."""
    tz = Timezone()
    tz.add("tzid", AMSTERDAM.key)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _text(value: str) -> str:
    """A TEXT value on one line: a control character in a title saved before input was cleaned
    would otherwise break the whole feed (icalendar refuses a raw line break in some properties
    and writes NUL or VT as they are, which calendar apps reject)."""
    return " ".join(single_line(value).split())


def meeting_event(meeting: MeetingLike, url: str, *, public: bool = False) -> Event:
    """One VEVENT; `public` leaves out where the meeting is (see the module's docstring)."""
    event = Event()
    event.add("uid", f"{meeting.uid}@{UID_DOMAIN}")
    event.add("sequence", meeting.sequence)
    # Without METHOD, DTSTAMP is when the event last changed in our store (RFC 5545 §3.8.7.2),
    # which also keeps the output stable between two downloads.
    event.add("dtstamp", meeting.updated_at)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", meeting.ends_at.astimezone(AMSTERDAM))
    event.add("summary", _text(meeting.title))
    if not public:
        if meeting.place:
            event.add("location", _text(meeting.place))
        elif meeting.online_link:
            event.add("location", _text(meeting.online_link))
        if meeting.online_link:
            event.add("description", _text(meeting.online_link))
    event.add("url", _text(url))
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    return event


def meetings_calendar(
    meetings: Iterable[MeetingLike],
    url_for: Callable[[MeetingLike], str],
    *,
    name: str = "",
    public: bool = False,
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, as bytes ready to serve as text/calendar;
    `public` for a reader who is not a member (see the module's docstring)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = _text(name)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    calendar.add("x-wr-timezone", AMSTERDAM.key)
    calendar.add_component(amsterdam_vtimezone())
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url_for(meeting), public=public))
    return calendar.to_ical()
