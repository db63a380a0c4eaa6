from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Role
from gilde.core.audit import audit_describe
from gilde.core.models import AuditEntry
from gilde.impact import services
from gilde.impact.models import ImpactAgreement, OrganisationCommitment
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory

from .helpers import (
    add_participant,
    agreement_data,
    membership_of,
    save_agreement,
    url,
)

pytestmark = pytest.mark.django_db


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def commitment_data(organisation, **overrides):
    return {
        "organisation": organisation.pk,
        "commitment": "Vier uur per bijeenkomst en een plek in het MT-overleg.",
        "budget_reference": "Begroting 2025, post 4.2",
        "contact_person": "Hans Directeur",
        **overrides,
    }


# Who may reach the agreement of a participant


def test_participant_edits_their_own_agreement(client, cop, participant):
    mine = membership_of(cop, participant)
    client.force_login(participant)
    assert client.get(url("member", pk=mine.pk)).status_code == 200
    response = client.post(url("member", pk=mine.pk), agreement_data())
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "guide:cop_step", kwargs={"slug": "circulair", "number": 3}
    )
    agreement = ImpactAgreement.objects.get(membership=mine)
    assert agreement.sponsor_name == "Marieke de Manager"
    assert agreement.sponsor_informed and agreement.contribution_agreed
    assert str(agreement.hours_per_meeting) == "4.0"


def test_participant_cannot_open_another_participants_agreement(client, cop, participant):
    other = add_participant(cop, "Pien Andere", "Gemeente Utrecht")
    client.force_login(participant)
    assert client.get(url("member", pk=other.pk)).status_code == 403
    assert client.post(url("member", pk=other.pk), agreement_data()).status_code == 403
    assert not ImpactAgreement.objects.exists()


def test_observer_cannot_open_a_participants_agreement(client, cop, participant, observer):
    client.force_login(observer)
    pk = membership_of(cop, participant).pk
    assert client.get(url("member", pk=pk)).status_code == 403
    assert client.post(url("member", pk=pk), agreement_data()).status_code == 403
    assert not ImpactAgreement.objects.exists()


def test_outsider_gets_404_everywhere(client, cop, participant, outsider):
    commitment = services.commitment_add(
        community=cop,
        actor=None,
        organisation=participant.organisation,
        commitment="Tijd",
    )
    client.force_login(outsider)
    pk = membership_of(cop, participant).pk
    assert client.get(url("member", pk=pk)).status_code == 404
    assert client.post(url("member", pk=pk), agreement_data()).status_code == 404
    assert client.get(url("overview")).status_code == 404
    assert client.get(url("commitment_new")).status_code == 404
    assert client.get(url("commitment_edit", pk=commitment.pk)).status_code == 404
    assert client.post(url("commitment_delete", pk=commitment.pk)).status_code == 404
    assert OrganisationCommitment.objects.filter(pk=commitment.pk).exists()


def test_anonymous_is_asked_to_log_in(client, cop, participant):
    response = client.get(url("member", pk=membership_of(cop, participant).pk))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.get(url("overview")).status_code == 302


@pytest.mark.parametrize("persona", ["facilitator", "initiator"])
def test_runners_edit_every_participants_agreement(client, cop, participant, persona, request):
    runner = request.getfixturevalue(persona)
    pk = membership_of(cop, participant).pk
    client.force_login(runner)
    assert client.get(url("member", pk=pk)).status_code == 200
    response = client.post(url("member", pk=pk), agreement_data(sponsor_name="Door de facilitator"))
    assert response.status_code == 302
    assert response["Location"] == url("overview")
    assert ImpactAgreement.objects.get(membership_id=pk).sponsor_name == "Door de facilitator"


def test_agreement_of_another_cops_member_is_404(client, cop, facilitator):
    elsewhere = MembershipFactory(community=CommunityFactory(slug="elders"), role=Role.PARTICIPANT)
    client.force_login(facilitator)
    assert client.get(url("member", pk=elsewhere.pk)).status_code == 404
    assert client.post(url("member", pk=elsewhere.pk), agreement_data()).status_code == 404


def test_only_participants_have_an_agreement(client, cop, facilitator, observer):
    client.force_login(facilitator)
    assert client.get(url("member", pk=membership_of(cop, observer).pk)).status_code == 404
    assert client.get(url("member", pk=membership_of(cop, facilitator).pk)).status_code == 404


@pytest.mark.parametrize("persona", ["participant", "observer"])
def test_members_without_the_right_cannot_manage_commitments(client, cop, persona, request):
    user = request.getfixturevalue(persona)
    organisation = OrganisationFactory(name="Gemeente Zwolle")
    commitment = services.commitment_add(
        community=cop, actor=None, organisation=organisation, commitment="Tijd"
    )
    client.force_login(user)
    assert client.get(url("overview")).status_code == 403
    assert client.get(url("commitment_new")).status_code == 403
    assert client.post(url("commitment_new"), commitment_data(organisation)).status_code == 403
    assert client.get(url("commitment_edit", pk=commitment.pk)).status_code == 403
    assert client.post(url("commitment_edit", pk=commitment.pk), {}).status_code == 403
    assert client.get(url("commitment_delete", pk=commitment.pk)).status_code == 403
    assert client.post(url("commitment_delete", pk=commitment.pk)).status_code == 403
    assert OrganisationCommitment.objects.get().commitment == "Tijd"


