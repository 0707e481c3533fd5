"""The territory layer: each faction's ground, contested ground and no-data ground as filled areas.

The ground itself is computed by ``control.territory``; this module draws it.
"""
from __future__ import annotations

import shapely

from control.territory import CONTESTED_KM, RADIUS_KM
from events.vocabulary import FACTIONS
from layers import style
from layers.shapes import polygon_trace

NAME = "territory"
NEEDS = ("territory.factions", "territory.contested", "territory.no_data", "territory.areas_km2")
DEFAULT_STYLE = {"opacity": style.TERRITORY_OPACITY, "colours": style.FACTION_COLOURS}
MISSING = "ground with no known holder is grey 'no data', counted for nobody"


def build(state, view) -> list:
    """Filled areas: no-data ground, each shown faction's ground, contested ground on top."""
    territory = state.territory
    traces = [polygon_trace(
        territory.no_data, colour=style.NO_DATA_COLOUR, opacity=style.NO_DATA_OPACITY,
        name="no data", hover=f"no data: farther than {RADIUS_KM:g} km from any known place",
        meta={"layer": NAME, "area": "no_data"})]
    for faction in FACTIONS:
        if faction not in view.factions or faction not in territory.factions:
            continue
        km2 = territory.areas_km2.get(faction, 0.0)
        traces.append(polygon_trace(
            territory.factions[faction], colour=style.faction_colour(faction),
            opacity=style.TERRITORY_OPACITY, name=style.faction_name(faction),
            hover=f"{style.faction_name(faction)}: {km2:,.0f} km²", showlegend=True,
            legendgroup=faction, meta={"layer": NAME, "area": faction}))
    contested = [g for f, g in territory.contested_sides.items() if f in view.factions]
    if contested:
        traces.append(polygon_trace(
            shapely.GeometryCollection(contested), colour=style.CONTESTED_COLOUR,
            opacity=style.CONTESTED_OPACITY, name="contested",
            hover=f"contested: within {CONTESTED_KM:g} km of rival places", showlegend=True,
            meta={"layer": NAME, "area": "contested"}))
    return [t for t in traces if t is not None]
