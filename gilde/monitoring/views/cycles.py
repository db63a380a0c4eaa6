"""Step 6 views: monitoring cycles — open, read the evidence, reflect, agree actions, close —
and the overview of the step's instruments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop

from .. import selectors, services
from ..forms import CycleOpenForm, FollowUpForm, ReflectionForm, TickForm
from ..models import FollowUpAction


@community_view(Action.VIEW_MONITORING)
def overview(request, access):
    membership = access.membership
    return render_cop(
        request,
        access,
        "monitoring/overview.html",
        latest_cycle=selectors.cycles_of(access.community).first(),
        network_due=selectors.network_question_due(membership),
        open_moments=selectors.tis_moments_open_for(membership),
        my_actions=selectors.open_actions_for(membership),
        can_manage=access.can(Action.MANAGE_MONITORING),
    )


@community_view(Action.VIEW_MONITORING)
def cycles(request, access):
    return render_cop(
        request,
        access,
        "monitoring/cycle_list.html",
        cycles=list(selectors.cycles_of(access.community)),
        can_manage=access.can(Action.MANAGE_MONITORING),
    )


@community_view(Action.MANAGE_MONITORING)
def cycle_new(request, access):
    community = access.community
    settings = selectors.monitoring_settings_for(community)
    start, end = selectors.next_cycle_period(community, settings.cycle_meetings)
    form = CycleOpenForm(request.POST or None, initial={"starts_on": start, "ends_on": end})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(
                community=community,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except services.MonitoringError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The cycle is open; its evidence is gathered below."))
            return redirect("monitoring:cycle", slug=community.slug, number=cycle.number)
    return render_cop(
        request, access, "monitoring/cycle_form.html", form=form, every=settings.cycle_meetings
    )


def _cycle_or_404(access, number: int):
    return get_object_or_404(access.community.monitoring_cycles, number=number)


def _members(access):
    return access.community.memberships.exclude(role="observer").select_related(
        "user__organisation"
    )


@community_view(Action.VIEW_MONITORING)
def cycle_detail(request, access, number: int):
    cycle = _cycle_or_404(access, number)
    can_manage = access.can(Action.MANAGE_MONITORING)
    evidence = selectors.cycle_evidence(cycle)
    return render_cop(
        request,
        access,
        "monitoring/cycle_detail.html",
        cycle=cycle,
        evidence=evidence,
        by_level=selectors.evidence_by_level(evidence),
        meetings=selectors.meetings_in(access.community, cycle.starts_on, cycle.ends_on),
        actions=list(cycle.actions.select_related("owner__user")),
        can_manage=can_manage,
        reflection_form=ReflectionForm(instance=cycle) if can_manage and cycle.is_open else None,
        action_form=FollowUpForm(members=_members(access)) if can_manage else None,
    )


@community_view(Action.MANAGE_MONITORING)
@require_POST
def cycle_reflection(request, access, number: int):
    cycle = _cycle_or_404(access, number)
    form = ReflectionForm(request.POST, instance=cycle)
    if form.is_valid():
        try:
            services.cycle_reflection_save(
                cycle=cycle,
                actor=request.user,
                went_well=form.cleaned_data["went_well"],
                to_change=form.cleaned_data["to_change"],
            )
        except services.MonitoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The reflection is saved."))
    else:
        messages.error(request, _("The reflection could not be saved: keep it shorter."))
    return redirect("monitoring:cycle", slug=access.community.slug, number=cycle.number)


@community_view(Action.MANAGE_MONITORING)
@require_POST
def cycle_close(request, access, number: int):
    cycle = _cycle_or_404(access, number)
    try:
        services.cycle_close(cycle=cycle, actor=request.user)
    except services.MonitoringError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The cycle is closed. Its evidence stays as it is now."))
    return redirect("monitoring:cycle", slug=access.community.slug, number=cycle.number)


@community_view(Action.MANAGE_MONITORING)
@require_POST
def follow_up_add(request, access, number: int):
    cycle = _cycle_or_404(access, number)
    form = FollowUpForm(request.POST, members=_members(access))
    if form.is_valid():
        services.follow_up_add(cycle=cycle, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The action is added."))
    else:
        errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, _("The action is not added: %(errors)s") % {"errors": errors})
    return redirect("monitoring:cycle", slug=access.community.slug, number=cycle.number)


@community_view(Action.VIEW_MONITORING)
@require_POST
def follow_up_tick(request, access, pk: int):
    action = get_object_or_404(
        FollowUpAction.objects.select_related("cycle"), pk=pk, cycle__community=access.community
    )
    mine = access.membership is not None and action.owner_id == access.membership.pk
    if not (mine or access.can(Action.MANAGE_MONITORING)):
        raise PermissionDenied
    form = TickForm(request.POST)
    form.is_valid()
    services.follow_up_tick(
        action=action, actor=request.user, done=bool(form.cleaned_data.get("done"))
    )
    messages.success(request, _("Saved."))
    # Back to the page it came from (the meeting's preparation), if that is a page of this CoP.
    target = form.cleaned_data.get("next", "")
    inside = target.startswith(f"/c/{access.community.slug}/")
    if inside and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(f"{target}#action-{action.pk}")
    return redirect("monitoring:cycle", slug=access.community.slug, number=action.cycle.number)


@community_view(Action.MANAGE_MONITORING)
@require_POST
def follow_up_delete(request, access, pk: int):
    action = get_object_or_404(
        FollowUpAction.objects.select_related("cycle"), pk=pk, cycle__community=access.community
    )
    services.follow_up_delete(action=action, actor=request.user)
    messages.success(request, _("The action is removed."))
    return redirect("monitoring:cycle", slug=access.community.slug, number=action.cycle.number)


urlpatterns = [
    path("c/<slug:slug>/monitoring/", overview, name="overview"),
    path("c/<slug:slug>/monitoring/cycles/", cycles, name="cycles"),
    path("c/<slug:slug>/monitoring/cycles/new/", cycle_new, name="cycle_new"),
    path("c/<slug:slug>/monitoring/cycles/<int:number>/", cycle_detail, name="cycle"),
    path(
        "c/<slug:slug>/monitoring/cycles/<int:number>/reflection/",
        cycle_reflection,
        name="cycle_reflection",
    ),
    path("c/<slug:slug>/monitoring/cycles/<int:number>/close/", cycle_close, name="cycle_close"),
    path(
        "c/<slug:slug>/monitoring/cycles/<int:number>/actions/",
        follow_up_add,
        name="follow_up_add",
    ),
    path("c/<slug:slug>/monitoring/actions/<int:pk>/tick/", follow_up_tick, name="follow_up_tick"),
    path(
        "c/<slug:slug>/monitoring/actions/<int:pk>/remove/",
        follow_up_delete,
        name="follow_up_delete",
    ),
]
