"""The legend shared by the exports and the live map, the names of reports, and the map's surroundings."""
from __future__ import annotations

import json
from datetime import date

import pytest
import shapely
from shapely.geometry import box

from dashboard.map_sources import MapSources
from export.legend import catalogue, catalogue_json, legend_sections, present_keys, swatch_fill
from export.reports import report_label
from layers import place_rank, style, surroundings
from control.data import load_default
from control.state import compute
from layers.view import View

DAY = date(2017, 11, 19)
ABU_KAMAL_BOX = (40.5, 34.2, 41.3, 34.7)   # west, south, east, north


@pytest.fixture(scope="module")
def state():
    return compute(load_default(), DAY)


def test_the_catalogue_has_an_entry_for_every_faction_and_action_class_with_unique_keys():
    keys = [e.key for section in catalogue() for e in section.entries]
    assert len(keys) == len(set(keys))
    assert {f"territory:{f}" for f in style.FACTION_COLOURS} <= set(keys)
    assert {f"event:{c}" for c in style.ACTION_CLASS_STYLE} <= set(keys)
    assert {"contested", "no_data", "front_line", "besieged", "stale"} <= set(keys)


def test_an_area_swatch_is_its_fill_over_the_background():
    isil = next(e for s in catalogue() for e in s.entries if e.key == "territory:isil")
    assert isil.fill == swatch_fill(style.faction_colour("isil"), style.TERRITORY_OPACITY, style.BACKGROUND_COLOUR)
    # ISIL's near-black at 42 % over the beige background is a mid grey, as on the map
    assert 120 < int(isil.fill[4:].split(",")[0]) < 170


def test_the_export_legend_lists_what_its_extent_shows(state):
    everywhere = present_keys(state, View(DAY, window_days=7))
    around_abu_kamal = present_keys(state, View(DAY, window_days=7), extent=ABU_KAMAL_BOX)
    assert {"territory:government", "territory:isil", "territory:sdf", "territory:rebels"} <= everywhere
    assert around_abu_kamal < everywhere
    # around Abu Kamal, retaken that day: the government's ground, ISIL's desert, the capture
    assert {"territory:government", "territory:isil", "event:capture"} <= around_abu_kamal
    assert not {"territory:rebels", "territory:sdf", "territory:hts"} & around_abu_kamal
    no_events = present_keys(state, View(DAY, layers=("base", "territory")))
    assert not any(k.startswith(("event:", "advance:", "note:")) or k == "front_line" for k in no_events)
    only_isil = present_keys(state, View(DAY, factions=("isil",), layers=("territory",)))
    assert {k for k in only_isil if k.startswith("territory:")} == {"territory:isil"}
    # ground whose last report is old is faded, and said so, only when the view fades it
    assert "stale" not in everywhere
    assert "stale" in present_keys(state, View(DAY, window_days=7, fade_days=30))


def test_sections_keep_the_catalogues_order_and_name_the_window(state):
    sections = legend_sections(state, View(DAY, window_days=30))
    assert [s.heading for s in sections] == ["Control", "Lines", "Events, last 30 days"]
    order = [e.key for s in catalogue() for e in s.entries]
    shown = [e.key for s in sections for e in s.entries]
    assert shown == [k for k in order if k in shown]


def test_the_live_legend_gets_the_catalogue_and_the_features_carry_its_keys(state):
    sections = catalogue_json()
    json.dumps(sections)
    assert sections[-1]["headings"]["1"] == "Events, the day"
    catalogue_keys = {e["key"] for s in sections for e in s["entries"]}
    frame = MapSources(date(2017, 1, 1)).frame(state, View(DAY, window_days=30))
    tagged = {key for pieces in frame.values() for p in pieces for f in json.loads(p.text)
              for key in f["properties"].get("legend", "").split()}
    assert tagged <= catalogue_keys
    assert tagged == present_keys(state, View(DAY, window_days=30, layers=("territory", "front_lines", "advances",
                                                                           "events"))) - {"note:events"}


def test_reports_are_named_by_publisher_or_title_and_date_never_by_a_hash():
    assert report_label("001_0a3fda8af64f0144.txt") == "southfront.org (2 June 2017)"
    assert report_label("000_98bb1730406b52e1.txt") == "report of 7 May 2017"
    assert report_label("pasted-0123456789abcdef.txt", day="2018-03-02") == "pasted report of 2 March 2018"
    assert report_label("field-notes.txt") == "field-notes.txt"
    assert report_label("notes.txt", title="Field notes, 3 March 2018", day="2018-03-03") == "Field notes, 3 March 2018"


def test_labels_put_the_capital_and_the_governorate_seats_before_other_towns():
    data = load_default()
    places = {p.name: p for p in data.places}
    ranked = sorted(places.values(), key=lambda p: place_rank.rank(p.lat, p.lon))
    assert ranked[0].name == "Damascus"
    seats = {"Aleppo", "Homs", "Hama", "Latakia", "Raqqa", "Deir ez-Zor", "Daraa", "Idlib", "Tartus"}
    first = {p.name for p in ranked[:16]}
    assert seats <= first, first
    assert place_rank.rank(*[(p.lat, p.lon) for p in ranked if p.name == "Aleppo"][0]) < \
        place_rank.rank(*[(p.lat, p.lon) for p in ranked if p.name == "Manbij"][0])


def test_neighbouring_countries_are_named_inside_their_own_land():
    data = load_default()
    names = {name: (lat, lon) for name, lat, lon in surroundings.country_labels(data.neighbours)}
    assert {"Turkey", "Iraq", "Jordan", "Lebanon"} <= set(names)
    shapes = dict(data.neighbours)
    for name, (lat, lon) in names.items():
        assert shapes[name].contains(shapely.Point(lon, lat)), name
    assert "Armenia" not in names     # a sliver in the frame's corner


def test_the_land_around_reaches_the_pan_bounds_with_no_hole_at_the_frame():
    land = surroundings.context_land(surroundings.CONTEXT_PATH)
    west, south, east, north = surroundings.PAN_BOUNDS
    assert land.bounds[0] == pytest.approx(west, abs=0.01) and land.bounds[2] == pytest.approx(east, abs=0.01)
    # Anatolia just west of the detailed frame is land
    assert land.contains(shapely.Point(32.5, 38.5))


def test_governorate_boundaries_are_drawn_once_the_admin_file_exists(tmp_path):
    outline = box(35.0, 32.0, 42.0, 37.0)
    west, east = box(35.0, 32.0, 38.5, 37.0), box(38.5, 32.0, 42.0, 37.0)
    path = tmp_path / "governorates.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"pcode": f"SY0{i}", "name": n, "level": "governorate"},
         "geometry": shapely.geometry.mapping(g)} for i, (n, g) in enumerate((("West", west), ("East", east)))]}))
    lines = surroundings.governorate_lines(path, outline)
    assert lines.length == pytest.approx(5.0, abs=0.05)    # the shared edge only, not the border
    assert surroundings.governorate_lines(tmp_path / "missing.geojson", outline) is None
