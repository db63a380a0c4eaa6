from datetime import date, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gilde.meetings.scheduling import (
    AMBIGUOUS,
    AMSTERDAM,
    NONEXISTENT,
    PlannedDate,
    days_to_avoid,
    local_datetime,
    local_time_problem,
    numbered_title,
    plan,
)

PUBLIC = days_to_avoid(years=range(2024, 2032))
# Wide enough for 100 meetings 26 weeks apart from any first date the properties draw.
PUBLIC_WIDE = days_to_avoid(years=range(2024, 2082))


def test_first_date_moves_to_the_chosen_weekday():
    # Thursday 1 January 2026 is New Year's Day; Tuesday 6 January is the first Tuesday after.
    result = plan(date(2026, 1, 1), 6, 2, None, 1, PUBLIC)
    assert [p.date for p in result] == [date(2026, 1, 6), date(2026, 2, 17)]
    assert not any(p.moved for p in result)


def test_a_public_holiday_moves_to_the_next_day_of_the_same_week():
    # Monday 6 April 2026 is Tweede paasdag.
    nl = days_to_avoid(years=[2026], language="nl")
    result = plan(date(2026, 4, 6), 6, 1, None, 0, nl)
    assert result == [PlannedDate(date(2026, 4, 7), date(2026, 4, 6), "Tweede paasdag")]


def test_a_friday_holiday_moves_back_within_the_week():
    # Good Friday 3 April 2026: no later weekday in that week, so Thursday.
    result = plan(date(2026, 3, 30), 6, 1, None, 4, PUBLIC)
    assert result[0].date == date(2026, 4, 2)
    assert result[0].moved_from == date(2026, 4, 3)


def test_a_holiday_on_the_first_date_never_moves_before_it():
    result = plan(date(2026, 4, 3), 6, 1, None, 4, PUBLIC)
    assert result[0].date == date(2026, 4, 7)  # Monday 6 April is Tweede paasdag


def test_a_blocked_week_moves_to_the_following_week():
    blocked = {date(2026, 3, 2) + timedelta(days=d): "Blocked" for d in range(5)}
    result = plan(date(2026, 3, 4), 6, 1, None, 2, blocked)
    assert result[0].date == date(2026, 3, 9)  # Monday of the following week
    assert result[0].reason == "Blocked"


def test_a_plain_set_of_holidays_gives_a_generic_reason():
    result = plan(date(2026, 3, 4), 6, 1, None, 2, {date(2026, 3, 4)})
    assert result[0] == PlannedDate(date(2026, 3, 5), date(2026, 3, 4), "holiday")


def test_school_holidays_of_the_chosen_region_are_avoided():
    # Summer 2026: Midden has school holidays from 18 July to 30 August.
    midden = days_to_avoid(years=[2026], region="Midden")
    noord = days_to_avoid(years=[2026], region="Noord")
    assert date(2026, 8, 4) in midden and date(2026, 8, 4) in noord
    assert date(2026, 8, 25) in midden and date(2026, 8, 25) not in noord
    result = plan(date(2026, 6, 30), 4, 4, None, 1, midden)
    assert all(p.date not in midden for p in result)
    assert len(result) == 4


def test_long_school_holiday_does_not_pile_up_meetings():
    midden = days_to_avoid(years=[2026], region="Midden")
    result = plan(date(2026, 7, 1), 1, 10, None, 1, midden)
    dates = [p.date for p in result]
    assert len(dates) == 10
    mondays = [d - timedelta(days=d.weekday()) for d in dates]
    assert len(set(mondays)) == len(mondays)  # never two meetings in one week


def test_holiday_names_follow_the_language():
    assert days_to_avoid(years=[2026], language="nl")[date(2026, 4, 27)] == "Koningsdag"
    assert days_to_avoid(years=[2026], language="en_US")[date(2026, 4, 27)] == "King's Day"


def test_unknown_region_is_refused():
    with pytest.raises(ValueError):
        days_to_avoid(years=[2026], region="Oost")


def test_weekend_weekday_is_refused():
    with pytest.raises(ValueError):
        plan(date(2026, 1, 1), 6, 3, None, 5, PUBLIC)


def test_count_or_until_is_needed():
    with pytest.raises(ValueError):
        plan(date(2026, 1, 1), 6, None, None, 1, PUBLIC)


def test_until_limits_the_series():
    # The CoP default, every 6 weeks for 18 months: week 78 is the end date itself.
    result = plan(date(2026, 1, 6), 6, None, date(2027, 7, 6), 1, PUBLIC)
    assert len(result) == 14
    assert result[-1].date == date(2027, 7, 6)
    assert len(plan(date(2026, 1, 6), 6, None, date(2027, 7, 5), 1, PUBLIC)) == 13


def test_count_and_until_stop_at_whichever_comes_first():
    assert len(plan(date(2026, 1, 6), 1, 3, date(2026, 12, 31), 1, PUBLIC)) == 3
    assert len(plan(date(2026, 1, 6), 1, 50, date(2026, 1, 31), 1, PUBLIC)) == 4


def test_numbered_title_only_fills_n():
    assert numbered_title("Bijeenkomst {n}", 7) == "Bijeenkomst 7"
    assert numbered_title("{0} {n.__class__}", 2) == "{0} {n.__class__}"


# Times in Amsterdam


def test_spring_forward_time_does_not_exist():
    assert local_time_problem(date(2026, 3, 29), time(2, 30)) == NONEXISTENT
    with pytest.raises(ValueError):
        local_datetime(date(2026, 3, 29), time(2, 30))


