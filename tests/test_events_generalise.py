"""The reader on kinds of sentences beyond the seed reports (all sentences written for these tests).

Each test is one general kind the dev corpus showed: dates with their precision and year,
sides of all of Syria and generic names read from context, places (a capital standing for
its government, scenes and places abroad), lists and plural anaphors, claims and
reversals, and a confidence that sorts the likelier readings first.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

EXTRA = {"Damascus": (33.51, 36.29, "city", "SY"), "Mosul": (36.34, 43.13, "city", "IQ"),
         "Khan Shaykhun": (35.44, 36.65, "town", "SY"), "Homs Governorate": (34.7, 37.9, "governorate", "SY"),
         "northern Syria": (36.2, 38.0, "region", "SY"), "Raqqa dam": (35.87, 38.57, "site", "SY")}
finder = finder_of({**PLACES, **EXTRA})


def read(text: str, when: date | None = date(2017, 6, 10)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def summary(events) -> list[tuple]:
    return [(e.actor, e.action, e.place) for e in events]


# --- dates ------------------------------------------------------------------------------------

def test_a_day_without_year_is_never_after_the_report():
    # "in December" read before "March 2" must not push March into the next year.
    events = read("ISIS seized Raqqa in December. The army retook Raqqa on March 2.", date(2017, 3, 3))
    assert [(e.date_start, e.date_end) for e in events] == [(date(2016, 12, 1), date(2016, 12, 31)),
                                                             (date(2017, 3, 2), date(2017, 3, 2))]


def test_a_month_alone_is_a_month_range_and_history_keeps_its_own_time():
    [event] = read("In April the rebels captured Kafr Nabl, which they had held since 2012.")
    assert (event.date_start, event.date_end, event.date_precision) == (date(2017, 4, 1), date(2017, 4, 30), "month")


@pytest.mark.parametrize("phrase, start, end", [
    ("almost a week ago", date(2017, 6, 1), date(2017, 6, 5)),
    ("three days ago", date(2017, 6, 7), date(2017, 6, 7)),
    ("over the weekend", date(2017, 6, 3), date(2017, 6, 4)),
    ("overnight", date(2017, 6, 9), date(2017, 6, 10)),
])
def test_dates_relative_to_the_report(phrase, start, end):
    [event] = read(f"The SDF entered Raqqa {phrase}.")
    assert (event.date_start, event.date_end) == (start, end)


def test_the_previous_day_counts_back_from_the_running_date():
    events = read("The SDF took Raqqa on 5 June. The previous day, coalition jets struck Raqqa.")
    strike = [e for e in events if e.action == "airstrike"][0]
    assert (strike.date_start, strike.actor, strike.target) == (date(2017, 6, 4), "coalition", "isil")


def test_an_old_date_in_a_news_report_dates_only_its_own_sentence():
    events = read("HTS had captured Idlib back on 3 March. Government sources also said the army took Kafr Nabl.")
    later = [e for e in events if e.place == "Kafr Nabl"][0]
    assert later.date_start == date(2017, 6, 4) and later.date_end == date(2017, 6, 10)


def test_a_sentence_carrying_on_a_recalled_subject_keeps_its_date():
    events = read("Pro-Assad forces entered Hama Governorate in early May. They broke the ISIS siege of Deir ez-Zor.")
    relief = [e for e in events if e.action == "siege_lifted"][0]
    assert relief.date_start == date(2017, 5, 1) and relief.date_end == date(2017, 5, 10)


# --- sides ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor", [
    ("On 3 June pro-Assad units captured Kafr Nabl.", "government"),
    ("On 3 June Hashed al-Shaabi units captured Sabkhah.", "government"),
    ("On 3 June Jaish al-Izzah captured Kafr Nabl.", "rebels"),
    ("On 3 June Hay’at Tahrir al-Sham captured Kafr Nabl.", "hts"),
    ("On 3 June Jaysh Khalid ibn al-Walid captured Tell Abyad.", "isil"),
    ("On 3 June the Asayish captured Tell Abyad.", "sdf"),
])
def test_sides_of_all_of_syria(text, actor):
    assert [e.actor for e in read(text)] == [actor]


def test_generic_names_take_the_faction_named_near_them():
    hts = read("Tahrir al-Sham holds much of the province. On 3 June militants attacked Khan Shaykhun.")
    isil = read("ISIS still holds the desert. On 3 June militants attacked Qaryatayn.")
    assert [e.actor for e in hts] == ["hts"] and [e.actor for e in isil] == ["isil"]


def test_us_backed_forces_are_the_sdf_where_the_report_names_it():
    assert [e.actor for e in read("On 3 June US-backed forces seized Tell Abyad. The SDF said ISIS fled.")
            if e.action == "capture"] == ["sdf"]
    assert [e.actor for e in read("On 3 June US-backed forces seized Tell Abyad.")] == ["rebels"]


def test_the_target_is_the_side_named_not_a_prior_enemy():
    [event] = read("On 3 June the army captured Kafr Nabl from Jaysh al-Izza.")
    assert (event.actor, event.target) == ("government", "rebels")


def test_supporters_never_become_the_subject():
    [event] = read("On 3 June Syrian rebels, backed by Turkish jets and US special forces, captured Al-Bab.")
    assert (event.actor, event.action, event.place) == ("rebels", "capture", "Al-Bab")


def test_the_side_right_before_the_verb_is_the_subject():
    [event] = read("ISIS Losses In the north, government forces captured Sabkhah on 3 June.")
    assert event.actor == "government"


# --- places -----------------------------------------------------------------------------------

def test_a_capital_standing_for_its_government_is_no_place():
    assert summary(read("Damascus said on 3 June that the army had captured Kafr Nabl.")) == [
        ("government", "capture", "Kafr Nabl")]
    assert summary(read("On 3 June Hezbollah, an ally of Damascus, captured Qaryatayn.")) == [
        ("government", "capture", "Qaryatayn")]


def test_a_capital_as_a_battlefield_is_a_place():
    assert summary(read("On 3 June rebels attacked government positions in Damascus.")) == [
        ("rebels", "attack", "Damascus")]


def test_events_abroad_are_not_on_the_map():
    assert read("On 3 June the Iraqi army captured Mosul.") == []
    assert read("Over the border in Iraq, pro-government forces retook Sabkhah on 3 June.") == []


def test_entering_a_place_is_an_advance_and_a_province_is_never_captured_by_entering():
    assert summary(read("On 3 June the SDF entered Raqqa.")) == [("sdf", "advance", "Raqqa")]
    assert summary(read("On 3 June the army entered Homs Governorate.")) == [("government", "advance", "Homs Governorate")]


# --- lists, coordination, anaphors ------------------------------------------------------------

def test_plural_anaphors_stand_for_the_places_just_listed():
    events = read("On 3 June ISIS withdrew from Sabkhah and Ma'dan. The SDF then attacked both towns.")
    assert sorted(e.place for e in events if e.action == "attack") == ["Ma'dan", "Sabkhah"]


def test_coordinated_verbs_share_their_object_each_with_its_own_action():
    events = read("On 3 June the army advanced, surrounding and then taking Sabkhah.")
    assert sorted((e.action, e.place) for e in events) == [("capture", "Sabkhah"), ("encircle", "Sabkhah")]


def test_places_in_a_list_introduced_by_their_own_preposition():
    events = read("On 3 June Syrian jets struck rebels in Khan Shaykhun, and in the vicinity of Kafr Nabl.")
    assert sorted((e.action, e.place) for e in events) == [("airstrike", "Kafr Nabl"), ("airstrike", "Khan Shaykhun")]


def test_an_advance_that_ends_in_a_capture_is_one_event():
    assert sorted(summary(read("On 3 June the army pushed on to Sabkhah and Ma'dan, liberating both towns."))) == [
        ("government", "capture", "Ma'dan"), ("government", "capture", "Sabkhah")]


def test_a_capture_told_twice_is_one_event():
    events = read("On 3 June the army recaptured Qaryatayn. Government forces took control of Qaryatayn on 3 June.")
    assert summary(events) == [("government", "recapture", "Qaryatayn")]


# --- claims and reversals ---------------------------------------------------------------------

def test_a_counter_attack_is_an_attack_not_a_recapture():
    assert summary(read("On 3 June ISIS counter-attacked Deir ez-Zor.")) == [("isil", "attack", "Deir ez-Zor")]


def test_losing_a_place_is_a_capture_by_the_other_side():
    [event] = read("On 3 June ISIS lost Tell Abyad to the SDF.")
    assert (event.actor, event.action, event.target) == ("sdf", "capture", "isil")


def test_not_only_but_also_states_both():
    events = read("On 3 June ISIS counter-attacked, not only regaining Sabkhah but also claiming the town of Ma'dan.")
    assert sorted((e.action, e.place) for e in events) == [("capture", "Ma'dan"), ("recapture", "Sabkhah")]


def test_a_future_told_before_the_verb_is_no_event():
    assert read("The army said it will continue operations until it drives ISIS out of Raqqa.") == []
    assert read("When they have captured Raqqa, the real battle will begin.") == []


def test_background_fighting_is_not_news_of_its_own():
    assert summary(read("On 3 June the SDF captured Raqqa after weeks of fierce fighting.")) == [
        ("sdf", "capture", "Raqqa")]


def test_those_evacuated_are_the_side_that_withdrew():
    events = read("On 3 June the army shelled Sabkhah. Hundreds were evacuated from Sabkhah after the rebels "
                  "agreed to a deal.")
    assert ("rebels", "withdraw", "Sabkhah") in summary(events)


# --- confidence -------------------------------------------------------------------------------

def test_confidence_ranks_a_stated_active_capture_above_a_guessed_one():
    [active] = read("On 3 June the army captured Sabkhah.")
    guessed = [e for e in read("The army shelled Raqqa. Ma'dan was captured.") if e.place == "Ma'dan"][0]
    governorate = [e for e in read("On 3 June the army captured Homs Governorate.")][0]
    assert active.confidence > guessed.confidence and active.confidence > governorate.confidence


@pytest.mark.parametrize("text, expected", [
    ("On 3 June Russian air strikes hit rebel positions near Kafr Nabl.", ("government", "airstrike", "Kafr Nabl")),
    ("Heavy fighting raged in Raqqa on 3 June between the SDF and ISIS.", ("sdf", "clash", "Raqqa")),
    ("The army's capture of Sabkhah on 3 June opened the road.", ("government", "capture", "Sabkhah")),
    ("On 3 June the army wrested Sabkhah from ISIS.", ("government", "capture", "Sabkhah")),
    # official and passive wordings
    ("On 3 June army units restored security and stability to Sabkhah.", ("government", "capture", "Sabkhah")),
    ("On 3 June army units established control over Ma'dan.", ("government", "capture", "Ma'dan")),
    ("ISIS has been expelled from Tell Abyad, the SDF said on 3 June.", ("sdf", "capture", "Tell Abyad")),
    ("On 3 June the army expanded its control around Ma'dan.", ("government", "advance", "Ma'dan")),
])
def test_more_ways_of_telling_an_event(text, expected):
    assert summary(read(text)) == [expected]


def test_a_list_goes_on_after_an_apposition_and_a_later_clause_keeps_its_sides():
    assert sorted(summary(read("On 3 June the army captured Sabkhah, a village near Raqqa, and Ma'dan."))) == [
        ("government", "capture", "Ma'dan"), ("government", "capture", "Sabkhah")]
    assert summary(read("On 3 June the army captured Sabkhah south of Raqqa and Ma'dan.")) == [
        ("government", "capture", "Sabkhah")]
    capture = [e for e in read("ISIS holds Raqqa. The SDF also seized Sabkhah on 3 June, while the army advanced "
                               "toward Ma'dan.") if e.action == "capture"][0]
    assert (capture.actor, capture.target) == ("sdf", "isil")


def test_the_target_is_the_opponent_the_report_names_not_a_distant_enemy():
    [event] = read("The army shelled Douma, where Jaish al-Islam fighters hold out. On 3 June the army captured Sabkhah.")
    assert (event.actor, event.target) == ("government", "rebels")


def test_a_province_is_the_place_only_when_no_concrete_place_is_named():
    assert read("On 3 June the army captured the villages of Umm Sahrij and Tell Dhahab in Homs Governorate.") == []
    assert summary(read("On 3 June the army captured several villages in Homs Governorate.")) == [
        ("government", "capture", "Homs Governorate")]


def test_a_future_with_an_apostrophe_is_no_event():
    assert read("As we get close to Raqqa, we’ll be fighting inside the city.") == []


def test_a_compass_part_of_the_country_is_no_event_place():
    assert read("In northern Syria, government forces advanced on 3 June.") == []


def test_a_strike_told_twice_in_a_sentence_is_one_airstrike_by_the_side_named():
    events = read("The SDF advanced on Ma'dan on 2 June. On 3 June a shell from a coalition airstrike killed the "
                  "director of the dam in a strike on Raqqa.")
    assert [(e.actor, e.action, e.place) for e in events if e.action == "airstrike"] == [
        ("coalition", "airstrike", "Raqqa")]


def test_a_places_own_dam_is_the_feature_the_gazetteer_names():
    events = read("On 3 June the SDF captured Raqqa and its adjacent dam.")
    assert sorted(e.place for e in events) == ["Raqqa", "Raqqa dam"]
