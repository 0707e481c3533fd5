"""Date expressions in report text and what they mean on the calendar.

``find_dates`` finds expressions (offsets into the text it is given); ``resolve`` turns
one into a ``DateSpan`` given a ``DateContext``: the document date, the running date of
the narrative (what "three days later" counts from) and the year in force (for "7 May").

A regex layer rather than dateparser: reports use a small set of forms, most of them
relative to something dateparser cannot see (the running date, the paragraph's year).
Measured on the seed sentences, ``dateparser.search.search_dates`` (languages=['en'],
RELATIVE_BASE set) took ~3 ms a sentence against ~0.05 ms here, and read "the 5th and
7th divisions" and "(43 miles)" as dates.

Precision follows ACLED's time precision: one day is ``day``, a span of up to eight
days ``week``, anything wider ``month``.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Iterator

from events.spans import overlaps
from lookalikes import Caseless, as_ascii, caseless

_DIGITS = re.compile(r"\d+")
_WORD_LINK = re.compile(r"\s(?:to|until|till|through|and)\s")
_FROM_OR_BETWEEN = re.compile(r"(?i)(?:from|between)\s")
_SPACES_OR_COMMAS = re.compile(r"[\s,]*")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "ninety": 90, "a couple of": 2, "couple of": 2,
}
# The months of a part of a year ("mid-2012": May-August) and of a season, as most reports mean them.
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11),
              "fall": (9, 11)}
# "several days later", "a few days later": two to six days, as the gold annotation reads them.
SEVERAL = (2, 6)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "hour": 1}
# How far back "by 5 December" reaches when nothing earlier bounds it.
BY_MAX_DAYS = 31
WEEK_MAX_DAYS = 8
# A running date this wide is a year, not a day late in one: "In March" after it is of that year.
WHOLE_YEAR_DAYS = 364
# The years a report or its document date may speak of: the patterns read 1950-2099, and
# a document date outside these (0001-01-01, 9999-12-31) is refused, so that no shift of a
# few years or days around a date can leave the calendar.
YEARS = (1900, 2100)
# A report may name a day a little after its own date (a time zone, a date line written late).
DOCUMENT_SLACK_DAYS = 2
TEXT_DATE_SLACK_DAYS = 7


def usable_year(year: int) -> bool:
    return YEARS[0] <= year <= YEARS[1]

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
      r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_D = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:19[5-9]\d|20\d\d)"
_N = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
      r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety|a\s+couple\s+of|couple\s+of)")
_FEW = r"(?:several|a\s+few|few|some)"
_FEW_RE = re.compile(_FEW, re.I)
_PART = (r"(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
         r"the\s+(?:first|last|final|opening|closing)\s+(?:few\s+)?(?:days|weeks)\s+of)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


@dataclass(frozen=True)
class DateSpan:
    """A closed date interval; ``background`` marks a year-only date (history, not news)."""

    start: date
    end: date
    background: bool = False

    @property
    def precision(self) -> str:
        days = (self.end - self.start).days
        if days == 0:
            return "day"
        return "week" if days <= WEEK_MAX_DAYS else "month"

    @property
    def explicit_year(self) -> int:
        return self.end.year


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in text: ``text[start:end]``; ``kind`` and ``value`` say what it is.

    ``bound`` is how a preposition bounds it: on, by (on or before), until (up to),
    since (from then to now). ``has_year`` tells whether the text itself gives the year.
    """

    start: int
    end: int
    kind: str
    value: tuple
    bound: str = "on"
    has_year: bool = False
    then: "DateExpr | None" = field(default=None, compare=False)

    def shifted(self, offset: int) -> "DateExpr":
        """The same expression with offsets moved by ``offset`` (sentence -> document)."""
        return replace(self, start=self.start + offset, end=self.end + offset,
                       then=self.then.shifted(offset) if self.then else None)


@dataclass
class DateContext:
    """What an expression is resolved against; the extractor updates it as it reads."""

    doc_date: date | None = None
    anchor: DateSpan | None = None
    year: int | None = None
    # Whether ``doc_date`` is when the report was written (given, from metadata or URL), so
    # that nothing it tells is later; a date only read from its text bounds nothing.
    published: bool = True
    # The span a report's title says it covers ("Weekly summary, 18-24 August"), if any.
    report_period: DateSpan | None = None
    # Whether the story is moving forward (its last date after the one before, and the sentence
    # no flashback): "12 May" after "20 November" is then of the next year.
    forward: bool = False

    def infer_year(self, month: int, day: int = 1) -> int | None:
        """The year of "7 May": the year in force (the next one when the running date is
        late in a year and the month early), else the document's; never one that puts the
        day after a published document's date (nor, for a date only read from the text,
        more than a week after it). In a story moving forward any earlier month is of the next
        year; else only one more than six months back ("In March" after "October" may recall)."""
        if self.year is not None:
            year = self.year
            anchor = self.anchor
            if anchor is not None and anchor.end.year == self.year and anchor.end.month - month > (0 if self.forward else 6) \
                    and (anchor.end - anchor.start).days < WHOLE_YEAR_DAYS:  # (not a section's "2018")
                year += 1
            return self._not_after_document(year, month, day, DOCUMENT_SLACK_DAYS) if self.published else year
        if self.doc_date is not None:
            slack = DOCUMENT_SLACK_DAYS if self.published else TEXT_DATE_SLACK_DAYS
            return self._not_after_document(self.doc_date.year, month, day, slack)
        return None

    def _not_after_document(self, year: int, month: int, day: int, slack: int) -> int:
        if self.doc_date is None:
            return year
        limit = self.doc_date + timedelta(days=slack)
        while year > YEARS[0] and (_safe(year, month, min(day, 28)) or limit) > limit:
            year -= 1
        return year


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(_DIGITS.match(text).group())


def _number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


