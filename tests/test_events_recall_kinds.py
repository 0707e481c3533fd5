"""Recall by kind: each test is one way reports tell an event, in several wordings (different
verbs, word orders, subjects and outlets' voices), with sentences of the same shape that must
stay silent beside it. All sentences are written for these tests.
"""
from __future__ import annotations

from datetime import date

import pytest

from tests.test_events_generalise import read, summary


# Kind: a place told as passing into a side's hands (the place the subject, the side the possessor).
@pytest.mark.parametrize("text, expected", [
    ("Qaryatayn passed into the hands of ISIS fighters on Tuesday.", ("isil", "capture", "Qaryatayn")),
    ("By Tuesday evening Kafr Nabl was back in rebel hands.", ("rebels", "capture", "Kafr Nabl")),
    ("On Tuesday Al-Bab fell into the hands of Turkish-backed rebels.", ("rebels", "capture", "Al-Bab")),
    ("Raqqa slipped into SDF hands on Tuesday.", ("sdf", "capture", "Raqqa")),
    ("Army units reached the edge of Qaryatayn on Monday. A day later the town was in their hands.",
     ("government", "capture", "Qaryatayn")),
])
def test_a_place_passing_into_a_sides_hands_is_its_capture(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "Kafr Nabl remained in rebel hands on Tuesday.",
    "Rebel leaders shook hands with army officers in Kafr Nabl on Tuesday.",
])
def test_a_place_staying_in_hands_or_hands_shaken_is_no_capture(text):
    assert [e for e in read(text) if e.action in ("capture", "recapture")] == []


# Kind: ground told as a noun, handed to the side after "to" ("the loss / handover / surrender
# of X to Y"), and the verb split by its object ("handed X over to Y").
@pytest.mark.parametrize("text, expected", [
    ("Rebel commanders admitted the loss of Kafr Nabl to the army on Tuesday.", ("government", "capture", "Kafr Nabl")),
    ("The loss of Qaryatayn to ISIS on Tuesday shocked Damascus.", ("isil", "capture", "Qaryatayn")),
    ("The handover of Al-Bab to Turkish-backed rebels was completed on Tuesday.", ("rebels", "capture", "Al-Bab")),
    ("State media hailed the surrender of Kafr Nabl to government forces on Tuesday.",
     ("government", "capture", "Kafr Nabl")),
    ("Under a deal agreed on Tuesday, the rebels handed Kafr Nabl over to the army.", ("government", "capture", "Kafr Nabl")),
    ("On Tuesday ISIS turned Qaryatayn over to the rebels without a fight.", ("rebels", "capture", "Qaryatayn")),
])
def test_ground_handed_over_as_a_noun_or_a_split_verb_goes_to_the_side_after_to(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "The loss of 20 soldiers in Qaryatayn on Tuesday angered Damascus.",
    "The army handed the bodies over to the Red Crescent in Kafr Nabl on Tuesday.",
    "The rebels handed their heavy weapons over to the army in Kafr Nabl on Tuesday.",
])
def test_losses_and_handovers_of_men_or_goods_are_no_capture(text):
    assert [e for e in read(text) if e.action in ("capture", "recapture")] == []


# Kind: a withdrawal told as a noun with its owner and the place left.
@pytest.mark.parametrize("text, expected", [
    ("The ISIS withdrawal from Qaryatayn on Tuesday was orderly.", ("isil", "withdraw", "Qaryatayn")),
    ("ISIS's retreat from Raqqa on Tuesday left mines in every street.", ("isil", "withdraw", "Raqqa")),
    ("The army's pull-out from Kafr Nabl on Tuesday surprised residents.", ("government", "withdraw", "Kafr Nabl")),
])
def test_a_sides_withdrawal_from_a_place_told_as_a_noun_is_an_event(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "Ankara demanded the withdrawal of the YPG from Tell Abyad on Tuesday.",
    "The rebels refused any withdrawal from Kafr Nabl on Tuesday.",
])
def test_a_withdrawal_demanded_or_refused_is_none(text):
    assert [e for e in read(text) if e.action == "withdraw"] == []


# Kind: a reduced passive in apposition, its time told before its agent.
@pytest.mark.parametrize("text, expected", [
    ("Raqqa, captured on Tuesday by the SDF, lies on the Euphrates.", ("sdf", "capture", "Raqqa")),
    ("Qaryatayn, retaken in May by government troops, was quiet on Tuesday.", ("government", "recapture", "Qaryatayn")),
    ("The town of Kafr Nabl, overrun late on Tuesday by the rebels, lies south of Idlib.",
     ("rebels", "capture", "Kafr Nabl")),
])
def test_a_participle_in_apposition_is_its_places_passive(text, expected):
    assert expected in summary(read(text))


