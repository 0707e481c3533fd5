"""From a written name to candidate entries, strictest tier first; refuses rather than guesses.

``candidates(index, name)`` returns the entries of the first tier that matches, each with a
match score in [0, 1] saying how closely the written form matched:

=========  =====  ===================================================================
tier       score  matches
=========  =====  ===================================================================
fold       1.00   the same letters ("Al-Tanf" ~ "al tanf")
bare       0.98   the same without the article ("Tanf")
key        0.95   the same phonetic key ("Mayadeen" ~ "Al Mayādīn")
glued      0.93   the key once an article glued to a word is split off ("Alhasakah")
spell      ≤0.92  the same spelling key (``gazetteer.spelling``: "Kafr Nabudah" ~ "Kafr Nabutha" ~
                  كفر نبودة), kept only if the spelling is close enough (``spelling_checked``)
short      ≤0.92  a spelling key of two consonants ("Bza'a" ~ "Baza'a"), only near the report's
                  places (``short_spelling``, asked by the resolver when nothing else matched)
near       ≤0.92  the spelling key, when every place of the name itself was refused as far from
                  the report, or is an unmarked village away from it: only within
                  ``SHORT_SPELL_KM`` of its places (``near_spelling``)
core       0.90   the same name once a descriptor is set aside ("T-2 Station", "Helba area")
skeleton   ≤0.85  the same consonants, and a fuzzy score ≥ 75 ("Khanasser" ~ "Khanasir")
fuzzy      ≤0.85  a rapidfuzz ratio over keys above a length-dependent cutoff
=========  =====  ===================================================================

Short names never match fuzzily: a four-letter key must match exactly, because at that length
one letter changes the place. Tiers from ``spell`` down are inexact (``INEXACT_TIERS``): the
resolver refuses their answers when they lie far from what the rest of the text is about.
"""
from __future__ import annotations

from typing import NamedTuple

from gazetteer.descriptors import Descriptor, family_of_kind, split_prefix, split_suffix
from gazetteer.index import NameIndex, core_of, token_keys
from gazetteer.normalize import (
    compass_first, fold, fold_arabic, is_arabic, name_key, skeleton, strip_articles, unglue_al,
)
from gazetteer.spelling import QUALIFIERS, arabic_key, consonants, latin_key

_LEADING_WORDS = ("the ",)
SUGGESTION_CUTOFF = 65.0
INEXACT_TIERS = frozenset({"spell", "short", "near", "skeleton", "fuzzy", "core-fuzzy"})
# A spelling key holds few letters: a name that shares it must also be spelt alike (rapidfuzz
# ratio of the phonetic keys) to be kept, and not much worse than the best that shares it.
SPELL_MIN_RATIO = 60.0
SPELL_BEST_MARGIN = 15.0
SPELL_MIN_CONSONANTS = 3
# An Arabic-script name has no vowels to compare: a Latin name is never kept for its Arabic
# name's key alone (English words would meet village names: "Territory" ~ دير الزور); an Arabic
# query matched through one is a good match, through a Latin name a weak one.
ARABIC_SPELL_RATIO = 0.0
ARABIC_QUERY_RATIO = 85.0
WEAK_ARABIC_RATIO = 62.0


class Candidate(NamedTuple):
    """An entry (by position in the index) that a written name may mean."""

    position: int
    match: float
    tier: str
    descriptor: Descriptor | None = None  # what a descriptor in the query asked for ("... dam")
    main: bool = False  # the entry's main name, not one of its aliases, matched


def fuzzy_cutoff(key_length: int) -> float | None:
    """Least rapidfuzz ratio accepted for a key of this length; None: exact only."""
    if key_length <= 4:
        return None
    if key_length <= 6:
        return 90.0
    if key_length <= 9:
        return 86.0
    return 84.0


def _tier(positions: list[int] | None, match: float, tier: str,
          descriptor: Descriptor | None = None) -> list[Candidate]:
    return [Candidate(p, match, tier, descriptor) for p in positions or ()]


def _marked(index: NameIndex, positions: list[int] | None, match: float, tier: str, form: int,
            query_form: str) -> list[Candidate]:
    """Candidates of an exact tier, marked when one of the entry's main names (not an alias)
    has the query's form (``form``: 0 folded, 1 bare, 2 key)."""
    return [Candidate(p, match, tier, None, query_form in index.main_forms(p)[form]) for p in positions or ()]


