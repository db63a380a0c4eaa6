"""The "now" panel on a CoP's home: what this person has to do, and what is coming.

Every app says what it has for the viewer with `@now_provider(order=N)`: a function
`(request, access)` that returns a list of `NowItem`s (often empty). Keep each provider to one or
two queries, whatever the size of the CoP: the home has a query budget. The panel shows the items
most urgent first, in the providers' order within the same urgency.

A provider lives in the app that owns the data, in its `now.py`, and is imported from the app's
`AppConfig.ready()`; it asks `access` what the viewer may do and shows nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from .access import Action, CommunityAccess
from .home import HomeSection, home_section
from .selectors import pending_applications


class Urgency(IntEnum):
    COMING = 0  # good to know: the next meeting, what was shared
    TODO = 1  # something for this person to do
    DUE = 2  # to do with a deadline close by


@dataclass(frozen=True)
class NowItem:
    """One line of the panel. `kind` names what it is about (for styling and tests: "meeting",
    "evaluation", "applications", …); `when` is a moment or a day shown beside it; `action` is an
    optional small template rendered inline (RSVP buttons), with `action_context`."""

    kind: str
    title: str
    url: str = ""
    when: datetime | date | None = None
    detail: str = ""
    urgency: Urgency = Urgency.TODO
    action: str = ""
    action_context: dict = field(default_factory=dict)

    @property
    def when_has_time(self) -> bool:
        return isinstance(self.when, datetime)


NowProvider = Callable[[HttpRequest, CommunityAccess], list[NowItem]]
_PROVIDERS: list[tuple[int, NowProvider]] = []


def now_provider(*, order: int):
    """Register a provider of "now" items; `order` places its items among equally urgent ones."""

    def decorator(function: NowProvider) -> NowProvider:
        if all(registered is not function for _, registered in _PROVIDERS):
            _PROVIDERS.append((order, function))
            _PROVIDERS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def now_items(request: HttpRequest, access: CommunityAccess) -> list[NowItem]:
    """Every provider's items for this viewer, the most urgent first (stable within urgency)."""
    if not access.is_member:
        return []
    items = [item for _, provider in _PROVIDERS for item in provider(request, access)]
    return sorted(items, key=lambda item: -item.urgency)


@home_section(order=0)
def now_section(request, access) -> HomeSection | None:
    if not access.is_member:
        return None
    return HomeSection("communities/_home_now.html", {"items": now_items(request, access)})


@now_provider(order=20)
def applications_to_decide(request, access) -> list[NowItem]:
    """For those who decide on applications: how many wait. One query."""
    if not access.can(Action.DECIDE_APPLICATIONS):
        return []
    count = pending_applications(access.community).count()
    if not count:
        return []
    return [
        NowItem(
            kind="applications",
            title=ngettext(
                "Decide on %(count)s application", "Decide on %(count)s applications", count
            )
            % {"count": count},
            url=reverse("communities:members", kwargs={"slug": access.community.slug})
            + "#applications",
            urgency=Urgency.TODO,
        )
    ]
