"""When, where and whether: dates, places and statements of kinds the fresh corpora showed
(all sentences written for these tests, with other places and years than the corpora's)."""
from __future__ import annotations

from datetime import date

from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

EXTRA = {"Idlib Governorate": (35.8, 36.6, "governorate"), "Sarmin": (35.9, 36.72, "town"),
         "Taftanaz": (35.99, 36.78, "town"), "Binnish": (35.95, 36.71, "town"),
         "Homs Governorate": (34.7, 37.9, "governorate"), "Palmyra": (34.55, 38.27, "city")}
finder = finder_of({**PLACES, **EXTRA})


def read(text: str, when: date | None = date(2019, 4, 2)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def places(events) -> list[tuple]:
    return [(e.actor, e.action, e.place) for e in events]


# --- places ------------------------------------------------------------------------------------

def test_a_province_that_only_locates_a_named_place_is_not_a_place_of_its_own():
    events = read("Army assaults on Sarmin, on the edge of Idlib Governorate, were beaten back by HTS on 12 March.")
    assert all(e.place != "Idlib Governorate" for e in events), places(events)
    assert any(e.place == "Sarmin" for e in events), places(events)


def test_a_province_is_the_place_when_nothing_more_concrete_is_named():
    events = read("The rebels captured Palmyra on 3 May. Fighting continued across Homs Governorate.", date(2019, 5, 10))
    assert ("rebels", "capture", "Palmyra") in places(events)
    assert any(e.place == "Homs Governorate" and e.action == "clash" for e in events), places(events)
