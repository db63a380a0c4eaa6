"""Steps 2 and 3 in the browser: dashboard, pipeline, import, profile, intake, lasting impact."""

from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot

CSV = "Naam;E-mail;Organisatie;Kennis\nRik Mulder;rik@example.org;Repair Café;praktijk\n"


def test_facilitator_works_on_the_group(server, page, facilitator, participant, cop, tmp_path):
    base = f"{server}/c/{cop.slug}"
    log_in(page, server, facilitator.email, PASSWORD)
    membership = cop.memberships.get(user=participant).pk
    for path, name in [
        ("/steps/2/", "step-2"),
        ("/group/", "group-dashboard"),
        ("/group/candidates/", "group-candidates"),
        ("/group/intakes/", "group-intakes"),
        (f"/members/{membership}/profile/", "group-profile"),
        (f"/members/{membership}/intake/", "group-intake"),
        ("/steps/3/", "step-3"),
        ("/impact/", "impact-overview"),
        (f"/impact/members/{membership}/", "impact-member"),
    ]:
        page.goto(base + path)
        check_a11y(page)
        shot(page, name)

    upload = tmp_path / "kandidaten.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.goto(f"{base}/group/import/")
    check_a11y(page)
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit]")
    check_a11y(page)  # the column mapping
    page.click("main form button[type=submit]")
    check_a11y(page)  # the check
    page.click("button[name=mode][value=all]")
    page.goto(f"{base}/group/candidates/")
    expect(page.locator("main")).to_contain_text("Rik Mulder")


def test_participant_sees_own_intake_and_the_dashboard(server, page, participant, cop):
    base = f"{server}/c/{cop.slug}"
    log_in(page, server, participant.email, PASSWORD)
    membership = cop.memberships.get(user=participant).pk
    for path in ("/steps/2/", "/group/", f"/members/{membership}/intake/", "/steps/3/"):
        page.goto(base + path)
        check_a11y(page)
    page.goto(f"{base}/members/{membership}/intake/")
    page.fill("#id_practice_case", "Onze werkplaats repareert fietsen.")
    page.click("main form button[type=submit]")
    expect(page.locator("#id_practice_case")).to_have_value("Onze werkplaats repareert fietsen.")


def test_a_large_import_is_read_in_the_background_and_the_page_follows_it(
    server, page, facilitator, cop, tmp_path, monkeypatch, settings
):
    from gilde.composition import importing, tasks
    from gilde.composition.models import ImportStaging

    monkeypatch.setattr(importing, "INLINE_BYTES", 100)
    # The queue as in production: the task waits for a worker (run by hand below).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    base = f"{server}/c/{cop.slug}"
    log_in(page, server, facilitator.email, PASSWORD)
    upload = tmp_path / "groot.csv"
    upload.write_text(CSV + "".join(f"P{n};p{n}@example.org;;\n" for n in range(300)))
    page.goto(f"{base}/group/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit]")
    expect(page.locator("#import-progress")).to_be_visible()
    check_a11y(page)
    shot(page, "group-import-reading")
    tasks.import_read.call(str(ImportStaging.objects.get().pk))
    # htmx asks every two seconds and reloads the page once the rows are read.
    expect(page.locator("main form select").first).to_be_visible(timeout=10_000)
    check_a11y(page)
