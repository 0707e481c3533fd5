""""The town", "the city" standing for a place named in an earlier clause or sentence: the
place the story is about among those of a fitting kind (all sentences written for these tests,
with other places and years than the corpora's)."""
from __future__ import annotations

from datetime import date

from events.documents import parse_document
from events.extract import extract
from events.placing import PlaceRef, _antecedent, urban_whole
from gazetteer.place import Place
from tests.test_events_extract import PLACES, finder_of

EXTRA = {"Sarmin": (35.9, 36.72, "town"), "Taftanaz": (35.99, 36.78, "town"), "Binnish": (35.95, 36.71, "town"),
         "Palmyra": (34.55, 38.27, "city")}
finder = finder_of({**PLACES, **EXTRA})


def read(text: str, when: date = date(2021, 6, 30)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def places(events) -> list[tuple]:
    return [(e.actor, e.action, e.place, e.date_start) for e in events]


def test_the_town_is_the_place_the_story_is_about_not_the_city_named_after_it():
    events = read("Rebel fighters captured Sarmin on Tuesday, cutting a road that supplies the jihadists' hub of Raqqa. "
                  "The fighters entered the town on Monday evening, a week into the battle.")
    assert not any(e.place == "Raqqa" for e in events), places(events)
    assert ("rebels", "advance", "Sarmin", date(2021, 6, 28)) in places(events), places(events)


def test_the_town_retaken_is_the_one_fought_over_not_the_one_where_talks_were_held():
    events = read("Rebels recaptured Taftanaz on 4 June after negotiations in Binnish broke down, "
                  "but the army retook the town on 5 June.")
    assert ("government", "recapture", "Taftanaz", date(2021, 6, 5)) in places(events), places(events)
    assert not any(e.place == "Binnish" and e.actor == "government" for e in events), places(events)


def test_the_village_never_stands_for_a_city():
    events = read("The army captured Deir ez-Zor on 3 June. Two days later rebels attacked the village on 5 June.")
    assert not any(e.place == "Deir ez-Zor" and e.action == "attack" for e in events), places(events)


def _part(base: Place, part: str) -> Place:
    anchor = {"name": base.name, "lat": base.lat, "lon": base.lon, "kind": base.kind, "id": base.id,
              "uncertainty_km": base.uncertainty_km}
    return Place(f"{base.name} (north {part})", base.lat + 0.02, base.lon, "area", None, "test", 3.0,
                 raw={"anchor": anchor, "direction": "north", "part": part})


def test_the_city_after_its_outskirts_is_the_city_itself():
    city = Place("Palmyra", 34.55, 38.27, "city", None, "test", 2.0, id="t:1")
    town = Place("Sarmin", 35.9, 36.72, "town", None, "test", 2.0, id="t:2")
    outskirts = _part(city, "outskirts")
    earlier = [(0, PlaceRef(0, 6, town, "name")), (1, PlaceRef(40, 50, outskirts, "name"))]
    assert _antecedent("city", earlier).name == "Palmyra"
    assert urban_whole(outskirts).kind == "city"
    # a part of a city is no village, and a part that is a countryside belongs to no settlement
    assert _antecedent("village", [(1, PlaceRef(40, 50, outskirts, "name"))]) is None
    assert urban_whole(_part(city, "countryside")) is None


def test_a_town_this_sentence_names_beats_the_town_taken_in_an_earlier_paragraph():
    events = read("The army captured Taftanaz on 2 June.\n\n"
                  "On 4 June it launched an offensive towards Sarmin, coming within five kilometres of the town. "
                  "Troops pushed into the town on 6 June.")
    assert not any(e.place == "Taftanaz" and e.date_start >= date(2021, 6, 4) for e in events), places(events)
    assert any(e.place == "Sarmin" and e.date_start == date(2021, 6, 6) for e in events), places(events)


def test_a_town_a_later_sentence_names_in_passing_is_still_the_latest_town():
    events = read("Rebels captured Sarmin on 2 June.\n\n"
                  "On 3 June they shelled the main road near Binnish. Clashes went on around the town on 4 June.")
    assert any(e.place == "Binnish" and e.date_start == date(2021, 6, 4) for e in events), places(events)
    assert not any(e.place == "Sarmin" and e.date_start == date(2021, 6, 4) for e in events), places(events)


def test_a_place_the_report_called_a_town_is_not_the_city():
    events = read("On 3 June troops seized the town of Sarmin across the river from Deir ez-Zor, "
                  "tightening the siege of the jihadist-held half of the city.")
    assert ("government", "capture", "Sarmin", date(2021, 6, 3)) in places(events), places(events)
    assert not any(e.place == "Sarmin" and e.action == "siege" for e in events), places(events)


def test_the_stronghold_is_the_place_still_held_not_the_villages_just_taken():
    events = read("On 3 June the army captured the village of Sabkhah, west of the jihadist-held city of Raqqa. "
                  "Troops then encircled the stronghold on 5 June.")
    assert ("government", "encircle", "Raqqa", date(2021, 6, 5)) in places(events), places(events)
