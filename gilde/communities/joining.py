"""What other apps do when someone joins a CoP.

Communities knows nothing of the apps above it, yet joining matters to them: the candidate
pipeline (step 2) moves a candidate to "member" and carries what was noted about them into their
profile. An app registers a function `(membership) -> None` with `@on_member_joined` in its
`AppConfig.ready()`; every service that creates a membership (accepting an invitation, joining an
open CoP, an approved application) calls `member_joined` inside its transaction, so what the
hooks write is saved together with the membership, or not at all.
"""

from collections.abc import Callable

from .models import Membership

JoinHook = Callable[[Membership], None]
_HOOKS: list[JoinHook] = []


def on_member_joined(function: JoinHook) -> JoinHook:
    """Register `function` to run whenever someone joins a CoP."""
    if function not in _HOOKS:
        _HOOKS.append(function)
    return function


def member_joined(membership: Membership) -> None:
    """Tell every registered app that `membership` was just created."""
    for hook in _HOOKS:
        hook(membership)
