"""The ``Gazetteer``: loaded entries, their index, and name -> ``Place`` resolution.

Build one with ``Gazetteer.default()`` (cached; all CSVs of ``data/gazetteer`` plus the
cache of the online fallback) or ``Gazetteer(entries)`` for tests. Resolution order for a
name: the stop list of non-places, then the index tiers of ``match``, ranked by ``context``
(a whole river or border is then placed near the context's places, see ``lines``); then the
name read as a phrase by the geoparser ("25 km north of X", "eastern Hama"); and last the
online fallback, only when it is switched on.
"""
from __future__ import annotations

import gc
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

import settings
from gazetteer import descriptors, stopnames
from gazetteer.context import (FAR_APART_KM, FOCUS_KM, Context, admissible, approx_km, choose, is_big, is_inexact,
                               is_minor, is_quarter, rank)
from gazetteer.index import NameIndex
from gazetteer.match import (SHORT_SPELL_KM, candidates, has_short_spelling, near_spelling, of_family, short_spelling,
                             suggestions)
from gazetteer.normalize import fold, is_arabic, strip_articles
from gazetteer.place import Place
from gazetteer.sources import DEFAULT_UNCERTAINTY_KM, Entry, load_entries, runtime_sources, static_sources

ContextLike = Context | str | Iterable[Place] | None
# Words without which a name cannot be a relative or directional phrase (a cheap first test).
_PHRASE_CUE_RE = re.compile(r"\d|\b(?:north|south|east|west|central|of|from|within|outskirts|bank|border)|['’]s\b",
                            re.IGNORECASE)


# Tiers whose answer may pin a document's context down: the name as written, not a feature
# named after a place ("X hills") nor a spelling guess.
SURE_TIERS = frozenset({"fold", "bare", "key", "glued"})


def _own_descriptor(best) -> bool:
    """A name found with the descriptor of its own kind ("Raqqa city", "Tabqa dam"): as sure as
    the bare name."""
    descriptor = best.candidate.descriptor
    return (best.candidate.tier == "core" and descriptor is not None
            and descriptors.family_of_kind(best.entry.kind) == descriptor.family)


# Two places of one name closer than ``context.FAR_APART_KM`` are no rivals (one answer is as
# good a point as the other), but farther than this (km) they are two villages: neither pins the
# document's context down, or the first reading's pick would vote for itself.
HOMONYM_KM = 5.0


def _near_homonym(best, found, entries) -> bool:
    """Whether another candidate of ``best``'s tier is a village of its own, a few km off."""
    entry = best.entry
    for candidate in found:
        other = entries[candidate.position]
        if (other is not entry and candidate.tier == best.candidate.tier and other.kind == "village"
                and approx_km(entry.lat, entry.lon, other.lat, other.lon) > HOMONYM_KM):
            return True
    return False


def _rival_town(best, found, entries) -> bool:
    """Whether another candidate of ``best``'s tier is a town or city of the name far off: two
    towns of one name (Suran in Hama and in A'zaz) are told apart only by the rest of the
    report, so the bigger one's prior must not pin the report's context down and vote for itself."""
    entry = best.entry
    for candidate in found:
        other = entries[candidate.position]
        if (other is not entry and candidate.tier == best.candidate.tier and other.kind in ("town", "city")
                and approx_km(entry.lat, entry.lon, other.lat, other.lon) > FAR_APART_KM):
            return True
    return False


class Resolution(NamedTuple):
    """One written name resolved: the place (or None), whether the document's context could
    change the answer (several candidates, or an inexact match), and whether the answer is
    sure enough to pin the document's context down (an exact match, unrivalled or big)."""

    place: Place | None
    contextual: bool
    sure: bool
    tier: str = ""  # the ``match`` tier of the answer ("fold", "key", "spell"...)


