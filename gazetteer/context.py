"""Choosing among same-named places: importance priors and what the document says.

Several places share a name (Hamidiyah is a Tartus town and a Deir ez-Zor district). A
candidate's rank adds three things to how well its name matched:

- a prior from kind and population, with a premium for Syrian and curated rows (and more
  for an analyst's correction), because reports on this war name Syrian places and the
  curated rows exist for them;
- a context bonus (0-1): the candidate lies in a governorate the document names, or near
  the places the document names unambiguously;
- agreement with a descriptor ("Arak field" wants a site, "Homs province" a governorate);
- a small premium when the name is the entry's main name rather than an alias;
- a prominence premium (``MARKED_BONUS``) for a place that is a marker of the 2017 war map
  (Wikipedia's detailed map module, ``data/gazetteer/wpmodule_places.csv``): a war report
  naming a village means one the war reached more often than an unmarked homonym. The
  tie-break order among same-name candidates is thus: how well the name matched (exact
  before inexact), then the document's context (0-0.3: its governorates, its nearby places),
  then a big town's exact name (below), then the war-map mark (0.05, more than
  ``AMBIGUOUS_GAP``: a marked village against an unmarked one is no coin toss; a Syrian town
  or city has that premium by itself, so a marked village never outranks a town of its name), then
  kind, population and source. A village or town whose marker links to an account of the
  fighting there (``war_history``) has a premium of the same size over a homonym the map only
  marks, when called so exactly. Two marked homonyms, or two unmarked ones, stay a coin toss;

Then ``choose`` refuses rather than guesses (a wrong point draws a false front):

- an inexact match (spelling key, skeleton, fuzzy) that lies more than ``FOCUS_KM`` from
  every other place the document pins down, and outside the governorates it names, is
  refused, unless it is a big place (``is_big``): "Palmyra" in a report on Hama is still
  Palmyra; so is one of several far-apart homonyms, or a village (a name many places share,
  most of them missing from any list), that far from the focus of a document that has one
  (its places within ``FOCUS_SPREAD_KM`` of their mean);
- a big town called so exactly (by its main name; a Syrian city by any of its names:
  "Sweida" is As-Suwayda) wins over a village or city quarter of the same name, unless it lies
  far from the focus; a city abroad called so exactly (Ramadi) wins over an unmarked village
  unless the village lies within ``NEAR_VILLAGE_KM`` of the report's places;
- a city quarter is refused in a text that is not about its city, and ranks low in it; a name
  asked alone ranks an OCHA quarter as a marked village (``QUARTER_ALONE_BONUS``);
- an administrative district or subdistrict ranks below the town it is named after unless
  the text says "district" or "subdistrict";
- far-apart candidates whose ranks differ by less than ``AMBIGUOUS_GAP`` are a coin toss when
  the match is inexact, or between villages or city quarters ("Andalus district" is a quarter
  of Aleppo, Hama and Raqqa): refused.

Distances here use an equirectangular approximation: they only rank candidates.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from gazetteer.descriptors import family_of_kind
from gazetteer.match import Candidate
from gazetteer.sources import Entry
from gazetteer.spelling import QUALIFIERS

_KIND_WEIGHT = {
    "city": 1.0, "governorate": 0.85, "river": 0.8, "town": 0.75, "region": 0.7, "site": 0.7,
    "area": 0.6, "hill": 0.55, "district": 0.5, "village": 0.45,
}
# A place called so outright beats one that has the name only as an alias ("Khalkhalah" is the
# village; the air base is also called that).
MAIN_NAME_BONUS = 0.08
# A marker of the 2017 war map outranks an unmarked place of the same name (module docstring).
MARKED_BONUS = 0.05
# A place whose every main name carries a qualifier ("Lower Tal Abyad", "Eastern Ghariyeh")
# called by the name without it: a homonym called so outright (the town) is what the text means.
QUALIFIED_ALIAS_PENALTY = 0.08
# A place whose war-map marker links to an account of the fighting there (``war_history``:
# a section of "Cities and towns during the Syrian Civil War", of an offensive's article)
# outranks a homonym the map only marks: the war's reports name it more. Only for a name as
# written: a spelling guess stays a guess however notable the place.
WAR_HISTORY_BONUS = 0.05
# A war-map marker labelled in ordinary English ("Communication Tower") is answered only this
# near (km) a place the document pins down, and only when written as a name (capitalised).
GENERIC_KM = 15.0
# Far-apart places whose ranks differ by less than this are a coin toss: refuse.
AMBIGUOUS_GAP = 0.04
FAR_APART_KM = 30.0
# Farther than this from every place a document pins down, an uncertain answer is refused.
FOCUS_KM = 75.0
SELF_KM = 0.1
FOCUS_SPREAD_KM = 150.0
# A city quarter's name ("Tishreen", "Baath", "Andalus" are quarters of many cities) means that
# quarter only in a text about its city, or written as one ("the Jobar district").
QUARTER_KM = 20.0
QUARTER_PENALTY = 0.12
# A name asked alone (no text to tell which city) that is a quarter OCHA maps in a governorate
# capital (a few km², tens of thousands of people: Aleppo's Hanano, Homs' Khalidiya), when
# no place of the name is prominent (``_prominent``), is as prominent as a village on the war
# map: it outranks an unmarked village of its name, and against a marked one (or another
# city's quarter) it is a coin toss, refused. A town, a river or a curated row of the name
# keeps it (Tabqa is al-Thawrah, whatever Hasakah's quarter is called).
QUARTER_ALONE_BONUS = MARKED_BONUS
# An administrative area is named after its centre: a bare name means the town.
AREA_PENALTY = 0.1
MINOR_POPULATION = 5_000
BIG_POPULATION = 20_000
ABROAD_CITY_POPULATION = 100_000
# A place abroad called by one of its aliases as written ("Saida" for Sidon) ranks below a Syrian
# place called so: reports on this war name Syria's places, and a place abroad by its common name.
ABROAD_ALIAS_PENALTY = 0.05
# An unmarked village this near (km) a place the report pins down keeps its name from a city abroad.
NEAR_VILLAGE_KM = 20.0
_INEXACT = frozenset({"spell", "short", "near", "skeleton", "fuzzy", "core-fuzzy"})


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def prior(entry: Entry) -> float:
    population = min(math.log10(entry.population + 1) / 6.5, 1.0)
    value = 0.55 * _KIND_WEIGHT.get(entry.kind, 0.5) + 0.25 * population
    value += 0.1 if entry.country == "SY" else 0.0
    value += 0.25 if entry.source == "curated" else 0.0  # rows made for this war's places
    value += 0.4 if entry.source == "correction" else 0.0  # the analyst has checked it
    return value


@dataclass(frozen=True)
class Context:
    """What a document says about where it is: governorates it names, places it pins down.

    ``points`` are (lat, lon) pairs.
    """

    governorates: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = field(default=())  # one per mention: repeats count
    distinct: tuple[tuple[float, float], ...] = field(default=(), compare=False)
    named: frozenset[str] = frozenset()  # governorates the text names as areas ("Hama province")
    regions: tuple[tuple[float, float, float], ...] = ()  # (lat, lon, radius km) of the areas it names
    # Cities it names that a village of the same name keeps from being pinned down (Hama, al-Bab):
    # no point to rank by, but a report naming one is about its quarters (``_quarter_fits``).
    cities: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        if not self.distinct and self.points:
            object.__setattr__(self, "distinct", tuple(dict.fromkeys(self.points)))

    def merged(self, other: "Context") -> "Context":
        return Context(self.governorates | other.governorates, self.points + other.points,
                       named=self.named | other.named, regions=self.regions + other.regions,
                       cities=self.cities + other.cities)

    @classmethod
    def of_places(cls, places: Iterable) -> "Context":
        """Context from resolved places (anything with lat, lon, kind, governorate, name)."""
        governorates: set[str] = set()
        named: set[str] = set()
        regions: list[tuple[float, float, float]] = []
        points: list[tuple[float, float]] = []
        cities: list[tuple[float, float]] = []
        for place in places:
            if place.kind == "governorate":
                governorates.add(place.governorate or place.name)
            elif place.governorate:
                governorates.add(place.governorate)
            if place.kind in ("governorate", "region", "subdistrict") and place.governorate:
                named.add(place.governorate)
                if place.uncertainty_km <= 120:
                    regions.append((place.lat, place.lon, place.uncertainty_km))
            # Places abroad (a dateline's Beirut, Mosul) say nothing of where in Syria a report is.
            if place.kind in ("city", "town", "village", "district", "site", "hill") and place.score >= 0.8 \
                    and getattr(place, "country", "SY") == "SY":
                points.append((place.lat, place.lon))
            elif place.kind == "city" and getattr(place, "country", "SY") == "SY":
                cities.append((place.lat, place.lon))
        return cls(frozenset(governorates), tuple(points), named=frozenset(named),
                   regions=tuple(dict.fromkeys(regions)), cities=tuple(dict.fromkeys(cities)))

    def __bool__(self) -> bool:
        return bool(self.governorates or self.points)

    def nearest_km(self, lat: float, lon: float, other_than_itself: bool = False) -> float:
        """Distance to the nearest place the document pins down (inf without any); with
        ``other_than_itself``, places within 1 km of (lat, lon), the place itself, are skipped.
        Remembered per point: a document's candidates are asked about again and again. A
        document naming thousands of places is searched through a grid (``_Grid``), so each
        question costs the same however long the document is."""
        memo = self.__dict__.get("_nearest")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_nearest", memo)
        found = memo.get((lat, lon, other_than_itself))
        if found is None:
            skip_km = SELF_KM if other_than_itself else -1.0
            if len(self.distinct) > _GRID_FROM:
                found = self._grid().nearest_km(lat, lon, skip_km)
            else:
                found = min((d for d in (approx_km(lat, lon, a, b) for a, b in self.distinct) if d > skip_km),
                            default=math.inf)
            memo[lat, lon, other_than_itself] = found
        return found

    def point_counts(self) -> dict[tuple[float, float], int]:
        """How many times the document names each place it pins down (counted once)."""
        counts = self.__dict__.get("_counts")
        if counts is None:
            counts = {}
            for point in self.points:
                counts[point] = counts.get(point, 0) + 1
            object.__setattr__(self, "_counts", counts)
        return counts

    def _grid(self) -> "_Grid":
        grid = self.__dict__.get("_points_grid")
        if grid is None:
            grid = _Grid(self.distinct)
            object.__setattr__(self, "_points_grid", grid)
        return grid

    def in_region(self, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies within half ``FOCUS_KM`` of an area the document names."""
        if len(self.regions) <= _GRID_FROM:
            return any(approx_km(lat, lon, a, b) <= r + 0.5 * FOCUS_KM for a, b, r in self.regions)
        grid = self.__dict__.get("_regions_grid")
        if grid is None:
            grid = _Grid([(a, b) for a, b, _ in self.regions], [r for _, _, r in self.regions])
            object.__setattr__(self, "_regions_grid", grid)
        return grid.within(lat, lon, 0.5 * FOCUS_KM)

    def bonus(self, entry: Entry) -> float:
        value = 0.0
        if entry.governorate and entry.governorate in self.governorates:
            value += 0.5
        if self.distinct:
            value += 0.5 * math.exp(-self.nearest_km(entry.lat, entry.lon) / 60.0)
        return value

    @property
    def focused(self) -> bool:
        """Whether the document is about one area: the places it pins down lie within
        ``FOCUS_SPREAD_KM`` of their mean, or it pins down few but names its area (a report
        ranging over the country has no focus)."""
        cached = self.__dict__.get("_focused")
        if cached is None:
            if len(self.distinct) < 3:
                # One or two places are no focus to refuse others by, unless the text also
                # names the area it is about ("in southern Idlib").
                cached = bool(self.regions)
            else:
                lat = sum(p[0] for p in self.distinct) / len(self.distinct)
                lon = sum(p[1] for p in self.distinct) / len(self.distinct)
                cached = max(approx_km(lat, lon, a, b) for a, b in self.distinct) <= FOCUS_SPREAD_KM
            object.__setattr__(self, "_focused", cached)
        return cached

    def far(self, entry: Entry, km: float = None) -> bool:
        """Outside what the document is about: farther than ``km`` (``FOCUS_KM``) from its other
        places and outside the governorates it names as areas (a document naming no place is
        about nowhere)."""
        if not self.distinct and not self.regions:
            return False
        if entry.governorate and entry.governorate in self.named:
            return False
        if self.regions and self.in_region(entry.lat, entry.lon):
            return False
        nearest = self.nearest_km(entry.lat, entry.lon, other_than_itself=True)
        return (math.isfinite(nearest) or bool(self.regions)) and nearest > (km or FOCUS_KM)


