"""The committed base-map GeoJSON (data/basemap/): Syria's outline, its neighbours, the rivers."""
from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

import settings

BASEMAP_DIR = settings.DATA_DIR / "basemap"
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
SYRIA_AREA_KM2 = 185_180  # official figure, Golan included
# Natural Earth's 50m rivers are generalised: the Euphrates line runs up to ~5.5 km from the
# centres of the towns on its banks.
RIVER_NEAR_TOWN_KM = 6.0
FRAME = box(33.0, 29.0, 45.0, 40.0)


def point(lat, lon):
    return Point(lon, lat)  # GeoJSON and shapely order: (lon, lat)


def metres(geoms):
    return gpd.GeoSeries(geoms, crs=4326).to_crs(LAEA_SYRIA)


@pytest.fixture(scope="module")
def syria():
    return gpd.read_file(BASEMAP_DIR / "syria.geojson")


@pytest.fixture(scope="module")
def neighbours():
    return gpd.read_file(BASEMAP_DIR / "neighbours.geojson")


@pytest.fixture(scope="module")
def rivers():
    return gpd.read_file(BASEMAP_DIR / "rivers.geojson")


def test_syria_is_one_valid_polygon_in_wgs84(syria):
    assert len(syria) == 1
    assert syria.crs.to_epsg() == 4326
    assert syria.geom_type.iloc[0] in {"Polygon", "MultiPolygon"}
    assert syria.is_valid.all()
    assert syria.iloc[0]["iso_n3"] == "760"


@pytest.mark.parametrize("town, lat, lon", [
    ("Damascus", 33.51, 36.29), ("Deir ez-Zor", 35.34, 40.14), ("Abu Kamal", 34.45, 40.92),
    ("Palmyra", 34.56, 38.28), ("Qamishli", 37.05, 41.23), ("al-Tanf", 33.50, 38.62),
])
def test_syria_contains_its_towns(syria, town, lat, lon):
    assert syria.geometry.iloc[0].contains(point(lat, lon)), town


@pytest.mark.parametrize("town, lat, lon", [
    ("Baghdad", 33.31, 44.36), ("Amman", 31.95, 35.93), ("Beirut", 33.89, 35.50),
    ("Al Qa'im", 34.39, 40.99), ("Gaziantep", 37.07, 37.38),
])
def test_syria_excludes_foreign_towns(syria, town, lat, lon):
    assert not syria.geometry.iloc[0].contains(point(lat, lon)), town


def test_syria_area_is_within_3_percent_of_the_official_figure(syria):
    area_km2 = syria.to_crs(LAEA_SYRIA).area.iloc[0] / 1e6
    assert abs(area_km2 - SYRIA_AREA_KM2) / SYRIA_AREA_KM2 < 0.03


def test_neighbours_are_valid_named_and_cut_to_the_frame(neighbours):
    assert {"Turkey", "Iraq", "Jordan", "Lebanon", "Israel"} <= set(neighbours["name"])
    assert "Syria" not in set(neighbours["name"])
    assert neighbours.is_valid.all()
    assert neighbours.geometry.within(FRAME.buffer(1e-6)).all()
    iso = dict(zip(neighbours["name"], neighbours["iso_n3"]))
    assert (iso["Turkey"], iso["Iraq"], iso["Jordan"], iso["Lebanon"]) == ("792", "368", "400", "422")


def test_neighbours_share_borders_with_syria_without_overlap(syria, neighbours):
    syria_m = metres([syria.geometry.iloc[0]]).iloc[0]
    for name in ("Turkey", "Iraq", "Jordan", "Lebanon"):
        other_m = metres([neighbours.loc[neighbours["name"] == name].geometry.iloc[0]]).iloc[0]
        assert syria_m.distance(other_m) < 1.0, name
        assert syria_m.intersection(other_m).area < 1e6, name  # under 1 km² of overlap


@pytest.mark.parametrize("town, lat, lon", [
    ("Raqqa", 35.95, 39.0), ("Deir ez-Zor", 35.34, 40.14), ("Mayadin", 35.02, 40.45),
    ("Abu Kamal", 34.45, 40.92),
])
def test_the_euphrates_runs_past_its_towns(rivers, town, lat, lon):
    euphrates = rivers.loc[rivers["name"] == "Euphrates"]
    assert len(euphrates) == 1
    distance_m = metres(list(euphrates.geometry)).distance(metres([point(lat, lon)]).iloc[0]).iloc[0]
    assert distance_m <= RIVER_NEAR_TOWN_KM * 1000, town


def test_rivers_are_lines_with_the_tigris_past_mosul(rivers):
    assert set(rivers.geom_type) <= {"LineString", "MultiLineString"}
    tigris = rivers.loc[rivers["name"] == "Tigris"]
    mosul_m = metres([point(36.34, 43.13)]).iloc[0]
    assert metres(list(tigris.geometry)).distance(mosul_m).min() <= RIVER_NEAR_TOWN_KM * 1000


@pytest.mark.parametrize("filename", ["syria.geojson", "neighbours.geojson", "rivers.geojson"])
def test_coordinates_are_rounded_to_5_decimals(filename):
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            yield from coords
        else:
            for c in coords:
                yield from walk(c)

    collection = json.loads((BASEMAP_DIR / filename).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        for value in walk(feature["geometry"]["coordinates"]):
            assert round(value, 5) == value
