"""Experiments between meetings: plan, check in, report back; the experiment round."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import meeting_of
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate

from .. import selectors, services
from ..forms import CheckinForm, ExperimentForm, ReportForm, StatusForm
from ..models import ExperimentStatus


@community_view(Action.VIEW_LEARNING)
def experiments(request, access):
    buddies = selectors.buddies_of(access.membership)
    visible = selectors.experiments_visible_to(access, buddies=buddies)
    mine = list(visible.filter(membership=access.membership)) if access.membership else []
    others = visible.exclude(membership=access.membership).order_by("-due_on", "-pk")
    return render_cop(
        request,
        access,
        "learning/experiment_list.html",
        mine=mine,
        page=paginate(request, others, per_page=20),
    )


def _form(request, access, *, initial=None, check_date=True):
    return ExperimentForm(
        request.POST or None,
        initial=initial,
        community=access.community,
        meetings=selectors.upcoming_meetings(access.community),
        buddies=selectors.buddies_of(access.membership),
        check_date=check_date,
    )


def _fields(access, form) -> dict | None:
    data = form.cleaned_data
    if data["meeting"] is not None and meeting_of(access.community, data["meeting"]) is None:
        form.add_error("meeting", _("Choose one of the CoP's meetings."))
        return None
    return {
        "title": data["title"],
        "learning_question": data["learning_question"],
        "expectation": data["expectation"],
        "helpers": data["helpers"],
        "due_on": data["due_on"],
        "meeting_id": data["meeting"],
        "partner_id": data.get("partner"),
        "tier": data["tier"],
    }


@community_view(Action.KEEP_RECORD)
def experiment_new(request, access):
    due_on, meeting_id = services.default_due(access.community)
    form = _form(request, access, initial={"due_on": due_on, "meeting": meeting_id})
    if request.method == "POST" and form.is_valid():
        fields = _fields(access, form)
        if fields is not None:
            experiment = services.experiment_add(membership=access.membership, **fields)
            messages.success(request, _("Your experiment is planned."))
            return redirect(
                "learning:experiment", slug=access.community.slug, experiment=experiment.pk
            )
    return render_cop(request, access, "learning/experiment_form.html", form=form, experiment=None)


@community_view(Action.VIEW_LEARNING)
def experiment_detail(request, access, experiment: int):
    item = selectors.experiment_visible_or_404(access, experiment)
    own = access.membership is not None and item.membership_id == access.membership.pk
    entries = selectors.entries_visible_to(access).filter(experiment=item)
    return render_cop(
        request,
        access,
        "learning/experiment_detail.html",
        experiment=item,
        own=own,
        entries=entries,
        status_form=StatusForm(initial={"status": item.status}) if own else None,
        checkin_form=CheckinForm(initial={"note": item.checkin_note}) if own else None,
    )


@community_view(Action.KEEP_RECORD)
def experiment_edit(request, access, experiment: int):
    item = selectors.own_experiment_or_404(access, experiment)
    initial = {
        "title": item.title,
        "learning_question": item.learning_question,
        "expectation": item.expectation,
        "helpers": item.helpers,
        "due_on": item.due_on,
        "meeting": item.meeting_id,
        "partner": item.partner_id,
        "tier": item.tier,
    }
    # A due date that has passed may stay; a new one lies ahead.
    posted = request.POST.get("due_on", "")
    form = _form(request, access, initial=initial, check_date=posted != item.due_on.isoformat())
    if request.method == "POST" and form.is_valid():
        fields = _fields(access, form)
        if fields is not None:
            services.experiment_update(experiment=item, **fields)
            messages.success(request, _("Your experiment is saved."))
            return redirect("learning:experiment", slug=access.community.slug, experiment=item.pk)
    return render_cop(request, access, "learning/experiment_form.html", form=form, experiment=item)


@community_view(Action.KEEP_RECORD)
@require_POST
def experiment_status(request, access, experiment: int):
    item = selectors.own_experiment_or_404(access, experiment)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.experiment_update(experiment=item, status=form.cleaned_data["status"])
        messages.success(request, _("The status is saved."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("learning:experiment", slug=access.community.slug, experiment=item.pk)


@community_view(Action.KEEP_RECORD)
@require_POST
def experiment_checkin(request, access, experiment: int):
    item = selectors.own_experiment_or_404(access, experiment)
    form = CheckinForm(request.POST)
    if form.is_valid():
        services.experiment_check_in(experiment=item, note=form.cleaned_data["note"])
        messages.success(request, _("Your check-in is saved."))
    else:
        messages.error(request, _("Write a few words on how it is going."))
    return redirect("learning:experiment", slug=access.community.slug, experiment=item.pk)


@community_view(Action.KEEP_RECORD)
def experiment_report(request, access, experiment: int):
    item = selectors.own_experiment_or_404(access, experiment)
    form = ReportForm(
        request.POST or None,
        initial={
            "happened": item.report_happened,
            "learned": item.report_learned,
            "next_steps": item.report_next,
            "status": item.status if item.status == ExperimentStatus.DROPPED else "done",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.experiment_report(
            experiment=item,
            happened=data["happened"],
            learned=data["learned"],
            next_steps=data["next_steps"],
            status=data["status"],
        )
        messages.success(request, _("Your report is saved."))
        return redirect("learning:experiment", slug=access.community.slug, experiment=item.pk)
    return render_cop(
        request, access, "learning/experiment_report.html", form=form, experiment=item
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def experiment_round(request, access, meeting: int):
    ref = meeting_of(access.community, meeting)
    if ref is None:
        raise Http404
    if ref.ends_at < timezone.now():
        messages.error(request, _("This meeting is over."))
    else:
        count = services.experiment_round_add(
            community=access.community, meeting_id=ref.id, actor=request.user
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "An experiment round with %(count)s experiment is on the agenda.",
                    "An experiment round with %(count)s experiments is on the agenda.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("No experiment shared with the group reports back here."))
    return redirect("meetings:prepare", slug=access.community.slug, pk=ref.id)
