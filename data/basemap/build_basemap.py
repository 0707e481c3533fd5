"""Derive the base-map GeoJSON (Syria's outline, its neighbours, rivers, the land around) from Natural Earth.

Run from the repository root:  python data/basemap/build_basemap.py

Rebuilding needs npm, node and the network (to fetch the two npm packages named below);
the app and the tests only read the committed GeoJSON. Coordinates are WGS84 (lon, lat),
rounded to 5 decimals, features sorted by name, so a rebuild gives the same bytes.
"""
from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import Point, box, mapping
from shapely.ops import linemerge

OUT_DIR = Path(__file__).resolve().parent

WORLD_ATLAS = "world-atlas@2.0.2"
PLOTLY = "plotly.js@4.1.1"
# (lon_min, lat_min, lon_max, lat_max): Syria with a margin wide enough for the Iraqi and
# Turkish theatres of the same campaigns; anything outside is cut to keep the files small.
FRAME = (33.0, 29.0, 45.0, 40.0)
# The land drawn around FRAME (coarser, Natural Earth 1:50m), so that the map has no edge within
# the views the dashboard allows (its pan bounds are this frame).
CONTEXT_FRAME = (20.0, 18.0, 60.0, 48.0)
CONTEXT_SIMPLIFY_DEG = 0.01
CONTEXT_DECIMALS = 3
SYRIA_ISO_N3 = "760"
COORD_DECIMALS = 5
# River-to-town distances are measured in this equal-area projection centred on Syria (metres).
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"

# Natural Earth's 50m river segments carry no names. A connected chain of segments gets a
# river's name when it passes within RIVER_NAMING_RADIUS_KM of that river's towns (lat, lon).
RIVER_NAMING_RADIUS_KM = 10.0
# Segments of one river sometimes stop up to ~100 m short of the next; they still chain.
RIVER_GAP_DEG = 0.001
RIVER_REFERENCE_POINTS = {
    "Euphrates": {"Raqqa": (35.95, 39.01), "Deir ez-Zor": (35.34, 40.14), "Abu Kamal": (34.45, 40.92)},
    "Tigris": {"Mosul": (36.34, 43.13), "Baghdad": (33.31, 44.36)},
    "Jordan": {"Allenby Bridge": (31.87, 35.54)},
}


def npm_pack(spec: str, workdir: Path) -> Path:
    """Fetch an npm package tarball with `npm pack` and unpack it; return its `package/` dir."""
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    target = workdir / spec.split("@")[0].replace("/", "_")
    with tarfile.open(workdir / out) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def plotly_world_50m(package: Path, out_path: Path) -> Path:
    """Write the `world_50m` TopoJSON held in plotly's geo-assets bundle to out_path.

    The bundle is a UMD module that also assigns `window.Plotly`, so node needs a stand-in window.
    """
    script = (
        "globalThis.window = {};"
        "const assets = require(process.argv[1]);"
        "require('fs').writeFileSync(process.argv[2], JSON.stringify(assets.topojson.world_50m));"
    )
    subprocess.run(["node", "-e", script, str(package / "dist" / "plotly-geo-assets.js"), str(out_path)],
                   check=True)
    return out_path


def read_topojson(path: Path, layer: str) -> gpd.GeoDataFrame:
    """A TopoJSON layer as a GeoDataFrame in WGS84 (TopoJSON declares no CRS)."""
    return gpd.read_file(path, layer=layer).set_crs(4326)


def rounded(geom, decimals: int = COORD_DECIMALS) -> dict:
    """GeoJSON geometry with coordinates snapped to the output grid, still valid."""
    snapped = shapely.set_precision(geom, 10 ** -decimals)

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(c, decimals) for c in coords]
        return [walk(c) for c in coords]

    as_dict = mapping(snapped)
    return {"type": as_dict["type"], "coordinates": walk(as_dict["coordinates"])}


def write_geojson(path: Path, features: list[tuple[dict, object]], decimals: int = COORD_DECIMALS) -> None:
    """Write (properties, geometry) pairs as a FeatureCollection, one feature per line, sorted by name."""
    lines = [
        json.dumps({"type": "Feature", "properties": props, "geometry": rounded(geom, decimals)},
                   ensure_ascii=False, separators=(",", ":"))
        for props, geom in sorted(features, key=lambda f: (f[0]["name"], f[0].get("iso_n3", ""), f[1].bounds))
    ]
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
                    encoding="utf-8")


