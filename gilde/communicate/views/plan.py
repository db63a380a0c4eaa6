"""The communication plan: per audience the message, the channel, the moment and who."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, edit_page, render_cop

from .. import selectors, services
from ..forms import PlanItemForm

# The communication plan


@community_view(Action.VIEW_COMMUNICATION)
def plan(request, access):
    return render_cop(
        request,
        access,
        "communicate/plan.html",
        items=selectors.plan_items(access.community),
        can_manage=access.can(Action.MANAGE_COMMUNICATION),
        today=timezone.localdate(),
    )


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def plan_defaults(request, access):
    added = services.plan_defaults_add(community=access.community, actor=request.user)
    if added:
        messages.success(request, _("The usual audiences are added to the plan."))
    else:
        messages.info(request, _("The plan names every usual audience already."))
    return redirect("communicate:plan", slug=access.community.slug)


def _plan_form(access, request, instance=None):
    return PlanItemForm(
        request.POST or None, instance=instance, people=selectors.cop_people(access.community)
    )


PLAN_FIELDS = PlanItemForm.Meta.fields


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_new(request, access):
    return edit_page(
        request,
        access,
        form=_plan_form(access, request),
        save=lambda data: services.plan_item_add(
            community=access.community, actor=request.user, **{f: data[f] for f in PLAN_FIELDS}
        ),
        template="communicate/plan_item_form.html",
        done=_("The line is added to the plan."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_edit(request, access, pk: int):
    item = get_object_or_404(access.community.plan_items, pk=pk)
    return edit_page(
        request,
        access,
        form=_plan_form(access, request, item),
        save=lambda data: services.plan_item_update(
            item=item, actor=request.user, **{f: data[f] for f in PLAN_FIELDS}
        ),
        template="communicate/plan_item_form.html",
        done=_("The plan is saved."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
        item=item,
    )


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_delete(request, access, pk: int):
    item = get_object_or_404(access.community.plan_items, pk=pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.plan_item_delete(item=item, actor=request.user),
        template="communicate/confirm_delete.html",
        done=_("The line is deleted from the plan."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
        item=item,
    )
