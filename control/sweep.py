"""Advances sweep: a capture takes the ground the victor crossed to reach it.

A capture (or recapture) by F of P, believed at least ``weights.SWEEP_MIN``, that F makes
coming from its nearest ground Q the day before (a place or ground point F held, other than P,
at most ``CAPTURE_SWEEP_KM`` away), passes to F the loser's points within
``HALF_WIDTH_KM`` of the segment Q→P: the column that took P crossed that ground, and holds the
road behind it. A siege lifted or a link-up at P by F does the same from the nearest point of F's main ground
(its largest connected part, where a relief comes from), up to ``LINK_SWEEP_KM``: the corridor
it opened is F's.

- The loser is the event's target, else P's holder before (a link-up with no target: the
  faction holding most of the corridor's other points). Only the loser's points change hands:
  a sweep never takes a third side's ground.
- When Q and P lie on the same side of the Euphrates, only that side is swept
  (``control.points``: river sides); a capture of a place across the river sweeps both banks
  of its segment. A link-up or relief at an area rather than a place ("the west bank between
  Mayadin and Abu Kamal") stays on Q's side: it names no crossing.
- Points a report named that same day keep what the report says, and so do places whose own
  control event follows soon (``control.areas``: places told better): a direct statement
  outweighs an inference.
- An ``advance`` by F towards P sweeps the same corridor but only its first ``ADVANCE_KM``
  from Q, and nothing within ``ADVANCE_STOP_KM`` of P: the report says F gained ground that
  way, not how far it got.
- A capture or advance whose corridor would take more than ``MAX_SWEPT_PLACES`` of the
  loser's places sweeps nothing (a link-up's may): one stride does not take that many places
  no report names — the capture is more likely misplaced (a namesake village far away) or
  misread.
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
MAX_SWEPT_PLACES = 10
ORIGIN_SIDE = -2     # a target's river side: "the origin's" (an unnamed point has no bank of its own)


def origins(world, codes: np.ndarray, faction: int, targets_xy: np.ndarray, *, max_km: float,
            exclude: np.ndarray | None = None) -> np.ndarray:
    """Per target, the point of ``faction`` nearest to it (by ``codes``) other than one at the
    target itself, at most ``max_km`` away, not in ``exclude``; -1 where none."""
    targets_xy = np.asarray(targets_xy, dtype=float).reshape(-1, 2)
    out = np.full(len(targets_xy), -1)
    if exclude is None and codes is world.day_start_codes:
        candidates, tree = world.faction_points(faction)
    else:
        mine = (codes == faction) & (True if exclude is None else ~exclude)
        candidates = np.flatnonzero(mine)
        tree = shapely.STRtree(world.geoms[candidates]) if len(candidates) else None
    if tree is None or not len(targets_xy):
        return out
    # ``exclusive``: the place itself (already the victor's on a repeated report) is no origin.
    which, nearest = tree.query_nearest(shapely.points(targets_xy), max_distance=max_km * 1000.0,
                                        all_matches=False, exclusive=True)
    out[which] = candidates[nearest]
    return out


def corridors(world, starts_xy: np.ndarray, ends_xy: np.ndarray, same_side: np.ndarray,
              sides: np.ndarray) -> list[np.ndarray]:
    """Per segment, the indices of the points within ``HALF_WIDTH_KM`` of it (only those on
    ``sides`` where ``same_side``: a segment within one bank sweeps that bank only)."""
    if not len(starts_xy):
        return []
    lines = shapely.linestrings(np.stack([starts_xy, ends_xy], axis=1))
    line, point = world.tree.query(lines, predicate="dwithin", distance=HALF_WIDTH_KM * 1000.0)
    keep = ~same_side[line] | (world.points.side[point] == sides[line])
    line, point = line[keep], point[keep]
    order = np.argsort(line, kind="stable")
    line, point = line[order], point[order]
    bounds = np.searchsorted(line, np.arange(len(starts_xy) + 1))
    return [point[bounds[k]:bounds[k + 1]] for k in range(len(starts_xy))]


def plan(world, requests: list[tuple[int, int, int | None, np.ndarray, int, str]],
         codes_before: np.ndarray) -> list[tuple[int, int, int | None, np.ndarray]]:
    """The corridors of a day's sweeps, found together: ``requests`` are (event, faction,
    loser, target xy, target's river side, mode); returns (event, faction, loser, points,
    whether it is a link-up's)."""
    max_km = {"capture": CAPTURE_SWEEP_KM, "link": LINK_SWEEP_KM, "advance": CAPTURE_SWEEP_KM}
    requests = [r for r in requests if world.inside_country(r[3])]
    q = np.full(len(requests), -1)
    for (faction, mode) in {(r[1], r[5]) for r in requests}:
        chosen = [k for k, r in enumerate(requests) if (r[1], r[5]) == (faction, mode)]
        exclude = ~world.main_ground(codes_before, faction) if mode == "link" else None
        q[chosen] = origins(world, codes_before, faction, np.array([requests[k][3] for k in chosen]),
                            max_km=max_km[mode], exclude=exclude)
    live = [k for k in range(len(requests)) if q[k] >= 0]
    starts = world.points.xy[q[live]] if live else np.zeros((0, 2))
    goals = np.array([requests[k][3] for k in live]).reshape(-1, 2)
    ends = goals.copy()
    for n, k in enumerate(live):
        if requests[k][5] == "advance":
            length = float(np.hypot(*(goals[n] - starts[n])))
            if length > ADVANCE_KM * 1000.0:
                ends[n] = starts[n] + (goals[n] - starts[n]) * (ADVANCE_KM * 1000.0 / length)
    sides = np.array([requests[k][4] for k in live], dtype=int)
    sides = np.where(sides == ORIGIN_SIDE, world.points.side[q[live]], sides) if live else sides
    same_side = world.points.side[q[live]] == sides if live else np.zeros(0, bool)
    out = []
    for n, (k, found) in enumerate(zip(live, corridors(world, starts, ends, same_side, sides))):
        event, faction, loser, _, _, mode = requests[k]
        if mode == "advance":   # ground gained towards P, not P itself
            found = found[np.hypot(*(world.points.xy[found] - goals[n]).T) > ADVANCE_STOP_KM * 1000.0]
        out.append((event, faction, loser, found[~world.told_soon(found)], mode == "link"))
    return out


def apply(world, event_index: int, faction: int, loser: int | None, found: np.ndarray, *,
          link: bool = False) -> int:
    """Pass the loser's points among ``found`` to ``faction``; return how many changed hands."""
    codes = world.effective_codes()
    loser = world.loser_among(found, faction) if loser is None else loser
    if loser is None:
        return 0
    taken = found[(codes[found] == loser) & ~world.reported_today(found)]
    if not link and int(world.points.is_place[taken].sum()) > MAX_SWEPT_PLACES:
        return 0    # more places than one stride takes unnamed: a misplaced or misread capture
    world.set_state(taken, faction, evidence.SWEEP, event_index)
    return len(taken)


def sweep(world, event_index: int, faction: int, loser: int | None, target_xy: np.ndarray,
          target_side: int, codes_before: np.ndarray, *, mode: str) -> int:
    """Apply the rule for one event (``mode``: "capture", "link" or "advance"); return how
    many points changed hands."""
    return sum(apply(world, *planned[:4], link=planned[4]) for planned in
               plan(world, [(event_index, faction, loser, target_xy, target_side, mode)], codes_before))
