"""Counting a poll's votes. Pure Python, no Django, so every rule can be tested on its own (and
with hypothesis) and reused by the pages, the e-mails and the export.

Options are identified by keys (the option ids); a ballot is what one person gave. The rules:

* consent: a proposal passes when at least one person agrees and nobody blocks; objections do
  not stop it, but they are listed with their reasons so the group can weigh them;
* choice: each ballot names one or more options (up to the poll's maximum); the options with the
  most votes lead, ties included;
* score: every option gets a number on the poll's scale; options are compared by their mean,
  shown with the spread (population standard deviation), lowest and highest score;
* ranked choice: instant runoff. Each round counts every ballot for its highest-ranked option
  still in the race; an option with more than half of the ballots that still count wins;
  otherwise the option with the fewest votes drops out and its ballots move on. A ballot whose
  options have all dropped out is exhausted and no longer counts. A tie for the fewest votes is
  broken by the earlier rounds (fewest votes in the latest round where they differ), then by the
  option listed last; when every option left has the same number of votes, nobody wins;
* date poll: per slot yes, "if need be" and no; the best slot has the most yes, then the most
  "if need be", then comes first;
* quick check: the distribution of the answers (and their mean on a 1–5 scale);
* quorum: met when the share of those allowed to vote who voted reaches the poll's percentage.
"""

import math
from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Key = Hashable

AGREE, ABSTAIN, OBJECT, BLOCK = "agree", "abstain", "object", "block"
CONSENT_RESPONSES = (AGREE, ABSTAIN, OBJECT, BLOCK)
YES, IF_NEED_BE, NO = 2, 1, 0


def quorum_met(votes: int, eligible: int, percent: int) -> bool:
    """Whether `votes` of `eligible` people reach `percent` per cent (0: no quorum)."""
    if percent <= 0:
        return True
    return votes * 100 >= percent * eligible


# Consent


@dataclass(frozen=True)
class ConsentResult:
    counts: dict[str, int]
    passes: bool
    votes: int


def consent_tally(given: Sequence[str]) -> ConsentResult:
    """Count agree / abstain / object / block; anything else is not counted."""
    counted = Counter(answer for answer in given if answer in CONSENT_RESPONSES)
    counts = {response: counted[response] for response in CONSENT_RESPONSES}
    return ConsentResult(
        counts=counts,
        passes=counts[AGREE] > 0 and counts[BLOCK] == 0,
        votes=sum(counts.values()),
    )


# Choice


@dataclass(frozen=True)
class ChoiceResult:
    counts: dict[Key, int]
    voters: int
    leaders: tuple[Key, ...]  # the options with the most votes (none when nobody voted)


def choice_tally(ballots: Sequence[Collection[Key]], options: Sequence[Key]) -> ChoiceResult:
    """Votes per option; a ballot counts each option it names once, unknown options not at all."""
    known = set(options)
    counts = dict.fromkeys(options, 0)
    for ballot in ballots:
        for option in set(ballot) & known:
            counts[option] += 1
    return ChoiceResult(counts=counts, voters=len(ballots), leaders=_leaders(counts))


def _leaders(counts: Mapping[Key, int]) -> tuple[Key, ...]:
    top = max(counts.values(), default=0)
    if top <= 0:
        return ()
    return tuple(option for option, count in counts.items() if count == top)


# Score


@dataclass(frozen=True)
class ScoreStats:
    count: int
    mean: float
    spread: float  # population standard deviation
    low: int
    high: int
    exact_mean: Fraction = field(repr=False, compare=False, default=Fraction(0))


@dataclass(frozen=True)
class ScoreResult:
    stats: dict[Key, ScoreStats | None]  # None: nobody scored the option
    voters: int
    leaders: tuple[Key, ...]


def score_stats(values: Sequence[int]) -> ScoreStats | None:
    if not values:
        return None
    count = len(values)
    mean = Fraction(sum(values), count)
    variance = sum((Fraction(value) - mean) ** 2 for value in values) / count
    return ScoreStats(
        count=count,
        mean=float(mean),
        spread=math.sqrt(variance),
        low=min(values),
        high=max(values),
        exact_mean=mean,
    )


def score_tally(ballots: Sequence[Mapping[Key, int]], options: Sequence[Key]) -> ScoreResult:
    """Statistics per option over the scores given to it; the leaders have the highest mean."""
    values: dict[Key, list[int]] = {option: [] for option in options}
    for ballot in ballots:
        for option, value in ballot.items():
            if option in values:
                values[option].append(value)
    stats = {option: score_stats(scores) for option, scores in values.items()}
    scored = {option: s.exact_mean for option, s in stats.items() if s is not None}
    top = max(scored.values(), default=None)
    leaders = tuple(option for option, mean in scored.items() if mean == top)
    return ScoreResult(stats=stats, voters=len(ballots), leaders=leaders)


