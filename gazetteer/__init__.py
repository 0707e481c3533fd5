"""The project's offline gazetteer: place names in war reports resolved to coordinates.

    >>> from gazetteer import resolve, geoparse, suggest
    >>> resolve("Mayadeen").name
    'Mayadin'

- ``resolve(name, context=None) -> Place | None``: the place a name means. ``context`` is the
  document text (or resolved places) used to choose among same-named places.
- ``suggest(name, n=5) -> list[str]``: gazetteer names that look like ``name``.
- ``geoparse(text, context=None) -> list[Mention]``: the place mentions of a text.

The module functions use one ``Gazetteer`` built on first use from ``data/gazetteer``
(``Gazetteer.default()``); build your own ``Gazetteer`` for other data. Coordinates are
(lat, lon), WGS84 degrees. The online fallback (``gazetteer.online``) is off unless
``settings.ONLINE_GEOCODER`` is set or ``online=True`` is passed to ``resolve``.
"""
from __future__ import annotations

from gazetteer.context import Context
from gazetteer.online import GeocoderUnavailable
from gazetteer.place import KINDS, Mention, Place
from gazetteer.resolver import ContextLike, Gazetteer

__all__ = [
    "Context", "Gazetteer", "GeocoderUnavailable", "KINDS", "Mention", "Place",
    "default", "geoparse", "resolve", "suggest",
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
