"""Area held per faction per date, in km² of the equal-area projection, for a time-series chart.

Ground nobody is known to hold ("no data": before the baseline's date, or beyond every place's
reach) and contested ground count for nobody: they are rows of their own (``"no_data"``,
``"contested"``), so a faction's share of Syria is a lower bound where the map has gaps. The
ground keeps counting for its holder however old its evidence is: the map fades old evidence,
the area does not guess what happened since.

Territory only changes on days when some point's state changes (and when a contested flag runs
out), so areas are computed on those days only, from the cells' areas (no geometry), and
carried forward to the dates asked for.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import Iterable

import numpy as np
import pandas as pd

from events.vocabulary import FACTIONS
from control.data import MapData
from control.state import models

COLUMNS = ("date", "faction", "area_km2", "share_of_syria")
ROW_ORDER = FACTIONS + ("contested", "no_data")


def area_table(data: MapData, dates: Iterable[date]) -> pd.DataFrame:
    """Tidy table, one row per (date, faction) with columns ``COLUMNS``; ``faction`` is a
    faction id, ``"contested"`` or ``"no_data"``; ``share_of_syria`` is 0-1 of Syria's area.
    Factions holding nothing on a date get a row with 0 km²."""
    dates = sorted(set(dates))
    m = models(data)
    syria_km2 = float(m.tessellation.area_km2[m.tessellation.owner == np.arange(m.tessellation.n)].sum())
    keys = m.key_days
    areas_by_key: dict[date | None, dict[str, float]] = {}
    rows = []
    for day in dates:
        i = bisect_right(keys, day) - 1
        key = keys[i] if i >= 0 else None
        if key not in areas_by_key:
            areas_by_key[key] = _areas(m, key)
        areas = areas_by_key[key]
        for name in ROW_ORDER:
            km2 = areas.get(name, 0.0)
            rows.append((day, name, km2, km2 / syria_km2))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def daily_dates(first: date, last: date, every_days: int = 1) -> list[date]:
    return [first + timedelta(days=k) for k in range(0, (last - first).days + 1, every_days)]


def _areas(m, day: date | None) -> dict[str, float]:
    snap = m.control.snapshot(day) if day is not None else None
    if snap is None:   # before any evidence: nothing is known
        return m.tessellation.areas_km2(np.full(m.tessellation.n, -1, dtype=np.int8))
    return m.tessellation.areas_km2(snap.codes, snap.contested)
