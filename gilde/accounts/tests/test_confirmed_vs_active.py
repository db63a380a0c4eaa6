"""A confirmed address and an active account are two facts; only staff reactivate (item 7)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from gilde.accounts.models import User
from gilde.accounts.tasks import confirmation_path
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _log_in(client, committed, email, password=PASSWORD):
    with committed():
        return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_deactivated_account_is_told_so_and_gets_no_confirmation_link(client, db, committed):
    UserFactory(email="weg@example.org", is_active=False)
    response = _log_in(client, committed, "weg@example.org")
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "inactive")
    assert "_auth_user_id" not in client.session
    assert not mail.outbox


def test_unconfirmed_account_is_told_so_and_gets_a_new_link(client, db, committed):
    UserFactory(email="nieuw@example.org", email_confirmed_at=None)
    response = _log_in(client, committed, "nieuw@example.org")
    assert response.context["form"].has_error("__all__", "unconfirmed")
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]


def test_a_wrong_password_says_nothing_about_the_account(client, db, committed):
    UserFactory(email="weg@example.org", is_active=False)
    UserFactory(email="nieuw@example.org", email_confirmed_at=None)
    for email in ("weg@example.org", "nieuw@example.org", "niemand@example.org"):
        response = _log_in(client, committed, email, password="fout-wachtwoord")
        assert response.context["form"].has_error("__all__", "invalid_login")
    assert not mail.outbox


def test_resending_the_confirmation_never_reactivates(client, db, committed):
    user = UserFactory(email="weg@example.org", is_active=False, email_confirmed_at=None)
    _log_in(client, committed, "weg@example.org")
    assert not mail.outbox  # no link for a deactivated account
    # Even with a link made earlier, confirming leaves the account deactivated.
    response = client.post(confirmation_path(user), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed and not user.is_active
    assert "_auth_user_id" not in client.session


def test_confirming_an_address_leaves_is_active_alone(client, db):
    user = UserFactory(email="nieuw@example.org", email_confirmed_at=None)
    client.post(confirmation_path(user), {"password": PASSWORD})
    user.refresh_from_db()
    assert user.email_confirmed and user.is_active


def test_a_password_reset_does_not_reactivate(client, db, committed):
    UserFactory(email="weg@example.org", is_active=False)
    with committed():
        client.post(reverse("accounts:password_reset"), {"email": "weg@example.org"})
    assert not mail.outbox


def test_staff_reactivate_in_the_admin(client, db):
    staff = UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    user = UserFactory(email="weg@example.org", name="Weg", is_active=False)
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"password", "groups", "user_permissions"}
    }
    data.update(
        email=user.email,
        name=user.name,
        organisation=user.organisation_id,
        language="nl",
        is_active="on",
        email_confirmed_at_0=timezone.localdate().isoformat(),
        email_confirmed_at_1="10:00:00",
        date_joined_0=timezone.localdate().isoformat(),
        date_joined_1="10:00:00",
    )
    data.pop("email_confirmed_at", None)
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.is_active


def test_staff_added_accounts_count_as_confirmed(client, db):
    staff = UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Toegevoegd@Example.org",
            "name": "Toegevoegd",
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="toegevoegd@example.org")
    assert user.email_confirmed and user.is_active


@pytest.mark.django_db(transaction=True)
def test_migration_separates_confirmed_from_active_and_lowercases_addresses():
    before = [("accounts", "0002_confirmed_shared_sector")]
    after = [("accounts", "0004_user_email_unique_ci")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("accounts", "User")
    now = timezone.now()
    day = timedelta(days=1)
    rows = {
        "active": dict(email="Actief@Example.org", is_active=True),
        "waiting": dict(email="wacht@example.org", is_active=False),
        "blocked": dict(email="geblokt@example.org", is_active=False, last_login=now - day),
        # Two spellings of one address: the confirmed one that logged in last keeps it.
        "dup_winner": dict(email="Dubbel@example.org", is_active=True, last_login=now),
        "dup_loser": dict(email="dubbel@example.org", is_active=True, last_login=now - day),
    }
    pks = {
        key: old.objects.create(name=key, password="!", date_joined=now - 2 * day, **fields).pk
        for key, fields in rows.items()
    }

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    # The model in the code has the fields of every later migration too.
    executor.loader.build_graph()
    executor.migrate([k for k in executor.loader.graph.leaf_nodes() if k[0] == "accounts"])

    users = {key: User.objects.get(pk=pk) for key, pk in pks.items()}
    assert users["active"].email == "actief@example.org"
    assert users["active"].email_confirmed and users["active"].is_active
    assert not users["waiting"].email_confirmed and users["waiting"].is_active
    assert users["blocked"].email_confirmed and not users["blocked"].is_active
    assert users["dup_winner"].email == "dubbel@example.org"
    assert users["dup_winner"].is_active
    loser = users["dup_loser"]
    assert not loser.is_active
    assert loser.email == f"dubbel@example.org.duplicate-{loser.pk}.invalid"