def test_a_time_between_a_verb_and_its_object_keeps_the_verb_active():
    assert ("sdf", "capture", "Raqqa") in summary(read("The SDF captured on Tuesday the city of Raqqa."))


# Kind: the end of a siege told of the siege as a noun ("the siege of X was broken").
@pytest.mark.parametrize("text", [
    "The army pushed east along the highway. The long siege of Deir ez-Zor was broken on Tuesday.",
    "The siege of Deir ez-Zor was lifted by the army on Tuesday.",
    "The army broke the siege of Deir ez-Zor on Tuesday.",
])
def test_the_siege_of_a_place_broken_is_its_relief(text):
    assert ("government", "siege_lifted", "Deir ez-Zor") in summary(read(text))


# (Not a kind: "the battle for X" names a campaign far more often than a day's fight; on the
# tuning reports it added only extras.)


# Kind: rounds as the subject of where they landed.
@pytest.mark.parametrize("text, expected", [
    ("Government rockets slammed into Kafr Nabl on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("Rebel mortars landed in Qaryatayn on Tuesday, killing three.", ("rebels", "attack", "Qaryatayn")),
    ("ISIS shells rained down on Deir ez-Zor on Tuesday.", ("isil", "attack", "Deir ez-Zor")),
])
def test_rounds_landing_on_a_place_are_their_sides_attack(text, expected):
    assert expected in summary(read(text))


def test_other_things_falling_on_a_place_are_no_attack():
    assert read("Temperatures fell in Kafr Nabl on Tuesday.") == []


# Kind: an attempt answered in the same sentence by the defender, named in a passive's agent.
@pytest.mark.parametrize("text, expected", [
    ("ISIS fighters tried to storm the airport in Deir ez-Zor on Tuesday but were beaten back by the army.",
     ("government", "repel", "Deir ez-Zor")),
    ("ISIS attempted to break into Qaryatayn on Tuesday, but the attack was repulsed by the Republican Guard.",
     ("government", "repel", "Qaryatayn")),
    ("Government troops tried to advance on Kafr Nabl on Tuesday but were repelled by the rebels.",
     ("rebels", "repel", "Kafr Nabl")),
])
def test_an_attempt_repelled_by_a_named_defender_is_the_defenders_repel(text, expected):
    assert expected in summary(read(text))


# Kind: the defender holding against an attack ("held their ground against", "withstood",
# "stood firm against"), the attack one to three words after its determiner.
@pytest.mark.parametrize("text, expected", [
    ("Troops in Deir ez-Zor held their ground against a fierce ISIS assault on Tuesday.",
     ("government", "repel", "Deir ez-Zor")),
    ("Government troops in Qaryatayn withstood a new ISIS offensive on Tuesday.", ("government", "repel", "Qaryatayn")),
    ("The rebels in Kafr Nabl stood firm against repeated government attacks on Tuesday.",
     ("rebels", "repel", "Kafr Nabl")),
])
def test_holding_against_an_attack_is_a_repel(text, expected):
    assert expected in summary(read(text))


def test_holding_ground_with_no_attack_named_is_none():
    assert read("The army held its ground in Deir ez-Zor on Tuesday.") == []


# Kind: relief told as reaching the besieged (broke through to / linked up with / arrived at the
# besieged X).
@pytest.mark.parametrize("text, expected", [
    ("Government troops broke through to the besieged Jirah airbase on Tuesday.", ("government", "siege_lifted", "Jirah")),
    ("The army linked up with the besieged garrison of Deir ez-Zor on Tuesday.", ("government", "siege_lifted", "Deir ez-Zor")),
    ("On Tuesday army units fought their way through to the encircled troops in Deir ez-Zor.",
     ("government", "siege_lifted", "Deir ez-Zor")),
    ("Rebel reinforcements arrived at the besieged districts of Idlib on Tuesday.", ("rebels", "siege_lifted", "Idlib")),
])
def test_reaching_the_besieged_is_the_siege_lifted(text, expected):
    assert any(s[:2] == expected[:2] and expected[2] in (s[2] or "") for s in summary(read(text)))


# Kind: a place told as being under a siege, the besieger before "siege" or after "by".
@pytest.mark.parametrize("text, expected", [
    ("Kafr Nabl has been under a suffocating government siege since May, and food ran out on Tuesday.",
     ("government", "siege", "Kafr Nabl")),
    ("On Tuesday Qaryatayn was still under a months-long siege by government forces.", ("government", "siege", "Qaryatayn")),
    ("Deir ez-Zor, under an ISIS siege for three years, got an airdrop of food on Tuesday.",
     ("isil", "siege", "Deir ez-Zor")),
])
def test_a_place_under_a_sides_siege_is_besieged_by_it(text, expected):
    assert expected in summary(read(text))


# Kind: a place coming (back) under a side's control, authority or rule.
@pytest.mark.parametrize("text, expected", [
    ("Kafr Nabl came back under government authority on Tuesday under a reconciliation deal.",
     ("government", "capture", "Kafr Nabl")),
    ("On Tuesday Qaryatayn was once again under government control.", ("government", "capture", "Qaryatayn")),
    ("Raqqa fell under ISIS rule on Tuesday, residents said.", ("isil", "capture", "Raqqa")),
])
def test_a_place_coming_under_a_sides_authority_is_taken_by_it(text, expected):
    assert expected in summary(read(text))


# Kind: a deal told by the side giving the place up (agreed to leave / to hand over its weapons /
# accepted a settlement), or the deal itself taking effect: the other party takes the place
# where the giving side is, not where it goes.
@pytest.mark.parametrize("text, expected", [
    ("On Tuesday the rebels in Kafr Nabl agreed to evacuate to Idlib under a deal brokered by Russia.",
     ("government", "capture", "Kafr Nabl")),
    ("Rebel factions in Qaryatayn agreed on Tuesday to hand over their heavy weapons and let the army return.",
     ("government", "capture", "Qaryatayn")),
    ("Opposition fighters in Kafr Nabl accepted a reconciliation deal with the government on Tuesday.",
     ("government", "capture", "Kafr Nabl")),
    ("A local settlement deal between the government and rebels in Kafr Nabl took effect on Tuesday.",
     ("government", "capture", "Kafr Nabl")),
])
def test_a_deal_giving_a_place_up_is_its_capture_by_the_other_party(text, expected):
    assert summary(read(text)) == [expected]


@pytest.mark.parametrize("text", [
    "Rebels in Kafr Nabl rejected a reconciliation deal on Tuesday.",
    "Rebels in Kafr Nabl refused to surrender on Tuesday.",
    "Rebels in Kafr Nabl agreed on Tuesday to evacuate the wounded to Idlib.",
    "The rebels will agree to reconcile with the government in Kafr Nabl next week.",
    "Talks on a deal for Kafr Nabl broke down on Tuesday.",
])
def test_a_deal_refused_planned_or_for_others_gives_nothing_up(text):
    assert read(text) == []


# Kind: a retaking told with the verb split by its object ("won the town back", "took X back").
@pytest.mark.parametrize("text, expected", [
    ("Rebels took Kafr Nabl on Monday. Government troops won the town back on Tuesday.",
     ("government", "recapture", "Kafr Nabl")),
    ("On Tuesday the army took Qaryatayn back from ISIS.", ("government", "recapture", "Qaryatayn")),
    ("ISIS seized Deir ez-Zor airport back from the army on Tuesday.", ("isil", "recapture", "Deir ez-Zor")),
])
def test_a_verb_split_by_its_object_and_back_is_a_retaking(text, expected):
    assert expected in summary(read(text))


def test_men_taken_back_with_them_are_no_retaking():
    assert read("Rebels took 20 prisoners back with them from Kafr Nabl on Tuesday.") == []


# Kind: a named place stormed is told as taken; positions stormed are an attack.
@pytest.mark.parametrize("text, expected", [
    ("Rebels stormed Kafr Nabl on Tuesday after a week-long siege.", ("rebels", "capture", "Kafr Nabl")),
    ("On Tuesday the army stormed Qaryatayn, ending two years of ISIS rule there.", ("government", "capture", "Qaryatayn")),
    ("The town fell days after government troops stormed Al-Bab, the last ISIS bastion nearby.",
     ("government", "capture", "Al-Bab")),
])
def test_a_named_place_stormed_is_taken(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "ISIS stormed army positions near Qaryatayn on Tuesday.",
    "ISIS stormed Qaryatayn's museum on Tuesday.",
])
def test_positions_or_a_building_stormed_are_an_attack(text):
    assert summary(read(text)) == [("isil", "attack", "Qaryatayn")]


