"""The notification centre: what the e-mails say, also for people who switched them off; read and
unread; only one's own; once per event."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gilde.communities import services as community_services
from gilde.communities.models import Application, Role
from gilde.meetings import tasks
from gilde.meetings.models import Meeting, NotificationMode, NotificationPreference
from gilde.notifications.models import Notification
from gilde.notifications.services import notify
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS, CommentRequest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _notice(user, key="k", **fields):
    return notify(
        user=user,
        kind="meeting.reminder",
        key=key,
        url="/",
        title="Bijeenkomst 2",
        when=timezone.now(),
        **fields,
    )


def test_notify_writes_once_per_key(participant):
    assert _notice(participant) is not None
    assert _notice(participant) is None
    assert Notification.objects.filter(user=participant).count() == 1


def test_notify_refuses_an_unknown_kind_and_a_link_to_another_site(participant):
    with pytest.raises(ValueError):
        notify(user=participant, kind="nonsense", key="x")
    notification = notify(
        user=participant,
        kind="meeting.reminder",
        key="y",
        url="//evil.example.org/",
        title="B",
        when=timezone.now(),
    )
    assert notification.url == ""


def test_the_bell_counts_unread_without_a_query_of_its_own(
    client, participant, cop, django_assert_num_queries
):
    _notice(participant, "a")
    _notice(participant, "b")
    client.force_login(participant)
    page = client.get(reverse("core:home")).content.decode()
    assert 'class="bell__count">2<' in page
    with django_assert_num_queries(2):  # the session and the user with the count
        client.get(reverse("core:home"))


def test_the_centre_lists_only_ones_own_notifications_in_dutch(client, participant, facilitator):
    _notice(participant, "mine")
    _notice(facilitator, "theirs", community=None)
    client.force_login(participant)
    response = client.get(reverse("notifications:centre"))
    rows = response.context["rows"]
    assert [n.user for n, _ in rows] == [participant]
    assert "Herinnering: <bdi>Bijeenkomst 2</bdi> is op" in response.content.decode()


def test_opening_marks_read_and_follows_the_link(client, participant):
    notification = _notice(participant)
    client.force_login(participant)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/"
    notification.refresh_from_db()
    assert notification.is_read


def test_read_and_unread_and_all(client, participant):
    first, second = _notice(participant, "1"), _notice(participant, "2")
    client.force_login(participant)
    client.post(reverse("notifications:mark", args=[first.pk]), {"read": "1"})
    first.refresh_from_db()
    assert first.is_read
    client.post(reverse("notifications:mark", args=[first.pk]), {"read": "0"})
    first.refresh_from_db()
    assert not first.is_read
    client.post(reverse("notifications:mark_all"))
    assert not Notification.objects.filter(user=participant, read=False).exists()
    second.refresh_from_db()
    assert second.is_read


def test_someone_elses_notification_is_404(client, participant, facilitator):
    theirs = _notice(facilitator)
    client.force_login(participant)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("notifications:mark", args=[theirs.pk]), {"read": "1"}).status_code
        == 404
    )
    client.post(reverse("notifications:mark_all"))
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_anonymous_visitors_are_asked_to_log_in(client):
    assert client.get(reverse("notifications:centre")).status_code == 302


def test_the_centre_and_the_profile_link_to_the_email_choices(client, participant):
    client.force_login(participant)
    preferences = reverse("meetings:notification_preference")
    assert preferences in client.get(reverse("notifications:centre")).content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert preferences in profile and reverse("notifications:centre") in profile


def test_meeting_emails_also_leave_a_notice_even_when_email_is_off(cop, initiator, participant):
    NotificationPreference.objects.create(user=participant, mode=NotificationMode.OFF)
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 5",
        starts_at=timezone.now() + timedelta(days=10),
        duration_minutes=120,
    )
    tasks.send_meeting_invitations.call(meeting.pk)
    tasks.send_meeting_invitations.call(meeting.pk)  # a retry: nobody hears twice
    assert participant.email not in {a for m in mail.outbox for a in m.to}
    assert initiator.email in {a for m in mail.outbox for a in m.to}
    notices = Notification.objects.filter(kind="meeting.invited", community=cop)
    assert sorted(n.user.email for n in notices) == sorted([initiator.email, participant.email])


def test_an_application_reaches_the_runners_and_the_decision_the_applicant(
    cop, initiator, facilitator, participant, outsider
):
    application = community_services.application_submit(
        community=cop, user=outsider, motivation="Ik werk in de kringloop en wil meedoen."
    )
    told = set(
        Notification.objects.filter(kind="application.received").values_list(
            "user__email", flat=True
        )
    )
    assert told == {initiator.email, facilitator.email}
    community_services.application_decide(application=application, actor=facilitator, approve=True)
    notice = Notification.objects.get(user=outsider, kind="application.approved")
    assert notice.url == cop.get_absolute_url()
    assert Application.objects.get(pk=application.pk).status == "approved"


def test_a_reply_to_a_request_for_comments_reaches_the_asker(
    cop, facilitator, participant, django_capture_on_commit_callbacks
):
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    membership = cop.memberships.get(user=participant)
    with django_capture_on_commit_callbacks(execute=True):
        question_services.comments_request(
            community=cop, actor=facilitator, recipients=[membership], message="Kijk je mee?"
        )
    assert Notification.objects.filter(user=participant, kind="comments.requested").exists()
    request = CommentRequest.objects.get(membership=membership)
    assert request.answered_at is None
    version = cop.question_versions.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question_services.comment_add(version=version, author=participant, body="Mooi scherp.")
    request.refresh_from_db()
    assert request.answered_at is not None
    notice = Notification.objects.get(user=facilitator, kind="comments.replied")
    assert notice.url == reverse("question:version", args=[cop.slug, version.number])
    [message] = mail.outbox
    assert message.to == [facilitator.email]
    assert "Mooi scherp." in message.body
    # A second comment answers nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        question_services.comment_add(version=version, author=participant, body="Nog iets.")
    assert Notification.objects.filter(user=facilitator, kind="comments.replied").count() == 1


def test_observers_are_not_among_those_who_can_be_asked(client, cop, facilitator, observer):
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    client.force_login(facilitator)
    page = client.get(reverse("question:request_comments", args=[cop.slug])).content.decode()
    assert observer.name not in page
    assert Role.OBSERVER
