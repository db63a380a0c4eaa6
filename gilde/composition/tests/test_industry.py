"""One concept, "industry" in the code and "branche" in Dutch (it was "sector"): the migration
keeps every value, and files and exports that still say "sector" keep working."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from gilde.accounts.models import Industry, User
from gilde.communities.models import Membership
from gilde.communities.portability import export_document, import_document
from gilde.communities.portability.fields import current_names
from gilde.composition import importing, services
from gilde.composition.models import Candidate, CompositionSettings, MemberProfile

BEFORE = [
    ("accounts", "0005_api_tokens_data_exports_erasure"),
    ("composition", "0004_delete_importstaging"),
]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_the_rename_keeps_every_value(cop, participant):
    old = _migrate(BEFORE)
    membership = Membership.objects.get(community=cop, user=participant)
    old.get_model("accounts", "User").objects.filter(pk=participant.pk).update(sector="Wonen")
    old.get_model("accounts", "Sector").objects.create(name="Zorg")
    old.get_model("composition", "Candidate").objects.create(
        community_id=cop.pk, name="Anna", sector="Afvalbeheer"
    )
    old.get_model("composition", "MemberProfile").objects.create(
        membership_id=membership.pk, sector="Kringloop"
    )
    old.get_model("composition", "CompositionSettings").objects.create(
        community_id=cop.pk, one_organisation_per_sector=True
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert User.objects.get(pk=participant.pk).industry == "Wonen"
    assert list(Industry.objects.values_list("name", flat=True)) == ["Zorg"]
    assert Candidate.objects.get(community=cop).industry == "Afvalbeheer"
    assert MemberProfile.objects.get(membership=membership).industry == "Kringloop"
    assert CompositionSettings.objects.get(community=cop).one_organisation_per_industry
    with pytest.raises(Exception):  # noqa: B017 the unique constraint came along
        Industry.objects.create(name="ZORG")


@pytest.mark.parametrize("header", ["Sector", "sector", "Branche", "Industry"])
def test_an_import_file_may_still_call_the_column_sector(header):
    assert importing.guess_mapping(["Naam", header]) == ["name", "industry"]


def test_an_import_with_a_sector_column_fills_the_industry(client, facilitator, cop):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(facilitator)
    data = b"Naam;E-mail;Sector\nAnna de Vries;anna@example.org;Wonen\n"
    url = reverse("composition:import", args=[cop.slug])
    client.post(url, {"file": SimpleUploadedFile("kandidaten.csv", data)})
    form = client.get(reverse("composition:import_map", args=[cop.slug])).context["form"]
    mapping = [form.initial[f"column_{n}"] for n in range(len(form.headers))]
    assert mapping == ["name", "email", "industry"]
    client.post(
        reverse("composition:import_map", args=[cop.slug]),
        {f"column_{n}": value for n, value in enumerate(mapping)},
    )
    client.post(reverse("composition:import_confirm", args=[cop.slug]), {"mode": "all"})
    assert Candidate.objects.get(community=cop, name="Anna de Vries").industry == "Wonen"


def test_the_export_column_is_called_branche_in_dutch(client, facilitator, cop):
    client.force_login(facilitator)
    response = client.get(reverse("composition:export", args=[cop.slug, "csv"]))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "Branche" in header
    assert "Sector" not in header
    with translation.override("nl"):
        assert str(importing.FIELDS["industry"]) == "Branche"


def test_old_names_in_an_export_document_are_read_as_today_s():
    assert current_names({"sector": "Wonen", "name": "Anna"}) == {
        "industry": "Wonen",
        "name": "Anna",
    }
    assert current_names({"sector": "Oud", "industry": "Nieuw"})["industry"] == "Nieuw"


@pytest.mark.django_db
def test_an_export_written_before_the_rename_imports_with_its_industries(cop, participant):
    participant.industry = "Wonen"
    participant.save()
    services.composition_settings_save(
        community=cop, actor=participant, one_organisation_per_industry=True
    )
    text = json.dumps(export_document(cop))
    old = json.loads(
        text.replace('"industry"', '"sector"')
        .replace("one_organisation_per_industry", "one_organisation_per_sector")
        .replace("piet@example.org", "piet.oud@example.org")
    )
    community, _created = import_document(old, slug="circulair-oud")
    assert User.objects.get(email="piet.oud@example.org").industry == "Wonen"
    assert community.composition_settings.one_organisation_per_industry
