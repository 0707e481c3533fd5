"""The snapshot command line (``python -m export``, also ``python -m layers.snapshot``): what it writes, and how it refuses bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PIL import Image

import settings
from export import cli as snapshot


def run_cli(capsys, *args):
    status = snapshot.main([*args])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--date", "2017-13-01"], "not a day in YYYY-MM-DD form"),
    (["--date", "19/11/2017"], "not a day in YYYY-MM-DD form"),
    (["--date", "2017-11-19", "--place", "Xqzzyville"], "not in the gazetteer"),
    (["--date", "2017-11-19", "--bbox", "41,34,40,35"], "--bbox"),
    (["--date", "2017-11-19", "--bbox", "40,34,41,35", "--place", "Abu Kamal"], "either --place or --bbox"),
    (["--date", "2017-11-19", "--radius-km", "50"], "--radius-km goes with --place"),
    (["--date", "2017-11-19", "--factions", "government,regime"], "choose from government"),
    (["--date", "2017-11-19", "--size", "letter"], "unknown size 'letter'"),
    (["--date", "2017-11-19", "--format", "gif"], "needs a date range"),
    (["--from", "2017-12-01", "--to", "2017-11-01"], "before --from"),
    (["--date", "2017-11-19", "--from", "2017-11-01", "--to", "2017-11-30"], "either --date or --from/--to"),
    (["--date", "1999-01-01"], "before the control baseline"),
    (["--date", "2017-11-19", "--scale", "0"], "--scale"),
])
def test_bad_input_gets_one_clear_error_line_status_2_and_no_file(capsys, tmp_path, args, message):
    out = tmp_path / "map.png"
    status, err = run_cli(capsys, *args, "--out", str(out))
    assert status == 2
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_place_comes_with_suggestions(capsys, tmp_path):
    status, err = run_cli(capsys, "--date", "2017-11-19", "--place", "Mayadinopolis", "--out", str(tmp_path / "m.png"))
    assert status == 2
    assert "did you mean" in err and "Mayad" in err


def test_an_output_name_without_a_known_extension_needs_format(capsys, tmp_path):
    status, err = run_cli(capsys, "--date", "2017-11-19", "--out", str(tmp_path / "map.jpeg"))
    assert status == 2 and "--format" in err


def test_a_data_series_writes_one_dated_file_per_step(capsys, tmp_path):
    out = tmp_path / "series"
    status, err = run_cli(capsys, "--from", "2017-11-01", "--to", "2017-11-15", "--every", "1w",
                          "--format", "geojson", "--factions", "government,isil", "--out", str(out))
    assert status == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["frontline-2017-11-01.geojson", "frontline-2017-11-08.geojson", "frontline-2017-11-15.geojson"]
    collection = json.loads((out / names[-1]).read_text(encoding="utf-8"))
    assert collection["date"] == "2017-11-15"
    factions = {f["properties"].get("faction") for f in collection["features"]
                if f["properties"]["layer"] == "territory"}
    assert factions == {"government", "isil"}


def test_a_png_around_a_place_from_a_fresh_process(tmp_path, chromium_path):
    out = tmp_path / "abu-kamal.png"
    result = subprocess.run(
        [sys.executable, "-m", "layers.snapshot", "--date", "2017-11-19", "--place", "Abu Kamal",
         "--radius-km", "80", "--title", "Abu Kamal", "--size", "square", "--out", str(out)],
        cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == (1080, 1080)
