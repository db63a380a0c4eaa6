"""Importing within limits: hostile spreadsheets are refused at once, large files are read by the
worker with progress on the page, and the parsed rows wait in a staging row that only their
owner can continue, not in the session."""

import io
import time
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gilde.composition import importing, staging, tasks
from gilde.composition.models import Candidate, ImportStaging, ImportStatus
from tests.factories import MembershipFactory, UserFactory

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.{}+xml"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CSV = "Naam;E-mail\nAnna de Vries;anna@example.org\nBram Bakker;bram@example.org\n"


def xlsx(shared_strings: int = 0, *, rows=("Naam", "Anna"), dimension: str = "") -> bytes:
    """A minimal XLSX whose first column holds `rows` as shared strings, followed by as many
    tiny unused shared strings as it takes to reach `shared_strings`: small on disk, and a huge
    table for a reader that loads it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{PACKAGE_REL.replace("/", "-")}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE.format("sheet.main")}"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{TYPE.format("worksheet")}"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{TYPE.format("sharedStrings")}"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        cells = "".join(
            f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>'
            for n in range(1, len(rows) + 1)
        )
        dimension = f'<dimension ref="{dimension}"/>' if dimension else ""
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}">{dimension}<sheetData>{cells}</sheetData></worksheet>',
        )
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(f'<sst xmlns="{MAIN}">'.encode())
            part.write("".join(f"<si><t>{text}</t></si>" for text in rows).encode())
            left = shared_strings - len(rows)
            while left > 0:
                part.write(b"<si><t>a</t></si>" * min(left, 100_000))
                left -= 100_000
            part.write(b"</sst>")
    return out.getvalue()


def _upload(client, cop, name, data):
    return client.post(
        reverse("composition:import", args=[cop.slug]), {"file": SimpleUploadedFile(name, data)}
    )


def _map_url(cop):
    return reverse("composition:import_map", args=[cop.slug])


@pytest.fixture
def logged_in(client, facilitator):
    client.force_login(facilitator)
    return client


def test_the_minimal_spreadsheet_of_these_tests_is_read(logged_in, cop):
    assert _upload(logged_in, cop, "klein.xlsx", xlsx()).status_code == 302
    assert ImportStaging.objects.get().payload["rows"] == [["Anna"]]


@pytest.mark.parametrize("count", [3_000_000, 1_000_000])
def test_millions_of_shared_strings_in_a_small_xlsx_are_refused_within_a_second(
    logged_in, cop, count
):
    data = xlsx(count)
    assert len(data) < 250_000
    start = time.perf_counter()
    response = _upload(logged_in, cop, "bom.xlsx", data)
    assert time.perf_counter() - start < 1
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "plit" in error  # "Split it…" / "Splits het…"
    assert not ImportStaging.objects.exists()


def test_a_sheet_whose_dimension_runs_past_the_row_limit_is_refused(logged_in, cop):
    response = _upload(logged_in, cop, "lang.xlsx", xlsx(dimension="A1:A1048576"))
    [error] = response.context["form"].errors["file"]
    assert "1.048.576" in error


def test_a_sheet_with_too_many_cells_is_refused(logged_in, cop, monkeypatch):
    monkeypatch.setattr(importing, "MAX_CELLS", 1)
    response = _upload(logged_in, cop, "breed.xlsx", xlsx())
    assert response.context["form"].errors["file"]


def test_a_file_of_mostly_empty_rows_is_refused_at_the_row_limit():
    data = b"Naam\n" + b";\n" * (importing.MAX_SHEET_ROWS + 1) + b"Anna\n"
    with pytest.raises(importing.ImportFileError, match=r"20\.000"):
        importing.read_table("leeg.csv", data)


def test_reading_stops_with_a_message_when_it_takes_too_long():
    data = ("Naam\n" + "".join(f"P{n}\n" for n in range(500))).encode()
    with pytest.raises(importing.ImportFileError, match=r"too long|te lang"):
        importing.read_table("traag.csv", data, seconds=0)


def test_progress_is_reported_while_reading():
    seen = []
    data = ("Naam\n" + "".join(f"P{n}\n" for n in range(1000))).encode()
    importing.read_table("veel.csv", data, progress=seen.append)
    assert seen == [250, 500, 750, 1000]


# The staging row


def test_the_rows_wait_in_a_staging_row_and_the_session_holds_only_its_id(
    logged_in, cop, facilitator
):
    _upload(logged_in, cop, "k.csv", CSV.encode())
    staged = ImportStaging.objects.get()
    assert staged.owner == facilitator and staged.community == cop
    assert staged.payload["rows"] == [
        ["Anna de Vries", "anna@example.org"],
        ["Bram Bakker", "bram@example.org"],
    ]
    assert logged_in.session[f"composition_import_{cop.pk}"] == str(staged.pk)
    assert staged.expires_at > timezone.now() + timedelta(hours=23)


def test_finishing_an_import_deletes_its_staging_row(logged_in, cop):
    _upload(logged_in, cop, "k.csv", CSV.encode())
    logged_in.post(_map_url(cop), {"column_0": "name", "column_1": "email"})
    logged_in.post(reverse("composition:import_confirm", args=[cop.slug]), {"mode": "all"})
    assert cop.candidates.count() == 2
    assert not ImportStaging.objects.exists()


def test_only_the_owner_can_continue_an_import(client, cop, facilitator, initiator):
    client.force_login(facilitator)
    _upload(client, cop, "k.csv", CSV.encode())
    staging_id = client.session[f"composition_import_{cop.pk}"]
    client.force_login(initiator)
    session = client.session
    session[f"composition_import_{cop.pk}"] = staging_id
    session.save()
    response = client.get(_map_url(cop))
    assert response.status_code == 302
    assert response.url == reverse("composition:import", args=[cop.slug])
    response = client.post(reverse("composition:import_confirm", args=[cop.slug]), {"mode": "all"})
    assert response.status_code == 302
    assert not Candidate.objects.exists()


def test_an_expired_import_cannot_be_continued_and_is_cleaned_up(logged_in, cop, initiator):
    _upload(logged_in, cop, "k.csv", CSV.encode())
    ImportStaging.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert logged_in.get(_map_url(cop)).status_code == 302
    other = MembershipFactory(community=cop, user=UserFactory(), role="facilitator")
    staging.import_start(community=cop, owner=other.user, filename="n.csv", data=CSV.encode())
    assert list(ImportStaging.objects.values_list("owner", flat=True)) == [other.user.pk]


def test_a_new_upload_replaces_the_earlier_import(logged_in, cop):
    _upload(logged_in, cop, "a.csv", CSV.encode())
    _upload(logged_in, cop, "b.csv", CSV.encode())
    assert list(ImportStaging.objects.values_list("filename", flat=True)) == ["b.csv"]


# Large files go to the worker


def _large_csv() -> bytes:
    return ("Naam;E-mail\n" + "".join(f"P{n};p{n}@example.org\n" for n in range(400))).encode()


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(importing, "INLINE_BYTES", 1000)


def test_a_large_file_is_read_by_the_worker_while_the_page_shows_progress(
    logged_in, cop, small_inline_limit
):
    response = _upload(logged_in, cop, "groot.csv", _large_csv())
    assert response.status_code == 302
    staged = ImportStaging.objects.get()
    assert staged.status == ImportStatus.READING and staged.upload
    page = logged_in.get(_map_url(cop))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert f'href="{_map_url(cop)}"' in html  # a plain link to check again, without JavaScript
    poll = logged_in.get(_map_url(cop), {"progress": 1}, headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert "<html" not in poll.content.decode()

    assert tasks.import_read.call(str(staged.pk)) == ImportStatus.READY
    staged.refresh_from_db()
    assert staged.progress == 400 and not staged.upload
    poll = logged_in.get(_map_url(cop), {"progress": 1}, headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"
    page = logged_in.get(_map_url(cop))
    assert page.context["form"].headers == ["Naam", "E-mail"]


def test_the_worker_is_queued_after_the_upload_commits(
    logged_in, cop, small_inline_limit, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        _upload(logged_in, cop, "groot.csv", _large_csv())
    assert ImportStaging.objects.get().status == ImportStatus.READY


def test_a_large_file_the_worker_refuses_shows_the_reason_in_the_owners_language(
    logged_in, cop, facilitator, small_inline_limit, monkeypatch
):
    facilitator.language = "nl"
    facilitator.save()
    monkeypatch.setattr(importing, "MAX_ROWS", 10)
    _upload(logged_in, cop, "groot.csv", _large_csv())
    staged = ImportStaging.objects.get()
    assert tasks.import_read.call(str(staged.pk)) == ImportStatus.FAILED
    poll = logged_in.get(_map_url(cop), {"progress": 1}, headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"
    page = logged_in.get(_map_url(cop)).content.decode()
    assert "meer dan 10 rijen" in page
    assert not ImportStaging.objects.exists()


def test_imported_names_lose_control_characters_and_notes_keep_their_lines(logged_in, cop):
    data = 'Naam;Opmerkingen\n"Anna\x0b de\x1b Vries\u202e";"Eerste regel\nTweede\x07"\n'
    _upload(logged_in, cop, "k.csv", data.encode())
    logged_in.post(_map_url(cop), {"column_0": "name", "column_1": "notes"})
    logged_in.post(reverse("composition:import_confirm", args=[cop.slug]), {"mode": "all"})
    candidate = cop.candidates.get()
    assert candidate.name == "Anna de Vries"
    assert candidate.notes == "Eerste regel\nTweede"
