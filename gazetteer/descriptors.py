"""Words around a name that say what kind of place it is: "Tabqa Dam", "town of Maskana".

A descriptor tells the resolver which of several same-named places is meant (the Arak gas
field rather than Arak village) and lets it place a feature the gazetteer lacks at the
place it is named after ("Maskana silos" at Maskanah). Phrases are stored folded
(see ``normalize.fold``) as token tuples, longest first.

Families: ``settlement`` (city/town/village), ``site``, ``hill``, ``area``, ``region``,
``governorate``, ``district``, ``river``.
"""
from __future__ import annotations

from gazetteer.normalize import fold

# Written after the name: "Baath Dam", "Shaer gas field", "Homs province".
_SUFFIXES = {
    "site": [
        "dam", "reservoir", "reserve", "air base", "airbase", "air field", "airfield", "airport",
        "military airport", "military airbase", "military air base", "air force base", "base",
        "military base", "garrison", "pumping station", "pump station", "station", "gas field",
        "gas fields", "gasfield", "oil field", "oil fields", "oilfield", "field", "fields",
        "gas plant", "gas station", "power station", "power plant", "thermal plant", "plant",
        "refinery", "factory", "border crossing", "crossing", "border post", "checkpoint",
        "silos", "silo", "grain silos", "triangle", "crossroads", "junction", "roundabout",
        "bridge", "quarry", "quarries", "prison", "hospital", "stadium", "camp", "barracks",
        "depot", "ammunition depot", "weapons depots", "phosphate mine", "mine", "mines",
        "phosphate mines",
    ],
    "hill": [
        "hill", "hills", "hilltop", "mountain", "mountains", "mountain chain", "mountain range",
        "range", "heights", "ridge", "peak", "mount",
    ],
    "area": ["island", "oasis", "lake", "wadi", "farms", "plain"],
    "region": [
        "countryside", "desert", "steppe", "region", "plains", "valley", "pocket", "badia",
        "enclave", "salient", "basin",
    ],
    "governorate": ["province", "governorate", "provinces", "governorates", "muhafazah", "muhafazat"],
    "district": ["district", "neighbourhood", "neighborhood", "quarter", "suburb", "subdistrict"],
    "river": ["river"],
    "settlement": ["city", "town", "village"],
}

# Written before the name: "town of Maskana", "Mount Hermon", "Tal al-Asfar".
_PREFIXES = {
    "settlement": ["town of", "city of", "village of", "villages of", "towns of", "hamlet of",
                   "the town of", "the city of", "the village of"],
    "hill": ["tal", "tell", "tall", "jabal", "jebel", "jabel", "mount", "mt"],
    "governorate": ["province of", "governorate of", "the province of", "the governorate of"],
    "district": ["district of", "neighbourhood of", "neighborhood of", "the district of"],
}

KIND_OF_FAMILY = {
    "settlement": "town", "site": "site", "hill": "hill", "area": "area", "region": "region",
    "governorate": "governorate", "district": "district", "river": "river",
}


def family_of_kind(kind: str) -> str:
    return "settlement" if kind in ("city", "town", "village") else kind


def _table(groups: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    table = {tuple(fold(p).split()): family for family, phrases in groups.items() for p in phrases}
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


SUFFIXES: dict[tuple[str, ...], str] = _table(_SUFFIXES)
PREFIXES: dict[tuple[str, ...], str] = _table(_PREFIXES)
SUFFIX_WORDS = frozenset(w for phrase in SUFFIXES for w in phrase)
MAX_SUFFIX_TOKENS = max(len(p) for p in SUFFIXES)


def split_suffix(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str | None, int]:
    """(core tokens, family, number of descriptor tokens) for folded ``tokens``.

    The whole name is never a descriptor: "Station" alone stays a name.
    """
    for phrase, family in SUFFIXES.items():
        n = len(phrase)
        if len(tokens) > n and tokens[-n:] == phrase:
            return tokens[:-n], family, n
    return tokens, None, 0


def split_prefix(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str | None, int]:
    for phrase, family in PREFIXES.items():
        n = len(phrase)
        if len(tokens) > n and tokens[:n] == phrase:
            return tokens[n:], family, n
    return tokens, None, 0
