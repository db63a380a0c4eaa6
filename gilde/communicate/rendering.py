"""The report's files: PDF (WeasyPrint, through gilde.core.pdf), Word and Markdown, from one
`ReportDocument`."""

from django.template.loader import render_to_string

from gilde.core.pdf import html_to_pdf

from .document import ReportDocument, report_docx, report_markdown


def report_html(document: ReportDocument) -> str:
    """The standalone HTML the PDF is made from: cover, contents, sections, page numbers."""
    return render_to_string("communicate/report_document.html", {"document": document})


def report_pdf(document: ReportDocument) -> bytes:
    return html_to_pdf(report_html(document))


def report_files(document: ReportDocument, progress=None) -> tuple[bytes, bytes, str]:
    """(pdf, docx, markdown); `progress(percent)` is called between the three."""
    markdown = report_markdown(document)
    if progress:
        progress(20)
    docx = report_docx(document)
    if progress:
        progress(40)
    pdf = report_pdf(document)
    return pdf, docx, markdown
