"""A written document — a report — as plain data, and the same document as HTML, PDF, Word and
Markdown, so the four always say the same thing.

A `Document` has a cover (subject, title, audience, period), an introduction and sections; a
`Section` holds blocks (`Paragraph`, `Facts`, `Bullets`, `Table`, `Chart`) and subsections. A CoP's
reports (gilde/communicate) and a programme's report (gilde/programmes) are both written this
way. The HTML is the template `documents/document.html` (the PDF is made from it by WeasyPrint,
through gilde.core.pdf); Word (python-docx, with Word's own heading styles) and Markdown are
written here from the same blocks.
"""

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .pdf import html_to_pdf

# Blocks


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Facts:
    """Label/value rows; `note` says why a value is left out or how to read it."""

    rows: list[tuple[str, str, str]]  # (label, value, note)


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    """A server-made SVG, passed through `gilde.core.safe_svg.safe_svg`, and the table that says
    the same for those who cannot see it, and for Word and Markdown."""

    svg: str
    table: Table


Block = Paragraph | Facts | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: list = field(default_factory=list)
    empty: str = ""  # what is not there yet, said plainly; shown when there are no blocks
    subsections: list = field(default_factory=list)  # Sections one level down


@dataclass(frozen=True)
class Document:
    subject: str  # whose report: the CoP's or the programme's name
    title: str
    audience_label: str
    period_label: str
    introduction: str
    made_on: str
    sections: list[Section] = field(default_factory=list)
    empty_note: str = ""  # said when most sections are still empty

    @property
    def has_content(self) -> bool:
        """Whether at least half of the sections have something to say: a young CoP's report
        says plainly that most of it is still to come."""
        filled = sum(1 for section in self.sections if section.blocks or section.subsections)
        return filled * 2 >= len(self.sections) and filled > 0

    @property
    def byline(self) -> str:
        return f"{self.audience_label} · {self.subject} · {self.period_label}"


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


def _md_section(section: Section, level: int) -> list[str]:
    lines = ["#" * level + " " + section.title, ""]
    if not section.blocks and not section.subsections and section.empty:
        lines += [f"*{section.empty}*", ""]
    lines += _md_blocks(section.blocks)
    for sub in section.subsections:
        lines += _md_section(sub, level + 1)
    return lines


def document_markdown(document: Document) -> str:
    lines = [f"# {document.title}", "", f"**{document.byline}**", ""]
    if document.introduction:
        lines += [document.introduction, ""]
    if not document.has_content and document.empty_note:
        lines += [document.empty_note, ""]
    for section in document.sections:
        lines += _md_section(section, 2)
    lines.append(_("Made with Gilde on %(date)s.") % {"date": document.made_on})
    return "\n".join(lines).strip() + "\n"


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


def _docx_section(doc, section: Section, level: int) -> None:
    doc.add_heading(section.title, level=level)
    if not section.blocks and not section.subsections and section.empty:
        doc.add_paragraph(section.empty).runs[0].italic = True
    _docx_blocks(doc, section.blocks)
    for sub in section.subsections:
        _docx_section(doc, sub, min(level + 1, 3))


def document_docx(document: Document) -> bytes:
    """The document as a Word file with Word's own heading styles (Title, Heading 1, Heading 2),
    so the navigation pane and a later change of style work."""
    from docx import Document as WordDocument  # loaded here: only the worker writes Word files

    doc = WordDocument()
    doc.core_properties.title = document.title
    doc.core_properties.author = "Gilde"
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(document.byline)
    if document.introduction:
        doc.add_heading(_("Introduction"), level=1)
        for part in document.introduction.split("\n\n"):
            doc.add_paragraph(part.strip())
    if not document.has_content and document.empty_note:
        doc.add_paragraph(document.empty_note)
    for section in document.sections:
        _docx_section(doc, section, 1)
    doc.add_paragraph(_("Made with Gilde on %(date)s.") % {"date": document.made_on})
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# HTML and PDF


def document_html(document: Document) -> str:
    """The standalone HTML the PDF is made from: cover, contents, sections, page numbers."""
    return render_to_string("documents/document.html", {"document": document})


def document_pdf(document: Document) -> bytes:
    return html_to_pdf(document_html(document))


def document_files(document: Document, progress=None) -> tuple[bytes, bytes, str]:
    """(pdf, docx, markdown); `progress(percent)` is called between the three."""
    markdown = document_markdown(document)
    if progress:
        progress(20)
    docx = document_docx(document)
    if progress:
        progress(40)
    pdf = document_pdf(document)
    return pdf, docx, markdown