def _part(text: str | None) -> str | None:
    if not text:
        return None
    text = text.lower()
    if "mid" in text or "middle" in text:
        return "mid"
    if "early" in text or "beginning" in text or "start" in text or "first" in text or "opening" in text:
        return "early"
    return "late"


# Order matters: earlier patterns win where matches overlap.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day_range", re.compile(
        rf"\b(?i:between\s+|from\s+)(?P<d1>{_D})(?:\s+(?:of\s+)?(?P<m1>{_M}))?(?:,?\s+(?P<y1>{_Y}))?"
        rf"\s*(?:and|to|until|till|through|-|–|—)\s*(?:the\s+)?(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}))?\b")),
    ("day_range", re.compile(
        rf"\b(?P<d1>{_D})(?:\s+(?P<m1>{_M}))?(?:,?\s+(?P<y1>{_Y}))?\s*(?:-|–|—)\s*(?P<d2>{_D})\s+(?P<m2>{_M})"
        rf"(?:,?\s+(?P<y2>{_Y}))?\b")),
    ("day_range", re.compile(
        rf"\b(?i:on\s+)(?P<d1>{_D})\s+and\s+(?:the\s+)?(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}))?\b")),
    ("day_range_us", re.compile(
        rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})\s*(?:-|–|—|to|and)\s*(?:(?P<m2>{_M})\s+)?(?P<d2>{_D})(?:,\s*(?P<y2>{_Y}))?\b")),
    ("month_range", re.compile(
        rf"\b(?:(?i:from|between)\s+)?(?:(?P<p1>{_PART})[\s-]+)?(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?"
        rf"\s*(?:-|–|—|\s(?:to|until|till|through|and)\s)\s*(?:(?P<p2>{_PART})[\s-]+)?(?P<m2>{_M})"
        rf"(?:\s+(?P<y2>{_Y}))?(?:\s+(?P<rel>this|last)\s+year)?\b")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("week_of", re.compile(rf"\b(?:the\s+)?(?P<w>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of)\s+"
                           rf"(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?(?!\w)")),
    ("day", re.compile(rf"\b(?:the\s+)?(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?(?!\w)")),
    ("day", re.compile(rf"\b(?P<m>{_M})\s+(?P<d>{_D})(?:,\s*(?P<y>{_Y}))?(?![\w-])")),
    ("month", re.compile(
        rf"\b(?:(?P<pre>(?i:in|during|since|by|until|till|throughout|from|before|after|of|(?:later\s+)?that))\s+)?"
        rf"(?:(?P<part>{_PART})[\s-]+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?(?:\s+(?P<rel>this|last)\s+year)?(?!\w)")),
    # "during the night of Sunday-Monday", "between Monday and Wednesday": the days from one to the other.
    ("weekday_pair", re.compile(
        rf"\b(?:(?i:on|during|in|over|between|from)\s+)?(?:(?i:the)\s+)?(?:(?i:night)\s+(?i:of)\s+)?(?P<w1>{_WD})"
        rf"\s*(?:-|–|/|\s(?i:to|and|into|through|until)\s)\s*(?P<w2>{_WD})(?!\w)")),
    ("weekday", re.compile(rf"\b(?P<q>(?i:on|last|this|since|by|until|late|early|earlier|on\s+the\s+(?:night|morning|evening)\s+of|"
                           rf"(?:in\s+)?the\s+(?:early|small)\s+hours\s+of))\s+(?P<w>{_WD})(?!\w)")),
    ("next_span", re.compile(
        rf"\b(?:(?:over|in|during|within)\s+the\s+(?:next|following|coming|subsequent)|within)\s+"
        rf"(?:(?P<n>{_N}|{_FEW})\s+)?(?P<u>days|weeks|day|week)\b"
        r"|\b(?:over|in|during|within)\s+the\s+(?P<u2>days|weeks)\s+(?:that\s+followed|after(?:wards)?|after\s+that|to\s+come)\b",
        re.I)),
    # "later that month", "earlier in the same year", "the following month": the running
    # date's calendar month or year, the part of it after (before) the running date, or the next
    # (previous) one.
    ("anchor_unit", re.compile(
        r"\b(?:(?P<side>later|earlier)\s+(?:(?:on\s+)?in\s+|during\s+)?(?:that(?:\s+same)?|the\s+same|(?<=in\s)the)\s+(?P<u1>month|year|week)"
        r"|(?:(?:in|during)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(?P<u2>month|year|week)"
        r"|(?:(?:in|during)\s+)?the\s+(?P<shift>following|next|previous|preceding)\s+(?P<u3>month|year)"
        r"|(?:(?:in|during)\s+)?the\s+(?P<u4>month|year)\s+(?P<shift2>after|before))\b", re.I)),
    # "X fell on 14 June, three days before militias entered Y": Y three days after the running
    # date ("a week after the army shelled Y": a week before it); not "..., a day before." (earlier).
    ("linked", re.compile(rf"(?<=,\s)(?P<n>{_N}|{_FEW})\s+(?P<u>days?|weeks?|months?)\s+(?P<rel>before|after)\s+"
                          rf"(?=(?:it|they|he|she|the|its|their|[a-z]+\s+[a-z]+ed)\b)", re.I)),
    ("later", re.compile(rf"\b(?:(?P<n>{_N}|{_FEW})\s+)?(?P<u>days?|weeks?|months?|hours?|fortnight)\s+later\b", re.I)),
    ("earlier", re.compile(rf"\b(?P<n>{_N}|{_FEW})\s+(?P<u>days?|weeks?|months?)\s+(?:before|earlier|previously)\b", re.I)),
    ("later", re.compile(rf"\b(?P<n>{_N}|{_FEW})\s+(?P<u>days?|weeks?|months?)\s+(?:afterwards?|after\s+that|thereafter|on(?=\s*,))",
                         re.I)),
    ("later", re.compile(r"\b(?:the\s+)?(?P<n>next|following)\s+(?P<u>day|morning|night|week|month)\b", re.I)),
    ("later", re.compile(r"\b(?P<n>the\s+day\s+after|a\s+day\s+later|the\s+morning\s+after)\b", re.I)),
    # A weekly summary's "during this reporting period": the period its title names.
    ("report_period", re.compile(r"\b(?:(?:during|in|over|throughout)\s+)?(?:this|the)\s+(?:reporting\s+)?period\b"
                                 r"(?!\s+(?:of|from|between|since|before|after|when))", re.I)),
    ("same", re.compile(
        r"\b(?:later\s+(?:on\s+)?that\s+(?:day|night|evening)|late(?:r)?\s+that\s+(?:day|night)|(?:on\s+)?that\s+(?:same\s+)?(?:day|night|evening|morning)"
        r"|the\s+same\s+day|(?:towards?|by|at)\s+the\s+end\s+of\s+the\s+day|by\s+(?:midnight|nightfall|the\s+evening)"
        r"|meanwhile|in\s+the\s+meantime|at\s+the\s+same\s+time|simultaneously|concurrently"
        r"|during\s+(?:this|that|the\s+same)\s+(?:time|period)|at\s+this\s+(?:point|time)|at\s+that\s+(?:point|time))\b",
        re.I)),
    ("doc_last", re.compile(
        rf"\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:last|past|(?=(?:previous|preceding)\s+(?:{_N}\s+)?hours?\b)"
        rf"(?:previous|preceding))\s+(?:(?P<n>{_N}|{_FEW})\s+)?(?P<u>hours?|days?|weeks?|months?)\b",
        re.I)),
    ("doc_recent", re.compile(r"\b(?:(?:in|over|during)\s+)?(?:recent\s+(?P<u>days|weeks)|the\s+(?:last|past)\s+few\s+(?P<u2>days|weeks))\b", re.I)),
    ("doc_recent", re.compile(r"\b(?:recently|for\s+(?:days|weeks)\s+now|in\s+recent\s+times)\b", re.I)),
    ("lasting", re.compile(
        rf"\b(?i:for|over)\s+(?i:a\s+period\s+of\s+)?(?:(?i:about|around|nearly|almost|more\s+than|over|some|roughly|"
        rf"approximately)\s+)?(?:(?P<n>{_N}|{_FEW})\s+(?P<half>and\s+a\s+half\s+)?)?(?P<u>days|weeks|months)\b(?!\s+(?:now|ago))",
        re.I)),
    # "at the beginning of the month": that part of the running month (the report's when none runs).
    ("month_part", re.compile(r"\b(?:(?:at|in|by|from|since|during|towards?)\s+)?the\s+(?P<part>beginning|start|middle|end)"
                              r"\s+of\s+(?P<this>the|this|that)\s+(?P<u>month|year)\b"
                              r"|\b(?P<part2>early|late)\s+(?:in|during)\s+(?P<this2>the|this|that)\s+(?P<u2>month|year)\b"
                              r"|\bmid-(?P<u3>month|year)\b", re.I)),
    ("doc_this", re.compile(r"\b(?P<early>earlier\s+)?this\s+(?P<u>week|month|year)\b", re.I)),
    ("doc_prev", re.compile(rf"\b(?:(?P<part>{_PART})[\s-]+)?last\s+(?P<u>week|month|year)\b", re.I)),
    ("ago", re.compile(rf"\b(?:(?:almost|nearly|about|around|some|over|more\s+than|less\s+than|just|only)\s+)?"
                       rf"(?P<n>{_N}|{_FEW})\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("doc_day", re.compile(r"\b(?P<w>yesterday|today|tonight|this\s+morning)\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at|on)\s+the\s+(?P<last>past\s+|last\s+)?weekend\b|\blast\s+weekend\b", re.I)),
    ("overnight", re.compile(r"\bovernight\b", re.I)),
    ("earlier", re.compile(r"\b(?:the\s+)?(?P<n>previous|preceding)\s+(?P<u>day|week)\b|\bthe\s+(?P<u2>day|night)\s+before\b", re.I)),
    # "in mid-2012", "the summer of 2014": a part of a year, months wide.
    ("year_part", re.compile(
        rf"\b(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of))[\s-]+|"
        rf"(?P<season>(?i:spring|summer|autumn|fall))\s+(?:(?i:of)\s+)?)(?P<y>{_Y})(?![\w-])")),
    # "that summer", "in the spring", "the following autumn": a season of the running year (or the
    # next). Lower-case only ("Spring Shield" is an operation), never "the fall of X".
    ("season", re.compile(
        r"\b(?:(?i:in|during|by|over|throughout|until|through|since)\s+(?:(?P<w1>(?i:that|the\s+following|the\s+next|next|the|"
        r"this|last))\s+)?|(?P<w2>(?i:that|the\s+following|the\s+next|next|this|last))\s+)(?P<season>spring|summer|autumn|fall)"
        r"(?!\s+of\b)(?![\w-])")),
    ("year", re.compile(rf"\b(?i:in|since|during|by|until|of|from|before|after|early|late)\s+(?P<y>{_Y})(?![\w-])|\((?P<y2>{_Y})\s*[-–]\s*{_Y}\)")),
]

# "since the start of the X offensive on 9 May": the span runs from that day.
_SINCE_EVENT = re.compile(r"(?<![\w-])since\s+(?:(?:the\s+)?(?:commencement|start|beginning|launch|outbreak)\s+of\s+"
                          r"[^,.;]{1,60}?|[^,.;]{1,60}?(?:was|were|had\s+been)\s+(?:launched|announced|started|begun|declared))"
                          r"\s+(?:on|in)\s+$", re.I)
_MONTH_WORDS = tuple(sorted({name.capitalize() for name in MONTHS}))
_WEEKDAY_WORDS = tuple(name.capitalize() for name in WEEKDAYS)
# What a text must contain for each kind of pattern to be worth running (most sentences
# carry no date: these substring tests spare them the regexes).
_GATES = {
    "day_range": _MONTH_WORDS, "day_range_us": _MONTH_WORDS, "month_range": _MONTH_WORDS, "day": _MONTH_WORDS,
    "month": _MONTH_WORDS, "weekday": _WEEKDAY_WORDS, "weekday_pair": _WEEKDAY_WORDS, "iso": ("19", "20"), "week_of": _MONTH_WORDS,
    "anchor_unit": ("month", "year", "week"), "report_period": ("period",),
    "next_span": ("next", "following", "coming", "subsequent", "within", "followed", "after"),
    "later": ("later", "next", "following", "after", " on,"), "linked": (" before ", " after "), "season": ("spring", "summer", "autumn", "fall"), "earlier": ("before", "earlier", "previously", "previous",
                                                                       "preceding"),
    "same": ("later", "that", "same", "end of", "midnight", "nightfall", "evening", "meanwhile", "meantime",
             "simultaneous", "concurrent", "during th", "at this", "at that"),
    "doc_last": ("last", "past", "previous", "preceding"), "doc_recent": ("recent", "last", "past", "now"), "doc_this": ("this",),
    "month_part": ("of the month", "of this month", "of that month", "of the year", "of this year", "of that year",
                   "the month", "this month", "that month", "the year", "this year", "that year", "mid-"), "doc_prev": ("last",), "lasting": ("days", "weeks", "months"), "ago": ("ago",), "weekend": ("weekend",), "overnight": ("overnight",), "doc_day": ("yesterday", "today", "tonight", "this morning"),
    "year": ("19", "20"), "year_part": ("19", "20"),
}
_CASED_GATES = {"day_range", "day_range_us", "month_range", "day", "month", "weekday", "year", "iso", "week_of",
                "year_part", "weekday_pair"}


def _gate(kinds: set[str]) -> tuple[re.Pattern, dict[str, set[str]]]:
    kinds_of: dict[str, set[str]] = {}
    for kind in kinds:
        for word in _GATES[kind]:
            kinds_of.setdefault(word, set()).add(kind)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(kinds_of, key=len, reverse=True)))
    return pattern, kinds_of


