"""Step workspaces: an app that does a step's work registers the part of the step page it shows.

A workspace is a template and a function `(request, access, facts) -> dict` giving its context;
`facts` holds what the step's readiness signals already fetched (see communities.readiness).
Steps without one show the guidance and the readiness signals only.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Workspace:
    template: str
    context: Callable


_WORKSPACES: dict[int, Workspace] = {}


def register_workspace(*, step: int, template: str):
    def decorator(context: Callable) -> Callable:
        _WORKSPACES[step] = Workspace(template, context)
        return context

    return decorator


def workspace_for(step: int) -> Workspace | None:
    return _WORKSPACES.get(step)
