"""The 2017 war map's markers (Wikipedia's detailed map module) as gazetteer places."""
from __future__ import annotations

import csv
import importlib.util
import math
from dataclasses import replace

import pytest

import settings
from gazetteer import Gazetteer, geoparse, resolve
from gazetteer.context import Context
from gazetteer.sources import Entry

FOLDER = settings.DATA_DIR / "gazetteer"


def _module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name):
    with open(FOLDER / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def km(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


@pytest.fixture(scope="module")
def build():
    return _module(FOLDER / "build_wpmodule_places.py")


@pytest.fixture(scope="module")
def places():
    return _rows("wpmodule_places.csv")


def test_the_places_file_is_what_its_build_script_writes(build, tmp_path):
    out = tmp_path / "wpmodule_places.csv"
    build.write(build.build(), out)
    assert out.read_bytes() == (FOLDER / "wpmodule_places.csv").read_bytes()


def test_the_transcription_is_well_formed_and_cited_by_page():
    rows = _rows("wpmodule_markers.csv")
    assert len(rows) > 5000
    assert list(rows[0]) == ["offset", "lat", "lon", "mark", "label", "article"]
    for row in rows:
        assert row["offset"].isdigit() and int(row["offset"]) % 16000 == 0
        assert "\t" not in "".join(row.values())


def test_every_place_is_readable_in_syria_or_near_it_and_cited(places, build):
    outline = build.Outline()
    assert len(places) > 5000 and len({r["id"] for r in places}) == len(places)
    for row in places:
        lat, lon = float(row["lat"]), float(row["lon"])
        assert outline.near(lat, lon), row
        assert row["name"] and "?" not in row["name"]
        assert "page offset" in row["source"] and "CC BY-SA 3.0" in row["source"]
    # A transcribed point outside the country (a misread longitude) never becomes a place.
    bad = [r for r in _rows("wpmodule_markers.csv") if build._number(r["lon"]) and not 30 < float(r["lon"]) < 45]
    assert bad
    kept = {(p["name"], float(p["lat"])) for p in places}
    assert all((b["label"], float(b["lat"])) not in kept for b in bad)


@pytest.mark.parametrize("mark, kind", [
    ("gov_hill", "hill"), ("SDF_hill", "hill"), ("gov_base", "site"), ("IS_air", "site"), ("gov_oil", "site"),
    ("IS_gas", "site"), ("SDF_industry", "site"), ("BSicon STRlg red.svg", "site"), ("pass_NE", "site"),
    ("gov", "village"), ("SDF", "village"), ("contested_gov_IS", "village"),
])
def test_the_marker_type_gives_the_kind(build, mark, kind):
    assert build.kind_of(mark)[0] == kind


def test_points_are_a_few_km_and_extended_features_more(places):
    for row in places:
        u = float(row["uncertainty_km"])
        assert 2.0 <= u <= 4.0 or (row["wpmodule"].lower().endswith(("_oil", "_gas")) and 5.0 <= u <= 8.0), row


@pytest.mark.parametrize("label, generic", [
    ("Communication Tower", True), ("Driving school", True), ("Armenian Cemetery", True), ("Old City", True),
    ("Fabric Factory", True), ("Grain Silos", True), ("Brigade 47", False), ("Tall Shahim", False),
    ("Shaer gas field", False), ("Kuweires Airbase", False),
])
def test_a_label_of_ordinary_english_words_is_generic(build, label, generic):
    assert build.is_generic(label) is generic


def test_a_marker_of_a_known_place_is_an_alias_of_it_not_a_second_place(places):
    gazetteer = Gazetteer.default()
    linked = [r for r in places if r["same_as"]]
    assert len(linked) > 1000
    for row in linked:
        entry = gazetteer.by_id[row["same_as"]]
        assert row["name"].casefold() in {n.casefold() for n in entry.names}, row
        assert entry.marked
        assert km(float(row["lat"]), float(row["lon"]), entry.lat, entry.lon) <= 25.0
    new_ids = {r["id"] for r in places if not r["same_as"]}
    assert all(gazetteer.by_id[i].id == i for i in list(new_ids)[:500])


def test_a_new_marker_is_a_cited_place_within_its_uncertainty(places):
    row = next(r for r in places if not r["same_as"] and r["name"] == "Bayr Al-Dayr")
    place = resolve(row["name"])
    assert place is not None and place.source == f"wpmodule:{row['name']}"
    assert km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) <= place.uncertainty_km


def test_a_generic_label_is_refused_alone_and_in_ordinary_english(places):
    row = next(r for r in places if r["name"] == "Communication Tower" and r["generic"] == "1")
    assert resolve("Communication Tower") is None
    text = "Fighters climbed a communication tower and the old city walls to watch the road."
    assert geoparse(text) == []


def test_a_generic_label_resolves_only_near_the_reports_places(places):
    row = next(r for r in places if r["name"] == "Communication Tower" and r["generic"] == "1")
    lat, lon = float(row["lat"]), float(row["lon"])
    gazetteer = Gazetteer.default()
    near = Context(points=((lat + 0.05, lon),))  # a place the report pins down ~6 km away
    far = Context(points=((lat + 1.0, lon),))  # ~110 km away
    found = gazetteer.resolve("Communication Tower", near)
    assert found is not None and km(found.lat, found.lon, lat, lon) <= found.uncertainty_km
    assert gazetteer.resolve("Communication Tower", far) is None
    assert gazetteer.resolve("communication tower", near) is None  # not written as a name


def _entry(id_, lat, lon, marked, source="ocha"):
    raw = {"wpmodule": "gov"} if marked else {}
    return Entry(id_, "Tall Qarqur", (), lat, lon, "village", "Hama", "SY", 0, 2.0, source, raw=raw)


def test_a_village_on_the_war_map_outranks_an_unmarked_homonym():
    marked, plain = _entry("wm:a", 35.5, 36.3, True, "wpmodule"), _entry("C9001", 36.6, 40.2, False)
    for entries in ([marked, plain], [plain, marked]):  # whichever comes first
        found = Gazetteer(entries).resolve("Tall Qarqur")
        assert found is not None and found.id == "wm:a"


def test_homonyms_nothing_tells_apart_are_refused():
    both = [_entry("wm:a", 35.5, 36.3, True, "wpmodule"), _entry("wm:b", 36.6, 40.2, True, "wpmodule")]
    neither = [_entry("C9001", 35.5, 36.3, False), _entry("C9002", 36.6, 40.2, False)]
    assert Gazetteer(both).resolve("Tall Qarqur") is None
    assert Gazetteer(neither).resolve("Tall Qarqur") is None


def test_the_reports_context_outranks_the_war_map_mark():
    entries = [_entry("wm:a", 35.5, 36.3, True, "wpmodule"), _entry("C9001", 36.6, 40.2, False)]
    found = Gazetteer(entries).resolve("Tall Qarqur", Context(points=((36.65, 40.25),)))
    assert found is not None and found.id == "C9001"


def test_a_marked_village_does_not_outrank_a_town_of_its_name():
    town = Entry("gn:1", "Tall Qarqur", (), 36.6, 40.2, "town", "Hasakah", "SY", 0, 3.0, "geonames")
    marked = _entry("wm:a", 35.5, 36.3, True, "wpmodule")
    for entries in ([marked, town], [town, marked]):
        found = Gazetteer(entries).resolve("Tall Qarqur")
        assert found is not None and found.id == "gn:1"
    # ... while the report's context still picks the village it is about.
    found = Gazetteer([marked, town]).resolve("Tall Qarqur", Context(points=((35.55, 36.35),)))
    assert found is not None and found.id == "wm:a"


@pytest.mark.parametrize("article, tells", [
    ("Cities and towns during the Syrian Civil War#Tall Qarqur", True),
    ("2016 Hama offensive#Tall Qarqur", True), ("Tall Qarqur#Syrian civil war", True),
    ("Tall Qarqur", False), ("Tall Qarqur, Hama", False),  # a page of its own, however named
    ("#Tall Qarqur", False), ("", False),  # an anchor of no page, no link
    ("Talk:Cities and towns during the Syrian Civil War/Archive 9#Tall Qarqur", False),  # a discussion
])
def test_a_link_to_an_articles_section_tells_the_war_history(build, article, tells):
    assert build.tells_war_history(article) is tells


def test_a_repeated_marker_keeps_the_war_history_of_any_of_its_copies(build):
    outline = build.Outline()
    row = dict(offset="0", lat="35.5", lon="36.3", mark="gov", label="Tall Qarqur", article="Tall Qarqur")
    again = dict(row, lat="35.51", article="2016 Hama offensive#Tall Qarqur")  # ~1 km off: the same place
    kept = build.usable([row, again], outline)
    assert len(kept) == 1 and kept[0]["war_history"]


def _with_history(entry):
    return replace(entry, raw={**entry.raw, "war_history": "1"})


def test_a_village_with_a_war_history_outranks_a_homonym_the_map_only_marks():
    told = _with_history(_entry("C9001", 35.5, 36.3, True))  # an OCHA village its marker is folded into
    marked = _entry("wm:b", 36.6, 40.2, True, "wpmodule")
    for entries in ([told, marked], [marked, told]):
        found = Gazetteer(entries).resolve("Tall Qarqur")
        assert found is not None and found.id == "C9001"
    # The report's context still outranks it ...
    found = Gazetteer([told, marked]).resolve("Tall Qarqur", Context(points=((36.65, 40.25),)))
    assert found is not None and found.id == "wm:b"
    # ... a marker no other source holds (often a town's second point) has no such premium ...
    alone = _with_history(_entry("wm:a", 35.5, 36.3, True, "wpmodule"))
    assert Gazetteer([alone, marked]).resolve("Tall Qarqur") is None
    # ... and a spelling guess at a name stays a coin toss between villages, however notable one.
    villages = [Entry(f"C{n}", "Kafr Nabudah", (), lat, 36.3, "village", "Hama", "SY", 0, 2.0, "ocha",
                      raw={"wpmodule": "gov", "war_history": "1" if n == 1 else "0"}) for n, lat in ((1, 35.5), (2, 36.6))]
    assert Gazetteer(villages).resolve("Kafr Nabudah").id == "C1"
    assert Gazetteer(villages).resolve("Kafr Nabutha") is None


def test_a_war_history_does_not_lift_a_site_over_the_place_a_report_means():
    base = Entry("wm:s", "Tall Qarqur", (), 35.5, 36.3, "site", "Hama", "SY", 0, 3.0, "wpmodule",
                 raw={"wpmodule": "gov_base", "war_history": "1"})
    town = Entry("gn:1", "Tall Qarqur", (), 36.6, 40.2, "town", "Hasakah", "SY", 0, 3.0, "geonames")
    found = Gazetteer([base, town]).resolve("Tall Qarqur")
    assert found is not None and found.id == "gn:1"


def test_the_war_maps_accounts_of_fighting_are_in_the_places_file(places):
    told = [r for r in places if r["war_history"] == "1"]
    assert 150 < len(told) < 600 and {r["war_history"] for r in places} == {"0", "1"}
    # Each is one that a marker of its label links to a section of an article.
    linked = {r["label"] for r in _rows("wpmodule_markers.csv") if "#" in r["article"]}
    assert all(r["name"] in linked for r in told)


def _marker(label, lat=35.0, lon=37.0):
    return dict(label=label, lat=lat, lon=lon)


@pytest.mark.parametrize("label, alias", [
    ("Qasr Zahra Army Base", "Qasr Zahra|Qasr Zahra base"),
    ("Abandoned Tall Bakr Military Airbase", "Tall Bakr|Tall Bakr airbase"),
    ("Umm Rafa Grain Silos", "Umm Rafa|Umm Rafa silos"),
    ("Jurat Haddad district", "Jurat Haddad"),
    ("Qasr Zahra Checkpoint", ""),  # not a base, an air field, silos or a quarter
    ("Signal army base", ""), ("Grain Silos", ""),  # ordinary words only
    ("Hattin Brigade Base", ""),  # named after a unit
])
def test_a_facility_labels_place_name_is_its_alias(build, label, alias):
    assert build.facility_alias(_marker(label), ({}, {}), {}) == alias


def test_no_alias_where_another_place_of_the_name_lies_near(build):
    village = Entry("C9", "Qasr Zahra", (), 35.05, 37.0, "village", "Hama", "SY", 0, 2.0, "ocha")
    tables = build.key_table([village])  # ~6 km from the base
    assert build.facility_alias(_marker("Qasr Zahra Army Base"), tables, {}) == ""
    far = build.key_table([Entry("C9", "Qasr Zahra", (), 36.0, 37.0, "village", "Hama", "SY", 0, 2.0, "ocha")])
    assert build.facility_alias(_marker("Qasr Zahra Army Base"), far, {}) == "Qasr Zahra|Qasr Zahra base"


def test_the_bare_name_of_a_war_map_base_resolves_to_the_base():
    for name in ("Rahbat Shuqaif", "the Rahbat Shuqaif base"):
        found = resolve(name)
        assert found is not None and found.kind == "site" and found.source.startswith("wpmodule:"), name
