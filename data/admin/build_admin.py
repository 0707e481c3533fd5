"""Build Syria's administrative areas: simplified GeoJSON polygons and the areas' gazetteer rows.

Run from the repository root:  python data/admin/build_admin.py

Reads ../shared/sources/ocha-admin-2020/ (UN OCHA Syria COD-AB, valid on 2020-12-17, CC BY 3.0
IGO: the shapefiles of governorates, districts, subdistricts and city neighbourhoods) and
../shared/sources/opensyria/ (OpenSyria data-geography, CC BY 4.0: other spellings of the
governorates', districts' and subdistricts' names), and writes, deterministically:

- governorates.geojson, districts.geojson, subdistricts.geojson, neighbourhoods.geojson: one
  Feature per area, properties ``pcode, name, name_ar, level, parent_pcode, governorate,
  area_km2, lat, lon, radius_km``;
- areas.csv: the same areas as gazetteer rows (with their aliases), and the 15 named areas of
  Damascus city that group its neighbourhoods (Jobar, Qaboun, Barzeh...).

Simplification: the subdistricts are simplified together as one coverage (shapely's
``coverage_simplify``, tolerance ``SUBDISTRICT_TOLERANCE_DEG``), so neighbours keep one shared
border with no gap or overlap; districts and governorates are the unions of their simplified
subdistricts, so the three levels nest exactly. Neighbourhoods are simplified the same way with a
finer tolerance. Coordinates are rounded to ``DECIMALS`` decimals (~10 m).

``lat, lon`` is a representative point (the centroid when it lies inside the area, else a point
inside it); ``radius_km`` the radius of a circle of the same area, used by the gazetteer as the
uncertainty of a mention of the whole area.
"""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import mapping

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

import settings  # noqa: E402

ADMIN_DIR = Path("sources") / "ocha-admin-2020"
OPENSYRIA_DIR = Path("sources") / "opensyria"
SUBDISTRICT_TOLERANCE_DEG = 0.005
NEIGHBOURHOOD_TOLERANCE_DEG = 0.0004
DECIMALS = 4
# Equal-area projection centred on Syria, for areas (km²).
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
CITATION_OCHA = "OCHA Syria COD-AB 2020-12-17 (HDX, CC BY 3.0 IGO)"
CITATION_OPENSYRIA = "OpenSyria data-geography (CC BY 4.0)"
CSV_COLUMNS = ["pcode", "level", "name", "name_ar", "aliases", "parent_pcode", "governorate", "enclosed_by", "lat",
               "lon", "radius_km", "area_km2", "same_as", "source"]
# The project's governorate names (as in the GeoNames base) and the curated row of each.
GOVERNORATES = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rif Dimashq", "SY04": "Homs", "SY05": "Hama",
    "SY06": "Latakia", "SY07": "Idlib", "SY08": "Al-Hasakah", "SY09": "Deir ez-Zor", "SY10": "Tartus",
    "SY11": "Raqqa", "SY12": "Daraa", "SY13": "As-Suwayda", "SY14": "Quneitra",
}
# OpenSyria's all-lower-case machine romanisations ("nahyt mrkz alhskt") are not names.
_MACHINE_ROMANISATION_RE = re.compile(r"^[a-z ]+$")


# OCHA's neighbourhood names that wrap the quarter's own name: "X Industrial District" (once misspelt
# "Indusrtial"), "Mokhayam X" (Arabic for "X camp"), "A / B" (two quarters under one polygon).
_INDUSTRIAL_DISTRICT_RE = re.compile(r"^(?P<name>.+?)\s+Indu[a-z]*ial\s+District$", re.IGNORECASE)
_CAMP_RE = re.compile(r"^Mokhayam\s+(?P<name>.+)$", re.IGNORECASE)
_COMPOSITE_RE = re.compile(r"\s*/\s*")


def neighbourhood_aliases(name: str) -> list[str]:
    """The names a report uses for a neighbourhood whose OCHA name wraps them: the quarter's
    name alone and spelled-out descriptor ("Ar-Ramouseh Indusrtial District" -> "Ar-Ramouseh",
    "Ar-Ramouseh Industrial District"; "Mokhayam Handarat" -> "Handarat camp"), and each half of
    a name for two quarters ("Beit Meheb / Jdeydeh" -> "Beit Meheb", "Jdeydeh")."""
    out = []
    if m := _INDUSTRIAL_DISTRICT_RE.match(name):
        out += [m["name"], f"{m['name']} Industrial District"]
    if m := _CAMP_RE.match(name):
        out += [f"{m['name']} camp", f"{m['name']} refugee camp"]
    parts = _COMPOSITE_RE.split(name)
    if len(parts) > 1 and all(len(re.sub(r"[^A-Za-z]", "", part)) >= 4 for part in parts):
        out += parts
    return [a for a in dict.fromkeys(out) if a != name]


