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
    ("in the previous 24 hours", date(2017, 6, 9), date(2017, 6, 10)),
    ("over the preceding 48 hours", date(2017, 6, 8), date(2017, 6, 10)),
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


def test_generic_names_the_report_leaves_open_take_the_side_of_the_theatre():
    from gazetteer.place import Mention, Place

    places = {"Khan Shaykhun": ("Idlib", 35.44, 36.65), "Daraa": ("Daraa", 32.62, 36.10),
              "Qaryatayn": ("Homs", 34.23, 37.24)}

    def governorate_finder(text: str) -> list[Mention]:
        found = []
        for name, (governorate, lat, lon) in places.items():
            for at in [i for i in range(len(text)) if text.startswith(name, i)]:
                found.append(Mention(at, at + len(name), name, Place(name, lat, lon, "town", governorate, "test", 2.0,
                                                                     id=f"t:{name}")))
        return sorted(found, key=lambda m: m.start)

    def actors(text: str) -> list[str]:
        doc = parse_document(text.encode("utf-8"), "report.txt", doc_date=date(2017, 6, 10))
        return [e.actor for e in extract(doc, governorate_finder).events]

    assert actors("On 3 June militants attacked army posts near Khan Shaykhun.") == ["hts"]
    assert actors("On 3 June gunmen attacked a checkpoint in Daraa.") == ["rebels"]
    assert actors("On 3 June militants attacked Qaryatayn.") == ["isil"]  # elsewhere: the default
    # A side the report names still decides.
    assert actors("ISIS still holds villages nearby. On 3 June militants attacked Khan Shaykhun.") == ["isil"]
    # Whom the army fights, when the report names no one, is of the theatre too (not ISIL).
    doc = parse_document(b"On 3 June the army lost control of Khan Shaykhun.", "report.txt", doc_date=date(2017, 6, 10))
    assert [(e.actor, e.target) for e in extract(doc, governorate_finder).events] == [("hts", "government")]
    doc = parse_document(b"On 3 June the army stormed Daraa.", "report.txt", doc_date=date(2017, 6, 10))
    assert [(e.actor, e.target) for e in extract(doc, governorate_finder).events] == [("government", "rebels")]
    # but one named only paragraphs later is of another front: the theatre's side first.
    later = ("On 3 June militants attacked a checkpoint in Daraa.\n\n" + "Aid convoys were held up on the roads for "
             "a second week, and prices in the markets rose again, traders said. " * 5
             + "\n\nFar to the east, ISIS cells are still active in the desert.")
    assert set(actors(later)) == {"rebels"}


@pytest.mark.parametrize("name, faction", [
    ("Jeish al-Islam", "rebels"), ("Failaq al-Rahman", "rebels"), ("Jaish Khalid ibn al-Walid", "isil"),
    ("Kata'ib Hezbollah", "government"), ("Quwat Shahid Ahmad al-Abdo", "rebels"), ("the PKK", "sdf"),
])
def test_groups_under_other_transliterations_and_names(name, faction):
    assert [e.actor for e in read(f"On 3 June {name} fighters attacked Kafr Nabl.")] == [faction]


def test_the_capital_speaking_is_the_government_its_pronoun_goes_back_to():
    assert summary(read("Damascus said its forces had captured Qaryatayn.")) == [("government", "capture", "Qaryatayn")]


def test_strikes_told_without_their_side_are_an_air_arm_s_not_the_ground_side_followed():
    events = read("On 3 June hundreds of rebel fighters left Kafr Nabl. The town had been hit by air strikes "
                  "for weeks.")
    assert [(e.actor, e.target) for e in events if e.action == "airstrike"] == [("government", "rebels")]


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


def test_a_flag_raised_over_a_place_is_its_capture():
    [event] = read("Kurdish fighters raised their flag over the town of Tell Abyad on Thursday.")
    assert (event.actor, event.action, event.place, event.date_start) == ("sdf", "capture", "Tell Abyad",
                                                                          date(2017, 6, 8))


def test_a_plan_does_not_govern_a_coordinated_clause_with_its_own_subject():
    # The aim belongs to the first subject; the army's clause states a capture.
    assert summary(read("Engineers were preparing to reach Qaryatayn, and the army had secured control of "
                        "the town.")) == [("government", "capture", "Qaryatayn")]
    assert summary(read("The rebels hope to take Kafr Nabl, and ISIS has already fled Raqqa.")) == \
        [("isil", "withdraw", "Raqqa")]
    assert read("The army plans to attack Raqqa and the rebels to capture Kafr Nabl.") == []



@pytest.mark.parametrize("text, expected", [
    ("Tell Abyad was taken by the SDF on 3 May, and Raqqa fell to the SDF on 17 May.",
     [("sdf", "capture", "Tell Abyad", 3), ("sdf", "capture", "Raqqa", 17)]),
    ("Kafr Nabl was captured by the rebels on 3 May, and Raqqa was seized by the SDF on 17 May.",
     [("rebels", "capture", "Kafr Nabl", 3), ("sdf", "capture", "Raqqa", 17)]),
    ("The rebels took Kafr Nabl on 3 May, and Raqqa was finally captured by the SDF on 17 May.",
     [("rebels", "capture", "Kafr Nabl", 3), ("sdf", "capture", "Raqqa", 17)]),
])
def test_a_place_before_a_later_passive_verb_is_that_verbs_own(text, expected):
    # Each coordinated clause keeps its own patient: the place right before "fell" / "was
    # seized" is not the object of the clause before it.
    got = sorted((e.actor, e.action, e.place, e.date_start.day) for e in read(text))
    assert got == sorted(expected)


def test_a_list_before_one_passive_verb_stays_one_list():
    assert summary(read("Kafr Nabl and Raqqa were taken by the SDF.")) == \
        [("sdf", "capture", "Kafr Nabl"), ("sdf", "capture", "Raqqa")]


