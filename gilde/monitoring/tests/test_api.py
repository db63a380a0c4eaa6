"""Step 6 in the REST API: ties and network figures as the social map shows them to each role,
TIS results only as medians from the threshold on, and adding a tie of one's own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.services import api_token_create
from gilde.monitoring import services
from gilde.monitoring.models import OutsideActor, Tie, TisFunction
from tests.factories import MembershipFactory, UserFactory

from .conftest import membership_of

API = "/api/v1"


def _token(user, scope="read"):
    return api_token_create(user=user, name="Dashboard", scope=scope, days=7)[1]


def _get(client, user, url):
    return client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {_token(user)}")


def _add(client, user, cop, body, scope="write"):
    return client.post(
        f"{API}/cops/{cop.slug}/ties",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token(user, scope)}",
    )


def _code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def ties(cop, facilitator, participant, group, kinds):
    """Piet knows Deelnemer 0; Deelnemer 1 and 2 worked together (with a facilitator's note)."""
    piet = membership_of(cop, participant)
    day = timezone.localdate() - timedelta(days=30)
    made = [
        services.tie_add(
            community=cop, actor=facilitator, member=piet, other_member=group[0],
            kind=kinds["knows"], started_on=day,
        ),
        services.tie_add(
            community=cop, actor=facilitator, member=group[1], other_member=group[2],
            kind=kinds["worked"], started_on=day, note="Samen aanbesteding",
        ),
    ]  # fmt: skip
    return made


def test_facilitators_see_every_tie_with_notes(client, cop, facilitator, ties):
    body = _get(client, facilitator, f"/cops/{cop.slug}/ties").json()
    assert len(body["items"]) == 2
    assert {item["note"] for item in body["items"]} == {"", "Samen aanbesteding"}
    assert {item["member"] for item in body["items"]} >= {"Deelnemer 1"}


def test_participants_see_their_own_ties_unless_the_map_is_shared(
    client, cop, facilitator, participant, ties
):
    body = _get(client, participant, f"/cops/{cop.slug}/ties").json()
    assert [(item["other_member"], item["mine"]) for item in body["items"]] == [
        ("Deelnemer 0", True)
    ]
    services.monitoring_settings_save(
        community=cop, actor=facilitator, network_shared_with_group=True, cycle_meetings=3
    )
    body = _get(client, participant, f"/cops/{cop.slug}/ties").json()
    assert len(body["items"]) == 2
    assert {item["note"] for item in body["items"]} == {""}


def test_observers_get_figures_for_the_whole_group_only(client, cop, observer, ties):
    response = _get(client, observer, f"/cops/{cop.slug}/ties")
    assert response.status_code == 403 and _code(response) == "forbidden"
    body = _get(client, observer, f"/cops/{cop.slug}/network?per=quarter").json()
    assert body["visibility"] == "aggregates" and body["threshold"] == 5
    assert body["figures"]["pairs"] == 2 and body["brokers"] == []
    assert "Deelnemer" not in str(body)
    assert _get(client, observer, f"/cops/{cop.slug}/outside-actors").status_code == 403


def test_the_named_figures_for_facilitators(client, cop, facilitator, ties):
    body = _get(client, facilitator, f"/cops/{cop.slug}/network?per=quarter").json()
    assert body["visibility"] == "names"
    assert body["figures"]["pairs"] == 2 and body["period"]["key"] == body["periods"][-1]["key"]
    assert len(body["trend"]) == len(body["periods"])


def test_under_the_threshold_there_are_no_figures(
    client, cop, initiator, facilitator, participant, observer, kinds
):
    body = _get(client, observer, f"/cops/{cop.slug}/network?per=quarter").json()
    assert body["visibility"] == "too_few"
    assert body["figures"] is None and body["trend"] == [] and body["period"] is None
    response = _get(client, observer, f"/cops/{cop.slug}/network?per=year")
    assert response.status_code == 422 and _code(response) == "invalid"


def test_outsiders_and_other_cops_get_404(client, cop, participant, outsider, ties):
    for url in ("ties", "network", "tis", "tie-kinds", "outside-actors"):
        response = _get(client, outsider, f"/cops/{cop.slug}/{url}")
        assert response.status_code == 404 and _code(response) == "not_found", url
    assert _add(client, outsider, cop, {"kind_id": 1, "started_on": "2026-01-01"}).status_code == (
        404
    )


def test_a_member_adds_a_tie_of_their_own(client, cop, participant, group, kinds):
    piet = membership_of(cop, participant)
    response = _add(
        client,
        participant,
        cop,
        {
            "other_member_id": group[3].pk,
            "kind_id": kinds["exchanged"].pk,
            "started_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 201 and response.json()["mine"] is True
    tie = Tie.objects.get()
    assert tie.names(piet) and tie.reported_by == piet and tie.origin == "manual"
    kinds_listed = _get(client, participant, f"/cops/{cop.slug}/tie-kinds").json()
    assert {kind["key"] for kind in kinds_listed} >= {"knows", "exchanged"}
    actor = OutsideActor.objects.create(community=cop, name="Gemeente", kind="organisation")
    listed = _get(client, participant, f"/cops/{cop.slug}/outside-actors").json()["items"]
    assert [a["name"] for a in listed] == ["Gemeente"]
    response = _add(
        client,
        participant,
        cop,
        {"outside_actor_id": actor.pk, "kind_id": kinds["knows"].pk, "started_on": "2026-01-05"},
    )
    assert response.status_code == 201 and response.json()["outside_actor"] == "Gemeente"


def test_ties_that_break_the_rules_are_refused(
    client, cop, participant, observer, outsider, group, kinds
):
    stranger = membership_of(outsider.memberships.get().community, outsider)
    today = timezone.localdate().isoformat()
    own = membership_of(cop, participant).pk
    for body, field in (
        ({"other_member_id": stranger.pk, "kind_id": kinds["knows"].pk}, "other_member_id"),
        ({"other_member_id": own, "kind_id": kinds["knows"].pk}, "other_member_id"),
        ({"kind_id": kinds["knows"].pk}, "other_member_id"),
        ({"other_member_id": group[0].pk, "kind_id": 999999}, "kind_id"),
        (
            {
                "other_member_id": group[0].pk,
                "kind_id": kinds["knows"].pk,
                "ended_on": "2020-01-01",
            },
            "ended_on",
        ),
    ):
        response = _add(client, participant, cop, {"started_on": today, **body})
        assert response.status_code == 422, body
        assert response.json()["error"]["details"][0]["loc"] == ["body", field], body
    body = {"other_member_id": group[0].pk, "kind_id": kinds["knows"].pk, "started_on": today}
    response = _add(client, participant, cop, body, scope="read")
    assert response.status_code == 403 and _code(response) == "read_only_token"
    response = _add(client, observer, cop, body)
    assert response.status_code == 403 and _code(response) == "forbidden"
    assert not Tie.objects.exists()


def _moment(cop, facilitator, title, days_ago):
    return services.tis_moment_save(
        community=cop,
        actor=facilitator,
        title=title,
        kind="other",
        held_on=timezone.localdate() - timedelta(days=days_ago),
        closes_at=timezone.now() + timedelta(days=7),
    )


def _answer(moment, membership, score):
    services.tis_response_save(
        moment=moment,
        membership=membership,
        scores={f: (score, "Geheime toelichting") for f in TisFunction.values},
        barriers=[("guidance", "actors", "Geheime belemmering")],
    )


def test_tis_results_are_medians_from_the_threshold_on(
    client, cop, initiator, facilitator, participant, observer
):
    first = _moment(cop, facilitator, "Nulmeting", 10)
    second = _moment(cop, facilitator, "Tussenmeting", 1)
    people = [membership_of(cop, user) for user in (initiator, facilitator, participant)]
    for person, score in zip(people, (2, 3, 4), strict=True):
        _answer(first, person, score)
    for person in people[:2]:
        _answer(second, person, 5)
    extra = MembershipFactory(community=cop, user=UserFactory(name="Bea"), role="participant")
    for user in (observer, participant):
        body = _get(client, user, f"/cops/{cop.slug}/tis").json()
        shown, hidden = body["items"]
        assert shown["shown"] and shown["respondents"] == 3 and shown["threshold"] == 3
        assert {row["median"] for row in shown["functions"]} == {3.0}
        assert shown["functions"][0]["q1"] == 2.5 and shown["functions"][0]["respondents"] == 3
        assert not hidden["shown"] and hidden["functions"] == [] and hidden["respondents"] == 2
        assert "Geheime" not in str(body)
    _answer(second, extra, 5)
    body = _get(client, observer, f"/cops/{cop.slug}/tis?limit=1").json()
    assert len(body["items"]) == 1 and body["next_cursor"]
    page = _get(client, observer, f"/cops/{cop.slug}/tis?limit=1&cursor={body['next_cursor']}")
    later = page.json()["items"][0]
    assert later["shown"] and later["functions"][0]["change"] == 2.0
