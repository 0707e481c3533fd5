"""Shared fixtures: the seed reports and gold annotations from ../shared (read, never copied)."""
from __future__ import annotations

import csv
import os
import shutil

import pytest

import settings


@pytest.fixture(scope="session")
def shared_dir():
    if settings.SHARED_DIR is None:
        pytest.fail("../shared (seeds and gold) not found; set FRONTLINE_SHARED")
    return settings.SHARED_DIR


@pytest.fixture(scope="session")
def seed_paths(shared_dir):
    return sorted((shared_dir / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths):
    return {p.name: p.read_text(encoding="utf-8") for p in seed_paths}


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def gold_places(shared_dir):
    return _read_csv(shared_dir / "gold" / "seed_places.csv")


@pytest.fixture(scope="session")
def gold_events(shared_dir):
    return _read_csv(shared_dir / "gold" / "seed_events.csv")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's chromium; browser tests skip without it, except in CI where it is required."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("FRONTLINE_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed")
    return CHROMIUM


# The exit status pytest reached, kept for the last hook below.
_EXIT_STATUS = {"code": 0}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["code"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the test process with pytest's own status, skipping the interpreter's finalisation.
    Once in a while (1 run in several) a full run aborted after its summary with "terminate called
    without an active exception" (rc 134): a C++ frame of a thread still alive at finalisation
    (Playwright's greenlets are the suspect; export/render.py now closes its browser before
    threads end). Every result is already reported and every fixture torn down here, so exiting
    now loses nothing, and a failing run still fails."""
    import sys

    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter._tw.flush()   # the summary line is still in the terminal writer's buffer
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is not None:
            stream.flush()
    os._exit(_EXIT_STATUS["code"])
