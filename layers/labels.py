"""Place labels: the names of towns and cities on the map.

MapLibre draws the text itself even though the offline style has no ``glyphs`` URL: with no
glyph server it rasterises the letters with the browser's own fonts (checked in chromium by
``tests/test_layers_browser.py``), so labels need no network.

Needs: ``data.places`` (name, lat, lon, population). Labels of the places that changed hands
recently are added from the control state, so the towns the news is about are always named.
Style: dark text beside a small dot; hover gives the holder.
Missing values: a place with no known holder reads "holder unknown" in its hover.
"""
from __future__ import annotations

import plotly.graph_objects as go

from layers import style

NAME = "labels"
NEEDS = ("data.places", "state.places")
DEFAULT_STYLE = {"colour": style.LABEL_COLOUR, "size_px": 12}
MISSING = "holder unknown in the hover"
RECENT_DAYS = 30


def build(state, view) -> list[go.Scattermap]:
    holders = {}
    recent = []
    for place in state.places:
        holders.setdefault(place.name, place.faction)
        if place.since and 0 <= (view.date - place.since).days < RECENT_DAYS and place.last_event:
            recent.append((place.name, place.lat, place.lon))
    names = {}
    for p in state.data.places:
        names.setdefault(p.name, (p.lat, p.lon))
    for name, lat, lon in recent:
        names.setdefault(name, (lat, lon))
    if not names:
        return []
    hover = [f"{name}<br>held by: {style.faction_name(holders[name]) if name in holders and holders[name] else 'holder unknown'}"
             if name in holders else name for name in names]
    return [go.Scattermap(
        lon=[lon for _, lon in names.values()], lat=[lat for lat, _ in names.values()],
        mode="markers+text", text=list(names), textposition="top right",
        textfont={"size": DEFAULT_STYLE["size_px"], "color": style.LABEL_COLOUR, "family": style.FONT_FAMILY},
        marker={"size": 4, "color": style.LABEL_COLOUR}, name="places", showlegend=False,
        hoverinfo="text", hovertext=hover, meta={"layer": NAME},
    )]
