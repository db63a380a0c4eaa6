"""Buddy pairs: the facilitators generate a round, adjust it by hand and confirm it."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import next_meeting
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate

from .. import matching, selectors, services
from ..forms import BuddyArrangeForm, BuddyPeriodForm


@community_view(Action.VIEW_LEARNING)
def buddies(request, access):
    periods = access.community.buddy_periods.filter(confirmed_at__isnull=False)
    page = paginate(request, periods.prefetch_related("groups__members__user"), per_page=10)
    draft = access.community.buddy_periods.filter(confirmed_at__isnull=True).first()
    return render_cop(
        request,
        access,
        "learning/buddy_list.html",
        page=page,
        draft=draft if access.can(Action.MANAGE_BUDDIES) else None,
        current=selectors.current_period(access.community),
        mine=selectors.buddies_of(access.membership),
    )


@community_view(Action.MANAGE_BUDDIES)
def buddies_new(request, access):
    today = timezone.localdate()
    upcoming = next_meeting(access.community, timezone.now())
    ends_on = (
        timezone.localdate(upcoming.starts_at)
        if upcoming
        else today + timedelta(weeks=access.community.cadence_weeks)
    )
    form = BuddyPeriodForm(request.POST or None, initial={"starts_on": today, "ends_on": ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            period = services.buddy_period_propose(
                community=access.community,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except matching.TooFewPeople:
            form.add_error(None, _("Buddy pairs need at least two participants."))
        else:
            return redirect("learning:buddy_period", slug=access.community.slug, period=period.pk)
    return render_cop(request, access, "learning/buddy_form.html", form=form)


def _draft_or_404(access, pk: int):
    period = access.community.buddy_periods.filter(pk=pk, confirmed_at__isnull=True).first()
    if period is None:
        raise Http404
    return period


@community_view(Action.MANAGE_BUDDIES)
def buddy_period(request, access, period: int):
    draft = _draft_or_404(access, period)
    groups = list(draft.groups.prefetch_related("members__user"))
    members = [
        (membership, group.number, str(membership.user))
        for group in groups
        for membership in group.members.all()
    ]
    form = BuddyArrangeForm(request.POST or None, members=members, groups=len(groups))
    if request.method == "POST":
        if "confirm" in request.POST and form.is_valid():
            services.buddy_period_arrange(period=draft, numbers=form.numbers())
            services.buddy_period_confirm(period=draft, actor=request.user)
            messages.success(request, _("The buddy pairs are confirmed."))
            return redirect("learning:buddies", slug=access.community.slug)
        if form.is_valid():
            services.buddy_period_arrange(period=draft, numbers=form.numbers())
            messages.success(request, _("The groups are adjusted."))
            return redirect("learning:buddy_period", slug=access.community.slug, period=draft.pk)
    return render_cop(
        request, access, "learning/buddy_preview.html", period=draft, groups=groups, form=form
    )


@community_view(Action.MANAGE_BUDDIES)
def buddy_period_delete(request, access, period: int):
    item = access.community.buddy_periods.filter(pk=period).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        services.buddy_period_delete(period=item, actor=request.user)
        messages.success(request, _("The buddy round is removed."))
        return redirect("learning:buddies", slug=access.community.slug)
    return render_cop(request, access, "learning/buddy_confirm_delete.html", period=item)
