"""A road named by the towns at its ends: "the Damascus-Aleppo highway", "the Homs to Palmyra road".

Such a name is one place, the road, not the first town plus a road "named after" the second:
a report that the Damascus-Aleppo road was cut near Saraqib says nothing of Damascus. The
two towns are read as written (a hyphen, dash, slash or "to" between them); they stay
mentions of their own (the road's name names them), and the whole is one more mention, of
the road, placed on its line between the towns: at the point nearest a place its sentence
names within ``NEIGHBOUR_KM`` of the line, else at the middle of the stretch, half the
towns' distance as the uncertainty, if that is at most ``MIDDLE_KM`` (a long road's middle
is no place the report speaks of: the towns alone are its mentions then). The line is a motorway's of ``data/gazetteer/roads.geojson``
when one passes within ``ON_ROUTE_KM`` of both towns (the M5 for Damascus-Aleppo: the
mention is then that motorway's row), else the straight stretch between them.
"""
from __future__ import annotations

import re

from gazetteer import lines
from gazetteer.context import approx_km
from gazetteer.place import Mention, Place

# Between the two towns, and the road word after the second.
_JOIN_RE = re.compile(r"[ \u00a0]?(?:[-‐‑–—/]|[ \u00a0]+to[ \u00a0]+)[ \u00a0]?")
_ROAD_WORD_RE = re.compile(r"[ \u00a0]+(?:road|highway|motorway|expressway)s?\b", re.IGNORECASE)
_END_KINDS = frozenset({"city", "town", "village", "district"})
ON_ROUTE_KM = 10.0
NEIGHBOUR_KM = 30.0
MIDDLE_KM = 25.0
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)|\n")


def _motorway(a: Place, b: Place) -> tuple[str, lines.Polyline] | None:
    """(row id, line) of a motorway passing both towns, or None."""
    for key, line in lines.road_lines().items():
        if all(approx_km(p.lat, p.lon, *line.nearest(p.lat, p.lon)) <= ON_ROUTE_KM for p in (a, b)):
            return key, line
    return None


def _road(gazetteer, a: Place, b: Place, neighbours: list[Place], written: str) -> Place | None:
    """The road from ``a`` to ``b``: its point nearest a neighbour within ``NEIGHBOUR_KM``, else
    its middle (uncertainty half the distance between the towns) if that is within ``MIDDLE_KM``
    of both; else None."""
    half = approx_km(a.lat, a.lon, b.lat, b.lon) / 2
    motorway = _motorway(a, b)
    entry = gazetteer.by_id.get(motorway[0]) if motorway else None
    line = motorway[1] if entry is not None else lines.Polyline([[(a.lon, a.lat), (b.lon, b.lat)]])
    lat, lon = line.nearest((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
    uncertainty, how = max(5.0, half), "middle"
    for place in neighbours:
        near = line.nearest(place.lat, place.lon)
        gap = approx_km(place.lat, place.lon, *near)
        if gap <= NEIGHBOUR_KM and approx_km(*near, (a.lat + b.lat) / 2, (a.lon + b.lon) / 2) <= half + gap:
            (lat, lon), uncertainty, how = near, min(uncertainty, 10.0 + gap), f"nearest {place.name}"
            break
    if how == "middle" and half > MIDDLE_KM:
        return None  # a long road's middle is no place of the report's: a false front on the map
    score = min(a.score, b.score)
    source = f"road between {a.name} and {b.name}: {how}"
    governorate = a.governorate if a.governorate == b.governorate else None
    if entry is not None:
        return entry.to_place(score=score, name=f"{entry.name} ({a.name}-{b.name})", lat=round(lat, 5),
                              lon=round(lon, 5), uncertainty_km=round(uncertainty, 1), governorate=governorate,
                              source=f"{entry.source_text}; {source}")
    return Place(written, round(lat, 5), round(lon, 5), "site", governorate, source, round(uncertainty, 1), score)


def apply(gazetteer, text: str, mentions: list[Mention], unknowns: list[tuple[int, int]] = ()) -> list[Mention]:
    """``mentions`` (in text order) and a mention of each "A-B road" they begin. The towns stay
    mentions of their own (the road's name names them); a second town read with the road word
    ("Aleppo road", a road named after Aleppo, or refused, or unknown) becomes the town as written."""
    out: list[Mention] = []
    k = 0
    while k < len(mentions):
        first = mentions[k]
        found = _road_after(gazetteer, text, mentions, k, unknowns) if first.place.kind in _END_KINDS else None
        if found is None:
            out.append(first)
            k += 1
            continue
        road, second, used = found
        out += [first, second, road]
        k += used
    return out


def _road_after(gazetteer, text: str, mentions: list[Mention], k: int,
                unknowns) -> tuple[Mention, Mention, int] | None:
    """The road mention beginning with town ``mentions[k]``, the mention of its second town, and
    how many of ``mentions`` the two take up."""
    first = mentions[k]
    join = _JOIN_RE.match(text, first.end)
    if join is None:
        return None
    start = join.end()
    after = mentions[k + 1] if k + 1 < len(mentions) and mentions[k + 1].start == start else None
    if after is not None and after.place.kind in _END_KINDS:
        road_word = _ROAD_WORD_RE.match(text, after.end)
        if road_word is None:
            return None
        second, end, used = after, road_word.end(), 2
    else:
        # "Aleppo road" read as one name (a road named after Aleppo, or left to be inferred).
        span = (after.start, after.end) if after is not None else next(((a, b) for a, b in unknowns if a == start), None)
        if span is None:
            return None
        head, _, word = text[span[0]:span[1]].rpartition(" ")
        if not head or not _ROAD_WORD_RE.fullmatch(" " + word):
            return None
        town = gazetteer.resolve_name(head, None, fuzzy=False)
        if town is None or town.kind not in _END_KINDS:
            return None
        second = Mention(span[0], span[0] + len(head), head, town)
        end, used = span[1], 2 if after is not None else 1
    written = text[first.start:end]
    left = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, first.start)), default=0)
    right_match = _SENTENCE_END_RE.search(text, end)
    right = right_match.start() if right_match else len(text)
    neighbours = [m.place for m in mentions if left <= m.start < right and not first.start <= m.start < end
                  and m.place.kind in _END_KINDS | {"site", "hill"}]
    road = _road(gazetteer, first.place, second.place, neighbours, written)
    return (Mention(first.start, end, written, road), second, used) if road is not None else None
