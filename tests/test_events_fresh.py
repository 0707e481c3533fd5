"""The reader on the fresh corpus (tests/corpus/fresh): 24 reports of 2013–2020 from all of Syria,
written for the project by people who had not seen the reader. F1 floors, scored as the shared
scorer scores (actor, kind of action, place within the gold tolerance, dates with a day of slack).

The held-out part is never read to tune; its floor guards against rules that fit the tuning part
only. Floors sit a little under the figures reached (see the closing note of issue 10).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from events import evaluate
from events.documents import parse_document
from events.extract import default_place_finder, extract

FRESH = Path(__file__).resolve().parent / "corpus" / "fresh"
HELD_OUT = ("33", "36", "39", "42", "52", "55", "58", "61")
TUNING = ("31", "32", "34", "35", "37", "38", "40", "41", "51", "53", "54", "56", "57", "59", "60", "62")
HELD_OUT_F1_FLOOR = 0.59
TUNING_F1_FLOOR = 0.61


def _f1(names) -> float:
    finder = default_place_finder()
    matched = extracted = gold = 0
    docs = evaluate.read_corpus(FRESH, names)
    assert len(docs) == len(names)
    for doc in docs:
        events = list(extract(parse_document(doc.body.encode("utf-8"), doc.name, doc.date), finder).events)
        pairs, _, _ = evaluate.scorer_matches(events, doc)
        matched, extracted, gold = matched + len(pairs), extracted + len(events), gold + len(doc.events)
    precision, recall = matched / max(1, extracted), matched / max(1, gold)
    return 2 * precision * recall / (precision + recall) if matched else 0.0


def test_the_split_covers_the_corpus():
    numbers = {p.name[:2] for p in (FRESH / "gold").glob("*.json")}
    assert numbers == set(HELD_OUT) | set(TUNING) and not set(HELD_OUT) & set(TUNING)


@pytest.mark.parametrize("names, floor", [(HELD_OUT, HELD_OUT_F1_FLOOR), (TUNING, TUNING_F1_FLOOR)],
                         ids=["held-out", "tuning"])
def test_fresh_reports_f1_floor(names, floor):
    assert _f1(names) >= floor
