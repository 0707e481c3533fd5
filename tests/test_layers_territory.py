"""Territory, front lines, areas and their drawing on a tiny synthetic map (a box instead of Syria)."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
import shapely
from shapely.geometry import Point, box

from control.area import area_table
from control.data import ControlPoint, MapData
from control.geo import to_metric
from control.points import RADIUS_MAX_KM
from control.state import compute
from events.model import Event
from layers import style, territory as territory_layer
from layers.view import View

AS_OF = date(2017, 5, 1)
DAY = date(2017, 6, 1)
OUTLINE = box(37.0, 34.0, 40.0, 36.0)  # (lon, lat)


def data_with(points, events=()):
    baseline = tuple(ControlPoint(f"p{k}", name, lat, lon, faction, AS_OF, "test")
                     for k, (name, lat, lon, faction) in enumerate(points))
    return MapData(baseline=baseline, events=tuple(events), outline=OUTLINE)


def capture(k, day, actor, target, lat, lon, place):
    return Event(id=f"e{k}", doc="doc", date_start=day, date_end=day, date_precision="day", action="capture",
                 actor=actor, target=target, place=place, lat=lat, lon=lon, uncertainty_km=2.0, unit=None,
                 certainty="stated", start=k, end=k + 1, confidence=1.0, place_id=None)


def km_between(a, b):
    return to_metric(a).distance(to_metric(b)) / 1000.0


def all_areas(territory):
    return (list(territory.factions.values()) + list(territory.contested_sides.values())
            + [territory.no_data])


def test_each_faction_holds_the_cells_of_its_places_and_they_do_not_overlap():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil"),
                      ("North", 35.4, 38.25, "sdf")])
    territory = compute(data, DAY).territory
    assert set(territory.factions) == {"government", "isil", "sdf"}
    assert territory.factions["government"].contains(Point(37.9, 35.0))
    assert territory.factions["isil"].contains(Point(38.6, 35.0))
    for a, b in itertools.combinations(all_areas(territory), 2):
        assert to_metric(shapely.intersection(a, b)).area / 1e6 < 0.1   # km²: numerically nil
    for area in all_areas(territory):
        assert area.is_valid
        assert to_metric(shapely.difference(area, OUTLINE)).area / 1e6 < 0.5   # inside (but for projection)


def test_ground_beyond_every_places_reach_is_no_data():
    data = data_with([("Lonely", 35.0, 38.0, "government")])
    territory = compute(data, DAY).territory
    far = Point(39.8, 35.0)
    assert km_between(far, Point(38.0, 35.0)) > RADIUS_MAX_KM + 20
    assert territory.no_data.contains(far)
    assert territory.factions["government"].contains(Point(38.2, 35.0))
    assert km_between(Point(38.0, 35.0), territory.no_data) == pytest.approx(RADIUS_MAX_KM, abs=12)


def test_before_the_baselines_date_nothing_is_known():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")])
    before = compute(data, date(2017, 4, 30))
    assert before.territory.factions == {}
    assert to_metric(before.territory.no_data).area == pytest.approx(to_metric(OUTLINE).area, rel=1e-3)
    assert all(p.faction is None and p.evidence is None for p in before.places)


def test_the_areas_add_up_to_the_outline():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.1, "isil")])
    territory = compute(data, DAY).territory
    total = sum(territory.areas_km2.values())
    assert total == pytest.approx(to_metric(OUTLINE).area / 1e6, rel=1e-4)


def test_rival_places_close_together_make_a_front_not_contested_ground():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.1, "isil")])
    territory = compute(data, DAY).territory
    assert territory.contested.is_empty and territory.areas_km2["contested"] == 0
    assert territory.front_lines[("government", "isil")].distance(Point(38.05, 35.0)) < 0.01


def test_rival_claims_within_days_make_contested_ground_drawn_in_both_colours():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")], [
        capture(1, date(2017, 6, 5), "government", "isil", 35.0, 38.5, "East"),
        capture(2, date(2017, 6, 6), "isil", "government", 35.0, 38.5, "East")])
    territory = compute(data, date(2017, 6, 6)).territory
    assert territory.contested.contains(Point(38.5, 35.0))
    assert list(territory.contested_pairs) == [("isil", "government")]
    traces = territory_layer.build(compute(data, date(2017, 6, 6)), View(date(2017, 6, 6)))
    fill = [t for t in traces if t.meta.get("area") == "contested"]
    hatch = [t for t in traces if t.meta.get("area") == "contested_stripes"]
    assert fill and fill[0].colorscale[0][1] == style.faction_colour("isil")
    assert hatch and hatch[0].line.color == style.faction_colour("government")
    assert compute(data, date(2017, 6, 9)).territory.contested.is_empty     # settled 3 days on


def test_a_plain_capture_is_not_contested():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")], [
        capture(1, date(2017, 6, 5), "government", "isil", 35.0, 38.5, "East")])
    territory = compute(data, date(2017, 6, 5)).territory
    assert territory.contested.is_empty
    assert territory.factions["government"].contains(Point(38.5, 35.0))


def test_places_of_the_same_faction_never_make_contested_ground():
    data = data_with([("West", 35.0, 38.0, "isil"), ("East", 35.0, 38.05, "isil")])
    territory = compute(data, DAY).territory
    assert territory.contested.is_empty
    assert territory.factions["isil"].geom_type == "Polygon"   # dissolved into one piece


def test_the_front_line_runs_midway_between_rival_places():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.4, "isil"),
                      ("West2", 35.3, 38.0, "government"), ("East2", 35.3, 38.4, "isil")])
    fronts = compute(data, DAY).territory.front_lines
    assert list(fronts) == [("government", "isil")]
    line = fronts[("government", "isil")]
    assert line.distance(Point(38.2, 35.15)) < 0.06          # ground points' cells: ~5 km steps
    assert km_between(line, Point(38.0, 35.0)) == pytest.approx(km_between(line, Point(38.4, 35.0)), abs=6)


def test_no_front_line_between_places_of_one_faction():
    data = data_with([("West", 35.0, 38.0, "sdf"), ("East", 35.0, 38.4, "sdf")])
    assert compute(data, DAY).territory.front_lines == {}


def test_a_town_ringed_by_a_rival_is_besieged_ground_drawn_as_such():
    ring = [(f"R{k}", 35.0 + 0.12 * dy, 38.5 + 0.15 * dx, "isil")
            for k, (dx, dy) in enumerate([(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)])]
    data = data_with([("Town", 35.0, 38.5, "government"), *ring])
    state = compute(data, DAY)
    assert state.territory.besieged["government"].contains(Point(38.5, 35.0))
    town = next(p for p in state.places if p.name == "Town")
    assert town.besieged
    rings = [t for t in territory_layer.build(state, View(DAY)) if t.meta.get("area") == "besieged"]
    assert rings and rings[0].line.color == style.BESIEGED_COLOUR


def test_ground_whose_evidence_is_old_is_drawn_faint_when_asked_and_hovers_its_age():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")], [
        capture(1, date(2017, 9, 1), "government", "isil", 35.0, 38.5, "East")])
    state = compute(data, date(2017, 9, 20))
    plain = {t.meta["area"]: t for t in territory_layer.build(state, View(state.date)) if t.type == "choroplethmap"}
    assert set(plain["government"].marker.opacity) == {style.TERRITORY_OPACITY}
    faded = {t.meta["area"]: t for t in territory_layer.build(state, View(state.date, fade_days=60))
             if t.type == "choroplethmap"}
    hovers = dict(zip(faded["government"].text, faded["government"].marker.opacity))
    old = next(h for h in hovers if "1 May 2017 (baseline)" in h)
    new = next(h for h in hovers if "1 September 2017" in h)
    assert old.startswith("held by Syrian government") and hovers[old] == style.STALE_OPACITY
    assert hovers[new] == style.TERRITORY_OPACITY
    assert "no knowledge" in plain["no_data"].text[0]


def test_area_table_is_tidy_and_counts_no_data_for_nobody():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")])
    table = area_table(data, [date(2017, 4, 1), DAY, date(2017, 7, 1)])
    assert list(table.columns) == ["date", "faction", "area_km2", "share_of_syria"]
    first = table[table.date == DAY].set_index("faction")
    assert first.loc["coalition", "area_km2"] == 0
    assert first.loc["no_data", "area_km2"] > 0
    assert first["share_of_syria"].sum() == pytest.approx(1.0, rel=1e-4)
    assert first.loc["government", "area_km2"] == pytest.approx(
        compute(data, DAY).territory.areas_km2["government"])
    before = table[table.date == date(2017, 4, 1)].set_index("faction")
    assert before.loc["no_data", "share_of_syria"] == pytest.approx(1.0)
