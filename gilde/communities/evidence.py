"""Evidence for a monitoring cycle: what each app can say about one period of a CoP.

Step 6 sets what the CoP did against what it set out to achieve. The monitoring app owns the
cycle, but the evidence comes from every app: meetings (attendance, the evaluation trend, who led
the agenda), step 1 (the intended yields to set the evidence beside), decisions, the learning
record, the social map, and so on. Each app registers a provider in its `AppConfig.ready()`:

    @evidence_provider(key="meetings", order=20, label=_("Meetings"))
    def meeting_evidence(community, period) -> list[EvidenceItem]: ...

A provider returns aggregates only (counts, shares, averages), never a person's content, and
applies its own thresholds: an aggregate below its threshold is given with `value=None` and a
`note` that says why. Providers that have nothing for the period return an empty list.

Places left for apps still to come (they register their own providers, nothing here changes):
decisions per period (step 5), experiments planned and reported and learning-record activity as
counts (step 7).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise

from .models import Community


@dataclass(frozen=True)
class Period:
    """A stretch of a CoP's time: from `start` up to (not including) `end`, both aware."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class EvidenceItem:
    """One line of evidence. `value` is a number or a short text; None when it is not shown
    (too few answers, say), with `note` telling why. `level` ties it to one of step 1's yield
    levels (participant, organisation, field, initiator) where it speaks to one. `ambition`
    marks what the CoP set out to achieve rather than what happened."""

    label: str
    value: float | int | str | None
    unit: str = ""
    note: str = ""
    level: str = ""
    ambition: bool = False


@dataclass(frozen=True)
class EvidenceGroup:
    key: str
    label: str
    items: list = field(default_factory=list)


Provider = Callable[[Community, Period], list[EvidenceItem]]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    label: Promise | str
    function: Provider


_PROVIDERS: dict[str, _Registered] = {}


def evidence_provider(*, key: str, order: int, label: Promise | str):
    """Register `(community, period) -> list[EvidenceItem]` under `key`; `order` places its
    group among the others (lower first), `label` heads it."""

    def decorator(function: Provider) -> Provider:
        registered = _PROVIDERS.get(key)
        if registered is not None and registered.function.__qualname__ != function.__qualname__:
            raise ValueError(f"Evidence provider {key!r} is registered twice")
        _PROVIDERS[key] = _Registered(key, order, label, function)
        return function

    return decorator


def evidence_provider_keys() -> list[str]:
    return [entry.key for entry in sorted(_PROVIDERS.values(), key=lambda e: (e.order, e.key))]


def evidence_for(
    community: Community, period: Period, *, keys: Sequence[str] | None = None
) -> list[EvidenceGroup]:
    """Every provider's evidence for the period (or only those named in `keys`), in order;
    groups without items are left out."""
    groups = []
    for entry in sorted(_PROVIDERS.values(), key=lambda e: (e.order, e.key)):
        if keys is not None and entry.key not in keys:
            continue
        items = entry.function(community, period)
        if items:
            groups.append(EvidenceGroup(entry.key, str(entry.label), list(items)))
    return groups
