"""Buddy pairs: as diverse as possible, and no pair twice while another choice exists (METHODS §10).

Pure Python plus networkx, no Django. Each pair gets a weight: first (by far) how often the two
were buddies before, then how different they are (organisation counts double; industry, discipline,
practice/theory and pioneer/follower once; an unknown value counts as no difference). A maximum-
weight perfect matching on the complete graph (Edmonds' blossom algorithm, `max_weight_matching`
with integer weights) then gives the pairs. The repeat penalty is larger than any total diversity,
so fewer repeats always win over more diversity.

An odd group gets one trio: each person in turn is left out of the matching and joins the pair
they add most to; the greedy pairing is a candidate too, and swaps between groups improve the
best candidate until none helps. So the result is never worse than the greedy pairing.
"""

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

WEIGHTS = {
    "organisation": 2,
    "industry": 1,
    "discipline": 1,
    "knowledge_type": 1,
    "pioneer": 1,
}
MAX_DIVERSITY = sum(WEIGHTS.values())


@dataclass(frozen=True)
class Person:
    key: Hashable
    organisation: str = ""
    industry: str = ""
    discipline: str = ""
    knowledge_type: str = ""
    pioneer: str = ""


History = Counter  # frozenset({a, b}) -> times paired


class TooFewPeople(ValueError):
    """Pairs need at least two people."""


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def diversity(a: Person, b: Person) -> int:
    """How different two people are: 0 (alike, or unknown) to `MAX_DIVERSITY`."""
    total = 0
    for field, weight in WEIGHTS.items():
        x, y = _norm(getattr(a, field)), _norm(getattr(b, field))
        if x and y and x != y:
            total += weight
    return total


def history_from(groups: Iterable[Iterable[Hashable]]) -> History:
    """Count every pair inside earlier groups (a trio counts three pairs)."""
    history: History = Counter()
    for group in groups:
        for a, b in itertools.combinations(sorted(group, key=repr), 2):
            history[frozenset((a, b))] += 1
    return history


@dataclass(frozen=True)
class Score:
    repeats: int
    diversity: int

    def better_than(self, other: "Score") -> bool:
        return (self.repeats, -self.diversity) < (other.repeats, -other.diversity)


def score(groups: Sequence[Sequence[Hashable]], people: dict, history: History) -> Score:
    repeats = total = 0
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            repeats += history[frozenset((a, b))]
            total += diversity(people[a], people[b])
    return Score(repeats, total)


def _big(n: int) -> int:
    # Larger than any total diversity of one grouping, so a repeat always costs more.
    return (n * 3) * MAX_DIVERSITY + 1


def _pair_weight(a: Person, b: Person, history: History, big: int, top: int) -> int:
    return (top - history[frozenset((a.key, b.key))]) * big + diversity(a, b)


def _matching(keys: list, people: dict, history: History) -> list[list]:
    if len(keys) < 2:
        return []
    big = _big(len(people))
    top = max((history[frozenset(p)] for p in itertools.combinations(keys, 2)), default=0) + 1
    graph = nx.Graph()
    for a, b in itertools.combinations(keys, 2):
        graph.add_edge(a, b, weight=_pair_weight(people[a], people[b], history, big, top))
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return [sorted(pair, key=keys.index) for pair in pairs]


def _join_best(groups: list[list], extra, people: dict, history: History) -> list[list]:
    """Add `extra` to the group where it scores best."""
    best, best_score = None, None
    for index in range(len(groups)):
        trial = [list(g) for g in groups]
        trial[index].append(extra)
        current = score(trial, people, history)
        if best_score is None or current.better_than(best_score):
            best, best_score = trial, current
    return best or [[extra]]


def greedy_groups(people: Sequence[Person], history: History | None = None) -> list[list]:
    """The baseline: take the best remaining pair each time; an odd one out joins a pair."""
    history = history or Counter()
    by_key = {p.key: p for p in people}
    keys = [p.key for p in people]
    if len(keys) < 2:
        raise TooFewPeople
    big = _big(len(keys))
    top = max((history[frozenset(p)] for p in itertools.combinations(keys, 2)), default=0) + 1
    edges = sorted(
        itertools.combinations(keys, 2),
        key=lambda e: -_pair_weight(by_key[e[0]], by_key[e[1]], history, big, top),
    )
    taken, groups = set(), []
    for a, b in edges:
        if a not in taken and b not in taken:
            groups.append([a, b])
            taken |= {a, b}
    for key in keys:
        if key not in taken:
            groups = _join_best(groups, key, by_key, history)
    return groups


def _improve(groups: list[list], people: dict, history: History) -> list[list]:
    """Swap two people of different groups while that makes the grouping better."""
    current = score(groups, people, history)
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(range(len(groups)), 2):
            for x, y in itertools.product(range(len(groups[i])), range(len(groups[j]))):
                trial = [list(g) for g in groups]
                trial[i][x], trial[j][y] = trial[j][y], trial[i][x]
                trial_score = score(trial, people, history)
                if trial_score.better_than(current):
                    groups, current, improved = trial, trial_score, True
                    break
            if improved:
                break
    return groups


def buddy_groups(people: Sequence[Person], history: History | None = None) -> list[list]:
    """Pairs of `people` (keys), plus one trio when their number is odd. Raises `TooFewPeople`
    for fewer than two."""
    history = history or Counter()
    if len(people) < 2:
        raise TooFewPeople
    by_key = {p.key: p for p in people}
    keys = [p.key for p in people]
    if len(keys) % 2 == 0:
        return _matching(keys, by_key, history)
    candidates = [greedy_groups(people, history)]
    for extra in keys:
        rest = [k for k in keys if k != extra]
        candidates.append(_join_best(_matching(rest, by_key, history), extra, by_key, history))
    best = candidates[0]
    for candidate in candidates[1:]:
        if score(candidate, by_key, history).better_than(score(best, by_key, history)):
            best = candidate
    return _improve(best, by_key, history)
