"""The shapes of the decisions API's answers and of a vote, for the OpenAPI document."""

from datetime import date, datetime

from ninja import Schema


class DecisionOut(Schema):
    id: int
    statement: str
    rationale: str
    taken_by: str
    kind: str
    decided_on: date
    meeting_id: int | None
    poll_id: int | None
    revises_id: int | None
    revised_by_id: int | None
    recorded_by: str
    url: str


class DecisionPage(Schema):
    items: list[DecisionOut]
    next_cursor: str | None


class OptionOut(Schema):
    id: int
    label: str
    starts_at: datetime | None


class PollOut(Schema):
    id: int
    kind: str
    title: str
    context: str
    author: str
    voters: str
    anonymous: bool
    hide_results: bool
    quorum: int
    max_choices: int
    allow_other: bool
    scale_max: int
    check_style: str
    closes_at: datetime
    closed_at: datetime | None
    is_open: bool
    results_visible: bool
    decision_id: int | None
    options: list[OptionOut]
    url: str


class PollPage(Schema):
    items: list[PollOut]
    next_cursor: str | None


class ConsentOut(Schema):
    agree: int
    abstain: int
    object: int
    block: int
    passes: bool


class ReasonOut(Schema):
    response: str
    reason: str
    name: str


class OptionResultOut(Schema):
    option: int
    label: str
    leading: bool
    votes: int | None = None
    share: float | None = None
    mean: float | None = None
    spread: float | None = None
    low: int | None = None
    high: int | None = None
    scores: int | None = None
    yes: int | None = None
    if_need_be: int | None = None
    no: int | None = None


class RoundCountOut(Schema):
    option: int
    votes: int
    eliminated: bool


class RoundOut(Schema):
    number: int
    counts: list[RoundCountOut]
    exhausted: int
    tie_broken: bool


class CheckRowOut(Schema):
    answer: int
    label: str
    count: int
    share: float | None


class CheckOut(Schema):
    count: int
    mean: float | None
    rows: list[CheckRowOut]


class NamedVoteOut(Schema):
    name: str
    vote: str


class ResultsOut(Schema):
    final: bool
    votes: int
    eligible: int
    quorum_met: bool
    consent: ConsentOut | None
    reasons: list[ReasonOut]
    options: list[OptionResultOut]
    others: list[str]
    rounds: list[RoundOut]
    winner: int | None
    tied: list[int]
    check: CheckOut | None
    named: list[NamedVoteOut]


class PollDetailOut(PollOut):
    votes: int
    eligible: int
    may_vote: bool
    has_voted: bool
    my_vote: str | None
    results: ResultsOut | None


class VoteEntryIn(Schema):
    option: int
    value: int


class VoteIn(Schema):
    """What each kind of poll takes: `response` (agree, abstain, object or block) and `reason`
    (consent), `choices` and
    `other_text` (choice), `entries` (score: a score per option; ranked: a rank per option, 1
    first; date: 2 yes, 1 if need be, 0 no per date), `value` (quick check: 1–5, or 1, 0, -1)."""

    response: str = ""
    reason: str = ""
    choices: list[int] = []
    other_text: str = ""
    entries: list[VoteEntryIn] = []
    value: int | None = None


class VoteOut(Schema):
    poll: int
    has_voted: bool
    my_vote: str | None
