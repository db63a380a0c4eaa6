"""E-mail: queued after commit and sent outside any transaction (item 17), plain text with
one-line subjects (item 14)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gilde.communities import services as community_services
from gilde.core.mail import queue_templated_mail, render_templated_mail
from gilde.meetings import tasks as meeting_tasks
from gilde.meetings.models import Meeting
from tests.factories import CommunityFactory, UserFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TRICKY_NAME = "R&D <Zorg> \"samen\" 'slim'"


class RecordingBackend(EmailBackend):
    """The test outbox, noting whether a transaction was open at the moment of sending."""

    in_transaction: list[bool] = []

    def send_messages(self, messages):
        RecordingBackend.in_transaction.append(connection.in_atomic_block)
        return super().send_messages(messages)


@pytest.fixture
def recording(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RecordingBackend"
    RecordingBackend.in_transaction = []
    return RecordingBackend.in_transaction


def _queue(to="rosa@example.org"):
    queue_templated_mail(
        template="accounts/email/confirm",
        to=to,
        language="nl",
        context={"user": UserFactory.build(name="Rosa"), "path": "/x/"},
    )


def test_a_queued_mail_waits_for_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        _queue()
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_sends_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_request_only_queues_and_the_worker_sends_outside_any_transaction(settings, recording):
    settings.TASKS = DATABASE_QUEUE
    response = Client().post(
        reverse("accounts:register"),
        {
            "name": "Rosa",
            "email": "rosa@example.org",
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
        },
    )
    assert response.status_code == 200
    assert mail.outbox == []  # nothing was sent inside the request
    [queued] = DBTaskResult.objects.all()
    assert "pbkdf2" in str(queued.args_kwargs) or "password_hash" in str(queued.args_kwargs)

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    assert recording == [False]
    # The task's arguments (the password hash) are gone once it ran.
    assert all(
        task.args_kwargs == {"args": [], "kwargs": {}} for task in DBTaskResult.objects.all()
    )


@pytest.mark.django_db(transaction=True)
def test_invitations_and_applications_go_through_the_queue(settings, recording):
    settings.TASKS = DATABASE_QUEUE
    inviter = UserFactory(email="alice@example.org")
    cop = CommunityFactory(name="Circulair", listed=True)
    from gilde.communities.models import Membership, Role

    Membership.objects.create(community=cop, user=inviter, role=Role.INITIATOR)
    community_services.invitation_send(
        community=cop, inviter=inviter, email="nieuw@example.org", role=Role.PARTICIPANT
    )
    community_services.application_submit(
        community=cop, user=UserFactory(email="sollicitant@example.org"), motivation="Graag"
    )
    assert mail.outbox == []
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "nieuw@example.org"]
    assert recording == [False, False]
    # Sent mail leaves no invitation link behind in the task table.
    assert "/invite/" not in str(list(DBTaskResult.objects.values_list("args_kwargs")))


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_meeting_mail_outside_any_transaction(settings, recording, cop, members):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst",
        duration_minutes=120,
        starts_at=timezone.now() + timedelta(days=20),
    )
    meeting_tasks.send_meeting_invitations.call(meeting.pk)
    assert recording and not any(recording)


@pytest.fixture
def members(initiator, facilitator, participant):
    return [initiator, facilitator, participant]


def test_a_failed_meeting_mail_can_be_sent_again(db, cop, members, monkeypatch):
    from gilde.meetings.models import SentNotification

    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst",
        duration_minutes=120,
        starts_at=timezone.now() + timedelta(days=20),
    )

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(meeting_tasks, "send_templated_mail", broken)
    with pytest.raises(OSError):
        meeting_tasks.send_meeting_invitations.call(meeting.pk)
    assert not SentNotification.objects.exists()


def test_the_recipients_language_is_kept(client, db, django_capture_on_commit_callbacks):
    inviter = UserFactory(email="alice@example.org", language="nl")
    UserFactory(email="english@example.org", language="en")
    cop = CommunityFactory(name="Circulair")
    with django_capture_on_commit_callbacks(execute=True):
        community_services.invitation_send(
            community=cop, inviter=inviter, email="english@example.org", role="participant"
        )
        community_services.invitation_send(
            community=cop, inviter=inviter, email="nieuw@example.org", role="participant"
        )
    english, dutch = mail.outbox
    assert english.subject == "Invitation to the CoP Circulair"
    assert dutch.subject.startswith("Uitnodiging")


def test_email_timeout_is_set(settings):
    assert settings.EMAIL_TIMEOUT == 10


# Plain text


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("communities/email/invitation", {"inviter": None, "invitation": None, "path": "/i/"}),
        ("communities/email/application_received", {"application": None}),
        ("communities/email/application_decided", {"application": None}),
        ("question/email/comment_request", {"sender": None, "version": None, "path": "/q/"}),
    ],
)
def test_subjects_and_bodies_are_plain_text(db, template, context):
    community = CommunityFactory.build(name=TRICKY_NAME + "\r\nBcc: x@example.org")
    message = render_templated_mail(
        template=template,
        to="rosa@example.org",
        language="en",
        context={"community": community, **context},
    )
    assert "&amp;" not in message.subject and "&lt;" not in message.subject
    assert "&#x27;" not in message.subject and "&quot;" not in message.subject
    assert TRICKY_NAME in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "&amp;" not in message.body and "&lt;" not in message.body
    message.message()  # a header with a line break would raise BadHeaderError here


def test_a_cop_name_with_markup_reaches_the_invitee_as_written(
    client, db, facilitator, django_capture_on_commit_callbacks
):
    cop = CommunityFactory(name=TRICKY_NAME)
    from gilde.communities.models import Membership, Role

    Membership.objects.create(community=cop, user=facilitator, role=Role.FACILITATOR)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:invite", args=[cop.slug]),
            {"email": "nieuw@example.org", "role": "participant"},
        )
    [message] = mail.outbox
    assert TRICKY_NAME in message.subject
    assert re.search(re.escape(TRICKY_NAME), message.body)


def test_a_queued_mail_that_runs_again_is_sent_once(db, mailoutbox):
    from gilde.core.mail import send_queued_mail

    message = {
        "subject": "Hallo",
        "body": "Tekst",
        "from": "g@example.org",
        "to": ["a@example.org"],
        "attachments": [],
    }
    send_queued_mail.enqueue(message=message, key="k1")
    send_queued_mail.enqueue(message=message, key="k1")  # the task ran again after a crash
    send_queued_mail.enqueue(message=message, key="k2")
    assert len(mailoutbox) == 2


def test_a_task_left_running_by_a_killed_worker_goes_back_in_the_queue(db):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from gilde.core.queue import tasks_requeue_stale

    stale = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="gilde.core.mail.send_queued_mail",
        backend_name="default",
        run_after=timezone.now(),
    )
    busy = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="gilde.core.mail.send_queued_mail",
        backend_name="default",
        run_after=timezone.now(),
    )
    assert tasks_requeue_stale(older_than=timedelta(minutes=15)) == 1
    stale.refresh_from_db()
    busy.refresh_from_db()
    assert stale.status == TaskResultStatus.READY
    assert busy.status == TaskResultStatus.RUNNING
