"""A date's map data as one GeoJSON FeatureCollection (WGS84, (lon, lat) order).

Shared by ``python -m layers territory`` and the snapshot's data export so that both write
the same schema: every feature has a ``layer`` property (territory, contested, no_data,
front_line, event); ground carries ``faction`` and ``area_km2``; a front line carries
``factions`` as "a,b"; an event carries the ``events extract --json`` fields and its ``id``.
"""
from __future__ import annotations

from shapely.geometry import mapping

from layers.event_markers import visible_events
from layers.view import View


def feature_collection(state, view: View) -> dict:
    """The view's ground, front lines and window events, limited to the view's factions."""
    territory = state.territory
    features = []
    for faction, ground in territory.factions.items():
        if faction in view.factions:
            features.append(_feature(ground, layer="territory", faction=faction,
                                     area_km2=round(territory.areas_km2[faction], 1)))
    for faction, ground in territory.contested_sides.items():
        if faction in view.factions:
            features.append(_feature(ground, layer="contested", faction=faction,
                                     area_km2=round(territory.contested_sides_km2[faction], 1)))
    if not territory.no_data.is_empty:
        features.append(_feature(territory.no_data, layer="no_data", faction=None,
                                 area_km2=round(territory.areas_km2["no_data"], 1)))
    for (a, b), lines in territory.front_lines.items():
        if a in view.factions or b in view.factions:
            features.append(_feature(lines, layer="front_line", factions=f"{a},{b}"))
    for event in visible_events(state, view):
        features.append({"type": "Feature", "properties": {"layer": "event", "id": event.id, **event.to_json()},
                         "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]}})
    return {"type": "FeatureCollection", "date": view.date.isoformat(),
            "window_start": view.window_start.isoformat(), "features": features}


def _feature(geometry, **properties) -> dict:
    return {"type": "Feature", "properties": {"layer": properties.pop("layer"), **properties},
            "geometry": mapping(geometry)}
