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
"""
from __future__ import annotations

import os
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
