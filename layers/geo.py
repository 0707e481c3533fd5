"""Shapes into plotly's line arrays: (lons, lats) with NaN gaps between parts.

The projection itself (metres for distances and areas) is ``control.geo``'s.
"""
from __future__ import annotations

import numpy as np
from shapely.geometry.base import BaseGeometry


def lines_to_lonlat(geometry: BaseGeometry | None) -> tuple[np.ndarray, np.ndarray]:
    """Plotly line arrays (lons, lats) for a (multi)line or polygon boundary; parts are
    separated by NaN, which plotly draws as a gap. Numpy arrays, since plotly copies and
    serialises them much faster than lists."""
    parts = [] if geometry is None or geometry.is_empty else list(_line_parts(geometry))
    return join_parts([np.asarray(part.coords)[:, :2] for part in parts])


def join_parts(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(lons, lats) of (n, 2) lon/lat arrays joined with a NaN row between them."""
    if not parts:
        return np.array([]), np.array([])
    gap = np.full((1, 2), np.nan)
    joined = np.vstack([row for part in parts for row in (gap, part)][1:])
    joined = joined.round(5)
    return joined[:, 0], joined[:, 1]


def _line_parts(geometry: BaseGeometry):
    kind = geometry.geom_type
    if kind == "LineString" or kind == "LinearRing":
        yield geometry
    elif kind == "Polygon":
        yield geometry.exterior
        yield from geometry.interiors
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _line_parts(part)
