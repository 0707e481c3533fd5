"""Reading a report within its time budget, in a worker process.

A regex that runs long holds Python's GIL: while it runs, no other thread of the process
moves (the page's other users wait) and no signal handler runs, so the reader cannot be
stopped from inside. It runs in a worker process instead, which can be killed.

``ReportReader.parse(raw, name)`` (the bytes to a ``Document``: decoding, markup, and its
date, which the reader may have to find in the text) and ``ReportReader.read(document)``
(its events) run in a warm worker (the gazetteer is loaded once per worker), together
within ``settings.REPORT_TIME_BUDGET_S``. Past that the worker is killed (a fresh one starts
for the next report) and ``ReportTimeout`` names the report. A stopped report keeps
nothing: what the reader found before the stop may lack what the rest of the text says
about it (a denial, a correction, the date that "two days later" counts from), so no event
of it is stored or shown. A reader that fails on a report raises
``ReaderFailed``; the traceback goes to the log, never to the user. Both are
``DocumentError``, the error every entry point already reports.

Used by ``python -m events extract`` and ``ingest`` and by the page's "Add report", whose
worker the app starts and loads in the background once the page's data are in (``warm``).
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import signal
import threading
import time
import traceback
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Callable

import settings
from events.documents import Document, DocumentError
from report_text import read_report_bytes

log = logging.getLogger(__name__)

# Starting a worker imports the reader and loads the gazetteer: not part of any report's budget.
START_TIMEOUT_S = 300.0
# The worker's own alarm, for when no parent is left to stop it (a killed `ingest`).
_ALARM_GRACE_S = 10
_SPENT_KEPT = 256


def _context():
    """Fork a process that has no other thread (the command line: quick, nothing to import
    again); spawn from one that has (the page's server: a fork copies locks that other
    threads hold)."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


class ReportTimeout(DocumentError):
    """A report whose reading took longer than its budget; nothing of it was kept."""


class ReaderFailed(DocumentError):
    """The reader failed on a report (a bug); nothing was kept. ``details`` holds the
    traceback, for the log and for bug reports, never for the page."""

    details: str = ""


class _Worker:
    def __init__(self, place_finder) -> None:
        context = _context()
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, self.connection, place_finder),
                                       daemon=True, name="report-reader")
        self.process.start()
        child_end.close()
        self.ready = False
        # A worker being warmed in the background and a report that takes it meanwhile wait for
        # the one "ready" message together.
        self._ready_lock = threading.Lock()

    def call(self, task: str, args: tuple, name: str, budget_s: float, total_s: float):
        """``task`` ("parse" or "extract") on ``args`` in the worker: its result, or
        ``ReportTimeout`` after ``budget_s`` (the report's ``total_s`` budget less what it spent)."""
        self.connection.send((task, args, budget_s))
        outcome = self._receive(max(budget_s, 0.0), f"{name}: the reader stopped unexpectedly (out of "
                                "memory?); nothing was kept from this report")
        if outcome is None:
            raise ReportTimeout(
                f"{name}: reading stopped at the {total_s:g} s budget for one report "
                "(settings.REPORT_TIME_BUDGET_S); nothing was kept from this report. Split it into "
                "smaller files, or raise $FRONTLINE_REPORT_BUDGET_S")
        kind, value, details = outcome
        if kind == "refused":
            raise DocumentError(value)
        if kind == "error":
            log.error("the reader failed on %s:\n%s", name, details)
            error = ReaderFailed(f"{name}: the reader failed on this report ({value}); nothing was kept. "
                                 "This is a bug: please report it with the file")
            error.details = details
            raise error
        return value

    def wait_ready(self, name: str) -> None:
        with self._ready_lock:
            if not self.ready:
                failure = f"{name}: the reader could not start; nothing was kept"
                if self._receive(START_TIMEOUT_S, failure) is None:
                    raise ReaderFailed(failure)
                self.ready = True

    def _receive(self, timeout_s: float, failure: str):
        """The worker's next message; None after ``timeout_s`` (the worker is then killed);
        ``ReaderFailed(failure)`` if the worker died."""
        try:
            if self.connection.poll(timeout_s):
                return self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise ReaderFailed(failure) from None
        self.stop()
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()

    @property
    def alive(self) -> bool:
        return self.process.is_alive() and not self.connection.closed