# Bad input: a clear message, and nothing lost


def _post_bad(client, cop, participant, **overrides):
    mine = membership_of(cop, participant)
    client.force_login(participant)
    response = client.post(url("member", pk=mine.pk), agreement_data(**overrides))
    assert response.status_code == 200
    return response.content.decode()


def test_negative_hours_are_refused(client, cop, participant):
    page = _post_bad(client, cop, participant, hours_per_meeting="-2")
    assert "Hours cannot be negative" in page
    assert "Marieke de Manager" in page  # what was typed is still there
    assert "Elke maand in het teamoverleg" in page
    assert not ImpactAgreement.objects.exists()


def test_more_than_forty_hours_are_refused(client, cop, participant):
    page = _post_bad(client, cop, participant, hours_per_meeting="41")
    assert "Give at most 40 hours per meeting." in page
    assert not ImpactAgreement.objects.exists()


def test_negative_fee_is_refused(client, cop, participant):
    page = _post_bad(client, cop, participant, fee="-10")
    assert "A fee cannot be negative" in page
    assert not ImpactAgreement.objects.exists()


def test_a_date_without_informed_is_refused(client, cop, participant):
    page = _post_bad(client, cop, participant, sponsor_informed="", informed_on="2025-01-15")
    assert "A date only fits when the sponsor is informed" in page
    assert not ImpactAgreement.objects.exists()


def test_a_far_future_date_is_refused(client, cop, participant):
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = _post_bad(client, cop, participant, informed_on=later)
    assert "The date lies in the future" in page
    assert later in page
    assert not ImpactAgreement.objects.exists()


def test_tomorrow_is_allowed_for_time_zones(client, cop, participant):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    client.force_login(participant)
    pk = membership_of(cop, participant).pk
    response = client.post(url("member", pk=pk), agreement_data(informed_on=tomorrow))
    assert response.status_code == 302


def test_over_long_text_is_refused_and_kept(client, cop, participant):
    long_text = "Veel plannen. " * 300  # over 3,000 characters
    page = _post_bad(client, cop, participant, planned_actions=long_text)
    assert "at most 3000 characters" in page
    assert "Veel plannen." in page
    assert not ImpactAgreement.objects.exists()


def test_missing_sponsor_name_is_refused(client, cop, participant):
    _post_bad(client, cop, participant, sponsor_name="")
    assert not ImpactAgreement.objects.exists()


def test_bad_input_leaves_the_saved_agreement_as_it_was(client, cop, participant):
    mine = membership_of(cop, participant)
    save_agreement(mine, sponsor_name="Eerste sponsor", hours_per_meeting=2)
    _post_bad(client, cop, participant, sponsor_name="Nieuwe sponsor", hours_per_meeting="-1")
    agreement = ImpactAgreement.objects.get(membership=mine)
    assert agreement.sponsor_name == "Eerste sponsor"
    assert agreement.hours_per_meeting == 2


def test_informed_date_is_optional(client, cop, participant):
    client.force_login(participant)
    pk = membership_of(cop, participant).pk
    response = client.post(url("member", pk=pk), agreement_data(informed_on=""))
    assert response.status_code == 302
    assert ImpactAgreement.objects.get().informed_on is None


# Organisation commitments


