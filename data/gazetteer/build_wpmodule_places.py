"""Build wpmodule_places.csv: the map markers of Wikipedia's 2017 war map as gazetteer rows.

Run from the repository root:  python data/gazetteer/build_wpmodule_places.py

Reads wpmodule_markers.csv (the transcription, see README.md), the other static sources
(curated, GeoNames, OCHA: to link a marker to the same place there), ``../admin`` (which
governorate holds a point) and ``../basemap/syria.geojson`` (Syria's outline); rewrites the
CSV deterministically (same inputs, same bytes).

- A marker is kept when its point and label are readable and it lies in Syria or within
  ``BORDER_KM`` of its outline; the module's route icons and minimap entries never reach the
  transcription, and its battle icons (an image file such as "Rif Damashq.svg" as the mark)
  are left out: they are drawn beside a city, not on it (the dam icons, "BSicon ...", are
  on their dams). Markers of one label within ``DUPLICATE_KM`` of each other are one place
  (the module repeats towns on its overlays); the first is kept.
- Kind from the marker type: ``*_hill`` a hill, bases, air fields, helipads, naval bases,
  oil and gas fields, industry, dams (the ``BSicon`` water icons) and border crossings
  (``pass_*``) sites, every faction's plain marker
  a village (the module marks towns and villages so). Uncertainty: ``UNCERTAINTY_KM``.
- One place, one id: a marker whose label is a name of a curated, GeoNames or OCHA row within
  ``LINK_KM`` of its point (as written, articles aside, else by spelling key) is that place:
  ``same_as`` names the row (the gazetteer then adds the label as an alias, not a main name,
  and marks the place as on the war map), and the marker adds no place of its own.
- A new place whose label is a name and a facility or quarter word ("X Army Base", "X Grain
  Silos", "X district") has that name as an alias, as written, when no other place of the
  name lies within ``ALIAS_FREE_KM`` (``facility_alias``).
- ``generic`` is 1 for a label made only of ordinary English words ("Communication Tower",
  "Old City", "Driving School"): a real place, but a name a report may write for another one,
  so the gazetteer answers it only near the report's other places (``gazetteer.context``).
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
from gazetteer import areas  # noqa: E402
from gazetteer.normalize import fold, strip_articles  # noqa: E402
from gazetteer.sources import CsvSource, load_entries  # noqa: E402
from gazetteer.spelling import spelling_key  # noqa: E402

MARKERS_PATH = HERE / "wpmodule_markers.csv"
OUT_PATH = HERE / "wpmodule_places.csv"
COLUMNS = ["id", "name", "aliases", "lat", "lon", "kind", "governorate", "uncertainty_km", "generic",
           "wpmodule", "war_history", "same_as", "source"]
CITATION = ("Wikipedia, Module:Syrian Civil War detailed map (c. July 2017; CC BY-SA 3.0), public copy "
            "MASangys/wikipedia.zh@8813365 Page/模块:Syrian_Civil_War_detailed_map.md, page offset {offset}")
BORDER_KM = 20.0
DUPLICATE_KM = 3.0
# A marker and a row of another source sharing a name are one place this close (km), by the
# row's kind: a town's marker may sit on its centre or on its edge.
LINK_KM = {"city": 25.0, "town": 12.0, "village": 8.0, "district": 4.0, "site": 6.0, "hill": 6.0,
           "area": 8.0, "region": 8.0}
# Marker precision is 3-4 decimals (100-10 m); the radius is the feature's extent.
UNCERTAINTY_KM = {"village": 2.5, "site": 3.0, "oil": 6.0, "hill": 4.0}

# Ordinary English words of the module's labels (its sites: "Artillery Regiment", "Grain
# Silos"): a label made only of these (and directions, articles, "and") names a kind of
# place, not one place. Words of place names that are also English ("Tower" of "Tower
# Hill") make no difference: such a label has another word.
ENGLISH = frozenset("""
a an and the of on to at in by for with new old big little great small upper lower middle central
first second third north south east west northern southern eastern western northeast northwest
southeast southwest
academy agricultural air airbase airfield airport airstrip ammunition ancient area army armoured
armored artillery bakery barracks barrier base battalion bridge brigade building buildings bypass
camp castle cement cemetery center centre checkpoint church citadel city club college command
communication communications company complex cotton court crossing crossroad crossroads dam
defence defense defensive depot desert district division driving electric electrical electricity
engineering factories factory facility farm farms field fields force forces fortification
fortified fuel fueling garage garages garden gardens gas gate gathering grain grid guard hall
headquarters helicopter helipad highway hill hills hospital hotel houses housing industrial
industry institute intelligence international junction lake market military mill mills missile
mosque mount mountain mountains national naval office officers oil palace panorama park petrol
pipeline plain plant point police port position post poultry power prison processing production
pumping quarries quarry quarter radar radio railway research reservoir ring road roundabout
school scientific security silo silos site special spring square stadium station storage
sub substation sugar summit tank technical thermal tower train training treatment university
valley vanguards vehicle villa village wall ward warehouse warehouses water weapons workshop
workshops zone sawmills fabric armenian christian russian turkish syrian iranian kurdish free
republican guards tunnel tunnels wells well
""".split())
_WORD_RE = re.compile(r"[^\W\d_]+")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def kind_of(mark: str) -> tuple[str, float]:
    """(kind, uncertainty km) of a marker type (module docstring)."""
    m = mark.lower()
    if m.endswith("_hill"):
        return "hill", UNCERTAINTY_KM["hill"]
    if m.endswith(("_oil", "_gas")):
        return "site", UNCERTAINTY_KM["oil"]
    if m.endswith(("_base", "_air", "_heli", "_naval", "_industry")) or m.startswith(("bsicon", "pass_")):
        return "site", UNCERTAINTY_KM["site"]
    return "village", UNCERTAINTY_KM["village"]


def is_generic(label: str) -> bool:
    """A label of ordinary English words only (module docstring); one with a number names
    one place ("Brigade 47", "T-4")."""
    if any(c.isdigit() for c in label):
        return False
    words = _WORD_RE.findall(fold(label))
    return bool(words) and all(w in ENGLISH for w in words)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class Outline:
    """Whether a point is in Syria or within ``BORDER_KM`` of it."""

    def __init__(self) -> None:
        from shapely.geometry import shape
        data = json.loads((settings.DATA_DIR / "basemap" / "syria.geojson").read_text(encoding="utf-8"))
        self.shape = shape(data["features"][0]["geometry"])

    def near(self, lat: float, lon: float) -> bool:
        from shapely.geometry import Point
        point = Point(lon, lat)
        if self.shape.covers(point):
            return True
        # Degrees to km: a degree of latitude is 111 km; of longitude, cos(lat) of that.
        deg = self.shape.distance(point)
        return deg * 111.2 * math.cos(math.radians(lat)) <= BORDER_KM


def read_markers() -> list[dict]:
    with open(MARKERS_PATH, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def usable(markers: list[dict], outline: Outline) -> list[dict]:
    """Readable markers in Syria (or close to it), one per label and spot, with kind and point."""
    out: list[dict] = []
    seen: dict[str, list[dict]] = {}
    for row in markers:
        label = row["label"].strip()
        lat, lon = _number(row["lat"]), _number(row["lon"])
        if not label or "?" in label or lat is None or lon is None or not outline.near(lat, lon):
            continue
        if row["mark"].lower().endswith(".svg") and not row["mark"].lower().startswith("bsicon"):
            continue  # a battle icon beside its city
        key = fold(label)
        kept = next((m for m in seen.get(key, ()) if km(lat, lon, m["lat"], m["lon"]) <= DUPLICATE_KM), None)
        if kept is not None:  # a repeat: its link may still tell the place's war history
            kept["war_history"] = kept["war_history"] or tells_war_history(row["article"])
            continue
        kind, uncertainty = kind_of(row["mark"])
        marker = dict(label=label, lat=lat, lon=lon, kind=kind, uncertainty_km=uncertainty,
                      mark=row["mark"], offset=row["offset"], war_history=tells_war_history(row["article"]))
        seen.setdefault(key, []).append(marker)
        out.append(marker)
    return out


def tells_war_history(article: str) -> bool:
    """Whether a marker links to a section of an article (its account in "Cities and towns
    during the Syrian Civil War", an offensive's, the town's own "civil war" section): the
    map's editors wrote up the fighting there. A link to a page of its own (most markers'
    label) or to an anchor of no page says nothing of the sort."""
    page, _, section = (article or "").partition("#")
    return bool(page.strip() and section.strip()) and not page.startswith("Talk:")


def other_entries():
    folder = settings.DATA_DIR / "gazetteer"
    return load_entries([
        CsvSource(folder / "curated.csv", "curated", "cu:"),
        CsvSource(folder / "geonames_base.csv", "geonames", "gn:"),
        CsvSource(folder / "ocha_communities.csv", "ocha", "oc:"),
    ])


def key_table(entries) -> tuple[dict[str, list], dict[str, list]]:
    """Entries by the article-free folded form and by the spelling key of each of their names."""
    by_name: dict[str, list] = {}
    by_key: dict[str, list] = {}
    for entry in entries:
        for name in dict.fromkeys(entry.names):
            by_name.setdefault(strip_articles(fold(name)), []).append(entry)
            key = spelling_key(name)
            if key:
                by_key.setdefault(key, []).append(entry)
    return by_name, by_key


def linked(marker: dict, tables: tuple[dict[str, list], dict[str, list]]):
    """The entry of another source that is the marker's place, or None: the nearest within
    ``LINK_KM`` that has the label as a name, else the nearest that has it by spelling key
    (the key is loose: "Tuba" and "Dabaa" share one, so a name as written comes first)."""
    by_name, by_key = tables
    for table, form in ((by_name, strip_articles(fold(marker["label"]))), (by_key, spelling_key(marker["label"]))):
        near = [(km(marker["lat"], marker["lon"], e.lat, e.lon), e.id, e) for e in table.get(form, ())]
        near = [(d, i, e) for d, i, e in near if d <= LINK_KM.get(e.kind, 4.0)]
        if near:
            return min(near)[2]
    return None


# The facility words after a place's name that make a base, an air field or silos of it
# ("X Army Base", "X Airbase", "X Grain Silos"; the ordinary words between go too); these and
# the quarter words ("X district") leave the place's name as an alias.
FACILITY_WORDS = frozenset({"base", "military base", "barracks", "garrison", "airbase", "air base", "airport",
                            "military airport", "military airbase", "airfield", "air field", "silos", "silo",
                            "grain silos"})
_PLAIN_FACILITY = {"base": "base", "air": "airbase", "silo": "silos"}
_UNIT_WORDS = frozenset({"brigade", "regiment", "battalion", "division", "corps"})
# Words of the war map's facility labels that are no place's name either ("Signal army base").
_PLAIN_WORDS = frozenset("""abandoned signal electronic camel munitions""".split())
# A facility's place name is its bare alias only if no other place of that name lies this near:
# else a report's bare name means that place (the village the base is named after).
ALIAS_FREE_KM = 15.0


def facility_alias(marker: dict, tables: tuple[dict[str, list], dict[str, list]], markers: dict[str, list]) -> str:
    """The name of a place the marker's label gives with a facility or quarter word after it
    ("Rahbat al-Jandoul Army Base", "ar-Rafiqah district"), as written, when no other place
    (of another source or of the war map) of that name lies within ``ALIAS_FREE_KM``: a
    report calls the base by that name alone ("X"). For a base, an air field or silos, also
    the name and the plain word ("X base", "X airbase", "X silos"). Else ""."""
    from gazetteer.descriptors import split_suffix
    words = marker["label"].split()
    tokens = tuple(fold(marker["label"]).split())
    if len(tokens) != len(words):
        return ""
    core, descriptor, n = split_suffix(tokens)
    if descriptor is None or not (" ".join(tokens[-n:]) in FACILITY_WORDS or descriptor.family == "district"):
        return ""
    lead = 0
    while lead < len(core) and core[lead] in _PLAIN_WORDS:
        lead += 1
    ordinary = ENGLISH | _PLAIN_WORDS | _UNIT_WORDS
    while len(core) > lead and core[-1] in ordinary:
        if core[-1] in _UNIT_WORDS:
            return ""  # a base named after a unit ("Badr Brigade Base"), not after a place
        core = core[:-1]
    alias, core = " ".join(words[lead:len(core)]), core[lead:]
    if (not core or all(w in ordinary for w in core) or len(re.sub(r"\W", "", alias)) < 4
            or re.search(r"[\d()&/]|\b[A-Z]{2,}\b", alias)):
        return ""
    by_name, by_key = tables
    bare, key = strip_articles(fold(alias)), spelling_key(alias)
    rivals = [(e.lat, e.lon) for e in by_name.get(bare, []) + (by_key.get(key, []) if key else [])]
    rivals += [(m["lat"], m["lon"]) for m in markers.get(bare, ()) if m is not marker]
    if any(km(marker["lat"], marker["lon"], lat, lon) <= ALIAS_FREE_KM for lat, lon in rivals):
        return ""
    # Found as written only (README): "the X base" needs the name with the plain word too.
    plain = _PLAIN_FACILITY.get(descriptor.group)
    return f"{alias}|{alias} {plain}" if plain else alias


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def build() -> list[dict]:
    outline = Outline()
    table = key_table(other_entries())
    rows, ids = [], set()
    kept = usable(read_markers(), outline)
    by_label: dict[str, list] = {}
    for marker in kept:
        by_label.setdefault(strip_articles(fold(marker["label"])), []).append(marker)
    for marker in kept:
        target = linked(marker, table)
        alias = facility_alias(marker, table, by_label) if target is None else ""
        found = areas.area_at(marker["lat"], marker["lon"], "governorate")
        row_id = base = f"wm:{slug(marker['label'])}"
        n = 2
        while row_id in ids:
            row_id, n = f"{base}-{n}", n + 1
        ids.add(row_id)
        rows.append(dict(
            id=row_id, name=marker["label"], aliases=alias, lat=f"{marker['lat']:.5f}".rstrip("0").rstrip("."),
            lon=f"{marker['lon']:.5f}".rstrip("0").rstrip("."), kind=marker["kind"],
            governorate=found.governorate if found else "", uncertainty_km=marker["uncertainty_km"],
            generic=int(target is None and is_generic(marker["label"])), wpmodule=marker["mark"],
            war_history=int(marker["war_history"]), same_as=target.id if target is not None else "",
            source=CITATION.format(offset=marker["offset"]),
        ))
    return rows


def write(rows: list[dict], path: Path = OUT_PATH) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rows = build()
    write(rows)
    new = sum(1 for r in rows if not r["same_as"])
    print(f"{OUT_PATH.name}: {len(rows)} markers, {len(rows) - new} linked to a place already known, "
          f"{new} new places ({sum(r['generic'] for r in rows)} generic labels)")


if __name__ == "__main__":
    main()
