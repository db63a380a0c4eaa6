from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import CommunityAccess
from gilde.communities.models import Membership, Role
from gilde.core.models import AuditEntry
from gilde.meetings import charts, selectors, services
from gilde.meetings.models import (
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    EvaluationSubmission,
    Meeting,
    MeetingSettings,
    QuestionKind,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def _meeting(cop, *, hours_ago=3, title="Bijeenkomst 3", **fields):
    """A two-hour meeting that started `hours_ago` hours ago (negative: in the future)."""
    return Meeting.objects.create(
        community=cop,
        title=title,
        starts_at=timezone.now() - timedelta(hours=hours_ago),
        duration_minutes=120,
        **fields,
    )


def url(name, meeting, slug="circulair"):
    return reverse(f"meetings:{name}", kwargs={"slug": slug, "pk": meeting.pk})


def cop_url(name, slug="circulair"):
    return reverse(f"meetings:{name}", kwargs={"slug": slug})


def questions(cop):
    scale, take_away, next_need = services.evaluation_questions_for(cop)
    return scale, take_away, next_need


def form_data(
    cop,
    scale=4,
    take_away="Een nieuwe werkvorm",
    need="Meer tijd voor casussen",
    mode="anonymous",
):
    value, take, need_q = questions(cop)
    return {
        f"q_{value.pk}": scale,
        f"q_{take.pk}": take_away,
        f"q_{need_q.pk}": need,
        "mode": mode,
    }


def extra_members(cop, count):
    return [
        MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
        for _ in range(count)
    ]


def answer_as(meeting, membership, scale=4, text="Goed gesprek"):
    """Answer in the evaluation's first hour (so also for a meeting whose week is over)."""
    value, take, _need = questions(meeting.community)
    services.evaluation_submit(
        meeting=meeting,
        membership=membership,
        answers=[(value, scale, ""), (take, None, text)],
        now=meeting.evaluation_opens_at + timedelta(hours=1),
    )


def _closed_meeting(cop, **fields):
    """A meeting whose evaluation week is over: its results may show."""
    return _meeting(cop, hours_ago=8 * 24, **fields)


# Default questions


def test_default_questions_are_created_once(cop):
    first = services.evaluation_questions_for(cop)
    again = services.evaluation_questions_for(cop)
    assert [q.pk for q in first] == [q.pk for q in again]
    assert [q.kind for q in first] == [QuestionKind.SCALE, QuestionKind.OPEN, QuestionKind.OPEN]
    assert [q.feeds_next_meeting for q in first] == [False, False, True]
    assert EvaluationQuestion.objects.filter(community=cop).count() == 3


# Anonymity


def test_anonymous_answer_has_no_path_to_the_person(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    response = client.post(url("evaluate", meeting), form_data(cop))
    assert response.status_code == 302
    stored = EvaluationResponse.objects.get(meeting=meeting)
    assert stored.membership is None
    assert type(stored.created_on).__name__ == "date"
    assert stored.answers.count() == 3
    # The submission records only that the person answered: no response, no time.
    submission = EvaluationSubmission.objects.get(meeting=meeting)
    field_names = {field.name for field in EvaluationSubmission._meta.get_fields()}
    assert field_names == {"id", "meeting", "membership", "counts"}
    assert submission.membership.user == participant
    assert submission.counts is True  # a participant's answer counts towards the threshold
    # Its id is random, so the order of submissions says nothing about the order of responses.
    assert submission.pk > 2**32 and stored.pk > 2**32
    for entry in AuditEntry.objects.all():
        assert entry.actor != participant
        assert "Piet" not in str(entry.data)


def test_named_evaluation_stores_the_membership(client, cop, participant):
    MeetingSettings.objects.create(community=cop, named_evaluations=True)
    meeting = _meeting(cop)
    client.force_login(participant)
    assert "Named evaluation" in client.get(url("evaluate", meeting)).content.decode()
    client.post(url("evaluate", meeting), form_data(cop, mode="named"))
    stored = EvaluationResponse.objects.get(meeting=meeting)
    assert stored.membership == Membership.objects.get(community=cop, user=participant)


def test_form_says_answers_are_anonymous(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    page = client.get(url("evaluate", meeting)).content.decode()
    assert "Anonymous evaluation" in page
    assert 'type="radio"' in page


def test_second_submission_is_refused(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    client.post(url("evaluate", meeting), form_data(cop))
    response = client.post(url("evaluate", meeting), form_data(cop, scale=1), follow=True)
    assert response.status_code == 200
    assert "You answered this evaluation already" in response.content.decode()
    assert EvaluationResponse.objects.filter(meeting=meeting).count() == 1
    assert EvaluationAnswer.objects.filter(scale=1).count() == 0


def test_a_race_on_the_submission_gives_the_already_answered_message(
    client, cop, participant, monkeypatch
):
    meeting = _meeting(cop)
    membership = Membership.objects.get(community=cop, user=participant)
    # The other request wins the race between our check and our insert.
    EvaluationSubmission.objects.create(meeting=meeting, membership=membership)
    monkeypatch.setattr(services.evaluation, "evaluation_has_answered", lambda **kwargs: False)
    with pytest.raises(services.EvaluationAlreadyAnswered):
        answer_as(meeting, membership)
    assert not EvaluationResponse.objects.exists()


def test_the_view_turns_a_race_into_a_message(client, cop, participant, monkeypatch):
    meeting = _meeting(cop)

    def lose_the_race(**kwargs):
        raise services.EvaluationAlreadyAnswered

    monkeypatch.setattr(services, "evaluation_submit", lose_the_race)
    client.force_login(participant)
    response = client.post(url("evaluate", meeting), form_data(cop))
    assert response.status_code == 302
    assert response["Location"] == url("evaluate", meeting)


def test_submission_constraint_holds_in_the_database(cop, participant):
    meeting = _meeting(cop)
    membership = Membership.objects.get(community=cop, user=participant)
    EvaluationSubmission.objects.create(meeting=meeting, membership=membership)
    with pytest.raises(IntegrityError):
        EvaluationSubmission.objects.create(meeting=meeting, membership=membership)


# Bad input


@pytest.mark.parametrize("value", [0, 6, "x", "3.5"])
def test_out_of_range_scale_is_refused(client, cop, participant, value):
    meeting = _meeting(cop)
    client.force_login(participant)
    response = client.post(url("evaluate", meeting), form_data(cop, scale=value))
    assert response.status_code == 200
    assert "Choose a number from 1 to 5" in response.content.decode()
    assert not EvaluationResponse.objects.exists()
    assert not EvaluationSubmission.objects.exists()


def test_forged_question_ids_are_refused(client, cop, participant, outsider):
    meeting = _meeting(cop)
    other_cop = Membership.objects.get(user=outsider).community
    foreign = services.evaluation_questions_for(other_cop)[0]
    valid = form_data(cop)
    switched_off = EvaluationQuestion.objects.create(
        community=cop, text="Oud", kind=QuestionKind.SCALE, active=False
    )
    client.force_login(participant)
    for forged in (foreign.pk, switched_off.pk, 999999, "abc"):
        data = {**valid, f"q_{forged}": 3}
        response = client.post(url("evaluate", meeting), data)
        assert response.status_code == 200
        assert "not part of this evaluation" in response.content.decode()
    assert not EvaluationResponse.objects.exists()
    assert not EvaluationSubmission.objects.exists()


def test_an_empty_form_is_refused(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    response = client.post(
        url("evaluate", meeting), form_data(cop, scale="", take_away="", need="")
    )
    assert "Answer at least one question" in response.content.decode()
    assert not EvaluationResponse.objects.exists()


# The window


def test_evaluation_is_closed_before_the_meeting_ends(client, cop, participant):
    meeting = _meeting(cop, hours_ago=1)  # under way for another hour
    client.force_login(participant)
    page = client.get(url("evaluate", meeting))
    assert page.status_code == 200
    assert "not open yet" in page.content.decode()
    client.post(url("evaluate", meeting), form_data(cop))
    assert not EvaluationResponse.objects.exists()


def test_evaluation_closes_seven_days_after_the_end(client, cop, participant):
    meeting = _meeting(cop, hours_ago=7 * 24 + 3)
    client.force_login(participant)
    page = client.get(url("evaluate", meeting))
    assert "The evaluation is closed" in page.content.decode()
    client.post(url("evaluate", meeting), form_data(cop))
    assert not EvaluationResponse.objects.exists()
    with pytest.raises(services.EvaluationClosed):
        services.evaluation_submit(
            meeting=meeting,
            membership=Membership.objects.get(community=cop, user=participant),
            answers=[(questions(cop)[0], 3, "")],
        )


def test_evaluation_is_open_just_before_the_week_is_over(client, cop, participant):
    meeting = _meeting(cop, hours_ago=7 * 24 + 1)
    client.force_login(participant)
    assert client.post(url("evaluate", meeting), form_data(cop)).status_code == 302
    assert EvaluationResponse.objects.count() == 1


def test_facilitator_opens_the_evaluation_early(client, cop, facilitator, participant):
    meeting = _meeting(cop, hours_ago=1)
    client.force_login(facilitator)
    assert client.post(url("evaluation_open", meeting)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.evaluation_opened_at is not None
    assert meeting.evaluation_is_open()
    client.force_login(participant)
    assert client.post(url("evaluate", meeting), form_data(cop)).status_code == 302
    assert EvaluationResponse.objects.count() == 1


def test_participant_cannot_open_the_evaluation(client, cop, participant):
    meeting = _meeting(cop, hours_ago=1)
    client.force_login(participant)
    assert client.post(url("evaluation_open", meeting)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.evaluation_opened_at is None


def test_a_closed_evaluation_cannot_be_reopened(cop, facilitator):
    meeting = _meeting(cop, hours_ago=10 * 24)
    with pytest.raises(services.EvaluationNotOpenable):
        services.evaluation_open(meeting=meeting, actor=facilitator)


# The threshold


def test_four_answers_show_no_results(client, cop, observer):
    meeting = _closed_meeting(cop)
    for membership in extra_members(cop, 4):
        answer_as(meeting, membership, scale=5, text="Heel waardevol")
    client.force_login(observer)
    page = client.get(url("evaluation_results", meeting)).content.decode()
    assert "4 of 4 answered" in page
    assert "Average" not in page
    assert "Heel waardevol" not in page


def test_five_participants_show_averages_and_open_answers_once_closed(client, cop, participant):
    meeting = _closed_meeting(cop)
    for membership, scale in zip(extra_members(cop, 6), [5, 4, 4, 3, 4], strict=False):
        answer_as(meeting, membership, scale=scale, text=f"Inzicht {scale}")
    client.force_login(participant)
    page = client.get(url("evaluation_results", meeting)).content.decode()
    assert "5 of 7 answered" in page
    assert "Average 4.0 out of 5" in page
    assert "Inzicht 3" in page


def test_named_results_show_names_to_participants_not_observers(client, cop, participant, observer):
    MeetingSettings.objects.create(community=cop, named_evaluations=True)
    meeting = _closed_meeting(cop)
    members = extra_members(cop, 5)
    for membership in members:
        answer_as(meeting, membership, text="Goed gesprek")
    client.force_login(participant)
    page = client.get(url("evaluation_results", meeting)).content.decode()
    assert members[0].user.name in page
    client.force_login(observer)
    page = client.get(url("evaluation_results", meeting)).content.decode()
    assert members[0].user.name not in page
    assert "Goed gesprek" not in page
    assert "Average 4.0 out of 5" in page


def test_expected_count_follows_attendance(cop, participant, facilitator):
    from gilde.meetings.models import Attendance, Rsvp

    meeting = _meeting(cop)
    assert selectors.evaluation_expected_count(meeting=meeting) == 2  # all attending members
    piet = Membership.objects.get(community=cop, user=participant)
    Attendance.objects.create(meeting=meeting, membership=piet, response=Rsvp.YES)
    assert selectors.evaluation_expected_count(meeting=meeting) == 1


def test_trend_marks_meetings_with_too_few_answers(client, cop, observer):
    members = extra_members(cop, 5)
    rich = _meeting(cop, hours_ago=30 * 24, title="Rijk")
    poor = _meeting(cop, hours_ago=20 * 24, title="Arm")
    for membership in members:
        answer_as(rich, membership, scale=4)
    for membership in members[:2]:
        answer_as(poor, membership, scale=1)
    client.force_login(observer)
    access = CommunityAccess(cop, Membership.objects.get(user=observer), True)
    _questions, rows = selectors.evaluation_trend(community=cop, access=access)
    assert [row.values for row in rows] == [[4.0], [None]]
    page = client.get(cop_url("evaluation_trend")).content.decode()
    assert "<svg" in page and "too few answers" in page
    assert "<table" in page


def test_trend_chart_escapes_question_text():
    svg = charts.trend_chart_svg(
        ["1 mrt", "<b>"],
        [('Wat & "hoe" <script>', [4.2, None])],
        charts.TrendLabels(title="T", description="D"),
        uid="t",
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "style=" not in svg


# Managing questions


def test_facilitator_adds_and_reorders_questions(client, cop, facilitator):
    client.force_login(facilitator)
    assert client.get(cop_url("evaluation_questions")).status_code == 200
    response = client.post(
        cop_url("evaluation_questions"),
        {"form": "add", "add-text": "Hoe was de sfeer?", "add-kind": "scale"},
    )
    assert response.status_code == 302
    added = EvaluationQuestion.objects.get(text="Hoe was de sfeer?")
    move = reverse(
        "meetings:evaluation_question_move",
        kwargs={"slug": "circulair", "question_pk": added.pk},
    )
    client.post(move, {"direction": "up"})
    assert [q.text for q in services.evaluation_questions_for(cop)][2] == "Hoe was de sfeer?"


def test_answered_question_is_switched_off_not_deleted(client, cop, facilitator):
    meeting = _meeting(cop)
    answer_as(meeting, extra_members(cop, 1)[0])
    scale, _take, need = questions(cop)
    client.force_login(facilitator)
    for question in (scale, need):
        client.post(
            reverse(
                "meetings:evaluation_question_remove",
                kwargs={"slug": "circulair", "question_pk": question.pk},
            )
        )
    scale.refresh_from_db()
    assert scale.active is False
    assert EvaluationAnswer.objects.filter(question=scale).exists()
    assert not EvaluationQuestion.objects.filter(pk=need.pk).exists()


def test_answered_question_keeps_its_kind(client, cop, facilitator):
    meeting = _meeting(cop)
    answer_as(meeting, extra_members(cop, 1)[0])
    scale, _take, _need = questions(cop)
    client.force_login(facilitator)
    edit = reverse(
        "meetings:evaluation_question_edit", kwargs={"slug": "circulair", "question_pk": scale.pk}
    )
    response = client.post(edit, {"text": "Hoe waardevol?", "kind": "open"})
    assert response.status_code == 200
    scale.refresh_from_db()
    assert scale.kind == QuestionKind.SCALE


def test_facilitator_chooses_named_evaluations(client, cop, facilitator):
    client.force_login(facilitator)
    client.post(
        cop_url("evaluation_questions"), {"form": "settings", "settings-named_evaluations": "on"}
    )
    assert MeetingSettings.objects.get(community=cop).named_evaluations is True


def test_participant_cannot_manage_questions(client, cop, participant):
    client.force_login(participant)
    assert client.get(cop_url("evaluation_questions")).status_code == 403
    data = {"form": "add", "add-text": "X", "add-kind": "open"}
    assert client.post(cop_url("evaluation_questions"), data).status_code == 403


# Permissions


def test_observer_cannot_evaluate_but_reads_results(client, cop, observer):
    meeting = _meeting(cop)
    client.force_login(observer)
    assert client.get(url("evaluate", meeting)).status_code == 403
    assert client.post(url("evaluate", meeting), form_data(cop)).status_code == 403
    assert not EvaluationResponse.objects.exists()
    assert client.get(url("evaluation_results", meeting)).status_code == 200
    assert client.get(cop_url("evaluation_trend")).status_code == 200


def test_outsider_gets_404(client, cop, participant, outsider):
    meeting = _meeting(cop)
    client.force_login(outsider)
    for name in ("evaluate", "evaluation_results"):
        assert client.get(url(name, meeting)).status_code == 404
    assert client.post(url("evaluation_open", meeting)).status_code == 404
    for name in ("evaluation_trend", "evaluation_questions"):
        assert client.get(cop_url(name)).status_code == 404


def test_another_cops_meeting_is_404(client, cop, facilitator, outsider):
    other_cop = Membership.objects.get(user=outsider).community
    foreign = _meeting(other_cop)
    client.force_login(facilitator)
    assert client.get(url("evaluate", foreign)).status_code == 404
    assert client.get(url("evaluation_results", foreign)).status_code == 404
    assert client.post(url("evaluation_open", foreign)).status_code == 404


def test_another_cops_question_is_404(client, cop, facilitator, outsider):
    other_cop = Membership.objects.get(user=outsider).community
    foreign = services.evaluation_questions_for(other_cop)[0]
    client.force_login(facilitator)
    edit = reverse(
        "meetings:evaluation_question_edit", kwargs={"slug": "circulair", "question_pk": foreign.pk}
    )
    assert client.get(edit).status_code == 404


def test_trend_hides_a_question_that_fewer_than_five_participants_answered(cop, observer):
    members = extra_members(cop, 5)
    value, _take, _need = questions(cop)
    second = EvaluationQuestion.objects.create(
        community=cop, position=9, text="Hoe was de sfeer?", kind="scale"
    )
    meeting = _meeting(cop, hours_ago=30 * 24)
    for number, membership in enumerate(members):
        answers = [(value, 4, "")] + ([(second, 2, "")] if number < 3 else [])
        services.evaluation_submit(
            meeting=meeting,
            membership=membership,
            answers=answers,
            now=meeting.evaluation_opens_at + timedelta(hours=1),
        )
    access = CommunityAccess(cop, Membership.objects.get(user=observer), True)
    shown, rows = selectors.evaluation_trend(community=cop, access=access)
    values = dict(zip([question.pk for question in shown], rows[0].values, strict=True))
    assert values[value.pk] == 4.0
    assert values.get(second.pk) is None  # three answers: the average would tell too much