# Up to this many points a plain scan is as quick as the grid.
_GRID_FROM = 48
_KM_PER_DEG = 6371.0 * math.pi / 180.0


class _Grid:
    """Points bucketed in square cells holding about two points each (0.1 to 1 degree a side):
    the nearest one to a query is found by looking at rings of cells outwards, stopping once no
    farther ring can hold a nearer point. Rings are clipped to the points' extent, so a query
    costs at most that extent's cells (a few thousand for all of Syria), and a handful where
    places are dense, however many points there are. With ``radii`` (one per point),
    ``within`` asks whether a query lies within some point's radius plus a margin."""

    def __init__(self, points, radii=None) -> None:
        self.points = list(points)
        self.radii = list(radii) if radii is not None else [0.0] * len(self.points)
        lats = [lat for lat, _ in self.points] or [0.0]
        lons = [lon for _, lon in self.points] or [0.0]
        area = (max(lats) - min(lats)) * (max(lons) - min(lons))
        self.cell_deg = min(1.0, max(0.1, math.sqrt(2.0 * area / max(1, len(self.points)))))
        self.cells: dict[tuple[int, int], list[int]] = {}
        for k, (lat, lon) in enumerate(self.points):
            self.cells.setdefault(self._cell(lat, lon), []).append(k)
        rows = [c[0] for c in self.cells] or [0]
        cols = [c[1] for c in self.cells] or [0]
        self.bounds = (min(rows), max(rows), min(cols), max(cols))
        self.widest_lat = max((abs(lat) for lat, _ in self.points), default=0.0) + self.cell_deg
        self.max_radius = max(self.radii, default=0.0)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell_deg), math.floor(lon / self.cell_deg)

    def _ring(self, row: int, col: int, r: int):
        """Indices of the points in the cells at Chebyshev distance ``r`` from (row, col)."""
        low_row, high_row, low_col, high_col = self.bounds
        for i in range(max(row - r, low_row), min(row + r, high_row) + 1):
            if abs(i - row) == r:
                cols = range(max(col - r, low_col), min(col + r, high_col) + 1)
            else:
                cols = [c for c in (col - r, col + r) if low_col <= c <= high_col]
            for j in cols:
                yield from self.cells.get((i, j), ())

    def _cell_km(self, lat: float) -> float:
        """The least width of a cell between (lat, ...) and any point: a degree of longitude
        shrinks with the cosine of the latitude (``approx_km`` takes the mean of the two)."""
        widest = min(89.0, max(self.widest_lat, abs(lat)))
        return self.cell_deg * _KM_PER_DEG * max(0.01, math.cos(math.radians(widest)))

    def _rings(self, row: int, col: int) -> int:
        """How many rings from (row, col) reach every cell of the points' extent."""
        low_row, high_row, low_col, high_col = self.bounds
        return max(abs(row - low_row), abs(row - high_row), abs(col - low_col), abs(col - high_col))

    def nearest_km(self, lat: float, lon: float, skip_km: float = -1.0) -> float:
        """Distance to the nearest point farther than ``skip_km`` (inf if none)."""
        row, col = self._cell(lat, lon)
        best = math.inf
        cell_km = self._cell_km(lat)
        for r in range(self._rings(row, col) + 1):
            # A point in ring r lies at least (r - 1) cell widths away.
            if best <= (r - 1) * cell_km:
                break
            for k in self._ring(row, col, r):
                a, b = self.points[k]
                d = approx_km(lat, lon, a, b)
                if skip_km < d < best:
                    best = d
        return best

    def within(self, lat: float, lon: float, margin_km: float) -> bool:
        """Whether some point lies within its radius plus ``margin_km`` of (lat, lon)."""
        row, col = self._cell(lat, lon)
        reach = self.max_radius + margin_km
        cell_km = self._cell_km(lat)
        for r in range(self._rings(row, col) + 1):
            if (r - 1) * cell_km > reach:
                break
            for k in self._ring(row, col, r):
                a, b = self.points[k]
                if approx_km(lat, lon, a, b) <= self.radii[k] + margin_km:
                    return True
        return False


