"""Regions named by a direction and a place: "eastern Hama", "the western countryside of X".

When the gazetteer holds the phrase itself (a curated "Homs Governorate (east)" with alias
"eastern Homs") the geoparser finds it as a name and this module is not involved. A longer
phrase about a wide anchor ("the southeastern part of Homs province", "Hama's eastern
countryside") is first rewritten as "<direction> <anchor's name>" ("southeastern Homs",
"eastern Hama"): if the gazetteer holds that as a region overlapping the anchor, that region
is the answer. A governorate that is a single city (Damascus) has no countryside of its
own: its directional regions are those of the governorate around it (Rif Dimashq). Otherwise
the region is computed from its anchor:

- a governorate, district or subdistrict with a polygon (``areas``): the centroid of the
  part of the polygon on that side of the line square to the direction through its
  representative point (the footprint an area statement flips), with the radius of a circle
  of that part's size;
- a region or other wide anchor (uncertainty >= 20 km): the point half its radius from its
  centre towards the direction, with 0.6 of its radius; "central" keeps the centre with half
  the radius;
- a city that gives its name to a governorate ("eastern Aleppo", "the Raqqa countryside"):
  the same, from the governorate, unless the phrase names a part of the city itself
  ("the eastern parts of the city of X", "the outskirts of X");
- any other settlement or site: a nominal offset (its own radius for a part of it, 15 km for
  its countryside) with a matching radius;
- a river ("the east bank of the Euphrates"): 3 km from the river point, which ``lines`` has
  already moved to the stretch the text is about.

A direction applied to a row that is already the part of an area towards that direction
("eastern Homs desert", the Homs desert being the curated east of Homs) keeps the row; another
direction makes the part of that part ("northern Homs desert"). Two direction words square to
each other in a row are one ("the southern eastern countryside", "northern eastern Homs" where
"eastern Homs" is a row: the north-east of Homs). A proper name that holds a direction
(Eastern Ghouta) is no directional row: "northern Eastern Ghouta" is its north.

Bearings are degrees clockwise from north; offsets are great-circle steps on a sphere.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

from gazetteer.context import approx_km
from gazetteer.normalize import fold, is_arabic
from gazetteer.place import Mention, Place
# "ſouth", "kilometerſ": a direction or unit a pattern matched is looked up by its ASCII spelling.
from lookalikes import ASCII_LOOKALIKES, Caseless, caseless

EARTH_RADIUS_KM = 6371.0088

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

# Two adjacent direction words square to each other are one ("the southern eastern countryside",
# word for word the Arabic الريف الجنوبي الشرقي: the south-east).
_DIR = (r"(?:north|south)ern[ \t\u00a0]+(?:east|west)ern(?![a-z])|(?:east|west)ern[ \t\u00a0]+(?:north|south)ern(?![a-z])|"
        r"(?:north|south)[ \t\u00a0-]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|central")
_PART = (r"parts?|countryside|outskirts|suburbs?|side|edge|reaches|areas?|regions?|desert|sector|"
         r"fronts?|banks?|neighbou?rhoods|districts|quarters|half|corner|tip|flank|border[ \t\u00a0]+areas")
# Text just before a mention: "eastern ", "the southeastern part of ", "the east bank of the city of ".
BEFORE_RE = Caseless(
    rf"\b(?P<dir>{_DIR})[ \t\u00a0]+(?:(?P<part>{_PART})[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?"
    rf"(?:(?:city|town|village|province|governorate|region)[ \t\u00a0]+of[ \t\u00a0]+)?)?$",
    re.IGNORECASE,
)
# Text just after a mention: "'s eastern countryside", "'s outskirts".
AFTER_RE = re.compile(rf"['’]s[ \t\u00a0]+(?:(?P<dir>{_DIR})[ \t\u00a0]+)?(?P<part>{_PART})\b", re.IGNORECASE)
SYRIA_RE = Caseless(rf"\b(?P<dir>{_DIR})[ \t\u00a0]+(?:(?P<part>{_PART})[ \t\u00a0]+of[ \t\u00a0]+)?Syria\b(?![a-z])", re.IGNORECASE)
_SYRIA_WORD_RE = re.compile(r"\bSyria\b(?![a-z])", re.IGNORECASE)
# The same in the lower-cased text: a literal the regex engine skips to, where IGNORECASE tries
# the word at every character. Not for a text with a letter IGNORECASE reads as an ASCII one
# ("ſyrıa") or whose lower case is longer (the offsets would move).
_SYRIA_LOWER_RE = re.compile(r"syria(?<!\wsyria)(?!\w)")
_LOOKALIKE_RE = re.compile("[\u017f\u212a\u0131\u0130]")
# Syria as an anchor for directions only (never a mention): the middle of its outline and
# a radius reaching its borders (~450 x 750 km).
SYRIA = Place(name="Syria", lat=35.0, lon=38.5, kind="region", governorate=None,
              source="country outline", uncertainty_km=250.0)
HALF_DIRECTION_RE = re.compile(r"\b(north|south)[ \t\u00a0-]$", re.IGNORECASE)
_LEADING_EW_RE = re.compile(r"(east|west)(?:ern)?[ \t\u00a0]+", re.IGNORECASE)
_LEADING_DIR_RE = re.compile(r"(?:north|south|east|west)(?:ern)?[ \t\u00a0]+", re.IGNORECASE)
# A row that is itself the part of an area towards a direction: a curated "Homs Governorate
# (east)" (alias "Homs desert") or one computed here ("... (south countryside)").
_OWN_DIRECTION_RE = re.compile(r"\((?P<dir>(?:north|south)?(?:east|west)?)(?: [a-z ]+)?\)$")
_WINDOW = 80
# Anchors at least this wide (radius, km) are regions whose parts are regions.
WIDE_KM = 20.0
# Kinds a named part of a wide anchor may have.
PART_KINDS = frozenset({"region", "area"})
# The word before the anchor is a direction, "of" or an article: a cheap first test.
_LAST_WORD_RE = Caseless(rf"\b(?:{_DIR}|of|the)[ \t\u00a0]+$", re.IGNORECASE)


def _compass(word: str) -> str:
    """ "southeast" for "South-Eastern", "southern eastern" or "eastern southern"."""
    word = re.sub(r"[ \t\u00a0-]", "", word.translate(ASCII_LOOKALIKES).lower()).replace("ern", "")
    if word[:4] in ("east", "west") and word[4:] in ("north", "south"):
        word = word[4:] + word[:4]
    return word


@lru_cache(maxsize=1024)
def bearing_of(word: str) -> float | None:
    """Degrees from north for "southeastern", "south-east", "North"...; None for "central"."""
    return BEARING_DEG.get(_compass(word))


def offset(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """(lat, lon) reached going ``distance_km`` from (lat, lon) on ``bearing_deg``.

    On a sphere of the Earth's mean radius: within 0.5% of the ellipsoid's answer, far less
    than any stated distance's own vagueness, and many times faster than geopy's geodesic."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    delta = distance_km / EARTH_RADIUS_KM
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi),
                            math.cos(delta) - math.sin(phi) * math.sin(phi2))
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0


