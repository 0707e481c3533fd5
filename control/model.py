"""The control model: who holds each place and each piece of ground on a date, with its evidence.

It replays the baseline and the events day by day, in date order, and applies the rules — each
written at the top of the module that applies it:

- ``control.captures``: reports about a place itself (captures, withdrawals, summaries,
  same-day reversals, contested places);
- ``control.sweep``: an advance takes the ground it crossed;
- ``control.areas``: a report that an area was taken flips the ground inside it;
- ``control.pockets``: ground cut off or encircled falls to the encircler;
- sieges (here): a ``siege`` or ``encircle`` by a faction other than the holder marks the place
  besieged, until it changes hands, the holder itself captures there (it broke out or cleared
  the place), or a ``siege_lifted``/``linkup`` is reported there (which also relieves every
  point of the holder's ground joined to it, and ends its pocket). Only the besieged are
  relieved: a lift at a place besieged the day before whose actor is not its holder names the
  besieger ("the lifting of ISIL's siege of Deir ez-Zor"), and relieves the holder;
- ``control.weights``: how much each event is believed, and the bar each rule sets;
- ``control.evidence``: what each state rests on. Newer evidence wins; before the first
  evidence about a point (the baseline's date, for most) nothing is known of it.

The points are the places and the ground points between them (``control.points``); a ground
point takes its nearest place's state unless a rule gave it newer evidence of its own. The
replay keeps one snapshot of every point's state per day on which something changed, so
``at(day)`` is a look-up.
"""
from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from control import areas as area_rule
from control import evidence, pockets, sweep, weights
from control.baseline import ControlPoint
from control.captures import (CITY_BATTLE_DAYS, CITY_LAPSE_DAYS, CONTESTED_DAYS, LIFT_ACTIONS, NO_CHANGE, contested_on, in_parts,
                              settle_day, winner, without_summaries)
from control.geo import to_metric_xy
from control.points import MATCH_KM, RADIUS_MAX_KM, REGION_KM, PointSet, assign, is_region, normalise_name
from control.territory import Tessellation
from events.model import Event
from events.vocabulary import FACTIONS, SIEGE_ACTIONS

__all__ = ["CONTESTED_DAYS", "MATCH_KM", "REGION_KM", "ControlModel", "PlaceControl", "normalise_name"]

_CODE = {faction: code for code, faction in enumerate(FACTIONS)}
_NO_DAY = -1


