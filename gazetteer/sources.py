"""Where gazetteer rows come from: one small interface, one adapter per file.

A source yields ``Entry`` records (a row of the gazetteer with every name it is known by).
The GeoNames base, the curated sites and the cache of the online fallback are all CSV files
read by the same adapter; they differ only in their label and default uncertainty. Columns
are found by name and extra columns are kept in ``raw``, so the data files may grow columns
without touching this code.
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

from gazetteer.place import KINDS, Place

# Typical radius (km) within which the true place lies when a row states none: a GeoNames
# town point is roughly its centre; sites are known to a few km; regions only roughly.
DEFAULT_UNCERTAINTY_KM = {
    "city": 3.0, "town": 2.0, "village": 2.0, "district": 1.5, "site": 5.0, "hill": 5.0,
    "area": 10.0, "region": 50.0, "governorate": 60.0, "river": 50.0,
}

# Kinds written in data files that are not the Place vocabulary, mapped onto it.
_KIND_ALIASES = {
    "dam": "site", "airbase": "site", "air base": "site", "airport": "site", "base": "site",
    "field": "site", "gas field": "site", "oil field": "site", "crossing": "site",
    "border crossing": "site", "station": "site", "pumping station": "site", "military": "site",
    "junction": "site", "bridge": "site", "mountain": "hill", "mountains": "hill", "range": "hill",
    "island": "area", "border": "area", "border segment": "area", "neighbourhood": "district",
    "neighborhood": "district", "quarter": "district", "suburb": "district", "province": "governorate",
    "desert": "region", "valley": "region", "plain": "region", "plains": "region", "lake": "area",
    "reservoir": "area", "wadi": "area", "well": "site", "oasis": "area", "hamlet": "village",
}


# Kinds whose rows are points, which a qualifier only tells apart from homonyms.
POINT_KINDS = frozenset({"city", "town", "village", "district", "site", "hill"})
_QUALIFIER_RE = re.compile(r"^(?P<name>.+?)\s+\([^()]+\)$")


def unqualified(name: str) -> str:
    """ "Al-Abbas (Deir ez-Zor)" -> "Al-Abbas"; other names unchanged."""
    match = _QUALIFIER_RE.match(name)
    return match.group("name") if match else name


def as_kind(value: str | None) -> str:
    """A data file's kind as one of ``KINDS`` (unknown kinds become "area")."""
    kind = (value or "").strip().lower()
    if kind in KINDS:
        return kind
    return _KIND_ALIASES.get(kind, "area")


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a place and all the names it goes by. (lat, lon) in degrees."""

    id: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    governorate: str | None
    country: str
    population: int
    uncertainty_km: float
    source: str
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # Aliases that rank as main names: the source's own name of a row shown under an English
    # name (GeoNames' "Tadmur" for Palmyra), a homonym's name without its qualifier
    # ("Al-Abbas" for "Al-Abbas (Deir ez-Zor)"). Each is also in ``aliases``.
    main_aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def main_names(self) -> tuple[str, ...]:
        """The names the place is called outright, which outrank another place's alias."""
        return (self.name, *self.main_aliases)

    def to_place(self, score: float = 1.0, **changes: Any) -> Place:
        values = dict(
            name=self.name, lat=self.lat, lon=self.lon, kind=self.kind,
            governorate=self.governorate, source=self.source,
            uncertainty_km=self.uncertainty_km, score=round(max(0.0, min(1.0, score)), 3),
            id=self.id, population=self.population, country=self.country, raw=self.raw,
        )
        values.update(changes)
        return Place(**values)


class Source(Protocol):
    """Anything that yields gazetteer entries."""

    label: str

    def entries(self) -> list[Entry]: ...


def _number(value: str | None, default: float = math.nan) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


class CsvSource:
    """A gazetteer CSV with at least ``name, lat, lon``; other columns are optional.

    Recognised columns: id, name, aliases (``|``-separated), lat, lon, kind, governorate,
    country, population, uncertainty_km, source, geonames_name (the GeoNames base's original
    name when ``name`` is its English display name). A row's own ``source`` column (a
    citation) is kept in ``raw``; ``Place.source`` is this adapter's ``label``.

    A point feature named with a qualifier that tells it from a homonym ("Al-Abbas (Deir
    ez-Zor)") is also known by the name alone, which reports use.
    """

    def __init__(self, path: Path, label: str, id_prefix: str = "") -> None:
        self.path = Path(path)
        self.label = label
        self.id_prefix = id_prefix

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        with open(self.path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return [entry for number, row in enumerate(rows) if (entry := self._entry(row, number))]

    def _entry(self, row: Mapping[str, str], number: int) -> Entry | None:
        name = (row.get("name") or "").strip()
        lat, lon = _number(row.get("lat")), _number(row.get("lon"))
        if not name or not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        kind = as_kind(row.get("kind"))
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        uncertainty_km = _number(row.get("uncertainty_km"), DEFAULT_UNCERTAINTY_KM[kind])
        country = (row.get("country") or "SY").strip() or "SY"
        main_aliases = [(row.get("geonames_name") or "").strip()]
        if kind in POINT_KINDS:
            main_aliases.append(unqualified(name))
        main_aliases = [a for a in dict.fromkeys(main_aliases) if a and a != name]
        aliases += tuple(a for a in main_aliases if a.casefold() not in {x.casefold() for x in aliases})
        return Entry(
            id=(row.get("id") or "").strip() or f"{self.id_prefix}{number}",
            name=name,
            aliases=aliases,
            lat=lat,
            lon=lon,
            kind=kind,
            governorate=(row.get("governorate") or "").strip() or None,
            country=country,
            population=int(_number(row.get("population"), 0) or 0),
            uncertainty_km=uncertainty_km,
            source=self.label,
            raw=dict(row),
            main_aliases=tuple(main_aliases),
        )


def default_sources(data_dir: Path) -> list[Source]:
    """The offline sources, most trusted first: curated rows, then GeoNames, then the cache."""
    folder = Path(data_dir) / "gazetteer"
    return [
        CsvSource(folder / "curated.csv", "curated", "cu:"),
        CsvSource(folder / "geonames_base.csv", "geonames", "gn:"),
        CsvSource(folder / "nominatim_cache.csv", "nominatim", "nm:"),
    ]


def load_entries(sources: Iterable[Source]) -> list[Entry]:
    entries: list[Entry] = []
    for source in sources:
        entries.extend(source.entries())
    return entries
