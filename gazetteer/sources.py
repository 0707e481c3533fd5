"""Where gazetteer rows come from: one small interface, one adapter per file.

A source yields ``Entry`` records (a row of the gazetteer with every name it is known by).
The analyst's corrections, the curated sites, the GeoNames base, OCHA's communities, OCHA's
administrative areas and the cache of the online fallback are all CSV files read by the same
adapter; they differ only in their label and default uncertainty. Columns are found by name and
extra columns are kept in ``raw``, so the data files may grow columns without touching this code.

One place, one entry: a row whose ``same_as`` column names another row's id is the same place
from another source (an OCHA community that GeoNames also lists, an OCHA governorate that the
curated file also holds). ``load_entries`` folds it into that row: the row keeps its id (but
for administrative areas, whose id is their P-code as the areas' contract says; the old id
stays findable through ``Gazetteer.by_id``), point and name, and gains the other's P-code and
names. An entry's P-code is ``Entry.pcode`` (``C1234`` for a community, ``SY0203`` for a
district...), also ``Place.pcode``, and a place with one says so in ``Place.source``
("OCHA C1234", "geonames; OCHA C1234").
"""
from __future__ import annotations

import csv
import math
import re
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

from gazetteer.place import KINDS, Place

# Typical radius (km) within which the true place lies when a row states none: a GeoNames
# town point is roughly its centre; sites are known to a few km; regions only roughly.
DEFAULT_UNCERTAINTY_KM = {
    "city": 3.0, "town": 2.0, "village": 2.0, "district": 1.5, "site": 5.0, "hill": 5.0,
    "area": 10.0, "region": 50.0, "governorate": 60.0, "river": 50.0, "subdistrict": 15.0,
    "inferred": 20.0,
}

# Kinds written in data files that are not the Place vocabulary, mapped onto it.
_KIND_ALIASES = {
    "dam": "site", "airbase": "site", "air base": "site", "airport": "site", "base": "site",
    "field": "site", "gas field": "site", "oil field": "site", "crossing": "site",
    "border crossing": "site", "station": "site", "pumping station": "site", "military": "site",
    "junction": "site", "bridge": "site", "mountain": "hill", "mountains": "hill", "range": "hill",
    "island": "area", "border": "area", "border segment": "area", "neighbourhood": "district",
    "neighborhood": "district", "quarter": "district", "suburb": "district", "province": "governorate",
    "desert": "region", "valley": "region", "plain": "region", "plains": "region", "lake": "area",
    "reservoir": "area", "wadi": "area", "well": "site", "oasis": "area", "hamlet": "village",
    "nahiya": "subdistrict",
}
# Administrative levels (``data/admin/areas.csv``) as kinds: a neighbourhood is a city district.
LEVEL_KINDS = {"governorate": "governorate", "district": "district", "subdistrict": "subdistrict",
               "neighbourhood": "district"}


# Kinds whose rows are points, which a qualifier only tells apart from homonyms.
POINT_KINDS = frozenset({"city", "town", "village", "district", "site", "hill"})
_QUALIFIER_RE = re.compile(r"^(?P<name>.+?)\s+\([^()]+\)$")
_PCODE_RE = re.compile(r"^(?:C\d{4}|SY\d{2,6}|N\d{4}|C\d{4}-A\d{3})$")


def unqualified(name: str) -> str:
    """ "Al-Abbas (Deir ez-Zor)" -> "Al-Abbas"; other names unchanged."""
    match = _QUALIFIER_RE.match(name)
    return match.group("name") if match else name


