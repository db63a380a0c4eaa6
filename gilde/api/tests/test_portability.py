"""CoP export and import: the demo CoP makes the round trip unchanged, the document matches the
JSON Schema in the repository, and bad files are refused with a message."""

import json
from io import StringIO
from pathlib import Path

import jsonschema_rs
import pytest
from django.core.management import CommandError, call_command

from gilde.accounts.models import User
from gilde.communities.models import Community, PrivateExportConsent
from gilde.communities.portability import (
    Kind,
    canonical_json,
    export_document,
    export_schema,
    import_document,
    portable_models,
    register_portable_part,
)
from gilde.demo import data
from gilde.demo.services import demo_load

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "cop-export.v1.schema.json"


def test_the_schema_file_is_the_one_the_declarations_give():
    committed = json.loads(SCHEMA_FILE.read_text())
    assert committed == json.loads(json.dumps(export_schema())), (
        "Run `gilde export-cop --schema -o docs/cop-export.v1.schema.json` and commit it."
    )


@pytest.mark.django_db
def test_the_demo_cop_makes_the_round_trip_unchanged(tmp_path):
    demo_load()
    original = Community.objects.get(slug=data.MAIN_SLUG)
    first = export_document(original)
    jsonschema_rs.validator_for(export_schema()).validate(json.loads(json.dumps(first)))
    assert first["parts"]["meetings"]["meeting_rows"]
    assert first["parts"]["question"]["questionversion_rows"]
    path = tmp_path / "cop.json"
    call_command("export_cop", data.MAIN_SLUG, "-o", str(path), stderr=StringIO())
    out = StringIO()
    call_command("import_cop", str(path), "--slug", "kopie", stdout=out)
    assert "Imported" in out.getvalue()
    copy = Community.objects.get(slug="kopie")
    assert copy.pk != original.pk
    second = export_document(copy)
    assert canonical_json(second).replace('"kopie"', "SLUG") == canonical_json(first).replace(
        f'"{data.MAIN_SLUG}"', "SLUG"
    )


@pytest.mark.django_db
def test_people_are_matched_by_address_or_created_inactive(tmp_path):
    demo_load()
    document = export_document(Community.objects.get(slug=data.MAIN_SLUG))
    old = document["people"][0]["email"]
    document = json.loads(json.dumps(document).replace(f'"{old}"', '"nieuw-persoon@example.org"'))
    before = User.objects.count()
    community, created = import_document(json.loads(json.dumps(document)), slug="elders")
    assert created == 1 and User.objects.count() == before + 1
    person = User.objects.get(email="nieuw-persoon@example.org")
    assert not person.is_active and not person.email_confirmed and not person.has_usable_password()
    assert community.memberships.count() == len(document["parts"]["communities"]["membership_rows"])


@pytest.mark.django_db
def test_a_newer_version_or_a_stranger_file_is_refused_and_nothing_is_made(tmp_path):
    demo_load()
    count = Community.objects.count()
    for content, message in [
        ({"format": "gilde-cop-export", "version": 2}, "format version 2"),
        ({"format": "something"}, "not a Gilde CoP export"),
        ("[1, 2", "not valid JSON"),
    ]:
        path = tmp_path / "in.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        with pytest.raises(CommandError, match=message):
            call_command("import_cop", str(path))
    with pytest.raises(CommandError, match="exists already"):
        path.write_text(json.dumps(export_document(Community.objects.get(slug=data.MAIN_SLUG))))
        call_command("import_cop", str(path))
    assert Community.objects.count() == count


def test_every_model_of_a_cop_is_in_the_export_or_said_to_stay_out():
    from django.apps import apps

    left_out = {
        "communities.ImportStaging",  # an unfinished upload in this installation
        "monitoring.TisInvitation",  # its link works only where it was sent from
        "communities.Invitation",  # its link works only where it was sent from
        "communities.Community",  # the document's own "community"
    }
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if not label.startswith(
            (
                "communities.",
                "question.",
                "composition.",
                "impact.",
                "meetings.",
                "guide.",
                "decisions.",
                "learning.",
                "monitoring.",
            )
        ):
            continue
        names = {f.name for f in model._meta.concrete_fields}
        belongs = (
            "community" in names
            or "membership" in names
            or any(
                f.is_relation
                and f.related_model
                and f.related_model._meta.label in portable_models()
                for f in model._meta.concrete_fields
            )
        )
        if belongs and label not in portable_models() and label not in left_out:
            missing.append(label)
    assert not missing, f"Declare these in the app's portability.py: {missing}"


@pytest.mark.django_db
def test_private_items_go_only_with_consent_and_with_private(cop, initiator, participant):
    calls = []

    def only_consenting(queryset, ctx):
        calls.append(ctx.with_private)
        if ctx.with_private:
            return queryset.filter(pk__in=ctx.consenting)
        return queryset.none()

    register_portable_part(
        app="zz-private-test",
        order=999,
        kinds=[Kind("communities.Membership", community_path="community", private=only_consenting)],
    )
    try:
        mine = cop.memberships.get(user=participant)
        PrivateExportConsent.objects.create(membership=mine)
        plain = export_document(cop)
        assert plain["parts"]["zz-private-test"]["membership_rows"] == []
        private = export_document(cop, with_private=True, consenting={mine.pk})
        rows = private["parts"]["zz-private-test"]["membership_rows"]
        assert [row["user"] for row in rows] == ["piet@example.org"]
        assert private["private_included_for"] == ["piet@example.org"]
    finally:
        from gilde.communities import portability

        portability._PARTS.pop("zz-private-test")
