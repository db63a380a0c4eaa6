"""What a CoP can do with a work form from its library page, offered by the apps above: meetings
puts it on a coming meeting's agenda. An app registers a function `(access, work_form)` that
returns `(label, url)` or None (the viewer may not, or it does not apply)."""

from collections.abc import Callable

WorkFormAction = Callable[[object, object], tuple[str, str] | None]
_ACTIONS: list[WorkFormAction] = []


def register_work_form_action(function: WorkFormAction) -> WorkFormAction:
    if function not in _ACTIONS:
        _ACTIONS.append(function)
    return function


def work_form_actions(access, work_form) -> list[tuple[str, str]]:
    if access is None or not access.is_member:
        return []
    found = (function(access, work_form) for function in _ACTIONS)
    return [action for action in found if action is not None]
