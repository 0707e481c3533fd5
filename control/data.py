"""Everything the map layers are drawn from, read once: control baseline, events, base map, labels.

Coordinates: ``ControlPoint`` and ``LabelPlace`` keep (lat, lon) fields like the gazetteer;
the shapely geometries (outline, neighbours, rivers) are GeoJSON-ordered (lon, lat), WGS84.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

import settings
from events.model import JSON_FIELDS, Event
from events.vocabulary import FACTIONS

BASELINE_COLUMNS = ("place_id", "name", "lat", "lon", "faction", "as_of", "source")
# Towns big enough to carry a label at the whole-country zoom.
LABEL_MIN_POPULATION = 40_000
LABEL_KINDS = ("city", "town")


class DataError(ValueError):
    """A data file is missing a column or holds a value that cannot be read."""


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


@dataclass(frozen=True)
class LabelPlace:
    """A named point to label on the map, (lat, lon) in degrees."""

    name: str
    lat: float
    lon: float
    kind: str
    population: int = 0


@dataclass(frozen=True, eq=False)
class MapData:
    """The inputs of every layer. Compared and hashed by identity, so per-date results can be
    cached per ``MapData`` object."""

    baseline: tuple[ControlPoint, ...]
    events: tuple[Event, ...]
    outline: BaseGeometry                                   # Syria, (lon, lat)
    neighbours: tuple[tuple[str, BaseGeometry], ...] = ()   # (name, polygon)
    rivers: tuple[tuple[str, BaseGeometry], ...] = ()       # (name, line)
    places: tuple[LabelPlace, ...] = ()                     # place labels
    governorates: tuple[LabelPlace, ...] = ()               # governorate labels

    def with_events(self, events: Iterable[Event]) -> "MapData":
        """The same map with another event list (e.g. after the analyst accepts new events)."""
        return MapData(self.baseline, tuple(events), self.outline, self.neighbours, self.rivers,
                       self.places, self.governorates)

    @property
    def event_span(self) -> tuple[date, date] | None:
        """(first date_start, last date_end) of the events, or None without events."""
        if not self.events:
            return None
        return min(e.date_start for e in self.events), max(e.date_end for e in self.events)


@lru_cache(maxsize=1)
def load_default() -> MapData:
    """The committed data: ``data/control/baseline.csv``, the default seed events,
    ``data/basemap/*.geojson`` and the gazetteer's labels. Read once per process."""
    from events.defaults import load_default_events  # the events package owns the seed events

    return load(settings.DATA_DIR, load_default_events())


def load(data_dir: Path, events: Sequence[Event]) -> MapData:
    basemap = data_dir / "basemap"
    gazetteer = data_dir / "gazetteer"
    places, governorates = read_label_places(
        [gazetteer / "curated.csv", gazetteer / "geonames_base.csv"])
    return MapData(
        baseline=read_baseline(data_dir / "control" / "baseline.csv"),
        events=tuple(events),
        outline=read_outline(basemap / "syria.geojson"),
        neighbours=read_named_geometries(basemap / "neighbours.geojson"),
        rivers=read_named_geometries(basemap / "rivers.geojson"),
        places=places,
        governorates=governorates,
    )


def read_baseline(path: Path) -> tuple[ControlPoint, ...]:
    rows = _read_csv(path, BASELINE_COLUMNS)
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
        lat, lon = _coordinate(row, where)
        points.append(ControlPoint(row["place_id"].strip(), row["name"].strip(), lat, lon,
                                   faction, as_of, row["source"].strip()))
    ids = [p.place_id for p in points if p.place_id]
    if len(ids) != len(set(ids)):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise DataError(f"{path}: place_id repeated: {', '.join(duplicates[:5])}")
    return tuple(points)


def read_events_jsonl(path: Path) -> tuple[Event, ...]:
    """Events from a JSON-lines file in the ``python -m events extract --json`` format (one
    object per line; ``id``, ``place_id`` and ``status`` are optional). Blank lines are skipped."""
    events = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read events: {error}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            fields = {key: row.get(key) for key in JSON_FIELDS}
            fields["date_start"] = date.fromisoformat(row["date_start"])
            fields["date_end"] = date.fromisoformat(row["date_end"])
            event_id = row.get("id") or _event_id(row)
            events.append(Event(id=event_id, place_id=row.get("place_id"),
                                status=row.get("status") or "pending", **fields))
        except (ValueError, KeyError, TypeError) as error:
            raise DataError(f"{path}:{number}: not an event: {error}") from None
    return tuple(events)


def _event_id(row: dict) -> str:
    key = "|".join(str(row.get(k)) for k in ("doc", "start", "end", "action", "actor", "place", "date_start"))
    return "ev:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def read_outline(path: Path) -> BaseGeometry:
    features = _features(path)
    if len(features) != 1:
        raise DataError(f"{path}: expected one outline feature, found {len(features)}")
    return shape(features[0]["geometry"])


def read_named_geometries(path: Path) -> tuple[tuple[str, BaseGeometry], ...]:
    return tuple((f["properties"].get("name", ""), shape(f["geometry"])) for f in _features(path))


def read_label_places(paths: Sequence[Path]) -> tuple[tuple[LabelPlace, ...], tuple[LabelPlace, ...]]:
    """(place labels, governorate labels) from gazetteer CSVs (columns name, lat, lon, kind and
    optionally population, country). Places: Syrian cities and towns of at least
    ``LABEL_MIN_POPULATION`` people, plus curated cities; first file wins on a repeated name."""
    places: dict[str, LabelPlace] = {}
    governorates: dict[str, LabelPlace] = {}
    for path in paths:
        if not path.exists():
            continue
        for line, row in _read_csv(path, ("name", "lat", "lon", "kind")):
            if row.get("country", "SY") not in ("SY", ""):
                continue
            lat, lon = _coordinate(row, f"{path}:{line}")
            population = int(float(row.get("population") or 0))
            kind = row["kind"]
            name = row["name"].strip()
            if kind == "governorate":
                governorates.setdefault(name, LabelPlace(name, lat, lon, kind))
            elif kind in LABEL_KINDS and (population >= LABEL_MIN_POPULATION
                                          or (kind == "city" and "population" not in row)):
                places.setdefault(name, LabelPlace(name, lat, lon, kind, population))
    return tuple(places.values()), tuple(governorates.values())


def _features(path: Path) -> list[dict]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot read GeoJSON: {error}") from None
    return collection.get("features", [])


def _read_csv(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
            return [(reader.line_num, row) for row in reader]
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error}") from None


def _coordinate(row: dict[str, str], where: str) -> tuple[float, float]:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError):
        raise DataError(f"{where}: lat/lon {row.get('lat')!r}, {row.get('lon')!r} are not numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataError(f"{where}: lat/lon {lat}, {lon} out of range")
    return lat, lon
