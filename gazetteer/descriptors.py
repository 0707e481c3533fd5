"""Words around a name that say what kind of place it is: "Tabqa Dam", "town of Maskana".

A descriptor tells the resolver which of several same-named places is meant (the Arak gas
field rather than Arak village) and lets it place a feature the gazetteer lacks at the
place it is named after ("Maskana silos" at Maskanah). Phrases are stored folded
(see ``normalize.fold``) as token tuples, longest first.

Families: ``settlement`` (city/town/village), ``site``, ``hill``, ``area``, ``region``,
``governorate``, ``district``, ``river``. Within a family, a group gathers the words for one
kind of feature: "airport" and "air base" are one group, "silos" another, so "Mayadin silos"
is not taken for the Mayadin airport.
"""
from __future__ import annotations

from dataclasses import dataclass

from gazetteer.normalize import fold

# Written after the name: "Baath Dam", "Shaer gas field", "Homs province". Family, then
# groups of words that name the same kind of feature (an "airport" is an "air base").
_SUFFIXES = {
    "site": {
        "water": ["dam", "reservoir", "reserve", "lake dam"],
        "air": ["air base", "airbase", "air field", "airfield", "airport", "military airport",
                "military airbase", "military air base", "air force base", "airstrip", "helipad"],
        "station": ["pumping station", "pump station", "station", "gathering station",
                    "gas gathering station"],
        "field": ["gas field", "gas fields", "gasfield", "oil field", "oil fields", "oilfield",
                  "field", "fields", "oil wells", "wells"],
        "plant": ["gas plant", "power station", "power plant", "thermal plant", "plant", "refinery",
                  "factory", "sugar factory", "cement factory", "treatment plant"],
        "crossing": ["border crossing", "crossing", "border post", "checkpoint", "crossing point"],
        "silo": ["silos", "silo", "grain silos"],
        "junction": ["triangle", "crossroads", "crossroad", "junction", "roundabout", "intersection"],
        "bridge": ["bridge"],
        # "the Ramouseh road": the road at (through, out of) the place it is named after.
        "road": ["road", "highway", "motorway"],
        "quarry": ["quarry", "quarries"],
        "base": ["base", "military base", "garrison", "camp", "barracks", "depot", "depots",
                 "ammunition depot", "weapons depots", "warehouses", "battalion base",
                 "military camp", "army camp", "training camp"],
        # The army's schools are bases of their own ("the Artillery Academy", "the Infantry School").
        "school": ["academy", "academies", "military academy", "military academies", "military college",
                   "school", "military school"],
        "building": ["prison", "hospital", "stadium", "castle", "citadel", "airport road"],
        "mine": ["phosphate mine", "mine", "mines", "phosphate mines"],
        "industry": ["industrial zone", "industrial area", "industrial city", "industrial estate"],
    },
    "hill": {"hill": ["hill", "hills", "hilltop", "mountain", "mountains", "mountain chain",
                      "mountain range", "range", "heights", "ridge", "peak"]},
    "area": {"island": ["island"], "oasis": ["oasis"], "wadi": ["wadi"], "farms": ["farms"],
             "plain": ["plain"],
             # "the Helba area", "the Tanf area": the land around a place, whatever it is.
             "vicinity": ["area", "areas"]},
    "region": {"region": ["desert", "steppe", "region", "plains", "valley", "pocket",
                          "badia", "enclave", "salient", "basin"],
               # "the X countryside" is the land around X (its governorate), not a desert
               # region that happens to be called "X desert".
               "countryside": ["countryside"]},
    "governorate": {"governorate": ["province", "governorate", "provinces", "governorates",
                                    "muhafazah", "muhafazat"]},
    "district": {"district": ["district", "neighbourhood", "neighborhood", "quarter", "suburb",
                              "subdistrict"]},
    "river": {"river": ["river"]},
    "settlement": {"settlement": ["city", "town", "village"]},
}

# Written before the name: "town of Maskana", "Mount Hermon", "Tal al-Asfar".
_PREFIXES = {
    "settlement": {"settlement": ["town of", "city of", "village of", "villages of", "towns of",
                                  "hamlet of", "the town of", "the city of", "the village of"]},
    "hill": {"hill": ["tal", "tell", "tall", "jabal", "jebel", "jabel", "mount", "mt"]},
    "governorate": {"governorate": ["province of", "governorate of", "the province of",
                                    "the governorate of"]},
    "district": {"district": ["district of", "neighbourhood of", "neighborhood of", "the district of",
                              # "Masaken Hanano": the housing estate of a city quarter, in Arabic's word
                              "masaken", "masakin", "masaakin"]},
}

KIND_OF_FAMILY = {
    "settlement": "town", "site": "site", "hill": "hill", "area": "area", "region": "region",
    "governorate": "governorate", "district": "district", "river": "river",
}


@dataclass(frozen=True)
class Descriptor:
    """What a descriptor says: the family of place, and the group of synonyms it is in."""

    family: str
    group: str


def family_of_kind(kind: str) -> str:
    return "settlement" if kind in ("city", "town", "village") else kind


def _table(families: dict[str, dict[str, list[str]]]) -> dict[tuple[str, ...], Descriptor]:
    table = {
        tuple(fold(phrase).split()): Descriptor(family, group)
        for family, groups in families.items() for group, phrases in groups.items() for phrase in phrases
    }
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


SUFFIXES: dict[tuple[str, ...], Descriptor] = _table(_SUFFIXES)
PREFIXES: dict[tuple[str, ...], Descriptor] = _table(_PREFIXES)
SUFFIX_WORDS = frozenset(w for phrase in SUFFIXES for w in phrase)
MAX_SUFFIX_TOKENS = max(len(p) for p in SUFFIXES)
_MAX_PREFIX_TOKENS = max(len(p) for p in PREFIXES)
_SUFFIX_LAST_WORDS = frozenset(p[-1] for p in SUFFIXES)
_PREFIX_FIRST_WORDS = frozenset(p[0] for p in PREFIXES)


def split_suffix(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], Descriptor | None, int]:
    """(core tokens, descriptor, number of descriptor tokens) for folded ``tokens``.

    The whole name is never a descriptor: "Station" alone stays a name.
    """
    if not tokens or tokens[-1] not in _SUFFIX_LAST_WORDS:
        return tokens, None, 0
    for n in range(min(MAX_SUFFIX_TOKENS, len(tokens) - 1), 0, -1):
        descriptor = SUFFIXES.get(tokens[-n:])
        if descriptor is not None:
            return tokens[:-n], descriptor, n
    return tokens, None, 0


def split_prefix(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], Descriptor | None, int]:
    if not tokens or tokens[0] not in _PREFIX_FIRST_WORDS:
        return tokens, None, 0
    for n in range(min(_MAX_PREFIX_TOKENS, len(tokens) - 1), 0, -1):
        descriptor = PREFIXES.get(tokens[:n])
        if descriptor is not None:
            return tokens[n:], descriptor, n
    return tokens, None, 0
