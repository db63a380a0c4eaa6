from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, edit_page, render_cop
from gilde.communities.services import step_mark

from . import labels, services
from .forms import CustomWorkFormForm, LibraryFilterForm, StepMarkForm
from .library import filter_work_forms
from .selectors import custom_as_work_form, guide_for_request, step_rail, work_forms_for
from .sharing import work_form_sharing
from .workspaces import workspace_for


def about(request):
    return render(request, "guide/about.html", {"about": guide_for_request().about})


def step_list(request):
    return render(request, "guide/step_list.html", {"steps": guide_for_request().steps})


def _step_or_404(number: int):
    step = guide_for_request().step(number)
    if step is None:
        raise Http404
    return step


def step_detail(request, number: int):
    return render(request, "guide/step_detail.html", {"step": _step_or_404(number)})


def _library_context(request, community=None) -> dict:
    form = LibraryFilterForm(request.GET or None)
    form.is_valid()  # errors are shown; the valid filters still apply
    forms = work_forms_for(community)
    results = filter_work_forms(forms, form.filters())
    return {"form": form, "results": results, "total": len(forms), "labels": labels}


def _render_library(request, context):
    template = "guide/work_form_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def library(request):
    return _render_library(request, _library_context(request))


def work_form_detail(request, key: str):
    work_form = guide_for_request().work_form(key)
    if work_form is None:
        raise Http404
    return render(
        request, "guide/work_form_detail.html", {"work_form": work_form, "labels": labels}
    )


@community_view(Action.VIEW_STEPS)
def cop_step(request, access, number: int):
    step = _step_or_404(number)
    facts: dict = {}  # what the readiness signals fetched; the workspace may reuse it
    rail = step_rail(access.community, current=number, facts=facts)
    workspace = workspace_for(number)
    state = rail[number - 1][0]
    return render(
        request,
        "guide/cop_step.html",
        {
            "access": access,
            "community": access.community,
            "step": step,
            "state": state,
            # Every mark of the step, newest first: reopening keeps who marked it done, and when.
            "history": list(
                access.community.step_marks.filter(step=number)
                .select_related("marked_by")
                .order_by("-marked_at", "-pk")[:20]
            ),
            "rail": rail,
            "previous_step": rail[number - 2][1] if number > 1 else None,
            "next_step": rail[number][1] if number < len(rail) else None,
            "form": StepMarkForm(),
            "workspace_template": workspace.template if workspace else None,
            **(workspace.context(request, access, facts) if workspace else {}),
        },
    )


@community_view(Action.MARK_STEPS)
@require_POST
def cop_step_mark(request, access, number: int):
    _step_or_404(number)
    form = StepMarkForm(request.POST)
    if form.is_valid():
        step_mark(
            community=access.community,
            step=number,
            actor=request.user,
            done=form.cleaned_data["done"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The step's status is saved."))
    else:
        messages.error(request, _("Choose to mark the step as done or to reopen it."))
    return redirect("guide:cop_step", slug=access.community.slug, number=number)


@community_view(Action.VIEW_WORK_FORMS)
def cop_library(request, access):
    context = _library_context(request, access.community)
    context.update(access=access, community=access.community)
    if access.can(Action.MANAGE_WORK_FORMS):
        context["sharing"] = work_form_sharing(access.community)
    return _render_library(request, context)


@community_view(Action.VIEW_WORK_FORMS)
def cop_builtin_work_form(request, access, key: str):
    work_form = guide_for_request().work_form(key)
    if work_form is None:
        raise Http404
    return render_cop(
        request, access, "guide/work_form_detail.html", work_form=work_form, labels=labels
    )


def _own_or_404(access, pk: int):
    return get_object_or_404(access.community.work_forms, pk=pk)


@community_view(Action.VIEW_WORK_FORMS)
def cop_work_form(request, access, pk: int):
    own = _own_or_404(access, pk)
    return render_cop(
        request,
        access,
        "guide/work_form_detail.html",
        work_form=custom_as_work_form(own),
        own=own,
        own_pk=pk,
        shared=own.shared_with_programmes and work_form_sharing(access.community) is not None,
        labels=labels,
    )


@community_view(Action.MANAGE_WORK_FORMS)
def cop_work_form_edit(request, access, pk: int | None = None):
    instance = _own_or_404(access, pk) if pk else None
    sharing = work_form_sharing(access.community)

    def save(data):
        fields = {name: data[name] for name in CustomWorkFormForm.Meta.fields}
        if instance:
            saved = services.work_form_update(work_form=instance, actor=request.user, **fields)
        else:
            saved = services.work_form_create(
                community=access.community, actor=request.user, **fields
            )
        if "shared_with_programmes" in data:
            services.work_form_share(
                work_form=saved, actor=request.user, share=data["shared_with_programmes"]
            )
        return saved

    return edit_page(
        request,
        access,
        form=CustomWorkFormForm(request.POST or None, instance=instance, sharing=sharing),
        save=save,
        template="guide/work_form_form.html",
        done=_("The work form is saved."),
        next_url=lambda saved: reverse(
            "guide:cop_work_form", args=[access.community.slug, saved.pk]
        ),
        instance=instance,
        sharing=sharing,
    )


@community_view(Action.MANAGE_WORK_FORMS)
def cop_work_form_delete(request, access, pk: int):
    work_form = _own_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.work_form_delete(work_form=work_form, actor=request.user),
        template="guide/work_form_confirm_delete.html",
        done=_("The work form is deleted."),
        next_url=reverse("guide:cop_library", args=[access.community.slug]),
        work_form=work_form,
    )
