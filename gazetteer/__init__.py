"""The project's offline gazetteer: place names in war reports resolved to coordinates.

    >>> from gazetteer import resolve, geoparse, suggest
    >>> resolve("Mayadeen").name
    'Mayadin'

- ``resolve(name, context=None) -> Place | None``: the place a name means. ``context`` is the
  document text (or resolved places) used to choose among same-named places.
- ``suggest(name, n=5) -> list[str]``: gazetteer names that look like ``name``.
- ``geoparse(text, context=None) -> list[Mention]``: the place mentions of a text.
- ``report_governorates(text) -> list[(governorate, share)]``: which governorates a report is
  about, most mentioned first.

Administrative areas (``gazetteer.areas``, polygons from ``data/admin``): ``areas(level)``,
``area(pcode)``, ``area_of(place)``, ``area_at(lat, lon, level)``, ``areas_at(lat, lon)``,
``part(area, direction)``, ``footprint(place)`` (the polygon a place covers, for area
statements such as "full control of the eastern Hama countryside"). A ``Place`` of kind
governorate, district or subdistrict carries its OCHA P-code as ``id``; a community OCHA lists
has its P-code as ``pcode`` (and as ``id`` when no other source has it).

Sources (``data/gazetteer``, README.md there): curated rows, GeoNames, OCHA's communities,
the markers of Wikipedia's 2017 detailed war map (``wpmodule_places.csv``: a marker of a place
another source holds is folded into it; the others are places of their own, ``source``
``wpmodule:<label>``, found by their names as written), OCHA's administrative areas. A place on
the 2017 war map outranks an unmarked homonym when nothing in the report tells them apart
(``gazetteer.context``).

Analysts' corrections (``gazetteer.corrections``): ``load()``, ``write(name, lat, lon, ...)``
keep corrected points in ``data/gazetteer/corrections.csv``, which the gazetteer loads before
any other source.

A road named by its two towns ("the Damascus-Aleppo highway") is one mention of the road
(``gazetteer.routes``: the motorway passing both, else the stretch between them), beside the
mentions of the two towns.

Places the data lack but a report locates ("X hills south of Sukhna") are geoparsed as kind
``inferred`` (``gazetteer.inferred``), their ``source`` saying how they were placed.

The module functions use one ``Gazetteer`` built on first use from ``data/gazetteer``
(``Gazetteer.default()``); build your own ``Gazetteer`` for other data. Coordinates are
(lat, lon), WGS84 degrees. The online fallback (``gazetteer.online``) is off unless
``settings.ONLINE_GEOCODER`` is set or ``online=True`` is passed to ``resolve``.
"""
from __future__ import annotations

from gazetteer.context import Context
from gazetteer.place import KINDS, Mention, Place
from gazetteer.resolver import ContextLike, Gazetteer

# Imported on first use (a resolve needs neither the polygons nor the online client).
_LAZY = {"areas": "gazetteer.areas", "Area": "gazetteer.areas", "area": "gazetteer.areas",
         "area_at": "gazetteer.areas", "area_of": "gazetteer.areas", "areas_at": "gazetteer.areas",
         "footprint": "gazetteer.areas", "GeocoderUnavailable": "gazetteer.online"}


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
    import importlib
    module = importlib.import_module(module_name)
    return module if name == "areas" else getattr(module, name)

__all__ = [
    "Area", "Context", "Gazetteer", "GeocoderUnavailable", "KINDS", "Mention", "Place",
    "area", "area_at", "area_of", "areas", "areas_at", "default", "footprint", "geoparse",
    "report_governorates", "resolve", "suggest",
]


def default() -> Gazetteer:
    """The shared gazetteer over the committed data (built once, then cached)."""
    return Gazetteer.default()


def resolve(name: str, context: ContextLike = None, online: bool | None = None) -> Place | None:
    return default().resolve(name, context, online=online)


def suggest(name: str, n: int = 5) -> list[str]:
    return default().suggest(name, n)


def geoparse(text: str, context: ContextLike = None) -> list[Mention]:
    return default().geoparse(text, context)


def report_governorates(text: str) -> list[tuple[str, float]]:
    return default().report_governorates(text)
