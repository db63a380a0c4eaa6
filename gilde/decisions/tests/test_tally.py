"""The counting rules as pure functions, with property-based tests."""

from hypothesis import given
from hypothesis import strategies as st

from gilde.decisions import tally

RESPONSES = st.sampled_from(tally.CONSENT_RESPONSES)
OPTIONS = st.lists(st.integers(1, 40), min_size=1, max_size=6, unique=True)


# Consent


@given(st.lists(RESPONSES, max_size=30))
def test_consent_passes_exactly_when_someone_agrees_and_nobody_blocks(responses):
    result = tally.consent_tally(responses)
    assert result.passes == (tally.AGREE in responses and tally.BLOCK not in responses)
    assert sum(result.counts.values()) == len(responses) == result.votes


@given(st.lists(RESPONSES, max_size=30))
def test_objections_never_stop_a_proposal_but_a_single_block_does(responses):
    with_objection = tally.consent_tally([*responses, tally.AGREE, tally.OBJECT])
    assert with_objection.passes == (tally.BLOCK not in responses)
    assert not tally.consent_tally([*responses, tally.AGREE, tally.BLOCK]).passes


def test_consent_without_votes_does_not_pass():
    assert not tally.consent_tally([]).passes
    assert not tally.consent_tally([tally.ABSTAIN, tally.OBJECT]).passes


# Quorum


@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 100))
def test_quorum_is_a_share_of_those_who_may_vote(votes, eligible, percent):
    met = tally.quorum_met(votes, eligible, percent)
    assert met == (percent == 0 or votes * 100 >= percent * eligible)


def test_quorum_edges():
    assert tally.quorum_met(5, 10, 50) and not tally.quorum_met(4, 10, 50)
    assert tally.quorum_met(0, 10, 0)


# Choice


@st.composite
def choice_ballots(draw):
    options = draw(OPTIONS)
    most = draw(st.integers(1, len(options)))
    ballots = draw(
        st.lists(st.lists(st.sampled_from(options), max_size=most, unique=True), max_size=25)
    )
    return options, most, ballots


@given(choice_ballots())
def test_choice_counts_each_ballot_once_per_option_and_leaders_have_the_most(data):
    options, most, ballots = data
    result = tally.choice_tally(ballots, options)
    assert sum(result.counts.values()) == sum(len(b) for b in ballots) <= most * len(ballots)
    top = max(result.counts.values())
    assert set(result.leaders) == (
        {o for o, c in result.counts.items() if c == top} if top else set()
    )


def test_choice_ignores_unknown_and_repeated_options():
    result = tally.choice_tally([[1, 1, 99], [2]], [1, 2])
    assert result.counts == {1: 1, 2: 1} and result.leaders == (1, 2)


# Score


@given(st.lists(st.integers(1, 10), max_size=30))
def test_score_statistics(values):
    stats = tally.score_stats(values)
    if not values:
        assert stats is None
        return
    assert stats.low <= stats.mean <= stats.high
    assert stats.spread >= 0
    assert stats.count == len(values)
    assert (stats.spread == 0) == (len(set(values)) == 1)


def test_score_leaders_by_mean_with_ties():
    ballots = [{1: 5, 2: 3, 3: 5}, {1: 3, 2: 5, 3: 3}]
    result = tally.score_tally(ballots, [1, 2, 3])
    assert set(result.leaders) == {1, 2, 3}  # all average 4
    result = tally.score_tally([{1: 5, 2: 4}], [1, 2, 3])
    assert result.leaders == (1,) and result.stats[3] is None


# Ranked choice


@st.composite
def ranked_ballots(draw):
    options = draw(OPTIONS)
    ballots = draw(
        st.lists(
            st.lists(st.sampled_from(options), max_size=len(options), unique=True), max_size=30
        )
    )
    return options, ballots


@given(ranked_ballots())
def test_every_round_accounts_for_every_ballot(data):
    options, ballots = data
    result = tally.instant_runoff(ballots, options)
    for round_ in result.rounds:
        assert sum(round_.counts.values()) + round_.exhausted == len(ballots)


@given(ranked_ballots())
def test_eliminated_options_never_come_back_and_exhausted_ballots_only_grow(data):
    options, ballots = data
    result = tally.instant_runoff(ballots, options)
    gone: set = set()
    exhausted = 0
    for round_ in result.rounds:
        assert not gone & set(round_.counts)
        assert round_.exhausted >= exhausted
        exhausted = round_.exhausted
        if round_.eliminated is not None:
            gone.add(round_.eliminated)
    assert len(result.rounds) <= len(options)