def as_kind(value: str | None) -> str:
    """A data file's kind as one of ``KINDS`` (unknown kinds become "area")."""
    kind = (value or "").strip().lower()
    if kind in KINDS:
        return kind
    return _KIND_ALIASES.get(kind, "area")


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a place and all the names it goes by. (lat, lon) in degrees."""

    id: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    governorate: str | None
    country: str
    population: int
    uncertainty_km: float
    source: str
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # Aliases that rank as main names: the source's own name of a row shown under an English
    # name (GeoNames' "Tadmur" for Palmyra), a homonym's name without its qualifier
    # ("Al-Abbas" for "Al-Abbas (Deir ez-Zor)"). Each is also in ``aliases``.
    main_aliases: tuple[str, ...] = ()
    pcode: str = ""  # OCHA's P-code, when OCHA knows the place
    level: str = ""  # for an administrative area: governorate, district, subdistrict, neighbourhood

    @property
    def marked(self) -> bool:
        """Whether the place is on the 2017 war map: a marker of it (``wpmodule_places.csv``),
        on its own or folded into this entry, or a curated row (made for this war's places)."""
        return self.source == "curated" or bool(self.raw and self.raw.get("wpmodule"))

    @property
    def generic(self) -> bool:
        """A war-map marker whose label is ordinary English ("Communication Tower"): answered
        only near a report's other places (``context``)."""
        return self.source == "wpmodule" and bool(self.raw) and str(self.raw.get("generic")) == "1"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def main_names(self) -> tuple[str, ...]:
        """The names the place is called outright, which outrank another place's alias."""
        return (self.name, *self.main_aliases)

    @property
    def source_text(self) -> str:
        """``Place.source``: the source's label, and OCHA's P-code when the place has one."""
        if self.source == "wpmodule":  # a marker of the 2017 war map, cited by its label
            return f"wpmodule:{self.name}"
        if not self.pcode:
            return self.source
        if self.source.startswith("ocha"):
            return f"OCHA {self.pcode}"
        return f"{self.source}; OCHA {self.pcode}"

    def __post_init__(self) -> None:
        # Checked once here, so that ``to_place`` need not check again on every look-up.
        Place.checked_already({"name": self.name, "lat": self.lat, "lon": self.lon, "kind": self.kind,
                               "uncertainty_km": self.uncertainty_km}).__post_init__()

    def to_place(self, score: float = 1.0, **changes: Any) -> Place:
        values = dict(
            name=self.name, lat=self.lat, lon=self.lon, kind=self.kind,
            governorate=self.governorate, source=self.source_text,
            uncertainty_km=self.uncertainty_km, score=round(max(0.0, min(1.0, score)), 3),
            id=self.id, population=self.population, country=self.country, raw=self.raw,
            pcode=self.pcode,
        )
        if changes:
            values.update(changes)
            return Place(**values)
        return Place.checked_already(values)


class Source(Protocol):
    """Anything that yields gazetteer entries."""

    label: str

    def entries(self) -> list[Entry]: ...


def _number(value: str | None, default: float = math.nan) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


class CsvSource:
    """A gazetteer CSV with at least ``name, lat, lon``; other columns are optional.

    Recognised columns: id, name, aliases (``|``-separated), lat, lon, kind, governorate,
    country, population, uncertainty_km, source, geonames_name (the GeoNames base's original
    name when ``name`` is its English display name), main_aliases (aliases that rank as main
    names: the parts of an OCHA compound record), name_ar (an Arabic name), pcode (else an
    OCHA-style ``id``, ``C1234``, is the P-code), level (an administrative level: the kind follows
    from it), radius_km (an area's size: its uncertainty), same_as (see the module docstring).
    A row's own ``source`` column (a citation) is kept in ``raw``; ``Place.source`` is this
    adapter's ``label``.

    A point feature named (or aliased) with a qualifier that tells it from a homonym ("Al-Abbas
    (Deir ez-Zor)") is also known by the name alone, which reports use.
    """

    def __init__(self, path: Path, label: str, id_prefix: str = "") -> None:
        self.path = Path(path)
        self.label = label
        self.id_prefix = id_prefix

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        with open(self.path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        out = []
        for number, row in enumerate(rows):
            try:
                entry = self._entry(row, number)
            except ValueError as error:  # an impossible point or kind: the row is left out, loudly
                warnings.warn(f"{self.path.name} row {number + 2}: {error}")
                continue
            if entry is not None:
                out.append(entry)
        return out

    def entry_of(self, row: Mapping[str, str]) -> Entry | None:
        """One row (as the CSV would hold it) as an entry; None without a name or a point."""
        return self._entry(row, 0)

    def _entry(self, row: Mapping[str, str], number: int) -> Entry | None:
        name = (row.get("name") or "").strip()
        lat, lon = _number(row.get("lat")), _number(row.get("lon"))
        if not name or not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        level = (row.get("level") or "").strip()
        kind = LEVEL_KINDS.get(level) or as_kind(row.get("kind"))
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        arabic = (row.get("name_ar") or "").strip()
        if arabic:
            aliases = (arabic, *aliases)
        uncertainty_km = _number(row.get("uncertainty_km"), _number(row.get("radius_km"), DEFAULT_UNCERTAINTY_KM[kind]))
        row_id = (row.get("id") or row.get("pcode") or "").strip()
        pcode = (row.get("pcode") or "").strip() or (row_id if _PCODE_RE.match(row_id) else "")
        country = (row.get("country") or "SY").strip() or "SY"
        main_aliases = [(row.get("geonames_name") or "").strip()]
        main_aliases += [a.strip() for a in (row.get("main_aliases") or "").split("|")]
        if kind in POINT_KINDS:
            # The name alone of a qualified name or alias ("Sukkariyah (Abu Kamal)").
            main_aliases += [unqualified(n) for n in (name, *aliases) if n.endswith(")")]
        main_aliases = [a for a in dict.fromkeys(main_aliases) if a and a != name]
        if main_aliases:
            known = {x.casefold() for x in aliases}
            aliases += tuple(a for a in main_aliases if a.casefold() not in known)
        return Entry(
            id=row_id or f"{self.id_prefix}{number}",
            name=name,
            aliases=aliases,
            lat=lat,
            lon=lon,
            kind=kind,
            governorate=(row.get("governorate") or "").strip() or None,
            country=country,
            population=int(_number(row.get("population"), 0) or 0),
            uncertainty_km=uncertainty_km,
            source=self.label,
            raw=row if isinstance(row, dict) else dict(row),
            main_aliases=tuple(main_aliases),
            pcode=pcode,
            level=level,
        )


def default_sources(data_dir: Path) -> list[Source]:
    """The offline sources, most trusted first: the analyst's corrections, curated rows,
    GeoNames, OCHA's communities, the 2017 war map's markers (``wpmodule_places.csv``: a
    marker of a place another source holds is folded into it, ``same_as``), OCHA's
    administrative areas, then the online cache."""
    first, last = runtime_sources(data_dir)
    return [first, *static_sources(data_dir), last]


def static_sources(data_dir: Path) -> list[CsvSource]:
    """The sources that change only with a commit (their index is built ahead: ``compiled``)."""
    folder = Path(data_dir) / "gazetteer"
    return [
        CsvSource(folder / "curated.csv", "curated", "cu:"),
        CsvSource(folder / "geonames_base.csv", "geonames", "gn:"),
        CsvSource(folder / "ocha_communities.csv", "ocha", "oc:"),
        CsvSource(folder / "wpmodule_places.csv", "wpmodule", "wm:"),
        CsvSource(Path(data_dir) / "admin" / "areas.csv", "ocha-admin", "ad:"),
    ]


def runtime_sources(data_dir: Path) -> list[CsvSource]:
    """The sources the running program writes to: the analyst's corrections and the online
    fallback's cache (read at every start-up)."""
    folder = Path(data_dir) / "gazetteer"
    return [
        CsvSource(folder / "corrections.csv", "correction", "co:"),
        CsvSource(folder / "nominatim_cache.csv", "nominatim", "nm:"),
    ]


def load_entries(sources: Iterable[Source]) -> list[Entry]:
    """Every source's entries, rows that are the same place folded into one (module docstring)."""
    entries: list[Entry] = []
    for source in sources:
        entries.extend(source.entries())
    return merge_same(entries)


def merge_same(entries: list[Entry]) -> list[Entry]:
    position = {e.id: i for i, e in enumerate(entries)}
    out: list[Entry | None] = list(entries)
    for i, entry in enumerate(entries):
        target = (entry.raw.get("same_as") or "").strip() if entry.raw else ""
        j = position.get(target)
        if j is None or out[j] is None or j == i:
            continue
        out[j] = _folded(out[j], entry)
        out[i] = None
    return [e for e in out if e is not None]


def _folded(into: Entry, other: Entry) -> Entry:
    """``into`` with ``other``'s names and P-code; an administrative area keeps its own id."""
    known = {n.casefold() for n in into.names}
    extra = tuple(n for n in other.names if n.casefold() not in known)
    # A war-map label is the press's spelling of the place: an alias, not one of its own names.
    main = () if other.source == "wpmodule" else tuple(
        n for n in other.main_names if n.casefold() not in {m.casefold() for m in into.main_names})
    admin = other if other.level else into if into.level else None
    raw = {**other.raw, **into.raw, "same_as_id": other.id}
    if other.source == "wpmodule" and extra:
        # Found as written only (``index``): the labels the war map adds.
        raw["wpmodule_labels"] = "|".join(filter(None, [into.raw.get("wpmodule_labels", ""), *extra]))
    changes: dict[str, Any] = dict(
        aliases=into.aliases + extra, main_aliases=into.main_aliases + main,
        pcode=into.pcode or other.pcode, raw=raw,
    )
    if into.kind == "village" and other.kind in ("town", "city"):
        changes["kind"] = other.kind  # OCHA's seat of a district or subdistrict is a town
    if admin is other:
        # The area's id (its P-code), point, size and level; the curated row's names.
        changes.update(id=other.id, lat=other.lat, lon=other.lon, uncertainty_km=other.uncertainty_km,
                       level=other.level, source=other.source, raw={**into.raw, **other.raw, "same_as_id": into.id})
    return replace(into, **changes)
