"""The four step states, one meaning on every step (step_status.py is pure: no database)."""

from hypothesis import given
from hypothesis import strategies as st

from gilde.communities.step_status import SignalStatus, StepStatus, step_status

MET, NOT_MET, NA = SignalStatus.MET, SignalStatus.NOT_MET, SignalStatus.NOT_APPLICABLE


def test_no_data_and_no_signal_met_is_not_started():
    assert step_status(has_data=False, signals=[]) == StepStatus.NOT_STARTED
    assert step_status(has_data=False, signals=[NOT_MET, NA]) == StepStatus.NOT_STARTED


def test_data_without_signals_met_is_under_way():
    assert step_status(has_data=True, signals=[NOT_MET, NOT_MET]) == StepStatus.UNDER_WAY
    assert step_status(has_data=True, signals=[]) == StepStatus.UNDER_WAY


def test_some_signals_met_is_under_way_even_without_data():
    assert step_status(has_data=False, signals=[MET, NOT_MET]) == StepStatus.UNDER_WAY


def test_all_applicable_signals_met_is_ready_not_done():
    assert step_status(has_data=True, signals=[MET, NA, MET]) == StepStatus.READY
    assert step_status(has_data=False, signals=[MET]) == StepStatus.READY


def test_signals_that_do_not_apply_never_make_a_step_ready():
    assert step_status(has_data=True, signals=[NA, NA]) == StepStatus.UNDER_WAY


def test_only_a_mark_makes_a_step_done():
    assert step_status(has_data=False, signals=[NOT_MET], marked_done=True) == StepStatus.DONE


def test_a_reopened_step_is_under_way_at_least():
    assert step_status(has_data=False, signals=[], marked_done=False) == StepStatus.UNDER_WAY
    assert step_status(has_data=True, signals=[MET], marked_done=False) == StepStatus.READY


@given(
    has_data=st.booleans(),
    signals=st.lists(st.sampled_from(list(SignalStatus)), max_size=6),
    marked_done=st.sampled_from([None, True, False]),
)
def test_done_exactly_when_marked_done(has_data, signals, marked_done):
    status = step_status(has_data=has_data, signals=signals, marked_done=marked_done)
    assert (status == StepStatus.DONE) == (marked_done is True)
    if status == StepStatus.NOT_STARTED:
        assert not has_data and MET not in signals and marked_done is None