class Ranked(NamedTuple):
    candidate: Candidate
    entry: Entry
    rank: float


def descriptor_fit(candidate: Candidate, entry: Entry, groups: frozenset[str]) -> float:
    """Bonus for an entry that is the kind of feature the query's descriptor names.

    Same group ("airport" ~ "air base"): 0.3. The right family with no descriptor in the
    entry's names, or a governorate for a region word: 0.2. A settlement, which a missing
    feature may be named after: 0.1. Another feature ("silos" for an airport): 0.
    """
    wanted = candidate.descriptor
    if wanted is None:
        return 0.0
    got = family_of_kind(entry.kind)
    if wanted.group in groups or (wanted.group == "countryside" and got == "governorate"):
        return 0.3  # ("the Hama countryside" is the governorate around the city, whatever the report's focus)
    if (got == wanted.family and not groups) or (wanted.family == "region" and got in ("governorate", "area")):
        return 0.2
    return 0.1 if got == "settlement" else 0.0


def _only_qualified(main_folded: frozenset[str]) -> bool:
    """Whether every main name begins or ends with a qualifier word ("lower tal abyad")."""
    return bool(main_folded) and all(
        (words := name.split()) and len(words) > 1 and (words[0] in QUALIFIERS or words[-1] in QUALIFIERS)
        for name in main_folded)


