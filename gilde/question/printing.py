"""Step 1 on paper: the question sheet to print or download, and its parts of the CoP plan."""

from django.urls import path
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.plan import PlanSection, plan_section
from gilde.core.pdf import printable_response

from .models import LIST_FIELDS, SHEET_FIELDS, QuestionVersion
from .selectors import current_version, sheet_labels, yields_by_level


def sheet_rows(version: QuestionVersion | None) -> list[tuple[str, list | None, str]]:
    """(label, items or None, text) per field of the sheet, as the step-1 page shows them."""
    if version is None:
        return []
    labels = sheet_labels()
    return [
        (
            str(labels[name]),
            version.items(name) if name in LIST_FIELDS else None,
            getattr(version, name),
        )
        for name in SHEET_FIELDS
    ]


def _sheet(request, access, *, as_pdf: bool):
    community = access.community
    version = current_version(community)
    return printable_response(
        request,
        "question/sheet_print.html",
        {
            "access": access,
            "community": community,
            "version": version,
            "rows": sheet_rows(version),
            "yields_by_level": yields_by_level(community),
        },
        filename=f"{community.slug}-question.pdf",
        as_pdf=as_pdf,
    )


@community_view(Action.VIEW_QUESTION)
def sheet_print(request, access):
    return _sheet(request, access, as_pdf=False)


@community_view(Action.VIEW_QUESTION)
def sheet_pdf(request, access):
    return _sheet(request, access, as_pdf=True)


@plan_section(order=10)
def plan_question(access) -> PlanSection | None:
    if not access.can(Action.VIEW_QUESTION):
        return None
    version = current_version(access.community)
    return PlanSection(
        "question/plan/_question.html",
        {
            "version": version,
            "rows": sheet_rows(version),
            "yields_by_level": yields_by_level(access.community),
            "heading": _("The question"),
        },
    )


urlpatterns = [
    path("c/<slug:slug>/question/print/", sheet_print, name="sheet_print"),
    path("c/<slug:slug>/question/question.pdf", sheet_pdf, name="sheet_pdf"),
]
