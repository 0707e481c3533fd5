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
equal-area metric projection of ``layers.geo``; results are returned in WGS84 (lon, lat).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from events.vocabulary import FACTIONS
from layers import style
from layers.front_lines import lines_between, shared_edges
from layers.geo import to_wgs84
from layers.shapes import polygon_trace

NAME = "territory"
NEEDS = ("territory.factions", "territory.contested", "territory.no_data", "territory.areas_km2")
DEFAULT_STYLE = {"opacity": style.TERRITORY_OPACITY, "colours": style.FACTION_COLOURS}
MISSING = "ground with no known holder is grey 'no data', counted for nobody"

RADIUS_KM = 35.0
CONTESTED_KM = 7.0
_EMPTY = shapely.Polygon()
_TESSELLATION_CACHE_SIZE = 16


@dataclass(frozen=True, eq=False)
class Territory:
    """One date's territory. Geometries are WGS84 (lon, lat); areas in km² (equal-area).

    ``factions``: faction id -> the ground it holds (contested ground removed), for the factions
    that hold any. ``front_lines``: (faction a, faction b) sorted -> the lines where their
    grounds meet. ``areas_km2``: per faction id, plus ``"contested"`` and ``"no_data"``."""

    factions: dict[str, BaseGeometry]
    contested: BaseGeometry
    no_data: BaseGeometry
    front_lines: dict[tuple[str, str], BaseGeometry]
    areas_km2: dict[str, float] = field(default_factory=dict)


class Tessellation:
    """Nearest-place cells of one set of places, clipped to the outline and the radius (metres)."""

    def __init__(self, xy_m: np.ndarray, outline_m: BaseGeometry, *, radius_km: float = RADIUS_KM,
                 contested_km: float = CONTESTED_KM) -> None:
        self.n = len(xy_m)
        self.outline_m = outline_m
        self.contested_m = contested_km * 1000.0
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
        # A cell meets the mask only within its own place's disc (points of the cell are nearer
        # to its place than to any other), so cell ∩ mask = cell ∩ disc ∩ outline.
        self.cells = shapely.intersection(raw, self.mask)
        self.cell_area_m2 = shapely.area(self.cells)
        self.edge_i, self.edge_j, self.edges = shared_edges(raw, unique_idx, self.mask)
        pairs = shapely.STRtree(points[unique_idx]).query(
            points[unique_idx], predicate="dwithin", distance=2 * self.contested_m)
        keep = pairs[0] < pairs[1]
        self.near_i = unique_idx[pairs[0][keep]]
        self.near_j = unique_idx[pairs[1][keep]]
        self._points = points
        self._lens: dict[tuple[int, int], BaseGeometry] = {}

    def territory(self, codes: np.ndarray, contested: np.ndarray) -> Territory:
        """Dissolve the cells by faction. ``codes``: per place, an index into FACTIONS (-1: none);
        ``contested``: per place, whether its own state is contested."""
        codes = codes[self.owner]  # a shared cell follows its owner
        contested_m = self._contested_ground(codes, contested)
        factions_m = {}
        for code in np.unique(codes[codes >= 0]):
            ground = shapely.coverage_union_all(self.cells[codes == code])
            if not contested_m.is_empty:
                ground = shapely.difference(ground, contested_m)
            if not ground.is_empty:
                factions_m[FACTIONS[code]] = ground
        fronts_m = lines_between(self.edge_i, self.edge_j, self.edges, codes)
        areas = {name: g.area / 1e6 for name, g in factions_m.items()}
        areas["contested"] = contested_m.area / 1e6
        areas["no_data"] = self.no_data.area / 1e6
        return Territory(
            factions={name: to_wgs84(g) for name, g in factions_m.items()},
            contested=to_wgs84(contested_m),
            no_data=to_wgs84(self.no_data),
            front_lines={pair: to_wgs84(g) for pair, g in fronts_m.items()},
            areas_km2=areas,
        )

    def _contested_ground(self, codes: np.ndarray, contested: np.ndarray) -> BaseGeometry:
        ci, cj = codes[self.near_i], codes[self.near_j]
        rivals = (ci >= 0) & (cj >= 0) & (ci != cj)
        parts = [self._lens_of(int(i), int(j)) for i, j in zip(self.near_i[rivals], self.near_j[rivals])]
        flagged = np.flatnonzero(contested & (codes >= 0))
        if len(flagged):
            discs = shapely.buffer(self._points[flagged], self.contested_m, quad_segs=8)
            parts.extend(shapely.intersection(self.cells[flagged], discs))
        if not parts:
            return _EMPTY
        return shapely.intersection(shapely.union_all(parts), self.mask)

    def _lens_of(self, i: int, j: int) -> BaseGeometry:
        key = (i, j)
        if key not in self._lens:
            a, b = shapely.buffer(self._points[[i, j]], self.contested_m, quad_segs=8)
            self._lens[key] = shapely.intersection(a, b)
        return self._lens[key]


class TerritoryModel:
    """Territory for any date from place positions; tessellations cached per place set."""

    def __init__(self, xy_m: np.ndarray, outline_m: BaseGeometry, *, radius_km: float = RADIUS_KM,
                 contested_km: float = CONTESTED_KM) -> None:
        self.xy_m = np.asarray(xy_m, dtype=float).reshape(-1, 2)
        self.outline_m = outline_m
        self.radius_km = radius_km
        self.contested_km = contested_km
        self._cache: OrderedDict[bytes, Tessellation] = OrderedDict()

    def territory(self, present: np.ndarray, codes: np.ndarray, contested: np.ndarray) -> Territory:
        """``present``: indices of the places that exist and have a holder; ``codes`` and
        ``contested``: per place (all places), see ``Tessellation.territory``."""
        present = np.asarray(present, dtype=int)
        tess = self.tessellation(present)
        return tess.territory(codes[present], contested[present])

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


def build(state, view) -> list:
    """Filled areas: no-data ground, each shown faction's ground, contested ground on top."""
    territory = state.territory
    traces = [polygon_trace(
        territory.no_data, colour=style.NO_DATA_COLOUR, opacity=style.NO_DATA_OPACITY,
        name="no data", hover=f"no data: farther than {RADIUS_KM:g} km from any known place",
        meta={"layer": NAME, "area": "no_data"})]
    for faction in FACTIONS:
        if faction not in view.factions or faction not in territory.factions:
            continue
        km2 = territory.areas_km2.get(faction, 0.0)
        traces.append(polygon_trace(
            territory.factions[faction], colour=style.faction_colour(faction),
            opacity=style.TERRITORY_OPACITY, name=style.faction_name(faction),
            hover=f"{style.faction_name(faction)}: {km2:,.0f} km²", showlegend=True,
            legendgroup=faction, meta={"layer": NAME, "area": faction}))
    traces.append(polygon_trace(
        territory.contested, colour=style.CONTESTED_COLOUR, opacity=style.CONTESTED_OPACITY,
        name="contested", hover=f"contested: within {CONTESTED_KM:g} km of rival places",
        showlegend=True, meta={"layer": NAME, "area": "contested"}))
    return [t for t in traces if t is not None]
