"""Parts of a meeting's pages that other apps provide (roles taken at the meeting, the group's
learning questions on the preparation page, decisions taken there).

The pages belong to the meetings app, which renders `{% meeting_sections meeting "detail" %}`
(`{% load meeting_sections %}`); what they show comes from the apps that register a section with
`@meeting_section(order=N)`: a function `(request, access, meeting_id, page)` that returns a
`MeetingSection` (a template and its context, which the template reads as `part`) or None.
`page` is "detail" (the meeting page), "agenda" (the agenda builder) or "prepare" (the
preparation page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from .access import CommunityAccess

PAGES = ("detail", "agenda", "prepare")


@dataclass(frozen=True)
class MeetingSection:
    template: str
    context: dict = field(default_factory=dict)


SectionFunction = Callable[[HttpRequest, CommunityAccess, int, str], MeetingSection | None]
_SECTIONS: list[tuple[int, SectionFunction]] = []


def meeting_section(*, order: int):
    """Register a section of the meeting pages; lower `order` comes first."""

    def decorator(function: SectionFunction) -> SectionFunction:
        if all(registered is not function for _, registered in _SECTIONS):
            _SECTIONS.append((order, function))
            _SECTIONS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def meeting_sections(
    request: HttpRequest, access: CommunityAccess, meeting_id: int, page: str
) -> list[MeetingSection]:
    if page not in PAGES:
        raise ValueError(f"Unknown meeting page {page!r}")
    found = (function(request, access, meeting_id, page) for _, function in _SECTIONS)
    return [section for section in found if section is not None]
