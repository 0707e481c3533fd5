"""Front lines' geometry: where the grounds of two factions meet, as lines.

The line between two rival places is the edge their nearest-place cells share (the
perpendicular bisector between them), kept only where both cells hold ground (within the
territory radius and inside Syria). The edges are found once per place set by
``control.territory.Tessellation``; per date only the rival pairs are picked and merged.
``layers.front_lines`` draws them.
"""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from events.vocabulary import FACTIONS


def shared_edges(raw_cells: np.ndarray, unique_idx: np.ndarray, mask: BaseGeometry):
    """(i, j, edges): pairs of neighbouring Voronoi cells (indices into ``raw_cells``, i < j) and
    their common edge clipped to ``mask``; pairs whose edge lies outside the mask are dropped."""
    empty = np.array([], dtype=int)
    if len(unique_idx) < 2:
        return empty, empty, np.array([], dtype=object)
    cells = raw_cells[unique_idx]
    pairs = shapely.STRtree(cells).query(cells, predicate="intersects")
    keep = pairs[0] < pairs[1]
    a, b = pairs[0][keep], pairs[1][keep]
    shared = shapely.intersection(shapely.boundary(cells[a]), shapely.boundary(cells[b]))
    shared = _lines_only(shapely.intersection(_lines_only(shared), mask))
    has_line = ~shapely.is_empty(shared)
    return unique_idx[a[has_line]], unique_idx[b[has_line]], shared[has_line]


def lines_between(edge_i: np.ndarray, edge_j: np.ndarray, edges: np.ndarray,
                  codes: np.ndarray) -> dict[tuple[str, str], BaseGeometry]:
    """Merge the edges whose two places are held by different factions (``codes``: index into
    FACTIONS per place, -1 for none), per sorted pair of factions."""
    out: dict[tuple[str, str], BaseGeometry] = {}
    if not len(edges):
        return out
    ci, cj = codes[edge_i], codes[edge_j]
    rivals = (ci >= 0) & (cj >= 0) & (ci != cj)
    if not rivals.any():
        return out
    lo, hi = np.minimum(ci, cj)[rivals], np.maximum(ci, cj)[rivals]
    chosen = edges[rivals]
    for a, b in sorted(set(zip(lo.tolist(), hi.tolist()))):
        # Voronoi edges never cross, so collecting them needs no (costly) noding union.
        parts = shapely.get_parts(chosen[(lo == a) & (hi == b)])
        out[(FACTIONS[a], FACTIONS[b])] = shapely.line_merge(shapely.MultiLineString(list(parts)))
    return out


def _lines_only(geoms: np.ndarray) -> np.ndarray:
    """Each geometry with its points dropped (cells touching at one vertex share no edge)."""
    out = np.array(geoms, dtype=object)
    for k, geom in enumerate(out):
        if geom.is_empty or geom.geom_type in ("LineString", "MultiLineString"):
            continue
        parts = [p for p in shapely.get_parts(geom) if p.geom_type == "LineString"]
        out[k] = shapely.MultiLineString(parts) if parts else shapely.MultiLineString()
    return out
