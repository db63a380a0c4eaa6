"""The main journeys through Gilde in a real browser, every page checked with axe."""

import re

from playwright.sync_api import expect

from gilde.accounts.models import User
from gilde.communities.models import Community, Membership, Role
from tests.factories import PASSWORD

from .helpers import check_a11y, link_from_mail, log_in, shot

NEW_PASSWORD = "zeven-vlinders-dansen"


def test_register_start_a_cop_invite_and_accept(server, page):
    # Register; the confirmation link arrives by e-mail.
    page.goto(f"{server}/")
    check_a11y(page)
    page.click("main a[href='/accounts/register/']")
    expect(page).to_have_url(f"{server}/accounts/register/")
    check_a11y(page)
    page.fill("#id_name", "Ineke Initiatiefnemer")
    page.fill("#id_email", "ineke@example.org")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_be_visible()
    check_a11y(page)
    assert not User.objects.get(email="ineke@example.org").email_confirmed

    # The link asks for the password chosen at registration, then confirms and logs in.
    page.goto(link_from_mail(server, r"/accounts/confirm/[^/\s]+/[^/\s]+/"))
    check_a11y(page)
    page.fill("#id_password", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{server}/accounts/profile/")
    check_a11y(page)

    # Profile, with an organisation that does not exist yet.
    page.fill("#id_name", "Ineke de Vries")
    page.fill("#id_organisation_name", "Stichting Kringloop Oost")
    page.fill("#id_function", "Programmamanager")
    page.fill("#id_industry", "Afvalbeheer")
    page.select_option("#id_knowledge_type", "both")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{server}/accounts/profile/")
    expect(page.locator(".message--success")).to_be_visible()
    check_a11y(page)
    shot(page, "profile")
    ineke = User.objects.get(email="ineke@example.org")
    assert ineke.organisation.name == "Stichting Kringloop Oost"
    assert (ineke.function, ineke.industry, ineke.knowledge_type) == (
        "Programmamanager",
        "Afvalbeheer",
        "both",
    )

    # Start a CoP, keeping the defaults for duration, cadence and size.
    page.click("header a[href='/cops/new/']")
    expect(page).to_have_url(f"{server}/cops/new/")
    check_a11y(page)
    page.fill("#id_name", "Circulaire wijken")
    page.fill("#id_description", "Hoe maken we met bewoners en bedrijven een wijk circulair?")
    page.check("input[name=policy][value=closed]")
    page.fill("#id_start_date", "2026-03-02")
    shot(page, "cop-new")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{server}/c/circulaire-wijken/")
    check_a11y(page)
    shot(page, "cop-home")
    cop = Community.objects.get(slug="circulaire-wijken")
    assert (cop.duration_months, cop.cadence_weeks, cop.target_size) == (18, 6, 20)
    assert cop.memberships.get(user=ineke).role == Role.INITIATOR

    # It is listed under My CoPs.
    page.click("header a[href='/cops/mine/']")
    expect(page.locator("main table a[href='/c/circulaire-wijken/']")).to_be_visible()
    check_a11y(page)
    shot(page, "my-cops")

    # Invite a participant by e-mail.
    page.goto(f"{server}/c/circulaire-wijken/")
    page.click("nav.cop-nav a[href='/c/circulaire-wijken/invitations/']")
    expect(page).to_have_url(f"{server}/c/circulaire-wijken/invitations/")
    check_a11y(page)
    page.fill("#id_email", "daan@example.org")
    page.select_option("#id_role", Role.PARTICIPANT)
    page.fill("#id_message", "Doe je mee? Je ervaring met repaircafés is welkom.")
    page.click("main form.form button[type=submit]")
    expect(page.locator("main table")).to_contain_text("daan@example.org")
    check_a11y(page)
    shot(page, "invitations")
    invitation_url = link_from_mail(server, r"/invite/[^/\s]+/")

    # Log out.
    page.click("header form[action='/accounts/logout/'] button")
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.locator("header a[href='/accounts/login/']")).to_be_visible()

    # The invited person opens the link, creates an account and is in.
    page.goto(invitation_url)
    expect(page.locator("h1")).to_contain_text("Circulaire wijken")
    check_a11y(page)
    shot(page, "invitation")
    page.click("main a[href$='/register/']")
    expect(page).to_have_url(re.compile(r"/invite/[^/]+/register/$"))
    check_a11y(page)
    expect(page.locator("#id_email")).to_have_value("daan@example.org")
    page.fill("#id_name", "Daan Deelnemer")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{server}/c/circulaire-wijken/")
    expect(page.locator(".your-role")).to_be_visible()
    expect(page.locator("nav.cop-nav")).to_be_visible()
    check_a11y(page)
    membership = Membership.objects.get(community=cop, user__email="daan@example.org")
    assert membership.role == Role.PARTICIPANT


def test_language_switch_sticks_to_the_account(server, page, participant):
    page.goto(f"{server}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    check_a11y(page)

    page.click("header .language-switch button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{server}/")
    check_a11y(page)

    log_in(page, server, participant.email, PASSWORD)
    expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_a11y(page)

    page.goto(f"{server}/c/{participant.memberships.get().community.slug}/members/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_a11y(page)
    participant.refresh_from_db()
    assert participant.language == "en"

    page.click("header .language-switch button[value=nl]")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/members/$"))
    check_a11y(page)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    participant.refresh_from_db()
    assert participant.language == "nl"


def test_phone_layout_has_no_horizontal_scroll(server, browser, personas, cop):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    initiator = personas["initiator"]
    try:
        for path, name in [("/", "phone-home"), ("/accounts/login/", "phone-login")]:
            page.goto(server + path)
            _assert_fits(page, name)
        log_in(page, server, initiator.email, PASSWORD)
        for path, name in [
            (f"/c/{cop.slug}/", "phone-cop-home"),
            (f"/c/{cop.slug}/members/", "phone-members"),
        ]:
            page.goto(server + path)
            _assert_fits(page, name)
    finally:
        context.close()


def _assert_fits(page, name: str) -> None:
    check_a11y(page)
    shot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide on a 360px screen"


def test_invalid_cop_form_keeps_input_and_shows_an_error_summary(server, page, outsider):
    log_in(page, server, outsider.email, PASSWORD)
    page.goto(f"{server}/cops/new/")
    check_a11y(page)
    description = "Hoe delen we gereedschap tussen buurthuizen?"
    page.fill("#id_name", "")
    page.fill("#id_description", description)
    page.fill("#id_start_date", "2026-03-02")
    page.fill("#id_target_size", "500")
    page.click("main form button[type=submit]")

    expect(page).to_have_url(f"{server}/cops/new/")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_name']")).to_be_visible()
    expect(summary.locator("a[href='#id_target_size']")).to_be_visible()
    expect(page.locator("#id_description")).to_have_value(description)
    expect(page.locator("#id_target_size")).to_have_value("500")
    check_a11y(page)
    shot(page, "cop-new-errors")
    assert not Community.objects.filter(description=description).exists()
