"""Who acts and what kind of event it is, by kind of wording (sentences written for these tests,
each kind in several wordings, none taken from a report): a group's own name that begins with
"Army of", an alliance called a "coalition", aircraft over an insurgent theatre, the ground a
recapture verb takes back described by its earlier loss, the side a text follows after a place
told as taken.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.actors import find_sides
from events.documents import parse_document
from events.extract import extract
from gazetteer.place import Mention, Place

# name -> (lat, lon, governorate)
PLACES = {
    "Jisr al-Shughur": (35.81, 36.32, "Idlib"), "Khan Shaykhun": (35.44, 36.65, "Idlib"),
    "Saraqib": (35.86, 36.80, "Idlib"), "Kafr Nabudah": (35.43, 36.49, "Hama"), "Douma": (33.57, 36.40, "Rif Dimashq"),
    "Daraya": (33.46, 36.24, "Rif Dimashq"), "Adra": (33.60, 36.52, "Rif Dimashq"), "Palmyra": (34.56, 38.28, "Homs"),
    "Sukhnah": (34.89, 38.87, "Homs"), "Tabqa": (35.83, 38.55, "Raqqa"), "Raqqa": (35.95, 39.01, "Raqqa"),
    "Afrin": (36.51, 36.87, "Aleppo"), "Rajo": (36.66, 36.68, "Aleppo"), "Jandairis": (36.39, 36.69, "Aleppo"),
    "Bulbul": (36.68, 36.78, "Aleppo"), "Idlib": (35.93, 36.63, "Idlib"), "Daraa": (32.62, 36.10, "Daraa"),
    "Manbij": (36.53, 37.95, "Aleppo"), "Rabia": (35.82, 36.03, "Latakia"),
}


def finder(text: str) -> list[Mention]:
    found: list[Mention] = []
    for name in sorted(PLACES, key=len, reverse=True):
        lat, lon, governorate = PLACES[name]
        at = text.find(name)
        while at >= 0:
            if not any(at < m.end and m.start < at + len(name) for m in found):
                found.append(Mention(at, at + len(name), name, Place(name, lat, lon, "town", governorate, "test", 2.0,
                                                                     id=f"t:{name}")))
            at = text.find(name, at + 1)
    return sorted(found, key=lambda m: m.start)


def read(text: str, when: date = date(2017, 6, 10)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def told(events, place: str) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in events if e.place == place]


# --- a group's own name beginning "Army of" is not the state's army ---------------------------

@pytest.mark.parametrize("text, place, actor", [
    ("The Army of Conquest seized Jisr al-Shughur on Saturday.", "Jisr al-Shughur", "hts"),
    ("On Monday fighters of the Army of Islam shelled Adra from their positions.", "Adra", "rebels"),
    ("Units of the Army of Glory attacked Kafr Nabudah before dawn.", "Kafr Nabudah", "rebels"),
    ("An Army of the Mujahideen brigade stormed Saraqib, the group said.", "Saraqib", "rebels"),
    # the state's army told with whose it is stays the state's
    ("The army of the Syrian regime shelled Douma on Sunday.", "Douma", "government"),
    ("On Friday the army took Khan Shaykhun.", "Khan Shaykhun", "government"),
])
def test_a_groups_name_beginning_army_of_is_that_group(text, place, actor):
    assert [a for a, _ in told(read(text, date(2016, 5, 1)), place)] == [actor]


def test_an_unknown_army_of_name_is_no_side_at_all():
    assert [s.faction for s in find_sides("The Army of the Free North moved in.") if s.faction] == []


# --- an alliance of armed groups called a coalition ------------------------------------------

@pytest.mark.parametrize("text, place, actor", [
    ("A coalition of Islamist groups led by the Nusra Front captured Jisr al-Shughur on Saturday.",
     "Jisr al-Shughur", "hts"),
    ("On Sunday the Jaish al-Fatah coalition overran Saraqib.", "Saraqib", "hts"),
    ("The operations room, a coalition dominated by HTS, attacked Kafr Nabudah.", "Kafr Nabudah", "hts"),
    ("A new coalition of factions including Jaysh al-Islam shelled Adra.", "Adra", "rebels"),
])
def test_a_coalition_of_armed_groups_is_the_side_leading_or_making_it(text, place, actor):
    assert [a for a, _ in told(read(text, date(2015, 5, 1)), place)] == [actor]


def test_the_alliances_later_bare_coalition_is_that_side_until_the_us_led_one_is_named():
    events = read("A coalition of rebel groups led by Ahrar al-Sham took Idlib on Tuesday. On Thursday the coalition "
                  "advanced on Saraqib. Far to the east, the US-led coalition bombed Raqqa; the coalition also hit Tabqa.",
                  date(2015, 4, 2))
    assert told(events, "Saraqib") == [("rebels", "advance")]
    assert told(events, "Raqqa") == [("coalition", "airstrike")]
    assert told(events, "Tabqa") == [("coalition", "airstrike")]


def test_the_us_led_coalition_strikes_from_the_air():
    for text in ("The coalition struck ISIS positions in Raqqa on Monday.", "Coalition forces hit Tabqa overnight.",
                 "On Sunday the US-led coalition targeted a headquarters in Raqqa."):
        assert {action for _, action in told(read(text), "Raqqa") + told(read(text), "Tabqa")} == {"airstrike"}, text


# --- aircraft over an insurgent theatre -----------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("Warplanes pounded Khan Shaykhun on Monday.", "Khan Shaykhun"),
    ("On Tuesday helicopters dropped barrel bombs on Saraqib.", "Saraqib"),
    ("Jets struck the outskirts of Jisr al-Shughur overnight.", "Jisr al-Shughur"),
    ("Aircraft bombed Daraya for a third day.", "Daraya"),
])
def test_unnamed_aircraft_over_rebel_ground_are_not_the_rebels(text, place):
    # The theatre says whose men hold the ground (HTS and rebels in Idlib); they fly no aircraft.
    assert told(read(text, date(2019, 5, 20)), place) == [("government", "airstrike")]


# --- ground a recapture verb takes back, described by its loss -------------------------------

@pytest.mark.parametrize("text, place, actor", [
    ("The army regained ground lost near Palmyra on Sunday.", "Palmyra", "government"),
    ("Government troops recovered positions lost to ISIS around Sukhnah.", "Sukhnah", "government"),
    ("The SDF retook the villages that had been lost near Tabqa.", "Tabqa", "sdf"),
    ("Rebels won back most of the areas lost earlier around Daraa.", "Daraa", "rebels"),
])
def test_ground_taken_back_told_by_its_loss_is_the_recapture_not_a_loss(text, place, actor):
    assert told(read(text), place) == [(actor, "recapture")]


def test_a_loss_told_as_the_main_verb_is_still_a_loss():
    assert told(read("The army lost Sukhnah to ISIS on Friday."), "Sukhnah") == [("isil", "capture")]


# --- the side a text follows after a place told as taken -----------------------------------

@pytest.mark.parametrize("text", [
    "Turkish troops and the FSA took Bulbul on Monday. The YPG fled towards Rajo. Later Rajo was liberated. "
    "The forces then advanced on Jandairis.",
    "The Syrian National Army drove the YPG out of Bulbul. The militia withdrew from Rajo, and Rajo was captured "
    "soon after. Pushing south, the attackers advanced on Jandairis.",
])
def test_after_a_place_falls_to_the_winner_the_text_follows_the_winner(text):
    events = read(text, date(2018, 2, 20))
    assert told(events, "Jandairis") == [("rebels", "advance")]


# --- an event named as a subject and told as future or possible -----------------------------

@pytest.mark.parametrize("text", [
    "Capturing Raqqa will take months, the coalition warned.",
    "Retaking Palmyra could cost the army hundreds of men.",
    "Storming Tabqa is expected to be difficult, SDF commanders say.",
    "Encircling Sukhnah would cut the jihadists' supply lines, analysts said.",
])
def test_a_gerund_subject_told_as_future_is_no_event(text):
    assert read(text) == []


def test_a_gerund_opening_a_clause_of_a_done_event_still_tells_it():
    assert told(read("Advancing from the south, the army took Sukhnah on Friday."), "Sukhnah") == \
        [("government", "capture")]


# --- a definite description of an armed group names the armed group named last -------------

@pytest.mark.parametrize("text, place, expected", [
    ("The army drove ISIS out of Sukhnah on Monday. The group withdrew towards Palmyra.", "Sukhnah",
     ("isil", "withdraw")),
    ("Government troops pushed HTS back from Khan Shaykhun. The hardline faction pulled out of Saraqib on Friday.",
     "Saraqib", ("hts", "withdraw")),
    # a state's army is no "group": the armed group named before it is meant
    ("HTS attacked the army near Saraqib at dawn. Hours later the group took Khan Shaykhun.", "Khan Shaykhun",
     ("hts", "capture")),
])
def test_the_group_or_the_militia_is_the_armed_group_named_last(text, place, expected):
    assert expected in told(read(text, date(2019, 6, 1)), place)


# --- whom a speaker accuses of an event acts, not the accuser -------------------------------

@pytest.mark.parametrize("text, place, actor, action", [
    ("Opposition spokesmen accused Russian warplanes of pounding Saraqib all week to open a road for the army.",
     "Saraqib", "government", "airstrike"),
    ("The SDF accused Turkish-backed factions of shelling Manbij on Monday.", "Manbij", "rebels", "attack"),
    ("On Sunday activists accused government helicopters of dropping barrel bombs on Daraya.", "Daraya",
     "government", "airstrike"),
    ("Opposition groups blamed Russian jets for the bombing of Kafr Nabudah.", "Kafr Nabudah", "government",
     "airstrike"),
    ("Turkish officials accused the YPG of attacking Afrin's outskirts.", "Afrin", "sdf", "attack"),
    ("The opposition held the regime responsible for the bombing of Douma.", "Douma", "government", "attack"),
])
def test_the_accused_side_acts(text, place, actor, action):
    events = read(text, date(2019, 5, 20))
    assert told(events, place) == [(actor, action)]
    assert all(e.certainty != "stated" for e in events if "responsible" not in text)


def test_a_side_holding_a_place_is_no_accusation():
    assert told(read("ISIS held Raqqa for three years before the SDF took it."), "Raqqa") == [("sdf", "capture")]


# --- a list of sides as the subject: the first named acts (as the leader), none is the target ---

@pytest.mark.parametrize("text, actor", [
    ("HTS and the National Front for Liberation retook Kafr Nabudah on Monday.", "hts"),
    ("On Monday, Jaysh al-Izza and Hayat Tahrir al-Sham recaptured Kafr Nabudah.", "rebels"),
    ("Fighters of Jaysh al-Izza and HTS stormed Kafr Nabudah before dawn.", "rebels"),
    ("At dawn a joint assault by HTS and Jaysh al-Izza regained Kafr Nabudah.", "hts"),
])
def test_a_list_of_sides_as_subject_is_its_first(text, actor):
    events = [e for e in read(text, date(2019, 5, 28)) if e.place == "Kafr Nabudah"]
    assert [e.actor for e in events] == [actor]
    assert all(e.target == "government" for e in events)


# --- an attack beaten back is repelled by whoever beat it back -----------------------------

@pytest.mark.parametrize("text, place, actor", [
    ("Rebels holding Daraa beat back a government assault on the city at the weekend.", "Daraa", "rebels"),
    ("The army drove back a fresh ISIS offensive on Palmyra on Tuesday.", "Palmyra", "government"),
    ("SDF units pushed back an ISIS counter-attack near Tabqa.", "Tabqa", "sdf"),
    ("The army drove the ISIS assault back from Sukhnah.", "Sukhnah", "government"),
])
def test_an_attack_beaten_back_is_a_repel_by_the_subject(text, place, actor):
    assert told(read(text), place) == [(actor, "repel")]


def test_men_pushed_back_from_a_place_withdrew_from_it():
    assert told(read("The army drove ISIS fighters back from Sukhnah."), "Sukhnah") == [("isil", "withdraw")]


# --- an event noun judged likely or unlikely is not told as done ---------------------------

@pytest.mark.parametrize("text", [
    "The group says Saraqib is next, though we assess a push into Saraqib as unlikely before the winter.",
    "A rebel assault on Daraa is unlikely before the spring, diplomats said.",
    "A government offensive on Khan Shaykhun appears imminent.",
    "Observers judge the capture of Tabqa improbable this year.",
])
def test_an_event_noun_judged_likely_or_unlikely_is_no_event(text):
    assert read(text, date(2019, 4, 10)) == []


def test_an_event_noun_told_as_done_still_counts():
    assert told(read("The army's assault on Palmyra began on Tuesday."), "Palmyra") == [("government", "attack")]


# --- "secure" as an adjective takes no place --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Victory there handed the government a secure corridor from Douma to the sea.",
    "The deal leaves the army with a more secure route to Palmyra.",
])
def test_secure_as_an_adjective_is_no_capture(text):
    assert read(text) == []


def test_secured_as_a_verb_is_a_capture():
    assert told(read("Government forces secured Sukhnah on Wednesday."), "Sukhnah") == [("government", "capture")]


# --- a state's Syrian allies, and strikes the noun says whose they are ----------------------

@pytest.mark.parametrize("text", [
    "Turkey and its Syrian allies pressed their assault on Manbij on Tuesday.",
    "On Tuesday Ankara's Syrian allies stormed Manbij.",
])
def test_turkeys_syrian_allies_are_the_rebels_side(text):
    assert [a for a, _ in told(read(text, date(2019, 10, 16)), "Manbij")] == ["rebels"]


@pytest.mark.parametrize("text, place, actor", [
    ("The SDF said its fighters were holding Manbij despite heavy Turkish air strikes.", "Manbij", "rebels"),
    ("Rebels in Saraqib say they are holding out under relentless Russian bombardment.", "Saraqib", "government"),
])
def test_a_strike_noun_names_its_nation_whoever_the_subject_is(text, place, actor):
    assert [a for a, _ in told(read(text, date(2019, 10, 16)), place)] == [actor]


def test_a_relative_pronoun_after_a_list_of_sides_goes_back_to_its_first():
    events = read("Rebels and HTS, who had recaptured Saraqib on 27 February, lost it again on 2 March.", date(2020, 3, 6))
    assert ("rebels", "recapture") in told(events, "Saraqib")
    assert ("hts", "recapture") not in told(events, "Saraqib")


# --- "leaves X in the hands of Y" tells a holder, no one leaving -----------------------------

@pytest.mark.parametrize("text", [
    "The fall of the airbase leaves Tabqa entirely in the hands of ISIS.",
    "The deal left Douma under full government control.",
    "The offensive left the last districts of Raqqa in SDF hands.",
])
def test_leaving_a_place_in_someones_hands_is_no_withdrawal(text):
    assert [e for e in read(text) if e.action == "withdraw"] == []


def test_fighters_leaving_a_place_still_withdraw():
    assert told(read("The last rebels left Douma on Thursday under a deal."), "Douma") == [("rebels", "withdraw")]


# --- a party's "our forces" later in its statement is that party -----------------------------

@pytest.mark.parametrize("text", [
    "Our forces pushed into Jandairis on Sunday, the YPG general command said. Turkish jets bombed Rajo. "
    "Our fighters destroyed two tanks near Bulbul.",
    "The YPG said its fighters were holding Jandairis. Turkish jets bombed Rajo overnight. Our fighters destroyed "
    "two tanks near Bulbul.",
    "\u201cOur fighters repelled the assault on Jandairis,\u201d the YPG said. Turkish jets bombed Rajo. "
    "\u201cOur forces also destroyed two tanks near Bulbul,\u201d it added.",
])
def test_our_forces_in_a_partys_statement_are_that_party(text):
    assert [a for a, _ in told(read(text, date(2018, 3, 5)), "Bulbul")] == ["sdf"]


# --- a generic word whose own side fights in the theatre keeps it ----------------------------

def test_the_monitors_factions_in_idlib_are_the_opposition_not_hts():
    events = read("On Sunday the factions regained control of Saraqib after a counter-attack.", date(2019, 6, 10))
    assert [a for a, _ in told(events, "Saraqib")] == ["rebels"]
    militants = read("On Sunday militants regained control of Saraqib after a counter-attack.", date(2019, 6, 10))
    assert [a for a, _ in told(militants, "Saraqib")] == ["hts"]


@pytest.mark.parametrize("text, place, actor", [
    ("Terrorist groups attacked army posts near Kafr Nabudah on Sunday.", "Kafr Nabudah", "hts"),
    ("On Sunday militants shelled Kafr Nabudah from the north.", "Kafr Nabudah", "hts"),
    ("Terrorists attacked army positions around Rabia overnight.", "Rabia", "rebels"),
])
def test_generic_names_in_north_hama_and_the_coast_are_not_isil(text, place, actor):
    assert [a for a, _ in told(read(text, date(2019, 5, 20)), place)] == [actor]


# --- a road told by the towns it links is a place on it, not those towns ---------------------

@pytest.mark.parametrize("text", [
    "The army seized the road linking Sukhnah and Palmyra on Friday.",
    "Government troops secured the highway connecting Sukhnah to Palmyra.",
    "On Friday the army cut the supply line from Sukhnah to Palmyra.",
])
def test_a_road_between_two_towns_takes_neither_town(text):
    places = {e.place for e in read(text)}
    assert "Sukhnah" not in places and "Palmyra" not in places


# --- a place told as held, then told as taken with no agent, is taken from its holder --------

@pytest.mark.parametrize("text, place, actor, when", [
    ("ISIS fighters had held Sukhnah since 2015. On Friday the town was liberated after fierce fighting.",
     "Sukhnah", "government", date(2017, 6, 10)),
    ("Rebels had controlled Khan Shaykhun for five years. On Tuesday the town was captured after a week of "
     "fighting.", "Khan Shaykhun", "government", date(2019, 8, 25)),
    ("The SDF has held Manbij since 2016. The town was seized on Sunday, a day after Turkish jets struck it.",
     "Manbij", "rebels", date(2019, 10, 20)),
])
def test_a_place_held_by_a_side_is_taken_from_it_when_the_taker_goes_unnamed(text, place, actor, when):
    assert (actor, "capture") in told(read(text, when), place)


# --- "X-backed <a named side> fighters" are that side, not the backer's usual client ---------

@pytest.mark.parametrize("text, actor", [
    ("Coalition-backed SDF fighters, supported by air strikes, attacked Tabqa.", "sdf"),
    ("On Monday US-backed Kurdish forces stormed Tabqa.", "sdf"),
    ("Turkish-backed Syrian rebels attacked Tabqa on Monday.", "rebels"),
    ("US-backed rebels attacked Tabqa on Monday.", "rebels"),
])
def test_a_backed_side_named_is_that_side(text, actor):
    assert [a for a, _ in told(read(text), "Tabqa")] == [actor]


# --- a storming told as done and over took the place --------------------------------------

@pytest.mark.parametrize("text, place, actor", [
    ("Rajo fell less than two weeks after Turkish-backed rebels stormed Bulbul.", "Bulbul", "rebels"),
    ("Since the army stormed Sukhnah last week, ISIS has retreated east.", "Sukhnah", "government"),
    ("Regime forces stormed Daraya in August, ending four years of rebel control.", "Daraya", "government"),
])
def test_a_storming_recalled_as_done_is_a_capture(text, place, actor):
    assert (actor, "capture") in told(read(text, date(2018, 3, 10)), place)


# --- "X and nearby Y", "X and the neighbouring town of Y": a list of two places ---------------

@pytest.mark.parametrize("text", [
    "Russian aircraft carried out dozens of raids on Khan Shaykhun and nearby Kafr Nabudah.",
    "The army shelled Khan Shaykhun and the neighbouring town of Kafr Nabudah on Monday.",
])
def test_a_place_told_as_nearby_the_one_before_is_listed_with_it(text):
    events = read(text, date(2019, 5, 28))
    assert {e.place for e in events} == {"Khan Shaykhun", "Kafr Nabudah"}


# --- a convoy, a patrol or reinforcements on the move take no ground -----------------------

@pytest.mark.parametrize("text", [
    "A Turkish military convoy entered Saraqib through the northern road on Monday.",
    "Turkish reinforcements moved towards Saraqib overnight.",
    "A Russian military police patrol entered Daraa on Thursday.",
])
def test_a_convoy_or_patrol_moving_in_is_no_advance(text):
    assert read(text, date(2020, 2, 11)) == []


def test_troops_entering_a_town_still_advance():
    assert told(read("Government troops entered Saraqib on Thursday.", date(2020, 2, 11)), "Saraqib") == \
        [("government", "advance")]


# --- "X's fighters", "X's remaining men" act as X ------------------------------------------

@pytest.mark.parametrize("text, actor", [
    ("The army retook Palmyra on Sunday, after ISIL's remaining fighters withdrew from Palmyra.", "isil"),
    ("Government forces shelled Palmyra. The rebels' last units pulled out of Palmyra on Monday.", "rebels"),
])
def test_a_sides_men_told_with_a_possessive_act_as_that_side(text, actor):
    assert (actor, "withdraw") in told(read(text, date(2016, 3, 28)), "Palmyra")
