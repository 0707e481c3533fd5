"""The control baseline: who held each place on its ``as_of`` date (``data/control/baseline.csv``).

A baseline row is evidence like any other, dated ``as_of``: before that date the row says
nothing (the map shows no knowledge there), and an event after it wins over it. Rows are
sourced one by one (``data/control/README.md``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from control.csvfiles import DataError, coordinate, read_csv
from events.vocabulary import FACTIONS

BASELINE_COLUMNS = ("place_id", "name", "lat", "lon", "faction", "as_of", "source")


@dataclass(frozen=True)
class ControlPoint:
    """One baseline row: ``faction`` held the place (``lat``, ``lon``) as of ``as_of``."""

    place_id: str
    name: str
    lat: float
    lon: float
    faction: str
    as_of: date
    source: str


def read_baseline(path: Path) -> tuple[ControlPoint, ...]:
    rows = read_csv(path, BASELINE_COLUMNS)
    points = []
    for line, row in rows:
        where = f"{path}:{line}"
        faction = row["faction"].strip()
        if faction not in FACTIONS:
            raise DataError(f"{where}: unknown faction {faction!r}; expected one of {', '.join(FACTIONS)}")
        try:
            as_of = date.fromisoformat(row["as_of"].strip())
        except ValueError:
            raise DataError(f"{where}: as_of {row['as_of']!r} is not a YYYY-MM-DD date") from None
        lat, lon = coordinate(row, where)
        points.append(ControlPoint(row["place_id"].strip(), row["name"].strip(), lat, lon,
                                   faction, as_of, row["source"].strip()))
    ids = [p.place_id for p in points if p.place_id]
    if len(ids) != len(set(ids)):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise DataError(f"{path}: place_id repeated: {', '.join(duplicates[:5])}")
    return tuple(points)
