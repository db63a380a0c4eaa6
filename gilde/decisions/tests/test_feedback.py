"""Peer feedback: only the asker and the writer read an answer; never facilitators, never in a
count; reminders, thanks and closing."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gilde.core.models import AuditEntry
from gilde.decisions import tasks
from gilde.decisions.models import FeedbackInvite, FeedbackRequest
from tests.factories import MembershipFactory, UserFactory


def _ask(client, cop, asker, writers, django_capture_on_commit_callbacks):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("decisions:feedback_new", args=[cop.slug]),
            {
                "subject": "case",
                "about": "Mijn inkoopplan",
                "question": "Wat mis ik?",
                "writers": [str(cop.memberships.get(user=w).pk) for w in writers],
            },
        )
    return response


def test_only_the_asker_and_the_writer_read_the_feedback(
    client, cop, participant, facilitator, initiator, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(
        community=cop, user=UserFactory(name="Carla Collega"), role="participant"
    )
    response = _ask(
        client, cop, participant, [colleague.user, initiator], django_capture_on_commit_callbacks
    )
    request = FeedbackRequest.objects.get()
    url = reverse("decisions:feedback_request", args=[cop.slug, request.pk])
    assert response.url == url
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [colleague.user.email, "alice@example.org"]
    )
    assert "Wat mis ik?" not in mail.outbox[0].body  # the question stays on the page

    client.force_login(colleague.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "Begin bij de inkoper zelf."})
    assert mail.outbox[-1].to == ["piet@example.org"]
    assert "Begin bij de inkoper" not in mail.outbox[-1].body

    client.force_login(initiator)  # asked too: sees the question, not the colleague's answer
    page = client.get(url).content.decode()
    assert "Wat mis ik?" in page and "Begin bij de inkoper" not in page
    client.force_login(participant)
    assert "Begin bij de inkoper zelf." in client.get(url).content.decode()
    for outsider_of_it in (facilitator,):
        client.force_login(outsider_of_it)
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "x"}).status_code == 404
        assert (
            "Mijn inkoopplan"
            not in client.get(reverse("decisions:feedback", args=[cop.slug])).content.decode()
        )
    assert not AuditEntry.objects.filter(action__startswith="feedback").exists()


def test_the_step_page_shows_no_feedback_content_to_facilitators(
    client, cop, participant, facilitator, initiator, django_capture_on_commit_callbacks
):
    _ask(client, cop, participant, [initiator], django_capture_on_commit_callbacks)
    invite = FeedbackInvite.objects.get()
    invite.answer, invite.answered_at = "Geheim antwoord", timezone.now()
    invite.save()
    client.force_login(facilitator)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "Geheim antwoord" not in page and "Mijn inkoopplan" not in page


def test_asking_needs_one_to_three_others(
    client, cop, participant, facilitator, initiator, observer, django_capture_on_commit_callbacks
):
    extra = [
        MembershipFactory(community=cop, user=UserFactory(), role="participant").user
        for _ in range(2)
    ]
    assert _ask(client, cop, participant, [], django_capture_on_commit_callbacks).status_code == 400
    too_many = _ask(
        client,
        cop,
        participant,
        [facilitator, initiator, *extra],
        django_capture_on_commit_callbacks,
    )
    assert too_many.status_code == 400 and "hoogstens 3" in too_many.content.decode()
    assert (
        _ask(client, cop, participant, [observer], django_capture_on_commit_callbacks).status_code
        == 400
    )
    assert (
        _ask(
            client, cop, participant, [participant], django_capture_on_commit_callbacks
        ).status_code
        == 400
    )
    assert not FeedbackRequest.objects.exists()


def test_thank_and_close(
    client, cop, participant, initiator, facilitator, django_capture_on_commit_callbacks
):
    _ask(client, cop, participant, [initiator, facilitator], django_capture_on_commit_callbacks)
    request = FeedbackRequest.objects.get()
    url = reverse("decisions:feedback_request", args=[cop.slug, request.pk])
    client.force_login(initiator)
    client.post(url, {"answer": "Mooi plan."})
    mail.outbox.clear()
    close = reverse("decisions:feedback_close", args=[cop.slug, request.pk])
    assert client.get(close).status_code == 404  # only the asker closes
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(close, {"thanks": "Dank je wel!"})
    request.refresh_from_db()
    assert request.closed_at is not None
    assert [m.to[0] for m in mail.outbox] == ["alice@example.org"]  # only who answered
    client.force_login(facilitator)
    response = client.post(url, {"answer": "Te laat."})
    assert response.status_code == 302
    assert FeedbackInvite.objects.get(writer__user=facilitator).answer == ""


def test_one_reminder_after_a_week(
    client, cop, participant, initiator, django_capture_on_commit_callbacks
):
    _ask(client, cop, participant, [initiator], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert tasks.send_feedback_reminders(timezone.now() + timedelta(days=3)) == 0
    assert tasks.send_feedback_reminders(timezone.now() + timedelta(days=8)) == 1
    assert tasks.send_feedback_reminders(timezone.now() + timedelta(days=9)) == 0
    assert mail.outbox[0].to == ["alice@example.org"]


def test_observers_do_not_use_peer_feedback(client, cop, observer):
    client.force_login(observer)
    assert client.get(reverse("decisions:feedback", args=[cop.slug])).status_code == 403