@pytest.mark.parametrize("link", ["before losing it", "but lost it", "and then lost it"])
def test_a_place_lost_again_is_read_as_the_other_sides_capture(link):
    events = read(f"The rebels took Kafr Nabl on 4 May {link} to the army on 9 May.")
    assert [(e.actor, e.action, e.place, e.date_start.day) for e in events] == \
        [("rebels", "capture", "Kafr Nabl", 4), ("government", "capture", "Kafr Nabl", 9)]


def test_again_after_a_later_verb_is_that_verbs():
    # "again" belongs to the loss, so the first taking stays a plain capture.
    events = read("ISIS seized Kafr Nabl in May before losing it again to the rebels in June.")
    assert [(e.actor, e.action) for e in events][0] == ("isil", "capture")


def test_it_is_the_place_this_sentence_says_was_taken():
    # An earlier sentence fought at Idlib; "it" is the town taken in this sentence.
    events = read("Jets struck Idlib on 2 May. On 4 May the rebels recaptured Kafr Nabl, near Idlib, "
                  "before losing it to the army on 9 May.")
    assert ("government", "capture", "Kafr Nabl") in summary(events)
    assert ("government", "capture", "Idlib") not in summary(events)


@pytest.mark.parametrize("text, place", [
    ("On 6 May the rebels broke through, linking up with their comrades in Idlib through Kafr Nabl.", "Kafr Nabl"),
    ("The SDF linked up with the army in Raqqa via Tell Abyad on 3 May.", "Tell Abyad"),
    ("The SDF linked up with the army in Raqqa on 3 May.", "Raqqa"),
])
def test_a_link_up_through_a_place_happens_there(text, place):
    assert [(e.action, e.place) for e in read(text) if e.action == "linkup"] == [("linkup", place)]


def test_a_negotiated_surrender_hands_over_the_towns_listed():
    events = read("On 3 May the army negotiated the gradual surrender of villages such as Kafr Nabl and Tell Abyad.")
    assert summary(events) == [("government", "capture", "Kafr Nabl"), ("government", "capture", "Tell Abyad")]
    assert read("The army is negotiating the surrender of Kafr Nabl.") == []


@pytest.mark.parametrize("text", ["The army took Kafr Nabl on 3 May rather than fighting for Tell Abyad.",
                                  "Instead of storming Tell Abyad, the army took Kafr Nabl on 3 May."])
def test_what_a_side_did_instead_of_is_not_an_event(text):
    assert summary(read(text)) == [("government", "capture", "Kafr Nabl")]

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


# --- sides named by whose they are, and by the speaker ----------------------------------------

@pytest.mark.parametrize("text, actor", [
    ("On 3 June Syrian and allied forces captured Sabkhah.", "government"),
    ("On 3 June President Bashar al-Assad’s army entered Raqqa.", "government"),
    ("On 3 June Kurdish-led units seized Tell Abyad.", "sdf"),
    ("On 3 June American special forces raided Raqqa.", "coalition"),
    ("On 3 June the Syrian Democratic Forces seized Tell Abyad.", "sdf"),
    ("On 3 June Syrian rebels seized Kafr Nabl.", "rebels"),
])
def test_a_side_named_by_its_affiliation_and_a_word_for_troops(text, actor):
    assert [e.actor for e in read(text)] == [actor]


def test_a_monitor_named_by_its_country_is_no_side():
    assert summary(read("The Syrian Observatory said the army took Sabkhah on 3 June.")) == [
        ("government", "capture", "Sabkhah")]


def test_our_forces_in_a_quotation_are_the_speakers_side():
    assert summary(read("“Our forces liberated Sabkhah from the terrorists,” the army said on 3 June.")) == [
        ("government", "capture", "Sabkhah")]
    assert summary(read("A Jaish al-Izzah commander said: “our fighters took Kafr Nabl on 3 June.”")) == [
        ("rebels", "capture", "Kafr Nabl")]


def test_members_of_a_side_named_with_an_adjective_are_that_side():
    assert summary(read("On 3 June hundreds of members of the Syrian opposition left Sabkhah.")) == [
        ("rebels", "withdraw", "Sabkhah")]


def test_the_killed_of_both_sides_act_in_no_event():
    events = read("On 3 June ISIS attacked Deir ez-Zor. Four Russian soldiers and 40 attackers were killed in the "
                  "fighting.")
    assert summary(events) == [("isil", "attack", "Deir ez-Zor")]


# --- one event per statement ------------------------------------------------------------------

def test_a_quotation_retelling_the_lede_is_the_same_event():
    events = read("On 2 June the army recaptured Qaryatayn. In December ISIS had taken it. “Our forces "
                  "recaptured the town of Qaryatayn,” the army said.")
    assert [(e.actor, e.action, e.place, e.date_start) for e in events if e.actor == "government"] == [
        ("government", "recapture", "Qaryatayn", date(2017, 6, 2))]


def test_a_loss_told_as_background_by_no_named_agent_makes_no_event():
    events = read("On 3 June the army took Deir ez-Zor, the last city ISIS held after being expelled from Raqqa "
                  "last month.")
    assert summary(events) == [("government", "capture", "Deir ez-Zor")]


def test_a_place_naming_which_town_is_not_the_event_place():
    assert summary(read("On 3 June the army captured the Raqqa countryside village of Sabkhah.")) == [
        ("government", "capture", "Sabkhah")]


def test_a_date_right_after_a_verb_with_its_preposition_dates_it():
    [event] = read("The army converged on Saturday on ISIS fighters in Raqqa.")
    assert (event.action, event.date_start, event.date_end) == ("advance", date(2017, 6, 10), date(2017, 6, 10))


# --- one place per name in a report -------------------------------------------------------------

def _first_only(places):
    """A place finder that knows each name only where it first occurs (as a finder may know
    a rare name only where its context placed it)."""
    full = finder_of(places)

    def find(text):
        seen, out = set(), []
        for mention in full(text):
            if mention.text not in seen:
                seen.add(mention.text)
                out.append(mention)
        return out

    return find


