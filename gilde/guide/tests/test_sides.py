"""The four sides of a work form (rational, physical, creative, intuitive) as a library filter."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gilde.guide.content import SIDES, load_guide
from gilde.guide.library import Filters, filter_work_forms
from gilde.guide.models import CustomWorkForm

FORMS = load_guide("en").work_forms


@given(side=st.sampled_from(SIDES))
def test_the_side_filter_keeps_exactly_the_forms_with_that_side(side):
    results = filter_work_forms(FORMS, Filters(side=side))
    assert results
    assert [form for form in FORMS if side in form.sides] == results


def test_every_side_has_work_forms_in_the_library():
    for side in SIDES:
        assert filter_work_forms(FORMS, Filters(side=side))


def test_library_page_filters_on_a_side_without_javascript(client, db):
    response = client.get(reverse("guide:library"), {"side": "physical"})
    assert response.status_code == 200
    keys = [form.key for form in response.context["results"]]
    assert "walk-and-talk" in keys
    assert "world-cafe" not in keys
    page = response.content.decode()
    assert 'name="side"' in page
    assert '<option value="physical" selected>' in page


def test_the_side_filter_answers_htmx_with_the_results_only(client, db):
    response = client.get(
        reverse("guide:library"), {"side": "intuitive"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.strip().startswith('<section id="results"')
    assert reverse("guide:work_form", args=["check-in-check-out"]) in body
    assert reverse("guide:work_form", args=["world-cafe"]) not in body


@pytest.mark.parametrize("side", ["spiritual", "x" * 300])
def test_an_unknown_side_is_a_clear_message(client, db, side):
    response = client.get(reverse("guide:library"), {"side": side})
    assert response.status_code == 200
    assert "side" in response.context["form"].errors


def test_the_side_filter_covers_the_cops_own_work_forms(client, participant, cop):
    CustomWorkForm.objects.create(
        community=cop,
        name="Wandelcheck",
        purpose="Bewegen en bijpraten.",
        how_to="1. Loop in tweetallen.",
        min_minutes=15,
        max_minutes=20,
        stages=["pair"],
        sides=["physical"],
    )
    client.force_login(participant)
    url = reverse("guide:cop_library", args=[cop.slug])
    physical = [form.name for form in client.get(url, {"side": "physical"}).context["results"]]
    rational = [form.name for form in client.get(url, {"side": "rational"}).context["results"]]
    assert "Wandelcheck" in physical
    assert "Wandelcheck" not in rational
