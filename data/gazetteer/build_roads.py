"""Build roads.geojson: the motorways reports name ("the M5", "M4 highway") as lines.

Run from the repository root:  python data/gazetteer/build_roads.py

Reads road_routes.csv (each road's towns in the order it passes them, as gazetteer ids, with
the public sources that name its route) and takes each town's point from the gazetteer's own
rows (GeoNames base, curated): a road is drawn as straight stretches from town to town, which
keeps it within a few km of the real road between towns that lie on it. Writes one LineString
per road, with the road's length and the point of its route nearest the route's centroid
(``middle``: the coordinate its row in curated.csv gives). Same inputs, same bytes.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def _points() -> dict[str, tuple[float, float]]:
    out = {}
    for name in ("curated.csv", "geonames_base.csv"):
        with open(HERE / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                out[row["id"]] = (float(row["lon"]), float(row["lat"]))
    return out


def build(routes_path: Path = HERE / "road_routes.csv") -> dict:
    from gazetteer.lines import Polyline
    points = _points()
    features = []
    with open(routes_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ids = row["waypoints"].split("|")
            missing = [i for i in ids if i not in points]
            if missing:
                raise SystemExit(f"{row['id']}: no row for {', '.join(missing)}")
            line = [[round(points[i][0], 5), round(points[i][1], 5)] for i in ids]
            polyline = Polyline([[tuple(p) for p in line]])
            lat, lon = polyline.middle()
            features.append({"type": "Feature", "properties": {
                "id": row["id"], "name": row["name"], "waypoints": row["waypoints"],
                "length_km": round(polyline.length_km(), 1), "middle": [round(lat, 5), round(lon, 5)]},
                "geometry": {"type": "LineString", "coordinates": line}})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    (HERE / "roads.geojson").write_text(text, encoding="utf-8")
    print(f"wrote {HERE / 'roads.geojson'}")


if __name__ == "__main__":
    main()
