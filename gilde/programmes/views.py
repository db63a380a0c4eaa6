import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.core.tabular import escape_formula, xlsx_bytes
from gilde.guide.selectors import guide_for_request

from . import selectors, services, tables
from .access import programme_cop_or_404, programme_view
from .display import Words, cell_text, value_text
from .forms import FilterForm, InviteForm, LabelsForm, ManagerForm, ProgrammeForm
from .models import LinkStatus, ProgrammeCop

# The CoPs a programme's settings page shows and labels: those that joined it at some time.
KNOWN_TO_THE_PROGRAMME = (LinkStatus.MEMBER, LinkStatus.LEFT)


@login_required
def mine(request):
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": selectors.programmes_managed_by(request.user)},
    )


@login_required
def create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = services.programme_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The programme is made. Invite its CoPs under Settings."))
        return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "creating": True})


def _filters(request) -> selectors.Filters:
    year = request.GET.get("start_year", "")
    return selectors.Filters(
        theme=request.GET.get("theme", "")[:80],
        region=request.GET.get("region", "")[:80],
        start_year=int(year) if year.isdigit() and len(year) == 4 else None,
    )


def _table(overview, words: Words) -> tuple[list[dict], list[dict], list, list]:
    columns = tables.columns(overview)
    # Written here rather than in the template: a hundred CoPs make two thousand cells.
    base = reverse("programmes:overview", args=[overview.programme.slug])
    stands: dict = {}
    rows = []
    for row in overview.rows:
        if row.stands_at not in stands:
            stands[row.stands_at] = tables.stands_label(row.stands_at)
        rows.append(
            {
                "row": row,
                "url": f"{base}cops/{row.community.slug}/",
                "stands": stands[row.stands_at],
                "cells": words.cells_html((row.cells[c["key"]], c["kind"]) for c in columns),
            }
        )
    return (
        columns,
        rows,
        tables.totals_row(overview, columns),
        tables.medians_row(overview, columns),
    )


@programme_view
def overview(request, access):
    programme = access.programme
    data = selectors.programme_overview(programme=programme, filters=_filters(request))
    form = FilterForm(
        request.GET or None, themes=data.themes, regions=data.regions, years=data.years
    )
    words = Words()
    columns, rows, totals, medians = _table(data, words)
    return render(
        request,
        "programmes/programme_overview.html",
        {
            "programme": programme,
            "data": data,
            "form": form,
            "columns": columns,
            "rows": rows,
            "totals": totals,
            "medians": medians,
            "distribution": [(bar.label, bar.value) for bar in tables.distribution_rows(data)],
            "stall_chart": tables.stall_chart(data),
            "value_chart": tables.value_chart(data, words) if data.rows else "",
            "work_forms": tables.work_form_rows(data, guide_for_request()),
        },
    )


@programme_view
def cop(request, access, slug: str):
    link = programme_cop_or_404(access, slug)
    detail = selectors.programme_cop_detail(link=link)
    figures = [
        {
            "label": d.label,
            "explanation": d.explanation,
            "text": cell_text(detail.row.cells[d.key], d.kind),
            "shown": detail.row.cells[d.key].shown,
        }
        for d in detail.definitions
    ]
    trend = detail.row.cells[tables.TREND]
    steps = [(number, status) for number, status in enumerate(detail.row.statuses, start=1)]
    history = [
        (period, [cell_text(cells[d.key], d.kind) for d in detail.definitions])
        for period, cells in detail.history
    ]
    return render(
        request,
        "programmes/programme_cop.html",
        {
            "programme": access.programme,
            "link": link,
            "detail": detail,
            "figures": figures,
            "trend_text": cell_text(trend, "change"),
            "trend_values": [value_text(v, "number") for v in detail.row.trend],
            "steps": steps,
            "definitions": detail.definitions,
            "history": history,
        },
    )


def _settings_context(access, **forms) -> dict:
    programme = access.programme
    # Only CoPs that joined (and those that left again): a row for an open or declined invitation
    # would prove that a CoP has the address the manager typed (cop_invite_by_address).
    links = list(
        programme.links.filter(status__in=KNOWN_TO_THE_PROGRAMME)
        .select_related("community")
        .order_by("status", "community__name")
    )
    for link in links:
        link.label = link.community.name
    return {
        "programme": programme,
        "managers": list(programme.managers.select_related("user").order_by("user__name")),
        "links": links,
        "form": forms.get("form") or ProgrammeForm(instance=programme),
        "manager_form": forms.get("manager_form") or ManagerForm(),
        "invite_form": forms.get("invite_form") or InviteForm(),
    }


@programme_view
def settings(request, access):
    programme = access.programme
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        programme.refresh_from_db()
        services.programme_update(programme=programme, actor=request.user, **fields)
        messages.success(request, _("The programme is saved."))
        return redirect("programmes:settings", programme=programme.slug)
    if request.method == "POST":
        programme.refresh_from_db()
    return render(
        request, "programmes/programme_settings.html", _settings_context(access, form=form)
    )


