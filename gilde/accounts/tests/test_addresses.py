"""Addresses compare without case; e-mails anyone can trigger are throttled (item 8)."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gilde.accounts.models import User
from gilde.communities.models import Invitation
from gilde.core import throttle
from gilde.core.models import ThrottleCounter
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _register(client, email, password="een-lang-wachtwoord"):
    return client.post(
        reverse("accounts:register"),
        {"name": "Rosa", "email": email, "password1": password, "password2": password},
    )


def test_addresses_are_stored_in_lower_case(db):
    user = User.objects.create_user(email="  Rosa@Example.ORG ", password=PASSWORD, name="Rosa")
    assert user.email == "rosa@example.org"
    user.email = "ROSA@example.org"
    user.save()
    assert User.objects.get(pk=user.pk).email == "rosa@example.org"


def test_the_database_refuses_two_spellings_of_one_address(db):
    UserFactory(email="rosa@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="ROSA@example.org", name="Rosa")])


def test_login_ignores_the_case_of_the_address(client, db):
    user = UserFactory(email="rosa@example.org")
    client.post(reverse("accounts:login"), {"username": "Rosa@Example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_logins_count_for_the_account_whatever_the_case(client, db):
    UserFactory(email="rosa@example.org")
    for spelling in ("rosa@example.org", "ROSA@example.org", "Rosa@Example.org"):
        for _ in range(2):
            client.post(reverse("accounts:login"), {"username": spelling, "password": "fout"})
    response = client.post(
        reverse("accounts:login"), {"username": "rosa@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_registering_another_spelling_of_a_taken_address_tells_the_owner(client, db, committed):
    owner = UserFactory(email="rosa@example.org")
    with committed():
        response = _register(client, "ROSA@Example.org")
    assert response.status_code == 200
    assert User.objects.get() == owner
    [message] = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "/accounts/password/reset/" in message.body


def test_password_reset_ignores_the_case_of_the_address(client, db, committed):
    UserFactory(email="rosa@example.org")
    with committed():
        client.post(reverse("accounts:password_reset"), {"email": "Rosa@EXAMPLE.org"})
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]


def test_an_invitation_to_another_spelling_is_accepted(client, db, committed, facilitator, cop):
    person = UserFactory(email="foo@example.org")
    client.force_login(facilitator)
    with committed():
        client.post(
            reverse("communities:invite", args=[cop.slug]),
            {"email": "Foo@Example.org", "role": "participant"},
        )
    assert Invitation.objects.get().email == "foo@example.org"
    token = re.search(r"/invite/(\S+)/", mail.outbox[-1].body).group(1)
    client.force_login(person)
    response = client.post(reverse("communities:invitation", args=[token]))
    assert response.status_code == 302
    assert cop.memberships.filter(user=person).exists()


def test_an_invitation_stored_with_capitals_is_accepted_too(client, db, facilitator, cop):
    from gilde.communities.services import invitation_accept

    person = UserFactory(email="foo@example.org")
    invitation = Invitation.objects.create(
        community=cop,
        email="Foo@Example.org",
        role="participant",
        token_digest="x",
        invited_by=facilitator,
        expires_at=timezone.now() + timedelta(days=1),
    )
    invitation_accept(invitation=invitation, user=person)
    assert cop.memberships.filter(user=person).exists()


# Throttling


def test_registration_is_throttled_per_address(db, committed):
    for number in range(3):
        with committed():
            response = _register(Client(REMOTE_ADDR=f"192.0.2.{number}"), "rosa@example.org")
            assert response.status_code == 200
    with committed():
        response = _register(Client(REMOTE_ADDR="192.0.2.99"), "ROSA@example.org")
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()
    assert len(mail.outbox) == 3


def test_registration_is_throttled_per_client(db, committed, monkeypatch):
    monkeypatch.setitem(throttle.LIMITS, "register:client", throttle.Limit(2, throttle.HOUR))
    client = Client(REMOTE_ADDR="192.0.2.7")
    with committed():
        for number in range(2):
            assert _register(client, f"persoon{number}@example.org").status_code == 200
        response = _register(client, "persoon9@example.org")
    assert response.status_code == 429
    assert not User.objects.filter(email="persoon9@example.org").exists()
    # Another client is not affected.
    with committed():
        assert _register(Client(REMOTE_ADDR="192.0.2.8"), "persoon9@example.org").status_code == 200


def test_the_throttle_window_passes(db, committed):
    for number in range(3):
        with committed():
            _register(Client(REMOTE_ADDR=f"192.0.2.{number}"), "rosa@example.org")
    ThrottleCounter.objects.update(window_start=timezone.now() - timedelta(hours=2))
    with committed():
        assert _register(Client(REMOTE_ADDR="192.0.2.9"), "rosa@example.org").status_code == 200


def test_throttled_registration_says_the_same_for_taken_and_free_addresses(db, committed):
    UserFactory(email="bezet@example.org")
    statuses = []
    for email in ("bezet@example.org", "vrij@example.org"):
        for number in range(4):
            with committed():
                response = _register(Client(REMOTE_ADDR=f"192.0.2.{number}"), email)
        statuses.append((response.status_code, response.context["form"].non_field_errors()))
    assert statuses[0] == statuses[1]


def test_password_reset_is_throttled_per_address(client, db, committed):
    UserFactory(email="rosa@example.org")
    with committed():
        for _ in range(3):
            client.post(reverse("accounts:password_reset"), {"email": "rosa@example.org"})
        response = client.post(reverse("accounts:password_reset"), {"email": "rosa@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_login_resends_the_confirmation_at_most_three_times_an_hour(client, db, committed):
    UserFactory(email="nieuw@example.org", email_confirmed_at=None)
    with committed():
        for _ in range(5):
            client.post(
                reverse("accounts:login"), {"username": "nieuw@example.org", "password": PASSWORD}
            )
    assert len(mail.outbox) == 3


def test_invitations_are_throttled_per_address(client, db, committed, facilitator, cop):
    client.force_login(facilitator)
    with committed():
        for _ in range(5):
            client.post(
                reverse("communities:invite", args=[cop.slug]),
                {"email": "nieuw@example.org", "role": "participant"},
            )
        response = client.post(
            reverse("communities:invite", args=[cop.slug]),
            {"email": "nieuw@example.org", "role": "participant"},
        )
    assert response.status_code == 200
    assert response.context["form"].has_error("email")
    assert len(mail.outbox) == 5


def test_invitations_are_throttled_per_inviter(
    client, db, committed, facilitator, cop, monkeypatch
):
    monkeypatch.setitem(throttle.LIMITS, "invitation:client", throttle.Limit(2, throttle.DAY))
    client.force_login(facilitator)
    with committed():
        for number in range(3):
            response = client.post(
                reverse("communities:invite", args=[cop.slug]),
                {"email": f"persoon{number}@example.org", "role": "participant"},
            )
    assert response.context["form"].has_error("email")
    assert len(mail.outbox) == 2


def test_comment_requests_skip_members_asked_often(
    client, db, committed, facilitator, participant, cop
):
    client.force_login(facilitator)
    membership = cop.memberships.get(user=participant)
    url = reverse("question:request_comments", args=[cop.slug])
    with committed():
        for _ in range(6):
            response = client.post(url, {"recipients": [membership.pk], "message": "Graag"})
    assert response.status_code == 302
    assert len(mail.outbox) == 5
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1


def test_comment_requests_are_throttled_per_sender(
    client, db, committed, facilitator, participant, cop, monkeypatch
):
    monkeypatch.setitem(throttle.LIMITS, "comment_request:client", throttle.Limit(1, throttle.DAY))
    client.force_login(facilitator)
    membership = cop.memberships.get(user=participant)
    url = reverse("question:request_comments", args=[cop.slug])
    with committed():
        client.post(url, {"recipients": [membership.pk], "message": "Graag"})
        response = client.post(url, {"recipients": [membership.pk], "message": "Nog eens"})
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()
    assert len(mail.outbox) == 1


def test_old_counters_are_cleaned_up(db):
    throttle.throttle_hit(scope="register:address", value="rosa@example.org")
    assert throttle.throttle_counters_expire() == 0
    ThrottleCounter.objects.update(window_start=timezone.now() - timedelta(days=2))
    assert throttle.throttle_counters_expire() == 1


def test_counters_hold_no_addresses(db):
    throttle.throttle_hit(scope="register:address", value="rosa@example.org")
    assert "rosa" not in ThrottleCounter.objects.get().key


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "192.0.2.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.9, 203.0.113.5", "198.51.100.9"),
        (2, "203.0.113.5", "192.0.2.1"),
    ],
)
def test_the_client_address_behind_proxies(rf, settings, proxies, forwarded, expected):
    settings.GILDE_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_address(request) == expected


def test_an_overlong_address_at_login_is_no_match_not_an_error(client, db):
    """The failed attempt is counted under a column of 255 characters (PostgreSQL enforces it)."""
    from axes.models import AccessAttempt

    for address in ("x" * 300, "x" * 300 + "@example.org"):
        response = client.post(reverse("accounts:login"), {"username": address, "password": "f"})
        assert response.status_code == 200
    assert all(len(a.username) <= 255 for a in AccessAttempt.objects.all())
