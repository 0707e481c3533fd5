"""A map figure for one state and view: the function the dashboard and the snapshots call."""
from __future__ import annotations

import math

import plotly.graph_objects as go

from layers import LAYERS, base, style
from layers.view import View

DEFAULT_SIZE_PX = (1000, 700)
TILE_PX = 512   # MapLibre's world size at zoom 0 in CSS pixels


def make_figure(state, view: View, *, size: tuple[int, int] | None = None) -> go.Figure:
    """The map of ``state`` as ``view`` asks: Scattermap/Choroplethmap traces on the offline
    style (no network request). ``size`` is (width, height) in pixels; without it the figure
    fills its container (and a ``view.bbox`` is fitted to ``DEFAULT_SIZE_PX``).
    Each trace's ``meta["layer"]`` names the layer it belongs to."""
    traces = []
    if "base" in view.layers:
        traces += base.build_under(state, view)
    for name in ("territory",):
        if name in view.layers:
            traces += LAYERS[name].build(state, view)
    if "base" in view.layers:
        traces += base.build_over(state, view)
    for name in ("front_lines", "advances", "events", "labels"):
        if name in view.layers:
            traces += LAYERS[name].build(state, view)
    center, zoom = map_center_zoom(view, size or DEFAULT_SIZE_PX)
    layout = {
        "map": {"style": style.offline_map_style(), "center": {"lat": center[0], "lon": center[1]},
                "zoom": zoom},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": style.BACKGROUND_COLOUR,
        "showlegend": True,
        "legend": {"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top",
                   "bgcolor": style.LEGEND_BACKGROUND, "bordercolor": style.OUTLINE_COLOUR,
                   "borderwidth": 1, "font": {"size": 11}},
        "hoverlabel": {"align": "left"},
    }
    if size is not None:
        layout.update(width=size[0], height=size[1], autosize=False)
    # Validation is skipped for speed (see layers/__init__.py); the tests validate.
    return go.Figure(data=traces, layout=layout, _validate=False)


def map_center_zoom(view: View, size_px: tuple[int, int]) -> tuple[tuple[float, float], float]:
    """((lat, lon), zoom) of the view: its bbox fitted into ``size_px``, else center and zoom."""
    if view.bbox is None:
        return view.center, view.zoom
    west, south, east, north = view.bbox
    width, height = size_px
    x0, x1 = _mercator_x(west), _mercator_x(east)
    y0, y1 = _mercator_y(north), _mercator_y(south)
    zoom_x = math.log2(width / (TILE_PX * (x1 - x0)))
    zoom_y = math.log2(height / (TILE_PX * (y1 - y0)))
    zoom = max(0.0, min(22.0, min(zoom_x, zoom_y)))
    lat = _mercator_lat((y0 + y1) / 2)
    return (lat, (west + east) / 2), zoom


def _mercator_x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _mercator_y(lat: float) -> float:
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _mercator_lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
