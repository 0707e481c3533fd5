"""events/folding.py: patterns rewritten for speed match as the plain form does."""
import re

import pytest

from events.folding import Folded, guarded, lowered

SAMPLES = ["they said it", "-they", "x-it its forces", "Its forces and THEY", "the latter,the former", "",
           "theyre it'it it-it", "his men and our forces, her-group"]


@pytest.mark.parametrize("alternatives", ["they|the\\s+latter|the\\s+former|it|its\\s+(?:forces|troops)",
                                          "his|her|our"])
def test_guarded_matches_as_the_look_behind_does(alternatives):
    plain = re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I)
    fast = re.compile(guarded(alternatives) + r"(?![\w-])", re.I)
    folded = Folded(guarded(alternatives) + r"(?![\w-])")
    for text in SAMPLES:
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == expected, text
        assert [m.span() for m in folded.finditer(text, lowered(text))] == expected, text


def test_guarded_needs_a_letter_first():
    with pytest.raises(ValueError):
        guarded("(?:a|b)c")
    with pytest.raises(ValueError):
        guarded("a?s|b")
