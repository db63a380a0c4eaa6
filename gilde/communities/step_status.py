"""A step's status in a CoP, from what is known about it: pure, no Django.

Four states, one meaning on every step and every page:

- *not started*: the CoP has no data for the step yet, and no signal is met;
- *under way*: there is data for the step, or some of its signals are met;
- *ready*: every signal that applies is met. This is advice, never a verdict;
- *done*: a facilitator marked the step done. Only a person makes a step done.

A reopened step is no longer done, and counts as under way at the least: it has been worked on.
"""

from collections.abc import Iterable
from enum import StrEnum


class SignalStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    READY = "ready"
    DONE = "done"


def step_status(
    *, has_data: bool, signals: Iterable[str], marked_done: bool | None = None
) -> StepStatus:
    """The status of one step.

    `signals` are the statuses of its readiness signals; `marked_done` is the latest mark: True
    (done), False (reopened) or None (never marked)."""
    if marked_done:
        return StepStatus.DONE
    applicable = [status for status in signals if status != SignalStatus.NOT_APPLICABLE]
    met = sum(1 for status in applicable if status == SignalStatus.MET)
    if applicable and met == len(applicable):
        return StepStatus.READY
    if has_data or met or marked_done is False:
        return StepStatus.UNDER_WAY
    return StepStatus.NOT_STARTED
