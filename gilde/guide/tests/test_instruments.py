"""The guidance promises only instruments that exist: every sentence about what Gilde does sits in
an in_gilde block naming its instrument, and shows only while that instrument is registered."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from gilde.guide import instruments
from gilde.guide.content import (
    LANGUAGES,
    claims_outside_blocks,
    instrument_keys,
    load_guide,
    render_markdown,
)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _GuidanceText(HTMLParser):
    """The text of the guidance (`.guidance` and `.prose`), without the in-Gilde blocks; and the
    instruments of the blocks that were shown."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []  # per open element: "text", "block" or ""
        self.text: list[str] = []
        self.shown: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if "in-gilde__item" in classes:
            self.shown.append(attributes.get("data-instrument", ""))
        if tag in VOID:
            return
        if "in-gilde" in classes:
            self.stack.append("block")
        elif {"guidance", "prose"} & set(classes):
            self.stack.append("text")
        else:
            self.stack.append("")

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        marks = [mark for mark in self.stack if mark]
        if marks and marks[-1] == "text":
            self.text.append(data)


def _read(html: str) -> _GuidanceText:
    parser = _GuidanceText()
    parser.feed(html)
    return parser


def _guide_pages(cop) -> list[str]:
    pages = [reverse("guide:about")]
    for number in range(1, 9):
        pages.append(reverse("guide:step", args=[number]))
        pages.append(reverse("guide:cop_step", args=[cop.slug, number]))
    return pages


def test_the_content_speaks_of_gilde_only_in_in_gilde_blocks():
    for language in LANGUAGES:
        assert claims_outside_blocks(load_guide(language)) == [], language


def test_the_check_finds_a_claim_outside_a_block():
    guide = load_guide("nl")
    step = guide.steps[4]
    item = step.items[0]
    claim = render_markdown("In Gilde leg je elk besluit vast.")
    changed = type(item)(**{**item.__dict__, "body": item.body + claim})
    step = type(step)(**{**step.__dict__, "items": (changed, *step.items[1:])})
    guide = type(guide)(**{**guide.__dict__, "steps": (*guide.steps[:4], step, *guide.steps[5:])})
    assert claims_outside_blocks(guide) == [item.id]


def test_every_named_instrument_is_registered_or_planned():
    known = instruments.registered_keys() | instruments.PLANNED
    for language in LANGUAGES:
        named = {key for keys in instrument_keys(load_guide(language)).values() for key in keys}
        assert named - known == set(), language


def test_a_planned_instrument_leaves_the_list_once_it_is_registered():
    assert instruments.registered_keys() & instruments.PLANNED == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_guidance_speaks_of_gilde_only_for_registered_instruments(
    client, facilitator, cop, language
):
    client.force_login(facilitator)
    client.cookies["gilde_language"] = language
    shown_anywhere = set()
    for url in _guide_pages(cop):
        response = client.get(url)
        assert response.status_code == 200, url
        page = _read(response.content.decode())
        text = " ".join(page.text)
        assert text.strip(), url
        assert "Gilde" not in text, url
        assert set(page.shown) <= instruments.registered_keys(), url
        shown_anywhere |= set(page.shown)
    assert {"question_sheet", "meeting_evaluation", "work_form_library"} <= shown_anywhere


def test_a_sentence_about_an_instrument_still_to_come_is_hidden(client, facilitator, cop):
    # As if the learning app (which shares learning questions) were not installed yet.
    shared = instruments._REGISTRY.pop("shared_learning_questions")
    try:
        client.force_login(facilitator)
        for url in (
            reverse("guide:step", args=[5]),
            reverse("guide:cop_step", args=[cop.slug, 5]),
        ):
            html = client.get(url).content.decode()
            assert "leervragen zichtbaar maken" not in html
            assert "Nodig deelnemers uit hun leervragen" in html  # the method itself stays
    finally:
        instruments._REGISTRY["shared_learning_questions"] = shared


@pytest.fixture
def shared_questions_exist():
    """The shared questions registered with a link to the calendar, to see the link move."""
    shared = instruments._REGISTRY.pop("shared_learning_questions")
    instruments.register_instrument(
        "shared_learning_questions", url_name="meetings:calendar", label="Leervragen"
    )
    yield
    instruments._REGISTRY["shared_learning_questions"] = shared


def test_the_sentence_and_its_link_appear_once_the_instrument_is_registered(
    client, facilitator, cop, shared_questions_exist
):
    client.force_login(facilitator)
    html = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "In Gilde kunnen deelnemers hun leervragen zichtbaar maken" in html
    assert f'<a href="{reverse("meetings:calendar", args=[cop.slug])}">Leervragen</a>' in html
    # The general guide has no CoP to link to: the sentence without a link.
    html = client.get(reverse("guide:step", args=[5])).content.decode()
    assert "In Gilde kunnen deelnemers hun leervragen zichtbaar maken" in html
    assert "Leervragen</a>" not in html


def test_an_instrument_that_goes_away_takes_its_sentence_along(client, facilitator, cop):
    evaluation = instruments._REGISTRY.pop("meeting_evaluation")
    try:
        client.force_login(facilitator)
        html = client.get(reverse("guide:cop_step", args=[cop.slug, 6])).content.decode()
        assert "vullen deelnemers de evaluatie anoniem in" not in html
    finally:
        instruments._REGISTRY["meeting_evaluation"] = evaluation
    html = client.get(reverse("guide:cop_step", args=[cop.slug, 6])).content.decode()
    assert "vullen deelnemers de evaluatie anoniem in" in html


def test_links_go_only_where_the_viewer_may_go(client, participant, facilitator, cop):
    step_2 = reverse("guide:cop_step", args=[cop.slug, 2])
    candidates = reverse("composition:candidates", args=[cop.slug])
    dashboard = reverse("composition:dashboard", args=[cop.slug])
    client.force_login(participant)
    html = client.get(step_2).content.decode()
    assert "In Gilde volg je kandidaten" in html  # the sentence, for everyone
    assert f'href="{candidates}"' not in html and f'href="{dashboard}"' in html
    client.force_login(facilitator)
    assert f'href="{candidates}"' in client.get(step_2).content.decode()


def test_registering_an_instrument_twice_differently_is_a_mistake():
    with pytest.raises(ValueError), translation.override("en"):
        instruments.register_instrument("calendar", url_name="guide:about", label="x")
