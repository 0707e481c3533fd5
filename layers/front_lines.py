"""Front lines: where the grounds of two factions meet, as lines.

The lines are computed by ``control.front_lines`` (the edges between rival places'
nearest-place cells); this module draws them.

Needs: ``state.territory.front_lines`` ((faction a, faction b) -> lines, WGS84).
Style: one dark red line per pair of factions; hover names the two sides.
Missing values: a place with no known holder has no ground, so no front runs past it.
"""
from __future__ import annotations

import plotly.graph_objects as go

from layers import style
from layers.geo import lines_to_lonlat

NAME = "front_lines"
NEEDS = ("territory.front_lines",)
DEFAULT_STYLE = {"colour": style.FRONT_LINE_COLOUR, "width_px": style.FRONT_LINE_WIDTH_PX}
MISSING = "no line where either side's ground is unknown (no data)"


def build(state, view) -> list[go.Scattermap]:
    traces = []
    for (a, b), lines in state.territory.front_lines.items():
        if a not in view.factions and b not in view.factions:
            continue
        lons, lats = lines_to_lonlat(lines)
        if not len(lons):
            continue
        label = f"front: {style.faction_name(a)} / {style.faction_name(b)}"
        traces.append(go.Scattermap(
            lon=lons, lat=lats, mode="lines", name=label, legendgroup="front_lines",
            showlegend=False, hoverinfo="text", text=label,
            line={"color": DEFAULT_STYLE["colour"], "width": DEFAULT_STYLE["width_px"]},
            meta={"layer": NAME, "factions": [a, b]}, _validate=False,
        ))
    return traces
