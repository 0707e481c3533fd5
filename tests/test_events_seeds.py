"""The seed reports against the gold annotation, and the committed default events."""
from __future__ import annotations

import csv
import re
import time

import pytest

from events import evaluate
from events.defaults import (DOCUMENTS_PATH, SEED_EVENTS_PATH, analyst_dates, extract_seeds,
                             load_default_events)
from events.documents import read_document
from events.extract import default_place_finder, extract


@pytest.fixture(scope="module")
def seed_events(seed_paths):
    dates = analyst_dates()
    finder = default_place_finder()
    return [e for p in seed_paths for e in extract(read_document(p, dates.get(p.name)), finder).events]


def test_precision_and_recall_on_the_seeds_are_at_least_085(seed_events, gold_events, gold_places):
    scores = evaluate.score(seed_events, evaluate.gold_events(gold_events), evaluate.gold_places(gold_places))
    total = scores[-1]
    report = ", ".join(f"{s.doc[:3]} P={s.precision:.2f} R={s.recall:.2f}" for s in scores)
    assert total.precision >= 0.85 and total.recall >= 0.85, report


def test_matching_is_one_to_one(gold_events, gold_places):
    gold = evaluate.gold_events(gold_events)[:1]
    places = evaluate.gold_places(gold_places)
    g = gold[0]
    place = places[g.place]
    twin = dict(doc=g.doc, date_start=g.date_start, date_end=g.date_end, date_precision="day", action=g.action,
                actor=g.actor, target=g.target, place=g.place, lat=place.lat, lon=place.lon, uncertainty_km=1.0,
                unit=None, certainty="stated", start=0, end=1, confidence=1.0)
    from events.model import Event

    events = [Event(id="a", **twin), Event(id="b", **twin)]
    assert evaluate.score(events, gold, places)[-1].matched == 1


def test_the_committed_seed_events_are_what_extraction_gives_now(shared_dir):
    event_rows, document_rows = extract_seeds(shared_dir / "seeds")
    with open(SEED_EVENTS_PATH, newline="", encoding="utf-8") as f:
        committed = list(csv.DictReader(f))
    with open(DOCUMENTS_PATH, newline="", encoding="utf-8") as f:
        committed_documents = list(csv.DictReader(f))
    hint = "stale: run `python -m events rebuild-defaults` and commit data/events"
    assert committed == event_rows, hint
    assert committed_documents == document_rows, hint


def test_default_events_load_fast_without_extraction(seed_paths):
    start = time.perf_counter()
    events = load_default_events()
    assert time.perf_counter() - start < 1.0
    assert len(events) >= 80 and len({e.id for e in events}) == len(events)
    assert {e.doc for e in events} == {p.name for p in seed_paths}
    assert all(e.lat is not None and e.date_start <= e.date_end for e in events)


def test_the_committed_files_hold_no_sentence_of_the_reports(seed_texts):
    committed = (SEED_EVENTS_PATH.read_text(encoding="utf-8") + DOCUMENTS_PATH.read_text(encoding="utf-8"))
    words = " ".join(committed.split())
    for text in seed_texts.values():
        tokens = text.split()
        for i in range(0, len(tokens) - 8):
            run = " ".join(tokens[i:i + 8])
            if re.search(r"[a-z]", run):
                assert run not in words, run
