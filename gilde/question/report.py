"""Step 1's part of the reports per audience (gilde.communities.report_sections): the question
and its versions, and the intended yields per level. The question sheet is the group's shared
text; the field report gets the current question only."""

from django.utils import formats
from django.utils.translation import gettext as _

from gilde.communities.report_sections import (
    AUDIENCES,
    FUNDER,
    Bullets,
    Paragraph,
    ReportScope,
    ReportSection,
    Table,
    report_section,
)

from .models import QuestionSheet, YieldLevel


@report_section(key="question.sheet", order=10, audiences=AUDIENCES)
def question_section(scope: ReportScope) -> ReportSection:
    sheet = QuestionSheet.objects.filter(community=scope.community).first()
    if sheet is None or not sheet.core_question.strip():
        return ReportSection(
            "question.sheet",
            _("The question"),
            empty=_("The CoP has not written its question yet."),
        )
    blocks: list = [Paragraph(sheet.core_question.strip())]
    if sheet.domain.strip():
        blocks.append(Paragraph(sheet.domain.strip()))
    if scope.audience == FUNDER:
        versions = scope.community.question_versions.order_by("number")
        rows = [
            [
                str(version.number),
                formats.date_format(version.created_at.date(), "j F Y"),
                version.core_question,
                version.note,
            ]
            for version in versions
        ]
        if len(rows) > 1:
            blocks.append(
                Table(
                    [_("Version"), _("Date"), _("Core question"), _("Why we changed it")],
                    rows,
                    caption=_("How the question changed"),
                )
            )
    return ReportSection("question.sheet", _("The question"), blocks)


@report_section(key="question.yields", order=15, audiences=AUDIENCES)
def yields_section(scope: ReportScope) -> ReportSection:
    yields = scope.community.intended_yields.order_by("level", "position", "pk")
    per_level: dict[str, list[str]] = {}
    for item in yields:
        per_level.setdefault(item.level, []).append(item.text)
    title = _("What we set out to achieve")
    if not per_level:
        return ReportSection(
            "question.yields", title, empty=_("Step 1 names no intended yields yet.")
        )
    subsections = [
        ReportSection(f"question.yields.{level}", str(label), [Bullets(per_level[level])])
        for level, label in YieldLevel.choices
        if level in per_level
    ]
    return ReportSection("question.yields", title, subsections=subsections)
