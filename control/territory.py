"""Territory: who holds the ground, from who holds the points.

Every point (place or ground point, see ``control.points``) claims its nearest-point cell (a
Voronoi cell) clipped to Syria's outline; cells are dissolved by holder. A cell whose point has
no known holder on the date is *no data*: no report or baseline says who holds it (before the
baseline's date, or beyond every place's radius). A cell whose point is *contested* (rival
claims within days, ``control.model``) is contested ground, cut out of both sides' areas and
drawn in both sides' colours; a cell in a siege or a cut-off pocket is *besieged* ground (it
still counts for its holder). Faction areas, contested ground and no-data ground never overlap
and together make up Syria.

The cells depend only on the points, which are fixed for one ``MapData`` (ground points fill
the open country once), so they are computed once (``Tessellation``) and only re-dissolved per
date; dates with the same holders share one ``Territory``. The same cells give the model its
adjacency (which points' ground touches, how long their common edge is, which cells reach the
border) for the pocket rule. Work is done in the equal-area metric projection of
``control.geo``; results are returned in WGS84 (lon, lat).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from control.front_lines import lines_between, shared_edges
from control.geo import to_wgs84
from control.points import RADIUS_MAX_KM
from events.vocabulary import FACTIONS

RADIUS_KM = RADIUS_MAX_KM   # no place speaks for ground farther than this (see control.points)
GRID_M = 1.0   # cells are snapped to a 1 m grid so that they merge as a coverage
_EMPTY = shapely.Polygon()
_TERRITORY_CACHE_SIZE = 512


@dataclass(frozen=True, eq=False)
class Territory:
    """One date's territory. Geometries are WGS84 (lon, lat); areas in km² (equal-area).

    ``factions``: faction id -> the ground it holds, contested ground removed, for the factions
    holding any. ``contested_sides``: faction id -> the contested ground it holds;
    ``contested_pairs``: (holder, rival) -> the contested ground the holder holds and the rival
    claims. ``besieged``: faction id -> its ground that is under siege or cut off (part of its
    ``factions`` ground). ``no_data``: ground nobody is known to hold. ``front_lines``:
    (faction a, faction b) sorted -> the lines where their grounds meet. ``areas_km2``: per
    faction id, plus ``"contested"`` and ``"no_data"``; these areas are disjoint."""

    factions: Mapping[str, BaseGeometry]   # merged on first use per faction
    contested_sides: dict[str, BaseGeometry]
    no_data: BaseGeometry
    front_lines: dict[tuple[str, str], BaseGeometry]
    areas_km2: dict[str, float] = field(default_factory=dict)
    contested_sides_km2: dict[str, float] = field(default_factory=dict)
    contested_pairs: dict[tuple[str, str], BaseGeometry] = field(default_factory=dict)
    besieged: dict[str, BaseGeometry] = field(default_factory=dict)

    @cached_property
    def contested(self) -> BaseGeometry:
        """All contested ground as one geometry."""
        parts = list(self.contested_sides.values())
        return _polygonal(shapely.union_all(parts)) if parts else _EMPTY


class Tessellation:
    """Nearest-point cells of one set of points, clipped to the outline (metres), and their
    adjacency: ``edge_i``/``edge_j`` (i < j) share ``edges`` of ``edge_length_m``;
    ``border_m`` is the length of each cell's boundary on the outline's."""

    def __init__(self, xy_m: np.ndarray, outline_m: BaseGeometry) -> None:
        self.n = len(xy_m)
        self.outline_m = outline_m
        # Points at the same spot share one cell: the first of them owns it.
        _, first, owner = np.unique(np.round(xy_m, 0), axis=0, return_index=True, return_inverse=True)
        self.owner = first[owner.ravel()]
        unique_idx = np.sort(first)
        raw = np.full(self.n, _EMPTY, dtype=object)
        if len(unique_idx) == 1:
            raw[unique_idx] = shapely.box(*outline_m.buffer(1000.0).bounds)
        elif len(unique_idx) > 1:
            frame = outline_m.buffer(100_000.0)
            cells = shapely.voronoi_polygons(MultiPoint(xy_m[unique_idx]), extend_to=frame, ordered=True)
            raw[unique_idx] = np.array(cells.geoms, dtype=object)
        # Only the cells the outline crosses need cutting; all are snapped to the same grid.
        crossing = np.zeros(self.n, dtype=bool)
        crossing[shapely.STRtree(raw).query(outline_m.boundary, predicate="intersects")] = True
        inside = ~crossing & shapely.within(raw, outline_m)
        cut = np.full(self.n, _EMPTY, dtype=object)
        cut[inside] = shapely.set_precision(raw[inside], GRID_M)
        cut[crossing] = shapely.intersection(raw[crossing], outline_m, grid_size=GRID_M)
        self.cells = np.array([_polygonal(c) for c in cut], dtype=object)
        self.area_km2 = shapely.area(self.cells) / 1e6
        self.edge_i, self.edge_j, self.edges = shared_edges(raw, unique_idx, outline_m)
        self.edge_length_m = shapely.length(self.edges) if len(self.edges) else np.zeros(0)
        outline_line = outline_m.boundary
        self.border_m = np.zeros(self.n)
        touching = shapely.STRtree(self.cells).query(outline_line, predicate="intersects")
        self.border_m[touching] = shapely.length(shapely.intersection(shapely.boundary(self.cells[touching]),
                                                                      outline_line.buffer(1.0)))
        self._territories: OrderedDict[tuple, Territory] = OrderedDict()

    def territory(self, codes: np.ndarray, contested: np.ndarray | None = None,
                  rivals: np.ndarray | None = None, besieged: np.ndarray | None = None) -> Territory:
        """Dissolve the cells by holder. Per point: ``codes`` an index into FACTIONS (-1: not
        known); ``contested`` whether it is contested and ``rivals`` by whom (a FACTIONS index);
        ``besieged`` whether it is besieged. Cached per distinct input."""
        n = self.n
        codes = np.asarray(codes, dtype=np.int8)[self.owner]
        contested = (np.zeros(n, bool) if contested is None else np.asarray(contested, bool))[self.owner] & (codes >= 0)
        rivals = (np.full(n, -1, np.int8) if rivals is None else np.asarray(rivals, np.int8))[self.owner]
        besieged = (np.zeros(n, bool) if besieged is None else np.asarray(besieged, bool))[self.owner] & (codes >= 0)
        key = (codes.tobytes(), np.packbits(contested).tobytes(), rivals[contested].tobytes(),
               np.packbits(besieged).tobytes())
        found = self._territories.get(key)
        if found is not None:
            self._territories.move_to_end(key)
            return found
        found = self._dissolve(codes, contested, rivals, besieged)
        self._territories[key] = found
        if len(self._territories) > _TERRITORY_CACHE_SIZE:
            self._territories.popitem(last=False)
        return found

    def areas_km2(self, codes: np.ndarray, contested: np.ndarray | None = None) -> dict[str, float]:
        """Area per faction id, ``"contested"`` and ``"no_data"`` (km²), without any geometry."""
        codes = np.asarray(codes, dtype=np.int8)[self.owner]
        contested = np.zeros(self.n, bool) if contested is None else np.asarray(contested, bool)[self.owner]
        contested &= codes >= 0
        area = np.where(self.owner == np.arange(self.n), self.area_km2, 0.0)
        out = {FACTIONS[c]: float(area[(codes == c) & ~contested].sum()) for c in np.unique(codes[codes >= 0])}
        out["contested"] = float(area[contested].sum())
        out["no_data"] = float(area[codes < 0].sum())
        return out

    def _dissolve(self, codes, contested, rivals, besieged) -> Territory:
        own = self.owner == np.arange(self.n)
        held_m, contested_m, pairs_m, besieged_m = {}, {}, {}, {}
        for code in np.unique(codes[codes >= 0]):
            mine = own & (codes == code)
            if (mine & ~contested).any():
                held_m[FACTIONS[code]] = self.cells[mine & ~contested]
            disputed = mine & contested
            if disputed.any():
                contested_m[FACTIONS[code]] = _merge_coverage(self.cells[disputed])
                for rival in np.unique(rivals[disputed]):
                    if rival >= 0:
                        pairs_m[(FACTIONS[code], FACTIONS[rival])] = _merge_coverage(
                            self.cells[disputed & (rivals == rival)])
            cut_off = mine & besieged
            if cut_off.any():
                besieged_m[FACTIONS[code]] = _merge_coverage(self.cells[cut_off])
        no_data_m = _merge_coverage(self.cells[own & (codes < 0)])
        fronts_m = lines_between(self.edge_i, self.edge_j, self.edges, codes)
        areas = self.areas_km2(codes, contested)
        return Territory(
            factions=_LazyGround(held_m),
            contested_sides={name: _to_wgs84_polygonal(g) for name, g in contested_m.items()},
            no_data=_to_wgs84_polygonal(no_data_m),
            front_lines={pair: to_wgs84(g) for pair, g in fronts_m.items()},
            areas_km2=areas,
            contested_sides_km2={name: g.area / 1e6 for name, g in contested_m.items()},
            contested_pairs={pair: _to_wgs84_polygonal(g) for pair, g in pairs_m.items()},
            besieged={name: _to_wgs84_polygonal(g) for name, g in besieged_m.items()},
        )

    def grouped(self, codes: np.ndarray, groups: np.ndarray, mask: np.ndarray | None = None) -> dict[tuple[int, int], BaseGeometry]:
        """(holder code, group) -> the ground (WGS84) of the points with that holder and
        group (e.g. the same evidence), for the points in ``mask`` (default: all held)."""
        own = self.owner == np.arange(self.n)
        codes = np.asarray(codes)[self.owner]
        groups = np.asarray(groups)[self.owner]
        keep = own & (codes >= 0) & (True if mask is None else np.asarray(mask, bool)[self.owner])
        out = {}
        keys = np.unique(np.column_stack([codes[keep], groups[keep]]), axis=0) if keep.any() else []
        for code, group in keys:
            ground = _merge_coverage(self.cells[keep & (codes == code) & (groups == group)])
            if not ground.is_empty:
                out[(int(code), int(group))] = _to_wgs84_polygonal(ground)
        return out

    def ground_of(self, mask: np.ndarray) -> BaseGeometry:
        """The ground (WGS84) of the cells of the points in ``mask``."""
        mask = np.asarray(mask, bool) & (self.owner == np.arange(self.n))
        return _to_wgs84_polygonal(_merge_coverage(self.cells[mask]))


class _LazyGround(Mapping):
    """Faction -> its ground (WGS84), each merged from its cells when first asked for: the
    map draws the ground in pieces of one evidence (``layers.territory``) and seldom needs the
    whole."""

    def __init__(self, cells: dict[str, np.ndarray]) -> None:
        self._cells = cells
        self._merged: dict[str, BaseGeometry] = {}

    def __getitem__(self, faction: str) -> BaseGeometry:
        found = self._merged.get(faction)
        if found is None:
            found = self._merged[faction] = _to_wgs84_polygonal(_merge_coverage(self._cells[faction]))
        return found

    def __contains__(self, faction) -> bool:
        return faction in self._cells

    def __iter__(self):
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)


def _merge_coverage(parts: np.ndarray) -> BaseGeometry:
    """Union of cells that tile without overlap (they share vertices: the fast coverage union
    applies); should snapping ever leave a mismatch, fall back to the general union."""
    parts = parts[~shapely.is_empty(parts)] if len(parts) else parts
    if not len(parts):
        return _EMPTY
    try:
        return _polygonal(shapely.coverage_union_all(parts))
    except shapely.errors.GEOSException:
        return _polygonal(shapely.union_all(parts, grid_size=GRID_M))


def _to_wgs84_polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """A metric area in WGS84, repaired if the round trip of its coordinates crossed an edge."""
    if geometry.is_empty:
        return _EMPTY
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
