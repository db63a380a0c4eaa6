"""Readiness signals: advice per step, computed from a CoP's data. They never block anything.

Each app registers the signals of its steps with `@readiness_signal(step=N)`; a signal is a function
`(community, facts)` that returns a `Signal` (met, not met or not applicable, with an explanation
and the id of the guide's tip behind it). `facts` is a dict shared by all signals of one evaluation,
so the signals of one step can fetch what they need in a single query and the step's workspace can
reuse it. A step's status derives from its signals, unless a facilitator marked it done or
reopened it (see `StepMark`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy

from .models import Community, StepMark

STEP_NUMBERS = range(1, 9)


class SignalStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    DONE = "done"


STEP_STATUS_LABELS = {
    StepStatus.NOT_STARTED: gettext_lazy("Not started"),
    StepStatus.UNDER_WAY: gettext_lazy("Under way"),
    StepStatus.DONE: gettext_lazy("Done"),
}


@dataclass(frozen=True)
class Signal:
    key: str
    title: str
    status: SignalStatus
    explanation: str
    tip_id: str = ""


SignalFunction = Callable[[Community, dict], Signal]
_REGISTRY: dict[int, list[SignalFunction]] = {number: [] for number in STEP_NUMBERS}


def readiness_signal(*, step: int):
    """Register a signal function for `step`."""

    def decorator(function: SignalFunction) -> SignalFunction:
        if function not in _REGISTRY[step]:
            _REGISTRY[step].append(function)
        return function

    return decorator


def step_signals(community: Community, step: int, facts: dict | None = None) -> list[Signal]:
    facts = {} if facts is None else facts
    return [function(community, facts) for function in _REGISTRY[step]]


def derive_status(signals: list[Signal], mark: StepMark | None) -> StepStatus:
    """Marked done → done; reopened → under way; otherwise from the signals that apply."""
    if mark is not None:
        return StepStatus.DONE if mark.done else StepStatus.UNDER_WAY
    applicable = [s for s in signals if s.status != SignalStatus.NOT_APPLICABLE]
    met = [s for s in applicable if s.status == SignalStatus.MET]
    if applicable and len(met) == len(applicable):
        return StepStatus.DONE
    return StepStatus.UNDER_WAY if met else StepStatus.NOT_STARTED


@dataclass(frozen=True)
class StepState:
    number: int
    status: StepStatus
    signals: list[Signal]
    mark: StepMark | None

    @property
    def status_label(self) -> str:
        return str(STEP_STATUS_LABELS[self.status])


def step_state(community: Community, number: int, facts: dict | None = None) -> StepState:
    """One step's status, signals and latest mark, computed afresh (for the step's own page)."""
    mark = community.step_marks.filter(step=number).select_related("marked_by").first()
    signals = step_signals(community, number, facts)
    return StepState(number, derive_status(signals, mark), signals, mark)


def step_states(community: Community, facts: dict | None = None) -> list[StepState]:
    """The status of all eight steps, with their signals and the latest manual mark.

    Pass a `facts` dict to reuse what the signals fetched (a step's workspace can read it)."""
    marks = {mark.step: mark for mark in community.step_marks.select_related("marked_by")}
    facts = {} if facts is None else facts
    states = []
    for number in STEP_NUMBERS:
        signals = step_signals(community, number, facts)
        mark = marks.get(number)
        states.append(StepState(number, derive_status(signals, mark), signals, mark))
    return states
