"""Registration, confirmation, login and its lockout, profile, password reset, language."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from gilde.accounts.models import Organisation, User
from tests.factories import PASSWORD, UserFactory

REGISTRATION = {
    "name": "Rosa Registreer",
    "email": "Rosa@Example.org",
    "password1": "een-lang-wachtwoord",
    "password2": "een-lang-wachtwoord",
}


def _link(body):
    return re.search(r"http://[^/\s]+(/\S+)", body).group(1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (queued e-mails) when the block ends, as a request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _register(client, committed, data=REGISTRATION):
    with committed():
        return client.post(reverse("accounts:register"), data)


def test_registration_needs_confirmation_before_login(client, db, committed):
    response = _register(client, committed)
    assert response.status_code == 200
    user = User.objects.get(email="rosa@example.org")
    assert user.is_active and not user.email_confirmed
    with committed():
        login = client.post(
            reverse("accounts:login"), {"username": user.email, "password": "een-lang-wachtwoord"}
        )
    assert login.status_code == 200
    assert "not confirmed yet" in login.content.decode() or "niet bevestigd" in (
        login.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 2  # the first link, and a new one sent at the login attempt
    link = _link(mail.outbox[-1].body)
    assert client.get(link).status_code == 200  # asks for the password
    response = client.post(link, {"password": "een-lang-wachtwoord"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed
    assert client.session["_auth_user_id"] == str(user.pk)


def test_confirmation_link_works_once(client, db, committed):
    _register(client, committed)
    link = _link(mail.outbox[0].body)
    assert client.post(link, {"password": "een-lang-wachtwoord"}).status_code == 302
    assert Client().get(link).status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "geen-adres"), ("password2", "iets-anders-1234"), ("password1", "12345678")],
)
def test_bad_registration_is_refused_with_the_name_kept(client, db, field, value):
    data = {**REGISTRATION, field: value}
    if field == "password1":
        data["password2"] = value
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Rosa Registreer" in response.content.decode()
    assert not User.objects.exists()


def test_registering_an_existing_address_shows_the_same_page_and_tells_the_owner(
    client, db, committed
):
    owner = UserFactory(email="rosa@example.org", name="Rosa Eigenaar", language="en")
    response = _register(client, committed)
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/register_done.html"
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.name == "Rosa Eigenaar" and owner.check_password(PASSWORD)
    [message] = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "tried to make" in message.subject  # in the owner's language
    assert "/accounts/password/reset/" in message.body


def test_login_and_logout(client, db):
    user = UserFactory(email="lid@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "lid@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_for_fifteen_minutes(client, db):
    UserFactory(email="lid@example.org")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "lid@example.org", "password": "fout"})
    response = client.post(
        reverse("accounts:login"), {"username": "lid@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_profile_edit_creates_or_picks_an_organisation(client, db):
    existing = Organisation.objects.create(name="Gemeente Utrecht")
    user = UserFactory()
    client.force_login(user)
    data = {
        "name": "Piet Profiel",
        "organisation_name": "gemeente utrecht",
        "function": "Beleidsadviseur",
        "discipline": "Bestuurskunde",
        "industry": "Overheid",
        "knowledge_type": "both",
        "language": "nl",
    }
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    user.refresh_from_db()
    assert user.organisation == existing
    assert (user.function, user.knowledge_type) == ("Beleidsadviseur", "both")
    client.post(reverse("accounts:profile"), {**data, "organisation_name": "Nieuw Bedrijf BV"})
    user.refresh_from_db()
    assert user.organisation.name == "Nieuw Bedrijf BV"


def test_profile_refuses_unknown_knowledge_type_and_keeps_the_saved_profile(client, db):
    user = UserFactory(name="Oud")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"name": "Nieuw", "knowledge_type": "magic", "language": "nl", "organisation_name": ""},
    )
    assert response.status_code == 200
    assert "knowledge_type" in response.context["form"].errors
    user.refresh_from_db()
    assert user.name == "Oud"


def test_password_reset_mails_a_working_link(client, db, committed):
    user = UserFactory(email="vergeten@example.org", language="en")
    with committed():
        client.post(reverse("accounts:password_reset"), {"email": "vergeten@example.org"})
    assert len(mail.outbox) == 1
    assert "password" in mail.outbox[0].subject.lower()  # in the account's language
    response = client.get(_link(mail.outbox[0].body), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "nieuw-en-lang-genoeg", "new_password2": "nieuw-en-lang-genoeg"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-en-lang-genoeg")


def test_password_reset_for_unknown_address_says_the_same(client, db, committed):
    UserFactory(email="bekend@example.org")
    with committed():
        unknown = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    with committed():
        known = client.post(reverse("accounts:password_reset"), {"email": "bekend@example.org"})
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert [m.to for m in mail.outbox] == [["bekend@example.org"]]


def test_dutch_by_default_and_english_for_a_visitor_whose_browser_asks_for_it(client, db):
    # Issue 12: an anonymous visitor whose browser asks for English first gets English.
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in response.content.decode()
    response = client.get("/", headers={"accept-language": "de-DE,fr;q=0.9"})
    assert '<html lang="nl">' in response.content.decode()


def test_language_switch_for_a_visitor_uses_a_cookie(client, db):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/cops/"})
    assert response.status_code == 302 and response.url == "/cops/"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_language_choice_sticks_to_the_account(client, db):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    other_browser = Client()
    other_browser.force_login(user)
    assert '<html lang="en">' in other_browser.get("/cops/mine/").content.decode()


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example.com/"}
    )
    assert response.url == "/"
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_csrf_failure_gets_a_friendly_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:register"), REGISTRATION)
    assert response.status_code == 403
    assert "<html" in response.content.decode()
    assert not User.objects.exists()


def test_security_headers_and_csp(client, db):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_deactivated_account_is_logged_out(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_language_chosen_before_login_carries_over_to_the_account(client, db):
    user = UserFactory(email="lid@example.org", language="nl")
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    client.post(reverse("accounts:login"), {"username": "lid@example.org", "password": PASSWORD})
    user.refresh_from_db()
    assert user.language == "en"


@pytest.mark.parametrize(
    "next_url",
    [
        "foo",
        "accounts:profile",
        "foo.bar",
        "",
        "//evil.example.com/",
        "/\\evil.example.com/",
        "https://evil.example.com/",
        "javascript:alert(1)",
        "/cops/\r\nSet-Cookie: x=1",
        "/cops/\x00",
        "x" * 3000,
    ],
)
def test_language_switch_never_fails_on_an_odd_next(client, db, next_url):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response.url == "/"


def test_language_switch_keeps_a_path_with_a_query(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/cops/?page=2#x"}
    )
    assert response.url == "/cops/?page=2#x"
