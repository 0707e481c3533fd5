"""The points the control model tracks: the places, and ground points between them.

- **Places** (*primary* points) are the baseline's rows and the places that control events name
  and the baseline lacks. A place is what a report can be about: its state comes only from
  evidence about it (the baseline, an event, or a rule that swept it).
- **Ground points** fill the country between the places: the communities people live in
  (OCHA's, ``MapData.communities_lonlat``) where no place or other kept community lies within
  ``GROUND_CLEAR_KM``, then a hexagonal grid every ``GROUND_SPACING_KM`` where neither does
  (``ground_points``): cells follow where people live, and open desert still has ground. A ground point takes the state of the
  ground it stands on — that of the nearest place whose radius reaches it —
  unless a rule gave it newer evidence of its own (a swept corridor, an area statement, a
  pocket). So rules work on ground, not only on the few places a desert has, and a corridor
  swept across open desert is held as a band, not as a few dots.
- **Radius of a place** (how far its holder is taken to reach): ``RADIUS_FACTOR`` times the
  mean distance to its ``RADIUS_NEIGHBOURS`` nearest places, within ``RADIUS_MIN_KM`` ..
  ``RADIUS_MAX_KM``: a village among villages speaks for a few km, a desert town for tens.
  Ground no known place reaches is *no data* (a town's close-packed districts reach a few km,
  but the countryside past them still follows the village beyond whose radius reaches it).
- **River sides.** The Euphrates splits Syria in two (``BARRIER_RIVERS``); each point knows
  its side. A rule that moves ground across open country (a sweep, an area statement) stays on
  the side of the river its event is on: in 2017 the river was a front line in its own right,
  and the banks changed hands apart. The river's line is generalised (it runs 1.5–5.5 km off
  the valley towns), so a point within ``RIVER_NEAR_KM`` of it takes the bank of the
  administrative area it lies in (OCHA's subdistricts, whose borders follow the river through
  the valley) when that area lies at least ``BANK_SHARE`` on one side of the line: Al-Quriyah
  and Hajin sit on the banks their subdistricts say, not on the side a coarse line puts them.

Which place an event is about: by ``place_id``, else by name (the one of that name nearest the
event when several share it), else by the nearest place within ``MATCH_KM`` and within the
event's own uncertainty (at least ``PART_MATCH_KM``): Qaboun, located to 0.9 km, is not Irbin
2.6 km away, nor al-Manshiyah (0.6 km) the whole of Daraa 1.2 km away. An event about a
*part* of a place ("Mayadin (west edge)", "Raqqa (south part)": the gazetteer's name for a part
of a town) is about that part, not the town: it is matched by its own name only, or to a point
within ``PART_MATCH_KM``, so that a capture of a town's edge does not hand over the town. A control event
at a place none of these finds creates a place there, held before the event by the loser (the
target; the actor of a withdrawal); with no loser named, the place exists only from its first
event. An event vaguer than ``REGION_KM`` (a region, a border segment, a reach of a river) is
about an area, not a place, unless its ``place_id`` is one (``control.areas`` reads it).

All coordinates are metres of ``control.geo``'s equal-area projection unless named ``lonlat``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from control.baseline import ControlPoint
from control.geo import to_metric, to_metric_xy, to_wgs84_xy
from events.model import Event
from gazetteer.directional import URBAN_PARTS

REGION_KM = 15.0
MATCH_KM = 3.0
PART_MATCH_KM = 1.0
GROUND_SPACING_KM = 10.0
GROUND_CLEAR_KM = 6.0
RADIUS_NEIGHBOURS = 3
RADIUS_FACTOR = 3.0
RADIUS_MIN_KM = 15.0
RADIUS_MAX_KM = 60.0
BARRIER_RIVERS = ("Euphrates",)
RIVER_GAP_M = 500.0     # the river's line is thickened by this much to close gaps in its chain
RIVER_NEAR_KM = 8.0
BANK_SHARE = 0.9
_ARTICLES = {"al", "el", "ar", "as", "ash", "at", "ad", "az", "an", "the"}


@dataclass(frozen=True)
class NewPlace:
    """A place a control event names that the baseline lacks; ``loser`` held it before."""

    place_id: str
    name: str
    lat: float
    lon: float
    loser: str | None


class PointSet:
    """Places first (baseline rows in order, then new places), then ground points.

    ``xy``: (n, 2) metres; ``lonlat``: (n, 2) degrees; ``n_places``: how many are places;
    ``names``/``place_ids``: per place; ``radius_m``: per place; ``nearest_place``: per point,
    the nearest place whose radius reaches it (a place is its own; a point none reaches, its
    own index); ``reach``: per point, whether some place's radius reaches it; ``side``: per point, its river side (-1: on no side); ``is_place``: per point,
    whether it is a place."""

    def __init__(self, baseline: Sequence[ControlPoint], new_places: Sequence[NewPlace],
                 outline: BaseGeometry, *, rivers: Iterable[tuple[str, BaseGeometry]] = (),
                 extra_ground_lonlat: np.ndarray | None = None,
                 spacing_km: float = GROUND_SPACING_KM, banks: Mapping[str, BaseGeometry] | None = None,
                 place_banks: Mapping[str, str] | None = None) -> None:
        self.baseline = tuple(baseline)
        self.new_places = tuple(new_places)
        self.names = [p.name for p in self.baseline] + [p.name for p in self.new_places]
        self.place_ids = [p.place_id for p in self.baseline] + [p.place_id for p in self.new_places]
        place_lonlat = np.array([(p.lon, p.lat) for p in self.baseline] + [(p.lon, p.lat) for p in self.new_places],
                                dtype=float).reshape(-1, 2)
        self.n_places = len(place_lonlat)
        place_xy = to_metric_xy(place_lonlat[:, 0], place_lonlat[:, 1]) if self.n_places else np.zeros((0, 2))
        self.outline_m = to_metric(outline)
        ground_xy = ground_points(place_xy, self.outline_m, spacing_km, extra_ground_lonlat)
        self.xy = np.vstack([place_xy, ground_xy]) if len(ground_xy) else place_xy
        lon, lat = to_wgs84_xy(self.xy) if len(self.xy) else (np.zeros(0), np.zeros(0))
        self.lonlat = np.column_stack([lon, lat]) if len(self.xy) else np.zeros((0, 2))
        self.lonlat[:self.n_places] = place_lonlat
        self.radius_m = place_radii(place_xy)
        self.nearest_place, distance = nearest_reaching(place_xy, self.radius_m, self.xy)
        self.reach = np.isfinite(distance)
        banks = dict(banks or {})
        keys = list(banks)
        named = {key: k for k, key in enumerate(keys)}
        bank_of = np.full(len(self.xy), -1)
        for k, place_id in enumerate(self.place_ids):
            bank_of[k] = named.get((place_banks or {}).get(place_id), -1)
        self.side = river_sides(self.xy, self.outline_m, rivers, [banks[key] for key in keys], bank_of)
        self.is_place = np.arange(len(self.xy)) < self.n_places

    def __len__(self) -> int:
        return len(self.xy)


def ground_points(place_xy: np.ndarray, outline_m: BaseGeometry, spacing_km: float,
                  extra_lonlat: np.ndarray | None = None) -> np.ndarray:
    """Ground points inside the outline farther than ``GROUND_CLEAR_KM`` from every place:
    ``extra_lonlat`` points first (the communities people live in shape the cells better than
    a grid), then hexagonal grid points where no kept extra point lies within that distance."""
    spacing = spacing_km * 1000.0
    west, south, east, north = outline_m.bounds
    ys = np.arange(south + spacing / 2, north, spacing * np.sqrt(3) / 2)
    rows = []
    for k, y in enumerate(ys):
        xs = np.arange(west + (spacing / 2 if k % 2 else 0.0), east, spacing)
        rows.append(np.column_stack([xs, np.full(len(xs), y)]))
    grid = np.vstack(rows) if rows else np.zeros((0, 2))
    extra = (to_metric_xy(extra_lonlat[:, 0], extra_lonlat[:, 1]) if extra_lonlat is not None and len(extra_lonlat)
             else np.zeros((0, 2)))
    kept = []
    for points in (thinned(extra, GROUND_CLEAR_KM * 1000.0), grid):
        if not len(points):
            continue
        points = points[shapely.contains_xy(outline_m, points[:, 0], points[:, 1])]
        for clear in [place_xy, *kept[:1]]:
            if len(clear) and len(points):
                _, d = nearest(clear, points)
                points = points[d > GROUND_CLEAR_KM * 1000.0]
        kept.append(points)
    return np.vstack(kept) if kept else np.zeros((0, 2))


def thinned(xy: np.ndarray, spacing_m: float) -> np.ndarray:
    """``xy`` without the points that lie within ``spacing_m`` of an earlier kept one (in
    order: a village among villages adds a cell no report will tell apart)."""
    kept: list[int] = []
    buckets: dict[tuple[int, int], list[int]] = {}
    for k, (x, y) in enumerate(xy):
        cx, cy = int(x // spacing_m), int(y // spacing_m)
        near = (j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in buckets.get((cx + dx, cy + dy), ()))
        if any((xy[j, 0] - x) ** 2 + (xy[j, 1] - y) ** 2 <= spacing_m ** 2 for j in near):
            continue
        kept.append(k)
        buckets.setdefault((cx, cy), []).append(k)
    return xy[kept]


def nearest(targets: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of the nearest target, distance in m) for each point."""
    if not len(targets) or not len(points):
        return np.zeros(len(points), dtype=int), np.full(len(points), np.inf)
    tree = shapely.STRtree(shapely.points(targets))
    index = tree.query_nearest(shapely.points(points), all_matches=False, return_distance=True)
    (which, target), distance = index
    out = np.zeros(len(points), dtype=int)
    dist = np.full(len(points), np.inf)
    out[which] = target
    dist[which] = distance
    return out, dist


