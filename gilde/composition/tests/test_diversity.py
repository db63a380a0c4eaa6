"""The diversity figures, by hand and by property."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gilde.composition.diversity import (
    Profile,
    attribute_figures,
    blau,
    blau_max,
    blau_normalised,
    composition,
    industry_clashes,
    single_organisations,
    what_if,
)

categories = st.text(alphabet="abcdef", min_size=1, max_size=3)
profiles = st.builds(
    Profile,
    organisation=st.sampled_from(["", "A", "B", "C", "D"]),
    industry=st.sampled_from(["", "zorg", "bouw", "onderwijs"]),
    function=st.sampled_from(["", "beleid", "uitvoering"]),
    discipline=st.sampled_from(["", "techniek", "sociaal"]),
    knowledge_type=st.sampled_from(["", "practice", "theory", "both"]),
    pioneer=st.sampled_from(["", "pioneer", "follower"]),
)


# Properties


@given(value=categories, n=st.integers(min_value=1, max_value=50))
def test_blau_is_zero_for_one_category(value, n):
    assert blau([value] * n) == 0


@given(k=st.integers(min_value=1, max_value=30), per=st.integers(min_value=1, max_value=10))
def test_blau_reaches_its_maximum_for_equal_categories(k, per):
    values = [f"c{i}" for i in range(k)] * per
    assert math.isclose(blau(values), 1 - 1 / k, abs_tol=1e-12)
    assert math.isclose(blau(values), blau_max(k), abs_tol=1e-12)
    assert math.isclose(blau_normalised(blau(values), k), 1.0 if k > 1 else 0.0)


@given(values=st.lists(categories, max_size=40), seed=st.randoms())
def test_blau_ignores_order(values, seed):
    shuffled = list(values)
    seed.shuffle(shuffled)
    assert math.isclose(blau(values), blau(shuffled), abs_tol=1e-12)


@given(values=st.lists(categories, max_size=60))
def test_blau_stays_within_zero_and_its_maximum(values):
    k = len(set(values))
    assert 0 <= blau(values) <= blau_max(k) + 1e-12


@given(values=st.lists(st.sampled_from(["", "a", "b", "c"]), max_size=40))
def test_normalised_index_stays_within_zero_and_one(values):
    figures = attribute_figures([Profile(organisation=value) for value in values], "organisation")
    assert 0 <= figures.normalised <= 1
    assert figures.known + figures.missing == len(values)


@given(members=st.lists(profiles, max_size=30))
def test_what_if_without_extra_members_changes_nothing(members):
    assert what_if(members, []) == composition(members)


@given(members=st.lists(profiles, max_size=20), extra=st.lists(profiles, max_size=5))
def test_what_if_equals_the_figures_of_the_larger_group(members, extra):
    assert what_if(members, extra) == composition(members + extra)
    assert what_if(members, extra).size == len(members) + len(extra)


@given(members=st.lists(profiles, max_size=30))
def test_combined_index_is_a_mean_of_normalised_indices(members):
    figures = composition(members)
    if figures.combined is None:
        assert not any(attribute.has_data for attribute in figures.attributes)
    else:
        assert 0 <= figures.combined <= 1


# By hand


def test_blau_by_hand():
    # Shares 2/4, 1/4, 1/4: 1 − (1/4 + 1/16 + 1/16) = 0.625; maximum for 3 categories 2/3.
    figures = attribute_figures(
        [Profile(organisation=org) for org in ["A", "A", "B", "C", ""]], "organisation"
    )
    assert figures.counts == (("A", 2), ("B", 1), ("C", 1))
    assert figures.missing == 1
    assert figures.blau == pytest.approx(0.625)
    assert figures.maximum == pytest.approx(2 / 3)
    assert figures.normalised == pytest.approx(0.625 * 3 / 2)


def test_blank_and_spaced_values_are_not_categories():
    assert blau(["", "", "a"]) == 0
    figures = attribute_figures(
        [{"industry": " zorg "}, {"industry": "zorg"}, {"industry": " "}], "industry"
    )
    assert figures.counts == (("zorg", 2),)
    assert figures.missing == 1


def test_combined_view_leaves_out_attributes_without_data():
    members = [
        Profile(organisation="A", knowledge_type="practice"),
        Profile(organisation="B", knowledge_type="practice"),
    ]
    figures = composition(members)
    # Organisation: 2 equal categories, normalised 1; knowledge: one category, normalised 0.
    assert figures.attribute("organisation").normalised == pytest.approx(1.0)
    assert figures.attribute("knowledge_type").normalised == 0
    assert figures.combined == pytest.approx(0.5)
    assert composition([]).combined is None


def test_industry_clashes_and_continuity():
    members = [
        Profile(organisation="Gemeente", industry="overheid"),
        Profile(organisation="Provincie", industry="overheid"),
        Profile(organisation="Provincie", industry="overheid"),
        Profile(organisation="Ziekenhuis", industry="zorg"),
        Profile(organisation="", industry="zorg"),
    ]
    clashes = industry_clashes(members)
    assert [(c.industry, c.organisations) for c in clashes] == [
        ("overheid", ("Gemeente", "Provincie"))
    ]
    assert single_organisations(members) == ("Gemeente", "Ziekenhuis")


def test_mixes_count_fixed_categories_and_the_rest_as_missing():
    members = [
        Profile(pioneer="pioneer", knowledge_type="practice"),
        Profile(pioneer="follower", knowledge_type="both"),
        Profile(pioneer="", knowledge_type="unknown-value"),
    ]
    figures = composition(members)
    assert figures.pioneer_mix.counts == (("pioneer", 1), ("follower", 1))
    assert figures.pioneer_mix.missing == 1
    assert figures.knowledge_mix.counts == (("practice", 1), ("theory", 0), ("both", 1))
    assert figures.knowledge_mix.missing == 1
    assert figures.has_practice_and_theory


def test_what_if_adds_hypothetical_members():
    members = [Profile(organisation="A"), Profile(organisation="A")]
    after = what_if(members, [Profile(organisation="B"), Profile(organisation="B")])
    assert composition(members).attribute("organisation").blau == 0
    assert after.attribute("organisation").blau == pytest.approx(0.5)
    assert after.single_organisations == ()
