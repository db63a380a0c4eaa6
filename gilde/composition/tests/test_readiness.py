"""Step 2's readiness signals follow the group's data."""

from django.utils import timezone

from gilde.communities.models import Role
from gilde.communities.readiness import StepStatus, step_states
from gilde.composition.models import CompositionSettings, Intake
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _participants(cop, count, organisations=10, industry="", knowledge="practice"):
    orgs = [OrganisationFactory() for _ in range(organisations)]
    members = []
    for n in range(count):
        user = UserFactory(
            organisation=orgs[n % organisations], industry=industry, knowledge_type=knowledge
        )
        members.append(MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT))
    return members


def _signals(cop):
    return {signal.key: signal.status for signal in step_states(cop)[1].signals}


def test_an_empty_group_has_not_started(cop):
    assert step_states(cop)[1].status == StepStatus.NOT_STARTED


def test_size_and_organisation_diversity(cop):
    _participants(cop, 15, organisations=1)
    signals = _signals(cop)
    assert signals["group_size"] == "met"
    assert signals["organisations_diverse"] == "not_met"


def test_a_varied_group_with_intakes_is_ready(cop):
    members = _participants(cop, 10, organisations=10, knowledge="practice")
    members += _participants(cop, 8, organisations=8, knowledge="theory")
    assert _signals(cop)["intakes_done"] == "not_met"
    for membership in members:
        Intake.objects.create(membership=membership, done_at=timezone.now())
    signals = _signals(cop)
    assert signals == {
        "group_size": "met",
        "organisations_diverse": "met",
        "practice_and_theory": "met",
        "industry_conflict": "not_applicable",
        "intakes_done": "met",
    }
    assert step_states(cop)[1].status == StepStatus.READY


def test_industry_guard_names_the_clash_only_when_chosen(cop):
    _participants(cop, 4, organisations=2, industry="Zorg")
    assert _signals(cop)["industry_conflict"] == "not_applicable"
    CompositionSettings.objects.create(community=cop, one_organisation_per_industry=True)
    signal = next(s for s in step_states(cop)[1].signals if s.key == "industry_conflict")
    assert signal.status == "not_met" and "Zorg" in signal.explanation
