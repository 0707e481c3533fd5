"""Adding report files to the store: read, extract, store, one document at a time.

A file that cannot be read (empty, binary, not UTF-8, too large) or that fails to extract
is reported in the summary and skipped; the store keeps everything else. A document
already stored (same text) is not extracted again.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from events import store
from events.documents import DocumentError, read_document, report_paths
from events.extract import PlaceFinder, default_place_finder, extract


@dataclass
class IngestSummary:
    documents_added: int = 0
    documents_already_stored: int = 0
    events_added: int = 0
    unresolved: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents_added} added, {self.documents_already_stored} already in the store, "
               f"{len(self.errors)} failed",
               f"events: {self.events_added} added"]
        if self.unresolved:
            names = ", ".join(f"{name} ({n})" for name, n in self.unresolved.most_common(20))
            out.append(f"unresolved place names: {sum(self.unresolved.values())} ({names})")
        else:
            out.append("unresolved place names: 0")
        out.extend(f"warning: {w}" for w in self.warnings)
        out.extend(f"error: {e}" for e in self.errors)
        return out


def ingest(paths: list[str | Path], db: str | Path | None = None, place_finder: PlaceFinder | None = None,
           doc_date: date | None = None, progress: bool = True) -> IngestSummary:
    """Ingest files and folders of .txt/.md/.html reports into the store at ``db``."""
    summary = IngestSummary()
    files = report_paths(paths)
    finder = place_finder
    for path in tqdm(files, desc="ingest", unit="doc", file=sys.stderr, disable=not progress):
        try:
            document = read_document(path, doc_date)
        except DocumentError as error:
            summary.errors.append(str(error))
            continue
        if store.has_document(document.content_hash, db):
            summary.documents_already_stored += 1
            continue
        try:
            finder = finder or default_place_finder()
            extraction = extract(document, finder)
            added = store.add_document(document, extraction.events, db)
        except Exception as error:  # one bad document must not stop the batch
            summary.errors.append(f"{path}: extraction failed ({type(error).__name__}: {error})")
            continue
        summary.documents_added += 1
        summary.events_added += added
        summary.unresolved.update(extraction.unresolved)
        summary.warnings.extend(extraction.warnings)
    return summary
