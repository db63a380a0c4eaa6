"""Meetings views: agendas, facilitation and the preparation page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.guide.selectors import work_forms_for

from .. import selectors, services
from ..forms.agenda import (
    AgendaItemForm,
    AgendaTemplateApplyForm,
    AgendaTemplateSaveForm,
    FacilitationForm,
    MeetingFacilitatorsForm,
    MoveForm,
    NeedHandleForm,
)
from ..models import FacilitationMode
from ..ownership import ownership_chart as _ownership_chart
from .planning import plans_meeting


def _meeting_or_404(access, pk: int):
    return get_object_or_404(access.community.meetings, pk=pk)


def _item_or_404(meeting, item_pk: int):
    return get_object_or_404(meeting.agenda_items, pk=item_pk)


def _item_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def _agenda_context(access, meeting, work_forms, form=None, **extra) -> dict:
    agenda_templates = list(access.community.agenda_templates.all())
    return {
        "access": access,
        "community": access.community,
        "meeting": meeting,
        "agenda": selectors.agenda_for(meeting=meeting, work_forms=work_forms),
        "form": form
        or AgendaItemForm(community=access.community, work_forms=work_forms, prefix="new"),
        "agenda_templates": agenda_templates,
        "template_form": AgendaTemplateApplyForm(community=access.community),
        "save_template_form": AgendaTemplateSaveForm(),
        **extra,
    }


def _agenda_response(request, access, meeting, work_forms, form=None):
    """The agenda editor: the whole page, or only its agenda part for an HTMX request."""
    template = "meetings/agenda_edit.html"
    if request.htmx:
        template += "#agenda-editor"
    return render(request, template, _agenda_context(access, meeting, work_forms, form))


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
def agenda(request, access, meeting):
    work_forms = work_forms_for(access.community)
    form = None
    if request.method == "POST":
        form = AgendaItemForm(
            request.POST, community=access.community, work_forms=work_forms, prefix="new"
        )
        if form.is_valid():
            services.agenda_item_add(meeting=meeting, actor=request.user, **_item_fields(form))
            form = None
            if not request.htmx:
                messages.success(request, _("The item is added to the agenda."))
                return redirect("meetings:agenda", slug=access.community.slug, pk=meeting.pk)
    return _agenda_response(request, access, meeting, work_forms, form)


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
def agenda_item_edit(request, access, meeting, item_pk: int):
    item = _item_or_404(meeting, item_pk)
    work_forms = work_forms_for(access.community)
    form = AgendaItemForm(
        request.POST or None, instance=item, community=access.community, work_forms=work_forms
    )
    if request.method == "POST" and form.is_valid():
        services.agenda_item_update(item=item, actor=request.user, **_item_fields(form))
        messages.success(request, _("The agenda item is saved."))
        return redirect("meetings:agenda", slug=access.community.slug, pk=meeting.pk)
    return render_cop(
        request, access, "meetings/agenda_item_form.html", meeting=meeting, item=item, form=form
    )


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
@require_POST
def agenda_item_move(request, access, meeting, item_pk: int):
    item = _item_or_404(meeting, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.agenda_item_move(item=item, direction=form.cleaned_data["direction"])
    elif not request.htmx:
        messages.error(request, _("Choose to move the item up or down."))
    if request.htmx:
        return _agenda_response(request, access, meeting, work_forms_for(access.community))
    return redirect(f"{_agenda_url(access, meeting)}#item-{item.pk}")


def _agenda_url(access, meeting) -> str:
    return reverse("meetings:agenda", kwargs={"slug": access.community.slug, "pk": meeting.pk})


# Facilitation


def _facilitation_initial(access, settings) -> dict:
    facilitators = [m for m in access.community.memberships.all() if m.focus]
    by_focus = {m.focus: m for m in facilitators}
    return {
        "mode": settings.facilitation_mode,
        "content": by_focus.get("content"),
        "process": by_focus.get("process"),
        "core_group": list(settings.core_group.all()) if settings.pk else [],
        "seed": 0,
    }


@community_view(Action.PLAN_MEETINGS)
def facilitation(request, access):
    community = access.community
    settings = selectors.facilitation_settings_for(community=community)
    preview = None
    if request.method == "POST":
        form = FacilitationForm(request.POST, community=community)
        if form.is_valid():
            data = form.cleaned_data
            mode = data["mode"]
            if mode == FacilitationMode.PAIR:
                services.facilitation_save(
                    community=community,
                    actor=request.user,
                    mode=mode,
                    pair=(data["content"], data["process"]),
                )
                messages.success(request, _("The pair facilitates the coming meetings."))
                return redirect("meetings:facilitation", slug=community.slug)
            if "shuffle" in request.POST:
                form = FacilitationForm(
                    {**request.POST.dict(), "seed": data["seed"] + 1}, community=community
                )
                form.is_valid()
                data = form.cleaned_data
            preview = selectors.facilitation_plan_preview(
                community=community, mode=mode, core_group=data["core_group"], seed=data["seed"]
            )
            if "confirm" in request.POST:
                services.facilitation_save(
                    community=community,
                    actor=request.user,
                    mode=mode,
                    core_group=data["core_group"],
                    plan=preview,
                )
                messages.success(request, _("The rotation is saved."))
                return redirect("meetings:facilitation", slug=community.slug)
    else:
        form = FacilitationForm(
            initial=_facilitation_initial(access, settings), community=community
        )
    meetings = selectors.future_meetings_with_facilitators(community=community)
    held = selectors.ownership_per_meeting(community=community)
    ownership_rows = selectors.ownership_rows(held)
    return render(
        request,
        "meetings/facilitation_form.html",
        {
            "access": access,
            "community": community,
            "form": form,
            "settings": settings,
            "preview": preview,
            "preview_counts": _preview_counts(preview) if preview else [],
            "meetings": meetings,
            "counts": selectors.facilitation_counts(meetings),
            "ownership": held,
            "ownership_rows": ownership_rows,
            "ownership_share": selectors.ownership_share(held),
            "ownership_target": selectors.OWNERSHIP_TARGET,
            "chart": _ownership_chart(ownership_rows),
        },
    )


def _preview_counts(preview) -> list[tuple]:
    counts: dict = {}
    for _meeting, turns in preview:
        for turn in turns:
            membership = turn.membership
            counts[membership.pk] = (membership, counts.get(membership.pk, (None, 0))[1] + 1)
    return sorted(counts.values(), key=lambda pair: (-pair[1], str(pair[0].user)))


@community_view(Action.PLAN_MEETINGS)
def meeting_facilitators(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    current = list(meeting.facilitators.select_related("membership__user").order_by("id"))
    initial = {}
    for name, facilitator in zip(("first", "second"), current, strict=False):
        initial[name] = facilitator.membership
        initial[f"{name}_focus"] = facilitator.role_focus
    form = MeetingFacilitatorsForm(
        request.POST or None, initial=initial, community=access.community
    )
    if request.method == "POST" and form.is_valid():
        services.meeting_facilitators_set(meeting=meeting, turns=form.turns())
        messages.success(request, _("The facilitators of this meeting are saved."))
        return redirect("meetings:facilitation", slug=access.community.slug)
    return render_cop(
        request,
        access,
        "meetings/facilitation_meeting_form.html",
        meeting=meeting,
        current=current,
        form=form,
    )


# Preparation


@community_view(Action.PLAN_MEETINGS)
def prepare(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    items = selectors.agenda_items_for(meeting=meeting)
    previous = selectors.previous_held_meeting(meeting=meeting)
    # The previous meeting's evaluation, through the anonymity gate.
    summary = selectors.evaluation_results(meeting=previous, access=access) if previous else None
    needs = selectors.evaluation_needs(summary) if summary else []
    return render_cop(
        request,
        access,
        "meetings/preparation.html",
        meeting=meeting,
        agenda=selectors.agenda_for(meeting=meeting, items=items),
        items=items,
        previous=previous,
        summary=summary,
        needs=needs,
        open_needs=sum(1 for need in needs if not need.handled),
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def need_handle(request, access, pk: int, answer_pk: int):
    meeting = _meeting_or_404(access, pk)
    previous = selectors.previous_held_meeting(meeting=meeting)
    if previous is None:
        raise Http404
    # Only an answer the gate shows: of the previous meeting, to a question that feeds this
    # one, once its evaluation closed with enough answers.
    needs = selectors.needs_for_next_meeting(meeting=previous, access=access)
    if answer_pk not in {need.id for need in needs}:
        raise Http404
    form = NeedHandleForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.evaluation_need_handle(
            answer_id=answer_pk,
            handled=form.cleaned_data["handled"],
            agenda_item=form.cleaned_data["agenda_item"],
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose one of this meeting's agenda items."))
    return redirect(f"{_prepare_url(access, meeting)}#need-{answer_pk}")


def _prepare_url(access, meeting) -> str:
    return reverse("meetings:prepare", kwargs={"slug": access.community.slug, "pk": meeting.pk})


urlpatterns = [
    path("c/<slug:slug>/meetings/facilitation/", facilitation, name="facilitation"),
    path("c/<slug:slug>/meetings/<int:pk>/agenda/", agenda, name="agenda"),
    path(
        "c/<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/edit/",
        agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/move/",
        agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/facilitators/",
        meeting_facilitators,
        name="meeting_facilitators",
    ),
    path("c/<slug:slug>/meetings/<int:pk>/prepare/", prepare, name="prepare"),
    path(
        "c/<slug:slug>/meetings/<int:pk>/prepare/needs/<int:answer_pk>/",
        need_handle,
        name="need_handle",
    ),
]
