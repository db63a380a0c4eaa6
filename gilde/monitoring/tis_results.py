"""Summing up a TIS moment: per function the median and spread of the respondents' 1–5 scores,
the change since the previous moment, and the weakest functions. Pure Python, no Django.

The spread is the interquartile range (METHODS §1.2): how far the middle half of the
respondents lie apart; a wide spread says the respondents disagree, which is worth a talk.
"""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WEAK = 2.0  # a median at or below this is weak whatever the other functions score


@dataclass(frozen=True)
class FunctionSummary:
    n: int
    median: float
    q1: float
    q3: float

    @property
    def spread(self) -> float:
        return self.q3 - self.q1


def summarise(scores: Sequence[int]) -> FunctionSummary | None:
    """Median and quartiles of one function's scores; None without scores."""
    values = sorted(int(score) for score in scores)
    if not values:
        return None
    if len(values) == 1:
        return FunctionSummary(1, float(values[0]), float(values[0]), float(values[0]))
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return FunctionSummary(len(values), float(statistics.median(values)), float(q1), float(q3))


def summarise_all(
    functions: Sequence[str], scores: Mapping[str, Sequence[int]]
) -> dict[str, FunctionSummary | None]:
    return {function: summarise(scores.get(function, ())) for function in functions}


def changes(
    current: Mapping[str, FunctionSummary | None], previous: Mapping[str, FunctionSummary | None]
) -> dict[str, float | None]:
    """The change of each function's median since the previous moment; None where either
    moment has no median."""
    result = {}
    for function, summary in current.items():
        before = previous.get(function)
        result[function] = (
            summary.median - before.median if summary is not None and before is not None else None
        )
    return result


def weakest(summaries: Mapping[str, FunctionSummary | None]) -> list[str]:
    """The functions with the lowest median, and every function at or below `WEAK`, in the
    given order. Nothing is flagged when all medians are equal and above `WEAK`."""
    medians = {f: s.median for f, s in summaries.items() if s is not None}
    if not medians:
        return []
    lowest = min(medians.values())
    all_equal = len(set(medians.values())) == 1
    return [
        function
        for function, median in medians.items()
        if median <= WEAK or (median == lowest and not all_equal)
    ]
