"""Sorted, non-overlapping character spans: overlap tests in logarithmic time.

Long or repetitive text can hold thousands of names or dates; testing each new match
against every span taken before would make reading it quadratic.
"""
from __future__ import annotations

import bisect


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping ``spans``."""
    index = bisect.bisect_left(spans, (start, start))
    return any(a < end and start < b for a, b in spans[max(0, index - 1):index + 1])
