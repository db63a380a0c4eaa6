"""Evaluation results in the API come only through the gate: nothing before the close, nothing
under five participants, no open answers for observers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.services import api_token_create
from gilde.communities.models import Role
from gilde.meetings import services
from gilde.meetings.models import Meeting
from tests.factories import MembershipFactory, UserFactory


def _answers(cop, meeting, count):
    questions = services.evaluation_questions_for(cop)
    for number in range(count):
        user = UserFactory(email=f"d{number}@example.org", name=f"Deelnemer {number}")
        membership = MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)
        answers = [
            (q, 4, "") if q.kind == "scale" else (q, None, f"Inzicht {number}") for q in questions
        ]
        services.evaluation_submit(meeting=meeting, membership=membership, answers=answers)


@pytest.fixture
def held(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst",
        starts_at=timezone.now() - timedelta(hours=3),
        duration_minutes=120,
        status="held",
    )


def _evaluation(client, cop, user, meeting):
    _t, raw = api_token_create(user=user, name="x", scope="read", days=7)
    return client.get(
        f"/api/v1/cops/{cop.slug}/meetings/{meeting.pk}/evaluation",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    ).json()


def test_nothing_shows_before_the_close_or_under_five(client, cop, participant, held):
    _answers(cop, held, 4)
    body = _evaluation(client, cop, participant, held)
    assert body["state"] == "open" and body["scale"] == [] and body["open"] == []
    Meeting.objects.filter(pk=held.pk).update(evaluation_closed_at=timezone.now())
    body = _evaluation(client, cop, participant, held)
    assert body["state"] == "too_few" and body["scale"] == []


def test_results_after_the_close_from_five_and_no_open_answers_for_observers(
    client, cop, participant, observer, held
):
    _answers(cop, held, 5)
    Meeting.objects.filter(pk=held.pk).update(evaluation_closed_at=timezone.now())
    body = _evaluation(client, cop, participant, held)
    assert body["state"] == "shown" and body["scale"][0]["average"] == 4.0
    assert any(
        answer["text"].startswith("Inzicht") for o in body["open"] for answer in o["answers"]
    )
    body = _evaluation(client, cop, observer, held)
    assert body["state"] == "shown" and body["open"] == []
