"""The gazetteer's small values: a resolved ``Place`` and a ``Mention`` of one in text.

Coordinates are WGS84 decimal degrees, always in (lat, lon) order in this package.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

KINDS = (
    "city", "town", "village", "district", "site", "hill", "area",
    "region", "governorate", "river", "subdistrict", "inferred",
)


@dataclass(frozen=True)
class Place:
    """A place resolved to a point with an uncertainty radius.

    ``score`` (0-1) is how sure the resolver is that this is the place meant;
    ``uncertainty_km`` is how far the true location may lie from (lat, lon).
    ``raw`` keeps the gazetteer row it came from and is left out of comparisons.
    ``id`` is the row's id: ``gn:<geonameid>``, ``cu:<slug>``, OCHA's P-code for a place only
    OCHA lists (``C1234``) and for an administrative area (``SY0203``); ``pcode`` is OCHA's
    P-code of any place OCHA lists, whatever its id. Kind ``subdistrict`` is an OCHA nahiya;
    ``inferred`` a place the gazetteer lacks, placed from what the text says around it
    (``source`` tells how).
    """

    name: str
    lat: float
    lon: float
    kind: str
    governorate: str | None
    source: str
    uncertainty_km: float
    score: float = 1.0
    id: str = ""
    population: int = 0
    country: str = "SY"
    raw: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    pcode: str = ""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lat) and math.isfinite(self.lon)):
            raise ValueError(f"non-finite coordinate for {self.name!r}: {self.lat}, {self.lon}")
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"coordinate out of range for {self.name!r}: {self.lat}, {self.lon}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for {self.name!r}")
        if not self.uncertainty_km >= 0:
            raise ValueError(f"negative uncertainty for {self.name!r}")

    @classmethod
    def checked_already(cls, values: Mapping[str, Any]) -> "Place":
        """A place from values already checked (an entry's: ``Entry.to_place``), made without
        the checks and the frozen dataclass's per-field set-up, which dominate a look-up's cost."""
        place = object.__new__(cls)
        place.__dict__.update(values)
        return place

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("raw")
        return out


@dataclass(frozen=True)
class Mention:
    """A place named in a text: ``text[start:end]`` is the mention as written."""

    start: int
    end: int
    text: str
    place: Place
