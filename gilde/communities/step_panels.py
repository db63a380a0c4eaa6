"""Parts of a step's workspace that another app provides: the workspace belongs to one app (step
5's to decisions), but some of what it shows is another's (the ownership trend is computed from
the meetings' agendas).

A providing app registers `@step_panel(step=N, order=M)`: a function `(request, access, facts)`
returning a `StepPanel` (a template and its context, read there as `part`) or None. The workspace
asks `step_panels(step, request, access, facts)` and includes each one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from .access import CommunityAccess


@dataclass(frozen=True)
class StepPanel:
    template: str
    context: dict = field(default_factory=dict)


PanelFunction = Callable[[HttpRequest, CommunityAccess, dict], StepPanel | None]
_PANELS: dict[int, list[tuple[int, PanelFunction]]] = {}


def step_panel(*, step: int, order: int):
    def decorator(function: PanelFunction) -> PanelFunction:
        panels = _PANELS.setdefault(step, [])
        if all(registered is not function for _, registered in panels):
            panels.append((order, function))
            panels.sort(key=lambda pair: pair[0])
        return function

    return decorator


def step_panels(
    step: int, request: HttpRequest, access: CommunityAccess, facts: dict
) -> list[StepPanel]:
    found = (function(request, access, facts) for _, function in _PANELS.get(step, []))
    return [panel for panel in found if panel is not None]
