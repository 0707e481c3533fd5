"""Area statements: a report that an area was taken flips the loser's ground inside it.

"Took full control of the eastern Hama countryside", "ISIS no longer holds any territory in
Homs province", "secured the whole west bank between Mayadin and Abu Kamal": the reader gives
these as a capture whose place is an area (vaguer than ``control.points.REGION_KM``). Such a
capture by F, believed at least ``weights.AREA_MIN``, passes to F the loser's points inside the
area's polygon that lie within ``REACH_KM`` of a place F held before it, and every part of the
loser's ground that lies wholly inside the area:

- **The area** comes from an ``AreaIndex``. ``AdminAreas`` asks the gazetteer: the polygon its
  place covers (``gazetteer.areas.footprint``: a governorate, district or subdistrict, or a
  directional part of one — "eastern Hama" as the part of Hama governorate east of its centre),
  else, for a stretch named by its two ends ("Euphrates west bank (Mayadin-Abu Kamal)",
  "between Mayadin and Abu Kamal"), a band ``LINE_HALF_WIDTH_KM`` either side of the line
  joining them, else a disc of the event's uncertainty around its point, inside Syria
  (``DiscAreas``); ``PolygonAreas`` takes named polygons; ``default_areas`` picks the
  gazetteer's when it has them.
- **Reach.** The reader cannot tell "took full control of" from "captured more ground in": where
  the loser's ground runs on beyond the area, the statement moves F's ground across the area
  from where F stood on the area's bank of the river, ``REACH_KM`` deep, rather than handing
  over its far side; repeated statements move it further. F's places across the river are near
  in km but not in reach (ISIL's east-bank towns do not carry its desert statement into the
  west bank's valley).
- **Pockets inside the area pass whole.** A pocket of the loser's (cut off or encircled, with
  its clock running: ``control.pockets``) whose part of the loser's ground (connected ground of
  one side, ``control.pockets.components``) lies wholly inside the area passes to F whatever
  its distance: the report says the area was taken, and nothing of that part lies beyond it
  ("secured the entire eastern Hama countryside" clears the pocket there). Ground besieged with
  no clock (a standing enclave such as Eastern Ghouta inside "Rif Dimashq", a stated siege)
  falls only to a report about it.
- **Cities stand apart.** A city the map knows in parts (its districts too: ``control.captures``)
  is not taken by a statement about the region around it: it falls to reports about it, by
  degrees ("ISIL re-entered most of the desert" does not reach into Deir ez-Zor's districts).
- **River.** Only the side of the Euphrates the area is on: the bank its name gives ("west
  bank"), else the side of the event's point (``control.points``).
- **Places told better give way.** A place inside the area that a report names in a control or
  siege event of its own within ``TOLD_BETTER_DAYS`` after the statement keeps to that report:
  "dozens of villages of the Maskanah plains" does not hand over Maskanah, whose own fall is
  reported a week later.
- **Loser**: the event's target, else the faction holding most of the area's other points.
- Withdrawals from an area change nothing: "fighters withdrew to the western countryside"
  names where they went, and the reader does not tell a destination from an origin.
- An encirclement or siege of an area marks the loser's points inside it as besieged
  (``control.pockets``).
"""
from __future__ import annotations

import re
from typing import Mapping, Protocol

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from control import evidence
from control.geo import to_metric, to_metric_xy
from events.model import Event

REACH_KM = 30.0
TOLD_BETTER_DAYS = 14
LINE_HALF_WIDTH_KM = 10.0


class AreaIndex(Protocol):
    """Where an area event happened: a polygon in the metric projection, or None."""

    def area_m(self, event: Event) -> BaseGeometry | None: ...


class DiscAreas:
    """A disc of the event's uncertainty around its point, inside ``outline`` (WGS84)."""

    def __init__(self, outline: BaseGeometry) -> None:
        self.outline_m = to_metric(outline)

    def area_m(self, event: Event) -> BaseGeometry | None:
        if event.lat is None or not event.uncertainty_km:
            return None
        x, y = to_metric_xy(np.array([event.lon]), np.array([event.lat]))[0]
        return shapely.intersection(shapely.Point(x, y).buffer(event.uncertainty_km * 1000.0, quad_segs=16),
                                    self.outline_m)


