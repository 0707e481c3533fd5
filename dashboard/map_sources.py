"""The map as MapLibre draws it: GeoJSON features per layer, and the style layers drawing them.

``Plotly.react`` re-processes every map trace whatever changed (0.5-1 s per slider step on a
software-WebGL machine, see bench/app.py), so the dashboard draws its layers itself, as
MapLibre GeoJSON sources on the map plotly made (``assets/frontline.js``): a slider step
replaces the data of the sources whose content differs, and nothing else.

Features carry their own paint values (``colour``, ``opacity``, ``width``, ``radius``,
``text``, ``hover``) as properties, read from the traces the ``layers`` package builds, so the
dashboard draws what the snapshots draw. A faction's features carry ``faction`` (``a`` and
``b`` for the two sides of a front line) so that the browser shows and hides factions with a
layer filter, without new data. Every feature a legend entry stands for carries that entry's
``legend`` key (``export.legend``): the browser's legend lists the entries of the features on
screen. Coordinates are GeoJSON (lon, lat), rounded to ``COORD_DECIMALS``.

A layer's features come in pieces (``Piece``: a digest of the features' JSON text, and the text)
that dates share: the territory and front lines of one ``Territory`` (``layers.territory``
keeps one per set of holders), the events and the advances of one (date_start, date_end) pair
— an event window holds every event of such a bucket or none of them; a bucket's advances
also by their fading step, which changes every few days —, and labels per date.
"""
from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable, Sequence

import numpy as np

from events.vocabulary import ACTION_CLASS, FACTIONS
from layers import advances, base, event_markers, front_lines, labels, style, surroundings, territory
from layers.view import View

COORD_DECIMALS = 4      # ~10 m, finer than any place coordinate
# The layers drawn per date (one toggle each on the page), and the GeoJSON source each is in:
# layers whose data change together share a source, since every source with new data costs a
# pass of MapLibre's worker over it and its tiles.
DYNAMIC = ("territory", "front_lines", "advances", "events", "labels")
SOURCE_OF = {"territory": "territory", "front_lines": "territory", "advances": "activity",
             "events": "activity", "labels": "labels"}
SOURCES = tuple(dict.fromkeys(SOURCE_OF.values()))
BASE = "base"           # the base map's source, sent once
REVIEW = "review"       # the places of the events under review, set by the browser from the review table
PREFIX = "fl-"          # of every source and layer id the dashboard adds to the map
_BUCKET_CACHE_SIZE = 20_000

Feature = dict[str, Any]


@dataclass(frozen=True)
class Piece:
    """Features as JSON text (an array) and a digest of that text."""

    digest: str
    text: str


def piece(features: Sequence[Feature]) -> Piece:
    text = json.dumps(list(features), separators=(",", ":"), ensure_ascii=False)
    return Piece(hashlib.sha1(text.encode()).hexdigest()[:16], text)


# --- traces into features -----------------------------------------------------------------------

def _coords(lonlat: np.ndarray) -> list:
    return np.round(np.asarray(lonlat, dtype=float), COORD_DECIMALS).tolist()


def _hover_at(trace: dict, key: str, i: int) -> str | None:
    if trace.get("hoverinfo") == "skip":
        return None
    value = trace.get(key)
    if isinstance(value, str) or value is None:
        return value
    return value[i] if i < len(value) and value[i] is not None else None


def _props(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


def _wound(ring, *, hole: bool) -> np.ndarray:
    """A ring counter-clockwise (an exterior) or clockwise (a hole), as GeoJSON wants: MapLibre
    tells holes from exteriors by their winding, so a hole wound like its exterior is filled."""
    ring = np.asarray(ring, dtype=float)
    x, y = ring[:, 0], ring[:, 1]
    twice_area = float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))
    return ring[::-1] if (twice_area < 0) != hole else ring


def polygon_features(trace: dict, **extra) -> list[Feature]:
    """The areas of a single-colour ``Choroplethmap`` (``layers.shapes.polygon_trace``)."""
    colour = trace["colorscale"][0][1]
    opacities = trace.get("marker", {}).get("opacity", 1.0)
    out = []
    for i, feature in enumerate(trace["geojson"]["features"]):
        opacity = opacities[i] if isinstance(opacities, (list, tuple, np.ndarray)) else opacities
        geometry = feature["geometry"]
        polygons = [[_coords(_wound(ring, hole=k > 0)) for k, ring in enumerate(polygon)]
                    for polygon in geometry["coordinates"]]
        if not polygons:
            continue
        out.append({"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                    "properties": _props(colour=colour, opacity=opacity, hover=_hover_at(trace, "text", i),
                                         **extra)})
    return out


