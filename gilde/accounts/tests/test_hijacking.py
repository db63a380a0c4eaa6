"""Pre-hijacking: the owner of an address always wins (issue 9, item 6)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gilde.accounts.models import User
from gilde.communities.models import Role
from tests.factories import PASSWORD, UserFactory

VICTIM = "victim@example.org"
ATTACKER_PASSWORD = "aanvaller-kent-dit"
OWNER_PASSWORD = "van-de-echte-eigenaar"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _link(message, pattern: str) -> str:
    match = re.search(r"http://[^/\s]+(" + pattern + r")", message.body)
    assert match, message.body
    return match.group(1)


def _register(client, committed, *, email=VICTIM, password=ATTACKER_PASSWORD, name="Iemand"):
    with committed():
        return client.post(
            reverse("accounts:register"),
            {"name": name, "email": email, "password1": password, "password2": password},
        )


def _log_in(client, committed, *, email=VICTIM, password):
    with committed():
        return client.post(reverse("accounts:login"), {"username": email, "password": password})


def _reset(client, committed, *, email=VICTIM, password=OWNER_PASSWORD):
    with committed():
        client.post(reverse("accounts:password_reset"), {"email": email})
    link = _link(mail.outbox[-1], r"/accounts/password/reset/\S+/")
    form = client.get(link, follow=True).redirect_chain[-1][0]
    return client.post(form, {"new_password1": password, "new_password2": password})


def test_the_pre_hijacking_attack_leaves_the_attacker_without_access(
    db, committed, facilitator, cop
):
    attacker, victim = Client(), Client()

    # The attacker registers the victim's address with a password they know.
    assert _register(attacker, committed).status_code == 200
    account = User.objects.get(email=VICTIM)
    assert not account.email_confirmed
    # The account cannot be used before the address is confirmed.
    _log_in(attacker, committed, password=ATTACKER_PASSWORD)
    assert "_auth_user_id" not in attacker.session

    # The victim follows the confirmation link out of curiosity: it logs nobody in and, without
    # the attacker's password, confirms nothing.
    confirm = _link(mail.outbox[0], r"/accounts/confirm/\S+/")
    page = victim.get(confirm)
    assert page.status_code == 200 and "_auth_user_id" not in victim.session
    wrong = victim.post(confirm, {"password": "ik-weet-het-niet"})
    assert wrong.status_code == 200 and "_auth_user_id" not in victim.session
    account.refresh_from_db()
    assert not account.email_confirmed

    # The victim registers: the same page as always, and a message with a reset link.
    mail.outbox.clear()
    response = _register(victim, committed, password=OWNER_PASSWORD, name="Echte Eigenaar")
    assert response.templates[0].name == "accounts/register_done.html"
    [message] = mail.outbox
    assert message.to == [VICTIM]
    # Choosing a password through it replaces the attacker's and confirms the address.
    assert _reset(victim, committed).status_code == 302
    account.refresh_from_db()
    assert account.email_confirmed
    assert account.check_password(OWNER_PASSWORD)
    assert not account.check_password(ATTACKER_PASSWORD)

    # The attacker's password no longer works; the owner's does.
    _log_in(attacker, committed, password=ATTACKER_PASSWORD)
    assert "_auth_user_id" not in attacker.session
    _log_in(victim, committed, password=OWNER_PASSWORD)
    assert victim.session["_auth_user_id"] == str(account.pk)

    # Invited into a closed CoP, only the owner gets in.
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)
    with committed():
        facilitator_client.post(
            reverse("communities:invite", args=[cop.slug]), {"email": VICTIM, "role": "participant"}
        )
    invitation = _link(mail.outbox[-1], r"/invite/\S+/")
    assert attacker.post(invitation).status_code in (200, 302)
    assert not cop.memberships.filter(user=account).exists()  # the attacker is anonymous
    victim.post(invitation)
    assert cop.memberships.get(user=account).role == Role.PARTICIPANT
    assert attacker.get(reverse("communities:detail", args=[cop.slug])).status_code == 302


def test_confirmation_link_alone_logs_nobody_in(client, db, committed):
    _register(client, committed)
    link = _link(mail.outbox[0], r"/accounts/confirm/\S+/")
    fresh = Client()
    assert fresh.get(link).status_code == 200
    assert fresh.post(link, {}).status_code == 200
    assert "_auth_user_id" not in fresh.session
    assert not User.objects.get(email=VICTIM).email_confirmed


def test_confirmation_with_the_registration_password_confirms(client, db, committed):
    _register(client, committed)
    link = _link(mail.outbox[0], r"/accounts/confirm/\S+/")
    response = client.post(link, {"password": ATTACKER_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email=VICTIM)
    assert user.email_confirmed and user.is_active


def test_registering_a_taken_address_looks_and_works_the_same_as_a_free_one(
    client, db, django_capture_on_commit_callbacks
):
    UserFactory(email="bezet@example.org")
    results = []
    for number, email in enumerate(("bezet@example.org", "vrij@example.org")):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            response = Client(REMOTE_ADDR=f"192.0.2.{number}").post(
                reverse("accounts:register"),
                {
                    "name": "Nieuw",
                    "email": email,
                    "password1": ATTACKER_PASSWORD,
                    "password2": ATTACKER_PASSWORD,
                },
            )
        content = response.content.decode()
        page = content[content.index("<main") : content.index("</main>")].replace(email, "@")
        results.append((response.status_code, page, len(queries), len(callbacks)))
    taken, free = results
    assert taken == free
    assert taken[3] == 1  # one task queued in both cases; the worker decides what to send


def test_password_reset_works_for_an_unconfirmed_account_and_confirms_it(client, db, committed):
    _register(Client(), committed)
    mail.outbox.clear()
    assert _reset(client, committed).status_code == 302
    user = User.objects.get(email=VICTIM)
    assert user.email_confirmed and user.check_password(OWNER_PASSWORD)


def test_password_reset_ends_every_other_session(db, committed):
    user = UserFactory(email=VICTIM)
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200
    _reset(Client(), committed)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302


def test_password_change_keeps_this_session_and_ends_the_others(client, db):
    user = UserFactory(email=VICTIM)
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": OWNER_PASSWORD,
            "new_password2": OWNER_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302


def test_password_change_refuses_a_wrong_old_password(client, db):
    user = UserFactory(email=VICTIM)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "fout", "new_password1": OWNER_PASSWORD, "new_password2": OWNER_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_unconfirmed_accounts_expire_after_seven_days(db):
    old = UserFactory(email="oud@example.org", email_confirmed_at=None)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - timedelta(days=8))
    recent = UserFactory(email="recent@example.org", email_confirmed_at=None)
    confirmed = UserFactory(email="bevestigd@example.org")
    User.objects.filter(pk=confirmed.pk).update(date_joined=timezone.now() - timedelta(days=30))

    call_command("expire_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(User.objects.values_list("email", flat=True)) == {
        recent.email,
        confirmed.email,
    }


def test_registration_of_an_address_whose_unconfirmed_account_expired_works(client, db, committed):
    _register(Client(), committed)
    User.objects.filter(email=VICTIM).update(date_joined=timezone.now() - timedelta(days=8))
    mail.outbox.clear()
    _register(client, committed, password=OWNER_PASSWORD, name="Echte Eigenaar")
    user = User.objects.get(email=VICTIM)
    assert user.name == "Echte Eigenaar" and user.check_password(OWNER_PASSWORD)
    assert "/accounts/confirm/" in mail.outbox[-1].body


def test_invitation_registration_takes_over_an_unconfirmed_account(
    client, db, committed, facilitator, cop
):
    _register(Client(), committed)  # someone else got there first
    inviter = Client()
    inviter.force_login(facilitator)
    with committed():
        inviter.post(
            reverse("communities:invite", args=[cop.slug]), {"email": VICTIM, "role": "participant"}
        )
    token = _link(mail.outbox[-1], r"/invite/\S+/").split("/")[-2]
    response = client.post(
        reverse("communities:invitation_register", args=[token]),
        {"name": "Echte Eigenaar", "password1": OWNER_PASSWORD, "password2": OWNER_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email=VICTIM)
    assert user.email_confirmed and user.name == "Echte Eigenaar"
    assert not user.check_password(ATTACKER_PASSWORD)
    assert cop.memberships.filter(user=user).exists()


def test_invitation_registration_for_a_confirmed_account_says_log_in(
    client, db, committed, facilitator, cop
):
    existing = UserFactory(email=VICTIM)
    inviter = Client()
    inviter.force_login(facilitator)
    with committed():
        inviter.post(
            reverse("communities:invite", args=[cop.slug]), {"email": VICTIM, "role": "participant"}
        )
    token = _link(mail.outbox[-1], r"/invite/\S+/").split("/")[-2]
    response = client.post(
        reverse("communities:invitation_register", args=[token]),
        {"name": "Iemand", "password1": OWNER_PASSWORD, "password2": OWNER_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("email", "exists")
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
