"""Buddy matching: perfect cover, one trio for odd groups, no repeats while avoidable, and at
least the greedy pairing's diversity."""

import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gilde.learning.matching import (
    Person,
    TooFewPeople,
    buddy_groups,
    diversity,
    greedy_groups,
    history_from,
    score,
)

VALUES = st.sampled_from(["", "a", "b", "c"])
PEOPLE = st.builds(
    lambda n, facts: [Person(i, *facts[i]) for i in range(n)],
    st.integers(min_value=2, max_value=9),
    st.lists(st.tuples(VALUES, VALUES, VALUES, VALUES, VALUES), min_size=9, max_size=9),
)


def _all_groupings(keys):
    """Every split of `keys` into pairs (plus one trio when odd)."""
    if len(keys) == 0:
        yield []
        return
    if len(keys) == 3:
        yield [list(keys)]
        return
    first, rest = keys[0], keys[1:]
    sizes = (1, 2) if len(keys) % 2 else (1,)
    for size in sizes:
        for partners in itertools.combinations(rest, size):
            remaining = [k for k in rest if k not in partners]
            if size == 2 and len(remaining) % 2:
                continue
            if size == 1 and len(remaining) % 2 and len(remaining) < 3:
                continue
            for tail in _all_groupings(remaining):
                trios = sum(1 for g in tail if len(g) == 3) + (size == 2)
                if trios <= 1:
                    yield [[first, *partners], *tail]


def _history(people, data):
    keys = [p.key for p in people]
    pairs = list(itertools.combinations(keys, 2))
    chosen = data.draw(st.lists(st.sampled_from(pairs), max_size=len(pairs)))
    return Counter(frozenset(pair) for pair in chosen)


@settings(max_examples=150, deadline=None)
@given(PEOPLE, st.data())
def test_groups_cover_everyone_once_with_one_trio_when_odd(people, data):
    history = _history(people, data)
    groups = buddy_groups(people, history)
    members = [key for group in groups for key in group]
    assert sorted(members) == sorted(p.key for p in people)
    sizes = sorted(len(group) for group in groups)
    if len(people) % 2 == 0:
        assert set(sizes) == {2}
    else:
        assert sizes.count(3) == 1 and set(sizes) <= {2, 3}


@settings(max_examples=120, deadline=None)
@given(PEOPLE, st.data())
def test_no_repeat_when_an_alternative_exists(people, data):
    history = _history(people, data)
    by_key = {p.key: p for p in people}
    groups = buddy_groups(people, history)
    fewest = min(score(g, by_key, history).repeats for g in _all_groupings([p.key for p in people]))
    assert score(groups, by_key, history).repeats == fewest


@settings(max_examples=150, deadline=None)
@given(PEOPLE, st.data())
def test_at_least_as_good_as_greedy(people, data):
    history = _history(people, data)
    by_key = {p.key: p for p in people}
    ours = score(buddy_groups(people, history), by_key, history)
    greedy = score(greedy_groups(people, history), by_key, history)
    assert not greedy.better_than(ours)
    if not history:
        assert ours.diversity >= greedy.diversity


def test_fewer_than_two_people_is_refused():
    with pytest.raises(TooFewPeople):
        buddy_groups([Person(1)])
    with pytest.raises(TooFewPeople):
        buddy_groups([])


def test_organisation_counts_double_and_unknown_counts_as_alike():
    a = Person(1, organisation="Gemeente", industry="Overheid")
    b = Person(2, organisation="gemeente ", industry="Zorg")
    c = Person(3, organisation="Woonstichting", industry="")
    assert diversity(a, b) == 1
    assert diversity(a, c) == 2


def test_rounds_do_not_repeat_pairs_for_six_people():
    people = [Person(i, organisation=str(i % 3)) for i in range(6)]
    seen = []
    for _ in range(5):  # a round-robin gives n - 1 rounds without a repeat
        groups = buddy_groups(people, history_from(seen))
        for group in groups:
            assert sorted(group) not in [sorted(g) for g in seen]
        seen.extend(groups)
