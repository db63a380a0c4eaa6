"""Step 6 views: the social map, its table, a member's own ties, the network question, ties by
hand, kinds of tie, the settings, and the export."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import meetings_of
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate
from gilde.core.safe_svg import safe_svg
from gilde.core.tabular import escape_formula

from .. import charts, selectors, services
from ..forms import MonitoringSettingsForm, NetworkAnswerForm, TieForm, TieKindForm

PER_CHOICES = ("meeting", "quarter")


def _choice(request, name: str, allowed, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


@community_view(Action.VIEW_MONITORING)
def network(request, access):
    per = _choice(request, "per", PER_CHOICES, "meeting")
    colour = _choice(request, "colour", selectors.network.COLOUR_BY, "organisation")
    social = selectors.social_map(
        access=access, per=per, span_key=request.GET.get("period", ""), colour_by=colour
    )
    trend_chart = ""
    if len(social.trend) > 1:
        # charts.py escapes every text it draws and writes its numbers unlocalised.
        trend_chart = safe_svg(
            charts.trend_svg(
                [span.label for span, _figures in social.trend],
                [
                    (_("Density"), [f.density for _s, f in social.trend]),
                    (
                        _("Share of ties across organisations"),
                        [f.across_share for _s, f in social.trend],
                    ),
                ],
                title=_(
                    "Density and the share of ties across organisations per period, from 0 to "
                    "1; the table below gives the numbers."
                ),
                uid="network-trend",
            )
        )
    return render_cop(
        request,
        access,
        "monitoring/network_map.html",
        social=social,
        trend_chart=trend_chart,
        svg=safe_svg(social.svg),
        per=per,
        colour=colour,
        named=social.visibility == selectors.NAMES,
        can_manage=access.can(Action.MANAGE_MONITORING),
        can_edit_ties=access.can(Action.VIEW_NETWORK_NAMES),
        network_due=selectors.network_question_due(access.membership),
    )


@community_view(Action.VIEW_MONITORING)
def network_table(request, access):
    if selectors.network_gate(access=access) != selectors.NAMES:
        raise PermissionDenied
    per = _choice(request, "per", PER_CHOICES, "meeting")
    spans = selectors.network_spans(access.community, per=per)
    key = request.GET.get("period", "")
    span = next((s for s in spans if s.key == key), spans[-1] if spans else None)
    ties = selectors.ties_in_span(access.community, span) if span else []
    page = paginate(request, ties)
    return render_cop(
        request,
        access,
        "monitoring/network_table.html",
        spans=spans,
        span=span,
        per=per,
        page=page,
        can_edit_ties=access.can(Action.VIEW_NETWORK_NAMES),
    )


@community_view(Action.TAKE_PART_IN_MONITORING)
def my_ties(request, access):
    ties = selectors.ties_naming(access.membership)
    return render_cop(
        request,
        access,
        "monitoring/tie_list_mine.html",
        page=paginate(request, ties),
        network_due=selectors.network_question_due(access.membership),
    )


def _tie_or_404(access, pk: int):
    return get_object_or_404(access.community.ties.select_related("kind"), pk=pk)


@community_view(Action.TAKE_PART_IN_MONITORING)
@require_POST
def tie_remove(request, access, pk: int):
    tie = _tie_or_404(access, pk)
    # A member removes a tie that names them; facilitators any tie.
    if not (tie.names(access.membership) or access.can(Action.VIEW_NETWORK_NAMES)):
        raise PermissionDenied
    services.tie_remove(tie=tie, actor=request.user)
    messages.success(request, _("The tie is removed from the social map."))
    if request.POST.get("next") == "table":
        return redirect("monitoring:network_table", slug=access.community.slug)
    return redirect("monitoring:my_ties", slug=access.community.slug)


def _meeting_ref(community, meeting_id: int):
    return next((ref for ref in meetings_of(community) if ref.id == meeting_id), None)


def _answer_form(access, data=None):
    community = access.community
    kinds = services.tie_kinds_ensure(community=community)
    form = NetworkAnswerForm(
        data,
        kinds=community.tie_kinds.all(),
        members=selectors.map_members(community).exclude(pk=access.membership.pk),
        actors=community.outside_actors.all(),
        initial={"kind": next((k for k in kinds if k.key == "exchanged"), kinds[0]).pk},
    )
    return form


@community_view(Action.TAKE_PART_IN_MONITORING)
def network_answer(request, access, meeting: int):
    ref = _meeting_ref(access.community, meeting)
    if ref is None or ref.cancelled:
        raise Http404
    if ref.ends_at > timezone.now():
        messages.info(request, _("The network question opens when the meeting has ended."))
        return redirect("monitoring:my_ties", slug=access.community.slug)
    form = _answer_form(access, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _answer, added = services.network_answer_save(
            membership=access.membership,
            meeting_id=ref.id,
            meeting_day=timezone.localtime(ref.starts_at).date(),
            kind=data["kind"],
            members=list(data["members"]),
            actors=list(data.get("actors") or []),
            new_actor_names=data["new_actors"],
            new_actor_kind=data["new_actor_kind"],
        )
        if added:
            messages.success(
                request,
                _("Thank you. %(count)s ties are added to the social map.") % {"count": added},
            )
        else:
            messages.success(request, _("Thank you. Your answer is saved."))
        return redirect("monitoring:my_ties", slug=access.community.slug)
    return render_cop(request, access, "monitoring/network_answer.html", form=form, meeting=ref)


def _tie_form(access, data=None, **kwargs):
    community = access.community
    services.tie_kinds_ensure(community=community)
    return TieForm(
        data,
        kinds=community.tie_kinds.all(),
        members=selectors.map_members(community),
        actors=community.outside_actors.all(),
        **kwargs,
    )


@community_view(Action.VIEW_NETWORK_NAMES)
def tie_add(request, access):
    form = _tie_form(access, request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tie_add(
                community=access.community,
                actor=request.user,
                member=data["member"],
                other_member=data["other_member"],
                outside=data["actor"],
                kind=data["kind"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                note=data["note"],
            )
        except services.MonitoringError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The tie is added."))
            return redirect("monitoring:network_table", slug=access.community.slug)
    return render_cop(request, access, "monitoring/tie_form.html", form=form, tie=None)


@community_view(Action.VIEW_NETWORK_NAMES)
def tie_edit(request, access, pk: int):
    tie = _tie_or_404(access, pk)
    form = _tie_form(
        access,
        request.POST or None,
        editing=True,
        initial={
            "kind": tie.kind_id,
            "started_on": tie.started_on,
            "ended_on": tie.ended_on,
            "note": tie.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tie_update(
                tie=tie,
                actor=request.user,
                kind=data["kind"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                note=data["note"],
            )
        except services.MonitoringError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The tie is saved."))
            return redirect("monitoring:network_table", slug=access.community.slug)
    return render_cop(request, access, "monitoring/tie_form.html", form=form, tie=tie)


@community_view(Action.MANAGE_MONITORING)
def monitoring_settings(request, access):
    community = access.community
    settings = selectors.monitoring_settings_for(community)
    kinds = services.tie_kinds_ensure(community=community)
    form = MonitoringSettingsForm(
        request.POST if "save_settings" in request.POST else None,
        initial={
            "network_shared_with_group": settings.network_shared_with_group,
            "cycle_meetings": settings.cycle_meetings,
        },
    )
    kind_form = TieKindForm(request.POST if "add_kind" in request.POST else None)
    if request.method == "POST" and "save_settings" in request.POST and form.is_valid():
        services.monitoring_settings_save(
            community=community, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The settings are saved."))
        return redirect("monitoring:settings", slug=community.slug)
    if request.method == "POST" and "add_kind" in request.POST and kind_form.is_valid():
        try:
            services.tie_kind_add(
                community=community, actor=request.user, name=kind_form.cleaned_data["name"]
            )
        except services.MonitoringError as error:
            kind_form.add_error("name", error.message)
        else:
            messages.success(request, _("The kind of tie is added."))
            return redirect("monitoring:settings", slug=community.slug)
    return render_cop(
        request,
        access,
        "monitoring/settings_form.html",
        form=form,
        kind_form=kind_form,
        kinds=kinds,
    )


# Export: CSV (one row per tie) and GraphML (for Gephi), for those who see the named map.

EXPORT_FORMATS = {"csv", "graphml"}


def _export_rows(community):
    rows = []
    ties = community.ties.select_related(
        "member__user__organisation", "other_member__user__organisation", "actor", "kind"
    ).order_by("started_on", "pk")
    for tie in ties:
        other = tie.other_member
        rows.append(
            [
                str(tie.member.user),
                getattr(tie.member.user.organisation, "name", ""),
                str(other.user) if other else tie.actor.name,
                getattr(other.user.organisation, "name", "") if other else "",
                _("member") if other else str(tie.actor.get_kind_display()).lower(),
                tie.kind.label,
                tie.started_on.isoformat(),
                tie.ended_on.isoformat() if tie.ended_on else "",
                tie.note,
            ]
        )
    return rows


@community_view(Action.VIEW_NETWORK_NAMES)
def network_export(request, access, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    community = access.community
    stamp = timezone.localdate().isoformat()
    if fmt == "graphml":
        from ..exporting import graphml_bytes

        response = HttpResponse(graphml_bytes(community), content_type="application/graphml+xml")
        response["Content-Disposition"] = (
            f'attachment; filename="{community.slug}-{_("social-map")}-{stamp}.graphml"'
        )
        return response
    headers = [
        _("Person"),
        _("Organisation"),
        _("With"),
        _("Their organisation"),
        _("Who"),
        _("Kind of tie"),
        _("Start"),
        _("End"),
        _("Note"),
    ]
    buffer = io.StringIO()
    delimiter = ";" if (get_language() or "").startswith("nl") else ","
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([escape_formula(value) for value in headers])
    writer.writerows([escape_formula(value) for value in row] for row in _export_rows(community))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{community.slug}-{_("social-map")}-{stamp}.csv"'
    )
    return response


urlpatterns = [
    path("c/<slug:slug>/monitoring/network/", network, name="network"),
    path("c/<slug:slug>/monitoring/network/table/", network_table, name="network_table"),
    path("c/<slug:slug>/monitoring/network/mine/", my_ties, name="my_ties"),
    path(
        "c/<slug:slug>/monitoring/network/answer/<int:meeting>/",
        network_answer,
        name="network_answer",
    ),
    path("c/<slug:slug>/monitoring/network/ties/new/", tie_add, name="tie_add"),
    path("c/<slug:slug>/monitoring/network/ties/<int:pk>/edit/", tie_edit, name="tie_edit"),
    path("c/<slug:slug>/monitoring/network/ties/<int:pk>/remove/", tie_remove, name="tie_remove"),
    path("c/<slug:slug>/monitoring/settings/", monitoring_settings, name="settings"),
    path(
        "c/<slug:slug>/monitoring/network/export/<str:fmt>/",
        network_export,
        name="network_export",
    ),
]
