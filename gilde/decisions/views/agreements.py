"""The working agreements: the current text, editing with conflict detection, history and
comparison (the shared versioning of gilde.core.versioning, as the question sheet uses it), and a
change proposed as a consent poll in one click."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.core.dates import AMSTERDAM
from gilde.core.versioning import conflict_rows, field_labels, version_diff

from .. import selectors, services
from ..forms.agreements import AgreementsForm, CompareForm
from ..models import AgreementVersion, PollKind, WorkingAgreements
from ..services import DecisionError, StaleEdit
from .common import require_reader

PROPOSAL_DAYS = 7  # a proposal from the editor closes a week later, at 17:00


def _labels() -> dict[str, str]:
    return field_labels(WorkingAgreements, ["text"])


@community_view(Action.VIEW_DECISIONS)
def agreements(request, access):
    require_reader(access)
    current = selectors.agreements_of(access.community)
    versions = list(selectors.agreement_versions(access.community))
    form = CompareForm(
        initial={"a": versions[1].number, "b": versions[0].number} if len(versions) > 1 else None
    )
    return render_cop(
        request,
        access,
        "decisions/agreements_detail.html",
        current=current,
        versions=versions,
        form=form,
        open_proposals=access.community.polls.filter(
            closed_at__isnull=True, closes_at__gt=timezone.now()
        ).exclude(proposed_agreements=""),
    )


def _proposal_closes_at():
    day = (timezone.localtime(timezone.now(), AMSTERDAM) + timedelta(days=PROPOSAL_DAYS)).date()
    return datetime.combine(day, time(17, 0), tzinfo=AMSTERDAM)


@community_view(Action.EDIT_AGREEMENTS)
def agreements_edit(request, access):
    current = selectors.agreements_of(access.community)
    revision = current.revision if current else 0
    text = current.text if current else ""
    form = AgreementsForm(request.POST or None, initial={"text": text, "revision": revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "propose" in request.POST:
            return _propose(request, access, data, text)
        try:
            version = services.agreements_save(
                community=access.community,
                actor=request.user,
                revision=data["revision"],
                text=data["text"],
                note=data["note"],
            )
        except StaleEdit as stale:
            return conflict_response(request, access, stale.current, data["text"], data["note"])
        if version:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(request, _("Nothing changed, so no new version was made."))
        return redirect("decisions:agreements", slug=access.community.slug)
    return render_cop(request, access, "decisions/agreements_form.html", form=form)


def _propose(request, access, data, saved_text: str):
    """The editor's text as a consent poll: the group agrees before it becomes the text."""
    if data["text"] == saved_text:
        messages.info(request, _("The text is the same as the current one: nothing to propose."))
        return redirect("decisions:agreements_edit", slug=access.community.slug)
    try:
        poll = services.poll_create(
            community=access.community,
            author=access.membership,
            kind=PollKind.CONSENT,
            title=_("Change of the working agreements"),
            context=data["note"],
            closes_at=_proposal_closes_at(),
            proposed_agreements=data["text"],
            agreements_revision=data["revision"],
        )
    except DecisionError as error:
        messages.error(request, error.message)
        return redirect("decisions:agreements_edit", slug=access.community.slug)
    messages.success(
        request,
        _("Your change is proposed to the group. Once it passes, it becomes the agreements."),
    )
    return redirect("decisions:poll", slug=access.community.slug, pk=poll.pk)


def conflict_response(request, access, current, text: str, note: str):
    """Someone saved in between: both texts, and a form with the editor's on top of theirs."""
    form = AgreementsForm(initial={"text": text, "note": note, "revision": current.revision})
    rows = conflict_rows(current, {"text": text}, _labels())
    return render_cop(
        request, access, "decisions/agreements_conflict.html", status=409, form=form, rows=rows
    )


def _version_or_404(access, number: int) -> AgreementVersion:
    version = selectors.agreement_version(access.community, number)
    if version is None:
        raise Http404
    return version


@community_view(Action.VIEW_DECISIONS)
def agreements_version(request, access, number: int):
    require_reader(access)
    version = _version_or_404(access, number)
    return render_cop(request, access, "decisions/agreements_version.html", version=version)


@community_view(Action.VIEW_DECISIONS)
def agreements_compare(request, access):
    require_reader(access)
    form = CompareForm(request.GET)
    rows, older, newer = [], None, None
    if form.is_valid():
        older = _version_or_404(access, form.cleaned_data["a"])
        newer = _version_or_404(access, form.cleaned_data["b"])
        if older.number > newer.number:
            older, newer = newer, older
        rows = version_diff(older, newer, _labels())
    return render_cop(
        request,
        access,
        "decisions/agreements_compare.html",
        status=200 if form.is_valid() else 400,
        form=form,
        older=older,
        newer=newer,
        rows=rows,
    )


urlpatterns = [
    path("c/<slug:slug>/decisions/agreements/", agreements, name="agreements"),
    path("c/<slug:slug>/decisions/agreements/edit/", agreements_edit, name="agreements_edit"),
    path(
        "c/<slug:slug>/decisions/agreements/versions/<int:number>/",
        agreements_version,
        name="agreements_version",
    ),
    path(
        "c/<slug:slug>/decisions/agreements/compare/",
        agreements_compare,
        name="agreements_compare",
    ),
]
