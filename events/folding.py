"""Case-insensitive patterns run at case-sensitive speed.

Python's ``re`` with IGNORECASE tries each alternative of a long alternation character by
character in both cases; on lower-cased text the same pattern, lower-cased, runs several
times faster. A ``Folded`` pattern keeps both: the fast one on the lower-cased text when
lower-casing keeps every offset (it does for all but a few non-ASCII letters), the
IGNORECASE one on the text itself otherwise. Matches give offsets, not the text's case.
"""
from __future__ import annotations

import re
from typing import Iterator

from lookalikes import lower_pattern as _lower_pattern


def lowered(text: str) -> str | None:
    """``text.lower()`` when it has the same offsets as ``text``, else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


class Folded:
    """A pattern matched without regard to case (no ``(?-i:...)`` inside)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.ignoring = re.compile(pattern, flags | re.I)
        self.plain = re.compile(_lower_pattern(pattern), flags & ~re.I)

    # (the choice of pattern and text written out in each method: they run thousands of times a report)
    def finditer(self, text: str, low: str | None, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        if low is not None:
            return self.plain.finditer(low, pos, len(low) if endpos is None else endpos)
        return self.ignoring.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, low: str | None, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if low is not None:
            return self.plain.search(low, pos, len(low) if endpos is None else endpos)
        return self.ignoring.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, low: str | None, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if low is not None:
            return self.plain.match(low, pos, len(low) if endpos is None else endpos)
        return self.ignoring.match(text, pos, len(text) if endpos is None else endpos)


def guarded(alternatives: str, behind: str = r"[\w-]") -> str:
    """``(?<!behind)(?:alternatives)`` with the look-behind put after each alternative's first
    letter: the same matches, but a pattern opening on letters lets ``re`` skip straight to
    where one of them occurs instead of trying the look-behind at every position. Each
    top-level alternative must open with a plain letter."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(alternatives):
        char = alternatives[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(alternatives[start:index])
            start = index + 1
        index += 1
    parts.append(alternatives[start:])
    out = []
    for part in parts:
        if not part[:1].isalpha() or part[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"guarded: {part!r} does not open with a plain letter")
        out.append(f"{part[0]}(?<!{behind}{part[0]}){part[1:]}")
    return "(?:" + "|".join(out) + ")"
