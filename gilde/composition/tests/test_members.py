import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gilde.communities.access import community_access
from gilde.communities.models import Role
from gilde.composition import selectors, services
from gilde.composition.models import Intake, MemberProfile
from gilde.core.models import AuditEntry
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def membership_of(user, cop):
    return cop.memberships.get(user=user)


def url(name, membership=None, slug="circulair"):
    kwargs = {"slug": slug}
    if membership is not None:
        kwargs["pk"] = membership.pk
    return reverse(f"composition:{name}", kwargs=kwargs)


def profile_data(**overrides):
    return {
        "organisation_name": "Gemeente Utrecht",
        "industry": "Overheid",
        "function": "Beleidsadviseur",
        "discipline": "Ruimtelijke ordening",
        "knowledge_type": "both",
        "pioneer": "pioneer",
        **overrides,
    }


def intake_data(**overrides):
    return {
        "practice_case": "Sloopafval uit onze renovaties hergebruiken.",
        "learning_questions": "Hoe krijg ik inkoop mee?",
        "motivation": "Ik loop vast in mijn eigen organisatie.",
        "availability": "Elke zes weken kan ik.",
        **overrides,
    }


TRAIT_DATA = {
    "trait_own_questions": "clearly",
    "trait_own_questions_note": "Kwam met drie vragen.",
    "trait_commitment": "partly",
    "trait_commitment_note": "",
    "trait_uncertainty": "clearly",
    "trait_uncertainty_note": "",
    "trait_curiosity": "not_yet",
    "trait_curiosity_note": "",
    "trait_reflection": "clearly",
    "trait_reflection_note": "",
}


def second_participant(cop):
    user = UserFactory(email="paula@example.org", name="Paula Deelnemer")
    return MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)


# Profile per membership


def test_participant_sees_account_values_as_their_profile_in_the_cop(client, cop, participant):
    participant.function = "Projectleider"
    participant.save()
    client.force_login(participant)
    response = client.get(url("profile", membership_of(participant, cop)))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Projectleider" in content
    assert participant.organisation.name in content


def test_participant_edits_own_profile_and_the_account_is_untouched(client, cop, participant):
    account_organisation = participant.organisation
    membership = membership_of(participant, cop)
    client.force_login(participant)
    response = client.post(url("profile", membership), profile_data())
    assert response.status_code == 302
    member = next(m for m in selectors.group_members(cop) if m.membership == membership)
    assert member.organisation == "Gemeente Utrecht"
    assert member.industry == "Overheid"
    assert member.function == "Beleidsadviseur"
    assert member.knowledge_type == "both"
    assert member.pioneer == "pioneer"
    participant.refresh_from_db()
    assert participant.organisation == account_organisation
    assert participant.function == ""
    assert AuditEntry.objects.filter(community=cop, action="profile.changed").count() == 1


def test_blank_profile_fields_fall_back_to_the_account(client, cop, participant):
    participant.industry = "Bouw"
    participant.save()
    membership = membership_of(participant, cop)
    client.force_login(participant)
    client.post(url("profile", membership), profile_data(organisation_name="", industry=""))
    member = next(m for m in selectors.group_members(cop) if m.membership == membership)
    assert member.industry == "Bouw"
    assert member.organisation == participant.organisation.name


def test_profile_picks_an_existing_organisation_ignoring_case(client, cop, participant):
    existing = OrganisationFactory(name="Woonstichting De Linie")
    client.force_login(participant)
    membership = membership_of(participant, cop)
    client.post(
        url("profile", membership), profile_data(organisation_name="woonstichting de linie")
    )
    assert MemberProfile.objects.get(membership=membership).organisation == existing


def test_participant_cannot_edit_another_members_profile(client, cop, participant):
    other = second_participant(cop)
    client.force_login(participant)
    assert client.get(url("profile", other)).status_code == 403
    assert client.post(url("profile", other), profile_data()).status_code == 403
    assert not MemberProfile.objects.filter(membership=other).exists()


@pytest.mark.parametrize("persona", ["facilitator", "initiator"])
def test_runners_edit_anyones_profile(client, cop, participant, persona, request):
    actor = request.getfixturevalue(persona)
    membership = membership_of(participant, cop)
    client.force_login(actor)
    assert client.get(url("profile", membership)).status_code == 200
    response = client.post(url("profile", membership), profile_data(function="Wethouder"))
    assert response.status_code == 302
    assert MemberProfile.objects.get(membership=membership).function == "Wethouder"
    entry = AuditEntry.objects.get(community=cop, action="profile.changed")
    assert entry.actor == actor


