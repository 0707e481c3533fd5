"""Territory, front lines and areas on a tiny synthetic map (a box instead of Syria)."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
import shapely
from shapely.geometry import Point, box

from control.area import area_table
from control.data import ControlPoint, MapData
from control.geo import to_metric
from control.state import compute
from control.territory import CONTESTED_KM, RADIUS_KM

AS_OF = date(2017, 5, 1)
DAY = date(2017, 6, 1)
OUTLINE = box(37.0, 34.0, 40.0, 36.0)  # (lon, lat)


def data_with(points):
    baseline = tuple(ControlPoint(f"p{k}", name, lat, lon, faction, AS_OF, "test")
                     for k, (name, lat, lon, faction) in enumerate(points))
    return MapData(baseline=baseline, events=(), outline=OUTLINE)


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
        assert to_metric(shapely.difference(area, OUTLINE)).area / 1e6 < 0.01   # inside


def test_ground_beyond_the_radius_of_every_place_is_no_data():
    data = data_with([("Lonely", 35.0, 38.0, "government")])
    territory = compute(data, DAY).territory
    far = Point(39.5, 35.0)
    assert km_between(far, Point(38.0, 35.0)) > RADIUS_KM
    assert territory.no_data.contains(far)
    assert not territory.factions["government"].contains(far)
    assert km_between(Point(38.0, 35.0), territory.no_data) == pytest.approx(RADIUS_KM, rel=0.02)


def test_the_areas_add_up_to_the_outline():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.1, "isil")])
    territory = compute(data, DAY).territory
    total = sum(territory.areas_km2.values())
    assert total == pytest.approx(to_metric(OUTLINE).area / 1e6, rel=1e-4)


def test_rival_places_close_together_make_a_contested_strip_between_them():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.1, "isil")])
    territory = compute(data, DAY).territory
    assert km_between(Point(38.0, 35.0), Point(38.1, 35.0)) < 2 * CONTESTED_KM
    assert territory.contested.contains(Point(38.05, 35.0))
    assert set(territory.contested_sides) == {"government", "isil"}
    assert territory.areas_km2["contested"] > 0


def test_rival_places_far_apart_have_no_contested_ground():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")])
    assert compute(data, DAY).territory.contested.is_empty


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
    assert line.distance(Point(38.2, 35.15)) < 0.01
    assert km_between(line, Point(38.0, 35.0)) == pytest.approx(
        km_between(line, Point(38.4, 35.0)), rel=0.05)


def test_no_front_line_between_places_of_one_faction():
    data = data_with([("West", 35.0, 38.0, "sdf"), ("East", 35.0, 38.4, "sdf")])
    assert compute(data, DAY).territory.front_lines == {}


def test_area_table_is_tidy_and_counts_no_data_for_nobody():
    data = data_with([("West", 35.0, 38.0, "government"), ("East", 35.0, 38.5, "isil")])
    table = area_table(data, [DAY, date(2017, 7, 1)])
    assert list(table.columns) == ["date", "faction", "area_km2", "share_of_syria"]
    first = table[table.date == DAY].set_index("faction")
    assert first.loc["coalition", "area_km2"] == 0
    assert first.loc["no_data", "area_km2"] > 0
    assert first["share_of_syria"].sum() == pytest.approx(1.0, rel=1e-4)
    assert first.loc["government", "area_km2"] == pytest.approx(
        compute(data, DAY).territory.areas_km2["government"])
