"""Reports per audience, in each format, for the demo CoP and for an empty one: what they say,
that they are made once per request, and that they stay current until the CoP's data changes."""

import io
import shutil
import subprocess

import pytest
from django.test import Client

from gilde.communicate import services
from gilde.communicate.models import Report, ReportStatus
from gilde.communicate.tasks import report_build
from gilde.communities.models import Community
from gilde.demo import data
from gilde.demo.services import demo_load

pytestmark = pytest.mark.django_db

AUDIENCES = ["organisation", "funder", "field"]


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def docx_headings(content: bytes) -> list[tuple[str, str]]:
    from docx import Document

    document = Document(io.BytesIO(content))
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Head")]


def _make(community, audience) -> Report:
    from django.test import TestCase

    organisation_id = None
    if audience == "organisation":
        membership = community.memberships.filter(user__organisation__isnull=False).first()
        organisation_id = membership.user.organisation_id if membership else None
    report = services.report_get_or_create(
        community=community, audience=audience, organisation_id=organisation_id
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.report_request(report=report, community=community, actor=None)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    return report


@pytest.fixture
def demo_cop(settings):
    demo_load()
    return Community.objects.get(slug=data.MAIN_SLUG)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_report_of_the_demo_in_every_format(demo_cop, audience):
    report = _make(demo_cop, audience)
    sheet = demo_cop.question_sheet
    words = sheet.core_question.split()[:5]
    text = " ".join(pdf_text(bytes(report.pdf)).split())
    assert " ".join(words) in text
    assert "Wat we wilden bereiken" in text or "What we set out to achieve" in text
    headings = docx_headings(bytes(report.docx))
    styles = {style for style, _text in headings}
    assert {"Heading 1", "Heading 2"} <= styles
    assert sheet.core_question.strip()[:40] in report.markdown
    assert report.markdown.startswith("# ")
    if audience == "field":
        assert "Tussenrapportage aan het fonds" not in report.markdown  # a group result
        assert "Factsheet hergebruik bouwmaterialen" in report.markdown
    else:
        assert "Inkoopwijzer sociaal-circulair" in report.markdown


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_report_of_an_empty_cop_says_what_is_not_there_yet(cop, audience):
    report = _make(cop, audience)
    text = " ".join(pdf_text(bytes(report.pdf)).split())
    assert "not written its question yet" in text or "nog geen" in text.lower()
    assert docx_headings(bytes(report.docx))
    assert "little to report yet" in report.markdown or "nog weinig" in report.markdown


def test_asking_twice_gives_one_job(cop, django_capture_on_commit_callbacks):
    report = services.report_get_or_create(community=cop, audience="funder")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.report_request(report=report, community=cop, actor=None)
        second = services.report_request(report=report, community=cop, actor=None)
    assert (first, second) == (True, False)
    assert len(callbacks) == 1
    # A second worker claiming the same report finds nothing to do.
    assert report_build(report.pk) == ReportStatus.READY
    assert report_build(report.pk) == "gone"


def test_a_report_stays_current_until_the_data_changes(cop, initiator):
    report = _make(cop, "funder")
    cop.refresh_from_db()
    assert report.is_current(cop)
    assert not services.report_request(report=report, community=cop, actor=None)
    services.result_add(
        community=cop,
        actor=initiator,
        title="Nieuw",
        kind="tool",
        level="field",
        description="Iets",
        visibility="group",
    )
    cop.refresh_from_db()
    assert not report.is_current(cop)


def test_a_period_without_meetings_gives_a_report(cop, initiator, facilitator):
    from datetime import date

    report = services.report_get_or_create(community=cop, audience="funder")
    services.report_settings_save(
        report=report, period_start=date(2001, 1, 1), period_end=date(2001, 2, 1), introduction=""
    )
    report.refresh_from_db()
    report = _make(cop, "funder")
    assert "No meeting was held" in report.markdown or "nog geen bijeenkomst" in report.markdown


def test_the_facilitator_makes_previews_and_downloads(
    client: Client, cop, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    response = client.post(f"/c/{cop.slug}/communicate/reports/", {"audience": "funder"})
    assert response.status_code == 302
    report = Report.objects.get(community=cop, audience="funder")
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/c/{cop.slug}/communicate/reports/{report.pk}/preview/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/c/{cop.slug}/communicate/reports/{report.pk}/generate/")
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("md", b"# ")):
        response = client.get(f"/c/{cop.slug}/communicate/reports/{report.pk}/download.{fmt}")
        assert response.status_code == 200
        assert response.content.startswith(start)
    status = client.get(
        f"/c/{cop.slug}/communicate/reports/{report.pk}/status/", headers={"HX-Request": "true"}
    )
    assert status.status_code == 200 and b"report-status" in status.content


def test_bad_report_input_gets_a_message(client: Client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(
        f"/c/{cop.slug}/communicate/reports/", {"audience": "nobody"}, follow=True
    )
    assert response.status_code == 200
    response = client.post(
        f"/c/{cop.slug}/communicate/reports/",
        {"audience": "organisation", "organisation": "x"},
        follow=True,
    )
    assert response.status_code == 200
    report = services.report_get_or_create(community=cop, audience="field")
    response = client.post(
        f"/c/{cop.slug}/communicate/reports/{report.pk}/",
        {"period_start": "2026-05-01", "period_end": "2026-01-01", "introduction": "x"},
    )
    assert response.status_code == 200
    assert b"ends before it starts" in response.content or b"eindigt" in response.content
    assert (
        client.get(f"/c/{cop.slug}/communicate/reports/{report.pk}/download.exe").status_code == 404
    )
    assert (
        client.get(f"/c/{cop.slug}/communicate/reports/{report.pk}/download.pdf").status_code == 404
    )


def test_a_report_whose_worker_died_is_made_again(cop, settings):
    from datetime import timedelta

    from django.utils import timezone

    report = services.report_get_or_create(community=cop, audience="field")
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, queued_at=timezone.now() - timedelta(hours=2)
    )
    assert report_build(report.pk) == ReportStatus.READY
