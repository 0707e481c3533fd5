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

LOOKALIKE_LETTERS = {"\u017f": "s", "\u212a": "K", "\u0131": "i", "\u0130": "I"}
ASCII_LOOKALIKES = str.maketrans(LOOKALIKE_LETTERS)
_ANY = re.compile("[" + "".join(LOOKALIKE_LETTERS) + "]")


def has_lookalike(text: str) -> bool:
    return _ANY.search(text) is not None


def as_ascii(text: str) -> str:
    """``text`` with each look-alike letter read as its ASCII letter (same length, same offsets)."""
    return text.translate(ASCII_LOOKALIKES) if _ANY.search(text) else text