@given(ranked_ballots())
def test_a_winner_has_a_majority_of_the_ballots_that_still_count(data):
    options, ballots = data
    result = tally.instant_runoff(ballots, options)
    last = result.rounds[-1]
    if result.winner is not None:
        active = len(ballots) - last.exhausted
        assert last.counts[result.winner] * 2 > active
        assert not result.tied
    else:
        assert len(set(last.counts.values())) <= 1  # every option left ties


@given(ranked_ballots(), st.randoms(use_true_random=False))
def test_the_order_of_the_ballots_does_not_matter(data, rng):
    options, ballots = data
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert tally.instant_runoff(ballots, options) == tally.instant_runoff(shuffled, options)


@given(ranked_ballots())
def test_a_first_choice_majority_wins_in_the_first_round(data):
    options, ballots = data
    firsts = [b[0] for b in ballots if b]
    for option in options:
        if firsts.count(option) * 2 > len(firsts):
            result = tally.instant_runoff(ballots, options)
            assert result.winner == option and len(result.rounds) == 1


def test_instant_runoff_moves_ballots_on_and_reports_the_rounds():
    # A: 4, B: 3, C: 2 (C's voters prefer B) -> B wins in round 2.
    ballots = [["A"]] * 4 + [["B"]] * 3 + [["C", "B"]] * 2
    result = tally.instant_runoff(ballots, ["A", "B", "C"])
    assert [r.eliminated for r in result.rounds] == ["C", None]
    assert result.rounds[1].counts == {"A": 4, "B": 5}
    assert result.winner == "B"


def test_ties_for_last_place_look_back_then_drop_the_option_listed_last():
    # Round 1: A 3, B 2, C 2, D 1 -> D out (its ballot goes to C).
    # Round 2: A 3, B 2, C 3 -> B out. Earlier rounds decide no tie here.
    ballots = [["A"]] * 3 + [["B", "A"]] * 2 + [["C"]] * 2 + [["D", "C"]]
    result = tally.instant_runoff(ballots, ["A", "B", "C", "D"])
    assert [r.eliminated for r in result.rounds[:2]] == ["D", "B"]
    assert result.winner == "A"
    ballots = [["A"]] * 4 + [["B"]] * 2 + [["C"]] * 1 + [["D", "C"]] + [["E", "B"]]
    result = tally.instant_runoff(ballots, ["A", "B", "C", "D", "E"])
    # Round 1: A4 B2 C1 D1 E1 -> D, C, E tie; none earlier -> E (listed last) out.
    assert result.rounds[0].eliminated == "E" and result.rounds[0].tie_broken
    # Round 2: A4 B3 C1 D1 -> C, D tie; in round 1 both 1 -> D (listed last) out.
    assert result.rounds[1].eliminated == "D"
    # Round 3: A4 B3 C2 -> C out; round 4: A4 B3 + C's ballots exhausted -> A wins 4 of 7.
    assert result.winner == "A"
    assert result.rounds[-1].exhausted == 2


def test_a_complete_tie_has_no_winner():
    result = tally.instant_runoff([["A"], ["B"]], ["A", "B"])
    assert result.winner is None and set(result.tied) == {"A", "B"}
    empty = tally.instant_runoff([], ["A", "B"])
    assert empty.winner is None


# Date poll


@given(
    st.lists(st.fixed_dictionaries({k: st.sampled_from([0, 1, 2]) for k in (1, 2, 3)}), max_size=20)
)
def test_the_best_slot_has_the_most_yes_then_if_need_be(ballots):
    result = tally.date_tally(ballots, [1, 2, 3])
    for count in result.counts.values():
        assert count.yes + count.if_need_be + count.no == len(ballots)
    if result.best is None:
        assert all(c.yes == 0 and c.if_need_be == 0 for c in result.counts.values())
        return
    best = result.counts[result.best]
    for count in result.counts.values():
        assert (count.yes, count.if_need_be) <= (best.yes, best.if_need_be)


def test_an_earlier_slot_wins_a_tie():
    result = tally.date_tally([{1: 2, 2: 2}], [1, 2])
    assert result.best == 1


# Quick check


@given(st.lists(st.integers(-3, 8), max_size=40))
def test_quick_check_distribution(values):
    result = tally.check_tally(values, (1, 2, 3, 4, 5), with_mean=True)
    valid = [v for v in values if 1 <= v <= 5]
    assert result.count == len(valid) == sum(result.distribution.values())
    if valid:
        assert 1 <= result.mean <= 5
    else:
        assert result.mean is None


def test_thumbs_have_no_mean():
    result = tally.check_tally([1, 1, 0, -1], (1, 0, -1), with_mean=False)
    assert result.distribution == {1: 2, 0: 1, -1: 1} and result.mean is None
