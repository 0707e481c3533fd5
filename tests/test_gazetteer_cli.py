"""The command-line contract: ``python -m gazetteer resolve|geoparse`` from the repository root."""
from __future__ import annotations

import json
import subprocess
import sys

import settings

RESOLVE_KEYS = {"query", "name", "lat", "lon", "kind", "governorate", "source", "uncertainty_km", "score"}
GEOPARSE_KEYS = {"doc", "start", "end", "text", "name", "lat", "lon", "kind", "uncertainty_km", "score"}


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gazetteer", *args], cwd=settings.REPO_ROOT,
                          input=stdin, capture_output=True, text=True, timeout=120)


def lines_of(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_resolve_json_gives_one_object_per_name_with_the_contract_fields():
    result = run("resolve", "Mayadeen", "Deir Ezzor", "--json")
    assert result.returncode == 0, result.stderr
    rows = lines_of(result)
    assert [r["query"] for r in rows] == ["Mayadeen", "Deir Ezzor"]
    for row in rows:
        assert set(row) == RESOLVE_KEYS
        assert isinstance(row["lat"], float) and isinstance(row["lon"], float)
        assert 0 <= row["score"] <= 1 and row["uncertainty_km"] > 0
    assert abs(rows[0]["lat"] - 35.02) < 0.05 and abs(rows[0]["lon"] - 40.45) < 0.05


def test_an_unresolved_name_gives_nulls_and_suggestions():
    rows = lines_of(run("resolve", "--json", "Tiger Forces", "Maskna"))
    for row in rows:
        assert row["name"] is None and row["lat"] is None and row["lon"] is None
        assert set(row) == RESOLVE_KEYS | {"suggestions"}
        assert all(row[k] is None for k in RESOLVE_KEYS - {"query"})
        assert isinstance(row["suggestions"], list)
    assert "Maskanah" in rows[1]["suggestions"]


def test_resolve_reads_names_from_stdin_in_order():
    names = ["Raqqa", "Xqzvrt", "T-2 Station", "البوكمال", "Palmyra"]
    rows = lines_of(run("resolve", "--json", stdin="\n".join(names) + "\n"))
    assert [r["query"] for r in rows] == names
    assert [r["name"] is not None for r in rows] == [True, False, True, True, True]


def test_resolve_prints_a_readable_table_by_default():
    result = run("resolve", "Sukhnah", "Zuluf dam")
    header, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["query", "name", "lat"]
    assert len(rows) == 2 and rows[0].startswith("Sukhnah") and "Zalaf" in rows[1]


def test_resolve_accepts_a_context_text():
    rows = lines_of(run("resolve", "--json", "Hamidiyah", "--context", "Shelling hit Tartus and Baniyas."))
    assert rows[0]["governorate"] == "Tartus"


def test_geoparse_json_gives_one_object_per_mention(seed_paths):
    path = seed_paths[0]
    text = path.read_text(encoding="utf-8")
    result = run("geoparse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    rows = lines_of(result)
    assert len(rows) > 10
    for row in rows:
        assert set(row) == GEOPARSE_KEYS
        assert row["doc"] == path.name
        assert text[row["start"]:row["end"]] == row["text"]


def test_geoparse_reports_bad_files_and_still_processes_the_others(tmp_path, seed_paths):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 in Raqqa".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    good = seed_paths[1]
    result = run("geoparse", str(missing), str(binary), str(latin1), str(good), "--json")
    assert result.returncode != 0
    for bad in (missing, binary, latin1):
        assert bad.name in result.stderr
    assert "Traceback" not in result.stderr
    assert {r["doc"] for r in lines_of(result)} == {good.name}


def test_geoparse_reads_html_reports_keeping_offsets(tmp_path):
    page = tmp_path / "report.html"
    page.write_text("<html><body><p>The army entered <b>Mayadin</b> today.</p></body></html>", encoding="utf-8")
    rows = lines_of(run("geoparse", str(page), "--json"))
    text = page.read_text(encoding="utf-8")
    assert [r["text"] for r in rows] == ["Mayadin"]
    assert text[rows[0]["start"]:rows[0]["end"]] == "Mayadin"


def test_geoparse_stops_a_report_past_its_time_budget_naming_it_and_reads_the_next(tmp_path):
    import os

    huge = tmp_path / "huge.txt"
    huge.write_text("Deir Hafer Al Bab Tell Abyad Abu Kamal " * 50_000, encoding="utf-8")  # ~2 MB: tens of seconds
    short = tmp_path / "short.txt"
    short.write_text("The army entered Mayadin.", encoding="utf-8")
    env = dict(os.environ, FRONTLINE_REPORT_BUDGET_S="2")
    result = subprocess.run([sys.executable, "-m", "gazetteer", "geoparse", str(huge), str(short), "--json"],
                            cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "huge.txt" in result.stderr and "time budget" in result.stderr and "nothing was kept" in result.stderr
    assert "Traceback" not in result.stderr
    assert [(r["doc"], r["text"]) for r in lines_of(result)] == [("short.txt", "Mayadin")]