class ReportReader:
    """Reads documents in up to ``workers`` worker processes, one report per worker at a time
    (more callers wait their turn). ``place_finder`` must be picklable (a module-level
    function); None is the project gazetteer's geoparse, loaded in each worker."""

    def __init__(self, place_finder=None, workers: int = 1, budget_s: float | None = None) -> None:
        self._finder = place_finder
        self._budget_s = budget_s
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        # Time each parsed document has spent of its budget, until it is read.
        self._spent: dict[str, float] = {}

    def parse_file(self, path: str | Path, doc_date: date | None = None) -> Document:
        """``events.documents.read_document`` with the parsing in the worker."""
        path = Path(path)
        return self.parse(read_report_bytes(path), path.name, doc_date, path.suffix.lower() in (".html", ".htm"))

    def parse(self, raw: bytes, name: str, doc_date: date | None = None, is_html: bool | None = None) -> Document:
        """``events.documents.parse_document`` in the worker, within the report's budget."""
        document, spent_s = self._call("parse", (raw, name, doc_date, is_html), name, 0.0)
        with self._lock:
            if len(self._spent) >= _SPENT_KEPT:  # documents parsed but never read (already stored)
                self._spent.pop(next(iter(self._spent)))
            self._spent[document.content_hash] = spent_s
        return document

    def read(self, document: Document):
        """The ``Extraction`` of ``document``, its own warnings first, within what is left of its
        budget; ``ReportTimeout`` or ``ReaderFailed`` when it cannot be had."""
        with self._lock:
            spent = self._spent.pop(document.content_hash, 0.0)
        extraction, _ = self._call("extract", (document,), document.name, spent)
        return replace(extraction, warnings=tuple(document.warnings) + tuple(extraction.warnings))

    def _call(self, task: str, args: tuple, name: str, spent_s: float) -> tuple:
        """``(result, seconds it took)`` of ``task`` in a free worker (waiting for one is not
        counted)."""
        total_s = settings.REPORT_TIME_BUDGET_S if self._budget_s is None else self._budget_s
        with self._slots:
            worker = self._take()
            try:
                worker.wait_ready(name)
                started = time.monotonic()
                value = worker.call(task, args, name, total_s - spent_s, total_s)
            except DocumentError:  # a refused file, a failed reading: the worker lives on if it can
                self._give_back(worker)
                raise
            except BaseException:
                worker.stop()
                raise
            self._give_back(worker)
        return value, time.monotonic() - started

    def start(self) -> None:
        """Start a worker now, e.g. before the caller starts threads of its own (see ``_context``)."""
        self._start_idle()

    def warm(self, after: Callable[[], object] | None = None) -> threading.Thread:
        """Start a worker and wait for its reader to load (seconds: the imports and the
        gazetteer) in a background thread, so that the first report does not pay for it; a
        report sent meanwhile waits for this worker rather than starting another. With
        ``after``, the worker starts once ``after()`` has returned, in that thread (the page's
        own data load: the two need not share the start-up's CPU); its failure is the caller's
        to show, the warming goes on. Without, it starts before ``warm`` returns."""
        def run(worker: _Worker | None) -> None:
            if worker is None:
                try:
                    after()
                except Exception:
                    pass
                worker = self._start_idle()
            try:
                worker.wait_ready("warming the reader")
            except DocumentError as error:  # the next report starts another worker
                log.warning("%s", error)

        thread = threading.Thread(target=run, args=(None if after else self._start_idle(),),
                                  name="report-reader-warm", daemon=True)
        thread.start()
        return thread

    def ready_workers(self) -> list[int]:
        """The process ids of the idle workers whose reader is loaded."""
        with self._lock:
            return [w.process.pid for w in self._idle if w.ready and w.alive]

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def __enter__(self) -> "ReportReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start_idle(self) -> _Worker:
        """An idle worker, started if there is none."""
        worker = self._take()
        self._give_back(worker)
        return worker

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive:
                    return worker
        return _Worker(self._finder)

    def _give_back(self, worker: _Worker) -> None:
        if worker.alive:
            with self._lock:
                self._idle.append(worker)


_shared: ReportReader | None = None
_shared_lock = threading.Lock()


def shared_reader(workers: int = 2) -> ReportReader:
    """The process's reader with the project gazetteer (the page and the command line)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ReportReader(workers=workers)
        return _shared


def _serve(connection, parent_end, place_finder) -> None:
    """The worker: run each task sent, answer ``(kind, value, details)``."""
    parent_end.close()  # so that the parent's death reads as the end of the pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from events.documents import parse_document
    from events.extract import default_place_finder, extract

    finder = place_finder or default_place_finder()
    if place_finder is None:
        finder("")  # builds the gazetteer before the first report
    tasks = {"parse": parse_document, "extract": lambda document: extract(document, finder)}
    connection.send(("ready", None, None))
    while True:
        try:
            task, args, budget_s = connection.recv()
        except (EOFError, OSError):
            return
        # SIGALRM's default action ends the process even inside a regex, with or without a parent.
        signal.alarm(math.ceil(max(budget_s, 0)) + _ALARM_GRACE_S)
        try:
            outcome = ("ok", tasks[task](*args), None)
        except DocumentError as error:
            outcome = ("refused", str(error), None)
        except Exception as error:  # reported to the parent, which names the report
            outcome = ("error", type(error).__name__, traceback.format_exc())
        signal.alarm(0)
        try:
            connection.send(outcome)
        except (BrokenPipeError, OSError):
            return
