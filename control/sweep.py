"""Advances sweep: a capture takes the ground the victor crossed to reach it.

A capture (or recapture) by F of P, believed at least ``weights.SWEEP_MIN``, that F makes
coming from its nearest ground Q the day before (a place or ground point F held, 1 km or more
from P, at most ``CAPTURE_SWEEP_KM`` away), passes to F the loser's points within
``HALF_WIDTH_KM`` of the segment Q→P: the column that took P crossed that ground, and holds the
road behind it. A siege lifted or a link-up at P by F does the same from the nearest point of F's main ground
(its largest connected part, where a relief comes from), up to ``LINK_SWEEP_KM``: the corridor
it opened is F's.

- The loser is the event's target, else P's holder before (a link-up with no target: the
  faction holding most of the corridor's other points). Only the loser's points change hands:
  a sweep never takes a third side's ground.
- When Q and P lie on the same side of the Euphrates, only that side is swept
  (``control.points``: river sides); a capture across the river sweeps both banks of its
  segment.
- Points a report named that same day keep what the report says, and so do places whose own
  control event follows soon (``control.areas``: places told better): a direct statement
  outweighs an inference.
- An ``advance`` by F towards P sweeps the same corridor but only its first ``ADVANCE_KM``
  from Q, and nothing within ``ADVANCE_STOP_KM`` of P: the report says F gained ground that
  way, not how far it got.
- A place outside the country (a town across the border) sweeps nothing: the column may have
  come from the other side, and the map cannot tell its path.
- Nothing is swept when F held no ground within reach (where the column came from is unknown),
  when the loser is unknown, or when Q is P's neighbour (the sweep would add nothing).
"""
from __future__ import annotations

import numpy as np
import shapely

from control import evidence

HALF_WIDTH_KM = 10.0
CAPTURE_SWEEP_KM = 100.0
LINK_SWEEP_KM = 250.0
ADVANCE_KM = 15.0
ADVANCE_STOP_KM = 5.0
MIN_ORIGIN_KM = 1.0


def origin(world, codes: np.ndarray, faction: int, target_xy: np.ndarray, *, max_km: float,
           exclude: np.ndarray | None = None) -> int | None:
    """Index of the point of ``faction`` nearest to ``target_xy`` (by ``codes``), at least
    ``MIN_ORIGIN_KM`` and at most ``max_km`` away, not in ``exclude``; None if none."""
    mine = codes == faction
    if exclude is not None:
        mine &= ~exclude
    candidates = np.flatnonzero(mine)
    if not len(candidates):
        return None
    d = np.hypot(*(world.points.xy[candidates] - target_xy).T)
    d = np.where(d < MIN_ORIGIN_KM * 1000.0, np.inf, d)
    best = int(np.argmin(d))
    return int(candidates[best]) if d[best] <= max_km * 1000.0 else None


def corridor(world, q: int, target_xy: np.ndarray, target_side: int) -> np.ndarray:
    """Indices of the points within ``HALF_WIDTH_KM`` of the segment from point ``q`` to
    ``target_xy`` (on the target's river side when ``q`` is on it too)."""
    line = shapely.LineString([world.points.xy[q], target_xy])
    found = world.tree.query(line, predicate="dwithin", distance=HALF_WIDTH_KM * 1000.0)
    side = world.points.side
    if side[q] == target_side:
        found = found[side[found] == target_side]
    return found


def sweep(world, event_index: int, faction: int, loser: int | None, target_xy: np.ndarray,
          target_side: int, codes_before: np.ndarray, *, mode: str) -> int:
    """Apply the rule for one event (``mode``: "capture", "link" or "advance"); return how
    many points changed hands."""
    if not world.inside_country(target_xy):
        return 0
    exclude = ~world.main_ground(codes_before, faction) if mode == "link" else None
    max_km = {"capture": CAPTURE_SWEEP_KM, "link": LINK_SWEEP_KM, "advance": CAPTURE_SWEEP_KM}[mode]
    q = origin(world, codes_before, faction, target_xy, max_km=max_km, exclude=exclude)
    if q is None:
        return 0
    goal = target_xy
    if mode == "advance":
        start = world.points.xy[q]
        length = float(np.hypot(*(target_xy - start)))
        if length > ADVANCE_KM * 1000.0:
            target_xy = start + (target_xy - start) * (ADVANCE_KM * 1000.0 / length)
    found = corridor(world, q, target_xy, target_side)
    if mode == "advance":   # ground gained towards P, not P itself
        found = found[np.hypot(*(world.points.xy[found] - goal).T) > ADVANCE_STOP_KM * 1000.0]
    found = found[~world.told_soon(found)]
    codes = world.effective_codes()
    if loser is None:
        others = codes[found][(codes[found] >= 0) & (codes[found] != faction)]
        if not len(others):
            return 0
        loser = int(np.bincount(others).argmax())
    taken = found[(codes[found] == loser) & ~world.reported_today(found)]
    world.set_state(taken, faction, evidence.SWEEP, event_index)
    return len(taken)
