"""The SQLite event store: idempotent, transactional ingest; decisions; exports."""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

import pytest

from events import store
from events.documents import parse_document
from events.export import export
from events.extract import extract
from events.ingest import ingest
from gazetteer.place import Mention, Place

REPORT = "date 2017-06-10\n\nOn 3 June the army captured Kafr Nabl. On 5 June ISIS attacked Sabkhah.\n"
PLACES = {"Kafr Nabl": (35.61, 36.56), "Sabkhah": (35.79, 38.89)}


def finder(text: str) -> list[Mention]:
    found = []
    for name, (lat, lon) in PLACES.items():
        for m in re.finditer(name, text):
            found.append(Mention(m.start(), m.end(), name, Place(name, lat, lon, "town", None, "test", 2.0, id=name)))
    return sorted(found, key=lambda m: m.start)


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    return folder


def snapshot(db) -> dict:
    return {**store.counts(db), "events": sorted(e.id for e in store.load_events(db))}


def test_ingest_stores_documents_and_events(reports, tmp_path):
    db = tmp_path / "s.db"
    summary = ingest([reports], db, place_finder=finder, progress=False)
    assert (summary.documents_added, summary.events_added, summary.errors) == (1, 2, [])
    events = store.load_events(db)
    assert {(e.action, e.place) for e in events} == {("capture", "Kafr Nabl"), ("attack", "Sabkhah")}
    [document] = store.list_documents(db)
    assert (document["name"], document["date"], document["events"]) == ("good.txt", "2017-06-10", 2)
    assert store.document_text(document["id"], db) == REPORT


def test_ingesting_the_same_document_twice_adds_nothing(reports, tmp_path):
    db = tmp_path / "s.db"
    ingest([reports], db, place_finder=finder, progress=False)
    before = snapshot(db)
    (reports / "copy.txt").write_text(REPORT, encoding="utf-8")
    summary = ingest([reports], db, place_finder=finder, progress=False)
    assert (summary.documents_added, summary.documents_already_stored) == (0, 2)
    assert snapshot(db) == before


def test_a_failure_while_writing_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "s.db"
    document = parse_document(REPORT.encode(), "r.txt")
    events = list(extract(document, finder).events)

    def failing():
        yield events[0]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.add_document(document, failing(), db)
    assert store.counts(db) == {"documents": 0, "events": 0, "decisions": 0}
    assert store.add_document(document, events, db) == 2


@pytest.mark.parametrize("name, content", [
    ("empty.txt", b""),
    ("binary.txt", b"\x00\x01\x02\x03" * 10),
    ("latin1.txt", "Les forces ont avancé.".encode("latin-1")),
])
def test_bad_files_are_reported_and_change_nothing(reports, tmp_path, name, content):
    db = tmp_path / "s.db"
    ingest([reports], db, place_finder=finder, progress=False)
    before = snapshot(db)
    (reports / name).write_bytes(content)
    summary = ingest([reports / name], db, place_finder=finder, progress=False)
    assert len(summary.errors) == 1 and name in summary.errors[0]
    assert snapshot(db) == before


def test_a_huge_file_is_reported_and_the_rest_still_ingested(reports, tmp_path):
    db = tmp_path / "s.db"
    with open(reports / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    summary = ingest([reports], db, place_finder=finder, progress=False)
    assert summary.documents_added == 1 and any("huge.txt" in e and "MB" in e for e in summary.errors)


def test_decisions_apply_to_loaded_events(reports, tmp_path):
    db = tmp_path / "s.db"
    ingest([reports], db, place_finder=finder, progress=False)
    capture, attack = sorted(store.load_events(db), key=lambda e: e.action)[::-1]
    store.record_decision(capture.id, "accepted", path=db)
    store.record_decision(attack.id, "corrected", {"action": "clash", "date_end": "2017-06-06"}, path=db)
    loaded = {e.id: e for e in store.load_events(db)}
    assert loaded[capture.id].status == "accepted"
    assert (loaded[attack.id].status, loaded[attack.id].action, loaded[attack.id].date_end) == (
        "corrected", "clash", date(2017, 6, 6))
    with pytest.raises(ValueError):
        store.record_decision(attack.id, "corrected", {"actor": "nobody"}, path=db)
    with pytest.raises(ValueError):
        store.record_decision(attack.id, "maybe", path=db)
    with pytest.raises(KeyError):
        store.record_decision("no-such-event", "rejected", path=db)
    assert store.counts(db)["decisions"] == 2


def test_exports_csv_geojson_and_geopackage(reports, tmp_path):
    db = tmp_path / "s.db"
    ingest([reports], db, place_finder=finder, progress=False)
    events = store.load_events(db)
    assert export(events, tmp_path / "e.csv") == 2
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0].startswith("id,doc,date_start")
    export(events, tmp_path / "e.geojson")
    collection = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    coordinates = {f["properties"]["place"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert coordinates["Kafr Nabl"] == [36.56, 35.61]  # GeoJSON order: lon, lat
    export(events, tmp_path / "e.gpkg")
    with sqlite3.connect(tmp_path / "e.gpkg") as gpkg:
        assert gpkg.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    with pytest.raises(ValueError, match="unknown export format"):
        export(events, tmp_path / "e.xlsx")
