"""Sentence splitting keeps offsets into the document and copes with report clutter."""
from __future__ import annotations

from events.sentences import mask, split_sentences


def texts(text: str, kind: str | None = None) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text) if kind is None or s.kind == kind]


def test_offsets_point_into_the_original_text():
    text = "The army took the hill. Rebels fled north!  Was it over? Yes."
    sentences = split_sentences(text)
    assert [text[s.start:s.end] for s in sentences] == [
        "The army took the hill.", "Rebels fled north!", "Was it over?", "Yes."]


def test_citation_marks_are_blanked_not_removed():
    text = "Jets hit the base.[12][13] Then troops moved in.[citation needed] Calm followed."
    masked = mask(text)
    assert len(masked) == len(text) and "[12]" not in masked and "[citation needed]" not in masked
    assert texts(text) == ["Jets hit the base.", "Then troops moved in.", "Calm followed."]


def test_citation_at_the_start_of_a_line_belongs_to_no_sentence():
    text = "The siege began in May.\n[7] The relief came in June."
    assert texts(text) == ["The siege began in May.", "The relief came in June."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Maj. Gen. J. Smith led the U.S. forces north. They met Brig. Ali at dawn."
    assert texts(text) == ["Maj. Gen. J. Smith led the U.S. forces north.", "They met Brig. Ali at dawn."]


def test_headings_items_and_wrapped_lines():
    text = ("= Battle of the Valley =\n\nInfobox\n- Date: 3 May 2017\n- Result: stalemate\n\n"
            "Army units advanced\nalong the road and took the ridge.\n\nThe Northern Front\n\n"
            "Fighting went on.")
    assert texts(text, "heading") == ["= Battle of the Valley =", "Infobox", "The Northern Front"]
    assert texts(text, "item") == ["- Date: 3 May 2017", "- Result: stalemate"]
    assert texts(text, "text") == ["Army units advanced\nalong the road and took the ridge.", "Fighting went on."]


def test_paragraphs_are_numbered():
    sentences = split_sentences("One. Two.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]
