"""Fuzzed input for every form in Gilde: no input, from any persona, gives a server error.

The forms are found, not listed: a crawl of the demo CoP as each member persona (and of the public
pages as an anonymous visitor) follows every link inside Gilde and collects every `<form
method="post">` with its fields. Hypothesis then fills each form's fields with valid choices,
near misses and hostile text (control characters, right-to-left overrides, huge numbers, odd
dates, long strings, forged ids) and posts it as every persona. Each post runs in a transaction
that is rolled back, so every example starts from the same demo.

GILDE_FUZZ_EXAMPLES sets the examples per form and persona: a few in `make test`, many in
`make drills` (which also reports the total number of inputs).
"""

import contextlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gilde.accounts.models import User
from gilde.demo import data
from gilde.demo.services import demo_load

EXAMPLES = int(os.environ.get("GILDE_FUZZ_EXAMPLES", "3"))
PERSONAS = {
    "anonymous": None,
    "outsider": "linda.vermeulen@example.org",  # applied to the main CoP, not a member
    "participant": "deelnemer@example.org",
    "observer": "observer@example.org",
    "facilitator": "facilitator@example.org",
    "initiator": "initiator@example.org",
}
# Forms whose post ends the session the crawl and the fuzzing work in.
SKIP_ACTIONS = re.compile(r"^/accounts/logout/")
MAX_PAGES = 400
INPUTS = {"count": 0}
# Under pytest-xdist (`--dist loadgroup`) the module's tests stay on one worker, so the demo is
# loaded and crawled once rather than once per worker.
pytestmark = pytest.mark.xdist_group("fuzz")


@dataclass
class Form:
    action: str
    fields: list[dict] = field(default_factory=list)
    found_on: str = ""

    @property
    def key(self) -> str:
        # Numbers in the path differ per object; the shape is what makes a form distinct.
        names = ",".join(sorted({f["name"] for f in self.fields}))
        return re.sub(r"\d+", "N", self.action) + "?" + names


class _Parser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.links: set[str] = set()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
        elif tag == "a" and a.get("href"):
            self.links.add(urljoin(self.page, a["href"]))
        elif tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = Form(urljoin(self.page, a.get("action") or self.page), found_on=self.page)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            self._form.fields.append(
                {
                    "name": a["name"],
                    "type": (a.get("type") or "text").lower(),
                    "value": a.get("value", ""),
                    "checked": "checked" in a,
                }
            )
        elif tag == "select":
            self._select = {
                "name": a["name"],
                "type": "select",
                "options": [],
                "multiple": "multiple" in a,
            }
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self._form.fields.append(self._textarea)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, text):
        if self._textarea is not None:
            self._textarea["value"] += text

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _client(persona: str) -> Client:
    client = Client(raise_request_exception=False)
    email = PERSONAS[persona]
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def crawl(client: Client, starts: list[str]) -> dict[str, Form]:
    """Every post form reachable from `starts` by links inside Gilde (no admin, no downloads)."""
    seen, queue, forms = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if path in seen or not path.startswith("/") or path.startswith(("/admin/", "/static/")):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Parser("http://testserver" + path)
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form.action)
            form.action = action.path + (f"?{action.query}" if action.query else "")
            if action.netloc in ("", "testserver") and not SKIP_ACTIONS.match(form.action):
                forms.setdefault(form.key, form)
        for link in parser.links:
            parts = urlsplit(link)
            if parts.netloc in ("", "testserver") and parts.path.endswith("/"):
                queue.append(link)
    return forms


HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\r\nBcc: x@example.org",
        "\x0b\x0c\x1b[31m",
        "\u202eevil\u202c",
        "<script>alert(1)</script>",
        "&amp; ' \" < >",
        "9" * 40,
        "-1",
        "0",
        "99999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30",
        "2026-03-29T02:30",
        "2026-10-25T02:30",
        "25:61",
        "x" * 5000,
        "😀" * 50,
        "../../etc/passwd",
        "%s %(x)s {0}",
    ]
)


def _value(spec: dict):
    kind = spec["type"]
    if kind == "select":
        options = spec["options"] or [""]
        one = st.one_of(st.sampled_from(options), HOSTILE)
        if spec["multiple"]:
            return st.lists(one, max_size=4)
        return one
    if kind in ("checkbox", "radio"):
        return st.one_of(st.just(spec["value"] or "on"), st.just(None), HOSTILE)
    if kind == "hidden":
        return st.one_of(st.just(spec["value"]), st.just(spec["value"]), HOSTILE)
    if kind == "file":
        return st.builds(
            lambda name, content: SimpleUploadedFile(name, content),
            st.sampled_from(["a.csv", "a.xlsx", "x.csv.exe", "a.exe", "noextension"]),
            st.binary(max_size=2048),
        )
    if kind == "number":
        return st.one_of(
            st.integers(-(2**70), 2**70).map(str), st.floats(allow_nan=True).map(str), HOSTILE
        )
    return st.one_of(st.just(spec.get("value", "")), st.text(max_size=300), HOSTILE)


def _payload(form: Form):
    entries = {}
    for spec in form.fields:
        if spec["name"] == "csrfmiddlewaretoken" or spec["type"] in ("submit", "button"):
            continue
        entries[spec["name"]] = _value(spec)
    return st.fixed_dictionaries(entries)


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The demo, and every post form that each persona can reach, found by crawling."""
    plain_static = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=plain_static),
        transaction.atomic(),
    ):
        demo_load()
        home = f"/c/{data.MAIN_SLUG}/"
        starts = [home, "/", "/cops/", "/accounts/profile/", "/accounts/register/"]
        forms = {}
        for persona in PERSONAS:
            forms.update(crawl(_client(persona), starts))
        yield forms
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_crawl_finds_the_forms_of_every_app(fuzz_world):
    actions = {form.action for form in fuzz_world.values()}
    print(f"fuzz: {len(fuzz_world)} distinct forms found")
    for prefix in ("/meetings/", "/group/", "/question/", "/members/", "/accounts/", "/decisions/"):
        assert any(prefix in action for action in actions), f"no form found under {prefix}"


def _fuzz(client: Client, form: Form, persona: str) -> list[str]:
    """Post hypothesis' payloads for `form`; the inputs that gave a server error."""
    failures = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload=_payload(form))
    def post(payload):
        body = {key: value for key, value in payload.items() if value is not None}
        with transaction.atomic():
            response = client.post(form.action, body)
            transaction.set_rollback(True)
        INPUTS["count"] += 1
        if response.status_code >= 500:
            failures.append(f"{persona} {form.action} {body!r:.300}")
            raise AssertionError(failures[-1])

    with contextlib.suppress(AssertionError):
        post()  # hypothesis stops at the first failure of a form; the others go on
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(PERSONAS))
def test_no_form_input_gives_a_server_error(fuzz_world, persona):
    client = _client(persona)
    failures = []
    for form in fuzz_world.values():
        failures += _fuzz(client, form, persona)
    print(f"fuzz: {INPUTS['count']} inputs so far")
    assert not failures, "\n".join(failures[:20])
