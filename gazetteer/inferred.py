"""Places the gazetteer lacks, placed from what the text says around them (kind ``inferred``).

Reports name hills, farms and hamlets that no list holds, and say where they are: "the
al-Meleh hills south of Sukhna", "X village southeast of Ithriyah", "the villages of A, B and C
in southern Idlib". The geoparser hands this module the names it could not resolve but that
the text writes as places (a generic word such as Tal/Jabal/Bir/Rasm, "the village of", a
descriptor after, a list with known places), and the mentions it did resolve. Each name is
placed, in this order of preference:

1. from a relation written right after it (or after the list it ends): "X, 15 km south of Y",
   "X south of Y", "X to the east from the city of Y", "X, east of the town" (the town last
   named), "X, which lies just across the border from Y", "X near Y": the point the relation
   gives from the anchor (``relative.point``), with the uncertainty of the offset (at least
   ``NEAR_KM`` when no distance is given);
2. else near the other places of its sentence (their mean point; the uncertainty covers them
   and at least ``SENTENCE_KM``), or in a region its sentence names ("in southern Idlib");
3. else near the place named just before it in the same paragraph (``BEFORE_KM``);
4. else not at all: a name nothing anchors is not placed.

``source`` says which ("inferred: south of Sukhnah", "inferred: near Kafr Zita, Morek (same
sentence)"); ``raw["anchors"]`` lists the anchors. The same relations check resolved names:
a village or an inexact match that the relation after it contradicts (it lies 150 km from
"east of Deir ez-Zor") is the wrong homonym of a place the gazetteer lacks, and is placed
from the relation instead (``check``).

All work is linear in the text: each name looks at a bounded window around it.
"""
from __future__ import annotations

import bisect
import math
import re

from gazetteer import relative
from gazetteer.context import approx_km
from gazetteer.directional import bearing_of
from gazetteer.place import Mention, Place
from lookalikes import Caseless

NEAR_KM = 20.0  # least uncertainty of a place given by a relation without a distance
SENTENCE_KM = 30.0  # ... of a place given only by its sentence's other places
BEFORE_KM = 30.0
BEFORE_CHARS = 300
AFTER_CHARS = 110
# Anchors wider than this (a governorate, a river) place nothing; a region up to it does.
MAX_ANCHOR_KM = 60.0
POINT_KINDS = frozenset({"city", "town", "village", "district", "site", "hill", "area", "subdistrict"})
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")
# Between a name and the relation that places it: "village", ", which lies", "located".
_LEAD_RE = re.compile(
    r"[\s,]*(?:(?:village|town|hamlet|hills?|mountains?|area|district|neighbou?rhood|farms?|valley)s?\s*,?\s*)?"
    r"(?:(?:which|that)\s+(?:lies|lie|is|are|sits)\s+|(?:located|situated|lying|just)\s+)*(?:to\s+the\s+)?",
    re.IGNORECASE)
# "near Y", "just across the border from Y", "outside Y": close to the anchor, no direction.
_NEAR_RE = Caseless(r"(?:near|nearby|close\s+to|next\s+to|outside(?:\s+of)?|on\s+the\s+outskirts\s+of|"
                      r"across\s+the\s+(?:border|river|euphrates|frontier)\s+from|opposite)"
                      r"\s+(?:the\s+)?(?:(?:city|town|village|area)\s+of\s+)?$", re.IGNORECASE)
NEAR_RELATION_KM = 15.0
_DIR = r"(?:north|south)[ \t\u00a0-]?(?:east|west)|north|south|east|west"
# "east of the town": a relation to the town last named.
_BACK_RE = re.compile(rf"(?:to[ \t\u00a0]+the[ \t\u00a0]+)?(?P<dir>{_DIR})(?:ern)?[ \t\u00a0]+(?:of|from)[ \t\u00a0]+the[ \t\u00a0]+"
                      rf"(?P<what>town|city|village)\b(?![ \t\u00a0]+of\b)", re.IGNORECASE)
# The longest gap between two names of one list or pair ("A, B and C", "A-B"): a longer one is
# not matched at all (a gap regex with two optional runs of spaces backtracks over a blank stretch).
MAX_GAP_CHARS = 40
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?")
# How far a relation's stated direction and distance may be off before it contradicts a place.
ANGLE_SLACK_DEG = 67.5
NOMINAL_REACH_KM = 60.0


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    right = _SENTENCE_END_RE.search(text, end, end + 400)
    return left, right.start() if right else min(len(text), end + 400)


