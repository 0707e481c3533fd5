"""Reading a report within its time budget, in a worker process.

A regex that runs long holds Python's GIL: while it runs, no other thread of the process
moves (the page's other users wait) and no signal handler runs, so the reader cannot be
stopped from inside. It runs in a worker process instead, which can be killed.

``ReportReader.read(document)`` sends the document to a warm worker (the gazetteer is
loaded once per worker) and waits at most ``settings.REPORT_TIME_BUDGET_S``. Past that the
worker is killed (a fresh one starts for the next report) and ``ReportTimeout`` names the
report. A stopped report keeps nothing: what the reader found before the stop may lack what
the rest of the text says about it (a denial, a correction, the date that "two days later"
counts from), so no event of it is stored or shown. A reader that fails on a report raises
``ReaderFailed``; the traceback goes to the log, never to the user. Both are
``DocumentError``, the error every entry point already reports.

Used by ``python -m events extract`` and ``ingest`` and by the page's "Add report".
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

import settings
from events.documents import Document, DocumentError

log = logging.getLogger(__name__)

# Starting a worker imports the reader and loads the gazetteer: not part of any report's budget.
START_TIMEOUT_S = 300.0
# The worker's own alarm, for when no parent is left to stop it (a killed `ingest`).
_ALARM_GRACE_S = 10
_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server


class ReportTimeout(DocumentError):
    """A report whose reading took longer than its budget; nothing of it was kept."""


class ReaderFailed(DocumentError):
    """The reader failed on a report (a bug: the log has the traceback); nothing was kept."""


class _Worker:
    def __init__(self, place_finder) -> None:
        self.connection, child_end = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child_end, place_finder), daemon=True,
                                        name="report-reader")
        self.process.start()
        child_end.close()
        self.ready = False

    def read(self, document: Document, budget_s: float):
        if not self.ready:
            self._receive(START_TIMEOUT_S, f"{document.name}: the reader could not start; nothing was kept")
            self.ready = True
        self.connection.send((document, budget_s))
        started = time.monotonic()
        outcome = self._receive(budget_s, None)
        if outcome is None:
            raise ReportTimeout(
                f"{document.name}: reading stopped after {time.monotonic() - started:.0f} s, over the "
                f"{budget_s:g} s budget for one report (settings.REPORT_TIME_BUDGET_S); nothing was kept "
                "from this report. Split it into smaller files, or raise $FRONTLINE_REPORT_BUDGET_S")
        kind, value, details = outcome
        if kind == "error":
            log.error("the reader failed on %s:\n%s", document.name, details)
            raise ReaderFailed(f"{document.name}: the reader failed on this report ({value}); nothing was "
                               "kept. This is a bug: please report it with the file")
        return value

    def _receive(self, timeout_s: float, failure: str | None):
        """The worker's next message; None after ``timeout_s`` (the worker is then killed)."""
        try:
            if self.connection.poll(timeout_s):
                return self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise ReaderFailed(failure or "the reader stopped unexpectedly (out of memory?); nothing was kept "
                               "from this report") from None
        self.stop()
        if failure:
            raise ReaderFailed(failure)
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

    def read(self, document: Document):
        """The ``Extraction`` of ``document``, its own warnings first; ``ReportTimeout`` or
        ``ReaderFailed`` when it cannot be had within the budget."""
        budget_s = settings.REPORT_TIME_BUDGET_S if self._budget_s is None else self._budget_s
        with self._slots:
            worker = self._take()
            try:
                extraction = worker.read(document, budget_s)
            except ReaderFailed:
                self._give_back(worker)
                raise
            except BaseException:
                worker.stop()
                raise
            self._give_back(worker)
        return replace(extraction, warnings=tuple(document.warnings) + tuple(extraction.warnings))

    def warm(self) -> None:
        """Start a worker now (in the background) rather than on the first report."""
        def start():
            with self._slots:
                worker = self._take()
                try:
                    worker._receive(START_TIMEOUT_S, "the reader could not start")
                    worker.ready = True
                except ReaderFailed as error:
                    log.warning("%s", error)
                self._give_back(worker)
        threading.Thread(target=start, name="report-reader-warm", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def __enter__(self) -> "ReportReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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


def _serve(connection, place_finder) -> None:
    """The worker: read each document sent, answer ``(kind, value, details)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from events.extract import default_place_finder, extract

    finder = place_finder or default_place_finder()
    if place_finder is None:
        finder("")  # builds the gazetteer before the first report
    connection.send(("ready", None, None))
    while True:
        try:
            document, budget_s = connection.recv()
        except (EOFError, OSError):
            return
        # SIGALRM's default action ends the process even inside a regex, with or without a parent.
        signal.alarm(math.ceil(budget_s) + _ALARM_GRACE_S)
        try:
            outcome = ("ok", extract(document, finder), None)
        except Exception as error:  # reported to the parent, which names the report
            outcome = ("error", type(error).__name__, traceback.format_exc())
        signal.alarm(0)
        try:
            connection.send(outcome)
        except (BrokenPipeError, OSError):
            return
