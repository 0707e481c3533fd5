"""Advances: arrows from where a faction stood to the place it pushed on, fading with age.

For each advance-like event in the view's window (``ADVANCE_ACTIONS``; overlap of the event's
date range with the window), the arrow starts at the actor's nearest place held the day before
the event began, and ends at the event's place. The newest arrows are opaque; an arrow
``window_days`` old is drawn at ``style.ADVANCE_MIN_OPACITY``.

Needs: events' ``action, actor, lat, lon, date_start, date_end, certainty``; the control state
before each event. Style: the actor's faction colour, a shaft and a two-barb head.
Missing values: no arrow when the event has no coordinates, the actor held no place within
``MAX_ORIGIN_KM`` (so where it came from is unknown), or it already stood on the spot.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import plotly.graph_objects as go
from scipy.spatial import cKDTree

from control.geo import to_metric_xy, to_wgs84_xy
from events.model import Event
from events.vocabulary import FACTIONS
from layers import style
from layers.geo import join_parts

NAME = "advances"
NEEDS = ("events.action", "events.actor", "events.lat", "events.lon", "events.date_start",
         "events.date_end", "control state before each event")
DEFAULT_STYLE = {"width_px": style.ADVANCE_WIDTH_PX, "min_opacity": style.ADVANCE_MIN_OPACITY}
MISSING = "no arrow when the origin or the destination is unknown"

ADVANCE_ACTIONS = frozenset({"advance", "capture", "recapture", "encircle", "linkup", "siege_lifted"})
MAX_ORIGIN_KM = 150.0
MIN_LENGTH_KM = 2.0
HEAD_KM = 6.0
HEAD_ANGLE_DEG = 28.0
NEAR_CANDIDATES = 32
OPACITY_LEVELS = 4   # arrows are grouped into this many age steps (one trace per faction and step)


def arrows(state, view) -> list[dict]:
    """The arrows of the view: dicts with event, origin (lon, lat), age_days, opacity."""
    events = [e for e in state.events_between(view.window_start, view.date)
              if e.action in ADVANCE_ACTIONS and e.certainty in view.certainties
              and e.certainty != "denied" and e.actor in view.factions and e.action in view.actions
              and e.lat is not None]
    if not events:
        return []
    models = state.models
    lonlat = models.control.lonlat
    targets = to_metric_xy(np.array([e.lon for e in events]), np.array([e.lat for e in events]))
    # The arrow starts at the actor's nearest place the day before: among the nearest few
    # places of every target at once (one tree per map), then, for the rare target none of
    # those serves, among all the actor's places.
    tree = models.drawing_cache.get("places_tree")
    if tree is None:
        tree = models.drawing_cache["places_tree"] = cKDTree(models.xy_m[:models.n_places])
    k_near = min(NEAR_CANDIDATES, models.n_places)
    dist, near = tree.query(targets, k=k_near)
    dist, near = dist.reshape(len(events), -1), near.reshape(len(events), -1)
    origin = np.full(len(events), -1)
    distance_km = np.full(len(events), np.inf)
    for k, event in enumerate(events):
        codes = models.codes_at(event.date_start - timedelta(days=1))[:models.n_places]
        actor = FACTIONS.index(event.actor)
        mine = np.flatnonzero(codes[near[k]] == actor)
        if len(mine):
            origin[k], distance_km[k] = near[k, mine[0]], dist[k, mine[0]] / 1000.0
        elif k_near < models.n_places:
            held = np.flatnonzero(codes == actor)
            if len(held):
                d2 = ((models.xy_m[held] - targets[k]) ** 2).sum(axis=1)
                origin[k], distance_km[k] = held[int(np.argmin(d2))], math.sqrt(d2.min()) / 1000.0
    out = []
    for k, event in enumerate(events):
        if origin[k] < 0 or not (MIN_LENGTH_KM <= distance_km[k] <= MAX_ORIGIN_KM):
            continue
        age_days = max(0, (view.date - min(event.date_end, view.date)).days)
        fade = age_days / max(1, view.window_days - 1)
        opacity = 1.0 - (1.0 - style.ADVANCE_MIN_OPACITY) * min(1.0, fade)
        out.append({"event": event, "origin": tuple(lonlat[origin[k]]),
                    "origin_xy_m": models.xy_m[origin[k]], "target_xy_m": targets[k],
                    "age_days": age_days, "opacity": opacity})
    return out


def build(state, view) -> list[go.Scattermap]:
    groups: dict[tuple[str, int], list[dict]] = {}
    for arrow in arrows(state, view):
        level = round((arrow["opacity"] - style.ADVANCE_MIN_OPACITY)
                      / (1.0 - style.ADVANCE_MIN_OPACITY) * (OPACITY_LEVELS - 1))
        groups.setdefault((arrow["event"].actor, level), []).append(arrow)
    traces = []
    for (faction, level), group in sorted(groups.items(), key=lambda kv: (FACTIONS.index(kv[0][0]), kv[0][1])):
        opacity = style.ADVANCE_MIN_OPACITY + (1.0 - style.ADVANCE_MIN_OPACITY) * level / (OPACITY_LEVELS - 1)
        parts, texts = [], []
        for arrow in group:
            hover = _hover(arrow)
            for part in _arrow_parts(arrow["origin_xy_m"], arrow["target_xy_m"]):
                lon, lat = to_wgs84_xy(part)
                parts.append(np.column_stack([lon, lat]))
                texts.extend([None] * (len(texts) > 0) + [hover] * len(part))
        lons, lats = join_parts(parts)
        traces.append(go.Scattermap(
            lon=lons, lat=lats, mode="lines", name=f"{style.faction_name(faction)} advances",
            legendgroup=faction, showlegend=False, opacity=opacity, hoverinfo="text", text=texts,
            line={"color": style.faction_colour(faction), "width": style.ADVANCE_WIDTH_PX},
            meta={"layer": NAME, "faction": faction}, _validate=False,
        ))
    return traces


def arrow_lonlat(arrow: dict) -> list[np.ndarray]:
    """The shaft and the head of one arrow of ``arrows`` as (n, 2) (lon, lat) arrays."""
    return [np.column_stack(to_wgs84_xy(part)) for part in _arrow_parts(arrow["origin_xy_m"], arrow["target_xy_m"])]


def _arrow_parts(origin: np.ndarray, target: np.ndarray) -> list[np.ndarray]:
    """Shaft and head of an arrow, in metres: [(2, 2) shaft, (3, 2) head polyline]."""
    direction = target - origin
    length = float(np.hypot(*direction))
    unit = direction / length
    head = min(HEAD_KM * 1000.0, 0.4 * length)
    barbs = []
    for sign in (1, -1):
        angle = math.radians(180.0 - HEAD_ANGLE_DEG) * sign
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        barbs.append(target + rot @ unit * head)
    return [np.array([origin, target]), np.array([barbs[0], target, barbs[1]])]


def _hover(arrow: dict) -> str:
    event: Event = arrow["event"]
    when = _date_range(event.date_start, event.date_end)
    return (f"{style.faction_name(event.actor)} {event.action}: {event.place}<br>"
            f"{when} ({arrow['age_days']} days before the map date)")


def _date_range(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
