"""After a poll closes: its outcome in the decision log, a date poll becoming a meeting, an
adopted agreement, and the results as CSV."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import days_to_avoid, meeting_of
from gilde.communities.pages import render_cop

from .. import selectors, services
from ..formatting import slot_label
from ..forms.polls import MeetingFromPollForm, OutcomeForm
from ..models import ConsentResponse, PollKind
from ..services import DecisionError, StaleEdit
from .agreements import conflict_response
from .common import poll_or_404, poll_url, require_reader

LINKABLE_DAYS = 120  # a poll links to a coming meeting or one of the last four months


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
        return redirect(poll_url(poll))
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
    path("c/<slug:slug>/decisions/polls/<int:pk>/outcome/", poll_outcome, name="outcome"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/meeting/", poll_meeting, name="poll_meeting"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/results.csv", poll_export, name="poll_export"),
    path("c/<slug:slug>/decisions/polls/<int:pk>/adopt/", agreements_adopt, name="adopt"),
]
