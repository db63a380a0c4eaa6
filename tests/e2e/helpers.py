"""What the journeys share: the axe check, screenshots, links from e-mails, logging in."""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

SHOTS = Path("/tmp/gilde-shots")  # to look at while working on the layout; never committed
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def preload_axe(context) -> None:
    """Load axe-core into every page of `context` as the browser opens it. Sending the 570 kB
    script over the wire for each check took a quarter of the crawl's axe time."""
    context.add_init_script(script=_axe.axe_script)


def check_a11y(page) -> None:
    """Run axe on the page as it is now; fail listing every WCAG 2.1 A/AA violation."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)  # a context without `preload_axe`
    results = page.evaluate(f"axe.run({json.dumps(AXE_OPTIONS)})")
    violations = results["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"])
            lines.append(f"- {violation['id']}: {violation['help']} [{targets}]")
        pytest.fail("\n".join(lines), pytrace=False)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def link_from_mail(base_url: str, pattern: str) -> str:
    """The path matching `pattern` from the last e-mail sent, on the live server."""
    assert mail.outbox, "no e-mail was sent"
    match = re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body)
    assert match, f"no link like {pattern} in:\n{mail.outbox[-1].body}"
    return base_url + match.group(1)


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    check_a11y(page)
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