class _Index:
    """Resolved mentions by start offset, for windowed look-ups."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    def between(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]

    def starting_at(self, position: int) -> Mention | None:
        k = bisect.bisect_left(self.starts, position)
        return self.mentions[k] if k < len(self.mentions) and self.mentions[k].start == position else None


def _anchor_ok(place: Place) -> bool:
    return place.kind != "inferred" and place.uncertainty_km <= MAX_ANCHOR_KM and not relative.is_relative(place)


def relation_after(text: str, end: int, index: _Index) -> tuple[relative.Relation, Place, str] | None:
    """(relation, anchor place, phrase) of a relation written right after ``end``."""
    window = text[end:end + AFTER_CHARS]
    lead = _LEAD_RE.match(window)
    offset = lead.end() if lead else 0
    back = _BACK_RE.match(window, offset)
    if back:
        wanted = ("city", "town") if back.group("what").lower() != "village" else ("village", "town")
        before = [m for m in index.between(max(0, end - 1500), end) if m.place.kind in wanted and _anchor_ok(m.place)]
        if before:
            anchor = before[-1].place
            return relative.Relation(None, bearing_of(back.group("dir"))), anchor, back.group()
    for mention in index.between(end + offset, end + AFTER_CHARS):
        if not _anchor_ok(mention.place):
            continue
        between = text[end:mention.start]
        near = _NEAR_RE.search(between)
        if near and _LEAD_RE.fullmatch(text, end, end + near.start()):
            return relative.Relation(NEAR_RELATION_KM, None, within=True), mention.place, \
                " ".join(text[end + near.start():mention.end].split())
        parsed = relative.parse(between)
        if parsed is None:
            break
        relation, start = parsed
        if _LEAD_RE.fullmatch(text, end, end + start) and relation.bearing_deg is not None:
            return relation, mention.place, " ".join(text[end + start:mention.end].split())
        break
    return None


def _inferred(name: str, lat: float, lon: float, uncertainty_km: float, anchors: list[Place], how: str) -> Place:
    governorate = next((a.governorate for a in anchors if a.governorate), None)
    return Place(name=name, lat=round(lat, 5), lon=round(lon, 5), kind="inferred", governorate=governorate,
                 source=f"inferred: {how}", uncertainty_km=round(uncertainty_km, 1), score=0.5,
                 country=anchors[0].country if anchors else "SY",
                 raw={"anchors": [relative.summary(a) for a in anchors], "how": how})


def from_relation(name: str, relation: relative.Relation, anchor: Place, phrase: str) -> Place:
    """The point a relation gives, as an inferred place; at least ``NEAR_KM`` uncertain when no
    distance is stated (the nominal 12 km offset is a guess)."""
    point = relative.point(anchor, relation, phrase)
    uncertainty = point.uncertainty_km if relation.distance_km is not None else max(point.uncertainty_km, NEAR_KM)
    return _inferred(name, point.lat, point.lon, uncertainty, [anchor], phrase)


def _mean(places: list[Place]) -> tuple[float, float]:
    lat = sum(p.lat for p in places) / len(places)
    lon = sum(p.lon for p in places) / len(places)
    return lat, lon


# A quarter every city has ("the Old City", "the city centre"): a part of the city the report
# is about, not of whatever else its sentence names.
_CITY_PART_RE = re.compile(r"(?:the\s+)?(?:old\s+(?:city|town|quarter|souks?)|city\s+cent(?:re|er)|downtown)",
                           re.IGNORECASE)
CITY_PART_KM = 3.0  # added to the city's own uncertainty


def _city_part(name: str, text: str, start: int, end: int, index: _Index) -> Place | None:
    """A city quarter every city has, placed in the report's city: the Syrian city or town of
    its sentence nearest to it, else the last one named before it, else the one the report
    names most. None if the report names no Syrian city or town."""
    def cities(mentions):
        return [m for m in mentions if m.place.kind in ("city", "town") and m.place.country == "SY"
                and _anchor_ok(m.place) and not (m.start < end and start < m.end)]
    left, right = _sentence(text, start, end)
    chosen, how = None, ""
    here = cities(index.between(left, right))
    if here:
        chosen = min(here, key=lambda m: min(abs(m.start - end), abs(start - m.end))).place
        how = "same sentence"
    else:
        before = cities(index.between(0, start))
        if before:
            chosen, how = before[-1].place, "named before"
        else:
            counts: dict[tuple, list[Place]] = {}
            for m in cities(index.mentions):
                counts.setdefault((m.place.lat, m.place.lon), []).append(m.place)
            if counts:
                chosen, how = max(counts.values(), key=len)[0], "the report's city"
    if chosen is None:
        return None
    return _inferred(name, chosen.lat, chosen.lon, chosen.uncertainty_km + CITY_PART_KM, [chosen],
                     f"in {chosen.name} ({how})")


def near_context(name: str, text: str, start: int, end: int, index: _Index) -> Place | None:
    """Placed by the other places of its sentence, else by the place named just before it; a
    quarter every city has by the report's city (``_city_part``)."""
    if _CITY_PART_RE.fullmatch(name.strip()):
        return _city_part(name, text, start, end, index)
    left, right = _sentence(text, start, end)
    around = [m for m in index.between(left, right) if not (m.start < end and start < m.end) and _anchor_ok(m.place)]
    points = [m for m in around if m.place.kind in POINT_KINDS and m.place.uncertainty_km <= 30]
    if points:
        # The nearest in the text first: a list's neighbours say more than the sentence's far end.
        points.sort(key=lambda m: min(abs(m.start - end), abs(start - m.end)))
        chosen = list({(m.place.lat, m.place.lon): m.place for m in points[:3]}.values())
        lat, lon = _mean(chosen)
        spread = max(approx_km(lat, lon, p.lat, p.lon) + p.uncertainty_km for p in chosen)
        names = ", ".join(dict.fromkeys(p.name for p in chosen))
        return _inferred(name, lat, lon, max(SENTENCE_KM, spread + 10.0), chosen, f"near {names} (same sentence)")
    regions = [m for m in around if m.place.kind in ("region", "area", "district", "subdistrict")]
    if regions:
        region = min(regions, key=lambda m: m.place.uncertainty_km).place
        return _inferred(name, region.lat, region.lon, max(SENTENCE_KM, region.uncertainty_km), [region],
                         f"in {region.name} (same sentence)")
    before = [m for m in index.between(max(0, start - BEFORE_CHARS), start)
              if m.place.kind in POINT_KINDS and _anchor_ok(m.place) and m.place.uncertainty_km <= 30
              and "\n\n" not in text[m.end:start]]
    if before:
        anchor = before[-1].place
        return _inferred(name, anchor.lat, anchor.lon, BEFORE_KM + anchor.uncertainty_km, [anchor],
                         f"near {anchor.name} (named just before)")
    return None