def test_observer_cannot_edit_a_participants_profile(client, cop, participant, observer):
    client.force_login(observer)
    assert client.get(url("profile", membership_of(participant, cop))).status_code == 403


def test_outsider_gets_404_for_a_profile(client, cop, participant, outsider):
    client.force_login(outsider)
    assert client.get(url("profile", membership_of(participant, cop))).status_code == 404


def test_anonymous_is_sent_to_login_for_a_profile(client, cop, participant):
    response = client.get(url("profile", membership_of(participant, cop)))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_another_cops_membership_is_404_even_for_a_facilitator(client, cop, facilitator):
    elsewhere = MembershipFactory(community=CommunityFactory(slug="elders"))
    client.force_login(facilitator)
    assert client.get(url("profile", elsewhere)).status_code == 404
    assert client.get(url("intake", elsewhere)).status_code == 404


def test_over_long_profile_field_is_refused_and_the_rest_kept(client, cop, participant):
    membership = membership_of(participant, cop)
    client.force_login(participant)
    response = client.post(url("profile", membership), profile_data(function="x" * 151))
    assert response.status_code == 200
    content = response.content.decode()
    assert "error-summary" in content
    assert "Ruimtelijke ordening" in content
    assert not MemberProfile.objects.filter(membership=membership).exists()
    assert not AuditEntry.objects.filter(action="profile.changed").exists()


# Intake


def test_participant_writes_their_own_part_of_the_intake(client, cop, participant):
    membership = membership_of(participant, cop)
    client.force_login(participant)
    assert client.get(url("intake", membership)).status_code == 200
    response = client.post(url("intake", membership), intake_data())
    assert response.status_code == 302
    intake = Intake.objects.get(membership=membership)
    assert intake.practice_case.startswith("Sloopafval")
    assert intake.done_at is None
    assert AuditEntry.objects.filter(community=cop, action="intake.changed").count() == 1


def test_participant_reads_the_assessment_but_a_forged_post_does_not_change_it(
    client, cop, participant, facilitator
):
    membership = membership_of(participant, cop)
    services.intake_save(
        membership=membership,
        actor=facilitator,
        done=True,
        trait_commitment="not_yet",
        trait_commitment_note="Twijfelt over de tijd.",
    )
    client.force_login(participant)
    content = client.get(url("intake", membership)).content.decode()
    assert "Twijfelt over de tijd." in content
    assert 'name="trait_commitment"' not in content
    forged = intake_data(**{**TRAIT_DATA, "trait_commitment_note": "Zeer betrokken!"}, done="")
    response = client.post(url("intake", membership), forged)
    assert response.status_code == 302
    intake = Intake.objects.get(membership=membership)
    assert intake.motivation == "Ik loop vast in mijn eigen organisatie."
    assert intake.trait_commitment == "not_yet"
    assert intake.trait_commitment_note == "Twijfelt over de tijd."
    assert intake.trait_own_questions == ""
    assert intake.done_at is not None
    assert intake.interviewer == facilitator


def test_facilitator_assesses_and_marks_the_intake_done(client, cop, participant, facilitator):
    membership = membership_of(participant, cop)
    client.force_login(facilitator)
    content = client.get(url("intake", membership)).content.decode()
    assert 'name="trait_commitment"' in content
    response = client.post(url("intake", membership), intake_data(**TRAIT_DATA, done="on"))
    assert response.status_code == 302
    intake = Intake.objects.get(membership=membership)
    assert intake.trait_own_questions == "clearly"
    assert intake.trait_own_questions_note == "Kwam met drie vragen."
    assert intake.practice_case.startswith("Sloopafval")
    assert intake.done_at is not None
    assert intake.interviewer == facilitator
    entry = AuditEntry.objects.get(community=cop, action="intake.changed")
    assert entry.actor == facilitator


def test_facilitator_marks_a_done_intake_as_not_done(client, cop, participant, facilitator):
    membership = membership_of(participant, cop)
    services.intake_save(membership=membership, actor=facilitator, done=True)
    client.force_login(facilitator)
    client.post(url("intake", membership), intake_data(**TRAIT_DATA))
    assert Intake.objects.get(membership=membership).done_at is None