class Gazetteer:
    """Offline name resolution over a fixed list of entries."""

    def __init__(self, entries: list[Entry], stop: stopnames.StopNames | None = None,
                 online=None, index: NameIndex | None = None) -> None:
        self.index = index if index is not None else NameIndex.build(entries)
        self.stop = stop if stop is not None else stopnames.StopNames.empty()
        self.online = online  # an ``online.OnlineGeocoder`` or None

    @property
    def entries(self):
        """Every entry, in the index's order (a sequence; entries of a loaded index are made
        as they are read)."""
        return self.index.entries

    @classmethod
    def from_dir(cls, data_dir: Path, online=None) -> "Gazetteer":
        """The gazetteer over a data folder: the index built ahead (``compiled``) when it is
        current, else built from the sources; then the corrections and the online cache."""
        from gazetteer import compiled
        data_dir = Path(data_dir)
        index = compiled.load(data_dir / "gazetteer" / "index.tsv", data_dir)
        if index is None:
            index = NameIndex.build(load_entries(static_sources(data_dir)))
        for source in runtime_sources(data_dir):
            for entry in source.entries():
                index.add(entry)
        return cls([], stopnames.StopNames.load(data_dir), online, index)

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "Gazetteer":
        gazetteer = Gazetteer.from_dir(settings.DATA_DIR)
        # What is loaded by now (the gazetteer, the modules of whoever asked for it) lives as
        # long as the process: frozen out of the cycle collector, whose full collections would
        # otherwise walk it again and again, and in a forked reader (events/worker.py, the
        # benchmarks) write to every memory page it sits on, copying them (~10 % of a fresh
        # fork's CPU time). Garbage without cycles is still freed at once.
        gc.freeze()
        return gazetteer

    # -- resolution -------------------------------------------------------------------

    def context_of(self, context: ContextLike) -> Context | None:
        """A ``Context`` from a document text, resolved places, or a ready Context."""
        if context is None or isinstance(context, Context):
            return context
        if isinstance(context, str):
            return self._text_context(context)
        return Context.of_places(context)

    def _text_context(self, text: str) -> Context:
        """A document's context, remembered for the last few documents (callers resolve many
        names against one document)."""
        cache = self.__dict__.setdefault("_contexts", {})
        if text not in cache:
            from gazetteer.geoparser import document_context
            if len(cache) >= 16:
                cache.pop(next(iter(cache)))
            cache[text] = document_context(self, text)
        return cache[text]

    def resolve(self, name: str, context: ContextLike = None, online: bool | None = None,
                lines_near_context: bool = True) -> Place | None:
        """The place ``name`` most likely means, or None; see the module docstring. With
        ``lines_near_context`` false the context only tells homonyms apart: a whole river or
        border is not moved to the stretch near the context's places."""
        name = (name or "").strip()
        if not name or self.stop.is_stop(name):
            return None
        context = self.context_of(context)
        if context is None and not (settings.ONLINE_GEOCODER if online is None else online):
            # Without context an answer depends on the name alone: remembered (``add`` forgets).
            cache = self.__dict__.setdefault("_alone", {})
            if name not in cache:
                if len(cache) >= 50_000:
                    cache.clear()
                cache[name] = self._resolve(name, None, online, lines_near_context)
            return cache[name]
        return self._resolve(name, context, online, lines_near_context)

    def _resolve(self, name: str, context: Context | None, online: bool | None,
                 lines_near_context: bool) -> Place | None:
        # A name as written first; a phrase ("the eastern countryside of X") before a fuzzy
        # guess at the whole phrase as a name.
        place = self.resolve_name(name, context, fuzzy=False, spelling=True)
        if place is None:
            place = self._resolve_phrase(name, context)
        if place is None:
            place = self.resolve_name(name, context)
        if context and lines_near_context:
            from gazetteer import lines  # only a context says which stretch of a line is meant
            if place is not None:
                return lines.near_context(place, context)
        if place is not None:
            return place
        if context and lines_near_context and lines.is_bare_border(name):
            # "the Syrian border" in a text about Abu Kamal: Syria's outline where it is nearest.
            place = lines.near_context(lines.SYRIA_BORDER, context)
            if place is not lines.SYRIA_BORDER:
                return replace(place, name="Syria border", source="basemap (Natural Earth outline) + nearest point of the line")
        use_online = settings.ONLINE_GEOCODER if online is None else online
        if not use_online:
            return None
        if self.online is None:
            from gazetteer.online import OnlineGeocoder
            self.online = OnlineGeocoder(settings.DATA_DIR / "gazetteer" / "nominatim_cache.csv")
        entry = self.online.lookup(name)
        if entry is None:
            return None
        self.add(entry)
        return entry.to_place(0.7)

    def add(self, entry: Entry) -> None:
        """Make a new entry (an online answer, an analyst's correction) resolvable from now on;
        it replaces an entry of the same id (an earlier correction of the name). A correction
        outranks other sources by its prior (``context.prior``), not by its position."""
        self.index.add(entry)
        for cache in ("_contexts", "_alone", "_named_parts", "_answers"):
            self.__dict__.pop(cache, None)

    def _resolve_phrase(self, phrase: str, context: Context | None) -> Place | None:
        """A phrase such as "25 km north of X" or "the eastern countryside of X": the place of
        the one mention that covers it (but for a leading "the"), if the geoparser finds one."""
        if not _PHRASE_CUE_RE.search(phrase):
            return None
        from gazetteer.geoparser import geoparse
        mentions = geoparse(self, phrase, context, generic_too=True)
        core = phrase[4:] if phrase.lower().startswith("the ") else phrase
        covering = [m for m in mentions if len(m.text) >= len(core.strip(" .,;:"))]
        return covering[0].place if covering else None

    def resolve_name(self, name: str, context: Context | None = None, fuzzy: bool = True,
                     spelling: bool | None = None) -> Place | None:
        """Offline lookup of one written name (no stop list, no online fallback); ``fuzzy``
        and ``spelling`` (default: as ``fuzzy``) allow the inexact tiers of ``match``."""
        return self.resolve_detail(name, context, fuzzy, spelling).place

    def resolve_detail(self, name: str, context: Context | None = None, fuzzy: bool = True,
                       spelling: bool | None = None, family: str = "") -> Resolution:
        """``resolve_name``'s answer, whether context could change it and whether it is sure.
        ``family`` is the kind of place the text around the name says it is ("the village of X":
        ``settlement``, see ``descriptors.family_of_kind``): the name's places of that family in
        any exact tier, if there are any, compete instead of its first tier."""
        spelling = fuzzy if spelling is None else spelling
        memo = self._memo()
        if context is None:
            # Without context the answer depends on the name alone: reports name the same places
            # again and again, and the geoparser asks for every name once without context.
            answer = memo.get((name, fuzzy, spelling, family))
            if answer is None:
                answer = memo[(name, fuzzy, spelling, family)] = self._resolve_detail(name, None, fuzzy, spelling,
                                                                                       memo, family)
            return answer
        return self._resolve_detail(name, context, fuzzy, spelling, memo, family)

    def _memo(self) -> dict:
        """Answers that depend on the index alone, for its current version (``add`` changes it)."""
        cached = self.__dict__.get("_answers")
        if cached is None or cached[0] is not self.index or cached[1] != self.index.version or len(cached[2]) > 100_000:
            cached = self._answers = (self.index, self.index.version, {})
        return cached[2]

    def _resolve_detail(self, name: str, context: Context | None, fuzzy: bool, spelling: bool,
                        memo: dict, family: str = "") -> Resolution:
        found = memo.get(("candidates", name, fuzzy, spelling))
        if found is None:  # the same with any context: only their ranking depends on it
            found = memo[("candidates", name, fuzzy, spelling)] = candidates(self.index, name, fuzzy=fuzzy,
                                                                             spelling=spelling)
        short = not found and spelling and has_short_spelling(self.index, name)
        if short and context and context.points:
            found = short_spelling(self.index, name, context.nearest_km)
        found_all = found
        if found:
            entries = self.index.entries
            found = [c for c in found if admissible(c, entries[c.position], name, context)]
            if family:
                # "the villages of A and al-Hamidiyeh" are no city quarter of that name: the
                # villages spelt so in any exact tier compete (by context) instead.
                fitting = [c for c in found if descriptors.family_of_kind(entries[c.position].kind) == family]
                seen = {c.position for c in fitting}
                fitting += [c for c in of_family(self.index, name, family)
                            if c.position not in seen and admissible(c, entries[c.position], name, context)]
                found = fitting or found
        # With a family, the name's places of other families are no spelling alike either.
        named = {c.position for c in found} | ({c.position for c in found_all} if family else set())
        if not found:
            # A two-consonant spelling ("Bza'a") may still be a place near the report's others.
            return Resolution(None, bool(short) and not (context and context.points), False)
        chosen = choose(rank(found, self.index, context), context)
        if chosen is None and context and context.points:
            # Every place of that very name is refused (far from the report): one spelt alike near
            # the report's places is meant ("Sheikh Saeed" in a report on Aleppo: its Sheikh Said).
            chosen = self._spelt_alike_near(name, context, named, family)
        elif (chosen is not None and context and context.points and is_minor(chosen[0].entry)
              and not is_inexact(chosen[0].candidate)
              and context.nearest_km(chosen[0].entry.lat, chosen[0].entry.lon, other_than_itself=True)
              > (FOCUS_KM if chosen[0].entry.marked else SHORT_SPELL_KM)):
            # A village of that very name away from the report's places, and one spelt alike
            # among them ("Hbeit" in a report on southern Idlib is its Hbit, not Latakia's Hbeit);
            # for a village the war map marks, far away.
            chosen = self._spelt_alike_near(name, context, named, family) or chosen
        if chosen is None:
            return Resolution(None, True, False)
        best, confidence = chosen
        place = self._place(name, best, confidence)
        sure = ((best.candidate.tier in SURE_TIERS or _own_descriptor(best)) and (confidence >= 0.8 or is_big(best.entry))
                and not (is_minor(best.entry) and _near_homonym(best, found, entries))
                and not _rival_town(best, found, entries))
        contextual = len(found) > 1 or is_inexact(best.candidate) or is_minor(best.entry) or is_quarter(best.entry)
        return Resolution(place, contextual, sure, best.candidate.tier)

    def _spelt_alike_near(self, name: str, context: Context, named: set[int], family: str = ""):
        """``choose``'s answer among the places spelt like ``name`` (not those ``named`` so) within
        ``SHORT_SPELL_KM`` of the report's places, of ``family`` if one is given, or None."""
        entries = self.index.entries
        near = [c for c in near_spelling(self.index, name, context.nearest_km, named)
                if admissible(c, entries[c.position], name, context)
                and (not family or descriptors.family_of_kind(entries[c.position].kind) == family)]
        return choose(rank(near, self.index, context), context) if near else None

    def _place(self, name: str, best, confidence: float) -> Place:
        score = best.candidate.match * confidence
        descriptor = best.candidate.descriptor
        if descriptor and descriptors.family_of_kind(best.entry.kind) != descriptor.family:
            return self._named_after(best.entry, name, descriptor.family, score)
        return best.entry.to_place(score)

    def _named_after(self, entry: Entry, name: str, family: str, score: float) -> Place:
        """A feature the gazetteer lacks, placed at the settlement it is named after.

        "Maskana silos" with no silos row is Maskanah with the kind of a site and at least a
        site's uncertainty; "Raqqa countryside" is a region around Raqqa. A row that is
        already a feature (a region, a site) is kept as it is.
        """
        if family in ("settlement", "governorate") or entry.kind not in ("city", "town", "village"):
            return entry.to_place(score)
        kind = descriptors.KIND_OF_FAMILY[family]
        tokens = tuple(strip_articles(fold(name)).split())
        _, _, n = descriptors.split_suffix(tokens)
        label = f"{entry.name} {' '.join(tokens[-n:])}" if n else entry.name
        floor_km = 25.0 if family == "region" else DEFAULT_UNCERTAINTY_KM[kind]
        return entry.to_place(score * 0.95, name=label, kind=kind,
                              uncertainty_km=max(entry.uncertainty_km, floor_km),
                              source=f"{entry.source} (named after)")

    def geoparse(self, text: str, context: ContextLike = None, deadline: float | None = None) -> list:
        """Place mentions in ``text`` (see ``gazetteer.geoparser``); past ``deadline`` (a
        ``time.monotonic()`` value) ``geoparser.OverBudget`` is raised and nothing returned."""
        from gazetteer.geoparser import geoparse
        return geoparse(self, text, self.context_of(context), deadline=deadline)

    def report_governorates(self, text: str) -> list[tuple[str, float]]:
        """The governorates a report is about, as (governorate, share of its place mentions),
        most mentioned first; places outside Syria and country-wide regions are left out."""
        counts: dict[str, int] = {}
        for mention in self.geoparse(text):
            place = mention.place
            if place.governorate and place.country == "SY":
                counts[place.governorate] = counts.get(place.governorate, 0) + 1
        total = sum(counts.values())
        return sorted(((g, round(n / total, 3)) for g, n in counts.items()), key=lambda x: (-x[1], x[0]))

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Names in the gazetteer that look like ``name`` (for a failed lookup); none for a
        known non-place ("Tiger Forces")."""
        if not name or is_arabic(name) or self.stop.is_stop(name):
            return []
        return suggestions(self.index, name, n)

    @property
    def by_id(self) -> "EntriesById":
        """Entries by id, and by the ids of rows folded into them (``sources.merge_same``)."""
        return EntriesById(self.index)


class EntriesById(Mapping):
    """A read-only view of an index's entries by id (see ``Gazetteer.by_id``)."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index

    def __getitem__(self, entry_id: str) -> Entry:
        position = self.index.position_of(entry_id)
        if position is None:
            raise KeyError(entry_id)
        return self.index.entries[position]

    def __iter__(self):
        return (e.id for e in self.index.entries)

    def __len__(self) -> int:
        return len(self.index.entries)
