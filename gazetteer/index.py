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

from dataclasses import dataclass, field
from functools import lru_cache

from gazetteer import descriptors
from gazetteer.normalize import (
    fold, fold_arabic, is_arabic, skeleton, strip_articles, token_key,
)
from gazetteer.spelling import arabic_key, latin_key
from gazetteer.sources import Entry


@lru_cache(maxsize=100_000)
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


def _forms(name: str, cached: dict[str, tuple]) -> tuple[str, str, str]:
    forms = cached.get(name) or name_forms(name)
    return (forms[0], forms[1], forms[2]) if forms[0] != ARABIC else ("", "", "")


def _main_forms(entry: Entry, cached: dict[str, tuple]) -> tuple[frozenset[str], ...]:
    forms = [_forms(name, cached) for name in entry.main_names]
    return tuple(frozenset(f[i] for f in forms) for i in range(3))


ARABIC = "@ar"  # first field of an Arabic name's forms (no folded name has an "@")


@lru_cache(maxsize=100_000)
def name_forms(name: str) -> tuple:
    """Every indexed form of one name, computed once per distinct name: (folded, bare, key,
    core, descriptor group or "", skeleton or "", spelling key); for Arabic script
    (``ARABIC``, folded Arabic, spelling key)."""
    if is_arabic(name):
        return ARABIC, fold_arabic(name), arabic_key(name)
    folded = fold(name)
    if not folded:
        return ("",) * 7
    bare = strip_articles(folded)
    key = "".join(token_keys(bare))
    core, descriptor = core_of(bare)
    skel = skeleton(key)
    return (folded, bare, key, core or key, descriptor.group if descriptor else "",
            skel if len(skel) >= 4 else "", latin_key(name))


_FORMS: dict[str, tuple] | None = None


def _cached_forms() -> dict[str, tuple]:
    global _FORMS
    if _FORMS is None:
        from gazetteer import formcache
        _FORMS = formcache.load()
    return _FORMS


def _prefixes(table: dict[str, list[int]]) -> frozenset[str]:
    return frozenset(key[:n] for key in table for n in range(1, len(key) + 1))


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
    _buckets: dict = field(default_factory=dict, compare=False, repr=False)
    _priors: list = field(default_factory=list, compare=False, repr=False)

    def prior(self, position: int) -> float:
        """``context.prior`` of the entry at ``position``, computed once."""
        priors = self._priors
        if not priors:
            priors.extend([None] * len(self.entries))
        value = priors[position]
        if value is None:
            from gazetteer.context import prior
            value = priors[position] = prior(self.entries[position])
        return value

    def near_choices(self, choices: list[str], probe: str) -> list[str]:
        """The keys of ``choices`` that could reach a fuzzy cutoff of 84+ against ``probe``:
        the same first letter and a length within 2 (a longer gap caps rapidfuzz's ratio
        below the cutoff). Buckets are built on first use."""
        buckets = self._buckets.get(id(choices))
        if buckets is None:
            buckets = {}
            for key in choices:
                buckets.setdefault((key[:1], len(key)), []).append(key)
            self._buckets[id(choices)] = buckets
        out: list[str] = []
        for length in range(len(probe) - 2, len(probe) + 3):
            out.extend(buckets.get((probe[:1], length), ()))
        return out

    @classmethod
    def build(cls, entries: list[Entry], forms: dict[str, tuple] | None = None) -> "NameIndex":
        """The index of ``entries``; ``forms`` (name -> ``name_forms``), computed at build time
        (``formcache``), saves computing them."""
        forms = _cached_forms() if forms is None else forms
        by_fold: dict[str, list[int]] = {}
        by_bare: dict[str, list[int]] = {}
        by_key: dict[str, list[int]] = {}
        by_core: dict[str, list[int]] = {}
        by_skeleton: dict[str, list[int]] = {}
        by_arabic: dict[str, list[int]] = {}
        by_spell: dict[str, list[int]] = {}
        groups: list[frozenset[str]] = []

        def add(table: dict[str, list[int]], form: str, position: int) -> None:
            if form:
                bucket = table.setdefault(form, [])
                if not bucket or bucket[-1] != position:
                    bucket.append(position)

        for position, entry in enumerate(entries):
            entry_groups = set()
            for name in matchable_names(entry):
                these = forms.get(name) or name_forms(name)
                if these[0] == ARABIC:
                    add(by_arabic, these[1], position)
                    add(by_spell, these[2], position)
                    continue
                folded, bare, key, core, group, skel, spell = these
                if not folded:
                    continue
                add(by_fold, folded, position)
                add(by_bare, bare, position)
                add(by_key, key, position)
                add(by_core, core, position)
                add(by_skeleton, skel, position)
                add(by_spell, spell, position)
                if group:
                    entry_groups.add(group)
            groups.append(frozenset(entry_groups))
        tables = {"fold": by_fold, "bare": by_bare, "key": by_key, "core": by_core,
                  "skeleton": by_skeleton, "arabic": by_arabic, "spell": by_spell}
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
            main_forms=[_main_forms(e, forms) for e in entries],
            fuzzy_keys=sorted(k for k in tables["key"] if len(k) >= 4),
            fuzzy_cores=sorted(k for k in tables["core"] if len(k) >= 4),
            key_prefixes=_prefixes(by_key),
            spell_prefixes=_prefixes(by_spell),
        )
