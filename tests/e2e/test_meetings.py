"""Meetings in the browser: schedule, agenda, facilitation, preparation, RSVP, evaluation on a
phone, results, proposals from participants; axe on every page."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gilde.meetings.models import Meeting, MeetingFacilitator
from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot


def test_facilitator_plans_the_meetings(server, page, facilitator, participant, cop):
    base = f"{server}/c/{cop.slug}/meetings"
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{base}/")
    check_a11y(page)
    page.goto(f"{base}/schedule/")
    check_a11y(page)
    first = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.fill("#id_first_date", first)
    page.fill("#id_count", "13")
    page.fill("#id_start_time", "19:00")
    page.click("button[name=action][value=preview]")
    check_a11y(page)
    shot(page, "meetings-schedule-preview")
    page.click("button[name=action][value=confirm]")
    expect(page.locator("main")).to_contain_text("13")
    assert Meeting.objects.filter(community=cop).count() == 13
    check_a11y(page)
    shot(page, "meetings-calendar")

    meeting = Meeting.objects.filter(community=cop).order_by("starts_at").first()
    for path in (
        f"{meeting.pk}/",
        f"{meeting.pk}/agenda/",
        "facilitation/",
        f"{meeting.pk}/prepare/",
    ):
        page.goto(f"{base}/{path}")
        check_a11y(page)
    page.goto(f"{base}/{meeting.pk}/agenda/")
    page.fill("#id_new-title", "Check-in in tweetallen")
    page.fill("#id_new-duration_minutes", "20")
    page.click("form.agenda-add button[type=submit]")
    expect(page.locator("main")).to_contain_text("Check-in in tweetallen")
    check_a11y(page)
    shot(page, "meetings-agenda")


def test_participant_answers_and_evaluates_on_a_phone(server, browser, participant, cop):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(hours=4),
        duration_minutes=180,
    )
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        log_in(page, server, participant.email, PASSWORD)
        base = f"{server}/c/{cop.slug}/meetings/{meeting.pk}"
        page.goto(f"{base}/")
        check_a11y(page)
        page.goto(f"{base}/evaluate/")
        check_a11y(page)
        shot(page, "meetings-evaluate-phone")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
        page.locator("input[type=radio][value='4']").first.check()
        page.click("main form button[type=submit]")
        check_a11y(page)
        page.goto(f"{base}/evaluation/")
        check_a11y(page)
        page.goto(f"{server}/c/{cop.slug}/meetings/evaluation/trend/")
        check_a11y(page)
        page.goto(f"{server}/notifications/")
        check_a11y(page)
    finally:
        context.close()
    assert meeting.responses.count() == 1


def test_facilitator_opens_an_evaluation_early_after_a_confirmation(
    server, page, facilitator, participant, cop
):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(hours=5),
        duration_minutes=180,
    )
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{server}/c/{cop.slug}/meetings/{meeting.pk}/")
    page.click("form[action$='/evaluation/open/'] button[type=submit]")
    expect(page.locator("h1")).to_be_visible()
    check_a11y(page)
    shot(page, "meetings-evaluation-open-confirm")
    page.click("main form button[type=submit]")
    check_a11y(page)
    meeting.refresh_from_db()
    assert meeting.evaluation_is_open()
    page.goto(f"{server}/c/{cop.slug}/meetings/{meeting.pk}/evaluate/")
    expect(page.locator("main")).to_contain_text("Toeschouwers van deze CoP")
    check_a11y(page)
    shot(page, "meetings-evaluate-who-reads")


def test_a_participant_proposes_and_the_meetings_facilitator_accepts(
    server, browser, facilitator, participant, cop
):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=10),
        duration_minutes=120,
    )
    MeetingFacilitator.objects.create(
        meeting=meeting, membership=facilitator.memberships.get(), focus="content"
    )
    base = f"{server}/c/{cop.slug}/meetings/{meeting.pk}"
    proposer = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(proposer, server, participant.email, PASSWORD)
    proposer.goto(f"{base}/")
    check_a11y(proposer)
    proposer.click("a[href$='/proposals/#propose-title']")
    check_a11y(proposer)
    proposer.select_option("#id_work_form_key", "walk-and-talk")
    proposer.fill("#id_note", "Even naar buiten na de pauze.")
    proposer.click("main form.form button[type=submit]")
    expect(proposer.locator(".card")).to_contain_text("Wandelgesprek")
    check_a11y(proposer)
    shot(proposer, "meetings-proposal-sent")
    proposer.context.close()

    page = browser.new_context().new_page()
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{base}/proposals/")
    check_a11y(page)
    shot(page, "meetings-proposal-decide")
    page.click("button[name=decision][value=accept]")
    expect(page.locator(".card .badge").first).to_have_text(re.compile("Aangenomen"))
    check_a11y(page)
    page.goto(f"{base}/agenda/")
    expect(page.locator(".agenda-items")).to_contain_text("Wandelgesprek")
    check_a11y(page)
    shot(page, "meetings-agenda-with-proposal")
    page.context.close()