def test_a_name_placed_once_is_the_same_place_where_it_recurs():
    finder_once = _first_only({**PLACES, "Bazaa": (36.38, 37.57, "town")})
    text = "On 3 June ISIS fled Bazaa. Later the FSA said it had captured Bazaa and Kafr Nabl."
    events = extract(parse_document(text.encode(), "report.txt", doc_date=date(2017, 6, 10)), finder_once).events
    assert ("rebels", "capture", "Bazaa") in summary(events)


def test_a_recurring_name_inside_a_longer_name_is_no_place():
    finder_once = _first_only({**PLACES, "Qamishli": (37.05, 41.22, "city")})
    text = "On 2 June the SDF entered Qamishli. On 3 June SDF fighter Berkhdan Qamishli said the SDF seized Raqqa."
    events = extract(parse_document(text.encode(), "report.txt", doc_date=date(2017, 6, 10)), finder_once).events
    assert sorted(e.place for e in events) == ["Qamishli", "Raqqa"]


def test_a_scene_abroad_goes_on_to_the_end_of_its_paragraph():
    events = read("In Iraq, the army launched an operation near Mosul. Over the past day, the army captured Sabkhah.\n\n"
                  "The SDF captured Raqqa on 3 June.")
    assert summary(events) == [("sdf", "capture", "Raqqa")]


# --- a campaign page's infobox ------------------------------------------------------------------

INFOBOX_PAGE = """= Sabkhah offensive =

Infobox
- Conflict: Sabkhah offensive (2017)
- Date: 3 March – 20 April 2017
- Place: Hama Governorate, Syria
- Result: Government victory
  * The Syrian Army takes Sabkhah and Ma'dan from ISIL
  * ISIL expelled from Tell Abyad
  * Rebels capture more than 900 square kilometres of territory
- Commander1: Suheil al-Hassan
- Units1: Tiger Forces
- Casualties1: 40 killed

The Sabkhah offensive was a military operation launched by the Syrian Army against ISIL.
"""


def test_an_infobox_dates_and_places_its_results():
    events = read(INFOBOX_PAGE, None)
    found = sorted((e.actor, e.action, e.place, e.date_start, e.date_end) for e in events)
    campaign = (date(2017, 3, 3), date(2017, 4, 20))
    assert found == sorted([
        ("government", "capture", "Sabkhah", *campaign), ("government", "capture", "Ma'dan", *campaign),
        ("government", "capture", "Tell Abyad", *campaign), ("rebels", "capture", "Hama Governorate", *campaign),
        # the lede, undated on a page without a date of its own, tells of the whole campaign
        ("government", "attack", "Sabkhah", *campaign)])


def test_rows_of_a_box_that_is_no_infobox_are_read_as_text():
    events = read("Result: the army captured Sabkhah on 3 June.")
    assert summary(events) == [("government", "capture", "Sabkhah")]


# --- durations and supporting air arms -----------------------------------------------------------

@pytest.mark.parametrize("phrase, start", [
    ("for three and a half months", date(2017, 2, 18)),
    ("over a period of about 80 days", date(2017, 3, 15)),
    ("for weeks", date(2017, 4, 22)),
])
def test_a_duration_runs_back_from_the_running_date(phrase, start):
    events = read(f"The army captured Sabkhah on 3 June. Coalition jets had pounded Raqqa {phrase}.")
    strike = [e for e in events if e.action == "airstrike"][0]
    assert (strike.date_start, strike.date_end) == (start, date(2017, 6, 3))


@pytest.mark.parametrize("text, strikes", [
    ("On 3 June the SDF, backed by coalition air strikes, captured Tell Abyad.", [("coalition", "Tell Abyad")]),
    ("On 3 June the SDF with the assistance of the coalition Air Force captured Tell Abyad.",
     [("coalition", "Tell Abyad")]),
    ("On 3 June rebels supported by Turkish and US warplanes attacked Al-Bab.", [("coalition", "Al-Bab")]),
    # a side's own air arm is part of its event
    ("On 3 June the army, backed by the Russian Air Force, captured Sabkhah.", []),
    ("On 3 June the army captured Sabkhah with air support from Russian jets.", []),
])
def test_a_supporting_air_arm_of_another_side_strikes_where_the_side_acted(text, strikes):
    events = read(text)
    assert [(e.actor, e.place) for e in events if e.action == "airstrike"] == strikes
    assert len([e for e in events if e.action != "airstrike"]) == 1


def test_the_area_is_where_something_happened_not_a_place_named_to_locate_it():
    events = read("On 3 June the rebels left Sabkhah, a village which lies on the edge of Raqqa. The area was then "
                  "struck by Russian jets.")
    assert [(e.action, e.place) for e in events if e.action == "airstrike"] == [("airstrike", "Sabkhah")]


def test_a_passive_whose_agent_is_an_attack_noun_is_one_event():
    events = read("On 3 June Ma'dan was hit by dozens of Russian air strikes.")
    assert summary(events) == [("government", "airstrike", "Ma'dan")]


# --- who "they" are, and operations ------------------------------------------------------------

def test_they_after_a_side_that_announced_is_that_side():
    assert summary(read("The Syrian Democratic Forces (SDF) announced on 3 June that they had captured Tell Abyad.")) == [
        ("sdf", "capture", "Tell Abyad")]


def test_a_support_phrase_ends_at_the_next_verb():
    events = read("On 3 June army troops backed by Russian jets entered Sabkhah after rebels withdrew overnight.")
    assert ("rebels", "withdraw", "Sabkhah") in summary(events)


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army resumed its field operations around Sabkhah.", [("government", "attack", "Sabkhah")]),
    ("On 3 June the army continued its operations to link up with troops near Sabkhah.", []),
    ("On 3 June the army conducted combing operations in Sabkhah.", []),
    # the participle tells where the operations struck
    ("On 3 June the army resumed its operations north of Raqqa, targeting ISIS positions in Sabkhah.",
     [("government", "attack", "Sabkhah")]),
    # operations that took the place are the capture
    ("On 3 June the army started operations to clear Sabkhah, quickly capturing it.",
     [("government", "capture", "Sabkhah")]),
])
def test_operations_are_an_attack_where_they_are_placed(text, expected):
    assert summary(read(text)) == expected


