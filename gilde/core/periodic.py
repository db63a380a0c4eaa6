"""Periodic background work: tasks that `gilde worker`'s clock queues every ten minutes.

An app registers its idempotent periodic task (a django-tasks `Task`) from its
`AppConfig.ready()` with `register_periodic_task`; the worker's clock queues each registered task
on every tick. Each task must be safe to run twice or at once in two workers (keys, conditional
updates), because several workers each run a clock.
"""

_TASKS: list = []


def register_periodic_task(task) -> None:
    """Queue `task` (without arguments) on every tick of the worker's clock."""
    if all(registered is not task for registered in _TASKS):
        _TASKS.append(task)


def periodic_tasks() -> list:
    return list(_TASKS)
