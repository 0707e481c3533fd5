"""A place's control history: who held it over time, and the events reported there.

Pure functions: the control samples come from the control model (``control.state``) at the
dates where control can change; this module merges them into periods and picks the events
whose point lies within a radius of the place.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

import numpy as np

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Sample:
    """The place's state on ``day`` according to the control model."""

    day: date
    faction: str | None
    contested: bool = False
    besieged: bool = False


@dataclass(frozen=True)
class Period:
    """``faction`` held the place from ``start`` to ``end`` (inclusive; ``end`` None = still)."""

    faction: str | None
    start: date
    end: date | None
    contested: bool
    besieged: bool


def control_periods(samples: Iterable[Sample]) -> list[Period]:
    """Merge date-ordered samples into periods of unchanged state (faction, contested, besieged)."""
    periods: list[Period] = []
    ordered = sorted(samples, key=lambda s: s.day)
    for sample in ordered:
        if periods:
            last = periods[-1]
            if (last.faction, last.contested, last.besieged) == (sample.faction, sample.contested, sample.besieged):
                continue
            periods[-1] = Period(last.faction, last.start, sample.day, last.contested, last.besieged)
        periods.append(Period(sample.faction, sample.day, None, sample.contested, sample.besieged))
    # A closed period ends the day before the next one starts.
    return [
        Period(p.faction, p.start, None if p.end is None else date.fromordinal(p.end.toordinal() - 1),
               p.contested, p.besieged)
        for p in periods
    ]


def distances_km(lat: float, lon: float, lats: Sequence[float], lons: Sequence[float]) -> np.ndarray:
    """Great-circle distances (haversine, km) from (lat, lon) to each (lats[i], lons[i]) in degrees."""
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2 = np.radians(np.asarray(lats, dtype=float))
    lon2 = np.radians(np.asarray(lons, dtype=float))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def events_at(events: Sequence, lat: float, lon: float, radius_km: float, place_id: str = "") -> list:
    """Events placed within ``radius_km`` of (lat, lon) or resolved to ``place_id``, by date.
    ``events`` have ``lat``, ``lon`` (None when unresolved), ``place_id`` and ``date_start``."""
    located = [e for e in events if e.lat is not None]
    if not located:
        return []
    near = distances_km(lat, lon, [e.lat for e in located], [e.lon for e in located]) <= radius_km
    picked = [e for e, is_near in zip(located, near) if is_near or (place_id and e.place_id == place_id)]
    return sorted(picked, key=lambda e: (e.date_start, e.date_end))
