"""Reports per audience: settings, the worker's progress, the preview and the files."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.core.document_jobs import job_file_response

from .. import selectors, services
from ..document import report_document, report_period
from ..forms import ReportSettingsForm
from ..models import Report, ReportAudience

# Reports


@community_view(Action.MANAGE_COMMUNICATION)
def reports(request, access):
    community = access.community
    if request.method == "POST":
        audience = request.POST.get("audience", "")
        organisation_id = None
        if audience not in ReportAudience.values:
            messages.error(request, _("Choose whom the report is for."))
            return redirect("communicate:reports", slug=community.slug)
        if audience == ReportAudience.ORGANISATION:
            organisation = (
                selectors.cop_organisations(community)
                .filter(pk=_int(request.POST.get("organisation")))
                .first()
            )
            if organisation is None:
                messages.error(request, _("Choose one of the CoP's organisations."))
                return redirect("communicate:reports", slug=community.slug)
            organisation_id = organisation.pk
        report = services.report_get_or_create(
            community=community, audience=audience, organisation_id=organisation_id
        )
        return redirect("communicate:report", slug=community.slug, pk=report.pk)
    return render_cop(
        request,
        access,
        "communicate/report_list.html",
        reports=selectors.reports_of(community),
        organisations=selectors.cop_organisations(community),
        audiences=ReportAudience.choices,
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _report_or_404(access, pk: int):
    report = selectors.report_of(access.community, pk)
    if report is None:
        raise Http404
    return report


@community_view(Action.MANAGE_COMMUNICATION)
def report(request, access, pk: int):
    community = access.community
    item = _report_or_404(access, pk)
    start, end = report_period(item, community)
    form = ReportSettingsForm(
        request.POST or None,
        initial={"period_start": start, "period_end": end, "introduction": item.introduction},
    )
    if request.method == "POST":
        if form.is_valid():
            services.report_settings_save(report=item, **form.cleaned_data)
            messages.success(request, _("The report's settings are saved."))
            return redirect("communicate:report", slug=community.slug, pk=item.pk)
        messages.error(request, _("The settings are not saved: see the message below."))
    return render_cop(
        request,
        access,
        "communicate/report_detail.html",
        report=item,
        form=form,
        current=item.is_current(community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def report_generate(request, access, pk: int):
    community = access.community
    item = _report_or_404(access, pk)
    if item.is_current(community):
        messages.info(request, _("The report is up to date: nothing changed since it was made."))
    elif services.report_request(report=item, community=community, actor=request.user):
        messages.success(request, _("The report is being made. This page shows when it is ready."))
    else:
        messages.info(request, _("The report is being made already; one moment."))
    if request.htmx:
        return report_status(request, access.community.slug, pk=pk)
    return redirect("communicate:report", slug=community.slug, pk=item.pk)


@community_view(Action.MANAGE_COMMUNICATION)
def report_status(request, access, pk: int):
    item = _report_or_404(access, pk)
    return render_cop(
        request,
        access,
        "communicate/report_detail.html#status",
        report=item,
        current=item.is_current(access.community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def report_preview(request, access, pk: int):
    item = _report_or_404(access, pk)
    return render_cop(
        request,
        access,
        "communicate/report_preview.html",
        report=item,
        document=report_document(item, access.community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def report_download(request, access, pk: int, fmt: str):
    item = _report_or_404(access, pk)
    return job_file_response(Report, item.pk, fmt, access.community.slug)


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def report_shared(request, access, pk: int):
    item = _report_or_404(access, pk)
    services.report_mark_shared(report=item, on=timezone.localdate())
    messages.success(request, _("Noted: the report is shared."))
    return redirect("communicate:report", slug=access.community.slug, pk=item.pk)