def candidates(index: NameIndex, name: str, fuzzy: bool = True, spelling: bool = True) -> list[Candidate]:
    """Entries ``name`` may mean, from the first tier that matches; ``spelling`` and ``fuzzy``
    allow the spelling-key and the fuzzy tiers."""
    if is_arabic(name):
        found = _tier(index.by_arabic.get(fold_arabic(name)), 1.0, "fold")
        return found or (spelling_checked(index, name, arabic_key(name)) if spelling else [])
    folded = fold(name)
    for word in _LEADING_WORDS:
        if folded.startswith(word):
            folded = folded[len(word):]
    if not folded:
        return []
    bare = strip_articles(folded)
    key = "".join(token_keys(bare))
    found = _marked(index, index.by_fold.get(folded), 1.0, "fold", 0, folded)
    if found:
        return _and_settlements(index, found, bare, key)
    found = _marked(index, index.by_bare.get(bare), 0.98, "bare", 1, bare)
    if found:
        return _and_settlements(index, found, bare, key)
    found = _marked(index, index.by_key.get(key), 0.95, "key", 2, key)
    if found:
        return found
    unglued = " ".join(unglue_al(t) for t in bare.split())
    if unglued != bare:
        found = _tier(index.by_key.get("".join(token_keys(unglued))), 0.93, "glued")
        if found:
            return found
    # "Ghariyeh al-Gharbiyah": the Arabic compass adjective after the noun is the English one
    # before it ("Western Ghariyeh"); the index holds both orders of its own names
    # (``index.matchable_names``), a query is tried in English order too.
    reordered = compass_first(name)
    if reordered:
        found = candidates(index, reordered, fuzzy=False, spelling=spelling)
        if found:
            return found
    core, descriptor = core_of(bare)
    if spelling and not descriptor:
        found = spelling_checked(index, name, latin_key(name))
        if found:
            return found
    if descriptor and core:
        found = _fitting(index, _tier(_core_positions(index, core), 0.90, "core", descriptor))
        if not found and unglued != bare:
            found = _fitting(index, _tier(_core_positions(index, core_of(unglued)[0]), 0.88, "core", descriptor))
        if not found and spelling:
            # "Barzeh district": the name before the descriptor by its spelling key.
            words = bare.split()
            _, _, n = split_suffix(tuple(words))
            if n:
                name_part = " ".join(words[:-n])
                found = _fitting(index, spelling_checked(index, name_part, latin_key(name_part), descriptor))
        if found:
            return found
    if not fuzzy:
        return []
    # With a descriptor, the name part is compared with names' cores ("Khalhala airport" ~
    # "Khalkhalah"); without one, with whole names, so "Maskna" is not the Maskanah silos.
    probe, choices, table = (core, index.fuzzy_cores, index.by_core) if descriptor and core else (key, index.fuzzy_keys, index.by_key)
    if fuzzy_cutoff(len(probe)) is None:
        return []
    words = token_keys(bare)
    if descriptor and core:
        tokens = tuple(bare.split())
        kept, found_descriptor, _ = split_suffix(tokens)
        words = token_keys(" ".join(kept if found_descriptor else split_prefix(tokens)[0]))
    found = _near(index, probe, descriptor, choices, table, words[0] if len(words) > 1 else "")
    return _fitting(index, found) if descriptor and core else found


_AREA_LEVELS = frozenset({"district", "subdistrict"})


def of_family(index: NameIndex, name: str, family: str) -> list[Candidate]:
    """The places of ``family`` (``descriptors.family_of_kind``) called ``name`` in any exact
    tier: the text says "the village of X" and X's first tier holds only its city quarter."""
    if is_arabic(name):
        return []
    folded = fold(name)
    for word in _LEADING_WORDS:
        if folded.startswith(word):
            folded = folded[len(word):]
    bare = strip_articles(folded)
    key = "".join(token_keys(bare))
    found, seen = [], set()
    for candidate in (_marked(index, index.by_fold.get(folded), 1.0, "fold", 0, folded)
                      + _marked(index, index.by_bare.get(bare), 0.98, "bare", 1, bare)
                      + _marked(index, index.by_key.get(key), 0.95, "key", 2, key)):
        if candidate.position not in seen and family_of_kind(index.entries[candidate.position].kind) == family:
            seen.add(candidate.position)
            found.append(candidate)
    return found


def _and_settlements(index: NameIndex, found: list[Candidate], bare: str, key: str) -> list[Candidate]:
    """An exact tier that found only districts or subdistricts (their aliases spell the name as
    the press does: "Maarat al-Numan") also takes the settlements the lower exact tiers find:
    the town an area is named after, spelt otherwise, is what the bare name means."""
    entries = index.entries
    if not all(entries[c.position].level in _AREA_LEVELS for c in found):
        return found
    seen = {c.position for c in found}
    more = _marked(index, index.by_bare.get(bare), 0.98, "bare", 1, bare) + _marked(index, index.by_key.get(key), 0.95, "key", 2, key)
    for candidate in more:
        if candidate.position not in seen and entries[candidate.position].level not in _AREA_LEVELS:
            seen.add(candidate.position)
            found = found + [candidate]
    return found


