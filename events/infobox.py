"""A campaign page's infobox: the fields that date and place what its result lines tell.

Wikipedia campaign pages (and their mirrors) open with a box of ``Field: value`` rows
("Date: 29 December 2016 – 30 April 2017", "Place: Syrian Desert", "Result: Rebel victory"
followed by bulleted outcomes, "Territorial changes: ..."). The outcomes are events of the
whole campaign: dated by its Date field, placed where their own words say or else at its
Place field, done by the side the Result names as victor when their verb has no agent
("ISIL expelled from X"). The other rows (commanders, units, strength, casualties) state no
event.

Rows are recognised by their field names, written ``Name: value``, ``Name = value``,
``| name = value`` or ``- Name: value``, or, in a mirror that lost the table's cells, the name
run into its value or on a line of its own; a value runs on over the following lines up to
the next known field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGIT = re.compile(r"\d")
_VICTORY = re.compile(r"(?i)\bvictory\b")

FIELDS = frozenset({
    "conflict", "partof", "part of", "date", "dates", "place", "location", "locations", "result", "results",
    "outcome", "territorial changes", "combatant", "combatant1", "combatant2", "combatant3", "belligerents",
    "belligerent1", "belligerent2", "side1", "side2", "commander", "commander1", "commander2", "commander3",
    "commanders and leaders", "units", "units1", "units2", "units3", "units involved", "strength", "strength1",
    "strength2", "strength3", "casualties", "casualties1", "casualties2", "casualties3", "casualties and losses",
    "status",
})
DATE_FIELDS = frozenset({"date", "dates"})
PLACE_FIELDS = frozenset({"place", "location", "locations"})
RESULT_FIELDS = frozenset({"result", "results", "outcome", "territorial changes"})
# A box has at least this many known rows, the first of them near the top of the page.
MIN_FIELDS = 3
FIRST_FIELD_WITHIN = 3000
_ROW = re.compile(r"^[^\S\n]*(?:[-*•|][^\S\n]*)?(?P<name>[A-Za-z][A-Za-z0-9 ]{1,28}?)[^\S\n]*[:=][^\S\n]*", re.M)
# A mirror that lost the table's cells runs a row's name into its value ("Date30 April – 31
# August 2019", "Result Syrian Army victory") or sets it on a line of its own ("Territorial
# changes" over two lines, the value on the next ones).
_BARE_ROW = re.compile(r"^[^\S\n]*(?P<name>Date|Dates|Location|Place|Result|Territorial\s+changes|Belligerents|"
                       r"Commanders\s+and\s+leaders|Units\s+involved|Strength|Casualties\s+and\s+losses)"
                       r"(?=[^\S\n]*\n|\d|[^\S\n]+[A-Z])[^\S\n]*", re.M)
_BULLET = re.compile(r"[^\S\n]*(?:[-*•|][^\S\n]*)?")


@dataclass(frozen=True)
class Infobox:
    """Offsets into the text: the box, its Date and Place values, and one (start, end) per
    result line (its bullet stripped)."""

    start: int
    end: int
    date: tuple[int, int] | None
    place: tuple[int, int] | None
    results: tuple[tuple[int, int], ...]
    victor: tuple[int, int] | None  # the Result's first line ("Rebel victory")


def find_infobox(text: str) -> Infobox | None:
    """The infobox of ``text``, or None when it has none."""
    window = min(len(text), FIRST_FIELD_WITHIN * 3)
    rows = [m for m in _ROW.finditer(text, 0, window) if _name(m) in FIELDS]
    if len(rows) < MIN_FIELDS:
        rows = sorted(rows + [m for m in _BARE_ROW.finditer(text, 0, window)
                              if not any(r.start() <= m.start() < r.end() for r in rows)], key=lambda m: m.start())
    if len(rows) < MIN_FIELDS or rows[0].start() > FIRST_FIELD_WITHIN:
        return None
    values: dict[str, tuple[int, int]] = {}
    results: list[tuple[int, int]] = []
    victor = None
    for row, following in zip(rows, rows[1:] + [None]):
        name = _name(row)
        end = following.start() if following is not None else _line_end(text, row.end())
        start, end = _strip(text, row.end(), end)
        if name not in values or (name in DATE_FIELDS and not _DIGIT.search(text[slice(*values[name])])):
            values[name] = (start, end)  # a "date: unknown" header line is no campaign date
        if name in RESULT_FIELDS:
            lines = list(_lines(text, start, end))
            if lines and victor is None and _VICTORY.search(text[lines[0][0]:lines[0][1]]):
                victor = lines[0]
            results.extend(lines)
    box_end = _line_end(text, rows[-1].end())
    date = next((values[n] for n in DATE_FIELDS if n in values), None)
    place = next((values[n] for n in PLACE_FIELDS if n in values), None)
    return Infobox(rows[0].start(), max(box_end, max(b for _, b in values.values())), date, place,
                   tuple(results), victor)


def _name(row: re.Match) -> str:
    return " ".join(row.group("name").lower().split())


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str, start: int, end: int):
    """The non-empty lines of ``text[start:end]``, bullets stripped."""
    position = start
    while position < end:
        line_end = min(_line_end(text, position), end)
        bullet = _BULLET.match(text, position, line_end)
        a, b = _strip(text, bullet.end() if bullet else position, line_end)
        if b > a:
            yield a, b
        position = line_end + 1
