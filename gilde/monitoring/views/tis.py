"""Step 6 views: the system analysis (TIS) — moments, results, answering, outside experts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.interventions import intervention_choices
from gilde.communities.pages import render_cop
from gilde.core.safe_svg import safe_svg

from .. import charts, selectors, services
from ..forms import BarrierLinkForm, TisAnswerForm, TisInvitationForm, TisMomentForm
from ..models import TIS_THRESHOLD, TisFunction

RADAR_MOMENTS = 4  # the last so many moments with results share one radar


def _radar(results) -> str:
    shown = [r for r in results if r.shown][-RADAR_MOMENTS:]
    if not shown:
        return ""
    # charts.py escapes every text it draws and writes its numbers unlocalised.
    return safe_svg(
        charts.radar_svg(
            [str(label) for _key, label in TisFunction.choices],
            [(r.moment.title, r.medians) for r in shown],
            title=_(
                "Median score per function (1 to 5) at each moment; the table gives the numbers."
            ),
            uid="tis-radar",
        )
    )


@community_view(Action.VIEW_MONITORING)
def tis(request, access):
    results = selectors.tis_results(community=access.community)
    shown = [r for r in results if r.shown]
    return render_cop(
        request,
        access,
        "monitoring/tis_list.html",
        results=results,
        shown=shown,
        radar=_radar(results),
        tis_rows=selectors.tis_table(shown),
        threshold=TIS_THRESHOLD,
        can_manage=access.can(Action.MANAGE_MONITORING),
        open_moments=selectors.tis_moments_open_for(access.membership),
    )


def _moment_or_404(access, pk: int):
    return get_object_or_404(access.community.tis_moments, pk=pk)


@community_view(Action.VIEW_MONITORING)
def tis_moment(request, access, pk: int):
    moment = _moment_or_404(access, pk)
    results = selectors.tis_results(community=access.community, access=access, details=True)
    result = next(r for r in results if r.moment.pk == moment.pk)
    can_manage = access.can(Action.MANAGE_MONITORING)
    return render_cop(
        request,
        access,
        "monitoring/tis_moment.html",
        moment=moment,
        result=result,
        threshold=TIS_THRESHOLD,
        can_manage=can_manage,
        can_answer=access.can(Action.TAKE_PART_IN_MONITORING) and moment.is_open(),
        own=selectors.tis_own_response(moment, access.membership),
        invitations=list(moment.invitations.select_related("answer")) if can_manage else [],
        invite_form=TisInvitationForm() if can_manage and moment.is_open() else None,
    )


@community_view(Action.MANAGE_MONITORING)
def tis_moment_edit(request, access, pk: int | None = None):
    moment = _moment_or_404(access, pk) if pk else None
    form = TisMomentForm(request.POST or None, instance=moment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moment = services.tis_moment_save(
            community=access.community,
            actor=request.user,
            title=data["title"],
            kind=data["kind"],
            held_on=data["held_on"],
            closes_at=form.closes_at,
            moment=moment,
        )
        messages.success(request, _("The moment is saved."))
        return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)
    return render_cop(request, access, "monitoring/tis_moment_form.html", form=form, moment=moment)


def _answer(request, moment, *, membership=None, invitation=None):
    response = (
        selectors.tis_own_response(moment, membership)
        if membership
        else getattr(invitation, "answer", None)
    )
    form = TisAnswerForm(request.POST or None, response=response)
    if request.method == "POST" and form.is_valid():
        try:
            services.tis_response_save(
                moment=moment,
                membership=membership,
                invitation=invitation,
                scores=form.scores(),
                barriers=form.barriers(),
            )
        except services.MonitoringError as error:
            form.add_error(None, error.message)
        else:
            return None
    return {"form": form, "moment": moment, "response": response}


@community_view(Action.TAKE_PART_IN_MONITORING)
def tis_answer(request, access, pk: int):
    moment = _moment_or_404(access, pk)
    if not moment.is_open():
        messages.error(
            request, _("This moment is closed; answers can no longer be given or changed.")
        )
        return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)
    context = _answer(request, moment, membership=access.membership)
    if context is None:
        messages.success(request, _("Thank you. Your scores are saved."))
        return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)
    return render_cop(request, access, "monitoring/tis_answer.html", **context)


@community_view(Action.MANAGE_MONITORING)
@require_POST
def tis_invite(request, access, pk: int):
    moment = _moment_or_404(access, pk)
    form = TisInvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the expert's name and a valid e-mail address."))
    else:
        try:
            services.tis_invitation_send(
                moment=moment,
                actor=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except services.MonitoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("An e-mail with a personal link went to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
    return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)


@community_view(Action.MANAGE_MONITORING)
@require_POST
def tis_invitation_revoke(request, access, pk: int, invitation: int):
    moment = _moment_or_404(access, pk)
    found = get_object_or_404(moment.invitations, pk=invitation)
    services.tis_invitation_revoke(invitation=found, actor=request.user)
    messages.success(request, _("The link no longer works."))
    return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)


@community_view(Action.MANAGE_MONITORING)
def tis_barrier_link(request, access, pk: int, barrier: int):
    moment = _moment_or_404(access, pk)
    found = get_object_or_404(moment.barriers, pk=barrier)
    groups = intervention_choices(access.community)
    form = BarrierLinkForm(
        request.POST or None,
        groups=groups,
        initial={"intervention": found.intervention_ref, "note": found.intervention_note},
    )
    if request.method == "POST" and form.is_valid():
        services.tis_barrier_link(
            barrier=found,
            actor=request.user,
            intervention_ref=form.cleaned_data["intervention"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Saved."))
        return redirect("monitoring:tis_moment", slug=access.community.slug, pk=moment.pk)
    return render_cop(
        request, access, "monitoring/tis_barrier_form.html", form=form, moment=moment, barrier=found
    )


def tis_expert(request, tis_token: str):
    """An outside expert's own form, reached by the link in their e-mail, without an account.
    The link opens this one form for this one moment, until the moment closes or it expires."""
    invitation = selectors.tis_invitation_for_token(tis_token)
    if invitation is None:
        raise Http404
    moment = invitation.moment
    if not invitation.is_usable():
        return render(
            request,
            "monitoring/tis_expert_closed.html",
            {"moment": moment, "community_name": moment.community.name},
            status=410,
        )
    context = _answer(request, moment, invitation=invitation)
    if context is None:
        return render(
            request,
            "monitoring/tis_expert_done.html",
            {"moment": moment, "community_name": moment.community.name},
        )
    return render(
        request,
        "monitoring/tis_expert.html",
        {**context, "community_name": moment.community.name, "invitation": invitation},
    )


urlpatterns = [
    path("c/<slug:slug>/monitoring/tis/", tis, name="tis"),
    path("c/<slug:slug>/monitoring/tis/new/", tis_moment_edit, name="tis_moment_new"),
    path("c/<slug:slug>/monitoring/tis/<int:pk>/", tis_moment, name="tis_moment"),
    path("c/<slug:slug>/monitoring/tis/<int:pk>/edit/", tis_moment_edit, name="tis_moment_edit"),
    path("c/<slug:slug>/monitoring/tis/<int:pk>/answer/", tis_answer, name="tis_answer"),
    path("c/<slug:slug>/monitoring/tis/<int:pk>/invite/", tis_invite, name="tis_invite"),
    path(
        "c/<slug:slug>/monitoring/tis/<int:pk>/invitations/<int:invitation>/revoke/",
        tis_invitation_revoke,
        name="tis_invitation_revoke",
    ),
    path(
        "c/<slug:slug>/monitoring/tis/<int:pk>/barriers/<int:barrier>/",
        tis_barrier_link,
        name="tis_barrier_link",
    ),
    path("tis/<str:tis_token>/", tis_expert, name="tis_expert"),
]
