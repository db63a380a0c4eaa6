"""Step 6 in the browser: a facilitator keeps the social map, plans a system analysis, invites an
outside expert and runs a monitoring cycle; a participant answers the network question, scores
and writes a value story on a 360 px phone; the expert answers through their link in English.
axe on every page."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gilde.meetings.models import Meeting, MeetingStatus
from gilde.monitoring.models import FollowUpAction, MonitoringCycle, Tie, TisAnswer, ValueStory
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

from .helpers import check_a11y, link_from_mail, log_in, shot


def _group(cop):
    organisations = [OrganisationFactory(name=f"Organisatie {n}") for n in "ABC"]
    for n in range(6):
        user = UserFactory(
            email=f"lid{n}@example.org", name=f"Lid {n}", organisation=organisations[n % 3]
        )
        MembershipFactory(community=cop, user=user, role="participant")


def _held(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=180,
        status=MeetingStatus.HELD,
    )


def test_facilitator_runs_step_six(server, page, facilitator, participant, cop):
    _group(cop)
    meeting = _held(cop)
    Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(weeks=6),
        duration_minutes=180,
    )
    base = f"{server}/c/{cop.slug}/monitoring"
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{base}/")
    check_a11y(page)

    # A tie by hand, then the map, its table and the settings.
    page.goto(f"{base}/network/ties/new/")
    check_a11y(page)
    page.select_option("#id_member", str(cop.memberships.get(user=participant).pk))
    page.select_option("#id_other_member", str(cop.memberships.get(user__name="Lid 1").pk))
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Lid 1")
    assert Tie.objects.count() == 1
    check_a11y(page)
    page.goto(f"{base}/network/")
    check_a11y(page)
    expect(page.locator("svg.chart--map")).to_be_visible()
    shot(page, "monitoring-network")
    page.goto(f"{base}/settings/")
    check_a11y(page)

    # A TIS moment, an expert invited.
    page.goto(f"{base}/tis/new/")
    check_a11y(page)
    page.fill("#id_title", "Nulmeting")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Nulmeting")
    check_a11y(page)
    page.fill("#id_name", "Femke Aalders")
    page.fill("#id_email", "femke@example.org")
    page.click("form[action$='/invite/'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("femke@example.org")
    page.goto(f"{base}/tis/")
    check_a11y(page)

    # A cycle over the held meeting: evidence, reflection, an action, closed.
    page.goto(f"{base}/cycles/new/")
    check_a11y(page)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("1")
    check_a11y(page)
    page.fill("#id_went_well", "Veel uitwisseling tussen organisaties.")
    page.fill("#id_to_change", "Minder plenair.")
    page.click("form[action$='/reflection/'] button[type=submit]")
    page.fill("#id_text", "Inkoper uitnodigen")
    page.click("form[action$='/actions/'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Inkoper uitnodigen")
    page.click("form[action$='/close/'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Veel uitwisseling")
    assert MonitoringCycle.objects.get().status == "closed"
    check_a11y(page)
    shot(page, "monitoring-cycle")

    # The action on the next meeting's preparation page, ticked off there.
    upcoming = Meeting.objects.get(title="Bijeenkomst 2")
    page.goto(f"{server}/c/{cop.slug}/meetings/{upcoming.pk}/prepare/")
    check_a11y(page)
    page.click("form[action*='/tick/'] button[type=submit]")
    assert FollowUpAction.objects.get().is_done
    check_a11y(page)

    page.goto(f"{server}/c/{cop.slug}/steps/6/")
    check_a11y(page)
    shot(page, "monitoring-step6")
    assert meeting.pk


def test_participant_on_a_phone_and_an_expert_in_english(
    server, browser, facilitator, participant, cop, mailoutbox
):
    from gilde.monitoring import services

    _group(cop)
    meeting = _held(cop)
    moment = services.tis_moment_save(
        community=cop,
        actor=facilitator,
        title="Nulmeting",
        kind="start",
        held_on=timezone.localdate(),
        closes_at=timezone.now() + timedelta(days=7),
    )
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        log_in(page, server, participant.email, PASSWORD)
        page.goto(f"{server}/c/{cop.slug}/meetings/{meeting.pk}/")
        check_a11y(page)
        page.click(f"a[href$='/network/answer/{meeting.pk}/']")
        check_a11y(page)
        page.locator("input[name=members]").first.check()
        page.fill("#id_new_actors", "Provincie Gelderwaard")
        page.click("main form button[type=submit]")
        expect(page.locator("main")).to_contain_text("Provincie Gelderwaard")
        assert Tie.objects.count() == 2
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.goto(f"{server}/c/{cop.slug}/monitoring/tis/{moment.pk}/answer/")
        check_a11y(page)
        for radio in page.locator("input[type=radio][value='3']").all():
            radio.check()
        page.click("main form button.button[type=submit]")
        assert TisAnswer.objects.count() == 1
        shot(page, "monitoring-tis-phone")

        page.goto(f"{server}/c/{cop.slug}/monitoring/stories/new/")
        check_a11y(page)
        page.fill("#id_title", "Van tip naar contract")
        page.fill("#id_immediate_text", "De casusronde.")
        page.fill("#id_potential_text", "Een contactpersoon.")
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_have_text("Van tip naar contract")
        assert ValueStory.objects.get().tier == "facilitators"
        check_a11y(page)
        page.goto(f"{server}/c/{cop.slug}/monitoring/stories/")
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.goto(f"{server}/c/{cop.slug}/monitoring/network/")
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()

    # The expert: no account, their link, in English.
    services.tis_invitation_send(
        moment=moment, actor=facilitator, name="Femke", email="femke@example.org"
    )
    link = None
    for message in mailoutbox:
        if "femke@example.org" in message.to:
            link = re.search(r"https?://[^/\s]+(/tis/\S+/)", message.body).group(1)
    if link is None:  # sent after commit on the live server's side
        link = link_from_mail(server, r"/tis/\S+/").removeprefix(server)
    expert = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 740})
    page = expert.new_page()
    try:
        page.goto(f"{server}{link}")
        switch = page.locator("button[name=language][value=en]")
        if switch.count():
            switch.click()
        check_a11y(page)
        expect(page.locator("h1")).to_contain_text("System analysis")
        for radio in page.locator("input[type=radio][value='4']").all():
            radio.check()
        page.click("main form button.button[type=submit]")
        expect(page.locator("h1")).to_have_text("Thank you")
        check_a11y(page)
        assert TisAnswer.objects.filter(role="expert").count() == 1
    finally:
        expert.close()
