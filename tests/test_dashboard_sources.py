"""The source panel's pure parts: excerpts with the sentence marked, ACLED-style precision."""
from __future__ import annotations

from dashboard.sources import date_precision_label, date_span_label, excerpt, geo_precision_label

TEXT = "Alpha bravo charlie. The brigade entered Kilo town at dawn. Delta echo foxtrot golf."


def test_the_marked_part_is_exactly_the_event_span():
    start = TEXT.index("The brigade")
    end = TEXT.index("dawn.") + len("dawn.")
    part = excerpt(TEXT, start, end, context_chars=8)
    assert part.marked == TEXT[start:end]
    assert (part.before + part.marked + part.after) in TEXT


def test_context_is_cut_between_words():
    start = TEXT.index("The brigade")
    part = excerpt(TEXT, start, start + 11, context_chars=10)
    assert part.before == "charlie. "
    assert part.clipped_start and part.clipped_end
    assert not part.after.endswith(("Kil", "Ki"))


def test_offsets_beyond_the_text_are_clamped_not_an_error():
    part = excerpt(TEXT, len(TEXT) - 5, len(TEXT) + 50)
    assert part.marked == TEXT[-5:]
    assert not part.clipped_end


def test_precision_labels_follow_acled_codes():
    assert date_precision_label("day").startswith("1")
    assert date_precision_label("month").startswith("3")
    assert geo_precision_label(2).startswith("1")
    assert geo_precision_label(15).startswith("2")
    assert geo_precision_label(60).startswith("3")
    assert "not resolved" in geo_precision_label(None)


def test_a_one_day_span_shows_one_date():
    assert date_span_label("2017-11-19", "2017-11-19") == "2017-11-19"
    assert date_span_label("2017-11-16", "2017-11-28") == "2017-11-16 – 2017-11-28"
