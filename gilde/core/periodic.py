"""Tasks the worker queues every few minutes, registered by the apps that own them.

`gilde worker` runs a clock (gilde/meetings/management/commands/worker.py) that enqueues every
task registered here; each must be idempotent, because several workers may each run a clock.
"""

_TASKS: list = []


def register_periodic_task(task) -> None:
    if task not in _TASKS:
        _TASKS.append(task)


def periodic_tasks() -> list:
    return list(_TASKS)
