"""One date's map state: who holds each place and the territory that follows; cached per date.

This is the data-preparation half of the map (kepler.gl's ``updateData``): everything here is
plain data, with no plotly; ``layers.figure`` turns a state and a ``View`` into traces.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

import numpy as np

from control.data import MapData
from control.model import ControlModel, PlaceControl, Snapshot
from control.territory import Territory
from events.model import Event


@dataclass(frozen=True, eq=False)
class MapState:
    """The map on ``date``: ``places`` (state of every known place, see ``PlaceControl``),
    ``territory`` (ground per faction, contested, besieged, no data, front lines), ``points``
    (every point's state, with its evidence: ``control.model.Snapshot``; None before any
    evidence) and the inputs."""

    date: date
    places: tuple[PlaceControl, ...]
    territory: Territory
    data: MapData
    models: "Models"
    points: Snapshot | None = None

    def events_between(self, first: date, last: date) -> tuple[Event, ...]:
        """Events whose date range overlaps [first, last] (both inclusive), by date_end."""
        return self.models.events_between(first, last)


class Models:
    """The replay and the cells behind every date of one ``MapData``."""

    def __init__(self, data: MapData) -> None:
        self.control = ControlModel(data.baseline, data.events, outline=data.outline, rivers=data.rivers,
                                    document_dates=data.document_dates, banks=data.river_banks,
                                    place_banks=data.place_subdistricts,
                                    ground_lonlat=np.array(data.communities_lonlat, dtype=float).reshape(-1, 2))
        self.tessellation = self.control.tessellation
        self.xy_m = self.control.points.xy
        self.n_places = self.control.points.n_places
        self._events = sorted(data.events, key=lambda e: (e.date_end, e.date_start, e.id))
        self._ends = [e.date_end for e in self._events]
        self._longest = max(((e.date_end - e.date_start) for e in self._events), default=timedelta(0))
        # What the drawing layers keep per replayed day (keyed by the day's snapshot), kept as
        # long as the models: a slider or playback comes back to the same days.
        self.drawing_cache: dict = {}

    def events_between(self, first: date, last: date) -> tuple[Event, ...]:
        """Events whose date range overlaps [first, last] (both inclusive), sorted by date_end.
        An overlapping event ends between ``first`` and ``last`` + the longest event range."""
        lo = bisect_left(self._ends, first)
        hi = bisect_right(self._ends, last + self._longest)
        return tuple(e for e in self._events[lo:hi] if e.date_start <= last)

    def codes_at(self, day: date) -> np.ndarray:
        """Every point's holder on ``day`` (an index into FACTIONS; -1: none known)."""
        snap = self.control.snapshot(day)
        return snap.codes if snap is not None else np.full(len(self.xy_m), -1, dtype=np.int8)

    def territory_at(self, day: date) -> Territory:
        snap = self.control.snapshot(day)
        if snap is None:
            return self.tessellation.territory(np.full(len(self.xy_m), -1, dtype=np.int8))
        return self.tessellation.territory(snap.codes, snap.contested, snap.rivals, snap.besieged)

    @cached_property
    def key_days(self) -> list[date]:
        """Days on which the territory may change (every other day shares the day before's)."""
        return self.control.change_days()


@lru_cache(maxsize=4)
def models(data: MapData) -> Models:
    return Models(data)


def compute(data: MapData, day: date) -> MapState:
    """The map state of ``data`` on ``day`` (cached per date and data)."""
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        raise TypeError(f"day must be a datetime.date, got {day!r}")
    return _compute(data, day)


@lru_cache(maxsize=1024)
def _compute(data: MapData, day: date) -> MapState:
    return build(data, models(data), day)


def build(data: MapData, m: Models, day: date) -> MapState:
    """The state on ``day`` from ``data``'s models, without the per-date cache of ``compute``."""
    _, places = m.control.at_indexed(day)
    return MapState(day, places, m.territory_at(day), data, m, m.control.snapshot(day))
