"""The facilitation rotation: two facilitators per meeting, turns spread fairly.

Pure Python, no Django. Given the people in the rotation (with a focus when they have one) and the
number of meetings, `rotation_generate` returns one pair per meeting such that:

* every meeting gets two different people (when there are at least two);
* everybody's number of turns differs by at most one;
* each pair covers content and process when the people allow it: two people with the same known
  focus are paired only when fairness leaves no other choice, and a person without a focus takes
  the role their partner leaves open;
* the same pair comes back as rarely as possible;
* the result depends only on the input and the seed.

Fairness holds by construction: the turns always sit at k or k + 1. When two or more people are at
the lowest count the pair is taken from them; when only one is, that person goes with someone from
the level above.
"""

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

CONTENT = "content"
PROCESS = "process"


@dataclass(frozen=True)
class Person:
    key: int
    focus: str = ""  # "content", "process" or "" (unknown, e.g. a participant)


@dataclass(frozen=True)
class Turn:
    """One facilitator of one meeting, with the role they take in the pair."""

    key: int
    focus: str


def _mismatch(a: Person, b: Person) -> int:
    """0: known content + process; 1: a focus left open; 2: both the same known focus."""
    if a.focus and b.focus:
        return 0 if a.focus != b.focus else 2
    return 1


def _roles(a: Person, b: Person) -> tuple[Turn, Turn]:
    """Who takes content and who process: known focus first, the other fills the gap."""
    other = {CONTENT: PROCESS, PROCESS: CONTENT}
    if a.focus and b.focus:
        return Turn(a.key, a.focus), Turn(b.key, b.focus)
    if a.focus:
        return Turn(a.key, a.focus), Turn(b.key, other[a.focus])
    if b.focus:
        return Turn(a.key, other[b.focus]), Turn(b.key, b.focus)
    return Turn(a.key, CONTENT), Turn(b.key, PROCESS)


def rotation_generate(people: Sequence[Person], meetings: int, *, seed: int = 0) -> list[tuple]:
    """One tuple of turns per meeting: two turns when there are two or more people, one turn
    when there is one person, none when there is nobody."""
    unique = sorted({person.key: person for person in people}.values(), key=lambda p: p.key)
    rng = random.Random(seed)
    order = {person.key: rng.random() for person in unique}  # the seed's tie-break
    counts = Counter({person.key: 0 for person in unique})
    paired: Counter = Counter()
    result: list[tuple] = []
    for _ in range(meetings):
        if not unique:
            result.append(())
            continue
        if len(unique) == 1:
            counts[unique[0].key] += 1
            result.append((Turn(unique[0].key, unique[0].focus),))
            continue
        low = min(counts.values())
        lowest = [p for p in unique if counts[p.key] == low]
        if len(lowest) >= 2:
            candidates = list(combinations(lowest, 2))
        else:
            above = [p for p in unique if counts[p.key] == low + 1]
            candidates = [(lowest[0], other) for other in above]
        a, b = min(
            candidates,
            key=lambda pair: (
                _mismatch(*pair),
                paired[frozenset((pair[0].key, pair[1].key))],
                order[pair[0].key] + order[pair[1].key],
                pair[0].key,
                pair[1].key,
            ),
        )
        counts[a.key] += 1
        counts[b.key] += 1
        paired[frozenset((a.key, b.key))] += 1
        result.append(_roles(a, b))
    return result