# Kind: "secure" as an adjective ("a secure line", "is now secure") takes nothing.
@pytest.mark.parametrize("text", [
    "The offensive gives the army a secure line between Raqqa and Deir ez-Zor.",
    "The army now holds a secure corridor to Qaryatayn.",
    "The road to Qaryatayn is now secure, the army said.",
])
def test_secure_as_an_adjective_is_no_capture(text):
    assert read(text) == []


def test_secure_as_a_verb_still_takes():
    assert ("government", "capture", "Qaryatayn") in summary(read("Troops secured Qaryatayn on Tuesday."))


# Kind: an area split into pockets: each pocket's place is cut off.
@pytest.mark.parametrize("text, places", [
    ("On Tuesday government troops divided the besieged area into three isolated parts, around Kafr Nabl, "
     "Qaryatayn and Idlib.", {"Kafr Nabl", "Qaryatayn", "Idlib"}),
    ("The army split the rebel enclave into two pockets around Kafr Nabl and Qaryatayn on Tuesday.",
     {"Kafr Nabl", "Qaryatayn"}),
    ("On Tuesday the SDF advance cut the ISIS-held zone in two near Raqqa.", {"Raqqa"}),
])
def test_an_area_split_into_pockets_encircles_them(text, places):
    assert {e.place for e in read(text) if e.action == "encircle"} == places


