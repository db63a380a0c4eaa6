"""The evaluation's anonymity promise, tested from every place that shows evaluation content:
one gate (selectors.evaluation_content), results only after the evaluation closes and frozen
from then on, a threshold of five participants per question, rows that cannot be linked back to
people, a mode fixed per meeting, careful early opening, and observers without open answers."""

import random
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import Action, CommunityAccess
from gilde.communities.models import Membership, Role
from gilde.core import fields as core_fields
from gilde.core.audit import audit_describe
from gilde.core.models import AuditEntry
from gilde.meetings import models as meeting_models
from gilde.meetings import selectors, services, tasks
from gilde.meetings.models import (
    EvaluationAnswer,
    EvaluationResponse,
    EvaluationSubmission,
    Meeting,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    SentNotification,
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


def _url(name, meeting):
    return reverse(f"meetings:{name}", kwargs={"slug": meeting.community.slug, "pk": meeting.pk})


def _members(cop, count, role=Role.PARTICIPANT):
    return [
        MembershipFactory(community=cop, user=UserFactory(name=f"Persoon {n}"), role=role)
        for n in range(count)
    ]


def _membership(cop, user):
    return Membership.objects.get(community=cop, user=user)


def _answer(meeting, membership, scale=4, take_away="", need="", now=None):
    scale_q, take_q, need_q = services.evaluation_questions_for(meeting.community)
    answers = [(scale_q, scale, "")] if scale else []
    answers += [(take_q, None, take_away)] if take_away else []
    answers += [(need_q, None, need)] if need else []
    return services.evaluation_submit(
        meeting=meeting,
        membership=membership,
        answers=answers,
        now=now or meeting.evaluation_opens_at + timedelta(hours=1),
    )


def _form(cop, *, scale=4, take_away="", need="", mode="anonymous"):
    scale_q, take_q, need_q = services.evaluation_questions_for(cop)
    return {
        f"q_{scale_q.pk}": scale,
        f"q_{take_q.pk}": take_away,
        f"q_{need_q.pk}": need,
        "mode": mode,
    }


def _access(cop, user):
    return CommunityAccess(cop, _membership(cop, user), True)


def _main(page: str) -> str:
    """The page's main content, without the CSRF tokens (new on every request)."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def _week_over(meeting):
    """Move the evaluation's window into the past, as if its week were over."""
    Meeting.objects.filter(pk=meeting.pk).update(
        evaluation_opened_at=timezone.now() - timedelta(days=8)
    )
    meeting.refresh_from_db()
    return meeting


# (1) One gate, tested from every place


@pytest.fixture
def prepared(cop, facilitator):
    """A held meeting (evaluation open) and the next one to prepare."""
    previous = _meeting(cop, hours_ago=3, status=MeetingStatus.HELD, title="Vorige")
    upcoming = _meeting(cop, hours_ago=-24 * 20, title="Komende")
    return previous, upcoming


def test_preparation_page_shows_no_need_from_the_first_answer_on(
    client, cop, facilitator, prepared
):
    previous, upcoming = prepared
    [member] = _members(cop, 1)
    _answer(previous, member, need="Meer tijd voor casussen")
    client.force_login(facilitator)
    page = client.get(_url("prepare", upcoming)).content.decode()
    assert "Meer tijd voor casussen" not in page
    # Not after the week either: one participant is far below the threshold.
    _week_over(previous)
    page = client.get(_url("prepare", upcoming)).content.decode()
    assert "Meer tijd voor casussen" not in page
    assert "Answers are shown only when at least 5 participants answered" in page


def test_preparation_page_shows_needs_only_after_close_with_random_ids(
    client, cop, facilitator, prepared
):
    previous, upcoming = prepared
    for number, member in enumerate(_members(cop, 6)):
        _answer(previous, member, need=f"Nodig {number}")
    client.force_login(facilitator)
    page = client.get(_url("prepare", upcoming)).content.decode()
    assert "Nodig" not in page  # six answers, but the evaluation is open
    _week_over(previous)
    page = client.get(_url("prepare", upcoming)).content.decode()
    assert all(f"Nodig {number}" in page for number in range(6))
    ids = {answer.pk for answer in EvaluationAnswer.objects.filter(text__startswith="Nodig")}
    shown = {int(value) for value in re.findall(r'id="need-(\d+)"', page)}
    assert shown == ids
    assert all(value > 2**32 for value in shown)
    # No response or submission id anywhere in the page.
    for value in EvaluationResponse.objects.values_list("pk", flat=True):
        assert str(value) not in page
    for value in EvaluationSubmission.objects.values_list("pk", flat=True):
        assert str(value) not in page


def test_need_handle_refuses_an_answer_the_gate_hides(client, cop, facilitator, prepared):
    previous, upcoming = prepared
    response = _answer(previous, _members(cop, 1)[0], need="Geheim")
    hidden = response.answers.get(text="Geheim")
    client.force_login(facilitator)
    handle = reverse(
        "meetings:need_handle",
        kwargs={"slug": cop.slug, "pk": upcoming.pk, "answer_pk": hidden.pk},
    )
    assert client.post(handle, {"handled": "on"}).status_code == 404
    hidden.refresh_from_db()
    assert not hidden.handled


def test_need_handle_with_an_id_too_large_for_the_database_is_404(
    client, cop, facilitator, prepared
):
    _previous, upcoming = prepared
    client.force_login(facilitator)
    handle = reverse(
        "meetings:need_handle",
        kwargs={"slug": cop.slug, "pk": upcoming.pk, "answer_pk": 10**30},
    )
    assert client.post(handle, {"handled": "on"}).status_code == 404


def test_results_page_shows_nothing_while_the_evaluation_is_open(client, cop, participant):
    meeting = _meeting(cop)
    for member in _members(cop, 6):
        _answer(meeting, member, scale=5, take_away="Heel waardevol")
    client.force_login(participant)
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    assert "The results appear when the evaluation closes" in page
    assert "Average" not in page and "Heel waardevol" not in page


def test_trend_shows_no_value_while_the_evaluation_is_open(client, cop, observer):
    meeting = _meeting(cop)
    for member in _members(cop, 6):
        _answer(meeting, member, scale=5)
    _questions, rows = selectors.evaluation_trend(community=cop, access=_access(cop, observer))
    assert [row.values for row in rows] == [[None]]
    assert rows[0].is_open
    client.force_login(observer)
    page = client.get(reverse("meetings:evaluation_trend", kwargs={"slug": cop.slug}))
    assert "still open" in page.content.decode()
    assert "5.0" not in page.content.decode()


def test_emails_carry_no_evaluation_content(settings, cop, initiator, facilitator, participant):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    meeting = _meeting(cop)
    for member in _members(cop, 5):
        _answer(meeting, member, take_away="Vertrouwelijk inzicht", need="Vertrouwelijke wens")
    _meeting(cop, hours_ago=-24 * 6 - 23, title="Volgende")  # the facilitators prepare it
    tasks.send_due_notifications.enqueue()
    tasks.send_evaluation_requests.enqueue(meeting.pk)
    assert mail.outbox
    for message in mail.outbox:
        assert "Vertrouwelijk" not in message.subject + message.body


# Every module that reads answers is listed here; anything that shows evaluation content (an
# e-mail, an export, the API) must go through the gate instead of reading them itself.
ANSWER_READERS = {
    "meetings/models/evaluation.py",  # the answers' own models
    "meetings/models/__init__.py",  # re-exports them
    "meetings/selectors/evaluation_gate.py",  # the gate
    "meetings/services/evaluation.py",  # writes; checks whether a question has answers
    "meetings/services/agenda.py",  # ticks off a need the gate showed
    # Moving a CoP (gilde export-cop): the answers as stored, without ids or order of arrival.
    "meetings/portability.py",
    # "Download my data": a person's own answers in a *named* evaluation; erasure unlinks them.
    "meetings/personal_data.py",
}
_READS_ANSWERS = re.compile(r"EvaluationAnswer|EvaluationResponse|\bresponses\b|response__")


def test_only_the_gate_reads_evaluation_answers():
    root = Path(selectors.__file__).resolve().parents[2]
    readers = set()
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        if _READS_ANSWERS.search(path.read_text(encoding="utf-8")):
            readers.add(relative.as_posix())
    assert readers <= ANSWER_READERS, f"Read answers through the gate: {readers - ANSWER_READERS}"


# (2) After close only, frozen; the threshold counts participants, per question


def test_results_appear_when_the_facilitator_closes_early_and_stay_frozen(
    client, cop, facilitator, participant
):
    meeting = _meeting(cop)
    for number, member in enumerate(_members(cop, 5)):
        _answer(meeting, member, scale=number % 5 + 1, take_away=f"Inzicht {number}")
    client.force_login(participant)
    assert "Inzicht" not in client.get(_url("evaluation_results", meeting)).content.decode()

    client.force_login(facilitator)
    response = client.post(_url("evaluation_close", meeting), follow=True)
    assert "The evaluation is closed; its results are final." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.evaluation_closed_at is not None
    assert AuditEntry.objects.filter(action="evaluation.closed_early").exists()

    client.force_login(participant)
    before = _main(client.get(_url("evaluation_results", meeting)).content.decode())
    assert "Average 3.0 out of 5" in before and "Inzicht 0" in before
    # One more answer is refused, through the form and through the service.
    posted = client.post(_url("evaluate", meeting), _form(cop, scale=5, take_away="Later"))
    assert "The evaluation is closed" in client.get(_url("evaluate", meeting)).content.decode()
    assert posted.status_code == 200
    with pytest.raises(services.EvaluationClosed):
        _answer(meeting, _membership(cop, participant), scale=5, now=timezone.now())
    after = _main(client.get(_url("evaluation_results", meeting)).content.decode())
    assert after == before


def test_closing_early_needs_five_participants(client, cop, initiator, facilitator):
    meeting = _meeting(cop)
    for member in _members(cop, 4):
        _answer(meeting, member)
    _answer(meeting, _membership(cop, initiator))
    _answer(meeting, _membership(cop, facilitator))
    client.force_login(facilitator)
    page = client.get(_url("detail", meeting)).content.decode()
    assert "Close the evaluation now" not in page
    response = client.post(_url("evaluation_close", meeting), follow=True)
    assert "once at least 5 participants have answered" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.evaluation_closed_at is None
    assert meeting.evaluation_is_open()


def test_participant_cannot_close_the_evaluation(client, cop, participant):
    meeting = _meeting(cop)
    for member in _members(cop, 5):
        _answer(meeting, member)
    client.force_login(participant)
    assert client.post(_url("evaluation_close", meeting)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.evaluation_closed_at is None


def test_answers_of_the_initiator_and_the_meetings_facilitators_do_not_count(
    client, cop, initiator, facilitator, participant
):
    meeting = _meeting(cop)
    for member in _members(cop, 4):
        _answer(meeting, member, take_away="Inzicht")
    _answer(meeting, _membership(cop, initiator), take_away="Inzicht")
    _answer(meeting, _membership(cop, facilitator), take_away="Inzicht")
    _week_over(meeting)
    client.force_login(participant)
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    assert "6 of" in page
    assert "Fewer than 5 participants answered" in page
    assert "Inzicht" not in page and "Average" not in page


def test_the_meetings_facilitators_are_the_assigned_ones(cop, facilitator):
    meeting = _meeting(cop)
    guest_facilitator, turn_taker = _members(cop, 2)
    MeetingFacilitator.objects.create(meeting=meeting, membership=turn_taker)
    counts = selectors.evaluation_counts_towards_threshold
    # In a rotation, the participant whose turn it is does not count; the CoP's facilitator who
    # is not facilitating this meeting answers as a participant and does.
    assert counts(meeting=meeting, membership=turn_taker) is False
    assert counts(meeting=meeting, membership=_membership(cop, facilitator)) is True
    assert counts(meeting=meeting, membership=guest_facilitator) is True
    MeetingFacilitator.objects.filter(meeting=meeting).delete()
    assert counts(meeting=meeting, membership=_membership(cop, facilitator)) is False


def test_a_question_answered_by_fewer_than_five_participants_shows_nothing(
    client, cop, facilitator, participant
):
    meeting = _meeting(cop)
    members = _members(cop, 5)
    # Five participants answered, but only four of them the scale question and the open one; the
    # facilitator answered both, which must not lift them over the threshold.
    for member in members[:4]:
        _answer(meeting, member, scale=2, take_away="Te weinig")
    _answer(meeting, members[4], scale=None, need="Alleen deze")
    _answer(meeting, _membership(cop, facilitator), scale=5, take_away="Van de facilitator")
    _week_over(meeting)
    client.force_login(participant)
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    assert "Too few answers to this question (5)" in page
    assert "Average" not in page
    assert "Te weinig" not in page and "Van de facilitator" not in page
    assert "Alleen deze" not in page  # one answer to that question


def test_results_stay_when_a_member_leaves_after_the_close(client, cop, participant):
    meeting = _meeting(cop)
    members = _members(cop, 5)
    for member in members:
        _answer(meeting, member, take_away="Blijft staan")
    _week_over(meeting)
    client.force_login(participant)
    shown = re.compile(r"Blijft staan|Average [\d.]+ out of 5")
    before = shown.findall(client.get(_url("evaluation_results", meeting)).content.decode())
    assert "Blijft staan" in before
    members[0].delete()
    assert EvaluationSubmission.objects.filter(meeting=meeting).count() == 5
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    assert shown.findall(page) == before


def test_moving_a_meeting_does_not_reopen_its_closed_evaluation(cop, facilitator, participant):
    meeting = _meeting(cop, hours_ago=8 * 24)
    for member in _members(cop, 5):
        _answer(meeting, member)
    assert meeting.evaluation_has_closed()
    services.meeting_update(
        meeting=meeting, actor=facilitator, starts_at=timezone.now() + timedelta(days=3)
    )
    meeting.refresh_from_db()
    assert meeting.evaluation_has_closed() and not meeting.evaluation_is_open()
    with pytest.raises(services.EvaluationClosed):
        _answer(meeting, _membership(cop, participant), now=timezone.now())


# (3) Random identifiers, nothing that links an answer to its author


@pytest.fixture
def seeded_ids(monkeypatch):
    """Random ids from a seeded generator, so the test is the same on every run."""
    generator = random.Random(2024)
    monkeypatch.setattr(core_fields.secrets, "randbelow", generator.randrange)


def test_answers_given_through_the_form_cannot_be_linked_to_their_authors(
    client, cop, facilitator, seeded_ids
):
    meeting = _meeting(cop, uid=uuid.UUID("12345678-1234-5678-1234-567812345678"))
    people = _members(cop, 7)
    for number, member in enumerate(people):
        client.force_login(member.user)
        response = client.post(
            _url("evaluate", meeting),
            _form(cop, scale=number % 5 + 1, take_away=f"Antwoord {number}"),
        )
        assert response.status_code == 302
    submissions = list(EvaluationSubmission.objects.filter(meeting=meeting))
    responses = list(EvaluationResponse.objects.filter(meeting=meeting))
    answers = list(EvaluationAnswer.objects.filter(response__meeting=meeting))
    arrival = [member.pk for member in people]
    written = [f"Antwoord {number}" for number in range(7)]

    # Ids are random: not the order of arrival, for submissions, responses or answers.
    for rows in (submissions, responses, answers):
        assert all(row.pk > 2**32 for row in rows)
    by_id = sorted(submissions, key=lambda row: row.pk)
    assert [row.membership_id for row in by_id] != arrival
    texts_by_response_id = [
        next(a.text for a in answers if a.response_id == r.pk and a.text)
        for r in sorted(responses, key=lambda row: row.pk)
    ]
    assert texts_by_response_id != written
    # The i-th submission and the i-th response (by id) are not the same person's.
    pairs = [(s.membership_id, text) for s, text in zip(by_id, texts_by_response_id, strict=True)]
    assert pairs != list(zip(arrival, written, strict=True))
    # Nor does the database keep the order of arrival elsewhere: no time finer than a day, and
    # on SQLite the row id (the storage order) is the random id itself.
    for model in (EvaluationSubmission, EvaluationResponse, EvaluationAnswer):
        kinds = {type(field).__name__ for field in model._meta.get_fields()}
        assert "DateTimeField" not in kinds and "TimeField" not in kinds
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for model in (EvaluationSubmission, EvaluationResponse, EvaluationAnswer):
                cursor.execute(f"SELECT rowid, id FROM {model._meta.db_table}")
                assert all(rowid == pk for rowid, pk in cursor.fetchall())
    assert all(row.membership_id is None for row in responses)
    assert not AuditEntry.objects.filter(actor__in=[m.user for m in people]).exists()
    assert not SentNotification.objects.exists()

    # The pages: after the close, the open answers in an order that is neither arrival nor id
    # order, without names, and no id of a submission or response.
    _week_over(meeting)
    client.force_login(facilitator)
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    shown = re.findall(r"Antwoord \d", page)
    assert sorted(shown) == written
    assert shown != written
    by_answer_id = [a.text for a in sorted(answers, key=lambda row: row.pk) if a.text]
    assert shown != by_answer_id
    assert not any(member.user.name in page for member in people)
    for row in submissions + responses:
        assert str(row.pk) not in page
    # The same order on every visit: reloading gives nothing away either.
    again = client.get(_url("evaluation_results", meeting)).content.decode()
    assert re.findall(r"Antwoord \d", again) == shown


def test_evaluation_ids_come_from_the_random_generator():
    values = {meeting_models.random_id() for _ in range(50)}
    assert len(values) == 50
    assert all(2**32 <= value < 2**63 for value in values)


# (4) The mode is fixed per meeting when its evaluation opens


def test_switching_to_named_applies_only_to_evaluations_not_yet_opened(
    client, cop, facilitator, participant
):
    open_meeting = _meeting(cop)
    later = _meeting(cop, hours_ago=-24 * 30, title="Later")
    client.force_login(participant)
    form_page = client.get(_url("evaluate", open_meeting)).content.decode()
    assert "Anonymous evaluation" in form_page
    assert 'name="mode" value="anonymous"' in form_page

    client.force_login(facilitator)
    response = client.post(
        reverse("meetings:evaluation_questions", kwargs={"slug": cop.slug}),
        {"form": "settings", "settings-named_evaluations": "on"},
        follow=True,
    )
    assert "applies from the next evaluation that opens" in response.content.decode()
    entry = AuditEntry.objects.get(action="evaluation.mode_changed")
    assert entry.actor == facilitator
    assert "named" in audit_describe(entry)

    # The form the participant had open is saved as it promised: anonymously.
    client.force_login(participant)
    assert client.post(_url("evaluate", open_meeting), _form(cop)).status_code == 302
    assert EvaluationResponse.objects.get(meeting=open_meeting).membership is None
    open_meeting.refresh_from_db()
    assert open_meeting.evaluation_named is False
    # A meeting whose evaluation opens later is named.
    assert selectors.meeting_evaluation_named(meeting=later) is True


def test_a_form_shown_under_another_mode_is_refused_and_nothing_is_saved(client, cop, participant):
    meeting = _meeting(cop)
    Meeting.objects.filter(pk=meeting.pk).update(evaluation_named=True)
    client.force_login(participant)
    response = client.post(
        _url("evaluate", meeting), _form(cop, take_away="Mijn eerlijke mening", mode="anonymous")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your answers are not saved: this evaluation is named" in page
    assert "Named evaluation" in page
    assert "Mijn eerlijke mening" in page  # what they typed is still there
    assert 'name="mode" value="named"' in page
    assert not EvaluationResponse.objects.exists()
    assert not EvaluationSubmission.objects.exists()
    # Sent again from the corrected form, with the named notice seen, it is saved by name.
    client.post(
        _url("evaluate", meeting), _form(cop, take_away="Mijn eerlijke mening", mode="named")
    )
    assert EvaluationResponse.objects.get().membership == _membership(cop, participant)


def test_a_form_without_its_mode_is_refused(client, cop, participant):
    meeting = _meeting(cop)
    data = _form(cop)
    del data["mode"]
    client.force_login(participant)
    response = client.post(_url("evaluate", meeting), data)
    assert "Your answers are not saved" in response.content.decode()
    assert not EvaluationResponse.objects.exists()


def test_opening_early_fixes_the_mode(cop, facilitator):
    meeting = _meeting(cop, hours_ago=1)
    services.evaluation_open(meeting=meeting, actor=facilitator)
    services.evaluation_settings_save(community=cop, actor=facilitator, named=True)
    meeting.refresh_from_db()
    assert meeting.evaluation_named is False
    assert selectors.meeting_evaluation_named(meeting=meeting) is False


# (5) Opening early


def test_opening_early_more_than_a_day_ahead_is_refused(settings, client, cop, facilitator):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    meeting = _meeting(cop, hours_ago=-24 * 60)
    client.force_login(facilitator)
    assert "Open the evaluation now" not in client.get(_url("detail", meeting)).content.decode()
    response = client.post(_url("evaluation_open", meeting), {"confirm": "yes"}, follow=True)
    assert "more than a day ahead" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.evaluation_opened_at is None
    assert mail.outbox == []
    with pytest.raises(services.EvaluationTooEarly):
        services.evaluation_open(meeting=meeting, actor=facilitator, confirmed=True)


def test_opening_before_the_start_asks_for_confirmation(
    settings, client, cop, facilitator, participant, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    meeting = _meeting(cop, hours_ago=-5)
    client.force_login(facilitator)
    assert "Open the evaluation now" in client.get(_url("detail", meeting)).content.decode()
    response = client.post(_url("evaluation_open", meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert "has not started yet" in page
    assert 'name="confirm" value="yes"' in page
    meeting.refresh_from_db()
    assert meeting.evaluation_opened_at is None
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation_open", meeting), {"confirm": "yes"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.evaluation_is_open()
    assert AuditEntry.objects.filter(action="evaluation.opened_early").exists()
    assert participant.email in {address for message in mail.outbox for address in message.to}


# (11) Observers and who reads the answers


def test_observers_see_averages_but_never_open_answers(client, cop, participant, observer):
    meeting = _meeting(cop)
    for member in _members(cop, 5):
        _answer(meeting, member, scale=4, take_away="Open antwoord", need="Een wens")
    _week_over(meeting)
    assert not _access(cop, observer).can(Action.READ_EVALUATION_ANSWERS)
    client.force_login(observer)
    page = client.get(_url("evaluation_results", meeting)).content.decode()
    assert "Average 4.0 out of 5" in page
    assert "Open antwoord" not in page and "Een wens" not in page
    assert "Open answers are read only by the participants" in page
    content = selectors.evaluation_content(meetings=[meeting], access=_access(cop, observer))
    assert content[meeting.pk].open == []
    client.force_login(participant)
    assert "Open antwoord" in client.get(_url("evaluation_results", meeting)).content.decode()


def test_the_form_says_who_reads_the_answers_and_from_when(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    page = client.get(_url("evaluate", meeting)).content.decode()
    assert "Who can read your answers" in page
    assert "Nobody while the evaluation is open" in page
    assert "at least 5 participants" in page
    assert "Observers of this CoP" in page and "never the open answers" in page
    closes = timezone.localtime(meeting.evaluation_closes_at)
    assert f"{closes:%H:%M}" in page


def test_named_settings_change_needs_no_change_to_log_when_nothing_changes(cop, facilitator):
    services.evaluation_settings_save(community=cop, actor=facilitator, named=False)
    assert not AuditEntry.objects.filter(action="evaluation.mode_changed").exists()
    assert not MeetingSettings.objects.get(community=cop).named_evaluations


def test_the_gate_reads_a_fixed_number_of_queries(cop, participant, django_assert_num_queries):
    access = _access(cop, participant)
    members = _members(cop, 5)

    def add_meeting(days_ago):
        meeting = _meeting(cop, hours_ago=days_ago * 24, title=f"Dag {days_ago}")
        for member in members:
            _answer(meeting, member, take_away="Inzicht", need="Wens")
        return meeting

    first = add_meeting(60)
    with django_assert_num_queries(4) as one:
        content = selectors.evaluation_content(meetings=[first], access=access)
    assert content[first.pk].shown
    meetings = [first, *(add_meeting(days) for days in range(10, 60, 5))]
    with django_assert_num_queries(len(one.captured_queries)):
        content = selectors.evaluation_content(meetings=meetings, access=access)
    assert all(item.shown for item in content.values())
    with django_assert_num_queries(5):  # the meetings, and the gate without open answers
        selectors.evaluation_trend(community=cop, access=access)