def test_autumn_time_happens_twice():
    assert local_time_problem(date(2026, 10, 25), time(2, 30)) == AMBIGUOUS


def test_ordinary_times_are_fine_on_both_sides_of_dst():
    assert local_time_problem(date(2026, 3, 29), time(19, 0)) is None
    winter = local_datetime(date(2026, 1, 13), time(19, 0))
    summer = local_datetime(date(2026, 7, 14), time(19, 0))
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.tzinfo == AMSTERDAM


# Properties

weekdays = st.integers(min_value=0, max_value=4)
cadences = st.integers(min_value=1, max_value=26)
firsts = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


@settings(max_examples=150, deadline=None)
@given(first=firsts, cadence=cadences, count=st.integers(1, 100), weekday=weekdays)
def test_plan_with_public_holidays_keeps_every_promise(first, cadence, count, weekday):
    holidays = PUBLIC_WIDE
    result = plan(first, cadence, count, None, weekday, holidays)
    dates = [p.date for p in result]
    assert len(dates) == count
    assert all(d not in holidays for d in dates)
    assert all(d.weekday() < 5 for d in dates)
    assert all(a < b for a, b in pairwise(dates))
    assert dates[0] >= first
    # Each meeting keeps its slot in the rhythm; a holiday moves it by a few days at most. (The
    # spacing between two meetings can differ more: the first may move later, the next earlier.)
    slots = [p.moved_from or p.date for p in result]
    assert all((b - a).days == 7 * cadence for a, b in pairwise(slots))
    assert all(abs((p.date - p.moved_from).days) <= 4 for p in result if p.moved)
    assert all(p.reason == holidays[p.moved_from] for p in result if p.moved)


@settings(max_examples=200, deadline=None)
@given(
    first=firsts,
    cadence=cadences,
    count=st.none() | st.integers(1, 100),
    span=st.integers(0, 900),
    weekday=weekdays,
    holidays=st.sets(
        st.dates(min_value=date(2023, 12, 1), max_value=date(2032, 12, 31)), max_size=400
    ),
)
def test_plan_with_any_holidays_keeps_the_hard_rules(
    first, cadence, count, span, weekday, holidays
):
    until = first + timedelta(days=span)
    result = plan(first, cadence, count, until, weekday, holidays)
    dates = [p.date for p in result]
    assert all(d not in holidays for d in dates)
    assert all(d.weekday() < 5 for d in dates)
    assert all(a < b for a, b in pairwise(dates))
    assert all(first <= d <= until for d in dates)
    if count is not None:
        assert len(dates) <= count
    # Never two meetings in one week, however crowded the holidays.
    weeks = [d - timedelta(days=d.weekday()) for d in dates]
    assert len(set(weeks)) == len(weeks)


@settings(max_examples=100, deadline=None)
@given(
    first=firsts,
    cadence=cadences,
    count=st.integers(1, 60),
    weekday=weekdays,
    region=st.sampled_from(["Noord", "Midden", "Zuid"]),
)
def test_plan_avoids_school_holidays_of_a_region(first, cadence, count, weekday, region):
    years = range(first.year, min(first.year + 32, 2031))
    holidays = days_to_avoid(years=years, region=region)
    result = plan(first, cadence, count, date(2030, 12, 31), weekday, holidays)
    assert all(p.date not in holidays for p in result)
    assert all(p.date.weekday() < 5 for p in result)


def _weeks_and_days(first: date, weeks: set[int], days: set[int]) -> set[date]:
    """Whole blocked weeks (a school holiday) and single days, counted from `first`'s week."""
    monday = first - timedelta(days=first.weekday())
    blocked = {monday + timedelta(weeks=w, days=d) for w in weeks for d in range(5)}
    return blocked | {monday + timedelta(days=d) for d in days}


# Holidays that matter for the rules: whole weeks and single days close to a short cadence, so a
# meeting often has to move (random dates over ten years rarely block a whole week).
crowded = st.builds(
    lambda first, weeks, days: (first, _weeks_and_days(first, weeks, days)),
    firsts,
    st.sets(st.integers(0, 30), max_size=12),
    st.sets(st.integers(0, 210), max_size=60),
)


@settings(max_examples=400, deadline=None)
@given(data=crowded, cadence=st.integers(1, 3), count=st.integers(1, 30), weekday=weekdays)
def test_whole_blocked_weeks_never_put_two_meetings_in_one_week(data, cadence, count, weekday):
    first, holidays = data
    dates = [p.date for p in plan(first, cadence, count, None, weekday, holidays)]
    weeks = [d - timedelta(days=d.weekday()) for d in dates]
    assert len(set(weeks)) == len(weeks), dates


@settings(max_examples=400, deadline=None)
@given(data=crowded, cadence=st.integers(1, 3), count=st.integers(1, 30), weekday=weekdays)
def test_a_moved_meeting_takes_the_nearest_later_day_of_its_week_first(
    data, cadence, count, weekday
):
    first, holidays = data
    for meeting in plan(first, cadence, count, None, weekday, holidays):
        if not meeting.moved:
            continue
        nominal, moved = meeting.moved_from, meeting.date
        monday = nominal - timedelta(days=nominal.weekday())
        later = [monday + timedelta(days=d) for d in range(nominal.weekday() + 1, 5)]
        if moved > nominal and moved - monday < timedelta(days=5):
            # Every later day of the week before the one chosen was blocked.
            assert all(day in holidays for day in later if day < moved)
        elif moved < nominal:
            # An earlier day only when no later day of that week could be taken.
            assert not [day for day in later if day not in holidays and day >= first]