# Ranked choice: instant runoff


@dataclass(frozen=True)
class Round:
    counts: dict[Key, int]  # the options still in the race, with their votes this round
    exhausted: int  # ballots without any option still in the race
    eliminated: Key | None = None  # the option that drops out after this round
    tie_broken: bool = False  # the eliminated option tied for the fewest votes


@dataclass(frozen=True)
class RankedResult:
    rounds: tuple[Round, ...]
    winner: Key | None
    tied: tuple[Key, ...] = ()  # when nobody wins: the options that tied at the end
    ballots: int = 0


def clean_ranking(ranking: Sequence[Key], options: Collection[Key]) -> tuple[Key, ...]:
    """The ranking without unknown options and without repeats (the first place counts)."""
    seen: set = set()
    cleaned = []
    for option in ranking:
        if option in options and option not in seen:
            seen.add(option)
            cleaned.append(option)
    return tuple(cleaned)


def instant_runoff(ballots: Sequence[Sequence[Key]], options: Sequence[Key]) -> RankedResult:
    """Run the rounds until an option has more than half of the ballots that still count."""
    known = set(options)
    rankings = [clean_ranking(ballot, known) for ballot in ballots]
    continuing = list(dict.fromkeys(options))
    rounds: list[Round] = []
    while continuing:
        counts = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ranking in rankings:
            top = next((option for option in ranking if option in counts), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        active = len(rankings) - exhausted
        majority = [option for option, count in counts.items() if count * 2 > active]
        if active and majority:
            rounds.append(Round(counts, exhausted))
            return RankedResult(tuple(rounds), majority[0], (), len(rankings))
        fewest = min(counts.values())
        lowest = [option for option in continuing if counts[option] == fewest]
        if len(lowest) == len(continuing):
            rounds.append(Round(counts, exhausted))
            return RankedResult(tuple(rounds), None, tuple(continuing), len(rankings))
        out = _break_tie(lowest, rounds, continuing)
        rounds.append(Round(counts, exhausted, out, tie_broken=len(lowest) > 1))
        continuing.remove(out)
    return RankedResult(tuple(rounds), None, (), len(rankings))


def _break_tie(lowest: list, rounds: list[Round], continuing: list) -> Key:
    """Of the options tied for the fewest votes, the one with the fewest in the latest earlier
    round where they differ; still tied, the one listed last."""
    tied = list(lowest)
    for earlier in reversed(rounds):
        fewest = min(earlier.counts[option] for option in tied)
        tied = [option for option in tied if earlier.counts[option] == fewest]
        if len(tied) == 1:
            return tied[0]
    return max(tied, key=continuing.index)


# Date poll


@dataclass(frozen=True)
class SlotCount:
    yes: int = 0
    if_need_be: int = 0
    no: int = 0


@dataclass(frozen=True)
class DateResult:
    counts: dict[Key, SlotCount]
    voters: int
    best: Key | None  # None when nobody said yes or "if need be" to any slot


def date_tally(ballots: Sequence[Mapping[Key, int]], options: Sequence[Key]) -> DateResult:
    """Yes / if need be / no per slot; `options` in their order (the earliest slot first)."""
    tallies: dict[Key, Counter] = {option: Counter() for option in options}
    for ballot in ballots:
        for option, answer in ballot.items():
            if option in tallies and answer in (YES, IF_NEED_BE, NO):
                tallies[option][answer] += 1
    counts = {
        option: SlotCount(tally[YES], tally[IF_NEED_BE], tally[NO])
        for option, tally in tallies.items()
    }
    candidates = [option for option, c in counts.items() if c.yes or c.if_need_be]
    best = min(
        candidates,
        key=lambda option: (-counts[option].yes, -counts[option].if_need_be, options.index(option)),
        default=None,
    )
    return DateResult(counts=counts, voters=len(ballots), best=best)


# Quick check


@dataclass(frozen=True)
class CheckResult:
    distribution: dict[int, int]
    count: int
    mean: float | None  # on a scale; None for thumbs or without answers


def check_tally(values: Sequence[int], answers: Sequence[int], *, with_mean: bool) -> CheckResult:
    """How many gave each of `answers` (1–5, or -1/0/1 for thumbs down/sideways/up)."""
    counted = Counter(value for value in values if value in answers)
    count = sum(counted.values())
    mean = sum(v * n for v, n in counted.items()) / count if with_mean and count else None
    return CheckResult({answer: counted[answer] for answer in answers}, count, mean)
