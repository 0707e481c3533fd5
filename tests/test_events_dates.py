"""Date expressions of reports, case by case (own synthetic sentences)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from events.dates import DateContext, DateSpan, find_dates, find_url_date, latest_full_date, resolve
from events.documents import parse_document
from events.extract import extract
from gazetteer.place import Mention, Place


def span_of(text: str, doc_date: date | None = None, anchor: tuple[date, date] | None = None,
            year: int | None = None) -> tuple[date, date, str]:
    found = find_dates(text)
    assert len(found) == 1, [(text[e.start:e.end], e.kind) for e in found]
    ctx = DateContext(doc_date=doc_date, anchor=DateSpan(*anchor) if anchor else None, year=year)
    span = resolve(found[0], ctx)
    assert span is not None
    return span.start, span.end, span.precision


def test_absolute_day_month_year():
    assert span_of("On 14 March 2017 the army moved in.") == (date(2017, 3, 14), date(2017, 3, 14), "day")
    assert span_of("Fighting resumed on March 14, 2017.") == (date(2017, 3, 14), date(2017, 3, 14), "day")
    assert span_of("It fell on the 3rd of April 2016.") == (date(2016, 4, 3), date(2016, 4, 3), "day")


def test_day_month_takes_the_year_of_the_document_date():
    assert span_of("On 4 March the rebels withdrew.", doc_date=date(2017, 6, 10))[0] == date(2017, 3, 4)
    # A date after the report's date belongs to the year before.
    assert span_of("On 28 December the rebels withdrew.", doc_date=date(2017, 1, 5))[0] == date(2016, 12, 28)


def test_day_month_takes_the_nearest_explicit_year_before_it():
    assert span_of("On 4 March the rebels withdrew.", doc_date=date(2019, 1, 1), year=2015)[0] == date(2015, 3, 4)
    # A chronicle running from December into January moves to the next year.
    assert span_of("On 3 January they attacked.", anchor=(date(2015, 12, 20), date(2015, 12, 20)),
                   year=2015)[0] == date(2016, 1, 3)


@pytest.mark.parametrize("text, anchor, expected", [
    ("Four days later the town fell.", (date(2017, 8, 1), date(2017, 8, 1)), (date(2017, 8, 5), date(2017, 8, 5))),
    ("The following day the town fell.", (date(2017, 8, 1), date(2017, 8, 1)), (date(2017, 8, 2), date(2017, 8, 2))),
    ("A week later the town fell.", (date(2017, 8, 1), date(2017, 8, 1)), (date(2017, 8, 8), date(2017, 8, 8))),
    ("A few days later the town fell.", (date(2017, 8, 1), date(2017, 8, 1)), (date(2017, 8, 3), date(2017, 8, 7))),
    ("Over the next three days the army advanced.", (date(2017, 8, 1), date(2017, 8, 1)),
     (date(2017, 8, 2), date(2017, 8, 4))),
    ("Later that day the bridge was blown.", (date(2017, 8, 1), date(2017, 8, 1)),
     (date(2017, 8, 1), date(2017, 8, 1))),
    ("Meanwhile, jets struck the airport.", (date(2017, 8, 1), date(2017, 8, 1)),
     (date(2017, 8, 1), date(2017, 8, 1))),
    ("In the following days the pocket shrank.", (date(2017, 8, 1), date(2017, 8, 1)),
     (date(2017, 8, 2), date(2017, 8, 7))),
])
def test_relative_to_the_running_date(text, anchor, expected):
    assert span_of(text, anchor=anchor)[:2] == expected


def test_over_the_next_days_bounded_by_a_date():
    assert span_of("Over the next several days, by 20 August, the army took the valley.",
                   anchor=(date(2017, 8, 15), date(2017, 8, 15)), year=2017)[:2] == (date(2017, 8, 16), date(2017, 8, 20))


def test_weekday_counts_back_from_the_report_date():
    # Friday 2 June 2017: Wednesday is 31 May, Monday 29 May, Friday the day itself.
    friday = date(2017, 6, 2)
    assert span_of("The attack came on Wednesday.", doc_date=friday)[:2] == (date(2017, 5, 31), date(2017, 5, 31))
    assert span_of("The strike happened on Monday.", doc_date=friday)[0] == date(2017, 5, 29)
    assert span_of("They said so on Friday.", doc_date=friday)[0] == friday


@pytest.mark.parametrize("text, expected", [
    ("Clashes went on between 3 and 19 October 2017.", (date(2017, 10, 3), date(2017, 10, 19), "month")),
    ("Clashes went on from 3 to 9 October 2017.", (date(2017, 10, 3), date(2017, 10, 9), "week")),
    ("In early April 2018 the pocket was attacked.", (date(2018, 4, 1), date(2018, 4, 10), "month")),
    ("In mid-July 2016 the road was cut.", (date(2016, 7, 11), date(2016, 7, 20), "month")),
    ("By the end of March 2016 the town was retaken.", (date(2016, 3, 21), date(2016, 3, 31), "month")),
    ("By 9 May 2016 the town was retaken.", (date(2016, 5, 3), date(2016, 5, 9), "week")),
    ("The town fell on 2017-06-02.", (date(2017, 6, 2), date(2017, 6, 2), "day")),
    ("On 5 and 6 June 2017 the town was shelled.", (date(2017, 6, 5), date(2017, 6, 6), "week")),
    ("In the first week of June 2017 the road was cut.", (date(2017, 6, 1), date(2017, 6, 7), "week")),
    ("During the last week of May 2017 the road was cut.", (date(2017, 5, 25), date(2017, 5, 31), "week")),
    ("The battle ran from 5 September to 17 December 2017.", (date(2017, 9, 5), date(2017, 12, 17), "month")),
])
def test_spans_with_their_own_bounds(text, expected):
    assert span_of(text) == expected


def test_by_a_date_runs_from_after_the_previous_date():
    assert span_of("By 9 December the pocket was gone.", anchor=(date(2017, 12, 2), date(2017, 12, 2)),
                   year=2017)[:2] == (date(2017, 12, 3), date(2017, 12, 9))


def test_until_a_date_runs_from_the_running_date():
    assert span_of("Shelling continued until 30 November.", anchor=(date(2017, 11, 20), date(2017, 11, 20)),
                   year=2017)[:2] == (date(2017, 11, 20), date(2017, 11, 30))


def test_since_a_date_runs_to_the_report_date():
    assert span_of("Since the 4th of May, the army has taken 40 villages.", doc_date=date(2017, 5, 30))[:2] == (
        date(2017, 5, 4), date(2017, 5, 30))
    assert span_of("since the start of the valley offensive on 2 May", doc_date=date(2017, 5, 30))[:2] == (
        date(2017, 5, 2), date(2017, 5, 30))


@pytest.mark.parametrize("text, expected", [
    ("Over the past week the army gained ground.", (date(2017, 5, 23), date(2017, 5, 30), "week")),
    ("In the last 24 hours two villages fell.", (date(2017, 5, 29), date(2017, 5, 30), "week")),
    ("In recent days the rebels retreated.", (date(2017, 5, 24), date(2017, 5, 30), "week")),
    ("Earlier this month the rebels retreated.", (date(2017, 5, 1), date(2017, 5, 30), "month")),
    ("Yesterday the rebels retreated.", (date(2017, 5, 29), date(2017, 5, 29), "day")),
    ("Last month the rebels retreated.", (date(2017, 4, 1), date(2017, 4, 30), "month")),
    ("Late last month the rebels retreated.", (date(2017, 4, 21), date(2017, 4, 30), "month")),
    ("In early last month the rebels retreated.", (date(2017, 4, 1), date(2017, 4, 10), "month")),
])
def test_spans_counted_back_from_the_report_date(text, expected):
    assert span_of(text, doc_date=date(2017, 5, 30)) == expected


def test_late_month_without_year_uses_the_report_year():
    assert span_of("In late May the convoy was hit.", doc_date=date(2017, 6, 10)) == (
        date(2017, 5, 21), date(2017, 5, 31), "month")


def test_bare_years_are_history_not_news():
    found = find_dates("The town has been held since 2014.")
    assert resolve(found[0], DateContext()).background


def test_a_modal_may_is_not_the_month():
    assert find_dates("The army may attack soon.") == []


def test_document_dates_from_url_and_text():
    assert find_url_date("https://example.org/syria-war-report-june-2-2017-army-advances/") == date(2017, 6, 2)
    assert find_url_date("https://example.org/2018/03/14/report") == date(2018, 3, 14)
    assert latest_full_date("On 3 May 2016 X. On 9 June 2017 Y. In 2019 Z.") == date(2017, 6, 9)


def _finder(text: str) -> list[Mention]:
    place = Place("Tell Rifaat", 36.47, 37.1, "town", None, "test", 2.0)
    return [Mention(m.start(), m.end(), m.group(0), place) for m in re.finditer("Tell Rifaat", text)]


def test_document_date_sources_in_order_argument_metadata_url_text():
    text = "date 2017-05-27\n\nThe army captured Tell Rifaat on 4 May 2017."
    assert parse_document(text.encode(), "a.txt").date == date(2017, 5, 27)
    assert parse_document(text.encode(), "a.txt", doc_date=date(2017, 6, 1)).date_source == "argument"
    url_text = "https://example.org/report-june-2-2017-x/\n\nThe army captured Tell Rifaat."
    assert parse_document(url_text.encode(), "b.txt").date == date(2017, 6, 2)
    assert parse_document(b"On 4 May 2017 the army captured Tell Rifaat.", "c.txt").date_source == "text"


def test_a_chronicle_carries_its_running_date_across_paragraphs():
    text = ("On 3 March 2017 the army reached Tell Rifaat.\n\nOn 9 March it shelled the town.\n\n"
            "On 12 March the army stormed Tell Rifaat.\n\nThe army captured Tell Rifaat.")
    events = extract(parse_document(text.encode(), "chronicle.txt"), _finder).events
    assert events[-1].action == "capture" and events[-1].date_start == date(2017, 3, 12)


@pytest.mark.parametrize("odd, letter", [("\u017f", "s"), ("\u212a", "k"), ("\u0131", "i"), ("\u0130", "I")])
def test_letters_ignorecase_reads_as_ascii_do_not_break_the_reader(odd, letter):
    # "\u017fince" matches "since" regardless of case but lower-cases to no word of the tables:
    # each look-alike stands for its own ASCII letter, and the dates read are the plain ones.
    words = ("since 3 May", "until 4 May", "two weeks later", "in early June", "last week", "as of 5 May",
             "the next day", "for three days", "on Monday", "fighting since 3 May")
    for phrase in words:
        plain = find_dates(f"The army took the town {phrase}.")
        spelled = find_dates(f"The army took the town {phrase.replace(letter, odd)}.")
        assert [(e.kind, e.value, e.bound) for e in spelled] == [(e.kind, e.value, e.bound) for e in plain], phrase


def test_month_and_weekday_patterns_searched_from_their_names_find_what_a_full_scan_finds():
    # Made-up phrases: prefixes of every length, runs of spaces and hyphens far longer than the
    # look-back, names at the start, the end and twice in a row.
    import random

    from events import dates
    words = ["between", "the 3rd", ",", "2017", "through", "the", "5th", "of", "May", "Jan.", "mid", "-",
             "later that", "throughout", "early", "on", "Monday", "and", "Tuesday", "the night of", "from",
             "in", "last", "since", "March", "Sept", "31st", "x", "2016", "the end of"]
    gaps = [" ", " " * 120, "-" * 130, " \n ", "\t"]
    rng = random.Random(2017)
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 25)))
        for kind, pattern in dates._PATTERNS:
            anchor = dates._ANCHORS.get(kind)
            if anchor is not None:
                assert [(m.span(), m.groups()) for m in dates._anchored(pattern, anchor, text)] == \
                    [(m.span(), m.groups()) for m in pattern.finditer(text)], text
