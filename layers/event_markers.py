"""Event markers: one circle per event of the window, coloured by actor, haloed by action.

An event is shown when its date range overlaps the view's window, its actor, action and
certainty are among the view's, and it has coordinates. Circles only (Scattermap's other
symbols need a sprite server): a halo whose colour and size give the action's class, under a
dot in the actor's faction colour; a claim is drawn fainter (``style.CERTAINTY_OPACITY``).

Needs: events' ``id, date_start, date_end, action, actor, target, place, lat, lon, certainty``
(``unit``, ``uncertainty_km`` and ``doc`` are shown in the hover when present).
Missing values: an event without coordinates is not drawn (it stays in the event list);
an unknown target reads "—" in the hover.
Clicks: each dot's ``customdata`` is the event id.
"""
from __future__ import annotations

from html import escape

import numpy as np
import plotly.graph_objects as go

from events.model import Event
from events.vocabulary import ACTION_CLASS, FACTIONS
from layers import style

NAME = "events"
NEEDS = ("events.id", "events.date_start", "events.date_end", "events.action", "events.actor",
         "events.target", "events.place", "events.lat", "events.lon", "events.certainty")
DEFAULT_STYLE = {"classes": style.ACTION_CLASS_STYLE, "dot_px": style.EVENT_DOT_SIZE_PX,
                 "certainty_opacity": style.CERTAINTY_OPACITY}
MISSING = "events without coordinates are not drawn; unknown target shown as '—'"


def visible_events(state, view) -> list[Event]:
    """The events of the view's window that pass its filters, oldest first."""
    events = [e for e in state.events_between(view.window_start, view.date)
              if e.lat is not None and e.actor in view.factions and e.action in view.actions
              and e.certainty in view.certainties]
    return sorted(events, key=lambda e: (e.date_end, e.date_start, e.id))


def build(state, view) -> list[go.Scattermap]:
    events = visible_events(state, view)
    traces = []
    by_class: dict[str, list[Event]] = {}
    for event in events:
        by_class.setdefault(ACTION_CLASS[event.action], []).append(event)
    for action_class, group in by_class.items():
        halo = style.ACTION_CLASS_STYLE[action_class]
        traces.append(go.Scattermap(
            lon=np.array([e.lon for e in group]), lat=np.array([e.lat for e in group]), mode="markers",
            name=halo["label"], legendgroup=f"action:{action_class}", showlegend=True,
            hoverinfo="skip",
            marker={"size": halo["size_px"], "color": halo["halo"],
                    "opacity": np.array([style.CERTAINTY_OPACITY[e.certainty] for e in group])},
            meta={"layer": NAME, "part": "halo", "action_class": action_class}, _validate=False,
        ))
    for faction in FACTIONS:
        group = [e for e in events if e.actor == faction]
        if not group:
            continue
        traces.append(go.Scattermap(
            lon=np.array([e.lon for e in group]), lat=np.array([e.lat for e in group]), mode="markers",
            name=f"{style.faction_name(faction)} events", legendgroup=faction, showlegend=False,
            customdata=[e.id for e in group], hoverinfo="text", text=[hover_text(e) for e in group],
            marker={"size": style.EVENT_DOT_SIZE_PX, "color": style.faction_colour(faction),
                    "opacity": np.array([style.CERTAINTY_OPACITY[e.certainty] for e in group])},
            meta={"layer": NAME, "part": "dot", "faction": faction}, _validate=False,
        ))
    return traces


def hover_text(event: Event) -> str:
    when = event.date_start.isoformat()
    if event.date_end != event.date_start:
        when += f" – {event.date_end.isoformat()}"
    target = style.faction_name(event.target) if event.target else "—"
    lines = [
        f"<b>{escape(event.place)}</b>",
        f"{when} ({event.date_precision})",
        f"{style.faction_name(event.actor)} — {event.action.replace('_', ' ')} — against {target}",
        f"certainty: {event.certainty}",
    ]
    if event.unit:
        lines.append(f"unit: {escape(event.unit)}")
    if event.uncertainty_km is not None:
        lines.append(f"place known to ±{event.uncertainty_km:g} km")
    return "<br>".join(lines)
