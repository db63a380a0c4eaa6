"""Reads for the decision log and the working agreements."""

from django.db.models import Q

from ..models import Decision, TakenBy, WorkingAgreements


def decision_log(community, *, query: str = "", meeting_id: int | None = None, kind: str = ""):
    """The CoP's decisions, newest first, searched and filtered (the page paginates it)."""
    decisions = community.decisions.select_related(
        "poll", "revises", "revised_by", "recorded_by__user"
    ).order_by("-decided_on", "-id")
    if query:
        decisions = decisions.filter(Q(statement__icontains=query) | Q(rationale__icontains=query))
    if meeting_id is not None:
        decisions = decisions.filter(meeting_id=meeting_id)
    if kind:
        decisions = decisions.filter(kind=kind)
    return decisions


def decision_for(community, pk: int) -> Decision | None:
    return (
        community.decisions.select_related("poll", "revises", "revised_by", "recorded_by__user")
        .filter(pk=pk)
        .first()
    )


def decision_chain(decision: Decision) -> list[Decision]:
    """The decision with the ones it revised and the ones that revised it, oldest first (a
    query per link; chains are short)."""
    chain = [decision]
    earlier = decision.revises
    while earlier is not None and len(chain) < 50:
        chain.insert(0, earlier)
        earlier = Decision.objects.select_related("revises").get(pk=earlier.pk).revises
    later = getattr(decision, "revised_by", None)
    while later is not None and len(chain) < 100:
        chain.append(later)
        later = Decision.objects.filter(revises=later).first()
    return chain


def latest_decisions(community, limit: int = 5) -> list[Decision]:
    return list(
        community.decisions.select_related("revised_by").order_by("-decided_on", "-id")[:limit]
    )


def decision_shares(community) -> dict:
    """How many decisions the group took and how many the facilitators (one query)."""
    counts = dict.fromkeys(TakenBy.values, 0)
    for taken_by in community.decisions.values_list("taken_by", flat=True):
        counts[taken_by] = counts.get(taken_by, 0) + 1
    total = sum(counts.values())
    return {
        "group": counts[TakenBy.GROUP],
        "facilitators": counts[TakenBy.FACILITATORS],
        "total": total,
        "group_share": round(100 * counts[TakenBy.GROUP] / total) if total else None,
    }


def agreements_of(community):
    """The working agreements, or None before anyone wrote them."""
    return WorkingAgreements.objects.filter(community=community).first()


def agreement_versions(community):
    return community.agreement_versions.select_related("author", "poll").order_by("-number")


def agreement_version(community, number: int):
    return (
        community.agreement_versions.select_related("author", "poll").filter(number=number).first()
    )
