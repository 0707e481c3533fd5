"""Regions named by a direction and a place: "eastern Hama", "the western countryside of X".

When the gazetteer holds the phrase itself (a curated "Homs Governorate (east)" with alias
"eastern Homs") the geoparser finds it as a name and this module is not involved. Otherwise
the region is computed from its anchor:

- a governorate, region or other wide anchor (uncertainty >= 20 km): the point half its
  radius from its centre towards the direction, with 0.6 of its radius; "central" keeps the
  centre with half the radius;
- a city that gives its name to a governorate ("eastern Aleppo", "the Raqqa countryside"):
  the same, from the governorate, unless the phrase names a part of the city itself
  ("the eastern parts of the city of X", "the outskirts of X");
- any other settlement or site: a nominal offset (its own radius for a part of it, 15 km for
  its countryside) with a matching radius;
- a river ("the east bank of the Euphrates"): 3 km from the river point, which ``lines`` has
  already moved to the stretch the text is about.

Bearings are degrees clockwise from north; offsets use ``geopy.distance.geodesic``.
"""
from __future__ import annotations

import re

from geopy.distance import geodesic

from gazetteer.normalize import fold
from gazetteer.place import Mention, Place

BEARING_DEG = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}
DIRECTION_WORDS = frozenset(
    [d for d in BEARING_DEG] + [d + "ern" for d in BEARING_DEG] + ["central"]
)
# Parts of a settlement itself, as opposed to the land around it.
URBAN_PARTS = frozenset("""part parts outskirts suburbs suburb side edge half corner neighbourhoods
neighborhoods districts quarters bank banks tip""".split())

_DIR = r"(?:north|south)[ \t\u00a0-]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|central"
_PART = (r"parts?|countryside|outskirts|suburbs?|side|edge|reaches|areas?|regions?|desert|sector|"
         r"fronts?|banks?|neighbou?rhoods|districts|quarters|half|corner|tip|flank|border[ \t\u00a0]+areas")
# Text just before a mention: "eastern ", "the southeastern part of ", "the east bank of the city of ".
BEFORE_RE = re.compile(
    rf"\b(?P<dir>{_DIR})[ \t\u00a0]+(?:(?P<part>{_PART})[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?"
    rf"(?:(?:city|town|village|province|governorate|region)[ \t\u00a0]+of[ \t\u00a0]+)?)?$",
    re.IGNORECASE,
)
# Text just after a mention: "'s eastern countryside", "'s outskirts".
AFTER_RE = re.compile(rf"['’]s[ \t\u00a0]+(?:(?P<dir>{_DIR})[ \t\u00a0]+)?(?P<part>{_PART})\b", re.IGNORECASE)
SYRIA_RE = re.compile(rf"\b(?P<dir>{_DIR})[ \t\u00a0]+(?:(?P<part>{_PART})[ \t\u00a0]+of[ \t\u00a0]+)?Syria\b(?![a-z])", re.IGNORECASE)
# Syria as an anchor for directions only (never a mention): the middle of its outline and
# a radius reaching its borders (~450 x 750 km).
SYRIA = Place(name="Syria", lat=35.0, lon=38.5, kind="region", governorate=None,
              source="country outline", uncertainty_km=250.0)
HALF_DIRECTION_RE = re.compile(r"\b(north|south)[ \t\u00a0-]$", re.IGNORECASE)
_LEADING_EW_RE = re.compile(r"(east|west)(?:ern)?[ \t\u00a0]+", re.IGNORECASE)
_WINDOW = 80
# The word before the anchor is a direction, "of" or an article: a cheap first test.
_LAST_WORD_RE = re.compile(rf"\b(?:{_DIR}|of|the)[ \t\u00a0]+$", re.IGNORECASE)


def bearing_of(word: str) -> float | None:
    """Degrees from north for "southeastern", "south-east", "North"...; None for "central"."""
    word = re.sub(r"[ \t\u00a0-]", "", word.lower())
    word = word[:-3] if word.endswith("ern") else word
    return BEARING_DEG.get(word)


