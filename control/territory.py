"""Territory: who holds the ground, from who holds the places.

Each held place claims its nearest-place cell (a Voronoi cell), clipped to Syria's outline and to
``RADIUS_KM`` around the place; cells are dissolved by faction. Ground farther than the radius
from every known place is *no data* (open desert with no reported settlement): it belongs to
nobody and is drawn apart. Ground within ``CONTESTED_KM`` of places of two different factions, and
around places marked contested, is *contested* and is cut out of both factions' areas. So the
faction areas, the contested ground and the no-data ground never overlap and together make up
Syria. (The oko project uses the same nearest-settlement-within-35-km and contested-within-7-km
rules; road-network service areas would be a refinement.)

The Voronoi cells depend only on the set of places, not on who holds them, so they are computed
once per place set (``Tessellation``) and only re-dissolved per date. Work is done in the
equal-area metric projection of ``control.geo``; results are returned in WGS84 (lon, lat).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from events.vocabulary import FACTIONS
from control.front_lines import lines_between, shared_edges
from control.geo import to_wgs84

RADIUS_KM = 35.0
CONTESTED_KM = 7.0
GRID_M = 1.0   # cells and their parts are snapped to a 1 m grid so that they merge as a coverage
_EMPTY = shapely.Polygon()
_TESSELLATION_CACHE_SIZE = 16
_TERRITORY_CACHE_SIZE = 1024
_SPLIT_CACHE_SIZE = 200_000


@dataclass(frozen=True, eq=False)
class Territory:
    """One date's territory. Geometries are WGS84 (lon, lat); areas in km² (equal-area).

    ``factions``: faction id -> the ground it holds, contested ground removed, for the factions
    holding any. ``contested_sides``: faction id -> the contested ground on its side of the
    front (the part of the strip nearer to its places). ``no_data``: ground farther than the
    radius from every known place. ``front_lines``: (faction a, faction b) sorted -> the lines
    where their grounds meet. ``areas_km2``: per faction id, plus ``"contested"`` and
    ``"no_data"``. All these areas are disjoint."""

    factions: dict[str, BaseGeometry]
    contested_sides: dict[str, BaseGeometry]
    no_data: BaseGeometry
    front_lines: dict[tuple[str, str], BaseGeometry]
    areas_km2: dict[str, float] = field(default_factory=dict)
    contested_sides_km2: dict[str, float] = field(default_factory=dict)

    @cached_property
    def contested(self) -> BaseGeometry:
        """All contested ground as one geometry."""
        parts = list(self.contested_sides.values())
        return _polygonal(shapely.union_all(parts)) if parts else _EMPTY


class Tessellation:
    """Nearest-place cells of one set of places, clipped to the outline and the radius (metres)."""

    def __init__(self, xy_m: np.ndarray, outline_m: BaseGeometry, *, radius_km: float = RADIUS_KM,
                 contested_km: float = CONTESTED_KM) -> None:
        self.n = len(xy_m)
        self.outline_m = outline_m
        self.contested_dist_m = contested_km * 1000.0
        points = shapely.points(xy_m)
        # Places at the same spot share one cell: the first of them owns it.
        _, first, owner = np.unique(np.round(xy_m, 0), axis=0, return_index=True, return_inverse=True)
        self.owner = first[owner.ravel()]
        unique_idx = np.sort(first)
        raw = np.full(self.n, _EMPTY, dtype=object)
        if len(unique_idx) == 1:
            raw[unique_idx] = shapely.box(*outline_m.buffer(radius_km * 1000.0).bounds)
        elif len(unique_idx) > 1:
            frame = outline_m.buffer(100_000.0)
            cells = shapely.voronoi_polygons(MultiPoint(xy_m[unique_idx]), extend_to=frame, ordered=True)
            raw[unique_idx] = np.array(cells.geoms, dtype=object)
        discs = shapely.buffer(points[unique_idx], radius_km * 1000.0, quad_segs=8)
        self.mask = shapely.intersection(shapely.union_all(discs), outline_m) if len(discs) else _EMPTY
        self.no_data = shapely.difference(outline_m, self.mask)
        self.no_data_wgs84 = _to_wgs84_polygonal(self.no_data)
        # A cell meets the mask only within its own place's disc (points of the cell are nearer
        # to its place than to any other), so cell ∩ mask = cell ∩ disc ∩ outline.
        self.cells = np.array([_polygonal(c) for c in shapely.intersection(raw, self.mask, grid_size=GRID_M)],
                              dtype=object)
        self.edge_i, self.edge_j, self.edges = shared_edges(raw, unique_idx, self.mask)
        # Directed pairs (i, j): the disc of place j reaches the cell of place i.
        pairs = shapely.STRtree(points[unique_idx]).query(
            points[unique_idx], predicate="dwithin", distance=2 * self.contested_dist_m)
        i, j = unique_idx[pairs[0]], unique_idx[pairs[1]]
        reaches = (i != j) & (shapely.distance(points[j], self.cells[i]) <= self.contested_dist_m)
        self.reach_i, self.reach_j = i[reaches], j[reaches]
        self._discs = np.full(self.n, _EMPTY, dtype=object)
        self._discs[unique_idx] = shapely.buffer(points[unique_idx], self.contested_dist_m, quad_segs=8)
        self._splits: dict[tuple, tuple[BaseGeometry, BaseGeometry]] = {}

    def territory(self, codes: np.ndarray, contested: np.ndarray) -> Territory:
        """Dissolve the cells by faction. ``codes``: per place, an index into FACTIONS (-1: none);
        ``contested``: per place, whether its own state is contested."""
        held_m, contested_m, fronts_m = self.dissolve(codes, contested)
        return Territory(
            factions={name: _to_wgs84_polygonal(g) for name, g in held_m.items()},
            contested_sides={name: _to_wgs84_polygonal(g) for name, g in contested_m.items()},
            no_data=self.no_data_wgs84,
            front_lines={pair: to_wgs84(g) for pair, g in fronts_m.items()},
            areas_km2=self.areas_km2(held_m, contested_m),
            contested_sides_km2={name: g.area / 1e6 for name, g in contested_m.items()},
        )

    def dissolve(self, codes: np.ndarray, contested: np.ndarray):
        """(faction -> held ground, faction -> contested ground on its side, pair -> front
        lines), all in metres."""
        codes = codes[self.owner]  # a shared cell follows its owner
        ground_cells = self.cells.copy()
        piece_cells = np.full(len(ground_cells), _EMPTY, dtype=object)
        near = self._contested_near(codes, contested)
        self._split_missing(near)
        for i, key in near.items():
            ground_cells[i], piece_cells[i] = self._splits[(i, key)]
        held_m, contested_m = {}, {}
        for code in np.unique(codes[codes >= 0]):
            mine = codes == code
            held = _merge_coverage(ground_cells[mine])
            if not held.is_empty:
                held_m[FACTIONS[code]] = held
            pieces = piece_cells[mine]
            pieces = pieces[~shapely.is_empty(pieces)]
            if len(pieces):
                contested_m[FACTIONS[code]] = _merge_coverage(pieces)
        fronts_m = lines_between(self.edge_i, self.edge_j, self.edges, codes)
        return held_m, contested_m, fronts_m

    def areas_km2(self, held_m: dict, contested_m: dict) -> dict[str, float]:
        areas = {name: g.area / 1e6 for name, g in held_m.items()}
        areas["contested"] = sum(g.area for g in contested_m.values()) / 1e6
        areas["no_data"] = self.no_data.area / 1e6
        return areas

    def _contested_near(self, codes: np.ndarray, contested: np.ndarray) -> dict[int, tuple[int, ...]]:
        """For each cell with contested ground, the places whose discs make it contested.

        Contested ground is the ground within ``CONTESTED_KM`` of places of two factions, plus
        the ground that near a place marked contested. A point of place i's cell lies within that
        distance of i whenever it lies within it of any place, so it is contested exactly when a
        rival of i's holder has a place that near: the cell's piece depends only on which of its
        neighbours are rivals."""
        ci, cj = codes[self.reach_i], codes[self.reach_j]
        rival = (ci >= 0) & (cj >= 0) & (ci != cj)
        flagged = np.flatnonzero(contested & (codes >= 0))
        ri = np.concatenate([self.reach_i[rival], flagged])   # a flagged place's own disc counts
        rj = np.concatenate([self.reach_j[rival], flagged])
        if not len(ri):
            return {}
        order = np.lexsort((rj, ri))
        ri, rj = ri[order], rj[order]
        bounds = np.flatnonzero(np.diff(ri)) + 1
        heads = ri[np.r_[0, bounds]].tolist()
        return {i: tuple(group.tolist()) for i, group in zip(heads, np.split(rj, bounds))}

    def _split_missing(self, near: dict[int, tuple[int, ...]]) -> None:
        """Split the cells whose (cell, rival discs) pair is new into (held, contested) parts,
        snapped to the metre grid like the cells, so that neighbouring parts share their
        vertices exactly and merge as a coverage. Batched: one vectorised overlay per date."""
        missing = [(i, js) for i, js in near.items() if (i, js) not in self._splits]
        if not missing:
            return
        if len(self._splits) + len(missing) > _SPLIT_CACHE_SIZE:
            self._splits.clear()   # rare (a long session at large scale); rebuilt as needed
        cells = self.cells[[i for i, _ in missing]]
        discs = np.array([self._discs[js[0]] if len(js) == 1 else shapely.union_all(self._discs[list(js)])
                          for _, js in missing], dtype=object)
        held = shapely.difference(cells, discs, grid_size=GRID_M)
        taken = shapely.intersection(cells, discs, grid_size=GRID_M)
        for key, h, t in zip(missing, held, taken):
            self._splits[key] = (_polygonal(h), _polygonal(t))


def _merge_coverage(parts: np.ndarray) -> BaseGeometry:
    """Union of cells that tile without overlap. A held cell's cut follows the same rival discs
    as its same-side neighbour's, so the pieces share vertices and the fast coverage union
    applies; should snapping ever leave a mismatch, fall back to the general union."""
    try:
        return _polygonal(shapely.coverage_union_all(parts))
    except shapely.errors.GEOSException:
        return _polygonal(shapely.union_all(parts, grid_size=GRID_M))


def _to_wgs84_polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """A metric area in WGS84, repaired if the round trip of its coordinates crossed an edge."""
    out = to_wgs84(geometry)
    return out if out.is_valid else _polygonal(shapely.make_valid(out))


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The polygons of an overlay result (snapping can leave slivers as lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return _EMPTY
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


class TerritoryModel:
    """Territory for any date from place positions; tessellations cached per place set."""

    def __init__(self, xy_m: np.ndarray, outline_m: BaseGeometry, *, radius_km: float = RADIUS_KM,
                 contested_km: float = CONTESTED_KM) -> None:
        self.xy_m = np.asarray(xy_m, dtype=float).reshape(-1, 2)
        self.outline_m = outline_m
        self.radius_km = radius_km
        self.contested_km = contested_km
        self._cache: OrderedDict[bytes, Tessellation] = OrderedDict()
        self._territories: OrderedDict[tuple, Territory] = OrderedDict()

    def territory(self, present: np.ndarray, codes: np.ndarray, contested: np.ndarray) -> Territory:
        """``present``: indices of the places that exist and have a holder; ``codes`` and
        ``contested``: per place (all places), see ``Tessellation.territory``. Dates with the
        same holders share one (cached) ``Territory``."""
        present = np.asarray(present, dtype=int)
        local_codes, local_contested = codes[present], contested[present]
        key = (present.tobytes(), local_codes.astype(np.int8).tobytes(), np.packbits(local_contested).tobytes())
        territory = self._territories.get(key)
        if territory is None:
            territory = self.tessellation(present).territory(local_codes, local_contested)
            self._territories[key] = territory
            if len(self._territories) > _TERRITORY_CACHE_SIZE:
                self._territories.popitem(last=False)
        else:
            self._territories.move_to_end(key)
        return territory

    def tessellation(self, present: np.ndarray) -> Tessellation:
        key = np.asarray(present, dtype=np.int64).tobytes()
        tess = self._cache.get(key)
        if tess is None:
            tess = Tessellation(self.xy_m[present], self.outline_m, radius_km=self.radius_km,
                                contested_km=self.contested_km)
            self._cache[key] = tess
            if len(self._cache) > _TESSELLATION_CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return tess
