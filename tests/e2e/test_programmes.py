"""Programmes in the browser: a manager reads the overview (also on a 360 px phone), a CoP's
figures and the settings, and invites a CoP; the CoP's initiator sees exactly what the programme
would see, joins, and leaves again. axe on every page."""

from playwright.sync_api import expect

from gilde.programmes.models import LinkStatus, Programme, ProgrammeManager
from gilde.programmes.tests.conftest import join, populate
from tests.factories import PASSWORD, CommunityFactory, UserFactory

from .helpers import check_a11y, log_in, shot


def _programme():
    manager = UserFactory(email="mira@example.org", name="Mira Programmamanager")
    programme = Programme.objects.create(
        name="Circulaire regio", slug="circulaire-regio", owner_organisation="Provincie"
    )
    ProgrammeManager.objects.create(programme=programme, user=manager)
    for number, people in enumerate((8, 3)):
        community = CommunityFactory(name=f"CoP {number + 1}", slug=f"cop-p{number}")
        populate(community, people=people, meetings=2)
        join(programme, community, theme="Energie" if number else "Water", share=not number)
    return manager, programme


def test_a_manager_follows_the_programme(server, page, browser, cop, initiator):
    manager, programme = _programme()
    log_in(page, server, manager.email, PASSWORD)
    page.goto(f"{server}/p/")
    check_a11y(page)
    page.click("text=Circulaire regio")
    expect(page.locator("h1")).to_have_text("Circulaire regio")
    check_a11y(page)
    shot(page, "programme-overview")
    page.select_option("#id_theme", "Energie")
    page.click("form[method=get] button")
    check_a11y(page)
    page.click("text=CoP 2")
    expect(page.locator("main")).to_contain_text("minder dan 5")
    check_a11y(page)
    page.goto(f"{server}/p/{programme.slug}/cops/cop-p0/")
    check_a11y(page)
    page.goto(f"{server}/p/{programme.slug}/settings/")
    check_a11y(page)
    page.fill("#id_cop", cop.slug)
    page.click("button:text-is('Uitnodigen')")
    page.wait_for_load_state()
    check_a11y(page)
    assert programme.links.get(community=cop).status == LinkStatus.INVITED

    phone = browser.new_page(viewport={"width": 360, "height": 740})
    log_in(phone, server, manager.email, PASSWORD)
    phone.goto(f"{server}/p/{programme.slug}/")
    check_a11y(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width}px"
    phone.close()

    other = browser.new_page()
    log_in(other, server, initiator.email, PASSWORD)
    other.goto(f"{server}/c/{cop.slug}/settings/")
    expect(other.locator("#programmes-heading")).to_be_visible()
    check_a11y(other)
    other.click("button:has-text('Meedoen aan het programma')")
    other.wait_for_load_state()
    check_a11y(other)
    assert programme.links.get(community=cop).status == LinkStatus.MEMBER
    other.click("text=Uit het programma stappen")
    check_a11y(other)
    other.click("button:has-text('Ja, uit het programma stappen')")
    check_a11y(other)
    assert programme.links.get(community=cop).status == LinkStatus.LEFT
    other.close()


def test_a_new_programme(server, page):
    UserFactory(email="nieuw@example.org")
    log_in(page, server, "nieuw@example.org", PASSWORD)
    page.goto(f"{server}/p/new/")
    check_a11y(page)
    page.fill("#id_name", "Zorg en welzijn")
    page.fill("#id_slug", "zorg")
    page.fill("#id_owner_organisation", "Gemeente")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Zorg en welzijn")
    check_a11y(page)


def test_a_manager_makes_the_programme_report(server, page):
    from gilde.programmes.models import ProgrammeReport
    from gilde.programmes.tasks import programme_report_build

    manager, programme = _programme()
    log_in(page, server, manager.email, PASSWORD)
    page.goto(f"{server}/p/{programme.slug}/report/")
    check_a11y(page)
    page.fill("#id_introduction", "Voor Provinciale Staten.")
    page.click("button:text-is('Inleiding opslaan')")
    expect(page.locator("#id_introduction")).to_have_value("Voor Provinciale Staten.")
    page.click("#report-status button")
    expect(page.locator("#report-status button")).to_have_count(0)
    # The worker's part, here in the test's process (unless the tests' task backend ran it
    # already): the page follows it by itself.
    report = ProgrammeReport.objects.get(programme=programme)
    assert programme_report_build(report.pk) in ("ready", "gone")
    expect(page.locator("#report-status a", has_text="PDF")).to_be_visible(timeout=10000)
    check_a11y(page)
    shot(page, "programme-report")
    page.goto(f"{server}/p/{programme.slug}/report/preview/")
    expect(page.locator("main")).to_contain_text("Voor Provinciale Staten.")
    check_a11y(page)
    page.goto(f"{server}/p/{programme.slug}/library/")
    check_a11y(page)
