"""Syria's administrative areas as polygons: governorates, districts, subdistricts, city quarters.

The polygons are ``data/admin/*.geojson`` (OCHA COD-AB 2020, simplified; see
``data/admin/README.md``), loaded on first use and cached. Shapely geometries are in (lon, lat)
order, as GeoJSON; every function here takes and returns (lat, lon) like the rest of the package.

    >>> from gazetteer import areas
    >>> areas.area_at(35.93, 39.01, "governorate").name      # Raqqa city
    'Ar-Raqqa'
    >>> [a.name for a in areas.areas("governorate")][:2]
    ['Damascus', 'Aleppo']

- ``areas(level)``: every ``Area`` of a level (``governorate``, ``district``, ``subdistrict``,
  ``neighbourhood``), in P-code order;
- ``area(pcode)``: one area by its P-code (``SY02``, ``SY0203``, ``SY020300``, ``N0001``);
- ``area_of(place)``: the area a resolved ``Place`` stands for — an administrative place
  carries its P-code as ``id``; a directional region of one ("the eastern Hama countryside")
  gives the governorate's area; None for a point place;
- ``area_at(lat, lon, level)``: the area of that level containing a point (None outside Syria);
  ``areas_at(lat, lon)`` the whole chain, governorate first;
- ``part(area, direction)``: the part of an area lying towards a compass direction ("eastern
  Hama": the half of the governorate east of its representative point), a shapely geometry;
- ``footprint(place)``: the polygon a ``Place`` covers, if it is an area or a directional
  part of one ("the eastern Hama countryside": the eastern half of Hama governorate), else
  None — what an area statement ("full control of X") applies to;
- ``surrounding(area)``: the area of the same level around an enclave (Rif Dimashq around
  Damascus), or None.

An ``Area`` has ``pcode, name, name_ar, level, parent_pcode, governorate, lat, lon`` (its
representative point), ``radius_km`` (of a circle of the same size), ``area_km2`` and
``geometry`` (shapely, lon/lat).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import settings

LEVELS = ("governorate", "district", "subdistrict", "neighbourhood")
_FILES = {"governorate": "governorates.geojson", "district": "districts.geojson",
          "subdistrict": "subdistricts.geojson", "neighbourhood": "neighbourhoods.geojson"}
_DEFAULT_DIR = settings.DATA_DIR / "admin"


@dataclass(frozen=True)
class Area:
    """One administrative area; (lat, lon) is its representative point (inside it)."""

    pcode: str
    name: str
    name_ar: str
    level: str
    parent_pcode: str
    governorate: str
    lat: float
    lon: float
    radius_km: float
    area_km2: float
    geometry: Any  # shapely Polygon or MultiPolygon, (lon, lat)

    def contains(self, lat: float, lon: float) -> bool:
        from shapely.geometry import Point
        return self.geometry.covers(Point(lon, lat))


class _Level:
    """The areas of one level and a spatial index over them."""

    def __init__(self, items: list[Area]) -> None:
        from shapely import STRtree
        self.items = items
        self.tree = STRtree([a.geometry for a in items])

    def at(self, lat: float, lon: float) -> Area | None:
        from shapely.geometry import Point
        point = Point(lon, lat)
        hits = sorted(int(i) for i in self.tree.query(point, predicate="intersects"))
        return self.items[hits[0]] if hits else None


@lru_cache(maxsize=8)
def _level(level: str, folder: str) -> _Level:
    from shapely.geometry import shape
    if level not in _FILES:
        raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
    path = Path(folder) / _FILES[level]
    data = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for feature in data["features"]:
        p = feature["properties"]
        items.append(Area(
            pcode=p["pcode"], name=p["name"], name_ar=p.get("name_ar") or "", level=p["level"],
            parent_pcode=p.get("parent_pcode") or "", governorate=p.get("governorate") or "",
            lat=float(p["lat"]), lon=float(p["lon"]), radius_km=float(p["radius_km"]),
            area_km2=float(p["area_km2"]), geometry=shape(feature["geometry"]),
        ))
    return _Level(items)


def areas(level: str, folder: Path | None = None) -> list[Area]:
    """Every area of ``level``, in P-code order."""
    return list(_level(level, str(folder or _DEFAULT_DIR)).items)


@lru_cache(maxsize=4)
def _by_pcode(folder: str) -> dict[str, Area]:
    return {a.pcode: a for level in LEVELS for a in _level(level, folder).items}


def area(pcode: str, folder: Path | None = None) -> Area | None:
    """The area with this P-code, or None."""
    return _by_pcode(str(folder or _DEFAULT_DIR)).get(pcode)


def area_at(lat: float, lon: float, level: str = "subdistrict", folder: Path | None = None) -> Area | None:
    """The area of ``level`` that contains (lat, lon), or None (outside Syria)."""
    return _level(level, str(folder or _DEFAULT_DIR)).at(lat, lon)


def areas_at(lat: float, lon: float, folder: Path | None = None) -> list[Area]:
    """Governorate, district, subdistrict (and city quarter, if any) containing (lat, lon)."""
    out = []
    for level in LEVELS:
        found = area_at(lat, lon, level, folder)
        if found is not None:
            out.append(found)
    return out


def area_of(place, folder: Path | None = None) -> Area | None:
    """The area a ``Place`` stands for: its own P-code's for an administrative place, the
    governorate's for a region computed from one ("eastern Hama"); else None."""
    for pcode in (getattr(place, "id", ""), getattr(place, "pcode", "")):
        found = area(pcode, folder) if pcode else None
        if found is not None and (place.kind in ("governorate", "district", "subdistrict") or found.level == "neighbourhood"):
            return found
    anchor = (getattr(place, "raw", None) or {}).get("anchor")
    if place.kind == "region" and isinstance(anchor, dict) and anchor.get("id"):
        found = area(anchor["id"], folder)
        if found is not None:
            return found
    if place.kind in ("governorate", "region") and place.governorate and (
            place.kind == "governorate" or "governorate" in place.name.lower()):
        return next((a for a in areas("governorate", folder) if a.governorate == place.governorate), None)
    return None


