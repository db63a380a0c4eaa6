"""A report put together: the cover, the introduction and every app's sections (through
gilde.communities.report_sections), and the same document written as Markdown and Word.

The PDF and the HTML preview are the template `communicate/report_document.html` (see
`rendering.py`); Word and Markdown are written here from the same blocks, so the three say the
same thing.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gilde.accounts.models import Organisation
from gilde.communities.models import Community
from gilde.communities.report_sections import (
    FIELD,
    FUNDER,
    ORGANISATION,
    Bullets,
    Chart,
    Facts,
    Paragraph,
    ReportScope,
    ReportSection,
    Table,
    report_sections_for,
)

from .models import Report


@dataclass(frozen=True)
class ReportDocument:
    community_name: str
    title: str
    audience_label: str
    period_label: str
    introduction: str
    made_on: str
    sections: list[ReportSection] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        """Whether at least half of the sections have something to say: a young CoP's report
        says plainly that most of it is still to come."""
        filled = sum(1 for section in self.sections if section.blocks or section.subsections)
        return filled * 2 >= len(self.sections) and filled > 0


def report_period(report: Report, community: Community) -> tuple[date, date]:
    """The report's period, within the CoP's life: its start up to today by default."""
    start = report.period_start or community.start_date
    end = report.period_end or max(timezone.localdate(), start)
    return start, end


def audience_title(audience: str, organisation: Organisation | None) -> str:
    if audience == ORGANISATION:
        name = organisation.name if organisation else _("a participating organisation")
        return _("For %(organisation)s") % {"organisation": name}
    if audience == FUNDER:
        return _("For the initiator and funder")
    return _("For the field")


def report_document(
    report: Report, community: Community, *, period: tuple[date, date] | None = None
) -> ReportDocument:
    """Everything the report says, for its audience and period, in the active language."""
    start, end = period or report_period(report, community)
    scope = ReportScope(
        community=community,
        audience=report.audience,
        start=start,
        end=end,
        organisation_id=report.organisation_id if report.audience == ORGANISATION else None,
    )
    return ReportDocument(
        community_name=community.name,
        title=_("What %(name)s yields") % {"name": community.name},
        audience_label=audience_title(report.audience, report.organisation),
        period_label=_("%(start)s to %(end)s")
        % {
            "start": formats.date_format(start, "j F Y"),
            "end": formats.date_format(end, "j F Y"),
        },
        introduction=report.introduction,
        made_on=formats.date_format(timezone.localdate(), "j F Y"),
        sections=report_sections_for(scope),
    )


# Markdown


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [f"*{table.caption}*", ""]
    lines.append("| " + " | ".join(_md_escape(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _h in table.headers) + "|")
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _md_blocks(blocks) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, Facts):
            for label, value, note in block.rows:
                lines.append(f"- **{label}**: {value}" + (f" ({note})" if note else ""))
            lines.append("")
        elif isinstance(block, Table):
            lines += _md_table(block)
        elif isinstance(block, Chart):
            lines += _md_table(block.table)
    return lines


def _md_section(section: ReportSection, level: int) -> list[str]:
    lines = ["#" * level + " " + section.title, ""]
    if not section.blocks and not section.subsections and section.empty:
        lines += [f"*{section.empty}*", ""]
    lines += _md_blocks(section.blocks)
    for sub in section.subsections:
        lines += _md_section(sub, level + 1)
    return lines


def report_markdown(document: ReportDocument) -> str:
    lines = [
        f"# {document.title}",
        "",
        f"**{document.audience_label}** · {document.community_name} · {document.period_label}",
        "",
    ]
    if document.introduction:
        lines += [document.introduction, ""]
    if not document.has_content:
        lines += [_no_content_yet(), ""]
    for section in document.sections:
        lines += _md_section(section, 2)
    lines.append(_("Made with Gilde on %(date)s.") % {"date": document.made_on})
    return "\n".join(lines).strip() + "\n"


def _no_content_yet() -> str:
    return _(
        "There is little to report yet: the CoP is young, and most of what this report shows "
        "comes as it meets, learns and records its results."
    )


# Word


def _docx_table(doc, table: Table) -> None:
    if table.caption:
        doc.add_paragraph(table.caption, style="Caption")
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Light List Accent 1"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = str(header)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = str(value)


def _docx_blocks(doc, blocks) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Facts):
            for label, value, note in block.rows:
                paragraph = doc.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(str(value) + (f" ({note})" if note else ""))
        elif isinstance(block, Table):
            _docx_table(doc, block)
        elif isinstance(block, Chart):
            _docx_table(doc, block.table)


def _docx_section(doc, section: ReportSection, level: int) -> None:
    doc.add_heading(section.title, level=level)
    if not section.blocks and not section.subsections and section.empty:
        doc.add_paragraph(section.empty).runs[0].italic = True
    _docx_blocks(doc, section.blocks)
    for sub in section.subsections:
        _docx_section(doc, sub, min(level + 1, 3))


def report_docx(document: ReportDocument) -> bytes:
    """The report as a Word file with Word's own heading styles (Title, Heading 1, Heading 2),
    so the navigation pane and a later change of style work."""
    from docx import Document  # loaded here: only the worker writes Word files

    doc = Document()
    doc.core_properties.title = document.title
    doc.core_properties.author = "Gilde"
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(
        f"{document.audience_label} · {document.community_name} · {document.period_label}"
    )
    if document.introduction:
        doc.add_heading(_("Introduction"), level=1)
        for part in document.introduction.split("\n\n"):
            doc.add_paragraph(part.strip())
    if not document.has_content:
        doc.add_paragraph(_no_content_yet())
    for section in document.sections:
        _docx_section(doc, section, 1)
    doc.add_paragraph(_("Made with Gilde on %(date)s.") % {"date": document.made_on})
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


__all__ = ["FIELD", "ReportDocument", "report_document", "report_docx", "report_markdown"]
