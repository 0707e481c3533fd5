"""Who fights alongside whom depends on the year (data/factions.yaml relations): an ally in a
report's period is never a side's target, and a generic or umbrella name follows the leading side
(sentences written for these tests, not taken from any report)."""
from __future__ import annotations

from datetime import date

from events.actors import load_factions, relations_on
from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

finder = finder_of({**PLACES, "Harem": (36.21, 36.52, "town"), "Salqin": (36.14, 36.45, "town"),
                    "Darkush": (35.99, 36.39, "town"), "Armanaz": (36.08, 36.50, "town")})


def read(text: str, when: date):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def told(events, place: str) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.target) for e in events if e.place == place]


def test_the_dated_table_names_its_sources_and_periods():
    table = load_factions()
    assert table.relations and all(r.source.startswith("https://") for r in table.relations)
    allied, enemies = relations_on(table, date(2015, 6, 1))
    assert frozenset({"hts", "rebels"}) in allied
    allied, _ = relations_on(table, date(2018, 6, 1))
    assert frozenset({"hts", "rebels"}) not in allied
    _, enemies = relations_on(table, date(2019, 3, 1))
    assert frozenset({"sdf", "rebels"}) in enemies
    assert relations_on(table, None) == (set(), set())


JOINT = ("Hayat Tahrir al-Sham and the factions allied with it stormed Harem on Monday. HTS fighters "
         "then pushed on towards Salqin, and Hayat Tahrir al-Sham said the army had fled. "
         "On Tuesday the armed opposition entered Armanaz.")


def test_an_umbrella_name_follows_the_leading_side_while_the_two_are_allied():
    assert [a for a, _, _ in told(read(JOINT, date(2024, 12, 3)), "Armanaz")] == ["hts"]
    # Years the two fought each other: the armed opposition is the rebels.
    assert [a for a, _, _ in told(read(JOINT, date(2018, 3, 3)), "Armanaz")] == ["rebels"]


JOINT_2 = ("Nusra Front fighters and Ahrar al-Sham shelled Darkush on Friday. The Nusra Front said its men "
           "were at the gates, and al-Nusra claimed the army was retreating. On Saturday militants "
           "captured Darkush.")


def test_a_joint_campaign_never_targets_the_ally_in_its_period():
    events = told(read(JOINT_2, date(2015, 5, 2)), "Darkush")
    assert ("hts", "capture", "government") in events
    assert all({actor, target} != {"hts", "rebels"} for actor, _, target in events)
    # In a year the two fought each other, they may be each other's target.
    assert any({actor, target} == {"hts", "rebels"} for actor, _, target in told(read(JOINT_2, date(2018, 5, 2)),
                                                                                  "Darkush"))


def test_militants_are_never_the_turkish_army_named_near_them():
    text = ("Government forces shelled Armanaz on Sunday. A Turkish military convoy drove to an observation "
            "post near Harem. On Monday militants recaptured Armanaz.")
    captured = [a for a, action, _ in told(read(text, date(2019, 7, 1)), "Armanaz") if action in ("capture", "recapture")]
    assert captured and "rebels" not in captured


def test_the_leading_side_is_the_one_named_most_by_name_and_never_turkeys_army():
    text = ("Hayat Tahrir al-Sham fighters shelled Harem on Monday, and HTS said the army was retreating. Turkish "
            "artillery and Turkish drones backed them, and Turkish troops moved to a post near Darkush. "
            "On Tuesday the armed opposition stormed Salqin.")
    assert [a for a, _, _ in told(read(text, date(2024, 12, 3)), "Salqin")] == ["hts"]


def test_militants_named_as_of_a_group_stay_that_groups_whoever_leads():
    text = ("Syrian National Army factions shelled Harem on Monday, and the SNA said the army was retreating. "
            "Rebel fighters of the Hamza Division joined them. On Tuesday militants of Hayat Tahrir al-Sham "
            "stormed Salqin.")
    assert [a for a, _, _ in told(read(text, date(2024, 12, 3)), "Salqin")] == ["hts"]
