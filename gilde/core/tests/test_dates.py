from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from gilde.core.dates import add_months


def test_month_end_is_clamped():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 9, 1), 18) == date(2028, 3, 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 120))
def test_adding_months_moves_the_month_and_keeps_the_day_when_it_can(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or result.day < start.day
