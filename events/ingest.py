"""Adding report files to the store: read, extract, store, one document at a time.

What ingest promises (tests/test_ingest.py keeps it):
- each document is committed whole (its text and all its events) or not at all;
- an interrupted ingest (Ctrl-C, kill -9, a full disk) leaves every document it had
  committed and nothing of the one it was on: run it again and it adds exactly the
  documents still missing;
- ingests running at the same time on the same store neither fail nor store a document
  twice, and each one's summary counts what it stored itself ("already in the store" counts
  what another had stored first);
- a file that cannot be read (empty, binary, another encoding, over the size limit) or
  whose reading fails or runs over its time budget is named in the summary and skipped;
  so is every file of a folder that is not a report (.txt, .md, .html);
- a document already stored (same text) is not extracted again.
"""
from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from events import store
from events.documents import TEXT_SUFFIXES, DocumentError, report_paths
from events.extract import PlaceFinder
from events.worker import ReportReader, shared_reader

_SKIPPED_NAMED = 20


@dataclass
class IngestSummary:
    documents_added: int = 0
    documents_already_stored: int = 0
    events_added: int = 0
    unresolved: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents_added} added, {self.documents_already_stored} already in the store, "
               f"{len(self.errors)} failed",
               f"events: {self.events_added} added"]
        if self.unresolved:
            names = ", ".join(f"{name} ({n})" for name, n in self.unresolved.most_common(20))
            out.append(f"unresolved place names: {sum(self.unresolved.values())} ({names})")
        else:
            out.append("unresolved place names: 0")
        if self.skipped:
            named = ", ".join(self.skipped[:_SKIPPED_NAMED])
            more = f" and {len(self.skipped) - _SKIPPED_NAMED} more" if len(self.skipped) > _SKIPPED_NAMED else ""
            out.append(f"warning: {len(self.skipped)} file(s) skipped, not reports "
                       f"({', '.join(TEXT_SUFFIXES)}): {named}{more}")
        out.extend(f"warning: {w}" for w in self.warnings)
        out.extend(f"error: {e}" for e in self.errors)
        return out


def ingest(paths: list[str | Path], db: str | Path | None = None, place_finder: PlaceFinder | None = None,
           doc_date: date | None = None, progress: bool = True) -> IngestSummary:
    """Ingest files and folders of .txt/.md/.html reports into the store at ``db``.

    ``place_finder`` must be picklable (it runs in the reader's worker process, see
    events/worker.py); None is the project gazetteer."""
    summary = IngestSummary()
    files, skipped = report_paths(paths)
    summary.skipped = [str(path) for path in skipped]
    reader = ReportReader(place_finder) if place_finder is not None else shared_reader()
    reader.start()  # before the progress bar's thread
    try:
        for path in tqdm(files, desc="ingest", unit="doc", file=sys.stderr, disable=not progress):
            _ingest_one(path, db, reader, doc_date, summary)
    finally:
        if place_finder is not None:
            reader.close()
    return summary


def _ingest_one(path: Path, db, reader: ReportReader, doc_date: date | None, summary: IngestSummary) -> None:
    try:
        document = reader.parse_file(path, doc_date)
        if store.has_document(document.content_hash, db):
            summary.documents_already_stored += 1
            return
        extraction = reader.read(document)
    except DocumentError as error:
        summary.errors.append(str(error))
        return
    try:
        added = store.add_document(document, extraction.events, db)
    except sqlite3.Error as error:  # e.g. a full disk: this document is not stored, the others are
        summary.errors.append(f"{path}: not stored ({error})")
        return
    if added is None:  # another ingest stored it meanwhile
        summary.documents_already_stored += 1
        return
    summary.documents_added += 1
    summary.events_added += added
    summary.unresolved.update(extraction.unresolved)
    summary.warnings.extend(extraction.warnings)
