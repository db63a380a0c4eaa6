"""Step 6 in the REST API (registered with gilde.core.api): the social map's ties and figures as
its pages show them to the viewer (one decision, `selectors.network_gate`), the system analysis'
results (medians and spreads only, from TIS_THRESHOLD respondents on, through
`selectors.tis_results`), and adding a tie of one's own (the page's form and service)."""

from datetime import date, datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from gilde.communities.access import Action
from gilde.communities.api import api_access, api_member
from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router

from . import selectors, services
from .forms import TieForm
from .models import NETWORK_THRESHOLD, TIS_THRESHOLD, TieOrigin

router = Router(tags=["monitoring"])


class TieOut(Schema):
    id: int
    member: str
    organisation: str
    other_member: str | None
    other_organisation: str
    outside_actor: str | None
    kind_id: int
    kind: str
    started_on: date
    ended_on: date | None
    note: str
    mine: bool


class TiePage(Schema):
    items: list[TieOut]
    next_cursor: str | None


class TieIn(Schema):
    """The other end is a member (`other_member_id`, an id from the members list) or an outside
    actor (`outside_actor_id`), not both."""

    other_member_id: int | None = None
    outside_actor_id: int | None = None
    kind_id: int
    started_on: date
    ended_on: date | None = None
    note: str = ""


class TieKindOut(Schema):
    id: int
    key: str
    label: str


class OutsideActorOut(Schema):
    id: int
    name: str
    kind: str


class OutsideActorPage(Schema):
    items: list[OutsideActorOut]
    next_cursor: str | None


class PeriodOut(Schema):
    key: str
    label: str
    start: date
    end: date


class FiguresOut(Schema):
    nodes: int
    pairs: int
    density: float
    components: int
    largest_component_share: float
    average_degree: float
    across_share: float | None
    new_ties: int
    ended_ties: int
    new_pairs: int
    isolates: int


class TrendOut(Schema):
    period: str
    figures: FiguresOut


class BrokerOut(Schema):
    name: str
    betweenness: float


class NetworkOut(Schema):
    visibility: Literal["names", "aggregates", "too_few"]
    threshold: int
    periods: list[PeriodOut]
    period: PeriodOut | None
    figures: FiguresOut | None
    trend: list[TrendOut]
    brokers: list[BrokerOut]


class FunctionOut(Schema):
    function: str
    label: str
    respondents: int
    median: float | None
    q1: float | None
    q3: float | None
    spread: float | None
    change: float | None
    weak: bool


class TisMomentOut(Schema):
    id: int
    title: str
    kind: str
    held_on: date
    closes_at: datetime
    is_open: bool
    respondents: int
    threshold: int
    shown: bool
    functions: list[FunctionOut]


class TisPage(Schema):
    items: list[TisMomentOut]
    next_cursor: str | None


def _organisation(membership) -> str:
    return getattr(membership.user.organisation, "name", "") if membership else ""


def _tie(access, tie) -> dict:
    other = tie.other_member
    return {
        "id": tie.pk,
        "member": str(tie.member.user),
        "organisation": _organisation(tie.member),
        "other_member": str(other.user) if other else None,
        "other_organisation": _organisation(other),
        "outside_actor": tie.actor.name if tie.actor else None,
        "kind_id": tie.kind_id,
        "kind": tie.kind.label,
        "started_on": tie.started_on,
        "ended_on": tie.ended_on,
        # The note is in the facilitators' export, on no page of the others.
        "note": tie.note if access.can(Action.VIEW_NETWORK_NAMES) else "",
        "mine": access.membership is not None and tie.names(access.membership),
    }


def _period(span) -> dict | None:
    if span is None:
        return None
    return {"key": span.key, "label": str(span.label), "start": span.start, "end": span.end}


def _figures(figures) -> dict | None:
    if figures is None:
        return None
    return {
        name: getattr(figures, name)
        for name in FiguresOut.model_fields  # everything but the brokers' node keys
    }


@router.get(
    "/cops/{slug}/ties",
    response={200: TiePage, **ERRORS},
    summary="Ties on the social map",
    description=(
        "Every tie for those who see the named map (facilitators; the group where the CoP shares "
        "it); otherwise the ties that name you. Observers see figures only (`/network`)."
    ),
)
def ties(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_MONITORING)
    if selectors.network_gate(access=access) == selectors.NAMES:
        queryset = access.community.ties.all()
    elif access.can(Action.TAKE_PART_IN_MONITORING):
        queryset = selectors.ties_naming(access.membership)
    else:
        raise ApiError(
            403, "forbidden", _("Your role sees figures for the whole group, not single ties.")
        )
    rows, next_cursor = cursor_page(
        queryset.select_related(
            "member__user__organisation", "other_member__user__organisation", "actor", "kind"
        ),
        cursor=cursor,
        limit=limit,
    )
    return {"items": [_tie(access, tie) for tie in rows], "next_cursor": next_cursor}


