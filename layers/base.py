"""The base map: neighbouring countries, Syria's outline, rivers and governorate names.

Drawn from ``data/basemap/*.geojson`` and the gazetteer's governorate rows; nothing is fetched.
``build_under`` goes beneath the territory (the neighbours' fill), ``build_over`` above it (the
outline, rivers and governorate names stay readable through the territory's tint).

Needs: ``data.outline``, ``data.neighbours``, ``data.rivers``, ``data.governorates``.
Missing values: a missing file leaves its part out; nothing else depends on it.
"""
from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go
import shapely
from shapely.geometry.base import BaseGeometry

from layers import style
from layers.geo import lines_to_lonlat
from layers.shapes import polygon_trace

NAME = "base"
NEEDS = ("data.outline", "data.neighbours", "data.rivers", "data.governorates")
DEFAULT_STYLE = {"outline": style.OUTLINE_COLOUR, "neighbours": style.NEIGHBOUR_COLOUR,
                 "rivers": style.RIVER_COLOUR, "governorate_labels": style.GOVERNORATE_LABEL_COLOUR}
MISSING = "parts without data are left out"
GOVERNORATE_LABEL_PX = 11


def build(state, view) -> list:
    return build_under(state, view) + build_over(state, view)


def build_under(state, view) -> list:
    if not state.data.neighbours:
        return []
    trace = polygon_trace(_neighbours(state.data), colour=style.NEIGHBOUR_COLOUR, opacity=1.0,
                          name="neighbouring countries", hover=None,
                          meta={"layer": NAME, "part": "neighbours"})
    return [trace] if trace else []


@lru_cache(maxsize=4)
def _neighbours(data) -> BaseGeometry:
    return shapely.union_all([geom for _, geom in data.neighbours])


def build_over(state, view) -> list:
    data = state.data
    traces = []
    lons, lats = lines_to_lonlat(data.outline)
    traces.append(go.Scattermap(
        lon=lons, lat=lats, mode="lines", name="Syria", showlegend=False, hoverinfo="skip",
        line={"color": style.OUTLINE_COLOUR, "width": 1.5}, meta={"layer": NAME, "part": "outline"}, _validate=False))
    for name, river in data.rivers:
        lons, lats = lines_to_lonlat(river)
        traces.append(go.Scattermap(
            lon=lons, lat=lats, mode="lines", name=name, showlegend=False, hoverinfo="text",
            text=name, line={"color": style.RIVER_COLOUR, "width": 1.6},
            meta={"layer": NAME, "part": "river"}, _validate=False))
    if data.governorates:
        govs = data.governorates
        traces.append(go.Scattermap(
            lon=[g.lon for g in govs], lat=[g.lat for g in govs], mode="text",
            text=[g.name.removesuffix(" Governorate").upper() for g in govs],
            name="governorates", showlegend=False, hoverinfo="skip",
            textfont={"size": GOVERNORATE_LABEL_PX, "color": style.GOVERNORATE_LABEL_COLOUR,
                      "family": style.FONT_FAMILY},
            meta={"layer": NAME, "part": "governorate_labels"}, _validate=False))
    return traces
