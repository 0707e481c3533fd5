"""The slider scale: day offsets, month marks and steps."""
from __future__ import annotations

from datetime import date

from dashboard.timeline import month_marks, step, to_date, to_offset

FIRST, LAST = date(2017, 5, 7), date(2018, 4, 10)


def test_offsets_and_dates_convert_both_ways():
    day = date(2017, 11, 19)
    assert to_date(to_offset(day, FIRST), FIRST, LAST) == day


def test_dates_beyond_the_span_are_clamped():
    assert to_date(-5, FIRST, LAST) == FIRST
    assert to_date(10_000, FIRST, LAST) == LAST


def test_month_marks_fall_on_month_starts_and_name_the_year_in_january():
    marks = month_marks(FIRST, LAST)
    assert marks[to_offset(date(2017, 6, 1), FIRST)] == "Jun 2017"
    assert marks[to_offset(date(2017, 7, 1), FIRST)] == "Jul"
    assert marks[to_offset(date(2018, 1, 1), FIRST)] == "Jan 2018"
    assert to_offset(date(2017, 5, 1), FIRST) not in marks
    assert len(marks) == 11


def test_a_long_span_is_marked_every_few_months_with_each_january():
    first, last = date(2016, 3, 26), date(2018, 9, 16)
    marks = month_marks(first, last)
    assert len(marks) <= 20
    assert marks[to_offset(date(2017, 1, 1), first)] == "Jan 2017"
    assert marks[to_offset(date(2018, 1, 1), first)] == "Jan 2018"
    assert to_offset(date(2017, 2, 1), first) not in marks


def test_steps_stay_on_the_slider():
    span = to_offset(LAST, FIRST)
    assert step(3, -7, span) == 0
    assert step(span - 2, 7, span) == span
    assert step(10, 7, span) == 17
