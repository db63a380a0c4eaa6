"""The socio-technical problem analysis: per party of the stakeholder grid, its practices, the
alternatives and why they are not taken up; and what step 1's readiness makes of it."""

import pytest
from django.urls import reverse

from gilde.communities.readiness import SignalStatus, step_signals
from gilde.question import services
from gilde.question.models import PartyAnalysis


@pytest.fixture
def parties(cop, initiator):
    return [
        services.stakeholder_add(community=cop, actor=initiator, name=name, power=power, interest=4)
        for name, power in (("Gemeente", 5), ("Woonstichting", 3))
    ]


def _signal(cop, key):
    return next(signal for signal in step_signals(cop, 1) if signal.key == key)


def _analyse(party, actor, **fields):
    data = {
        "practices": "Koopt op laagste prijs.",
        "alternatives": "Social return in elke aanbesteding.",
        "barriers": "Budgetten per afdeling.",
        "barrier_kinds": ["rules"],
        **fields,
    }
    return services.party_analysis_save(stakeholder=party, actor=actor, **data)


def test_every_party_of_the_grid_gets_a_row(client, participant, parties):
    client.force_login(participant)
    response = client.get(reverse("question:analysis", args=["circulair"]))
    assert response.status_code == 200
    assert [party.name for party, _row in response.context["rows"]] == ["Gemeente", "Woonstichting"]
    assert not any(row.pk for _party, row in response.context["rows"])  # reading never writes
    assert not PartyAnalysis.objects.exists()


def test_a_facilitator_fills_in_a_party_without_javascript(client, facilitator, parties):
    client.force_login(facilitator)
    url = reverse("question:analysis_edit", args=["circulair", parties[1].pk])
    response = client.post(
        url,
        {
            "practices": "Voert keukens af als afval.",
            "alternatives": "Onderdelen laten oogsten.",
            "barriers": "Garantie-eisen onduidelijk.",
            "barrier_kinds": ["resources", "knowledge"],
        },
    )
    assert response.status_code == 302
    analysis = parties[1].analysis
    assert analysis.practices == "Voert keukens af als afval."
    assert analysis.barrier_kinds == ["knowledge", "resources"]  # in the vocabulary's order
    assert analysis.is_complete
    page = client.get(reverse("question:analysis", args=["circulair"])).content.decode()
    assert "Onderdelen laten oogsten." in page


def test_a_participant_reads_but_does_not_edit_unless_the_cop_lets_the_group(
    client, participant, parties
):
    client.force_login(participant)
    url = reverse("question:analysis_edit", args=["circulair", parties[0].pk])
    assert client.post(url, {"practices": "x"}).status_code == 403
    assert not PartyAnalysis.objects.exists()


def test_an_unknown_kind_of_barrier_is_a_clear_message(client, facilitator, parties):
    client.force_login(facilitator)
    url = reverse("question:analysis_edit", args=["circulair", parties[0].pk])
    response = client.post(url, {"practices": "x", "barrier_kinds": ["luck"]})
    assert response.status_code == 200
    assert "barrier_kinds" in response.context["form"].errors


def test_another_cops_party_is_not_found(client, facilitator, outsider, parties):
    client.force_login(outsider)
    url = reverse("question:analysis_edit", args=["andere", parties[0].pk])
    assert client.get(url).status_code == 404


def test_readiness_leaves_the_analysis_out_until_it_is_begun(cop, parties):
    signal = _signal(cop, "party_analysis")
    assert signal.status == SignalStatus.NOT_APPLICABLE


def test_readiness_asks_for_every_party_once_the_analysis_is_begun(cop, initiator, parties):
    _analyse(parties[0], initiator, barriers="")  # begun, not complete
    signal = _signal(cop, "party_analysis")
    assert signal.status == SignalStatus.NOT_MET
    assert "0" in signal.explanation and "2" in signal.explanation
    _analyse(parties[0], initiator)
    assert _signal(cop, "party_analysis").status == SignalStatus.NOT_MET  # 1 of 2
    _analyse(parties[1], initiator)
    assert _signal(cop, "party_analysis").status == SignalStatus.MET


def test_an_analysis_counts_as_an_environment_analysis(cop, initiator, parties):
    assert _signal(cop, "environment").status == SignalStatus.MET  # the grid already counts
    _analyse(parties[0], initiator)
    assert _signal(cop, "environment").status == SignalStatus.MET


def test_the_analysis_goes_with_its_party(cop, initiator, parties):
    _analyse(parties[0], initiator)
    services.stakeholder_delete(stakeholder=parties[0], actor=initiator)
    assert not PartyAnalysis.objects.exists()
