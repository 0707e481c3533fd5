"""Places given relative to another: "25 kilometers north of the Zuluf dam".

Phrases understood (number in digits or words; km, kilometers/kilometres, miles, meters;
an optional converted figure in brackets, "70 kilometers (43 miles)"):

- "N km <direction> of X"  -> the geodesic destination from X; radius N x 0.2 + X's radius;
- "N km from X", "N km away from X", "within N km of X" -> X itself with radius N (+ X's);
- "<direction> of X" with no distance -> a nominal 12 km from X; radius 12 + X's radius;
- "the outskirts of X" -> X with 3 km more radius.

``point(anchor, phrase)`` computes one; ``find(text, mentions)`` turns the phrases that end
just before a mention into extra ``Mention``s spanning phrase and anchor, whose place has
kind "area", source "relative: <phrase>" and ``raw["anchor"]`` the anchor place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.directional import ASCII_LOOKALIKES, bearing_of, offset
from gazetteer.place import Mention, Place
from lookalikes import Caseless, caseless

NOMINAL_OFFSET_KM = 12.0
ERROR_PER_KM = 0.2
KM_PER_UNIT = {"km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0,
               "kilometres": 1.0, "mi": 1.609344, "mile": 1.609344, "miles": 1.609344,
               "m": 0.001, "meter": 0.001, "meters": 0.001, "metre": 0.001, "metres": 0.001}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a few": 3, "several": 5, "a couple of": 2,
}

_DIR = r"(?:north|south)[ \t\u00a0-]?(?:east|west)|north|south|east|west"
_NUM = r"\d+(?:[.,]\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = r"kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m"
_CONVERTED = rf"(?:[ \t\u00a0]*\((?:about[ \t\u00a0]+|around[ \t\u00a0]+|some[ \t\u00a0]+)?(?:{_NUM})[ \t\u00a0]*(?:{_UNIT})\))?"
_TAIL = r"[ \t\u00a0]+(?:the[ \t\u00a0]+)?(?:(?:city|town|village|area)[ \t\u00a0]+of[ \t\u00a0]+)?$"

DISTANCE_RE = Caseless(
    rf"(?P<lead>\bwithin[ \t\u00a0]+|\b)(?:(?:about|around|some|approximately|roughly|nearly|almost|just|only|over|under|less[ \t\u00a0]+than|more[ \t\u00a0]+than|up[ \t\u00a0]+to)[ \t\u00a0]+)?"
    rf"(?P<num>{_NUM})(?:[ \t\u00a0]*|-)(?P<unit>{_UNIT})\b{_CONVERTED}"
    rf"(?:[ \t\u00a0]+(?:to[ \t\u00a0]+the[ \t\u00a0]+)?(?P<dir>{_DIR})(?:ward|wards)?)?"
    rf"[ \t\u00a0]+(?P<rel>of|from|away[ \t\u00a0]+from|outside(?:[ \t\u00a0]+of)?|short[ \t\u00a0]+of){_TAIL}",
    re.IGNORECASE,
)
DIRECTION_RE = Caseless(rf"\b(?:to[ \t\u00a0]+the[ \t\u00a0]+)?(?P<dir>{_DIR})(?:ward|wards)?[ \t\u00a0]+(?:of|from){_TAIL}", re.IGNORECASE)
OUTSKIRTS_RE = Caseless(rf"\b(?:the[ \t\u00a0]+)?outskirts[ \t\u00a0]+of{_TAIL}", re.IGNORECASE)
_WINDOW = 90
# Every phrase ends in one of these words just before its anchor: a cheap first test.
_LINK_RE = Caseless(rf"\b(?:of|from|outside){_TAIL}", re.IGNORECASE)


@dataclass(frozen=True)
class Relation:
    """How a phrase places a point relative to its anchor."""

    distance_km: float | None  # None: no distance stated
    bearing_deg: float | None  # None: no direction stated
    within: bool = False  # "within N km of", "N km from": the anchor, radius N
    outskirts: bool = False


def _number(text: str) -> float:
    text = text.lower().replace(",", ".")
    return NUMBER_WORDS[text] if text in NUMBER_WORDS else float(text)


_DIGIT_RE = re.compile(r"\d")
_UNIT_WORDS = ("km", "kilomet", "mile", "meter", "metre")
_DIRECTION_WORDS = ("north", "south", "east", "west")


def parse(phrase_before_anchor: str) -> tuple[Relation, int] | None:
    """The relation stated by text ending just before an anchor, and where it starts."""
    low = caseless(phrase_before_anchor)
    lower = phrase_before_anchor.lower() if low is None else low
    # Cheap tests first: a distance needs a unit or a figure, a direction its word.
    distance = any(w in lower for w in _UNIT_WORDS) or _DIGIT_RE.search(lower) is not None
    match = DISTANCE_RE.search(phrase_before_anchor, low=low) if distance else None
    if match:
        distance_km = _number(match.group("num")) * KM_PER_UNIT[match.group("unit").translate(ASCII_LOOKALIKES).lower()]
        bearing = bearing_of(match.group("dir")) if match.group("dir") else None
        within = bearing is None
        return Relation(distance_km, bearing, within=within), match.start("num") if not match.group("lead").strip() else match.start()
    match = DIRECTION_RE.search(phrase_before_anchor, low=low) if any(w in lower for w in _DIRECTION_WORDS) else None
    if match:
        return Relation(None, bearing_of(match.group("dir"))), match.start("dir")
    match = OUTSKIRTS_RE.search(phrase_before_anchor, low=low) if "outskirts" in lower else None
    if match:
        return Relation(None, None, outskirts=True), match.start()
    return None


def point(anchor: Place, relation: Relation, phrase: str) -> Place:
    """The place ``relation`` describes from ``anchor`` (see the module docstring)."""
    lat, lon = anchor.lat, anchor.lon
    if relation.outskirts:
        uncertainty_km = anchor.uncertainty_km + 3.0
    elif relation.within or relation.bearing_deg is None:
        uncertainty_km = (relation.distance_km or 0.0) + anchor.uncertainty_km
    else:
        distance_km = relation.distance_km if relation.distance_km is not None else NOMINAL_OFFSET_KM
        lat, lon = offset(anchor.lat, anchor.lon, relation.bearing_deg, distance_km)
        error_km = distance_km * ERROR_PER_KM if relation.distance_km is not None else NOMINAL_OFFSET_KM
        uncertainty_km = error_km + anchor.uncertainty_km
    return Place(
        name=phrase, lat=round(lat, 5), lon=round(lon, 5), kind="area",
        governorate=anchor.governorate, source=f"relative: {phrase}",
        uncertainty_km=round(uncertainty_km, 2), score=round(anchor.score * 0.9, 3),
        country=anchor.country,
        raw={"anchor": summary(anchor), "distance_km": relation.distance_km,
             "bearing_deg": relation.bearing_deg, "within": relation.within},
    )


def summary(place: Place) -> dict:
    """The plain fields of a place (not its raw row), for the ``raw`` of a derived place."""
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "kind": place.kind,
            "governorate": place.governorate, "source": place.source,
            "uncertainty_km": place.uncertainty_km, "score": place.score, "id": place.id}


def is_relative(place: Place) -> bool:
    return place.source.startswith("relative:")


def find(text: str, mentions: list[Mention]) -> list[Mention]:
    """Extra mentions for the relative phrases ending right before ``mentions``."""
    out = []
    low = caseless(text) if mentions else None
    for mention in mentions:
        if not _LINK_RE.search(text, max(0, mention.start - 30), mention.start, low):
            continue
        window_start = max(0, mention.start - _WINDOW)
        parsed = parse(text[window_start:mention.start])
        if parsed is None:
            continue
        relation, offset_in_window = parsed
        start = window_start + offset_in_window
        phrase = " ".join(text[start:mention.end].split())
        out.append(Mention(start, mention.end, text[start:mention.end], point(mention.place, relation, phrase)))
    return out
