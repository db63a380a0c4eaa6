"""Every chart Gilde draws, rendered in Dutch from the demo CoP: its numbers must stay numbers.

SVG reads "50.2"; a Dutch page must never write "50,2" into a coordinate (the facilitation chart
drew no bars at all when it did).
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from gilde.accounts.models import User
from gilde.demo.services import demo_load

SVG = "{http://www.w3.org/2000/svg}"
# Attributes that hold one number each.
NUMBER_ATTRIBUTES = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height",
    "stroke-width", "font-size", "dx", "dy",
}  # fmt: skip
# Attributes that hold a list of numbers (with letters or separators between them).
NUMBER_LISTS = {"viewBox", "points", "stroke-dasharray"}
NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")


def _numbers(text: str) -> list[str]:
    """The numbers in a list attribute; anything else that is not a separator is a failure."""
    rest = NUMBER.sub(" ", text)
    assert re.fullmatch(r"[\s,]*", rest), f"not numbers: {text!r}"
    # A comma only separates pairs of points: "10,20 30,40". One inside a number ("50,2 60")
    # would show as an odd count of numbers in a points list.
    return NUMBER.findall(text)


def _check_svg(svg: ET.Element, where: str) -> int:
    """Assert every numeric attribute parses as a float; return how many shapes the SVG has."""
    shapes = 0
    for element in svg.iter():
        tag = element.tag.removeprefix(SVG)
        if tag in {"rect", "circle", "line", "polyline", "polygon", "path"}:
            shapes += 1
        for name, value in element.attrib.items():
            if name in NUMBER_ATTRIBUTES:
                assert NUMBER.fullmatch(value), f"{where}: <{tag} {name}={value!r}>"
                float(value)
            elif name in NUMBER_LISTS:
                numbers = _numbers(value)
                assert numbers, f"{where}: <{tag} {name}={value!r}>"
                if name == "viewBox":
                    assert len(numbers) == 4, f"{where}: viewBox={value!r}"
                if name == "points":
                    assert "," not in value or len(numbers) % 2 == 0, f"{where}: {value!r}"
                    for pair in value.split():
                        assert pair.count(",") == 1, f"{where}: points pair {pair!r}"
            elif name == "d":
                path_ok = re.fullmatch(r"[MLHVZCSQTAmlhvzcsqta0-9.\s-]*", value)
                assert path_ok, f"{where}: d={value!r}"
            elif name == "transform":
                for arguments in re.findall(r"\(([^)]*)\)", value):
                    for number in arguments.split():
                        float(number)
    return shapes


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(match) for match in re.findall(r"<svg\b.*?</svg>", html, re.S)]


@pytest.fixture
def demo_facilitator(client):
    result = demo_load()
    client.force_login(User.objects.get(email="facilitator@example.org"))
    client.cookies["gilde_language"] = "nl"
    return result.main


def _chart_pages(cop) -> dict[str, str]:
    slug = {"slug": cop.slug}
    candidates = cop.candidates.filter(status__in=["suggested", "intake_planned", "intake_done"])
    what_if = "&".join(f"candidate={pk}" for pk in candidates.values_list("pk", flat=True)[:3])
    return {
        "stakeholder grid": reverse("question:stakeholders", kwargs=slug),
        "problem tree": reverse("question:tree", kwargs=slug),
        "composition dashboard": reverse("composition:dashboard", kwargs=slug),
        "composition what-if": reverse("composition:dashboard", kwargs=slug) + "?" + what_if,
        "evaluation trend": reverse("meetings:evaluation_trend", kwargs=slug),
        "ownership chart": reverse("meetings:facilitation", kwargs=slug),
    }


@pytest.mark.django_db
def test_every_chart_writes_plain_numbers_in_a_dutch_page(client, demo_facilitator):
    with translation.override("nl"):
        pages = _chart_pages(demo_facilitator)
        for name, url in pages.items():
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
            assert response.status_code == 200, name
            html = response.content.decode()
            assert 'lang="nl"' in html, name
            svgs = _svgs(html)
            assert svgs, f"{name}: no chart on {url}"
            for svg in svgs:
                assert _check_svg(svg, name) > 2, f"{name}: a chart without shapes"


def test_the_check_catches_a_decimal_comma():
    svg = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect x="50,2" y="1" width="2" height="3"/><line x1="0" y1="0" x2="1" y2="1"/>'
        '<circle cx="1" cy="1" r="1"/></svg>'
    )
    with pytest.raises(AssertionError):
        _check_svg(svg, "test")
