"""When, where and whether: dates, places and statements of kinds the fresh corpora showed
(all sentences written for these tests, with other places and years than the corpora's)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from events.dates import DateContext, DateSpan, find_dates, resolve
from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

EXTRA = {"Idlib Governorate": (35.8, 36.6, "governorate"), "Sarmin": (35.9, 36.72, "town"),
         "Taftanaz": (35.99, 36.78, "town"), "Binnish": (35.95, 36.71, "town"),
         "Homs Governorate": (34.7, 37.9, "governorate"), "Palmyra": (34.55, 38.27, "city"),
         "Jabal al-Zawiya": (35.7, 36.55, "region")}
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


# --- dates -------------------------------------------------------------------------------------

def test_a_background_section_does_not_lend_its_years_to_the_timeline_after_it():
    page = ("Siege of Sarmin (2021)\n\nThe siege of Sarmin was fought in Idlib Governorate in March 2021.\n\n"
            "Background\nThe army had taken Binnish in May 2018. Sarmin had seen protests in 2019.\n\n"
            "Timeline\nOn 4 March, the army captured Taftanaz.\n")
    events = read(page, None)
    taftanaz = [e for e in events if e.place == "Taftanaz"]
    assert [(e.date_start, e.date_end) for e in taftanaz] == [(date(2021, 3, 4), date(2021, 3, 4))], places(events)
    binnish = [e for e in events if e.place == "Binnish"]
    assert [(e.date_start, e.date_end) for e in binnish] == [(date(2018, 5, 1), date(2018, 5, 31))], places(events)


# --- places: sites named again -------------------------------------------------------------------

def test_the_camp_named_again_is_the_camp_named_before():
    local = finder_of({**PLACES, **EXTRA, "Khan Eshieh camp": (33.37, 36.09, "site")})
    text = ("Rebels have held Khan Eshieh camp since 2013. On 9 October the army shelled the camp for hours. "
            "On 11 October government troops stormed the camp.")
    events = list(extract(parse_document(text.encode(), "report.txt", doc_date=date(2016, 10, 12)), local).events)
    assert [(e.action, e.place, e.date_start) for e in events if e.actor == "government"] == [
        ("attack", "Khan Eshieh camp", date(2016, 10, 9)), ("attack", "Khan Eshieh camp", date(2016, 10, 11))]


def test_an_unknown_name_guessed_from_its_context_keeps_its_first_guess():
    from gazetteer.place import Mention, Place

    def guess(text: str) -> list[Mention]:
        # A finder placing an unknown name near whichever town its sentence names.
        found = []
        for name, (lat, lon) in {"Sarmin": (35.9, 36.72), "Palmyra": (34.55, 38.27)}.items():
            found += [Mention(m.start(), m.end(), name, Place(name, lat, lon, "town", None, "test", 2.0))
                      for m in re.finditer(name, text)]
        for m in re.finditer("Qasr al-Banat", text):
            near = min(("Sarmin", "Palmyra"), key=lambda n: min((abs(x.start() - m.start()) for x in re.finditer(n, text)),
                                                              default=len(text)))
            lat, lon = {"Sarmin": (35.9, 36.72), "Palmyra": (34.55, 38.27)}[near]
            found.append(Mention(m.start(), m.end(), "Qasr al-Banat",
                                 Place("Qasr al-Banat", lat, lon, "inferred", None, f"near {near}", 30.0)))
        return sorted(found, key=lambda m: m.start)

    text = ("Rebels besieged Qasr al-Banat near Sarmin on 2 March. Militants also shelled Palmyra that week, "
            "far to the south. On 6 March the army broke through to Qasr al-Banat.")
    events = list(extract(parse_document(text.encode(), "report.txt", doc_date=date(2019, 3, 8)), guess).events)
    banat = [e for e in events if e.place == "Qasr al-Banat"]
    assert banat and all((e.lat, e.lon) == (35.9, 36.72) for e in banat), [(e.action, e.lat) for e in banat]


@pytest.mark.parametrize("text, action, start", [
    ("HTS fighters took Sarmin on 14 March after a three-day assault on its eastern edge.", "attack", date(2019, 3, 11)),
    ("HTS fighters took Sarmin on 14 March after two weeks of fierce clashes with the army.", "clash", date(2019, 2, 28)),
    ("HTS fighters took Sarmin on 14 March, following a week-long assault.", "attack", date(2019, 3, 7)),
])
def test_the_counted_fight_a_capture_ended_is_dated_back_from_the_capture(text, action, start):
    events = read(text)
    assert ("hts", "capture", "Sarmin") in places(events)
    [fight] = [e for e in events if e.action == action]
    assert (fight.actor, fight.place, fight.date_start, fight.date_end) == ("hts", "Sarmin", start, date(2019, 3, 14))


@pytest.mark.parametrize("text", [
    "HTS fighters took Sarmin on 14 March after weeks of fierce fighting.",
    # a campaign's length is not a fight at the place it ended at
    "HTS fighters took Sarmin on 14 March after a two-week offensive across the province.",
])
def test_a_fight_of_no_counted_length_before_a_capture_is_no_event_of_its_own(text):
    assert places(read(text)) == [("hts", "capture", "Sarmin")]


def test_a_date_in_a_new_clause_after_a_speakers_words_is_that_clauses_own():
    events = read("The army took Binnish on Saturday, a commander said, while in mid-March its units had taken Sarmin.",
                  date(2019, 4, 2))
    [sarmin] = [e for e in events if e.place == "Sarmin"]
    assert (sarmin.date_start, sarmin.date_end, sarmin.date_precision) == (date(2019, 3, 11), date(2019, 3, 20), "month")


# --- lists ---------------------------------------------------------------------------------------

def test_the_places_a_counted_capture_includes_are_taken_not_the_town_they_lie_around():
    events = read("The army took Binnish on 2 March. Since then it has captured dozens of villages around the town, "
                  "including Sarmin, Taftanaz and Kafr Nabl.", date(2019, 3, 10))
    assert sorted(places(events)) == [("government", "capture", p) for p in ("Binnish", "Kafr Nabl", "Sarmin", "Taftanaz")]


def test_the_places_a_province_wide_pocket_includes_are_the_places_of_its_encirclement():
    events = read("On 30 March the army cut off the rebel-held pocket in Idlib Governorate, including the towns of "
                  "Sarmin, Taftanaz and Binnish.")
    assert sorted(places(events)) == [("government", "encircle", p) for p in ("Binnish", "Sarmin", "Taftanaz")]


def test_a_capture_of_a_town_including_its_district_keeps_the_town():
    local = finder_of({**PLACES, **EXTRA, "al-Mashlab": (35.95, 39.03, "district")})
    events = list(extract(parse_document(b"The SDF captured Raqqa on 17 October, including al-Mashlab.", "r.txt",
                                         doc_date=date(2017, 10, 20)), local).events)
    assert ("sdf", "capture", "Raqqa") in places(events)


@pytest.mark.parametrize("text, day", [
    # a date after an apposition, then a subordinate clause: the verb's own date
    ("The army entered Sarmin, the largest rebel-held town in the area, on 9 March after the rebels accepted a deal.",
     date(2019, 3, 9)),
    ("The army entered Sarmin, a town on the main road, on 9 March following a deal with its elders.", date(2019, 3, 9)),
    # a date opening a coordinated clause still dates what follows it, not the verb before
    ("The army shelled Binnish on 2 March, and on 9 March after a deal it entered Sarmin.", date(2019, 3, 9)),
])
def test_a_date_after_an_apposition_dates_the_verb_before_it(text, day):
    [sarmin] = [e for e in read(text, date(2019, 3, 12)) if e.place == "Sarmin"]
    assert (sarmin.date_start, sarmin.date_end) == (day, day)


@pytest.mark.parametrize("text, actor, action, day", [
    ("The army seized Taftanaz on 22 March and pushed north towards Sarmin, which it captured on 24 March.",
     "government", "capture", date(2019, 3, 24)),
    ("ISIS still threatens the garrison at Sarmin, which ISIS attacked again on 22 March, and the one at Binnish.",
     "isil", "attack", date(2019, 3, 22)),
    ("The rebels lost Sarmin, which the army finally captured on 24 March.", "government", "capture", date(2019, 3, 24)),
])
def test_the_place_a_relative_which_stands_for_is_the_object_of_its_verb(text, actor, action, day):
    events = read(text, date(2019, 3, 26))
    assert any((e.actor, e.action, e.place, e.date_start) == (actor, action, "Sarmin", day) for e in events), \
        [(e.actor, e.action, e.place, e.date_start) for e in events]


# --- confidence ----------------------------------------------------------------------------------

def test_a_claimed_capture_and_a_date_carried_over_rank_below_a_stated_dated_capture():
    [stated] = read("The army captured Sarmin on 24 March.", date(2019, 3, 26))
    [claimed] = read("The army said it had captured Sarmin on 24 March.", date(2019, 3, 26))
    carried = [e for e in read("The army captured Binnish on 22 March. Later the army also captured Sarmin.",
                               date(2019, 3, 26)) if e.place == "Sarmin"]
    assert claimed.certainty == "claimed" and claimed.confidence < stated.confidence
    assert carried and all(e.confidence < stated.confidence for e in carried)


# --- whether -------------------------------------------------------------------------------------

def test_what_a_denial_rejects_is_no_event_of_its_own():
    assert read("The rebels denied that the army had captured Sarmin on 24 March.", date(2019, 3, 26)) == []


def test_a_claim_denied_in_the_next_sentence_stays_an_event_marked_denied():
    events = read("The army said it had captured Sarmin on 24 March. These claims turned out to be false.",
                  date(2019, 3, 26))
    assert [(e.place, e.certainty) for e in events] == [("Sarmin", "denied")]


@pytest.mark.parametrize("text", [
    "The next target of the army is expected to be Sarmin.",
    "The army's main target is likely to be Sarmin.",
    "The offensive on Sarmin will start within days, a commander said.",
])
def test_an_expected_target_is_no_event(text):
    assert read(text) == []


@pytest.mark.parametrize("text, anchor, expected", [
    ("which the army took back that June", (date(2014, 3, 1), date(2014, 3, 31)), (date(2014, 6, 1), date(2014, 6, 30))),
    ("and later that October the rebels returned", (date(2011, 8, 2), date(2011, 8, 2)),
     (date(2011, 10, 1), date(2011, 10, 31))),
])
def test_that_month_is_the_month_of_the_running_year(text, anchor, expected):
    [expr] = find_dates(text)
    span = resolve(expr, DateContext(doc_date=date(2016, 1, 1), anchor=DateSpan(*anchor), year=anchor[0].year))
    assert (span.start, span.end) == expected


def test_a_headlines_province_sums_up_the_places_the_report_names():
    report = ("Army units take control of the whole Jabal al-Zawiya pocket as the toll of the fighting rises to 2,000\n\n"
              "The army captured Sarmin and Taftanaz on 30 March.")
    assert sorted(places(read(report))) == [("government", "capture", "Sarmin"), ("government", "capture", "Taftanaz")]


def test_a_province_in_a_first_sentence_run_on_from_a_byline_is_still_read():
    report = "By a staff writer, April 1, 2019\nRebels attacked army posts across Idlib Governorate on 30 March."
    assert ("rebels", "attack", "Idlib Governorate") in places(read(report))


@pytest.mark.parametrize("text", [
    "The army advanced in Sarmin and large parts of Taftanaz over the past days.",
    "Over the past days the army captured Sarmin and most of Taftanaz.",
    "Over the past days the army captured Sarmin and most of the Taftanaz district.",
])
def test_a_part_of_a_place_listed_after_another_is_in_the_list(text):
    assert {e.place for e in read(text)} == {"Sarmin", "Taftanaz"}


def test_it_after_the_village_a_clause_retook_stands_for_that_village():
    events = read("On 12 March the army entered Sarmin. Fighting went on around Taftanaz: the rebels regained the village "
                  "on 13 March, but the army retook it on 14 March.", date(2019, 3, 20))
    assert ("government", "recapture", "Taftanaz", date(2019, 3, 14)) in [
        (e.actor, e.action, e.place, e.date_start) for e in events]


def test_it_after_a_town_just_shelled_stands_for_that_town_not_one_taken_before():
    events = read("The army took Binnish in May 2017. On 15 March government forces began shelling the town of Sarmin, "
                  "and troops entered it on 19 March.", date(2019, 3, 25))
    entered = [e for e in events if e.action == "advance"]
    assert entered and all(e.place == "Sarmin" for e in entered), places(events)


def test_what_a_speaker_leaves_unacknowledged_is_not_told_by_them():
    events = read("The army said its troops had pulled back from Sarmin without admitting that HTS had captured it.")
    assert places(events) == [("government", "withdraw", "Sarmin")]
