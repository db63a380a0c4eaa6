"""Parts of a meeting's preparation page that other apps provide.

The preparation page belongs to meetings; apps above the communities layer add to it without
meetings knowing them. An app registers `@preparation_section(order=N)` on a function
`(request, access, meeting) -> HomeSection | None`; meetings' page renders the sections in order.
"""

from collections.abc import Callable

from django.http import HttpRequest

from .access import CommunityAccess
from .home import HomeSection

PreparationFunction = Callable[[HttpRequest, CommunityAccess, object], HomeSection | None]
_SECTIONS: list[tuple[int, PreparationFunction]] = []


def preparation_section(*, order: int):
    """Register a section of the preparation page; lower `order` comes first."""

    def decorator(function: PreparationFunction) -> PreparationFunction:
        if all(registered is not function for _, registered in _SECTIONS):
            _SECTIONS.append((order, function))
            _SECTIONS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def preparation_sections(request: HttpRequest, access: CommunityAccess, meeting) -> list:
    sections = (function(request, access, meeting) for _, function in _SECTIONS)
    return [section for section in sections if section is not None]
