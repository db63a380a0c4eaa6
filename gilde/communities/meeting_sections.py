"""Parts of a meeting's pages that other apps provide.

Meetings own the meeting page, the agenda builder and the preparation page; other steps have
something to add to them: the roles taken and the polls linked to a meeting, the follow-up
actions of a monitoring cycle to tick off while preparing, the network question after a meeting,
the experiments due. An app registers a section with

    @meeting_section(page="preparation", order=N)
    def follow_up(request, access, meeting) -> MeetingSection | None: ...

where `page` is "preparation", "detail" or "agenda". The meeting templates render them with
`{% load meeting_sections %}{% meeting_sections "preparation" meeting as sections %}` and
include each `section.template` with the section's context as `part`.
The meetings themselves, as plain data, come from `gilde.communities.calendar`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from .access import CommunityAccess

PAGES = ("preparation", "detail", "agenda")


@dataclass(frozen=True)
class MeetingSection:
    template: str
    context: dict = field(default_factory=dict)


SectionFunction = Callable[[HttpRequest, CommunityAccess, object], MeetingSection | None]
_SECTIONS: dict[str, list[tuple[int, SectionFunction]]] = {page: [] for page in PAGES}


def meeting_section(*, page: str, order: int):
    """Register a section of the meeting `page` ("preparation", "detail" or "agenda")."""
    if page not in PAGES:
        raise ValueError(f"Unknown meeting page {page!r}")

    def decorator(function: SectionFunction) -> SectionFunction:
        sections = _SECTIONS[page]
        if all(registered.__qualname__ != function.__qualname__ for _, registered in sections):
            sections.append((order, function))
            sections.sort(key=lambda pair: pair[0])
        return function

    return decorator


def meeting_sections(
    page: str, request: HttpRequest, access: CommunityAccess, meeting
) -> list[MeetingSection]:
    """The sections this viewer sees on `meeting`'s `page`, in order."""
    found = (function(request, access, meeting) for _, function in _SECTIONS[page])
    return [section for section in found if section is not None]
