"""The decision log: search and filters, an entry with its revisions, decisions recorded directly
and revised, and this part's settings."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import meeting_of, meetings_of
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate

from .. import selectors, services
from ..forms.log import DecisionForm, DecisionSettingsForm, LogFilterForm
from ..services import DecisionError
from .common import require_reader

PER_PAGE = 25


@community_view(Action.VIEW_DECISIONS)
def decision_log(request, access):
    require_reader(access)
    meetings = meetings_of(access.community)  # for the filter and the rows: one query
    form = LogFilterForm(request.GET or None, meetings=meetings)
    decisions = selectors.decision_log(access.community, **form.filters())
    page = paginate(request, decisions, per_page=PER_PAGE)
    by_id = {meeting.pk: meeting for meeting in meetings}
    rows = [(decision, by_id.get(decision.meeting_id)) for decision in page]
    return render_cop(
        request,
        access,
        "decisions/decision_list.html",
        status=400 if form.errors else 200,
        form=form,
        page=page,
        rows=rows,
        filtered=any(form.filters().values()) if form.is_bound else False,
    )


def _decision_or_404(access, pk: int):
    decision = selectors.decision_for(access.community, pk)
    if decision is None:
        raise Http404
    return decision


@community_view(Action.VIEW_DECISIONS)
def decision_detail(request, access, pk: int):
    require_reader(access)
    decision = _decision_or_404(access, pk)
    return render_cop(
        request,
        access,
        "decisions/decision_detail.html",
        decision=decision,
        chain=selectors.decision_chain(decision),
        meeting=meeting_of(access.community, decision.meeting_id),
    )


@community_view(Action.MANAGE_DECISIONS)
def decision_new(request, access):
    meetings = meetings_of(access.community)
    form = DecisionForm(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        decision = services.decision_record(
            community=access.community, actor=access.membership, **form.decision_fields()
        )
        messages.success(request, _("The decision is in the log."))
        return redirect("decisions:decision", slug=access.community.slug, pk=decision.pk)
    return render_cop(
        request,
        access,
        "decisions/decision_form.html",
        status=400 if form.errors else 200,
        form=form,
        revised=None,
    )


@community_view(Action.MANAGE_DECISIONS)
def decision_revise(request, access, pk: int):
    decision = _decision_or_404(access, pk)
    meetings = meetings_of(access.community)
    initial = {
        "statement": decision.statement,
        "rationale": decision.rationale,
        "taken_by": decision.taken_by,
    }
    form = DecisionForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.decision_revise(
                decision=decision, actor=access.membership, **form.decision_fields()
            )
        except DecisionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The revision is in the log; the earlier decision stays."))
            return redirect("decisions:decision", slug=access.community.slug, pk=revision.pk)
    return render_cop(
        request,
        access,
        "decisions/decision_form.html",
        status=400 if form.errors else 200,
        form=form,
        revised=decision,
    )


@community_view(Action.MANAGE_DECISIONS)
def decision_settings(request, access):
    current = selectors.decision_settings_of(access.community)
    form = DecisionSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.decision_settings_save(
            community=access.community,
            actor=request.user,
            observers_read=form.cleaned_data["observers_read"],
        )
        messages.success(request, _("The settings are saved."))
        return redirect("decisions:polls", slug=access.community.slug)
    return render_cop(request, access, "decisions/settings_form.html", form=form)


urlpatterns = [
    path("c/<slug:slug>/decisions/log/", decision_log, name="log"),
    path("c/<slug:slug>/decisions/log/new/", decision_new, name="decision_new"),
    path("c/<slug:slug>/decisions/log/<int:pk>/", decision_detail, name="decision"),
    path("c/<slug:slug>/decisions/log/<int:pk>/revise/", decision_revise, name="decision_revise"),
    path("c/<slug:slug>/decisions/settings/", decision_settings, name="settings"),
]
