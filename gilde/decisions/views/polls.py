"""Polls: the list, starting one, the poll page with voting (HTMX-friendly for a quick check in
a meeting), closing early, the outcome, the export and a date poll becoming a meeting."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import agenda_items_of, meeting_of, meetings_of
from gilde.communities.pages import render_cop
from gilde.core.diff import diff_words
from gilde.core.pagination import paginate
from gilde.guide.content import render_markdown

from .. import selectors, services
from ..forms.polls import KIND_HELP, PollForm
from ..forms.votes import VoteForm
from ..models import PollKind, Voters
from ..services import DecisionError
from .common import poll_or_404, poll_url, require_reader

LINKABLE_DAYS = 120  # a poll links to a coming meeting or one of the last four months


@community_view(Action.VIEW_DECISIONS)
def poll_list(request, access):
    require_reader(access)
    now = timezone.now()
    page = paginate(request, selectors.polls_of(access.community), per_page=20)
    return render_cop(
        request,
        access,
        "decisions/poll_list.html",
        page=page,
        now=now,
        to_write=selectors.outcomes_to_write_for(access, now),
    )


@community_view(Action.START_POLLS)
def poll_new(request, access):
    kinds = [(value, label, KIND_HELP[value]) for value, label in PollKind.choices]
    return render_cop(request, access, "decisions/poll_kind.html", kinds=kinds)


def _linkable(access):
    since = timezone.now() - timedelta(days=LINKABLE_DAYS)
    meetings = [m for m in meetings_of(access.community, since=since) if m.status != "cancelled"]
    items = agenda_items_of(access.community, [m.pk for m in meetings])
    return meetings, items


@community_view(Action.START_POLLS)
def poll_create(request, access, kind: str):
    if kind not in PollKind.values:
        raise Http404
    meetings, items = _linkable(access)
    form = PollForm(request.POST or None, kind=kind, meetings=meetings, agenda_items=items)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.poll_create(
                community=access.community,
                author=access.membership,
                kind=kind,
                revises=_revised(access, request.GET.get("revises")),
                **form.poll_fields(),
            )
        except DecisionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The poll is open. Those who may vote get an e-mail."))
            return redirect(poll_url(poll))
    return render_cop(
        request,
        access,
        "decisions/poll_form.html",
        status=400 if form.errors else 200,
        form=form,
        kind=PollKind(kind),
        kind_help=KIND_HELP[kind],
        revises=_revised(access, request.GET.get("revises")),
    )


def _revised(access, value):
    """The decision a new poll would revise (`?revises=<id>`), if it is this CoP's and not
    revised yet."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    decision = selectors.decision_for(access.community, pk) if 0 < pk < 2**63 else None
    if decision is None or getattr(decision, "revised_by", None) is not None:
        return None
    return decision


def _poll_context(request, access, poll, *, form=None, now=None) -> dict:
    """Everything the poll page shows, read through the results gate."""
    now = now or timezone.now()
    options = list(poll.options.all())
    voters = selectors.voters_with_status(poll)
    me = next((m for m in voters if m.pk == getattr(access.membership, "pk", None)), None)
    has_voted = bool(me and me.has_voted)
    ballots = selectors.ballots_of(poll) if selectors.results_visible(poll, now) else None
    results = selectors.poll_results(
        poll, options=options, ballots=ballots, eligible=len(voters), now=now
    )
    own = None
    if has_voted and not poll.anonymous:
        own = (
            next((b for b in ballots if b.membership_id == me.pk), None)
            if ballots is not None
            else selectors.own_ballot(poll, access.membership)
        )
    may_vote = me is not None and access.can_vote(poll.voters == Voters.PARTICIPANTS)
    can_vote = may_vote and poll.is_open(now) and (not has_voted or poll.votes_changeable)
    if form is None and can_vote:
        form = VoteForm(poll=poll, options=options, ballot=own)
    meeting = meeting_of(access.community, poll.meeting_id)
    item = None
    if poll.agenda_item_id and meeting:
        item = next(
            (
                i
                for i in agenda_items_of(access.community, [meeting.pk])
                if i.pk == poll.agenda_item_id
            ),
            None,
        )
    decision = getattr(poll, "outcome", None)
    proposal = None
    if poll.proposed_agreements:
        current = selectors.agreements_of(access.community)
        proposal = diff_words(current.text if current else "", poll.proposed_agreements)
    return {
        "poll": poll,
        "options": options,
        "is_open": poll.is_open(now),
        "results": results,
        "votes": sum(1 for m in voters if m.has_voted),
        "eligible": len(voters),
        "not_voted": [m for m in voters if not m.has_voted],
        "has_voted": has_voted,
        "may_vote": may_vote,
        "can_vote": can_vote,
        "own": own,
        "form": form,
        "meeting": meeting,
        "item": item,
        "context_html": mark_safe(render_markdown(poll.context)),  # nosec B308 B703 (nh3)
        "decision": decision,
        "can_steer": access.can_steer_poll(poll.author_id),
        "can_plan": access.can(Action.PLAN_MEETINGS),
        "can_edit_agreements": access.can(Action.EDIT_AGREEMENTS),
        "proposal": proposal,
        "live": poll.is_open(now) and not poll.hide_results,
    }