@pytest.mark.parametrize("text", [
    "The rebels split into two factions in Idlib on Tuesday.",
    "The army divided its forces into two groups near Raqqa on Tuesday.",
    "On Tuesday the army cut the rebel-held pocket in Raqqa in two and pushed on.",
])
def test_sides_splitting_themselves_encircle_nothing(text):
    assert read(text) == []


# Kind: an attack pushed back ("beat back an assault", "threw back counter-attacks"): the subject
# repels it (a side pushed back is that side's withdrawal, as before).
@pytest.mark.parametrize("text, expected", [
    ("On Tuesday the rebels holding Kafr Nabl beat back a fierce ISIS assault from the east.",
     ("rebels", "repel", "Kafr Nabl")),
    ("On Tuesday the SDF drove back repeated ISIS counter-attacks near Raqqa.", ("sdf", "repel", "Raqqa")),
    ("Government troops threw back an ISIS offensive against Qaryatayn on Tuesday.", ("government", "repel", "Qaryatayn")),
])
def test_an_attack_pushed_back_is_repelled(text, expected):
    assert summary(read(text)) == [expected]


def test_a_side_pushed_back_still_withdraws():
    assert ("isil", "withdraw", "Raqqa") in summary(read("The SDF pushed ISIS back from Raqqa on Tuesday."))


# Kind (a non-event): a move told as a noun and judged likely or unlikely after it.
@pytest.mark.parametrize("second", [
    "We assess a push into Idlib as unlikely before the winter.",
    "An assault on Qaryatayn is unlikely before the spring, officials said.",
    "A rebel offensive against Idlib looks imminent, a monitor said.",
    "Analysts see a push into Qaryatayn as more likely after the summer.",
])
def test_a_move_judged_likely_or_unlikely_is_no_event(second):
    assert summary(read("Rebels overran Kafr Nabl on Tuesday. " + second)) == [("rebels", "capture", "Kafr Nabl")]


def test_a_move_told_as_begun_stays_an_event():
    assert ("sdf", "attack", "Raqqa") in summary(read("The SDF offensive against Raqqa started on Tuesday."))


# Kind: moving towards a place, in any of the movement verbs (press / draw / creep towards, moved
# or got within N km of), and the noun's advance going on ("gathered pace").
@pytest.mark.parametrize("text", [
    "Army units pressed towards Qaryatayn on Tuesday.",
    "The army drew closer to Qaryatayn on Tuesday.",
    "Government troops crept towards Qaryatayn under heavy fire on Tuesday.",
    "The army moved within five kilometres of Qaryatayn on Tuesday.",
    "The army's advance towards Qaryatayn gathered pace on Tuesday.",
])
def test_movement_towards_a_place_is_an_advance(text):
    assert ("government", "advance", "Qaryatayn") in summary(read(text))


@pytest.mark.parametrize("text", [
    "The army pressed charges against smugglers in Qaryatayn on Tuesday.",
    "The talks drew to a close in Damascus on Tuesday.",
])
def test_movement_words_in_other_senses_are_no_advance(text):
    assert read(text) == []