def rank(candidates: list[Candidate], index, context: Context | None) -> list[Ranked]:
    """Candidates best first; ``index`` is the ``NameIndex`` they came from."""
    out = []
    among_villages = context is None and not any(_prominent(index.entries[c.position], c) for c in candidates)
    for candidate in candidates:
        entry = index.entries[candidate.position]
        value = candidate.match + 0.15 * index.prior(candidate.position) + (MAIN_NAME_BONUS if candidate.main else 0.0)
        if entry.marked or (entry.kind in ("city", "town") and entry.country == "SY"):
            value += MARKED_BONUS  # a Syrian town is prominent in itself: no marked village outranks it
        if _war_history(entry) and candidate.tier not in _INEXACT:
            value += WAR_HISTORY_BONUS
        if not candidate.main and _only_qualified(index.main_forms(candidate.position)[0]):
            value -= QUALIFIED_ALIAS_PENALTY
        if context:
            value += 0.3 * context.bonus(entry)
        if candidate.descriptor is not None:
            value += descriptor_fit(candidate, entry, index.groups(candidate.position))
        elif entry.level in ("district", "subdistrict"):
            value -= AREA_PENALTY
        if entry.country != "SY" and not candidate.main and candidate.tier in ("fold", "bare"):
            value -= ABROAD_ALIAS_PENALTY
        if entry.level == "neighbourhood" and not _quarter_fits(candidate, entry, context):
            # (a curated quarter is there for this war: no penalty)
            value += QUARTER_ALONE_BONUS if among_villages else -QUARTER_PENALTY
        out.append(Ranked(candidate, entry, value))
    out.sort(key=lambda r: -r.rank)
    return out