def _label(direction: str | None) -> str:
    """ "southeast" for "South-Eastern", "central", or "around" with no direction."""
    if not direction:
        return "around"
    if bearing_of(direction) is None:
        return "central"
    return _compass(direction)


def own_bearing(place: Place) -> float | None:
    """The bearing of the direction a place is already the part of its area towards, None for a
    place that is no directional part (Eastern Ghouta is a proper name, not a part of Ghouta)."""
    direction = (place.raw or {}).get("direction") if place.raw else None
    if not direction:
        match = _OWN_DIRECTION_RE.search(place.name)
        direction = match.group("dir") if match else None
    return bearing_of(direction) if direction else None


def _base(anchor: Place, direction: str | None, part: str | None, governorate: Place | None) -> Place:
    """What the phrase is a part of: the anchor, or the governorate a city names when the
    phrase is about the land around it ("eastern Aleppo", "the Raqqa desert")."""
    part_word = part.lower().split()[0] if part else None
    if (governorate is not None and part_word not in URBAN_PARTS and anchor.kind in ("city", "town")
            and (bearing_of(direction or "") is not None or part_word in ("desert", "region", "regions"))):
        return governorate
    return anchor


def region(anchor: Place, direction: str, part: str | None = None, governorate: Place | None = None) -> Place:
    """The region ``direction`` (``part`` of) ``anchor``, computed; see the module docstring.

    ``governorate`` is the governorate named like a city anchor, if there is one.
    """
    bearing = bearing_of(direction) if direction else None
    part_word = (part or "").lower().split()[0] if part else None
    # A sector of a city's part ("the northern sector of east X") is a part of the city too.
    urban = part_word in URBAN_PARTS or (part_word == "sector" and anchor.kind == "area")
    base = _base(anchor, direction, part, governorate)
    label = _label(direction)
    if base.kind == "river":
        # "the eastern bank of the Euphrates": beside the (already localised) river point.
        distance_km = 0.0 if bearing is None else 3.0
        uncertainty_km, kind = base.uncertainty_km, "region"
    elif base.uncertainty_km >= WIDE_KM:
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


