"""Readiness signals: computed from the CoP's data; status derived; manual marks audit-logged."""

from django.urls import reverse

from gilde.communities.models import Focus, Role, StepMark
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    StepStatus,
    derive_status,
    step_states,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _participants(cop, count, organisations=3):
    orgs = [OrganisationFactory() for _ in range(organisations)]
    for n in range(count):
        user = UserFactory(organisation=orgs[n % organisations])
        MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)


def _signal(status):
    return Signal("k", "t", status, "e")


def test_status_derivation():
    met, not_met, na = (_signal(s) for s in SignalStatus)
    assert derive_status([], None) == StepStatus.NOT_STARTED
    assert derive_status([not_met, na], None) == StepStatus.NOT_STARTED
    assert derive_status([met, not_met], None) == StepStatus.UNDER_WAY
    assert derive_status([met, na], None) == StepStatus.READY
    assert derive_status([not_met], None, has_data=True) == StepStatus.UNDER_WAY
    assert derive_status([not_met], StepMark(done=True)) == StepStatus.DONE
    assert derive_status([], StepMark(done=False)) == StepStatus.UNDER_WAY


def test_facilitation_signal_needs_content_and_process(cop, facilitator):
    assert step_states(cop)[3].status == StepStatus.NOT_STARTED
    MembershipFactory(community=cop, role=Role.FACILITATOR, focus=Focus.PROCESS)
    assert step_states(cop)[3].status == StepStatus.READY


def test_facilitator_marks_a_step_done_and_reopens_it(client, facilitator, cop):
    client.force_login(facilitator)
    url = reverse("guide:cop_step_mark", args=[cop.slug, 1])
    client.post(url, {"done": "1", "note": "Vraag is scherp"})
    assert step_states(cop)[0].status == StepStatus.DONE
    client.post(url, {"done": "0", "note": "Toch nog niet"})
    assert step_states(cop)[0].status == StepStatus.UNDER_WAY
    actions = list(cop.audit_entries.values_list("action", flat=True))
    assert "step.marked_done" in actions and "step.reopened" in actions
    # Reopening keeps the history: both marks stay, and the step page lists them.
    assert list(cop.step_marks.order_by("pk").values_list("done", "note")) == [
        (True, "Vraag is scherp"),
        (False, "Toch nog niet"),
    ]
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 1])).content.decode()
    assert "Vraag is scherp" in page and "Toch nog niet" in page


def test_a_done_step_says_who_marked_it_and_when(client, facilitator, participant, cop):
    from gilde.communities.services import step_mark

    step_mark(community=cop, step=2, actor=facilitator, done=True)
    client.force_login(participant)
    home = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    step = client.get(reverse("guide:cop_step", args=[cop.slug, 2])).content.decode()
    for page in (home, step):
        assert f"Klaar volgens {facilitator}" in page
        assert "status--done" in page


def test_data_for_a_step_makes_it_under_way(cop):
    from gilde.impact.models import ImpactAgreement

    _participants(cop, 5)
    assert step_states(cop)[2].status == StepStatus.NOT_STARTED
    membership = cop.memberships.filter(role=Role.PARTICIPANT).first()
    ImpactAgreement.objects.update_or_create(
        membership=membership,
        defaults={"sponsor_informed": True, "hours_per_meeting": 4, "fee": 0},
    )
    assert step_states(cop)[2].status == StepStatus.UNDER_WAY


def test_participant_cannot_mark_steps(client, participant, cop):
    client.force_login(participant)
    response = client.post(reverse("guide:cop_step_mark", args=[cop.slug, 1]), {"done": "1"})
    assert response.status_code == 403
    assert not StepMark.objects.exists()


def test_unknown_step_in_a_cop_is_404(client, facilitator, cop):
    client.force_login(facilitator)
    assert client.get(reverse("guide:cop_step", args=[cop.slug, 9])).status_code == 404
    response = client.post(reverse("guide:cop_step_mark", args=[cop.slug, 0]), {"done": "1"})
    assert response.status_code == 404
    assert not StepMark.objects.exists()


def test_step_page_shows_guidance_and_signals(client, participant, cop):
    client.force_login(participant)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 2])).content.decode()
    assert 'id="s2-diversity"' in page
    assert "signal--not_met" in page


def test_home_page_shows_the_step_rail(client, participant, cop):
    client.force_login(participant)
    page = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    for number in range(1, 9):
        assert reverse("guide:cop_step", args=[cop.slug, number]) in page
