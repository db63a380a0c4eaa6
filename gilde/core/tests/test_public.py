"""The public face: the landing page, privacy and about pages set by configuration, and English
for anonymous visitors whose browser asks for it."""

from django.urls import reverse

from gilde.accounts.models import User


def test_the_landing_page_has_one_primary_action_and_a_picture(client, db):
    page = client.get(reverse("core:home")).content.decode()
    main = page.split('<main id="main"', 1)[1]
    assert main.count('class="button"') == 1
    assert 'src="/static/img/gilde-home.png"' in main
    assert reverse("core:privacy") in page and reverse("core:about") in page


def test_about_shows_the_configured_licence_and_contact(client, db, settings):
    settings.GILDE_OPERATOR = "Stichting Leren Samen"
    settings.GILDE_CONTACT_EMAIL = "privacy@example.org"
    settings.GILDE_LICENCE = "EUPL-1.2"
    settings.GILDE_LICENCE_URL = "https://example.org/eupl"
    page = client.get(reverse("core:about")).content.decode()
    assert "Stichting Leren Samen" in page
    assert 'href="mailto:privacy@example.org"' in page
    assert '<a href="https://example.org/eupl">EUPL-1.2</a>' in page
    privacy = client.get(reverse("core:privacy")).content.decode()
    assert 'href="mailto:privacy@example.org"' in privacy
    assert "Stichting Leren Samen" in privacy


def test_without_configuration_the_pages_say_so_plainly(client, db, settings):
    settings.GILDE_OPERATOR = settings.GILDE_CONTACT_EMAIL = settings.GILDE_LICENCE = ""
    page = client.get(reverse("core:about")).content.decode()
    assert "de licentie wordt nog gekozen" in page
    assert "mailto:" not in page
    privacy = client.get(reverse("core:privacy")).content.decode()
    assert "anoniem" in privacy.lower() and "vijf deelnemers" in privacy


def test_an_anonymous_visitor_whose_browser_asks_for_english_gets_english(client, db):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,nl;q=0.5")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_dutch_stays_the_default(client, db):
    for header in ("nl-NL,nl;q=0.9,en;q=0.8", "fr-FR,de;q=0.8", "", "*"):
        response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=header)
        assert response["Content-Language"] == "nl", header


def test_the_first_language_gilde_speaks_wins(client, db):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="fr-FR,en;q=0.7,nl;q=0.5")
    assert response["Content-Language"] == "en"


def test_a_chosen_language_wins_over_the_browser(client, db):
    client.post(reverse("accounts:set_language"), {"language": "nl", "next": "/"})
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nl"


def test_an_account_keeps_its_own_language(client, participant):
    User.objects.filter(pk=participant.pk).update(language="nl")
    client.force_login(participant)
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nl"
