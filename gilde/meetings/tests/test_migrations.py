"""Migrations that change stored evaluation data, run over rows written by the earlier schema."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gilde.communities.models import Membership
from gilde.meetings.models import EvaluationResponse, EvaluationSubmission


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_evaluations_get_random_ids_and_keep_their_answers(
    cop, initiator, facilitator, participant
):
    old = _migrate([("meetings", "0001_initial")])
    Meeting = old.get_model("meetings", "Meeting")
    Question = old.get_model("meetings", "EvaluationQuestion")
    Response = old.get_model("meetings", "EvaluationResponse")
    Answer = old.get_model("meetings", "EvaluationAnswer")
    Submission = old.get_model("meetings", "EvaluationSubmission")
    meeting = Meeting.objects.create(
        community_id=cop.pk,
        title="Oud",
        starts_at=timezone.now() - timedelta(days=30),
        duration_minutes=120,
    )
    question = Question.objects.create(community_id=cop.pk, text="Wat neem je mee?", kind="open")
    people = [initiator, facilitator, participant]
    for number, user in enumerate(people):
        # The old way: the n-th submission and the n-th response share their sequential id.
        membership = Membership.objects.get(community=cop, user=user)
        Submission.objects.create(meeting=meeting, membership_id=membership.pk)
        response = Response.objects.create(meeting=meeting)
        Answer.objects.create(response=response, question=question, text=f"Antwoord {number}")

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    responses = EvaluationResponse.objects.filter(meeting_id=meeting.pk)
    assert sorted(a.text for r in responses for a in r.answers.all()) == [
        "Antwoord 0",
        "Antwoord 1",
        "Antwoord 2",
    ]
    submissions = EvaluationSubmission.objects.filter(meeting_id=meeting.pk)
    ids = [row.pk for row in [*responses, *submissions]]
    assert all(value > 2**32 for value in ids)
    assert len(set(ids)) == 6
    # Only the participant's answer counts towards the threshold (no facilitators assigned:
    # the CoP's facilitator facilitated).
    counted = {row.membership.user for row in submissions if row.counts}
    assert counted == {participant}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, id FROM meetings_evaluationresponse")
            assert all(rowid == pk for rowid, pk in cursor.fetchall())
