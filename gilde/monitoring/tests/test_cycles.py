"""Monitoring cycles: a period with meetings, evidence from every app (aggregates, thresholds
kept), the reflection, follow-up actions ticked off on the next meeting's preparation page, and
the step-6 signals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import community_access
from gilde.communities.evidence import Period, evidence_for
from gilde.communities.readiness import SignalStatus, step_signals
from gilde.meetings import services as meeting_services
from gilde.meetings.models import EvaluationQuestion, Meeting
from gilde.monitoring import selectors, services
from gilde.monitoring.models import CycleStatus, MonitoringCycle
from gilde.monitoring.services import MonitoringError
from gilde.question import services as question_services

from .conftest import membership_of


def days(n):
    return timezone.localdate() + timedelta(days=n)


def test_a_cycle_over_a_period_without_meetings_is_refused(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("monitoring:cycle_new", args=[cop.slug]),
        {"starts_on": days(-30).isoformat(), "ends_on": days(-20).isoformat()},
    )
    assert response.status_code == 200
    assert "geen bijeenkomst" in response.content.decode()
    assert not MonitoringCycle.objects.exists()


def test_an_end_before_the_start_is_refused(client, cop, facilitator, held_meeting):
    client.force_login(facilitator)
    response = client.post(
        reverse("monitoring:cycle_new", args=[cop.slug]),
        {"starts_on": days(0).isoformat(), "ends_on": days(-5).isoformat()},
    )
    assert "eind ligt vóór het begin" in response.content.decode()
    assert not MonitoringCycle.objects.exists()


def test_the_default_period_runs_through_the_third_meeting(cop, held_meeting):
    cop.start_date = days(-10)
    cop.save()
    coming = {}
    for n in (1, 2, 3):
        coming[n] = Meeting.objects.create(
            community=cop,
            title=f"B{n + 1}",
            starts_at=timezone.now() + timedelta(weeks=6 * n),
            duration_minutes=120,
        )
    start, end = selectors.next_cycle_period(cop, 3)
    assert start == cop.start_date
    assert end == timezone.localtime(coming[2].starts_at).date()


def test_one_cycle_open_at_a_time(cop, facilitator, held_meeting):
    services.cycle_open(community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0))
    with pytest.raises(MonitoringError):
        services.cycle_open(community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0))


def test_a_cycle_closes_with_its_reflection_and_keeps_its_evidence(
    client, cop, facilitator, participant, held_meeting
):
    client.force_login(facilitator)
    client.post(
        reverse("monitoring:cycle_new", args=[cop.slug]),
        {"starts_on": days(-5).isoformat(), "ends_on": days(0).isoformat()},
    )
    cycle = MonitoringCycle.objects.get()
    close = reverse("monitoring:cycle_close", args=[cop.slug, cycle.number])
    client.post(close)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN  # no reflection yet
    client.post(
        reverse("monitoring:cycle_reflection", args=[cop.slug, cycle.number]),
        {"went_well": "Veel uitwisseling.", "to_change": "Minder plenair."},
    )
    client.post(close)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED
    assert set(cycle.evidence) == {"nl", "en"}
    # Later changes leave the closed cycle's evidence alone.
    question_services.yield_add(community=cop, actor=facilitator, level="field", text="Nieuw doel")
    page = client.get(reverse("monitoring:cycle", args=[cop.slug, cycle.number])).content.decode()
    assert "Nieuw doel" not in page and "Veel uitwisseling." in page
    # A closed cycle's reflection stays as it is.
    client.post(
        reverse("monitoring:cycle_reflection", args=[cop.slug, cycle.number]),
        {"went_well": "Anders", "to_change": ""},
    )
    cycle.refresh_from_db()
    assert cycle.went_well == "Veel uitwisseling."


def test_evidence_sets_the_yields_beside_what_happened(cop, facilitator, held_meeting):
    question_services.yield_add(
        community=cop, actor=facilitator, level="organisation", text="Vijf afnameafspraken"
    )
    now = timezone.now()
    groups = {g.key: g for g in evidence_for(cop, Period(now - timedelta(days=7), now))}
    assert groups["question.yields"].items[0].ambition
    assert groups["question.yields"].items[0].value == "Vijf afnameafspraken"
    assert groups["meetings"].items[0].value == 1


def _evaluate(meeting, memberships, question, score):
    for membership in memberships:
        meeting_services.evaluation_submit(
            meeting=meeting,
            membership=membership,
            answers=[(question, score, "")],
            now=meeting.ends_at + timedelta(minutes=5),
        )


def test_the_evaluation_trend_counts_only_from_five_answers(cop, held_meeting, group, participant):
    question = EvaluationQuestion.objects.create(community=cop, text="Waardevol?", kind="scale")
    now = timezone.now()
    period = Period(now - timedelta(days=7), now)
    _evaluate(held_meeting, group[:4], question, 4)
    held_meeting.evaluation_closed_at = now - timedelta(minutes=1)
    held_meeting.save()
    meetings = next(g for g in evidence_for(cop, period) if g.key == "meetings")
    labels = [item.label for item in meetings.items]
    assert not any("Waardevol?" in label for label in labels)
    assert any(item.note and "5" in item.note for item in meetings.items)
    _evaluate(held_meeting, [group[4], membership_of(cop, participant)], question, 2)
    meetings = next(g for g in evidence_for(cop, period) if g.key == "meetings")
    [average] = [item for item in meetings.items if "Waardevol?" in item.label]
    assert average.value == round((4 * 4 + 2 * 2) / 6, 1)


def test_network_evidence_is_for_the_whole_group_only_from_five_people(cop, facilitator):
    now = timezone.now()
    groups = {g.key: g for g in evidence_for(cop, Period(now - timedelta(days=7), now))}
    [item] = groups["monitoring.network"].items
    assert item.value is None and "5" in item.note


def test_open_actions_appear_on_the_next_meetings_preparation_page_and_are_ticked_off_there(
    client, cop, facilitator, participant, held_meeting
):
    next_meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(weeks=6),
        duration_minutes=180,
    )
    cycle = services.cycle_open(
        community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0)
    )
    action = services.follow_up_add(
        cycle=cycle,
        actor=facilitator,
        text="Inkoper uitnodigen",
        owner=membership_of(cop, participant),
        due_on=days(30),
    )
    client.force_login(facilitator)
    prepare = reverse("meetings:prepare", args=[cop.slug, next_meeting.pk])
    page = client.get(prepare).content.decode()
    assert "Inkoper uitnodigen" in page and "Vervolg uit de monitoring" in page
    response = client.post(
        reverse("monitoring:follow_up_tick", args=[cop.slug, action.pk]),
        {"done": "on", "next": prepare},
    )
    assert response.status_code == 302 and response["Location"].startswith(prepare)
    action.refresh_from_db()
    assert action.is_done
    assert "afgevinkt" in client.get(prepare).content.decode()
    # Somewhere else than this site is not a place to go back to.
    response = client.post(
        reverse("monitoring:follow_up_tick", args=[cop.slug, action.pk]),
        {"next": "https://example.com/"},
    )
    assert "example.com" not in response["Location"]


def test_only_the_owner_or_the_runners_tick_an_action(
    client, cop, facilitator, observer, held_meeting
):
    cycle = services.cycle_open(
        community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0)
    )
    action = services.follow_up_add(
        cycle=cycle, actor=facilitator, text="X", owner=None, due_on=None
    )
    client.force_login(observer)
    tick = reverse("monitoring:follow_up_tick", args=[cop.slug, action.pk])
    assert client.post(tick, {"done": "on"}).status_code == 403
    action.refresh_from_db()
    assert not action.is_done


def test_the_step_six_signals(cop, facilitator, participant, held_meeting, group, kinds):
    signals = {s.key: s for s in step_signals(cop, 6)}
    assert signals["cycle_recent"].status == SignalStatus.NOT_MET
    assert signals["network_answers"].status == SignalStatus.NOT_MET
    assert signals["tis_moments"].status == SignalStatus.NOT_MET
    assert signals["story_applied"].status == SignalStatus.NOT_MET
    for membership in group[:4]:
        services.network_answer_save(
            membership=membership,
            meeting_id=held_meeting.pk,
            meeting_day=days(-2),
            kind=kinds["knows"],
            members=[],
            actors=[],
            new_actor_names=[],
            new_actor_kind="organisation",
        )
    cycle = services.cycle_open(
        community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0)
    )
    services.cycle_reflection_save(cycle=cycle, actor=facilitator, went_well="Goed", to_change="")
    services.cycle_close(cycle=cycle, actor=facilitator)
    services.value_story_save(
        community=cop,
        author=group[0],
        title="T",
        told_on=days(0),
        tier="facilitators",
        parts={"applied": ("Gedaan.", "", "")},
    )
    signals = {s.key: s for s in step_signals(cop, 6)}
    assert signals["cycle_recent"].status == SignalStatus.MET
    assert signals["network_answers"].status == SignalStatus.MET  # 4 of 7 participants
    assert signals["story_applied"].status == SignalStatus.MET


def test_a_private_story_does_not_count_for_the_signal(cop, group):
    services.value_story_save(
        community=cop,
        author=group[0],
        title="T",
        told_on=days(0),
        tier="private",
        parts={"applied": ("Gedaan.", "", "")},
    )
    signals = {s.key: s for s in step_signals(cop, 6)}
    assert signals["story_applied"].status == SignalStatus.NOT_MET


def test_the_step_page_shows_the_workspace(client, cop, participant, held_meeting):
    client.force_login(participant)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 6])).content.decode()
    assert "Laatste monitoringcyclus" in page
    assert reverse("monitoring:network_answer", args=[cop.slug, held_meeting.pk]) in page


def test_cycles_of_another_cop_are_not_found(client, cop, facilitator, outsider, held_meeting):
    services.cycle_open(community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0))
    client.force_login(outsider)
    other = outsider.memberships.get().community
    assert client.get(reverse("monitoring:cycle", args=[other.slug, 1])).status_code == 404
    assert client.get(reverse("monitoring:cycle", args=[cop.slug, 1])).status_code == 404


def test_the_now_selectors(cop, facilitator, participant, held_meeting):
    me = membership_of(cop, participant)
    assert selectors.network_question_due(me).id == held_meeting.pk
    cycle = services.cycle_open(
        community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0)
    )
    services.follow_up_add(cycle=cycle, actor=facilitator, text="Mijn actie", owner=me, due_on=None)
    assert [a.text for a in selectors.open_actions_for(me)] == ["Mijn actie"]
    access = community_access(participant, cop)
    assert access.can_see_network_names(False) is False


@pytest.mark.parametrize(
    "target", ["2026-02-30", "25:61", "//evil.example/", "\u202eevil", "/c/andere/"]
)
def test_ticking_off_goes_back_only_to_a_page_of_this_cop(
    client, cop, facilitator, held_meeting, target
):
    cycle = services.cycle_open(
        community=cop, actor=facilitator, starts_on=days(-5), ends_on=days(0)
    )
    action = services.follow_up_add(
        cycle=cycle, actor=facilitator, text="X", owner=None, due_on=None
    )
    client.force_login(facilitator)
    response = client.post(
        reverse("monitoring:follow_up_tick", args=[cop.slug, action.pk]),
        {"done": "on", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:cycle", args=[cop.slug, cycle.number])
