"""Importing ties: upload → say what each column holds → check row by row and import. The
parsed rows wait in a staging row (`communities.staging`); the session holds only its id."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from gilde.communities import staging
from gilde.communities.access import Action, community_view
from gilde.communities.models import ImportStatus
from gilde.communities.pages import render_cop
from gilde.core import tabular

from .. import importing, services
from ..forms import ImportConfirmForm, ImportUploadForm, TieColumnMappingForm
from ..tasks import ties_import_read


def _session_key(community) -> str:
    return f"monitoring_import_{community.pk}"


def _staged(request, access):
    return staging.import_staging_for(
        community=access.community,
        owner=request.user,
        kind=importing.KIND,
        staging_id=request.session.get(_session_key(access.community), ""),
    )


def _forget(request, access, staged) -> None:
    if staged is not None:
        staging.import_staging_delete(staging=staged)
    request.session.pop(_session_key(access.community), None)


@community_view(Action.VIEW_NETWORK_NAMES)
def import_upload(request, access):
    community = access.community
    services.tie_kinds_ensure(community=community)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = staging.import_start(
                community=community,
                owner=request.user,
                kind=importing.KIND,
                filename=upload.name,
                data=upload.read(importing.LIMITS.max_bytes + 1),
                limits=importing.LIMITS,
                guess=importing.guess_mapping,
                read_task=ties_import_read,
            )
        except tabular.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[_session_key(community)] = str(staged.pk)
            return redirect("monitoring:import_map", slug=community.slug)
    return render_cop(
        request,
        access,
        "monitoring/import_upload.html",
        form=form,
        kinds=community.tie_kinds.all(),
    )


@community_view(Action.VIEW_NETWORK_NAMES)
def import_map(request, access):
    staged = _staged(request, access)
    if staged is None:
        messages.info(request, _("Upload a file to start an import."))
        return redirect("monitoring:import", slug=access.community.slug)
    if staged.status != ImportStatus.READY:
        if staged.status == ImportStatus.FAILED:
            if request.htmx:
                return HttpResponseClientRefresh()
            _forget(request, access, staged)
        template = "monitoring/import_reading.html"
        if request.htmx:
            template += "#progress"
        return render_cop(
            request, access, template, staged=staged, failed=staged.status == ImportStatus.FAILED
        )
    if request.htmx and request.GET.get("progress"):
        return HttpResponseClientRefresh()
    data = {**staged.payload, "filename": staged.filename}
    initial = {f"column_{n}": value for n, value in enumerate(data["mapping"])}
    form = TieColumnMappingForm(
        request.POST or None, initial=initial, headers=data["headers"], samples=data["rows"][:5]
    )
    if request.method == "POST" and form.is_valid():
        staging.import_mapping_save(staging=staged, mapping=form.mapping())
        return redirect("monitoring:import_confirm", slug=access.community.slug)
    return render_cop(request, access, "monitoring/import_map.html", form=form, data=data)


@community_view(Action.VIEW_NETWORK_NAMES)
def import_confirm(request, access):
    community = access.community
    staged = _staged(request, access)
    if staged is None:
        messages.info(request, _("Upload a file to start an import."))
        return redirect("monitoring:import", slug=community.slug)
    data = staged.payload
    if staged.status != ImportStatus.READY or not data.get("mapped"):
        return redirect("monitoring:import_map", slug=community.slug)
    lookups = importing.lookups_for(community)
    report = importing.check_tie_rows(
        headers=data["headers"],
        rows=data["rows"],
        numbers=data["numbers"],
        mapping=data["mapping"],
        lookups=lookups,
    )
    if request.method == "POST":
        if request.POST.get("cancel"):
            _forget(request, access, staged)
            messages.info(request, _("The import is cancelled; nothing was imported."))
            return redirect("monitoring:network", slug=community.slug)
        form = ImportConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to import."))
            return redirect("monitoring:import_confirm", slug=community.slug)
        if form.cleaned_data["mode"] == "all" and not report.clean:
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows have problems. Fix the file and upload it "
                    "again, or choose to import only the valid rows."
                ),
            )
            return redirect("monitoring:import_confirm", slug=community.slug)
        rows = [importing.tie_row(row.values, lookups) for row in report.valid]
        if not rows:
            messages.error(request, _("Nothing was imported: no row is valid."))
            return redirect("monitoring:import_confirm", slug=community.slug)
        try:
            count = services.ties_import(community=community, actor=request.user, rows=rows)
        except (IntegrityError, services.MonitoringError):
            messages.error(
                request,
                _("Nothing was imported: the social map changed meanwhile. Check the rows again."),
            )
            return redirect("monitoring:import_confirm", slug=community.slug)
        _forget(request, access, staged)
        messages.success(request, _("%(count)s ties imported.") % {"count": count})
        return redirect("monitoring:network_table", slug=community.slug)
    mapped = [
        (importing.FIELDS[name], data["headers"][index])
        for index, name in enumerate(data["mapping"])
        if name != importing.IGNORE
    ]
    columns = [(name, label) for name, label in importing.FIELDS.items() if name in data["mapping"]]
    valid = report.valid
    return render_cop(
        request,
        access,
        "monitoring/import_confirm.html",
        data={**data, "filename": staged.filename},
        report=report,
        invalid=report.invalid,
        valid=valid,
        preview_fields=columns,
        valid_preview=[[row.values.get(name, "") for name, _l in columns] for row in valid[:50]],
        mapped=mapped,
    )


urlpatterns = [
    path("c/<slug:slug>/monitoring/network/import/", import_upload, name="import"),
    path("c/<slug:slug>/monitoring/network/import/columns/", import_map, name="import_map"),
    path("c/<slug:slug>/monitoring/network/import/check/", import_confirm, name="import_confirm"),
]
