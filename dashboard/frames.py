"""Per-date map frames for the slider and playback, sent ahead so that the browser paints without asking.

A frame is what one date draws under one set of filters (window, certainties, actions, fading):
for each dynamic source of ``dashboard.map_sources``, its pieces (``Piece``). Frames reach the
browser in chunks ``{"key", "fresh", "pieces": {digest: JSON text}, "dates": {offset: {source:
[digest, ...]}}}`` (offsets as strings, JSON keys being strings) through a ``dcc.Store`` that the
browser empties once it has merged the chunk into its own copy (``assets/frontline.js``: Dash
walks every store's data at each update of the page), so a piece that many dates share (a
territory that lasts, a day's events) is sent once.

The browser asks with ``{"key", "offset", "stride", "have": [offsets it holds], "bytes": size
of its pieces}``. The answer holds the missing dates and the pieces the dates it holds do not
have; or it is ``fresh`` (the browser drops what it held) when the key changed since, or once
the browser holds more than ``MAX_CLIENT_BYTES``.

``FrameCache`` keeps the frames the server built (up to ``MAX_CACHE_BYTES`` of pieces) and goes
on building the frames ahead of the last request in a background thread, so that the next
request finds them ready.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Iterable

from dashboard.map_sources import Piece

log = logging.getLogger(__name__)

Frame = dict[str, list[Piece]]
MAX_CACHE_BYTES = 256 * 1024 * 1024
MAX_CLIENT_BYTES = 64 * 1024 * 1024


def frame_key(filters: dict[str, Any], data_version: int) -> str:
    """A short id of everything besides the date that changes a frame."""
    blob = json.dumps({"filters": filters, "version": data_version}, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def wanted_offsets(offset: int, stride: int, span_days: int, count: int) -> list[int]:
    """The requested offset, then ``count - 1`` more ahead every ``stride`` days (playback
    order), then the neighbours a keyboard step reaches (a day and a week either way)."""
    stride = max(int(stride), 1)
    ahead = [offset + k * stride for k in range(count)]
    steps = [offset + 1, offset - 1, offset + 7, offset - 7]
    seen: dict[int, None] = {}
    for value in ahead + steps:
        if 0 <= value <= span_days:
            seen.setdefault(value, None)
    return list(seen)


def pack(frames: dict[int, Frame], known: set[str] = frozenset()) -> dict[str, dict]:
    """``{"pieces": {digest: text}, "dates": {"offset": {source: [digest, ...]}}}`` for
    ``frames``, leaving out the pieces whose digest is ``known``."""
    pieces: dict[str, str] = {}
    dates: dict[str, dict[str, list[str]]] = {}
    for offset, frame in frames.items():
        dates[str(offset)] = {source: [p.digest for p in parts] for source, parts in frame.items()}
        for parts in frame.values():
            for part in parts:
                if part.digest not in known:
                    pieces.setdefault(part.digest, part.text)
    return {"pieces": pieces, "dates": dates}


def digests(frames: Iterable[Frame]) -> set[str]:
    return {part.digest for frame in frames for parts in frame.values() for part in parts}


class FrameCache:
    """Frames by (key, offset), least recently used first out, built one at a time."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._frames: OrderedDict[tuple[str, int], Frame] = OrderedDict()
        self._piece_refs: dict[str, list[int]] = {}     # digest -> [frames using it, its size]
        self._bytes = 0
        self._lock = threading.Lock()                   # the dicts above
        self._building = threading.Lock()               # one frame built at a time
        self._ahead: tuple[str, list[int], Callable[[int], Frame]] | None = None
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def get(self, key: str, offset: int) -> Frame | None:
        with self._lock:
            frame = self._frames.get((key, offset))
            if frame is not None:
                self._frames.move_to_end((key, offset))
            return frame

    def frames(self, key: str, offsets: list[int], build: Callable[[int], Frame], budget_s: float,
               clock: Callable[[], float] = time.perf_counter) -> dict[int, Frame]:
        """The frames of ``offsets`` in order, built while ``budget_s`` lasts (the first one
        always, so that every request makes progress); cached ones cost nothing."""
        started = clock()
        out: dict[int, Frame] = {}
        for offset in offsets:
            frame = self.get(key, offset)
            if frame is None:
                if out and clock() - started > budget_s:
                    continue
                frame = self._build(key, offset, build)
            out[offset] = frame
        return out

    def known(self, key: str, offsets: Iterable[int]) -> set[str]:
        """Digests of the pieces of the cached frames of ``offsets``."""
        with self._lock:
            return digests(f for f in (self._frames.get((key, int(o))) for o in offsets) if f is not None)

    def ahead(self, key: str, offsets: list[int], build: Callable[[int], Frame]) -> None:
        """Build the frames of ``offsets`` in the background, in order; a later call replaces
        the list (the user moved on)."""
        with self._lock:
            self._ahead = (key, list(offsets), build)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run_ahead, name="dashboard-frames", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run_ahead(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                target = self._ahead
            if target is None:
                continue
            key, offsets, build = target
            for offset in offsets:
                with self._lock:
                    if self._ahead is not target:
                        break
                if self.get(key, offset) is None:
                    try:
                        self._build(key, offset, build)
                    except Exception:   # the request that needs the frame will show the error
                        log.exception("building the frame of day %s ahead failed", offset)
                        break

    def _build(self, key: str, offset: int, build: Callable[[int], Frame]) -> Frame:
        with self._building:
            frame = self.get(key, offset)
            if frame is None:
                frame = build(offset)
                self._put(key, offset, frame)
            return frame

    def _put(self, key: str, offset: int, frame: Frame) -> None:
        with self._lock:
            if (key, offset) in self._frames:
                return
            self._frames[(key, offset)] = frame
            self._count(frame, +1)
            while self._bytes > self.max_bytes and len(self._frames) > 1:
                _, old = self._frames.popitem(last=False)
                self._count(old, -1)

    def _count(self, frame: Frame, sign: int) -> None:
        """Keep ``_bytes`` the size of the distinct pieces of the cached frames."""
        for parts in frame.values():
            for part in parts:
                refs = self._piece_refs.setdefault(part.digest, [0, len(part.text)])
                if refs[0] == 0 and sign > 0:
                    self._bytes += refs[1]
                refs[0] += sign
                if refs[0] == 0:
                    self._bytes -= refs[1]
                    del self._piece_refs[part.digest]