def curated_governorate_id(name: str) -> str:
    return "cu:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + "-governorate"


def opensyria_aliases(folder: Path) -> dict[str, list[str]]:
    """OCHA P-code -> OpenSyria's other names of that area (English and Arabic)."""
    out: dict[str, list[str]] = {}
    for file_name in ("governorates.json", "districts.json", "subdistricts.json"):
        for item in json.loads((folder / file_name).read_text(encoding="utf-8")):
            pcode = (item.get("externalIds") or {}).get("ochaPcode")
            if not pcode:
                continue
            names = [item["name"].get("en", ""), item["name"].get("ar", "")]
            names += [a["value"] for a in item.get("aliases", [])]
            out[pcode] = [n.strip() for n in names if n and n.strip() and not _MACHINE_ROMANISATION_RE.match(n)]
    return out


def _rounded(geometry):
    return shapely.set_precision(geometry, 10 ** -DECIMALS)


def _point_and_radius(geometry, area_km2: float) -> tuple[float, float, float]:
    point = geometry.centroid
    if not geometry.contains(point):
        point = geometry.representative_point()
    return round(point.y, 5), round(point.x, 5), round(math.sqrt(area_km2 / math.pi), 1)


def _areas_km2(geometries) -> list[float]:
    projected = gpd.GeoSeries(list(geometries), crs="EPSG:4326").to_crs(LAEA_SYRIA)
    return [round(a / 1e6, 1) for a in projected.area]


def _lines(value: str) -> list[str]:
    """The distinct lines of a name field: one OCHA neighbourhood's Arabic name is its name
    three times over, on three lines."""
    return list(dict.fromkeys(line.strip() for line in value.splitlines() if line.strip()))


def _records(level: str, frame, pcode_col: str, name_col: str, name_ar_col: str, parent_col: str | None,
             geometries, aliases: dict[str, list[str]]) -> list[dict]:
    out = []
    areas = _areas_km2(geometries)
    for (_, row), geometry, area in zip(frame.iterrows(), geometries, areas):
        pcode = row[pcode_col]
        governorate_pcode = row["adm1_pcode"] if "adm1_pcode" in row else pcode
        lat, lon, radius = _point_and_radius(geometry, area)
        name, *more = _lines(row[name_col])
        name_ar, *more_ar = _lines(row[name_ar_col] or "") or [""]
        derived = neighbourhood_aliases(name) if level == "neighbourhood" else []
        extra = [a for a in [*more, *more_ar, *aliases.get(pcode, []), *derived]
                 if a.casefold() not in (name.casefold(), name_ar)]
        out.append({
            "pcode": pcode, "level": level, "name": name, "name_ar": name_ar,
            "aliases": list(dict.fromkeys(extra)), "parent_pcode": row[parent_col] if parent_col else "SY",
            "governorate": GOVERNORATES[governorate_pcode], "lat": lat, "lon": lon, "radius_km": radius,
            "area_km2": area, "geometry": geometry,
            "same_as": curated_governorate_id(GOVERNORATES[pcode]) if level == "governorate" else "",
            "source": f"{CITATION_OCHA}, P-code {pcode}" + (f"; names also {CITATION_OPENSYRIA}" if set(extra) - set(derived) else "")
            + ("; names also from OCHA's own name" if derived else ""),
        })
    return out


