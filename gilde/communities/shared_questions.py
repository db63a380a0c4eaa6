"""Learning questions members chose to share with the group, for pages that keep them in view.

Each person's learning record belongs to the learning app (step 7), which decides what is shared
with whom. Other apps (the step-5 workspace, a meeting's preparation page) only show what it
returns: it registers a provider with `register_shared_questions`, a function `(access)` that
returns the `SharedQuestion`s this viewer may read in the CoP. Until it does, there are none.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .access import CommunityAccess
from .models import Membership


@dataclass(frozen=True)
class SharedQuestion:
    membership: Membership  # whose question; shown through `shown_to`
    text: str
    updated_on: date | None = None


Provider = Callable[[CommunityAccess], list[SharedQuestion]]
_PROVIDERS: list[Provider] = []


def register_shared_questions(provider: Provider) -> None:
    if all(registered is not provider for registered in _PROVIDERS):
        _PROVIDERS.append(provider)


def shared_questions_for(access: CommunityAccess) -> list[SharedQuestion]:
    """The learning questions shared with the group that this viewer may read; none for people
    who are not members."""
    if not access.is_member:
        return []
    return [question for provider in _PROVIDERS for question in provider(access)]
