"""One date's map state: who holds each place and the territory that follows; cached per date.

This is the data-preparation half of the layers (kepler.gl's ``updateData``): everything here is
plain data, with no plotly; ``layers.figure`` turns a state and a ``View`` into traces.
"""
from __future__ import annotations

from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from functools import lru_cache

import numpy as np

from events.model import Event
from events.vocabulary import FACTIONS
from control.model import ControlModel, PlaceControl
from control.data import MapData
from control.geo import to_metric, to_metric_xy
from control.territory import Territory, TerritoryModel

_CODE = {faction: code for code, faction in enumerate(FACTIONS)}


@dataclass(frozen=True, eq=False)
class MapState:
    """The map on ``date``: ``places`` (state of every known place, see ``PlaceControl``),
    ``territory`` (ground per faction, contested, no data, front lines) and the inputs."""

    date: date
    places: tuple[PlaceControl, ...]
    territory: Territory
    data: MapData
    models: "Models"

    def events_between(self, first: date, last: date) -> tuple[Event, ...]:
        """Events whose date range overlaps [first, last] (both inclusive), by date_end."""
        return self.models.events_between(first, last)


class Models:
    """The precomputed timelines and tessellations behind every date of one ``MapData``."""

    def __init__(self, data: MapData) -> None:
        self.control = ControlModel(data.baseline, data.events)
        lonlat = self.control.lonlat
        self.xy_m = to_metric_xy(lonlat[:, 0], lonlat[:, 1]) if len(lonlat) else np.zeros((0, 2))
        self.territory = TerritoryModel(self.xy_m, to_metric(data.outline))
        self._events = sorted(data.events, key=lambda e: (e.date_end, e.date_start, e.id))
        self._ends = [e.date_end for e in self._events]
        self._longest = max(((e.date_end - e.date_start) for e in self._events), default=timedelta(0))
        # Per instance, so that two models never evict each other's days.
        self.codes_at = lru_cache(maxsize=128)(self._codes_at)

    def events_between(self, first: date, last: date) -> tuple[Event, ...]:
        """Events whose date range overlaps [first, last] (both inclusive), sorted by date_end.
        An overlapping event ends between ``first`` and ``last`` + the longest event range."""
        lo = bisect_left(self._ends, first)
        hi = bisect_right(self._ends, last + self._longest)
        return tuple(e for e in self._events[lo:hi] if e.date_start <= last)

    def _codes_at(self, day: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indices of the known places, their faction codes (-1: none), contested flags)."""
        indices, places = self.control.at_indexed(day)
        codes = np.array([_CODE.get(p.faction, -1) for p in places], dtype=int)
        contested = np.array([p.contested for p in places], dtype=bool)
        return indices, codes, contested


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
    indices, places = m.control.at_indexed(day)
    _, codes, contested = m.codes_at(day)
    held = codes >= 0
    all_codes = np.full(len(m.xy_m), -1, dtype=int)
    all_contested = np.zeros(len(m.xy_m), dtype=bool)
    all_codes[indices] = codes
    all_contested[indices] = contested
    territory = m.territory.territory(indices[held], all_codes, all_contested)
    return MapState(day, places, territory, data, m)