# --- kinds met in reports from outside the corpus ------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("On 3 June army units are now in full control of the village of Sabkhah.", [("government", "capture", "Sabkhah")]),
    ("On 3 June the army seized a large shipment of weapons in Sabkhah.", []),
    ("On 3 June the SDF captured 20 ISIS fighters near Tell Abyad.", []),
    ("On 3 June the army intensified its shelling of rebels in Kafr Nabl.", [("government", "attack", "Kafr Nabl")]),
    ("On 3 June the army continued to target Nusra fighters in Kafr Nabl.", [("government", "attack", "Kafr Nabl")]),
    ("On 3 June the army pursued the terrorists who fled in the surrounding of Sabkhah.", [("isil", "withdraw", "Sabkhah")]),
    ("On 3 June the army clashed with Nusra Front fighters who attacked Kafr Nabl.", [("hts", "attack", "Kafr Nabl")]),
    ("On 3 June the Turkistan Islamic Party attacked Kafr Nabl.", [("hts", "attack", "Kafr Nabl")]),
])
def test_ways_of_telling_met_outside_the_corpus(text, expected):
    assert summary(read(text)) == expected


def test_what_an_attack_led_to_is_the_attackers_doing():
    events = read("On 3 June ISIS attacked army positions near Raqqa, which led to seizing Sabkhah, in addition to "
                  "recapturing Ma'dan from the SDF.")
    assert sorted(summary(events)) == [("isil", "attack", "Raqqa"), ("isil", "capture", "Sabkhah"),
                                       ("isil", "recapture", "Ma'dan")]


def test_the_two_villages_are_villages_not_the_city_named_near_them():
    events = read("On 3 June the army took Sabkhah, 40 km east of Raqqa, and a second village. The army said it had "
                  "regained the two villages after ISIS fled.")
    assert ("government", "capture", "Raqqa") not in summary(events) and \
        ("government", "recapture", "Raqqa") not in summary(events)


def test_the_killed_of_a_side_do_not_make_it_act():
    events = read("On 3 June the SDF repelled an ISIS attack on Tell Abyad. Nine ISIS members were killed during the "
                  "clashes.")
    assert [e.actor for e in events] == ["sdf"]


MIRROR_PAGE = """Sabkhah offensive (2017)

From Wikipedia, the free encyclopedia

Date3 March – 20 April 2017
(1 month and 17 days)
Location
Hama Governorate
Result Syrian Army victory
Territorial
changes
  • Syrian Army captures Sabkhah and Ma'dan
  • Several ISIL attacks on Tell Abyad repelled
Belligerents
Syria
ISIL
Commanders and leaders
Suheil al-Hassan
"""


def test_an_infobox_whose_cells_a_mirror_ran_together_is_read():
    campaign = (date(2017, 3, 3), date(2017, 4, 20))
    assert sorted((e.actor, e.action, e.place, e.date_start, e.date_end) for e in read(MIRROR_PAGE, None)) == [
        ("government", "capture", "Ma'dan", *campaign), ("government", "capture", "Sabkhah", *campaign),
        ("government", "repel", "Tell Abyad", *campaign)]


def test_a_verb_coordinated_with_the_one_before_shares_its_subject():
    events = read("On 3 June ISIS fighters were able to break the army siege on them in Hama Governorate and managed "
                  "to reach Sabkhah.")
    assert [e.actor for e in events] == ["isil", "isil"]


def test_they_is_the_subject_named_before_it_in_the_sentence():
    events = read("The army shelled Raqqa on 2 June. On 3 June HTS fighters killed 20 fighters of ISIS while they "
                  "were repelling an attack on Kafr Nabl.")
    assert ("hts", "repel", "Kafr Nabl") in summary(events)


def test_those_counted_of_a_side_are_that_side():
    events = read("The army shelled Raqqa on 2 June. On 3 June tens of terrorists and their families left Sabkhah.")
    assert ("isil", "withdraw", "Sabkhah") in summary(events)


@pytest.mark.parametrize("text, expected", [
    ("On 3 June ISIS attacked SDF positions in the liberated Raqqa district.", [("isil", "attack", "Raqqa")]),
    ("On 3 June a group of civilians managed to reach Tell Abyad.", []),
    ("A new front was opened on 3 June, allowing the SDF to besiege ISIS in Raqqa.", [("sdf", "siege", "Raqqa")]),
    ("On 3 June ISIS started to shell Raqqa.", [("isil", "attack", "Raqqa")]),
    ("On 3 June a shell from a coalition airstrike hit Raqqa.", [("coalition", "airstrike", "Raqqa")]),
])
def test_descriptions_civilians_and_what_a_side_was_let_do(text, expected):
    assert summary(read(text)) == expected


def test_since_a_launch_on_a_day_runs_from_that_day():
    [event] = read("The SDF said it has captured parts of Raqqa since the operation was launched on 6 June.")
    assert (event.date_start, event.date_end) == (date(2017, 6, 6), date(2017, 6, 10))


def test_relieving_the_besieged_place_lifts_its_siege_and_being_unable_is_no_event():
    assert summary(read("On 3 June pro-regime forces relieved the besieged Jirah airbase.")) == [
        ("government", "siege_lifted", "Jirah airbase")]
    assert read("The army remained unable to complete the encirclement of Raqqa on 3 June.") == []


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army resumed its intensive bombardment of Sabkhah.", [("government", "attack", "Sabkhah")]),
    ("On 3 June Russian jets resumed their bombing of Sabkhah.", [("government", "airstrike", "Sabkhah")]),
    ("On 3 June the Tiger Forces managed to secure Sabkhah.", [("government", "capture", "Sabkhah")]),
    ("The army advance on Ma'dan is now continuing, the army said on 3 June.", [("government", "advance", "Ma'dan")]),
    ("On 3 June the SDF announced the commencement of an offensive to defeat ISIS in Raqqa.",
     [("sdf", "attack", "Raqqa")]),
    ("Fighting on 3 June pitted Hashed al-Shaabi units against ISIS in Sabkhah.", [("government", "clash", "Sabkhah")]),
])
def test_more_wordings_of_attacks_and_captures(text, expected):
    assert summary(read(text)) == expected


