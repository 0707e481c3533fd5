"""Events the reader must not invent (all sentences written for these tests).

Each test is one general kind of statement that reads like an event and is none, or tells one
event twice: talks that "reach" a deal, a claim rejected before it is told, possible or
imminent targets, a lead sentence repeating the body's dated capture.
"""
from __future__ import annotations

from datetime import date

from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

EXTRA = {"Tafas": (32.74, 36.07, "town", "SY"), "Nawa": (32.89, 36.04, "town", "SY"),
         "Manbij": (36.53, 37.95, "city", "SY"), "Qamishli": (37.05, 41.22, "city", "SY"),
         "Afrin": (36.51, 36.87, "city", "SY")}
finder = finder_of({**PLACES, **EXTRA})


def read(text: str, when: date | None = date(2018, 7, 20)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def summary(events) -> list[tuple]:
    return [(e.actor, e.action, e.place) for e in events]


def test_reaching_a_deal_is_no_advance():
    events = read("Rebel factions in Tafas reached an agreement with the army on Monday. Under the deal reached "
                  "with Russian officers, the fighters in Nawa hand over their heavy weapons.")
    assert events == []


def test_reaching_a_place_is_still_an_advance():
    assert summary(read("Government troops reached the edge of Tafas on Monday.")) == [("government", "advance", "Tafas")]


def test_a_claim_dismissed_as_false_before_it_is_told_is_no_event():
    events = read('The Russian ministry dismissed as "fabricated" reports by foreign media that its jets had '
                  "bombed Nawa on Tuesday. The army rejected as baseless claims that its aircraft struck Tafas.")
    assert events == []


def test_possible_next_targets_are_no_attacks():
    events = read("Turkish troops and allied rebels encircled Afrin on 13 March. The president said the campaign "
                  "would go on, naming Manbij and Qamishli as possible next targets.", date(2018, 3, 18))
    assert summary(events) == [("rebels", "encircle", "Afrin")]
