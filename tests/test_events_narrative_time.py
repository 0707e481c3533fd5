"""Narrative time: the year and the running date a multi-paragraph report is told in.

Each kind is checked on several synthetic documents worded differently (outlets, years, verbs,
date styles), all written for these tests.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import finder_of

PLACES = {
    "Kafr Nabl": (35.61, 36.56, "town"), "Saraqib": (35.86, 36.80, "town"), "Ariha": (35.81, 36.61, "town"),
    "Morek": (35.37, 36.69, "town"), "Latamneh": (35.32, 36.62, "town"), "Harasta": (33.56, 36.36, "town"),
    "Douma": (33.57, 36.40, "city"), "Tell Rifaat": (36.47, 37.10, "town"), "Manbij": (36.53, 37.95, "city"),
    "Hajin": (34.69, 40.83, "town"), "Qaryatayn": (34.23, 37.24, "town"), "Sukhnah": (34.88, 38.87, "town"),
    "Palmyra": (34.55, 38.27, "city"), "Tabqa": (35.84, 38.55, "town"), "Maskanah": (35.96, 38.03, "town"),
}
finder = finder_of(PLACES)


def read(text: str, when: date | None = None):
    """Events of ``text``: a page with no date of its own unless ``when`` is given."""
    return list(extract(parse_document(text.encode("utf-8"), "page.txt", doc_date=when), finder).events)


def dated(events, action: str, place: str) -> tuple[date, date]:
    found = [(e.date_start, e.date_end) for e in events if e.action == action and e.place == place]
    assert len(found) == 1, [(e.action, e.place, str(e.date_start)) for e in events]
    return found[0]


# --- the year in force moves with the story ------------------------------------------------------

@pytest.mark.parametrize("text, action, place, expected", [
    # day-month dates rolling from December into January: the months after are of the new year
    ("Idlib campaign\n\nOn 19 December 2019 the army captured Kafr Nabl. On 28 January government troops "
     "stormed Ariha.\n\nOn 9 February the army seized Saraqib.",
     "capture", "Saraqib", date(2020, 2, 9)),
    # US-style dates and a bare month between them
    ("Ghouta campaign\n\nIn November 2017 the army shelled Harasta. In January, rebels attacked Douma. "
     "On April 4, government forces took Douma.",
     "capture", "Douma", date(2018, 4, 4)),
    # a relative date carrying the story across New Year
    ("Desert campaign\n\nOn 30 December 2015 jihadists attacked Qaryatayn. Four days later they captured "
     "Sukhnah.\n\nIn late March the army recaptured Palmyra.",
     "recapture", "Palmyra", date(2016, 3, 21)),
])
def test_a_year_less_date_is_of_the_year_the_story_has_moved_to(text, action, place, expected):
    assert dated(read(text), action, place)[0] == expected


# --- a date told in passing does not move the story's clock ---------------------------------------

@pytest.mark.parametrize("text, action, place, expected", [
    # a relative clause in the pluperfect, inside the subject
    ("Desert battles\n\nOn 2 October 2016 jihadists attacked Qaryatayn. The army, which had retaken Palmyra in "
     "March 2016, held its lines. Two days later the militants shelled Sukhnah.",
     "attack", "Sukhnah", date(2016, 10, 4)),
    # a parenthesis with a participle
    ("Idlib front\n\nOn 12 May 2018 the rebels stormed Kafr Nabl (lost to the army in January 2018). Three days "
     "later they took Ariha.",
     "capture", "Ariha", date(2018, 5, 15)),
    # an apposition opening with a participle, the story's relative date after it
    ("Hama front\n\nOn 20 June 2019 government troops shelled Morek, a town first seized by rebels in April 2014, "
     "and the following day they stormed Latamneh.",
     "capture", "Latamneh", date(2019, 6, 21)),
    # a relative clause closed by a comma, the main clause dated by the running date
    ("Euphrates front\n\nOn 9 March 2017 SDF fighters reached Tabqa. The SDF, which took Manbij on 12 August 2016, "
     "then attacked Maskanah.",
     "attack", "Maskanah", date(2017, 3, 9)),
])
def test_a_date_told_in_passing_dates_neither_the_main_clause_nor_what_follows(text, action, place, expected):
    assert dated(read(text), action, place)[0] == expected


def test_a_date_told_in_passing_still_dates_its_own_remark():
    events = read("On 3 May 2019 the army shelled Douma, which rebels had captured in October 2012.")
    assert dated(events, "attack", "Douma")[0] == date(2019, 5, 3)
    assert dated(events, "capture", "Douma") == (date(2012, 10, 1), date(2012, 10, 31))


# --- a published report's new paragraph: between the last date told and the report ---------------

def test_an_undated_paragraph_of_a_situation_report_runs_from_the_last_date_to_the_report():
    text = ("date: 2018-06-14\n\nSituation report\n\nISIS fighters overran checkpoints near Hajin on June 2 and on "
            "June 5. Pro-regime forces recaptured them on June 8.\n\nThe SDF attacked Hajin. Turkish-backed rebels "
            "shelled Tell Rifaat.")
    events = read(text)
    assert dated(events, "attack", "Tell Rifaat") == (date(2018, 6, 8), date(2018, 6, 14))


def test_an_undated_paragraph_after_a_background_one_is_the_reports_news():
    text = ("date: 2021-09-30\n\nIdlib monthly\n\nRegime artillery hit Ariha on 4 September and Kafr Nabl on "
            "6 September.\n\nBackground: the truce of March 2020 froze the front. The army had seized Saraqib in "
            "February 2020 and Kafr Nabl on 24 February 2020.\n\nHTS fighters repelled an assault near Morek. "
            "Russian jets bombed Latamneh.")
    start, end = dated(read(text), "airstrike", "Latamneh")
    assert end == date(2021, 9, 30) and start >= date(2021, 9, 1)


@pytest.mark.parametrize("opening", ["Then", "Shortly afterwards", "Later"])
def test_a_paragraph_that_chains_on_keeps_the_running_date(opening):
    # a retrospective published a year on: its story is of the year before
    text = (f"date: 2014-06-20\n\nA year of war\n\nIn March 2013 rebels took Raqqa. On 7 April they attacked "
            f"Tabqa and on 9 April Maskanah.\n\n{opening} the jihadists seized Tabqa.")
    start, end = dated(read(text), "capture", "Tabqa")
    assert end < date(2013, 12, 31)


# --- a section heading naming a year (or a month of a year) sets the story's time ------------------

@pytest.mark.parametrize("text, action, place, expected", [
    ("Ghouta campaign\n\n2017\n\nIn June 2017 the army shelled Harasta.\n\n2018\n\nIn March, government forces "
     "captured Douma.", "capture", "Douma", (date(2018, 3, 1), date(2018, 3, 31))),
    ("Desert war\n\n== Fighting of 2015 ==\nOn 9 September 2015 jihadists attacked Qaryatayn.\n\n"
     "== Offensive of 2016 ==\nOn 5 May the army recaptured Qaryatayn.",
     "recapture", "Qaryatayn", (date(2016, 5, 5), date(2016, 5, 5))),
    ("Hama front\n\n### November 2018\nOn 2 November 2018 rebels attacked Morek.\n\n### January 2019\n"
     "Government artillery shelled Latamneh.", "attack", "Latamneh", (date(2019, 1, 1), date(2019, 1, 31))),
])
def test_a_section_heading_with_a_year_sets_the_time_of_its_section(text, action, place, expected):
    assert dated(read(text), action, place) == expected


def test_the_title_range_does_not_set_the_year():
    # "(2015–2016)" in the title: the story's year comes from the text
    text = "Battle for the desert (2015–2016)\n\nOn 9 May 2016 the army took Qaryatayn. On 3 June it attacked Sukhnah."
    assert dated(read(text), "attack", "Sukhnah")[0] == date(2016, 6, 3)


# --- a forward-moving chronicle: an earlier month without a year is of the next year ---------------

@pytest.mark.parametrize("text, action, place, expected", [
    ("Idlib war\n\nIn September 2019 the army shelled Kafr Nabl. On 20 November it attacked Ariha. On 12 May, "
     "government forces seized Saraqib.", "capture", "Saraqib", date(2020, 5, 12)),
    ("Kurdish front\n\nOn 3 August 2014 jihadists attacked Tell Rifaat. On 20 August they captured Manbij. "
     "In April Kurdish fighters recaptured Manbij.", "recapture", "Manbij", date(2015, 4, 30)),
    ("Euphrates war\n\nOn July 2, 2016 the SDF reached Maskanah. On July 30 it stormed Maskanah. By March 4 the "
     "SDF had taken Tabqa.", "capture", "Tabqa", date(2017, 3, 4)),
])
def test_an_earlier_month_in_a_forward_chronicle_is_of_the_next_year(text, action, place, expected):
    assert dated(read(text), action, place)[1] == expected


@pytest.mark.parametrize("flashback", ["In May, the jihadists had seized Hajin.",
                                       "Earlier, in May, the jihadists seized Hajin.",
                                       "The jihadists had previously seized Hajin in May."])
def test_a_flashback_to_an_earlier_month_stays_in_the_year(flashback):
    text = f"Desert war\n\nOn 10 August 2017 the army took Sukhnah. On 20 August it attacked Palmyra. {flashback}"
    assert dated(read(text), "capture", "Hajin")[0].year == 2017


# --- time words counted from the running date --------------------------------------------------------

def _span(text: str, anchor: tuple[date, date] | None, doc_date: date | None = None, year: int | None = None):
    from events.dates import DateContext, DateSpan, find_dates, resolve
    found = find_dates(text)
    assert len(found) == 1, [(text[e.start:e.end], e.kind) for e in found]
    ctx = DateContext(doc_date=doc_date, anchor=DateSpan(*anchor) if anchor else None,
                      year=year if year is not None else (anchor[1].year if anchor else None))
    span = resolve(found[0], ctx)
    return (span.start, span.end) if span is not None else None


ON_8_MAY = (date(2019, 5, 8), date(2019, 5, 8))


@pytest.mark.parametrize("text, expected", [
    # the end (start, middle) of the running month, however it is introduced
    ("By the end of the month the army had taken the ridge.", (date(2019, 5, 21), date(2019, 5, 31))),
    ("Rebels withdrew at the end of the month.", (date(2019, 5, 21), date(2019, 5, 31))),
    ("Towards the end of the month, jets struck the town.", (date(2019, 5, 21), date(2019, 5, 31))),
    # the rest of the running month or year, "the" as well as "that"
    ("Later in the month the militia entered the town.", (date(2019, 5, 8), date(2019, 5, 31))),
    ("Later in the year, the army returned.", (date(2019, 5, 8), date(2019, 12, 31))),
    ("Earlier in the month, rebels had shelled the base.", (date(2019, 5, 1), date(2019, 5, 8))),
    # the running week (Monday to Sunday)
    ("Later that week the convoy was hit.", (date(2019, 5, 8), date(2019, 5, 12))),
    ("The same week, the army shelled the town.", (date(2019, 5, 6), date(2019, 5, 12))),
    # the end of the running year
    ("By the end of the year the town had fallen.", (date(2019, 9, 1), date(2019, 12, 31))),
    ("At the end of the year rebels regrouped.", (date(2019, 9, 1), date(2019, 12, 31))),
    # counted on from the running date
    ("Two weeks afterwards the militants withdrew.", (date(2019, 5, 22), date(2019, 5, 22))),
    ("In the days that followed, the army took three villages.", (date(2019, 5, 9), date(2019, 5, 14))),
    ("Over the weeks that followed, the front stalled.", (date(2019, 5, 9), date(2019, 6, 19))),
])
def test_a_time_word_counts_from_the_running_date(text, expected):
    assert _span(text, ON_8_MAY) == expected


@pytest.mark.parametrize("text, expected", [
    ("That summer the jihadists took the oil fields.", (date(2019, 6, 1), date(2019, 8, 31))),
    ("The following spring, Kurdish fighters returned.", (date(2020, 3, 1), date(2020, 5, 31))),
    ("In the autumn the army retook the hills.", (date(2019, 9, 1), date(2019, 11, 30))),
    ("By the next spring the front had moved.", (date(2020, 3, 1), date(2020, 5, 31))),
])
def test_a_season_without_a_year_is_of_the_running_year_or_the_next(text, expected):
    assert _span(text, ON_8_MAY) == expected


@pytest.mark.parametrize("text", ["After the fall of the city, the rebels fled.", "Rebels feared the town would fall.",
                                  "Spring Shield was launched.", "A summer offensive was planned."])
def test_a_season_word_that_is_no_time_is_not_read(text):
    from events.dates import find_dates
    assert [e.kind for e in find_dates(text)] == []


# --- a year opening a clause moves a page's story into that year ------------------------------------

@pytest.mark.parametrize("text, action, place, expected", [
    ("Raqqa campaign\n\nIn 2016, the SDF attacked Manbij. On 6 March it attacked Tabqa.\n\n"
     "On 20 October 2017 the SDF captured Maskanah.", "attack", "Tabqa", date(2016, 3, 6)),
    ("Idlib war\n\nDuring 2018 rebels held Kafr Nabl. In May, the army shelled Morek. The army captured Latamneh "
     "on 9 August 2019.", "attack", "Morek", date(2018, 5, 1)),
    ("Ghouta\n\nBy 2013, rebels had taken Douma. On April 4 government troops attacked Harasta. On 7 April 2018 "
     "the army took Douma.", "attack", "Harasta", date(2013, 4, 4)),
])
def test_a_year_opening_a_clause_of_an_undated_page_is_the_storys_year(text, action, place, expected):
    assert dated(read(text), action, place)[0] == expected


def test_a_year_opening_a_clause_of_a_news_report_is_background():
    text = "date: 2017-06-10\n\nIn 2015, jihadists seized Palmyra. On 3 March the army recaptured Palmyra."
    assert dated(read(text), "recapture", "Palmyra")[0] == date(2017, 3, 3)


def test_a_year_a_state_began_in_does_not_move_the_story():
    text = ("Idlib war\n\nOn 9 May 2019 the army shelled Morek. Since 2012, rebels have held Kafr Nabl. On 3 June the "
            "army attacked Latamneh.")
    assert dated(read(text), "attack", "Latamneh")[0] == date(2019, 6, 3)


@pytest.mark.parametrize("news", ["On 14 September HTS fighters repelled an assault near Morek.",
                                  "Meanwhile, HTS fighters repelled an assault near Morek.",
                                  "Two days ago HTS fighters repelled an assault near Morek."])
def test_after_a_paragraph_of_history_a_report_is_back_in_its_own_time(news):
    text = ("date: 2021-09-16\n\nIdlib monthly\n\nRegime artillery hit Ariha on 4 September and Kafr Nabl on 6 September."
            "\n\nThe army had seized Saraqib in February 2020 and Kafr Nabl on 24 February 2020; in March 2020 a truce "
            f"froze the front.\n\n{news}")
    start, end = dated(read(text), "repel", "Morek")
    assert date(2021, 9, 1) <= start <= end <= date(2021, 9, 16)


@pytest.mark.parametrize("text, expected", [
    ("Days later, rebels retook the hill.", (date(2019, 5, 10), date(2019, 5, 14))),
    ("Hours later the convoy was ambushed.", (date(2019, 5, 8), date(2019, 5, 9))),
    ("Weeks later the siege was lifted.", (date(2019, 5, 22), date(2019, 6, 19))),
    ("A fortnight later the militia withdrew.", (date(2019, 5, 22), date(2019, 5, 22))),
    ("Early in the month, jets hit the bridge.", (date(2019, 5, 1), date(2019, 5, 10))),
    ("Late in the year the army regrouped.", (date(2019, 9, 1), date(2019, 12, 31))),
    ("In the last days of May the town fell.", (date(2019, 5, 21), date(2019, 5, 31))),
    ("During the first days of June, rebels attacked.", (date(2019, 6, 1), date(2019, 6, 10))),
])
def test_more_time_words_of_a_story(text, expected):
    assert _span(text, ON_8_MAY) == expected


@pytest.mark.parametrize("text", ["The army took the town on Sunday 12 May.", "The army took the town on Sunday, May 12.",
                                  "On Sunday the 12th of May the army took the town."])
def test_a_weekday_named_with_its_date_is_that_date(text):
    from events.dates import DateContext, find_dates, resolve
    found = find_dates(text)
    assert [resolve(e, DateContext(doc_date=date(2019, 6, 20))).start for e in found] == [date(2019, 5, 12)]


@pytest.mark.parametrize("title", ["Battle for the plain (2016–2017)", "The 2016-17 Hama offensive",
                                   "Hama offensive of 2016"])
def test_a_page_with_no_full_date_takes_its_first_year_from_its_title(title):
    text = f"{title}\n\nThe battle began on 20 October when rebels attacked Morek. On 3 January they took Latamneh."
    events = read(text)
    assert dated(events, "attack", "Morek")[0] == date(2016, 10, 20)
    assert dated(events, "capture", "Latamneh")[0] == date(2017, 1, 3)


@pytest.mark.parametrize("text, when, action, place, expected", [
    ("Kurdish fighters, who crossed into Manbij on 31 October, shelled jihadist posts in Tell Rifaat.",
     date(2014, 11, 2), "attack", "Tell Rifaat", (date(2014, 10, 31), date(2014, 11, 2))),
    ("The army, which entered Harasta on 19 March, attacked Douma.",
     date(2018, 3, 27), "attack", "Douma", (date(2018, 3, 19), date(2018, 3, 27))),
    ("Rebels, who lost Morek on 3 May, shelled Latamneh.",
     date(2019, 5, 10), "attack", "Latamneh", (date(2019, 5, 3), date(2019, 5, 10))),
])
def test_a_main_clause_after_a_dated_relative_clause_is_on_or_after_its_date(text, when, action, place, expected):
    assert dated(read(text, when), action, place) == expected


# --- a published report going back in time: the recap dates its own sentence only -------------------

@pytest.mark.parametrize("text, action, place, latest", [
    ("date: 2021-11-04\n\nOpposition fighters won Morek back on 3 November. Their drive had opened with a raid on "
     "Kafr Nabl on 6 July and a push into Ariha on 15 August. Government aircraft pounded Latamneh overnight.",
     "airstrike", "Latamneh", date(2021, 11, 3)),
    ("date: 2016-08-13\n\nSDF units cleared the last streets of Manbij on 12 August. Their push had begun on 31 May, and the "
     "town was encircled on 10 June. Coalition jets struck jihadist convoys near Maskanah.",
     "airstrike", "Maskanah", date(2016, 8, 12)),
    ("date: 2012-10-16\n\nInsurgents stormed Kafr Nabl on 15 October. Loyalists had held the town since they "
     "overran it on 28 September, a fortnight after they bombed Saraqib on 9 September. Insurgents shelled Morek as well.",
     "attack", "Morek", date(2012, 10, 15)),
])
def test_a_recap_of_earlier_weeks_dates_its_own_sentence_only(text, action, place, latest):
    start, end = dated(read(text), action, place)
    assert start >= latest - timedelta(days=1) and end <= latest + timedelta(days=2), (start, end)


@pytest.mark.parametrize("text, action, place, expected", [
    ("Loyalist troops stormed Morek on 14 May, three days before they captured Latamneh.", "capture", "Latamneh",
     date(2019, 5, 17)),
    ("Rebels took Ariha on 3 June, two days after they stormed Saraqib.", "capture", "Saraqib", date(2019, 6, 1)),
    ("Jets struck Douma on 12 March, a week before troops entered Harasta.", "advance", "Harasta", date(2019, 3, 19)),
])
def test_n_days_before_or_after_another_event_dates_that_event(text, action, place, expected):
    assert dated(read(text, date(2019, 6, 20)), action, place)[0] == expected


@pytest.mark.parametrize("text, action, place, before", [
    ("date: 2020-02-11\n\nKurdish units entered Hajin on 10 February. In May 2018 the militia had surrendered Tabqa. "
     "Insurgents subsequently retook Tabqa.", "recapture", "Tabqa", date(2020, 1, 1)),
    ("date: 2016-12-02\n\nLoyalists reached Sukhnah on 1 December. They set out on 14 October. Loyalist columns first "
     "besieged Palmyra, then took Qaryatayn on 29 October.", "siege", "Palmyra", date(2016, 11, 1)),
    ("date: 2023-04-19\n\nTribal fighters overran Kafr Nabl on 18 April. The town had changed hands on 3 February. "
     "Later the army bombarded Latamneh.", "attack", "Latamneh", date(2023, 4, 1)),
])
def test_a_recap_goes_on_while_it_chains_on_or_names_dates_as_far_back(text, action, place, before):
    ends = [e.date_end for e in read(text) if e.action == action and e.place == place]
    assert ends and all(end < before for end in ends), ends


def test_since_then_takes_a_news_report_back_to_its_news():
    text = ("date: 2013-07-09\n\nGovernment units regained Morek on 8 July. Insurgents had seized it on 20 April. Since "
            "then it has served as their depot. Loyalist media add that Latamneh was captured by government units too.")
    assert dated(read(text), "capture", "Latamneh")[0] >= date(2013, 7, 1)
