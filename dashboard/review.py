"""Adding a report in the page: upload or paste -> extracted events for review -> the store.

The flow keeps everything the analyst typed: a failed read or extraction returns a message
and leaves the pasted text and the table as they were. Documents under review wait here,
server-side, keyed by their content hash; the browser holds only the rows it shows.
"""
from __future__ import annotations

import base64
import binascii
import logging
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from events.documents import DocumentError, checked_date, parse_document
from events.vocabulary import ACTIONS, CERTAINTIES, FACTIONS
# Reports are read in a worker process: hostile text cannot stall the other users' callbacks.
from events.worker import shared_reader
from report_text import over_limit, pasted_report

log = logging.getLogger(__name__)

PASTED_NAME = "pasted-report.txt"
SENTENCE_PREVIEW_CHARS = 400


@dataclass(frozen=True)
class ReviewResult:
    """The outcome of reading and extracting a report: ``doc`` for the review table, or an
    ``error`` message for the page."""

    doc: dict | None
    error: str | None = None
    note: str = ""


@dataclass(frozen=True)
class SaveOutcome:
    accepted: list = field(default_factory=list)
    rejected: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        if self.errors:
            return "Nothing saved: " + "; ".join(self.errors)
        return f"Saved {len(self.accepted)} events to the store and the map; {self.rejected} rejected."