class PolygonAreas:
    """Areas from named polygons (WGS84): an event whose ``place_id`` or place name is a key
    gets that polygon; any other event, the ``fallback``'s area."""

    def __init__(self, polygons: Mapping[str, BaseGeometry], fallback: AreaIndex | None = None) -> None:
        self.polygons_m = {key: to_metric(polygon) for key, polygon in polygons.items()}
        self.fallback = fallback

    def area_m(self, event: Event) -> BaseGeometry | None:
        for key in (event.place_id, event.place):
            if key and key in self.polygons_m:
                return self.polygons_m[key]
        return self.fallback.area_m(event) if self.fallback is not None else None


class AdminAreas:
    """The gazetteer's administrative polygons (``gazetteer.areas``, or a stand-in with its
    ``area(pcode)``, ``area_at(lat, lon, level)``, ``part(area, direction)`` and optionally
    ``footprint(place)``). ``places``: place id -> the gazetteer's entry (kind, name,
    governorate), ``resolve``: name -> a place with ``lat``/``lon`` (for a stretch's ends).

    An event's area: the footprint of its place (by ``place_id``), else a stretch named by its
    ends, else the area its ``place_id`` names (a P-code), else the governorate, district or
    subdistrict its point lies in when its name says it is one ("Homs Governorate (east)"), cut
    to the direction its name gives and to the fallback's area (the disc of the event's
    uncertainty: a name the gazetteer has no row for is kept near where the report places it);
    else the fallback's."""

    _LEVELS = (("subdistrict", "subdistrict"), ("district", "district"), ("governorate", "governorate"),
               ("province", "governorate"))
    _DIRECTION = re.compile(r"\((north|south|east|west|northeast|northwest|southeast|southwest|central)", re.I)
    _STRETCH = (re.compile(r"\(([^()]+?)\s*[-\u2013]\s*([^()]+?)\)\s*$"),
                re.compile(r"\bbetween\s+(.+?)\s+and\s+(.+?)\s*$", re.I))

    def __init__(self, admin, fallback: AreaIndex | None = None, *, places: Mapping | None = None,
                 resolve=None) -> None:
        self.admin = admin
        self.fallback = fallback
        self.places = places or {}
        self.resolve = resolve

    def area_m(self, event: Event) -> BaseGeometry | None:
        entry = self.places.get(event.place_id) if event.place_id else None
        footprint = getattr(self.admin, "footprint", None)
        found = footprint(entry) if entry is not None and footprint is not None else None
        if found is not None and not found.is_empty:
            return to_metric(found)
        stretch = self._stretch(event)
        if stretch is not None:
            return stretch
        area = self.admin.area(event.place_id) if event.place_id else None
        name = event.place.lower()
        if area is None and event.lat is not None:
            level = next((level for word, level in self._LEVELS if word in name), None)
            area = self.admin.area_at(event.lat, event.lon, level) if level else None
        if area is None:
            return self.fallback.area_m(event) if self.fallback is not None else None
        direction = self._DIRECTION.search(event.place)
        geometry = to_metric(self.admin.part(area, direction.group(1).lower()) if direction else area.geometry)
        near = self.fallback.area_m(event) if self.fallback is not None else None
        return geometry if near is None or near.is_empty else shapely.intersection(geometry, near)

    def _stretch(self, event: Event) -> BaseGeometry | None:
        """A band along the line between the two places a name gives as a stretch's ends."""
        if self.resolve is None:
            return None
        for pattern in self._STRETCH:
            found = pattern.search(event.place)
            if not found:
                continue
            ends = [self.resolve(name.strip()) for name in found.groups()]
            if any(end is None or getattr(end, "kind", "") in _AREA_KINDS for end in ends):
                return None
            xy = to_metric_xy(np.array([e.lon for e in ends]), np.array([e.lat for e in ends]))
            band = shapely.LineString(xy).buffer(LINE_HALF_WIDTH_KM * 1000.0)
            outline = getattr(self.fallback, "outline_m", None)
            return band if outline is None else shapely.intersection(band, outline)
        return None


