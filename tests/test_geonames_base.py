"""The committed GeoNames base (data/gazetteer/geonames_base.csv): complete, governed, clean."""
from __future__ import annotations

import csv
import importlib.util
import json
import unicodedata

import geopandas as gpd
import pytest
from shapely.geometry import Point

import settings

BASE_PATH = settings.DATA_DIR / "gazetteer" / "geonames_base.csv"
BUILD_SCRIPT = settings.DATA_DIR / "gazetteer" / "build_geonames_base.py"
ENGLISH_NAMES_PATH = settings.DATA_DIR / "gazetteer" / "english_names.csv"
GOVERNORATES = {
    "Damascus", "Rif Dimashq", "Quneitra", "Daraa", "As-Suwayda", "Homs", "Hama", "Tartus",
    "Latakia", "Idlib", "Aleppo", "Raqqa", "Deir ez-Zor", "Al-Hasakah",
}
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"


@pytest.fixture(scope="module")
def rows():
    with open(BASE_PATH, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def by_id(rows):
    return {r["id"]: r for r in rows}


def names_of(row):
    return {row["name"], *row["aliases"].split("|")} - {""}


@pytest.fixture(scope="module")
def english_names():
    with open(ENGLISH_NAMES_PATH, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("geonameid, english, geonames_name", [
    (163808, "Palmyra", "Tadmur"), (174448, "Abu Kamal", "Ālbū Kamāl"), (173480, "Mayadin", "Al Mayādīn"),
    (170794, "Deir ez-Zor", "Deir ez-Zor"), (172955, "Raqqa", "Ar Raqqah"), (170017, "Hama", "Ḩamāh"),
])
def test_rows_carry_the_english_name_and_keep_the_geonames_name_as_an_alias(by_id, geonameid, english, geonames_name):
    row = by_id[f"gn:{geonameid}"]
    assert (row["name"], row["geonames_name"]) == (english, geonames_name)
    assert english == geonames_name or geonames_name in row["aliases"].split("|")


def test_every_display_name_is_an_override_or_plain_ascii(rows, english_names):
    overridden = {f"gn:{r['geonameid']}": r["english_name"] for r in english_names}
    for row in rows:
        assert row["name"] == overridden.get(row["id"], row["name"]) and row["name"].isascii(), row["id"]
    assert {r["id"] for r in rows} >= set(overridden)


def test_english_name_overrides_cite_their_source_once_each(english_names):
    ids = [r["geonameid"] for r in english_names]
    assert len(ids) == len(set(ids)) and ids == sorted(ids, key=int)
    assert all(r["english_name"].strip() and r["source"].startswith("https://en.wikipedia.org/wiki/")
               for r in english_names)


def test_every_syrian_row_has_one_of_the_14_governorates(rows):
    syrian = [r for r in rows if r["country"] == "SY"]
    assert len(syrian) >= 300
    assert {r["governorate"] for r in syrian} == GOVERNORATES


@pytest.mark.parametrize("geonameid, known_as, governorate", [
    (163808, "Palmyra", "Homs"),
    (170794, "Deir ez-Zor", "Deir ez-Zor"),
    (173480, "Mayadin", "Deir ez-Zor"),
    (174448, "Abu Kamal", "Deir ez-Zor"),
    (172955, "Raqqa", "Raqqa"),
    (170063, "Aleppo", "Aleppo"),
    (170654, "Damascus", "Damascus"),
    (173811, "Al Hasakah", "Al-Hasakah"),
    (169389, "Idlib", "Idlib"),
    (170905, "Daraa", "Daraa"),
    (172408, "As-Suwayda", "As-Suwayda"),
    (173334, "Quneitra", "Quneitra"),
    (163345, "Tartus", "Tartus"),
    (173576, "Latakia", "Latakia"),
    (170017, "Hama", "Hama"),
    (170592, "Douma", "Rif Dimashq"),
])
def test_known_places_sit_in_their_governorate(by_id, geonameid, known_as, governorate):
    row = by_id[f"gn:{geonameid}"]
    assert known_as.casefold() in {n.casefold() for n in names_of(row)}
    assert row["governorate"] == governorate


def test_deir_ez_zor_has_arabic_and_variant_latin_aliases(by_id):
    names = names_of(by_id["gn:170794"])
    assert "دير الزور" in names
    assert {"Dayr az-Zawr", "Deir al-Zour"} <= names


def test_aliases_are_latin_or_arabic_script_only(rows):
    for row in rows:
        for alias in row["aliases"].split("|"):
            for char in alias:
                if char.isalpha() and unicodedata.category(char) != "Lm":
                    assert unicodedata.name(char).startswith(("LATIN", "ARABIC")), (row["id"], alias)


def test_ids_are_unique_geonames_ids(rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("gn:") and i[3:].isdigit() for i in ids)


def test_kind_follows_population_or_capital_rule(rows, by_id):
    for row in rows:
        population = int(row["population"])
        if population >= 100_000:
            assert row["kind"] == "city", row["id"]
        elif population >= 5_000:
            assert row["kind"] in {"city", "town"}, row["id"]
        else:
            assert row["kind"] in {"city", "village"}, row["id"]
    # Quneitra is a governorate capital with a small population.
    assert by_id["gn:173334"]["kind"] == "city"
    assert by_id["gn:163808"]["kind"] == "town"


def test_neighbour_rows_lie_in_the_border_strip_or_are_the_regions_cities_abroad(rows):
    outline_m = gpd.read_file(settings.DATA_DIR / "basemap" / "syria.geojson").to_crs(LAEA_SYRIA).union_all()
    foreign = [r for r in rows if r["country"] != "SY"]
    assert {r["country"] for r in foreign} == {"IQ", "JO", "LB", "TR"}
    points_m = gpd.GeoSeries([Point(float(r["lon"]), float(r["lat"])) for r in foreign],
                             crs=4326).to_crs(LAEA_SYRIA)
    for row, distance_m in zip(foreign, points_m.distance(outline_m)):
        if row["abroad"]:  # beyond the strip: a city of the region, no nearer than the strip
            assert 60_000 < distance_m <= 420_000 and int(row["population"]) >= 20_000, row["id"]
        else:
            assert distance_m <= 60_000, row["id"]
    assert not any(r["abroad"] for r in rows if r["country"] == "SY")
    names = {n for r in foreign for n in names_of(r)}
    abroad = {n for r in foreign if r["abroad"] for n in names_of(r)}
    assert "Al Qa'im" in names and "Al Qa'im" not in abroad  # the Iraqi border town facing Abu Kamal
    assert {"Mosul", "Baghdad", "Erbil"} <= abroad and "Ankara" not in names
    assert {"Tikrit", "Ar Rutbah"} <= abroad  # towns of 20,000+ named in reports of the war next door
    # ... but none whose name is a Syrian place's, as written or misspelt (Daraa's Izra', Hama's Suran)
    assert not {"Izra", "Soran", "Ma'an"} & abroad
    assert "Salaheddin" not in abroad  # an alias of Iraq's Pirmam, and Aleppo's Salah ad-Din quarter


def test_a_town_abroad_is_no_mention_and_takes_no_syrian_name():
    from gazetteer import geoparse, resolve
    assert resolve("Tikrit").country == "IQ"
    assert [m.text for m in geoparse("Iraqi troops left Tikrit for Raqqa.")] == ["Raqqa"]
    assert resolve("Izra'").country == "SY" and resolve("Soran").country == "SY"
    assert resolve("Salaheddin").country == "SY"  # a smaller town abroad answers to its names as written only


def test_committed_csv_is_what_the_build_script_writes(rows):
    spec = importlib.util.spec_from_file_location("build_geonames_base", BUILD_SCRIPT)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    cities = list(json.loads(build.CITIES_PATH.read_text(encoding="utf-8")).values())
    rebuilt = build.build_rows(cities, build.SYRIA_OUTLINE)
    assert [{k: str(v) for k, v in r.items()} for r in rebuilt] == rows


@pytest.mark.parametrize("kurdish, arabic", [
    ("Serêkaniyê", "Ras al-Ayn"), ("Serê Kaniyê", "Ras al-Ayn"), ("Girê Spî", "Tell Abyad"), ("Til Temir", "Tell Tamer"),
    ("Qamişlo", "Qamishli"), ("Dirbêsiyê", "Ad Darbasiyah")])  # not Efrîn: OCHA has a village Efrin
def test_a_towns_kurdish_name_is_the_town(kurdish, arabic):
    from gazetteer import geoparse, resolve
    town = resolve(arabic)
    assert resolve(kurdish).id == town.id
    found = [m.place.id for m in geoparse(f"Fighters held out in {kurdish} on the eighth day of the assault.")]
    assert found == [town.id]


def test_kurdish_names_cite_one_article_each():
    rows = list(csv.DictReader(open(settings.DATA_DIR / "gazetteer" / "kurdish_names.csv", encoding="utf-8")))
    assert rows and all(r["source"].startswith("https://en.wikipedia.org/wiki/") and r["kurdish_names"] for r in rows)
    assert len({r["geonameid"] for r in rows}) == len(rows)
