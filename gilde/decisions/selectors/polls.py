"""Reads for polls. `poll_results` is the one gate for what people voted: every page, HTMX
fragment, e-mail and export reads results through it, and it gives nothing while a poll with
hidden results is open (for everybody, facilitators included). Anonymous polls always hide their
results until closing: watching a live count change while one person votes would tell what
they chose."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from gilde.communities.models import Membership, Role

from .. import tally
from ..formatting import slot_label
from ..models import (
    Ballot,
    BallotEntry,
    CheckStyle,
    ConsentResponse,
    DateAnswer,
    DecisionSettings,
    Participation,
    Poll,
    PollKind,
    Thumb,
    Voters,
)

VOTER_ROLES = {
    Voters.PARTICIPANTS: (Role.PARTICIPANT,),
    Voters.MEMBERS: (Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT),
}
CHECK_SCALE = (1, 2, 3, 4, 5)
CHECK_THUMBS = (Thumb.UP.value, Thumb.SIDEWAYS.value, Thumb.DOWN.value)


def decision_settings_of(community) -> DecisionSettings:
    """The CoP's settings for this app; unsaved defaults when it has none (reading never
    writes)."""
    return DecisionSettings.objects.filter(community=community).first() or DecisionSettings(
        community=community
    )


def eligible_memberships(poll: Poll):
    """Those who may vote in `poll`, with their accounts, by name."""
    return (
        poll.community.memberships.filter(role__in=VOTER_ROLES[poll.voters])
        .select_related("user")
        .order_by("user__name", "pk")
    )


def voters_with_status(poll: Poll) -> list[Membership]:
    """Those who may vote, each with `has_voted` (one query)."""
    return list(
        eligible_memberships(poll).annotate(
            has_voted=Exists(
                Participation.objects.filter(poll_id=poll.pk, membership_id=OuterRef("pk"))
            )
        )
    )


def poll_for(access, pk: int) -> Poll | None:
    """A poll of this CoP with its author and outcome (one query); None for another CoP's id."""
    return access.community.polls.select_related("author__user", "outcome").filter(pk=pk).first()


def polls_of(community):
    """Open polls first (closing soonest first), then the closed ones, newest first."""
    return community.polls.select_related("author__user", "outcome").order_by(
        "closed_at", "-created_at", "-id"
    )


def open_polls_for(membership: Membership, now=None) -> list[Poll]:
    """The polls this member can still vote in, closing soonest first: for the CoP home's "now"
    panel and the reminder e-mails."""
    now = now or timezone.now()
    roles = [key for key, allowed in VOTER_ROLES.items() if membership.role in allowed]
    if not roles:
        return []
    return list(
        Poll.objects.filter(
            community_id=membership.community_id,
            closed_at__isnull=True,
            closes_at__gt=now,
            voters__in=roles,
        )
        .exclude(participations__membership=membership)
        .order_by("closes_at", "pk")
    )


def outcomes_to_write_for(access, now=None) -> list[Poll]:
    """Closed polls without an outcome that this viewer may write up (author or facilitator)."""
    now = now or timezone.now()
    if access.membership is None:
        return []
    polls = access.community.polls.filter(closes_at__lte=now, outcome__isnull=True) | (
        access.community.polls.filter(closed_at__isnull=False, outcome__isnull=True)
    )
    return [
        poll
        for poll in polls.distinct().order_by("closes_at")
        if access.can_steer_poll(poll.author_id)
    ]


def own_ballot(poll: Poll, membership: Membership | None) -> Ballot | None:
    """The member's own vote in a named poll, with its entries; None in an anonymous poll
    (nothing links a vote to its author there)."""
    if membership is None or poll.anonymous:
        return None
    return (
        Ballot.objects.filter(poll=poll, membership=membership).prefetch_related("entries").first()
    )


def has_voted(poll: Poll, membership: Membership | None) -> bool:
    if membership is None:
        return False
    return Participation.objects.filter(poll=poll, membership=membership).exists()


# The gate


def results_visible(poll: Poll, now=None) -> bool:
    """Whether anyone may see how people voted: after closing, or all along when the poll
    does not hide its results."""
    return poll.has_closed(now) or not poll.hide_results


@dataclass(frozen=True)
class OptionRow:
    option: object
    count: int = 0  # choice: votes; date: yes
    share: float | None = None  # choice: percentage of voters
    stats: tally.ScoreStats | None = None  # score
    slot: tally.SlotCount | None = None  # date
    leading: bool = False


@dataclass(frozen=True)
class RoundRow:
    number: int
    counts: list  # (option, votes, is_eliminated)
    exhausted: int
    eliminated: object | None
    tie_broken: bool


@dataclass(frozen=True)
class NamedVote:
    membership: Membership | None
    summary: str


@dataclass
class PollResults:
    poll: Poll
    final: bool  # closed: nothing changes any more
    votes: int
    eligible: int
    quorum_met: bool
    consent: tally.ConsentResult | None = None
    reasons: list = field(default_factory=list)  # (response label, reason, membership or None)
    rows: list[OptionRow] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    rounds: list[RoundRow] = field(default_factory=list)
    winner: object | None = None
    tied: list = field(default_factory=list)
    check: tally.CheckResult | None = None
    check_rows: list = field(default_factory=list)  # (label, count, percentage)
    named: list[NamedVote] = field(default_factory=list)


def ballots_of(poll: Poll) -> list[Ballot]:
    """Every vote with its entries (two queries), in the random order of their ids."""
    return list(
        poll.ballots.select_related("membership__user")
        .prefetch_related(Prefetch("entries", queryset=BallotEntry.objects.order_by("value")))
        .order_by("id")
    )