@router.post(
    "/cops/{slug}/ties",
    response={201: TieOut, **ERRORS},
    summary="Add a tie of your own",
    description=(
        "A tie between you and another member or an outside actor; the kinds are at "
        "`/tie-kinds`, the outside actors at `/outside-actors`."
    ),
)
def tie_add(request, slug: str, body: TieIn):
    access = api_access(request, slug, Action.TAKE_PART_IN_MONITORING)
    community, own = access.community, api_member(access)
    services.tie_kinds_ensure(community=community)
    form = TieForm(
        {
            "member": str(own.pk),
            "other_member": "" if body.other_member_id is None else str(body.other_member_id),
            "actor": "" if body.outside_actor_id is None else str(body.outside_actor_id),
            "kind": str(body.kind_id),
            "started_on": body.started_on.isoformat(),
            "ended_on": body.ended_on.isoformat() if body.ended_on else "",
            "note": body.note,
        },
        kinds=community.tie_kinds.all(),
        members=selectors.map_members(community),
        actors=community.outside_actors.all(),
    )
    if not form.is_valid():
        names = {"other_member": "other_member_id", "actor": "outside_actor_id", "kind": "kind_id"}
        details = [
            {"loc": ["body", names.get(name, "body" if name == "__all__" else name)], "msg": m}
            for name, messages in form.errors.items()
            for m in messages
        ]
        raise ApiError(422, "invalid", str(details[0]["msg"]), details)
    data = form.cleaned_data
    try:
        tie = services.tie_add(
            community=community,
            actor=request.user,
            member=own,
            other_member=data["other_member"],
            outside=data["actor"],
            kind=data["kind"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            note=data["note"],
            origin=TieOrigin.MANUAL,
            reported_by=own,
        )
    except services.MonitoringError as error:
        raise ApiError(422, error.code, error.message) from error
    tie = community.ties.select_related(
        "member__user__organisation", "other_member__user__organisation", "actor", "kind"
    ).get(pk=tie.pk)
    return Status(201, _tie(access, tie))


@router.get(
    "/cops/{slug}/tie-kinds",
    response={200: list[TieKindOut], **ERRORS},
    summary="The kinds of tie",
)
def tie_kinds(request, slug: str):
    access = api_access(request, slug, Action.VIEW_MONITORING)
    return [
        {"id": kind.pk, "key": kind.key, "label": kind.label}
        for kind in services.tie_kinds_ensure(community=access.community)
    ]


@router.get(
    "/cops/{slug}/outside-actors",
    response={200: OutsideActorPage, **ERRORS},
    summary="Outside actors on the social map",
    description="For those who answer the network question.",
)
def outside_actors(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.TAKE_PART_IN_MONITORING)
    rows, next_cursor = cursor_page(
        access.community.outside_actors.all(), cursor=cursor, limit=limit
    )
    return {
        "items": [{"id": a.pk, "name": a.name, "kind": a.kind} for a in rows],
        "next_cursor": next_cursor,
    }


@router.get(
    "/cops/{slug}/network",
    response={200: NetworkOut, **ERRORS},
    summary="The social map's figures",
    description=(
        "As the social map shows them to you: `names` with the brokers by name (facilitators; "
        "the group where the CoP shares the map), `aggregates` for the whole group only, or "
        "`too_few` (no figures) under the threshold of people. `period` is a key from "
        "`periods`; the latest by default."
    ),
)
def network(request, slug: str, per: Literal["meeting", "quarter"] = "meeting", period: str = ""):
    access = api_access(request, slug, Action.VIEW_MONITORING)
    social = selectors.social_map(access=access, per=per, span_key=period)
    return {
        "visibility": social.visibility,
        "threshold": NETWORK_THRESHOLD,
        "periods": [_period(span) for span in social.spans],
        "period": _period(social.span) if social.figures is not None else None,
        "figures": _figures(social.figures),
        "trend": [
            {"period": span.key, "figures": _figures(figures)} for span, figures in social.trend
        ],
        "brokers": [{"name": name, "betweenness": value} for name, value in social.brokers],
    }


@router.get(
    "/cops/{slug}/tis",
    response={200: TisPage, **ERRORS},
    summary="System analysis (TIS) results",
    description=(
        "Per moment and function the median, quartiles and change since the previous moment, "
        "only once at least `threshold` respondents answered; never single answers."
    ),
)
def tis(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_MONITORING)
    rows, next_cursor = cursor_page(
        selectors.tis_moments(access.community),
        cursor=cursor,
        limit=limit,
        keys=("held_on", "pk"),
        parse=(date.fromisoformat, int),
    )
    results = {}
    if rows:
        results = {r.moment.pk: r for r in selectors.tis_results(community=access.community)}
    items = []
    for moment in rows:
        result = results[moment.pk]
        items.append(
            {
                "id": moment.pk,
                "title": moment.title,
                "kind": moment.kind,
                "held_on": moment.held_on,
                "closes_at": moment.closes_at,
                "is_open": moment.is_open(),
                "respondents": result.respondents,
                "threshold": TIS_THRESHOLD,
                "shown": result.shown,
                "functions": [
                    {
                        "function": row.function,
                        "label": row.label,
                        "respondents": row.summary.n if row.summary else 0,
                        "median": row.summary.median if row.summary else None,
                        "q1": row.summary.q1 if row.summary else None,
                        "q3": row.summary.q3 if row.summary else None,
                        "spread": row.summary.spread if row.summary else None,
                        "change": row.change,
                        "weak": row.weak,
                    }
                    for row in result.rows
                ],
            }
        )
    return {"items": items, "next_cursor": next_cursor}


register_api_router(router, order=70)
