"""The profile's suggestions show no organisation or industry of another CoP (item 9)."""

import re

from django.urls import reverse

from gilde.accounts.models import Industry, Organisation, User
from gilde.accounts.selectors import suggestions_for
from gilde.composition.models import MemberProfile
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _datalist(response, name: str) -> set[str]:
    content = response.content.decode()
    match = re.search(rf'<datalist id="{name}">(.*?)</datalist>', content, re.S)
    return set(re.findall(r'<option value="([^"]*)">', match.group(1)))


def _secret_member(cop):
    """A participant of the closed CoP whose organisation and industry exist nowhere else."""
    secret = OrganisationFactory(name="Geheim Bureau BV")
    user = UserFactory(email="geheim@example.org", organisation=secret, industry="Geheime industry")
    MembershipFactory(community=cop, user=user)
    return user


def test_someone_without_a_cop_sees_no_organisation_of_a_closed_cop(client, db, cop):
    _secret_member(cop)
    loner = UserFactory(email="alleen@example.org", organisation=None)
    client.force_login(loner)
    response = client.get(reverse("accounts:profile"))
    assert "Geheim Bureau BV" not in _datalist(response, "organisations")
    assert "Geheime industry" not in _datalist(response, "industries")
    assert "Geheim Bureau BV" not in response.content.decode()


def test_a_member_of_another_cop_sees_none_of_it(client, outsider, cop):
    _secret_member(cop)
    client.force_login(outsider)
    response = client.get(reverse("accounts:profile"))
    assert "Geheim Bureau BV" not in _datalist(response, "organisations")


def test_fellow_members_see_each_others_organisations_and_industries(client, participant, cop):
    _secret_member(cop)
    client.force_login(participant)
    response = client.get(reverse("accounts:profile"))
    assert "Geheim Bureau BV" in _datalist(response, "organisations")
    assert "Geheime industry" in _datalist(response, "industries")


def test_observers_do_not_get_the_member_lists_organisations(client, observer, cop):
    _secret_member(cop)
    client.force_login(observer)
    assert "Geheim Bureau BV" not in _datalist(
        client.get(reverse("accounts:profile")), "organisations"
    )


def test_shared_organisations_and_industries_are_suggested_to_everybody(client, db):
    Organisation.objects.create(name="Rijksoverheid", shared=True)
    Organisation.objects.create(name="Niet Gedeeld BV")
    Industry.objects.create(name="Zorg")
    client.force_login(UserFactory(organisation=None))
    response = client.get(reverse("accounts:profile"))
    assert _datalist(response, "organisations") == {"Rijksoverheid"}
    assert _datalist(response, "industries") == {"Zorg"}


def test_typing_a_new_organisation_does_not_share_it(client, db):
    user = UserFactory(organisation=None)
    client.force_login(user)
    client.post(
        reverse("accounts:profile"),
        {"name": "Nieuw", "organisation_name": "Mijn Eigen BV", "language": "nl"},
    )
    organisation = Organisation.objects.get(name="Mijn Eigen BV")
    assert not organisation.shared
    stranger = UserFactory(organisation=None)
    assert "Mijn Eigen BV" not in suggestions_for(stranger, "organisation")
    assert "Mijn Eigen BV" in suggestions_for(User.objects.get(pk=user.pk), "organisation")


def test_the_cop_profile_form_suggests_only_what_the_viewer_may_see(
    client, facilitator, participant, cop, outsider
):
    # A per-CoP profile in another CoP, with an organisation only that CoP knows.
    other_membership = outsider.memberships.get()
    MemberProfile.objects.create(
        membership=other_membership,
        organisation=OrganisationFactory(name="Ander Geheim BV"),
        industry="Andere geheime industry",
    )
    mine = cop.memberships.get(user=participant)
    MemberProfile.objects.create(
        membership=mine, organisation=OrganisationFactory(name="Eigen CoP BV"), industry="Eigen"
    )
    client.force_login(facilitator)
    response = client.get(reverse("composition:profile", args=[cop.slug, mine.pk]))
    assert response.status_code == 200
    organisations = _datalist(response, "organisations")
    assert "Eigen CoP BV" in organisations
    assert "Ander Geheim BV" not in organisations
    assert "Andere geheime industry" not in _datalist(response, "industries")
