"""Which place names matter most, so that the map keeps them when labels collide.

MapLibre places labels in order and drops any that would overlap one already placed; the
order decides which survive at a country-wide zoom. Ranked first: the capital, then each
governorate's seat (its most populous city in the GeoNames base), then every other place by
population; places without a population figure (the towns named because they changed hands
recently) come last, in their own order.

``rank(lat, lon)`` gives the sort key of the label drawn at a gazetteer place's coordinates
(``data/gazetteer/geonames_base.csv``: name, lat, lon, kind, governorate, country, population).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import settings

CAPITAL = "Damascus"
GEONAMES_BASE = settings.DATA_DIR / "gazetteer" / "geonames_base.csv"
UNRANKED = (3, 0)


def _at(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, 3), round(lon, 3)


@lru_cache(maxsize=2)
def _ranks(path: Path) -> dict[tuple[float, float], tuple[int, int]]:
    """(tier, -population) by rounded (lat, lon): tier 0 the capital, 1 a governorate seat,
    2 any other Syrian place."""
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row.get("country", "SY") in ("SY", "")]
    population = {id(row): int(float(row.get("population") or 0)) for row in rows}
    seats = {}
    for row in rows:
        governorate = row.get("governorate") or ""
        if row["kind"] == "city" and governorate and (
                governorate not in seats or population[id(row)] > population[id(seats[governorate])]):
            seats[governorate] = row
    seat_ids = {id(row) for row in seats.values()}
    ranks = {}
    for row in rows:
        tier = 0 if row["name"] == CAPITAL else 1 if id(row) in seat_ids else 2
        ranks[_at(float(row["lat"]), float(row["lon"]))] = (tier, -population[id(row)])
    return ranks


def rank(lat: float, lon: float) -> tuple[int, int]:
    """The sort key of a label at (lat, lon): lower first."""
    return _ranks(GEONAMES_BASE).get(_at(lat, lon), UNRANKED)
