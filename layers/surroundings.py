"""What lies around the theatre: the land past the base map's frame, the neighbouring countries'
names, and the governorate boundaries when the gazetteer's admin areas are at hand.

``layers.base`` draws the detailed frame (lon 33–45°E, lat 29–40°N: Syria, its neighbours cut
to the frame, rivers); past the frame the map would show its bare background, a rectangular
edge. ``build_under`` fills the land beyond it (``data/basemap/context.geojson``, Natural Earth
1:50m, in the neighbours' colour) and ``build_over`` names the neighbouring countries and draws
the boundaries of Syria's governorates (``data/admin/governorates.geojson``, the gazetteer
issue's file; nothing is drawn while it is missing). ``PAN_BOUNDS`` is the extent the context
covers, which the dashboard keeps its view inside.

Same interface as the other layers: ``build_under(state, view)`` / ``build_over(state, view)``
-> plotly map traces; ``meta["part"]`` names each (``context``, ``governorate_lines``,
``country_labels``). Coordinates are GeoJSON (lon, lat).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

import settings
from layers import style
from layers.geo import lines_to_lonlat
from layers.shapes import polygon_trace

NAME = "surroundings"
# (west, south, east, north) degrees: the land of context.geojson reaches this far.
PAN_BOUNDS = (20.0, 18.0, 60.0, 48.0)
CONTEXT_PATH = settings.DATA_DIR / "basemap" / "context.geojson"
GOVERNORATES_PATH = settings.DATA_DIR / "admin" / "governorates.geojson"
# Countries named on the map: those with at least this much land in the frame (degrees²), so
# that a sliver at the frame's corner (Armenia, Azerbaijan) goes unnamed.
COUNTRY_MIN_AREA_DEG2 = 0.5
COUNTRY_LABEL_PX = 13
COUNTRY_LABEL_COLOUR = "#9A958A"
GOVERNORATE_LINE_COLOUR = "#8C8C8C"
GOVERNORATE_LINE_PX = 0.8


def build_under(state, view) -> list:
    land = context_land(CONTEXT_PATH)
    if land is None:
        return []
    trace = polygon_trace(land, colour=style.NEIGHBOUR_COLOUR, opacity=1.0, name="land around",
                          hover=None, meta={"layer": NAME, "part": "context"})
    return [trace] if trace else []


def build_over(state, view) -> list:
    traces = []
    lines = governorate_lines(GOVERNORATES_PATH, state.data.outline)
    if lines is not None and not lines.is_empty:
        lons, lats = lines_to_lonlat(lines)
        traces.append(go.Scattermap(
            lon=lons, lat=lats, mode="lines", name="governorate boundaries", showlegend=False, hoverinfo="skip",
            line={"color": GOVERNORATE_LINE_COLOUR, "width": GOVERNORATE_LINE_PX},
            meta={"layer": NAME, "part": "governorate_lines"}, _validate=False))
    names = country_labels(state.data.neighbours)
    if names:
        traces.append(go.Scattermap(
            lon=[lon for _, _, lon in names], lat=[lat for _, lat, _ in names], mode="text",
            text=[name.upper() for name, _, _ in names], name="countries", showlegend=False, hoverinfo="skip",
            textfont={"size": COUNTRY_LABEL_PX, "color": COUNTRY_LABEL_COLOUR, "family": style.FONT_FAMILY},
            meta={"layer": NAME, "part": "country_labels"}, _validate=False))
    return traces


@lru_cache(maxsize=4)
def country_labels(neighbours: tuple) -> tuple[tuple[str, float, float], ...]:
    """(name, lat, lon) of each neighbouring country with land in the frame: the point of its
    largest part farthest from its edges (so the name sits well inside it)."""
    out = []
    for name, geometry in neighbours:
        if geometry.area < COUNTRY_MIN_AREA_DEG2:
            continue
        largest = max(shapely.get_parts(geometry), key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.01)
        out.append((name, round(point.y, 4), round(point.x, 4)))
    return tuple(out)


@lru_cache(maxsize=2)
def context_land(path: Path) -> BaseGeometry | None:
    if not path.exists():
        return None
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return shapely.union_all([shape(f["geometry"]) for f in features])


@lru_cache(maxsize=2)
def governorate_lines(path: Path, outline: BaseGeometry) -> BaseGeometry | None:
    """The boundaries between governorates (Syria's own border is the outline's to draw), or
    None without the admin file."""
    if not path.exists():
        return None
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    edges = shapely.union_all([shape(f["geometry"]).boundary for f in features])
    # Boundaries along the border are left to the outline: a line drawn twice reads as a thicker one.
    return edges.difference(outline.boundary.buffer(0.005))
