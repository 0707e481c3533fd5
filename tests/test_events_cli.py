"""The command-line contract: ``python -m events extract FILE... [--date] --json`` and ``ingest``."""
from __future__ import annotations

import json
import subprocess
import sys

import settings

CONTRACT_KEYS = ["doc", "date_start", "date_end", "date_precision", "action", "actor", "target", "place", "lat",
                 "lon", "uncertainty_km", "unit", "certainty", "start", "end", "confidence"]
REPORT = ("On 14 March 2017, the Syrian Army captured Palmyra after heavy clashes with ISIS. "
          "Two days later Russian jets struck ISIS positions near Arak.\n")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "events", *args], capture_output=True, text=True,
                          cwd=settings.REPO_ROOT, timeout=120)


def test_extract_json_prints_one_contract_object_per_event(tmp_path):
    path = tmp_path / "march.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(list(row) == CONTRACT_KEYS for row in rows)
    capture = next(r for r in rows if r["action"] == "capture")
    assert (capture["doc"], capture["actor"], capture["date_start"], capture["date_precision"]) == (
        "march.txt", "government", "2017-03-14", "day")
    assert 34 < capture["lat"] < 35 and 38 < capture["lon"] < 39
    assert REPORT[capture["start"]:capture["end"]].startswith("On 14 March 2017")
    strike = next(r for r in rows if r["action"] == "airstrike")
    assert strike["date_start"] == "2017-03-16"


def test_extract_date_option_sets_the_report_date(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("The Syrian Army captured Palmyra on Wednesday.\n", encoding="utf-8")
    result = run("extract", str(path), "--date", "2017-06-02", "--json")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["date_start"], row["date_end"]) == ("2017-05-31", "2017-05-31")


def test_a_bad_file_fails_alone_with_a_clear_message(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cp1252.txt").write_bytes("Les troupes ont avancé.".encode("cp1252"))
    result = run("extract", str(tmp_path / "empty.txt"), str(good), str(tmp_path / "cp1252.txt"), "--json")
    assert result.returncode != 0
    assert "empty.txt: the file is empty" in result.stderr and "cp1252.txt: not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"good.txt"}


def test_extract_without_json_prints_a_table(tmp_path):
    path = tmp_path / "march.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("extract", str(path))
    assert result.returncode == 0 and "march.txt:" in result.stdout and "capture" in result.stdout


def test_ingest_reports_a_summary_and_export_writes_the_store(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "march.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    assert "documents: 1 added" in result.stdout and "events:" in result.stdout
    assert "unresolved place names" in result.stdout and "empty.txt" in result.stderr
    again = run("ingest", str(folder / "march.txt"), "--db", str(db))
    assert again.returncode == 0 and "1 already in the store" in again.stdout
    exported = run("export", str(tmp_path / "out.geojson"), "--db", str(db))
    assert exported.returncode == 0
    assert json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
