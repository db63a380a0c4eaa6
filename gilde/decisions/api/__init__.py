"""Step 5 in the REST API (registered with gilde.core.api): the decision log, polls with their
results (only through the one gate, `selectors.poll_results`) and casting a vote (the page's
form and service, so the same checks). The answers' shapes are in `schemas`, the rows in
`payloads`."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Router

from gilde.communities.access import Action
from gilde.communities.api import api_access, api_member
from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router

from .. import selectors, services
from ..forms.votes import VoteForm
from ..models import PollKind, Voters
from ..selectors.polls import vote_summary
from ..services import DecisionError
from .payloads import decision_out, poll_detail_out, poll_or_404, poll_out, reader
from .schemas import DecisionOut, DecisionPage, PollDetailOut, PollPage, VoteIn, VoteOut

router = Router(tags=["decisions"])


@router.get(
    "/cops/{slug}/decisions",
    response={200: DecisionPage, **ERRORS},
    summary="The decision log",
    description=(
        "Oldest first. Every member reads it; observers only where the CoP allows them to."
    ),
)
def decisions(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = reader(request, slug)
    rows, next_cursor = cursor_page(
        selectors.decision_log(access.community),
        cursor=cursor,
        limit=limit,
        keys=("decided_on", "pk"),
        parse=(date.fromisoformat, int),
    )
    return {"items": [decision_out(access, d) for d in rows], "next_cursor": next_cursor}


@router.get(
    "/cops/{slug}/decisions/{decision_id}",
    response={200: DecisionOut, **ERRORS},
    summary="A decision",
)
def decision(request, slug: str, decision_id: int):
    access = reader(request, slug, names_object=True)
    found = selectors.decision_for(access.community, decision_id)
    if found is None:
        raise ApiError(404, "not_found", _("This CoP has no such decision."))
    return decision_out(access, found)


@router.get(
    "/cops/{slug}/polls",
    response={200: PollPage, **ERRORS},
    summary="Polls",
    description="Oldest first. The results are on each poll's own address.",
)
def polls(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = reader(request, slug)
    rows, next_cursor = cursor_page(
        selectors.polls_of(access.community).prefetch_related("options"),
        cursor=cursor,
        limit=limit,
    )
    now = timezone.now()
    return {
        "items": [poll_out(access, poll, list(poll.options.all()), now) for poll in rows],
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
    access = reader(request, slug, names_object=True)
    return poll_detail_out(access, poll_or_404(access, poll_id))


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
    found = poll_or_404(access, poll_id)
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
