"""Step 2 views: the candidate pipeline, importing candidates from a file, exporting the members."""

import csv
import io
from dataclasses import dataclass

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from gilde.accounts.models import KnowledgeType
from gilde.communities.access import Action, community_view
from gilde.communities.models import Role
from gilde.communities.pages import delete_page, edit_page
from gilde.communities.services import MembershipError
from gilde.composition import importing, selectors, services, staging
from gilde.composition.forms.pipeline import (
    CandidateForm,
    CandidateMoveForm,
    ColumnMappingForm,
    ImportConfirmForm,
    ImportUploadForm,
)
from gilde.composition.models import (
    Candidate,
    CandidateStatus,
    ImportStaging,
    ImportStatus,
    PioneerFollower,
)
from gilde.core.pagination import paginate
from gilde.core.tabular import xlsx_bytes

CANDIDATE_FIELDS = CandidateForm.Meta.fields

# The pipeline's order: the way in first, then those who left it.
PIPELINE = [
    CandidateStatus.SUGGESTED,
    CandidateStatus.APPROACHED,
    CandidateStatus.INTAKE_PLANNED,
    CandidateStatus.INTAKE_DONE,
    CandidateStatus.INVITED,
    CandidateStatus.MEMBER,
]
LEFT = [CandidateStatus.DECLINED, CandidateStatus.WITHDREW]
ORDER = {status: n for n, status in enumerate(PIPELINE + LEFT)}

# What each status means, under its heading: only "invitation sent" involves Gilde sending mail.
STATUS_HELP = {
    CandidateStatus.SUGGESTED: gettext_lazy("Names to consider. Nobody has been contacted yet."),
    CandidateStatus.APPROACHED: gettext_lazy(
        "Asked in person whether they are interested. Gilde has sent them nothing."
    ),
    CandidateStatus.INTAKE_PLANNED: gettext_lazy(
        "An intake conversation is planned. Gilde has sent them nothing."
    ),
    CandidateStatus.INTAKE_DONE: gettext_lazy(
        "The intake conversation took place. Gilde has sent them nothing."
    ),
    CandidateStatus.INVITED: gettext_lazy(
        "Gilde sent them the CoP's invitation by e-mail. They become a member when they accept it."
    ),
    CandidateStatus.MEMBER: gettext_lazy(
        "In the group. What was noted about them is in their profile in this CoP; the notes stay "
        "here, for the initiator and facilitators only."
    ),
    CandidateStatus.DECLINED: gettext_lazy("Decided not to take part, or not asked after all."),
    CandidateStatus.WITHDREW: gettext_lazy("Dropped out on the way in."),
}

# What choosing each status in the "next" menu does.
MOVE_LABELS = {
    CandidateStatus.SUGGESTED: gettext_lazy("Back to suggested"),
    CandidateStatus.APPROACHED: gettext_lazy("Approached in person"),
    CandidateStatus.INTAKE_PLANNED: gettext_lazy("Intake planned"),
    CandidateStatus.INTAKE_DONE: gettext_lazy("Intake done"),
    CandidateStatus.INVITED: gettext_lazy("Send the invitation"),
    CandidateStatus.MEMBER: gettext_lazy("Already joined another way"),
    CandidateStatus.DECLINED: gettext_lazy("Declined"),
    CandidateStatus.WITHDREW: gettext_lazy("Withdrew"),
}


def _next_statuses(candidate: Candidate) -> list[tuple[str, str]]:
    allowed = sorted(
        (status for status in CandidateStatus if candidate.may_move_to(status)), key=ORDER.get
    )
    labels = {**MOVE_LABELS}
    if candidate.status == CandidateStatus.INVITED:
        labels[CandidateStatus.INVITED] = _("Send the invitation again")
    return [(status.value, str(labels[status])) for status in allowed]


def _context(access, **extra) -> dict:
    return {"access": access, "community": access.community, **extra}


