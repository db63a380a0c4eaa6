"""Parts of a CoP's home page that other apps provide.

The home belongs to this app, but what it shows comes from above: the guide's step rail, and
later what each step app has to say. An app registers a section with `@home_section(order=N)`:
a function `(request, access)` that returns a `HomeSection` (a template and its context) or
`None` when it has nothing to show this viewer. Sections appear in the order of their number.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from .access import CommunityAccess


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: dict = field(default_factory=dict)


SectionFunction = Callable[[HttpRequest, CommunityAccess], HomeSection | None]
_SECTIONS: list[tuple[int, SectionFunction]] = []


def home_section(*, order: int):
    """Register a home-page section; `order` places it among the others (lower comes first)."""

    def decorator(function: SectionFunction) -> SectionFunction:
        if all(registered is not function for _, registered in _SECTIONS):
            _SECTIONS.append((order, function))
            _SECTIONS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def home_sections(request: HttpRequest, access: CommunityAccess) -> list[HomeSection]:
    """The sections this viewer sees on the CoP's home, in order."""
    sections = (function(request, access) for _, function in _SECTIONS)
    return [section for section in sections if section is not None]