@pytest.mark.parametrize("persona", ["observer", "initiator"])
def test_only_the_member_and_facilitators_read_an_intake(
    client, cop, participant, persona, request
):
    actor = request.getfixturevalue(persona)
    membership = membership_of(participant, cop)
    client.force_login(actor)
    assert client.get(url("intake", membership)).status_code == 403
    assert client.post(url("intake", membership), intake_data()).status_code == 403
    assert not Intake.objects.filter(membership=membership).exists()


def test_another_participant_cannot_read_an_intake(client, cop, participant):
    other = second_participant(cop)
    services.intake_save(membership=other, actor=other.user, motivation="Persoonlijk.")
    client.force_login(participant)
    response = client.get(url("intake", other))
    assert response.status_code == 403
    assert "Persoonlijk." not in response.content.decode()


def test_outsider_gets_404_for_an_intake(client, cop, participant, outsider):
    client.force_login(outsider)
    assert client.get(url("intake", membership_of(participant, cop))).status_code == 404


def test_over_long_intake_text_is_refused_and_nothing_is_lost(client, cop, participant):
    membership = membership_of(participant, cop)
    services.intake_save(membership=membership, actor=participant, motivation="Eerder.")
    client.force_login(participant)
    response = client.post(url("intake", membership), intake_data(practice_case="x" * 4001))
    assert response.status_code == 200
    content = response.content.decode()
    assert "error-summary" in content
    assert "Hoe krijg ik inkoop mee?" in content
    assert "x" * 4001 in content
    assert Intake.objects.get(membership=membership).motivation == "Eerder."
    assert AuditEntry.objects.filter(action="intake.changed").count() == 1


# Intakes overview


def test_facilitator_sees_all_participants_intakes(client, cop, participant, facilitator):
    other = second_participant(cop)
    services.intake_save(membership=other, actor=facilitator, done=True)
    client.force_login(facilitator)
    response = client.get(url("intakes"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Piet Deelnemer" in content
    assert "Paula Deelnemer" in content
    assert url("intake", other) in content


@pytest.mark.parametrize("persona", ["participant", "observer", "initiator"])
def test_others_cannot_see_the_intakes_overview(client, cop, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("intakes")).status_code == 403


def test_outsider_gets_404_for_the_intakes_overview(client, cop, outsider):
    client.force_login(outsider)
    assert client.get(url("intakes")).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_intakes_overview_query_budget(
    client, cop, facilitator, rows, django_assert_max_num_queries
):
    for number in range(rows):
        membership = MembershipFactory(community=cop, role=Role.PARTICIPANT)
        if number % 2:
            services.intake_save(membership=membership, actor=facilitator, done=True)
    client.force_login(facilitator)
    with django_assert_max_num_queries(8):
        assert client.get(url("intakes")).status_code == 200


# Workspace summary and member list


def render_workspace(user, cop):
    access = community_access(user, cop)
    group = selectors.group_members(cop)
    done = Intake.objects.filter(membership__community=cop, done_at__isnull=False).count()
    with translation.override("en"):
        return render_to_string(
            "composition/_workspace_intakes.html",
            {"group": group, "intake_done_count": done, "access": access, "community": cop},
        )


def test_workspace_summary_counts_and_links_for_a_participant(cop, participant, facilitator):
    membership = membership_of(participant, cop)
    services.intake_save(membership=membership, actor=facilitator, done=True)
    second_participant(cop)
    html = render_workspace(participant, cop)
    assert "1 of 2" in html
    assert url("intake", membership) in html
    assert url("profile", membership) in html
    assert url("intakes") not in html


def test_workspace_summary_links_facilitators_to_the_overview(cop, participant, facilitator):
    html = render_workspace(facilitator, cop)
    assert url("intakes") in html
    assert "0 of 1" in html


def test_member_list_links_to_profiles_and_for_facilitators_intakes(
    client, cop, participant, facilitator
):
    membership = membership_of(participant, cop)
    client.force_login(facilitator)
    content = client.get(reverse("communities:members", args=[cop.slug])).content.decode()
    assert url("profile", membership) in content
    assert url("intake", membership) in content


def test_member_list_shows_a_participant_only_their_own_profile_link(
    client, cop, participant, facilitator
):
    client.force_login(participant)
    content = client.get(reverse("communities:members", args=[cop.slug])).content.decode()
    assert url("profile", membership_of(participant, cop)) in content
    assert url("profile", membership_of(facilitator, cop)) not in content
    assert "/intake/" not in content
