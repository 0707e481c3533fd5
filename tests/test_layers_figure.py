"""The layer registry, the style table, the View and make_figure, on a tiny synthetic map."""
from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest
from shapely.geometry import box

import layers
from events.model import Event
from events.vocabulary import ACTION_CLASS, ACTIONS, FACTIONS
from layers import advances, event_markers, style
from control.data import ControlPoint, LabelPlace, MapData
from layers.figure import make_figure, map_center_zoom
from control.state import compute
from layers.view import LAYER_NAMES, View

AS_OF = date(2017, 5, 1)
DAY = date(2017, 6, 10)


def make_event(k, day, action, actor, target, lat, lon, *, certainty="stated", place="Town B"):
    return Event(id=f"e{k}", doc="doc", date_start=day, date_end=day, date_precision="day",
                 action=action, actor=actor, target=target, place=place, lat=lat, lon=lon,
                 uncertainty_km=2.0, unit=None, certainty=certainty, start=k, end=k + 1,
                 confidence=1.0, place_id=None)


@pytest.fixture(scope="module")
def data():
    baseline = (
        ControlPoint("a", "Town A", 35.0, 38.0, "government", AS_OF, "test"),
        ControlPoint("b", "Town B", 35.0, 38.3, "isil", AS_OF, "test"),
        ControlPoint("c", "Town C", 35.3, 38.15, "sdf", AS_OF, "test"),
    )
    events = (
        make_event(1, date(2017, 6, 8), "capture", "government", "isil", 35.0, 38.3),
        make_event(2, date(2017, 6, 9), "airstrike", "coalition", "isil", 35.3, 38.15, place="Town C"),
        make_event(3, date(2017, 6, 9), "capture", "sdf", "isil", 35.0, 38.3, certainty="denied"),
        make_event(4, date(2017, 5, 1), "attack", "isil", "government", 35.0, 38.0, place="Town A"),
    )
    return MapData(baseline=baseline, events=events, outline=box(37.0, 34.0, 40.0, 36.0),
                   rivers=(("Euphrates", box(37.5, 34.9, 39.5, 34.95).exterior),),
                   places=(LabelPlace("Town A", 35.0, 38.0, "town", 50000),),
                   governorates=(LabelPlace("Raqqa Governorate", 35.5, 38.5, "governorate"),))


def layer_of(trace):
    return trace.meta["layer"]


def test_the_registry_holds_every_layer_with_the_same_small_interface():
    assert tuple(layers.LAYERS) == LAYER_NAMES
    for name, module in layers.LAYERS.items():
        assert module.NAME == name
        assert module.NEEDS and module.MISSING and isinstance(module.DEFAULT_STYLE, dict)
        assert callable(module.build)


def test_the_offline_style_asks_for_nothing_over_the_network():
    map_style = style.offline_map_style()
    assert map_style["version"] == 8
    assert map_style["sources"] == {}
    assert "glyphs" not in map_style and "sprite" not in map_style
    assert [layer["type"] for layer in map_style["layers"]] == ["background"]


def test_every_faction_and_action_class_has_a_distinct_colour_and_a_name():
    assert set(style.FACTION_COLOURS) == set(FACTIONS) == set(style.FACTION_NAMES)
    assert len(set(style.FACTION_COLOURS.values())) == len(FACTIONS)
    assert set(ACTION_CLASS) == set(ACTIONS)
    assert set(ACTION_CLASS.values()) == set(style.ACTION_CLASS_STYLE)
    halos = {(s["halo"], s["size_px"]) for s in style.ACTION_CLASS_STYLE.values()}
    assert len(halos) == len(style.ACTION_CLASS_STYLE)


def test_the_figure_is_valid_plotly_with_only_map_traces_and_circles(data):
    figure = make_figure(compute(data, DAY), View(DAY), size=(800, 600))
    rebuilt = go.Figure(figure.to_dict())        # plotly validates every property here
    assert {t.type for t in rebuilt.data} <= {"scattermap", "choroplethmap"}
    assert {layer_of(t) for t in figure.data} == set(LAYER_NAMES)
    for trace in rebuilt.data:
        if trace.type == "scattermap" and trace.marker is not None:
            assert trace.marker.symbol in (None, "circle")
    assert figure.to_dict()["layout"]["map"]["style"] == style.offline_map_style()
    assert figure.layout.width == 800 and figure.layout.height == 600


def test_only_the_layers_of_the_view_are_drawn(data):
    figure = make_figure(compute(data, DAY), View(DAY, layers=("territory", "events")))
    assert {layer_of(t) for t in figure.data} == {"territory", "events"}


def test_switching_a_faction_off_removes_its_ground_and_events(data):
    state = compute(data, DAY)
    shown = make_figure(state, View(DAY)).data
    hidden = make_figure(state, View(DAY, factions=("sdf", "coalition", "isil"))).data
    assert any(t.meta.get("area") == "government" for t in shown)
    assert not any(t.meta.get("area") == "government" for t in hidden)
    assert any(t.meta.get("faction") == "government" for t in shown if layer_of(t) == "events")
    assert not any(t.meta.get("faction") == "government" for t in hidden if layer_of(t) == "events")


def test_events_show_within_the_window_and_denied_reports_only_when_asked(data):
    state = compute(data, DAY)
    ids = {e.id for e in event_markers.visible_events(state, View(DAY, window_days=7))}
    assert ids == {"e1", "e2"}                      # e4 is older; e3 is denied
    ids = {e.id for e in event_markers.visible_events(
        state, View(DAY, window_days=7, certainties=("stated", "denied")))}
    assert ids == {"e1", "e2", "e3"}


def test_event_hover_names_date_actor_action_place_and_certainty(data):
    text = event_markers.hover_text(data.events[0])
    for part in ("2017-06-08", "Syrian government", "capture", "Town B", "stated"):
        assert part in text


def test_an_advance_arrow_starts_at_the_actors_nearest_place_held_before_and_fades(data):
    state = compute(data, DAY)
    arrows = advances.arrows(state, View(DAY, window_days=7))
    assert [a["event"].id for a in arrows] == ["e1"]
    assert arrows[0]["origin"] == pytest.approx((38.0, 35.0))        # Town A, (lon, lat)
    older = advances.arrows(compute(data, date(2017, 6, 13)), View(date(2017, 6, 13), window_days=7))
    assert older[0]["opacity"] < arrows[0]["opacity"]


def test_a_bbox_is_fitted_into_the_figure():
    (lat, lon), zoom = map_center_zoom(View(DAY, bbox=(38.0, 34.0, 42.0, 36.0)), (1000, 700))
    assert 34.0 < lat < 36.0 and lon == pytest.approx(40.0)
    (_, _), wider = map_center_zoom(View(DAY, bbox=(36.0, 32.0, 44.0, 38.0)), (1000, 700))
    assert wider < zoom


@pytest.mark.parametrize("bad", [
    {"factions": ("government", "daesh")}, {"layers": ("roads",)}, {"window_days": 0},
    {"certainties": ("rumour",)}, {"center": (95.0, 38.0)}, {"bbox": (40.0, 34.0, 38.0, 36.0)},
])
def test_a_view_refuses_values_outside_the_vocabularies(bad):
    with pytest.raises(ValueError):
        View(DAY, **bad)


def test_a_view_window_covers_the_last_window_days_including_the_date():
    assert View(DAY, window_days=7).window_start == date(2017, 6, 4)
