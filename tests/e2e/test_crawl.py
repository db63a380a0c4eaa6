"""Every page of the demo, as each persona, on a 360 px phone: axe finds no WCAG 2.1 A/AA
violation, the page body never scrolls sideways (wide tables scroll inside their own box), and
every page inside a CoP has breadcrumbs in one order: the CoP first, then the section, then the
page.

The pages are found by crawling the links inside Gilde from the CoP's home, not listed; pages of
one shape (another member's profile, another meeting) are visited once per persona."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from gilde.demo import data
from gilde.demo.services import demo_load

from .helpers import check_a11y, preload_axe

PERSONAS = {
    "anonymous": None,
    "participant": "deelnemer@example.org",
    "observer": "observer@example.org",
    "facilitator": "facilitator@example.org",
}
WIDTH = 360
MAX_PAGES = 150
# Pages inside a CoP that stand alone: the CoP's home, printouts (the plan, a programme), pages
# for people outside the CoP (an expert's questionnaire), which have no way back into it.
NO_CRUMBS = re.compile(r"^/c/[^/]+/$|/print/|/plan/|/programme/|/tis/answer/|/join/|/apply/")
SKIP = re.compile(r"^/(admin|static|accounts/logout)/|/export/|\.(pdf|ics|csv|xlsx)$")


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_page_passes_axe_and_fits_a_phone(server, browser, transactional_db, persona):
    demo_load()
    context = browser.new_context(viewport={"width": WIDTH, "height": 740})
    preload_axe(context)
    page = context.new_page()
    try:
        if PERSONAS[persona]:
            page.goto(f"{server}/accounts/login/")
            page.fill("#id_username", PERSONAS[persona])
            page.fill("#id_password", data.PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_load_state()
        queue = ["/", f"/c/{data.MAIN_SLUG}/", "/cops/", "/about/", "/privacy/", "/inbox/"]
        shapes, visited, wide, crumbs = set(), 0, [], []
        while queue and visited < MAX_PAGES:
            path = queue.pop(0)
            if _shape(path) in shapes or SKIP.search(urlsplit(path).path):
                continue
            shapes.add(_shape(path))
            response = page.goto(server + path)
            if response is None or response.status != 200:
                continue
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            visited += 1
            check_a11y(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wide.append(f"{path}: {width}px")
            inside = re.match(r"^/c/([^/]+)/", urlsplit(path).path)
            if inside and not NO_CRUMBS.search(urlsplit(path).path):
                trail = page.eval_on_selector_all(
                    "main nav.breadcrumbs li", "items => items.map(item => item.innerHTML)"
                )
                if not trail or f'href="/c/{inside.group(1)}/"' not in trail[0]:
                    crumbs.append(path)
            hrefs = page.eval_on_selector_all(
                "main a[href], nav a[href]", "links => links.map(link => link.getAttribute('href'))"
            )
            for href in hrefs:
                parts = urlsplit(urljoin(server + path, href))
                if parts.netloc != urlsplit(server).netloc or not parts.path.endswith("/"):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert visited > 10
        assert not wide, "pages wider than a phone:\n" + "\n".join(wide)
        assert not crumbs, "pages without the CoP first in their breadcrumbs:\n" + "\n".join(crumbs)
    finally:
        context.close()
