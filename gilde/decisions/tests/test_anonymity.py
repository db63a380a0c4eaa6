"""Anonymous votes and hidden results: no path from a vote to a person, no second vote, no change,
and nothing of a hidden result on any page, fragment, e-mail or export before closing."""

import random
from datetime import timedelta

import pytest
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Membership
from gilde.core import fields as core_fields
from gilde.decisions import services, tasks
from gilde.decisions.models import Ballot, BallotEntry, Participation, PollKind
from gilde.decisions.services import DecisionError
from tests.factories import MembershipFactory, UserFactory

from .conftest import membership


def _url(name, poll):
    return reverse(f"decisions:{name}", args=[poll.community.slug, poll.pk])


def test_a_ballot_has_no_field_that_leads_to_a_person_or_a_moment():
    for model in (Ballot, BallotEntry):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateTimeField | models.TimeField), field
            if field.is_relation and field.related_model is not None:
                assert field.related_model in (
                    Ballot,
                    BallotEntry,
                    Membership,
                    *[f.related_model for f in Ballot._meta.get_fields() if f.name == "poll"],
                    *[
                        f.related_model
                        for f in BallotEntry._meta.get_fields()
                        if f.name == "option"
                    ],
                ), field
    for model in (Ballot, BallotEntry, Participation):
        assert isinstance(model._meta.pk, core_fields.RandomIdField)
    # Participation knows who, not what or when.
    names = {f.name for f in Participation._meta.get_fields()}
    assert names == {"id", "poll", "membership"}


@pytest.fixture
def seeded_ids(monkeypatch):
    generator = random.Random(2027)
    monkeypatch.setattr(core_fields.secrets, "randbelow", generator.randrange)


def test_anonymous_votes_cannot_be_linked_to_their_voters(
    client, cop, facilitator, make_poll, seeded_ids
):
    poll = make_poll(facilitator, kind=PollKind.CHECK, anonymous=True)
    people = [
        MembershipFactory(community=cop, user=UserFactory(), role="participant") for _ in range(8)
    ]
    for number, member in enumerate(people):
        client.force_login(member.user)
        assert client.post(_url("vote", poll), {"value": str(number % 5 + 1)}).status_code == 302
    ballots = list(Ballot.objects.filter(poll=poll))
    participations = list(Participation.objects.filter(poll=poll))
    assert len(ballots) == len(participations) == 8
    assert all(b.membership_id is None for b in ballots)
    assert {b.created_on for b in ballots} == {timezone.localdate()}
    # Neither ids nor the table's order follow the order of voting.
    voted_order = [p.membership_id for p in sorted(participations, key=lambda p: p.pk)]
    assert voted_order != [m.pk for m in people]
    values_by_id = [b.value for b in sorted(ballots, key=lambda b: b.pk)]
    assert values_by_id != [n % 5 + 1 for n in range(8)]
    poll.refresh_from_db()
    assert poll.hide_results  # anonymous polls hide their results until closing


def test_a_second_anonymous_vote_is_refused_and_nothing_changes(
    client, cop, participant, facilitator, make_poll
):
    poll = make_poll(facilitator, anonymous=True)
    client.force_login(participant)
    assert client.post(_url("vote", poll), {"response": "agree"}).status_code == 302
    page = client.get(_url("poll", poll)).content.decode()
    assert 'name="response"' not in page and "kan niet meer veranderen" in page
    response = client.post(_url("vote", poll), {"response": "block", "reason": "Toch niet."})
    assert response.status_code == 400
    assert "al gestemd" in response.content.decode()
    assert Ballot.objects.get(poll=poll).response == "agree"
    with pytest.raises(DecisionError) as error:
        services.poll_vote(
            poll=poll,
            membership=membership(cop, participant),
            vote={"response": "block", "reason": "x"},
        )
    assert error.value.code == "already_voted"


def test_the_poll_page_does_not_say_how_an_anonymous_voter_voted(
    client, cop, participant, facilitator, make_poll
):
    poll = make_poll(facilitator, anonymous=True)
    client.force_login(participant)
    client.post(_url("vote", poll), {"response": "object", "reason": "Te duur voor ons."})
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    client.force_login(facilitator)
    page = client.get(_url("poll", poll)).content.decode()
    assert "Te duur voor ons." in page  # the reason is shown, without a name
    reasons = page.split("Bezwaren en blokkades")[1].split("</ul>")[0]
    assert "Piet" not in reasons
    assert "Wie stemde wat" not in page


# Hidden results never leak before closing


@pytest.fixture
def hidden_poll(cop, participant, facilitator, initiator, make_poll):
    poll = make_poll(
        facilitator, kind=PollKind.CHOICE, hide_results=True, options=["Zeeland", "Limburg"]
    )
    zeeland = poll.options.get(label="Zeeland")
    for user in (participant, initiator):
        services.poll_vote(
            poll=poll, membership=membership(cop, user), vote={"entries": {zeeland.pk: 1}}
        )
    return poll


def _leaks(text: str) -> bool:
    return "meeste stemmen" in text or "most votes" in text or "Deel van de stemmers" in text


def test_hidden_results_are_not_on_the_page_for_anyone(client, personas, hidden_poll):
    for persona in ("participant", "facilitator", "initiator"):
        client.force_login(personas[persona])
        page = client.get(_url("poll", hidden_poll)).content.decode()
        assert "blijft voor iedereen verborgen" in page
        assert not _leaks(page) and "Wie stemde wat" not in page


def test_hidden_results_are_not_in_the_htmx_fragments(client, facilitator, hidden_poll):
    client.force_login(facilitator)
    for query in ("", "?part=results"):
        response = client.get(_url("poll", hidden_poll) + query, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200 and "<html" not in html
        assert "verborgen" in html and not _leaks(html)
        assert 'hx-trigger="every' not in html  # nothing to refresh while hidden


def test_hidden_results_are_not_in_the_export(client, facilitator, hidden_poll):
    client.force_login(facilitator)
    response = client.get(_url("poll_export", hidden_poll))
    assert response.status_code == 403
    assert b"Zeeland" not in response.content


def test_hidden_results_are_not_in_any_email(
    cop,
    facilitator,
    participant,
    initiator,
    hidden_poll,
    django_capture_on_commit_callbacks,
    settings,
):
    # The reminder a day before closing.
    observer_voter = MembershipFactory(community=cop, user=UserFactory(), role="participant")
    assert observer_voter
    now = hidden_poll.closes_at - timedelta(hours=2)
    tasks.send_poll_reminders(now)
    assert mail.outbox
    for message in mail.outbox:
        assert "Zeeland" not in message.body and "2" not in message.subject
        assert not _leaks(message.body)


def test_results_appear_after_closing(client, cop, facilitator, hidden_poll):
    services.poll_close(poll=hidden_poll, actor=membership(cop, facilitator))
    client.force_login(facilitator)
    page = client.get(_url("poll", hidden_poll)).content.decode()
    assert "meeste stemmen" in page and "blijft voor iedereen verborgen" not in page
    assert client.get(_url("poll_export", hidden_poll)).status_code == 200


def test_once_the_moment_passed_the_results_show_even_before_the_worker_closes(
    client, cop, facilitator, hidden_poll
):
    from gilde.decisions.selectors import poll_results

    later = hidden_poll.closes_at + timedelta(minutes=1)
    assert poll_results(hidden_poll, now=hidden_poll.closes_at - timedelta(minutes=1)) is None
    assert poll_results(hidden_poll, now=later).votes == 2
