"""Build ocha_communities.csv: OCHA's 5,251 Syrian communities, each linked to the same place
in the GeoNames base or the curated file when there is one.

Run from the repository root:  python data/gazetteer/build_ocha_communities.py

Reads ../shared/sources/ocha-communities-2015/syr_admin4_point.geojson (UN OCHA Syria common
operational dataset, populated places, 2015; CC BY 3.0 IGO; see that folder's README),
geonames_base.csv and curated.csv; rewrites the CSV deterministically (same inputs, same bytes).

Quirks of the source handled here:
- some Arabic names were cut at a fixed byte length upstream: the file is decoded with
  replacement and the replacement characters are dropped, so a field ends where its last whole
  character did;
- two communities merged into one record are written "X - Y" or "X / Y" (Arabic "X_Y"): each part
  is also an alias;
- homonyms within a district carry the district's or subdistrict's name as a suffix
  ("Tal Elthahab Qameshli"): the name without it is an alias ("Tal Elthahab");
- parts of one village are told apart by a qualifier ("Eastern Kwaires", "جب ابيض شمالي"): the
  name without it is an alias too, as the press often drops it;
- OCHA now and then writes an ayn as "gh" ("Bazagha", بزاعة), the letter of the ghain: where the
  Arabic name has an ayn and no ghain, the name with an apostrophe for each "gh" is an alias, so
  the spellings that drop the ayn ("Bazaa") meet it (``ayn_form``);
- OCHA spells with its own convention (Idleb, Dar'a, "El"/"Ej" glued articles, Jeb for Jubb): the
  gazetteer's spelling key (``gazetteer.spelling``) makes other spellings meet, so no press
  spelling is added here.

Linking ("one place, one id"): a community is the same place as a GeoNames or curated settlement
row that lies within a few km (8 km for a village, 12 for a town, 25 for a city) and shares one of
its names, compared by spelling key (Latin) or by folded Arabic script. Each row links to at most
one community, the nearest. A linked community's ``same_as`` names that row; the gazetteer then
loads them as one entry (the row's id and point, OCHA's P-code and names added).
"""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

import settings  # noqa: E402
from gazetteer.normalize import fold_arabic, is_arabic  # noqa: E402
from gazetteer.spelling import arabic_key, latin_key, without_qualifiers  # noqa: E402

SOURCE_PATH = Path("sources") / "ocha-communities-2015" / "syr_admin4_point.geojson"
OUT_PATH = HERE / "ocha_communities.csv"
COLUMNS = ["id", "name", "name_ar", "aliases", "main_aliases", "lat", "lon", "kind", "governorate", "district",
           "district_pcode", "subdistrict", "subdistrict_pcode", "same_as", "source"]
CITATION = "OCHA Syria COD populated places 2015 (HDX, CC BY 3.0 IGO)"

