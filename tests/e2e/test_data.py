"""A person's data in the browser: a token made and revoked, "Download my data" built by the
worker and downloaded, the API's documentation without a CSP error, and "Delete my account" on a
360 px phone; axe on every page."""

from playwright.sync_api import expect

from gilde.accounts.models import ApiToken, User
from gilde.communities.models import Role
from tests.factories import PASSWORD

from .helpers import check_a11y, log_in, shot


def test_a_participant_takes_their_data_and_leaves(server, page, cop, initiator, participant):
    log_in(page, server, participant.email, PASSWORD)
    page.goto(f"{server}/accounts/profile/")
    check_a11y(page)
    page.fill("#id_token-name", "Mijn dashboard")
    page.click("form[action$='/profile/tokens/'] button[type=submit]")
    raw = page.input_value("#token-value")
    assert raw.startswith("gilde_")
    check_a11y(page)
    shot(page, "data-token-created")
    response = page.request.get(f"{server}/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.json()["email"] == participant.email

    page.goto(f"{server}/accounts/profile/")
    expect(page.locator("#tokens ~ div table")).to_contain_text("Mijn dashboard")
    page.click("form[action*='/revoke/'] button")
    assert ApiToken.objects.get().revoked_at is not None

    page.click("form[action$='/profile/data/'] button")
    expect(page.locator("#export-status")).to_contain_text("ZIP", timeout=10000)
    check_a11y(page)
    with page.expect_download() as download:
        page.click("#export-status a.button")
    assert download.value.suggested_filename.endswith(".zip")

    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{server}/api/v1/docs")
    expect(page.locator(".swagger-ui")).to_be_visible(timeout=10000)
    shot(page, "data-api-docs")
    assert not [e for e in errors if "Content Security Policy" in e], errors

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server}/accounts/profile/delete/")
    check_a11y(page)
    page.fill("#id_password", PASSWORD)
    page.check("#id_confirm")
    shot(page, "data-delete-phone")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    check_a11y(page)
    user = User.objects.get(pk=participant.pk)
    assert user.erased_at is not None and user.email != participant.email


def test_the_last_initiator_is_told_to_hand_over(server, page, cop, initiator, participant):
    log_in(page, server, initiator.email, PASSWORD)
    page.goto(f"{server}/accounts/profile/delete/")
    check_a11y(page)
    expect(page.locator("main [role=alert]")).to_contain_text(cop.name)
    cop.memberships.filter(user=participant).update(role=Role.INITIATOR)
    page.reload()
    expect(page.locator("main form button[type=submit]")).to_be_visible()
