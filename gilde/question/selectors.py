"""Reads for step 1."""

from django.core.cache import cache
from django.db.models import Count

from gilde.communities.models import Community

from .diff import Piece, diff_words
from .models import SHEET_FIELDS, QuestionSheet, QuestionVersion, YieldLevel

# Versions never change, so the comparison of two of them is kept for a day.
VERSION_DIFF_SECONDS = 24 * 60 * 60


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


def version_diff(older: QuestionVersion, newer: QuestionVersion) -> list[tuple[str, list[Piece]]]:
    """(field name, pieces) for every sheet field, from `older` to `newer`; cached per pair."""
    # The creation times keep a key from outliving its versions, should an id ever come back.
    key = (
        f"question:version-diff:v1:{older.pk}:{older.created_at.timestamp()}"
        f":{newer.pk}:{newer.created_at.timestamp()}"
    )
    rows = cache.get(key)
    if rows is None:
        rows = [
            (name, diff_words(getattr(older, name), getattr(newer, name))) for name in SHEET_FIELDS
        ]
        cache.set(key, rows, VERSION_DIFF_SECONDS)
    return rows


def yields_by_level(community: Community) -> list[tuple[str, str, list]]:
    """(level, label, yields) for all four levels, in order, empty levels included."""
    grouped: dict[str, list] = {level: [] for level in YieldLevel.values}
    for item in community.intended_yields.all():
        grouped[item.level].append(item)
    return [(level, YieldLevel(level).label, grouped[level]) for level in YieldLevel.values]