def _also_in_the_group(community, candidates: list[Candidate]):
    """Pending applications, and participants who came in without passing the pipeline."""
    applications = list(
        community.applications.filter(status="pending")
        .select_related("user__organisation")
        .order_by("created_at")
    )
    known = {candidate.email.lower() for candidate in candidates if candidate.email}
    participants = [
        membership
        for membership in community.memberships.filter(role=Role.PARTICIPANT)
        .select_related("user__organisation")
        .order_by("user__name")
        if membership.user.email.lower() not in known
    ]
    return applications, participants


# The pipeline page shows this many per status; "show all" opens that status on its own.
SHOWN_PER_STATUS = 25


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    help: str
    candidates: list  # the ones shown
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.candidates)


def _group(status, candidates: list, only: str | None, page) -> StatusGroup:
    total = page.paginator.count if page is not None and status == only else len(candidates)
    shown = candidates if page is not None else candidates[:SHOWN_PER_STATUS]
    for candidate in shown:
        candidate.next_statuses = _next_statuses(candidate)
    return StatusGroup(status, status.label, STATUS_HELP[status], shown, total)


@community_view(Action.MANAGE_CANDIDATES)
def candidate_list(request, access):
    community = access.community
    form = CandidateForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CANDIDATE_FIELDS}
        candidate = services.candidate_add(community=community, actor=request.user, **fields)
        messages.success(request, _("%(name)s is added as a candidate.") % {"name": candidate.name})
        return redirect("composition:candidates", slug=community.slug)

    candidates = list(community.candidates.select_related("suggested_by"))
    by_status: dict[str, list[Candidate]] = {status: [] for status in ORDER}
    for candidate in candidates:
        by_status[candidate.status].append(candidate)
    only = request.GET.get("status")
    page = None
    if only in by_status:
        # One status, all of it, a page at a time.
        page = paginate(request, by_status[only])
        by_status = {status: [] for status in ORDER} | {only: list(page.object_list)}
    groups = [_group(status, by_status[status], only, page) for status in PIPELINE]
    left = [_group(status, by_status[status], only, page) for status in LEFT]
    applications, participants = _also_in_the_group(community, candidates)
    return render(
        request,
        "composition/candidate_list.html",
        _context(
            access,
            groups=[group for group in groups if not only or group.status == only],
            left=[group for group in left if not only or group.status == only],
            only=only if page else None,
            page=page,
            candidate_count=len(candidates),
            applications=applications,
            participants=participants,
            also_count=len(applications) + len(participants),
            form=form,
        ),
    )


def _candidate_or_404(access, pk: int) -> Candidate:
    return get_object_or_404(access.community.candidates, pk=pk)