def test_facilitator_records_edits_and_deletes_a_commitment(client, cop, facilitator, participant):
    organisation = participant.organisation
    client.force_login(facilitator)
    page = client.get(url("commitment_new") + f"?organisation={organisation.pk}")
    assert page.status_code == 200
    assert organisation.name in page.content.decode()
    response = client.post(url("commitment_new"), commitment_data(organisation))
    assert response.status_code == 302
    commitment = OrganisationCommitment.objects.get(community=cop)
    assert commitment.organisation == organisation

    assert client.get(url("commitment_edit", pk=commitment.pk)).status_code == 200
    response = client.post(
        url("commitment_edit", pk=commitment.pk),
        commitment_data(organisation, budget_reference="Post 7"),
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.budget_reference == "Post 7"

    assert client.get(url("commitment_delete", pk=commitment.pk)).status_code == 200
    assert OrganisationCommitment.objects.exists()
    assert client.post(url("commitment_delete", pk=commitment.pk)).status_code == 302
    assert not OrganisationCommitment.objects.exists()

    actions = list(AuditEntry.objects.filter(community=cop).values_list("action", flat=True))
    assert {"commitment.added", "commitment.changed", "commitment.deleted"} <= set(actions)


def test_commitment_only_for_an_organisation_of_the_members(client, cop, facilitator, participant):
    stranger = OrganisationFactory(name="Onbekend bv")
    client.force_login(facilitator)
    response = client.post(url("commitment_new"), commitment_data(stranger))
    assert response.status_code == 200
    assert not OrganisationCommitment.objects.exists()


def test_second_commitment_for_one_organisation_is_refused(client, cop, facilitator, participant):
    organisation = participant.organisation
    services.commitment_add(community=cop, actor=None, organisation=organisation, commitment="A")
    client.force_login(facilitator)
    response = client.post(url("commitment_new"), commitment_data(organisation, commitment="B"))
    assert response.status_code == 200
    assert "has a commitment already" in response.content.decode()
    assert OrganisationCommitment.objects.get().commitment == "A"


def test_over_long_commitment_is_refused_and_kept(client, cop, facilitator, participant):
    client.force_login(facilitator)
    text = "Toezegging. " * 300
    response = client.post(
        url("commitment_new"), commitment_data(participant.organisation, commitment=text)
    )
    assert response.status_code == 200
    assert "Toezegging." in response.content.decode()
    assert not OrganisationCommitment.objects.exists()


def test_commitment_of_another_cop_is_404(client, cop, facilitator):
    other = CommunityFactory(slug="elders")
    commitment = services.commitment_add(
        community=other, actor=None, organisation=OrganisationFactory(), commitment="X"
    )
    client.force_login(facilitator)
    assert client.get(url("commitment_edit", pk=commitment.pk)).status_code == 404
    assert client.post(url("commitment_delete", pk=commitment.pk)).status_code == 404
    assert OrganisationCommitment.objects.filter(pk=commitment.pk).exists()


# The overview


def test_overview_shows_organisations_sponsors_and_the_share(client, cop, facilitator):
    ann = add_participant(cop, "Ann Aalders", "Gemeente Arnhem")
    bob = add_participant(cop, "Bob Bakker", "Gemeente Arnhem")
    cas = add_participant(cop, "Cas Claassen", "Bouwbedrijf Cees")
    add_participant(cop, "Dirk Zonder", "")
    add_participant(cop, "Olaf Observer", "Provincie", role=Role.OBSERVER)
    save_agreement(
        ann, sponsor_name="Sanne Sponsor", sponsor_informed=True, contribution_agreed=True
    )
    save_agreement(bob, sponsor_name="Ruud Regelaar", sponsor_informed=False)
    save_agreement(cas, sponsor_name="Cees", sponsor_informed=True)
    arnhem = ann.user.organisation
    services.commitment_add(
        community=cop, actor=None, organisation=arnhem, commitment="Acht uur per maand"
    )
    client.force_login(facilitator)
    page = client.get(url("overview")).content.decode()

    assert "Gemeente Arnhem" in page and "Bouwbedrijf Cees" in page
    assert "Acht uur per maand" in page
    assert "Record the commitment of Bouwbedrijf Cees" in page
    assert "Without an organisation" in page
    assert "Provincie" not in page  # observers are not participants
    assert "2 of 4 participants" in page  # informed: Ann and Cas
    assert "50%" in page and "50 %" not in page
    not_informed = page.split('id="not-informed"')[1].split('id="organisations"')[0]
    assert "Bob Bakker" in not_informed and "Ruud Regelaar" in not_informed
    assert "Dirk Zonder" in not_informed
    assert "Ann Aalders" not in not_informed and "Cas Claassen" not in not_informed


def test_overview_uses_the_cop_profile_organisation(client, cop, facilitator):
    from gilde.composition.models import MemberProfile

    ann = add_participant(cop, "Ann Aalders", "Gemeente Arnhem")
    MemberProfile.objects.create(membership=ann, organisation=OrganisationFactory(name="GGD"))
    client.force_login(facilitator)
    page = client.get(url("overview")).content.decode()
    assert "GGD" in page
    assert "Gemeente Arnhem" not in page


def test_overview_without_participants(client, cop, facilitator):
    client.force_login(facilitator)
    page = client.get(url("overview")).content.decode()
    assert "There are no participants yet." in page


@pytest.mark.parametrize("count", [1, 20, 50])
def test_overview_query_budget(client, cop, facilitator, count, django_assert_max_num_queries):
    for n in range(count):
        membership = add_participant(cop, f"Deelnemer {n}", f"Organisatie {n % 7}")
        if n % 2:
            save_agreement(membership, sponsor_informed=True)
    services.commitment_add(
        community=cop,
        actor=None,
        organisation=OrganisationFactory(name="Organisatie 0"),
        commitment="Tijd",
    )
    client.force_login(facilitator)
    with django_assert_max_num_queries(12):
        response = client.get(url("overview"))
    assert response.status_code == 200


# Audit


def test_saving_an_agreement_is_audited(client, cop, participant):
    client.force_login(participant)
    client.post(url("member", pk=membership_of(cop, participant).pk), agreement_data())
    entry = AuditEntry.objects.get(community=cop, action="impact.changed")
    assert entry.actor == participant
    assert audit_describe(entry) == "updated the lasting-impact agreements of Piet Deelnemer"


def test_commitment_audit_names_the_organisation(cop, facilitator):
    organisation = OrganisationFactory(name="Waterschap")
    services.commitment_add(
        community=cop, actor=facilitator, organisation=organisation, commitment="X"
    )
    entry = AuditEntry.objects.get(community=cop, action="commitment.added")
    assert "Waterschap" in audit_describe(entry)
