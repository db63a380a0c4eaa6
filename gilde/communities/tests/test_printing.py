"""Print and take away: the question sheet, a meeting's programme and the CoP plan, as pages and
as PDFs made by WeasyPrint; read back with pdftotext and checked for their headings."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.core.pdf import RefusedFetch, _static_fetcher
from gilde.meetings import services as meeting_services
from gilde.meetings.models import AgendaItem, Meeting, MeetingFacilitator
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


@pytest.fixture
def filled(cop, initiator, facilitator, participant):
    question_services.question_save(
        community=cop,
        actor=initiator,
        revision=0,
        **{**dict.fromkeys(SHEET_FIELDS, ""), "core_question": "Hoe delen we gereedschap?"},
    )
    question_services.yield_add(
        community=cop, actor=initiator, level="field", text="Een gedeelde uitleenregeling"
    )
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 3",
        starts_at=timezone.localtime().replace(hour=13, minute=30, second=0, microsecond=0)
        + timedelta(days=7),
        duration_minutes=180,
        place="Het Pakhuis",
    )
    AgendaItem.objects.create(meeting=meeting, title="Check-in", duration_minutes=20, position=0)
    meeting_services.agenda_break_add(meeting=meeting, actor=facilitator)
    MeetingFacilitator.objects.create(
        meeting=meeting, membership=cop.memberships.get(user=facilitator), focus="content"
    )
    return meeting


def test_the_question_sheet_as_pdf(client, participant, cop, filled):
    client.force_login(participant)
    response = client.get(reverse("question:sheet_pdf", args=[cop.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    text = _text(response.content)
    for heading in ("Vraagstukblad", "Het vraagstuk", "Wat de CoP moet opleveren"):
        assert heading in text
    assert "Hoe delen we gereedschap?" in text
    assert "Een gedeelde uitleenregeling" in text


def test_a_meetings_programme_as_pdf_with_clock_times(client, participant, cop, filled):
    client.force_login(participant)
    response = client.get(reverse("meetings:programme_pdf", args=[cop.slug, filled.pk]))
    text = _text(response.content)
    assert "Bijeenkomst 3" in text and "Programma" in text and "Het Pakhuis" in text
    assert "13:30–13:50 Check-in" in text
    assert "13:50–14:05 Pauze" in text
    assert "Fenna Facilitator" in text


def test_the_cop_plan_as_pdf_has_every_part(client, participant, cop, filled):
    client.force_login(participant)
    text = _text(client.get(reverse("communities:plan_pdf", args=[cop.slug])).content)
    for heading in (
        "CoP-plan: Circulair ondernemen",
        "Over deze CoP",
        "Het vraagstuk",
        "Wat de CoP moet opleveren",
        "De groep en de facilitators",
        "De planning",
    ):
        assert heading in text, heading
    assert "Bijeenkomst 3" in text


def test_the_plan_names_nobody_to_an_observer(client, observer, facilitator, cop, filled):
    client.force_login(observer)
    text = _text(client.get(reverse("communities:plan_pdf", args=[cop.slug])).content)
    assert "De groep en de facilitators" in text
    assert facilitator.name not in text


def test_the_printable_pages_offer_the_pdf(client, participant, cop, filled):
    client.force_login(participant)
    for name, args, pdf in (
        ("question:sheet_print", [cop.slug], "question:sheet_pdf"),
        ("meetings:programme_print", [cop.slug, filled.pk], "meetings:programme_pdf"),
        ("communities:plan", [cop.slug], "communities:plan_pdf"),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert reverse(pdf, args=args) in response.content.decode()


def test_outsiders_and_other_cops_get_nothing(client, outsider, cop, filled):
    client.force_login(outsider)
    assert client.get(reverse("communities:plan_pdf", args=[cop.slug])).status_code == 404
    other = outsider.memberships.get().community
    client.force_login(outsider)
    response = client.get(reverse("meetings:programme_pdf", args=[other.slug, filled.pk]))
    assert response.status_code == 404


def test_making_a_pdf_fetches_nothing_but_static_files():
    fetcher = _static_fetcher()
    assert fetcher.fetch("https://gilde.invalid/static/css/print.css").read()
    for url in ("https://example.org/x.css", "file:///etc/passwd", "https://gilde.invalid/c/x/"):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
