"""Reads for people and organisations.

The profile forms suggest organisations and industries. A suggestion must not show one CoP's
people to another, so the lists hold only what staff share with everybody (`Organisation.shared`,
`Industry`), what the person filled in themselves, and what comes from the CoPs the person
belongs to. Accounts know nothing of CoPs: the apps above register a source with
`register_suggestion_source`, a function `(user, kind)` that returns the values of that kind the
user may see.
"""

from collections.abc import Callable, Iterable

from .models import Industry, Organisation, User

KINDS = ("organisation", "industry")
LIMIT = 500

SuggestionSource = Callable[[User, str], Iterable[str]]
_SOURCES: list[SuggestionSource] = []


def register_suggestion_source(source: SuggestionSource) -> SuggestionSource:
    """Add a source of suggestions (once, however often it is registered)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def _own(user: User, kind: str) -> list[str]:
    if kind == "organisation":
        return [user.organisation.name] if user.organisation_id else []
    return [user.industry] if user.industry else []


def _shared(kind: str) -> Iterable[str]:
    if kind == "organisation":
        return Organisation.objects.filter(shared=True).values_list("name", flat=True)
    return Industry.objects.values_list("name", flat=True)


def suggestions_for(user: User, kind: str) -> list[str]:
    """The `kind` ("organisation" or "industry") values to suggest to `user`, sorted, one per
    spelling that differs in more than case."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of suggestion: {kind!r}")
    values: dict[str, str] = {}
    sources = [_shared(kind), _own(user, kind), *(source(user, kind) for source in _SOURCES)]
    for source in sources:
        for value in source:
            if value:
                values.setdefault(value.casefold(), value)
    return sorted(values.values(), key=str.casefold)[:LIMIT]
