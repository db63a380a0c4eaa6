"""Diversity and composition figures for a group. Plain Python, no Django (see METHODS.md §6)."""

from collections import Counter
from collections.abc import Iterable


def blau(values: Iterable[str]) -> float:
    """Blau's index: the chance that two random members differ; blank values are left out."""
    counts = Counter(value for value in values if value)
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return 1.0 - sum((count / total) ** 2 for count in counts.values())


def blau_max(categories: int) -> float:
    """The highest Blau's index k categories allow: 1 − 1/k (0 for one category or none)."""
    return 0.0 if categories <= 1 else 1.0 - 1.0 / categories