# Features that are no other family's place: "Tishreen district" is not the Tishreen dam.
_FEATURE_FAMILIES = frozenset({"site", "river"})
# Descriptors of the land around anything ("the Helba area", "the Tanf countryside").
_VICINITY_FAMILIES = frozenset({"area", "region"})


def _fitting(index: NameIndex, found: list[Candidate]) -> list[Candidate]:
    """Candidates of a name with a descriptor less the features of another family: a dam, an
    air base or a river named like the place is not the district, hill or town the text says."""
    def fits(candidate: Candidate) -> bool:
        wanted = candidate.descriptor.family
        got = family_of_kind(index.entries[candidate.position].kind)
        if wanted == "river":  # a river (or its bank, valley) is named for itself, not after a town
            return got not in ("settlement", "district")  # ("Yarmouk River" is no river at the camp)
        return got == wanted or got not in _FEATURE_FAMILIES or wanted in _VICINITY_FAMILIES
    return [c for c in found if fits(c)]


# A key of two consonants ("Bza'a" ~ "Baza'a") is shared by too many names to be a guess
# alone: it is one only for a place this near (km) a place the report pins down.
SHORT_SPELL_KM = 20.0


def _short_key(name: str) -> str:
    """``name``'s spelling key if it is one word of two consonants, else ""."""
    if is_arabic(name) or len(name.split()) != 1:
        return ""
    spell = latin_key(name)
    return spell if consonants(spell) == SPELL_MIN_CONSONANTS - 1 else ""


def has_short_spelling(index: NameIndex, name: str) -> bool:
    """Whether some entry shares ``name``'s two-consonant spelling key (``short_spelling`` may
    then find it, given the report's places)."""
    spell = _short_key(name)
    return bool(spell) and bool(index.by_spell.get(spell))


def short_spelling(index: NameIndex, name: str, near_km) -> list[Candidate]:
    """Entries ``name`` may mean by a spelling key of two consonants, within ``SHORT_SPELL_KM``
    of the report's places (``near_km(lat, lon)``: the distance to the nearest); [] otherwise."""
    spell = _short_key(name)
    if not spell:
        return []
    found = spelling_checked(index, name, spell, min_consonants=SPELL_MIN_CONSONANTS - 1)
    entries = index.entries
    return [c._replace(tier="short") for c in found
            if near_km(entries[c.position].lat, entries[c.position].lon) <= SHORT_SPELL_KM]


def near_spelling(index: NameIndex, name: str, near_km, skip: set[int]) -> list[Candidate]:
    """Entries ``name`` may mean by its spelling key, other than the positions in ``skip``,
    within ``SHORT_SPELL_KM`` of the report's places (``near_km``, as for ``short_spelling``)."""
    if is_arabic(name):
        return []
    entries = index.entries
    return [c._replace(tier="near") for c in spelling_checked(index, name, latin_key(name))
            if c.position not in skip and near_km(entries[c.position].lat, entries[c.position].lon) <= SHORT_SPELL_KM]


def spelling_checked(index: NameIndex, name: str, spell: str, descriptor: Descriptor | None = None,
                     min_consonants: int = SPELL_MIN_CONSONANTS) -> list[Candidate]:
    """Entries whose spelling key is ``spell`` and whose spelling is close to ``name``'s."""
    if consonants(spell) < min_consonants:
        return []
    positions = index.by_spell.get(spell)
    if not positions:
        return []
    from rapidfuzz import fuzz  # loaded with the first inexact look-up
    probe = "" if is_arabic(name) else name_key(name)
    scored = []
    for position in positions:
        best = 0.0
        for other in index.entries[position].names:
            if is_arabic(other):
                if arabic_key(other) == spell:
                    best = max(best, ARABIC_SPELL_RATIO if probe else ARABIC_QUERY_RATIO)
            elif latin_key(other) == spell:
                if not probe:
                    best = max(best, WEAK_ARABIC_RATIO)
                    continue
                ratio = fuzz.ratio(probe, name_key(other))
                if _first_sounds_agree(name, other, ratio):
                    best = max(best, ratio)
        scored.append((best, position))
    top = max(score for score, _ in scored)
    return sorted((Candidate(p, round(0.78 + 0.14 * score / 100, 4), "spell", descriptor)
                   for score, p in scored if score >= max(SPELL_MIN_RATIO, top - SPELL_BEST_MARGIN)),
                  key=lambda c: -c.match)


