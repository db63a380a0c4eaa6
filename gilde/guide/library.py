"""Filtering the work-form library. Plain Python: works on content.WorkForm values."""

from collections.abc import Iterable
from dataclasses import dataclass

from .content import WorkForm


@dataclass(frozen=True)
class Filters:
    query: str = ""
    purpose: str = ""
    stage: str = ""
    tgi: str = ""
    step: int | None = None
    minutes: int | None = None  # fits in this many minutes
    group_size: int | None = None  # works for a group this large
    side: str = ""  # rational, physical, creative or intuitive

    @property
    def active(self) -> bool:
        return any(value not in ("", None) for value in self.__dict__.values())


def filter_work_forms(forms: Iterable[WorkForm], filters: Filters) -> list[WorkForm]:
    """The forms that pass every filter that is set; the query matches all its words."""
    words = filters.query.lower().split()
    return [
        form
        for form in forms
        if all(word in form.search_text for word in words)
        and (not filters.purpose or filters.purpose in form.purposes)
        and (not filters.stage or filters.stage in form.stages)
        and (not filters.tgi or filters.tgi in form.tgi)
        and (not filters.side or filters.side in form.sides)
        and (filters.step is None or filters.step in form.steps)
        and (filters.minutes is None or form.min_minutes <= filters.minutes)
        and (filters.group_size is None or form.min_group <= filters.group_size <= form.max_group)
    ]
