"""Step 2 views: importing candidates from a spreadsheet: upload, map the columns, confirm."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRefresh

from gilde.accounts.models import KnowledgeType
from gilde.communities.access import Action, community_view
from gilde.composition import importing, services, staging
from gilde.composition.forms.pipeline import (
    ColumnMappingForm,
    ImportConfirmForm,
    ImportUploadForm,
)
from gilde.composition.models import (
    ImportStaging,
    ImportStatus,
    PioneerFollower,
)


def _context(access, **extra) -> dict:
    return {"access": access, "community": access.community, **extra}


# Import: upload → map the columns → check and confirm. The parsed rows wait in a staging row
# (see `staging.py`); the session holds only its id.


def _session_key(community) -> str:
    return f"composition_import_{community.pk}"


def _staged(request, access) -> ImportStaging | None:
    return staging.import_staging_for(
        community=access.community,
        owner=request.user,
        staging_id=request.session.get(_session_key(access.community), ""),
    )


def _forget(request, access, staged: ImportStaging | None) -> None:
    if staged is not None:
        staging.import_staging_delete(staging=staged)
    request.session.pop(_session_key(access.community), None)


def _data(staged: ImportStaging) -> dict:
    return {**staged.payload, "filename": staged.filename}


def _no_pending_import(request, access):
    messages.info(request, _("Upload a file to start an import."))
    return redirect("composition:import", slug=access.community.slug)


@community_view(Action.MANAGE_CANDIDATES)
def import_upload(request, access):
    community = access.community
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = staging.import_start(
                community=community,
                owner=request.user,
                filename=upload.name,
                data=upload.read(importing.MAX_BYTES + 1),
            )
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[_session_key(community)] = str(staged.pk)
            if staged.status == ImportStatus.READY:
                data = staged.payload
                count = len(data["rows"])
                if data["encoding"]:
                    text = ngettext(
                        "%(count)s row read from %(file)s (text encoding: %(encoding)s). "
                        "Check what each column holds.",
                        "%(count)s rows read from %(file)s (text encoding: %(encoding)s). "
                        "Check what each column holds.",
                        count,
                    )
                else:
                    text = ngettext(
                        "%(count)s row read from %(file)s. Check what each column holds.",
                        "%(count)s rows read from %(file)s. Check what each column holds.",
                        count,
                    )
                messages.success(
                    request,
                    text % {"count": count, "file": staged.filename, "encoding": data["encoding"]},
                )
            return redirect("composition:import_map", slug=community.slug)
    staged = _staged(request, access)
    return render(
        request,
        "composition/import_upload.html",
        _context(
            access,
            form=form,
            pending=_data(staged) if staged and staged.status == ImportStatus.READY else None,
            reading=staged if staged and staged.status == ImportStatus.READING else None,
        ),
    )


def _reading(request, access, staged: ImportStaging):
    """While the worker reads the file: a page that shows how far it is. With htmx the page
    asks again every two seconds and reloads itself once the rows are read; without it, the
    person reloads the page with its link."""
    if staged.status == ImportStatus.FAILED:
        if request.htmx:
            return HttpResponseClientRefresh()
        _forget(request, access, staged)
        return render(
            request,
            "composition/import_reading.html",
            _context(access, staged=staged, failed=True),
        )
    template = "composition/import_reading.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, _context(access, staged=staged, failed=False))


@community_view(Action.MANAGE_CANDIDATES)
def import_map(request, access):
    staged = _staged(request, access)
    if staged is None:
        return _no_pending_import(request, access)
    if staged.status != ImportStatus.READY:
        return _reading(request, access, staged)
    if request.htmx and request.GET.get("progress"):
        return HttpResponseClientRefresh()
    data = _data(staged)
    headers = data["headers"]
    initial = {f"column_{n}": value for n, value in enumerate(data["mapping"])}
    form = ColumnMappingForm(
        request.POST or None, initial=initial, headers=headers, samples=data["rows"][:5]
    )
    if request.method == "POST" and form.is_valid():
        staging.import_mapping_save(staging=staged, mapping=form.mapping())
        return redirect("composition:import_confirm", slug=access.community.slug)
    return render(
        request,
        "composition/import_map.html",
        _context(access, form=form, data=data),
    )


def _check(access, data: dict) -> importing.Report:
    community = access.community
    candidates = community.candidates.values_list("email", "name")
    return importing.check_rows(
        headers=data["headers"],
        rows=data["rows"],
        numbers=data["numbers"],
        mapping=data["mapping"],
        candidate_emails={email.lower() for email, _name in candidates if email},
        member_emails={
            email.lower() for email in community.memberships.values_list("user__email", flat=True)
        },
        candidate_names_without_email={
            " ".join(name.lower().split()) for email, name in candidates if not email
        },
    )


CHOICE_LABELS = {"knowledge_type": KnowledgeType, "pioneer": PioneerFollower}


def _shown(name: str, value: str) -> str:
    choices = CHOICE_LABELS.get(name)
    return str(choices(value).label) if choices and value else value


@community_view(Action.MANAGE_CANDIDATES)
def import_confirm(request, access):
    community = access.community
    staged = _staged(request, access)
    if staged is None:
        return _no_pending_import(request, access)
    data = _data(staged)
    if staged.status != ImportStatus.READY or not data.get("mapped"):
        return redirect("composition:import_map", slug=community.slug)
    report = _check(access, data)
    if request.method == "POST":
        if request.POST.get("cancel"):
            _forget(request, access, staged)
            messages.info(request, _("The import is cancelled; nothing was imported."))
            return redirect("composition:candidates", slug=community.slug)
        form = ImportConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to import."))
            return redirect("composition:import_confirm", slug=community.slug)
        if form.cleaned_data["mode"] == "all" and not report.clean:
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows have problems. Fix the file and upload it "
                    "again, or choose to import only the valid rows."
                ),
            )
            return redirect("composition:import_confirm", slug=community.slug)
        rows = [importing.candidate_fields(row) for row in report.valid]
        if not rows:
            messages.error(request, _("Nothing was imported: no row is valid."))
            return redirect("composition:import_confirm", slug=community.slug)
        try:
            created = services.candidates_import(community=community, actor=request.user, rows=rows)
        except IntegrityError:
            # Someone added one of these people meanwhile; the transaction left nothing behind.
            messages.error(
                request,
                _("Nothing was imported: the candidates changed meanwhile. Check the rows again."),
            )
            return redirect("composition:import_confirm", slug=community.slug)
        _forget(request, access, staged)
        messages.success(
            request,
            ngettext(
                "%(count)s candidate imported as “suggested”.",
                "%(count)s candidates imported as “suggested”.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("composition:candidates", slug=community.slug)
    mapped = [
        (importing.FIELDS[name], data["headers"][index])
        for index, name in enumerate(data["mapping"])
        if name != importing.IGNORE
    ]
    ignored = [
        header
        for header, name in zip(data["headers"], data["mapping"], strict=True)
        if name == importing.IGNORE
    ]
    preview_fields = [
        (name, label)
        for name, label in importing.FIELDS.items()
        if name in data["mapping"] and name != "notes"
    ]
    valid = report.valid
    return render(
        request,
        "composition/import_confirm.html",
        _context(
            access,
            data=data,
            report=report,
            invalid=report.invalid,
            valid=valid,
            valid_preview=[
                [_shown(name, row.values.get(name, "")) for name, _label in preview_fields]
                for row in valid[:50]
            ],
            preview_fields=preview_fields,
            mapped=mapped,
            ignored=ignored,
        ),
    )


urlpatterns = [
    path("c/<slug:slug>/group/import/", import_upload, name="import"),
    path("c/<slug:slug>/group/import/columns/", import_map, name="import_map"),
    path("c/<slug:slug>/group/import/check/", import_confirm, name="import_confirm"),
]
