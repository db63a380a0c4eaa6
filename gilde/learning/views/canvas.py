"""Backcasting canvases: the future image, steps back to today, versions, print and actions."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import can_add_to_agenda
from gilde.communities.offers import poll_maker
from gilde.communities.pages import render_cop
from gilde.core.versioning import conflict_rows, field_labels

from .. import selectors, services
from ..charts import canvas_timeline_svg
from ..forms import CanvasForm, CanvasStepForm, MeetingChoiceForm
from ..models import CANVAS_FIELDS, Canvas, CanvasVersion
from .versions import compare


@community_view(Action.VIEW_LEARNING)
def canvases(request, access):
    return render_cop(
        request,
        access,
        "learning/canvas_list.html",
        canvases=list(selectors.canvases_of(access.community)),
    )


@community_view(Action.EDIT_CANVAS)
def canvas_new(request, access):
    form = CanvasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CANVAS_FIELDS}
        canvas = services.canvas_add(community=access.community, actor=request.user, **fields)
        messages.success(request, _("The canvas is started."))
        return redirect("learning:canvas", slug=access.community.slug, canvas=canvas.pk)
    return render_cop(request, access, "learning/canvas_form.html", form=form, canvas=None)


def _step_or_404(canvas: Canvas, pk: int):
    step = canvas.steps.filter(pk=pk).first()
    if step is None:
        raise Http404
    return step


def _canvas_context(access, canvas: Canvas) -> dict:
    steps = list(canvas.steps.prefetch_related("experiments"))
    return {
        "canvas": canvas,
        "steps": steps,
        "timeline": canvas_timeline_svg(canvas=canvas, steps=steps, today=timezone.localdate()),
        "rows": [(label, getattr(canvas, name)) for name, label in _labels().items()],
    }


def _labels() -> dict:
    return {
        name: label
        for name, label in field_labels(Canvas, CANVAS_FIELDS).items()
        if name not in ("title", "horizon")
    }


@community_view(Action.VIEW_LEARNING)
def canvas_detail(request, access, canvas: int):
    item = selectors.canvas_or_404(access, canvas)
    context = _canvas_context(access, item)
    upcoming = selectors.upcoming_meetings(access.community)
    return render_cop(
        request,
        access,
        "learning/canvas_detail.html",
        **context,
        agenda_form=MeetingChoiceForm(meetings=upcoming) if upcoming else None,
        can_agenda=can_add_to_agenda() and access.can(Action.PLAN_MEETINGS),
        can_poll=poll_maker() is not None and access.can(Action.EDIT_CANVAS),
    )


@community_view(Action.VIEW_LEARNING)
def canvas_print(request, access, canvas: int):
    item = selectors.canvas_or_404(access, canvas)
    return render_cop(
        request, access, "learning/canvas_print.html", **_canvas_context(access, item)
    )


@community_view(Action.EDIT_CANVAS)
def canvas_edit(request, access, canvas: int):
    item = selectors.canvas_or_404(access, canvas)
    form = CanvasForm(request.POST or None, instance=item, initial={"revision": item.revision})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CANVAS_FIELDS}
        # The form wrote the new values onto `item`; compare with what is saved.
        item.refresh_from_db()
        try:
            version = services.canvas_save(
                canvas=item,
                actor=request.user,
                revision=form.cleaned_data["revision"] or 0,
                note=form.cleaned_data["note"],
                **fields,
            )
        except services.StaleEdit as stale:
            current = stale.current
            yours = {name: fields[name] for name in CANVAS_FIELDS}
            conflict = CanvasForm(instance=current, initial={**yours, "revision": current.revision})
            rows = conflict_rows(current, yours, field_labels(Canvas, CANVAS_FIELDS))
            return render_cop(
                request,
                access,
                "learning/canvas_conflict.html",
                status=409,
                form=conflict,
                rows=rows,
                canvas=current,
            )
        if version:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(request, _("Nothing changed, so no new version was made."))
        return redirect("learning:canvas", slug=access.community.slug, canvas=item.pk)
    return render_cop(request, access, "learning/canvas_form.html", form=form, canvas=item)


@community_view(Action.VIEW_LEARNING)
def canvas_history(request, access, canvas: int):
    item = selectors.canvas_or_404(access, canvas)
    versions = list(item.versions.select_related("author"))
    # The texts; the horizon (a date) shows in each version's line instead.
    labels = field_labels(CanvasVersion, [f for f in CANVAS_FIELDS if f != "horizon"])
    return render_cop(
        request,
        access,
        "learning/canvas_history.html",
        canvas=item,
        versions=versions,
        **compare(request, versions, labels),
    )


@community_view(Action.EDIT_CANVAS)
def step_edit(request, access, canvas: int, step: int = 0):
    item = selectors.canvas_or_404(access, canvas)
    existing = _step_or_404(item, step) if step else None
    form = CanvasStepForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if existing:
            services.canvas_step_update(step=existing, actor=request.user, **fields)
        else:
            services.canvas_step_add(canvas=item, actor=request.user, **fields)
        messages.success(request, _("The step is saved."))
        return redirect("learning:canvas", slug=access.community.slug, canvas=item.pk)
    return render_cop(
        request, access, "learning/step_form.html", form=form, canvas=item, step=existing
    )


@community_view(Action.EDIT_CANVAS)
def step_delete(request, access, canvas: int, step: int):
    item = selectors.canvas_or_404(access, canvas)
    existing = _step_or_404(item, step)
    if request.method == "POST":
        services.canvas_step_delete(step=existing, actor=request.user)
        messages.success(request, _("The step is removed."))
        return redirect("learning:canvas", slug=access.community.slug, canvas=item.pk)
    return render_cop(
        request, access, "learning/step_confirm_delete.html", canvas=item, step=existing
    )


@community_view(Action.KEEP_RECORD)
@require_POST
def step_experiment(request, access, canvas: int, step: int):
    item = selectors.canvas_or_404(access, canvas)
    experiment = services.canvas_step_to_experiment(
        step=_step_or_404(item, step), membership=access.membership
    )
    messages.success(
        request, _("The step is now your experiment. Adjust it and choose who sees it.")
    )
    return redirect(
        "learning:experiment_edit", slug=access.community.slug, experiment=experiment.pk
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def step_agenda(request, access, canvas: int, step: int):
    item = selectors.canvas_or_404(access, canvas)
    existing = _step_or_404(item, step)
    form = MeetingChoiceForm(request.POST, meetings=selectors.upcoming_meetings(access.community))
    if form.is_valid() and services.canvas_step_to_agenda(
        step=existing, meeting_id=form.cleaned_data["meeting"], actor=request.user
    ):
        messages.success(request, _("The step is on the meeting's agenda."))
    else:
        messages.error(request, _("Choose one of the coming meetings."))
    return redirect("learning:canvas", slug=access.community.slug, canvas=item.pk)


@community_view(Action.EDIT_CANVAS)
@require_POST
def step_poll(request, access, canvas: int, step: int):
    item = selectors.canvas_or_404(access, canvas)
    existing = _step_or_404(item, step)
    maker = poll_maker()
    if maker is None:
        raise Http404
    url = maker(
        community=access.community,
        actor=request.user,
        title=existing.title,
        description=existing.description,
    )
    return HttpResponseRedirect(url)
