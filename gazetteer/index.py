"""Lookup tables from every written form of every name to gazetteer entries.

Small foreign places from GeoNames are indexed under their main and Arabic names only.
An entry's main names (its display name and, for GeoNames rows, GeoNames' own name) are
marked by ``main_forms``: they outrank another place's alias.
Tiers, strictest first, each a mapping from a normalised form to entry positions:

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
``key_prefixes`` and ``spell_prefixes`` answer whether a string begins some key or spelling
key, so the geoparser can stop extending a span early.

``NameIndex.build(entries)`` computes every form of every name (about a second for the
committed data); ``gazetteer.compiled`` stores the result at build time and loads it in a
few tens of milliseconds, the tables' posting lists and the entries being parsed only when
asked for (``Postings``, ``compiled.Entries``). ``add`` puts one more entry in (an online
answer, an analyst's correction) without rebuilding.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from gazetteer import descriptors
from gazetteer.normalize import (
    compass_first, fold, fold_arabic, is_arabic, skeleton, strip_articles, token_key,
)
from gazetteer.spelling import arabic_key, latin_key
from gazetteer.sources import Entry


@lru_cache(maxsize=100_000)
def token_keys(bare: str) -> tuple[str, ...]:
    return tuple(k for k in (token_key(t) for t in bare.split()) if k)


# A small foreign village's GeoNames aliases (Turkish names, old spellings) collide with
# words and given names ("Sara", "Serkan", "Lodi") and are never how reports name it.
FOREIGN_ALIAS_MIN_POPULATION = 20_000
TABLES = ("fold", "bare", "key", "core", "skeleton", "arabic", "spell")
# Tables of spelling guesses and sound-alike keys (with or without a descriptor: "core"), which
# a war-map label is not in (a place known only from the war map, or a label folded into another
# source's place): the labels are the press's own spellings, found as written; thousands of
# short ones would otherwise meet English words by their consonants ("border" and "Bayr
# al-Dayr"), and a sound-alike label would outrank, by its tier, the spelling of the place the
# report is about.
_GUESS_TABLES = frozenset({"key", "core", "skeleton", "spell"})


# A town abroad smaller than this answers to its names as written only: its aliases' sound-alikes
# are Syrian places' ("Selahedin", Iraq's Pirmam, for Aleppo's Salah ad-Din).
ABROAD_GUESS_MIN_POPULATION = 100_000


def _as_written_only(entry: Entry) -> frozenset[str] | None:
    """The names of ``entry`` indexed only as written: all of a war-map place's or of a smaller
    town abroad's (None), the war-map labels folded into another place, or none (an empty set)."""
    if entry.source == "wpmodule" or (entry.raw and entry.raw.get("abroad") == "1"
                                      and entry.population < ABROAD_GUESS_MIN_POPULATION):
        return None
    labels = entry.raw.get("wpmodule_labels") if entry.raw else None
    return frozenset(labels.split("|")) if labels else frozenset()


def matchable_names(entry: Entry) -> tuple[str, ...]:
    """The names of ``entry`` the index holds: its names, and those with an Arabic compass
    adjective after the noun also in English order ("Eastern Ghutah" for "al Ghutah ash
    Sharqiyah", ``normalize.compass_first``)."""
    if entry.country != "SY" and entry.source == "geonames" and entry.population < FOREIGN_ALIAS_MIN_POPULATION:
        return entry.main_names + tuple(a for a in entry.aliases if is_arabic(a))
    reordered = tuple(dict.fromkeys(r for r in map(compass_first, entry.names) if r and not is_arabic(r)))
    return entry.names + reordered if reordered else entry.names


ARABIC = "@ar"  # first field of an Arabic name's forms (no folded name has an "@")


@lru_cache(maxsize=100_000)
def name_forms(name: str) -> tuple:
    """Every indexed form of one name: (folded, bare, key, core, descriptor group or "",
    skeleton or "", spelling key); for Arabic script (``ARABIC``, folded Arabic, spelling key)."""
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


