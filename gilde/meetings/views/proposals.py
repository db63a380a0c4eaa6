"""Agenda proposals: any participant proposes an item for a meeting; the meeting's facilitators
accept it onto the agenda or decline it with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.guide.selectors import work_forms_for

from .. import services
from ..forms.agenda import AgendaProposalForm, ProposalDecisionForm
from ..models import MeetingStatus, ProposalStatus
from .planning import decides_proposals


def _meeting_or_404(access, pk: int):
    return get_object_or_404(access.community.meetings, pk=pk)


def _proposals_redirect(access, meeting):
    return redirect("meetings:proposals", slug=access.community.slug, pk=meeting.pk)


@community_view(Action.VIEW_MEETINGS)
def proposals(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    facilitator_ids = services.meeting_facilitator_ids(meeting)
    work_forms = work_forms_for(access.community)
    is_open = meeting.status == MeetingStatus.PLANNED
    may_propose = is_open and access.can(Action.PROPOSE_AGENDA_ITEMS)
    form = None
    if request.method == "POST":
        if not access.can(Action.PROPOSE_AGENDA_ITEMS):
            raise PermissionDenied
        form = AgendaProposalForm(request.POST, community=access.community, work_forms=work_forms)
        if not is_open:
            messages.error(request, _("This meeting is no longer planned: nothing can be added."))
            return _proposals_redirect(access, meeting)
        if form.is_valid():
            services.agenda_proposal_add(
                meeting=meeting,
                membership=access.membership,
                **{name: form.cleaned_data[name] for name in AgendaProposalForm.Meta.fields},
            )
            messages.success(
                request, _("Your proposal is sent. The facilitators of this meeting decide on it.")
            )
            return _proposals_redirect(access, meeting)
    if form is None and may_propose:
        form = AgendaProposalForm(community=access.community, work_forms=work_forms)
    rows = list(
        meeting.proposals.select_related("proposed_by__user", "led_by__user", "decided_by__user")
    )
    names = {work_form.key: work_form.name for work_form in work_forms}
    for row in rows:
        row.work_form_name = names.get(row.work_form_key, "")
    return render_cop(
        request,
        access,
        "meetings/proposal_list.html",
        meeting=meeting,
        proposals=rows,
        open_count=sum(1 for row in rows if row.status == ProposalStatus.OPEN),
        form=form,
        may_decide=is_open and access.can_decide_proposal(facilitator_ids),
        may_plan=access.can_plan_meeting(facilitator_ids),
        deciders=services.proposal_deciders(meeting),
        decision_form=ProposalDecisionForm(),
    )


@community_view(Action.VIEW_MEETINGS)
@decides_proposals
@require_POST
def proposal_decide(request, access, meeting, proposal_pk: int):
    proposal = get_object_or_404(
        meeting.proposals.select_related("proposed_by__user"), pk=proposal_pk
    )
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to decline the proposal."))
        return _proposals_redirect(access, meeting)
    try:
        if form.cleaned_data["decision"] == "accept":
            services.agenda_proposal_accept(proposal=proposal, by=access.membership)
            messages.success(
                request, _("“%(title)s” is on the agenda.") % {"title": proposal.title}
            )
        else:
            services.agenda_proposal_decline(
                proposal=proposal, by=access.membership, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("“%(title)s” is declined.") % {"title": proposal.title})
    except services.ProposalClosed:
        messages.error(
            request, _("This proposal was decided already, or the meeting is no longer planned.")
        )
    return _proposals_redirect(access, meeting)


urlpatterns = [
    path("c/<slug:slug>/meetings/<int:pk>/proposals/", proposals, name="proposals"),
    path(
        "c/<slug:slug>/meetings/<int:pk>/proposals/<int:proposal_pk>/decide/",
        proposal_decide,
        name="proposal_decide",
    ),
]