def test_an_offensive_dated_by_since_is_no_event_of_its_own():
    events = read("The army has liberated Sabkhah since the commencement of the Raqqa offensive on 9 May.")
    assert summary(events) == [("government", "capture", "Sabkhah")]


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the SDF didn't seize Tell Abyad.", []),
    ("On 3 June ISIS suicide bombers struck an SDF camp near Tell Abyad.", [("isil", "attack", "Tell Abyad")]),
    ("On 3 June the SDF thwarted an ISIS attack on Tell Abyad.", [("sdf", "repel", "Tell Abyad")]),
    ("ISIS claimed responsibility on 3 June for an attack on the SDF near Tell Abyad.", [("isil", "attack", "Tell Abyad")]),
    ("On 3 June an ISIS assault left 15 SDF fighters dead near Tell Abyad.", [("isil", "attack", "Tell Abyad")]),
])
def test_negation_suicide_bombers_objects_and_casualties(text, expected):
    assert summary(read(text)) == expected


def test_an_air_force_named_without_its_country_is_the_side_named_near_it():
    events = read("On 3 June army units took Sabkhah. The Air Force carried out strikes on ISIS positions in Ma'dan.")
    assert ("government", "airstrike", "Ma'dan") in summary(events)
    assert read("On 8 June a depot near Sabkhah was hit by Israeli warplanes.") == []


def test_a_side_fleeing_towards_a_place_left_where_it_was_just_fought():
    events = read("On 3 June the army captured Sabkhah from ISIS.\n\nThe army is pursuing the terrorists who fled "
                  "towards Raqqa.")
    assert ("isil", "withdraw", "Sabkhah") in summary(events)


def test_the_outskirts_of_a_place_are_ground_gained_next_to_it():
    places = {**PLACES, "the outskirts of Raqqa": (35.95, 39.0, "area")}
    text = "On 3 June the army reached the outskirts of Raqqa after seizing a number of villages."
    events = extract(parse_document(text.encode(), "report.txt", doc_date=date(2017, 6, 10)), finder_of(places)).events
    assert summary(events) == [("government", "advance", "the outskirts of Raqqa")]


def test_a_supporting_air_arm_with_a_verb_of_its_own_strikes():
    events = read("On 3 June the army took Sabkhah with cover from Russian warplanes, which pounded Ma'dan.")
    assert sorted(summary(events)) == [("government", "airstrike", "Ma'dan"), ("government", "capture", "Sabkhah")]


def test_the_villages_of_named_places_are_those_places():
    events = read("On 2 June the army took Sabkhah and Ma'dan. On 3 June rebels attacked the villages of Kafr Nabl "
                  "and Qaryatayn.")
    assert sorted(e.place for e in events if e.action == "attack") == ["Kafr Nabl", "Qaryatayn"]


# --- general forms beyond the tuned phrasing (session 16) -----------------------------------

@pytest.mark.parametrize("text, expected", [
    ("On 3 June government forces hammered Kafr Nabl.", ("government", "attack", "Kafr Nabl")),
    ("On 3 June Syrian warplanes pummelled Kafr Nabl.", ("government", "airstrike", "Kafr Nabl")),
    ("On 3 June Russian planes bombed Idlib.", ("government", "airstrike", "Idlib")),
    ("On 3 June coalition planes struck ISIS positions in Raqqa.", ("coalition", "airstrike", "Raqqa")),
    ("On 3 June army helicopters dropped barrel bombs on Kafr Nabl.", ("government", "airstrike", "Kafr Nabl")),
])
def test_bombardment_verbs_and_air_arms(text, expected):
    assert expected in summary(read(text))


def test_battles_between_two_named_sides_are_a_clash_but_battles_after_which_a_side_left_are_not():
    assert ("isil", "clash", "Sabkhah") in summary(read("On 3 June fierce battles between ISIS and the army raged "
                                                         "around Sabkhah."))
    assert [e.action for e in read("On 3 June ISIS fighters were chased out of Sabkhah after heavy battles.")] == ["withdraw"]


@pytest.mark.parametrize("fight", ["after heavy clashes", "following intense fighting", "after a firefight",
                                   "after fierce battles"])
def test_any_clash_word_after_which_a_side_left_is_how_the_news_came_about(fight):
    assert [e.action for e in read(f"On 3 June ISIS fighters were chased out of Sabkhah {fight}.")] == ["withdraw"]
    assert [e.action for e in read(f"On 3 June the army seized Kafr Nabl {fight} with the rebels.")] == ["capture"]


@pytest.mark.parametrize("fight", ["amid fierce fighting", "despite stiff skirmishes"])
def test_fighting_amid_or_despite_which_a_side_moves_is_still_going_on(fight):
    actions = {e.action for e in read(f"On 3 June the army seized Kafr Nabl {fight} with the rebels.")}
    assert actions == {"capture", "clash"}


@pytest.mark.parametrize("fight", ["clashes", "fighting", "battles", "skirmishes"])
def test_a_fight_named_by_its_day_is_one_told_before(fight):
    events = read(f"The army entered Kafr Nabl on 4 June. Saturday's {fight} with the rebels left dozens dead.")
    assert [e.action for e in events] == ["advance"]
    assert ("isil", "clash", "Sabkhah") in summary(read(f"On 3 June {fight} between ISIS and the army raged around Sabkhah."))


