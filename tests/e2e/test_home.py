"""The CoP's home in the browser, for each persona on a phone (360 px) and a laptop (1280 px):
the "now" panel shows this person's items and nobody else's, answering from the home works, and
on a phone the step rail is one line that opens; axe on every page, no sideways scrolling."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gilde.communities.models import Application
from gilde.meetings.models import AgendaItem, Attendance, Meeting, Rsvp
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS
from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot

VIEWPORTS = {"phone": (360, 740), "laptop": (1280, 900)}
EXPECTED = {
    "participant": {"meeting", "evaluation", "comment_request"},
    "observer": {"meeting"},
    # Those who run the CoP attend meetings too, and see what the step signals ask.
    "facilitator": {"meeting", "evaluation", "prepare", "applications", "step"},
    "initiator": {"meeting", "evaluation", "prepare", "applications", "step"},
}


@pytest.fixture
def busy_cop(cop, personas, transactional_db):
    """A next meeting with an agenda, a meeting whose evaluation is open, an application, and a
    request for comments to the participant."""
    coming = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=5),
        duration_minutes=180,
        place="Het Pakhuis",
    )
    AgendaItem.objects.create(meeting=coming, title="Check-in", duration_minutes=15)
    Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(hours=4),
        duration_minutes=180,
    )
    Application.objects.create(
        community=cop, user=personas["outsider"], motivation="Ik wil graag meedoen en leren."
    )
    facilitator = personas["facilitator"]
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    question_services.comments_request(
        community=cop,
        actor=facilitator,
        recipients=[cop.memberships.get(user=personas["participant"])],
    )
    return coming


def _now_kinds(page) -> set[str]:
    return set(
        page.locator("[data-section=now] [data-kind]").evaluate_all(
            "items => items.map(item => item.dataset.kind)"
        )
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("persona", list(EXPECTED))
def test_the_home_shows_each_persona_their_own_now_items(
    server, browser, personas, cop, busy_cop, persona, viewport
):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        log_in(page, server, personas[persona].email, PASSWORD)
        page.goto(f"{server}/c/{cop.slug}/")
        expect(page.locator("[data-section=now]")).to_be_visible()
        assert _now_kinds(page) == EXPECTED[persona]
        check_a11y(page)
        shot(page, f"home-{persona}-{viewport}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        compact = page.locator("details.step-rail-compact")
        if viewport == "phone":
            expect(compact).to_be_visible()
            expect(page.locator(".step-rail-wide")).to_be_hidden()
            compact.locator("summary").click()
            expect(compact.locator(".step-rail a").first).to_be_visible()
            check_a11y(page)
        else:
            expect(compact).to_be_hidden()
            expect(page.locator(".step-rail-wide .step-rail")).to_be_visible()
    finally:
        context.close()


def test_a_participant_answers_from_the_home_on_a_phone(server, browser, personas, cop, busy_cop):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    participant = personas["participant"]
    try:
        log_in(page, server, participant.email, PASSWORD)
        page.goto(f"{server}/c/{cop.slug}/")
        page.locator("[data-kind=meeting] button[value=yes]").click()
        expect(page).to_have_url(f"{server}/c/{cop.slug}/")
        expect(page.locator("[data-kind=meeting] button[value=yes]")).to_have_attribute(
            "aria-pressed", "true"
        )
        check_a11y(page)
        membership = cop.memberships.get(user=participant)
        assert Attendance.objects.get(meeting=busy_cop, membership=membership).response == Rsvp.YES
        # The bell leads to the notification about the request for comments.
        page.locator("header a.bell").click()
        expect(page.locator("main")).to_contain_text(re.compile("vraagt je om een reactie"))
        check_a11y(page)
        shot(page, "notifications-phone")
    finally:
        context.close()


def test_a_browser_that_asks_for_english_gets_the_landing_page_in_english(server, browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{server}/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("main .button")).to_have_count(1)
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.click("footer a[href='/privacy/']")
        expect(page.locator("h1")).to_contain_text("Privacy")
        check_a11y(page)
    finally:
        context.close()
