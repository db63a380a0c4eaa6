"""Importing ties from CSV/XLSX on the shared machinery: a row-by-row report of unknown people,
kinds and bad dates; nothing half-saved; the same limits as every import."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gilde.communities.models import ImportStaging
from gilde.core.tabular import xlsx_bytes
from gilde.monitoring import importing
from gilde.monitoring.models import Tie


def upload(client, cop, content: bytes, name="banden.csv"):
    return client.post(
        reverse("monitoring:import", args=[cop.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


def columns(client, cop):
    staged = ImportStaging.objects.get(kind=importing.KIND)
    mapping = staged.payload["mapping"]
    data = {f"column_{n}": value for n, value in enumerate(mapping)}
    return client.post(reverse("monitoring:import_map", args=[cop.slug]), data), mapping


CSV = (
    "Lid;Met;Wie;Soort band;Start;Eind;Notitie\n"
    "piet@example.org;Deelnemer 0;lid;Samengewerkt;2026-02-01;;Samen een aanvraag\n"
    "Piet Deelnemer;Provincie Gelderwaard;organisatie;Kennis uitgewisseld;15-02-2026;;\n"
    "Onbekend Iemand;Deelnemer 1;;Samengewerkt;2026-02-01;;\n"
    "Deelnemer 2;Nergens BV;;Samengewerkt;2026-02-01;;\n"
    "Deelnemer 3;Deelnemer 4;;Verliefd;2026-02-01;;\n"
    "Deelnemer 3;Deelnemer 3;;Samengewerkt;2026-02-01;;\n"
    "Deelnemer 4;Deelnemer 5;;Samengewerkt;2026-03-01;2026-02-01;\n"
    "Deelnemer 5;Deelnemer 0;;Samengewerkt;gisteren;;\n"
    "Deelnemer 5;Deelnemer 1;;Samengewerkt;2026-02-01;;=HYPERLINK(1)\n"
)


def test_headers_are_guessed_and_every_bad_row_is_reported(client, cop, facilitator, group):
    client.force_login(facilitator)
    assert upload(client, cop, CSV.encode()).status_code == 302
    response, mapping = columns(client, cop)
    assert mapping == ["person", "other", "other_kind", "kind", "start", "end", "note"]
    assert response.status_code == 302
    page = client.get(reverse("monitoring:import_confirm", args=[cop.slug])).content.decode()
    for message in (
        "Onbekend lid",
        "Onbekende persoon of partij",
        "Onbekend soort verbinding",
        "niet iemand met zichzelf",
        "eind ligt vóór het begin",
        "Geen datum",
        "als formule",
    ):
        assert message in page, message
    # "All" with problems imports nothing.
    client.post(reverse("monitoring:import_confirm", args=[cop.slug]), {"mode": "all"})
    assert not Tie.objects.exists()
    client.post(reverse("monitoring:import_confirm", args=[cop.slug]), {"mode": "valid"})
    assert Tie.objects.count() == 2
    assert cop.outside_actors.get().name == "Provincie Gelderwaard"
    assert not ImportStaging.objects.exists()


def test_an_xlsx_reads_the_same_way(client, cop, facilitator, group):
    client.force_login(facilitator)
    rows = [line.split(";") for line in CSV.strip().split("\n")]
    upload(client, cop, xlsx_bytes(rows[0], rows[1:3], title="Banden"), name="banden.xlsx")
    columns(client, cop)
    client.post(reverse("monitoring:import_confirm", args=[cop.slug]), {"mode": "all"})
    assert Tie.objects.count() == 2


def test_a_file_that_is_not_a_table_is_refused_with_a_message(client, cop, facilitator):
    client.force_login(facilitator)
    response = upload(client, cop, b"\x00\x01\x02", name="banden.pdf")
    assert response.status_code == 200
    assert "Upload een .csv- of .xlsx-bestand." in response.content.decode()
    response = upload(client, cop, b"Lid;Met\n", name="leeg.csv")
    assert "geen verbindingen eronder" in response.content.decode()


def test_the_check_needs_the_required_columns(client, cop, facilitator, group):
    client.force_login(facilitator)
    upload(client, cop, CSV.encode())
    data = {f"column_{n}": "ignore" for n in range(7)}
    response = client.post(reverse("monitoring:import_map", args=[cop.slug]), data)
    assert response.status_code == 200
    assert "Kies de kolommen met" in response.content.decode()


def test_a_composition_import_and_a_ties_import_do_not_replace_each_other(
    client, cop, facilitator, group
):
    client.force_login(facilitator)
    upload(client, cop, CSV.encode())
    client.post(
        reverse("composition:import", args=[cop.slug]),
        {"file": SimpleUploadedFile("mensen.csv", b"Naam\nAnna\n")},
    )
    assert set(ImportStaging.objects.values_list("kind", flat=True)) == {
        "monitoring.ties",
        "composition.candidates",
    }
