"""Shapes into plotly map traces: filled polygons (holes kept) and lines.

Filled areas use ``Choroplethmap`` rather than a ``Scattermap`` with ``fill="toself"``: the latter
turns every ring into its own polygon, so a government enclave inside ISIL ground would be
painted over instead of cut out.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import shapely
from shapely.geometry.base import BaseGeometry

COORD_DECIMALS = 4   # ~10 m: finer than any place coordinate, and a smaller payload


def polygon_trace(geometry: BaseGeometry, *, colour: str, opacity: float, name: str,
                  hover: str | None, meta: dict, showlegend: bool = False,
                  legendgroup: str | None = None) -> go.Choroplethmap | None:
    """One filled (multi)polygon in WGS84 (lon, lat), or None when it is empty."""
    if geometry is None or geometry.is_empty:
        return None
    feature = {"type": "Feature", "id": name, "properties": {}, "geometry": geojson_geometry(geometry)}
    return go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": [feature]},
        locations=[name], z=[1], colorscale=[[0, colour], [1, colour]], showscale=False,
        marker={"opacity": opacity, "line": {"width": 0}},
        name=name, showlegend=showlegend, legendgroup=legendgroup or name,
        hoverinfo="skip" if hover is None else "text", text=[hover] if hover else None,
        meta=meta, _validate=False,
    )


def geojson_geometry(geometry: BaseGeometry) -> dict:
    """A GeoJSON MultiPolygon with numpy rings (plotly copies those fast), rounded to
    ``COORD_DECIMALS``; a collection contributes its polygons."""
    polygons = [p for p in shapely.get_parts(geometry) for p in shapely.get_parts(p)
                if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return {"type": "MultiPolygon", "coordinates": []}
    _, coords, (ring_offsets, polygon_offsets) = shapely.to_ragged_array(polygons)
    rings = np.split(coords.round(COORD_DECIMALS), ring_offsets[1:-1])
    return {"type": "MultiPolygon",
            "coordinates": [rings[a:b] for a, b in zip(polygon_offsets[:-1], polygon_offsets[1:])]}
