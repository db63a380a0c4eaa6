"""Step 1's readiness signals: is the question framed well enough to start?"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from gilde.communities.models import Community
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)

from .models import (
    IntendedYield,
    PartyAnalysis,
    ProblemNode,
    QuestionVersion,
    Stakeholder,
    UrgencySignal,
    YieldLevel,
)


def _status(met: bool) -> SignalStatus:
    return SignalStatus.MET if met else SignalStatus.NOT_MET


def _count(queryset, field: str = "pk", distinct: bool = False) -> Subquery:
    counted = queryset.values("community").annotate(n=Count(field, distinct=distinct)).values("n")
    return Subquery(counted)


def _analysed(condition: Q) -> Subquery:
    rows = PartyAnalysis.objects.filter(condition, stakeholder__community=OuterRef("pk"))
    return Subquery(rows.values("stakeholder__community").annotate(n=Count("pk")).values("n"))


# A party is analysed when its practices, the alternatives and the barriers are written down.
ANALYSED = ~Q(practices="") & ~Q(alternatives="") & ~Q(barriers="")
STARTED = ~Q(practices="") | ~Q(alternatives="") | ~Q(barriers="")


def question_facts(community: Community, facts: dict) -> Community:
    """The CoP with everything step 1's signals and workspace look at, fetched in one query."""
    if "question" not in facts:
        mine = {"community": OuterRef("pk")}
        facts["question"] = (
            Community.objects.select_related("question_sheet", "layer_notes", "problem_tree")
            .annotate(
                signal_count=_count(UrgencySignal.objects.filter(**mine)),
                yield_levels=_count(IntendedYield.objects.filter(**mine), "level", True),
                stakeholder_count=_count(Stakeholder.objects.filter(**mine)),
                version_count=_count(QuestionVersion.objects.filter(**mine)),
                analysis_complete=_analysed(ANALYSED),
                analysis_started=_analysed(STARTED),
                tree_node_count=Subquery(
                    ProblemNode.objects.filter(tree__community=OuterRef("pk"))
                    .values("tree")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
            )
            .get(pk=community.pk)
        )
    return facts["question"]


def _sheet(community: Community, facts: dict):
    return getattr(question_facts(community, facts), "question_sheet", None)


@readiness_signal(step=1)
def core_question_present(community: Community, facts: dict) -> Signal:
    sheet = _sheet(community, facts)
    return Signal(
        key="core_question",
        title=_("A core question"),
        status=_status(bool(sheet and sheet.core_question.strip())),
        explanation=_("The CoP's “how” question is written down."),
        tip_id="s1-questions",
    )


@readiness_signal(step=1)
def research_question_present(community: Community, facts: dict) -> Signal:
    sheet = _sheet(community, facts)
    return Signal(
        key="research_question",
        title=_("At least one research question"),
        status=_status(bool(sheet and sheet.items("research_questions"))),
        explanation=_("Research questions break the core question into parts to work on."),
        tip_id="s1-questions",
    )


@readiness_signal(step=1)
def scope_framed(community: Community, facts: dict) -> Signal:
    sheet = _sheet(community, facts)
    met = bool(sheet and sheet.items("scope_in") and sheet.items("scope_out"))
    return Signal(
        key="scope",
        title=_("Scope: what is in and what is out"),
        status=_status(met),
        explanation=_("At least one thing inside the frame and one thing outside it."),
        tip_id="s1-extra-frames",
    )


@readiness_signal(step=1)
def urgency_signal_present(community: Community, facts: dict) -> Signal:
    count = question_facts(community, facts).signal_count or 0
    return Signal(
        key="urgency",
        title=_("Urgency backed by a signal"),
        status=_status(count >= 1),
        explanation=_("Urgency signals recorded: %(count)s.") % {"count": count},
        tip_id="s1-urgency",
    )


@readiness_signal(step=1)
def yields_on_two_levels(community: Community, facts: dict) -> Signal:
    count = question_facts(community, facts).yield_levels or 0
    return Signal(
        key="yields",
        title=_("Yields named for at least two levels"),
        status=_status(count >= 2),
        explanation=_("Levels with a yield: %(count)s of %(total)s.")
        % {"count": count, "total": len(YieldLevel.values)},
        tip_id="s1-yields",
    )


@readiness_signal(step=1)
def environment_started(community: Community, facts: dict) -> Signal:
    data = question_facts(community, facts)
    layers = getattr(data, "layer_notes", None)
    started = (
        bool(data.stakeholder_count)
        or getattr(data, "problem_tree", None) is not None
        or bool(data.analysis_started)
        or bool(layers and (layers.niche or layers.regime or layers.landscape))
    )
    return Signal(
        key="environment",
        title=_("An environment analysis started"),
        status=_status(started),
        explanation=_(
            "A stakeholder grid, a problem tree, a socio-technical problem analysis or notes on "
            "the socio-technical layers."
        ),
        tip_id="s1-environment",
    )


@readiness_signal(step=1)
def parties_analysed(community: Community, facts: dict) -> Signal:
    """The socio-technical problem analysis is optional; once begun, every party of the
    stakeholder grid gets its practices, alternatives and barriers."""
    data = question_facts(community, facts)
    total, complete = data.stakeholder_count or 0, data.analysis_complete or 0
    if not data.analysis_started:
        return Signal(
            key="party_analysis",
            title=_("Practices and barriers per party"),
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("Optional: no party of the stakeholder grid is analysed yet."),
            tip_id="s1-environment",
        )
    return Signal(
        key="party_analysis",
        title=_("Practices and barriers per party"),
        status=_status(complete >= total),
        explanation=_(
            "Parties with their practices, alternatives and barriers: %(complete)s of %(total)s."
        )
        % {"complete": complete, "total": total},
        tip_id="s1-environment",
    )


@step_data(step=1)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP wrote anything for step 1: a version of the question sheet, urgency
    signals, intended yields, stakeholders or a problem tree."""
    from .models import IntendedYield, ProblemTree, QuestionVersion, Stakeholder, UrgencySignal

    return any_exists(
        *(
            model.objects.filter(community=community)
            for model in (QuestionVersion, UrgencySignal, IntendedYield, Stakeholder)
        ),
        ProblemTree.objects.filter(community=community, nodes__isnull=False),
    )
