"""The guide in the browser: public pages, a CoP's steps and its work-form library; axe on each."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot


def test_public_guide_pages(server, page):
    for path, name in [
        ("/guide/", "guide-about"),
        ("/guide/steps/", "guide-steps"),
        ("/guide/steps/1/", "guide-step-1"),
        ("/guide/work-forms/ls-1-2-4-all/", "guide-work-form"),
    ]:
        page.goto(server + path)
        check_a11y(page)
        shot(page, name)
    page.goto(server + "/guide/steps/1/")
    tip = page.locator("details#s1-urgency")
    tip.locator("summary").click()
    expect(tip).to_have_attribute("open", "")


def test_library_filters_in_place_and_without_javascript(server, page, browser):
    page.goto(server + "/guide/work-forms/")
    check_a11y(page)
    total = page.locator("#results .card").count()
    page.select_option("#id_stage", "trio")
    expect(page).to_have_url(
        f"{server}/guide/work-forms/?q=&purpose=&stage=trio&tgi=&side=&step=&minutes=&group="
    )
    filtered = page.locator("#results .card")
    expect(filtered.first).to_be_visible()
    assert 0 < filtered.count() < total
    check_a11y(page)
    shot(page, "guide-library-filtered")

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    try:
        plain.goto(server + "/guide/work-forms/")
        plain.fill("#id_q", "troika")
        plain.click("form.filters button[type=submit]")
        expect(plain.locator("#results .card")).to_have_count(1)
    finally:
        context.close()


def test_library_filters_on_a_side_in_place(server, page):
    page.goto(server + "/guide/work-forms/")
    total = page.locator("#results .card").count()
    page.select_option("#id_side", "intuitive")
    expect(page).to_have_url(re.compile(r"side=intuitive"))
    expect(page.locator("#results .card").first).to_be_visible()
    assert 0 < page.locator("#results .card").count() < total
    check_a11y(page)
    shot(page, "guide-library-sides")


def test_cop_step_page_and_own_work_form(server, page, facilitator, cop):
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{server}/c/{cop.slug}/")
    check_a11y(page)
    page.click(f"a[href='/c/{cop.slug}/steps/4/']")
    expect(page.locator("h1")).to_contain_text("4")
    check_a11y(page)
    shot(page, "cop-step-4")
    page.fill("#id_note", "Twee facilitators, een duo")
    page.click("form.form--compact button[value='1']")
    expect(page.locator("#readiness ~ p .status--done")).to_contain_text("Klaar volgens")
    check_a11y(page)

    page.goto(f"{server}/c/{cop.slug}/work-forms/new/")
    check_a11y(page)
    page.fill("#id_name", "Zonnewijzer-opening")
    page.fill("#id_purpose", "Samen landen.")
    page.fill("#id_how_to", "1. Iedereen noemt een woord.")
    page.fill("#id_min_minutes", "10")
    page.fill("#id_max_minutes", "15")
    page.check("input[name=stages][value=plenary]")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Zonnewijzer-opening")
    check_a11y(page)
    own_url = page.url
    page.goto(f"{server}/c/{cop.slug}/work-forms/?q=zonnewijzer")
    expect(page.locator("#results .card")).to_have_count(1)
    check_a11y(page)
    shot(page, "cop-library")
    for suffix in ("edit/", "delete/"):
        page.goto(own_url + suffix)
        check_a11y(page)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{server}/c/{cop.slug}/work-forms/")