def _runs(lonlat: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of the runs of points between the gaps (NaN rows) of a plotly line."""
    ok = ~np.isnan(lonlat).any(axis=1)
    edges = np.flatnonzero(np.diff(np.r_[0, ok.astype(int), 0]))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _lonlat(trace: dict) -> np.ndarray:
    return np.column_stack([np.asarray(trace.get("lon"), dtype=float), np.asarray(trace.get("lat"), dtype=float)])


def line_features(trace: dict, **extra) -> list[Feature]:
    """The lines of a ``Scattermap`` in lines mode, one feature per part; a part's hover is
    its first point's."""
    line = trace.get("line", {})
    lonlat = _lonlat(trace)
    parts = [(start, stop) for start, stop in _runs(lonlat) if stop - start > 1]
    if not parts:
        return []
    props = dict(colour=line.get("color"), width=line.get("width"), opacity=trace.get("opacity"), **extra)
    return [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": _coords(lonlat[start:stop])},
             "properties": _props(hover=_hover_at(trace, "text", start), **props)}
            for start, stop in parts]


def point_features(trace: dict, **extra) -> list[Feature]:
    """The points of a ``Scattermap`` in markers and/or text mode, with their text and hover."""
    marker, font = trace.get("marker", {}), trace.get("textfont", {})
    texts = trace.get("text")
    hover_key = "hovertext" if "hovertext" in trace else "text"
    out = []
    for i, (lon, lat) in enumerate(_lonlat(trace)):
        if np.isnan(lon) or np.isnan(lat):
            continue
        text = texts if isinstance(texts, str) else (texts[i] if texts is not None and "text" in trace.get("mode", "") else None)
        out.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": _coords([lon, lat])},
                    "properties": _props(
                        text=text, hover=_hover_at(trace, hover_key, i), colour=marker.get("color"),
                        radius=marker["size"] / 2 if "size" in marker else None,
                        text_colour=font.get("color"), text_size=font.get("size"), **extra)})
    return out


def trace_features(trace: Any, **extra) -> list[Feature]:
    """Features drawing a plotly map trace (a ``go`` object or its JSON) of the layers package."""
    raw = trace.to_plotly_json() if hasattr(trace, "to_plotly_json") else trace
    if raw.get("type") == "choroplethmap":
        return polygon_features(raw, **extra)
    if raw.get("mode") == "lines":
        return line_features(raw, **extra)
    return point_features(raw, **extra)


# --- the layers ---------------------------------------------------------------------------------

class _Bucket:
    """A stand-in ``MapState`` holding one bucket of events: a layer's own filters (actions,
    certainty, coordinates) then pick from that bucket alone."""

    def __init__(self, events: Sequence, models) -> None:
        self.events = tuple(events)
        self.models = models

    def events_between(self, first: date, last: date) -> tuple:
        return self.events


def _territory_features(state, view: View) -> list[Feature]:
    """No-data ground, each faction's ground (in pieces of one evidence each, with their hover
    and fading), contested ground and its hatching, the rings of besieged ground."""
    out: list[Feature] = []
    for trace in territory.build(state, view):
        raw = trace.to_plotly_json()
        meta = raw["meta"]
        faction = meta.get("faction", meta["area"])
        extra = {"faction": faction} if faction in FACTIONS else {}
        extra["legend"] = _legend_key(meta["area"])
        if raw.get("type") == "choroplethmap":
            out += _tagged("territory", _faded(polygon_features(raw, **extra)))
        else:
            out += _tagged("territory_lines", line_features(raw, **extra))
    return out


def _legend_key(area: str) -> str:
    """The legend entry (``export.legend``) of a territory trace's ``meta["area"]``."""
    if area in FACTIONS:
        return f"territory:{area}"
    return {"contested_stripes": "contested"}.get(area, area)


def _faded(features: list[Feature]) -> list[Feature]:
    """Ground drawn faint for its old evidence also stands for the legend's faded entry."""
    for feature in features:
        if feature["properties"].get("opacity") == style.STALE_OPACITY:
            feature["properties"]["legend"] += " stale"
    return features


