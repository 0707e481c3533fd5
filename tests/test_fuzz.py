"""A few hundred hostile inputs (fixed seed) through every stage an entry point runs: none
may raise anything but the project's own clear refusal, and none may run over its time
budget. ``python bench/fuzz.py`` runs 10,000 and prints the figures.

The run is bounded: each input of at most ~2 KB gets a budget of ``BUDGET_S`` (a sixth of
the reader's, for reports a thousand times smaller than its limit: an input that needs more
is a defect), and the whole run stops after ``RUN_CAP_S``, the inputs left unread failing
the test."""
from __future__ import annotations

import collections
import time

import pytest

from events.worker import ReportReader
from gazetteer import Gazetteer
from hostile import fuzz_cases, run_case

INPUTS = 300
BUDGET_S = 10.0
RUN_CAP_S = 300.0


@pytest.fixture(scope="module")
def outcomes():
    gazetteer = Gazetteer.default()
    found = []
    with ReportReader(budget_s=BUDGET_S) as reader:
        deadline = time.monotonic() + RUN_CAP_S
        for case in fuzz_cases(INPUTS, seed=13, max_bytes=2048):
            if time.monotonic() > deadline:
                break
            found.append(run_case(case, reader, gazetteer, BUDGET_S))
    return found


def test_every_input_is_read_within_the_runs_cap(outcomes):
    assert len(outcomes) == INPUTS, f"{INPUTS - len(outcomes)} inputs left unread after {RUN_CAP_S:g} s"


def test_no_input_crashes_the_reader_geoparse_or_resolve(outcomes):
    crashes = [(o.case.name, o.stage, o.details or o.message) for o in outcomes if o.kind == "crash"]
    assert crashes == []


def test_no_input_runs_over_its_time_budget(outcomes):
    assert [(o.case.name, o.stage, o.message) for o in outcomes if o.kind == "over budget"] == []


def test_refusals_are_the_clear_messages_that_name_the_report(outcomes):
    kinds = collections.Counter(o.kind for o in outcomes)
    assert kinds["ok"] > INPUTS // 2 and kinds["refused"] > 10  # the fuzz reaches the reader and the refusals
    for outcome in outcomes:
        if outcome.kind == "refused":
            assert outcome.message.startswith(f"{outcome.case.name}: ") and "Traceback" not in outcome.message
