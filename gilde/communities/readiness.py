"""Readiness signals: advice per step, computed from a CoP's data. They never block anything.

Each app registers the signals of its steps with `@readiness_signal(step=N)`; a signal is a function
`(community, facts)` that returns a `Signal` (met, not met or not applicable, with an explanation
and the id of the guide's tip behind it). `facts` is a dict shared by all signals of one evaluation,
so the signals of one step can fetch what they need in a single query and the step's workspace can
reuse it.

Each step app also tells whether the CoP has any data for its step, with
`@step_data(step=N)`: a function `(community, facts) -> bool`. A step's status follows from that,
its signals and the latest `StepMark` (the rules are in `step_status.py`): only a facilitator's
mark makes a step done; signals that are all met make it "ready", which is advice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy

from .models import Community, StepMark
from .step_status import SignalStatus, StepStatus, step_status

STEP_NUMBERS = range(1, 9)

STEP_STATUS_LABELS = {
    StepStatus.NOT_STARTED: gettext_lazy("Not started"),
    StepStatus.UNDER_WAY: gettext_lazy("Under way"),
    StepStatus.READY: gettext_lazy("Ready by the signals"),
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
DataFunction = Callable[[Community, dict], bool]
_REGISTRY: dict[int, list[SignalFunction]] = {number: [] for number in STEP_NUMBERS}
_DATA: dict[int, list[DataFunction]] = {number: [] for number in STEP_NUMBERS}


def readiness_signal(*, step: int):
    """Register a signal function for `step`."""

    def decorator(function: SignalFunction) -> SignalFunction:
        if function not in _REGISTRY[step]:
            _REGISTRY[step].append(function)
        return function

    return decorator


def step_data(*, step: int):
    """Register a function that tells whether a CoP has any data for `step`."""

    def decorator(function: DataFunction) -> DataFunction:
        if function not in _DATA[step]:
            _DATA[step].append(function)
        return function

    return decorator


def any_exists(*querysets) -> bool:
    """Whether any of the querysets has a row, in one query (for `@step_data` functions)."""
    condition = Q(Exists(querysets[0]))
    for queryset in querysets[1:]:
        condition |= Q(Exists(queryset))
    return Community.objects.filter(condition).exists()


def step_has_data(community: Community, step: int, facts: dict | None = None) -> bool:
    facts = {} if facts is None else facts
    return any(function(community, facts) for function in _DATA[step])


def step_signals(community: Community, step: int, facts: dict | None = None) -> list[Signal]:
    facts = {} if facts is None else facts
    return [function(community, facts) for function in _REGISTRY[step]]


def derive_status(
    signals: list[Signal], mark: StepMark | None, *, has_data: bool | Callable[[], bool] = False
) -> StepStatus:
    """See `step_status.step_status`: marked done → done; otherwise from the data and signals.

    `has_data` may be a function: it is asked only when the signals and the mark leave the
    answer open (no signal met, never marked), which saves the rail its queries."""
    if callable(has_data):
        undecided = mark is None and all(signal.status != SignalStatus.MET for signal in signals)
        has_data = has_data() if undecided else False
    return step_status(
        has_data=has_data,
        signals=[signal.status for signal in signals],
        marked_done=None if mark is None else mark.done,
    )


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
    facts = {} if facts is None else facts
    mark = (
        community.step_marks.filter(step=number)
        .select_related("marked_by")
        .order_by("-marked_at", "-pk")
        .first()
    )
    signals = step_signals(community, number, facts)
    status = derive_status(signals, mark, has_data=lambda: step_has_data(community, number, facts))
    return StepState(number, status, signals, mark)


def step_states(community: Community, facts: dict | None = None) -> list[StepState]:
    """The status of all eight steps, with their signals and the latest manual mark.

    Pass a `facts` dict to reuse what the signals fetched (a step's workspace can read it)."""
    # The latest mark of each step wins; the earlier ones are its history.
    marks = {
        mark.step: mark
        for mark in community.step_marks.select_related("marked_by").order_by("marked_at", "pk")
    }
    facts = {} if facts is None else facts
    states = []
    for number in STEP_NUMBERS:
        signals = step_signals(community, number, facts)
        mark = marks.get(number)
        status = derive_status(
            signals, mark, has_data=partial(step_has_data, community, number, facts)
        )
        states.append(StepState(number, status, signals, mark))
    return states
