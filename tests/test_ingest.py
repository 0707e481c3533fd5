"""Ingest's promise (events/ingest.py): each document whole or not at all; a killed ingest
re-run adds exactly what is missing; ingests at the same time neither fail nor duplicate,
and each counts what it stored itself."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import settings
from events import store
from events.ingest import IngestSummary

PLACES = ["Palmyra", "Raqqa", "Mayadin", "Sukhnah", "Maskanah", "Tabqa", "Arak", "Qaryatayn"]
SIDES = ["the Syrian army", "ISIS", "the SDF"]


def _reports(folder: Path, n: int) -> Path:
    """``n`` distinct small reports, each with a capture and an attack in two sentences."""
    folder.mkdir()
    for i in range(n):
        day, place, other = i % 28 + 1, PLACES[i % len(PLACES)], PLACES[(i + 3) % len(PLACES)]
        side = SIDES[i % len(SIDES)]
        (folder / f"r{i:04d}.txt").write_text(
            f"Date: 2017-07-{day:02d}\n\nBulletin {i}.\n\nOn {day} July 2017 {side} captured {place}. "
            f"On {day} July 2017 ISIS attacked {other}.\n", encoding="utf-8")
    return folder


def _ingest(folder: Path, db: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "events", "ingest", str(folder), "--db", str(db)],
                            cwd=settings.REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)


def _summary(stdout: str) -> tuple[int, int]:
    added, already = re.search(r"documents: (\d+) added, (\d+) already in the store", stdout).groups()
    return int(added), int(already)


def _contents(db: Path) -> dict[str, list[str]]:
    """Each stored document's name and its events (ids sorted): what "whole" is checked against."""
    by_name: dict[str, list[str]] = {}
    for event in store.load_events(db):
        by_name.setdefault(event.doc, []).append(event.id)
    names = {row["name"] for row in store.list_documents(db)}
    return {name: sorted(by_name.get(name, [])) for name in sorted(names)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 reports and the store one uninterrupted ingest makes of them."""
    root = tmp_path_factory.mktemp("ingest")
    folder = _reports(root / "reports", 60)
    reference = root / "reference.db"
    done = _ingest(folder, reference)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert _summary(out) == (60, 0)
    return folder, _contents(reference)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        status = Path(f"/proc/{pid}/stat")
        if status.exists() and status.read_text().split(") ", 1)[1].startswith("Z"):
            return True  # a zombie has ended: it waits only for its (killed) parent
        time.sleep(0.1)
    return False


def test_a_killed_ingest_keeps_whole_documents_and_a_rerun_adds_exactly_the_missing(corpus, tmp_path):
    folder, reference = corpus
    db = tmp_path / "s.db"
    for stop_after in (5, 25, 45):  # three kill -9s, each further into the batch
        running = _ingest(folder, db)
        while not db.exists() or store.counts(db)["documents"] < stop_after:
            assert running.poll() is None, running.communicate()
            time.sleep(0.05)
        workers = _children(running.pid)
        running.send_signal(signal.SIGKILL)
        running.communicate()
        # The reader's worker process does not outlive the ingest it served.
        assert all(_gone(pid, 30) for pid in workers)
        stored = _contents(db)
        assert 0 < len(stored) < len(reference)
        assert all(stored[name] == reference[name] for name in stored)  # whole documents only
    rerun = _ingest(folder, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert _summary(out) == (len(reference) - len(stored), len(stored))
    assert _contents(db) == reference


def test_concurrent_ingests_neither_fail_nor_duplicate_and_count_what_each_stored(corpus, tmp_path):
    folder, reference = corpus
    db = tmp_path / "s.db"
    runs = [_ingest(folder, db) for _ in range(3)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    counts = [_summary(out) for out, _ in outputs]
    assert sum(added for added, _ in counts) == len(reference)
    assert all(added + already == len(reference) for added, already in counts)
    assert _contents(db) == reference


def test_the_summary_names_the_skipped_files_and_counts_the_rest():
    summary = IngestSummary(skipped=[f"in/photo{i}.png" for i in range(25)])
    [line] = [line for line in summary.lines() if "skipped" in line]
    assert line.startswith("warning: 25 file(s) skipped, not reports (.txt, .md")
    assert "in/photo0.png" in line and "in/photo19.png" in line and line.endswith("and 5 more")
