"""Polls through the pages: starting one of each kind, voting, changing a vote, bad input,
closing early, the outcome in the log, and who may do what."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gilde.decisions import services
from gilde.decisions.models import Ballot, Decision, Participation, Poll, PollKind
from gilde.decisions.services import DecisionError

from .conftest import membership


def _url(name, poll, **kw):
    return reverse(f"decisions:{name}", args=[poll.community.slug, poll.pk])


def _create_data(**fields):
    closes = timezone.localdate() + timedelta(days=5)
    data = {
        "title": "Nodigen we een expert uit?",
        "context": "Een *inkoper* van de gemeente.",
        "closes_on": closes.isoformat(),
        "closes_time": "17:00",
        "voters": "members",
        "meeting": "",
        "agenda_item": "",
        "quorum": "",
    }
    data.update(fields)
    return data


def _create(client, cop, kind, **fields):
    return client.post(
        reverse("decisions:poll_create", args=[cop.slug, kind]), _create_data(**fields)
    )


# Starting a poll


@pytest.mark.parametrize(
    "kind, fields, options",
    [
        ("consent", {}, 0),
        ("choice", {"options": "Appel\nPeer\n\nKers", "max_choices": "2"}, 3),
        ("score", {"options": "Appel\nPeer", "scale_max": "10"}, 2),
        ("ranked", {"options": "Appel\nPeer\nKers\nPruim"}, 4),
        ("check", {"check_style": "thumbs"}, 0),
    ],
)
def test_a_participant_starts_a_poll_of_each_kind(client, cop, participant, kind, fields, options):
    client.force_login(participant)
    response = _create(client, cop, kind, **fields)
    poll = Poll.objects.get(community=cop)
    assert response.status_code == 302 and response.url == _url("poll", poll)
    assert poll.kind == kind and poll.options.count() == options
    assert poll.author.user == participant
    page = client.get(_url("poll", poll)).content.decode()
    assert "<em>inkoper</em>" in page  # Markdown, sanitised


def test_a_date_poll_has_slots_and_a_length(client, cop, participant):
    client.force_login(participant)
    day = timezone.localdate() + timedelta(days=20)
    response = _create(
        client,
        cop,
        "date",
        duration_minutes="150",
        slot_1_date=day.isoformat(),
        slot_1_time="14:00",
        slot_2_date=(day + timedelta(days=1)).isoformat(),
        slot_2_time="10:00",
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.duration_minutes == 150
    assert [timezone.localtime(o.starts_at).hour for o in poll.options.all()] == [14, 10]


def test_context_markdown_cannot_carry_a_script(client, cop, participant):
    client.force_login(participant)
    _create(client, cop, "consent", context="<script>alert(1)</script>[x](javascript:alert(1))")
    page = client.get(_url("poll", Poll.objects.get())).content.decode()
    assert "<script>alert" not in page and "javascript:" not in page


@pytest.mark.parametrize(
    "kind, fields, message",
    [
        ("choice", {"options": "Alleen ik"}, "ten minste twee"),
        ("choice", {"options": "A\nA"}, "ten minste twee"),
        ("choice", {"options": "A\nB", "max_choices": "3"}, "niet meer opties kiezen"),
        ("consent", {"closes_on": "2020-01-01"}, "in de toekomst"),
        ("consent", {"closes_on": "2031-03-30", "closes_time": "02:30"}, "bestaat niet"),
        ("consent", {"closes_on": "2031-10-26", "closes_time": "02:30"}, "komt twee keer voor"),
        ("consent", {"quorum": "150"}, "100"),
        ("date", {"duration_minutes": "120"}, "twee verschillende data"),
        ("consent", {"closes_time": "25:00"}, "tijd"),
    ],
)
def test_bad_input_gets_a_clear_dutch_message_and_saves_nothing(
    client, cop, participant, kind, fields, message
):
    client.force_login(participant)
    response = _create(client, cop, kind, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Poll.objects.exists()


def test_an_observer_cannot_start_a_poll_and_nobody_outside_sees_one(
    client, cop, observer, outsider, participant, make_poll
):
    client.force_login(observer)
    assert _create(client, cop, "consent").status_code == 403
    poll = make_poll(participant)
    assert client.get(_url("poll", poll)).status_code == 403  # observers read only if allowed
    client.force_login(outsider)
    assert client.get(_url("poll", poll)).status_code == 404


def test_observers_read_polls_when_the_cop_allows_it_but_never_vote(
    client, cop, observer, facilitator, participant, make_poll
):
    poll = make_poll(participant)
    client.force_login(facilitator)
    client.post(reverse("decisions:settings", args=[cop.slug]), {"observers_read": "on"})
    client.force_login(observer)
    page = client.get(_url("poll", poll))
    assert page.status_code == 200 and 'name="response"' not in page.content.decode()
    assert client.post(_url("vote", poll), {"response": "agree"}).status_code == 403


def test_another_cops_poll_is_404_for_its_id(client, cop, participant, outsider, make_poll):
    from gilde.communities.models import Community

    poll = make_poll(participant)
    other = Community.objects.get(slug="andere")
    client.force_login(outsider)
    for name in ("poll", "vote", "poll_close", "outcome", "poll_export"):
        url = reverse(f"decisions:{name}", args=[other.slug, poll.pk])
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url).status_code == 404, name


# Voting


def test_voting_in_a_consent_poll_and_changing_the_vote(
    client, cop, participant, facilitator, make_poll
):
    poll = make_poll(facilitator)
    client.force_login(participant)
    assert client.post(_url("vote", poll), {"response": "agree"}).status_code == 302
    response = client.post(_url("vote", poll), {"response": "object", "reason": "Te duur."})
    assert response.status_code == 302
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.response == "object" and ballot.reason == "Te duur."
    assert ballot.membership.user == participant
    assert Participation.objects.filter(poll=poll).count() == 1


def test_an_objection_or_a_block_needs_a_reason(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator)
    client.force_login(participant)
    response = client.post(_url("vote", poll), {"response": "block", "reason": "  "})
    assert response.status_code == 400
    assert "heeft een reden nodig" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "kind, build, message",
    [
        ("choice", lambda o: {"choices": "999999"}, "geldige keuze"),
        (
            "score",
            lambda o: {f"score_{o[0]}": "6", f"score_{o[1]}": "1", f"score_{o[2]}": "1"},
            "geldige keuze",
        ),
        ("score", lambda o: {f"score_{o[0]}": "3"}, "verplicht"),
        ("ranked", lambda o: {f"rank_{o[0]}": "1", f"rank_{o[1]}": "1"}, "elke plaats één keer"),
        ("ranked", lambda o: {f"rank_{o[0]}": "2"}, "elke plaats één keer"),
        ("check", lambda o: {"value": "9"}, "geldige keuze"),
    ],
)
def test_bad_votes_get_a_clear_message_and_nothing_is_stored(
    client, cop, participant, facilitator, make_poll, kind, build, message
):
    poll = make_poll(facilitator, kind=kind)
    options = [o.pk for o in poll.options.all()]
    client.force_login(participant)
    response = client.post(_url("vote", poll), build(options))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists() and not Participation.objects.exists()


def test_a_choice_over_the_maximum_is_refused(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator, kind=PollKind.CHOICE, max_choices=2)
    options = [str(o.pk) for o in poll.options.all()]
    client.force_login(participant)
    response = client.post(_url("vote", poll), {"choices": options})
    assert response.status_code == 400
    assert "Kies ten hoogste 2 opties" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_forged_option_of_another_poll_is_refused_by_the_service(
    cop, participant, facilitator, make_poll
):
    poll = make_poll(facilitator, kind=PollKind.SCORE)
    other = make_poll(facilitator, kind=PollKind.SCORE)
    foreign = other.options.first().pk
    with pytest.raises(DecisionError):
        services.poll_vote(
            poll=poll, membership=membership(cop, participant), vote={"entries": {foreign: 3}}
        )
    assert not Ballot.objects.exists()


def _vote_data(kind, o, number) -> dict:
    if kind == "consent":
        return {"response": "agree"}
    if kind == "choice":
        return {"choices": str(o[number % 2])}
    if kind == "score":
        return {f"score_{k}": str(1 + (i + number) % 5) for i, k in enumerate(o)}
    if kind == "ranked":
        return {f"rank_{o[number % 3]}": "1", f"rank_{o[(number + 1) % 3]}": "2"}
    if kind == "date":
        return {f"slot_{k}": str((i + number) % 3) for i, k in enumerate(o)}
    return {"value": str(3 + number)}


def test_each_kind_counts_votes(client, cop, participant, facilitator, initiator, make_poll):
    voters = [participant, facilitator, initiator]
    polls = {kind: make_poll(facilitator, kind=kind) for kind in PollKind.values}
    for number, user in enumerate(voters):
        client.force_login(user)
        for kind, poll in polls.items():
            o = [option.pk for option in poll.options.all()]
            data = _vote_data(kind, o, number)
            assert client.post(_url("vote", poll), data).status_code == 302, kind
    for kind, poll in polls.items():
        results = services.poll_close(poll=poll, actor=membership(cop, facilitator))
        assert results
        page = client.get(_url("poll", poll)).content.decode()
        assert "3 stemmen van 3" in page, kind


def test_a_vote_after_closing_is_refused(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator)
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    client.force_login(participant)
    response = client.post(_url("vote", poll), {"response": "agree"})
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_vote_after_the_closing_moment_is_refused_before_the_worker_closes(
    cop, participant, facilitator, make_poll
):
    poll = make_poll(facilitator)
    with pytest.raises(DecisionError) as error:
        services.poll_vote(
            poll=poll,
            membership=membership(cop, participant),
            vote={"response": "agree"},
            now=poll.closes_at + timedelta(seconds=1),
        )
    assert error.value.code == "closed"


def test_participants_only_polls_refuse_facilitators(
    client, cop, participant, facilitator, make_poll
):
    poll = make_poll(participant, voters="participants")
    client.force_login(facilitator)
    assert client.post(_url("vote", poll), {"response": "agree"}).status_code == 302
    assert not Ballot.objects.exists()
    page = client.get(_url("poll", poll)).content.decode()
    assert "Alleen deelnemers stemmen" in page


def test_the_page_shows_who_has_not_voted_yet(
    client, cop, participant, facilitator, initiator, make_poll
):
    poll = make_poll(facilitator)
    services.poll_vote(poll=poll, membership=membership(cop, initiator), vote={"response": "agree"})
    client.force_login(participant)
    page = client.get(_url("poll", poll)).content.decode()
    not_voted = page.split("Nog niet gestemd:")[1].split("</p>")[0]
    assert "Piet Deelnemer" in not_voted and "Fenna Facilitator" in not_voted
    assert "Alice" not in not_voted


def test_htmx_vote_returns_the_fragment(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator, kind=PollKind.CHECK)
    client.force_login(participant)
    response = client.post(_url("vote", poll), {"value": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="poll-live"') and "<html" not in html


# Closing and the outcome


def test_closing_early_is_for_the_author_and_the_facilitators(
    client, cop, participant, facilitator, initiator, make_poll
):
    poll = make_poll(initiator)
    client.force_login(participant)
    assert client.post(_url("poll_close", poll)).status_code == 403
    client.force_login(facilitator)
    response = client.post(_url("poll_close", poll))
    assert response.status_code == 302 and response.url == _url("outcome", poll)
    poll.refresh_from_db()
    assert poll.closed_early and poll.closed_by.user == facilitator
    own = make_poll(participant)
    client.force_login(participant)
    assert client.post(_url("poll_close", own)).status_code == 302


def test_an_outcome_on_an_open_poll_gets_a_clear_message(client, cop, facilitator, make_poll):
    poll = make_poll(facilitator)
    client.force_login(facilitator)
    response = client.post(_url("outcome", poll), {"statement": "Klaar."})
    assert response.status_code == 400
    assert "staat nog open" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_outcome_goes_into_the_log_and_to_the_voters(
    client, cop, participant, facilitator, initiator, django_capture_on_commit_callbacks, make_poll
):
    poll = make_poll(facilitator)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    client.force_login(facilitator)
    form = client.get(_url("outcome", poll))
    assert "Het voorstel is aangenomen" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("outcome", poll),
            {"statement": "We nodigen haar uit.", "rationale": "Niemand blokkeerde."},
        )
    decision = Decision.objects.get()
    assert response.url == reverse("decisions:decision", args=[cop.slug, decision.pk])
    assert decision.poll == poll and decision.kind == "consent" and decision.taken_by == "group"
    assert {m.to[0] for m in mail.outbox} >= {"piet@example.org", "alice@example.org"}
    assert "We nodigen haar uit." in mail.outbox[0].body
    assert client.post(_url("outcome", poll), {"statement": "Nog eens."}).status_code == 400
    assert Decision.objects.count() == 1


def test_a_new_poll_is_announced_by_email_in_the_recipients_language(
    client, cop, participant, facilitator, initiator, django_capture_on_commit_callbacks
):
    facilitator.language = "en"
    facilitator.save()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, cop, "consent")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "piet@example.org" not in by_address  # the author
    assert by_address["fenna@example.org"].subject.startswith("Your vote")
    assert by_address["alice@example.org"].subject.startswith("Jouw stem")


def test_people_who_turned_email_off_get_none(
    client, cop, participant, facilitator, django_capture_on_commit_callbacks
):
    from gilde.meetings.notifications import notification_preference_set

    notification_preference_set(user=facilitator, mode="off")
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, cop, "consent")
    assert "fenna@example.org" not in {m.to[0] for m in mail.outbox}


def test_quorum_not_reached_is_said(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator, quorum=80)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    client.force_login(participant)
    page = client.get(_url("poll", poll)).content.decode()
    assert "quorum van 80% is niet gehaald" in page
    assert "te weinig mensen" in page.lower()


def test_a_date_poll_becomes_a_meeting_once_with_the_holiday_check(
    client, cop, participant, facilitator, make_poll
):
    from gilde.meetings.models import Meeting

    year = timezone.localdate().year + 1
    holiday = timezone.make_aware(timezone.datetime(year, 12, 25, 14, 0))
    normal = timezone.make_aware(timezone.datetime(year, 12, 22, 14, 0))
    poll = make_poll(participant, kind=PollKind.DATE, slots=[normal, holiday])
    slots = {o.starts_at.day: o.pk for o in poll.options.all()}
    client.force_login(facilitator)
    assert client.get(_url("poll_meeting", poll)).status_code == 200
    response = client.post(_url("poll_meeting", poll), {"option": slots[22]})
    assert response.status_code == 400 and "staat nog open" in response.content.decode()
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    page = client.get(_url("poll_meeting", poll)).content.decode()
    assert "Eerste kerstdag" in page
    response = client.post(_url("poll_meeting", poll), {"option": slots[25]})
    assert response.status_code == 400 and "feestdag" in response.content.decode()
    response = client.post(
        _url("poll_meeting", poll), {"option": slots[25], "despite_holiday": "on"}
    )
    meeting = Meeting.objects.get(community=cop)
    assert response.url == reverse("meetings:detail", args=[cop.slug, meeting.pk])
    assert meeting.title == poll.title and meeting.duration_minutes == 120
    response = client.post(_url("poll_meeting", poll), {"option": slots[22]})
    assert Meeting.objects.count() == 1
    client.force_login(participant)
    assert client.post(_url("poll_meeting", poll), {"option": slots[22]}).status_code == 403


def test_linking_a_poll_to_an_agenda_item_of_another_cop_is_refused(client, cop, participant):
    from gilde.communities.models import Community
    from gilde.meetings.models import AgendaItem, Meeting

    other = Community.objects.create(name="X", slug="x", description="x", start_date=date.today())
    foreign = Meeting.objects.create(
        community=other, title="Vreemd", starts_at=timezone.now(), duration_minutes=60
    )
    item = AgendaItem.objects.create(meeting=foreign, title="Geheim", duration_minutes=10)
    client.force_login(participant)
    response = _create(client, cop, "consent", meeting=str(foreign.pk), agenda_item=str(item.pk))
    assert response.status_code == 400
    assert not Poll.objects.exists()