def _front_line_features(state, view: View) -> list[Feature]:
    out = []
    for trace in front_lines.build(state, view):
        a, b = trace.meta["factions"]
        out += trace_features(trace, a=a, b=b, legend="front_line")
    return out


def _event_features(events: Sequence) -> list[Feature]:
    """Events as points: the dot in the actor's colour, the halo in the action class's."""
    out = []
    for event in events:
        halo = style.action_style(event.action)
        out.append({
            "type": "Feature", "geometry": {"type": "Point", "coordinates": _coords([event.lon, event.lat])},
            "properties": _props(
                id=event.id, faction=event.actor, legend=f"event:{ACTION_CLASS[event.action]}",
                colour=style.faction_colour(event.actor),
                radius=style.EVENT_DOT_SIZE_PX / 2, halo=halo["halo"], halo_radius=halo["size_px"] / 2,
                opacity=style.CERTAINTY_OPACITY[event.certainty], hover=event_markers.hover_text(event)),
        })
    return out


def fade_step(age_days: int, window_days: int) -> int:
    """How faded an advance ``age_days`` old is in a ``window_days`` window, as
    ``layers.advances`` fades it: 0 (``style.ADVANCE_MIN_OPACITY``) to ``OPACITY_LEVELS - 1``
    (opaque)."""
    fade = min(1.0, age_days / max(1, window_days - 1))
    return round((1.0 - fade) * (advances.OPACITY_LEVELS - 1))


def step_opacity(step: int) -> float:
    return style.ADVANCE_MIN_OPACITY + (1.0 - style.ADVANCE_MIN_OPACITY) * step / (advances.OPACITY_LEVELS - 1)


def _advance_features(arrows: Iterable[dict], opacity: float, first_date: date) -> list[Feature]:
    """Arrows as lines (shaft and head), with the day their event ended (``end``, days since
    ``first_date``), from which the browser tells their age in the hover."""
    out = []
    for arrow in arrows:
        event = arrow["event"]
        when = event.date_start.isoformat()
        if event.date_end != event.date_start:
            when += f" – {event.date_end.isoformat()}"
        props = _props(faction=event.actor, legend=f"advance:{event.actor}",
                       colour=style.faction_colour(event.actor), width=style.ADVANCE_WIDTH_PX,
                       opacity=round(opacity, 3), end=(event.date_end - first_date).days,
                       hover=f"{style.faction_name(event.actor)} {event.action}: {event.place}<br>{when}")
        out.append({"type": "Feature", "properties": props,
                    "geometry": {"type": "MultiLineString", "coordinates": [_coords(p) for p in advances.arrow_lonlat(arrow)]}})
    return out


class MapSources:
    """The features of one ``MapData`` for MapLibre, cached where dates share them.

    ``first_date`` is day 0 of the slider (advances carry their end day as an offset from it)."""

    def __init__(self, first_date: date) -> None:
        self.first_date = first_date
        self._by_territory: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._buckets: dict[tuple, object] = {}

    def frame(self, state, view: View) -> dict[str, list[Piece]]:
        """The pieces of each source in ``SOURCES`` on ``state.date``. All factions are drawn
        (the browser filters them); ``view`` gives the window, certainties and actions."""
        view = replace(view, factions=FACTIONS)
        in_window = state.events_between(view.window_start, view.date)
        buckets: dict[tuple[date, date], list] = {}
        for event in in_window:
            buckets.setdefault((event.date_start, event.date_end), []).append(event)
        keys = sorted(buckets, key=lambda k: (k[1], k[0]))   # events draw oldest first
        out = {
            "territory": self._territory_pieces(state, view),
            "activity": [self._bucket(layer, k, buckets[k], state, view)
                         for layer in ("advances", "events") for k in keys],
            "labels": [piece(_tagged("labels", _ranked([f for t in labels.build(state, view) for f in trace_features(t)])))],
        }
        return {name: [p for p in pieces if p.text != "[]"] for name, pieces in out.items()}

    def _territory_pieces(self, state, view: View) -> list[Piece]:
        # The front lines depend on the territory alone, and dates with the same holders share
        # one; the areas also on their evidence and on which of it is faded on the date.
        fronts = self._by_territory.get(state.territory)
        if fronts is None:
            fronts = self._by_territory[state.territory] = piece(_tagged("front_lines", _front_line_features(state, view)))
        areas = self._cached(("territory", id(state.points), territory.fade_key(state, view)),
                             lambda: [piece([f]) for f in _territory_features(state, view)])
        return [*areas, fronts]

    def _bucket(self, layer: str, key: tuple[date, date], events: list, state, view: View) -> Piece:
        filters = (key, view.certainties, view.actions)
        if layer == "events":
            return self._cached(("events", filters), lambda: piece(_tagged("events", _event_features(
                event_markers.visible_events(_Bucket(events, state.models), view)))))
        arrows = self._cached(("arrows", filters), lambda: advances.arrows(_Bucket(events, state.models), view))
        step = fade_step(max(0, (view.date - min(key[1], view.date)).days), view.window_days)
        return self._cached(("advances", filters, step), lambda: piece(_tagged("advances", _advance_features(
            arrows, step_opacity(step), self.first_date))))

    def _cached(self, key: tuple, make):
        found = self._buckets.get(key)
        if found is None:
            if len(self._buckets) >= _BUCKET_CACHE_SIZE:
                self._buckets.clear()
            found = self._buckets[key] = make()
        return found

    @staticmethod
    def base(state, view: View) -> dict:
        """The base map as one FeatureCollection: the land around, neighbours, outline, rivers,
        governorate boundaries and names, neighbouring countries' names."""
        layer_of = {"context": "context", "neighbours": "neighbours", "outline": "outline", "river": "rivers",
                    "governorate_labels": "governorates", "governorate_lines": "governorate_lines",
                    "country_labels": "countries"}
        traces = (surroundings.build_under(state, view) + base.build_under(state, view) + base.build_over(state, view)
                  + surroundings.build_over(state, view))
        features = [f for trace in traces for f in _tagged(layer_of[trace.meta["part"]], trace_features(trace))]
        return {"type": "FeatureCollection", "features": features}


