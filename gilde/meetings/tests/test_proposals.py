"""Participants co-plan: they propose agenda items, the meeting's facilitators accept or decline,
and accepted proposals count as led by the group."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Role
from gilde.meetings import selectors, services
from gilde.meetings.models import (
    AgendaItem,
    AgendaProposal,
    Meeting,
    MeetingFacilitator,
    MeetingStatus,
)
from gilde.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 4",
        starts_at=timezone.now() + timedelta(days=10),
        duration_minutes=120,
    )


@pytest.fixture
def turn_taker(cop):
    """A second participant whom the rotation names to facilitate the meeting."""
    user = UserFactory(email="roos@example.org", name="Roos Rotatie")
    MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)
    return user


@pytest.fixture
def rotation(meeting, turn_taker, facilitator):
    """The meeting's facilitators: the CoP's facilitator and, in turn, a participant."""
    for user, focus in ((facilitator, "content"), (turn_taker, "process")):
        MeetingFacilitator.objects.create(
            meeting=meeting, membership=user.memberships.get(), focus=focus
        )
    return meeting


def _url(name, meeting, *args):
    return reverse(f"meetings:{name}", args=[meeting.community.slug, meeting.pk, *args])


def _propose(client, meeting, **data):
    fields = {"title": "Casus uit de praktijk", "duration_minutes": "25", **data}
    return client.post(_url("proposals", meeting), fields)


def test_a_participant_proposes_an_item_and_the_meetings_facilitators_are_told(
    client, participant, turn_taker, facilitator, initiator, rotation
):
    client.force_login(participant)
    response = _propose(
        client, rotation, work_form_key="walk-and-talk", led_by=participant.memberships.get().pk
    )
    assert response.status_code == 302
    proposal = rotation.proposals.get()
    assert (proposal.title, proposal.duration_minutes, proposal.work_form_key) == (
        "Casus uit de praktijk",
        25,
        "walk-and-talk",
    )
    assert proposal.led_by.user == participant
    told = set(Notification.objects.filter(kind="agenda.proposed").values_list("user", flat=True))
    assert told == {facilitator.pk, turn_taker.pk}  # the meeting's facilitators, not the initiator
    assert not rotation.agenda_items.exists()  # nothing on the agenda before a decision


def test_choosing_a_work_form_fills_in_title_and_duration(client, participant, meeting):
    client.force_login(participant)
    _propose(client, meeting, title="", duration_minutes="", work_form_key="walk-and-talk")
    proposal = meeting.proposals.get()
    assert proposal.title and proposal.duration_minutes


def test_a_proposal_without_title_or_work_form_gets_a_clear_message(client, participant, meeting):
    client.force_login(participant)
    response = _propose(client, meeting, title="", duration_minutes="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "duration_minutes"}
    assert not meeting.proposals.exists()


def test_an_observer_reads_proposals_but_cannot_propose(client, observer, meeting):
    client.force_login(observer)
    assert client.get(_url("proposals", meeting)).status_code == 200
    assert _propose(client, meeting).status_code == 403
    assert not meeting.proposals.exists()


def test_no_proposals_for_a_meeting_that_is_no_longer_planned(client, participant, meeting):
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    client.force_login(participant)
    assert _propose(client, meeting).status_code == 302
    assert not meeting.proposals.exists()


def _proposal(meeting, participant, **fields):
    return AgendaProposal.objects.create(
        meeting=meeting,
        proposed_by=participant.memberships.get(),
        title=fields.pop("title", "Wandeling"),
        duration_minutes=fields.pop("duration_minutes", 30),
        **fields,
    )


def test_the_participant_facilitating_this_meeting_accepts_and_the_proposer_is_told(
    client, participant, turn_taker, rotation
):
    proposal = _proposal(rotation, participant, work_form_key="walk-and-talk")
    client.force_login(turn_taker)
    response = client.post(_url("proposal_decide", rotation, proposal.pk), {"decision": "accept"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert proposal.decided_by.user == turn_taker
    item = rotation.agenda_items.get()
    assert item.proposal == proposal
    assert (item.title, item.duration_minutes, item.work_form_key) == (
        "Wandeling",
        30,
        "walk-and-talk",
    )
    notice = Notification.objects.get(user=participant, kind="agenda.proposal_accepted")
    assert notice.url == _url("proposals", rotation)


@pytest.mark.parametrize("who", ["participant", "initiator", "observer", "other_facilitator"])
def test_only_this_meetings_facilitators_decide(
    client, cop, participant, initiator, observer, rotation, who
):
    other = UserFactory(email="bram@example.org", name="Bram Begeleider")
    MembershipFactory(community=cop, user=other, role=Role.FACILITATOR, focus="process")
    users = {
        "participant": participant,
        "initiator": initiator,
        "observer": observer,
        "other_facilitator": other,
    }
    proposal = _proposal(rotation, participant)
    client.force_login(users[who])
    response = client.post(_url("proposal_decide", rotation, proposal.pk), {"decision": "accept"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "open"
    assert not rotation.agenda_items.exists()


def test_a_facilitator_of_another_meeting_cannot_decide_on_this_one(
    client, cop, participant, turn_taker, rotation
):
    later = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 5",
        starts_at=timezone.now() + timedelta(days=50),
        duration_minutes=120,
    )
    MeetingFacilitator.objects.create(meeting=later, membership=participant.memberships.get())
    proposal = _proposal(rotation, turn_taker)
    client.force_login(participant)
    assert (
        client.post(
            _url("proposal_decide", rotation, proposal.pk), {"decision": "accept"}
        ).status_code
        == 403
    )
    assert client.get(_url("agenda", rotation)).status_code == 403
    assert client.get(_url("agenda", later)).status_code == 200


def test_without_named_facilitators_the_cops_facilitators_decide(
    client, participant, facilitator, meeting
):
    proposal = _proposal(meeting, participant)
    client.force_login(facilitator)
    client.post(
        _url("proposal_decide", meeting, proposal.pk),
        {"decision": "decline", "reason": "Past beter in de volgende bijeenkomst."},
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (
        "declined",
        "Past beter in de volgende bijeenkomst.",
    )
    assert not meeting.agenda_items.exists()
    notice = Notification.objects.get(user=participant, kind="agenda.proposal_declined")
    assert notice.params["reason"] == "Past beter in de volgende bijeenkomst."


def test_a_proposal_is_decided_once(participant, facilitator, meeting):
    proposal = _proposal(meeting, participant)
    by = facilitator.memberships.get()
    services.agenda_proposal_accept(proposal=proposal, by=by)
    with pytest.raises(services.ProposalClosed):
        services.agenda_proposal_decline(proposal=proposal, by=by, reason="")
    with pytest.raises(services.ProposalClosed):
        services.agenda_proposal_accept(proposal=proposal, by=by)
    assert meeting.agenda_items.count() == 1


def test_an_accepted_proposal_counts_as_participant_led_whoever_leads_it(
    cop, participant, facilitator, meeting
):
    led_by_facilitator = facilitator.memberships.get()
    proposal = _proposal(meeting, participant, led_by=led_by_facilitator)
    services.agenda_proposal_accept(proposal=proposal, by=led_by_facilitator)
    AgendaItem.objects.create(
        meeting=meeting, title="Opening", duration_minutes=10, position=5, led_by=led_by_facilitator
    )
    meeting.status = MeetingStatus.HELD
    meeting.save()
    [row] = selectors.ownership_per_meeting(community=cop)
    assert (row.item_count, row.participant_led) == (2, 1)
    assert selectors.ownership_share([row]) == 50


def test_the_meeting_page_offers_participants_to_propose(client, participant, meeting):
    client.force_login(participant)
    page = client.get(reverse("meetings:detail", args=[meeting.community.slug, meeting.pk]))
    assert _url("proposals", meeting).encode() in page.content
    assert _url("agenda", meeting).encode() not in page.content


def test_the_named_participant_sees_the_agenda_editor_link(client, turn_taker, rotation):
    client.force_login(turn_taker)
    page = client.get(reverse("meetings:detail", args=[rotation.community.slug, rotation.pk]))
    assert _url("agenda", rotation).encode() in page.content
    agenda = client.get(_url("agenda", rotation))
    assert agenda.status_code == 200
    assert (
        reverse("meetings:agenda_templates", args=[rotation.community.slug]).encode()
        not in agenda.content
    )
