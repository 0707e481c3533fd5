"""Everything the map is made from, read once: control baseline, events and their reports'
dates, base map, labels.

Coordinates: ``ControlPoint`` and ``LabelPlace`` keep (lat, lon) fields like the gazetteer;
the shapely geometries (outline, neighbours, rivers) are GeoJSON-ordered (lon, lat), WGS84.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

import settings
from control.baseline import ControlPoint, read_baseline
from control.csvfiles import DataError, coordinate, read_csv
from events.model import JSON_FIELDS, Event

__all__ = ["ControlPoint", "DataError", "LabelPlace", "MapData", "load", "load_default", "read_events_jsonl"]

# Towns big enough to carry a label at the whole-country zoom.
LABEL_MIN_POPULATION = 40_000
LABEL_KINDS = ("city", "town")


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
    # doc id -> the report's date: an event cannot have happened after the report telling it.
    document_dates: Mapping[str, date] = field(default_factory=lambda: MappingProxyType({}))
    # Administrative areas (subdistricts, (lon, lat)) that say which bank of the river a point
    # near it is on (control.points), and the communities people live in, (lon, lat), as
    # ground points between the places (control.points.ground_points).
    # ``place_subdistricts``: place id -> the subdistrict OCHA's record of it names.
    river_banks: Mapping[str, BaseGeometry] = field(default_factory=lambda: MappingProxyType({}))
    place_subdistricts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    communities_lonlat: tuple[tuple[float, float], ...] = ()

    def with_events(self, events: Iterable[Event], document_dates: Mapping[str, date] | None = None) -> "MapData":
        """The same map with another event list (e.g. after the analyst accepts new events);
        ``document_dates`` are added to the known reports' dates."""
        dates = dict(self.document_dates)
        dates.update(document_dates or {})
        return replace(self, events=tuple(events), document_dates=MappingProxyType(dates))

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
    from events.defaults import DOCUMENTS_PATH, load_default_events  # the events package reads them

    return load(settings.DATA_DIR, load_default_events(), read_document_dates(DOCUMENTS_PATH))


def load(data_dir: Path, events: Sequence[Event], document_dates: Mapping[str, date] | None = None) -> MapData:
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
        document_dates=MappingProxyType(dict(document_dates or {})),
        river_banks=MappingProxyType(read_areas(data_dir / "admin" / "subdistricts.geojson")),
        **_communities(gazetteer / "ocha_communities.csv"),
    )


def read_areas(path: Path) -> dict[str, BaseGeometry]:
    """P-code -> polygon of an administrative GeoJSON (``data/admin``); empty if absent."""
    if not Path(path).exists():
        return {}
    return {f["properties"]["pcode"]: shape(f["geometry"]) for f in _features(path)}


def _communities(path: Path) -> dict:
    """``communities_lonlat`` and ``place_subdistricts`` from ``ocha_communities.csv`` (its
    ``id``/``same_as`` ids and ``subdistrict_pcode``); empty if absent."""
    if not Path(path).exists():
        return {}
    lonlat, subdistricts = [], {}
    for line, row in read_csv(path, ("id", "lat", "lon", "subdistrict_pcode", "same_as")):
        lat, lon = coordinate(row, f"{path}:{line}")
        lonlat.append((lon, lat))
        for key in (row["id"], row["same_as"]):
            if key.strip() and row["subdistrict_pcode"].strip():
                subdistricts[key.strip()] = row["subdistrict_pcode"].strip()
    return {"communities_lonlat": tuple(lonlat), "place_subdistricts": MappingProxyType(subdistricts)}


# Where a report's date comes from, when it can be trusted to bound its events: the reader's
# other guess ("text": the latest full date it mentions) can lie before the events it tells.
TRUSTED_DATE_SOURCES = ("metadata", "url", "analyst", "argument")


def read_document_dates(path: Path) -> dict[str, date]:
    """doc id -> date from a ``documents.csv`` (columns doc, date, date_source), for the dates
    from a ``TRUSTED_DATE_SOURCES``."""
    if not Path(path).exists():
        return {}
    out = {}
    for line, row in read_csv(path, ("doc", "date", "date_source")):
        if row["date"].strip() and row["date_source"].strip() in TRUSTED_DATE_SOURCES:
            try:
                out[row["doc"]] = date.fromisoformat(row["date"].strip())
            except ValueError:
                raise DataError(f"{path}:{line}: date {row['date']!r} is not a YYYY-MM-DD date") from None
    return out


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
        for line, row in read_csv(path, ("name", "lat", "lon", "kind")):
            if row.get("country", "SY") not in ("SY", ""):
                continue
            lat, lon = coordinate(row, f"{path}:{line}")
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
