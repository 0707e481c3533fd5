"""Choosing among same-named places: importance priors and what the document says.

Several places share a name (Hamidiyah is a Tartus town and a Deir ez-Zor district). A
candidate's rank adds three things to how well its name matched:

- a prior (0-1) from kind and population, with a premium for Syrian and curated rows,
  because reports on this war name Syrian places and the curated rows exist for them;
- a context bonus (0-1): the candidate lies in a governorate the document names, or near
  the places the document names unambiguously;
- agreement with a descriptor ("Arak field" wants a site, "Homs province" a governorate);
- a small premium when the name is the entry's main name rather than an alias.

Distances here use an equirectangular approximation: they only rank candidates.
"""
from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable

from gazetteer.descriptors import family_of_kind
from gazetteer.match import Candidate
from gazetteer.sources import Entry

_KIND_WEIGHT = {
    "city": 1.0, "governorate": 0.85, "river": 0.8, "town": 0.75, "region": 0.7, "site": 0.7,
    "area": 0.6, "hill": 0.55, "district": 0.5, "village": 0.45,
}
# A place called so outright beats one that has the name only as an alias ("Khalkhalah" is the
# village; the air base is also called that).
MAIN_NAME_BONUS = 0.08
# Far-apart places whose ranks differ by less than this are a coin toss: refuse.
AMBIGUOUS_GAP = 0.04
FAR_APART_KM = 30.0


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


@lru_cache(maxsize=None)
def prior(entry: Entry) -> float:
    population = min(math.log10(entry.population + 1) / 6.5, 1.0)
    value = 0.55 * _KIND_WEIGHT.get(entry.kind, 0.5) + 0.25 * population
    value += 0.1 if entry.country == "SY" else 0.0
    value += 0.1 if entry.source == "curated" else 0.0
    return value


@dataclass(frozen=True)
class Context:
    """What a document says about where it is: governorates it names, places it pins down.

    ``points`` are (lat, lon) pairs.
    """

    governorates: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = field(default=())  # one per mention: repeats count
    distinct: tuple[tuple[float, float], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.distinct and self.points:
            object.__setattr__(self, "distinct", tuple(dict.fromkeys(self.points)))

    def merged(self, other: "Context") -> "Context":
        return Context(self.governorates | other.governorates, self.points + other.points)

    @classmethod
    def of_places(cls, places: Iterable) -> "Context":
        """Context from resolved places (anything with lat, lon, kind, governorate, name)."""
        governorates: set[str] = set()
        points: list[tuple[float, float]] = []
        for place in places:
            if place.kind == "governorate":
                governorates.add(place.governorate or place.name)
            elif place.governorate:
                governorates.add(place.governorate)
            if place.kind in ("city", "town", "village", "district", "site", "hill") and place.score >= 0.8:
                points.append((place.lat, place.lon))
        return cls(frozenset(governorates), tuple(points))

    def __bool__(self) -> bool:
        return bool(self.governorates or self.points)

    def bonus(self, entry: Entry) -> float:
        value = 0.0
        if entry.governorate and entry.governorate in self.governorates:
            value += 0.5
        if self.distinct:
            nearest_km = min(approx_km(entry.lat, entry.lon, lat, lon) for lat, lon in self.distinct)
            value += 0.5 * math.exp(-nearest_km / 60.0)
        return value


@dataclass(frozen=True)
class Ranked:
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
    if wanted.group in groups:
        return 0.3
    if (got == wanted.family and not groups) or (wanted.family == "region" and got in ("governorate", "area")):
        return 0.2
    return 0.1 if got == "settlement" else 0.0


def rank(candidates: list[Candidate], index, context: Context | None) -> list[Ranked]:
    """Candidates best first; ``index`` is the ``NameIndex`` they came from."""
    out = []
    for candidate in candidates:
        entry = index.entries[candidate.position]
        value = candidate.match + 0.15 * prior(entry) + (MAIN_NAME_BONUS if candidate.main else 0.0)
        if context:
            value += 0.3 * context.bonus(entry)
        value += descriptor_fit(candidate, entry, index.groups[candidate.position])
        out.append(Ranked(candidate, entry, value))
    out.sort(key=lambda r: -r.rank)
    return out


def choose(ranked: list[Ranked]) -> tuple[Ranked, float] | None:
    """The best candidate and a confidence in (0, 1]; None when a guess would be a coin toss.

    Exact-name ties are settled by rank (the bigger place wins, as a reader would assume);
    only inexact (fuzzy) matches to far-apart places with close ranks are refused.
    """
    if not ranked:
        return None
    best = ranked[0]
    rivals = [r for r in ranked[1:]
              if approx_km(r.entry.lat, r.entry.lon, best.entry.lat, best.entry.lon) > FAR_APART_KM]
    if not rivals:
        return best, 1.0
    gap = best.rank - rivals[0].rank
    if gap < AMBIGUOUS_GAP and best.candidate.tier in ("fuzzy", "skeleton"):
        return None
    return best, 0.6 + 0.4 * min(1.0, gap / 0.3)
