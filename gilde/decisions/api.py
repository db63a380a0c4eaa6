"""Step 5 in the REST API (registered with gilde.core.api): the decision log, polls with their
results (only through the one gate, `selectors.poll_results`) and casting a vote (the page's
form and service, so the same checks)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Router, Schema

from gilde.communities.access import Action
from gilde.communities.api import api_access, api_member
from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router

from . import selectors, services
from .forms.votes import VoteForm
from .models import PollKind, Voters
from .selectors.polls import vote_summary
from .services import DecisionError
from .views.common import require_reader

router = Router(tags=["decisions"])


# Schemas


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


# Helpers


def _reader(request, slug: str, action: Action = Action.VIEW_DECISIONS, **kwargs):
    """The CoP for someone who may read this part of it (observers only where it allows)."""
    access = api_access(request, slug, action, **kwargs)
    try:
        require_reader(access)
    except PermissionDenied as refused:
        raise ApiError(
            403, "forbidden", _("Your role in this CoP does not allow this.")
        ) from refused
    return access


def _poll_or_404(access, poll_id: int):
    poll = selectors.poll_for(access, poll_id)
    if poll is None:
        raise ApiError(404, "not_found", _("This CoP has no such poll."))
    return poll


def _decision(access, decision) -> dict:
    revised_by = getattr(decision, "revised_by", None)
    return {
        "id": decision.pk,
        "statement": decision.statement,
        "rationale": decision.rationale,
        "taken_by": decision.taken_by,
        "kind": decision.kind,
        "decided_on": decision.decided_on,
        "meeting_id": decision.meeting_id,
        "poll_id": decision.poll_id,
        "revises_id": decision.revises_id,
        "revised_by_id": revised_by.pk if revised_by else None,
        "recorded_by": access.member_label(decision.recorded_by),
        "url": reverse(
            "decisions:decision", kwargs={"slug": access.community.slug, "pk": decision.pk}
        ),
    }


def _poll(access, poll, options, now) -> dict:
    decision = getattr(poll, "outcome", None)
    return {
        "id": poll.pk,
        "kind": poll.kind,
        "title": poll.title,
        "context": poll.context,
        "author": access.member_label(poll.author),
        "voters": poll.voters,
        "anonymous": poll.anonymous,
        "hide_results": poll.hide_results,
        "quorum": poll.quorum,
        "max_choices": poll.max_choices,
        "allow_other": poll.allow_other,
        "scale_max": poll.scale_max,
        "check_style": poll.check_style,
        "closes_at": poll.closes_at,
        "closed_at": poll.closed_at,
        "is_open": poll.is_open(now),
        "results_visible": selectors.results_visible(poll, now),
        "decision_id": decision.pk if decision else None,
        "options": [{"id": o.pk, "label": o.label, "starts_at": o.starts_at} for o in options],
        "url": reverse("decisions:poll", kwargs={"slug": access.community.slug, "pk": poll.pk}),
    }


def _option_row(kind: str, row) -> dict:
    out = {"option": row.option.pk, "label": row.option.label, "leading": row.leading}
    if kind == PollKind.SCORE:
        if row.stats is not None:  # None: nobody scored the option yet
            stats = row.stats
            out.update(
                mean=stats.mean,
                spread=stats.spread,
                low=stats.low,
                high=stats.high,
                scores=stats.count,
            )
    elif kind == PollKind.DATE:
        out.update(yes=row.slot.yes, if_need_be=row.slot.if_need_be, no=row.slot.no)
    else:
        out.update(votes=row.count, share=row.share)
    return out


def _results(access, results) -> dict | None:
    if results is None:
        return None
    consent = None
    if results.consent is not None:
        consent = {**results.consent.counts, "passes": results.consent.passes}
    check = None
    if results.check is not None:
        check = {
            "count": results.check.count,
            "mean": results.check.mean,
            "rows": [
                {"answer": answer, "label": str(label), "count": count, "share": share}
                for answer, (label, count, share) in zip(
                    results.check.distribution, results.check_rows, strict=True
                )
            ],
        }
    return {
        "final": results.final,
        "votes": results.votes,
        "eligible": results.eligible,
        "quorum_met": results.quorum_met,
        "consent": consent,
        "reasons": [
            {
                "response": str(label),
                "reason": reason,
                "name": access.member_label(member) if member else "",
            }
            for label, reason, member in results.reasons
        ],
        "options": [_option_row(results.poll.kind, row) for row in results.rows],
        "others": results.others,
        "rounds": [
            {
                "number": one.number,
                "counts": [
                    {"option": option.pk, "votes": votes, "eliminated": out}
                    for option, votes, out in one.counts
                ],
                "exhausted": one.exhausted,
                "tie_broken": one.tie_broken,
            }
            for one in results.rounds
        ],
        "winner": results.winner.pk if results.winner is not None else None,
        "tied": [option.pk for option in results.tied],
        "check": check,
        "named": [
            {
                "name": access.member_label(vote.membership) or _("(former member)"),
                "vote": vote.summary,
            }
            for vote in results.named
        ],
    }


def _poll_detail(access, poll) -> dict:
    """The poll as its page shows it to this viewer, read through the results gate."""
    now = timezone.now()
    options = list(poll.options.all())
    voters = selectors.voters_with_status(poll)
    me = next((m for m in voters if m.pk == getattr(access.membership, "pk", None)), None)
    has_voted = bool(me and getattr(me, "has_voted", False))
    results = selectors.poll_results(poll, options=options, eligible=len(voters), now=now)
    own = selectors.own_ballot(poll, access.membership) if has_voted else None
    by_key = {option.pk: option for option in options}
    return {
        **_poll(access, poll, options, now),
        "votes": sum(1 for m in voters if getattr(m, "has_voted", False)),
        "eligible": len(voters),
        "may_vote": me is not None and access.can_vote(poll.voters == Voters.PARTICIPANTS),
        "has_voted": has_voted,
        "my_vote": vote_summary(poll, own, by_key) if own is not None else None,
        "results": _results(access, results),
    }


# Operations


@router.get(
    "/cops/{slug}/decisions",
    response={200: DecisionPage, **ERRORS},
    summary="The decision log",
    description=(
        "Oldest first. Every member reads it; observers only where the CoP allows them to."
    ),
)
def decisions(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = _reader(request, slug)
    rows, next_cursor = cursor_page(
        selectors.decision_log(access.community),
        cursor=cursor,
        limit=limit,
        keys=("decided_on", "pk"),
        parse=(date.fromisoformat, int),
    )
    return {"items": [_decision(access, d) for d in rows], "next_cursor": next_cursor}


@router.get(
    "/cops/{slug}/decisions/{decision_id}",
    response={200: DecisionOut, **ERRORS},
    summary="A decision",
)
def decision(request, slug: str, decision_id: int):
    access = _reader(request, slug, names_object=True)
    found = selectors.decision_for(access.community, decision_id)
    if found is None:
        raise ApiError(404, "not_found", _("This CoP has no such decision."))
    return _decision(access, found)


@router.get(
    "/cops/{slug}/polls",
    response={200: PollPage, **ERRORS},
    summary="Polls",
    description="Oldest first. The results are on each poll's own address.",
)
def polls(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = _reader(request, slug)
    rows, next_cursor = cursor_page(
        selectors.polls_of(access.community).prefetch_related("options"),
        cursor=cursor,
        limit=limit,
    )
    now = timezone.now()
    return {
        "items": [_poll(access, poll, list(poll.options.all()), now) for poll in rows],
        "next_cursor": next_cursor,
    }


@router.get(
    "/cops/{slug}/polls/{poll_id}",
    response={200: PollDetailOut, **ERRORS},
    summary="A poll with its results",
    description=(
        "`results` is null while the poll hides its results (anonymous polls always do until "
        "they close). Names of voters only for those who may read the member list."
    ),
)
def poll(request, slug: str, poll_id: int):
    access = _reader(request, slug, names_object=True)
    return _poll_detail(access, _poll_or_404(access, poll_id))


_ENTRY_FIELDS = {PollKind.SCORE: "score", PollKind.RANKED: "rank", PollKind.DATE: "slot"}


def _form_data(poll, options, body: VoteIn) -> dict:
    """The vote as the page's form would post it."""
    known = {option.pk for option in options}
    for field, given in (("entries", [e.option for e in body.entries]), ("choices", body.choices)):
        if any(option not in known for option in given):
            message = _("Choose from this poll's options.")
            raise ApiError(422, "invalid", message, [{"loc": ["body", field], "msg": message}])
    if poll.kind == PollKind.CONSENT:
        return {"response": body.response, "reason": body.reason}
    if poll.kind == PollKind.CHOICE:
        data: dict = {"other_text": body.other_text}
        if poll.max_choices == 1:
            if len(body.choices) > 1:
                message = ngettext(
                    "Choose at most %(max)s option.", "Choose at most %(max)s options.", 1
                ) % {"max": 1}
                raise ApiError(
                    422, "invalid", message, [{"loc": ["body", "choices"], "msg": message}]
                )
            data["choices"] = str(body.choices[0]) if body.choices else ""
        else:
            data["choices"] = [str(choice) for choice in body.choices]
        return data
    if poll.kind in _ENTRY_FIELDS:
        prefix = _ENTRY_FIELDS[poll.kind]
        return {f"{prefix}_{entry.option}": str(entry.value) for entry in body.entries}
    return {"value": "" if body.value is None else str(body.value)}