def build(shared_dir: Path) -> dict[str, list[dict]]:
    admin = shared_dir / ADMIN_DIR
    aliases = opensyria_aliases(shared_dir / OPENSYRIA_DIR)
    sub = gpd.read_file(admin / "syr_admin3.shp").sort_values("adm3_pcode").reset_index(drop=True)
    simplified = shapely.coverage_simplify(sub.geometry.values, SUBDISTRICT_TOLERANCE_DEG)
    sub_geoms = [_rounded(shapely.make_valid(g)) for g in simplified]
    levels = {"subdistrict": _records("subdistrict", sub, "adm3_pcode", "adm3_name", "adm3_name1", "adm2_pcode",
                                      sub_geoms, aliases)}
    dist = gpd.read_file(admin / "syr_admin2.shp").sort_values("adm2_pcode").reset_index(drop=True)
    dist_geoms = [_rounded(shapely.union_all([g for g, p in zip(sub_geoms, sub["adm2_pcode"]) if p == code]))
                  for code in dist["adm2_pcode"]]
    levels["district"] = _records("district", dist, "adm2_pcode", "adm2_name", "adm2_name1", "adm1_pcode",
                                  dist_geoms, aliases)
    gov = gpd.read_file(admin / "syr_admin1.shp").sort_values("adm1_pcode").reset_index(drop=True)
    gov_geoms = [_rounded(shapely.union_all([g for g, p in zip(sub_geoms, sub["adm1_pcode"]) if p == code]))
                 for code in gov["adm1_pcode"]]
    levels["governorate"] = _records("governorate", gov, "adm1_pcode", "adm1_name", "adm1_name1", None,
                                     gov_geoms, aliases)
    hood = gpd.read_file(admin / "syr_neighborhoods.shp").sort_values("neighbor_2").reset_index(drop=True)
    hood_geoms = [_rounded(shapely.make_valid(g)) for g in
                  shapely.coverage_simplify(hood.geometry.values, NEIGHBOURHOOD_TOLERANCE_DEG)]
    levels["neighbourhood"] = _records("neighbourhood", hood, "neighbor_2", "neighborho", "neighbor_1", "adm4_pcode",
                                       hood_geoms, {})
    levels["city_area"] = _city_areas(hood, hood_geoms)
    for level in ("governorate", "district", "subdistrict"):
        _mark_enclaves(levels[level])
    return levels


def _mark_enclaves(records: list[dict]) -> None:
    """``enclosed_by``: the P-code of the area of the same level whose outline (holes filled)
    holds an area's representative point, the area around an enclave (Rif Dimashq around
    Damascus); "" for the others."""
    for record in records:
        point = shapely.Point(record["lon"], record["lat"])
        around = [other["pcode"] for other in records if other is not record and any(
            shapely.Polygon(part.exterior).covers(point) for part in getattr(other["geometry"], "geoms", [other["geometry"]]))]
        record["enclosed_by"] = around[0] if around else ""


def _city_areas(hood, geometries) -> list[dict]:
    """Damascus's named areas (Jobar, Qaboun...), each the union of its neighbourhoods."""
    groups: dict[str, list] = {}
    for (_, row), geometry in zip(hood.iterrows(), geometries):
        name = row["areaname_e"]
        if row["adm4_pcode"] == "C1001" and isinstance(name, str) and name and name != "<Null>":
            groups.setdefault(row["areapcode"], [row, []])[1].append(geometry)
    out = []
    frame_rows = []
    unions = []
    for code in sorted(groups):
        row, parts = groups[code]
        frame_rows.append(row)
        unions.append(_rounded(shapely.union_all(parts)))
    frame = gpd.GeoDataFrame(frame_rows).reset_index(drop=True) if frame_rows else None
    if frame is not None:
        for record in _records("neighbourhood", frame, "areapcode", "areaname_e", "areaname_a", "adm4_pcode",
                               unions, {}):
            record["pcode"] = f"C1001-{record['pcode']}"  # the area codes are Damascus's own
            out.append(record)
    return out


def write_geojson(records: list[dict], path: Path) -> None:
    features = []
    for r in records:
        properties = {k: r[k] for k in ("pcode", "name", "name_ar", "level", "parent_pcode", "governorate",
                                        "area_km2", "lat", "lon", "radius_km")}
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(r["geometry"])})
    collection = {"type": "FeatureCollection",
                  "source": f"{CITATION_OCHA}; simplified, see data/admin/README.md", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(_round_numbers(text) + "\n", encoding="utf-8")


def _round_numbers(text: str) -> str:
    """set_precision leaves float noise (36.30000000000001) in the JSON: print DECIMALS digits."""
    return re.sub(r"-?\d+\.\d{6,}", lambda m: f"{float(m.group()):.{DECIMALS}f}".rstrip("0").rstrip("."), text)


def write_csv(records: list[dict], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "aliases": "|".join(r["aliases"])})


def main() -> None:
    if settings.SHARED_DIR is None:
        sys.exit("../shared/sources not found (set FRONTLINE_SHARED)")
    levels = build(settings.SHARED_DIR)
    for level, file_name in (("governorate", "governorates"), ("district", "districts"),
                             ("subdistrict", "subdistricts"), ("neighbourhood", "neighbourhoods")):
        write_geojson(levels[level], HERE / f"{file_name}.geojson")
    rows = levels["governorate"] + levels["district"] + levels["subdistrict"] + levels["neighbourhood"] + levels["city_area"]
    write_csv(rows, HERE / "areas.csv")
    print(", ".join(f"{len(v)} {k}" for k, v in levels.items()))


if __name__ == "__main__":
    main()
