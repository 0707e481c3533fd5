"""Who acts and when, on wordings of outlets and years beyond the 2017 corpus (sentences written for these tests).

Sides: the names partisan outlets give the other side (a Kurdish agency's "mercenaries" and
"occupation army", a Turkish paper's "terror group", a monitor's "the factions"), drones
and air arms, speakers' own fighters. Dates: reports of other years, relative spans
("later that month"), a report's own period.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.actors import find_sides
from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

finder = finder_of({**PLACES, "Afrin": (36.51, 36.87, "town"), "Manbij": (36.53, 37.95, "city")})


def read(text: str, when: date | None = date(2019, 10, 20)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def sides(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.faction) for m in find_sides(text) if m.faction]


# --- sides ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, faction", [
    ("the Turkish occupation army shelled the village", "rebels"),
    ("the Turkish state began its invasion", "rebels"),
    ("Turkish drones hit a car", "rebels"),
    ("Turkish unmanned aerial vehicles hit a car", "rebels"),
    ("Jaish al-Fatah stormed the base", "hts"),
])
def test_names_partisan_outlets_give_a_side(text, faction):
    assert sides(text)[0][1] == faction


def test_mercenaries_are_turkeys_factions_or_isis_as_the_report_names_them():
    turkish = read("The Turkish occupation army pounded the area for days. On 14 October the mercenaries "
                   "attacked Tell Abyad.")
    daesh = read("ISIS still hides in the desert. On 14 October the mercenaries attacked Tell Abyad.")
    assert [e.actor for e in turkish if e.place == "Tell Abyad"] == ["rebels"]
    assert [e.actor for e in daesh if e.place == "Tell Abyad"] == ["isil"]


def test_the_factions_are_the_opposition_or_the_hts_led_side_named():
    assert [e.actor for e in read("On 14 October the factions recaptured Kafr Nabl.")] == ["rebels"]
    hts = read("Tahrir al-Sham leads the defence of the south. On 14 October the factions recaptured Kafr Nabl.")
    assert [e.actor for e in hts] == ["hts"]


def test_a_turkish_outlets_terrorists_are_the_kurdish_militia_it_names():
    events = read("The YPG/PKK holds the town. On 14 October the terrorists attacked Tell Abyad.")
    assert [e.actor for e in events if e.action == "attack"] == ["sdf"]


def test_warplanes_named_near_a_rebel_group_are_not_the_rebels():
    events = read("On 14 October warplanes bombed Kafr Nabl. Jaish al-Izza, which holds the town, said it had "
                  "lost four men.")
    assert [e.actor for e in events if e.action == "airstrike"] == ["government"]
    turkish = read("Turkish forces shelled the area. On 14 October warplanes bombed Afrin.")
    assert [e.actor for e in turkish if e.action == "airstrike" and e.place == "Afrin"] == ["rebels"]


def test_their_fighters_after_a_side_that_admitted_are_that_side():
    events = read("On 14 October the army stormed Kafr Nabl. Rebel officers admitted that their fighters had "
                  "pulled out of Kafr Nabl.")
    assert ("rebels", "withdraw", "Kafr Nabl") in [(e.actor, e.action, e.place) for e in events]


# --- dates ------------------------------------------------------------------------------------

def test_later_that_month_is_the_rest_of_the_running_month():
    events = read("The army took Kafr Nabl on 4 May. Rebels recaptured Kafr Nabl later that month.")
    retaken = [e for e in events if e.actor == "rebels"][0]
    assert (retaken.date_start, retaken.date_end) == (date(2019, 5, 4), date(2019, 5, 31))
    wide = read("The army took Kafr Nabl in May. The factions retook Kafr Nabl later in the same month.")
    assert [(e.date_start, e.date_end) for e in wide if e.actor == "rebels"] == [(date(2019, 5, 1), date(2019, 5, 31))]


def test_the_following_month_is_the_next_calendar_month():
    events = read("ISIS took Raqqa on 12 January 2014. The SDF entered Tell Abyad the following month.", None)
    entry = [e for e in events if e.actor == "sdf"][0]
    assert (entry.date_start, entry.date_end) == (date(2014, 2, 1), date(2014, 2, 28))


def test_the_end_of_a_month_after_the_report_is_last_years():
    [event] = read("The army took Kafr Nabl at the end of March.", date(2020, 3, 2))
    assert (event.date_start, event.date_end) == (date(2019, 3, 21), date(2019, 3, 31))


def test_a_place_that_fell_after_a_side_withdrew_fell_to_the_other_side():
    events = read("On 16 March the army stormed Raqqa and rebels said they had pulled out. Sabkhah was taken at the "
                  "end of March. Kafr Nabl fell on 9 April.", date(2014, 5, 1))
    # (Raqqa stormed is Raqqa taken: tests/test_events_recall_kinds.py)
    assert [(e.actor, e.place, e.date_start) for e in events if e.action == "capture"] == [
        ("government", "Raqqa", date(2014, 3, 16)), ("government", "Sabkhah", date(2014, 3, 21)),
        ("government", "Kafr Nabl", date(2014, 4, 9))]


def test_an_attack_on_a_town_is_against_the_side_its_paragraph_names_not_a_distant_usual_enemy():
    events = read("On 14 October Turkish-backed factions attacked Tell Abyad. SDF fighters repelled the attack.\n\n"
                  "Units of the Syrian army deployed in Manbij on 15 October.")
    assert [(e.actor, e.target) for e in events if e.action == "repel"] == [("sdf", "rebels")]


@pytest.mark.parametrize("phrase, start, end", [
    ("in the summer of 2012", date(2012, 6, 1), date(2012, 8, 31)),
    ("in mid-2012", date(2012, 5, 1), date(2012, 8, 31)),
    ("in late 2013", date(2013, 9, 1), date(2013, 12, 31)),
])
def test_a_part_of_a_year_dates_history_in_its_own_time(phrase, start, end):
    [event] = read(f"Rebels took over Kafr Nabl {phrase}.", date(2014, 5, 9))
    assert (event.actor, event.date_start, event.date_end, event.date_precision) == ("rebels", start, end, "month")


def test_since_a_part_of_a_year_in_a_later_clause_dates_the_holding_not_the_capture():
    [event] = read("On 3 May the army took Kafr Nabl, which rebels had held since mid-2012.", date(2014, 5, 9))
    assert (event.actor, event.date_start, event.date_end) == ("government", date(2014, 5, 3), date(2014, 5, 3))


def test_this_reporting_period_is_the_period_the_summarys_title_names():
    events = read("Weekly summary, August 18-24, 2016\n\nThe SDF took Raqqa on 12 August. During this period the SDF "
                  "advanced on Tell Abyad.", date(2016, 8, 25))
    advance = [e for e in events if e.action == "advance"][0]
    assert (advance.date_start, advance.date_end) == (date(2016, 8, 18), date(2016, 8, 24))
    untitled = read("The SDF took Raqqa on 12 August. During this period the SDF advanced on Tell Abyad.",
                    date(2016, 8, 25))
    assert [(e.date_start, e.date_end) for e in untitled if e.action == "advance"] == [(date(2016, 8, 12),) * 2]


def test_a_group_named_inside_the_subject_is_part_of_the_side_that_acts():
    events = read("On 5 March opposition brigades including several Nusra units overran Kafr Nabl.", date(2013, 12, 1))
    assert [(e.actor, e.target) for e in events] == [("rebels", "government")]


@pytest.mark.parametrize("text, faction", [
    ("Local Defense Forces advanced", "government"), ("armed gangs attacked", "rebels"),
    ("Daesh gangs attacked", "isil"), ("the Turkish regime shelled", "rebels"), ("US Marines struck", "coalition"),
    ("Jaish al-Muhajireen wal-Ansar fighters advanced", "hts"), ("the Self-Defense Forces entered", "sdf"),
])
def test_more_groups_of_2013_to_2020(text, faction):
    assert sides(text)[-1][1] == faction


def test_fighting_told_in_the_present_is_on_the_reports_day_not_the_running_date():
    events = read("On 20 April the army took Raqqa. Clashes are still ongoing in Kafr Nabl.", date(2014, 5, 1))
    assert [(e.date_start, e.date_end) for e in events if e.place == "Kafr Nabl"] == [(date(2014, 5, 1),) * 2]
    past = read("On 20 April the army took Raqqa and clashes continued in Kafr Nabl.", date(2014, 5, 1))
    assert [(e.date_start, e.date_end) for e in past if e.place == "Kafr Nabl"] == [(date(2014, 4, 20),) * 2]


@pytest.mark.parametrize("text, actor", [
    ("On 3 April Kafr Nabl was handed over to the army.", "government"),
    ("On 3 April Tell Abyad was handed back to the SDF.", "sdf"),
    ("On 3 April Kafr Nabl returned to state control.", "government"),
])
def test_a_place_handed_over_goes_to_the_side_named_after_it(text, actor):
    assert [(e.actor, e.action) for e in read(text, date(2014, 5, 1))] == [(actor, "capture")]


@pytest.mark.parametrize("phrase, start, end", [
    ("during the night of Sunday-Monday", date(2018, 5, 20), date(2018, 5, 21)),
    ("between Friday and Sunday", date(2018, 5, 18), date(2018, 5, 20)),
])
def test_two_weekdays_are_the_days_from_one_to_the_other(phrase, start, end):
    [event] = read(f"ISIS fighters pulled out of Raqqa {phrase}.", date(2018, 5, 21))
    assert (event.actor, event.date_start, event.date_end) == ("isil", start, end)


@pytest.mark.parametrize("text", [
    "On 3 April the SDF took Raqqa after ISIS fighters withdrew. The fall of Tell Abyad cut the route.",
    "On 3 April the SDF liberated Raqqa. With the liberation of Tell Abyad, the militants are now besieged in Sabkhah.",
])
def test_a_fall_told_without_its_agent_is_not_the_losing_sides(text):
    events = read(text, date(2014, 5, 1))
    assert [e.actor for e in events if e.place == "Tell Abyad"] == ["sdf"]


def test_a_part_of_the_reports_own_year_ends_at_the_report():
    [event] = read("In early 2017 ISIS attacked Qaryatayn.", date(2017, 2, 27))
    assert (event.date_start, event.date_end) == (date(2017, 1, 1), date(2017, 2, 27))