def consistent(place: Place, relation: relative.Relation, anchor: Place) -> bool:
    """Whether ``place`` lies where the relation says, give or take its vagueness."""
    distance = approx_km(anchor.lat, anchor.lon, place.lat, place.lon)
    reach = (1.5 * relation.distance_km + 15.0) if relation.distance_km is not None else NOMINAL_REACH_KM
    if distance > reach + anchor.uncertainty_km + place.uncertainty_km:
        return False
    if relation.bearing_deg is None or distance < 3.0:
        return True
    y = math.radians(place.lat - anchor.lat)
    x = math.radians(place.lon - anchor.lon) * math.cos(math.radians((place.lat + anchor.lat) / 2))
    bearing = math.degrees(math.atan2(x, y)) % 360.0
    off = abs((bearing - relation.bearing_deg + 180.0) % 360.0 - 180.0)
    return off <= ANGLE_SLACK_DEG


def _list_before(text: str, spans: list[tuple[int, int]], k: int) -> list[int]:
    """Indices of the spans forming one list that ends with span ``k`` ("Marrat and Mazloum")."""
    out = [k]
    while out[-1] > 0 and spans[out[-1]][0] - spans[out[-1] - 1][1] <= MAX_GAP_CHARS and \
            _LIST_GAP_RE.fullmatch(text, spans[out[-1] - 1][1], spans[out[-1]][0]):
        out.append(out[-1] - 1)
    return out


def resolve(text: str, mentions: list[Mention], unknowns: list[tuple[int, int]],
            checkable: set[int], refused: list[tuple[int, int]] = ()) -> list[Mention]:
    """``mentions`` with the ``checkable`` ones (start offsets of villages and inexact matches)
    that a relation contradicts replaced, and the ``unknowns`` (character spans of names
    written as places that nothing matched) placed where the text allows; the ``refused``
    (names whose only candidates lay far from the report's focus) are placed only by a
    relation after them. In text order."""
    index = _Index(mentions)
    refused_starts = {s for s, _ in refused}
    items: list[tuple[int, int, Mention | None]] = sorted(
        [(m.start, m.end, m) for m in mentions if m.place.kind != "inferred"]
        + [(s, e, None) for s, e in (*unknowns, *refused)],
        key=lambda x: (x[0], -x[1]))
    spans = [(s, e) for s, e, _ in items]
    placed: dict[int, Place] = {}
    for k, (start, end, mention) in enumerate(items):
        if mention is not None and relative.is_relative(mention.place):
            continue
        found = relation_after(text, end, index)
        if found is None:
            continue
        relation, anchor, phrase = found
        for g in _list_before(text, spans, k):
            s, e, m = items[g]
            if m is None:
                placed[g] = from_relation(text[s:e], relation, anchor, phrase)
            elif s in checkable and not consistent(m.place, relation, anchor):
                placed[g] = from_relation(text[s:e], relation, anchor, phrase)
    out = []
    for k, (start, end, mention) in enumerate(items):
        if k in placed:
            out.append(Mention(start, end, text[start:end], placed[k]))
        elif mention is not None:
            out.append(mention)
        elif start not in refused_starts:
            place = near_context(text[start:end], text, start, end, index)
            if place is not None:
                out.append(Mention(start, end, text[start:end], place))
    return out