@dataclass(frozen=True)
class PlaceControl:
    """The state of one place on a date. ``faction`` None: nobody is known to hold it (no
    evidence yet, or a withdrawal with no known winner). ``since``: the day the holder took it
    (the baseline's ``as_of`` if it never changed; None when unknown). ``evidence``: the kind of
    its last evidence (``control.evidence.KINDS``), ``evidence_date`` its day, ``last_event``
    the id of the event behind it (None for the baseline)."""

    place_id: str
    name: str
    lat: float
    lon: float
    faction: str | None
    since: date | None
    contested: bool
    besieged: bool
    last_event: str | None
    evidence_date: date | None = None
    evidence: str | None = None

    def to_json(self) -> dict:
        """The ``python -m layers control --json`` object (the first seven keys are the contract)."""
        return {
            "place": self.name, "lat": self.lat, "lon": self.lon, "faction": self.faction,
            "since": self.since.isoformat() if self.since else None,
            "contested": self.contested, "besieged": self.besieged,
            "place_id": self.place_id, "last_event": self.last_event,
            "evidence_date": self.evidence_date.isoformat() if self.evidence_date else None,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Snapshot:
    """Every point's state on one day (arrays over the points; codes index FACTIONS, -1 none)."""

    codes: np.ndarray
    ev_day: np.ndarray
    ev_kind: np.ndarray
    ev_ref: np.ndarray
    since: np.ndarray
    besieged: np.ndarray
    contested: np.ndarray
    rivals: np.ndarray
    followed: np.ndarray | None = None   # whether the state is the nearest known place's


class World:
    """The replay's state of every point on the day being replayed, and what the rules ask of it."""

    def __init__(self, points: PointSet, tess: Tessellation, events: Sequence[Event]) -> None:
        n = len(points)
        self.points, self.tess, self.events = points, tess, events
        self.geoms = shapely.points(points.xy)          # made once: creating points is not free
        self.tree = shapely.STRtree(self.geoms)
        self.code = np.full(n, -1, np.int8)
        self.ev_day = np.full(n, _NO_DAY, np.int32)
        self.ev_kind = np.full(n, evidence.NONE, np.int8)
        self.ev_ref = np.full(n, -1, np.int32)
        self.since = np.full(n, _NO_DAY, np.int32)
        self.siege = np.zeros(n, bool)
        self.contested = np.zeros(n, bool)
        self.rivals = np.full(n, -1, np.int8)
        self.day = 0
        self.besieged_before = np.zeros(n, bool)   # yesterday's besieged points
        self.fresh_pocket = np.zeros(n, bool)      # yesterday's points in a pocket with a clock
        self.city = np.zeros(n, bool)              # places the map knows in parts (captures.in_parts)
        self.city[:points.n_places] = in_parts(points)
        self.day_start_codes = self.code
        self._trees_day, self._trees = None, {}
        self._components: dict[bytes, np.ndarray] = {}
        self._named_keys = np.zeros(0, dtype=np.int64)   # place << 32 | day of its own events
        self._relieved_on = np.full(n, _NO_DAY, np.int32)   # the day a report relieved a point
        self._pending: list[int] = []
        self._effective: Snapshot | None = None
        self._known = np.zeros(points.n_places, dtype=bool)
        self._static_dist = np.where(points.reach, np.hypot(*(points.xy - points.xy[points.nearest_place]).T), np.inf)
        self._follow_near = np.arange(n)
        self._follow_dist = np.full(n, np.inf)
        self._follow_near_reach = np.zeros(n, dtype=bool)

    # --- what the rules read ---------------------------------------------------------------
    def effective(self) -> Snapshot:
        """Every point's state as the map shows it: a ground point follows its nearest known
        place (when within that place's radius) unless its own evidence is newer. A place is
        only what is known of it: places are where holders differ."""
        if self._effective is None:
            p = self.points
            near, reach = self._followed()
            follow = reach & ~p.is_place & (self.ev_day < self.ev_day[near])
            pick = np.where(follow, near, np.arange(len(near)))
            self._effective = Snapshot(self.code[pick], self.ev_day[pick], self.ev_kind[pick], self.ev_ref[pick],
                                       self.since[pick], self.siege[pick], self.contested[pick], self.rivals[pick],
                                       follow)
        return self._effective

    def effective_codes(self) -> np.ndarray:
        return self.effective().codes

    def _followed(self) -> tuple[np.ndarray, np.ndarray]:
        """(the nearest known place whose radius reaches it, whether there is one) per point,
        kept up to date as places become known (``_know``)."""
        return self._follow_near, self._follow_near_reach

    def _know(self, places: np.ndarray) -> bool:
        """Places just become known: the ground points they are now the nearest known place
        reaching of follow them. Returns whether any place was new."""
        p = self.points
        places = places[~self._known[places]]
        if not len(places):
            return False
        self._known[places] = True
        if self._known.all():
            self._follow_near, self._follow_dist = p.nearest_place, self._static_dist
        else:
            pairs = self.tree.query(self.geoms[places], predicate="dwithin",
                                    distance=RADIUS_MAX_KM * 1000.0)
            place, point = places[pairs[0]], pairs[1]
            ground = ~p.is_place[point]
            place, point = place[ground], point[ground]
            d = np.hypot(*(p.xy[point] - p.xy[place]).T)
            reaches = d <= p.radius_m[place]     # only a place whose radius reaches is followed
            place, point, d = place[reaches], point[reaches], d[reaches]
            order = np.argsort(d)[::-1]          # nearest last, so that it wins the assignment
            place, point, d = place[order], point[order], d[order]
            closer = d < self._follow_dist[point]
            near, dist = self._follow_near.copy(), self._follow_dist.copy()
            near[point[closer]] = place[closer]
            dist[point[closer]] = d[closer]
            self._follow_near, self._follow_dist = near, dist
        self._follow_near_reach = (self._follow_near < p.n_places) & np.isfinite(self._follow_dist)
        self._followers = None
        return True

    def _followers_of(self, places: np.ndarray) -> np.ndarray:
        """The ground points whose nearest known place is one of ``places``."""
        if self._followers is None:
            order = np.argsort(self._follow_near, kind="stable")
            self._followers = (order, np.searchsorted(self._follow_near[order], np.arange(len(self._follow_near) + 1)))
        order, start = self._followers
        parts = [order[start[p]:start[p + 1]] for p in places.tolist()]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=int)

    def _patch(self, indices: np.ndarray) -> None:
        """Bring the shown state of ``indices`` (and of the ground following them) up to date
        after their own state changed, without recomputing every point."""
        if self._effective is None:
            return
        p = self.points
        touched = np.concatenate([indices, self._followers_of(indices[indices < p.n_places])])
        near, reach = self._followed()
        follow = reach[touched] & ~p.is_place[touched] & (self.ev_day[touched] < self.ev_day[near[touched]])
        pick = np.where(follow, near[touched], touched)
        eff = self._effective
        for shown, own in ((eff.codes, self.code), (eff.ev_day, self.ev_day), (eff.ev_kind, self.ev_kind),
                           (eff.ev_ref, self.ev_ref), (eff.since, self.since), (eff.besieged, self.siege),
                           (eff.contested, self.contested), (eff.rivals, self.rivals)):
            shown[touched] = own[pick]
        eff.followed[touched] = follow

    def loser_among(self, indices: np.ndarray, faction: int) -> int | None:
        """The side other than ``faction`` holding most of ``indices`` (None if none): the
        loser of a sweep or area statement whose report names none."""
        codes = self.effective_codes()[indices]
        others = codes[(codes >= 0) & (codes != faction)]
        return int(np.bincount(others).argmax()) if len(others) else None

    def reported_today(self, indices: np.ndarray) -> np.ndarray:
        """Whether each point's own state was set by a report today (rules leave those alone)."""
        return (self.ev_day[indices] == self.day) & (self.ev_kind[indices] == evidence.EVENT)

    def point_of_xy(self, xy: np.ndarray) -> int:
        return int(self.tree.query_nearest(shapely.Point(xy))[0])

    def components(self, codes: np.ndarray) -> np.ndarray:
        """``pockets.components`` of ``codes``, kept for the last few codes asked."""
        key = codes.tobytes()
        found = self._components.get(key)
        if found is None:
            if len(self._components) >= 4:
                self._components.pop(next(iter(self._components)))
            found = self._components[key] = pockets.components(self, codes)
        return found

    def component_mask(self, index: int, codes: np.ndarray) -> np.ndarray:
        """The points of ``index``'s holder joined to it by shared ground (``codes``)."""
        labels = self.components(codes)
        return labels == labels[index] if codes[index] >= 0 else np.eye(1, len(codes), index, dtype=bool)[0]

    def main_ground(self, codes: np.ndarray, faction: int) -> np.ndarray:
        """The points of ``faction``'s largest connected ground (by area) under ``codes``."""
        labels = self.components(codes)
        mine = codes == faction
        if not mine.any():
            return mine
        area = np.bincount(labels[mine], weights=self.tess.area_km2[mine], minlength=labels.max() + 1)
        return mine & (labels == int(area.argmax()))

    def faction_points(self, faction: int) -> tuple[np.ndarray, shapely.STRtree | None]:
        """(indices, tree) of the points ``faction`` held at the start of today."""
        if self._trees_day != self.day:
            self._trees_day, self._trees = self.day, {}
        found = self._trees.get(faction)
        if found is None:
            mine = np.flatnonzero(self.day_start_codes == faction)
            found = self._trees[faction] = (mine, shapely.STRtree(self.geoms[mine]) if len(mine) else None)
        return found

    def told_soon(self, indices: np.ndarray) -> np.ndarray:
        """Whether a report names each point in a control or siege event of its own within
        ``areas.TOLD_BETTER_DAYS`` from today."""
        indices = np.asarray(indices, dtype=np.int64)
        keys = self._named_keys
        if not len(keys) or not len(indices):
            return np.zeros(len(indices), dtype=bool)
        scale = np.int64(1 << 32)
        pos = np.searchsorted(keys, indices * scale + self.day, side="right")
        pos = np.minimum(pos, len(keys) - 1)
        nxt = keys[pos]
        return (nxt // scale == indices) & (nxt % scale > self.day) & (nxt % scale <= self.day + area_rule.TOLD_BETTER_DAYS)

    def inside_country(self, xy: np.ndarray) -> bool:
        return bool(shapely.contains_xy(self.points.outline_m, float(xy[0]), float(xy[1])))

    def relieved(self, indices: np.ndarray, since: int | None = None) -> bool:
        """Whether a report relieved any of ``indices`` (on or after the day ``since``)."""
        days = self._relieved_on[np.asarray(indices, dtype=int).ravel()]
        return bool((days >= (since if since is not None else 0)).any()) if len(days) else False

    # --- what the rules write ---------------------------------------------------------------
    def set_state(self, indices, code: int, kind: int, ref: int) -> None:
        """Give points a holder (``code``; -1: nobody) on today's evidence of ``kind``."""
        indices = np.atleast_1d(np.asarray(indices, dtype=int))
        if not len(indices):
            return
        before = self.effective()
        changed = before.codes[indices] != code
        self.since[indices] = np.where(changed, self.day if code >= 0 else _NO_DAY, before.since[indices])
        self.siege[indices] = np.where(changed, False, before.besieged[indices])
        self.contested[indices] = before.contested[indices]
        self.rivals[indices] = before.rivals[indices]
        self.code[indices] = code
        self.ev_day[indices] = self.day
        self.ev_kind[indices] = kind
        self.ev_ref[indices] = ref
        newly_known = self._know(indices[indices < self.points.n_places])
        if newly_known:
            self._effective = None
        else:
            self._patch(indices)

    def set_siege(self, indices, on: bool) -> None:
        """Flag points besieged (or no longer); a ground point that followed its place takes
        the place's state as its own first, so that the flag is its own."""
        indices = np.atleast_1d(np.asarray(indices, dtype=int))
        eff = self.effective()
        for own, shown in ((self.code, eff.codes), (self.ev_day, eff.ev_day), (self.ev_kind, eff.ev_kind),
                           (self.ev_ref, eff.ev_ref), (self.since, eff.since), (self.contested, eff.contested),
                           (self.rivals, eff.rivals)):
            own[indices] = shown[indices]
        self.siege[indices] = on
        self._patch(indices)

    def relieve(self, indices) -> None:
        self._relieved_on[np.atleast_1d(np.asarray(indices, dtype=int))] = self.day

    def schedule(self, day: int) -> None:
        """Replay ``day`` too (a pocket's default fall, a contested spell's end)."""
        heapq.heappush(self._pending, day)

    def next_day(self) -> int | None:
        return heapq.heappop(self._pending) if self._pending else None

    def name_places(self, named: list[tuple[int, int]]) -> None:
        """(place, day) of every control or siege event about a place (for ``told_soon``)."""
        self._named_keys = np.sort(np.array([place * (1 << 32) + day for place, day in named], dtype=np.int64))


class ControlModel:
    """The replay of ``baseline`` and ``events`` (see the module docstring).

    ``outline``: the country (WGS84; without one, a box around the places); ``rivers``: (name,
    line) pairs, for the river sides; ``document_dates``: doc id -> report date; ``areas``: an
    ``AreaIndex`` (default: ``areas.default_areas``); ``ground_lonlat``: extra ground points
    (e.g. communities); ``banks``: areas (key -> WGS84 polygon) that say which bank of the river
    a point near it is on, ``place_banks`` place id -> the key of the area its record names
    (``points.river_sides``)."""

    def __init__(self, baseline: Sequence[ControlPoint], events: Iterable[Event], *,
                 outline: BaseGeometry | None = None, rivers: Iterable[tuple[str, BaseGeometry]] = (),
                 document_dates: Mapping[str, date] | None = None, areas: "area_rule.AreaIndex | None" = None,
                 ground_lonlat: np.ndarray | None = None, banks: Mapping[str, BaseGeometry] | None = None,
                 place_banks: Mapping[str, str] | None = None,
                 contested_days: int = CONTESTED_DAYS,
                 pocket_days: int = pockets.POCKET_DAYS) -> None:
        self.contested_days = contested_days
        baseline = tuple(baseline)
        if outline is None:
            outline = _box_around(baseline, events := list(events))
        events = sorted((e for e in events if _believable(e, document_dates or {})), key=_event_order)
        self.events = tuple(events)
        new_places, self._place_of = assign(baseline, events)
        self.points = PointSet(baseline, new_places, outline, rivers=rivers, extra_ground_lonlat=ground_lonlat,
                               banks=banks or {}, place_banks=place_banks or {})
        self.tessellation = Tessellation(self.points.xy, self.points.outline_m)
        self.areas = areas or area_rule.default_areas(outline)
        self._days: list[int] = []
        self._snapshots: list[Snapshot] = []
        self._control_days: set[int] = set()
        self._battles: dict[int, tuple[str, int, int]] = {}   # place -> (claimant, first day, last day)
        self._replay(baseline, new_places, pocket_days)
        self.at_indexed = lru_cache(maxsize=256)(self._at_indexed)

    # --- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.points.n_places

    @property
    def n_points(self) -> int:
        return len(self.points)

    @property
    def lonlat(self) -> np.ndarray:
        """(n, 2) (lon, lat) of every place: the baseline's in order, then the new ones (the
        indices of ``at_indexed``)."""
        return self.points.lonlat[:self.points.n_places]

    @property
    def points_lonlat(self) -> np.ndarray:
        """(lon, lat) of every point: the places, then the ground points."""
        return self.points.lonlat

    def name_of(self, index: int) -> str:
        return self.points.names[index]

    def snapshot(self, day: date) -> Snapshot | None:
        """Every point's state on ``day`` (None before any evidence)."""
        i = bisect_right(self._days, day.toordinal()) - 1
        return self._snapshots[i] if i >= 0 else None

    def at(self, day: date) -> tuple[PlaceControl, ...]:
        """The state of every place on ``day``: the baseline's places always (with no holder
        before their evidence), new places from their first event."""
        return self.at_indexed(day)[1]

    def _at_indexed(self, day: date) -> tuple[np.ndarray, tuple[PlaceControl, ...]]:
        i = bisect_right(self._days, day.toordinal()) - 1
        return self._places_of(i)

    @lru_cache(maxsize=256)
    def _places_of(self, i: int) -> tuple[np.ndarray, tuple[PlaceControl, ...]]:
        p = self.points
        n_base = len(p.baseline)
        if i < 0:
            indices = np.arange(n_base)
            return indices, tuple(PlaceControl(p.place_ids[k], p.names[k], float(p.lonlat[k, 1]),
                                               float(p.lonlat[k, 0]), None, None, False, False, None)
                                  for k in indices)
        s = self._snapshots[i]
        known = np.arange(p.n_places)
        known = known[(known < n_base) | ((s.ev_day[:p.n_places] >= 0) & ~s.followed[:p.n_places])]
        out = []
        for k in known.tolist():
            ref = int(s.ev_ref[k])
            out.append(PlaceControl(
                p.place_ids[k], p.names[k], float(p.lonlat[k, 1]), float(p.lonlat[k, 0]),
                FACTIONS[s.codes[k]] if s.codes[k] >= 0 else None,
                date.fromordinal(int(s.since[k])) if s.since[k] > 0 else None,
                bool(s.contested[k]), bool(s.besieged[k]),
                self.events[ref].id if ref >= 0 else None,
                date.fromordinal(int(s.ev_day[k])) if s.ev_day[k] > 0 else None,
                evidence.kind_name(int(s.ev_kind[k]))))
        return known, tuple(out)

    def control_event_days(self) -> list[date]:
        """Every day with a control event at some place (sorted): contested spells start there."""
        return [date.fromordinal(d) for d in sorted(self._control_days)]

    def change_days(self) -> list[date]:
        """Every day on which some point's state may change (sorted)."""
        return [date.fromordinal(d) for d in self._days]

    # --- the replay ---------------------------------------------------------------------------
    def _replay(self, baseline: Sequence[ControlPoint], new_places, pocket_days: int) -> None:
        world = World(self.points, self.tessellation, self.events)
        pocket_rule = self._pocket_rule = pockets.Pockets(pocket_days)
        by_day: dict[int, list[int]] = defaultdict(list)
        baseline_days: dict[int, list[int]] = defaultdict(list)
        for k, row in enumerate(baseline):
            baseline_days[row.as_of.toordinal()].append(k)
        named = []
        for k in self._kept_events():
            by_day[self.events[k].date_end.toordinal()].append(k)
            e = self.events[k]
            place = self._place_of.get(e.id)
            if place is not None and (e.changes_control or e.action in SIEGE_ACTIONS):
                named.append((place, e.date_end.toordinal()))
        world.name_places(named)
        control_days = {d for d, ks in by_day.items() if any(self.events[k].changes_control for k in ks)}
        self._control_days = control_days
        days = set(by_day) | set(baseline_days) | {d + self.contested_days for d in control_days}
        # A new place is known to its loser from the start of its first report (which names it).
        first_report: dict[int, int] = {}
        for k, e in enumerate(self.events):
            place = self._place_of.get(e.id)
            if place is not None and place >= len(baseline):
                first_report.setdefault(place, k)
        new_place_days: dict[int, list[int]] = defaultdict(list)
        for place, k in first_report.items():
            if new_places[place - len(baseline)].loser is not None:
                new_place_days[self.events[k].date_start.toordinal()].append(place)
        days |= set(new_place_days)
        for day in days:
            world.schedule(day)
        claims: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
        last = None
        while (day := world.next_day()) is not None:
            if day == last:
                continue
            last = day
            world.day = day
            rows = baseline_days.get(day, ())
            for code in sorted({_CODE[baseline[k].faction] for k in rows}):
                world.set_state([k for k in rows if _CODE[baseline[k].faction] == code], code, evidence.BASELINE, -1)
            for place in new_place_days.get(day, ()):
                world.set_state([place], _CODE[new_places[place - len(baseline)].loser], evidence.EVENT,
                                first_report[place])
            captured = self._apply_events(world, by_day.get(day, []), claims)
            besieged = pocket_rule.update(world, captured, baseline_day=day in baseline_days)
            self._contested(world, claims)
            eff = world.effective()
            snap = Snapshot(eff.codes.copy(), eff.ev_day.copy(), eff.ev_kind.copy(), eff.ev_ref.copy(),
                            eff.since.copy(), eff.besieged | besieged, eff.contested.copy(), eff.rivals.copy(),
                            eff.followed.copy())
            world.besieged_before = snap.besieged
            self._days.append(day)
            self._snapshots.append(snap)

    def _kept_events(self) -> list[int]:
        """Indices of the events the replay uses: summaries dropped per place (and per area)."""
        groups: dict[tuple, list[int]] = defaultdict(list)
        for k, e in enumerate(self.events):
            place = self._place_of.get(e.id)
            groups[("p", place) if place is not None else ("a", e.place_id or normalise_name(e.place))].append(k)
        kept = []
        for ks in groups.values():
            keep = {id(e) for e in without_summaries([self.events[k] for k in ks])}
            kept += [k for k in ks if id(self.events[k]) in keep]
        return sorted(kept)

    def _apply_events(self, world: World, day_events: list[int], claims) -> dict[int, int]:
        """Today's events, rule by rule; returns point -> event for the points reports took
        from their holder today."""
        before = world.effective_codes().copy()
        world.day_start_codes = before
        near_targets = self._targets_near(world, day_events, before)
        winners: dict[int, list[tuple[str | None, int]]] = defaultdict(list)
        sweeps, area_events, siege_events = [], [], []
        for k in day_events:
            e = self.events[k]
            place = self._place_of.get(e.id)
            if place is None:
                if is_region(e, REGION_KM) and e.lat is not None:
                    if e.changes_control:
                        area_events.append(k)
                    elif e.action in SIEGE_ACTIONS or e.action in LIFT_ACTIONS:
                        siege_events.append((k, None))
                continue
            holder = _name(before[place])
            # The loser: the named target when it held the place or holds ground near it (a
            # fight with it there), else whoever held the place.
            target_near = e.target not in (None, e.actor) and (e.target == holder or (k, place) in near_targets)
            mismatch = e.changes_control and target_near and holder is not None and holder not in (e.target, e.actor)
            if mismatch:
                shown = world.effective()
                age = world.day - int(shown.ev_day[place]) if shown.ev_day[place] >= 0 else None
                w = weights.weight(e) * weights.mismatch_factor(int(shown.ev_kind[place]), age)
            else:
                w = weights.weight(e)
            if w < weights.POINT_MIN:
                continue
            loser = e.target if target_near else holder
            loser = None if loser == e.actor else loser
            if e.changes_control:
                after = winner(e, holder)
                if after is NO_CHANGE:
                    continue
                winners[place].append((after, k))
                if e.action in ("capture", "recapture") and w >= weights.SWEEP_MIN:
                    sweeps.append((k, place, loser, False))
            elif e.action == "advance" and w >= weights.SWEEP_MIN:
                sweeps.append((k, place, loser, True))
            elif e.action == "repel" and holder == e.actor:
                world.set_state([place], _CODE[e.actor], evidence.EVENT, k)
            elif e.action in SIEGE_ACTIONS or e.action in LIFT_ACTIONS:
                siege_events.append((k, place))
        captured: dict[int, int] = {}
        for place, results in winners.items():
            holder_start = _name(before[place])
            holder, reversal = settle_day(holder_start, [w for w, _ in results])
            ref = results[-1][1]
            holder = self._battle(world, place, holder_start, holder)
            world.set_state([place], _CODE.get(holder, -1), evidence.EVENT, ref)
            if world.city[place]:
                battle = self._battles.get(place)
                world.contested[place] = battle is not None
                world.rivals[place] = _CODE[battle[0]] if battle is not None else -1
                world._patch(np.array([place]))
            claims[place].extend((world.day, w) for w, _ in results)
            if holder != holder_start:
                captured[place] = ref
            elif holder is not None and any(self.events[j].actor == holder for _, j in results):
                # The besieged holder's own capture there: it broke out or cleared the place.
                world.set_siege([place], False)
                world.relieve([place])
        requests = [(k, _CODE[self.events[k].actor], _CODE.get(loser), self.points.xy[place],
                     int(self.points.side[place]), "advance" if advance else "capture")
                    for k, place, loser, advance in sweeps]
        for *planned, link in sweep.plan(world, requests, before):
            sweep.apply(world, *planned, link=link)
        for k in area_events:
            self._area(world, k)
        for k, place in siege_events:
            self._siege(world, k, place, before)
        return captured

    def _targets_near(self, world: World, day_events: list[int], before: np.ndarray) -> set[tuple[int, int]]:
        """(event, place) for the day's events whose target, not the place's holder, held a
        point within ``TARGET_NEAR_KM`` of the place at the start of the day, or may have (less
        than ``weights.KNOWN_AROUND`` of the points there known): a target that holds nothing
        near on a map that knows the surroundings is a loose name for the local holder."""
        asked: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for k in day_events:
            e = self.events[k]
            place = self._place_of.get(e.id)
            if place is not None and e.target not in (None, e.actor) and _CODE[e.target] != before[place]:
                asked[_CODE[e.target]].append((k, place))
        out = set()
        for faction, pairs in asked.items():
            _, tree = world.faction_points(faction)
            if tree is not None:
                hit, _ = tree.query(world.geoms[[p for _, p in pairs]], predicate="dwithin",
                                    distance=weights.TARGET_NEAR_KM * 1000.0)
                out |= {pairs[h] for h in np.unique(hit).tolist()}
            # Where the map knows little around the place (before the baseline's date), that
            # the target holds nothing known near it says nothing: it may well be there.
            rest = [pair for pair in pairs if pair not in out]
            if rest:
                around, point = world.tree.query(world.geoms[[p for _, p in rest]], predicate="dwithin",
                                                 distance=weights.TARGET_NEAR_KM * 1000.0)
                known = np.bincount(around, weights=(before[point] >= 0).astype(float), minlength=len(rest))
                total = np.bincount(around, minlength=len(rest))
                out |= {pair for pair, k, n in zip(rest, known, total) if k < weights.KNOWN_AROUND * n}
        return out

    def _area(self, world: World, k: int) -> None:
        e = self.events[k]
        if e.action not in ("capture", "recapture") or weights.weight(e) < weights.AREA_MIN:
            return
        area = self.areas.area_m(e)
        if area is None or area.is_empty:
            return
        area_rule.flip_area(world, k, _CODE[e.actor], _CODE.get(e.target) if e.target != e.actor else None,
                            area, _xy(e), e.place)

    def _siege(self, world: World, k: int, place: int | None, before: np.ndarray) -> None:
        e = self.events[k]
        w = weights.weight(e)
        if w < weights.POINT_MIN:
            return
        actor = _CODE[e.actor]
        codes = world.effective_codes()
        if e.action in LIFT_ACTIONS:
            target_xy = self.points.xy[place] if place is not None else _xy(e)
            index = place if place is not None else world.point_of_xy(target_xy)
            relieved, besieger = self._relief_sides(world, e, index, before)
            if w >= weights.SWEEP_MIN:
                bank = int(self.points.side[index]) if place is not None else sweep.ORIGIN_SIDE
                sweep.sweep(world, k, relieved, besieger, target_xy, bank,
                            before, mode="link")
            codes = world.effective_codes()
            if codes[index] == relieved:
                joined = np.flatnonzero(world.component_mask(index, codes))
                world.set_siege(joined, False)
                world.relieve(joined)
                if place is not None:   # the report says the relieved side holds the place
                    world.set_state([place], relieved, evidence.EVENT, k)
            return
        if place is None:   # an area encircled or besieged
            area = self.areas.area_m(e)
            loser = _CODE.get(e.target) if e.target not in (None, e.actor) else None
            if area is None or loser is None:
                return
            members = area_rule.members(world, area, _xy(e), loser, e.place)
            self._pockets_encircle(world, members, loser, actor, k, stated_siege=e.action == "siege")
            return
        holder = codes[place]
        if holder < 0 or holder == actor:
            return   # a siege by the holder itself (a pocket inside its own town) flags nothing
        world.set_state([place], int(holder), evidence.EVENT, k)   # the besieged still hold it
        if e.action == "siege":
            world.set_siege([place], True)
        else:
            found = world.tree.query(world.geoms[place], predicate="dwithin",
                                     distance=pockets.ENCIRCLE_KM * 1000.0)
            # The ring is on the place's bank: across the river is another front.
            members = found[(codes[found] == holder) & (self.points.side[found] == self.points.side[place])]
            # Ground already besieged is told again, not newly cut off: it keeps its siege.
            self._pockets_encircle(world, members, int(holder), actor, k,
                                   stated_siege=bool(world.besieged_before[place]))

    @staticmethod
    def _relief_sides(world: World, e: Event, index: int, before: np.ndarray) -> tuple[int, int | None]:
        """(the side a siege lifted or a link-up relieves, the besieger it loses ground to).
        Only the besieged are relieved: when the place was besieged the day before and its
        holder is not the actor, the report names the besieger ("the lifting of ISIL's siege
        of the city"), and the holder is the side relieved."""
        holder = int(before[index])
        actor = _CODE[e.actor]
        if holder >= 0 and holder != actor and world.besieged_before[index]:
            return holder, actor
        return actor, _CODE.get(e.target) if e.target != e.actor else None

    def _pockets_encircle(self, world, members, loser, encircler, k, *, stated_siege: bool) -> None:
        if stated_siege:
            world.set_siege(members, True)
        else:
            self._pocket_rule.encircle(world, members, loser, encircler, k)

    def _battle(self, world: World, place: int, holder_start: str | None, holder: str | None) -> str | None:
        """Who holds a city known in parts after a report gives it to ``holder`` (see
        ``captures``: cities known in parts fall by degrees); keeps ``_battles`` up to date."""
        battles = self._battles
        if place in battles and holder == holder_start and holder is not None:
            del battles[place]                            # the holder's own report: it holds the city
            return holder
        if not world.city[place] or holder_start is None or holder in (None, holder_start):
            return holder
        claim = battles.get(place)
        if claim is not None and claim[0] == holder and world.day - claim[1] >= CITY_BATTLE_DAYS:
            del battles[place]
            return holder                                 # the claim held: the city passes
        if claim is None or claim[0] != holder or world.day - claim[2] > CITY_LAPSE_DAYS:
            battles[place] = (holder, world.day, world.day)
        else:
            battles[place] = (holder, claim[1], world.day)
        world.schedule(world.day + CITY_LAPSE_DAYS + 1)
        return holder_start

    def _battles_lapse(self, world: World) -> None:
        """A city's battle whose claim was not renewed within ``CITY_LAPSE_DAYS`` is over."""
        for place, (_, _, last) in list(self._battles.items()):
            if world.day - last > CITY_LAPSE_DAYS:
                del self._battles[place]
                world.contested[place], world.rivals[place] = False, -1
                world._patch(np.array([place]))

    def _contested(self, world: World, claims) -> None:
        self._battles_lapse(world)
        # Only places with a claim in the window, or flagged, can change: old claims are let go.
        for place in [p for p, c in claims.items() if c and c[-1][0] <= world.day - self.contested_days
                      and not world.contested[p]]:
            del claims[place]
        for place, place_claims in claims.items():
            if place in self._battles:
                continue
            on, rival = contested_on(place_claims, world.day, self.contested_days)
            if on != bool(world.contested[place]) or (on and _CODE.get(rival, -1) != world.rivals[place]):
                world.contested[place] = on
                world.rivals[place] = _CODE.get(rival, -1) if on else -1
                world._patch(np.array([place]))


def _name(code) -> str | None:
    return FACTIONS[code] if code >= 0 else None


def _believable(event: Event, document_dates: Mapping[str, date]) -> bool:
    return event.certainty != "denied" and not weights.after_its_report(event, document_dates)


def _xy(event: Event) -> np.ndarray:
    return to_metric_xy(np.array([event.lon]), np.array([event.lat]))[0]


def _event_order(event: Event) -> tuple:
    return (event.date_end, event.date_start, event.doc, event.start, event.id)


def _box_around(baseline, events) -> BaseGeometry:
    lonlat = [(p.lon, p.lat) for p in baseline] + [(e.lon, e.lat) for e in events if e.lat is not None]
    if not lonlat:
        return shapely.box(38.0, 34.0, 39.0, 35.0)
    return shapely.MultiPoint(lonlat).envelope.buffer(1.0, join_style="mitre")