@pytest.mark.parametrize("text, expected", [
    ("On 3 June Raqqa fell into the hands of the SDF.", ("sdf", "capture", "Raqqa")),
    ("On 3 June the rebels handed over Kafr Nabl to the army.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the rebels surrendered Kafr Nabl to the army.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the army won control of Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June Kurdish forces drove ISIS fighters from Raqqa.", ("sdf", "capture", "Raqqa")),
    ("On 3 June the army swept into Kafr Nabl.", ("government", "advance", "Kafr Nabl")),
    ("On 3 June the army pushed to the edge of Kafr Nabl.", ("government", "advance", "Kafr Nabl")),
    ("On 3 June forces loyal to President Bashar al-Assad captured Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June militias allied to the Syrian regime captured Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
])
def test_capture_and_advance_forms_with_the_actor_in_any_position(text, expected):
    assert expected in summary(read(text))


@pytest.mark.parametrize("whom, faction", [
    ("President Hafez al-Assad", "government"), ("President Nadim Karam Haddad", "government"),
    ("the president", "government"), ("the regime", "government"), ("the government", "government"),
    ("the state", "government"), ("Damascus", "government"), ("the Turkish government", "rebels"),
    ("Ankara", "rebels"), ("the caliph Abu Omar al-Halabi", "isil"), ("the Syrian president", "government"),
])
def test_armed_men_loyal_to_a_side_s_rulers_are_that_side(whom, faction):
    from events.actors import find_sides

    sentence = f"On 3 June gunmen and fighters loyal to {whom} stormed Kafr Nabl."
    [side] = [m for m in find_sides(sentence) if m.text.startswith("fighters")]
    assert (side.text, side.faction) == (f"fighters loyal to {whom}", faction)
    # (a named place stormed is told as taken: tests/test_events_recall_kinds.py)
    assert (faction, "capture", "Kafr Nabl") in summary(read(f"On 3 June troops allied to {whom} stormed Kafr Nabl."))


def test_the_name_after_a_ruler_s_title_ends_at_its_last_capitalised_word():
    from events.actors import find_sides

    [side] = find_sides("Units loyal to President Samir Abu Khalil on Monday shelled the town.")
    assert side.text == "Units loyal to President Samir Abu Khalil"
    [side] = find_sides("Units loyal to the government on Monday shelled the town.")
    assert side.text == "Units loyal to the government"


def test_a_withdrawal_to_two_places_keeps_both_destinations_unless_sent_away_or_into_own_ground():
    events = read("On 3 June ISIS fighters withdrew to Sabkhah and Kafr Nabl.")
    assert sorted(summary(events)) == [("isil", "withdraw", "Kafr Nabl"), ("isil", "withdraw", "Sabkhah")]
    assert all(e.confidence < 0.5 for e in events)  # a destination: somewhere on the way


@pytest.mark.parametrize("text", [
    "On 3 June rebel fighters withdrew to Sabkhah and Kafr Nabl under a deal with the army.",
    "On 3 June rebel fighters withdrew to Sabkhah after an agreement was reached.",
    "On 3 June hundreds of rebels were transferred on buses to Sabkhah and Kafr Nabl.",
    "On 3 June the rebels, granted safe passage, withdrew to Sabkhah.",
    "On 3 June ISIS fighters fell back to their positions in Sabkhah and Kafr Nabl.",
    "On 3 June ISIS fighters retreated to areas they hold in Sabkhah.",
])
def test_men_sent_away_under_a_deal_or_back_into_their_ground_move_no_front_line(text):
    assert read(text) == []


def test_men_taken_prisoner_are_still_no_ground_taken():
    assert read("On 3 June the army captured 20 ISIS fighters near Raqqa.") == []


def test_a_noun_owned_by_a_side_and_aimed_at_a_place_is_that_side_s_event():
    assert ("government", "attack", "Kafr Nabl") in summary(read("On 3 June the army's assault on Kafr Nabl began."))
    assert ("isil", "attack", "Sabkhah") in summary(read("On 3 June ISIS attacks on army positions near Sabkhah "
                                                          "continued."))
    assert ("government", "attack", "Kafr Nabl") in summary(read("On 3 June a government offensive to retake Kafr Nabl "
                                                                  "got under way."))


def test_fighters_sent_away_under_a_deal_withdraw_from_where_they_were_not_where_they_go():
    events = read("On 3 June the army besieged Kafr Nabl.\n\nOn 4 June the rebels agreed to leave for Idlib.")
    assert ("rebels", "withdraw", "Idlib") not in summary(events)
    events = read("On 3 June the SDF took Raqqa. Under the deal ISIS fighters withdrew to the towns of Sabkhah and Ma'dan.")
    assert not [e for e in events if e.action == "withdraw" and e.place in ("Sabkhah", "Ma'dan")]


def test_an_air_arm_named_without_its_country_is_not_the_side_holding_the_ground_it_strikes():
    [strike] = read("On 3 June warplanes pounded the remaining rebel districts of Idlib.")
    assert (strike.actor, strike.action, strike.target) == ("government", "airstrike", "rebels")


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army pressed its assault on Kafr Nabl.", ("government", "attack", "Kafr Nabl")),
    ("On 3 June the army took Sabkhah and then moved on to Ma'dan.", ("government", "advance", "Ma'dan")),
    ("On 3 June the Islamic Front captured Kafr Nabl.", ("rebels", "capture", "Kafr Nabl")),
    ("On 3 June the Revolutionary Guards captured Sabkhah.", ("government", "capture", "Sabkhah")),
])
def test_more_light_verbs_motion_verbs_and_sides(text, expected):
    assert expected in summary(read(text))


def test_a_place_named_before_a_relative_clause_is_the_patient_of_the_passive_after_it():
    events = read("Kafr Nabl, which the army captured last year, was attacked by rebels on 3 June.")
    assert summary(events) == [("rebels", "attack", "Kafr Nabl")]


def test_the_alliance_is_the_alliance_the_report_follows_and_a_breach_gets_in():
    events = read("On 3 June the SDF breached the walls of Raqqa. On 5 June the alliance captured Sabkhah.")
    assert ("sdf", "advance", "Raqqa") in summary(events) and ("sdf", "capture", "Sabkhah") in summary(events)


def test_a_verb_left_out_before_a_second_place_with_its_own_date():
    events = read("The army took Sabkhah on 3 May and Ma'dan on 9 May.")
    assert sorted((e.place, e.date_start) for e in events if e.action == "capture") == [
        ("Ma'dan", date(2017, 5, 9)), ("Sabkhah", date(2017, 5, 3))]