# The spelling key writes one class for letters that are different Arabic letters at the start of
# a name: gh (غ) and q/k (ق ك) never meet there ("Ghwayran" is no "Qurran"); h (ح) and kh (خ)
# meet only when spelt closely otherwise (Russian outlets write "Khmeimim" for Hmeimim; "Khalsa"
# is no "Hleisa"). Measured on the index: names of one place sharing a key differ so 4 times
# (gh/q) and 186 (h/kh, two thirds of them at ratio 80+), names of different places 374 and 451
# (nine tenths below 80).
_FIRST_SOUNDS = (("kh", "kh"), ("gh", "gh"), ("ch", ""), ("h", "h"), ("q", "k"), ("k", "k"), ("c", "k"))
_APART_SOUNDS = frozenset({frozenset({"gh", "k"})})
_CLOSE_SOUNDS = {frozenset({"h", "kh"}): 80.0}


def _first_sound(folded: str) -> str:
    """The guarded sound a folded name begins with (articles and qualifiers aside), or ""."""
    words = [w for w in strip_articles(folded).split() if w not in QUALIFIERS]
    word = words[0] if words else ""
    return next((sound for letters, sound in _FIRST_SOUNDS if word.startswith(letters)), "")


def _first_sounds_agree(written: str, other: str, ratio: float) -> bool:
    """Whether two Latin names sharing a spelling key may begin with one Arabic letter."""
    a, b = _first_sound(fold(written)), _first_sound(fold(other))
    if not a or not b or a == b:
        return True
    pair = frozenset({a, b})
    return pair not in _APART_SOUNDS and ratio >= _CLOSE_SOUNDS.get(pair, 0.0)


def _core_positions(index: NameIndex, core: str) -> list[int]:
    """Entries whose names have this core, or are this name outright: a name that itself
    ends in a descriptor word ("southwestern Badia") followed by another ("... region")."""
    positions = list(index.by_core.get(core, ()))
    positions += [p for p in index.by_key.get(core, ()) if p not in positions]
    return positions


def _keys_of(entry_names, with_core: bool) -> list[str]:
    out = []
    for name in entry_names:
        if not is_arabic(name):
            bare = strip_articles(fold(name))
            out.append(core_of(bare)[0] if with_core else "".join(token_keys(bare)))
    return out


def _rest_alike(probe: str, choice: str, first: str) -> bool:
    """Whether two keys that begin with the same word ``first`` are also alike after it:
    "Western Qalamoun" is not "Western Khaltan", nor "Tal Abyad" "Tal Aswad", however much of
    the whole the shared word makes up."""
    if not first or not choice.startswith(first):
        return True
    rest, other = probe[len(first):], choice[len(first):]
    cutoff = fuzzy_cutoff(len(rest))
    from rapidfuzz import fuzz
    return rest == other if cutoff is None else fuzz.ratio(rest, other) >= cutoff


def _near(index: NameIndex, probe: str, descriptor: Descriptor | None, choices: list[str],
          table: dict[str, list[int]], first: str = "") -> list[Candidate]:
    """Fuzzy candidates of the key ``probe``; ``first`` is its first word's key when it has
    several words (a match must be alike after a shared first word too)."""
    from rapidfuzz import fuzz, process
    cutoff = fuzzy_cutoff(len(probe))
    found: dict[int, Candidate] = {}
    sk = skeleton(probe)
    for position in index.by_skeleton.get(sk, ()) if len(sk) >= 4 else ():
        keys = _keys_of(index.entries[position].names, table is index.by_core)
        best = max((fuzz.ratio(probe, k) for k in keys), default=0)
        if best >= 80:
            found[position] = Candidate(position, 0.85 * best / 100, "skeleton", descriptor)
    for choice, score, _ in process.extract(probe, index.near_choices(choices, probe), scorer=fuzz.ratio,
                                            score_cutoff=cutoff, limit=6):
        if not _rest_alike(probe, choice, first):
            continue
        for position in table[choice]:
            match = 0.85 * score / 100
            if position not in found or found[position].match < match:
                found[position] = Candidate(position, match, "fuzzy", descriptor)
    return sorted(found.values(), key=lambda c: -c.match)


def suggestions(index: NameIndex, name: str, n: int = 5) -> list[str]:
    """Up to ``n`` entry names that look like ``name``, best first, for a failed lookup."""
    from rapidfuzz import fuzz, process
    if is_arabic(name):
        return []
    probe = "".join(token_keys(strip_articles(fold(name))))
    if len(probe) < 2:
        return []
    out: list[str] = []
    for choice, _, _ in process.extract(probe, index.fuzzy_keys, scorer=fuzz.ratio,
                                        score_cutoff=SUGGESTION_CUTOFF, limit=n * 3):
        for position in index.by_key[choice]:
            entry_name = index.entries[position].name
            if entry_name not in out:
                out.append(entry_name)
    return out[:n]
