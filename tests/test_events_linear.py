"""Hostile text: reading cost grows linearly with the text, and no date leaves the calendar.

Growth is checked as a ratio (the same shape at 1x and 4x its size; linear work gives ~4,
pairwise work ~16), never against a wall-clock limit. Absolute speeds are in bench/.
"""
from __future__ import annotations

import time
from datetime import date

import pytest

from events.dates import DateContext, find_dates, resolve
from events.documents import parse_document
from events.extract import extract
from events.sentences import MAX_SENTENCE_CHARS, split_sentences
from tests.test_events_extract import fake_finder

SIZE = 10_000
# Linear work quadruples at 4x the size; pairwise work grows sixteenfold. The slack covers
# a noisy shared machine.
MAX_GROWTH = 9.0


def _seconds(work, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        begin = time.perf_counter()
        work(text)
        best = min(best, time.perf_counter() - begin)
    return best


def _growth(work, shape: str, size: int = SIZE) -> float:
    """The smallest of three measured ratios: a busy machine only ever inflates one."""
    def sized(n: int) -> str:
        return (shape * (n // len(shape) + 1))[:n]

    small, large = sized(size), sized(4 * size)
    work(small)  # warm caches (gazetteer-free here, but regexes compile once)
    ratio = float("inf")
    for _ in range(3):
        ratio = min(ratio, _seconds(work, large) / max(_seconds(work, small), 1e-4))
        if ratio < MAX_GROWTH:
            break
    return ratio


def _read(text: str):
    return extract(parse_document(text.encode("utf-8"), "paste.txt", doc_date=date(2017, 6, 10)), fake_finder)


@pytest.mark.parametrize("shape", [
    "the Army captured Raqqa, ",          # many events in one endless sentence
    "1 May ",                              # many dates in one sentence
    "US-backed forces and ISIS fighters ",  # many sides
    "The army took Raqqa. These claims were false. ",  # many sentences denying the one before
    "Following the capture of Raqqa, the Army took Idlib. ",  # recalls of events already told
])
def test_extraction_grows_linearly_on_repetitive_text(shape):
    assert _growth(_read, shape) < MAX_GROWTH


def test_a_run_of_dots_is_split_in_linear_time():
    assert _growth(lambda text: split_sentences("The army took the hill" + text), ".", 100_000) < MAX_GROWTH
    assert _growth(lambda text: split_sentences(text), "a.", 100_000) < MAX_GROWTH


def test_dates_are_found_in_linear_time():
    assert _growth(find_dates, "on 1 May and 3 June 2017, ", 50_000) < MAX_GROWTH


def test_a_sentence_without_full_stops_is_read_in_bounded_windows():
    text = "the Army captured Raqqa, " * 4000
    sentences = split_sentences(text)
    assert len(sentences) > 50
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    # The windows cover the text: no event is lost at a cut.
    assert "".join(text[s.start:s.end] for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_ordinary_sentences_are_not_cut():
    sentence = ("The army, backed by Russian jets and allied militias, captured Raqqa after weeks of fighting "
                "in the countryside, ") * 4 + "and pushed on."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert len(split_sentences(sentence)) == 1


@pytest.mark.parametrize("doc_date", [date(9999, 12, 31), date(9999, 12, 28), date(1, 1, 1), date(1, 1, 3)])
def test_a_document_date_at_the_ends_of_the_calendar_warns_and_never_raises(doc_date):
    text = ("On 3 May the Army captured Raqqa. Two days later it took Idlib. Last week ISIS shelled Al-Bab. "
            "Earlier this year the rebels attacked Kafr Nabl, and in December 2016 they seized Tell Abyad.")
    extraction = extract(parse_document(text.encode(), "edge.txt", doc_date=doc_date), fake_finder)
    assert any(str(doc_date) in warning and "ignored" in warning for warning in extraction.warnings)
    # Dates the text gives in full still date their events; nothing lies outside the years read.
    seized = [e for e in extraction.events if e.place == "Tell Abyad"]
    assert seized and seized[0].date_start == date(2016, 12, 1)
    assert all(1900 <= e.date_start.year <= e.date_end.year <= 2100 for e in extraction.events)


@pytest.mark.parametrize("anchor", [date(9999, 12, 31), date(1, 1, 1)])
def test_relative_dates_next_to_the_calendar_ends_resolve_to_nothing(anchor):
    from events.dates import DateSpan

    ctx = DateContext(doc_date=anchor, anchor=DateSpan(anchor, anchor), year=anchor.year)
    for expr in find_dates("two days later, the next week, last year, on Monday, in the past 3 weeks, by 5 May, "
                           "since 2 January, in December, 30 December to 4 January"):
        assert resolve(expr, ctx) is None