@programme_view
@require_POST
def manager_add(request, access):
    form = ManagerForm(request.POST)
    if form.is_valid():
        try:
            services.manager_add(
                programme=access.programme, actor=request.user, email=form.cleaned_data["email"]
            )
        except services.ProgrammeError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("The manager is added."))
            return redirect("programmes:settings", programme=access.programme.slug)
    return render(
        request,
        "programmes/programme_settings.html",
        _settings_context(access, manager_form=form),
        status=400,
    )


@programme_view
@require_POST
def manager_remove(request, access, pk: int):
    manager = get_object_or_404(access.programme.managers, pk=pk)
    try:
        services.manager_remove(programme=access.programme, actor=request.user, manager=manager)
    except services.ProgrammeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The manager is removed."))
    if (
        manager.user_id == request.user.pk
        and not access.programme.managers.filter(user=request.user).exists()
    ):
        return redirect("programmes:mine")
    return redirect("programmes:settings", programme=access.programme.slug)


@programme_view
@require_POST
def invite(request, access):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.cop_invite_by_address(
                programme=access.programme,
                actor=request.user,
                slug=form.cleaned_data["cop"],
                theme=form.cleaned_data["theme"],
                region=form.cleaned_data["region"],
            )
        except services.ProgrammeError as error:
            form.add_error("cop", str(error))
        else:
            # The same words whether or not a CoP has the address: an unlisted CoP stays unknown.
            messages.success(
                request,
                _(
                    "If a CoP has the address /c/%(address)s/, its initiator receives the "
                    "invitation and decides on the CoP's settings page. The CoP appears here "
                    "once it joins."
                )
                % {"address": form.cleaned_data["cop"]},
            )
            return redirect("programmes:settings", programme=access.programme.slug)
    return render(
        request,
        "programmes/programme_settings.html",
        _settings_context(access, invite_form=form),
        status=400,
    )


@programme_view
@require_POST
def labels(request, access, slug: str):
    link = access.programme.links.filter(
        community__slug=slug, status__in=KNOWN_TO_THE_PROGRAMME
    ).first()
    if link is None:
        raise Http404
    form = LabelsForm(request.POST)
    if form.is_valid():
        services.cop_labels_update(link=link, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The theme and region are saved."))
    else:
        messages.error(request, _("The theme and region could not be saved."))
    return redirect("programmes:settings", programme=access.programme.slug)


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@programme_view
def export(request, access, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404
    headers, rows = tables.export_table(access.programme)
    name = f"{access.programme.slug}-figures.{fmt}"
    if fmt == "xlsx":
        body = xlsx_bytes(headers, rows, title=access.programme.name)
        response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([escape_formula(value) for value in headers])
        writer.writerows([escape_formula(value) for value in row] for row in rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# The CoP's side: its initiator answers an invitation, chooses what to share, and may leave.


def _cop_link(access, programme: str) -> ProgrammeCop:
    link = (
        access.community.programme_links.filter(programme__slug=programme)
        .exclude(status__in=(LinkStatus.DECLINED, LinkStatus.LEFT))
        .select_related("programme", "community")
        .first()
    )
    if link is None:
        raise Http404
    return link


@community_view(Action.DECIDE_PROGRAMMES)
@require_POST
def cop_decide(request, access, programme: str):
    link = _cop_link(access, programme)
    accept = request.POST.get("answer") == "accept"
    try:
        services.cop_decide(link=link, actor=request.user, accept=accept)
    except services.ProgrammeError as error:
        messages.error(request, str(error))
    else:
        if accept:
            messages.success(
                request,
                _("The CoP is in the programme %(name)s now.") % {"name": link.programme.name},
            )
        else:
            messages.success(request, _("The invitation is declined."))
    return redirect("communities:settings", slug=access.community.slug)


@community_view(Action.DECIDE_PROGRAMMES)
@require_POST
def cop_share(request, access, programme: str):
    link = _cop_link(access, programme)
    if not link.is_member:
        raise Http404
    share = request.POST.get("share_reflection") == "on"
    services.cop_share_reflection(link=link, actor=request.user, share=share)
    messages.success(request, _("What the programme sees is saved."))
    return redirect("communities:settings", slug=access.community.slug)


@community_view(Action.DECIDE_PROGRAMMES)
def cop_leave(request, access, programme: str):
    link = _cop_link(access, programme)
    if not link.is_member:
        raise Http404
    if request.method == "POST":
        services.cop_leave(link=link, actor=request.user)
        messages.success(
            request,
            _("The CoP has left the programme %(name)s; it sees nothing of the CoP any more.")
            % {"name": link.programme.name},
        )
        return redirect("communities:settings", slug=access.community.slug)
    return render_cop(request, access, "programmes/cop_leave.html", link=link)
