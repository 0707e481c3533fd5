"""The reader in its worker process: a report over its time budget is stopped and named,
a reader failure is a clear error, and a busy reader never holds up the caller's process."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

import settings
from events import store
from events.documents import DocumentError, parse_document
from events.worker import ReaderFailed, ReportReader, ReportTimeout
from gazetteer.place import Mention, Place

REPORT = b"Date: 2017-06-05\n\nOn 3 June 2017 the army captured Kafr Nabl.\n"


def finder(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), m.group(), Place("Kafr Nabl", 35.61, 36.56, "town", None, "test", 2.0))
            for m in re.finditer("Kafr Nabl", text)]


def backtracking_finder(text: str) -> list[Mention]:
    """Holds the GIL in one regex call for minutes, as a catastrophic pattern does."""
    re.match(r"(?:a+)+$", "a" * 40 + "b")
    return []


def failing_finder(text: str) -> list[Mention]:
    return [] if "Kafr" not in text else 1 / 0


def test_a_report_is_parsed_and_read_in_the_worker_with_its_warnings():
    with ReportReader(finder) as reader:
        document = reader.parse(b"Date: 9999-12-31\n\n" + REPORT, "r.txt")
        extraction = reader.read(document)
    assert document.date == date(2017, 6, 5) and document.date_source == "text"
    assert [(e.action, e.place, e.date_start) for e in extraction.events] == [("capture", "Kafr Nabl", date(2017, 6, 3))]
    assert any("9999-12-31 cannot be a report's date" in w for w in extraction.warnings)


def test_a_refused_file_is_the_same_clear_error_through_the_worker():
    with ReportReader(finder) as reader, pytest.raises(DocumentError, match="r.txt: not UTF-8 text"):
        reader.parse("Palmyra tomb\xe9".encode("latin-1"), "r.txt")


def test_a_report_over_its_budget_is_stopped_named_and_keeps_nothing_while_the_caller_runs_on():
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    with ReportReader(backtracking_finder, budget_s=2.0) as reader:
        document = reader.parse(REPORT, "slow.txt")
        thread = threading.Thread(target=tick)
        thread.start()
        started = time.monotonic()
        with pytest.raises(ReportTimeout) as error:
            reader.read(document)
        waited = time.monotonic() - started
        stop.set()
        thread.join()
        assert "slow.txt: reading stopped at the 2 s budget" in str(error.value)
        assert "nothing was kept" in str(error.value)
        assert 1.5 < waited < 60
        # The caller's threads ran all along (a regex in this process would have frozen them).
        assert len(ticks) > 20 and max(b - a for a, b in zip(ticks, ticks[1:])) < 1.5
    with ReportReader(finder, budget_s=2.0) as reader:  # and the next report is read as usual
        assert len(reader.read(reader.parse(REPORT, "next.txt")).events) == 1


def test_a_reader_failure_names_the_report_without_showing_the_traceback():
    with ReportReader(failing_finder) as reader:
        document = reader.parse(REPORT, "bad.txt")
        with pytest.raises(ReaderFailed) as error:
            reader.read(document)
        assert str(error.value).startswith("bad.txt: the reader failed on this report (ZeroDivisionError)")
        assert "Traceback" not in str(error.value) and "ZeroDivisionError" in error.value.details
        # The worker lives on for the next report.
        assert reader.read(parse_document(b"Nothing happened today.", "quiet.txt")).events == ()


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_command_line_names_a_report_over_its_budget_and_stores_nothing(tmp_path, command):
    path = tmp_path / "long.txt"
    path.write_bytes(REPORT * 20_000)  # 1.3 MB: more than a millisecond of reading anywhere
    db = tmp_path / "s.db"
    args = [str(path)] if command == "extract" else [str(path), "--db", str(db)]
    result = subprocess.run([sys.executable, "-m", "events", command, *args], cwd=settings.REPO_ROOT,
                            env={**os.environ, "FRONTLINE_REPORT_BUDGET_S": "0.001"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "long.txt: reading stopped at the 0.001 s budget for one report" in result.stderr
    if command == "ingest":
        assert "documents: 0 added, 0 already in the store, 1 failed" in result.stdout
        assert store.counts(db)["documents"] == 0


def test_a_process_with_threads_spawns_its_worker_and_reads_as_well():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as the page's server has threads: no fork
    other.start()
    try:
        with ReportReader(finder) as reader:
            extraction = reader.read(reader.parse(REPORT, "threaded.txt"))
    finally:
        stop.set()
        other.join()
    assert [(e.action, e.place) for e in extraction.events] == [("capture", "Kafr Nabl")]


def test_a_warmed_reader_serves_the_first_report_with_the_worker_it_loaded_ahead():
    with ReportReader(finder) as reader:
        reader.warm().join(60)
        [warm] = reader.ready_workers()
        extraction = reader.read(reader.parse(REPORT, "first.txt"))
        assert [(e.action, e.place) for e in extraction.events] == [("capture", "Kafr Nabl")]
        assert reader.ready_workers() == [warm]  # no second, cold worker was started for it


def test_a_report_sent_while_the_reader_warms_waits_for_that_worker_rather_than_starting_another():
    with ReportReader(finder) as reader:
        warming = reader.warm()
        extraction = reader.read(reader.parse(REPORT, "early.txt"))
        warming.join(60)
        assert len(extraction.events) == 1 and len(reader.ready_workers()) == 1


def _reader_processes() -> set[int]:
    import multiprocessing

    return {p.pid for p in multiprocessing.active_children() if p.name == "report-reader"}


def test_the_app_warms_the_pages_reader_after_its_data_load_and_the_first_paste_uses_it(monkeypatch, tmp_path):
    """The page answers first (the data load is not shared with the reader's start-up); then the
    worker loads without any report, and the first paste is read by it."""
    from app import create_app
    from control.data import load_default
    from dashboard.model import DashboardModel
    from events import worker

    monkeypatch.setattr(worker, "_shared", None)
    reader = worker.shared_reader()
    before = _reader_processes()
    during_load = []

    def slow_load():
        time.sleep(1.0)  # create_app has returned to its caller's wait for the page's data
        during_load.append(_reader_processes() - before)
        return load_default()

    model = DashboardModel(slow_load, store_path=tmp_path / "s.db")
    try:
        create_app(model)
        assert during_load == [set()]
        deadline = time.monotonic() + worker.START_TIMEOUT_S
        while not reader.ready_workers() and time.monotonic() < deadline:
            time.sleep(0.2)
        [warm] = reader.ready_workers()
        result = model.review.from_text("On 3 June 2017 the Syrian army captured Palmyra from ISIS.\n", "2017-06-05")
        assert result.error is None and [row["place"] for row in result.doc["events"]] == ["Palmyra"]
        assert reader.ready_workers() == [warm]
    finally:
        reader.close()