def _prominent(entry: Entry, candidate: Candidate) -> bool:
    """A place whose name no city quarter takes when a name is asked alone: a town or city, a
    river, a region, or a curated row (made for this war's places), but for a curated site,
    area or hill called by an alias: the bare name it is named after may be a quarter's
    (Aleppo's Sukkari is no desert quarry)."""
    return (entry.kind in ("city", "town", "river", "region", "governorate")
            or (entry.source == "curated" and (candidate.main or entry.kind in ("village", "district"))))


def _war_history(entry: Entry) -> bool:
    """A village or town OCHA, GeoNames or the curated file holds whose war-map marker links to
    an account of the fighting there. A site or hill so linked is named after the fight for a
    village, not a rival of it; a marker no other source holds is often a town's second point
    under a qualified label ("Ras al-Ayn (Serêkaniyê)"), not a rival of the town either."""
    return (entry.kind in ("village", "town") and entry.source != "wpmodule" and bool(entry.raw)
            and str(entry.raw.get("war_history")) == "1")


def admissible(candidate: Candidate, entry: Entry, written: str, context: Context | None) -> bool:
    """Whether a place known only from the war map may be what ``written`` means. Its labels
    are the press's own spellings, and thousands of them are short words: only the name as
    written (no spelling guess: "border" is no "Bayr al-Dayr"), with no descriptor of another
    kind of feature. A label in ordinary English ("Communication Tower") only when written as
    a name ("the Communication Tower", not "a communication tower") in a document with a place
    it pins down within ``GENERIC_KM``. Every other entry is admissible, but for a city abroad
    matched only by a spelling guess."""
    if candidate.tier in _INEXACT and candidate.descriptor is not None and candidate.descriptor.group == "school":
        return False  # the army's schools are named after their arms: "Armament Academy" is no Armanaz
    if entry.source != "wpmodule":
        # A city abroad (Mosul, Ramadi) is held to claim its own name: never a guess at another.
        return not (candidate.tier in _INEXACT and entry.raw and entry.raw.get("abroad") == "1")
    if candidate.tier in _INEXACT:
        return False
    if candidate.descriptor is not None and family_of_kind(entry.kind) != candidate.descriptor.family:
        return False  # "Tishrin district" is no district named after the village of Tishrin
    if not entry.generic:
        return True
    words = [w for w in written.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if not words or not all(w[0].isupper() for w in words):
        return False
    return bool(context) and context.nearest_km(entry.lat, entry.lon) <= GENERIC_KM


_SMALL_WORDS = frozenset({"the", "of", "and", "on", "to", "at", "in", "by", "for", "a", "an"})


def _apart(a: Entry, b: Entry) -> bool:
    """Two candidates that are different places: farther apart than ``FAR_APART_KM`` and than
    either one's extent (a subdistrict is no rival of the town it is named after)."""
    distance = approx_km(a.lat, a.lon, b.lat, b.lon)
    return distance > max(FAR_APART_KM, a.uncertainty_km, b.uncertainty_km)


def is_big(entry: Entry) -> bool:
    """A place readers know by name: a city, a governorate, a region, a town of 20,000+."""
    return entry.kind in ("city", "governorate", "region", "river") or entry.population >= BIG_POPULATION


def _city_abroad(entry: Entry) -> bool:
    """A city of a neighbouring country (100,000+ inhabitants)."""
    return entry.country != "SY" and entry.population >= ABROAD_CITY_POPULATION


def _syrian_city(entry: Entry) -> bool:
    """A Syrian city: one of its aliases is as much its name as the main one ("Sweida" is
    As-Suwayda however GeoNames heads its row), so no village called so outright outranks it."""
    return entry.kind == "city" and entry.country == "SY"


def is_inexact(candidate: Candidate) -> bool:
    return candidate.tier in _INEXACT


def is_quarter(entry: Entry) -> bool:
    """A city quarter: an OCHA neighbourhood or a curated district of a city."""
    return entry.level == "neighbourhood" or (entry.kind == "district" and not entry.level)


def is_minor(entry: Entry) -> bool:
    """A village or hamlet: its name is likely shared by a place the gazetteer lacks."""
    return entry.kind == "village" and entry.population < MINOR_POPULATION


def _small(entry: Entry) -> bool:
    """A village or a city quarter: one of many of its name, as likely as another."""
    return is_minor(entry) or is_quarter(entry)


def _quarter_fits(candidate: Candidate, entry: Entry, context: "Context | None") -> bool:
    if candidate.descriptor is not None and candidate.descriptor.family == "district":
        return True
    if context is None:
        return False
    return (context.nearest_km(entry.lat, entry.lon, other_than_itself=True) <= QUARTER_KM
            or any(approx_km(entry.lat, entry.lon, a, b) <= QUARTER_KM for a, b in context.cities))


def choose(ranked: list[Ranked], context: Context | None = None) -> tuple[Ranked, float] | None:
    """The best candidate and a confidence in (0, 1]; None when a guess would be a coin toss
    or lands far from what the document is about (see the module docstring).

    Exact-name ties are settled by rank (the bigger place wins, as a reader would assume).
    """
    if not ranked:
        return None
    best = ranked[0]
    if not is_big(best.entry) and not is_inexact(best.candidate) and best.entry.kind not in ("town", "city"):
        # A big town called so exactly wins over a village or quarter of the same name near
        # the focus, as long as it is not far from the focus itself ("al-Thawrah" in a report
        # on Raqqa is Tabqa, not Raqqa's al-Thawrah quarter). Against a town of the name that
        # the report's context ranks first, size alone decides nothing.
        big = next((r for r in ranked[1:] if is_big(r.entry) and r.entry.kind in ("city", "town")
                    and not is_inexact(r.candidate) and (r.candidate.main or _syrian_city(r.entry))
                    and not (context and context.far(r.entry))), None)
        if big is None and is_minor(best.entry) and not best.entry.marked and not (
                context and context.nearest_km(best.entry.lat, best.entry.lon, other_than_itself=True) <= NEAR_VILLAGE_KM):
            # A city abroad (Ramadi, Mosul) called so exactly is what a report on the war names,
            # not an unmarked Syrian village of its name away from the report's places.
            big = next((r for r in ranked[1:] if _city_abroad(r.entry) and r.candidate.main
                        and not is_inexact(r.candidate)), None)
        if big is not None:
            best = big
            ranked = [big] + [r for r in ranked if r is not big]
    rivals = [r for r in ranked[1:] if _apart(r.entry, best.entry)]
    inexact = is_inexact(best.candidate)
    if context and not is_big(best.entry) and (
            ((inexact or ((rivals or is_minor(best.entry)) and context.focused)) and context.far(best.entry))
            or (is_quarter(best.entry) and not _quarter_fits(best.candidate, best.entry, context)
                and context.distinct)):
        return None
    if not rivals:
        return best, 1.0
    gap = best.rank - rivals[0].rank
    if gap < AMBIGUOUS_GAP and (inexact or (_small(best.entry) and _small(rivals[0].entry))):
        return None  # a coin toss between far-apart places
    return best, 0.6 + 0.4 * min(1.0, gap / 0.3)
