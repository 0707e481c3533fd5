"""Adding a report in the page: upload or paste -> extracted events for review -> the store.

The flow keeps everything the analyst typed: a failed read or extraction returns a message
and leaves the pasted text and the table as they were. Documents under review wait here,
server-side, keyed by their content hash; the browser holds only the rows it shows.
"""
from __future__ import annotations

import base64
import binascii
import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from events.documents import DocumentError, parse_document
from events.vocabulary import FACTIONS

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
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


def decode_upload(contents: str | None, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """The bytes of a ``dcc.Upload`` data URL (``data:<type>;base64,<payload>``).
    Raises ``DocumentError`` with a message for the user."""
    if not contents or "," not in contents:
        raise DocumentError("the upload is empty")
    header, payload = contents.split(",", 1)
    # base64 is 4 characters per 3 bytes: refuse before decoding a huge payload.
    if len(payload) * 3 // 4 > max_bytes + 3:
        size_mb = len(payload) * 3 / 4 / 1024 / 1024
        raise DocumentError(f"the file is {size_mb:.1f} MB, over the {max_bytes // 1024 // 1024} MB "
                            "limit for the page; use `python -m events ingest` for big files")
    try:
        return base64.b64decode(payload, validate=False) if ";base64" in header else payload.encode()
    except (binascii.Error, ValueError):
        raise DocumentError("the upload could not be decoded") from None


def parse_day(text: str | None) -> date | None:
    """A YYYY-MM-DD date typed by the analyst, None when blank; ValueError when malformed."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def review_rows(events: Sequence, text: str) -> list[dict[str, Any]]:
    """The review table's rows: each event's contract JSON, its id and its sentence."""
    rows = []
    for event in events:
        row = event.to_json()
        row["id"] = event.id
        row["sentence"] = text[event.start:event.end][:SENTENCE_PREVIEW_CHARS]
        rows.append(row)
    return rows


def corrected_event(event, decision: str, place: str | None, day: str | None, actor: str | None, resolve):
    """The event as the analyst left it: ``None`` if rejected, else with the corrections
    applied and ``status`` accepted or corrected. ``resolve(name)`` gives a gazetteer place
    for a corrected place name. Raises ValueError with a message for a bad correction."""
    if decision == "reject":
        return None
    changes: dict[str, Any] = {}
    place = (place or "").strip()
    if place and place != event.place:
        found = resolve(place)
        if found is None:
            raise ValueError(f"place {place!r} is not in the gazetteer")
        changes.update(place=found.name, lat=found.lat, lon=found.lon,
                       uncertainty_km=found.uncertainty_km, place_id=found.id or None)
    new_day = parse_day(day)
    if new_day is not None and (new_day != event.date_start or new_day != event.date_end):
        changes.update(date_start=new_day, date_end=new_day, date_precision="day")
    if actor and actor != event.actor:
        if actor not in FACTIONS:
            raise ValueError(f"unknown actor {actor!r}")
        changes["actor"] = actor
        if event.target == actor:
            changes["target"] = None
    return event.with_changes(status="corrected" if changes else "accepted", **changes)


class Review:
    """Documents under review and the store they go to."""

    def __init__(self, store) -> None:
        self._store = store
        self._pending: dict[str, tuple[Any, list]] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, store_path: Path | None, shared_dir: Path | None) -> "Review":
        """Open the store; when the seed reports are at hand (``shared_dir/seeds``), put their
        text in the store so that the default events' sources can be shown."""
        from events.store import Store

        store = Store(store_path)
        if shared_dir is not None and (shared_dir / "seeds").is_dir():
            for path in sorted((shared_dir / "seeds").glob("*.txt")):
                try:
                    store.add_document(parse_document(path.read_bytes(), path.name))
                except DocumentError as error:
                    log.warning("seed report skipped: %s", error)
        return cls(store)

    def from_upload(self, contents: str | None, filename: str | None, doc_date: str | None) -> ReviewResult:
        name = filename or "upload.txt"
        try:
            raw = decode_upload(contents)
            return self._extract(parse_document(raw, name, doc_date=parse_day(doc_date),
                                                is_html=name.lower().endswith((".html", ".htm"))))
        except (DocumentError, ValueError) as error:
            return ReviewResult(None, error=_with_name(str(error), name))

    def from_text(self, text: str | None, doc_date: str | None) -> ReviewResult:
        if not (text or "").strip():
            return ReviewResult(None, error="Paste a report's text first (or drop a file above).")
        raw = text.encode("utf-8")
        if len(raw) > MAX_UPLOAD_BYTES:
            return ReviewResult(None, error=f"The pasted text is over {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
        try:
            return self._extract(parse_document(raw, PASTED_NAME, doc_date=parse_day(doc_date), is_html=False))
        except (DocumentError, ValueError) as error:
            return ReviewResult(None, error=str(error))

    def _extract(self, document) -> ReviewResult:
        from events.extract import extract_document

        events = list(extract_document(document))
        if not events:
            return ReviewResult(None, error=(
                f"No events found in {document.name}: no sentence names a side, an action and a "
                "place the gazetteer knows. Nothing was saved."))
        with self._lock:
            self._pending[document.content_hash] = (document, events)
        dated = f", dated {document.date.isoformat()} ({document.date_source})" if document.date else ", undated"
        doc = {"hash": document.content_hash, "name": document.name, "title": document.title,
               "date": document.date.isoformat() if document.date else None,
               "events": review_rows(events, document.text)}
        return ReviewResult(doc, note=f"{len(events)} events found in {document.name}{dated}. "
                                      "Review them below, then save.")

    def save(self, doc: dict, decisions: Sequence, places: Sequence, dates: Sequence,
             actors: Sequence, resolve=None) -> SaveOutcome:
        """Apply the analyst's decisions and store the document with its accepted events and
        all decisions, in one transaction; on any bad correction nothing is stored."""
        with self._lock:
            pending = self._pending.get(doc.get("hash", ""))
        if pending is None:
            return SaveOutcome(errors=["this review is no longer open (the server restarted?); "
                                       "add the report again"])
        if resolve is None:
            from gazetteer import resolve
        document, events = pending
        kept, errors, rejected = [], [], 0
        for i, event in enumerate(events):
            try:
                result = corrected_event(event, _at(decisions, i, "accept"), _at(places, i),
                                         _at(dates, i), _at(actors, i), resolve)
            except ValueError as error:
                errors.append(f"row {i + 1}: {error}")
                continue
            if result is None:
                rejected += 1
            kept.append((event, result))
        if errors:
            return SaveOutcome(errors=errors)
        self._store.save_review(document, kept)
        with self._lock:
            self._pending.pop(document.content_hash, None)
        return SaveOutcome(accepted=[new for _, new in kept if new is not None], rejected=rejected)

    def accepted_events(self) -> list:
        return list(self._store.accepted_events())

    def document(self, doc_id: str) -> dict | None:
        return self._store.document(doc_id)


def _at(values: Sequence, i: int, default=None):
    return values[i] if values is not None and i < len(values) else default


def _with_name(message: str, name: str) -> str:
    return message if message.startswith(name) else f"{name}: {message}"
