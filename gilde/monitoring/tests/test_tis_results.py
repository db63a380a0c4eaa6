"""The TIS summary: median and spread per function, change, and the weakest functions."""

import statistics

from hypothesis import given
from hypothesis import strategies as st

from gilde.monitoring import tis_results


@given(st.lists(st.integers(1, 5), min_size=1, max_size=40))
def test_the_median_lies_within_the_quartiles_and_the_scores(scores):
    summary = tis_results.summarise(scores)
    assert summary.n == len(scores)
    assert min(scores) <= summary.q1 <= summary.median <= summary.q3 <= max(scores)
    assert summary.median == statistics.median(scores)
    assert summary.spread >= 0


def test_known_values():
    summary = tis_results.summarise([1, 2, 3, 4, 5])
    assert (summary.median, summary.q1, summary.q3, summary.spread) == (3, 2, 4, 2)
    assert tis_results.summarise([]) is None


def test_change_since_the_previous_moment():
    before = {"a": tis_results.summarise([2, 2, 3]), "b": None}
    now = {"a": tis_results.summarise([4, 4, 3]), "b": tis_results.summarise([1])}
    assert tis_results.changes(now, before) == {"a": 2.0, "b": None}


def test_weakest_flags_the_lowest_and_everything_at_two_or_below():
    summaries = {
        "a": tis_results.summarise([4]),
        "b": tis_results.summarise([3]),
        "c": tis_results.summarise([3]),
    }
    assert tis_results.weakest(summaries) == ["b", "c"]
    summaries["d"] = tis_results.summarise([2])
    assert tis_results.weakest(summaries) == ["d"]
    assert (
        tis_results.weakest({"a": tis_results.summarise([4]), "b": tis_results.summarise([4])})
        == []
    )
    assert tis_results.weakest(
        {"a": tis_results.summarise([2]), "b": tis_results.summarise([2])}
    ) == ["a", "b"]
