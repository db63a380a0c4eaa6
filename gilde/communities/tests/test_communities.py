"""Starting a CoP, its settings, its home page and member list."""

from datetime import date

import pytest
from django.urls import reverse

from gilde.communities import services
from gilde.communities.models import Community, Membership, Policy, Role
from gilde.communities.selectors import communities_in_directory
from gilde.core.models import AuditEntry
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

VALID = {
    "name": "Circulaire wijken",
    "slug": "",
    "description": "Hoe maken we wijken circulair met bewoners en ondernemers?",
    "policy": "open",
    "listed": "on",
    "start_date": "2027-01-15",
    "duration_months": "18",
    "cadence_weeks": "6",
    "target_size": "20",
}


def test_creator_becomes_initiator_and_the_creation_is_logged(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("communities:create"), VALID)
    community = Community.objects.get(slug="circulaire-wijken")
    assert response.status_code == 302
    assert response.url == "/c/circulaire-wijken/"
    assert community.memberships.get(user=outsider).role == Role.INITIATOR
    assert AuditEntry.objects.filter(community=community, action="community.created").exists()
    assert community.end_date == date(2028, 7, 15)


def test_a_new_cop_is_closed_and_unlisted_unless_the_initiator_opens_it(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("communities:create"))
    form = page.context["form"]
    assert form["policy"].value() == Policy.CLOSED and not form["listed"].value()
    assert "begint besloten" in page.content.decode()  # the form says why (in Dutch)
    # Submitting the form as it comes (the checkbox left off) gives a closed, unlisted CoP.
    as_shown = {**VALID, "policy": form["policy"].value()}
    del as_shown["listed"]
    client.post(reverse("communities:create"), as_shown)
    created = Community.objects.get(slug="circulaire-wijken")
    assert (created.policy, created.listed) == (Policy.CLOSED, False)
    assert created not in communities_in_directory()
    # Opening up is the initiator's explicit choice.
    client.post(reverse("communities:create"), {**VALID, "slug": "open-wijken"})
    opened = Community.objects.get(slug="open-wijken")
    assert (opened.policy, opened.listed) == (Policy.OPEN, True)


def test_a_cop_made_in_code_is_closed_and_unlisted_by_default(outsider):
    community = services.community_create(
        creator=outsider, name="Stil", slug="stil", description="…", start_date=date(2027, 1, 1)
    )
    assert (community.policy, community.listed) == (Policy.CLOSED, False)


def test_taken_slug_gets_a_message_with_a_free_suggestion(client, outsider, cop):
    client.force_login(outsider)
    CommunityFactory(slug="circulair-2")
    response = client.post(reverse("communities:create"), {**VALID, "slug": "circulair"})
    assert response.status_code == 200
    assert "circulair-3" in response.content.decode()
    assert Community.objects.filter(name=VALID["name"]).count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 121),
        ("description", "y" * 2001),
        ("start_date", "2027-02-30"),
        ("start_date", "1850-01-01"),
        ("duration_months", "0"),
        ("duration_months", "61"),
        ("cadence_weeks", "0"),
        ("target_size", "2"),
        ("target_size", "201"),
        ("target_size", "twintig"),
        ("policy", "secret"),
        ("slug", "Niet Geldig!"),
    ],
)
def test_bad_input_is_refused_with_a_field_message_and_the_typed_text_kept(
    client, outsider, field, value
):
    client.force_login(outsider)
    response = client.post(reverse("communities:create"), {**VALID, field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert VALID["description"] in response.content.decode() or field == "description"
    assert not Community.objects.filter(name=VALID["name"]).exists()


def test_settings_change_is_saved_and_logged(client, facilitator, cop):
    client.force_login(facilitator)
    data = {**VALID, "name": cop.name, "slug": cop.slug, "policy": "closed", "target_size": "24"}
    response = client.post(reverse("communities:settings", args=[cop.slug]), data)
    assert response.status_code == 302
    cop.refresh_from_db()
    assert cop.target_size == 24
    entry = AuditEntry.objects.get(community=cop, action="community.settings_changed")
    assert "target_size" in entry.data["fields"]
    assert entry.actor == facilitator


def test_failed_settings_change_keeps_what_was_saved(client, facilitator, cop):
    client.force_login(facilitator)
    data = {**VALID, "name": "", "slug": cop.slug, "target_size": "999"}
    response = client.post(reverse("communities:settings", args=[cop.slug]), data)
    assert response.status_code == 200
    cop.refresh_from_db()
    assert cop.name == "Circulair ondernemen"
    assert cop.target_size == 20


def test_participant_cannot_change_settings(client, participant, cop):
    client.force_login(participant)
    response = client.post(reverse("communities:settings", args=[cop.slug]), VALID)
    assert response.status_code == 403
    cop.refresh_from_db()
    assert cop.name == "Circulair ondernemen"


def test_home_page_names_who_runs_the_cop_and_links_to_everyone(
    client, participant, facilitator, cop
):
    other = UserFactory(name="Gerrit Groepslid")
    MembershipFactory(community=cop, user=other, role=Role.PARTICIPANT)
    client.force_login(participant)
    page = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    assert "Fenna Facilitator" in page
    # The group itself is on the member list, not on the home: it grows to twenty and more.
    assert "Gerrit Groepslid" not in page
    assert reverse("communities:members", args=[cop.slug]) in page


def test_observer_sees_counts_not_names(client, observer, participant, cop):
    client.force_login(observer)
    page = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    assert "Piet Deelnemer" not in page


def test_my_cops_lists_role_per_cop(client, participant, cop):
    other = CommunityFactory(name="Tweede CoP")
    MembershipFactory(community=other, user=participant, role=Role.OBSERVER)
    client.force_login(participant)
    page = client.get(reverse("communities:mine")).content.decode()
    assert "Circulair ondernemen" in page and "Tweede CoP" in page


def test_directory_lists_only_listed_cops(client, db):
    CommunityFactory(name="Zichtbaar", listed=True)
    CommunityFactory(name="Verborgen", listed=False)
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Zichtbaar" in page
    assert "Verborgen" not in page


def _fill(cop, count):
    for _ in range(count):
        MembershipFactory(community=cop, user=UserFactory())


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("url_name", ["communities:members"])
def test_query_budget(client, facilitator, cop, count, url_name, django_assert_max_num_queries):
    # The home's budget, with meetings and items, is in test_home.py.
    _fill(cop, count)
    client.force_login(facilitator)
    client.get(reverse(url_name, args=[cop.slug]))  # the step rail is computed once per change
    with django_assert_max_num_queries(15):
        response = client.get(reverse(url_name, args=[cop.slug]))
    assert response.status_code == 200
    assert Membership.objects.filter(community=cop).count() == count + 1
