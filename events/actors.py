"""Who is named in a text: armed sides (faction ids) and their units, from data/factions.yaml.

A ``SideMention`` also says what role its wording gives it:
- ``actor``: a plain name ("the Syrian Army", "ISIS fighters");
- ``held``: a holder adjective ("rebel-held villages", "ISIS-held town", "under SDF control");
- ``source``: a speaker rather than a fighter ("according to local sources", "pro-government media");
- ``pronoun``: "they", "the latter"... (faction None: the reader resolves it);
- ``defender``: "the defenders", "the garrison" (faction None: the side the text's actor fights);
- ``other``: an armed party outside the vocabulary (Israel, Jordan, Iraqi Kurds), or
  civilians: their actions are nobody's in the vocabulary, so they make no event.
"X-backed militants" takes the faction of what the backer stands behind (US-backed
militants are rebels, Iranian-backed militias government); a backer named before a
named side ("US-backed Kurds") is dropped.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

import settings
from events.folding import Folded, guarded, lowered
from events.spans import overlaps
from events.vocabulary import FACTIONS
from lookalikes import Caseless, as_ascii, has_lookalike

_HEAD_END = re.compile(r"[^\w.]")
_LED_OR_BACKED = re.compile(r"-(?:led|backed)\s")

FACTIONS_PATH = settings.DATA_DIR / "factions.yaml"

_HELD_SUFFIX = re.compile(r"-(?:held|controlled|controled|occupied|dominated|besieged|run)\b", re.I)
_BACKER_SUFFIX = re.compile(r"-(?:backed|led|trained|aided|supported|sponsored|directed|allied)\b", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:sources?|media|activists?|outlets?|officials?|spokes(?:man|woman|person)|"
                           r"commanders?|statements?|channels?|news|agency|reports?|correspondents?)\b", re.I)
_SOURCE_BEFORE = Caseless(r"(?:according\s+to|citing|cited\s+by|told)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.I)
_HELD_BEFORE = Caseless(r"(?:held\s+by|controlled\s+by|under|in)\s+(?:the\s+)?$", re.I)
# "the remaining rebel districts", "an ISIS enclave": ground named by the side holding it.
_HELD_AFTER = re.compile(r"^\s+(?:control|hands|districts|neighbou?rhoods|areas|territor(?:y|ies)|enclaves?|pockets?|"
                         r"strongholds?|bastions?|positions|targets|outposts|posts|checkpoints|lines)\b", re.I)
BACKERS = {
    "us": "rebels", "u.s.": "rebels", "american": "rebels", "coalition": "rebels", "western": "rebels",
    "turkish": "rebels", "turkey": "rebels", "jordanian": "rebels", "saudi": "rebels",
    "iranian": "government", "iran": "government", "pro-iranian": "government", "russian": "government",
    "hezbollah": "government",
}
_GENERIC_HEADS = (r"(?:militants?|militant\s+forces|militias?|forces?|fighters|groups?|rebels?|alliance|units|"
                  r"mercenar(?:y|ies)(?:\s+forces)?|troops|insurgents|proxies|factions|paramilitar(?:y|ies)(?:\s+units)?)")
_BACKED = re.compile(
    r"(?P<backer>" + guarded(r"U\.S\.|US|American|Coalition|coalition|Western|Turkish|Turkey|Jordanian|Saudi|"
                             r"Iranian|Iran|pro-Iranian|Russian|Hezbollah") + r")-(?:backed|led|trained|aided|supported|sponsored)"
    r"\s+(?:[A-Za-z][\w-]*\s+){0,2}?" + _GENERIC_HEADS + r"(?![\w-])"
)
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z0-9][\w'’.-]*")
# "US-backed forces" are the SDF where a report names the SDF near them, else rebels.
_BACKED_WEST = re.compile(r"(?:U\.S\.|US|American|Coalition|Western)-(?:backed|trained|aided|supported|sponsored)\s", re.I)
WESTERN_BACKED = ("rebels", "sdf")
_GLOSS_GAP = re.compile(r"\s*\(")
_TURKISH = re.compile(r"Turk|TSK", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# How many named sides on each side of a generic name are looked at (bounded work).
CONTEXT_SIDES = 40
_OTHER_PARTIES = re.compile(guarded(r"Israeli|Israel|IDF|Jordanian|Lebanese\s+Army|Lebanese\s+army|"
                                    r"Iraqi\s+Kurdish") + r"(?:\s+(?:Air\s+Force|air\s+force|army|Army|forces|jets|warplanes|"
                            r"aircraft|troops|military|Defense\s+Forces))?(?![\w-])")
# Civilians named as a clause's subject ("a group of civilians managed to reach X"): no side acts.
_CIVILIANS = Folded(guarded(r"civilians|residents|refugees|displaced\s+(?:people|persons|families)|children|"
                            r"journalists|aid\s+workers|locals|villagers|townspeople") + r"(?![\w-])")
_PRONOUN = Folded(guarded(r"they|the\s+latter|the\s+former|it|its\s+(?:forces|troops|fighters|allies|men|units|"
                          r"jets|warplanes|aircraft|planes|drones|helicopters)|"
                          r"their\s+(?:forces|troops|fighters|allies|men|units)") + r"(?![\w-])")
_ITS_AIR_ARM = Folded(guarded("its") + r"\s+(?:own\s+)?(?P<head>jets|warplanes|aircraft|planes|drones|helicopters)"
                      r"(?![\w-])")
# "his group", and in a quotation "our forces": the speaker's side.
_POSSESSED_GROUP = Folded(guarded("his|her|our") + r"\s+(?:(?:own|armed|brave|heroic)\s+)?(?:group|forces|men|fighters|"
                          r"units?|faction|militia|troops|army|soldiers)(?![\w-])")


# "the city's defenders", "the garrison": whoever holds the ground the side the text follows attacks.
_DEFENDERS = Folded(guarded(r"the|its|their") + r"\s+(?:[\w'’-]+\s+)?(?:defenders|garrison)(?![\w-])")


@dataclass(frozen=True)
class SideMention:
    """``text[start:end]`` names a side; ``unit`` is the matched unit name, None for a bare side."""

    start: int
    end: int
    text: str
    faction: str | None
    unit: str | None
    role: str


@dataclass(frozen=True)
class FactionTable:
    """Names and units of each faction, and one compiled pattern over all of them."""

    faction_of: dict[str, tuple[str, bool]]
    pattern: re.Pattern
    heads: frozenset[str]
    # The names by the first three letters of their first word: the pattern over only the
    # names that can start at a word (an alternation of hundreds of names is slow to try).
    by_head: dict[str, "re.Pattern | Folded"] | None = None
    # Generic names ("militants") -> the factions they may stand for, the default first.
    generic: dict[str, tuple[str, ...]] | None = None
    # A side named by whose it is and a generic word for armed men ("Syrian and allied
    # forces", "Assad's army"): the pattern and each affiliation's faction (lower-cased).
    composed: Folded | None = None
    affiliation: dict[str, str] | None = None
    # Governorate -> the factions a generic name most likely stands for there, when the
    # report names none of those it may stand for ("militants" in Idlib: HTS).
    theatres: dict[str, tuple[str, ...]] | None = None
    # Rulers' titles a person's name follows ("loyal to President X"), lower-cased.
    titles: frozenset[str] = frozenset()
    # Dated alliances and enmities between sides (data/factions.yaml relations).
    relations: tuple["DatedRelation", ...] = ()
    # Names of a whole alliance rather than one faction ("the armed opposition"), lower-cased.
    umbrella: frozenset[str] = frozenset()

    def lookup(self, text: str) -> tuple[str, bool] | None:
        key = _key(text)
        return self.faction_of.get(key) or self.faction_of.get(key.lower())

    @property
    def unit_names(self) -> list[str]:
        return sorted({name for name, (_, is_unit) in self.faction_of.items() if is_unit})


def _is_acronym(name: str) -> bool:
    return len(name) <= 6 and name.isupper() and name.isalpha()


_JOINERS = re.compile(r"[\s-]+")


@lru_cache(maxsize=50_000)  # asked again and again for the same mentions' texts
def _key(name: str) -> str:
    """A name as looked up: curly apostrophes straight, hyphens and runs of spaces one space
    ("Hay’at Tahrir al-Sham" = "Hay'at Tahrir al Sham")."""
    return " ".join(_JOINERS.split(name.replace("’", "'").replace("‘", "'").strip()))


# Transliterations of the Arabic words group names are built of, any one standing for the
# others ("Jaish al-Islam" = "Jaysh al-Islam", "Faylaq al-Sham" = "Failaq al-Sham").
_SPELLING_FAMILIES = [("jaysh", "jaish", "jeish"), ("faylaq", "failaq"), ("kataib", "kata'ib", "kataeb"),
                      ("liwa", "liwaa", "liwa'"), ("ibn", "bin"), ("jabhat", "jabhet"), ("quwat", "quwwat"),
                      ("harakat", "harakah", "haraka")]
_SPELLING = {word: family for family in _SPELLING_FAMILIES for word in family}


def _spellings(name: str) -> list[str]:
    """``name`` and its other transliterations (each listed word of a family swapped for
    the family's other spellings, its capital kept)."""
    out = [name]
    for index, token in enumerate(name.split(" ")):
        family = _SPELLING.get(token.lower())
        if not family:
            continue
        variants = []
        for spelled in out:
            tokens = spelled.split(" ")
            for other in family:
                tokens[index] = other.capitalize() if token[:1].isupper() else other
                variants.append(" ".join(tokens))
        out = list(dict.fromkeys(out + variants))
    return out


def _head(word: str) -> str:
    """The first three letters of a name's first word, as names are grouped by."""
    return _HEAD_END.split(word, maxsplit=1)[0][:3].lower()


def _alternative(name: str) -> str:
    if _is_acronym(name):
        return f"(?-i:{re.escape(name)})"
    return r"[\s-]+".join(re.escape(token).replace("'", "['’]") for token in _JOINERS.split(name))


@lru_cache(maxsize=4)
def load_factions(path: Path = FACTIONS_PATH) -> FactionTable:
    """Read a factions YAML (faction -> {names: [...], units: [...]}) into a ``FactionTable``."""
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    faction_of: dict[str, tuple[str, bool]] = {}
    generic: dict[str, tuple[str, ...]] = {}
    composed_raw = raw.pop("composed", None)
    theatres = {name.lower(): tuple(factions) for name, factions in (raw.pop("theatres", None) or {}).items()}
    relations = _dated_relations(raw.pop("relations", None) or [], path)
    umbrella = frozenset(_key(n).lower() for n in raw.pop("umbrella", None) or [])
    if any(f not in FACTIONS for factions in theatres.values() for f in factions):
        raise ValueError(f"{path}: theatres need factions among {FACTIONS}")
    for name, candidates in (raw.pop("generic", None) or {}).items():
        if not candidates or any(c not in FACTIONS for c in candidates):
            raise ValueError(f"{path}: generic name {name!r} needs factions among {FACTIONS}")
        generic[_key(name).lower()] = tuple(candidates)
        faction_of[_key(name).lower()] = (candidates[0], False)
    for faction, lists in raw.items():
        if faction not in FACTIONS:
            raise ValueError(f"{path}: unknown faction {faction!r}")
        for key, is_unit in (("names", False), ("units", True)):
            for listed in lists.get(key) or []:
                for name in _spellings(_key(listed)):
                    faction_of[name if _is_acronym(name) else name.lower()] = (faction, is_unit)
                    faction_of.setdefault(name, (faction, is_unit))
    names = sorted({n for n in faction_of}, key=len, reverse=True)
    alternatives = [_alternative(n) for n in names]
    pattern = _names_pattern(alternatives)
    grouped: dict[str, list[str]] = {}
    for name, alternative in zip(names, alternatives):
        grouped.setdefault(_head(name), []).append(alternative)
    composed, affiliation, titles = _composed(composed_raw, path)
    return FactionTable(faction_of, pattern, frozenset(grouped),
                        {head: _names_pattern(group) for head, group in grouped.items()}, generic,
                        composed, affiliation, theatres, titles, relations, umbrella)


@dataclass(frozen=True)
class DatedRelation:
    """Two sides allied (or at war) from ``start`` to ``end`` (inclusive; None: open), with the
    public source the period is read from."""

    relation: str
    sides: frozenset[str]
    start: date | None
    end: date | None
    source: str

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _dated_relations(rows: list, path: Path) -> tuple[DatedRelation, ...]:
    out = []
    for row in rows:
        sides = row.get("sides") or []
        if row.get("relation") not in ("allies", "enemies") or len(set(sides)) != 2 or \
                any(s not in FACTIONS for s in sides) or not row.get("source"):
            raise ValueError(f"{path}: a relation needs relation allies|enemies, two sides among {FACTIONS} "
                             f"and a source: {row!r}")
        bounds = [row.get("from"), row.get("to")]
        if any(b is not None and not isinstance(b, date) for b in bounds):
            raise ValueError(f"{path}: a relation's from/to must be ISO dates: {row!r}")
        out.append(DatedRelation(row["relation"], frozenset(sides), bounds[0], bounds[1], str(row["source"])))
    return tuple(out)


def relations_on(table: FactionTable, day: date | None) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """The pairs of sides allied, and those at war, on ``day`` by the table's dated relations."""
    allied: set[frozenset[str]] = set()
    enemies: set[frozenset[str]] = set()
    if day is None:
        return allied, enemies
    for relation in table.relations:
        if relation.holds_on(day):
            (allied if relation.relation == "allies" else enemies).add(relation.sides)
    return allied, enemies


def _composed(raw: dict | None, path: Path) -> tuple[Folded | None, dict[str, str], frozenset[str]]:
    """The pattern of composed side names: an affiliation (or two, "Syrian and Russian"),
    optional "allied" / neutral modifiers, and a generic head ("forces", "army", "jets")."""
    if not raw:
        return None, {}, frozenset()

    def faction_of(key: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for faction, words in (raw.get(key) or {}).items():
            if faction not in FACTIONS:
                raise ValueError(f"{path}: unknown faction {faction!r} in composed {key}")
            out.update((_key(word).lower(), faction) for word in words)
        return out

    affiliation, titles = faction_of("affiliations"), faction_of("titles")
    rulers = {**faction_of("rulers"), **titles}
    if not affiliation or not raw.get("heads"):
        raise ValueError(f"{path}: composed names need affiliations and heads")

    def alternation(words) -> str:
        return "|".join(_alternative(_key(w)) for w in sorted(words, key=len, reverse=True))

    affil = alternation(affiliation)
    ruler = alternation(rulers) if rulers else r"(?!)"
    title = alternation(titles) if titles else r"(?!)"
    modifiers = alternation(raw.get("modifiers") or ["allied"])
    heads = alternation(raw['heads'])
    # or the head first, then whom they follow: a named affiliation, with a title and given
    # names before it ("loyal to (President) (Bashar) al-Assad"), or the rulers of a side,
    # of a nation if one is named ("allied to the regime", "loyal to the (Turkish) government",
    # "loyal to President <any name>", whose name ``_ruler_named`` adds).
    body = (rf"(?<![\w'’-])(?:(?P<affiliation>{affil})(?:\s+(?:and|&)\s+(?:{affil}))?"
            rf"(?:,?\s+and\s+allied)?(?:\s+(?:{modifiers})){{0,2}}\s+(?:{heads})|"
            rf"(?:{modifiers}\s+)?(?:{heads})\s+(?:loyal|allied|affiliated)\s+to\s+(?:the\s+)?"
            rf"(?:(?P<nation>{affil})\s+)?(?:(?:{title}\s+)?(?:\w+\s+)?(?:al-)?(?P<loyal>{affil})|"
            rf"(?P<ruler>{ruler})))(?![\w'’-])")
    if "(?-i:" in body:  # an acronym matches in capitals only, which the lower-cased text cannot tell
        raise ValueError(f"{path}: composed names are matched regardless of case; no acronym among them")
    return Folded(body), {**rulers, **affiliation}, frozenset(titles)


def _names_pattern(alternatives: list[str]) -> re.Pattern | Folded:
    # A name may end a possessive ("ISIL's siege") but not a longer word ("Hay'at").
    # (and a plural's bare apostrophe: "the rebels' positions")
    body = r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?=['’]s\b|(?<=s)['’](?!\w)|[^\w'’]|$)"
    if any("(?-i:" in alternative for alternative in alternatives):
        return re.compile(body, re.I)  # acronyms match in capitals only
    return Folded(body)




# A name of the state's army ending in "army" ("the army", "units of the army") followed by "of"
# and a proper name runs into a group's name ("the Army of Conquest", "units of the Army of Glory",
# "the Army of the Mujahideen"): not the state's army, whatever the group is (one the table knows
# is matched from the next word on); "the army of the Syrian regime" or "of Bashar al-Assad" is
# still the state's.
_NAMED_ARMY_OF = re.compile(r"(?:[\w'’-]+\s+){0,3}?army", re.I)
_OF_PROPER_NAME = re.compile(r"\s+of\s+(?:the\s+)?(?!(?:Syrian|Syria|Assad|Bashar|President|Damascus|Russian|Iranian|Regime|Government)\b)"
                             r"(?-i:[A-Z])")


_BACKED_WORDS = re.compile(r"-(?:backed|led|trained|aided|supported|sponsored)\s+")
# "US-backed Kurdish forces", "Coalition-backed SDF fighters": whose men they are is told, not left open.
_BACKED_NAMES_SIDE = re.compile(r"-backed\s+(?:[\w-]+\s+)?(?:Kurdish|Kurdish-led|SDF|YPG|Arab\s+and\s+Kurdish|Kurdish-Arab)\s")


def _backed_side(text: str, match: re.Match, table: FactionTable) -> str:
    """Whose men "X-backed ... fighters" are: a side named between ("US-backed SDF fighters",
    "US-backed Kurdish forces") is, else the backer's client (BACKERS)."""
    words = text[_BACKED_WORDS.search(text, match.end("backer")).end():match.end()].split()
    spans = [" ".join(words[at:at + size]) for size in (2, 1) for at in range(len(words) - size + 1)]
    named = next((entry[0] for entry in map(table.lookup, spans) if entry is not None), None)
    if named is not None:
        return named
    # (a people's or a side's word, not the nation all sides are of: "Turkish-backed Syrian rebels")
    affiliated = next((table.affiliation[w.lower()] for w in words[:-1] if table.affiliation
                       and w.lower() in table.affiliation and w.lower() not in BACKERS and w.lower() != "syrian"), None)
    return affiliated or BACKERS[match.group("backer").lower()]


def find_sides(text: str, table: FactionTable | None = None) -> list[SideMention]:
    """Every side named in ``text`` (offsets into ``text``), longest match first, in order."""
    table = table or load_factions()
    if has_lookalike(text):
        # Letters IGNORECASE matches as ASCII ones ("\u0130raqi" as "Iraqi") are read as those
        # letters (same offsets), so that a matched name is a key of the tables; the mentions
        # keep the text's own letters.
        return [dataclasses.replace(m, text=text[m.start:m.end]) for m in find_sides(as_ascii(text), table)]
    found: list[SideMention] = []
    for match in _BACKED.finditer(text):
        found.append(SideMention(match.start(), match.end(), match.group(0),
                                 _backed_side(text, match, table), None, "actor"))
    # Parties outside the vocabulary first: "Israeli warplanes" is no one's "warplanes".
    for match in _OTHER_PARTIES.finditer(text):
        found.append(SideMention(match.start(), match.end(), match.group(0), None, None, "other"))
    taken = sorted((m.start, m.end) for m in found)
    low = lowered(text)
    last_end = 0
    leaders: list[SideMention] = []
    for word in _WORD.finditer(text):
        # Only where a name could start: the first three characters of a name's first word.
        text_of_word = word.group(0)
        head = text_of_word[:3]
        head = head.lower() if head.isalnum() else _head(text_of_word)
        if word.start() < last_end or head not in table.heads:
            continue
        pattern = table.by_head[head] if table.by_head else table.pattern
        match = pattern.match(text, low, word.start()) if isinstance(pattern, Folded) else pattern.match(text, word.start())
        if match is None:
            continue
        start, end = match.span()
        if _NAMED_ARMY_OF.fullmatch(text, start, end) and _OF_PROPER_NAME.match(text, end):
            continue  # "the Army of Conquest", "fighters of the Army of Islam": a group's own name
        last_end = end
        if overlaps(taken, start, end):
            continue
        name = " ".join(text[start:end].split())
        entry = table.lookup(name)
        if entry is None:
            continue
        faction, is_unit = entry
        if _BACKER_SUFFIX.match(text, end) and not _LED_OR_BACKED.search(name):
            if _LEADER_SUFFIX.match(text, end) and _choices(SideMention(start, end, name, faction, None, "actor"),
                                                            table.generic or {}) == ():
                leaders.append(SideMention(start, end, text[start:end], faction, name if is_unit else None, "actor"))
            continue
        found.append(SideMention(start, end, text[start:end], faction, name if is_unit else None,
                                 _role(text, start, end)))
    spans = sorted((m.start, m.end) for m in found)
    if table.composed is not None:
        every = list(table.composed.finditer(text, low))
        # "forces loyal to the Syrian regime": the whole is the side; a name inside it is no other
        # side; nor is a generic name a nation's name comes before ("Turkish drones").
        loyal = [m for m in every if not m.group("affiliation")]
        owned = [m for m in every if m.group("affiliation")]
        generic = table.generic or {}
        inside = [f for f in found if any(m.start() <= f.start and f.end <= m.end() for m in loyal) or (
            any(m.start() < f.start and f.end <= m.end() for m in owned) and _key(f.text).lower() in generic)]
        if inside:
            found = [f for f in found if f not in inside]
            spans = sorted((m.start, m.end) for m in found)
        composed = [m for m in every if not overlaps(spans, m.start(), m.end())]
        for match in composed:
            named = match.group("affiliation") or match.group("nation") or match.group("loyal") or match.group("ruler")
            faction = table.affiliation[_key(named).lower()]
            end = _ruler_named(text, match, table.titles)
            found.append(SideMention(match.start(), end, text[match.start():end], faction, None,
                                     _role(text, match.start(), end)))
        if composed:
            spans = sorted((m.start, m.end) for m in found)
    # Other parties and pronouns never share a word, so each is checked against the named
    # sides alone (one merge per pass rather than an insertion per match).
    for matches, role in ((_CIVILIANS.finditer(text, low), "other"), (_PRONOUN.finditer(text, low), "pronoun")):
        for match in matches:
            if not overlaps(spans, match.start(), match.end()):
                found.append(SideMention(match.start(), match.end(), text[match.start():match.end()], None, None, role))
    # "Ankara said its drones struck X": an air arm told as "its" is of the side before, not the
    # generic air arm its head word alone would name.
    for match in _ITS_AIR_ARM.finditer(text, low):
        head = next((i for i, m in enumerate(found) if m.start == match.start("head") and m.end == match.end()
                     and m.role != "pronoun"), None)
        if head is not None:
            found[head] = SideMention(match.start(), match.end(), text[match.start():match.end()], None, None,
                                      "pronoun")
    for match in _POSSESSED_GROUP.finditer(text, low):
        found.append(SideMention(match.start(), match.end(), text[match.start():match.end()], None, None,
                                 "speaker_group"))
    for match in _DEFENDERS.finditer(text, low):
        if not overlaps(spans, match.start(), match.end()):
            found.append(SideMention(match.start(), match.end(), text[match.start():match.end()], None, None, "defender"))
    found.sort(key=lambda m: m.start)
    if leaders:
        found = _led(text, found, leaders)
    found = _alliances_called_coalition(text, _in_context(text, _without_glosses(text, found), table))
    found = _group_anaphors(text, low, found)
    return _of_named(text, _allied(text, found, table), table)


# "the group", "the militia", "the jihadist organisation": a definite description of an armed
# group names again the armed group (not a state's army) named last before it.
_GROUP_ANAPHOR = Folded(guarded("the") + r"\s+(?:(?:jihadist|extremist|militant|armed|islamist|kurdish|terrorist|"
                        r"rebel|radical|hardline)\s+)?(?:group|militia|organi[sz]ation|movement|faction)(?![\w-])")
ARMED_GROUPS = frozenset({"isil", "hts", "rebels", "sdf"})
# How far back the armed group a description names again may be named (a paragraph, roughly).
ANAPHOR_CHARS = 400


def _group_anaphors(text: str, low: str, found: list[SideMention]) -> list[SideMention]:
    if "the " not in low:
        return found
    spans = sorted((m.start, m.end) for m in found)
    added = []
    for match in _GROUP_ANAPHOR.finditer(text, low):
        if overlaps(spans, match.start(), match.end()):
            continue
        antecedent = next((m for m in reversed(found) if m.end <= match.start() and m.faction in ARMED_GROUPS
                           and not is_turkish_state(m)), None)
        if antecedent is None or match.start() - antecedent.end > ANAPHOR_CHARS or \
                _PARAGRAPH_BREAK.search(text, antecedent.end, match.start()):
            continue
        added.append(SideMention(match.start(), match.end(), match.group(0), antecedent.faction, antecedent.unit,
                                 _role(text, match.start(), match.end())))
    return sorted(found + added, key=lambda m: m.start) if added else found


# "coalition" as a common noun: an alliance of armed groups, not the US-led coalition. Told so
# by an article or a name before it ("a coalition", "the Jaish al-Fatah coalition") or by what
# it is made of or led by after it ("coalition of Islamist factions", "coalition dominated by HTS").
_BARE_COALITION = re.compile(r"(?:the\s+)?coalition", re.I)
_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:an?|new|broad|loose|another|rival)\s+(?:[\w-]+\s+)?$", re.I)
_MADE_OF_AFTER = re.compile(r"\s+(?:of\s+(?!the\s+(?:willing|United|US|U\.S\.))|(?:\w+ly\s+)?(?:led|dominated|spearheaded|headed|"
                            r"formed|made\s+up)\s+by\s|(?:that|which)\s+(?:includes|included|is\s+led|was\s+led))", re.I)
_NAME_GAP = re.compile(r"[\s'’s-]*")
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?", re.I)
_LEADER_BEFORE = re.compile(r"(?<![\w-])(?:led|dominated|spearheaded|headed)\s+by\s+(?:the\s+)?$", re.I)
# How far after an alliance's "coalition" the side leading or making it up is named.
ALLIANCE_NAMED_CHARS = 90
_AIR_AFTER = re.compile(r"\s+(?:war\s*planes|jets|aircraft|air|drones|strikes?|airstrikes?|raids?|bombing|planes)\b", re.I)


def _alliances_called_coalition(text: str, found: list[SideMention]) -> list[SideMention]:
    """A bare "coalition" told as an alliance of armed groups is the side named as leading or
    making it up (or named just before it), and so is the report's next bare "the coalition",
    until a name of the US-led coalition comes again."""
    out = list(found)
    current: str | None = None  # whose "the coalition" is, from the last one introduced
    for i, mention in enumerate(out):
        if mention.faction != "coalition":
            if mention.faction is not None and mention.text.lower().endswith("coalition"):
                current = mention.faction  # "the rebel coalition", "an HTS-led coalition"
            continue
        if mention.unit is not None or not _BARE_COALITION.fullmatch(mention.text):
            current = None  # "the US-led coalition", "coalition jets": the coalition itself
            continue
        if _AIR_AFTER.match(text, mention.end):
            continue
        previous = out[i - 1] if i else None
        faction = None
        if previous is not None and previous.faction not in (None, "coalition") and (
                _NAME_GAP.fullmatch(text, previous.end, mention.start) or
                _APPOSITION_GAP.fullmatch(text, previous.end, mention.start)):
            # "the Jaish al-Fatah coalition", "the rebels' coalition", "Jaish al-Fatah, a coalition of..."
            faction = previous.faction
        elif _INDEFINITE_BEFORE.search(text, max(0, mention.start - 20), mention.start) or \
                _MADE_OF_AFTER.match(text, mention.end):
            sentence_end = min((at for at in (text.find(".", mention.end), text.find("\n", mention.end)) if at >= 0),
                               default=len(text))
            made_of = [o for o in out[i + 1:] if o.start < min(sentence_end, mention.end + ALLIANCE_NAMED_CHARS)
                       and o.faction not in (None, "coalition")]
            # its leader, if named ("a coalition of rebel factions led by X"), else its first member
            leader = next((o for o in made_of if _LEADER_BEFORE.search(text, max(0, o.start - 25), o.start)), None)
            faction = (leader or made_of[0]).faction if made_of else None
            if faction is None:
                out[i] = dataclasses.replace(mention, faction=None, role="other")  # whose, the text does not say
                current = None
                continue
        elif current is not None:
            faction = current
        if faction is not None:
            out[i] = dataclasses.replace(mention, faction=faction)
            current = faction
    return out


# "HTS-led rebels", "a Nusra-led offensive": the named side before "-led" leads, and a mixed side
# is coded as its leader (the dev corpus README's convention); a backer ("US-backed") is not the side.
_LEADER_SUFFIX = re.compile(r"-led\s", re.I)
_LED_GAP = re.compile(r"-led\s+(?:[\w'’-]+\s+){0,2}?", re.I)


def _led(text: str, found: list[SideMention], leaders: list[SideMention]) -> list[SideMention]:
    """The side a "-led" names its leader of takes the leader's faction and span; a "-led"
    noun that is no side ("an HTS-led attack") keeps the leader as the actor before it."""
    spans = sorted((m.start, m.end) for m in found)
    out = list(found)
    for leader in leaders:
        if overlaps(spans, leader.start, leader.end):
            continue  # "Kurdish-led forces": read whole as a composed name
        gap = _LED_GAP.match(text, leader.end)
        led = next((i for i, m in enumerate(out) if gap and m.start == gap.end() and m.faction), None)
        if led is not None:
            m = out[led]
            out[led] = SideMention(leader.start, m.end, text[leader.start:m.end], leader.faction, leader.unit, m.role)
        else:
            out.append(leader)
    out.sort(key=lambda m: m.start)
    return out


# "the regime forces and their loyal gunmen": the generic name after "and its/their" is of the side before.
_ALLIED_GAP = re.compile(r",?\s+(?:and|with|alongside|along\s+with|backed\s+by)\s+(?:its|their)\s+"
                         r"(?:own\s+)?(?:loyal|allied|affiliated|local|auxiliary)?\s*", re.I)


# "Turkish troops and allied Syrian fighters", "... and their Syrian allies": a foreign army's Syrian
# allies are of the side that army is folded into (Turkey's are the rebels).
_ALLIED_SYRIAN_GAP = re.compile(r",?\s+(?:and|with|alongside|along\s+with)\s+(?:(?:its|their)\s+(?:own\s+)?)?"
                                r"(?:(?:loyal|allied|affiliated|local|auxiliary|proxy)\s+)?", re.I)
_SYRIAN_ALLIES = re.compile(r"(?i:Syrian)\s+(?:allies|fighters|factions|proxies|militias?|forces|troops|groups|auxiliaries)")


def _allied(text: str, found: list[SideMention], table: FactionTable) -> list[SideMention]:
    out = list(found)
    for i in range(1, len(out)):
        before, mention = out[i - 1], out[i]
        if before.faction and mention.faction and before.faction != mention.faction and \
                _choices(mention, table.generic or {}) and \
                _ALLIED_GAP.fullmatch(text, before.end, mention.start):
            out[i] = dataclasses.replace(mention, faction=before.faction)
        elif before.faction == "rebels" and mention.faction == "government" and _TURKISH_OWN.match(before.text) and \
                _SYRIAN_ALLIES.fullmatch(mention.text) and _ALLIED_SYRIAN_GAP.fullmatch(text, before.end, mention.start) \
                and re.search(r"(?i:allied|allies|its|their|proxy|proxies|auxiliar)", text[before.end:mention.end]):
            out[i] = dataclasses.replace(mention, faction=before.faction)
    for i, mention in enumerate(out):
        if mention.faction == "government" and _SYRIAN_ALLIES.fullmatch(mention.text) and \
                _TURKEYS_BEFORE.search(text, max(0, mention.start - 40), mention.start):
            out[i] = dataclasses.replace(mention, faction="rebels")  # "Turkey and its Syrian allies"
    return out


# The state itself named before its Syrian allies ("Turkey and its Syrian allies", "Ankara's Syrian proxies").
_TURKEYS_BEFORE = re.compile(r"(?<![\w-])(?:Turkey|Ankara)(?:['’]s\s+|,?\s+(?:and|with|alongside|along\s+with)\s+"
                             r"(?:(?:its|their)\s+(?:own\s+)?)?)(?:(?:loyal|allied|affiliated|local|auxiliary|proxy)\s+)?$")


_OF_GAP = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.I)


def _of_named(text: str, found: list[SideMention], table: FactionTable) -> list[SideMention]:
    """"militants of Hayat Tahrir al-Sham", "fighters from the YPG": the generic name is the named side's."""
    out = list(found)
    for i in range(len(out) - 1):
        mention, named = out[i], out[i + 1]
        if named.faction and mention.faction != named.faction and not _choices(named, table.generic or {}) and \
                _choices(mention, table.generic or {}) and _OF_GAP.fullmatch(text, mention.end, named.start):
            out[i] = dataclasses.replace(mention, faction=named.faction)
    return out


# The name after a ruler's title: capitalised words, with the particles of Arabic names.
_PERSON_NAME = re.compile(r"(?:\s+(?:(?:al|el|bin|ibn|abu|Abu|Al)[\s-])?[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?){1,4}")


def _ruler_named(text: str, match: re.Match, titles: frozenset[str]) -> int:
    """Where a composed side ends: after the name of a titled ruler ("loyal to President X Y")."""
    end = match.end()
    if match.group("ruler") and match.group("ruler").lower() in titles:
        named = _PERSON_NAME.match(text, end)
        return named.end() if named else end
    return end


def _without_glosses(text: str, found: list[SideMention]) -> list[SideMention]:
    """"the Syrian Democratic Forces (SDF)": the bracketed acronym repeats the name before it."""
    out: list[SideMention] = []
    for mention in found:
        if out and mention.faction and out[-1].faction == mention.faction and \
                _GLOSS_GAP.fullmatch(text, out[-1].end, mention.start) and text[mention.end:mention.end + 1] == ")":
            continue
        out.append(mention)
    return out


def _in_context(text: str, found: list[SideMention], table: FactionTable) -> list[SideMention]:
    """Generic names ("militants", "US-backed forces") given the faction of the nearest side
    the report names among those they may stand for: before them in the paragraph, after
    them in it, before them in the document, after them; else their default."""
    generic = table.generic or {}
    choices = [(i, _choices(m, generic)) for i, m in enumerate(found)]
    choices = [(i, c) for i, c in choices if c]
    if not choices:
        return found
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    paragraph = [bisect.bisect_right(breaks, m.start) for m in found]
    named = [i for i, m in enumerate(found) if m.faction and m.role in ("actor", "held") and not _choices(m, generic)]
    out = list(found)
    for i, candidates in choices:
        position = bisect.bisect_left(named, i)
        before = [j for j in reversed(named[max(0, position - CONTEXT_SIDES):position])]
        after = named[position:position + CONTEXT_SIDES]
        faction = None
        same_before = [j for j in before if paragraph[j] == paragraph[i]]
        same_after = [j for j in after if paragraph[j] == paragraph[i]]
        pools = (same_before, same_after, before, after)
        if "coalition" in candidates:
            # An air arm without its country ("warplanes") is the last named air arm's, else
            # that of a side with an air force named near it (a side named after it is mostly
            # the one struck; rebels fly only as a foreign army's allies, named as such).
            flying = [j for j in before if _AIR_ARM.search(found[j].text)]
            pools = (flying, same_before, before, same_after, after)
            turkish = any(found[j].faction == "rebels" and _TURKISH.search(found[j].text) for j in before)
            candidates = tuple(c for c in candidates if c != "rebels" or flying or turkish)
        air = "coalition" in candidates
        if "isil" in candidates or "hts" in candidates:
            # Armed groups' words ("militants", "jihadists") are never a state's army, though
            # Turkey's is folded into the rebels ("a Turkish military convoy" is no militant).
            pools = tuple([j for j in pool if not _TURKISH_STATE.fullmatch(found[j].text)] for pool in pools)
        for pool in pools:
            # An air arm is not of the side holding the ground it strikes ("rebel-held districts"),
            # nor of a rebel group: the only air arm folded into the rebels is Turkey's.
            faction = next((found[j].faction for j in pool if found[j].faction in candidates
                            and not (air and found[j].role == "held")
                            and not (air and found[j].faction == "rebels" and not _TURKISH.search(found[j].text))), None)
            if faction is not None:
                break
        if faction is not None and faction != found[i].faction:
            m = found[i]
            out[i] = SideMention(m.start, m.end, m.text, faction, m.unit, m.role)
    return out


# Turkey's own forces named as such (not the factions it backs): "Turkish troops", "the Turkish army".
_TURKISH_STATE = re.compile(r"(?i:(?:the\s+)?(?:Turkish|Turkey's|TSK)(?!-)(?:\s+(?:army|military|armed|forces|troops|soldiers|"
                            r"tanks?|artillery|convoys?|jets|warplanes|drones|units|special|air|force|commandos|"
                            r"reinforcements|columns?))*)")
# A mention of Turkey's own state or forces ("Turkish artillery", "the Turkish state", "TSK"), not of the
# Syrian factions it backs ("Turkish-backed factions").
_TURKISH_OWN = re.compile(r"(?i:(?:the\s+)?(?:Turkish|Turkey's|Turkey|TSK|TAF))(?![\w-])")


def is_turkish_state(mention: SideMention) -> bool:
    """Whether ``mention`` names Turkey's own forces, folded into the rebels' side though no rebels."""
    return mention.faction == "rebels" and _TURKISH_OWN.match(mention.text) is not None


_AIR_ARM = re.compile(r"(?i:air\s*force|aircraft|warplanes|jets|planes|helicopters|drones|aviation|bombers|aerial)")


def is_air_arm(mention: SideMention) -> bool:
    """Whether ``mention`` names aircraft or an air force ("warplanes", "Russian jets")."""
    return _AIR_ARM.search(mention.text) is not None


def generic_choices(mention: SideMention, table: FactionTable) -> tuple[str, ...]:
    """The factions a generic side ("militants", "US-backed forces") may stand for; () for a named one."""
    return _choices(mention, table.generic or {})


def _choices(mention: SideMention, generic: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if mention.faction is None:
        return ()
    if mention.unit is None and "-" in mention.text and _BACKED_WEST.match(mention.text) and \
            not _BACKED_NAMES_SIDE.search(mention.text):
        return WESTERN_BACKED
    return generic.get(_key(mention.text).lower(), ())


def _role(text: str, start: int, end: int) -> str:
    if _HELD_SUFFIX.match(text, end) or _HELD_AFTER.match(text[end:end + 12]):
        return "held"
    if _HELD_BEFORE.search(text[max(0, start - 16):start]) and _HELD_AFTER.match(text[end:end + 12]):
        return "held"
    if _SOURCE_AFTER.match(text, end) or _SOURCE_BEFORE.search(text[max(0, start - 40):start]):
        return "source"
    if text[max(0, start - 4):start].lower() == "pro-":
        return "source"
    return "actor"
