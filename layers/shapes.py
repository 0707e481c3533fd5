"""Shapes into plotly map traces: filled polygons (holes kept), lines, hatching.

Filled areas use ``Choroplethmap`` rather than a ``Scattermap`` with ``fill="toself"``: the latter
turns every ring into its own polygon, so a government enclave inside ISIL ground would be
painted over instead of cut out.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
import plotly.graph_objects as go
import shapely
from shapely.geometry.base import BaseGeometry

COORD_DECIMALS = 4   # ~10 m: finer than any place coordinate, and a smaller payload
STRIPE_SPACING_DEG = 0.03   # ~3 km between the hatch lines of contested ground


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


def polygons_trace(areas: list[tuple[BaseGeometry, str | None, float]], *, colour: str, name: str,
                   meta: dict, showlegend: bool = False, legendgroup: str | None = None) -> go.Choroplethmap | None:
    """Several filled areas of one colour in one trace, each with its own hover and opacity:
    ``areas`` is a list of (geometry WGS84, hover text, opacity); empty geometries are left out."""
    areas = [(g, hover, opacity) for g, hover, opacity in areas if g is not None and not g.is_empty]
    if not areas:
        return None
    ids = [f"{name}:{k}" for k in range(len(areas))]
    features = [{"type": "Feature", "id": i, "properties": {}, "geometry": geojson_geometry(g)}
                for i, (g, _, _) in zip(ids, areas)]
    return go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": features},
        locations=ids, z=[1] * len(ids), colorscale=[[0, colour], [1, colour]], showscale=False,
        marker={"opacity": [opacity for _, _, opacity in areas], "line": {"width": 0}},
        name=name, showlegend=showlegend, legendgroup=legendgroup or name, hoverinfo="text",
        text=[hover for _, hover, _ in areas], meta=meta, _validate=False,
    )


def stripes(geometry: BaseGeometry, spacing_deg: float = STRIPE_SPACING_DEG) -> BaseGeometry:
    """Diagonal lines across ``geometry`` (WGS84), ``spacing_deg`` apart, clipped to it: a hatch
    drawn over one colour in another, for ground that two sides claim."""
    if geometry is None or geometry.is_empty:
        return shapely.MultiLineString()
    west, south, east, north = geometry.bounds
    span = (east - west) + (north - south)
    lines = [shapely.LineString([(west + k, south), (west + k - (north - south), north)])
             for k in np.arange(0.0, span + spacing_deg, spacing_deg)]
    return shapely.intersection(shapely.MultiLineString(lines), geometry)


_GEOJSON_CACHE: OrderedDict[int, tuple[BaseGeometry, dict]] = OrderedDict()
_GEOJSON_CACHE_SIZE = 2048


def geojson_geometry(geometry: BaseGeometry) -> dict:
    """A GeoJSON MultiPolygon with numpy rings (plotly copies those fast), rounded to
    ``COORD_DECIMALS``; a collection contributes its polygons. Remembered for the last
    geometries asked (the same territory pieces come back as the slider moves)."""
    found = _GEOJSON_CACHE.get(id(geometry))
    if found is not None and found[0] is geometry:
        _GEOJSON_CACHE.move_to_end(id(geometry))
        return found[1]
    out = _geojson_geometry(geometry)
    _GEOJSON_CACHE[id(geometry)] = (geometry, out)
    if len(_GEOJSON_CACHE) > _GEOJSON_CACHE_SIZE:
        _GEOJSON_CACHE.popitem(last=False)
    return out


def _geojson_geometry(geometry: BaseGeometry) -> dict:
    parts = shapely.get_parts(shapely.get_parts(geometry))     # a collection's multipolygons too
    polygons = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]
    if not len(polygons):
        return {"type": "MultiPolygon", "coordinates": []}
    _, coords, (ring_offsets, polygon_offsets) = shapely.to_ragged_array(polygons)
    rings = np.split(coords.round(COORD_DECIMALS), ring_offsets[1:-1])
    return {"type": "MultiPolygon",
            "coordinates": [rings[a:b] for a, b in zip(polygon_offsets[:-1], polygon_offsets[1:])]}
