"""The map's GeoJSON for MapLibre draws what the layers package draws, in pieces dates share."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dashboard import map_sources
from dashboard.map_sources import MapSources, fade_step, line_features, point_features, polygon_features, style_layers
from events.vocabulary import FACTIONS
from layers import advances, event_markers, style
from control.data import load_default
from layers.shapes import polygon_trace
from control.state import compute
from layers.view import View

DAY = date(2017, 5, 21)


@pytest.fixture(scope="module")
def data():
    return load_default()


@pytest.fixture(scope="module")
def sources(data):
    return MapSources(data.event_span[0])


def _features(frame, source, layer=None):
    out = [f for piece in frame[source] for f in json.loads(piece.text)]
    return [f for f in out if layer is None or f["properties"]["layer"] == layer]


def _signed_area(ring):
    ring = np.asarray(ring)
    return float(np.dot(ring[:-1, 0], ring[1:, 1]) - np.dot(ring[1:, 0], ring[:-1, 1])) / 2


def test_an_exterior_is_wound_counter_clockwise_and_a_hole_clockwise_so_maplibre_cuts_the_hole():
    outer = [(38, 34), (38, 35), (39, 35), (39, 34), (38, 34)]          # clockwise
    hole = [(38.4, 34.4), (38.6, 34.4), (38.6, 34.6), (38.4, 34.6), (38.4, 34.4)]   # counter-clockwise
    trace = polygon_trace(shapely.Polygon(outer, [hole]), colour="#D55E00", opacity=0.42, name="x",
                          hover="x: 1 km²", meta={}).to_plotly_json()
    (feature,) = polygon_features(trace, faction="government")
    exterior, inner = feature["geometry"]["coordinates"][0]
    assert _signed_area(exterior) > 0 > _signed_area(inner)
    assert feature["properties"] == {"colour": "#D55E00", "opacity": 0.42, "hover": "x: 1 km²", "faction": "government"}


def test_a_line_with_gaps_becomes_one_feature_per_part_each_with_its_first_points_hover():
    trace = {"type": "scattermap", "mode": "lines", "lon": [38.0, 38.5, None, 39.0, 39.5, 40.0],
             "lat": [34.0, 34.5, None, 35.0, 35.5, 36.0], "text": ["a", "a", None, "b", "b", "b"],
             "hoverinfo": "text", "line": {"color": "#B2182B", "width": 2.5}, "opacity": 0.5}
    features = line_features(trace)
    assert [f["geometry"]["coordinates"] for f in features] == [[[38.0, 34.0], [38.5, 34.5]],
                                                                [[39.0, 35.0], [39.5, 35.5], [40.0, 36.0]]]
    assert [f["properties"]["hover"] for f in features] == ["a", "b"]
    assert features[0]["properties"]["opacity"] == 0.5 and features[0]["properties"]["width"] == 2.5


def test_points_keep_their_text_and_hover_and_a_skipped_hover_is_left_out():
    trace = {"type": "scattermap", "mode": "markers+text", "lon": [36.2, 40.1], "lat": [33.5, 35.3],
             "text": ["Damascus", "Deir ez-Zor"], "hovertext": ["held by: A", "held by: B"], "hoverinfo": "text",
             "marker": {"size": 4, "color": "#303030"}, "textfont": {"size": 12, "color": "#303030"}}
    features = point_features(trace)
    assert [(f["properties"]["text"], f["properties"]["hover"]) for f in features] == \
        [("Damascus", "held by: A"), ("Deir ez-Zor", "held by: B")]
    assert features[0]["properties"]["radius"] == 2
    silent = point_features({**trace, "hoverinfo": "skip"})
    assert all("hover" not in f["properties"] for f in silent)


def test_the_territory_puts_each_place_in_the_ground_of_its_holder(data, sources):
    # On this date the control model gives Al-Rahbeh to the rebels (tests/test_app_browser.py).
    state = compute(data, DAY)
    frame = sources.frame(state, View(DAY, window_days=30))
    point = shapely.Point(37.329, 33.07)
    holders = [f["properties"].get("faction") for f in _features(frame, "territory", "territory")
               if shape(f["geometry"]).contains(point)]
    assert holders == ["rebels"]


def test_the_territorys_rings_are_wound_as_maplibre_reads_them_and_match_the_states_ground(data, sources):
    state = compute(data, DAY)
    areas = _features(sources.frame(state, View(DAY)), "territory", "territory")
    for feature in areas:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            assert _signed_area(polygon[0]) > 0 and all(_signed_area(hole) < 0 for hole in polygon[1:])
    pieces: dict[str, list] = {}
    for f in areas:
        if f["properties"].get("legend", "").startswith("territory:"):
            pieces.setdefault(f["properties"]["faction"], []).append(shape(f["geometry"]))
    for faction, ground in state.territory.factions.items():
        # a faction's pieces (one per evidence) make up its ground; coordinates are rounded to
        # 1e-4 degrees, so the outlines move by less than that
        held = shapely.union_all(pieces[faction])
        assert held.symmetric_difference(ground).area < ground.length * 1e-4


def test_every_faction_area_and_contested_side_carries_its_faction_so_the_browser_can_hide_it(data, sources):
    state = compute(data, DAY)
    areas = _features(sources.frame(state, View(DAY)), "territory", "territory")
    contested = [f for f in areas if f["properties"]["colour"] == style.CONTESTED_COLOUR]
    assert {f["properties"]["faction"] for f in contested} == set(state.territory.contested_sides)
    held = [f for f in areas if f["properties"]["colour"] in style.FACTION_COLOURS.values()]
    assert {f["properties"]["faction"] for f in held} == set(state.territory.factions)
    no_data = [f for f in areas if "faction" not in f["properties"]]
    assert [f["properties"]["colour"] for f in no_data] == [style.NO_DATA_COLOUR]


def test_the_events_are_those_of_the_window_for_every_faction_with_their_ids_and_hover(data, sources):
    view = View(DAY, window_days=30, certainties=("stated", "reported"))
    state = compute(data, DAY)
    events = _features(sources.frame(state, view), "activity", "events")
    expected = event_markers.visible_events(state, view.replace(factions=FACTIONS))
    assert expected, "the seed data have events in this window"
    assert sorted(f["properties"]["id"] for f in events) == sorted(e.id for e in expected)
    by_id = {e.id: e for e in expected}
    for feature in events:
        event = by_id[feature["properties"]["id"]]
        assert feature["properties"]["faction"] == event.actor
        assert feature["properties"]["hover"] == event_markers.hover_text(event)
        assert feature["properties"]["opacity"] == style.CERTAINTY_OPACITY[event.certainty]


def _arrows_per_faction_and_opacity(traces) -> Counter:
    counts: Counter = Counter()
    for trace in traces:
        parts = line_features(trace.to_plotly_json())
        counts[(trace.meta["faction"], round(trace.opacity, 3))] += len(parts) // 2   # shaft and head
    return counts


@pytest.mark.parametrize("window_days", [7, 30])
def test_advances_fade_as_the_layers_package_fades_them(data, sources, window_days):
    day = date(2017, 5, 31)   # the seed data's busiest week of advances
    view = View(day, window_days=window_days)
    state = compute(data, day)
    features = _features(sources.frame(state, view), "activity", "advances")
    drawn = Counter((f["properties"]["faction"], f["properties"]["opacity"]) for f in features)
    assert drawn, "the seed data have advances in this window"
    assert drawn == _arrows_per_faction_and_opacity(advances.build(state, view.replace(factions=FACTIONS)))


def test_the_fade_runs_from_opaque_on_the_day_to_faintest_at_the_end_of_the_window():
    assert fade_step(0, 30) == advances.OPACITY_LEVELS - 1
    assert fade_step(29, 30) == 0 and fade_step(90, 30) == 0
    assert fade_step(0, 1) == advances.OPACITY_LEVELS - 1


def test_dates_with_the_same_holders_and_overlapping_windows_share_their_pieces(data, sources):
    first, second = DAY + timedelta(days=1), DAY + timedelta(days=2)
    view = View(first, window_days=30)
    a = sources.frame(compute(data, first), view)
    b = sources.frame(compute(data, second), view.replace(date=second))
    shared = {p.digest for p in a["activity"]} & {p.digest for p in b["activity"]}
    assert len(shared) >= len(a["activity"]) // 2
    if compute(data, first).territory is compute(data, second).territory:
        assert [p.digest for p in a["territory"]] == [p.digest for p in b["territory"]]


def test_every_feature_is_tagged_with_a_layer_some_style_layer_draws(data, sources):
    state = compute(data, DAY)
    frame = sources.frame(state, View(DAY))
    drawn_tags = {tag for layer in style_layers() for tag in layer["filter"][2][1]}
    features = [f for source in map_sources.SOURCES for f in _features(frame, source)]
    features += MapSources.base(state, View(DAY))["features"]
    assert {f["properties"]["layer"] for f in features} <= drawn_tags
    assert set(frame) == set(map_sources.SOURCES)


def test_style_layers_draw_the_base_under_the_territory_and_the_rest_above_in_the_figures_order():
    ids = [layer["id"].removeprefix(map_sources.PREFIX) for layer in style_layers()]
    order = ["land", "territory", "outline", "front_lines", "advances", "events", "labels"]
    assert [i for i in ids if i in order] == order
    groups = {layer["metadata"].get("group") for layer in style_layers()} - {None}
    assert groups == set(map_sources.DYNAMIC)
    sources = (*map_sources.SOURCES, map_sources.BASE, map_sources.REVIEW)
    assert all(layer["source"] in (map_sources.PREFIX + s for s in sources) for layer in style_layers())