_CASED_GATE = _gate(_CASED_GATES)
_UNCASED_GATE = _gate(set(_GATES) - _CASED_GATES)


# The case-insensitive patterns, each run as its lower-cased form on the lower-cased text.
_CASELESS_TWINS = {pattern: Caseless(pattern.pattern, pattern.flags) for _, pattern in _PATTERNS if pattern.flags & re.I}
# The month and weekday patterns, whose matches hold a month's or a weekday's name written
# capitalised: the name is found first (a scan for a few capital letters) and the pattern searched
# from a little before it, for no match begins more than _ANCHOR_REACH characters other than
# spaces and hyphens before its name (the words before it are few and short, "throughout mid-"
# or "on the night of"; only runs of spaces and hyphens are unbounded). The other patterns
# with a month's name are cheaper as they are.
_ANCHOR_REACH = 48
_ANCHORS = {"month": re.compile(_M), "weekday": re.compile(_WD)}
_REACHED = re.compile(rf"(?:[\s-]*[^\s-]){{{_ANCHOR_REACH + 1}}}")


def _anchored(pattern: re.Pattern, anchor: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern each match of which holds a match of ``anchor``."""
    pos = 0
    while (word := anchor.search(text, pos)) is not None:
        start = max(pos, word.start() - 2 * _ANCHOR_REACH)
        if start > pos and _REACHED.match(text, start, word.start()) is None:
            start = pos  # a long run of spaces: no shortcut
        found = pattern.search(text, start)
        if found is None:
            return
        yield found
        pos = found.end()


# Patterns of a kind that also need a word of their own, which the kind's gate does not ask
# for ("three days later": "later"; "the first week of May": "week"): skipped without it.
_OWN_WORDS = {**{pattern: ("week",) for kind, pattern in _PATTERNS if kind == "week_of"},
              **{pattern: ("later",) for kind, pattern in _PATTERNS
                 if kind == "later" and pattern.pattern.endswith(r"\s+later\b")}}


# The lower-case gate's words.
_UNCASED_WORDS = tuple(sorted(_UNCASED_GATE[1], key=len, reverse=True))


def _kinds_present(text: str, low: str | None = None) -> set[str]:
    present: set[str] = set()
    pattern, kinds_of = _CASED_GATE
    for word in set(pattern.findall(text)):  # a word met again adds no kind
        present |= kinds_of[word]
    low = text.lower() if low is None else low
    kinds_of = _UNCASED_GATE[1]
    # Substring tests: several times cheaper than the gate's pattern over the sentence, and they
    # see words that overlap (the pattern took "end of" from "the end of the month" and missed
    # "of the month", so that "by the end of the month" was never looked for).
    for word in _UNCASED_WORDS:
        if word in low:
            present |= kinds_of[word]
    return present


_BOUND_BEFORE = re.compile(r"\b(by|until|till|up\s+to|since|as\s+of|as\s+at|before|from)\s+$", re.I)
_BOUND_WORD = {"by": "by", "before": "by", "until": "until", "till": "until", "up to": "until",
               "since": "since", "from": "since", "as of": "on", "as at": "on"}


def find_dates(text: str, kinds: frozenset[str] | None = None) -> list[DateExpr]:
    """Date expressions in ``text`` (non-overlapping, in order), with "X, by D" pairs joined.

    ``kinds`` limits the search to some pattern kinds (e.g. only full dates).
    """
    # "\u017fince" read as "since": a matched word is always one the tables know (else a
    # report naming one was lost to a KeyError); same offsets.
    text = as_ascii(text)
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    found: list[DateExpr] = []
    exact_low = caseless(text)
    low = text.lower() if exact_low is None else exact_low
    present = _kinds_present(text, low)
    for kind, pattern in _PATTERNS:
        if kind not in present or (kinds is not None and kind not in kinds):
            continue
        own = _OWN_WORDS.get(pattern)
        if own is not None and not any(word in low for word in own):
            continue
        twin, anchor = _CASELESS_TWINS.get(pattern), _ANCHORS.get(kind)
        matches = (twin.finditer_as_written(text, exact_low) if twin is not None
                   else _anchored(pattern, anchor, text) if anchor is not None else pattern.finditer(text))
        for match in matches:
            start, end = match.span()
            if overlaps(taken, start, end):
                continue
            expr = _build(kind, match)
            if expr is None:
                continue
            bisect.insort(taken, (start, end))
            found.append(expr)
    found.sort(key=lambda e: e.start)
    return _with_bounds(text, _weekday_with_date(text, found))


_WEEKDAY_DATE_GAP = re.compile(r"[\s,]*")


def _weekday_with_date(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """"on Sunday 12 May", "Sunday, May 12": the weekday names the date that follows it; it
    is no day of the report's week."""
    kept: list[DateExpr] = []
    for expr in found:
        if kept and kept[-1].kind == "weekday" and expr.kind in ("day", "range") and \
                _WEEKDAY_DATE_GAP.fullmatch(text, kept[-1].end, expr.start):
            expr = replace(expr, start=kept.pop().start)
        kept.append(expr)
    return kept


def _build(kind: str, m: re.Match) -> DateExpr | None:
    g = m.groupdict()
    start, end = m.span()
    if kind in ("day_range", "day_range_us"):
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        m2 = _month(g["m2"] or g["m1"])
        m1 = _month(g["m1"]) if g.get("m1") else m2
        return DateExpr(start, end, "range", (("day", y1, m1, _day(g["d1"])), ("day", y2, m2, _day(g["d2"]))),
                        has_year=y2 is not None)
    if kind == "month_range":
        text = m.group(0)
        word_link = _WORD_LINK.search(text)
        if word_link and not _FROM_OR_BETWEEN.match(text) and not g.get("p1"):
            return None
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        return DateExpr(
            start, end, "range",
            (("month", y1, _month(g["m1"]), _part(g["p1"])), ("month", y2, _month(g["m2"]), _part(g["p2"])), g.get("rel")),
            has_year=y2 is not None)
    if kind == "day":
        year = int(g["y"]) if g.get("y") else None
        return DateExpr(start, end, "day", (year, _month(g["m"]), _day(g["d"])), has_year=year is not None)
    if kind == "iso":
        return DateExpr(start, end, "day", (int(g["y"]), int(g["m"]), int(g["d"])), has_year=True)
    if kind == "week_of":
        year = int(g["y"]) if g.get("y") else None
        which = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(g["w"].lower(), -1)
        return DateExpr(start, end, "week_of", (year, _month(g["m"]), which), has_year=year is not None)
    if kind == "month":
        year = int(g["y"]) if g.get("y") else None
        if not (g.get("pre") or g.get("part") or year or g.get("rel")):
            return None
        bound = _BOUND_WORD.get((g.get("pre") or "").lower(), "on")
        return DateExpr(start, end, "month", (year, _month(g["m"]), _part(g.get("part")), g.get("rel")),
                        bound=bound, has_year=year is not None)
    if kind == "weekday_pair":
        return DateExpr(start, end, "weekday_pair", (WEEKDAYS[g["w1"].lower()], WEEKDAYS[g["w2"].lower()]))
    if kind == "weekday":
        qualifier = " ".join(g["q"].lower().split())
        bound = _BOUND_WORD.get(qualifier, "on")
        return DateExpr(start, end, "weekday", (WEEKDAYS[g["w"].lower()],), bound=bound)
    if kind == "next_span":
        n, unit_word = g.get("n"), (g.get("u") or g["u2"]).lower()
        if n is None:
            count = (1, 1) if not unit_word.endswith("s") else SEVERAL
        else:
            count = SEVERAL if _FEW_RE.match(n) else (_number(n) or 1,) * 2
        unit = UNIT_DAYS[unit_word.rstrip("s")]
        return DateExpr(start, end, "after", (1, count[1] * unit))
    if kind == "later":
        n = (g.get("n") or "").lower()
        unit_word = (g.get("u") or "day").lower().rstrip("s")
        if unit_word == "hour":  # "hours later": that day or the next
            return DateExpr(start, end, "after", (0, 1))
        unit = 14 if unit_word == "fortnight" else UNIT_DAYS.get(unit_word, 1)
        if not n:  # "days later", "weeks later": a few
            n = "several" if g["u"].lower().endswith("s") else "one"
        if n in ("next", "following") or n.startswith(("the day after", "a day later", "the morning after")):
            return DateExpr(start, end, "after", (unit, unit))
        if _FEW_RE.match(n):
            return DateExpr(start, end, "after", (SEVERAL[0] * unit, SEVERAL[1] * unit))
        count = _number(n)
        if count is None:
            return None
        return DateExpr(start, end, "after", (count * unit, count * unit))
    if kind == "linked":
        n, unit = g["n"], UNIT_DAYS[g["u"].lower().rstrip("s")]
        low, high = SEVERAL if _FEW_RE.match(n) else ((_number(n) or 1),) * 2
        if g["rel"].lower() == "before":
            return DateExpr(start, end, "after", (low * unit, high * unit))
        return DateExpr(start, end, "before", (low * unit, high * unit))
    if kind == "anchor_unit":
        unit = (g.get("u1") or g.get("u2") or g.get("u3") or g.get("u4")).lower()
        shift_word = (g.get("shift") or g.get("shift2") or "").lower()
        shift = 1 if shift_word in ("following", "next", "after") else -1 if shift_word else 0
        return DateExpr(start, end, "anchor_unit", (unit, shift, (g.get("side") or "").lower() or None))
    if kind == "weekend":
        return DateExpr(start, end, "weekend", ())
    if kind == "overnight":
        return DateExpr(start, end, "before_doc", (1,))
    if kind == "earlier":
        n = g["n"] or "one"
        if n.lower() in ("previous", "preceding"):
            n = "one"
        unit = UNIT_DAYS[(g["u"] or g.get("u2") or "day").lower().rstrip("s").replace("night", "day")]
        low, high = SEVERAL if _FEW_RE.match(n) else ((_number(n) or 1),) * 2
        slack = 0 if unit == 1 else (2 if unit == 7 else 10)
        return DateExpr(start, end, "before", (low * unit - slack, high * unit + slack))
    if kind == "same":
        return DateExpr(start, end, "same", ())
    if kind == "report_period":
        return DateExpr(start, end, "report_period", ())
    if kind == "doc_last":
        n = g.get("n")
        unit_word = g["u"].lower().rstrip("s")
        if n is None:
            count = 1
        elif _FEW_RE.match(n):
            count = SEVERAL[1]
        else:
            count = _number(n) or 1
        days = max(1, -(-count // 24)) if unit_word == "hour" else count * UNIT_DAYS[unit_word]
        return DateExpr(start, end, "before_doc", (days,))
    if kind == "doc_recent":
        unit = (g.get("u") or g.get("u2") or "days").lower()
        return DateExpr(start, end, "before_doc", (27 if unit == "weeks" else SEVERAL[1],))
    if kind == "ago":
        n, unit_word = g["n"], g["u"].lower().rstrip("s")
        if unit_word == "year":
            return DateExpr(start, end, "years_ago", (_number(n) or 1,))
        low, high = SEVERAL if _FEW_RE.match(n) else ((_number(n) or 1),) * 2
        days = {"day": 1, "week": 7, "month": 30}[unit_word]
        # "a week ago" is a day or two either way; "a month ago" ten days.
        slack = {"day": 0, "week": 2, "month": 10}[unit_word]
        return DateExpr(start, end, "ago", (low * days - slack, high * days + slack))
    if kind == "lasting":
        # "fought for three and a half months", "over a period of about 80 days": up to the
        # running date (the document's when none runs), as far back as it lasted.
        n, unit = g.get("n"), UNIT_DAYS[g["u"].lower().rstrip("s")]
        count = SEVERAL[1] if n is None or _FEW_RE.match(n) else (_number(n) or 1)
        return DateExpr(start, end, "lasting", (count * unit + (unit // 2 if g.get("half") else 0),))
    if kind == "doc_this":
        return DateExpr(start, end, "this", (g["u"].lower(),))
    if kind == "month_part":
        this = (g.get("this") or g.get("this2") or "the").lower() == "this"
        unit = (g.get("u") or g.get("u2") or g["u3"]).lower()
        return DateExpr(start, end, "month_part", (_part(g.get("part") or g.get("part2") or "mid"), this, unit))
    if kind == "doc_prev":
        unit = g["u"].lower()
        if unit == "year":
            return DateExpr(start, end, "year_prev", ())
        # "late last month": that part of the previous month
        return DateExpr(start, end, "prev", (unit, _part(g.get("part")) if unit == "month" else None))
    if kind == "doc_day":
        word = " ".join(g["w"].lower().split())
        return DateExpr(start, end, "before_doc_day", (1 if word == "yesterday" else 0,))
    if kind == "year_part":
        year = int(g["y"])
        first, last = YEAR_PARTS[(g.get("season") or _part(g.get("part")) or "").lower()]
        return DateExpr(start, end, "year_part", (("month", year, first, None), ("month", year, last, None)), has_year=True)
    if kind == "season":
        which = " ".join((g.get("w1") or g.get("w2") or "").lower().split()).removeprefix("the ")
        first, last = YEAR_PARTS[g["season"]]
        return DateExpr(start, end, "season", (which, first, last))
    if kind == "year":
        year = int(g.get("y") or g.get("y2"))
        return DateExpr(start, end, "year", (year,), has_year=True)
    return None


def _with_bounds(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """Attach "by/until/since" read just before an expression, and join "over the next days, by 13 July"."""
    bounded: list[DateExpr] = []
    for expr in found:
        if expr.bound == "on" and expr.kind in ("day", "range", "month", "weekday", "year_part"):
            before = _BOUND_BEFORE.search(text, max(0, expr.start - 12), expr.start)
            if before is None and _SINCE_EVENT.search(text, max(0, expr.start - 100), expr.start):
                expr = replace(expr, bound="since")
            elif before:
                word = " ".join(before.group(1).lower().split())
                bound = _BOUND_WORD[word]
                if not (bound == "since" and word == "from" and expr.kind == "range"):
                    expr = replace(expr, start=before.start(), bound=bound)
        if bounded and expr.bound == "by" and bounded[-1].kind in ("after", "same") \
                and _SPACES_OR_COMMAS.fullmatch(text[bounded[-1].end:expr.start]):
            previous = bounded.pop()
            expr = replace(previous, end=expr.end, then=expr)
        bounded.append(expr)
    return bounded


def resolve(expr: DateExpr, ctx: DateContext) -> DateSpan | None:
    """The span an expression means in ``ctx``, or None when the context cannot fix it
    (or it would fall outside ``YEARS``)."""
    try:
        span = _resolve(expr, ctx)
    except (OverflowError, ValueError):
        return None
    if span is None or not (usable_year(span.start.year) and usable_year(span.end.year)):
        return None
    return span


def _resolve(expr: DateExpr, ctx: DateContext) -> DateSpan | None:
    span = _resolve_plain(expr, ctx)
    if span is None:
        return None
    if expr.then is not None:
        limit = _resolve_plain(expr.then, ctx)
        if limit is not None and limit.end >= span.start:
            return DateSpan(span.start, limit.end)
        return span
    return _apply_bound(expr.bound, span, ctx)


def _apply_bound(bound: str, span: DateSpan, ctx: DateContext) -> DateSpan:
    if bound == "by":
        floor = span.end - timedelta(days=BY_MAX_DAYS if ctx.anchor else 6)
        if ctx.anchor is not None and floor <= ctx.anchor.end < span.end:
            floor = ctx.anchor.end + timedelta(days=1)
        return DateSpan(min(span.start, max(floor, span.end - timedelta(days=BY_MAX_DAYS))), span.end)
    if bound == "until":
        begin = ctx.anchor.start if ctx.anchor is not None and ctx.anchor.start <= span.end else span.end - timedelta(days=6)
        return DateSpan(max(begin, span.end - timedelta(days=2 * BY_MAX_DAYS)), span.end)
    if bound == "since":
        now = ctx.doc_date or (ctx.anchor.end if ctx.anchor else None)
        if now is None or now < span.start:
            return span
        return DateSpan(span.start, now)
    return span


def _resolve_plain(expr: DateExpr, ctx: DateContext) -> DateSpan | None:
    kind, value = expr.kind, expr.value
    if kind == "day":
        return _day_span(value, ctx)
    if kind == "month":
        year, month, part, rel = value
        if rel and ctx.doc_date:
            year = ctx.doc_date.year - (1 if rel == "last" else 0)
        return _month_span(year, month, part, ctx)
    if kind == "year_part":
        span = _range_span(value, ctx)
        if span is not None and ctx.published and ctx.doc_date is not None and span.start <= ctx.doc_date < span.end:
            span = DateSpan(span.start, ctx.doc_date)  # "early this year" has not ended yet
        return span
    if kind == "range":
        return _range_span(value, ctx)
    if kind == "week_of":
        year, month, which = value
        whole = _month_span(year, month, None, ctx)
        if whole is None:
            return None
        first = whole.start + timedelta(days=7 * which) if which >= 0 else whole.end - timedelta(days=6)
        return DateSpan(first, min(whole.end, first + timedelta(days=6)))
    if kind == "weekday":
        if ctx.doc_date is None:
            return None
        back = (ctx.doc_date.weekday() - value[0]) % 7
        day = ctx.doc_date - timedelta(days=back)
        return DateSpan(day, day)
    if kind == "weekday_pair":
        if ctx.doc_date is None:
            return None
        last = ctx.doc_date - timedelta(days=(ctx.doc_date.weekday() - value[1]) % 7)
        return DateSpan(last - timedelta(days=(value[1] - value[0]) % 7), last)
    if kind == "after":
        if ctx.anchor is None:
            return None
        low, high = value
        return DateSpan(ctx.anchor.end + timedelta(days=low), ctx.anchor.end + timedelta(days=high))
    if kind == "before":
        if ctx.anchor is None:
            return None
        nearest, farthest = value
        return DateSpan(ctx.anchor.start - timedelta(days=farthest), ctx.anchor.start - timedelta(days=max(0, nearest)))
    if kind == "same":
        return ctx.anchor
    if kind == "report_period":
        return ctx.report_period or ctx.anchor
    if kind == "anchor_unit":
        return _anchor_unit(value, ctx)
    if kind == "lasting":
        now = ctx.anchor.end if ctx.anchor is not None else ctx.doc_date
        if now is None:
            return None
        return DateSpan(now - timedelta(days=value[0]), now)
    if kind in ("before_doc", "before_doc_day"):
        if ctx.doc_date is None:
            return None
        back = value[0]
        if kind == "before_doc_day":
            day = ctx.doc_date - timedelta(days=back)
            return DateSpan(day, day)
        return DateSpan(ctx.doc_date - timedelta(days=back), ctx.doc_date)
    if kind == "weekend":
        if ctx.doc_date is None:
            return None
        # The Saturday and Sunday before the report (its own, when it is written on one).
        sunday = ctx.doc_date - timedelta(days=(ctx.doc_date.weekday() + 1) % 7)
        return DateSpan(sunday - timedelta(days=1), sunday)
    if kind == "ago":
        if ctx.doc_date is None:
            return None
        nearest, farthest = value
        return DateSpan(ctx.doc_date - timedelta(days=farthest), ctx.doc_date - timedelta(days=max(0, nearest)))
    if kind == "years_ago":
        if ctx.doc_date is None:
            return None
        year = ctx.doc_date.year - value[0]
        return DateSpan(date(year, 1, 1), date(year, 12, 31), background=True)
    if kind == "this":
        if ctx.doc_date is None:
            return None
        unit, today = value[0], ctx.doc_date
        first = {"week": today - timedelta(days=today.weekday()), "month": today.replace(day=1),
                 "year": today.replace(month=1, day=1)}[unit]
        return DateSpan(first, today)
    if kind == "month_part":
        part, this, unit = value
        month_of = ctx.doc_date if this or ctx.anchor is None else ctx.anchor.end
        if month_of is None:
            return None
        if unit == "year":  # "by the end of the year": that part of the running year
            first, last = YEAR_PARTS[part]
            year = month_of.year
            span = DateSpan(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))
        else:
            span = _month_span(month_of.year, month_of.month, part, ctx)
        if ctx.doc_date is not None and span.start <= ctx.doc_date < span.end:
            span = DateSpan(span.start, ctx.doc_date)
        return span
    if kind == "prev":
        if ctx.doc_date is None:
            return None
        today = ctx.doc_date
        if value[0] == "week":
            return DateSpan(today - timedelta(days=7), today)
        last_of_previous = today.replace(day=1) - timedelta(days=1)
        return _month_span(last_of_previous.year, last_of_previous.month, value[1] if len(value) > 1 else None, ctx)
    if kind == "year_prev":
        if ctx.doc_date is None:
            return None
        year = ctx.doc_date.year - 1
        return DateSpan(date(year, 1, 1), date(year, 12, 31), background=True)
    if kind == "season":
        return _season_span(value, ctx)
    if kind == "year":
        year = value[0]
        return DateSpan(date(year, 1, 1), date(year, 12, 31), background=True)
    return None


def _season_span(value: tuple, ctx: DateContext) -> DateSpan | None:
    which, first, last = value
    base = ctx.anchor.end if ctx.anchor is not None and which not in ("this", "last") else ctx.doc_date
    if which in ("following", "next"):
        if base is None:
            return None
        year = base.year + (first <= base.month)
    elif which == "last":
        if base is None:
            return None
        year = base.year - (last >= base.month)
    elif which in ("that", "this") and base is not None:
        year = base.year
    else:
        year = ctx.infer_year(first)
    if year is None:
        return None
    span = DateSpan(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))
    if ctx.published and ctx.doc_date is not None and span.start <= ctx.doc_date < span.end:
        span = DateSpan(span.start, ctx.doc_date)  # "this summer" has not ended yet
    return span


def _anchor_unit(value: tuple, ctx: DateContext) -> DateSpan | None:
    unit, shift, side = value
    if ctx.anchor is None:
        return None
    # A running date a month wide says only that much: "later that month" may be any of it.
    wide = (ctx.anchor.end - ctx.anchor.start).days > WEEK_MAX_DAYS
    at = ctx.anchor.start if side == "earlier" else ctx.anchor.end
    if unit == "year":
        year = at.year + shift
        # a whole year is history, as an explicit year is; a part of one after a date is news
        whole = DateSpan(date(year, 1, 1), date(year, 12, 31), background=side is None)
    elif unit == "week":  # Monday to Sunday
        monday = at - timedelta(days=at.weekday())
        whole = DateSpan(monday, monday + timedelta(days=6))
    else:
        month_index = at.year * 12 + at.month - 1 + shift
        year, month = divmod(month_index, 12)
        whole = DateSpan(date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1]))
    if side == "later":
        whole = DateSpan(max(whole.start, min(ctx.anchor.start if wide else ctx.anchor.end, whole.end)), whole.end)
    elif side == "earlier":
        whole = DateSpan(whole.start, min(whole.end, max(ctx.anchor.end if wide else ctx.anchor.start, whole.start)))
    if ctx.published and ctx.doc_date is not None and whole.start <= ctx.doc_date < whole.end:
        whole = DateSpan(whole.start, ctx.doc_date, whole.background)  # "later this year" has not happened yet
    return whole


def _day_span(value: tuple, ctx: DateContext) -> DateSpan | None:
    year, month, day = value[-3:]
    if year is None:
        year = ctx.infer_year(month, day)
    if year is None:
        return None
    found = _safe(year, month, day)
    return DateSpan(found, found) if found else None


def _month_span(year: int | None, month: int, part: str | None, ctx: DateContext) -> DateSpan | None:
    if year is None:
        # "late March" in a report of 2 March is last year's: the part's first day decides.
        year = ctx.infer_year(month, {"mid": 11, "late": 21}.get(part, 1))
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last), None: (1, last)}[part]
    return DateSpan(date(year, month, first_day), date(year, month, last_day))


def _range_span(value: tuple, ctx: DateContext) -> DateSpan | None:
    first, second = value[0], value[1]
    rel = value[2] if len(value) > 2 else None
    if rel and ctx.doc_date:
        year2 = ctx.doc_date.year - (1 if rel == "last" else 0)
        second = (second[0], year2) + second[2:]
    if second[1] is None:
        year2 = ctx.infer_year(second[2], second[3] if second[0] == "day" and second[3] else 1)
        if year2 is None:
            return None
        second = (second[0], year2) + second[2:]
    if first[1] is None:
        year1 = second[1] - (1 if first[2] > second[2] else 0)
        first = (first[0], year1) + first[2:]
    low = _piece(first, ctx)
    high = _piece(second, ctx)
    if low is None or high is None or high.end < low.start:
        return None
    return DateSpan(low.start, high.end)


def _piece(piece: tuple, ctx: DateContext) -> DateSpan | None:
    if piece[0] == "day":
        return _day_span(piece[1:], ctx)
    return _month_span(piece[1], piece[2], piece[3], ctx)


# --- document dates -------------------------------------------------------------------------

_M_BARE = _M.removesuffix(r"\.?")
_URL_DATES = [
    re.compile(r"/(?P<y>20\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),
    re.compile(r"(?P<y>20\d\d)-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(rf"(?P<mn>{_M_BARE})-(?P<d>\d{{1,2}})(?:st|nd|rd|th)?-(?P<y>20\d\d)", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?-(?P<mn>{_M_BARE})-(?P<y>20\d\d)", re.I),
]


def find_url_date(url: str) -> date | None:
    """A date written in a URL (``/2017/06/02/``, ``2017-06-02``, ``june-2-2017``)."""
    for pattern in _URL_DATES:
        found = pattern.search(url)
        if not found:
            continue
        g = found.groupdict()
        month = _month(g["mn"]) if g.get("mn") else int(g["m"])
        value = _safe(int(g["y"]), month, int(g["d"]))
        if value is not None:
            return value
    return None


_FULL_DATE_KINDS = frozenset({"day_range", "day_range_us", "day", "iso"})
_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def latest_full_date(text: str) -> date | None:
    """The latest date in ``text`` written with day, month and year (None if there is none)."""
    latest = None
    # A full date ends in its year, or starts with it (ISO): only the text around years is read.
    windows: list[list[int]] = []
    for year in _YEAR_WORD.finditer(text):
        a, b = max(0, year.start() - 40), min(len(text), year.end() + 12)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    exprs = [e for a, b in windows for e in find_dates(text[a:b], _FULL_DATE_KINDS)]
    for expr in exprs:
        if not expr.has_year or expr.kind not in ("day", "range"):
            continue
        span = resolve(replace(expr, bound="on", then=None), DateContext())
        if span is not None and (latest is None or span.end > latest):
            latest = span.end
    return latest
