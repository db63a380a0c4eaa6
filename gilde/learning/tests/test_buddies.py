"""Buddy pairs through the pages: suggest, adjust, confirm; refusals."""

from django.urls import reverse

from gilde.communities.models import Role
from gilde.learning.models import BuddyPeriod
from gilde.learning.selectors import buddies_of
from tests.factories import MembershipFactory, UserFactory


def _participants(cop, n):
    return [
        MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
        for _ in range(n)
    ]


def test_facilitator_suggests_adjusts_and_confirms_pairs(client, cop, facilitator):
    members = _participants(cop, 5)
    client.force_login(facilitator)
    response = client.post(
        reverse("learning:buddies_new", args=[cop.slug]),
        {"starts_on": "2026-01-01", "ends_on": "2099-01-01"},
    )
    period = BuddyPeriod.objects.get()
    assert response.status_code == 302 and not period.is_confirmed
    sizes = sorted(g.members.count() for g in period.groups.all())
    assert sizes == [2, 3]
    # Nobody sees a draft buddy.
    assert buddies_of(members[0]) == []
    url = reverse("learning:buddy_period", args=[cop.slug, period.pk])
    numbers = {f"m{m.pk}": 1 for m in members}
    bad = client.post(url, {**numbers, f"m{members[0].pk}": 2, "arrange": "1"})
    assert bad.status_code == 200 and "at least two people" in bad.content.decode()
    numbers[f"m{members[0].pk}"] = 2
    numbers[f"m{members[1].pk}"] = 2
    client.post(url, {**numbers, "confirm": "1"})
    period.refresh_from_db()
    assert period.is_confirmed
    assert {b.pk for b in buddies_of(members[0])} == {members[1].pk}


def test_matching_with_fewer_than_two_participants_says_so(client, cop, facilitator, participant):
    client.force_login(facilitator)
    response = client.post(
        reverse("learning:buddies_new", args=[cop.slug]),
        {"starts_on": "2026-01-01", "ends_on": "2026-02-01"},
    )
    assert response.status_code == 200
    assert "at least two participants" in response.content.decode()
    assert not BuddyPeriod.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused(client, cop, facilitator):
    _participants(cop, 2)
    client.force_login(facilitator)
    response = client.post(
        reverse("learning:buddies_new", args=[cop.slug]),
        {"starts_on": "2026-03-01", "ends_on": "2026-02-01"},
    )
    assert response.status_code == 200 and not BuddyPeriod.objects.exists()


def test_participants_cannot_make_pairs(client, cop, participant):
    client.force_login(participant)
    assert client.get(reverse("learning:buddies_new", args=[cop.slug])).status_code == 403


def test_buddies_see_each_other_on_the_home_and_record(client, cop, participant, buddy):
    from .conftest import make_buddies

    make_buddies(cop, participant, buddy)
    client.force_login(participant)
    assert "Bo Buddy" in client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    assert "Bo Buddy" in client.get(reverse("learning:record", args=[cop.slug])).content.decode()
