"""The embedded default events: the events of the seed reports and the development corpus
(``../shared/seeds`` and ``../shared/dev/docs``, 29 reports), committed as facts with references.

``data/events/seed_events.csv`` holds one row per event (document id, source URL, dates,
action, sides, place and coordinates, character offsets, confidence) and never the
report's text; ``data/events/documents.csv`` holds each seed document's title, URL and
date. ``load_default_events()`` reads the CSV (no extraction at start-up);
``rebuild_defaults()`` (``python -m events rebuild-defaults``) re-extracts them from
``DEFAULT_FOLDERS`` under ``../shared`` with the dates of ``data/events/document_dates.csv``
for documents whose text carries none. A document's title is not kept: a headline is a
sentence of the report.
"""
from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

import settings
from events.documents import Document, read_document
from events.extract import PlaceFinder, default_place_finder, extract
from events.model import Event

EVENTS_DIR = settings.DATA_DIR / "events"
SEED_EVENTS_PATH = EVENTS_DIR / "seed_events.csv"
DOCUMENTS_PATH = EVENTS_DIR / "documents.csv"
DOCUMENT_DATES_PATH = EVENTS_DIR / "document_dates.csv"
EVENT_COLUMNS = ("id", "doc", "date_start", "date_end", "date_precision", "action", "actor", "target",
                 "place", "place_id", "lat", "lon", "uncertainty_km", "unit", "certainty", "start", "end", "confidence")
# The publisher's host stands for the document's URL: the full URL is read from the report itself when it is
# in the store, and a URL slug can repeat the report's headline, which the repository must not hold.
DOCUMENT_COLUMNS = ("doc", "title", "source", "date", "date_source")
# The report folders of the default, under ../shared, in this order.
DEFAULT_FOLDERS = ("seeds", "dev/docs")


def load_default_events(path: Path = SEED_EVENTS_PATH) -> list[Event]:
    """The committed seed events, read once per process."""
    return list(_load(Path(path)))


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Event, ...]:
    with open(path, newline="", encoding="utf-8") as f:
        return tuple(event_from_row(row) for row in csv.DictReader(f))


def event_from_row(row: dict) -> Event:
    def number(key: str) -> float | None:
        return float(row[key]) if row.get(key) not in (None, "") else None

    return Event(
        id=row["id"], doc=row["doc"], date_start=date.fromisoformat(row["date_start"]),
        date_end=date.fromisoformat(row["date_end"]), date_precision=row["date_precision"], action=row["action"],
        actor=row["actor"], target=row["target"] or None, place=row["place"], lat=number("lat"), lon=number("lon"),
        uncertainty_km=number("uncertainty_km"), unit=row["unit"] or None, certainty=row["certainty"],
        start=int(row["start"]), end=int(row["end"]), confidence=float(row["confidence"]),
        place_id=row["place_id"] or None,
    )


def event_row(event: Event) -> dict:
    def text(value) -> str:
        return "" if value is None else str(value)

    return {
        "id": event.id, "doc": event.doc, "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(), "date_precision": event.date_precision, "action": event.action,
        "actor": event.actor, "target": text(event.target), "place": event.place, "place_id": text(event.place_id),
        "lat": text(event.lat), "lon": text(event.lon), "uncertainty_km": text(event.uncertainty_km),
        "unit": text(event.unit), "certainty": event.certainty, "start": str(event.start), "end": str(event.end),
        "confidence": text(event.confidence),
    }


def document_row(document: Document) -> dict:
    return {"doc": document.name, "title": "", "source": urlsplit(document.url or "").hostname or "",
            "date": document.date.isoformat() if document.date else "", "date_source": document.date_source}


def analyst_dates(path: Path = DOCUMENT_DATES_PATH) -> dict[str, date]:
    """Dates an analyst gave to documents whose text has none (doc -> date)."""
    if not Path(path).exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["doc"]: date.fromisoformat(row["date"]) for row in csv.DictReader(f)}


def extract_seeds(folders: Path | Sequence[Path], place_finder: PlaceFinder | None = None,
                  dates_path: Path = DOCUMENT_DATES_PATH) -> tuple[list[dict], list[dict]]:
    """(event rows, document rows) for every ``*.txt`` report in ``folders`` (one folder or
    several), folder by folder in file order."""
    finder = place_finder or default_place_finder()
    given = analyst_dates(dates_path)
    folders = [folders] if isinstance(folders, (str, Path)) else list(folders)
    paths = [path for folder in folders for path in sorted(Path(folder).glob("*.txt"))]
    names = [path.name for path in paths]
    if len(set(names)) != len(names):
        raise ValueError(f"two reports share a file name in {', '.join(map(str, folders))}")
    event_rows, document_rows = [], []
    for path in paths:
        document = read_document(path, given.get(path.name))
        if path.name in given:
            document = replace(document, date_source="analyst")
        extraction = extract(document, finder)
        event_rows.extend(event_row(e) for e in extraction.events)
        document_rows.append(document_row(document))
    return event_rows, document_rows


def write_rows(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def default_folders(shared_dir: Path | None = None) -> list[Path]:
    """The report folders of the default under ``shared_dir`` (default ``settings.SHARED_DIR``)."""
    shared_dir = shared_dir or settings.SHARED_DIR
    if shared_dir is None:
        raise FileNotFoundError("../shared not found; set FRONTLINE_SHARED")
    return [Path(shared_dir) / folder for folder in DEFAULT_FOLDERS]


def rebuild_defaults(folders: Path | Sequence[Path] | None = None, out_dir: Path = EVENTS_DIR,
                     place_finder: PlaceFinder | None = None) -> tuple[int, int]:
    """Re-extract the default reports (``default_folders()`` unless ``folders`` are given) into
    ``out_dir``; return (events, documents) written."""
    event_rows, document_rows = extract_seeds(folders if folders is not None else default_folders(), place_finder)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_rows(out_dir / SEED_EVENTS_PATH.name, EVENT_COLUMNS, event_rows)
    write_rows(out_dir / DOCUMENTS_PATH.name, DOCUMENT_COLUMNS, document_rows)
    _load.cache_clear()
    return len(event_rows), len(document_rows)
