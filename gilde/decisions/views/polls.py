"""Polls: the list, starting one, the poll page with voting (HTMX-friendly for a quick check in
a meeting), closing early, the outcome, the export and a date poll becoming a meeting."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import agenda_items_of, days_to_avoid, meeting_of, meetings_of
from gilde.communities.pages import render_cop
from gilde.core.diff import diff_words
from gilde.core.pagination import paginate
from gilde.guide.content import render_markdown

from .. import selectors, services
from ..formatting import slot_label
from ..forms.polls import KIND_HELP, MeetingFromPollForm, OutcomeForm, PollForm, VoteForm
from ..models import ConsentResponse, PollKind, Voters
from ..services import DecisionError, StaleEdit
from .agreements import conflict_response
from .common import poll_or_404, require_reader

LINKABLE_DAYS = 120  # a poll links to a coming meeting or one of the last four months


def _poll_url(poll) -> str:
    return reverse("decisions:poll", kwargs={"slug": poll.community.slug, "pk": poll.pk})


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
            return redirect(_poll_url(poll))
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
            redirect(_poll_url(poll))
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
            return redirect(_poll_url(poll))
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
    return redirect(_poll_url(poll))


def suggested_statement(poll, results) -> str:
    """A first draft of the outcome from the results; the author rewrites it as they see fit."""
    if results is None:
        return ""
    if poll.kind == PollKind.CONSENT:
        if results.consent.passes and results.quorum_met:
            return _("The proposal passed: %(title)s") % {"title": poll.title}
        return _("The proposal did not pass: %(title)s") % {"title": poll.title}
    if poll.kind in (PollKind.CHOICE, PollKind.SCORE):
        leaders = [row.option.label for row in results.rows if row.leading]
        return _("Chosen: %(options)s") % {"options": ", ".join(leaders)} if leaders else ""
    if poll.kind == PollKind.RANKED and results.winner:
        return _("Chosen: %(options)s") % {"options": results.winner.label}
    if poll.kind == PollKind.DATE and results.winner:
        return _("We meet on %(date)s.") % {"date": slot_label(results.winner)}
    return ""


@community_view(Action.START_POLLS)
def poll_outcome(request, access, pk: int):
    poll = poll_or_404(access, pk)
    if not access.can_steer_poll(poll.author_id):
        raise PermissionDenied
    results = selectors.poll_results(poll)
    form = OutcomeForm(
        request.POST or None, initial={"statement": suggested_statement(poll, results)}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decision = services.poll_outcome_write(
                    poll=poll,
                    actor=access.membership,
                    statement=form.cleaned_data["statement"],
                    rationale=form.cleaned_data["rationale"],
                )
            except DecisionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The decision is in the log."))
                return redirect("decisions:decision", slug=access.community.slug, pk=decision.pk)
        status = 400
    return render_cop(
        request,
        access,
        "decisions/outcome_form.html",
        status=status,
        poll=poll,
        form=form,
        results=results,
        is_open=poll.is_open(),
        decision=getattr(poll, "outcome", None),
    )


@community_view(Action.PLAN_MEETINGS)
def poll_meeting(request, access, pk: int):
    poll = poll_or_404(access, pk)
    if poll.kind != PollKind.DATE:
        raise Http404
    results = selectors.poll_results(poll)
    options = [option for option in poll.options.all() if option.starts_at]
    holidays = {
        option.pk: days_to_avoid(access.community, timezone.localtime(option.starts_at).date())
        for option in options
    }
    best = results.winner.pk if results and results.winner else None
    form = MeetingFromPollForm(
        request.POST or None, options=options, holidays=holidays, initial={"option": best}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.poll_meeting_create(
                    poll=poll, actor=access.membership, option_id=form.cleaned_data["option"]
                )
            except DecisionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The meeting is planned; the members get an invitation.")
                )
                return redirect(meeting.url)
        status = 400
    return render_cop(
        request,
        access,
        "decisions/poll_meeting.html",
        status=status,
        poll=poll,
        form=form,
        results=results,
        is_open=poll.is_open(),
        rows=[(option, holidays[option.pk]) for option in options],
        meeting=meeting_of(access.community, poll.meeting_created_id),
    )


@community_view(Action.EDIT_AGREEMENTS)
@require_POST
def agreements_adopt(request, access, pk: int):
    poll = poll_or_404(access, pk)
    try:
        version = services.agreements_adopt(poll=poll, actor=request.user)
    except DecisionError as error:
        messages.error(request, error.message)
        return redirect(_poll_url(poll))
    except StaleEdit as stale:
        return conflict_response(
            request, access, stale.current, poll.proposed_agreements, poll.title
        )
    if version:
        messages.success(
            request,
            _("The working agreements are now version %(number)s.") % {"number": version.number},
        )
    else:
        messages.info(request, _("The working agreements say this already."))
    return redirect("decisions:agreements", slug=access.community.slug)


@community_view(Action.VIEW_DECISIONS)
def poll_export(request, access, pk: int):
    """The results as CSV: only once the gate shows them."""
    require_reader(access)
    poll = poll_or_404(access, pk)
    results = selectors.poll_results(poll)
    if results is None:
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([poll.title])
    writer.writerow([_("Votes"), results.votes, _("May vote"), results.eligible])
    if results.consent:
        for response_key, count in results.consent.counts.items():
            writer.writerow([ConsentResponse(response_key).label, count])
        for label, reason, _member in results.reasons:
            writer.writerow([label, _clean_cell(reason)])
    for row in results.rows:
        if row.stats:
            stats = row.stats
            writer.writerow(
                [
                    _clean_cell(row.option.label),
                    stats.count,
                    f"{stats.mean:.2f}",
                    f"{stats.spread:.2f}",
                    stats.low,
                    stats.high,
                ]
            )
        elif row.slot:
            writer.writerow(
                [_clean_cell(row.option.label), row.slot.yes, row.slot.if_need_be, row.slot.no]
            )
        else:
            writer.writerow([_clean_cell(row.option.label), row.count])
    for round_row in results.rounds:
        for option, count, _out in round_row.counts:
            writer.writerow([round_row.number, _clean_cell(option.label), count])
    for label, count, _share in results.check_rows:
        writer.writerow([label, count])
    for vote in results.named:
        writer.writerow([access.member_label(vote.membership), _clean_cell(vote.summary)])
    return response


def _clean_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


urlpatterns = [
    path("c/<slug:slug>/decisions/", poll_list, name="polls"),
    path("c/<slug:slug>/decisions/polls/new/", poll_new, name="poll_new"),
    path("c/<slug:slug>/decisions/polls/new/<str:kind>/", poll_create, name="poll_create"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/", poll_detail, name="poll"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/vote/", poll_vote, name="vote"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/close/", poll_close, name="poll_close"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/outcome/", poll_outcome, name="outcome"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/meeting/", poll_meeting, name="poll_meeting"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/results.csv", poll_export, name="poll_export"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/adopt/", agreements_adopt, name="adopt"),
]
