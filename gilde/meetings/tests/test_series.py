"""Planning a series sends one message per person (issue 9, item 22): one .ics with all its
meetings (METHOD:REQUEST, stable UIDs, SEQUENCE 0), and for a replaced series one that cancels the
old meetings. A change to one meeting still sends that meeting's own invitation."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from gilde.meetings import services, tasks
from gilde.meetings.models import NotificationMode, NotificationPreference, SentNotification

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def attendees(initiator, facilitator, participant, observer, outsider):
    return [initiator, facilitator, participant]


def _dates(count: int, first: date | None = None) -> list[date]:
    first = first or timezone.localdate() + timedelta(days=14)
    return [first + timedelta(weeks=6 * n) for n in range(count)]


def _schedule(cop, dates, capture=None, **fields):
    """Plan a series; with `capture` (django_capture_on_commit_callbacks) its e-mails go out."""

    def plan():
        return services.meeting_schedule(
            community=cop,
            dates=dates,
            start_time=time(19, 0),
            duration_minutes=120,
            title_pattern="Bijeenkomst {n}",
            place=fields.get("place", "Het Pakhuis"),
            online_link=fields.get("online_link", ""),
        )

    if capture is None:
        return plan()  # the commit hooks never run: the test sends itself
    with capture(execute=True):
        return plan()


def _calendars(message) -> dict[str, Calendar]:
    found = {}
    for filename, content, mimetype in message.attachments:
        assert mimetype == "text/calendar"
        found[filename] = Calendar.from_ical(content)
    return found


def test_a_series_sends_each_attendee_one_message_with_every_meeting(
    cop, attendees, django_capture_on_commit_callbacks
):
    meetings = _schedule(cop, _dates(13), django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in attendees)
    for message in mail.outbox:
        calendars = _calendars(message)
        assert list(calendars) == ["meetings.ics"]
        calendar = calendars["meetings.ics"]
        assert calendar["METHOD"] == "REQUEST"
        events = calendar.walk("VEVENT")
        assert [str(e["UID"]) for e in events] == [f"{m.uid}@gilde" for m in meetings]
        assert {e["SEQUENCE"] for e in events} == {0}
        assert all(str(e["ATTENDEE"]) == f"mailto:{message.to[0]}" for e in events)
        assert len(calendar.walk("VTIMEZONE")) == 1
        assert "13" in message.subject
        assert all(f"Bijeenkomst {n}" in message.body for n in range(1, 14))
        assert "Het Pakhuis" in message.body
        assert f"/c/{cop.slug}/meetings/\n" in message.body


def test_replacing_a_series_sends_one_message_that_also_cancels_the_old_one(
    cop, attendees, django_capture_on_commit_callbacks
):
    old = _schedule(cop, _dates(13), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    new = _schedule(
        cop,
        _dates(5, timezone.localdate() + timedelta(days=21)),
        django_capture_on_commit_callbacks,
    )

    assert len(mail.outbox) == len(attendees)
    calendars = _calendars(mail.outbox[0])
    assert calendars["meetings.ics"]["METHOD"] == "REQUEST"
    assert [str(e["UID"]) for e in calendars["meetings.ics"].walk("VEVENT")] == [
        f"{m.uid}@gilde" for m in new
    ]
    cancel = calendars["cancelled.ics"]
    assert cancel["METHOD"] == "CANCEL"
    events = cancel.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{m.uid}@gilde" for m in old]
    assert {(e["STATUS"], e["SEQUENCE"]) for e in events} == {("CANCELLED", 1)}


def test_series_respects_preferences_and_language(
    cop, attendees, django_capture_on_commit_callbacks
):
    initiator, facilitator, participant = attendees
    NotificationPreference.objects.create(user=initiator, mode=NotificationMode.DIGEST)
    NotificationPreference.objects.create(user=facilitator, mode=NotificationMode.OFF)
    participant.language = "en"
    participant.save()
    june = date(timezone.localdate().year + 1, 6, 1)

    _schedule(cop, _dates(3, june), django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == [participant.email]
    assert "Hello Piet Deelnemer" in message.body
    assert "1 June" in message.body
    assert message.subject == "Invitation: 3 meetings of Circulair ondernemen"


def test_series_message_in_dutch(cop, participant, django_capture_on_commit_callbacks):
    _schedule(cop, _dates(2), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Uitnodiging: 2 bijeenkomsten van Circulair ondernemen"
    assert "Hallo Piet Deelnemer" in message.body


def test_running_the_series_task_twice_sends_once(cop, attendees):
    meetings = _schedule(cop, _dates(4))
    ids = [m.pk for m in meetings]

    tasks.send_series_invitations.enqueue(cop.pk, ids, [])
    tasks.send_series_invitations.enqueue(cop.pk, ids, [])

    assert len(mail.outbox) == len(attendees)
    assert SentNotification.objects.filter(key__startswith="meeting-series:").count() == 3


def test_a_change_to_one_meeting_still_sends_its_own_invitation(
    cop, attendees, django_capture_on_commit_callbacks
):
    meetings = _schedule(cop, _dates(13), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=meetings[2], place="De Kas")

    assert len(mail.outbox) == len(attendees)
    [(_filename, content, _mimetype)] = mail.outbox[0].attachments
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["UID"]) == f"{meetings[2].uid}@gilde"
    assert event["SEQUENCE"] == 1
