"""Recall: the words and phrasings of war reports the reader knows (all sentences written for these tests).

Wire copy, state media, monitors, ministries and campaign pages tell the same events in many
words; each kind here is one way of telling a capture, a recapture, an advance, a fight, a
repel, a withdrawal or a siege, with the sentences that must stay silent beside it.
"""
from __future__ import annotations

from datetime import date

import pytest

from tests.test_events_generalise import read, summary


@pytest.mark.parametrize("text, expected", [
    # control taken back or completed
    ("The army re-established control over Kafr Nabl on Tuesday.", ("government", "recapture", "Kafr Nabl")),
    ("Government troops reasserted full control over Qaryatayn on Tuesday.", ("government", "recapture", "Qaryatayn")),
    ("The rebels reoccupied Kafr Nabl on Tuesday.", ("rebels", "recapture", "Kafr Nabl")),
    ("The army seized back Qaryatayn from ISIS on Tuesday.", ("government", "recapture", "Qaryatayn")),
    ("The army recovered Kafr Nabl from the rebels on Tuesday.", ("government", "recapture", "Kafr Nabl")),
    ("The army completed its control of Qaryatayn on Tuesday.", ("government", "capture", "Qaryatayn")),
    ("The army restored full control over Kafr Nabl on Tuesday.", ("government", "capture", "Kafr Nabl")),
    ("The SDF freed Raqqa from ISIS on Tuesday.", ("sdf", "capture", "Raqqa")),
    # getting in, getting closer
    ("The SDF penetrated Raqqa from the east on Tuesday.", ("sdf", "advance", "Raqqa")),
    ("Government forces inched closer to Qaryatayn on Tuesday.", ("government", "advance", "Qaryatayn")),
    ("Rebel columns marched towards Kafr Nabl on Tuesday.", ("rebels", "advance", "Kafr Nabl")),
    # fire, bombs and fights
    ("ISIS mortared army positions in Qaryatayn on Tuesday.", ("isil", "attack", "Qaryatayn")),
    ("Rebels opened fire on army checkpoints in Kafr Nabl on Tuesday.", ("rebels", "attack", "Kafr Nabl")),
    ("ISIS militants detonated a car bomb at an army post in Qaryatayn on Tuesday.", ("isil", "attack", "Qaryatayn")),
    ("Violent confrontations broke out between the army and the rebels in Kafr Nabl on Tuesday.",
     ("government", "clash", "Kafr Nabl")),
    ("On Tuesday soldiers killed a number of the terrorists hiding in Kafr Nabl.", ("government", "attack", "Kafr Nabl")),
    ("The army inflicted heavy losses on ISIS in Qaryatayn on Tuesday.", ("government", "attack", "Qaryatayn")),
    ("The army continued to fight ISIS near Qaryatayn on Tuesday.", ("government", "attack", "Qaryatayn")),
    ("Government helicopters dropped more than 120 barrel bombs on Kafr Nabl on Tuesday.",
     ("government", "airstrike", "Kafr Nabl")),
    # holding, leaving, shutting in
    ("The army warded off an ISIS attack on Qaryatayn on Tuesday.", ("government", "repel", "Qaryatayn")),
    ("The SDF resisted an ISIS assault on Tell Abyad on Tuesday.", ("sdf", "repel", "Tell Abyad")),
    ("The rebels vacated Kafr Nabl on Tuesday.", ("rebels", "withdraw", "Kafr Nabl")),
    ("The rebels completed their withdrawal from Kafr Nabl on Tuesday.", ("rebels", "withdraw", "Kafr Nabl")),
    ("The army sealed off Qaryatayn on Tuesday.", ("government", "encircle", "Qaryatayn")),
    ("The army put Qaryatayn under a tight siege on Tuesday.", ("government", "siege", "Qaryatayn")),
    ("The army closed the ring around Qaryatayn on Tuesday.", ("government", "encircle", "Qaryatayn")),
    ("The army reached the besieged garrison of Deir ez-Zor on Tuesday.", ("government", "siege_lifted", "Deir ez-Zor")),
    ("The last rebel fighters departed Kafr Nabl on Tuesday.", ("rebels", "withdraw", "Kafr Nabl")),
    ("ISIS militants abandoned their positions in Qaryatayn on Tuesday.", ("isil", "withdraw", "Qaryatayn")),
    ("Army checkpoints around Kafr Nabl came under heavy attack by the rebels on Tuesday.",
     ("rebels", "attack", "Kafr Nabl")),
    ("Pro-government forces consolidated control over Qaryatayn on Tuesday.", ("government", "capture", "Qaryatayn")),
    ("The army made a breakthrough near Qaryatayn on Tuesday.", ("government", "advance", "Qaryatayn")),
    ("The army crushed an ISIS assault on Qaryatayn on Tuesday.", ("government", "repel", "Qaryatayn")),
    ("On Tuesday soldiers repelled an attack launched by armed groups on Kafr Nabl.", ("government", "repel", "Kafr Nabl")),
    ("On Tuesday soldiers wiped out the hideouts of the terrorists in Kafr Nabl and destroyed their bases there.",
     ("government", "attack", "Kafr Nabl")),
    ("Kafr Nabl was lost to ISIS on Tuesday.", ("isil", "capture", "Kafr Nabl")),
    ("Qaryatayn was brought under government control on Tuesday.", ("government", "capture", "Qaryatayn")),
    ("The army's entry into Kafr Nabl on Tuesday ended a month of fighting.", ("government", "advance", "Kafr Nabl")),
    ("An ISIS ambush near Qaryatayn on Tuesday killed 10 soldiers.", ("isil", "attack", "Qaryatayn")),
    ("Government helicopters strafed Kafr Nabl on Tuesday.", ("government", "airstrike", "Kafr Nabl")),
    ("The Turkish army invaded Tell Abyad on Tuesday.", ("rebels", "attack", "Tell Abyad")),
    ("The army extended its control to Qaryatayn on Tuesday.", ("government", "capture", "Qaryatayn")),
    ("The army pressed on towards Qaryatayn on Monday. The town fell without a fight on Tuesday.",
     ("government", "capture", "Qaryatayn")),
    ("The army said on Tuesday that the national flag was now flying over Qaryatayn.",
     ("government", "capture", "Qaryatayn")),
    ("Army units pursued the remnants of the terrorists in Kafr Nabl on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("Helicopter gunships fired on rebel positions in Kafr Nabl on Tuesday.", ("government", "airstrike", "Kafr Nabl")),
    ("The army reconquered Kafr Nabl on Tuesday.", ("government", "recapture", "Kafr Nabl")),
    ("The rebels re-took Kafr Nabl on Tuesday.", ("rebels", "recapture", "Kafr Nabl")),
    ("Rebels over-ran Kafr Nabl on Tuesday.", ("rebels", "capture", "Kafr Nabl")),
    ("The army subjected Kafr Nabl to heavy artillery fire on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("Government forces kept up mortar fire on Kafr Nabl on Tuesday.", ("government", "attack", "Kafr Nabl")),
    # driven out by a side: that side took the place (not an assault beaten back)
    ("ISIS fighters were forced out of Qaryatayn by the army on Tuesday.", ("government", "capture", "Qaryatayn")),
])
def test_a_way_of_telling_an_event(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "The army freed 40 hostages held in Raqqa on Tuesday.",
    "Rescue teams recovered the bodies of 12 soldiers near Qaryatayn on Tuesday.",
    "The army recovered from its losses near Qaryatayn within a week.",
    "Security forces opened fire on protesters in Kafr Nabl on Tuesday.",
    "The recruits completed their training near Qaryatayn on Tuesday.",
    "The army will continue to fight ISIS near Qaryatayn until it is defeated.",
    "The minister's plane departed from Damascus on Tuesday.",
    "The army came under pressure near Qaryatayn on Tuesday.",
    "The entry into force of the truce on Tuesday brought calm to Kafr Nabl.",
])
def test_words_that_tell_no_event_here(text):
    assert read(text) == []


def test_a_present_fight_after_recalled_events_is_dated_now():
    events = read("In early May the army took Kafr Nabl. The army continues to fight ISIS near Qaryatayn, "
                  "the ministry said.", date(2017, 6, 20))
    fight = [e for e in events if e.place == "Qaryatayn"][0]
    assert (fight.action, fight.date_start) == ("attack", date(2017, 6, 20))


@pytest.mark.parametrize("text, expected", [
    ("HTS said it had destroyed two army tanks near Kafr Nabl on Tuesday.", ("hts", "attack", "Kafr Nabl")),
    ("The rebels claimed to have destroyed an army checkpoint outside Kafr Nabl on Tuesday.",
     ("rebels", "attack", "Kafr Nabl")),
])
def test_destroying_the_enemys_arms_or_posts_is_a_fight(text, expected):
    assert expected in summary(read(text))


def test_destroying_what_is_not_an_arm_is_no_fight():
    assert read("The flood destroyed dozens of houses near Kafr Nabl on Tuesday.") == []


@pytest.mark.parametrize("text", [
    "ISIS militants tried to storm army positions near Qaryatayn on Tuesday, but the attack was repulsed.",
    "On Tuesday ISIS fighters attempted to break through army lines near Qaryatayn but were beaten back.",
])
def test_an_attempt_answered_in_its_sentence_is_a_repel_by_the_defender(text):
    assert ("government", "repel", "Qaryatayn") in summary(read(text))


def test_an_attempt_alone_is_no_event():
    assert read("ISIS militants tried to storm army positions near Qaryatayn on Tuesday.") == []


def test_a_raid_by_warplanes_is_an_airstrike():
    assert ("government", "airstrike", "Kafr Nabl") in summary(
        read("Monitors said a raid by government helicopters on Kafr Nabl on Tuesday killed two civilians."))


def test_the_long_form_of_a_factions_name_does_not_hide_the_province():
    # "Harakat ... al-Islamiyya" around a known side name is that side, not an unknown village
    # that the province would only locate.
    events = read("On 8 June HTS fighters clashed with Harakat Ahrar al-Sham al-Islamiyya once more in Hama Governorate.")
    assert ("hts", "clash", "Hama Governorate") in summary(events)


# --- places told by a word standing for them ----------------------------------------------

def test_there_stands_for_the_place_just_spoken_of():
    events = read("The rebels took Kafr Nabl in May. Heavy fighting broke out there on 6 June between the army and "
                  "the rebels.")
    assert ("government", "clash", "Kafr Nabl") in summary(events) or ("rebels", "clash", "Kafr Nabl") in summary(events)


@pytest.mark.parametrize("second, stands", [
    ("Fighting raged there on Monday.", ["Kafr Nabl"]),
    ("The rebels there pulled out on Monday.", ["Kafr Nabl"]),
    ("There were clashes on Monday.", []),
    ("The militants moved on from there on Monday.", []),
    ("Here and there shops reopened on Monday.", []),
])
def test_there_stands_for_a_place_only_where_it_is_one(second, stands):
    from events.placing import PlaceRef, find_anaphors
    from gazetteer.place import Place

    first = "The rebels took Kafr Nabl in May. "
    text = first + second
    town = Place("Kafr Nabl", 35.61, 36.56, "town", None, "test", 2.0)
    named = PlaceRef(first.index("Kafr"), first.index(" in May"), town)
    found = find_anaphors(text, len(first), len(text), [], [(0, named)], 1, salient=frozenset({"Kafr Nabl"}))
    assert [ref.place.name for ref in found] == stands


def test_control_of_it_is_the_place_entered_before():
    events = read("The army entered Kafr Nabl on 5 June and completed its control of it on 7 June.")
    assert [(e.action, e.place, e.date_start) for e in events] == [
        ("advance", "Kafr Nabl", date(2017, 6, 5)), ("capture", "Kafr Nabl", date(2017, 6, 7))]


def test_the_town_is_not_a_place_the_report_calls_a_city():
    events = read("Rebels seized the town of Kafr Nabl on 5 June; a week earlier they had taken Idlib city. "
                  "Army commanders stated that the troops had redeployed to new positions west of the town.")
    withdrawal = [e for e in events if e.action == "withdraw"]
    # (positions west of the town are where the troops went: the town is the place they left)
    assert [(e.actor, e.place) for e in withdrawal] == [("government", "Kafr Nabl")]


def test_civilians_trapped_in_a_place_are_no_encirclement():
    events = read("The army took Raqqa on 5 June. Thousands of civilians were trapped there for weeks.")
    assert [e.action for e in events] == ["capture"]


@pytest.mark.parametrize("text, place", [
    ("Syrian troops liberated Kafr Nabl on 5 June. Militants shelled the settlement on 7 June.", "Kafr Nabl"),
    ("The SDF entered the Mashlab district on 5 June. ISIS counter-attacked in the quarter on 7 June.", "Mashlab"),
    ("The army stormed Tal Sheikh hill on 5 June. ISIS retook the hill on 7 June.", "Tal Sheikh"),
    ("The rebels held Kafr Nabl on 5 June. The army stormed the rebel bastion on 7 June.", "Kafr Nabl"),
])
def test_a_kind_word_stands_for_the_place_of_that_kind(text, place):
    from events.documents import parse_document
    from events.extract import extract
    from tests.test_events_extract import PLACES, finder_of

    extra = {"Mashlab": (35.95, 39.03, "district"), "Tal Sheikh": (35.5, 37.0, "hill")}
    document = parse_document(text.encode("utf-8"), "report.txt", doc_date=date(2017, 6, 10))
    events = list(extract(document, finder_of({**PLACES, **extra})).events)
    later = [e for e in events if e.date_start == date(2017, 6, 7)]
    assert [e.place for e in later] == [place]


def test_a_withdrawal_told_by_its_destination_leaves_the_place_lost():
    events = read("On Tuesday the militants fell back towards Idlib after losing Kafr Nabl to the army.")
    assert [(e.actor, e.action, e.place) for e in events if e.action == "withdraw"] == [("isil", "withdraw", "Kafr Nabl")]


@pytest.mark.parametrize("text", [
    "Rebel units entered Idlib early on Sunday without meeting resistance.",
    "The rebels took Kafr Nabl on 1 June. They entered Idlib on 3 June, and its defenders withdrew from Idlib a day later.",
])
def test_an_entry_unopposed_or_answered_by_the_defenders_leaving_is_a_capture(text):
    assert ("rebels", "capture", "Idlib") in summary(read(text))


def test_an_entry_after_fighting_stays_an_advance():
    assert summary(read("The army entered Qaryatayn on 5 June after heavy fighting.")) == [
        ("government", "advance", "Qaryatayn")]


def test_a_place_reported_to_be_under_a_sides_control_is_taken():
    assert ("government", "capture", "Qaryatayn") in summary(
        read("Troops moved into Qaryatayn on 6 June; two days later the town was said to be under full government control."))


def test_fighters_fleeing_are_described_not_withdrawing_on_the_attackers_side():
    events = read("On Tuesday soldiers shelled gatherings of militants fleeing towards Kafr Nabl.")
    assert [(e.actor, e.action) for e in events] == [("government", "attack")]


def test_ground_they_had_lost_is_the_object_of_the_retaking():
    events = read("The army took Qaryatayn on 5 June. ISIS fighters regained positions they had lost near the town on 7 June.")
    assert summary(events) == [("government", "capture", "Qaryatayn"), ("isil", "recapture", "Qaryatayn")]


def test_the_lost_positions_retaken_are_where_they_were_lost():
    events = read("On 3 June rebels stormed Kafr Nabl, capturing several checkpoints on its edge. On 4 June the army "
                  "hit back and recaptured most of the lost positions.")
    assert ("government", "recapture", "Kafr Nabl") in summary(events)


def test_the_area_after_a_push_into_a_place_is_that_place():
    from events.documents import parse_document
    from events.extract import extract
    from tests.test_events_extract import PLACES, finder_of

    text = ("Rebels held Kafr Nabl on 5 June. Regime troops pushed into the rebel-held district of Mashlab on 7 June, "
            "a day after warplanes pounded the area.")
    document = parse_document(text.encode("utf-8"), "report.txt", doc_date=date(2017, 6, 10))
    events = list(extract(document, finder_of({**PLACES, "Mashlab": (35.95, 39.03, "district")})).events)
    assert [e.place for e in events if e.action == "airstrike"] == ["Mashlab"]


@pytest.mark.parametrize("text, expected", [
    ("On Tuesday government troops managed to advance towards Kafr Nabl.", ("government", "advance", "Kafr Nabl")),
    ("On Tuesday the factions managed to advance and control the village of Kafr Nabl after heavy battles.",
     ("rebels", "capture", "Kafr Nabl")),
    ("Jets thought to be Russian carried out at least 20 raids on the outskirts of Kafr Nabl on Tuesday.",
     ("government", "airstrike", "Kafr Nabl")),
    # (the militants were besieged, they did not besiege)
    ("The army closed in on Qaryatayn on Monday. On Tuesday ISIS militants besieged in Qaryatayn asked the army for "
     "safe passage.", ("government", "siege", "Qaryatayn")),
])
def test_infinitives_of_deeds_and_raids_and_reduced_passives(text, expected):
    assert expected in summary(read(text))


def test_an_aim_to_control_a_village_is_no_event():
    assert read("The army aims to control the village of Kafr Nabl before the winter.") == []
