"""Step 7 in the browser: the take-away after a meeting and an entry with an attachment on a
360 px phone, a tier change, experiments, buddy pairs and the backcasting canvas; axe on every
page."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gilde.communities.models import Role
from gilde.learning.models import BuddyPeriod, Canvas, Entry, Experiment
from gilde.meetings.models import Meeting
from tests.factories import PASSWORD, MembershipFactory, UserFactory

from .helpers import check_a11y, log_in, shot


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 362, f"{page.url} is {width}px wide"


def test_participant_keeps_a_record_on_a_phone(server, browser, participant, cop, tmp_path):
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
        page.goto(f"{server}/c/{cop.slug}/meetings/{meeting.pk}/")
        check_a11y(page)
        expect(page.locator("#takeaway")).to_contain_text("anonieme evaluatie")
        page.fill("#takeaway_body", "Dat de inkoper wil meedenken.")
        page.click("#takeaway button[type=submit]")
        expect(page.locator("main")).to_contain_text("Bewaard in je leerdossier")
        shot(page, "learning-takeaway-phone")
        _no_sideways_scroll(page)
        assert Entry.objects.get().kind == "highlight"

        page.goto(f"{server}/c/{cop.slug}/learning/entries/new/")
        check_a11y(page)
        page.fill("#id_body", "Een **inzicht** uit het gesprek.")
        page.fill("#id_tags", "inkoop, gesprek")
        note = tmp_path / "verslag.txt"
        note.write_text("Kort verslag")
        page.set_input_files("#id_attachment", str(note))
        shot(page, "learning-entry-form-phone")
        _no_sideways_scroll(page)
        page.click("main form button[type=submit]")
        expect(page.locator("main")).to_contain_text("Je notitie is opgeslagen")
        check_a11y(page)
        _no_sideways_scroll(page)
        shot(page, "learning-record-phone")
        entry = Entry.objects.get(kind="insight")
        assert entry.attachment_name == "verslag.txt"

        # Share it with the group: htmx swaps the entry in place.
        page.select_option(f"#tier-{entry.pk}", "group")
        page.click(f"#entry-{entry.pk} button[type=submit]")
        expect(page.locator(f"#entry-{entry.pk} [role=status]")).to_be_visible()
        entry.refresh_from_db()
        assert entry.tier == "group"
        check_a11y(page)

        page.goto(f"{server}/c/{cop.slug}/learning/goals/")
        check_a11y(page)
        page.fill("#id_questions", "Hoe krijg ik inkoop mee?")
        page.click("main form button[type=submit] >> nth=0")
        expect(page.locator("main")).to_contain_text("Hoe krijg ik inkoop mee?")
        _no_sideways_scroll(page)
    finally:
        context.close()


def test_experiments_buddies_and_the_canvas(server, page, facilitator, participant, cop):
    for _ in range(4):
        MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
    Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=20),
        duration_minutes=180,
    )
    log_in(page, server, facilitator.email, PASSWORD)
    learning = f"{server}/c/{cop.slug}/learning"
    page.goto(f"{server}/c/{cop.slug}/steps/7/")
    check_a11y(page)
    shot(page, "learning-step-7")

    page.goto(f"{learning}/buddies/new/")
    check_a11y(page)
    page.click("main form button[type=submit]")
    check_a11y(page)
    shot(page, "learning-buddies-preview")
    page.click("button[name=confirm]")
    expect(page.locator("main")).to_contain_text("De buddyduo's staan vast")
    check_a11y(page)
    assert BuddyPeriod.objects.get().is_confirmed

    page.goto(f"{learning}/canvases/new/")
    check_a11y(page)
    page.fill("#id_title", "Circulair 2030")
    page.fill("#id_horizon", (timezone.localdate() + timedelta(days=1500)).isoformat())
    page.fill("#id_future_image", "Iedereen werkt mee.")
    page.click("main form button[type=submit]")
    canvas = Canvas.objects.get()
    for title, days in (("Pilot", 60), ("Contract", 400), ("Netwerk", 900)):
        page.goto(f"{learning}/canvases/{canvas.pk}/steps/new/")
        page.fill("#id_title", title)
        page.fill("#id_due_on", (timezone.localdate() + timedelta(days=days)).isoformat())
        page.click("main form button[type=submit]")
    expect(page.locator("svg.timeline")).to_be_visible()
    check_a11y(page)
    shot(page, "learning-canvas")
    page.click("text=Maak er mijn experiment van >> nth=0")
    check_a11y(page)
    page.click("main form button[type=submit]")
    experiment = Experiment.objects.get()
    assert experiment.canvas_step is not None
    check_a11y(page)
    page.goto(f"{learning}/canvases/{canvas.pk}/print/")
    check_a11y(page)
    page.goto(f"{learning}/experiments/")
    check_a11y(page)
    page.goto(f"{learning}/experiments/{experiment.pk}/report/")
    check_a11y(page)
    page.fill("#id_happened", "Gesprek gevoerd")
    page.fill("#id_learned", "Eerder beginnen")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Gesprek gevoerd")
    check_a11y(page)
    page.goto(f"{learning}/shared/")
    check_a11y(page)
