"""One size limit and one decoder at every entry point: the page's upload and paste,
``python -m events extract`` and ``ingest``, ``python -m gazetteer geoparse``."""
from __future__ import annotations

import base64
import codecs
import json
import re
import subprocess
import sys

import pytest

import settings
from dashboard.review import Review
from report_text import ReportError, blank_markup, decode_report, pasted_report

REPORT = "Date: 2017-06-05\n\nOn 3 June 2017 the Syrian army captured Palmyra from ISIS.\n"
READABLE = {
    "utf8.txt": REPORT.encode("utf-8"),
    "utf8-bom.txt": REPORT.encode("utf-8-sig"),
    "utf16-le-bom.txt": codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"),
    "utf16-be-bom.txt": codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"),
}
REFUSED = {  # file -> the reason every entry point gives (after "<file>: ")
    "cp1252.txt": ("Les forces ont avancé vers Palmyra.".encode("cp1252"), "not UTF-8 text (byte 0xe9 at offset 20)"),
    "utf16-no-bom.txt": (REPORT.encode("utf-16-le"), "a binary file, not a text report"),
    "utf32.txt": (REPORT.encode("utf-32"), "not UTF-8 text (it is UTF-32)"),
    "empty.txt": (b"", "the file is empty"),
    "blank-utf16.txt": ("  \n".encode("utf-16"), "the file is empty"),
}
OVER_LIMIT = "5.0 MB is over the 5 MB limit for one report"


def _write(folder, files: dict[str, bytes]):
    folder.mkdir(exist_ok=True)
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    return [folder / name for name in files]


def _run(module: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=settings.REPO_ROOT, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    paths = _write(folder, {**READABLE, **{name: raw for name, (raw, _) in REFUSED.items()}})
    huge = folder / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(settings.MAX_REPORT_BYTES + 1)
    return folder, paths + [huge]


def _reason(stderr: str, name: str) -> str:
    line = next(line for line in stderr.splitlines() if f"{name}:" in line)
    return line.split(f"{name}: ", 1)[1]


def _expected(name: str) -> str:
    return OVER_LIMIT if name == "huge.txt" else REFUSED[name][1]


def test_the_decoder_reads_utf8_and_utf16_with_a_bom_and_refuses_the_rest():
    for name, raw in READABLE.items():
        assert decode_report(raw, name) == REPORT
    for name, (raw, reason) in REFUSED.items():
        with pytest.raises(ReportError) as error:
            decode_report(raw, name)
        assert str(error.value).startswith(f"{name}: {reason}")
    with pytest.raises(ReportError, match=OVER_LIMIT):
        decode_report(b"x" * (settings.MAX_REPORT_BYTES + 1), "big.txt")


def test_events_extract_reads_every_text_encoding_and_refuses_the_others_alike(files):
    folder, paths = files
    result = _run("events", "extract", *map(str, paths), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["doc"], r["action"], r["place"], r["date_start"]) for r in rows} == {
        (name, "capture", "Palmyra", "2017-06-03") for name in READABLE}
    for path in paths[len(READABLE):]:
        assert _reason(result.stderr, path.name).startswith(_expected(path.name)), result.stderr


def test_ingest_stores_the_readable_files_once_and_names_the_others(files, tmp_path):
    folder, paths = files
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = _run("events", "ingest", str(folder), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # The four readable files hold the same text: one document.
    assert "documents: 1 added, 3 already in the store, 6 failed" in result.stdout
    assert re.search(r"warning: 1 file\(s\) skipped, not reports .*photo\.png", result.stderr)
    for path in paths[len(READABLE):]:
        assert _reason(result.stderr, path.name).startswith(_expected(path.name)), result.stderr


def test_geoparse_reads_every_text_encoding_and_refuses_the_others_alike(files):
    folder, paths = files
    result = _run("gazetteer", "geoparse", *map(str, paths), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["doc"], r["name"]) for r in rows if r["text"] == "Palmyra"} == {(n, "Palmyra") for n in READABLE}
    for row in rows:
        assert REPORT[row["start"]:row["end"]] == row["text"]
    for path in paths[len(READABLE):]:
        assert _reason(result.stderr, path.name).startswith(_expected(path.name)), result.stderr


def _data_url(raw: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(raw).decode("ascii")


def test_the_page_reads_and_refuses_uploads_as_the_command_line_does(tmp_path):
    review = Review(tmp_path / "s.db")
    for name, raw in READABLE.items():
        result = review.from_upload(_data_url(raw), name, None)
        assert result.error is None and [r["place"] for r in result.doc["events"]] == ["Palmyra"], result.error
    uploads = {name: raw for name, (raw, _) in REFUSED.items()}
    uploads["huge.txt"] = b"x" * (settings.MAX_REPORT_BYTES + 1)
    for name, raw in uploads.items():
        result = review.from_upload(_data_url(raw), name, None)
        assert result.doc is None and result.error.startswith(f"{name}: {_expected(name)}"), result.error
    pasted = review.from_text("x" * (settings.MAX_REPORT_BYTES + 1), None)
    assert OVER_LIMIT in pasted.error


def test_a_crafted_paste_gets_a_message_not_an_exception(tmp_path):
    review = Review(tmp_path / "s.db")
    assert "invalid character at position 8" in review.from_text("Palmyra \ud800 fell", None).error
    assert "not text" in review.from_text(["not", "text"], None).error
    assert "YYYY-MM-DD" in review.from_text(REPORT, {"date": 1}).error
    with pytest.raises(ReportError, match="not text"):
        pasted_report(b"bytes", "p.txt")


@pytest.mark.parametrize("given", ["9999-12-31", "0001-01-01", "0001-01-05"])
def test_an_impossible_date_typed_in_the_page_or_on_the_command_line_is_refused(tmp_path, given):
    result = Review(tmp_path / "s.db").from_text(REPORT, given)
    assert result.doc is None and f"{given} cannot be a report's date" in result.error
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    cli = _run("events", "extract", str(path), "--date", given)
    assert cli.returncode == 2 and f"{given} cannot be a report's date" in cli.stderr
    assert "Traceback" not in cli.stderr


def test_markup_blanking_keeps_offsets_and_is_linear_on_unclosed_scripts():
    html = "<p>Palmyra</p><script>var a = '<b>';</script>\n<style>x</style><i>Raqqa"
    blanked = blank_markup(html)
    assert len(blanked) == len(html) and blanked.count("\n") == 1
    assert blanked.split() == ["Palmyra", "Raqqa"] and blanked.index("Raqqa") == html.index("Raqqa")
    assert blank_markup("<script>" * 3 + "Palmyra").split() == ["Palmyra"]  # an unclosed script shows its text
    # Each unclosed "<script>" used to search to the end: 80 KB took seconds, 4 MB now takes well under that.
    assert blank_markup("<script>" * 500_000).strip() == ""
