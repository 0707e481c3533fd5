"""Writing events out: CSV, GeoJSON, GeoPackage (for QGIS) and JSON lines.

CSV and GeoPackage rows carry every event field; GeoJSON features carry them as
properties with a Point geometry in GeoJSON's (lon, lat) order, or a null geometry for an
event whose place did not resolve.
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path
from typing import Iterable

from events.model import Event

COLUMNS = [f.name for f in fields(Event)]
FORMATS = ("csv", "geojson", "gpkg", "jsonl")


def _row(event: Event) -> dict:
    row = asdict(event)
    for key, value in row.items():
        if isinstance(value, date):
            row[key] = value.isoformat()
    return row


def to_csv(events: Iterable[Event], path: str | Path) -> int:
    rows = [_row(e) for e in events]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def to_geojson(events: Iterable[Event], path: str | Path) -> int:
    features = []
    for event in events:
        geometry = None if event.lat is None else {"type": "Point", "coordinates": [event.lon, event.lat]}
        features.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": _row(event)})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
    return len(features)


def to_geopackage(events: Iterable[Event], path: str | Path, layer: str = "events") -> int:
    import geopandas as gpd
    from shapely.geometry import Point

    rows = [_row(e) for e in events if e.lat is not None]
    frame = gpd.GeoDataFrame(rows, columns=COLUMNS,
                             geometry=[Point(r["lon"], r["lat"]) for r in rows], crs="EPSG:4326")
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return len(rows)


def to_jsonl(events: Iterable[Event], path: str | Path) -> int:
    """One ``events extract --json`` object per line, with the event's ``id``, ``place_id`` and
    ``status``: the format ``--events FILE`` of the map commands reads."""
    lines = [json.dumps({**e.to_json(), "id": e.id, "place_id": e.place_id, "status": e.status}, ensure_ascii=False)
             for e in events]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def export(events: Iterable[Event], path: str | Path, fmt: str | None = None) -> int:
    """Write ``events`` to ``path`` in ``fmt`` (else from the suffix); return the count written."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    writers = {"csv": to_csv, "geojson": to_geojson, "json": to_geojson, "gpkg": to_geopackage,
               "jsonl": to_jsonl}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](list(events), path)
