"""The territory layer: who holds the ground, how old that knowledge is, and where it is disputed.

The ground itself is computed by ``control.territory``; this module draws it:

- each faction's ground in its colour, in pieces that share their evidence (its kind and day,
  ``control.evidence``), each piece hovering "held by ISIL — last reported 1 May 2017
  (baseline)"; with ``view.fade_days`` set, ground whose evidence is older than that many days
  is drawn faint (``style.STALE_OPACITY``): old knowledge is not shown as news;
- contested ground (rival claims within days) in its holder's colour hatched with the rival's;
- besieged ground (a siege, a cut-off pocket) ringed in ``style.BESIEGED_COLOUR``;
- ground nobody is known to hold (before the baseline's date, beyond every place's reach) in
  ``style.NO_DATA_COLOUR``, hovering "no knowledge".
"""
from __future__ import annotations

from datetime import date
from html import escape

import numpy as np
import plotly.graph_objects as go

from control import evidence
from control.territory import RADIUS_KM
from events.vocabulary import FACTIONS
from layers import style
from layers.geo import lines_to_lonlat
from layers.shapes import polygon_trace, polygons_trace, stripes

NAME = "territory"
NEEDS = ("territory.factions", "territory.contested_pairs", "territory.besieged", "territory.no_data",
         "points (evidence per point)")
DEFAULT_STYLE = {"opacity": style.TERRITORY_OPACITY, "stale_opacity": style.STALE_OPACITY,
                 "colours": style.FACTION_COLOURS}
MISSING = "ground with no known holder is grey 'no data', counted for nobody"
MAX_PIECES = 80
NO_DATA_HOVER = ("no knowledge: no report or baseline says who holds this ground on this date "
                 f"(before the baseline's date, or beyond {RADIUS_KM:g} km of every known place)")


def build(state, view) -> list:
    """Filled areas: no-data ground, each shown faction's ground, contested ground on top,
    then the rings of besieged ground."""
    territory = state.territory
    traces = [polygon_trace(
        territory.no_data, colour=style.NO_DATA_COLOUR, opacity=style.NO_DATA_OPACITY,
        name="no data", hover=NO_DATA_HOVER, meta={"layer": NAME, "area": "no_data"})]
    pieces = evidence_pieces(state)
    fade_days = getattr(view, "fade_days", None)
    for code, faction in enumerate(FACTIONS):
        if faction not in view.factions or faction not in territory.factions:
            continue
        km2 = territory.areas_km2.get(faction, 0.0)
        areas = []
        for (kind, day, doc), ground in pieces.get(code, []):
            stale = fade_days is not None and day is not None and (state.date - day).days > fade_days
            hover = (f"{evidence.describe(style.faction_name(faction), kind, day, doc)}"
                     f"<br>{escape(style.faction_name(faction))}: {km2:,.0f} km² in all")
            areas.append((ground, hover, style.STALE_OPACITY if stale else style.TERRITORY_OPACITY))
        traces.append(polygons_trace(areas, colour=style.faction_colour(faction), name=style.faction_name(faction),
                                     showlegend=True, legendgroup=faction,
                                     meta={"layer": NAME, "area": faction}))
    for (holder, rival), ground in territory.contested_pairs.items():
        if holder not in view.factions and rival not in view.factions:
            continue
        label = f"contested: {style.faction_name(holder)} holds, {style.faction_name(rival)} claims it"
        traces.append(polygon_trace(ground, colour=style.faction_colour(holder), opacity=style.CONTESTED_OPACITY,
                                    name="contested", hover=label,
                                    meta={"layer": NAME, "area": "contested", "faction": holder, "rival": rival}))
        lons, lats = lines_to_lonlat(stripes(ground))
        if len(lons):
            traces.append(go.Scattermap(
                lon=lons, lat=lats, mode="lines", name="contested", showlegend=False, hoverinfo="text", text=label,
                line={"color": style.faction_colour(rival), "width": style.STRIPE_WIDTH_PX},
                meta={"layer": NAME, "area": "contested_stripes", "faction": rival}, _validate=False))
    for faction, ground in territory.besieged.items():
        if faction not in view.factions:
            continue
        lons, lats = lines_to_lonlat(ground)
        if len(lons):
            label = f"besieged: {style.faction_name(faction)} ground cut off or under siege"
            traces.append(go.Scattermap(
                lon=lons, lat=lats, mode="lines", name="besieged", showlegend=False, hoverinfo="text", text=label,
                line={"color": style.BESIEGED_COLOUR, "width": style.BESIEGED_WIDTH_PX},
                meta={"layer": NAME, "area": "besieged", "faction": faction}, _validate=False))
    return [t for t in traces if t is not None]


def fade_key(state, view) -> tuple:
    """What the drawing of ``state``'s ground depends on beyond its evidence: which pieces are
    faded on the date (dates with the same key draw alike)."""
    fade_days = getattr(view, "fade_days", None)
    if fade_days is None:
        return (None,)
    return (fade_days,) + tuple(day is not None and (state.date - day).days > fade_days
                                for pieces in evidence_pieces(state).values() for (_, day, _), _ in pieces)


def evidence_pieces(state) -> dict[int, list[tuple[tuple, object]]]:
    """Faction code -> [((evidence kind, day, doc), ground)], the faction's uncontested ground
    in pieces of one evidence each (cached per replayed day)."""
    snap = state.points
    if snap is None:
        return {}
    cache = state.models.drawing_cache
    key = ("evidence_pieces", id(snap))
    found = cache.get(key)
    if found is None:
        found = cache[key] = _pieces(state.models, snap)
    return found


def _pieces(models, snap) -> dict[int, list[tuple[tuple, object]]]:
    # One piece per (kind, day, event): pieces of the same evidence merge across the map. Where
    # that would make more than MAX_PIECES pieces (a big map), evidence of one kind is grouped
    # by week, then by month, and a piece is dated by its newest day.
    kind = snap.ev_kind.astype(np.int64)
    day = snap.ev_day.astype(np.int64)
    held = (snap.codes >= 0) & ~snap.contested
    for bucket in (1, 7, 30):
        if bucket == 1:
            keys = np.column_stack([kind, day, snap.ev_ref.astype(np.int64)])
        else:
            keys = np.column_stack([kind, np.where(day > 0, day // bucket, -1), np.full(len(day), -1)])
        unique, group = np.unique(keys[held], axis=0, return_inverse=True)
        if len(unique) <= MAX_PIECES:
            break
    groups = np.full(len(day), -1)
    groups[held] = group.ravel()
    newest = np.full(len(unique), -1, dtype=np.int64)
    np.maximum.at(newest, groups[held], day[held])
    grouped = models.tessellation.grouped(snap.codes, groups, mask=held)
    events = models.control.events
    out: dict[int, list] = {}
    for (code, g), ground in grouped.items():
        kind_g, _, ref = (int(v) for v in unique[g])
        when = date.fromordinal(int(newest[g])) if newest[g] > 0 else None
        doc = events[ref].doc if ref >= 0 else None
        out.setdefault(code, []).append(((kind_g, when, doc), ground))
    for pieces in out.values():
        pieces.sort(key=lambda item: (item[0][1] is None, item[0][1] or date.min, item[0][0]))
    return out