def _enclosing_governorate(gazetteer, place: Place) -> Place:
    """For a governorate that is one city (narrower than ``WIDE_KM``), the governorate around
    it (Rif Dimashq around Damascus: the areas' ``enclosed_by``); else ``place``."""
    if place.kind != "governorate" or place.uncertainty_km >= WIDE_KM:
        return place
    own = gazetteer.by_id.get(place.id) if place.id else None
    around = (own.raw or {}).get("enclosed_by") if own is not None else None  # data/admin/areas.csv
    entry = gazetteer.by_id.get(around) if around else None
    return entry.to_place(place.score) if entry is not None else place


def _named_part(gazetteer, base: Place, direction: str) -> Place | None:
    """A region the gazetteer holds as "<direction> <a name of base>" ("southeastern Homs")
    that overlaps ``base`` (centres closer than the two radii); None if there is none."""
    label = _label(direction)
    if label == "around":
        return None
    memo = gazetteer.__dict__.setdefault("_named_parts", {})  # the answer depends on the data only
    memo_key = (base.id, base.name, base.governorate, base.lat, base.lon, base.uncertainty_km, label)
    if memo_key not in memo:
        if len(memo) > 10_000:
            memo.clear()
        memo[memo_key] = _find_named_part(gazetteer, base, label)
    return memo[memo_key]


def _find_named_part(gazetteer, base: Place, label: str) -> Place | None:
    forms = ("central",) if label == "central" else (label + "ern", label)
    entry = gazetteer.by_id.get(base.id) if base.id else None
    names, seen = [], set()
    for name in (base.name, *(entry.names if entry else ()), base.governorate or ""):
        if name and not is_arabic(name) and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    for name in names:
        for form in forms:
            found = gazetteer.resolve_name(f"{form} {name}", None, fuzzy=False)
            if (found is not None and found.kind in PART_KINDS and found.id != base.id
                    and approx_km(base.lat, base.lon, found.lat, found.lon) <= base.uncertainty_km + found.uncertainty_km):
                return found
    return None