def decode_upload(contents: str | None, max_bytes: int | None = None) -> bytes:
    """The bytes of a ``dcc.Upload`` data URL (``data:<type>;base64,<payload>``).
    Raises ``DocumentError`` with a message for the user."""
    if not isinstance(contents, str) or "," not in contents:
        raise DocumentError("the upload is empty")
    header, payload = contents.split(",", 1)
    # base64 is 4 characters per 3 bytes: refuse before decoding a huge payload.
    too_big = over_limit(len(payload.rstrip("=")) * 3 // 4, max_bytes)
    if too_big:
        raise DocumentError(too_big)
    try:
        return base64.b64decode(payload, validate=False) if ";base64" in header else payload.encode()
    except (binascii.Error, ValueError):
        raise DocumentError("the upload could not be decoded") from None


def parse_day(text: str | None) -> date | None:
    """A YYYY-MM-DD date typed by the analyst, None when blank; ValueError when malformed
    or impossible (``DocumentError`` from ``checked_date``)."""
    text = (text or "").strip() if isinstance(text, str) or text is None else repr(text)
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a date of the form YYYY-MM-DD") from None
    return checked_date(day, "the date")


SPAN_DASH = " – "


def span_text(first: date | str, last: date | str) -> str:
    """How the review table writes an event's days: ``2018-03-02``, or ``2018-03-01 – 2018-03-07``."""
    first, last = str(first), str(last)
    return first if first == last else f"{first}{SPAN_DASH}{last}"


def parse_span(text: str | None) -> tuple[date, date] | None:
    """The days of a date cell: one YYYY-MM-DD day, or two joined by a dash; None when blank.
    ValueError when malformed or backwards."""
    text = (text or "").strip()
    if not text:
        return None
    parts = [part.strip() for part in re.split(r"\s+[–-]\s+|\s*–\s*|\s*\.\.\s*", text)]
    if len(parts) == 1:
        day = parse_day(parts[0])
        return day, day
    if len(parts) != 2:
        raise ValueError(f"{text!r} is not a day (YYYY-MM-DD) or a span of days (YYYY-MM-DD – YYYY-MM-DD)")
    first, last = parse_day(parts[0]), parse_day(parts[1])
    if last < first:
        raise ValueError(f"{text!r} ends before it starts")
    return first, last


def review_rows(events: Sequence, text: str) -> list[dict[str, Any]]:
    """The review table's rows: each event's contract JSON, its id and its sentence."""
    rows = []
    for event in events:
        row = event.to_json()
        row["id"] = event.id
        row["sentence"] = text[event.start:event.end][:SENTENCE_PREVIEW_CHARS]
        rows.append(row)
    return rows


def corrected_event(event, decision: str, place: str | None, day: str | None, actor: str | None, resolve,
                    *, action: str | None = None, certainty: str | None = None):
    """``(event as the analyst left it, the changed fields)``: ``(None, {})`` if rejected, else
    the corrections applied and ``status`` accepted or corrected. ``day`` is a day or a span of
    days (``parse_span``). ``resolve(name)`` gives a gazetteer place for a corrected place name.
    Raises ValueError for a bad correction."""
    if decision == "reject":
        return None, {}
    changes: dict[str, Any] = {}
    place = (place or "").strip()
    if place and place != event.place:
        found = resolve(place)
        if found is None:
            raise ValueError(f"place {place!r} is not in the gazetteer")
        changes.update(place=found.name, lat=found.lat, lon=found.lon,
                       uncertainty_km=found.uncertainty_km, place_id=found.id or None)
    days = parse_span(day)
    if days is not None and days != (event.date_start, event.date_end):
        first, last = days
        changes.update(date_start=first, date_end=last, date_precision="day" if first == last else "week")
    if actor and actor != event.actor:
        if actor not in FACTIONS:
            raise ValueError(f"unknown actor {actor!r}")
        changes["actor"] = actor
        if event.target == actor:
            changes["target"] = None
    if action and action != event.action:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        changes["action"] = action
    if certainty and certainty != event.certainty:
        if certainty not in CERTAINTIES:
            raise ValueError(f"unknown certainty {certainty!r}")
        changes["certainty"] = certainty
    return event.with_changes(status="corrected" if changes else "accepted", **changes), changes


class Review:
    """Documents under review, and the store (``events.store``) they go to on saving."""

    def __init__(self, store_path: Path | None, references: dict[str, dict] | None = None) -> None:
        self._path = store_path
        self._references = references or {}
        self._pending: dict[str, tuple[Any, list]] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, store_path: Path | None, shared_dir: Path | None) -> "Review":
        """Open the store; when the seed reports are at hand (``shared_dir/seeds``), put their
        text in the store (without events: the default events are committed data) so that
        the sources of the default events can be shown. Never copies them anywhere else."""
        from events import store
        from events.defaults import DOCUMENTS_PATH

        if shared_dir is not None and (shared_dir / "seeds").is_dir():
            for path in sorted((shared_dir / "seeds").glob("*.txt")):
                try:
                    store.add_document(parse_document(path.read_bytes(), path.name), [], store_path)
                except DocumentError as error:
                    log.warning("seed report skipped: %s", error)
        return cls(store_path, _read_references(DOCUMENTS_PATH))

    def from_upload(self, contents: str | None, filename: str | None, doc_date: str | None) -> ReviewResult:
        name = filename if isinstance(filename, str) and filename else "upload.txt"
        try:
            raw = decode_upload(contents)
            return self._extract(shared_reader().parse(raw, name, parse_day(doc_date),
                                                       is_html=name.lower().endswith((".html", ".htm"))))
        except (DocumentError, ValueError) as error:
            return ReviewResult(None, error=_with_name(str(error), name))

    def from_text(self, text: str | None, doc_date: str | None) -> ReviewResult:
        if text is None or isinstance(text, str) and not text.strip():
            return ReviewResult(None, error="Paste a report's text first (or drop a file above).")
        try:
            document = shared_reader().parse(pasted_report(text, PASTED_NAME), PASTED_NAME, parse_day(doc_date))
        except (DocumentError, ValueError) as error:
            return ReviewResult(None, error=str(error))
        # Pasted reports have no file name: the text's hash tells them apart.
        return self._extract(replace(document, name=f"pasted-{document.content_hash[:12]}.txt"))

    def _extract(self, document) -> ReviewResult:
        try:
            events = list(shared_reader().read(document).events)
        except DocumentError as error:
            return ReviewResult(None, error=str(error))
        if not events:
            return ReviewResult(None, error=(
                f"No events found in {document.name}: no sentence names a side, an action and a "
                "place the gazetteer knows. Nothing was saved."))
        with self._lock:
            self._pending[document.content_hash] = (document, events)
        dated = (f", dated {document.date.isoformat()} (from the {document.date_source})"
                 if document.date else ", undated (give its date above for relative dates)")
        doc = {"hash": document.content_hash, "name": document.name, "title": document.title,
               "date": document.date.isoformat() if document.date else None,
               "events": review_rows(events, document.text)}
        return ReviewResult(doc, note=f"{len(events)} events found in {document.name}{dated}. "
                                      "Review them below, then save.")

    def save(self, doc: dict, rows: Sequence[dict], resolve=None) -> SaveOutcome:
        """Apply the analyst's decisions, one table row per event (``index`` of the event, and
        ``decision``, ``place``, ``date``, ``actor``, ``action``, ``certainty``; a missing row
        accepts its event as found): the document and its events go to the store, each event
        with its verdict. Any bad correction stores nothing and says which row."""
        from events import store

        with self._lock:
            pending = self._pending.get(doc.get("hash", ""))
        if pending is None:
            return SaveOutcome(errors=["this review is no longer open (the server restarted?); "
                                       "add the report again"])
        if resolve is None:
            from gazetteer import resolve
        document, events = pending
        by_index = {int(row["index"]): row for row in rows if row.get("index") is not None}
        verdicts, errors = [], []
        for i, event in enumerate(events):
            row = by_index.get(i, {})
            try:
                verdicts.append(corrected_event(event, row.get("decision") or "accept", row.get("place"),
                                                row.get("date"), row.get("actor"), resolve,
                                                action=row.get("action"), certainty=row.get("certainty")))
            except ValueError as error:
                errors.append(f"row {i + 1} ({event.place}): {error}")
        if errors:
            return SaveOutcome(errors=errors)
        store.add_document(document, events, self._path)
        for event, (result, changes) in zip(events, verdicts):
            status = "rejected" if result is None else result.status
            store.record_decision(event.id, status, _stored(changes) if status == "corrected" else None, self._path)
        with self._lock:
            self._pending.pop(document.content_hash, None)
        return SaveOutcome(accepted=[r for r, _ in verdicts if r is not None],
                           rejected=sum(r is None for r, _ in verdicts))

    def document(self, doc_name: str) -> dict | None:
        """Title, URL, date and (when the store has it) the text of the document named
        ``doc_name`` (the events' ``doc``); the committed reference alone otherwise."""
        from events import store

        for row in store.list_documents(self._path):
            if row["name"] == doc_name:
                return {**self._references.get(doc_name, {}),
                        **{k: v for k, v in row.items() if v not in (None, "")},
                        "text": store.document_text(row["id"], self._path)}
        return self._references.get(doc_name)


def _read_references(path: Path) -> dict[str, dict]:
    """The committed document references (``data/events/documents.csv``) by document name."""
    import csv

    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["doc"]: {"name": row["doc"], "title": row.get("title") or None,
                             "url": None, "source": row.get("source") or None, "date": row.get("date") or None}
                for row in csv.DictReader(f)}


def _stored(changes: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}


def _with_name(message: str, name: str) -> str:
    return message if message.startswith(name) else f"{name}: {message}"
