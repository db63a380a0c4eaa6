"""Writes for agenda proposals: participants propose items, a meeting's facilitators decide.

Who decides is `CommunityAccess.can_decide_proposal` (gilde/communities/access.py); the views ask
it before they call these. A decision tells the proposer; a proposal tells whoever decides.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import Action, roles_with
from gilde.core.audit import audit_log

from ..models import AgendaProposal, MeetingStatus, ProposalStatus
from ..notices import meeting_notice
from .agenda import agenda_item_add


class ProposalClosed(Exception):
    """The proposal was decided already, or its meeting is no longer planned."""


def meeting_facilitator_ids(meeting) -> set[int]:
    """The memberships the rotation or the pair names for this meeting (one query)."""
    return set(meeting.facilitators.values_list("membership_id", flat=True))


def proposal_deciders(meeting) -> list:
    """Who decides on the meeting's proposals: its facilitators, or while nobody is named, the
    CoP's initiator and facilitators (as memberships with their user)."""
    named = meeting.community.memberships.filter(pk__in=meeting_facilitator_ids(meeting))
    if not named.exists():
        named = meeting.community.memberships.filter(role__in=roles_with(Action.PLAN_MEETINGS))
    return list(named.select_related("user"))


def _path(meeting) -> str:
    return reverse("meetings:proposals", args=[meeting.community.slug, meeting.pk])


def _log(proposal, actor, action: str) -> None:
    audit_log(
        community=proposal.meeting.community,
        actor=actor,
        action=action,
        item=proposal.title,
        meeting=proposal.meeting.title,
    )


@transaction.atomic
def agenda_proposal_add(*, meeting, membership, **fields) -> AgendaProposal:
    """A member proposes an item (title, work form, duration, who leads, why) for `meeting`;
    its facilitators are told."""
    if meeting.status != MeetingStatus.PLANNED:
        raise ProposalClosed
    proposal = AgendaProposal.objects.create(meeting=meeting, proposed_by=membership, **fields)
    _log(proposal, membership.user, "agenda_proposal.added")
    for decider in proposal_deciders(meeting):
        if decider.pk == membership.pk:
            continue
        meeting_notice(
            user=decider.user,
            meeting=meeting,
            kind="agenda.proposed",
            key=f"agenda-proposal-{proposal.pk}",
            path=_path(meeting),
            item=proposal.title,
            name=str(membership.user),
        )
    return proposal


def _decide(proposal: AgendaProposal, *, by, status: str, reason: str = "") -> None:
    locked = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.OPEN or proposal.meeting.status != MeetingStatus.PLANNED:
        raise ProposalClosed
    proposal.status = status
    proposal.reason = reason
    proposal.decided_by = by
    proposal.decided_at = timezone.now()


def _tell_proposer(proposal: AgendaProposal, kind: str) -> None:
    if proposal.proposed_by is None:
        return
    meeting_notice(
        user=proposal.proposed_by.user,
        meeting=proposal.meeting,
        kind=kind,
        key=f"agenda-proposal-{proposal.pk}-{proposal.status}",
        path=_path(proposal.meeting),
        item=proposal.title,
        reason=proposal.reason,
    )


@transaction.atomic
def agenda_proposal_accept(*, proposal: AgendaProposal, by) -> AgendaProposal:
    """Put the proposal on the agenda, at the end, led by whom it names; the proposer is told.
    The item counts as led by the group in the ownership trend."""
    _decide(proposal, by=by, status=ProposalStatus.ACCEPTED)
    proposal.agenda_item = agenda_item_add(
        meeting=proposal.meeting,
        actor=by.user,
        title=proposal.title,
        work_form_key=proposal.work_form_key,
        duration_minutes=proposal.duration_minutes,
        led_by=proposal.led_by,
        notes=proposal.note,
    )
    proposal.save()
    _log(proposal, by.user, "agenda_proposal.accepted")
    _tell_proposer(proposal, "agenda.proposal_accepted")
    return proposal


@transaction.atomic
def agenda_proposal_decline(*, proposal: AgendaProposal, by, reason: str) -> AgendaProposal:
    """Decline the proposal with a reason for the proposer, who is told."""
    _decide(proposal, by=by, status=ProposalStatus.DECLINED, reason=reason)
    proposal.save()
    _log(proposal, by.user, "agenda_proposal.declined")
    _tell_proposer(proposal, "agenda.proposal_declined")
    return proposal
