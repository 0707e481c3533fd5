"""The control model: who holds each place on a date, from the baseline and the events.

Rules (each is a choice; the reasons are given where the choice is not obvious):

- **When an event counts.** A state change counts from the event's ``date_end``: a capture known
  only as "between 2 and 6 June" is certain on 6 June, not before. (Layers that *show* events use
  overlap with their window instead, see ``layers.event_markers``.)
- **Control changes.** ``capture``/``recapture`` give the place to the actor. ``withdraw`` by the
  holder hands the place to the target (to nobody when there is no target: the place then drops
  out of the territory, and its neighbours' cells cover its ground); a withdrawal by a faction
  that does not hold the place changes nothing. Denied reports change nothing at all.
- **Summaries give way.** A control (or siege) event dated only to a range that strictly
  contains the dates of another control (siege) event at the same place is a summary of that
  period ("ISIL held the town in the autumn") and is dropped: the better-dated events tell it.
- **The baseline wins over older events.** A control event that ended before a baseline place's
  ``as_of`` date is already in the baseline and is skipped for that place.
- **Sieges.** ``encircle``/``siege`` by a faction other than the holder mark the place besieged,
  until it changes hands, the holder itself captures there (it broke out or cleared the place),
  or a ``siege_lifted``/``linkup`` is reported there. A siege by the holder itself (a pocket
  inside its own town) does not flag the place.
- **Same-day reversals.** When one day's reports give a place to different factions (taken, then
  largely retaken "late that day"), the place goes to the side that changed the status quo that
  day, marked contested: a same-day counter-attack is a fight still going, and the next day's
  reports settle it.
- **Contested.** A place is contested on D when its control events of the last
  ``CONTESTED_DAYS`` days (D included) name more than one winner.
- **Which place an event is about.** By ``place_id``, else by name, else by nearest baseline point
  within ``MATCH_KM``. A control event at a place that is not in the baseline creates a new
  control point there, held before the event by the loser (the target; the actor of a
  withdrawal); with no loser named, the point exists only from its first event.
- **Regions.** An event whose place is vaguer than ``REGION_KM`` ("eastern Homs Governorate", a
  border segment, a reach of the Euphrates, the Maskanah plains) changes no place, unless its
  ``place_id`` is a baseline place: flipping every point in a radius of tens of kilometres would
  hand over towns across a river or far behind the front, and matching it to the nearest point
  would hand over one arbitrary village. The gazetteer gives towns ~2 km, sites ~5 km and named
  areas 15 km or more, hence the threshold. Such events are still drawn as events and advances.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Iterable, Sequence

import numpy as np
import shapely

from events.model import Event
from events.vocabulary import SIEGE_ACTIONS
from control.data import ControlPoint
from control.geo import to_metric_xy

CONTESTED_DAYS = 3
REGION_KM = 15.0
MATCH_KM = 3.0
LIFT_ACTIONS = frozenset({"siege_lifted", "linkup"})


@dataclass(frozen=True)
class PlaceControl:
    """The state of one place on a date. ``faction`` None: nobody known holds it (after a
    withdrawal with no known winner). ``since``: the day the holder took it (the baseline's
    ``as_of`` if it never changed; None when unknown). ``last_event``: id of the latest event
    that set this state, None if it comes from the baseline."""

    place_id: str
    name: str
    lat: float
    lon: float
    faction: str | None
    since: date | None
    contested: bool
    besieged: bool
    last_event: str | None

    def to_json(self) -> dict:
        """The ``python -m layers control --json`` object (the first seven keys are the contract)."""
        return {
            "place": self.name, "lat": self.lat, "lon": self.lon, "faction": self.faction,
            "since": self.since.isoformat() if self.since else None,
            "contested": self.contested, "besieged": self.besieged,
            "place_id": self.place_id, "last_event": self.last_event,
        }


@dataclass(frozen=True)
class _Snapshot:
    faction: str | None
    since: date | None
    besieged: bool
    last_event: str | None


@dataclass
class _Point:
    place_id: str
    name: str
    lat: float
    lon: float
    as_of: date | None
    days: list[int]            # ordinals of the snapshots, ascending
    snapshots: list[_Snapshot]
    win_days: list[int]        # ordinals of control events (for contested), ascending
    winners: list[str | None]
    _states: dict = field(default_factory=dict)

    def state(self, i: int, contested: bool) -> PlaceControl:
        """The state of snapshot i, made once: dates with the same state share one object."""
        key = (i, contested)
        made = self._states.get(key)
        if made is None:
            snap = self.snapshots[i]
            made = PlaceControl(self.place_id, self.name, self.lat, self.lon, snap.faction,
                                snap.since, contested, snap.besieged, snap.last_event)
            self._states[key] = made
        return made


class ControlModel:
    """Per-place timelines built once from the baseline and the events; ``at(day)`` reads them."""

    def __init__(self, baseline: Sequence[ControlPoint], events: Iterable[Event], *,
                 contested_days: int = CONTESTED_DAYS, region_km: float = REGION_KM,
                 match_km: float = MATCH_KM) -> None:
        self.contested_days = contested_days
        self._points = [_Point(p.place_id, p.name, p.lat, p.lon, p.as_of, [date.min.toordinal()],
                               [_Snapshot(p.faction, p.as_of, False, None)], [], [])
                        for p in baseline]
        events_by_point = _assign(self._points, sorted(events, key=_event_order), region_km, match_km)
        for index, point_events in events_by_point.items():
            _build_timeline(self._points[index], point_events)
        # Per instance, so that two models never evict each other's days.
        self.at_indexed = lru_cache(maxsize=64)(self._at_indexed)

    def __len__(self) -> int:
        return len(self._points)

    def at(self, day: date) -> tuple[PlaceControl, ...]:
        """The state of every place known on ``day`` (places created by a later event are left out)."""
        return self.at_indexed(day)[1]

    def _at_indexed(self, day: date) -> tuple[np.ndarray, tuple[PlaceControl, ...]]:
        """(indices of the places known on ``day`` among ``self.lonlat``, their states)."""
        ordinal = day.toordinal()
        first_contest_day = ordinal - self.contested_days + 1
        indices = []
        out = []
        for index, point in enumerate(self._points):
            i = bisect_right(point.days, ordinal) - 1
            if i < 0:
                continue
            contested = False
            if point.win_days:
                lo = bisect_right(point.win_days, first_contest_day - 1)
                hi = bisect_right(point.win_days, ordinal)
                contested = hi - lo > 1 and len({w for w in point.winners[lo:hi] if w is not None}) > 1
            indices.append(index)
            out.append(point.state(i, contested))
        return np.array(indices, dtype=int), tuple(out)

    def name_of(self, index: int) -> str:
        return self._points[index].name

    @property
    def lonlat(self) -> np.ndarray:
        """(n, 2) array of every place's (lon, lat), baseline places first, in model order."""
        return np.array([(p.lon, p.lat) for p in self._points], dtype=float).reshape(-1, 2)

    def control_event_days(self) -> list[date]:
        """Every day with a control event at some place (sorted): contested spells start there."""
        days = {d for p in self._points for d in p.win_days}
        return [date.fromordinal(d) for d in sorted(days)]

    def change_days(self) -> list[date]:
        """Every day on which some place's state changes (sorted)."""
        days = {d for p in self._points for d in p.days[1:]}
        return [date.fromordinal(d) for d in sorted(days)]