def test_ground_counted_not_named_is_taken_in_the_region_just_fought_in_not_the_town():
    events = read("On 3 June the army launched an offensive in Hama Governorate. It captured 12 villages on 5 June.")
    assert ("government", "capture", "Hama Governorate") in summary(events)
    events = read("On 3 June ISIS attacked Sabkhah. On 4 June it recaptured two villages.")
    assert [e.place for e in events if e.action in ("capture", "recapture")] == []


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army declared Kafr Nabl free of terrorists.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June Kafr Nabl was declared secure by the army.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the army brought Kafr Nabl under its control.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June Kafr Nabl returned to government control.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June Raqqa was in the hands of the SDF.", ("sdf", "capture", "Raqqa")),
    ("On 3 June the army gained a foothold in Kafr Nabl.", ("government", "advance", "Kafr Nabl")),
    ("On 3 June the army mopped up the last pockets of resistance in Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the army routed ISIS from Sabkhah.", ("government", "capture", "Sabkhah")),
    ("On 3 June the army dislodged the rebels from Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the rebels gave up Kafr Nabl.", ("government", "capture", "Kafr Nabl")),
    ("On 3 June the army blockaded Kafr Nabl.", ("government", "siege", "Kafr Nabl")),
    ("On 3 June the army tightened the noose around Kafr Nabl.", ("government", "encircle", "Kafr Nabl")),
    ("On 3 June the rebels infiltrated Kafr Nabl.", ("rebels", "attack", "Kafr Nabl")),
    ("On 3 June the rebels launched rockets at Kafr Nabl.", ("rebels", "attack", "Kafr Nabl")),
])
def test_announced_returned_routed_and_besieging_forms(text, expected):
    assert expected in summary(read(text))


def test_a_defeat_named_as_a_noun_is_no_capture():
    assert [e for e in read("On 3 June the militias took part in the defeat of ISIS near Sabkhah.")
            if e.action == "capture"] == []


def test_a_place_owning_its_capture_and_a_passive_take_of_the_town_just_named():
    assert ("sdf", "capture", "Raqqa") in summary(read("On 3 June Raqqa's capture by the SDF was announced."))
    events = read("On 3 June the army attacked Kafr Nabl. On 4 June the town was taken.")
    assert ("government", "capture", "Kafr Nabl") in summary(events)
    assert read("On 3 June ten soldiers were taken prisoner.") == []


def test_a_town_that_fell_was_taken_by_the_side_attacking_it_and_men_near_a_place_are_no_goods():
    events = read("On 3 June the army attacked Kafr Nabl. On 4 June the town fell.")
    assert ("government", "capture", "Kafr Nabl") in summary(events)
    assert read("On 3 June oil prices fell.") == []
    assert ("government", "capture", "Kafr Nabl") in summary(read("On 3 June the army took Kafr Nabl, where three "
                                                                   "soldiers died."))


def test_it_as_the_patient_of_a_capture_is_the_place_just_fought_at():
    events = read("On 3 June the army attacked Kafr Nabl. On 4 June it was captured.")
    assert ("government", "capture", "Kafr Nabl") in summary(events)


@pytest.mark.parametrize("text", [
    "On 3 June the army attacked Sabkhah. On 4 June three soldiers fell in Kafr Nabl.",
    "On 3 June the army attacked Sabkhah. On 4 June shells fell on Kafr Nabl.",
    "On 3 June the army attacked Sabkhah. On 4 June the rebels gave up their weapons in Kafr Nabl.",
    "On 3 June the army attacked Sabkhah. On 4 June the rebels breached the ceasefire in Kafr Nabl.",
    "On 3 June the army attacked Sabkhah. On 4 June the army hammered out a deal in Kafr Nabl.",
])
def test_what_falls_or_is_given_up_is_not_always_ground(text):
    assert [e for e in read(text) if e.place == "Kafr Nabl"] == []


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army defeated an ISIS attack on Kafr Nabl.", [("government", "repel", "Kafr Nabl")]),
    ("On 3 June the army defeated ISIS in Kafr Nabl.", [("government", "capture", "Kafr Nabl")]),
    ("On 3 June the army issued a press release on attacks on Idlib.", []),
    ("On 3 June the rebels handed over ISIS prisoners in Idlib.", []),
    ("On 3 June the rebels surrendered Monday to the army in Idlib.", []),
    ("On 3 June bread cost 500 Syrian pounds in Raqqa.", []),
    ("On 3 June the army pressed on with its assault on Kafr Nabl.", [("government", "attack", "Kafr Nabl")]),
])
def test_words_the_new_forms_share_with_other_senses_are_not_events(text, expected):
    # defeating an attack repels it; a press release, prisoners handed over, a weekday and a price are no events
    assert summary(read(text)) == expected


# --- a purpose infinitive told as done -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a past move whose aim carries the date of the taking: the taking happened
    ("The SDF advanced from the southern bank of the river to take Raqqa on March 26.", ("sdf", "capture", "Raqqa")),
    ("The army pushed east from Sabkhah to capture Ma'dan on Sunday.", ("government", "capture", "Ma'dan")),
    # an aim stays an aim: no dated result, or a goal word between
    ("The SDF advanced from the southern bank of the river to take Raqqa.", ("sdf", "advance", "Raqqa")),
    ("The SDF advanced from the southern bank in a bid to take Raqqa on March 26.", ("sdf", "advance", "Raqqa")),
    ("The army pushed east from Sabkhah, aiming to capture Ma'dan on Sunday.", ("government", "advance", "Ma'dan")),
])
def test_a_dated_purpose_of_a_past_move_is_the_event(text, expected):
    assert summary(read(text)) == [expected]


# --- fighting between two sides: the side the report follows ------------------------------------

