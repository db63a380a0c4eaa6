"""No report and no public page carries what is not theirs to carry: unique markers in private
learning-record items, individual evaluation answers and private value stories never reach any
report in any format, its preview, or the public page; group-only results and group-tier learning
stay out of the field report and the public page."""

import io
import re
import shutil
import subprocess

import pytest
from django.test import Client, TestCase

from gilde.communicate import services
from gilde.communicate.models import Report, Result
from gilde.communities.models import Community
from gilde.demo import data
from gilde.demo.services import demo_load
from gilde.learning.models import Entry, Experiment
from gilde.meetings.models import EvaluationAnswer
from gilde.monitoring.models import ValueStory

pytestmark = pytest.mark.django_db

NARROW_TIERS = ("private", "buddy", "facilitators")


def _mark_everything_private(cop) -> tuple[set[str], set[str]]:
    """Put a unique marker in every private item; returns (never anywhere, not for the field)."""
    never, not_public = set(), set()
    for entry in Entry.objects.filter(community=cop):
        marker = f"QXENTRY{entry.pk}Z"
        Entry.objects.filter(pk=entry.pk).update(body=f"{entry.body} {marker}")
        (
            never if entry.tier in NARROW_TIERS else not_public if entry.tier == "group" else set()
        ).add(marker)
    for experiment in Experiment.objects.filter(community=cop):
        marker = f"QXEXP{experiment.pk}Z"
        Experiment.objects.filter(pk=experiment.pk).update(
            title=f"Proef {marker}", report_learned=f"Geleerd {marker}", reported_at=cop.created_at
        )
        if experiment.tier in NARROW_TIERS:
            never.add(marker)
        elif experiment.tier == "group":
            not_public.add(marker)
    for answer in EvaluationAnswer.objects.filter(response__meeting__community=cop):
        marker = f"QXANSWER{answer.pk}Z"
        EvaluationAnswer.objects.filter(pk=answer.pk).update(text=f"Antwoord {marker}")
        never.add(marker)
    for story in ValueStory.objects.filter(community=cop):
        marker = f"QXSTORY{story.pk}Z"
        ValueStory.objects.filter(pk=story.pk).update(title=f"Verhaal {marker}")
        never.add(marker)
    for result in Result.objects.filter(community=cop, visibility="group"):
        marker = f"QXGROUPRESULT{result.pk}Z"
        Result.objects.filter(pk=result.pk).update(description=f"{result.description} {marker}")
        not_public.add(marker)
    assert never and not_public
    return never, not_public


def _flat(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]", "", text)


def _pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_no_private_item_or_individual_answer_reaches_a_report_or_the_public_page(
    client: Client,
):
    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    # Enough experiments at every tier, and a public one, so each rule is exercised.
    never, not_public = _mark_everything_private(cop)
    facilitator = cop.memberships.get(user__email="facilitator@example.org").user
    client.force_login(facilitator)
    organisations = {
        m.user.organisation_id
        for m in cop.memberships.select_related("user")
        if m.user.organisation_id
    }
    cop.refresh_from_db()
    targets = [("funder", None), ("field", None)] + [("organisation", o) for o in organisations]
    seen_group_content = False
    for audience, organisation_id in targets:
        report = services.report_get_or_create(
            community=cop, audience=audience, organisation_id=organisation_id
        )
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.report_request(report=report, community=cop, actor=facilitator)
        report = Report.objects.get(pk=report.pk)
        assert report.status == "ready", report.error
        preview = client.get(
            f"/c/{cop.slug}/communicate/reports/{report.pk}/preview/"
        ).content.decode()
        texts = {
            "pdf": _flat(_pdf_text(bytes(report.pdf))),
            "docx": _flat(_docx_text(bytes(report.docx))),
            "md": _flat(report.markdown),
            "preview": _flat(preview),
        }
        forbidden = never | (not_public if audience == "field" else set())
        for fmt, text in texts.items():
            leaked = sorted(m for m in forbidden if m in text)
            assert not leaked, f"{audience} {organisation_id} {fmt}: {leaked}"
        seen_group_content |= any(m in texts["md"] for m in not_public)
    # The rule is not met by leaving everything out: group items do reach the group's audiences.
    assert seen_group_content
    public = client.get(f"/results/{cop.slug}/").content.decode()
    leaked = sorted(m for m in never | not_public if m in public)
    assert not leaked
    client.logout()
    public_pdf = client.get(f"/results/{cop.slug}/field-report.pdf")
    assert public_pdf.status_code == 200
    text = _flat(_pdf_text(public_pdf.content))
    assert not [m for m in never | not_public if m in text]
