"""The question sheet: editing with conflict detection, history, comparison, comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.models import Role
from gilde.communities.pages import render_cop
from gilde.core.throttle import Throttled
from gilde.core.versioning import conflict_rows, version_diff
from gilde.question import selectors, services
from gilde.question.forms.sheet import (
    CommentForm,
    CommentRequestForm,
    CompareForm,
    QuestionSettingsForm,
    SheetForm,
)
from gilde.question.models import SHEET_FIELDS, QuestionSheet


def require_question_editor(access) -> QuestionSheet:
    """The sheet, if this person may edit step 1's work; otherwise 403."""
    sheet = selectors.sheet_or_empty(access.community)
    if not access.can_edit_question(sheet.group_may_edit):
        raise PermissionDenied
    return sheet


@community_view(Action.VIEW_QUESTION)
def edit(request, access):
    sheet = require_question_editor(access)
    initial = {"revision": sheet.revision}
    form = SheetForm(request.POST or None, instance=sheet, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SHEET_FIELDS}
        try:
            version = services.question_save(
                community=access.community,
                actor=request.user,
                revision=form.cleaned_data["revision"],
                note=form.cleaned_data["note"],
                **fields,
            )
        except services.StaleEdit as stale:
            return _conflict(request, access, stale.current, fields, form.cleaned_data["note"])
        if version:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(request, _("Nothing changed, so no new version was made."))
        return redirect("guide:cop_step", slug=access.community.slug, number=1)
    return render_cop(request, access, "question/sheet_form.html", form=form, sheet=sheet)


def _conflict(request, access, current: QuestionSheet, yours: dict, note: str):
    """Someone saved in between: show both texts, and a form with yours on top of theirs."""
    form = SheetForm(
        instance=current, initial={**yours, "revision": current.revision, "note": note}
    )
    rows = conflict_rows(current, yours, selectors.sheet_labels())
    return render_cop(
        request, access, "question/sheet_conflict.html", status=409, form=form, rows=rows
    )


@community_view(Action.EDIT_QUESTION)
@require_POST
def settings(request, access):
    sheet = services.sheet_for(access.community)
    form = QuestionSettingsForm(request.POST, instance=sheet)
    if form.is_valid():
        services.question_settings_save(
            community=access.community,
            actor=request.user,
            group_may_edit=form.cleaned_data["group_may_edit"],
        )
        messages.success(request, _("Saved who may edit the question."))
    return redirect("guide:cop_step", slug=access.community.slug, number=1)


@community_view(Action.VIEW_QUESTION)
def history(request, access):
    versions = list(selectors.versions_with_counts(access.community))
    form = CompareForm(
        initial={"a": versions[1].number, "b": versions[0].number} if len(versions) > 1 else None
    )
    return render_cop(request, access, "question/version_list.html", versions=versions, form=form)


def _version_or_404(access, number: int):
    version = selectors.version_or_none(access.community, number)
    if version is None:
        raise Http404
    return version


@community_view(Action.VIEW_QUESTION)
def version(request, access, number: int):
    version = _version_or_404(access, number)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not access.can(Action.COMMENT_QUESTION):
            raise PermissionDenied
        if form.is_valid():
            services.comment_add(
                version=version, author=request.user, body=form.cleaned_data["body"]
            )
            messages.success(request, _("Your comment is added."))
            return redirect("question:version", slug=access.community.slug, number=number)
    return render_cop(
        request,
        access,
        "question/version_detail.html",
        version=version,
        comments=version.comments.select_related("author"),
        form=form,
        rows=[(label, getattr(version, name)) for name, label in selectors.sheet_labels().items()],
    )


@community_view(Action.VIEW_QUESTION)
def compare(request, access):
    form = CompareForm(request.GET)
    rows, older, newer = [], None, None
    if form.is_valid():
        older = _version_or_404(access, form.cleaned_data["a"])
        newer = _version_or_404(access, form.cleaned_data["b"])
        if older.number > newer.number:
            older, newer = newer, older
        rows = version_diff(older, newer, selectors.sheet_labels())
    return render_cop(
        request,
        access,
        "question/version_compare.html",
        status=200 if form.is_valid() else 400,
        form=form,
        older=older,
        newer=newer,
        rows=rows,
    )


@community_view(Action.REQUEST_COMMENTS)
def request_comments(request, access):
    memberships = (
        access.community.memberships.exclude(user=request.user)
        .exclude(role=Role.OBSERVER)
        .select_related("user")
        .order_by("user__name")
    )
    form = CommentRequestForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        recipients = list(form.cleaned_data["recipients"])
        try:
            count = services.comments_request(
                community=access.community,
                actor=request.user,
                recipients=recipients,
                message=form.cleaned_data["message"],
            )
        except Throttled as error:
            form.add_error(None, error.message)
            return render_cop(
                request, access, "question/comment_request.html", form=form, status=429
            )
        messages.success(
            request,
            ngettext(
                "Asked %(count)s person for their comments.",
                "Asked %(count)s people for their comments.",
                count,
            )
            % {"count": count},
        )
        if skipped := len(recipients) - count:
            messages.warning(
                request,
                ngettext(
                    "%(count)s person was not asked: they received several requests a short "
                    "while ago.",
                    "%(count)s people were not asked: they received several requests a short "
                    "while ago.",
                    skipped,
                )
                % {"count": skipped},
            )
        return redirect("guide:cop_step", slug=access.community.slug, number=1)
    return render_cop(request, access, "question/comment_request.html", form=form)


urlpatterns = [
    path("c/<slug:slug>/question/edit/", edit, name="edit"),
    path("c/<slug:slug>/question/settings/", settings, name="settings"),
    path("c/<slug:slug>/question/history/", history, name="history"),
    path("c/<slug:slug>/question/versions/<int:number>/", version, name="version"),
    path("c/<slug:slug>/question/compare/", compare, name="compare"),
    path("c/<slug:slug>/question/request-comments/", request_comments, name="request_comments"),
]
