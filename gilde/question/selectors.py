"""Reads for step 1."""

from django.db.models import Count

from gilde.communities.models import Community
from gilde.core.versioning import field_labels

from .models import (
    SHEET_FIELDS,
    CommentRequest,
    PartyAnalysis,
    QuestionSheet,
    QuestionVersion,
    YieldLevel,
)


def sheet_labels() -> dict[str, str]:
    """The sheet's fields with their labels, in the order they are shown and compared."""
    return field_labels(QuestionSheet, SHEET_FIELDS)


def sheet_or_empty(community: Community) -> QuestionSheet:
    """The saved sheet, or an unsaved empty one (reading never writes)."""
    return QuestionSheet.objects.filter(community=community).first() or QuestionSheet(
        community=community
    )


def versions_with_counts(community: Community):
    return (
        community.question_versions.select_related("author")
        .annotate(comment_count=Count("comments"))
        .order_by("-number")
    )


def version_or_none(community: Community, number: int) -> QuestionVersion | None:
    return community.question_versions.select_related("author").filter(number=number).first()


def yields_by_level(community: Community) -> list[tuple[str, str, list]]:
    """(level, label, yields) for all four levels, in order, empty levels included."""
    grouped: dict[str, list] = {level: [] for level in YieldLevel.values}
    for item in community.intended_yields.all():
        grouped[item.level].append(item)
    return [(level, YieldLevel(level).label, grouped[level]) for level in YieldLevel.values]


def current_version(community: Community) -> QuestionVersion | None:
    """The question as it stands: its latest saved version, or None before the first save."""
    return community.question_versions.order_by("-number").first()


def comment_requests_open_for(membership) -> list:
    """The requests for comments on the question that `membership` has not answered yet, newest
    first, with who asked. One query."""
    return list(
        CommentRequest.objects.filter(
            community_id=membership.community_id, membership=membership, answered_at__isnull=True
        ).select_related("requested_by", "version")
    )


def party_analysis_rows(community: Community) -> list[tuple]:
    """(stakeholder, analysis) for every party of the stakeholder grid, in the grid's order; an
    unsaved empty analysis for a party nobody analysed yet (one query)."""
    parties = community.stakeholders.select_related("analysis")
    rows = []
    for party in parties:
        try:
            row = party.analysis
        except PartyAnalysis.DoesNotExist:
            row = PartyAnalysis(stakeholder=party)
        rows.append((party, row))
    return rows
