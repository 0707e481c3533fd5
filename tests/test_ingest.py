"""Ingest's promise (events/ingest.py): each document whole or not at all; a killed ingest
re-run adds exactly what is missing; ingests at the same time neither fail nor duplicate,
and each counts what it stored itself."""
from __future__ import annotations

import pytest

from events.ingest import IngestSummary
from ingest_runs import kill_ingest_after, start_ingest, stored_contents, summary_counts, write_reports


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """150 reports (far more than the last kill point: small reports go fast, and a kill lands
    some documents after the count it waited for) and the store one uninterrupted ingest makes of them."""
    root = tmp_path_factory.mktemp("ingest")
    folder = write_reports(root / "reports", 150)
    reference = root / "reference.db"
    done = start_ingest(folder, reference)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert summary_counts(out) == (150, 0)
    return folder, stored_contents(reference)


def test_a_killed_ingest_keeps_whole_documents_and_a_rerun_adds_exactly_the_missing(corpus, tmp_path):
    folder, reference = corpus
    db = tmp_path / "s.db"
    for stop_after in (5, 25, 45):  # three kill -9s, each further into the batch
        workers_ended = kill_ingest_after(folder, db, stop_after)
        assert workers_ended  # the reader's worker process does not outlive the ingest it served
        stored = stored_contents(db)
        assert 0 < len(stored) < len(reference)
        assert all(stored[name] == reference[name] for name in stored)  # whole documents only
    rerun = start_ingest(folder, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert summary_counts(out) == (len(reference) - len(stored), len(stored))
    assert stored_contents(db) == reference


def test_concurrent_ingests_neither_fail_nor_duplicate_and_count_what_each_stored(corpus, tmp_path):
    folder, reference = corpus
    db = tmp_path / "s.db"
    runs = [start_ingest(folder, db) for _ in range(3)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    counts = [summary_counts(out) for out, _ in outputs]
    assert sum(added for added, _ in counts) == len(reference)
    assert all(added + already == len(reference) for added, already in counts)
    assert stored_contents(db) == reference


def test_the_summary_names_the_skipped_files_and_counts_the_rest():
    summary = IngestSummary(skipped=[f"in/photo{i}.png" for i in range(25)])
    [line] = [line for line in summary.lines() if "skipped" in line]
    assert line.startswith("warning: 25 file(s) skipped, not reports (.txt, .md")
    assert "in/photo0.png" in line and "in/photo19.png" in line and line.endswith("and 5 more")