_DIRECTION_LABEL_RE = __import__("re").compile(r"\((north|south|east|west|northeast|northwest|southeast|southwest|central)\b")


def footprint(place, folder: Path | None = None):
    """The shapely geometry (lon, lat) a place covers, or None for a point place."""
    raw = getattr(place, "raw", None) or {}
    anchor = raw.get("anchor") if isinstance(raw, dict) else None
    direction = raw.get("direction") if isinstance(raw, dict) else None
    if place.kind == "region" and isinstance(anchor, dict) and direction:
        base = area(anchor.get("id") or "", folder)
        if base is not None:
            return part(base, direction)
    found = area_of(place, folder)
    if found is None:
        return None
    label = _DIRECTION_LABEL_RE.search(place.name) if place.kind == "region" else None
    return part(found, label.group(1)) if label else found.geometry


def surrounding(target: Area, folder: Path | None = None) -> Area | None:
    """The area of ``target``'s level whose outline (holes filled) holds ``target``'s point."""
    from shapely.geometry import Point, Polygon
    point = Point(target.lon, target.lat)
    for other in areas(target.level, folder):
        if other.pcode == target.pcode:
            continue
        parts = getattr(other.geometry, "geoms", [other.geometry])
        if any(Polygon(p.exterior).covers(point) for p in parts):
            return other
    return None


_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}


_PARTS: dict[tuple[int, str], tuple[Any, Any]] = {}


def part(target: Area, direction: str):
    """The part of ``target`` towards ``direction`` ("east", "south-eastern", "northern"...):
    the area cut by the line through its representative point square to the direction, a
    shapely geometry; "central" is the area within half its radius of that point."""
    word = direction.lower().replace("-", "").replace(" ", "").removesuffix("ern")
    # Cutting a polygon costs a millisecond, and a report names the same parts again (each
    # mention is widened twice by the geoparser); the cut is kept with its area's geometry.
    known = _PARTS.get((id(target.geometry), word))
    if known is not None and known[0] is target.geometry:
        return known[1]
    if len(_PARTS) > 2_000:
        _PARTS.clear()
    piece = _cut(target, word, direction)
    _PARTS[(id(target.geometry), word)] = (target.geometry, piece)
    return piece


def _cut(target: Area, word: str, direction: str):
    from shapely.geometry import Point, Polygon
    if word == "central":
        radius_deg = 0.5 * target.radius_km / 111.0
        return target.geometry.intersection(Point(target.lon, target.lat).buffer(radius_deg))
    if word not in _BEARINGS:
        raise ValueError(f"unknown direction {direction!r}")
    theta = math.radians(_BEARINGS[word])
    dx, dy = math.sin(theta), math.cos(theta)  # towards the direction, in (lon, lat)
    far = 10.0  # degrees: beyond any Syrian area
    cx, cy = target.lon, target.lat
    # A half-plane: the side of the line through the centre facing (dx, dy).
    px, py = -dy, dx
    half = Polygon([(cx + px * far, cy + py * far), (cx + px * far + dx * far, cy + py * far + dy * far),
                    (cx - px * far + dx * far, cy - py * far + dy * far), (cx - px * far, cy - py * far)])
    return target.geometry.intersection(half)
