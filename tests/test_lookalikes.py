"""The one table of letters IGNORECASE reads as ASCII ones, and its three readers agreeing."""
import re
import string
import sys

import pytest

from events.actors import find_sides
from events.dates import find_dates
from gazetteer import directional
from gazetteer.directional import bearing_of
from lookalikes import ASCII_LOOKALIKES, LOOKALIKE_LETTERS, Caseless, as_ascii


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


@pytest.mark.parametrize("text", [
    "Troops advanced NEAR the town, 5 KM from it", "ſince the \u0130raqi army came within 5 \u212am of",
    "the army dıd not reach the village", "Ünder the city of X, nearly 10 km", ""])
def test_a_caseless_pattern_finds_what_ignorecase_finds(text):
    # Run as its lower-cased form on lower-cased text wherever that finds the same, else as it is.
    pattern = r"\b(?P<w>near|since|within|did|under)\s+(?:the\s+)?(?P<rest>[a-z]+)?"
    ignoring = re.compile(pattern, re.I)
    caseless = Caseless(pattern)
    for pos in range(len(text) + 1):
        expected = ignoring.search(text, pos)
        found = caseless.search(text, pos)
        assert (found and (found.span(), found.span("w"), found.span("rest"))) == \
            (expected and (expected.span(), expected.span("w"), expected.span("rest")))
        expected = ignoring.search(text, pos, len(text) - 1)
        found = caseless.search_as_written(text, pos, len(text) - 1)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert [(m.span(), m.groups()) for m in caseless.finditer_as_written(text)] == \
        [(m.span(), m.groups()) for m in ignoring.finditer(text)]
    with pytest.raises(ValueError):
        Caseless(r"(?-i:May)")