@community_view(Action.MANAGE_CANDIDATES)
def candidate_edit(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    return edit_page(
        request,
        access,
        form=CandidateForm(request.POST or None, instance=candidate, community=access.community),
        save=lambda data: services.candidate_update(
            candidate=candidate,
            actor=request.user,
            **{name: data[name] for name in CANDIDATE_FIELDS},
        ),
        template="composition/candidate_form.html",
        done=_("The candidate is saved."),
        next_url=reverse("composition:candidates", args=[access.community.slug]),
        candidate=candidate,
    )


@community_view(Action.MANAGE_CANDIDATES)
@require_POST
def candidate_move(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    back = redirect("composition:candidates", slug=access.community.slug)
    form = CandidateMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status to move %(name)s to.") % {"name": candidate})
        return back
    status = CandidateStatus(form.cleaned_data["status"])
    invitation_pending = bool(candidate.email) and (
        access.community.invitations.pending().filter(email__iexact=candidate.email).exists()
    )
    try:
        candidate = services.candidate_move(candidate=candidate, actor=request.user, status=status)
    except services.TransitionError as error:
        messages.error(request, _transition_refusal(candidate, status, error.code))
        return back
    except MembershipError as error:
        messages.error(request, error.message)
        return back
    name = {"name": candidate.name, "email": candidate.email}
    if candidate.status == CandidateStatus.MEMBER:
        if status == CandidateStatus.INVITED:
            text = _("%(name)s is already a member of this CoP, so no invitation was sent.")
        else:
            text = _("%(name)s is marked as member.")
        text += " " + _("What was noted about them is in their profile in this CoP.")
    elif status == CandidateStatus.INVITED:
        text = _("The invitation is sent to %(email)s. %(name)s becomes a member on accepting it.")
    elif status in (CandidateStatus.DECLINED, CandidateStatus.WITHDREW) and invitation_pending:
        text = _("%(name)s is moved to “%(status)s”; their invitation is withdrawn.")
    else:
        text = _("%(name)s is moved to “%(status)s”.")
    messages.success(request, text % {**name, "status": status.label})
    return back


def _transition_refusal(candidate: Candidate, status: CandidateStatus, code: str) -> str:
    if code == "no_email":
        return _(
            "%(name)s has no e-mail address, and the invitation goes by e-mail. "
            "Add the address first."
        ) % {"name": candidate}
    if code == "not_joined":
        return _(
            "%(name)s is not a member of this CoP yet. Send the invitation: accepting it makes "
            "them a member."
        ) % {"name": candidate}
    return _("%(name)s cannot move from “%(current)s” to “%(target)s”.") % {
        "name": candidate,
        "current": candidate.get_status_display(),
        "target": status.label,
    }


@community_view(Action.MANAGE_CANDIDATES)
def candidate_delete(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.candidate_delete(candidate=candidate, actor=request.user),
        template="composition/candidate_confirm_delete.html",
        done=_("The candidate is deleted."),
        next_url=reverse("composition:candidates", args=[access.community.slug]),
        candidate=candidate,
    )


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


# Export: the member list with profile attributes, never intake notes.

EXPORT_FORMATS = {"csv", "xlsx"}


def _export_rows(community) -> tuple[list[str], list[list[str]]]:
    members = selectors.group_members(community, roles=[role.value for role in Role])
    knowledge = dict(KnowledgeType.choices)
    pioneer = dict(PioneerFollower.choices)
    headers = [
        _("Name"),
        _("E-mail address"),
        _("Role"),
        _("Organisation"),
        _("Sector"),
        _("Function"),
        _("Discipline"),
        _("Knowledge background"),
        _("Pioneer or follower"),
    ]
    rows = [
        [
            member.name,
            member.membership.user.email,
            str(member.membership.get_role_display()),
            member.organisation,
            member.sector,
            member.function,
            member.discipline,
            str(knowledge.get(member.knowledge_type, member.knowledge_type)),
            str(pioneer.get(member.pioneer, member.pioneer)),
        ]
        for member in members
    ]
    return headers, rows


@community_view(Action.MANAGE_CANDIDATES)
def export(request, access, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    community = access.community
    headers, rows = _export_rows(community)
    filename = f"{community.slug}-{_('members')}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        # Excel reads the list separator of its locale: Dutch Excel expects ";".
        delimiter = ";" if (get_language() or "").startswith("nl") else ","
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow([importing.escape_formula(value) for value in headers])
        writer.writerows([importing.escape_formula(value) for value in row] for row in rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            _xlsx(headers, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx(headers: list[str], rows: list[list[str]]) -> bytes:
    return xlsx_bytes(headers, rows, title=_("Members"))


urlpatterns = [
    path("c/<slug:slug>/group/candidates/", candidate_list, name="candidates"),
    path("c/<slug:slug>/group/candidates/<int:pk>/edit/", candidate_edit, name="candidate_edit"),
    path("c/<slug:slug>/group/candidates/<int:pk>/move/", candidate_move, name="candidate_move"),
    path(
        "c/<slug:slug>/group/candidates/<int:pk>/delete/",
        candidate_delete,
        name="candidate_delete",
    ),
    path("c/<slug:slug>/group/import/", import_upload, name="import"),
    path("c/<slug:slug>/group/import/columns/", import_map, name="import_map"),
    path("c/<slug:slug>/group/import/check/", import_confirm, name="import_confirm"),
    path("c/<slug:slug>/group/export/<str:fmt>/", export, name="export"),
]