def _ranked(features: list[Feature]) -> list[Feature]:
    """Labels with their rank (``rank``, their order: ``layers.labels`` puts the most important
    places first), which MapLibre places in, so that they win where labels collide."""
    for i, feature in enumerate(features):
        feature["properties"]["rank"] = i
    return features


def _tagged(layer: str, features: list[Feature]) -> list[Feature]:
    """``features`` with the name of the style layer that draws them (property ``layer``)."""
    for feature in features:
        feature["properties"]["layer"] = layer
    return features


# --- style layers -------------------------------------------------------------------------------

def _get(name: str) -> list:
    return ["get", name]


def _layer(name: str, kind: str, paint: dict, layout: dict | None = None, *, source: str | None = None,
           group: str | None = None, factions: str | None = None, fade: str | None = None, hover: bool = False,
           click: bool = False, feature_layer: str | list[str] | None = None) -> dict:
    """A MapLibre layer drawing the features tagged ``feature_layer`` (default ``name``; a list:
    any of them) of its
    source (default: the source of its ``group``, else the base map's). ``metadata`` tells the
    browser its toggle (``group``, one of ``DYNAMIC``), how it filters factions (``"faction"``
    or ``"pair"``; ``fade``: by setting this paint property to 0 rather than by a filter) and
    whether it answers hover and click."""
    source = source or SOURCE_OF.get(group, BASE)
    tags = feature_layer if isinstance(feature_layer, list) else [feature_layer or name]
    spec = {"id": PREFIX + name, "type": kind, "source": PREFIX + source, "paint": paint,
            "filter": ["in", _get("layer"), ["literal", tags]],
            "metadata": _props(group=group, factions=factions, fade=fade, hover=hover or None, click=click or None)}
    if layout:
        spec["layout"] = layout
    return spec


def source_options() -> dict[str, dict]:
    """MapLibre GeoJSON source options per source id: a narrower tile buffer than the default
    (128) where nothing drawn reaches far past a tile's edge (labels do), and a coarser
    simplification (1 px instead of 0.375) of the territory, which MapLibre re-tiles on every date
    it changes (at 100x scale, every date)."""
    return {PREFIX + "territory": {"buffer": 32, "tolerance": 1.0}, PREFIX + "activity": {"buffer": 32},
            PREFIX + "labels": {}, PREFIX + BASE: {"buffer": 32}, PREFIX + REVIEW: {}}