_AREA_KINDS = ("governorate", "district", "subdistrict", "region", "area", "river")


def default_areas(outline: BaseGeometry) -> AreaIndex:
    """The gazetteer's administrative polygons where the gazetteer has them, else discs."""
    discs = DiscAreas(outline)
    try:
        import gazetteer
        from gazetteer import areas as admin
        admin.areas("governorate")
        places = gazetteer.default().by_id
    except (ImportError, OSError, ValueError):
        return discs
    return AdminAreas(admin, discs, places=places, resolve=gazetteer.resolve)


_BANK = re.compile(r"\b(west|south|east|north)(?:ern)?\s+bank\b", re.I)


def bank_of(world, event_xy: np.ndarray, name: str = "") -> int:
    """The river side an area event is about: the bank its name gives ("the west bank": the
    side lying furthest that way), else the side of its point."""
    found = _BANK.search(name)
    sides = world.points.side
    if found:
        present = np.unique(sides[sides >= 0])
        if len(present) > 1:
            centre = np.array([world.points.xy[sides == k].mean(axis=0) for k in present])
            axis, sign = {"west": (0, -1), "east": (0, 1), "south": (1, -1), "north": (1, 1)}[found.group(1).lower()]
            return int(present[np.argmax(sign * centre[:, axis])])
    return int(sides[world.point_of_xy(event_xy)])


def inside(world, area_m: BaseGeometry, event_xy: np.ndarray, name: str = "") -> np.ndarray:
    """Indices of the points inside ``area_m`` on the river side the event is about."""
    found = world.tree.query(area_m, predicate="intersects")
    side = bank_of(world, event_xy, name)
    return found[world.points.side[found] == side] if len(found) else found


def flip_area(world, event_index: int, faction: int, loser: int | None, area_m: BaseGeometry,
              event_xy: np.ndarray, name: str = "") -> int:
    """Apply the rule to one capture of an area; return how many points changed hands."""
    found = inside(world, area_m, event_xy, name)
    if not len(found):
        return 0
    codes = world.effective_codes()
    loser = world.loser_among(found, faction) if loser is None else loser
    if loser is None:
        return 0
    standing = world.besieged_before[found] & ~world.fresh_pocket[found]
    candidates = found[(codes[found] == loser) & ~world.reported_today(found) & ~world.told_soon(found) & ~standing
                       & ~world.city[found]]
    if not len(candidates):
        return 0
    bank = world.points.side == world.points.side[candidates[0]]     # the area's points share one
    places = np.flatnonzero((codes == faction) & world.points.is_place & bank)
    if not len(places):
        return 0
    tree = shapely.STRtree(world.geoms[places])
    near = tree.query(world.geoms[candidates], predicate="dwithin", distance=REACH_KM * 1000.0)
    reached = np.zeros(len(candidates), dtype=bool)
    reached[near[0]] = True
    taken = candidates[reached | (world.fresh_pocket[candidates] & wholly_inside(world, codes, loser, found,
                                                                                 candidates))]
    world.set_state(taken, faction, evidence.AREA, event_index)
    return len(taken)


def wholly_inside(world, codes: np.ndarray, loser: int, found: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Per candidate, whether the part of the loser's ground it belongs to lies wholly among
    ``found`` (the area's points)."""
    labels = world.components(codes)
    theirs = np.flatnonzero(codes == loser)
    total = np.bincount(labels[theirs], minlength=labels.max() + 1)
    within = np.bincount(labels[found[codes[found] == loser]], minlength=labels.max() + 1)
    return total[labels[candidates]] == within[labels[candidates]]


def members(world, area_m: BaseGeometry, event_xy: np.ndarray, loser: int, name: str = "") -> np.ndarray:
    """The loser's points inside the area (for an encircled or besieged area)."""
    found = inside(world, area_m, event_xy, name)
    return found[world.effective_codes()[found] == loser] if len(found) else found