# OCHA admin-1 P-codes to the project's governorate names (those of geonames_base.csv).
GOVERNORATES = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rif Dimashq", "SY04": "Homs", "SY05": "Hama",
    "SY06": "Latakia", "SY07": "Idlib", "SY08": "Al-Hasakah", "SY09": "Deir ez-Zor", "SY10": "Tartus",
    "SY11": "Raqqa", "SY12": "Daraa", "SY13": "As-Suwayda", "SY14": "Quneitra",
}
# Greatest distance (km) between a community's point and the same place's GeoNames/curated point.
LINK_KM = {"village": 8.0, "town": 12.0, "city": 25.0}
SETTLEMENT_KINDS = ("city", "town", "village")
_PART_SPLIT_RE = re.compile(r"\s+-\s+|\s*/\s*")
_ARABIC_PART_SPLIT_RE = re.compile(r"\s*[_/\-]\s*")
# "Biret Armanaz": a word ending in a construct -et/-at binds the next one; not a qualifier.
_CONSTRUCT_RE = re.compile(r"[aeiou]t$", re.IGNORECASE)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def read_communities(path: Path) -> list[dict]:
    """The source's records; truncated Arabic bytes dropped (see the module docstring)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    features = json.loads(text)["features"]
    out = []
    for feature in features:
        props = {k: (v.replace("\ufffd", "").strip() if isinstance(v, str) else v)
                 for k, v in feature["properties"].items()}
        out.append(props)
    return out


def kind_of(props: dict) -> str:
    level = props.get("CAPIT_LVL")
    if level == 0:
        return "city"
    if level == 1:
        # Governorate capitals, but for one record whose name is not its governorate's.
        same = latin_key(props["NAME_EN"]) == latin_key(props["ADMIN1_EN"])
        return "city" if same else "town"
    if level in (2, 3):
        return "town"
    # A nahiya is named after its seat: "Maskana - Onaiza" in Maskana subdistrict is a town.
    names = [props["NAME_EN"], *_PART_SPLIT_RE.split(props["NAME_EN"])]
    if any(latin_key(n) == latin_key(props.get("ADMIN3_EN") or "") for n in names):
        return "town"
    return "village"


def unqualified(name: str, props: dict) -> str | None:
    """The name without a trailing district/subdistrict name that OCHA appends to tell
    homonyms apart ("Akula Qameshli" -> "Akula"), or None."""
    words = name.split()
    for admin in (props.get("ADMIN2_EN") or "", props.get("ADMIN3_EN") or ""):
        admin_key = latin_key(admin)
        if not admin_key:
            continue
        for n in (2, 1):
            if len(words) > n and latin_key(" ".join(words[-n:])) == admin_key \
                    and not _CONSTRUCT_RE.search(words[-n - 1]):
                bare = " ".join(words[:-n]).rstrip(" -")
                # "Led Tal Hmis" stays whole: a short word alone is no name reports use.
                return bare if len(bare) >= 4 else None
    return None


_GH_RE = re.compile("gh", re.IGNORECASE)


def ayn_form(name: str, arabic: str) -> str | None:
    """The name with an apostrophe for a "gh" that renders the Arabic name's ayn, or None: only
    when that name has an ayn and no ghain, so a real ghain ("Ghazal", غزال) keeps its letter."""
    if "gh" not in name.lower() or "ع" not in arabic or "غ" in arabic:
        return None
    return _GH_RE.sub("'", name)


def names_of(props: dict) -> tuple[str, str, list[str], list[str]]:
    """(name, Arabic name, other names, those of them that are the record's own names: the
    parts of a compound record and the name without OCHA's district suffix) of one record."""
    name = re.sub(r"\s+", " ", props["NAME_EN"])
    arabic = re.sub(r"\s+", " ", props.get("NAME_ARA") or "")
    others = []
    reference = re.sub(r"\s+", " ", props.get("NAM_EN_REF") or "")
    if reference and reference != name:
        others.append(reference)
    parts = [p for p in _PART_SPLIT_RE.split(name) if p]
    own = list(parts) if len(parts) > 1 else []
    for form in [name, *parts]:
        bare = unqualified(form, props)
        if bare:
            own.append(bare)
    others += own
    arabic_parts = [p for p in _ARABIC_PART_SPLIT_RE.split(arabic) if p]
    if len(arabic_parts) > 1:
        others += arabic_parts
    # "Eastern Kwaires" is also "Kwaires" (as is its western neighbour: the context decides).
    others += [q for form in (name, *parts, arabic, *arabic_parts) if (q := without_qualifiers(form))]
    others += [a for form in (name, *parts) if (a := ayn_form(form, arabic))]
    seen = {name.casefold(), arabic}
    kept = []
    for other in others:
        if other.casefold() not in seen:
            seen.add(other.casefold())
            kept.append(other)
    return name, arabic, kept, [o for o in dict.fromkeys(own) if o in kept]


def _keys(names: list[str]) -> set[str]:
    out = set()
    for name in names:
        if is_arabic(name):
            out.add("ar:" + fold_arabic(name))
            out.add(arabic_key(name))
        else:
            out.add(latin_key(name))
    return {k for k in out if len(k.removeprefix("ar:")) >= 2}


def read_rows(path: Path, id_column: str = "id") -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def link(records: list[dict], rows: list[dict]) -> dict[int, str]:
    """Community index -> id of the GeoNames/curated row that is the same place."""
    targets = []
    for row in rows:
        if row.get("kind") not in SETTLEMENT_KINDS or (row.get("country") or "SY") != "SY":
            continue
        names = [row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)]
        if row.get("geonames_name"):
            names.append(row["geonames_name"])
        targets.append((row["id"], float(row["lat"]), float(row["lon"]), row["kind"], _keys(names)))
    claims: dict[str, tuple[float, int]] = {}
    for number, record in enumerate(records):
        keys = _keys([record["name"], record["name_ar"], *record["aliases"]])
        best = None
        for target_id, lat, lon, kind, target_keys in targets:
            if abs(lat - record["lat"]) > 0.3 or abs(lon - record["lon"]) > 0.3 or not keys & target_keys:
                continue
            distance = km(lat, lon, record["lat"], record["lon"])
            if distance <= max(LINK_KM[kind], LINK_KM[record["kind"]]) and (best is None or distance < best[0]):
                best = (distance, target_id)
        if best is not None:
            distance, target_id = best
            if target_id not in claims or distance < claims[target_id][0]:
                claims[target_id] = (distance, number)
    return {number: target_id for target_id, (_, number) in claims.items()}


def build(shared_dir: Path) -> list[dict]:
    records = []
    for props in read_communities(shared_dir / SOURCE_PATH):
        name, arabic, aliases, own = names_of(props)
        records.append({
            "id": props["PCODE"], "name": name, "name_ar": arabic, "aliases": aliases, "main_aliases": own,
            "lat": round(float(props["LATITUDE"]), 5), "lon": round(float(props["LONGITUDE"]), 5),
            "kind": kind_of(props), "governorate": GOVERNORATES[props["ADMIN1_COD"]],
            "district": props["ADMIN2_EN"], "district_pcode": props["ADMIN2_COD"],
            "subdistrict": props["ADMIN3_EN"], "subdistrict_pcode": props["ADMIN3_COD"],
        })
    rows = read_rows(HERE / "curated.csv") + read_rows(HERE / "geonames_base.csv")
    links = link(records, rows)
    for number, record in enumerate(records):
        record["same_as"] = links.get(number, "")
        record["source"] = f"{CITATION}, P-code {record['id']}"
    records.sort(key=lambda r: int(r["id"][1:]))
    return records


def write(records: list[dict], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({**record, "aliases": "|".join(record["aliases"]),
                             "main_aliases": "|".join(record["main_aliases"]),
                             "lat": f"{record['lat']:.5f}", "lon": f"{record['lon']:.5f}"})


def main() -> None:
    if settings.SHARED_DIR is None:
        sys.exit("../shared/sources not found (set FRONTLINE_SHARED)")
    records = build(settings.SHARED_DIR)
    write(records, OUT_PATH)
    linked = sum(1 for r in records if r["same_as"])
    print(f"wrote {OUT_PATH.name}: {len(records)} communities, {linked} linked to GeoNames/curated rows")


if __name__ == "__main__":
    main()