def part_of(gazetteer, anchor: Place, direction: str | None, part: str | None = None,
            governorate: Place | None = None) -> Place:
    """The region a directional phrase means: a region the gazetteer names (``_named_part``)
    when the phrase is about a wide anchor's land, else ``region``'s computed one. The part
    of a governorate or region ("the southeastern part of Homs province") is land, not a
    quarter of a town."""
    part_word = part.lower().split()[0] if part else None
    if direction and own_bearing(anchor) is not None and own_bearing(anchor) == bearing_of(direction):
        return anchor  # "eastern Homs desert": the Homs desert is that part already, not its east
    if part_word in URBAN_PARTS and anchor.kind not in ("governorate", "region"):
        return region(anchor, direction, part, governorate)
    base = _enclosing_governorate(gazetteer, _base(anchor, direction, part, governorate))
    if direction and base.kind != "river" and base.uncertainty_km >= WIDE_KM:
        named = _named_part(gazetteer, base, direction)
        if named is not None:
            return replace(named, score=round(min(named.score, anchor.score) * 0.95, 3))
    return _polygon_part(base, direction, part) or region(base, direction, part)


_AREA_KINDS = frozenset({"governorate", "district", "subdistrict"})


def _polygon_part(base: Place, direction: str | None, part: str | None) -> Place | None:
    """The part of an administrative area towards ``direction``, from its polygon: the area
    cut square to the direction through its representative point (``areas.part``, the same
    footprint an area statement flips), placed at that piece's centroid (its representative
    point if the centroid falls outside), with the radius of a circle of the piece's size.
    None for other anchors or no direction."""
    if not direction or base.kind not in _AREA_KINDS or bearing_of(direction) is None:
        return None
    from gazetteer import areas
    target = areas.area_of(base)
    if target is None:
        return None
    piece = areas.part(target, _label(direction))
    if piece.is_empty:
        return None
    point = piece.centroid if piece.covers(piece.centroid) else piece.representative_point()
    piece_km2 = target.area_km2 * piece.area / target.geometry.area
    uncertainty_km = max(5.0, math.sqrt(piece_km2 / math.pi))
    computed = region(base, direction, part)
    return replace(computed, lat=round(point.y, 5), lon=round(point.x, 5), uncertainty_km=round(uncertainty_km, 1),
                   source=f"{base.source} + {_label(direction)} part of its polygon",
                   raw={**computed.raw, "anchor": {**computed.raw["anchor"], "id": target.pcode}})


def _summary(place: Place) -> dict:
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "kind": place.kind,
            "id": place.id, "uncertainty_km": place.uncertainty_km}


def _governorate_named(gazetteer, mention: Mention) -> Place | None:
    if mention.place.kind not in ("city", "town"):
        return None
    place = gazetteer.resolve_name(f"{mention.text} governorate", None, fuzzy=False)
    return place if place is not None and place.kind == "governorate" else None


# "east Aleppo", "the eastern Aleppo" as a whole mention: a direction and one name.
_DIRECTION_AND_NAME_RE = re.compile(rf"^(?P<dir>{_DIR})[ \t\u00a0]+(?P<name>[^ \t\u00a0].*)$", re.IGNORECASE)
# Words after such a mention that make it the land around the city ("eastern Aleppo countryside").
_LAND_AFTER_RE = re.compile(r"^[ \t\u00a0]*(?:'s[ \t\u00a0]+)?(?:countryside|province|governorate|region|desert|plains?|"
                            r"rural|villages|towns|farms)\b", re.IGNORECASE)
# A city quarter counts as one of the city's when it lies this close to the city's point (km).
_QUARTER_KM = 10.0


def _quarters_of(place: Place, mentions: list[Mention]) -> int:
    """How many distinct city quarters (kind ``district``, not an administrative district)
    the text places in or at the edge of the city ``place``."""
    names = {m.place.name for m in mentions
             if m.place.kind == "district" and not (m.place.id or "").startswith("SY")
             and approx_km(place.lat, place.lon, m.place.lat, m.place.lon) <= place.uncertainty_km + _QUARTER_KM}
    return len(names)


