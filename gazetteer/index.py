"""Lookup tables from every written form of every name to gazetteer entries.

Built once from the entries of all sources (a few thousand names; well under a second).
Small foreign places from GeoNames are indexed under their main and Arabic names only.
An entry's main names (its display name and, for GeoNames rows, GeoNames' own name) are
marked in ``main_forms``: they outrank another place's alias.
Tiers, strictest first, each a dict from a normalised form to entry positions:

- ``by_fold``: the folded name, article kept ("al tanf").
- ``by_bare``: the folded name without the article ("tanf").
- ``by_key``: the phonetic key ("dirzur" for every spelling of Deir ez-Zor).
- ``by_core``: the key with a trailing/leading descriptor removed ("tabka" for "Tabqa Dam"),
  so "T-2 Station" finds "T-2 Pumping Station" and "Arak field" finds the Arak gas field.
- ``by_skeleton``: consonants of the key; used only with a fuzzy check.
- ``by_arabic``: Arabic-script names (``normalize.fold_arabic``).
- ``by_spell``: the spelling key of every name, Latin or Arabic (``gazetteer.spelling``), so
  "Kafr Nabudah" finds OCHA's "Kafr Nabutha" and its Arabic كفر نبودة; coarse, so the
  matcher checks each candidate's spelling before keeping it.

``fuzzy_keys`` and ``fuzzy_cores`` list the distinct keys and core keys for rapidfuzz;
``key_prefixes`` and ``spell_prefixes`` hold every prefix of every key and spelling key, so
the geoparser can stop extending a span early.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import descriptors
from gazetteer.normalize import (
    fold, fold_arabic, is_arabic, skeleton, strip_articles, token_key,
)
from gazetteer.spelling import arabic_key, latin_key
from gazetteer.sources import Entry


def token_keys(bare: str) -> tuple[str, ...]:
    return tuple(k for k in (token_key(t) for t in bare.split()) if k)


# A small foreign village's GeoNames aliases (Turkish names, old spellings) collide with
# words and given names ("Sara", "Serkan", "Lodi") and are never how reports name it.
FOREIGN_ALIAS_MIN_POPULATION = 20_000


def matchable_names(entry: Entry) -> tuple[str, ...]:
    """The names of ``entry`` the index holds."""
    if entry.country != "SY" and entry.source == "geonames" and entry.population < FOREIGN_ALIAS_MIN_POPULATION:
        return entry.main_names + tuple(a for a in entry.aliases if is_arabic(a))
    return entry.names


def _forms(name: str) -> tuple[str, str, str]:
    folded = fold(name)
    bare = strip_articles(folded)
    return folded, bare, "".join(token_keys(bare))


def _main_forms(entry: Entry) -> tuple[frozenset[str], ...]:
    forms = [_forms(name) for name in entry.main_names]
    return tuple(frozenset(f[i] for f in forms) for i in range(3))


@lru_cache(maxsize=100_000)
def core_of(bare: str) -> tuple[str, descriptors.Descriptor | None]:
    """(core key, descriptor or None) of an article-free folded name."""
    tokens = tuple(bare.split())
    core, descriptor, _ = descriptors.split_suffix(tokens)
    if descriptor is None:
        core, descriptor, _ = descriptors.split_prefix(tokens)
    return "".join(token_keys(" ".join(core))), descriptor


@dataclass
class NameIndex:
    entries: list[Entry]
    by_fold: dict[str, list[int]]
    by_bare: dict[str, list[int]]
    by_key: dict[str, list[int]]
    by_core: dict[str, list[int]]
    by_skeleton: dict[str, list[int]]
    by_arabic: dict[str, list[int]]
    by_spell: dict[str, list[int]]
    groups: list[frozenset[str]]  # per entry: descriptor groups its names use ("air", "silo")
    main_forms: list[tuple[frozenset[str], ...]]  # per entry: (folds, bares, keys) of its main names
    fuzzy_keys: list[str]
    fuzzy_cores: list[str]
    key_prefixes: frozenset[str]
    spell_prefixes: frozenset[str]

    @classmethod
    def build(cls, entries: list[Entry]) -> "NameIndex":
        tables = {name: defaultdict(list) for name in
                  ("fold", "bare", "key", "core", "skeleton", "arabic", "spell")}
        prefixes: set[str] = set()
        spell_prefixes: set[str] = set()
        groups: list[set[str]] = [set() for _ in entries]

        def add(table: str, form: str, position: int) -> None:
            bucket = tables[table][form]
            if form and position not in bucket:
                bucket.append(position)

        for position, entry in enumerate(entries):
            for name in matchable_names(entry):
                if is_arabic(name):
                    add("arabic", fold_arabic(name), position)
                    spell = arabic_key(name)
                    add("spell", spell, position)
                    spell_prefixes.update(spell[:n] for n in range(1, len(spell) + 1))
                    continue
                folded = fold(name)
                if not folded:
                    continue
                bare = strip_articles(folded)
                keys = token_keys(bare)
                key = "".join(keys)
                add("fold", folded, position)
                add("bare", bare, position)
                add("key", key, position)
                core, descriptor = core_of(bare)
                add("core", core or key, position)
                if descriptor is not None:
                    groups[position].add(descriptor.group)
                if len(skeleton(key)) >= 4:
                    add("skeleton", skeleton(key), position)
                prefixes.update(key[:n] for n in range(1, len(key) + 1))
                spell = latin_key(name)
                add("spell", spell, position)
                spell_prefixes.update(spell[:n] for n in range(1, len(spell) + 1))
        return cls(
            entries=entries,
            by_fold=dict(tables["fold"]),
            by_bare=dict(tables["bare"]),
            by_key=dict(tables["key"]),
            by_core=dict(tables["core"]),
            by_skeleton=dict(tables["skeleton"]),
            by_arabic=dict(tables["arabic"]),
            by_spell=dict(tables["spell"]),
            groups=[frozenset(g) for g in groups],
            main_forms=[_main_forms(e) for e in entries],
            fuzzy_keys=sorted(k for k in tables["key"] if len(k) >= 4),
            fuzzy_cores=sorted(k for k in tables["core"] if len(k) >= 4),
            key_prefixes=frozenset(prefixes),
            spell_prefixes=frozenset(spell_prefixes),
        )
