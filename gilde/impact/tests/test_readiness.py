import pytest
from django.urls import reverse

from gilde.communities.models import Role
from gilde.communities.readiness import SignalStatus, step_signals
from gilde.impact.readiness import ImpactFacts, contribution_agreed, sponsors_informed

from .helpers import add_participant, membership_of, save_agreement

pytestmark = pytest.mark.django_db


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def _facts(participants, informed=0, agreed=0):
    return {"impact": ImpactFacts(participants=participants, informed=informed, agreed=agreed)}


@pytest.mark.parametrize(
    ("count", "total", "status"),
    [
        (0, 10, SignalStatus.NOT_MET),
        (79, 100, SignalStatus.NOT_MET),
        (80, 100, SignalStatus.MET),
        (15, 19, SignalStatus.NOT_MET),  # 78.9 %
        (16, 20, SignalStatus.MET),
        (20, 20, SignalStatus.MET),
    ],
)
def test_signals_need_eighty_percent(cop, count, total, status):
    assert sponsors_informed(cop, _facts(total, informed=count)).status == status
    assert contribution_agreed(cop, _facts(total, agreed=count)).status == status


def test_signals_do_not_apply_without_participants(cop, facilitator, observer):
    signals = step_signals(cop, 3)
    assert [signal.key for signal in signals] == ["sponsors_informed", "contribution_agreed"]
    assert {signal.status for signal in signals} == {SignalStatus.NOT_APPLICABLE}


def test_just_under_eighty_shows_as_seventy_nine(cop):
    signal = sponsors_informed(cop, _facts(250, informed=199))  # 79.6 %
    assert signal.status == SignalStatus.NOT_MET
    assert "(79%)" in signal.explanation


def test_signals_from_the_data(cop, facilitator, observer):
    members = [add_participant(cop, f"Deelnemer {n}", f"Org {n}") for n in range(5)]
    for membership in members[:4]:
        save_agreement(membership, sponsor_informed=True)
    save_agreement(members[0], sponsor_informed=True, contribution_agreed=True)
    facts: dict = {}
    informed, agreed = step_signals(cop, 3, facts)
    assert informed.status == SignalStatus.MET  # 4 of 5, 80 %: the observer does not count
    assert "4 of 5 participants (80%)" in informed.explanation
    assert agreed.status == SignalStatus.NOT_MET  # 1 of 5; no agreement counts as no
    assert facts["impact"] == ImpactFacts(participants=5, informed=4, agreed=1)


def test_signals_cost_one_query(cop, django_assert_num_queries):
    for n in range(20):
        save_agreement(add_participant(cop, f"D{n}"), sponsor_informed=bool(n % 2))
    with django_assert_num_queries(1):
        step_signals(cop, 3)


# The workspace on step 3's page


def _step_page(client, user):
    client.force_login(user)
    response = client.get(reverse("guide:cop_step", kwargs={"slug": "circulair", "number": 3}))
    assert response.status_code == 200
    return response.content.decode()


def test_participant_sees_the_shares_and_a_link_to_their_agreement(client, cop, participant):
    mine = membership_of(cop, participant)
    add_participant(cop, "Tweede")
    save_agreement(mine, sponsor_name="Marieke", sponsor_informed=True)
    page = _step_page(client, participant)
    assert reverse("impact:member", kwargs={"slug": "circulair", "pk": mine.pk}) in page
    assert 'href="/c/circulair/impact/"' not in page
    assert "50%" in page and "50 %" not in page
    assert "Your sponsor Marieke is informed." in page


def test_facilitator_sees_the_link_to_the_overview(client, cop, facilitator, participant):
    page = _step_page(client, facilitator)
    assert 'href="/c/circulair/impact/"' in page
    assert "Your agreements" not in page
    assert "0 of 1 participant<" in page  # one participant: singular


def test_observer_sees_only_the_shares(client, cop, observer, participant):
    page = _step_page(client, observer)
    assert "/impact/" not in page
    assert "Sponsors informed" in page


def test_workspace_without_participants(client, cop, facilitator):
    page = _step_page(client, facilitator)
    assert "There are no participants yet." in page


def test_workspace_for_a_participant_without_an_agreement(client, cop, participant):
    page = _step_page(client, participant)
    assert "You have not named your sponsor yet" in page


def test_initiators_are_not_counted_as_participants(cop):
    add_participant(cop, "Ina", role=Role.INITIATOR)
    assert sponsors_informed(cop, {}).status == SignalStatus.NOT_APPLICABLE