# Kind: fire traded, a vehicle bomb set off, victory declared, a clearance completed.
@pytest.mark.parametrize("text, expected", [
    ("The army and the rebels traded fire near Kafr Nabl on Tuesday.", "clash"),
    ("ISIS detonated an SVBIED at an army checkpoint in Qaryatayn on Tuesday.", "attack"),
    ("The SDF declared victory in Raqqa on Tuesday.", "capture"),
    ("The SDF completed its clearance of Raqqa on Tuesday.", "capture"),
])
def test_other_words_for_fights_and_captures(text, expected):
    assert expected in {e.action for e in read(text)}


def test_clearing_mines_is_no_capture():
    assert read("Engineers began the clearance of mines in Raqqa on Tuesday.") == []


# Kind: a place named again by a kind word with a describing adjective ("the ancient city", "the
# devastated town"), or by a synonym of its kind ("the airfield" for an airbase).
@pytest.mark.parametrize("text, expected", [
    ("Government troops reached the edge of Qaryatayn on Monday. The ancient town fell to the army on Tuesday.",
     ("government", "capture", "Qaryatayn")),
    ("The rebels shelled Kafr Nabl on Monday. On Tuesday they stormed the devastated town.",
     ("rebels", "attack", "Kafr Nabl")),
    ("ISIS besieged Jirah airbase on Monday. Government warplanes struck militants around the airfield on Tuesday.",
     ("government", "airstrike", "Jirah airbase")),
])
def test_a_kind_word_with_an_adjective_or_a_synonym_names_the_place_again(text, expected):
    assert expected in summary(read(text))


def test_the_next_town_is_another_town():
    events = read("The army took Qaryatayn on Monday. On Tuesday it pushed on and shelled the next town.")
    assert [e.place for e in events if e.action == "attack"] == []


# Kind: a flag raised "there": the place just named is taken.
@pytest.mark.parametrize("text", [
    "Government troops entered Qaryatayn on Tuesday and raised the national flag there.",
    "The army shelled Qaryatayn on Monday. Troops reached the town on Tuesday and hoisted the flag there.",
])
def test_a_flag_raised_there_is_a_capture(text):
    assert ("government", "capture", "Qaryatayn") in summary(read(text))


# Kind: a sentence-opening participle ("Seized by Y after ..., X ..."): its patient is the main
# clause's subject after the comma, whatever stands between the agent and the comma.
@pytest.mark.parametrize("text, expected", [
    ("Seized by ISIS fighters after a week of fighting, Qaryatayn fell silent on Tuesday.", ("isil", "capture", "Qaryatayn")),
    ("Surrounded on three sides by government troops, Kafr Nabl was running out of food on Tuesday.",
     ("government", "encircle", "Kafr Nabl")),
    ("Overrun by the rebels after a three-day assault, the town of Kafr Nabl was quiet on Tuesday.",
     ("rebels", "capture", "Kafr Nabl")),
])
def test_an_opening_participle_is_told_of_the_subject_after_its_comma(text, expected):
    assert expected in summary(read(text))


# Kind: a siege's end in any of its nouns (siege, blockade, encirclement, cordon), a corridor
# opened to the besieged, and the end told as a noun with its agent after "by".
@pytest.mark.parametrize("text", [
    "The army broke the ISIS encirclement of Deir ez-Zor on Tuesday.",
    "On Tuesday the army ended the three-year blockade of Deir ez-Zor.",
    "Army units opened a corridor to the besieged city of Deir ez-Zor on Tuesday.",
    "The army lifted the ISIS blockade on Deir ez-Zor on Tuesday.",
    "State television hailed the lifting of the siege of Deir ez-Zor by the army on Tuesday.",
])
def test_a_siege_ended_in_any_of_its_words_is_lifted(text):
    assert ("government", "siege_lifted", "Deir ez-Zor") in summary(read(text))


def test_a_corridor_opened_for_civilians_from_a_town_lifts_no_siege():
    assert [e for e in read("The army opened a corridor for civilians leaving Kafr Nabl on Tuesday.")
            if e.action == "siege_lifted"] == []


