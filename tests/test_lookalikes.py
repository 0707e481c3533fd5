"""The one table of letters IGNORECASE reads as ASCII ones, and its three readers agreeing."""
import re
import string
import sys

import pytest

from events.actors import find_sides
from events.dates import find_dates
from gazetteer import directional
from gazetteer.directional import bearing_of
from lookalikes import ASCII_LOOKALIKES, LOOKALIKE_LETTERS, as_ascii


def test_the_table_holds_every_letter_ignorecase_matches_as_an_ascii_one():
    ascii_letter = re.compile("[a-z]", re.I)
    found = {chr(cp) for cp in range(0x80, sys.maxunicode + 1) if ascii_letter.fullmatch(chr(cp))}
    assert found == set(LOOKALIKE_LETTERS)
    for odd, letter in LOOKALIKE_LETTERS.items():
        assert letter in string.ascii_letters and re.fullmatch(re.escape(letter), odd, re.I)
        assert letter.isupper() == odd.isupper()  # its own case: capitals-only acronyms still match


@pytest.mark.parametrize("odd", sorted(LOOKALIKE_LETTERS))
def test_sides_dates_and_directions_read_a_lookalike_as_the_same_letter(odd):
    letter = LOOKALIKE_LETTERS[odd]
    assert len(as_ascii(odd * 3)) == 3
    # Each reader is given words holding the letter where the plain word has it (in its case).
    sentence = "Kurdish-led SDF fighters and Iraqi militias stormed the south side since last week."
    spelled = sentence.replace(letter, odd)
    assert spelled != sentence
    sides = [(m.start, m.end, m.faction) for m in find_sides(sentence)]
    assert sides and [(m.start, m.end, m.faction) for m in find_sides(spelled)] == sides
    dates = [(e.start, e.end, e.kind, e.value) for e in find_dates(sentence)]
    assert dates and [(e.start, e.end, e.kind, e.value) for e in find_dates(spelled)] == dates
    assert directional.ASCII_LOOKALIKES is ASCII_LOOKALIKES  # units of gazetteer.relative too
    for word in ("south", "Southwest", "northwestern", "East"):
        if letter in word:
            assert bearing_of(word.replace(letter, odd)) == bearing_of(word) is not None