@pytest.mark.parametrize("text, expected", [
    # the headline follows the second side named: it acts
    ("Army units hold the line near Idlib\n\nIn the north of Idlib, clashes between rebels and the army continued "
     "on Sunday.", ("government", "clash", "rebels")),
    ("date: 2017-06-10\nArmy units hold the line near Idlib\n\nIn the north of Idlib, clashes between rebels and "
     "the army continued on Sunday.", ("government", "clash", "rebels")),
    # a headline naming neither, or both, or none at all: the first side named
    ("Heavy rain in the north\n\nIn the north of Idlib, clashes between rebels and the army continued on Sunday.",
     ("rebels", "clash", "government")),
    ("Rebels and army trade blame\n\nIn the north of Idlib, clashes between rebels and the army continued on Sunday.",
     ("rebels", "clash", "government")),
    ("In the north of Idlib, clashes between rebels and the army continued on Sunday.", ("rebels", "clash", "government")),
])
def test_fighting_between_two_sides_is_told_from_the_side_the_report_follows(text, expected):
    assert [(e.actor, e.action, e.target) for e in read(text)] == [expected]


def test_a_side_named_as_the_subject_of_a_repulse_keeps_it_whoever_else_the_report_names():
    text = ("On 3 June the mercenaries stormed Kafr Nabl. Kurdish fighters repelled the attack.\n\n"
            "The army later deployed near Raqqa.")
    assert ("sdf", "repel", "Kafr Nabl") in summary(read(text))


@pytest.mark.parametrize("text, expected", [
    ("On 3 June Turkish drones struck Kafr Nabl.", ("rebels", "airstrike", "Kafr Nabl")),
    ("On 3 June Russian helicopters struck Kafr Nabl.", ("government", "airstrike", "Kafr Nabl")),
    ("On 3 June Turkish unmanned aerial vehicles hit army positions near Kafr Nabl.", ("rebels", "airstrike", "Kafr Nabl")),
    ("On 3 June the Turkish occupation army and its mercenaries captured Kafr Nabl.", ("rebels", "capture", "Kafr Nabl")),
    ("On 3 June the mercenaries shelled Kafr Nabl.", ("rebels", "attack", "Kafr Nabl")),
])
def test_a_nation_before_a_generic_air_arm_or_army_names_its_side(text, expected):
    assert expected in summary(read(text))


def test_factions_of_a_named_group_are_that_group():
    events = read("On 3 June the army took control of Sabkhah after factions of HTS withdrew from Kafr Nabl on Friday.")
    assert ("hts", "withdraw", "Kafr Nabl") in summary(events)


def test_a_withdrawal_that_tells_where_the_men_went_is_news_of_its_own():
    events = read("On 3 June the SDF took Raqqa, and ISIS fighters withdrew south towards Sabkhah.")
    assert ("isil", "withdraw", "Raqqa") in summary(events)
    assert ("sdf", "capture", "Raqqa") in summary(events)


def test_their_fighters_after_a_speaker_who_admits_are_the_speaker_s_side():
    events = read("The army took Raqqa on 12 May. A rebel spokesman conceded that their fighters had pulled out of Raqqa.")
    assert ("rebels", "withdraw", "Raqqa") in summary(events)
    events = read("After ISIS attacked Sabkhah on 3 June, their fighters withdrew from Kafr Nabl.")
    assert ("isil", "withdraw", "Kafr Nabl") in summary(events)


def test_fighting_told_as_still_going_on_is_of_the_report_s_present_not_the_story_before_it():
    [capture, clash] = read("On 3 June the army took Raqqa. Clashes are still ongoing in Sabkhah.")
    assert (capture.date_start, capture.date_end) == (date(2017, 6, 3), date(2017, 6, 3))
    assert clash.action == "clash" and clash.date_end == date(2017, 6, 10) and clash.date_start > date(2017, 6, 3)


@pytest.mark.parametrize("text", [
    "On 3 June the army entered Raqqa after the departure of the last convoy of rebels.",
    "On 3 June the army entered Raqqa once the remaining gunmen had left under a deal.",
    "On 2 June the last buses carrying ISIS members left Raqqa. On 3 June the army entered Raqqa.",
    "On 3 June the rebels accepted a deal to leave for the north, and the army entered Raqqa.",
])
def test_entering_a_town_its_holders_left_under_a_deal_is_taking_it(text):
    assert ("government", "capture", "Raqqa") in summary(read(text))


def test_deploying_into_a_town_under_an_agreement_with_its_holder_is_an_advance():
    events = read("On 3 June, under an agreement with the SDF, army units deployed along the border, entering Raqqa.")
    assert ("government", "advance", "Raqqa") in summary(events)
    assert ("government", "advance", "Raqqa") in summary(read("On 3 June the army entered Raqqa."))


def test_a_generic_name_after_and_their_loyal_is_the_ally_of_the_side_before():
    assert ("government", "advance", "Raqqa") in summary(read("On 3 June regime soldiers and their loyal gunmen "
                                                                 "moved into Raqqa."))


@pytest.mark.parametrize("text, expected", [
    ("On 3 June the army took Raqqa.\n\nThe rebels denied it.\n\nWarplanes struck Sabkhah. The rebels said they repelled "
     "an attack near Sabkhah.", ("government", "airstrike", "Sabkhah")),
    ("On 3 June Turkish warplanes struck Raqqa. The army deployed nearby.\n\nWarplanes also struck Sabkhah.",
     ("rebels", "airstrike", "Sabkhah")),
    ("On 3 June coalition jets struck Raqqa. The SDF advanced on Sabkhah. Warplanes also struck Sabkhah.",
     ("coalition", "airstrike", "Sabkhah")),
])
def test_an_air_arm_without_its_country_is_the_last_named_air_arm_s_else_a_side_with_an_air_force(text, expected):
    assert expected in summary(read(text))


def test_a_place_that_fell_after_a_side_pulled_out_fell_to_the_side_it_left_it_to():
    events = read("On 3 June the SDF took Raqqa. ISIS fighters withdrew from Sabkhah. Kafr Nabl fell on 5 June.")
    assert ("sdf", "capture", "Kafr Nabl") in summary(events)
