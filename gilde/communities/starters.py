"""Starting points for a new CoP, chosen on the "start a CoP" form: an empty CoP, or one filled
with the demo's structure (example yields per level, the evaluation's questions, a typical first
meeting's agenda as a template), so nobody starts from a blank page. Everything it fills is an
example to change.

Communities know no step app: each app registers what it fills for a starter with
`@starter_filler("example")`, a function `(community, actor)` that writes through the app's own
services. Fillers run in the transaction that creates the CoP, in the creator's language.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Community


@dataclass(frozen=True)
class Starter:
    key: str
    label: Promise | str
    description: Promise | str


EMPTY = "empty"
EXAMPLE = "example"

STARTERS = [
    Starter(EMPTY, _("Empty"), _("Start from a blank CoP and fill in every step yourself.")),
    Starter(
        EXAMPLE,
        _("With examples to change"),
        _(
            "Start with example yields for each level, the evaluation's questions and a typical "
            "agenda for the first meeting, to adapt to your CoP."
        ),
    ),
]

Filler = Callable[[Community, object], None]
_FILLERS: dict[str, list[Filler]] = {}


def starter_filler(key: str):
    """Register a function that fills a new CoP for the starter `key`."""

    def decorator(function: Filler) -> Filler:
        fillers = _FILLERS.setdefault(key, [])
        if function not in fillers:
            fillers.append(function)
        return function

    return decorator


def starter_choices() -> list[tuple[str, str]]:
    return [(starter.key, str(starter.label)) for starter in STARTERS]


def starter_apply(*, community: Community, actor, key: str) -> None:
    """Fill `community` as the starter `key` says; call it inside the creating transaction."""
    for filler in _FILLERS.get(key, []):
        filler(community, actor)