def normalise_name(name: str) -> str:
    """Lower case, no accents or punctuation, no Arabic article: "Al-Mayadin" -> "mayadin"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(w for w in words)


_ARTICLES = {"al", "el", "ar", "as", "ash", "at", "ad", "az", "an", "the"}


def _event_order(event: Event) -> tuple:
    return (event.date_end, event.date_start, event.doc, event.start, event.id)


def _is_region(event: Event, region_km: float) -> bool:
    return event.uncertainty_km is not None and event.uncertainty_km > region_km


def _assign(points: list[_Point], events: list[Event], region_km: float,
            match_km: float) -> dict[int, list[Event]]:
    """Which point each event is about (see the module docstring); creates new points."""
    by_id = {p.place_id: i for i, p in enumerate(points) if p.place_id}
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(points):
        by_name.setdefault(normalise_name(p.name), []).append(i)
    xy = to_metric_xy(np.array([p.lon for p in points]), np.array([p.lat for p in points]))
    tree = shapely.STRtree(shapely.points(xy))
    match_m = match_km * 1000.0
    out: dict[int, list[Event]] = {}
    for event in events:
        index = by_id.get(event.place_id) if event.place_id else None
        if index is None and not _is_region(event, region_km):
            here = None
            if event.lat is not None:
                here = to_metric_xy(np.array([event.lon]), np.array([event.lat]))[0]
            index = _by_name(by_name.get(normalise_name(event.place), []), here, points)
            if index is None and here is not None:
                near = tree.query_nearest(shapely.Point(here), max_distance=match_m)
                index = int(near[0]) if len(near) else None
                if index is None:
                    index = _nearest_within(points, range(len(xy), len(points)), here, match_m)
                if index is None and event.changes_control:
                    index = len(points)
                    points.append(_new_point(event))
                    if event.place_id:
                        by_id[event.place_id] = index
                    by_name.setdefault(normalise_name(event.place), []).append(index)
        if index is not None:
            out.setdefault(index, []).append(event)
    return out


def _by_name(candidates: list[int], here, points: list[_Point]) -> int | None:
    """The one place of that name; of several, the nearest to the event (when it has a
    position), else none: a name shared by two villages does not say which."""
    if len(candidates) == 1:
        return candidates[0]
    if candidates and here is not None:
        return _nearest_within(points, candidates, here, float("inf"))
    return None


def _nearest_within(points: list[_Point], candidates, here, limit_m: float) -> int | None:
    candidates = list(candidates)
    if not candidates:
        return None
    xy = to_metric_xy(np.array([points[i].lon for i in candidates]), np.array([points[i].lat for i in candidates]))
    d2 = ((xy - here) ** 2).sum(axis=1)
    best = int(np.argmin(d2))
    return candidates[best] if d2[best] <= limit_m ** 2 else None


def _new_point(event: Event) -> _Point:
    loser = event.actor if event.action == "withdraw" else event.target
    if loser is not None and loser != _winner(event, loser):
        days, snaps = [date.min.toordinal()], [_Snapshot(loser, None, False, None)]
    else:
        days, snaps = [], []
    return _Point(event.place_id or "", event.place, event.lat, event.lon, None, days, snaps, [], [])


_NO_CHANGE = object()


def _winner(event: Event, holder: str | None):
    """Who holds the place after a control event, or _NO_CHANGE."""
    if event.action in ("capture", "recapture"):
        return event.actor
    if event.action == "withdraw":
        return event.target if holder == event.actor else _NO_CHANGE
    return _NO_CHANGE


def _kind(event: Event) -> str | None:
    if event.changes_control:
        return "control"
    if event.action in SIEGE_ACTIONS or event.action in LIFT_ACTIONS:
        return "siege"
    return None


def _without_summaries(events: list[Event]) -> list[Event]:
    """Drop the events that summarise a period told better by others: a control (or siege)
    event whose date range strictly contains that of another control (siege) event at the
    same place."""
    ranged = [(e, _kind(e), e.date_start, e.date_end) for e in events]
    out = []
    for event, kind, start, end in ranged:
        told_better = kind is not None and any(
            k == kind and start <= s and e <= end and (e - s) < (end - start)
            for other, k, s, e in ranged if other is not event)
        if not told_better:
            out.append(event)
    return out


def _build_timeline(point: _Point, events: list[Event]) -> None:
    as_of = point.as_of.toordinal() if point.as_of else None
    state = point.snapshots[-1] if point.snapshots else _Snapshot(None, None, False, None)
    day_groups: dict[int, list[Event]] = {}
    for event in _without_summaries([e for e in events if e.certainty != "denied"]):
        day = event.date_end.toordinal()
        if as_of is not None and day < as_of:
            continue
        day_groups.setdefault(day, []).append(event)
    for day, day_events in day_groups.items():  # insertion order is chronological
        holder_start = state.faction
        holder, besieged, last_event = state.faction, state.besieged, state.last_event
        winners: list[str | None] = []
        for event in day_events:
            if event.changes_control:
                winner = _winner(event, holder)
                if winner is _NO_CHANGE:
                    continue
                winners.append(winner)
                # A change of hands ends a siege; so does the besieged holder's own capture there
                # (it has broken out or cleared the place).
                if winner != holder or event.actor == holder:
                    besieged = False
                holder, last_event = winner, event.id
            elif event.action in SIEGE_ACTIONS and event.actor != holder:
                besieged, last_event = True, event.id
            elif event.action in LIFT_ACTIONS and besieged:
                besieged, last_event = False, event.id
        if len({w for w in winners if w is not None}) > 1:
            challengers = [w for w in winners if w != holder_start]
            holder = challengers[0] if challengers else holder_start
        point.win_days.extend([day] * len(winners))
        point.winners.extend(winners)
        if (holder, besieged, last_event) == (state.faction, state.besieged, state.last_event):
            continue
        since = date.fromordinal(day) if holder != holder_start else state.since
        state = _Snapshot(holder, since, besieged, last_event)
        if point.days and point.days[-1] == day:
            point.snapshots[-1] = state
        else:
            point.days.append(day)
            point.snapshots.append(state)
