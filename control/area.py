"""Area held per faction per date, in km² of the equal-area projection, for a time-series chart.

Ground farther than the territory radius from every known place ("no data") and contested ground
count for nobody: they are rows of their own (``"no_data"``, ``"contested"``), so a faction's
share of Syria is a lower bound where the map has gaps.

Territory only changes on days when some place's state changes (and when a contested flag runs
out), so areas are computed on those days only and carried forward to the dates asked for.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import Iterable

import pandas as pd

from events.vocabulary import FACTIONS
from control.data import MapData
from control.geo import to_metric
from control.state import models

COLUMNS = ("date", "faction", "area_km2", "share_of_syria")
ROW_ORDER = FACTIONS + ("contested", "no_data")


def area_table(data: MapData, dates: Iterable[date]) -> pd.DataFrame:
    """Tidy table, one row per (date, faction) with columns ``COLUMNS``; ``faction`` is a
    faction id, ``"contested"`` or ``"no_data"``; ``share_of_syria`` is 0-1 of Syria's area.
    Factions holding nothing on a date get a row with 0 km²."""
    dates = sorted(set(dates))
    m = models(data)
    syria_km2 = to_metric(data.outline).area / 1e6
    keys = _key_days(m.control, m.control.contested_days)
    areas_by_key: dict[date, dict[str, float]] = {}
    rows = []
    for day in dates:
        i = bisect_right(keys, day) - 1
        key = keys[i] if i >= 0 else day
        if key not in areas_by_key:
            areas_by_key[key] = _areas(m, key)
        areas = areas_by_key[key]
        for name in ROW_ORDER:
            km2 = areas.get(name, 0.0)
            rows.append((day, name, km2, km2 / syria_km2))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def daily_dates(first: date, last: date, every_days: int = 1) -> list[date]:
    return [first + timedelta(days=k) for k in range(0, (last - first).days + 1, every_days)]


def _key_days(control, contested_days: int) -> list[date]:
    """Days on which the territory may change: state changes and the ends of contested spells."""
    starts = control.control_event_days()
    expiries = [d + timedelta(days=contested_days) for d in starts]
    return sorted(set(control.change_days()) | set(starts) | set(expiries))


def _areas(m, day: date) -> dict[str, float]:
    indices, codes, contested = m.codes_at(day)
    held = codes >= 0
    tess = m.territory.tessellation(indices[held])
    factions_m, contested_m, _ = tess.dissolve(codes[held], contested[held])
    return tess.areas_km2(factions_m, contested_m)
