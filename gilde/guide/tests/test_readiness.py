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
    assert derive_status([met, na], None) == StepStatus.DONE
    assert derive_status([not_met], StepMark(done=True)) == StepStatus.DONE
    assert derive_status([met], StepMark(done=False)) == StepStatus.UNDER_WAY


def test_facilitation_signal_needs_content_and_process(cop, facilitator):
    assert step_states(cop)[3].status == StepStatus.NOT_STARTED
    MembershipFactory(community=cop, role=Role.FACILITATOR, focus=Focus.PROCESS)
    assert step_states(cop)[3].status == StepStatus.DONE


def test_facilitator_marks_a_step_done_and_reopens_it(client, facilitator, cop):
    client.force_login(facilitator)
    url = reverse("guide:cop_step_mark", args=[cop.slug, 1])
    client.post(url, {"done": "1", "note": "Vraag is scherp"})
    assert step_states(cop)[0].status == StepStatus.DONE
    client.post(url, {"done": "0", "note": "Toch nog niet"})
    assert step_states(cop)[0].status == StepStatus.UNDER_WAY
    actions = list(cop.audit_entries.values_list("action", flat=True))
    assert "step.marked_done" in actions and "step.reopened" in actions


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
