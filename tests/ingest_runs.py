"""Ingest runs for tests/test_ingest.py and bench/ingest.py: distinct small reports, ingests
started as the user starts them (``python -m events ingest``), killed with SIGKILL, and the
store's contents to compare."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import settings
from events import store

PLACES = ["Palmyra", "Raqqa", "Mayadin", "Sukhnah", "Maskanah", "Tabqa", "Arak", "Qaryatayn"]
SIDES = ["the Syrian army", "ISIS", "the SDF"]


def write_reports(folder: Path, n: int) -> Path:
    """``n`` distinct small reports, each with a capture and an attack in two sentences."""
    folder.mkdir()
    for i in range(n):
        day, place, other = i % 28 + 1, PLACES[i % len(PLACES)], PLACES[(i + 3) % len(PLACES)]
        side = SIDES[i % len(SIDES)]
        (folder / f"r{i:04d}.txt").write_text(
            f"Date: 2017-07-{day:02d}\n\nBulletin {i}.\n\nOn {day} July 2017 {side} captured {place}. "
            f"On {day} July 2017 ISIS attacked {other}.\n", encoding="utf-8")
    return folder


def start_ingest(folder: Path, db: Path, output=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "events", "ingest", str(folder), "--db", str(db)],
                            cwd=settings.REPO_ROOT, stdout=output, stderr=output, text=True)


def summary_counts(stdout: str) -> tuple[int, int]:
    added, already = re.search(r"documents: (\d+) added, (\d+) already in the store", stdout).groups()
    return int(added), int(already)


def stored_contents(db: Path) -> dict[str, list[str]]:
    """Each stored document's name and its events (ids sorted): what "whole" is checked against."""
    by_name: dict[str, list[str]] = {}
    for event in store.load_events(db):
        by_name.setdefault(event.doc, []).append(event.id)
    names = {row["name"] for row in store.list_documents(db)}
    return {name: sorted(by_name.get(name, [])) for name in sorted(names)}


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def ended(pid: int, timeout_s: float) -> bool:
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



def kill_ingest_after(folder: Path, db: Path, stored: int, timeout_s: float = 600) -> bool:
    """Start an ingest of ``folder``, kill -9 it once ``db`` holds ``stored`` documents; whether
    its worker processes ended on their own (within 30 s) after it."""
    running = start_ingest(folder, db, output=subprocess.DEVNULL)  # nobody reads its progress bar
    deadline = time.monotonic() + timeout_s
    while not db.exists() or store.counts(db)["documents"] < stored:
        if running.poll() is not None or time.monotonic() > deadline:
            running.kill()
            raise RuntimeError(f"the ingest ended (status {running.returncode}) before {stored} documents")
        time.sleep(0.05)
    workers = children_of(running.pid)
    running.send_signal(signal.SIGKILL)
    running.communicate()
    return all(ended(pid, 30) for pid in workers)
