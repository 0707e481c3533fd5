"""The embedded event store: one SQLite file with documents, events and review decisions.

- ``documents``: id (= SHA-256 of the text, so the same report twice is one row), name
  (the file name, the events' ``doc``), title, source URL, date, the text itself;
- ``events``: every ``Event`` field, ``doc_id`` pointing at its document;
- ``decisions``: the analyst's accepted / rejected / corrected verdicts on events, with the
  corrected fields as JSON; the latest decision on an event is the one that counts.
Each document is added in one transaction: a failure half-way leaves the store as it was,
and writers at the same time wait for each other (up to ``BUSY_TIMEOUT_S``) rather than fail.
Functions take the database path (default ``settings.STORE_PATH``).
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

import settings
from events.documents import Document
from events.model import Event

BUSY_TIMEOUT_S = 60.0
DECISIONS = ("accepted", "rejected", "corrected")
_EVENT_COLUMNS = [f.name for f in fields(Event)]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT,
    url TEXT,
    date TEXT,
    date_source TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    target TEXT,
    place TEXT NOT NULL,
    lat REAL,
    lon REAL,
    uncertainty_km REAL,
    unit TEXT,
    certainty TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    place_id TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX IF NOT EXISTS events_by_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_by_date ON events(date_start, date_end);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'corrected')),
    corrected TEXT,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_event ON decisions(event_id);
"""


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """Open (and create if needed) the store at ``path``."""
    path = Path(path or settings.STORE_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(_SCHEMA)
    return connection


def has_document(content_hash: str, path: str | Path | None = None) -> bool:
    with closing(connect(path)) as connection:
        return connection.execute("SELECT 1 FROM documents WHERE id = ?", (content_hash,)).fetchone() is not None


def add_document(document: Document, events: Iterable[Event], path: str | Path | None = None) -> int | None:
    """Store a document and its events in one transaction; return the number of events added.

    A document already in the store (same text) adds nothing and returns None; any error
    while writing rolls the whole document back and is raised again.
    """
    with closing(connect(path)) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            exists = connection.execute("SELECT 1 FROM documents WHERE id = ?", (document.content_hash,)).fetchone()
            if exists:
                connection.execute("ROLLBACK")
                return None
            connection.execute(
                "INSERT INTO documents (id, name, title, url, date, date_source, content_hash, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.content_hash, document.name, document.title, document.url,
                 document.date.isoformat() if document.date else None, document.date_source,
                 document.content_hash, document.text, _now()),
            )
            added = 0
            for event in events:
                connection.execute(
                    f"INSERT INTO events (doc_id, {', '.join(_quoted(c) for c in _EVENT_COLUMNS)}) "
                    f"VALUES (?, {', '.join('?' for _ in _EVENT_COLUMNS)})",
                    (document.content_hash, *_event_row(event)),
                )
                added += 1
            connection.execute("COMMIT")
            return added
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def record_decision(event_id: str, status: str, corrections: dict | None = None,
                    path: str | Path | None = None) -> None:
    """Record the analyst's verdict on an event; corrections must make a valid event."""
    if status not in DECISIONS:
        raise ValueError(f"decision must be one of {DECISIONS}, not {status!r}")
    corrections = dict(corrections or {})
    if status == "corrected" and not corrections:
        raise ValueError("a correction needs the corrected fields")
    with closing(connect(path)) as connection:
        row = connection.execute(f"SELECT {', '.join(_quoted(c) for c in _EVENT_COLUMNS)} FROM events WHERE id = ?",
                                 (event_id,)).fetchone()
        if row is None:
            raise KeyError(f"no event {event_id!r} in the store")
        _apply(_row_event(row), corrections)
        connection.execute("INSERT INTO decisions (event_id, status, corrected, decided_at) VALUES (?, ?, ?, ?)",
                           (event_id, status, json.dumps(corrections, default=str) if corrections else None, _now()))


def load_events(path: str | Path | None = None) -> list[Event]:
    """All stored events with the analyst's latest decision applied (``status`` set)."""
    with closing(connect(path)) as connection:
        rows = connection.execute(f"SELECT {', '.join('e.' + _quoted(c) for c in _EVENT_COLUMNS)}, d.status, d.corrected "
                                  "FROM events e LEFT JOIN decisions d ON d.id = ("
                                  "SELECT MAX(id) FROM decisions WHERE event_id = e.id) "
                                  "ORDER BY e.date_start, e.doc, e.start").fetchall()
    events = []
    for row in rows:
        event = _row_event(row[:len(_EVENT_COLUMNS)])
        status, corrected = row[len(_EVENT_COLUMNS):]
        if status:
            event = _apply(event, json.loads(corrected) if corrected else {}).with_changes(status=status)
        events.append(event)
    return events


def accepted_events(path: str | Path | None = None) -> list[Event]:
    """The stored events the analyst accepted (as corrected, if so): the ones the map draws."""
    return [e for e in load_events(path) if e.status in ("accepted", "corrected")]


def with_accepted(events: Iterable[Event], path: str | Path | None) -> list[Event]:
    """``events`` (the committed defaults) and the accepted events of the store at ``path``
    (none when None); a stored event replaces one of the same id. What the page and every
    command that reads events draw (see ``settings.store_to_read``)."""
    by_id = {e.id: e for e in events}
    if path is not None:
        for event in accepted_events(path):
            by_id[event.id] = event
    return list(by_id.values())


def list_documents(path: str | Path | None = None) -> list[dict]:
    """The stored documents (without their text), newest date first."""
    with closing(connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "SELECT d.id, d.name, d.title, d.url, d.date, d.date_source, d.ingested_at, "
            "(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events "
            "FROM documents d ORDER BY d.date DESC, d.name").fetchall()
        return [dict(row) for row in rows]


def document_text(doc_id: str, path: str | Path | None = None) -> str | None:
    with closing(connect(path)) as connection:
        row = connection.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None


def counts(path: str | Path | None = None) -> dict[str, int]:
    with closing(connect(path)) as connection:
        return {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "decisions")}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _quoted(column: str) -> str:
    return f'"{column}"'


def _event_row(event: Event) -> tuple:
    values = []
    for column in _EVENT_COLUMNS:
        value = getattr(event, column)
        values.append(value.isoformat() if isinstance(value, date) else value)
    return tuple(values)


def _row_event(row: tuple) -> Event:
    values = dict(zip(_EVENT_COLUMNS, row))
    values["date_start"] = date.fromisoformat(values["date_start"])
    values["date_end"] = date.fromisoformat(values["date_end"])
    return Event(**values)


def _apply(event: Event, corrections: dict) -> Event:
    unknown = set(corrections) - set(_EVENT_COLUMNS) | ({"id", "doc", "status"} & set(corrections))
    if unknown:
        raise ValueError(f"cannot correct field(s) {sorted(unknown)}")
    changes = dict(corrections)
    for key in ("date_start", "date_end"):
        if isinstance(changes.get(key), str):
            changes[key] = date.fromisoformat(changes[key])
    return event.with_changes(**changes)
