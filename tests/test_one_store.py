"""One store: the commands that read events draw what the page draws, the page's store included.

A report accepted in the page lands in the store (``frontline.db`` or ``$FRONTLINE_DB``); the map
commands read it by default (``settings.store_to_read``), or the store of ``--db FILE``;
``events export --format jsonl`` writes the accepted events in the form ``--events FILE`` reads.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

import settings
from events import store
from events.documents import parse_document
from events.model import Event

# Abu Kamal, held by the government from 19 November 2017 in the default data; a made-up report
# hands it to ISIL on 1 December, which only a reader of the store can know.
ABU_KAMAL = ("Abu Kamal", 34.45226, 40.91854, "gn:174448")
REPORT = "Field notes, 2 December 2017.\n\nOn 1 December ISIL fighters took Abu Kamal back.\n"
DAY = "2017-12-02"


def _event(doc: str, status: str) -> Event:
    name, lat, lon, place_id = ABU_KAMAL
    return Event(id="ev:test-abu-kamal", doc=doc, date_start=date(2017, 12, 1), date_end=date(2017, 12, 1),
                 date_precision="day", action="recapture", actor="isil", target="government", place=name,
                 lat=lat, lon=lon, uncertainty_km=2.0, unit=None, certainty="stated", start=31, end=80,
                 confidence=0.9, place_id=place_id, status=status)


@pytest.fixture
def page_store(tmp_path):
    """A store as the page leaves it after the analyst accepted the report's one event."""
    path = tmp_path / "frontline.db"
    document = parse_document(REPORT.encode(), "field-notes.txt", doc_date=date(2017, 12, 2))
    event = _event(document.name, "pending")
    store.add_document(document, [event], path)
    store.record_decision(event.id, "accepted", None, path)
    return path


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", *args], cwd=settings.REPO_ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def holder(stdout: str, place: str = "Abu Kamal") -> str:
    rows = [json.loads(line) for line in stdout.splitlines()]
    return next(r["faction"] for r in rows if r["place"] == place)


def test_the_map_commands_read_the_pages_store_by_default_and_with_db(page_store, tmp_path):
    defaults = run("layers", "control", "--date", DAY, "--json", env={"FRONTLINE_DB": str(tmp_path / "none.db")})
    assert defaults.returncode == 0, defaults.stderr
    assert holder(defaults.stdout) == "government"
    assert not (tmp_path / "none.db").exists(), "reading must not create a store"

    by_default = run("layers", "control", "--date", DAY, "--json", env={"FRONTLINE_DB": str(page_store)})
    assert by_default.returncode == 0, by_default.stderr
    assert holder(by_default.stdout) == "isil"

    explicit = run("layers", "control", "--date", DAY, "--json", "--db", str(page_store),
                   env={"FRONTLINE_DB": str(tmp_path / "none.db")})
    assert holder(explicit.stdout) == "isil"


def test_a_rejected_event_stays_off_the_map(page_store, tmp_path):
    store.record_decision("ev:test-abu-kamal", "rejected", None, page_store)
    result = run("layers", "control", "--date", DAY, "--json", "--db", str(page_store))
    assert holder(result.stdout) == "government"


def test_a_mistyped_db_is_a_clear_error():
    result = run("layers", "area", "--date", DAY, "--db", "no-such-store.db")
    assert result.returncode != 0
    assert "no such store" in result.stderr and "Traceback" not in result.stderr


def test_events_export_jsonl_is_what_events_reads(page_store, tmp_path):
    out = tmp_path / "accepted.jsonl"
    exported = run("events", "export", str(out), "--db", str(page_store), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (row["place"], row["actor"], row["date_start"], row["status"]) == ("Abu Kamal", "isil", "2017-12-01",
                                                                               "accepted")
    # --events replaces the defaults: Abu Kamal is the only place an event names.
    drawn = run("layers", "control", "--date", DAY, "--json", "--events", str(out))
    assert drawn.returncode == 0, drawn.stderr
    assert holder(drawn.stdout) == "isil"


def test_control_json_piped_into_head_ends_quietly():
    result = subprocess.run(f"{sys.executable} -m layers control --date {DAY} --json | head -n 2", shell=True,
                            cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=300,
                            executable="/bin/bash")
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""
    piped = subprocess.run(f"set -o pipefail; {sys.executable} -m layers control --date {DAY} --json | head -n 1",
                           shell=True, cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=300,
                           executable="/bin/bash")
    assert piped.returncode == 0, piped.stderr


def test_store_to_read_prefers_the_flag_then_the_pages_store(monkeypatch, tmp_path):
    missing, present = tmp_path / "missing.db", tmp_path / "present.db"
    present.write_bytes(b"")
    monkeypatch.setattr(settings, "STORE_PATH", missing)
    assert settings.store_to_read() is None
    monkeypatch.setattr(settings, "STORE_PATH", present)
    assert settings.store_to_read() == present
    assert settings.store_to_read(present) == present
    with pytest.raises(ValueError, match="no such store"):
        settings.store_to_read(missing)
