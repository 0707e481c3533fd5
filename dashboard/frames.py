"""Per-date map frames for the slider and playback, packed so the browser paints without asking.

A frame is the map's date-dependent traces for one date and one set of filters, in two
groups: the territory (drawn between the base map's under and over parts, so that the
outline and rivers stay visible) and the rest (front lines, advances, events, labels). Frames are sent to the browser in
chunks and kept in a ``dcc.Store``; a clientside callback (``assets/frames.js``) puts the
static base traces and a date's frame together into the figure, so a slider step costs
no server round trip once its frame is there.

Traces repeat from date to date (territory changes only when a place changes hands), so a
pack holds each distinct trace once under a content hash (``pieces``) and each date is a
pair of lists of those hashes (``dates``, keyed by the slider offset as a string, JSON keys
being strings): ``[[territory hashes], [other hashes]]``.
"""
from __future__ import annotations

import hashlib
import json
import time
from typing import Any, Callable, Iterable, Sequence

from plotly.io.json import to_json_plotly

Trace = dict[str, Any]


def frame_key(filters: dict[str, Any], data_version: int) -> str:
    """A short id of everything besides the date that changes a frame."""
    blob = json.dumps({"filters": filters, "version": data_version}, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def plain_json(value: Any) -> Any:
    """``value`` as JSON-ready lists and dicts (plotly's encoder handles numpy and dates)."""
    return json.loads(to_json_plotly(value))


def to_piece(trace: Any) -> tuple[str, Trace]:
    """A trace as plain JSON data and its content hash (plotly's encoder handles numpy)."""
    raw = trace.to_plotly_json() if hasattr(trace, "to_plotly_json") else trace
    text = to_json_plotly(raw)
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    piece = json.loads(text)
    # A stable uid lets plotly.react match a trace to the one it replaces.
    piece["uid"] = digest
    return digest, piece


def pack(frames: dict[int, Sequence[Iterable[Any]]]) -> dict[str, dict]:
    """``{"pieces": {hash: trace}, "dates": {"offset": [[hash, ...], ...]}}`` for
    ``{offset: [traces of group 1, traces of group 2, ...]}``."""
    pieces: dict[str, Trace] = {}
    dates: dict[str, list[list[str]]] = {}
    for offset, groups in frames.items():
        keyed = []
        for traces in groups:
            keys = []
            for trace in traces:
                digest, piece = to_piece(trace)
                pieces.setdefault(digest, piece)
                keys.append(digest)
            keyed.append(keys)
        dates[str(offset)] = keyed
    return {"pieces": pieces, "dates": dates}


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


def build_chunk(
    offsets: list[int],
    have: set[int],
    traces_for: Callable[[int], Sequence[Iterable[Any]]],
    budget_s: float,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, dict]:
    """Pack the frames of ``offsets`` not in ``have``, in order, until ``budget_s`` is spent;
    the first missing offset is always built so that every request makes progress."""
    started = clock()
    frames: dict[int, Sequence[Iterable[Any]]] = {}
    for offset in offsets:
        if offset in have:
            continue
        if frames and clock() - started > budget_s:
            break
        frames[offset] = traces_for(offset)
    return pack(frames)
