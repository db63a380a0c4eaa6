"""Reads for the system analysis. `tis_results` is the one gate for what respondents answered:
nothing of a moment shows until at least TIS_THRESHOLD respondents answered it, and then only
medians, spreads and (for those who take part, not observers) the rationales and barriers
without names, in an order that says nothing about who answered when.
"""

import random
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.interventions import interventions_by_ref
from gilde.communities.models import Community, token_digest

from .. import tis_results as summary
from ..models import (
    TIS_THRESHOLD,
    TisAnswer,
    TisBarrier,
    TisFunction,
    TisInvitation,
    TisMoment,
    TisScore,
)

FUNCTIONS = list(TisFunction.values)


def tis_moments(community: Community):
    """The CoP's moments, oldest first, each with `respondents` (one query)."""
    return community.tis_moments.annotate(respondents=Count("answers")).order_by("held_on", "pk")


def tis_moment_or_none(community: Community, pk: int) -> TisMoment | None:
    return community.tis_moments.filter(pk=pk).first()


def tis_own_response(moment: TisMoment, membership) -> TisAnswer | None:
    if membership is None:
        return None
    return moment.answers.filter(membership=membership).prefetch_related("scores").first()


@dataclass
class FunctionRow:
    function: str
    label: str
    summary: summary.FunctionSummary | None
    change: float | None = None
    weak: bool = False
    rationales: list = field(default_factory=list)


@dataclass
class MomentResults:
    moment: TisMoment
    respondents: int
    shown: bool
    rows: list = field(default_factory=list)  # FunctionRow, in Hekkert's order
    barriers: list = field(default_factory=list)
    previous: TisMoment | None = None

    @property
    def medians(self) -> list:
        return [row.summary.median if row.summary else None for row in self.rows]

    @property
    def weak_rows(self) -> list:
        return [row for row in self.rows if row.weak]


def _scores_by_moment(moment_ids) -> dict[int, dict[str, list[int]]]:
    found: dict[int, dict[str, list[int]]] = {pk: {} for pk in moment_ids}
    for moment_id, function, score in TisScore.objects.filter(
        answer__moment_id__in=moment_ids
    ).values_list("answer__moment_id", "function", "score"):
        found[moment_id].setdefault(function, []).append(score)
    return found


def tis_results(*, community: Community, access=None, details: bool = False) -> list[MomentResults]:
    """Every moment's results as the viewer may see them, oldest first: medians and spreads
    from TIS_THRESHOLD respondents on, each function's change since the previous moment with
    results, and the weakest functions. With `details` and a viewer who takes part, also the
    rationales and barriers, without names. Three queries, plus two with details."""
    moments = list(tis_moments(community))
    passing = [m.pk for m in moments if m.respondents >= TIS_THRESHOLD]
    scores = _scores_by_moment(passing)
    readable = bool(details and access and access.can(Action.TAKE_PART_IN_MONITORING))
    rationales: dict[tuple[int, str], list[str]] = {}
    barriers: dict[int, list] = {}
    if readable and passing:
        for moment_id, function, text in (
            TisScore.objects.filter(answer__moment_id__in=passing)
            .exclude(rationale="")
            .values_list("answer__moment_id", "function", "rationale")
        ):
            rationales.setdefault((moment_id, function), []).append(text)
        links = interventions_by_ref(community)
        for barrier in TisBarrier.objects.filter(moment_id__in=passing).order_by(
            "function", "description", "pk"
        ):
            barrier.intervention = links.get(barrier.intervention_ref)
            barriers.setdefault(barrier.moment_id, []).append(barrier)
    labels = dict(TisFunction.choices)
    results, previous = [], None
    for moment in moments:
        if moment.pk not in scores:
            results.append(MomentResults(moment, moment.respondents, False))
            continue
        summaries = summary.summarise_all(FUNCTIONS, scores[moment.pk])
        changes = summary.changes(summaries, previous[1]) if previous else dict.fromkeys(FUNCTIONS)
        weak = set(summary.weakest(summaries))
        rows = []
        for function in FUNCTIONS:
            texts = sorted(rationales.get((moment.pk, function), []))
            random.Random(f"{moment.pk}:{function}").shuffle(texts)
            rows.append(
                FunctionRow(
                    function,
                    str(labels[function]),
                    summaries[function],
                    changes[function],
                    function in weak,
                    texts,
                )
            )
        results.append(
            MomentResults(
                moment,
                moment.respondents,
                True,
                rows,
                barriers.get(moment.pk, []),
                previous[0] if previous else None,
            )
        )
        previous = (moment, summaries)
    return results


def tis_invitation_for_token(token: str) -> TisInvitation | None:
    """The invitation this token opens, or None. Whether it still works is `is_usable`."""
    if not token:
        return None
    return (
        TisInvitation.objects.filter(token_digest=token_digest(token))
        .select_related("moment__community")
        .first()
    )


def tis_moments_open_for(membership, *, now=None) -> list[TisMoment]:
    """Open moments this member has not answered yet (for the home's "now" panel)."""
    if membership is None or membership.role == "observer":
        return []
    now = now or timezone.now()
    return list(
        membership.community.tis_moments.filter(closes_at__gt=now)
        .exclude(answers__membership=membership)
        .order_by("closes_at")
    )


def tis_table(shown: list[MomentResults]) -> list[tuple[str, list]]:
    """(function label, its FunctionRow at each moment) for a table of moments side by side."""
    labels = dict(TisFunction.choices)
    return [
        (str(labels[function]), [result.rows[index] for result in shown])
        for index, function in enumerate(FUNCTIONS)
    ]
