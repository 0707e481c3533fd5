"""Frames for the slider: what is asked for first, shared pieces sent once, built ahead, bounded."""
from __future__ import annotations

import threading
import time

from dashboard.frames import FrameCache, pack, wanted_offsets
from dashboard.map_sources import piece


def _frame(*texts: str) -> dict:
    return {"activity": [piece([{"type": "Feature", "properties": {"t": t}, "geometry": None}]) for t in texts]}


def test_the_asked_date_comes_first_then_playback_order_then_the_keyboard_neighbours():
    assert wanted_offsets(10, 2, 100, 4) == [10, 12, 14, 16, 11, 9, 17, 3]
    assert wanted_offsets(3, 1, 3, 3) == [3, 2]   # nothing past either end of the slider


def test_a_piece_two_dates_share_is_packed_once_and_known_pieces_are_left_out():
    shared, other = _frame("territory"), _frame("events of the 2nd")
    frames = {5: {"activity": shared["activity"]}, 6: {"activity": shared["activity"] + other["activity"]}}
    packed = pack(frames)
    assert len(packed["pieces"]) == 2
    assert packed["dates"]["6"]["activity"] == [p.digest for p in shared["activity"] + other["activity"]]
    known = {shared["activity"][0].digest}
    assert list(pack(frames, known)["pieces"]) == [other["activity"][0].digest]


def test_frames_are_built_in_order_until_the_budget_is_spent_but_the_first_always():
    now = [0.0]
    built = []

    def build(offset):
        built.append(offset)
        now[0] += 1.0
        return _frame(str(offset))

    frames = FrameCache().frames("k", [3, 4, 5], build, budget_s=0.5, clock=lambda: now[0])
    assert list(frames) == [3] and built == [3]


def test_a_cached_frame_is_not_built_again_and_its_pieces_are_known():
    cache = FrameCache()
    built = []

    def build(offset):
        built.append(offset)
        return _frame(str(offset))

    first = cache.frames("k", [1, 2], build, budget_s=10)
    again = cache.frames("k", [2, 1], build, budget_s=10)
    assert built == [1, 2] and again[1] is first[1]
    assert cache.known("k", [1]) == {first[1]["activity"][0].digest}
    assert cache.known("other key", [1]) == set()


def test_frames_ahead_are_built_in_the_background():
    cache = FrameCache()
    done = threading.Event()

    def build(offset):
        if offset == 3:
            done.set()
        return _frame(str(offset))

    cache.ahead("k", [1, 2, 3], build)
    assert done.wait(5)
    deadline = time.monotonic() + 5
    while cache.get("k", 3) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert all(cache.get("k", o) is not None for o in (1, 2, 3))


def test_the_cache_drops_the_oldest_frames_beyond_its_size_counting_a_shared_piece_once():
    shared = _frame("x" * 1000)["activity"]
    cache = FrameCache(max_bytes=3000)
    for offset in range(5):   # every frame holds the same 1 kB piece: 1 kB in all
        cache.frames("k", [offset], lambda o: {"activity": shared}, budget_s=10)
    assert all(cache.get("k", o) is not None for o in range(5))
    for offset in range(5, 10):   # 1 kB more each
        cache.frames("k", [offset], lambda o: _frame(str(o) * 1000), budget_s=10)
    assert cache.get("k", 9) is not None and cache.get("k", 0) is None
