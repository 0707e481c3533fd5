"""The ``python -m layers`` command line contracts, on the committed data."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import geopandas
import pytest

import settings
from layers.__main__ import main

CONTRACT_KEYS = ["place", "lat", "lon", "faction", "since", "contested", "besieged"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "layers", *args], cwd=settings.REPO_ROOT,
                          capture_output=True, text=True, timeout=120)


def test_control_json_gives_one_object_per_place_with_the_contract_keys():
    result = run("control", "--date", "2017-11-20", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) > 500
    assert all(list(row)[:7] == CONTRACT_KEYS for row in rows)
    abu_kamal = [r for r in rows if r["place"] == "Abu Kamal"]
    assert abu_kamal and abu_kamal[0]["faction"] == "government"
    assert abu_kamal[0]["since"] == "2017-11-19"
    assert all(isinstance(r["contested"], bool) and isinstance(r["besieged"], bool) for r in rows)


@pytest.mark.parametrize("bad", ["2017-13-01", "yesterday", "20171120"])
def test_a_bad_date_is_a_clear_error_with_a_non_zero_exit(bad):
    result = run("control", "--date", bad, "--json")
    assert result.returncode != 0
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_territory_writes_polygons_front_lines_and_the_days_events(tmp_path, capsys):
    out = tmp_path / "map.geojson"
    assert main(["territory", "--date", "2017-11-09", "--out", str(out)]) == 0
    frame = geopandas.read_file(out)
    layers = set(frame["layer"])
    assert {"territory", "front_line", "event", "no_data"} <= layers
    territory = frame[frame["layer"] == "territory"]
    assert set(territory["faction"]) >= {"government", "isil", "sdf", "rebels"}
    assert territory.geometry.is_valid.all()
    events = frame[frame["layer"] == "event"]
    assert (events["action"] == "capture").any()
    assert all(str(start)[:10] <= "2017-11-09" <= str(end)[:10]
               for start, end in zip(events["date_start"], events["date_end"]))


def test_area_prints_a_tidy_csv_of_km2_and_shares():
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        assert main(["area", "--date", "2017-08-15", "--date", "2017-09-15"]) == 0
    finally:
        sys.stdout = sys_stdout
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["date"] for r in rows} == {"2017-08-15", "2017-09-15"}
    assert {"government", "isil", "sdf", "rebels", "no_data", "contested"} <= {r["faction"] for r in rows}
    shares = sum(float(r["share_of_syria"]) for r in rows if r["date"] == "2017-08-15")
    assert shares == pytest.approx(1.0, abs=0.01)


def test_events_can_come_from_a_json_lines_file(tmp_path, capsys):
    event = {"doc": "d", "date_start": "2017-06-01", "date_end": "2017-06-01", "date_precision": "day",
             "action": "capture", "actor": "sdf", "target": "isil", "place": "Mayadin",
             "lat": 35.01982, "lon": 40.45154, "uncertainty_km": 2.0, "unit": None,
             "certainty": "stated", "start": 0, "end": 10, "confidence": 0.9}
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    assert main(["control", "--date", "2017-06-02", "--json", "--events", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["faction"] for r in rows if r["place"] == "Mayadin"] == ["sdf"]


def test_an_unreadable_events_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    assert main(["control", "--date", "2017-06-02", "--events", str(path)]) == 1
    assert "events.jsonl:1" in capsys.readouterr().err
