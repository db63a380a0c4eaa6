"""A person's data: every model with a path to a person is declared by some app, "Download my
data" hands it over, and "Delete my account" leaves no trace of their name or address anywhere
in the database."""

import io
import json
import shutil
import subprocess
import zipfile

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from gilde.accounts.models import ExportStatus, PersonalDataExport, User
from gilde.accounts.services import AccountEraseBlocked, account_erase, api_token_create
from gilde.communities.models import Role
from gilde.core.personal_data import personal_data_covered_models
from gilde.demo.services import demo_load
from gilde.meetings.models import AgendaItem, EvaluationSubmission

PERSON_MODELS = {settings.AUTH_USER_MODEL, "communities.Membership"}
# Django's own tables that point at a person but hold nothing of them beyond the link.
DJANGO_OWN = {"auth.Permission", "auth.Group", "contenttypes.ContentType"}


def _points_to(model, targets) -> bool:
    return any(
        field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label in targets
        and (field.many_to_one or field.one_to_one or field.many_to_many)
        for field in model._meta.get_fields()
        if not field.auto_created or field.concrete
    )


def test_every_model_with_a_path_to_a_person_is_declared():
    models = [m for m in apps.get_models(include_auto_created=True)]
    direct = {m._meta.label for m in models if _points_to(m, PERSON_MODELS)}
    one_level = {m._meta.label for m in models if _points_to(m, direct)}
    with_path = (direct | one_level) - PERSON_MODELS - DJANGO_OWN
    with_path = {label for label in with_path if not label.startswith(("axes.", "django_tasks"))}
    missing = with_path - personal_data_covered_models()
    assert not missing, (
        "Declare these models in their app's personal_data.py (gilde.core.personal_data): "
        f"{sorted(missing)}"
    )


@pytest.fixture
def demo(db):
    return demo_load()


def _dump() -> str:
    """The whole database as text: SQLite's dump, or pg_dump on PostgreSQL."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    db = connection.settings_dict
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    command = [
        "pg_dump",
        "-h",
        db.get("HOST") or "localhost",
        "-U",
        db.get("USER") or "",
        db["NAME"],
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout


def _escaped(text: str) -> list[str]:
    return [text, text.lower(), json.dumps(text)[1:-1]]


@pytest.mark.django_db(transaction=True)
def test_an_erased_member_leaves_no_name_or_address_in_the_database(
    django_capture_on_commit_callbacks,
):
    demo_load()
    user = User.objects.get(email="deelnemer@example.org")
    name, email = user.name, user.email
    membership = user.memberships.get(community__slug="sociaal-circulair-ondernemen")
    led = AgendaItem.objects.filter(led_by=membership).count()
    answered = EvaluationSubmission.objects.filter(membership=membership).count()
    api_token_create(user=user, name="Mijn dashboard", scope="read", days=7)
    # A password reset leaves the address in a finished task's arguments.
    from gilde.accounts.tasks import password_reset_send

    password_reset_send.enqueue(email=email)
    before = _dump()
    assert name in before and email in before

    account_erase(user=user)

    dump = _dump()
    for needle in [*_escaped(name), *_escaped(email)]:
        assert needle not in dump, f"{needle!r} is still in the database"
    user.refresh_from_db()
    assert user.erased_at and not user.is_active and not user.has_usable_password()
    assert str(user) in ("Former member", "Voormalig lid")
    # What the group relies on stays, under the former member.
    assert AgendaItem.objects.filter(led_by=membership).count() == led
    assert EvaluationSubmission.objects.filter(membership=membership).count() == answered
    assert (
        not hasattr(membership, "intake")
        or not type(membership).objects.filter(pk=membership.pk, intake__isnull=False).exists()
    )


@pytest.mark.django_db
def test_the_last_initiator_hands_over_first(cop, initiator, participant):
    with pytest.raises(AccountEraseBlocked) as refused:
        account_erase(user=initiator)
    assert "Circulair ondernemen" in refused.value.reasons[0]
    initiator.refresh_from_db()
    assert initiator.erased_at is None and initiator.is_active
    cop.memberships.filter(user=participant).update(role=Role.INITIATOR)
    account_erase(user=initiator)
    initiator.refresh_from_db()
    assert initiator.erased_at is not None


@pytest.mark.django_db
def test_the_delete_page_needs_the_password_and_says_why_it_cannot(
    client, cop, initiator, participant
):
    client.force_login(participant)
    url = reverse("accounts:account_delete")
    page = client.post(url, {"password": "wrong", "confirm": "on"})
    assert page.status_code == 200 and User.objects.get(pk=participant.pk).erased_at is None
    participant.set_password("geheim-wachtwoord-1")
    participant.save()
    client.force_login(participant)
    response = client.post(url, {"password": "geheim-wachtwoord-1", "confirm": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=participant.pk).erased_at is not None
    assert client.get(reverse("accounts:profile")).status_code == 302  # logged out
    client.force_login(initiator)
    blocked = client.post(url, {"password": "x", "confirm": "on"})
    assert blocked.status_code == 409 and "enige initiatiefnemer" in blocked.content.decode()


@pytest.mark.django_db
def test_download_my_data_is_built_by_the_worker_and_only_for_its_owner(
    client, cop, participant, outsider, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:data_export_request"))
    export = PersonalDataExport.objects.get(user=participant)
    assert response.url == reverse("accounts:data_export", args=[export.pk])
    assert export.status == ExportStatus.READY
    page = client.get(response.url)
    assert "Download" in page.content.decode() or "Downloaden" in page.content.decode()
    download = client.get(reverse("accounts:data_export_download", args=[export.pk]))
    assert download["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    document = json.loads(archive.read("data.json"))
    assert document["data"]["accounts"]["account"]["email"] == "piet@example.org"
    assert document["data"]["communities"]["memberships"][0]["slug"] == "circulair"
    assert "Piet Deelnemer" in archive.read("index.html").decode()
    client.force_login(outsider)
    assert client.get(reverse("accounts:data_export", args=[export.pk])).status_code == 404
    assert client.get(reverse("accounts:data_export_download", args=[export.pk])).status_code == 404


@pytest.mark.django_db
def test_tokens_are_made_shown_once_and_revoked_on_the_profile(client, participant):
    client.force_login(participant)
    page = client.post(
        reverse("accounts:token_create"),
        {"token-name": "Dashboard", "token-scope": "read", "token-days": "30"},
    )
    raw = page.context["raw"]
    assert raw.startswith("gilde_") and raw in page.content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Dashboard" in profile and raw not in profile
    token = participant.api_tokens.get()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    bad = client.post(
        reverse("accounts:token_create"),
        {"token-name": "", "token-scope": "admin", "token-days": "5"},
    )
    assert bad.status_code == 302 and participant.api_tokens.count() == 1
