"""The seed reports against the gold annotation (the committed defaults: test_default_events.py)."""
from __future__ import annotations

import pytest

from events import evaluate
from events.defaults import analyst_dates
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