def _field_of(name: str) -> str:
    if name == "__all__":
        return "body"
    if name.split("_")[0] in _ENTRY_FIELDS.values():
        return "entries"
    return name


@router.post(
    "/cops/{slug}/polls/{poll_id}/vote",
    response={200: VoteOut, **ERRORS},
    summary="Vote",
    description=(
        "The same checks as the poll's page: only those the poll is for, only while it is open; "
        "a named vote may change until the poll closes, an anonymous one cannot."
    ),
)
def vote(request, slug: str, poll_id: int, body: VoteIn):
    access = api_access(request, slug, Action.START_POLLS, names_object=True)
    found = _poll_or_404(access, poll_id)
    if not access.can_vote(found.voters == Voters.PARTICIPANTS):
        raise ApiError(403, "not_eligible", DecisionError("not_eligible").message)
    if not found.is_open():
        raise ApiError(400, "closed", DecisionError("closed").message)
    options = list(found.options.all())
    own = selectors.own_ballot(found, access.membership)
    form = VoteForm(_form_data(found, options, body), poll=found, options=options, ballot=own)
    if not form.is_valid():
        details = [
            {"loc": ["body", _field_of(name)], "msg": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError(422, "invalid", str(details[0]["msg"]), details)
    try:
        ballot = services.poll_vote(poll=found, membership=api_member(access), vote=form.vote())
    except DecisionError as error:
        status = {"invalid": 422, "not_eligible": 403}.get(error.code, 400)
        raise ApiError(status, error.code, error.message) from error
    by_key = {option.pk: option for option in options}
    summary = None if found.anonymous else vote_summary(found, ballot, by_key)
    return {"poll": found.pk, "has_voted": True, "my_vote": summary}


register_api_router(router, order=50)
