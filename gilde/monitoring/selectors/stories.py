"""Reads for value-creation stories. `value_stories_visible_to` is the one place that applies
the sharing tiers: the author always; facilitators what is shared with them; every member what
is shared with the group or public. Facilitators never see a private story, nor does anyone else.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from gilde.communities.models import Role

from ..models import (
    APPLIED_OR_BEYOND,
    EXTRA_CYCLES,
    MAIN_CYCLES,
    SharingTier,
    ValueCycle,
    ValueStory,
    ValueStoryPart,
)


def value_stories_visible_to(*, access) -> QuerySet[ValueStory]:
    """The stories of the viewer's CoP the viewer may read, newest first."""
    stories = access.community.value_stories.all()
    membership = access.membership
    if membership is None:
        return stories.none()
    shared = Q(tier__in=[SharingTier.GROUP, SharingTier.PUBLIC])
    if membership.role == Role.FACILITATOR:
        shared |= Q(tier=SharingTier.FACILITATORS)
    return (
        stories.filter(shared | Q(author=membership))
        .select_related("author__user")
        .prefetch_related(Prefetch("parts", queryset=ValueStoryPart.objects.order_by("pk")))
        .order_by("-told_on", "-pk")
    )


def value_story_or_none(*, access, pk: int) -> ValueStory | None:
    return value_stories_visible_to(access=access).filter(pk=pk).first()


CYCLE_ORDER = {cycle: n for n, cycle in enumerate(MAIN_CYCLES + EXTRA_CYCLES)}


def story_parts(story: ValueStory) -> list[ValueStoryPart]:
    return sorted(story.parts.all(), key=lambda part: CYCLE_ORDER[part.cycle])


@dataclass
class MatrixRow:
    story: ValueStory
    cycles: set
    stuck: bool  # reaches potential value but not applied value or beyond


@dataclass
class Matrix:
    cycles: list  # (cycle, label)
    rows: list
    totals: list  # stories per cycle, in the order of `cycles`
    stuck: int

    @property
    def column_totals(self) -> list:
        return [(c, label, t) for (c, label), t in zip(self.cycles, self.totals, strict=True)]


def value_matrix(stories) -> Matrix:
    """Stories as rows, cycles as columns (the five, then the extra ones some story uses)."""
    rows = []
    for story in stories:
        cycles = {part.cycle for part in story.parts.all()}
        stuck = ValueCycle.POTENTIAL in cycles and not cycles & APPLIED_OR_BEYOND
        rows.append(MatrixRow(story, cycles, stuck))
    used_extra = [c for c in EXTRA_CYCLES if any(c in row.cycles for row in rows)]
    columns = [(cycle, ValueCycle(cycle).label) for cycle in MAIN_CYCLES + used_extra]
    totals = [sum(1 for row in rows if cycle in row.cycles) for cycle, _label in columns]
    return Matrix(columns, rows, totals, sum(1 for row in rows if row.stuck))


def value_story_counts(community, *, start=None, end=None) -> dict[str, int]:
    """Stories shared beyond their author reaching each cycle (counts only, for the evidence
    and the signals), told within [start, end) when given."""
    stories = community.value_stories.exclude(tier=SharingTier.PRIVATE)
    if start is not None:
        stories = stories.filter(told_on__gte=start)
    if end is not None:
        stories = stories.filter(told_on__lt=end)
    counts = dict.fromkeys(ValueCycle.values, 0)
    for cycle in ValueStoryPart.objects.filter(story__in=stories).values_list("cycle", flat=True):
        counts[cycle] += 1
    counts["stories"] = stories.count()
    return counts