def _render_poll(request, access, poll, *, form=None, status=200, part=None):
    template = "decisions/poll_detail.html"
    if part:
        template += f"#{part}"
    return render_cop(
        request, access, template, status=status, **_poll_context(request, access, poll, form=form)
    )


@community_view(Action.VIEW_DECISIONS)
def poll_detail(request, access, pk: int):
    require_reader(access)
    poll = poll_or_404(access, pk)
    part = None
    if request.htmx:
        part = "poll-results" if request.GET.get("part") == "results" else "poll-live"
    return _render_poll(request, access, poll, part=part)


@community_view(Action.START_POLLS)
@require_POST
def poll_vote(request, access, pk: int):
    poll = poll_or_404(access, pk)
    part = "poll-live" if request.htmx else None
    if not access.can_vote(poll.voters == Voters.PARTICIPANTS):
        messages.error(request, DecisionError("not_eligible").message)
        return (
            redirect(poll_url(poll))
            if not part
            else _render_poll(request, access, poll, status=403, part=part)
        )
    options = list(poll.options.all())
    own = selectors.own_ballot(poll, access.membership)
    form = VoteForm(request.POST, poll=poll, options=options, ballot=own)
    if form.is_valid():
        try:
            services.poll_vote(poll=poll, membership=access.membership, vote=form.vote())
        except DecisionError as error:
            if error.code == "invalid":
                form.add_error(None, error.message)
            else:  # closed, voted already: no form to correct
                messages.error(request, error.message)
        else:
            if part:
                return _render_poll(request, access, poll, part=part)
            messages.success(request, _("Your vote is saved."))
            return redirect(poll_url(poll))
    # The form with its errors, on the page (or in the fragment that HTMX swaps in).
    poll.refresh_from_db()
    context_form = form if poll.is_open() else None
    return _render_poll(request, access, poll, form=context_form, status=400, part=part)


@community_view(Action.START_POLLS)
@require_POST
def poll_close(request, access, pk: int):
    poll = poll_or_404(access, pk)
    if not access.can_steer_poll(poll.author_id):
        raise PermissionDenied
    if services.poll_close(poll=poll, actor=access.membership):
        messages.success(request, _("The poll is closed. Write its outcome for the decision log."))
        return redirect("decisions:outcome", slug=access.community.slug, pk=poll.pk)
    messages.info(request, _("The poll had closed already."))
    return redirect(poll_url(poll))


urlpatterns = [
    path("c/<slug:slug>/decisions/", poll_list, name="polls"),
    path("c/<slug:slug>/decisions/polls/new/", poll_new, name="poll_new"),
    path("c/<slug:slug>/decisions/polls/new/<str:kind>/", poll_create, name="poll_create"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/", poll_detail, name="poll"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/vote/", poll_vote, name="vote"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/close/", poll_close, name="poll_close"),
]
