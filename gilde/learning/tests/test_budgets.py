"""Query budgets: a member's record and the group view cost the same whatever their size."""

import pytest
from django.urls import reverse

from gilde.communities.models import Role
from gilde.learning.models import Entry, EntryKind, Tier
from tests.factories import MembershipFactory, UserFactory

from .conftest import membership_of


def _entries(membership, n, tier=Tier.PRIVATE):
    kinds = list(EntryKind.values)
    Entry.objects.bulk_create(
        Entry(
            community_id=membership.community_id,
            membership=membership,
            kind=kinds[i % len(kinds)],
            body=f"Notitie {i} met **nadruk**",
            tier=tier,
            tags=",inkoop,",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("count", [1, 500])
def test_a_members_record_costs_at_most_ten_queries(
    client, cop, participant, django_assert_max_num_queries, count
):
    _entries(membership_of(cop, participant), count)
    client.force_login(participant)
    url = reverse("learning:record", args=[cop.slug])
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url + "?kind=&tag=inkoop")
    assert response.status_code == 200


@pytest.mark.parametrize("per_member", [1, 50])
def test_the_group_view_costs_at_most_twelve_queries(
    client, cop, facilitator, django_assert_max_num_queries, per_member
):
    for _ in range(20):
        membership = MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
        _entries(membership, per_member, tier=Tier.GROUP)
    client.force_login(facilitator)
    url = reverse("learning:group", args=[cop.slug])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Notitie") == min(20, 20 * per_member)