def nearest_reaching(place_xy: np.ndarray, radius_m: np.ndarray, points: np.ndarray,
                     places: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(index of the nearest of ``places`` (default: all) whose radius reaches it, distance in
    m) for each point; (its own index, inf) for a point no place reaches."""
    out = np.arange(len(points))
    dist = np.full(len(points), np.inf)
    places = np.arange(len(place_xy)) if places is None else np.asarray(places, dtype=int)
    if not len(places) or not len(points):
        return out, dist
    tree = shapely.STRtree(shapely.points(points))
    pair_place, pair_point = tree.query(shapely.points(place_xy[places]), predicate="dwithin",
                                        distance=float(radius_m[places].max()))
    place = places[pair_place]
    d = np.hypot(*(points[pair_point] - place_xy[place]).T)
    ok = d <= radius_m[place]
    place, point, d = place[ok], pair_point[ok], d[ok]
    order = np.lexsort((d, point))
    point, place, d = point[order], place[order], d[order]
    first = np.flatnonzero(np.r_[True, point[1:] != point[:-1]]) if len(point) else point
    out[point[first]] = place[first]
    dist[point[first]] = d[first]
    return out, dist


def place_radii(place_xy: np.ndarray) -> np.ndarray:
    """Each place's radius in metres (see the module docstring)."""
    n = len(place_xy)
    if n < 2:
        return np.full(n, RADIUS_MAX_KM * 1000.0)
    k = min(RADIUS_NEIGHBOURS, n - 1)
    tree = shapely.STRtree(shapely.points(place_xy))
    means = np.empty(n)
    for i, (x, y) in enumerate(place_xy):
        # The k nearest others: widen the search until they are in it.
        radius = 20_000.0
        while True:
            found = tree.query(shapely.Point(x, y).buffer(radius))
            if len(found) > k or radius > 400_000.0:
                break
            radius *= 2
        d = np.sort(np.hypot(*(place_xy[found] - (x, y)).T))[1:k + 1]
        means[i] = d.mean() if len(d) else RADIUS_MAX_KM * 1000.0
    return np.clip(RADIUS_FACTOR * means, RADIUS_MIN_KM * 1000.0, RADIUS_MAX_KM * 1000.0)


def river_sides(xy: np.ndarray, outline_m: BaseGeometry, rivers: Iterable[tuple[str, BaseGeometry]],
                banks: Sequence[BaseGeometry] = (), bank_of: np.ndarray | None = None) -> np.ndarray:
    """Per point, the index of the part of the outline it lies in once the barrier rivers cut
    it (a point on the river itself: the nearest part's); near the river, the part of the
    ``banks`` area (WGS84 polygons) its record names (``bank_of``: an index into ``banks``, -1
    for none) or else it lies in, when that area lies on one side (see the module docstring)."""
    lines = [to_metric(geometry) for name, geometry in rivers if name in BARRIER_RIVERS]
    if not lines or not len(xy):
        return np.zeros(len(xy), dtype=int)
    river = shapely.union_all(lines)
    cut = shapely.difference(outline_m, shapely.buffer(river, RIVER_GAP_M))
    parts = [p for p in shapely.get_parts(cut) if p.area > 1e8]    # > 100 km²: no slivers
    if len(parts) < 2:
        return np.zeros(len(xy), dtype=int)
    index, _ = nearest_polygon(parts, xy)
    near = np.flatnonzero(shapely.dwithin(shapely.points(xy), river, RIVER_NEAR_KM * 1000.0))
    if not len(near) or not len(banks):
        return index
    banks_m = np.array([to_metric(b) for b in banks], dtype=object)
    side_of = np.full(len(banks_m), -1)
    for k in np.flatnonzero(shapely.dwithin(banks_m, river, RIVER_NEAR_KM * 1000.0)):
        share = np.array([shapely.area(shapely.intersection(banks_m[k], part)) for part in parts])
        if share.sum() > 0 and share.max() >= BANK_SHARE * share.sum():
            side_of[k] = int(share.argmax())
    bank = np.full(len(near), -1)
    point, found = shapely.STRtree(banks_m).query(shapely.points(xy[near]), predicate="within")
    bank[point] = found
    if bank_of is not None:
        own = np.asarray(bank_of)[near]
        bank = np.where(own >= 0, own, bank)
    sided = (bank >= 0) & (side_of[np.maximum(bank, 0)] >= 0)
    index[near[sided]] = side_of[bank[sided]]
    return index


def nearest_polygon(polygons: list, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tree = shapely.STRtree(polygons)
    (which, polygon), distance = tree.query_nearest(shapely.points(xy), all_matches=False, return_distance=True)
    out = np.full(len(xy), -1, dtype=int)
    out[which] = polygon
    return out, distance


# --- which place an event is about ------------------------------------------------------------

def normalise_name(name: str) -> str:
    """Lower case, no accents or punctuation, no Arabic article: "Al-Mayadin" -> "mayadin"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


_PART_NAME = re.compile(r"^.+ \((?:[a-z]+[ -])*(?P<part>[a-z]+)\)$")


def is_part(name: str) -> bool:
    """Whether a place name is the gazetteer's name for a part of a place: "Raqqa (south part)"."""
    found = _PART_NAME.match(name.strip().lower())
    return bool(found) and found.group("part") in URBAN_PARTS


def is_region(event: Event, region_km: float = REGION_KM) -> bool:
    return event.uncertainty_km is not None and event.uncertainty_km > region_km


def assign(baseline: Sequence[ControlPoint], events: Sequence[Event], *, region_km: float = REGION_KM,
           match_km: float = MATCH_KM) -> tuple[list[NewPlace], dict[str, int]]:
    """(new places, event id -> index of the place it is about) for ``events`` in order; events
    about no place (regions, unplaced non-control events) are left out of the mapping."""
    lonlat = [(p.lon, p.lat) for p in baseline]
    by_id = {p.place_id: i for i, p in enumerate(baseline) if p.place_id}
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(baseline):
        by_name.setdefault(normalise_name(p.name), []).append(i)
    base_xy = to_metric_xy(*np.array(lonlat, dtype=float).reshape(-1, 2).T) if lonlat else np.zeros((0, 2))
    tree = shapely.STRtree(shapely.points(base_xy)) if len(base_xy) else None
    new_places: list[NewPlace] = []
    new_xy: list[np.ndarray] = []
    match_m = match_km * 1000.0
    out: dict[str, int] = {}
    for event in events:
        part = is_part(event.place)
        place_id = "" if part else (event.place_id or "")   # a part carries its whole place's id
        index = by_id.get(place_id) if place_id else None
        if index is None and not is_region(event, region_km):
            here = to_metric_xy(np.array([event.lon]), np.array([event.lat]))[0] if event.lat is not None else None
            index = _by_name(by_name.get(normalise_name(event.place), []), here, base_xy, new_xy)
            # A place the gazetteer locates more closely than the distance to the nearest
            # known place is another place (a district beside a town, not the town).
            own_m = max(event.uncertainty_km or match_km, PART_MATCH_KM) * 1000.0
            within = PART_MATCH_KM * 1000.0 if part else min(match_m, own_m)
            if index is None and here is not None:
                if tree is not None:
                    near = tree.query_nearest(shapely.Point(here), max_distance=within)
                    index = int(near[0]) if len(near) else None
                if index is None and new_xy:
                    d = np.hypot(*(np.array(new_xy) - here).T)
                    if d.min() <= within:
                        index = len(baseline) + int(d.argmin())
                if index is None and event.changes_control:
                    index = len(baseline) + len(new_places)
                    new_places.append(NewPlace(place_id, event.place, event.lat, event.lon, _loser_before(event)))
                    new_xy.append(here)
                    if place_id:
                        by_id[place_id] = index
                    by_name.setdefault(normalise_name(event.place), []).append(index)
        if index is not None:
            out[event.id] = index
    return new_places, out


def _loser_before(event: Event) -> str | None:
    """Who held a new place before the control event that names it: the target of a capture,
    the actor of a withdrawal (None when that is not known or is the winner itself)."""
    if event.action == "withdraw":
        return event.actor if event.target != event.actor else None
    return event.target if event.target != event.actor else None


def _by_name(candidates: list[int], here, base_xy: np.ndarray, new_xy: list) -> int | None:
    """The one place of that name; of several, the nearest to the event (when it has a
    position), else none: a name shared by two villages does not say which."""
    if len(candidates) == 1:
        return candidates[0]
    if not candidates or here is None:
        return None
    xy = np.array([base_xy[i] if i < len(base_xy) else new_xy[i - len(base_xy)] for i in candidates])
    return candidates[int(np.argmin(((xy - here) ** 2).sum(axis=1)))]
