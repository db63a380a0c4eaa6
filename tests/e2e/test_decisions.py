"""Step 5 in the browser: a poll started, voted on a 360 px phone, closed and written into the
decision log; working agreements proposed as a poll; roles and peer feedback; axe on every page,
in Dutch and in English."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gilde.decisions import services
from gilde.decisions.models import Ballot, Decision, Poll
from gilde.meetings.models import Meeting
from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot


def _submit(page, selector="main form.form button[type=submit]"):
    page.click(selector)
    page.wait_for_load_state()


def test_a_poll_from_start_to_the_decision_log(
    server, page, browser, facilitator, participant, cop
):
    base = f"{server}/c/{cop.slug}/decisions"
    Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 3",
        starts_at=timezone.now() + timedelta(days=9),
        duration_minutes=120,
    )
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{server}/c/{cop.slug}/steps/5/")
    check_a11y(page)
    page.goto(f"{base}/polls/new/")
    check_a11y(page)
    page.click("a[href$='/polls/new/ranked/']")
    check_a11y(page)
    page.fill("#id_title", "Welk thema eerst?")
    page.fill("#id_options", "Inkoop\nVerdienmodellen\nBegeleiding")
    page.select_option("#id_meeting", label=page.locator("#id_meeting option").nth(1).inner_text())
    _submit(page, "main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Welk thema eerst?")
    check_a11y(page)
    poll = Poll.objects.get()

    # A participant votes on a phone, in English.
    participant.language = "en"
    participant.save()
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    mobile = phone.new_page()
    try:
        log_in(mobile, server, participant.email, PASSWORD)
        mobile.goto(f"{base}/polls/{poll.pk}/")
        expect(mobile.locator("h2#poll-vote-title")).to_have_text("Your vote")
        check_a11y(mobile)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
        options = poll.options.order_by("position")
        mobile.select_option(f"#id_rank_{options[1].pk}", "1")
        mobile.select_option(f"#id_rank_{options[0].pk}", "2")
        mobile.click("form.vote-form button[type=submit]")
        expect(mobile.locator("#poll-live")).to_contain_text("Your vote is saved")
        check_a11y(mobile)
        shot(mobile, "decisions-vote-phone")
    finally:
        phone.close()
    assert Ballot.objects.filter(poll=poll).count() == 1

    page.goto(f"{base}/polls/{poll.pk}/")
    page.click("form[action$='/close/'] button")
    expect(page.locator("h1")).to_contain_text("Welk thema eerst?")
    check_a11y(page)
    page.fill("#id_statement", "We beginnen met verdienmodellen.")
    _submit(page)
    expect(page.locator("h1")).to_have_text("We beginnen met verdienmodellen.")
    check_a11y(page)
    assert Decision.objects.get().poll == poll
    page.goto(f"{base}/log/")
    check_a11y(page)
    page.fill("#id_q", "verdienmodellen")
    page.click("form.filters button")
    expect(page.locator(".decision-log")).to_contain_text("We beginnen met verdienmodellen.")
    shot(page, "decisions-log")
    page.goto(f"{base}/polls/{poll.pk}/")
    expect(page.locator(".poll-results")).to_contain_text("Ronde 1")
    check_a11y(page)
    shot(page, "decisions-ranked-results")


def test_a_quick_check_live_on_a_phone_with_hidden_results(
    server, browser, facilitator, participant, cop
):
    poll = services.poll_create(
        community=cop,
        author=cop.memberships.get(user=facilitator),
        kind="check",
        title="Hoeveel energie heb je nu?",
        closes_at=timezone.now() + timedelta(hours=1),
        anonymous=True,
        notify=False,
    )
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    mobile = phone.new_page()
    try:
        log_in(mobile, server, participant.email, PASSWORD)
        mobile.goto(f"{server}/c/{cop.slug}/decisions/polls/{poll.pk}/")
        check_a11y(mobile)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
        mobile.click("label.vote-option:has-text('4')")
        mobile.click("form.vote-form button[type=submit]")
        expect(mobile.locator("#poll-live")).to_contain_text("Je hebt gestemd")
        expect(mobile.locator("#poll-results")).to_contain_text("verborgen")
        check_a11y(mobile)
        shot(mobile, "decisions-quick-check-phone")
    finally:
        phone.close()
    assert Ballot.objects.get(poll=poll).membership is None


def test_agreements_roles_and_feedback(server, page, facilitator, participant, initiator, cop):
    base = f"{server}/c/{cop.slug}/decisions"
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 4",
        starts_at=timezone.now() + timedelta(days=12),
        duration_minutes=120,
    )
    log_in(page, server, participant.email, PASSWORD)
    page.goto(f"{base}/agreements/")
    check_a11y(page)
    page.goto(f"{base}/agreements/edit/")
    check_a11y(page)
    page.fill("#id_text", "Wat hier gedeeld wordt, blijft hier.")
    page.click("button[name=save]")
    expect(page.locator(".agreements-text")).to_contain_text("blijft hier")
    page.goto(f"{base}/agreements/edit/")
    page.fill("#id_text", "Wat hier gedeeld wordt, blijft hier.\nTelefoons weg.")
    page.click("button[name=propose]")
    expect(page.locator(".poll-proposal ins")).to_contain_text("Telefoons weg.")
    check_a11y(page)

    page.goto(f"{base}/roles/")
    check_a11y(page)
    page.locator(f"form[action*='/roles/{meeting.pk}/'][action$='/take/'] button").first.click()
    expect(page.locator(".messages")).to_contain_text("Je neemt de rol")
    page.goto(f"{server}/c/{cop.slug}/meetings/{meeting.pk}/")
    expect(page.locator(".meeting-roles")).to_contain_text("Piet Deelnemer")
    check_a11y(page)

    page.goto(f"{base}/feedback/new/")
    check_a11y(page)
    page.fill("#id_about", "Mijn inkoopplan")
    page.fill("#id_question", "Wat mis ik?")
    page.check(f"input[name=writers][value='{cop.memberships.get(user=initiator).pk}']")
    _submit(page)
    expect(page.locator("h1")).to_have_text("Mijn inkoopplan")
    check_a11y(page)
    page.goto(f"{base}/feedback/")
    check_a11y(page)
    page.goto(f"{base}/log/")
    check_a11y(page)
    page.goto(f"{base}/")
    check_a11y(page)
    shot(page, "decisions-polls")
