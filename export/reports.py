"""How a report is named to a reader: its publisher or title and its date, never a hash file name.

The committed references (``data/events/documents.csv``: doc, title, source, date) give the
publisher and date of the default reports; a report added in the page brings its own. Reports
stored under a content-hash name (the seeds' ``000_98bb1730406b52e1.txt``, a pasted report's
``pasted-3f2a….txt``) are called "report" / "pasted report" instead of by that name.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from functools import lru_cache

import settings

# A name made of a content hash (optionally after a number and an underscore), as the seeds and
# pasted reports are named.
_HASH_NAME = re.compile(r"^(?:\d+_)?(?P<pasted>pasted-)?[0-9a-f]{12,}\.\w+$")


def readable_name(doc: str) -> str:
    """The document's file name, unless it is a content hash."""
    match = _HASH_NAME.match(doc or "")
    if match:
        return "pasted report" if match.group("pasted") else "report"
    return doc


def report_label(doc: str, *, title: str | None = None, source: str | None = None,
                 day: str | date | None = None) -> str:
    """``southfront.org (2 June 2017)``: the publisher (else the title, else the readable file
    name) and the report's date; ``report of 7 May 2017`` for a report known by a hash name
    alone. Without title, source and date given, the committed references are read."""
    if title is None and source is None and day is None:
        row = committed_references().get(doc, {})
        title, source, day = row.get("title"), row.get("source"), row.get("date")
    name = (source or "").removeprefix("www.") or (title or "").strip()
    anonymous = not name and readable_name(doc) != doc
    name = name or readable_name(doc)
    if not day:
        return name
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return f"{name} ({day})"
    when = f"{day.day} {day:%B %Y}"
    if when in name:
        return name
    return f"{name} of {when}" if anonymous else f"{name} ({when})"


@lru_cache(maxsize=1)
def committed_references() -> dict[str, dict]:
    """``data/events/documents.csv`` by document name (empty values as None)."""
    path = settings.DATA_DIR / "events" / "documents.csv"
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["doc"]: {k: (v or None) for k, v in row.items()} for row in csv.DictReader(f)}
