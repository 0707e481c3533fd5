"""Area statements: a report that an area was taken flips the loser's ground inside it.

"Took full control of the eastern Hama countryside", "ISIS no longer holds any territory in
Homs province", "secured the whole west bank between Mayadin and Abu Kamal": the reader gives
these as a capture whose place is an area (vaguer than ``control.points.REGION_KM``). Such a
capture by F, believed at least ``weights.AREA_MIN``, passes to F the loser's points inside the
area's polygon that lie within ``REACH_KM`` of a place F held before it:

- **The area** comes from an ``AreaIndex``: the administrative polygon the event's place stands
  for (a governorate, district or subdistrict; a directional part of one, "eastern Homs", as
  the part of the polygon on that side of its centre), else a disc of the event's uncertainty
  around its point, inside Syria. ``AdminAreas`` reads the gazetteer's polygons (OCHA's
  governorates, districts and subdistricts), ``DiscAreas`` gives the discs, ``PolygonAreas``
  named polygons; ``default_areas`` picks the gazetteer's when it has them.
- **Reach.** The reader cannot tell "took full control of" from "captured more ground in": an
  area statement moves F's ground across the area from where F stood, ``REACH_KM`` deep,
  rather than handing over its far side; repeated statements move it further.
- **River.** Only the side of the Euphrates the event's point is on (``control.points``).
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
    ``area(pcode)``, ``area_at(lat, lon, level)`` and ``part(area, direction)``): the area an
    event's ``place_id`` names (a P-code), else the governorate, district or subdistrict its
    point lies in when its name says it is one ("Homs Governorate (east)"), cut to the
    direction its name gives ("(east)", "(western desert)") and to the fallback's area (the
    disc of the event's uncertainty): the polygon keeps a statement inside the area it names,
    the disc keeps it near where the report places it. Any other event: the fallback's."""

    _LEVELS = (("subdistrict", "subdistrict"), ("district", "district"), ("governorate", "governorate"),
               ("province", "governorate"))
    _DIRECTION = re.compile(r"\((north|south|east|west|northeast|northwest|southeast|southwest|central)", re.I)

    def __init__(self, admin, fallback: AreaIndex | None = None) -> None:
        self.admin = admin
        self.fallback = fallback

    def area_m(self, event: Event) -> BaseGeometry | None:
        found = self.admin.area(event.place_id) if event.place_id else None
        name = event.place.lower()
        if found is None and event.lat is not None:
            level = next((level for word, level in self._LEVELS if word in name), None)
            found = self.admin.area_at(event.lat, event.lon, level) if level else None
        if found is None:
            return self.fallback.area_m(event) if self.fallback is not None else None
        direction = self._DIRECTION.search(event.place)
        geometry = to_metric(self.admin.part(found, direction.group(1).lower()) if direction else found.geometry)
        near = self.fallback.area_m(event) if self.fallback is not None else None
        return geometry if near is None or near.is_empty else shapely.intersection(geometry, near)


def default_areas(outline: BaseGeometry) -> AreaIndex:
    """The gazetteer's administrative polygons where the gazetteer has them, else discs."""
    discs = DiscAreas(outline)
    try:
        from gazetteer import areas as admin
        admin.areas("governorate")
    except (ImportError, OSError, ValueError):
        return discs
    return AdminAreas(admin, discs)


def inside(world, area_m: BaseGeometry, event_xy: np.ndarray) -> np.ndarray:
    """Indices of the points inside ``area_m`` on the river side of ``event_xy``."""
    found = world.tree.query(area_m, predicate="intersects")
    side = world.points.side[world.point_of_xy(event_xy)]
    return found[world.points.side[found] == side] if len(found) else found


def flip_area(world, event_index: int, faction: int, loser: int | None, area_m: BaseGeometry,
              event_xy: np.ndarray) -> int:
    """Apply the rule to one capture of an area; return how many points changed hands."""
    found = inside(world, area_m, event_xy)
    if not len(found):
        return 0
    codes = world.effective_codes()
    loser = world.loser_among(found, faction) if loser is None else loser
    if loser is None:
        return 0
    candidates = found[(codes[found] == loser) & ~world.reported_today(found) & ~world.told_soon(found)]
    places = np.flatnonzero((codes == faction) & world.points.is_place)
    if not len(candidates) or not len(places):
        return 0
    tree = shapely.STRtree(world.geoms[places])
    near = tree.query(world.geoms[candidates], predicate="dwithin", distance=REACH_KM * 1000.0)
    taken = np.unique(candidates[near[0]])
    world.set_state(taken, faction, evidence.AREA, event_index)
    return len(taken)


def members(world, area_m: BaseGeometry, event_xy: np.ndarray, loser: int) -> np.ndarray:
    """The loser's points inside the area (for an encircled or besieged area)."""
    found = inside(world, area_m, event_xy)
    return found[world.effective_codes()[found] == loser] if len(found) else found
