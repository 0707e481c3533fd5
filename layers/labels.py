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

from functools import lru_cache
from html import escape

import numpy as np
import plotly.graph_objects as go

from control.geo import to_metric_xy
from control.model import MATCH_KM
from layers import place_rank, style

NAME = "labels"
NEEDS = ("data.places", "state.places")
DEFAULT_STYLE = {"colour": style.LABEL_COLOUR, "size_px": 12}
MISSING = "holder unknown in the hover"
RECENT_DAYS = 30


def build(state, view) -> list[go.Scattermap]:
    labelled = _label_places(state.data, state.models)
    indices, places = state.models.control.at_indexed(state.date)
    by_index = dict(zip(indices.tolist(), places))
    rows = []
    for text, lat, lon, index in labelled:
        place = by_index.get(index)
        rows.append((text, lat, lon, place.faction if place else None))
    seen = {row[0] for row in rows}
    for place in places:   # places that changed hands recently are named too
        if (place.last_event and place.since and place.name not in seen
                and 0 <= (view.date - place.since).days < RECENT_DAYS):
            rows.append((place.name, place.lat, place.lon, place.faction))
            seen.add(place.name)
    if not rows:
        return []
    rows.sort(key=lambda row: place_rank.rank(row[1], row[2]))   # kept first where labels collide
    hover = [f"{escape(text)}<br>held by: {style.faction_name(faction) if faction else 'holder unknown'}"
             for text, _, _, faction in rows]
    return [go.Scattermap(
        lon=np.array([r[2] for r in rows]), lat=np.array([r[1] for r in rows]),
        mode="markers+text", text=[r[0] for r in rows], textposition="top right",
        textfont={"size": DEFAULT_STYLE["size_px"], "color": style.LABEL_COLOUR, "family": style.FONT_FAMILY},
        marker={"size": 4, "color": style.LABEL_COLOUR}, name="places", showlegend=False,
        hoverinfo="text", hovertext=hover, meta={"layer": NAME}, _validate=False,
    )]


@lru_cache(maxsize=4)
def _label_places(data, models) -> tuple[tuple[str, float, float, int], ...]:
    """(text, lat, lon, index of the control place it stands for or -1) per gazetteer label.
    A label within ``MATCH_KM`` of a control place takes that place's (plain English) name."""
    if not data.places:
        return ()
    label_xy = to_metric_xy(np.array([p.lon for p in data.places]), np.array([p.lat for p in data.places]))
    out = []
    control = models.control
    places_xy = models.xy_m[:models.n_places]
    for p, (x, y) in zip(data.places, label_xy):
        index, text = -1, p.name
        if len(places_xy):
            d2 = ((places_xy - (x, y)) ** 2).sum(axis=1)
            nearest = int(d2.argmin())
            if d2[nearest] <= (MATCH_KM * 1000.0) ** 2:
                index, text = nearest, control.name_of(nearest)
        out.append((text, p.lat, p.lon, index))
    return tuple(out)
