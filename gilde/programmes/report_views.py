"""The programme report's pages, for the programme's managers: the introduction, the worker's
progress, a preview and the files."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.core.document_jobs import job_file_response

from . import services
from .access import programme_view
from .forms import ReportForm
from .models import ProgrammeReport
from .report import fingerprint, programme_document


def _context(access, report: ProgrammeReport, **extra) -> dict:
    return {
        "programme": access.programme,
        "report": report,
        "current": report.is_current_at(fingerprint(access.programme)),
        **extra,
    }


@programme_view
def report(request, access):
    item = services.report_of(access.programme)
    form = ReportForm(request.POST or None, initial={"introduction": item.introduction})
    if request.method == "POST":
        if form.is_valid():
            services.report_introduction_save(report=item, **form.cleaned_data)
            messages.success(request, _("The introduction is saved."))
            return redirect("programmes:report", programme=access.programme.slug)
        messages.error(request, _("The introduction is not saved: see the message below."))
    return render(request, "programmes/programme_report.html", _context(access, item, form=form))


@programme_view
@require_POST
def report_generate(request, access):
    item = services.report_of(access.programme)
    if services.report_request(report=item, actor=request.user):
        messages.success(request, _("The report is being made. This page shows when it is ready."))
    elif item.is_current_at(fingerprint(access.programme)):
        messages.info(request, _("The report is up to date: nothing changed since it was made."))
    else:
        messages.info(request, _("The report is being made already; one moment."))
    if request.htmx:
        return report_status(request, access.programme.slug)
    return redirect("programmes:report", programme=access.programme.slug)


@programme_view
def report_status(request, access):
    item = services.report_of(access.programme)
    return render(request, "programmes/programme_report.html#status", _context(access, item))


@programme_view
def report_preview(request, access):
    item = services.report_of(access.programme)
    return render(
        request,
        "programmes/programme_report_preview.html",
        {"programme": access.programme, "document": programme_document(item)},
    )


@programme_view
def report_download(request, access, fmt: str):
    item = services.report_of(access.programme)
    return job_file_response(ProgrammeReport, item.pk, fmt, f"{access.programme.slug}-report")
