"""Step 7 in the REST API: experiments and shared entries only through the sharing tiers (a
private item reaches nobody else), and adding an entry to one's own record."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.services import api_token_create
from gilde.learning import services
from gilde.learning.models import Entry, Tier
from gilde.meetings.models import Meeting
from tests.factories import CommunityFactory

from .conftest import make_buddies, membership_of

API = "/api/v1"


def _token(user, scope="read"):
    return api_token_create(user=user, name="Dashboard", scope=scope, days=7)[1]


def _get(client, user, url):
    return client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {_token(user)}")


def _add(client, user, cop, body, scope="write"):
    return client.post(
        f"{API}/cops/{cop.slug}/learning/entries",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token(user, scope)}",
    )


def _titles(client, user, cop) -> set[str]:
    items = _get(client, user, f"/cops/{cop.slug}/learning/experiments").json()["items"]
    return {item["title"] for item in items}


def _bodies(client, user, cop) -> set[str]:
    items = _get(client, user, f"/cops/{cop.slug}/learning/shared").json()["items"]
    return {item["body"] for item in items}


@pytest.fixture
def items(cop, participant):
    """Piet's experiment and entry at every tier."""
    piet = membership_of(cop, participant)
    made = {}
    for tier in (Tier.PRIVATE, Tier.BUDDY, Tier.FACILITATORS, Tier.GROUP):
        experiment = services.experiment_add(
            membership=piet,
            title=f"Proef {tier}",
            due_on=timezone.localdate() + timedelta(days=10),
            tier=tier,
        )
        entry = services.entry_add(
            membership=piet, kind="insight", body=f"Inzicht {tier}", tier=tier
        )
        made[str(tier)] = (experiment, entry)
    return made


def test_each_role_sees_exactly_what_the_tiers_allow(
    client, cop, initiator, facilitator, participant, observer, buddy, items
):
    make_buddies(cop, participant, buddy)
    expected = {
        participant: {"private", "buddy", "facilitators", "group"},
        buddy: {"buddy", "facilitators", "group"},
        facilitator: {"facilitators", "group"},
        initiator: {"group"},
        observer: {"group"},
    }
    for user, tiers in expected.items():
        assert _titles(client, user, cop) == {f"Proef {tier}" for tier in tiers}, user
        shared = {f"Inzicht {tier}" for tier in tiers} if user != participant else set()
        assert _bodies(client, user, cop) == shared, user


def test_a_private_item_of_another_member_is_never_returned(
    client, cop, initiator, facilitator, participant, observer, buddy, items
):
    make_buddies(cop, participant, buddy)
    experiment, _entry = items["private"]
    for user in (initiator, facilitator, observer, buddy):
        response = _get(client, user, f"/cops/{cop.slug}/learning/experiments/{experiment.pk}")
        assert response.status_code == 404, user
        assert response.json()["error"]["code"] == "not_found"
        for url in ("experiments", "shared", "entries"):
            response = _get(client, user, f"/cops/{cop.slug}/learning/{url}")
            assert "private" not in str(response.json()), (user, url)
    own = _get(client, participant, f"/cops/{cop.slug}/learning/experiments/{experiment.pk}")
    assert own.status_code == 200 and own.json()["own"] is True


def test_observers_see_a_role_not_the_name_of_who_shared(client, cop, participant, observer, items):
    experiment, _entry = items["group"]
    body = _get(client, observer, f"/cops/{cop.slug}/learning/experiments/{experiment.pk}").json()
    assert "Piet" not in body["author"]


def test_outsiders_and_other_cops_get_404(client, cop, participant, outsider, items):
    experiment, _entry = items["group"]
    for url in (
        f"/cops/{cop.slug}/learning/experiments",
        f"/cops/{cop.slug}/learning/experiments/{experiment.pk}",
        f"/cops/{cop.slug}/learning/shared",
        f"/cops/{cop.slug}/learning/entries",
    ):
        response = _get(client, outsider, url)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert (
        _get(client, outsider, f"/cops/andere/learning/experiments/{experiment.pk}").status_code
        == 404
    )
    assert _add(client, outsider, cop, {"kind": "insight", "body": "x"}).status_code == 404


def test_a_member_adds_an_entry_to_their_own_record(client, cop, participant, facilitator):
    response = _add(
        client, participant, cop, {"kind": "insight", "body": "Ik leerde", "tags": "Inkoop"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tier"] == "private" and body["own"] and body["tags"] == ["inkoop"]
    entry = Entry.objects.get()
    assert entry.membership == membership_of(cop, participant) and entry.tier == Tier.PRIVATE
    mine = _get(client, participant, f"/cops/{cop.slug}/learning/entries").json()["items"]
    assert [item["body"] for item in mine] == ["Ik leerde"]
    assert _get(client, facilitator, f"/cops/{cop.slug}/learning/entries").json()["items"] == []


def test_a_read_token_and_an_observer_cannot_add_entries(client, cop, participant, observer):
    response = _add(client, participant, cop, {"kind": "insight", "body": "x"}, scope="read")
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_token"
    response = _add(client, observer, cop, {"kind": "insight", "body": "x"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert not Entry.objects.exists()


def test_links_to_another_cop_or_member_and_unoffered_tiers_are_refused(
    client, cop, participant, buddy
):
    elsewhere = Meeting.objects.create(
        community=CommunityFactory(slug="elders"),
        title="Elders",
        starts_at=timezone.now(),
        duration_minutes=60,
    )
    theirs = services.experiment_add(
        membership=membership_of(cop, buddy), title="Van Bo", due_on=timezone.localdate()
    )
    for body, field in (
        ({"kind": "insight", "body": "x", "meeting_id": elsewhere.pk}, "meeting_id"),
        ({"kind": "insight", "body": "x", "experiment_id": theirs.pk}, "experiment_id"),
        ({"kind": "insight", "body": "x", "tier": "public"}, "tier"),
        ({"kind": "insight", "body": "   "}, "body"),
        ({"kind": "insight", "body": "x" * 10001}, "body"),
    ):
        response = _add(client, participant, cop, body)
        assert response.status_code == 422, body
        assert response.json()["error"]["details"][0]["loc"] == ["body", field]
    response = _add(client, participant, cop, {"kind": "gossip", "body": "x"})
    assert response.status_code == 422
    assert not Entry.objects.exists()


def test_no_entries_are_added_in_an_archived_cop(client, cop, participant):
    cop.archived_at = timezone.now()
    cop.save()
    response = _add(client, participant, cop, {"kind": "insight", "body": "Laat"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "archived"
    assert not Entry.objects.exists()
