"""The view's data, for a GIS or a spreadsheet: GeoJSON, or CSV with the geometry as WKT.

``export_data(state, view, fmt) -> bytes``: territory and contested ground of the view's
factions, no-data ground, front lines, and the events of the view's window that pass its
filters; the ``layer`` property says which. All of Syria, not clipped to the view's extent, in
WGS84 (lon, lat). The schema is ``layers.geojson_export``'s, shared with
``python -m layers territory``.
"""
from __future__ import annotations

import json

import pandas as pd
import shapely
from shapely.geometry import shape

from layers.geojson_export import feature_collection

DATA_FORMATS = ("geojson", "csv")


def export_data(state, view, fmt: str) -> bytes:
    """The view's data as GeoJSON, or as CSV with one row per feature and its geometry as WKT."""
    fmt = fmt.lower()
    collection = feature_collection(state, view)
    if fmt == "geojson":
        return json.dumps(collection, ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        features = collection["features"]
        table = pd.DataFrame([f["properties"] for f in features])
        table["wkt"] = shapely.to_wkt([shape(f["geometry"]) for f in features], rounding_precision=5)
        return table.to_csv(index=False).encode("utf-8")
    raise ValueError(f"cannot export data as {fmt!r}; choose one of {', '.join(DATA_FORMATS)}")