def polygonal(geom):
    """The polygon parts of a clipped shape (clipping can leave slivers of line along the frame)."""
    polygons = [p for p in shapely.get_parts(shapely.make_valid(geom)) if p.geom_type == "Polygon"]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def country_features(countries: gpd.GeoDataFrame) -> tuple[list, list]:
    """Syria's outline whole, and every other country clipped to FRAME."""
    frame = box(*FRAME)
    syria = countries[countries["id"] == SYRIA_ISO_N3]
    if len(syria) != 1 or not syria.geometry.iloc[0].is_valid:
        raise ValueError("countries-10m.json should hold one valid Syria (id 760)")
    syria_features = [({"name": "Syria", "iso_n3": SYRIA_ISO_N3}, syria.geometry.iloc[0])]
    neighbours = []
    for _, row in countries[countries["id"] != SYRIA_ISO_N3].iterrows():
        clipped = row.geometry.intersection(frame)
        if clipped.is_empty or clipped.area == 0:
            continue
        # Some territories (N. Cyprus, Akrotiri...) have no ISO code in Natural Earth.
        iso_n3 = row["id"] if isinstance(row["id"], str) else ""
        neighbours.append(({"name": row["name"], "iso_n3": iso_n3}, polygonal(clipped)))
    return syria_features, neighbours


def context_features(land: gpd.GeoDataFrame) -> list:
    """The land within CONTEXT_FRAME but outside FRAME, as one simplified feature."""
    wide, frame = box(*CONTEXT_FRAME), box(*FRAME)
    parts = [shapely.make_valid(part) for geom in land.geometry for part in shapely.get_parts(geom)]
    around = shapely.union_all([part.intersection(wide) for part in parts if part.intersects(wide)])
    simplified = shapely.make_valid(around.difference(frame).simplify(CONTEXT_SIMPLIFY_DEG))
    return [({"name": "land"}, polygonal(simplified))]


def chains(lines: list) -> list:
    """Group line segments into chains of segments that touch, or nearly (RIVER_GAP_DEG)."""
    groups: list[list] = []
    for line in lines:
        touching = [g for g in groups if any(line.distance(other) <= RIVER_GAP_DEG for other in g)]
        merged = [line] + [seg for g in touching for seg in g]
        groups = [g for g in groups if not any(g is t for t in touching)] + [merged]
    return groups


def river_name(chain_geom_m, reference_points_m: dict) -> str:
    """The river whose reference towns all lie near this chain, or '' when none does."""
    names = [
        river for river, points in reference_points_m.items()
        if all(chain_geom_m.distance(p) <= RIVER_NAMING_RADIUS_KM * 1000 for p in points)
    ]
    if len(names) > 1:
        raise ValueError(f"a river chain matches several names: {names}")
    return names[0] if names else ""


def river_features(rivers: gpd.GeoDataFrame) -> list:
    """Natural Earth river segments touching FRAME, clipped to it and grouped per river."""
    frame = box(*FRAME)
    in_frame = [g.intersection(frame) for g in rivers.geometry if g.intersects(frame)]
    segments = [part for g in in_frame for part in getattr(g, "geoms", [g]) if part.length > 0]
    reference_points_m = {
        river: list(gpd.GeoSeries([Point(lon, lat) for lat, lon in towns.values()], crs=4326)
                    .to_crs(LAEA_SYRIA))
        for river, towns in RIVER_REFERENCE_POINTS.items()
    }
    features = []
    for chain in chains(segments):
        geom = linemerge(shapely.MultiLineString(chain))
        geom_m = gpd.GeoSeries([geom], crs=4326).to_crs(LAEA_SYRIA).iloc[0]
        features.append(({"name": river_name(geom_m, reference_points_m)}, geom))
    return features


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        atlas = npm_pack(WORLD_ATLAS, workdir)
        plotly = npm_pack(PLOTLY, workdir)
        countries = read_topojson(atlas / "countries-10m.json", "countries")
        world_50m = plotly_world_50m(plotly, workdir / "world_50m.json")
        rivers = read_topojson(world_50m, "rivers")
        syria, neighbours = country_features(countries)
        write_geojson(OUT_DIR / "syria.geojson", syria)
        write_geojson(OUT_DIR / "neighbours.geojson", neighbours)
        write_geojson(OUT_DIR / "rivers.geojson", river_features(rivers))
        land = read_topojson(atlas / "land-50m.json", "land")
        write_geojson(OUT_DIR / "context.geojson", context_features(land), decimals=CONTEXT_DECIMALS)
    for name in ("syria", "neighbours", "rivers", "context"):
        path = OUT_DIR / f"{name}.geojson"
        print(f"{path.relative_to(OUT_DIR.parent.parent)}: {len(gpd.read_file(path))} features, "
              f"{path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
