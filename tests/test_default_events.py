"""The embedded default events: the 29 reports of ../shared/seeds and ../shared/dev/docs,
committed as facts with references (data/events), reproduced by the project's own reader."""
from __future__ import annotations

import csv
import re
import time
from collections import Counter

import pytest

from events.defaults import (DEFAULT_FOLDERS, DOCUMENTS_PATH, SEED_EVENTS_PATH, default_folders, extract_seeds,
                             load_default_events)


@pytest.fixture(scope="module")
def report_paths(shared_dir):
    return [p for folder in default_folders(shared_dir) for p in sorted(folder.glob("*.txt"))]


def _read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_default_holds_the_29_reports_of_the_seeds_and_the_dev_corpus(report_paths):
    assert DEFAULT_FOLDERS == ("seeds", "dev/docs")
    assert len(report_paths) == 29
    assert [row["doc"] for row in _read(DOCUMENTS_PATH)] == [p.name for p in report_paths]


def test_the_committed_events_are_what_extraction_gives_now(shared_dir):
    event_rows, document_rows = extract_seeds(default_folders(shared_dir))
    hint = "stale: run `python -m events rebuild-defaults` and commit data/events"
    assert _read(SEED_EVENTS_PATH) == event_rows, hint
    assert _read(DOCUMENTS_PATH) == document_rows, hint


def test_default_events_load_fast_without_extraction(report_paths):
    start = time.perf_counter()
    events = load_default_events()
    assert time.perf_counter() - start < 1.0
    assert len(events) >= 150 and len({e.id for e in events}) == len(events)
    per_doc = Counter(e.doc for e in events)
    assert set(per_doc) <= {p.name for p in report_paths}
    assert len(per_doc) >= 25          # nearly every report gives events
    assert all(e.lat is not None and e.date_start <= e.date_end for e in events)


def test_every_document_has_a_date(report_paths):
    assert all(row["date"] for row in _read(DOCUMENTS_PATH))


def test_the_committed_files_hold_no_sentence_of_the_reports(report_paths):
    committed = " ".join(" ".join(path.read_text(encoding="utf-8").split())
                         for path in (SEED_EVENTS_PATH, DOCUMENTS_PATH, SEED_EVENTS_PATH.parent / "document_dates.csv"))
    for path in report_paths:
        tokens = path.read_text(encoding="utf-8").split()
        for i in range(0, len(tokens) - 7):
            run = " ".join(tokens[i:i + 8])
            if re.search(r"[a-z]", run) and not run.startswith(("source:", "date:")):
                assert run not in committed, (path.name, run)
