"""Importing candidates from CSV and XLSX, and exporting the member list."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gilde.communities.models import Role
from gilde.composition import importing
from gilde.composition.models import Candidate, Intake, MemberProfile
from tests.factories import MembershipFactory, UserFactory

GOOD_CSV = (
    "Naam;E-mail;Organisatie;Branche;Functie;Kennisachtergrond;Pionier of volger;Opmerkingen\n"
    "Anna de Vries;anna@example.org;Gemeente Zeist;Overheid;Adviseur;praktijk;pionier;Via Jan\n"
    "Bram Bakker;BRAM@example.org;Bakkerij Bram;Voeding;Eigenaar;beide;volger;\n"
)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _upload(client, cop, name, data):
    url = reverse("composition:import", args=[cop.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _map(client, cop, mapping=None):
    """Post the mapping; without one, accept what Gilde guessed."""
    url = reverse("composition:import_map", args=[cop.slug])
    if mapping is None:
        form = client.get(url).context["form"]
        mapping = [form.initial[f"column_{n}"] for n in range(len(form.headers))]
    data = {f"column_{n}": value for n, value in enumerate(mapping)}
    return client.post(url, data)


def _confirm_url(cop):
    return reverse("composition:import_confirm", args=[cop.slug])


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def logged_in(client, facilitator):
    client.force_login(facilitator)
    return client


# Good files


def test_good_csv_imports_after_mapping_and_check(logged_in, cop, facilitator):
    response = _upload(logged_in, cop, "kandidaten.csv", GOOD_CSV.encode("utf-8"))
    assert response.status_code == 302
    assert response.url == reverse("composition:import_map", args=[cop.slug])
    assert _map(logged_in, cop).status_code == 302
    assert not Candidate.objects.exists()  # nothing until confirmed

    preview = logged_in.get(_confirm_url(cop))
    assert preview.context["report"].clean
    assert len(preview.context["valid"]) == 2

    response = logged_in.post(_confirm_url(cop), {"mode": "all"})
    assert response.status_code == 302
    anna, bram = cop.candidates.order_by("name")
    assert (anna.email, anna.organisation, anna.industry, anna.function) == (
        "anna@example.org",
        "Gemeente Zeist",
        "Overheid",
        "Adviseur",
    )
    assert (anna.knowledge_type, anna.pioneer, anna.notes) == ("practice", "pioneer", "Via Jan")
    assert (bram.email, bram.knowledge_type, bram.pioneer) == (
        "bram@example.org",
        "both",
        "follower",
    )
    assert anna.suggested_by == facilitator and anna.status == "suggested"
    assert f"composition_import_{cop.pk}" not in logged_in.session


def test_good_xlsx_imports(logged_in, cop):
    data = _xlsx(
        [
            ["Name", "Email address", "Organization", "Job title", "Knowledge background"],
            ["Carla Claes", "carla@example.org", "TU Delft", "Onderzoeker", "theory"],
            [None, None, None, None, None],
            ["Daan Dekker", "daan@example.org", "Dekker BV", "Directeur", "Practice"],
        ]
    )
    assert _upload(logged_in, cop, "people.xlsx", data).status_code == 302
    _map(logged_in, cop)
    report = logged_in.get(_confirm_url(cop)).context["report"]
    assert report.clean
    assert [row.number for row in report.rows] == [2, 4]  # the empty row keeps its number
    logged_in.post(_confirm_url(cop), {"mode": "all"})
    assert sorted(cop.candidates.values_list("name", "knowledge_type", "function")) == [
        ("Carla Claes", "theory", "Onderzoeker"),
        ("Daan Dekker", "practice", "Directeur"),
    ]


def test_headers_are_guessed_in_dutch_and_english():
    assert importing.guess_mapping(
        ["Naam", "E-mailadres", "Organisatie", "Branche", "Functie", "Vakgebied", "Kennis"]
    ) == ["name", "email", "organisation", "industry", "function", "discipline", "knowledge_type"]
    assert importing.guess_mapping(["Full name", "E-mail", "Pioneer/follower", "Notes"]) == [
        "name",
        "email",
        "pioneer",
        "notes",
    ]
    # Unknown columns, and a second column for a field already taken, are ignored.
    assert importing.guess_mapping(["Naam", "Telefoon", "Name"]) == ["name", "ignore", "ignore"]


def test_unknown_columns_mapped_to_ignore_are_not_imported(logged_in, cop):
    data = b"Naam,Telefoon,Schoenmaat\nEva Eng,06-12345678,42\n"
    _upload(logged_in, cop, "x.csv", data)
    form = logged_in.get(reverse("composition:import_map", args=[cop.slug])).context["form"]
    assert [form.initial[f"column_{n}"] for n in range(3)] == ["name", "ignore", "ignore"]
    _map(logged_in, cop)
    logged_in.post(_confirm_url(cop), {"mode": "all"})
    eva = cop.candidates.get()
    assert eva.name == "Eva Eng" and eva.notes == ""


def test_mapping_needs_a_name_column_and_each_field_once(logged_in, cop):
    _upload(logged_in, cop, "k.csv", GOOD_CSV.encode())
    response = _map(logged_in, cop, ["ignore"] * 8)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = _map(logged_in, cop, ["name", "email", "email", *["ignore"] * 5])
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


# Problems per row and column


MIXED_CSV = (
    "Naam,E-mail,Kennisachtergrond,Organisatie\n"
    "Goed Mens,goed@example.org,theorie,Org A\n"  # 2: fine
    ",leeg@example.org,praktijk,Org B\n"  # 3: no name
    "Geen Adres,,praktijk,Org C\n"  # 4: no e-mail
    "Fout Adres,geen-adres,praktijk,Org D\n"  # 5: invalid e-mail
    "Onbekend,onbekend@example.org,filosofie,Org E\n"  # 6: unknown knowledge background
    "Dubbel,GOED@example.org,,Org F\n"  # 7: same e-mail as row 2
    'Formule,formule@example.org,,=HYPERLINK("http://evil")\n'  # 8: formula
    "Ook Goed,ook@example.org,beide,Org G\n"  # 9: fine
)


def _problems(report):
    return {(row.number, problem.column) for row in report.invalid for problem in row.problems}


def test_mixed_file_reports_every_problem_and_imports_nothing_until_chosen(logged_in, cop):
    _upload(logged_in, cop, "mixed.csv", MIXED_CSV.encode())
    _map(logged_in, cop)
    response = logged_in.get(_confirm_url(cop))
    report = response.context["report"]
    assert not report.clean
    assert _problems(report) == {
        (3, "Naam"),
        (4, "E-mail"),
        (5, "E-mail"),
        (6, "Kennisachtergrond"),
        (7, "E-mail"),
        (8, "Organisatie"),
    }
    assert [row.number for row in report.valid] == [2, 9]
    html = response.content.decode()
    assert "filosofie" in html and "HYPERLINK" in html

    # "Import all" is refused while there are problems: nothing is imported.
    response = logged_in.post(_confirm_url(cop), {"mode": "all"})
    assert response.status_code == 302
    assert not Candidate.objects.exists()
    assert _messages(response)

    # Only after choosing "only the valid rows" do those two arrive.
    logged_in.post(_confirm_url(cop), {"mode": "valid"})
    assert sorted(cop.candidates.values_list("email", flat=True)) == [
        "goed@example.org",
        "ook@example.org",
    ]


def test_duplicates_of_existing_candidates_and_members_are_reported(logged_in, cop, participant):
    Candidate.objects.create(community=cop, name="Al Kandidaat", email="al@example.org")
    data = (
        "Naam,E-mail\n"
        "Al Kandidaat,AL@example.org\n"
        f"Piet,{participant.email}\n"
        "Nieuw,nieuw@example.org\n"
        "Nieuw Twee,nieuw@example.org\n"
    ).encode()
    _upload(logged_in, cop, "d.csv", data)
    _map(logged_in, cop)
    report = logged_in.get(_confirm_url(cop)).context["report"]
    messages = {row.number: row.problems[0].message for row in report.invalid}
    assert set(messages) == {2, 3, 5}
    assert "2" not in messages[2] and "4" in messages[5]  # row 5 points at row 4
    assert [row.number for row in report.valid] == [4]


def test_without_an_email_column_duplicates_are_found_by_name(logged_in, cop):
    Candidate.objects.create(community=cop, name="Bestaande  Naam")
    data = b"Naam\nbestaande naam\nTwee Keer\ntwee keer\nUniek\n"
    _upload(logged_in, cop, "n.csv", data)
    _map(logged_in, cop)
    report = logged_in.get(_confirm_url(cop)).context["report"]
    assert [row.number for row in report.invalid] == [2, 4]
    assert [row.number for row in report.valid] == [3, 5]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_cells_are_refused_with_row_and_column(logged_in, cop, start):
    data = f"Naam,Functie\nGewoon,Adviseur\nSlim,{start}cmd|' /C calc'!A0\n".encode()
    _upload(logged_in, cop, "f.csv", data)
    _map(logged_in, cop)
    report = logged_in.get(_confirm_url(cop)).context["report"]
    assert _problems(report) == {(3, "Functie")}


def test_formulas_in_an_xlsx_are_refused(logged_in, cop):
    data = _xlsx([["Naam", "Organisatie"], ["Xander", "=1+1"], ["Yara", "Org"]])
    _upload(logged_in, cop, "f.xlsx", data)
    _map(logged_in, cop)
    report = logged_in.get(_confirm_url(cop)).context["report"]
    assert _problems(report) == {(2, "Organisatie")}


# Bad files


def test_cp1252_file_is_read_and_the_encoding_is_named(logged_in, cop):
    data = "Naam;Organisatie\nRené Café;Coöperatie Één\n".encode("cp1252")
    response = _upload(logged_in, cop, "oud.csv", data)
    assert response.status_code == 302
    assert any("Windows-1252" in text for text in _messages(response))
    _map(logged_in, cop)
    logged_in.post(_confirm_url(cop), {"mode": "all"})
    rene = cop.candidates.get()
    assert (rene.name, rene.organisation) == ("René Café", "Coöperatie Één")


def test_utf8_with_bom_is_read_as_utf8(logged_in, cop):
    response = _upload(logged_in, cop, "bom.csv", "\ufeffNaam\nZoë\n".encode())
    assert any("UTF-8" in text for text in _messages(response))
    form = logged_in.get(reverse("composition:import_map", args=[cop.slug])).context["form"]
    assert form.headers == ["Naam"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("leeg.csv", b""),
        ("alleen-kop.csv", b"Naam,E-mail\n"),
        ("plaatje.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("utf16-zonder-bom.csv", "Naam\nZoë\n".encode("utf-16-le")),
        ("kapot.xlsx", b"PK\x03\x04 dit is geen spreadsheet"),
        ("oud.xls", b"\xd0\xcf\x11\xe0 old excel"),
        ("brief.pdf", b"%PDF-1.4"),
    ],
)
def test_unreadable_files_get_a_message_and_nothing_is_kept(logged_in, cop, name, data):
    response = _upload(logged_in, cop, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert f"composition_import_{cop.pk}" not in logged_in.session


def test_too_many_rows_is_refused(logged_in, cop):
    lines = ["Naam,E-mail"] + [f"P{n},p{n}@example.org" for n in range(importing.MAX_ROWS + 1)]
    response = _upload(logged_in, cop, "groot.csv", "\n".join(lines).encode())
    assert response.status_code == 200
    assert "5.000" in response.context["form"].errors["file"][0]


def test_exactly_the_row_limit_is_accepted(logged_in, cop):
    lines = ["Naam"] + [f"P{n}" for n in range(importing.MAX_ROWS)]
    assert _upload(logged_in, cop, "vol.csv", "\n".join(lines).encode()).status_code == 302


def test_huge_file_is_refused(logged_in, cop):
    data = b"Naam\n" + b"x" * (importing.MAX_BYTES + 10)
    response = _upload(logged_in, cop, "enorm.csv", data)
    assert response.status_code == 200
    assert "5 MB" in response.context["form"].errors["file"][0]


def test_steps_without_an_upload_send_back_to_the_start(logged_in, cop):
    for name in ("import_map", "import_confirm"):
        response = logged_in.get(reverse(f"composition:{name}", args=[cop.slug]))
        assert response.status_code == 302
        assert response.url == reverse("composition:import", args=[cop.slug])


def test_cancelling_forgets_the_rows(logged_in, cop):
    _upload(logged_in, cop, "k.csv", GOOD_CSV.encode())
    _map(logged_in, cop)
    logged_in.post(_confirm_url(cop), {"cancel": "1"})
    assert f"composition_import_{cop.pk}" not in logged_in.session
    assert not Candidate.objects.exists()


def test_a_candidate_added_meanwhile_is_caught_at_import(logged_in, cop):
    _upload(logged_in, cop, "k.csv", GOOD_CSV.encode())
    _map(logged_in, cop)
    Candidate.objects.create(community=cop, name="Anna", email="anna@example.org")
    logged_in.post(_confirm_url(cop), {"mode": "all"})
    assert cop.candidates.count() == 1  # the re-check found the duplicate; nothing imported


# Export


@pytest.fixture
def group(cop, initiator, facilitator, participant, observer):
    participant.industry = "Bouw"
    participant.knowledge_type = "practice"
    participant.save()
    membership = cop.memberships.get(user=participant)
    MemberProfile.objects.create(membership=membership, function="Projectleider", pioneer="pioneer")
    Intake.objects.create(
        membership=membership,
        practice_case="GEHEIME PRAKTIJKCASUS",
        motivation="GEHEIME MOTIVATIE",
        trait_commitment_note="GEHEIME NOTITIE",
    )
    sneaky = UserFactory(email="sneaky@example.org", name='=HYPERLINK("http://evil")')
    MembershipFactory(community=cop, user=sneaky, role=Role.PARTICIPANT)
    Candidate.objects.create(community=cop, name="Kandidaat", notes="GEHEIME KANDIDAATNOTITIE")
    return cop


def test_csv_export_has_the_members_with_profiles_and_no_intake(logged_in, group):
    response = logged_in.get(reverse("composition:export", args=[group.slug, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "GEHEIM" not in body
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 5  # header + initiator, facilitator, participant, observer, sneaky
    by_email = {row[1]: row for row in rows[1:]}
    piet = by_email["piet@example.org"]
    assert piet[0] == "Piet Deelnemer"
    assert piet[4:7] == ["Bouw", "Projectleider", ""]
    assert piet[7] and piet[8]  # knowledge background and pioneer, as labels
    assert by_email["sneaky@example.org"][0] == '\'=HYPERLINK("http://evil")'
    assert len({row[2] for row in rows[1:]}) == 4  # the four roles, by their labels


def test_xlsx_export_has_the_members_and_no_intake(logged_in, group):
    response = logged_in.get(reverse("composition:export", args=[group.slug, "xlsx"]))
    assert response.status_code == 200
    assert b"GEHEIM" not in response.content
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 6
    emails = {row[1] for row in rows[1:]}
    assert emails == {
        "alice@example.org",
        "fenna@example.org",
        "piet@example.org",
        "olga@example.org",
        "sneaky@example.org",
    }
    sneaky = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "sneaky@example.org")
    assert sneaky[0].data_type == "s"  # text, not a formula
    assert all("GEHEIM" not in str(value) for row in rows for value in row)


def test_export_of_an_unknown_format_is_404(logged_in, cop):
    for fmt in ("pdf", "CSV", "xls"):
        assert logged_in.get(reverse("composition:export", args=[cop.slug, fmt])).status_code == 404


def test_an_xlsx_that_unpacks_to_too_much_is_refused(logged_in, cop, monkeypatch):
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1000)
    data = _xlsx([["Naam"], ["Iemand"]])
    response = _upload(logged_in, cop, "bom.xlsx", data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
