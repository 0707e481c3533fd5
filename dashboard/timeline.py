"""The date slider's scale: days since the first date, month marks, steps and playback speeds.

The slider holds an integer day offset from ``first`` (so a step is one day exactly and
the browser never parses dates); these functions convert both ways.
"""
from __future__ import annotations

from datetime import date, timedelta

# Days advanced per playback frame, as offered in the speed selector.
SPEEDS_DAYS = (1, 2, 4, 7)
# Event and advance windows offered, in days before the current date.
WINDOWS_DAYS = (7, 30, 90)
# Ages of evidence past which the map may fade the ground (off by default; layers.territory).
FADE_DAYS = (30, 90, 180)


def to_offset(day: date, first: date) -> int:
    return (day - first).days


def to_date(offset: int | float, first: date, last: date) -> date:
    """The date at a slider offset, clamped to the slider's span."""
    day = first + timedelta(days=int(round(offset)))
    return min(max(day, first), last)


# Months between slider marks by the span's length in months: the marks stay readable on a
# laptop screen (about 20 at most).
MARK_STEPS_MONTHS = ((20, 1), (40, 2), (60, 3), (120, 6))


def month_marks(first: date, last: date) -> dict[int, str]:
    """Slider marks at month starts within [first, last] (every month, or every 2, 3 or 6 months
    on long spans, January always among them); January and the first mark show the year."""
    months = (last.year - first.year) * 12 + last.month - first.month
    every = next((k for limit, k in MARK_STEPS_MONTHS if months <= limit), 12)
    marks: dict[int, str] = {}
    month = date(first.year, first.month, 1)
    if month < first:
        month = _next_month(month)
    while month <= last:
        if (month.month - 1) % every == 0:
            label = month.strftime("%b %Y") if month.month == 1 or not marks else month.strftime("%b")
            marks[to_offset(month, first)] = label
        month = _next_month(month)
    return marks


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def step(offset: int, days: int, span_days: int) -> int:
    """The offset ``days`` away from ``offset`` (negative steps back), kept on the slider."""
    return min(max(int(offset) + days, 0), span_days)