def city_side(gazetteer, text: str, mention: Mention, mentions: list[Mention]) -> Mention:
    """"east Aleppo" read as the eastern part of the city rather than of the governorate named
    like it, when the text is about the city: it places at least two of the city's quarters and
    no land word ("countryside", "province") follows the phrase. Other mentions are unchanged."""
    place = mention.place
    if place.kind not in PART_KINDS or own_bearing(place) is None:
        return mention
    match = _DIRECTION_AND_NAME_RE.match(mention.text)
    if match is None or _LAND_AFTER_RE.match(text, mention.end) or bearing_of(match.group("dir")) != own_bearing(place):
        return mention
    city = gazetteer.resolve_name(match.group("name"), None, fuzzy=False)
    if city is None or city.kind != "city" or _quarters_of(city, mentions) < 2:
        return mention
    name_mention = Mention(mention.start + match.start("name"), mention.end, match.group("name"), city)
    if _governorate_named(gazetteer, name_mention) is None:
        return mention
    return Mention(mention.start, mention.end, mention.text, region(city, match.group("dir"), "part"))


def apply(gazetteer, text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions widened into directional regions by the words around them ("eastern X",
    "the western countryside of X", "X's southern suburbs", "the Old City of X"), plus
    "northeastern Syria"; "east X" of a city X that names a governorate is the city's east in
    a text about the city's quarters (``city_side``)."""
    out = []
    if any(m.place.kind == "district" for m in mentions):
        mentions = [city_side(gazetteer, text, m, mentions) for m in mentions]
    low = caseless(text) if mentions else None
    for mention in mentions:
        centre = old_city(text, mention) if "ld" in text[max(0, mention.start - 24):mention.end + 16] else None
        if centre is not None:
            out.append(centre)
            continue
        window_start = max(0, mention.start - _WINDOW)
        match = None
        if _LAST_WORD_RE.search(text, max(0, mention.start - 24), mention.start, low):
            match = BEFORE_RE.search_as_written(text, window_start, mention.start, low)
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
                place = part_of(gazetteer, anchor, half.group(1) + split.group(1), None,
                                _governorate_named(gazetteer, rest_mention))
                out.append(Mention(half.start(), mention.end, text[half.start():mention.end], place))
                continue
        if match is not None and not match.group("part") and own_bearing(mention.place) is not None:
            compound = _compound(gazetteer, text, match, mention)
            if compound is not None:
                out.append(compound)
                continue
        if after is not None:
            place = part_of(gazetteer, mention.place, after.group("dir"), after.group("part"),
                            _governorate_named(gazetteer, mention))
            out.append(Mention(mention.start, after.end(), text[mention.start:after.end()], place))
        elif match is None or mention.place.kind == "river" and not match.group("part"):
            out.append(mention)
        else:
            governorate = _governorate_named(gazetteer, mention)
            if (governorate is not None and not match.group("part") and mention.place.kind == "city"
                    and not _LAND_AFTER_RE.match(text, mention.end) and _quarters_of(mention.place, mentions) >= 2):
                place = region(mention.place, match.group("dir"), "part")  # the city's side, as city_side
            else:
                place = part_of(gazetteer, mention.place, match.group("dir"), match.group("part"), governorate)
            start = match.start()
            out.append(Mention(start, mention.end, text[start:mention.end], place))
    return sorted(out + _syria_regions(text, out, gazetteer), key=lambda m: (m.start, -m.end))


def _compound(gazetteer, text: str, match: re.Match, mention: Mention) -> Mention | None:
    """ "northern eastern Homs", where "eastern Homs" is a row of its own: the two direction
    words are one ("north-east"), applied to what follows them; None if they are not square
    to each other or the rest is no name."""
    lead = _LEADING_DIR_RE.match(mention.text)
    if lead is None:
        return None
    direction = f"{match.group('dir')} {lead.group().strip()}"
    if bearing_of(direction) is None or bearing_of(direction) % 90 == 0:
        return None
    rest = mention.text[lead.end():]
    anchor = SYRIA if fold(rest) == "syria" else gazetteer.resolve_name(rest, None, fuzzy=False)
    if anchor is None:
        return None
    rest_mention = Mention(mention.start + lead.end(), mention.end, rest, anchor)
    place = part_of(gazetteer, anchor, direction, None, _governorate_named(gazetteer, rest_mention))
    return Mention(match.start(), mention.end, text[match.start():mention.end], place)


# "the Old City of Raqqa", "Old Raqqa", "Raqqa's Old City": the historic centre of a city.
_OLD_BEFORE_RE = re.compile(r"\bOld[ \t\u00a0]+(?:(?:City|Town|Quarter)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?)?$")
_OLD_AFTER_RE = re.compile(r"['’]s[ \t\u00a0]+[Oo]ld[ \t\u00a0]+(?:[Cc]ity|[Tt]own|[Qq]uarter)\b")


def old_city(text: str, mention: Mention) -> Mention | None:
    """The old city of a city the mention names, as a mention of its own, or None."""
    place = mention.place
    if place.kind not in ("city", "town"):
        return None
    before = _OLD_BEFORE_RE.search(text, max(0, mention.start - 24), mention.start)
    after = _OLD_AFTER_RE.match(text, mention.end) if before is None else None
    if before is None and after is None:
        return None
    start, end = (before.start(), mention.end) if before else (mention.start, after.end())
    centre = Place(name=f"{place.name} (old city)", lat=place.lat, lon=place.lon, kind="district",
                   governorate=place.governorate, source=f"{place.source} + old city",
                   uncertainty_km=round(place.uncertainty_km + 1.5, 1), score=round(place.score * 0.9, 3),
                   id=place.id, country=place.country, raw={"anchor": _summary(place), "part": "old city"})
    return Mention(start, end, text[start:end], centre)


# "Syria's southeastern desert": a part of the Syrian Desert, not of the country.
_SYRIA_DESERT_RE = re.compile(rf"\bSyria['’]s[ \t\u00a0]+(?P<dir>{_DIR})[ \t\u00a0]+(?:desert|steppe|Badia)\b")


def _desert_parts(gazetteer, text: str, taken) -> list[Mention]:
    """ "Syria's eastern desert", "Syria's southeastern steppe": that part of the Syrian Desert,
    the region the gazetteer names ("southeastern Syrian desert") or one computed from it."""
    out = []
    for match in _SYRIA_DESERT_RE.finditer(text):
        start, end = match.start("dir"), match.end()
        if taken.overlaps(start, end):
            continue
        place = gazetteer.resolve_name(f"{match.group('dir')} Syrian desert", None, fuzzy=False)
        if place is None or place.kind not in PART_KINDS:
            desert = gazetteer.resolve_name("Syrian Desert", None, fuzzy=False)
            if desert is None:
                continue
            place = region(desert, match.group("dir"), "desert")
        out.append(Mention(start, end, text[start:end], place))
    return out


def _syria_regions(text: str, mentions: list[Mention], gazetteer=None) -> list[Mention]:
    """ "north-eastern Syria", "the southern part of Syria" when the gazetteer lacks them, and
    "Syria's eastern desert"."""
    if "Syria" not in text:
        return []
    from gazetteer.lines import Spans
    taken = None
    out = []
    if gazetteer is not None and ("Syria's" in text or "Syria’s" in text):
        out += _desert_parts(gazetteer, text, Spans(mentions))
    last_end = 0
    low = text.lower() if not _LOOKALIKE_RE.search(text) else ""
    words = _SYRIA_LOWER_RE.finditer(low) if len(low) == len(text) else _SYRIA_WORD_RE.finditer(text)
    for syria in words:
        # The phrase ends at the word: look for it in a window before, not across the whole text.
        match = SYRIA_RE.search_as_written(text, max(last_end, syria.start() - _WINDOW), syria.end(),
                                           low if len(low) == len(text) else None)
        if match is None or match.end() != syria.end():
            continue
        taken = taken or Spans(mentions)
        if not taken.overlaps(match.start(), match.end()):
            place = region(SYRIA, match.group("dir"), match.group("part"))
            out.append(Mention(match.start(), match.end(), match.group(), place))
        last_end = match.end()
    return out
