"""The derived gazetteer data are what their committed build scripts make, and are usable."""
from __future__ import annotations

import csv
import importlib.util
import json

import settings
from gazetteer import formcache
from gazetteer.index import matchable_names
from gazetteer.sources import default_sources, load_entries


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


def test_the_name_forms_cache_is_current_and_complete():
    forms = formcache.load()
    assert forms, "data/gazetteer/name_forms.tsv is stale: run python -m gazetteer.formcache"
    entries = load_entries(default_sources(settings.DATA_DIR))
    names = {n for e in entries for n in matchable_names(e)
             if e.source not in ("correction", "nominatim") and "\n" not in n and "\t" not in n}
    missing = sorted(n for n in names if n not in forms)
    assert not missing, f"{len(missing)} names lack forms (e.g. {missing[:3]}): run python -m gazetteer.formcache"


def test_the_cached_forms_are_the_computed_ones():
    from gazetteer.index import name_forms
    forms = formcache.load()
    sample = sorted(forms)[::500]
    assert all(forms[n] == tuple(name_forms(n)) for n in sample)
