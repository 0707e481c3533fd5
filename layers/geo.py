"""Geometry helpers: the metric projection the layers compute in, and conversions.

Shapes are computed in a Lambert azimuthal equal-area projection centred on Syria (metres):
distances near Syria are true to well under 1 %, and areas are exact, so km² per faction need
no second projection. Inputs and outputs of the public layer functions are WGS84 degrees, in
shapely's (x=lon, y=lat) order.
"""
from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

METRIC_CRS = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


def to_metric_xy(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """(n, 2) array of projected (x, y) metres for arrays of lon and lat degrees."""
    x, y = _TO_METRIC.transform(np.atleast_1d(np.asarray(lon, dtype=float)),
                                np.atleast_1d(np.asarray(lat, dtype=float)))
    return np.column_stack([x, y])


def to_wgs84_xy(xy_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) degree arrays for an (n, 2) array of projected metres."""
    xy_m = np.asarray(xy_m, dtype=float).reshape(-1, 2)
    return _TO_WGS84.transform(xy_m[:, 0], xy_m[:, 1])


def to_metric(geometry):
    """A WGS84 (lon, lat) geometry (or array of them) in the metric projection."""
    return shapely.transform(geometry, _forward)


def to_wgs84(geometry):
    """A metric geometry (or array of them) back in WGS84 (lon, lat) degrees."""
    return shapely.transform(geometry, _inverse)


def _forward(coords: np.ndarray) -> np.ndarray:
    x, y = _TO_METRIC.transform(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


def _inverse(coords: np.ndarray) -> np.ndarray:
    lon, lat = _TO_WGS84.transform(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])


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
