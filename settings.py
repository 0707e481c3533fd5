"""Project-wide settings: where data lives and the switches that change behaviour.

Each setting is a module global with its type and default stated here; read them
through this module so that tests and the command line can override one place.

- ``REPO_ROOT`` (Path): the repository root (the folder holding this file).
- ``DATA_DIR`` (Path): ``REPO_ROOT / "data"``, the committed data.
- ``SHARED_DIR`` (Path | None): the shared folder with ``seeds/`` and ``gold/``;
  ``$FRONTLINE_SHARED`` if set, else ``REPO_ROOT/../shared``, else ``/work/shared``.
- ``STORE_PATH`` (Path): the SQLite event store; ``$FRONTLINE_DB`` or
  ``REPO_ROOT / "frontline.db"`` (not committed). The page writes accepted events there;
  ``store_to_read`` says which store a command reads.
- ``ONLINE_GEOCODER`` (bool): ``$FRONTLINE_ONLINE=1`` enables the Nominatim
  fallback of the gazetteer; off by default and never in tests.

Limits on one report, the same at every entry point (the page's upload and paste,
``python -m events extract`` and ``ingest``, ``python -m gazetteer geoparse``):

- ``MAX_REPORT_BYTES`` (int): 5 MiB, a report's size as stored (UTF-8 for a paste);
  a news report is 5-50 KB, a long campaign summary a few hundred. Bigger files are
  refused before they are read; split them.
- ``REPORT_TIME_BUDGET_S`` (float): 60 s (``$FRONTLINE_REPORT_BUDGET_S``) of reading
  for one report, after which the reader is stopped and the report keeps nothing
  (see ``events/worker.py``). A news report reads in well under a second; megabytes of
  real text take tens of seconds (``python bench/adversarial.py``).
- ``EARLIEST_DOCUMENT_DATE``, ``LATEST_DOCUMENT_DATE`` (date): 1900-01-01 and
  2100-12-31, the document dates accepted (``--date``, the page's date field, a
  report's own date line, meta tag, URL or text); a date outside is an error when
  typed and is ignored with a warning when read from the report.
- ``MAX_PLACE_QUERY_CHARS`` (int): 200, the longest name the page's place search looks
  up (the longest Syrian place name is under 60 characters); a longer one is refused
  with a word, not searched (a megabyte query would hold the server for seconds).
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parent
DATA_DIR: Path = REPO_ROOT / "data"


def _find_shared() -> Path | None:
    candidates = [os.environ.get("FRONTLINE_SHARED"), REPO_ROOT.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return None


SHARED_DIR: Path | None = _find_shared()
STORE_PATH: Path = Path(os.environ.get("FRONTLINE_DB", REPO_ROOT / "frontline.db"))
ONLINE_GEOCODER: bool = os.environ.get("FRONTLINE_ONLINE") == "1"

MAX_REPORT_BYTES: int = 5 * 1024 * 1024
REPORT_TIME_BUDGET_S: float = float(os.environ.get("FRONTLINE_REPORT_BUDGET_S", "60"))
EARLIEST_DOCUMENT_DATE: date = date(1900, 1, 1)
LATEST_DOCUMENT_DATE: date = date(2100, 12, 31)
MAX_PLACE_QUERY_CHARS: int = 200


def store_to_read(path: str | Path | None = None) -> Path | None:
    """The store a command reads events from, the same as the page's by default: ``path``
    (``--db``), else ``STORE_PATH`` when it exists (``$FRONTLINE_DB`` or ``frontline.db``),
    else None (the committed defaults alone). Reading never creates a store; a ``path`` that
    does not exist is a ValueError (a mistyped ``--db``)."""
    if path is not None:
        if not Path(path).is_file():
            raise ValueError(f"--db {path}: no such store (the page's is {STORE_PATH})")
        return Path(path)
    return STORE_PATH if STORE_PATH.is_file() else None
