"""Letters that ``re``'s IGNORECASE matches as ASCII ones though lower-casing keeps them apart.

"\u017fince" matches ``since`` regardless of case, "\u0130raqi" matches ``Iraqi``, "30 \u212am"
matches ``km``; but ``.lower()`` turns none of them into the ASCII word, so a word a
pattern matched would be no key of the tables that read it. Every reader of words (the
gazetteer's directions and units, the event reader's dates and sides) reads such a letter as
the ASCII letter it stands for, through the one table here. These four are all the letters
of Unicode that IGNORECASE matches as ASCII ones (tests/test_lookalikes.py checks).

Each letter becomes one ASCII letter of its own case (the Kelvin sign is a capital), so
translated text keeps its offsets and its capitals: an acronym matched in capitals only
("P\u212a\u212a") is still one.
"""
from __future__ import annotations

import re
from typing import Iterator

LOOKALIKE_LETTERS = {"\u017f": "s", "\u212a": "K", "\u0131": "i", "\u0130": "I"}
ASCII_LOOKALIKES = str.maketrans(LOOKALIKE_LETTERS)
_ANY = re.compile("[" + "".join(LOOKALIKE_LETTERS) + "]")


def has_lookalike(text: str) -> bool:
    return _ANY.search(text) is not None


def as_ascii(text: str) -> str:
    """``text`` with each look-alike letter read as its ASCII letter (same length, same offsets)."""
    return text.translate(ASCII_LOOKALIKES) if _ANY.search(text) else text


def caseless(text: str) -> str | None:
    """``text.lower()`` when an IGNORECASE pattern finds in ``text`` just what its lower-cased
    form (``lower_pattern``) finds in it, at the same offsets: lower-casing kept the length,
    and ``text`` holds neither letter that IGNORECASE reads as an ASCII one but lower-casing
    keeps apart (ſ, ı; the Kelvin sign lower-cases to "k", and "İ" to two characters). Else
    None. ``re`` tries a case-insensitive pattern character by character in both cases; the
    plain one on lower-cased text runs several times faster."""
    low = text.lower()
    if len(low) != len(text) or "\u017f" in text or "\u0131" in text:
        return None
    return low


def lower_pattern(pattern: str) -> str:
    """A pattern's text lower-cased but for its escapes (``\\S``, ``\\W``, ``\\B`` keep their
    meaning) and group names: for a pattern without ``(?-i:...)``, run without IGNORECASE on
    lower-cased text, it matches as the pattern does with IGNORECASE."""
    if "(?-i:" in pattern:
        raise ValueError("a case-sensitive part cannot be lower-cased")
    out, index = [], 0
    while index < len(pattern):
        if pattern[index] == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        out.append(pattern[index].lower())
        index += 1
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


class Caseless:
    """An IGNORECASE pattern, run as its lower-cased form on the lower-cased text wherever that
    finds the same (``caseless``). Matches give the pattern's offsets and group spans; their
    text is the lower-cased text's."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.ignoring = re.compile(pattern, flags | re.I)
        self.plain = re.compile(lower_pattern(pattern), flags & ~re.I)
        if self.plain.groupindex != self.ignoring.groupindex:
            raise ValueError(f"not lower-cased alike: {pattern!r}")

    def search(self, text: str, pos: int = 0, endpos: int | None = None, low: str | None = None) -> re.Match | None:
        """``re.Pattern.search``; ``low``, if given, is ``caseless(text)`` (for many windows of one text)."""
        low = low if low is not None else caseless(text)
        end = len(text) if endpos is None else endpos
        return self.plain.search(low, pos, end) if low is not None else self.ignoring.search(text, pos, end)

    def search_as_written(self, text: str, pos: int = 0, endpos: int | None = None,
                          low: str | None = None) -> re.Match | None:
        """``search``'s match as the IGNORECASE pattern makes it on ``text`` (its groups in the
        text's own case): the lower-cased form finds where it starts, the pattern matches there."""
        found = self.search(text, pos, endpos, low)
        if found is None or found.string is text:
            return found
        return self.ignoring.match(text, found.start(), len(text) if endpos is None else endpos)

    def finditer_as_written(self, text: str, low: str | None = None) -> Iterator[re.Match]:
        """``re.Pattern.finditer`` over ``text``, each match as ``search_as_written`` makes it."""
        low = low if low is not None else caseless(text)
        if low is None:
            yield from self.ignoring.finditer(text)
            return
        for found in self.plain.finditer(low):
            yield self.ignoring.match(text, found.start())
