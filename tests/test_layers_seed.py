"""Issue 4's checks on the committed data: the control baseline and the committed seed events."""
from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
import shapely
from shapely.geometry import Point
from shapely.ops import substring

from control.data import load_default
from control.geo import to_metric
from control.state import compute, models


@pytest.fixture(scope="module")
def data():
    return load_default()


def holder(data, name, day):
    """(faction, place state) of the baseline place called ``name`` on ``day``."""
    states = [p for p in compute(data, date.fromisoformat(day)).places if p.name == name]
    assert len(states) == 1, f"expected one control place called {name!r}, found {len(states)}"
    return states[0].faction


def test_mayadin_is_isils_on_1_october_and_the_governments_on_20_october_2017(data):
    assert holder(data, "Mayadin", "2017-10-01") == "isil"
    assert holder(data, "Mayadin", "2017-10-20") == "government"


def test_abu_kamal_is_taken_lost_and_retaken_by_the_government_in_november_2017(data):
    assert holder(data, "Abu Kamal", "2017-11-09") == "government"
    assert holder(data, "Abu Kamal", "2017-11-12") == "isil"
    assert holder(data, "Abu Kamal", "2017-11-20") == "government"


def test_al_tanf_is_never_the_governments(data):
    control = models(data).control
    first, last = data.event_span
    days = {first, last, *control.change_days()}
    assert len(days) > 10
    for day in sorted(days):
        tanf = [p for p in control.at(day) if "tanf" in p.name.lower()]
        assert tanf, "al-Tanf is in the baseline"
        assert all(p.faction != "government" for p in tanf), day


def test_maskanah_changes_hands_in_early_june_2017(data):
    assert holder(data, "Maskanah", "2017-05-31") == "isil"
    assert holder(data, "Maskanah", "2017-06-10") == "government"
    changes = [d for d in models(data).control.change_days()
               if date(2017, 6, 1) <= d <= date(2017, 6, 10)
               and holder(data, "Maskanah", d.isoformat()) != holder(data, "Maskanah", (d - timedelta(days=1)).isoformat())]
    assert changes


@pytest.mark.parametrize("day", ["2017-05-15", "2017-08-15", "2017-11-25", "2018-03-01"])
def test_territory_is_valid_inside_syria_and_without_overlaps(data, day):
    territory = compute(data, date.fromisoformat(day)).territory
    areas = (list(territory.factions.values()) + list(territory.contested_sides.values())
             + [territory.no_data])
    outline_km2 = to_metric(data.outline).area / 1e6
    for area in areas:
        assert area.is_valid
        assert to_metric(shapely.difference(area, data.outline)).area / 1e6 < 0.5   # km²
    overlap_km2 = sum(to_metric(shapely.intersection(a, b)).area / 1e6
                      for a, b in itertools.combinations(areas, 2))
    assert overlap_km2 < 1.0                  # against Syria's ~185,000 km²
    assert sum(territory.areas_km2.values()) == pytest.approx(outline_km2, rel=1e-3)


def test_a_government_isil_front_runs_along_the_euphrates_between_deir_ez_zor_and_abu_kamal(data):
    by_name = {p.name: p for p in data.baseline}
    deir, kamal = (to_metric(Point(by_name[n].lon, by_name[n].lat)) for n in ("Deir ez-Zor", "Abu Kamal"))
    euphrates = to_metric(shapely.line_merge(dict(data.rivers)["Euphrates"]))
    reach = min(shapely.get_parts(euphrates), key=lambda part: part.distance(deir) + part.distance(kamal))
    a, b = sorted((reach.project(deir), reach.project(kamal)))
    valley = substring(reach, a, b)
    assert valley.length > 100_000          # the Deir ez-Zor - Abu Kamal reach, metres
    front = compute(data, date(2017, 11, 25)).territory.front_lines[("government", "isil")]
    along_km = shapely.intersection(to_metric(front), valley.buffer(15_000)).length / 1000
    assert along_km > 30
