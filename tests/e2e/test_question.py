"""Step 1 in the browser: the question sheet, its history and the work around it; axe on each."""

from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot


def _submit(page):
    page.click("main form.form button[type=submit]")


def test_question_sheet_history_and_conflict(server, page, browser, facilitator, initiator, cop):
    base = f"{server}/c/{cop.slug}"
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{base}/steps/1/")
    check_a11y(page)
    page.goto(f"{base}/question/edit/")
    check_a11y(page)
    page.fill("#id_core_question", "Hoe maken we de wijk circulair?")
    page.fill("#id_scope_in", "Buurthuizen\nKringloop")
    page.fill("#id_scope_out", "Landelijk beleid")
    page.fill("#id_research_questions", "Wat werkt al?")
    _submit(page)
    expect(page.locator(".core-question")).to_have_text("Hoe maken we de wijk circulair?")
    check_a11y(page)
    shot(page, "question-step-1")

    page.goto(f"{base}/question/edit/")
    page.fill("#id_core_question", "Hoe maken buurthuizen en kringloop samen de wijk circulair?")
    page.fill("#id_note", "Scherper na het gesprek")
    _submit(page)
    page.goto(f"{base}/question/history/")
    check_a11y(page)
    page.click("form.compare-form button")
    expect(page.locator(".diff ins").first).to_be_visible()
    check_a11y(page)
    shot(page, "question-compare")

    page.goto(f"{base}/question/versions/2/")
    page.fill("#id_body", "Is de wijk niet te klein?")
    _submit(page)
    expect(page.locator(".comment")).to_contain_text("te klein")
    check_a11y(page)

    # Two people edit at once: the second save shows the conflict page, with nothing lost.
    other = browser.new_context().new_page()
    log_in(other, server, initiator.email, PASSWORD)
    other.goto(f"{base}/question/edit/")
    page.goto(f"{base}/question/edit/")
    page.fill("#id_core_question", "Versie van Fenna")
    _submit(page)
    other.fill("#id_core_question", "Versie van Alice")
    _submit(other)
    expect(other.get_by_role("alert")).to_be_visible()
    expect(other.locator("#id_core_question")).to_have_value("Versie van Alice")
    check_a11y(other)
    shot(other, "question-conflict")
    other.context.close()


def test_urgency_yields_stakeholders_tree_and_layers(server, page, facilitator, cop):
    base = f"{server}/c/{cop.slug}/question"
    log_in(page, server, facilitator.email, PASSWORD)

    page.goto(f"{base}/signals/")
    check_a11y(page)
    page.fill("#id_title", "Trendrapport circulaire wijken")
    page.select_option("#id_kind", "trend_report")
    page.fill("#id_source_url", "https://kennisbank.example.org/rapport")
    page.fill("#id_date", "2026-10-01")
    _submit(page)
    expect(page.locator("main")).to_contain_text("kennisbank.example.org")
    check_a11y(page)

    page.goto(f"{base}/yields/")
    check_a11y(page)
    page.select_option("#id_level", "field")
    page.fill("#id_text", "Een wijkaanpak die andere gemeenten overnemen")
    _submit(page)
    expect(page.locator("main")).to_contain_text("wijkaanpak")
    check_a11y(page)

    page.goto(f"{base}/stakeholders/")
    page.fill("#id_name", "Gemeente")
    page.fill("#id_power", "5")
    page.fill("#id_interest", "4")
    _submit(page)
    expect(page.locator("tr[id^=stakeholder-]")).to_have_count(1)
    check_a11y(page)
    shot(page, "question-stakeholders")

    page.goto(f"{base}/tree/")
    check_a11y(page)
    page.fill("#id_central_problem", "Buurthuizen gooien bruikbare spullen weg")
    _submit(page)
    page.select_option("#id_kind", "cause")
    page.fill("#id_text", "Geen opslagruimte")
    page.locator("main form.form").first.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Geen opslagruimte")
    check_a11y(page)
    shot(page, "question-tree")

    page.goto(f"{base}/layers/")
    check_a11y(page)


def test_the_socio_technical_problem_analysis(server, page, facilitator, cop):
    from gilde.question import services

    services.stakeholder_add(
        community=cop, actor=facilitator, name="Woonstichting", power=4, interest=5
    )
    base = f"{server}/c/{cop.slug}/question"
    log_in(page, server, facilitator.email, PASSWORD)
    page.goto(f"{base}/analysis/")
    check_a11y(page)
    page.click("main table a")
    check_a11y(page)
    page.fill("#id_practices", "Voert keukens af als afval.")
    page.fill("#id_alternatives", "Onderdelen laten oogsten en hergebruiken.")
    page.fill("#id_barriers", "Garantie-eisen zijn onduidelijk.")
    page.check("input[name=barrier_kinds][value=knowledge]")
    _submit(page)
    expect(page.locator("main table")).to_contain_text("Onderdelen laten oogsten")
    check_a11y(page)
    shot(page, "question-analysis")
    page.goto(f"{base}/layers/")
    check_a11y(page)
