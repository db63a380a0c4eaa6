"""Step 5 in the REST API: the log and polls for each role, results only through the gate, and
voting with the page's checks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.services import api_token_create
from gilde.decisions import services
from gilde.decisions.models import (
    Ballot,
    DecisionSettings,
    Participation,
    Poll,
    PollKind,
    Voters,
)
from tests.factories import CommunityFactory, MembershipFactory

from .conftest import membership

API = "/api/v1"


def _token(user, scope="read"):
    return api_token_create(user=user, name="Dashboard", scope=scope, days=7)[1]


def _get(client, user, url):
    return client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {_token(user)}")


def _vote(client, user, cop, poll, body, scope="write"):
    return client.post(
        f"{API}/cops/{cop.slug}/polls/{poll.pk}/vote",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token(user, scope)}",
    )


def _code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def decision(cop, facilitator):
    return services.decision_record(
        community=cop,
        actor=membership(cop, facilitator),
        statement="We nodigen een inkoper uit",
        rationale="Praktijk",
        taken_by="group",
        decided_on=timezone.localdate(),
    )


def test_members_read_the_log_and_the_polls(
    client, cop, initiator, facilitator, participant, decision, make_poll
):
    poll = make_poll(facilitator)
    for user in (initiator, facilitator, participant):
        log = _get(client, user, f"/cops/{cop.slug}/decisions")
        assert log.status_code == 200
        assert [d["statement"] for d in log.json()["items"]] == ["We nodigen een inkoper uit"]
        one = _get(client, user, f"/cops/{cop.slug}/decisions/{decision.pk}").json()
        assert one["recorded_by"] == "Fenna Facilitator"
        polls = _get(client, user, f"/cops/{cop.slug}/polls").json()
        assert [p["id"] for p in polls["items"]] == [poll.pk]


def test_observers_read_only_where_the_cop_allows_it(
    client, cop, facilitator, participant, observer, decision, make_poll
):
    poll = make_poll(facilitator)
    for url in (
        f"/cops/{cop.slug}/decisions",
        f"/cops/{cop.slug}/decisions/{decision.pk}",
        f"/cops/{cop.slug}/polls",
        f"/cops/{cop.slug}/polls/{poll.pk}",
    ):
        response = _get(client, observer, url)
        assert response.status_code == 403 and _code(response) == "forbidden", url
    DecisionSettings.objects.create(community=cop, observers_read=True)
    log = _get(client, observer, f"/cops/{cop.slug}/decisions").json()
    # Observers do not read the member list: the one who recorded it shows as a role.
    assert log["items"][0]["recorded_by"] in ("Facilitator", "Facilitator (inhoud)", "facilitator")
    assert "Fenna" not in str(log)
    assert _get(client, observer, f"/cops/{cop.slug}/polls/{poll.pk}").status_code == 200


def test_another_cops_ids_and_outsiders_get_404(
    client, cop, facilitator, participant, outsider, decision, make_poll
):
    poll = make_poll(facilitator)
    for url in (
        f"/cops/{cop.slug}/decisions",
        f"/cops/{cop.slug}/decisions/{decision.pk}",
        f"/cops/{cop.slug}/polls",
        f"/cops/{cop.slug}/polls/{poll.pk}",
    ):
        response = _get(client, outsider, url)
        assert response.status_code == 404 and _code(response) == "not_found", url
    other = CommunityFactory(slug="ander")
    MembershipFactory(community=other, user=participant, role="participant")
    for url in (f"/cops/ander/decisions/{decision.pk}", f"/cops/ander/polls/{poll.pk}"):
        assert _get(client, participant, url).status_code == 404, url
    response = _vote(client, participant, other, poll, {"response": "agree"})
    assert response.status_code == 404
    response = _vote(client, outsider, cop, poll, {"response": "agree"})
    assert response.status_code == 404
    assert not Ballot.objects.exists()


def test_hidden_results_stay_hidden_until_closing_for_everybody(
    client, cop, facilitator, participant, make_poll
):
    poll = make_poll(facilitator, hide_results=True)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    for user in (facilitator, participant):
        body = _get(client, user, f"/cops/{cop.slug}/polls/{poll.pk}").json()
        assert body["results"] is None and body["results_visible"] is False
        assert body["votes"] == 1
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    body = _get(client, participant, f"/cops/{cop.slug}/polls/{poll.pk}").json()
    assert body["results"]["final"] is True
    assert body["results"]["consent"] == {
        "agree": 1,
        "abstain": 0,
        "object": 0,
        "block": 0,
        "passes": True,
    }
    assert body["my_vote"]


def test_anonymous_polls_name_nobody(client, cop, facilitator, participant, make_poll):
    poll = make_poll(facilitator, anonymous=True)
    response = _vote(client, participant, cop, poll, {"response": "object", "reason": "Te duur"})
    assert response.status_code == 200 and response.json()["my_vote"] is None
    Poll.objects.filter(pk=poll.pk).update(closed_at=timezone.now())
    body = _get(client, facilitator, f"/cops/{cop.slug}/polls/{poll.pk}").json()
    assert body["results"]["named"] == []
    assert body["results"]["reasons"][0]["name"] == ""
    assert body["my_vote"] is None
    again = _vote(client, participant, cop, poll, {"response": "agree"})
    assert again.status_code == 400 and _code(again) == "closed"


def test_named_votes_show_names_only_to_those_who_read_the_member_list(
    client, cop, facilitator, participant, observer, make_poll
):
    DecisionSettings.objects.create(community=cop, observers_read=True)
    poll = make_poll(facilitator, kind=PollKind.SCORE)
    options = list(poll.options.all())
    entries = [{"option": option.pk, "value": 4} for option in options]
    assert _vote(client, participant, cop, poll, {"entries": entries}).status_code == 200
    body = _get(client, facilitator, f"/cops/{cop.slug}/polls/{poll.pk}").json()
    assert body["results"]["options"][0]["mean"] == 4.0
    assert body["results"]["named"][0]["name"] == "Piet Deelnemer"
    seen = _get(client, observer, f"/cops/{cop.slug}/polls/{poll.pk}").json()
    assert "Piet" not in str(seen["results"]["named"])
    mine = _get(client, participant, f"/cops/{cop.slug}/polls/{poll.pk}").json()
    assert mine["has_voted"] and "4" in mine["my_vote"]


def test_a_vote_of_each_kind_through_the_api(client, cop, facilitator, participant, make_poll):
    def options(poll):
        return [option.pk for option in poll.options.all()]

    choice = make_poll(facilitator, kind=PollKind.CHOICE, max_choices=2)
    ranked = make_poll(facilitator, kind=PollKind.RANKED)
    dates = make_poll(facilitator, kind=PollKind.DATE)
    check = make_poll(facilitator, kind=PollKind.CHECK)
    first, _second, third = options(ranked)
    cases = [
        (choice, {"choices": options(choice)[:2]}),
        (ranked, {"entries": [{"option": first, "value": 1}, {"option": third, "value": 2}]}),
        (dates, {"entries": [{"option": pk, "value": 2} for pk in options(dates)]}),
        (check, {"value": 4}),
    ]
    for poll, body in cases:
        response = _vote(client, participant, cop, poll, body)
        assert response.status_code == 200, (poll.kind, response.json())
    assert Participation.objects.count() == 4
    results = _get(client, participant, f"/cops/{cop.slug}/polls/{ranked.pk}").json()["results"]
    assert results["winner"] == first and results["rounds"][0]["counts"][0]["votes"] == 1
    results = _get(client, participant, f"/cops/{cop.slug}/polls/{check.pk}").json()["results"]
    assert results["check"]["mean"] == 4.0
    assert {row["answer"]: row["count"] for row in results["check"]["rows"]}[4] == 1


@pytest.mark.parametrize(
    "kind, body, field",
    [
        (PollKind.CONSENT, {"response": "block"}, "reason"),
        (PollKind.CONSENT, {"response": "perhaps"}, "response"),
        (PollKind.CHOICE, {"choices": []}, "choices"),
        (PollKind.CHOICE, {"choices": [999999]}, "choices"),
        (PollKind.SCORE, {"entries": [{"option": 999999, "value": 3}]}, "entries"),
        (PollKind.SCORE, {"entries": []}, "entries"),
        (PollKind.RANKED, {"entries": []}, "body"),
        (PollKind.CHECK, {"value": 9}, "value"),
    ],
)
def test_invalid_votes_get_422_and_store_nothing(
    client, cop, facilitator, participant, make_poll, kind, body, field
):
    poll = make_poll(facilitator, kind=kind)
    response = _vote(client, participant, cop, poll, body)
    assert response.status_code == 422 and _code(response) == "invalid"
    error = response.json()["error"]
    assert error["message"] and error["details"][0]["loc"] == ["body", field]
    assert not Ballot.objects.exists()


def test_who_may_not_vote_is_refused(
    client, cop, initiator, facilitator, participant, observer, make_poll
):
    poll = make_poll(facilitator, voters=Voters.PARTICIPANTS)
    response = _vote(client, facilitator, cop, poll, {"response": "agree"})
    assert response.status_code == 403 and _code(response) == "not_eligible"
    response = _vote(client, observer, cop, poll, {"response": "agree"})
    assert response.status_code == 403 and _code(response) == "forbidden"
    response = _vote(client, participant, cop, poll, {"response": "agree"}, scope="read")
    assert response.status_code == 403 and _code(response) == "read_only_token"
    assert not Ballot.objects.exists()
    assert _vote(client, participant, cop, poll, {"response": "agree"}).status_code == 200


def test_a_named_vote_changes_until_closing(client, cop, facilitator, participant, make_poll):
    poll = make_poll(facilitator)
    assert _vote(client, participant, cop, poll, {"response": "agree"}).status_code == 200
    assert _vote(client, participant, cop, poll, {"response": "abstain"}).status_code == 200
    assert Ballot.objects.get().response == "abstain"
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = _vote(client, participant, cop, poll, {"response": "agree"})
    assert response.status_code == 400 and _code(response) == "closed"
    assert Ballot.objects.get().response == "abstain"


def test_the_poll_list_keeps_to_its_query_budget(
    client, cop, facilitator, make_poll, django_assert_max_num_queries
):
    raw = _token(facilitator)
    for count in (1, 30):
        Poll.objects.all().delete()
        for _n in range(count):
            make_poll(facilitator, kind=PollKind.CHOICE, notify=False)
        with django_assert_max_num_queries(12):
            response = client.get(
                f"{API}/cops/{cop.slug}/polls?limit=50", HTTP_AUTHORIZATION=f"Bearer {raw}"
            )
        assert response.status_code == 200 and len(response.json()["items"]) == count


def test_votes_in_an_archived_cop_are_refused(client, cop, facilitator, participant, make_poll):
    poll = make_poll(facilitator)
    cop.archived_at = timezone.now()
    cop.save()
    response = _vote(client, participant, cop, poll, {"response": "agree"})
    assert response.status_code == 403 and _code(response) == "archived"
    assert _get(client, participant, f"/cops/{cop.slug}/polls/{poll.pk}").status_code == 200
    assert not Ballot.objects.exists()
