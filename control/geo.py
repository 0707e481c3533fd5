"""The metric projection control computes in, and conversions to and from WGS84.

Shapes are computed in a Lambert azimuthal equal-area projection centred on Syria (metres):
distances near Syria are true to well under 1 %, and areas are exact, so km² per faction need
no second projection. Inputs and outputs of the public layer functions are WGS84 degrees, in
shapely's (x=lon, y=lat) order.
"""
from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer

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
