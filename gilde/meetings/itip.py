"""iTIP messages (RFC 5546) that put meetings in, or take them out of, the attendees' calendars:
the .ics attachments of the meeting e-mails, and what a cancellation keeps of a deleted meeting."""

from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from gilde.core.mail import absolute_url

from . import ical
from . import notifications as n
from .models import Meeting, MeetingStatus

ICS_MIMETYPE = "text/calendar"


def meetings_ics(meetings, *, method: str, attendee=None) -> bytes:
    """Meetings as one iTIP message (RFC 5546), a VEVENT each: METHOD:REQUEST, or METHOD:CANCEL
    with STATUS:CANCELLED, with the same UIDs and SEQUENCEs as the CoP's feed."""
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(ical.amsterdam_vtimezone())
    stamp = timezone.now()
    organizer = f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"
    for meeting in meetings:
        event = ical.meeting_event(meeting, absolute_url(n.meeting_path(meeting)))
        # In a message, DTSTAMP is when the message was made.
        event.pop("DTSTAMP", None)
        event.add("dtstamp", stamp)
        if method == "CANCEL":
            event.pop("STATUS", None)
            event.add("status", "CANCELLED")
        # Calendar apps only offer "add to calendar" for a request with an organizer.
        event.add("organizer", organizer)
        if attendee is not None:
            event.add("attendee", f"mailto:{attendee.email}", parameters={"RSVP": "FALSE"})
        calendar.add_component(event)
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, *, method: str, attendee=None) -> bytes:
    """One meeting as an iTIP message (see `meetings_ics`)."""
    return meetings_ics([meeting], method=method, attendee=attendee)


def deleted_snapshot(meeting: Meeting) -> dict:
    """What a cancellation needs of a meeting about to be deleted, with its SEQUENCE raised."""
    return {
        "pk": meeting.pk,
        "community_id": meeting.community_id,
        "uid": str(meeting.uid),
        "sequence": meeting.sequence + 1,
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "duration_minutes": meeting.duration_minutes,
        "place": meeting.place,
        "online_link": meeting.online_link,
        "created_at": meeting.created_at.isoformat(),
    }


def cancelled_meeting(snapshot: dict) -> Meeting:
    """The deleted meeting again, unsaved and cancelled, to build its cancellation from."""
    return Meeting(
        pk=snapshot["pk"],
        community_id=snapshot["community_id"],
        uid=snapshot["uid"],
        sequence=snapshot["sequence"],
        title=snapshot["title"],
        starts_at=datetime.fromisoformat(snapshot["starts_at"]),
        duration_minutes=snapshot["duration_minutes"],
        place=snapshot["place"],
        online_link=snapshot["online_link"],
        status=MeetingStatus.CANCELLED,
        created_at=datetime.fromisoformat(snapshot["created_at"]),
        updated_at=timezone.now(),
    )