@lru_cache(maxsize=100_000)
def _main_name_forms(name: str) -> tuple[str, str, str] | None:
    """``name_forms(name)[:3]`` (folded, bare, key), None for Arabic script: the forms
    ``NameIndex.main_forms`` compares, without the spelling key and core it does not use."""
    if is_arabic(name):
        return None
    folded = fold(name)
    if not folded:
        return "", "", ""
    bare = strip_articles(folded)
    return folded, bare, "".join(token_keys(bare))


def main_forms_of(entry: Entry) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(folded, bare, key) forms of the Latin-script main names of ``entry``."""
    forms = [f for f in map(_main_name_forms, entry.main_names) if f is not None]
    return tuple(frozenset(f[i] for f in forms) for i in range(3))


def table_forms(name: str) -> Iterable[tuple[str, str]]:
    """(table, form) pairs under which ``name`` is indexed; the descriptor group aside."""
    forms = name_forms(name)
    if forms[0] == ARABIC:
        return (("arabic", forms[1]), ("spell", forms[2]))
    if not forms[0]:
        return ()
    folded, bare, key, core, _, skel, spell = forms
    return (("fold", folded), ("bare", bare), ("key", key), ("core", core), ("skeleton", skel), ("spell", spell))


def entry_groups(entry: Entry) -> frozenset[str]:
    """The descriptor groups the names of ``entry`` use ("air", "silo")."""
    return frozenset(g for g in (name_forms(n)[4] for n in matchable_names(entry) if not is_arabic(n)) if g)


@lru_cache(maxsize=100_000)
def core_of(bare: str) -> tuple[str, descriptors.Descriptor | None]:
    """(core key, descriptor or None) of an article-free folded name."""
    tokens = tuple(bare.split())
    core, descriptor, _ = descriptors.split_suffix(tokens)
    if descriptor is None:
        core, descriptor, _ = descriptors.split_prefix(tokens)
    return "".join(token_keys(" ".join(core))), descriptor


_UNSEEN = object()
IS_PREFIX, IS_FORM = 1, 2  # ``Postings.probe``


class Postings:
    """A table: form -> entry positions, in index order.

    A loaded index (``compiled``) keeps each table as its file's sorted lines ("form<TAB>ids")
    and finds a form by binary search, parsing its list on first use; forms an ``add`` changed
    live in a dictionary of their own, which is the whole table of a built index. Reads like a
    dictionary: ``get``, ``in``, ``[]``, iteration over the forms (sorted)."""

    def __init__(self, lines: list[str] | None = None, parse: Callable[[str], list[int]] | None = None) -> None:
        self._lines = lines or []
        self._parse = parse
        self._own: dict[str, list[int]] = {}  # forms changed since loading ([] = none left)
        self._cache: dict[str, list[int] | None] = {}  # forms read from the lines
        self._sorted: list[str] | None = None
        self._probes: dict[str, int] = {}

    def get(self, form: str, default=None):
        value = self._own.get(form)
        if value is None and self._lines:
            value = self._cache.get(form, _UNSEEN)
            if value is _UNSEEN:
                if len(self._cache) > 200_000:
                    self._cache.clear()
                value = self._cache[form] = self._read(form)
        return value or default

    def _read(self, form: str) -> list[int] | None:
        lines, probe = self._lines, form + "\t"
        k = bisect.bisect_left(lines, probe)
        if k < len(lines) and lines[k].startswith(probe):
            return self._parse(lines[k][len(probe):])
        return None

    def __contains__(self, form: str) -> bool:
        return bool(self.get(form))

    def __getitem__(self, form: str) -> list[int]:
        value = self.get(form)
        if not value:
            raise KeyError(form)
        return value

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def keys(self) -> list[str]:
        """Every form, sorted."""
        if self._sorted is None:
            forms = [line[:line.index("\t")] for line in self._lines]
            if self._own:
                forms = sorted({*forms, *self._own} - {f for f, bucket in self._own.items() if not bucket})
            self._sorted = forms
        return self._sorted

    def probe(self, text: str) -> int:
        """``IS_PREFIX`` if some form begins with ``text``, plus ``IS_FORM`` if ``text`` is one
        (one binary search answers both; remembered)."""
        known = self._probes.get(text)
        if known is None:
            if self._own:
                keys = self.keys()
                k = bisect.bisect_left(keys, text)
                known = (IS_PREFIX if k < len(keys) and keys[k].startswith(text) else 0) | (IS_FORM if self.get(text) else 0)
            else:
                lines = self._lines
                k = bisect.bisect_left(lines, text)
                line = lines[k] if k < len(lines) else ""
                known = (IS_PREFIX if line.startswith(text) else 0) | (IS_FORM if line.startswith(text + "\t") else 0)
            if len(self._probes) > 200_000:
                self._probes.clear()
            self._probes[text] = known
        return known

    def add(self, form: str, position: int) -> None:
        if form:
            bucket = list(self.get(form, ()))
            if not bucket or bucket[-1] != position:
                bucket.append(position)
            self._changed(form, bucket)

    def discard(self, form: str, position: int) -> None:
        bucket = self.get(form)
        if bucket and position in bucket:
            self._changed(form, [p for p in bucket if p != position])

    def _changed(self, form: str, bucket: list[int]) -> None:
        if form not in self._own or not bucket or not self._own[form]:
            self._sorted = None
            self._probes.clear()
        self._own[form] = bucket


class Prefixes:
    """Whether a string begins any form of a table: ``"dir" in index.key_prefixes``."""

    def __init__(self, table: Postings) -> None:
        self.table = table

    def __contains__(self, prefix: str) -> bool:
        return bool(self.table.probe(prefix) & IS_PREFIX)


class NameIndex:
    """The tables over ``entries`` (a sequence: a list, or ``compiled.Entries``)."""

    def __init__(self, entries: Sequence[Entry], tables: dict[str, Postings],
                 words: Iterable[str] | None = None) -> None:
        self.entries = entries
        self.by_fold, self.by_bare, self.by_key, self.by_core, self.by_skeleton, self.by_arabic, self.by_spell = (
            tables[name] for name in TABLES)
        self._tables = tables
        self._groups: list = [None] * len(entries)
        self._main_forms: list = [None] * len(entries)
        self._priors: list = [None] * len(entries)
        self._words = set(words) if words is not None else None
        self.key_prefixes = Prefixes(self.by_key)
        self.spell_prefixes = Prefixes(self.by_spell)
        self._fuzzy: dict[str, list[str]] = {}
        self._buckets: dict = {}
        self.version = 0  # counts ``add``s, for caches kept outside

    @classmethod
    def build(cls, entries: list[Entry]) -> "NameIndex":
        """The index of ``entries``, every form computed (``compiled`` loads a stored one)."""
        index = cls([], {name: Postings() for name in TABLES}, ())
        for entry in entries:
            index.add(entry)
        return index

    # -- growing ------------------------------------------------------------------------

    def add(self, entry: Entry) -> int:
        """Index one more entry, or replace the entry of the same id; its position."""
        position = self.position_of(entry.id, own_only=True)
        if position is None:
            position = len(self.entries)
            self.entries.append(entry)
            for column in (self._groups, self._main_forms, self._priors):
                column.append(None)
        else:
            for name in matchable_names(self.entries[position]):
                for table, form in table_forms(name):
                    self._tables[table].discard(form, position)
            self.entries[position] = entry
            self._main_forms[position] = self._priors[position] = self._groups[position] = None
        written_only = _as_written_only(entry)
        for name in matchable_names(entry):
            as_written = written_only is None or name in written_only
            for table, form in table_forms(name):
                if as_written and table in _GUESS_TABLES:
                    continue
                self._tables[table].add(form, position)
                if table == "fold" and self._words is not None:
                    self._words.update(form.split())
        ids = self.__dict__.get("_ids")
        if ids is not None:
            ids[entry.id] = position
            same = (entry.raw or {}).get("same_as_id")
            if same:
                ids.setdefault(same, position)
        self._fuzzy.clear()
        self._buckets.clear()
        self.version += 1
        return position

    # -- per entry ----------------------------------------------------------------------

    def position_of(self, entry_id: str, own_only: bool = False) -> int | None:
        """The position of the entry with this id, or of the one a row of this id was folded
        into (``sources.merge_same``) unless ``own_only``."""
        ids = self.__dict__.get("_ids")
        if ids is None:
            ids = self._ids = self._id_table()
        position = ids.get(entry_id)
        if position is not None and own_only and self.entries[position].id != entry_id:
            return None
        return position

    def _id_table(self) -> dict[str, int]:
        ids_of = getattr(self.entries, "ids", None)
        if ids_of is not None:
            return ids_of()
        out: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            same = (entry.raw or {}).get("same_as_id")
            if same:
                out.setdefault(same, position)
        out.update((e.id, p) for p, e in enumerate(self.entries))
        return out

    def groups(self, position: int) -> frozenset[str]:
        """Descriptor groups the names of the entry at ``position`` use."""
        value = self._groups[position]
        if value is None:
            stored = getattr(self.entries, "groups", None)
            value = stored(position) if stored is not None else None
            if value is None:
                value = entry_groups(self.entries[position])
            self._groups[position] = value
        return value

    def main_forms(self, position: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(folded, bare, key) forms of the main names of the entry at ``position``."""
        value = self._main_forms[position]
        if value is None:
            stored = getattr(self.entries, "main_forms", None)
            value = stored(position) if stored is not None else None
            if value is None:
                value = main_forms_of(self.entries[position])
            self._main_forms[position] = value
        return value

    def prior(self, position: int) -> float:
        """``context.prior`` of the entry at ``position``, computed once."""
        value = self._priors[position]
        if value is None:
            from gazetteer.context import prior
            value = self._priors[position] = prior(self.entries[position])
        return value

    # -- whole tables -------------------------------------------------------------------

    def words(self) -> set[str]:
        """Every word of every folded name."""
        if self._words is None:
            self._words = {w for folded in self.by_fold for w in folded.split()}
        return self._words

    @property
    def fuzzy_keys(self) -> list[str]:
        return self._fuzzy_list("key", self.by_key)

    @property
    def fuzzy_cores(self) -> list[str]:
        return self._fuzzy_list("core", self.by_core)

    def _fuzzy_list(self, name: str, table: dict) -> list[str]:
        found = self._fuzzy.get(name)
        if found is None:
            found = self._fuzzy[name] = sorted(k for k in table if len(k) >= 4)
        return found

    def near_choices(self, choices: list[str], probe: str) -> list[str]:
        """The keys of ``choices`` (sorted: ``fuzzy_keys``, ``fuzzy_cores``) that could reach a
        fuzzy cutoff of 84+ against ``probe``: the same first letter and a length within 2 (a
        longer gap caps rapidfuzz's ratio below the cutoff). A letter's buckets are built on
        its first use, from its stretch of the sorted keys."""
        letter = probe[:1]
        buckets = self._buckets.get((id(choices), letter))
        if buckets is None:
            buckets = {}
            start = bisect.bisect_left(choices, letter) if letter else 0
            end = (len(choices) if ord(letter) == 0x10FFFF else bisect.bisect_left(choices, chr(ord(letter) + 1))) \
                if letter else 0
            for key in choices[start:end]:
                buckets.setdefault(len(key), []).append(key)
            self._buckets[(id(choices), letter)] = buckets
        out: list[str] = []
        for length in range(len(probe) - 2, len(probe) + 3):
            out.extend(buckets.get(length, ()))
        return out
