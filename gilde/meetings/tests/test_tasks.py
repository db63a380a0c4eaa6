"""The meeting e-mails: content, language, the .ics, idempotency, preferences and time windows."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.utils import timezone
from icalendar import Calendar

from gilde.communities.models import Role
from gilde.meetings import tasks
from gilde.meetings.models import (
    Attendance,
    EvaluationSubmission,
    Meeting,
    MeetingFacilitator,
    MeetingStatus,
    NotificationMode,
    NotificationPreference,
    Rsvp,
    SentNotification,
)
from tests.factories import MembershipFactory, UserFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def members(initiator, facilitator, participant, observer, outsider):
    return {"initiator": initiator, "facilitator": facilitator, "participant": participant}


def _meeting(cop, starts_in: timedelta, **fields) -> Meeting:
    fields = {"title": "Bijeenkomst 3", "duration_minutes": 120, "place": "Het Pakhuis", **fields}
    return Meeting.objects.create(community=cop, starts_at=timezone.now() + starts_in, **fields)


def _to(messages) -> set[str]:
    return {address for message in messages for address in message.to}


def _ics(message) -> Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def _prefer(user, mode):
    NotificationPreference.objects.update_or_create(user=user, defaults={"mode": mode})


# (a) invitations, updates and cancellations


def test_planned_meeting_invites_everyone_who_attends_with_an_ics(
    cop, members, observer, outsider, django_capture_on_commit_callbacks
):
    meeting = _meeting(cop, timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.notify_meeting_changed(meeting)

    assert _to(mail.outbox) == {user.email for user in members.values()}
    message = next(m for m in mail.outbox if m.to == [members["participant"].email])
    assert "Bijeenkomst 3" in message.subject
    assert "Het Pakhuis" in message.body
    assert f"/c/{cop.slug}/meetings/{meeting.pk}/\n" in message.body
    calendar = _ics(message)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{meeting.uid}@gilde"
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Bijeenkomst 3"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert calendar.walk("VTIMEZONE")


def test_invitation_waits_for_the_transaction_to_commit(
    cop, members, django_capture_on_commit_callbacks
):
    meeting = _meeting(cop, timedelta(days=20))
    with django_capture_on_commit_callbacks() as callbacks:
        tasks.notify_meeting_changed(meeting)
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_change_sends_an_update_with_the_raised_sequence(cop, members):
    meeting = _meeting(cop, timedelta(days=20))
    tasks.send_meeting_invitations.enqueue(meeting.pk)
    meeting.sequence = 1
    meeting.place = "De Kas"
    meeting.save()
    mail.outbox.clear()

    tasks.send_meeting_invitations.enqueue(meeting.pk)

    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert "De Kas" in message.body
    [event] = _ics(message).walk("VEVENT")
    assert event["SEQUENCE"] == 1


def test_cancelled_meeting_sends_method_cancel(cop, members):
    meeting = _meeting(cop, timedelta(days=20), status=MeetingStatus.CANCELLED, sequence=2)

    tasks.send_meeting_invitations.enqueue(meeting.pk)

    assert len(mail.outbox) == 3
    calendar = _ics(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2


def test_deleted_meeting_sends_a_cancellation(cop, members, django_capture_on_commit_callbacks):
    meeting = _meeting(cop, timedelta(days=20))
    uid = meeting.uid
    with django_capture_on_commit_callbacks(execute=True):
        tasks.notify_meeting_deleted(meeting)
        meeting.delete()

    assert len(mail.outbox) == 3
    calendar = _ics(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{uid}@gilde"
    assert event["SEQUENCE"] == 1


def test_past_meeting_sends_no_invitation(cop, members):
    meeting = _meeting(cop, -timedelta(days=1))
    tasks.send_meeting_invitations.enqueue(meeting.pk)
    assert mail.outbox == []


def test_emails_come_in_the_recipients_language(cop, members):
    english = members["participant"]
    english.language = "en"
    english.save()
    # A Tuesday in June, so the day and month names tell the languages apart.
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 3",
        starts_at=timezone.make_aware(datetime(timezone.now().year + 1, 6, 1, 19, 0)),
        duration_minutes=120,
    )
    day = meeting.starts_at.strftime("%A")

    tasks.send_meeting_invitations.enqueue(meeting.pk)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert f"{day} 1 June" in by_address[english.email].body
    assert "Hello Piet Deelnemer" in by_address[english.email].body
    assert " 1 juni" in by_address[members["initiator"].email].body
    assert "June" not in by_address[members["initiator"].email].body


def test_running_the_same_task_twice_sends_once(cop, members):
    meeting = _meeting(cop, timedelta(days=20))

    tasks.send_meeting_invitations.enqueue(meeting.pk)
    tasks.send_meeting_invitations.enqueue(meeting.pk)

    assert len(mail.outbox) == 3
    assert SentNotification.objects.filter(key__startswith="meeting-invite:").count() == 3


def test_failed_send_leaves_no_key_so_a_retry_sends(cop, participant, monkeypatch):
    meeting = _meeting(cop, timedelta(days=20))

    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks, "send_templated_mail", broken)
    result = tasks.send_meeting_invitations.enqueue(meeting.pk)
    assert result.status == "FAILED"
    assert not SentNotification.objects.exists()

    monkeypatch.undo()
    tasks.send_meeting_invitations.enqueue(meeting.pk)
    assert len(mail.outbox) == 1


# Preferences


def test_members_who_switched_off_get_nothing(cop, members):
    for user in members.values():
        _prefer(user, NotificationMode.OFF)
    meeting = _meeting(cop, timedelta(hours=48))

    tasks.send_meeting_invitations.enqueue(meeting.pk)
    tasks.send_due_notifications.enqueue()

    assert mail.outbox == []


def test_observers_get_no_meeting_emails(cop, observer):
    _meeting(cop, timedelta(hours=48))
    meeting = _meeting(cop, timedelta(days=7))
    _meeting(cop, -timedelta(hours=2), duration_minutes=90)

    tasks.send_meeting_invitations.enqueue(meeting.pk)
    tasks.send_due_notifications.enqueue()
    tasks.send_weekly_digests.enqueue()

    assert mail.outbox == []


FIXED_MONDAY = datetime(2031, 3, 10, 9, 0)  # a Monday morning


@pytest.fixture
def monday(monkeypatch):
    now = timezone.make_aware(FIXED_MONDAY)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_digest_readers_get_one_weekly_digest_with_the_weeks_items(
    cop, members, monday, django_capture_on_commit_callbacks
):
    reader = members["facilitator"]
    _prefer(reader, NotificationMode.DIGEST)
    for user in (members["initiator"], members["participant"]):
        _prefer(user, NotificationMode.OFF)
    this_week = _meeting(cop, timedelta(days=2), title="Bijeenkomst deze week")
    next_week = _meeting(cop, timedelta(days=9), title="Bijeenkomst volgende week")
    MeetingFacilitator.objects.create(
        meeting=next_week, membership=reader.memberships.get(community=cop)
    )
    _meeting(cop, timedelta(days=30), title="Bijeenkomst later")
    held = _meeting(cop, -timedelta(days=2), title="Vorige bijeenkomst", duration_minutes=60)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.notify_meeting_changed(this_week)
        tasks.notify_evaluation_opened(held)
    assert mail.outbox == []  # nothing at once

    tasks.send_due_notifications.enqueue()  # a Monday morning: the digests go out
    tasks.send_due_notifications.enqueue()
    tasks.send_weekly_digests.enqueue()

    [digest] = mail.outbox
    assert digest.to == [reader.email]
    assert digest.attachments == []
    meetings, rest = digest.body.split("Vorige bijeenkomst")
    assert "Bijeenkomst deze week" in meetings
    assert "Bijeenkomst later" not in digest.body
    assert "Bijeenkomst volgende week" in rest  # to prepare
    assert SentNotification.objects.filter(key__startswith="meeting-digest:2031-W11:").count() == 1


def test_digest_waits_for_monday(cop, members, monkeypatch):
    tuesday = timezone.make_aware(FIXED_MONDAY + timedelta(days=1))
    monkeypatch.setattr(timezone, "now", lambda: tuesday)
    _prefer(members["participant"], NotificationMode.DIGEST)
    _meeting(cop, timedelta(days=2))

    tasks.send_due_notifications.enqueue()

    assert [m for m in mail.outbox if m.to == [members["participant"].email]] == []


# (b), (c), (d): the periodic job


def test_a_meeting_in_two_days_gets_one_reminder(cop, members):
    meeting = _meeting(cop, timedelta(hours=47, minutes=55))
    _meeting(cop, timedelta(days=4))

    tasks.send_due_notifications.enqueue()
    tasks.send_due_notifications.enqueue()

    assert _to(mail.outbox) == {user.email for user in members.values()}
    assert len(mail.outbox) == 3
    assert "Bijeenkomst 3" in mail.outbox[0].subject
    assert _ics(mail.outbox[0])["METHOD"] == "REQUEST"
    assert SentNotification.objects.filter(
        key=f"meeting-reminder:{meeting.pk}:{int(meeting.starts_at.timestamp())}:"
        f"{members['participant'].pk}"
    ).exists()


def test_evaluation_request_when_the_meeting_ends(cop, members):
    meeting = _meeting(cop, -timedelta(minutes=130), duration_minutes=120)
    MembershipFactory(
        community=cop, user=UserFactory(email="weg@example.org"), role=Role.PARTICIPANT
    )
    Attendance.objects.create(
        meeting=meeting,
        membership=cop.memberships.get(user__email="weg@example.org"),
        response=Rsvp.NO,
    )
    EvaluationSubmission.objects.create(
        meeting=meeting, membership=cop.memberships.get(user=members["initiator"])
    )

    tasks.send_due_notifications.enqueue()
    tasks.send_evaluation_requests.enqueue(meeting.pk)

    assert _to(mail.outbox) == {members["facilitator"].email, members["participant"].email}
    assert "Bijeenkomst 3" in mail.outbox[0].subject
    assert f"/c/{cop.slug}/meetings/{meeting.pk}/evaluate/" in mail.outbox[0].body
    assert mail.outbox[0].attachments == []


def test_evaluation_opened_early_is_requested_once(
    cop, members, django_capture_on_commit_callbacks
):
    meeting = _meeting(cop, -timedelta(minutes=30), duration_minutes=120)
    meeting.evaluation_opened_at = timezone.now()
    meeting.save()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.notify_evaluation_opened(meeting)
    tasks.send_due_notifications.enqueue()

    assert len(mail.outbox) == 3


def test_evaluation_not_requested_before_it_opens(cop, members):
    meeting = _meeting(cop, -timedelta(minutes=30), duration_minutes=120)
    tasks.send_evaluation_requests.enqueue(meeting.pk)
    tasks.send_due_notifications.enqueue()
    assert mail.outbox == []


def test_facilitators_are_reminded_to_prepare_a_week_before(cop, members):
    meeting = _meeting(cop, timedelta(days=6, hours=23))

    tasks.send_due_notifications.enqueue()
    tasks.send_due_notifications.enqueue()

    [message] = mail.outbox
    assert message.to == [members["facilitator"].email]
    assert "Bijeenkomst 3" in message.subject
    assert f"/c/{cop.slug}/meetings/{meeting.pk}/prepare/" in message.body


def test_prepare_reminder_goes_to_the_meetings_own_facilitators(cop, members):
    meeting = _meeting(cop, timedelta(days=6, hours=23))
    for user in (members["initiator"], members["participant"]):
        MeetingFacilitator.objects.create(
            meeting=meeting, membership=user.memberships.get(community=cop)
        )

    tasks.send_due_notifications.enqueue()

    assert _to(mail.outbox) == {members["initiator"].email, members["participant"].email}


# Commands


def test_notify_command_runs_the_periodic_job(cop, members):
    _meeting(cop, timedelta(hours=47))
    call_command("notify", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_worker_command_exists_and_works_off_the_database_queue(settings, cop, members):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert get_commands()["worker"] == "gilde.meetings"
    meeting = _meeting(cop, timedelta(days=20))
    tasks.send_meeting_invitations.enqueue(meeting.pk)
    assert mail.outbox == []

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert len(mail.outbox) == 3