def offset(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """(lat, lon) reached going ``distance_km`` from (lat, lon) on ``bearing_deg``."""
    point = geodesic(kilometers=distance_km).destination((lat, lon), bearing_deg)
    return point.latitude, point.longitude


def region(anchor: Place, direction: str, part: str | None = None, governorate: Place | None = None) -> Place:
    """The region ``direction`` (``part`` of) ``anchor``; see the module docstring.

    ``governorate`` is the governorate named like a city anchor, if there is one.
    """
    bearing = bearing_of(direction) if direction else None
    part_word = (part or "").lower().split()[0] if part else None
    urban = part_word in URBAN_PARTS
    base = anchor
    if governorate is not None and not urban and anchor.kind in ("city", "town") and (
            bearing is not None or part_word in ("desert", "region", "regions")):
        base = governorate
    if bearing is None:
        label = "central" if direction else "around"
    else:
        label = direction.lower().replace("ern", "").replace(" ", "").replace("-", "")
    if base.kind == "river":
        # "the eastern bank of the Euphrates": beside the (already localised) river point.
        distance_km = 0.0 if bearing is None else 3.0
        uncertainty_km, kind = base.uncertainty_km, "region"
    elif base.uncertainty_km >= 20:
        radius = base.uncertainty_km
        distance_km, uncertainty_km = (0.0, 0.5 * radius) if bearing is None else (0.5 * radius, 0.6 * radius)
        kind = "region"
    elif urban or part_word is None:
        distance_km = 0.0 if bearing is None else max(1.5, base.uncertainty_km)
        uncertainty_km = base.uncertainty_km + 1.5
        kind = "area"
    else:
        distance_km, uncertainty_km, kind = (0.0 if bearing is None else 15.0), 15.0, "region"
    lat, lon = (base.lat, base.lon) if not distance_km else offset(base.lat, base.lon, bearing, distance_km)
    return Place(
        name=f"{base.name} ({label}{' ' + part_word if part_word else ''})",
        lat=round(lat, 5), lon=round(lon, 5), kind=kind, governorate=base.governorate,
        source=f"{base.source} + direction", uncertainty_km=round(uncertainty_km, 1),
        score=round(base.score * 0.9, 3), id=base.id, country=base.country,
        raw={"anchor": _summary(base), "direction": direction, "part": part},
    )


def _summary(place: Place) -> dict:
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "kind": place.kind,
            "id": place.id, "uncertainty_km": place.uncertainty_km}


def _governorate_named(gazetteer, mention: Mention) -> Place | None:
    if mention.place.kind not in ("city", "town"):
        return None
    place = gazetteer.resolve_name(f"{mention.text} governorate", None, fuzzy=False)
    return place if place is not None and place.kind == "governorate" else None


def apply(gazetteer, text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions widened into directional regions by the words around them ("eastern X",
    "the western countryside of X", "X's southern suburbs"), plus "northeastern Syria"."""
    out = []
    for mention in mentions:
        window_start = max(0, mention.start - _WINDOW)
        match = None
        if _LAST_WORD_RE.search(text, max(0, mention.start - 24), mention.start):
            match = BEFORE_RE.search(text, window_start, mention.start)
        after = AFTER_RE.match(text, mention.end) if match is None and text[mention.end:mention.end + 1] in "'’" else None
        half = HALF_DIRECTION_RE.search(text, max(0, mention.start - 7), mention.start)
        split = _LEADING_EW_RE.match(mention.text) if half else None
        if split is not None:
            # "north-eastern Syria": the gazetteer matched "eastern Syria"; the direction is
            # the compound, the anchor what follows it.
            rest = mention.text[split.end():]
            anchor = SYRIA if fold(rest) == "syria" else gazetteer.resolve_name(rest, None, fuzzy=False)
            if anchor is not None:
                rest_mention = Mention(mention.start + split.end(), mention.end, rest, anchor)
                place = region(anchor, half.group(1) + split.group(1), None, _governorate_named(gazetteer, rest_mention))
                out.append(Mention(half.start(), mention.end, text[half.start():mention.end], place))
                continue
        if after is not None:
            place = region(mention.place, after.group("dir"), after.group("part"),
                           _governorate_named(gazetteer, mention))
            out.append(Mention(mention.start, after.end(), text[mention.start:after.end()], place))
        elif match is None or mention.place.kind == "river" and not match.group("part"):
            out.append(mention)
        else:
            place = region(mention.place, match.group("dir"), match.group("part"),
                           _governorate_named(gazetteer, mention))
            start = match.start()
            out.append(Mention(start, mention.end, text[start:mention.end], place))
    return sorted(out + _syria_regions(text, out), key=lambda m: (m.start, -m.end))


def _syria_regions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "north-eastern Syria", "the southern part of Syria" when the gazetteer lacks them."""
    if "Syria" not in text:
        return []
    out = []
    for match in SYRIA_RE.finditer(text):
        if not any(m.start < match.end() and match.start() < m.end for m in mentions):
            place = region(SYRIA, match.group("dir"), match.group("part"))
            out.append(Mention(match.start(), match.end(), match.group(), place))
    return out