def style_layers() -> list[dict]:
    """Every layer the dashboard adds, bottom to top: the base map under the territory, the
    territory, the rest of the base map, then front lines, advances, events and labels (the
    order of ``layers.figure``). MapLibre places labels from the top layer down and drops those
    that collide with one placed: place names go first (most important first, beside their
    dot rather than on it), then governorate and country names; an invisible mark over each
    event keeps every label off the event markers."""
    font = [part.strip() for part in style.FONT_FAMILY.split(",")]
    fill = {"fill-color": _get("colour"), "fill-opacity": _get("opacity")}
    # Land is drawn without MapLibre's antialiasing pass (a line along every edge, at every
    # redraw): its coasts and borders meet the background in two pale tones, where a pixel's
    # stair does not show, and Syria's outline is a line of its own.
    land = {**fill, "fill-antialias": False}
    line = {"line-color": _get("colour"), "line-width": _get("width")}
    round_line = {"line-join": "round", "line-cap": "round"}
    text = {"text-field": _get("text"), "text-size": _get("text_size"), "text-font": font}
    halo = {"text-halo-color": LABEL_HALO, "text-halo-width": 1.4}
    return [
        _layer("land", "fill", land, feature_layer=["context", "neighbours"]),
        _layer("territory", "fill", fill, group="territory", factions="faction", fade="fill-opacity", hover=True),
        _layer("territory_lines", "line", line, round_line, group="territory", factions="faction", hover=True),
        _layer("outline", "line", line, round_line),
        _layer("governorate_lines", "line", {**line, "line-dasharray": [3, 2]}, round_line),
        _layer("rivers", "line", line, round_line, hover=True),
        _layer("governorates", "symbol", {"text-color": _get("text_colour"), **halo}, text),
        _layer("countries", "symbol", {"text-color": _get("text_colour")}, {**text, "text-letter-spacing": 0.2}),
        _layer("front_lines", "line", line, round_line, group="front_lines", factions="pair", hover=True),
        _layer("advances", "line", {**line, "line-opacity": _get("opacity")}, round_line,
               group="advances", factions="faction", hover=True),
        # The halo is the dot's stroke: one circle per event, not two (circles are the costliest
        # thing to draw at 100x scale on a software-WebGL machine, see bench/app.py).
        _layer("events", "circle",
               {"circle-radius": _get("radius"), "circle-color": _get("colour"), "circle-opacity": _get("opacity"),
                "circle-stroke-width": ["-", _get("halo_radius"), _get("radius")], "circle-stroke-color": _get("halo"),
                "circle-stroke-opacity": _get("opacity")},
               group="events", factions="faction", hover=True, click=True),
        _layer("label_dots", "circle", {"circle-radius": _get("radius"), "circle-color": _get("colour")},
               group="labels", hover=True, feature_layer="labels"),
        _layer("labels", "symbol", {"text-color": _get("text_colour"), **halo},
               {**text, "symbol-sort-key": _get("rank"), "text-variable-anchor": LABEL_ANCHORS,
                "text-radial-offset": LABEL_OFFSET_EM, "text-justify": "auto"}, group="labels"),
        # Placed first (the top layer) and never hidden, each event's blank mark, as wide as
        # its halo, takes the room labels would otherwise take over it.
        _layer("event_room", "symbol", {"text-opacity": 0},
               {"text-field": EVENT_ROOM_GLYPH, "text-font": font, "text-size": ["*", 2, _get("halo_radius")],
                "text-padding": 0, "text-allow-overlap": True, "text-ignore-placement": False},
               group="events", factions="faction", feature_layer="events"),
        # The events of a report under review, numbered as in the review table.
        _layer("review_pins", "circle", {"circle-radius": 9, "circle-color": "#ffffff", "circle-stroke-width": 2.5,
                                         "circle-stroke-color": REVIEW_INK}, source=REVIEW, hover=True),
        _layer("review_numbers", "symbol", {"text-color": REVIEW_INK},
               {"text-field": ["to-string", _get("number")], "text-size": 11, "text-font": font,
                "text-allow-overlap": True, "text-ignore-placement": True}, source=REVIEW, feature_layer="review_pins"),
    ]


REVIEW_INK = "#0b5cad"


LABEL_HALO = "rgba(255, 255, 255, 0.85)"
# Where a place name may sit around its dot, in order of preference, and how far from it: past
# the largest event halo (17 px across), so that a town with an event on it keeps its name.
LABEL_OFFSET_EM = 0.85
LABEL_ANCHORS = ["bottom-left", "top-left", "bottom-right", "top-right", "left", "right"]
EVENT_ROOM_GLYPH = "\u25cf"   # a disc, for its box
