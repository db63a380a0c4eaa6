"""Parts of a meeting's page that other apps provide (same shape as `preparation.py`).

An app registers `@meeting_section(order=N)` on a function `(request, access, meeting) ->
HomeSection | None`; meetings' page renders the sections in order after its own.
"""

from collections.abc import Callable

from django.http import HttpRequest

from .access import CommunityAccess
from .home import HomeSection

MeetingSectionFunction = Callable[[HttpRequest, CommunityAccess, object], HomeSection | None]
_SECTIONS: list[tuple[int, MeetingSectionFunction]] = []


def meeting_section(*, order: int):
    """Register a section of the meeting page; lower `order` comes first."""

    def decorator(function: MeetingSectionFunction) -> MeetingSectionFunction:
        if all(registered is not function for _, registered in _SECTIONS):
            _SECTIONS.append((order, function))
            _SECTIONS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def meeting_sections(request: HttpRequest, access: CommunityAccess, meeting) -> list:
    sections = (function(request, access, meeting) for _, function in _SECTIONS)
    return [section for section in sections if section is not None]