# Kind: a place under fire, the attacker named in the attack or after "by / from".
@pytest.mark.parametrize("text, expected", [
    ("Kafr Nabl came under heavy government shelling on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("Qaryatayn came under rebel rocket fire on Tuesday.", ("rebels", "attack", "Qaryatayn")),
    ("Kafr Nabl came under fire from government forces on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("The airport in Deir ez-Zor was the target of repeated ISIS attacks on Tuesday.", ("isil", "attack", "Deir ez-Zor")),
])
def test_a_place_under_a_sides_fire_is_attacked_by_it(text, expected):
    assert expected in summary(read(text))


def test_a_target_of_no_attack_is_none():
    assert read("The hospital in Kafr Nabl was the target of a fundraising campaign on Tuesday.") == []


# Kind: an attack told as a noun with its place after "of" and its agent after "by", carried on by
# the verb after it ("the shelling of X by Y continued").
@pytest.mark.parametrize("text, expected", [
    ("The shelling of Kafr Nabl by government artillery continued on Tuesday.", ("government", "attack", "Kafr Nabl")),
    ("The assault by ISIS on Deir ez-Zor airport began on Tuesday.", ("isil", "attack", "Deir ez-Zor")),
    ("The bombing of Qaryatayn by government jets resumed on Tuesday.", ("government", "airstrike", "Qaryatayn")),
])
def test_an_attack_noun_with_of_and_by_carried_on_is_an_event(text, expected):
    assert any(s[:2] == expected[:2] and expected[2] in s[2] for s in summary(read(text)))


def test_an_attack_noun_remembered_is_none():
    assert read("The shelling of Kafr Nabl in 2013 is remembered every year.") == []


# Kind: a loss told by the loser without its taker: "X had been lost", "suffered the loss of X";
# the other side of the story takes it.
@pytest.mark.parametrize("text, expected", [
    ("ISIS launched an assault on Qaryatayn on Monday. On Tuesday the town was lost, the army admitted.",
     ("isil", "capture", "Qaryatayn")),
    ("ISIS fighters attacked Qaryatayn on Monday. By Tuesday Qaryatayn had been lost.", ("isil", "capture", "Qaryatayn")),
    ("Rebels suffered the loss of Kafr Nabl on Tuesday after a week of government attacks.",
     ("government", "capture", "Kafr Nabl")),
])
def test_a_loss_told_by_the_loser_is_the_other_sides_capture(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("text", [
    "Rebels attacked Kafr Nabl on Monday. Contact with the unit in Kafr Nabl was lost on Tuesday.",
    "The loss of Kafr Nabl is another blow to the rebels, analysts said on Tuesday.",
])
def test_contact_lost_or_a_loss_named_in_passing_is_no_capture(text):
    assert [e for e in read(text) if e.action in ("capture", "recapture")] == []


# Kind: gapping after a passive or "fell to" ("A was taken by Y on T1, B on T2", "A fell to Y in
# March, B in August"): the verb left out before B, which has a date of its own.
@pytest.mark.parametrize("text, expected", [
    ("Qaryatayn was captured by ISIS on 3 June, Kafr Nabl on 5 June.",
     [("isil", "Qaryatayn", date(2017, 6, 3)), ("isil", "Kafr Nabl", date(2017, 6, 5))]),
    ("Raqqa fell to the SDF in March, Tell Abyad in May.",
     [("sdf", "Raqqa", date(2017, 3, 1)), ("sdf", "Tell Abyad", date(2017, 5, 1))]),
    ("The rebels took Kafr Nabl on 3 June, Al-Bab on 5 June.",
     [("rebels", "Kafr Nabl", date(2017, 6, 3)), ("rebels", "Al-Bab", date(2017, 6, 5))]),
])
def test_a_place_with_its_own_date_after_a_comma_shares_the_verb_left_out(text, expected):
    got = sorted((e.actor, e.place, e.date_start) for e in read(text) if e.action in ("capture", "recapture"))
    assert got == sorted(expected)


def test_a_speaker_after_the_comma_is_no_gapped_place():
    events = read("The army took Qaryatayn on 3 June, Damascus said on 5 June.")
    assert [(e.place, e.date_start) for e in events] == [("Qaryatayn", date(2017, 6, 3))]


@pytest.mark.parametrize("text, expected", [
    ("By Tuesday the rebels were back in control of Kafr Nabl.", ("rebels", "capture", "Kafr Nabl")),
    ("On Tuesday the army was once again in full control of Qaryatayn.", ("government", "capture", "Qaryatayn")),
])
def test_a_side_back_in_control_of_a_place_has_taken_it(text, expected):
    assert expected in summary(read(text))
