"""The derived gazetteer data are what their committed build scripts make, and are usable."""
from __future__ import annotations

import csv
import importlib.util
import json

import settings
from gazetteer import compiled
from gazetteer.index import TABLES, NameIndex
from gazetteer.sources import load_entries, static_sources


def _module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ocha_communities_csv_is_what_its_build_script_writes(shared_dir, tmp_path):
    build = _module(settings.DATA_DIR / "gazetteer" / "build_ocha_communities.py")
    out = tmp_path / "ocha.csv"
    build.write(build.build(shared_dir), out)
    assert out.read_bytes() == (settings.DATA_DIR / "gazetteer" / "ocha_communities.csv").read_bytes()


def test_the_ocha_communities_are_cited_and_well_formed():
    with open(settings.DATA_DIR / "gazetteer" / "ocha_communities.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5251 and len({r["id"] for r in rows}) == 5251
    for row in rows:
        assert row["id"].startswith("C") and f"P-code {row['id']}" in row["source"] and "OCHA" in row["source"]
        assert 32.0 < float(row["lat"]) < 37.5 and 35.5 < float(row["lon"]) < 42.5
        assert "\ufffd" not in row["name_ar"]
        assert row["governorate"] and row["district_pcode"].startswith("SY")


def test_the_admin_files_are_what_their_build_script_writes(shared_dir, tmp_path):
    build = _module(settings.DATA_DIR / "admin" / "build_admin.py")
    levels = build.build(shared_dir)
    for level, name in (("governorate", "governorates"), ("district", "districts"),
                        ("subdistrict", "subdistricts"), ("neighbourhood", "neighbourhoods")):
        out = tmp_path / f"{name}.geojson"
        build.write_geojson(levels[level], out)
        assert out.read_bytes() == (settings.DATA_DIR / "admin" / f"{name}.geojson").read_bytes(), name
    rows = [*levels["governorate"], *levels["district"], *levels["subdistrict"], *levels["neighbourhood"],
            *levels["city_area"]]
    out = tmp_path / "areas.csv"
    build.write_csv(rows, out)
    assert out.read_bytes() == (settings.DATA_DIR / "admin" / "areas.csv").read_bytes()


def test_the_admin_geojson_keeps_the_contract_and_stays_small():
    total = 0
    for name, level, count in (("governorates", "governorate", 14), ("districts", "district", 62),
                               ("subdistricts", "subdistrict", 272), ("neighbourhoods", "neighbourhood", 414)):
        path = settings.DATA_DIR / "admin" / f"{name}.geojson"
        total += path.stat().st_size
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and len(data["features"]) == count
        for feature in data["features"]:
            p = feature["properties"]
            assert {"pcode", "name", "name_ar", "level", "parent_pcode"} <= set(p)
            assert p["level"] == level and feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert total < 2_000_000


def test_the_committed_index_is_current():
    assert compiled.load() is not None, "data/gazetteer/index.tsv is stale: run python -m gazetteer.compiled"


def test_the_committed_index_is_the_one_the_sources_make(tmp_path):
    built = NameIndex.build(load_entries(static_sources(settings.DATA_DIR)))
    loaded = compiled.load()
    assert [e.id for e in loaded.entries] == [e.id for e in built.entries]
    sample = range(0, len(built.entries), 97)
    for position in sample:
        a, b = loaded.entries[position], built.entries[position]
        assert (a.name, a.names, a.main_names, a.lat, a.lon, a.kind, a.governorate, a.population, a.pcode,
                a.uncertainty_km, a.level) == (b.name, b.names, b.main_names, b.lat, b.lon, b.kind, b.governorate,
                                              b.population, b.pcode, b.uncertainty_km, b.level)
        assert loaded.groups(position) == built.groups(position)
    for name in TABLES:
        built_table, loaded_table = built._tables[name], loaded._tables[name]
        assert loaded_table.keys() == built_table.keys(), name
        for form in built_table.keys()[::53]:
            assert loaded_table[form] == built_table[form], (name, form)


def test_an_entry_added_to_a_loaded_index_is_found_and_replaces_its_namesake():
    from gazetteer.sources import CsvSource
    index = compiled.load()
    row = {"id": "co:test-place", "name": "Tal Qwertzuiop", "lat": "35.1", "lon": "38.2", "kind": "hill"}
    position = index.add(CsvSource(settings.DATA_DIR / "none.csv", "correction").entry_of(row))
    from gazetteer.spelling import latin_key
    assert index.by_fold.get("tal qwertzuiop") == [position] and latin_key("Tal Qwertz") in index.spell_prefixes
    moved = {**row, "name": "Tal Asdfghjkl"}
    assert index.add(CsvSource(settings.DATA_DIR / "none.csv", "correction").entry_of(moved)) == position
    assert index.by_fold.get("tal qwertzuiop") is None and index.by_fold.get("tal asdfghjkl") == [position]


def test_the_roads_are_what_their_build_script_writes_and_their_rows_sit_at_the_middle():
    build = _module(settings.DATA_DIR / "gazetteer" / "build_roads.py")
    roads = build.build()
    assert json.dumps(roads, ensure_ascii=False, indent=1) + "\n" == \
        (settings.DATA_DIR / "gazetteer" / "roads.geojson").read_text(encoding="utf-8")
    with open(settings.DATA_DIR / "gazetteer" / "curated.csv", newline="", encoding="utf-8") as f:
        curated = {r["id"]: r for r in csv.DictReader(f)}
    for feature in roads["features"]:
        row = curated[feature["properties"]["id"]]
        assert [float(row["lat"]), float(row["lon"])] == feature["properties"]["middle"]
        # A road's row stands for the whole line: as uncertain as half its length.
        assert abs(float(row["uncertainty_km"]) - feature["properties"]["length_km"] / 2) <= 1