def poll_results(
    poll: Poll,
    *,
    options: list | None = None,
    ballots: list[Ballot] | None = None,
    eligible: int | None = None,
    now=None,
) -> PollResults | None:
    """How the group voted, or None while the poll hides its results. `options`, `ballots`
    and `eligible` (how many may vote) may be passed when the caller has them already."""
    now = now or timezone.now()
    if not results_visible(poll, now):
        return None
    options = list(poll.options.all()) if options is None else options
    ballots = ballots_of(poll) if ballots is None else ballots
    if poll.eligible_count is not None:
        eligible = poll.eligible_count
    elif eligible is None:
        eligible = eligible_memberships(poll).count()
    keys = [option.pk for option in options]
    by_key = {option.pk: option for option in options}
    results = PollResults(
        poll=poll,
        final=poll.has_closed(now),
        votes=len(ballots),
        eligible=eligible,
        quorum_met=tally.quorum_met(len(ballots), eligible, poll.quorum),
    )
    entries = [{entry.option_id: entry.value for entry in b.entries.all()} for b in ballots]
    if poll.kind == PollKind.CONSENT:
        results.consent = tally.consent_tally([b.response for b in ballots])
        labels = dict(ConsentResponse.choices)
        results.reasons = [
            (labels[b.response], b.reason, None if poll.anonymous else b.membership)
            for b in ballots
            if b.response in (ConsentResponse.OBJECT, ConsentResponse.BLOCK)
        ]
        results.reasons.sort(key=lambda row: row[0] != labels[ConsentResponse.BLOCK])
    elif poll.kind == PollKind.CHOICE:
        counted = tally.choice_tally([list(e) for e in entries], keys)
        results.rows = [
            OptionRow(
                by_key[key],
                count=count,
                share=100 * count / len(ballots) if ballots else None,
                leading=key in counted.leaders,
            )
            for key, count in counted.counts.items()
        ]
        results.others = sorted(b.other_text for b in ballots if b.other_text)
    elif poll.kind == PollKind.SCORE:
        counted = tally.score_tally(entries, keys)
        results.rows = [
            OptionRow(by_key[key], stats=stats, leading=key in counted.leaders)
            for key, stats in counted.stats.items()
        ]
    elif poll.kind == PollKind.RANKED:
        rankings = [[entry.option_id for entry in b.entries.all()] for b in ballots]
        counted = tally.instant_runoff(rankings, keys)
        results.rounds = [
            RoundRow(
                number=index,
                counts=[
                    (by_key[key], votes, key == one.eliminated)
                    for key, votes in sorted(one.counts.items(), key=lambda kv: -kv[1])
                ],
                exhausted=one.exhausted,
                eliminated=by_key.get(one.eliminated),
                tie_broken=one.tie_broken,
            )
            for index, one in enumerate(counted.rounds, start=1)
        ]
        results.winner = by_key.get(counted.winner)
        results.tied = [by_key[key] for key in counted.tied]
    elif poll.kind == PollKind.DATE:
        counted = tally.date_tally(entries, keys)
        results.rows = [
            OptionRow(by_key[key], count=slot.yes, slot=slot, leading=key == counted.best)
            for key, slot in counted.counts.items()
        ]
        results.winner = by_key.get(counted.best)
    else:
        scale = poll.check_style == CheckStyle.SCALE
        answers = CHECK_SCALE if scale else CHECK_THUMBS
        results.check = tally.check_tally(
            [b.value for b in ballots if b.value is not None], answers, with_mean=scale
        )
        labels = {} if scale else dict(Thumb.choices)
        count = results.check.count
        results.check_rows = [
            (labels.get(answer, str(answer)), number, 100 * number / count if count else None)
            for answer, number in results.check.distribution.items()
        ]
    if not poll.anonymous:
        results.named = [
            NamedVote(b.membership, vote_summary(poll, b, by_key))
            for b in sorted(ballots, key=lambda b: str(b.membership.user) if b.membership else "")
        ]
    return results


def vote_summary(poll: Poll, ballot: Ballot, by_key: dict) -> str:
    """One line that says what a (named) ballot gave, for the list of votes."""
    entries = list(ballot.entries.all())
    if poll.kind == PollKind.CONSENT:
        text = str(ConsentResponse(ballot.response).label) if ballot.response else ""
        return f"{text}: {ballot.reason}" if ballot.reason else text
    if poll.kind == PollKind.CHOICE:
        chosen = [by_key[e.option_id].label for e in entries if e.option_id in by_key]
        if ballot.other_text:
            chosen.append(ballot.other_text)
        return ", ".join(chosen)
    if poll.kind == PollKind.SCORE:
        return ", ".join(
            f"{by_key[e.option_id].label}: {e.value}" for e in entries if e.option_id in by_key
        )
    if poll.kind == PollKind.RANKED:
        return ", ".join(
            f"{e.value}. {by_key[e.option_id].label}" for e in entries if e.option_id in by_key
        )
    if poll.kind == PollKind.DATE:
        return ", ".join(
            f"{slot_label(by_key[e.option_id])}: {DateAnswer(e.value).label}"
            for e in sorted(entries, key=lambda e: by_key[e.option_id].position)
            if e.option_id in by_key
        )
    if ballot.value is None:
        return ""
    if poll.check_style == CheckStyle.THUMBS:
        return str(Thumb(ballot.value).label)
    return str(ballot.value)
