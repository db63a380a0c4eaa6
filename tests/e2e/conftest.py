"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey visits goes through `helpers.check_a11y`, which runs axe-core for WCAG 2.1
A/AA and fails the test on any violation.
"""

import os
from pathlib import Path

import pytest

from .helpers import preload_axe

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests
# and the live server make from that thread are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if not CHROMIUM.exists() and not os.environ.get("CI"):
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Outside CI the tests were skipped at collection; in CI a missing browser is a broken set-up.
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package", pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            # Gilde answers an anonymous visitor in the browser's language: the journeys are
            # Dutch, as most visitors' browsers are. A test that wants English asks for it.
            "--lang=nl-NL",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, with axe-core in every page it opens."""
    preload_axe(context)
    return context


@pytest.fixture
def server(live_server, transactional_db, mailoutbox):
    """The live server's base URL, with a clean outbox for the e-mails it sends."""
    return live_server.url
