"""The programme report: made once by the worker, current until a figure changes, in PDF, Word
and Markdown, with the overview's figures and its rule for small numbers — and nothing of a
person (the marker sweep reads all three files and the preview)."""

import io

import pytest
from django.urls import reverse

from gilde.communicate.tests.test_reports import docx_headings, pdf_text
from gilde.core.document_jobs import JobStatus
from gilde.programmes import services
from gilde.programmes.models import ProgrammeReport
from gilde.programmes.report import fingerprint
from gilde.programmes.tasks import cop_figures_store, programme_report_build

from .conftest import MARKER


def _made(programme, manager) -> ProgrammeReport:
    from django.utils import translation

    report = services.report_of(programme)
    with translation.override("en"):  # the report is made in the language it was asked in
        assert services.report_request(report=report, actor=manager)
    assert programme_report_build(report.pk) == JobStatus.READY
    report.refresh_from_db()
    return report


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_report_says_what_the_overview_says_in_three_formats(
    manager, programme, big_cop, small_cop
):
    report = _made(programme, manager)
    markdown = report.markdown
    assert markdown.startswith(f"# What {programme.name} achieves together")
    for heading in ("Where the CoPs stand", "The CoPs side by side", "Work forms the CoPs use"):
        assert f"## {heading}" in markdown
    # One table per group of figures, with the CoPs as rows; the small CoP's figures hidden.
    assert "### Meetings" in markdown and "### Results per yield level" in markdown
    assert "| Grote CoP |" in markdown and "| Kleine CoP |" in markdown
    assert "fewer than 5" in markdown
    assert ("Heading 1", "Where the CoPs stand") in docx_headings(bytes(report.docx))
    text = pdf_text(bytes(report.pdf))
    assert programme.name in text and "Grote CoP" in text


def test_no_file_and_no_preview_shows_a_person(client, manager, programme, big_cop, small_cop):
    report = _made(programme, manager)
    client.force_login(manager)
    preview = client.get(reverse("programmes:report_preview", args=[programme.slug]))
    page = client.get(reverse("programmes:report", args=[programme.slug]))
    found = {
        "markdown": report.markdown,
        "word": _docx_text(bytes(report.docx)),
        "pdf": pdf_text(bytes(report.pdf)),
        "preview": preview.content.decode(),
        "page": page.content.decode(),
    }
    leaks = [label for label, text in found.items() if MARKER in text or "marker-" in text]
    assert not leaks, f"person-level data in: {leaks}"
    assert "Grote CoP" in found["word"] and "Grote CoP" in found["preview"]


def test_a_reflection_appears_only_where_the_cop_shares_it(manager, programme, big_cop, small_cop):
    markdown = _made(programme, manager).markdown
    assert "Shared reflection of grote-cop" in markdown
    assert "Shared reflection of kleine-cop" not in markdown


def test_asking_twice_makes_one_job_and_a_change_makes_it_stale(
    client, manager, programme, big_cop
):
    report = services.report_of(programme)
    assert services.report_request(report=report, actor=manager)
    assert not services.report_request(report=report, actor=manager)  # waiting already
    assert programme_report_build(report.pk) == JobStatus.READY
    assert programme_report_build(report.pk) == "gone"  # a second task finds nothing to do
    report.refresh_from_db()
    assert report.is_current_at(fingerprint(programme))
    assert not services.report_request(report=report, actor=manager)  # up to date

    big_cop.results.create(title="Handreiking", kind="publication", description="d", level="field")
    big_cop.refresh_from_db()
    cop_figures_store(big_cop)
    assert not report.is_current_at(fingerprint(programme))
    assert services.report_request(report=report, actor=manager)


def test_downloads_name_the_programme_and_refuse_unknown_formats(
    client, manager, programme, big_cop
):
    _made(programme, manager)
    client.force_login(manager)
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("md", b"# ")):
        response = client.get(reverse("programmes:report_download", args=[programme.slug, fmt]))
        assert response.status_code == 200 and response.content.startswith(start)
        assert f'filename="{programme.slug}-report-' in response["Content-Disposition"]
        assert response["Cache-Control"] == "no-store"
    bad = client.get(reverse("programmes:report_download", args=[programme.slug, "exe"]))
    assert bad.status_code == 404


def test_the_page_makes_the_report_and_keeps_the_introduction(client, manager, programme):
    client.force_login(manager)
    url = reverse("programmes:report", args=[programme.slug])
    first = client.get(url).content.decode()
    assert 'id="report-status"' in first and "report/file.pdf" not in first
    saved = client.post(url, {"introduction": "Voor Provinciale Staten."})
    assert saved.status_code == 302
    assert services.report_of(programme).introduction == "Voor Provinciale Staten."
    too_long = client.post(url, {"introduction": "x" * 4001})
    assert too_long.status_code == 200
    assert services.report_of(programme).introduction == "Voor Provinciale Staten."
    made = client.post(reverse("programmes:report_generate", args=[programme.slug]))
    assert made.status_code == 302
    assert services.report_of(programme).status in (JobStatus.QUEUED, JobStatus.READY)


def test_another_programmes_manager_reaches_nothing(client, other_manager, programme, big_cop):
    client.force_login(other_manager)
    for name in ("programmes:report", "programmes:report_preview"):
        assert client.get(reverse(name, args=[programme.slug])).status_code == 404
    make = client.post(reverse("programmes:report_generate", args=[programme.slug]))
    assert make.status_code == 404
    assert not ProgrammeReport.objects.filter(programme=programme).exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_empty_programme_says_so(manager, programme, language):
    from django.utils import translation

    with translation.override(language):
        report = services.report_of(programme)
        services.report_request(report=report, actor=manager)
    assert programme_report_build(report.pk) == JobStatus.READY
    report.refresh_from_db()
    assert report.markdown.count("\n## ") >= 4
