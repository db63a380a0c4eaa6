"""What each app holds about a person, how to hand it to them, and how to erase it.

The core knows no domain: each app declares its own part in `<app>/personal_data.py`, imported
from its `AppConfig.ready()`, with `register_personal_data`:

    register_personal_data(
        app="meetings",
        title=_("Meetings"),             # the heading of the app's part in "Download my data"
        models=["meetings.Attendance", "meetings.NotificationPreference", ...],
        export=lambda user: {...},      # JSON-able: what the app holds about `user`
        erase=erase_meetings,           # (user) -> None
        blockers=lambda user: [...],    # optional: reasons the account cannot be erased yet
    )

The contract:
- `models` lists (as "app_label.Model") every model of the app with a path to the person: a
  foreign key or one-to-one to the user or to a membership, or to a model that has one. A test
  (`gilde/core/tests/test_personal_data.py`) walks every installed model and fails when one with
  such a path is listed by no app, so a new app cannot forget its part.
- `export(user)` returns what the app holds about the person in every CoP, as plain JSON types
  (str, int, float, bool, None, lists, dicts with str keys). Dates as ISO strings. It is read by
  the worker that builds "Download my data" and must not show what the person may not see
  (another member's private note about them stays out; anonymous evaluation answers were never
  linked and so cannot be found).
- `erase(user)` removes the person's private items and personal data from the app's tables and
  leaves what the group relies on (an agenda item they led, a version of the question they wrote)
  in place; the account itself becomes a "former member" (accounts does that, last). Erasers run
  in one transaction, in the reverse order of registration (the apps above first), so an app can
  still read the memberships while it erases.
- `blockers(user)` returns sentences (translated, for the person) that say why the account cannot
  be erased yet, e.g. "you are the last initiator of X: hand over first". Erasure refuses while
  any app has one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]
Blockers = Callable[[Any], list[str]]


@dataclass(frozen=True)
class PersonalData:
    app: str
    title: object
    models: tuple[str, ...]
    export: Exporter
    erase: Eraser
    blockers: Blockers | None = None
    # Models that point at a person but hold nothing to hand over or erase (a counter keyed by a
    # hash): listed here so the coverage test knows they were considered.
    considered: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, PersonalData] = {}


def register_personal_data(
    *,
    app: str,
    title: object = "",
    models: Iterable[str],
    export: Exporter,
    erase: Eraser,
    blockers: Blockers | None = None,
    considered: Iterable[str] = (),
) -> None:
    """Declare an app's part (see the module's docstring). Registering again replaces it."""
    _REGISTRY[app] = PersonalData(
        app, title or app, tuple(models), export, erase, blockers, tuple(considered)
    )


def personal_data_parts() -> list[PersonalData]:
    """The registered parts, in the order the apps registered them (lowest layer first)."""
    return list(_REGISTRY.values())


def personal_data_covered_models() -> set[str]:
    """Every model label some app declared (or considered)."""
    return {label for part in _REGISTRY.values() for label in (*part.models, *part.considered)}


def personal_data_collect(user) -> dict:
    """Everything every app holds about `user`, per app."""
    return {part.app: part.export(user) for part in _REGISTRY.values()}


def personal_data_titles() -> dict[str, str]:
    """The heading of each app's part, in the active language."""
    return {part.app: str(part.title) for part in _REGISTRY.values()}


def personal_data_blockers(user) -> list[str]:
    """Why `user`'s account cannot be erased yet; empty when it can."""
    reasons: list[str] = []
    for part in _REGISTRY.values():
        if part.blockers is not None:
            reasons.extend(part.blockers(user))
    return reasons


def personal_data_erase_all(user) -> list[str]:
    """Run every app's eraser, the apps above first; returns the apps that erased. Call inside a
    transaction (`gilde.accounts.services.account_erase` does, after checking the blockers)."""
    done = []
    for part in reversed(list(_REGISTRY.values())):
        part.erase(user)
        done.append(part.app)
    return done
