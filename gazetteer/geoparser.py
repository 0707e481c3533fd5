"""Finding place mentions in running text.

One left-to-right pass over word tokens. A span may start at a capitalised word (not a
sentence's "The" or "In"), at an Arabic word, at an article joined to a capitalised word
("al-Tanf", "ath-Thadyayn") or at a direction word ("eastern Homs"), and grows while the
phonetic key of the words so far is a prefix of some gazetteer key
(``NameIndex.key_prefixes``); the longest span that is a name wins, and the pass resumes
after it. Not places:

- a stop name (person, group, country, calendar word) as long as or longer than the place
  at the same start: "Liwa al-Quds" never yields "Quds"; inside a unit's name only a city,
  or governorate counts ("the Deir ez-Zor Military Council"; not the region of "Qalamoun Shield");
- a name after a title ("Gen.", "spokesman") or followed by a family name ("Jassim
  al-Saleh"), a small village's name before another capitalised word ("Dana Stroul"), the
  second half of a hyphenated name ("Abdul-Mahdi"), an operation's name ("Operation
  Wrath of Euphrates"), a capital standing for its government ("the Damascus government").

A capitalised name the index lacks is still tried, fuzzily, when the text says it is a place
("the village of Khanaser", "Khalhala airport"). After the names are found:

- a trailing descriptor joins the mention ("Maskana silos", "T-2 Station", "Homs province")
  and tells the resolver what kind of place is meant;
- borders and rivers named without a segment are placed at the point of the line nearest
  the mention's neighbours in the text, and borders no row names are made from the base
  map ("the Turkish border") (``lines``);
- a direction before or after a name ("eastern Hama", "the western countryside of Deir
  ez-Zor", "Hama's eastern countryside") makes a region (``directional``), unless the
  gazetteer has that phrase as a name;
- "the province of X" and "the X-Y administrative border" mean governorates, and a district
  "in" a city far from it is not that district (``administrative``);
- a relative phrase ("25 kilometers north of the Zuluf dam", "within 50 km of X") adds a
  second mention, spanning the whole phrase, placed at the computed point (``relative``).
  The anchor keeps its own mention, listed first, so a mention list may nest only in that
  case.

Spans grow by the phonetic key and by the spelling key (``gazetteer.spelling``), but a span
found only by its spelling key (Kafr Nabudah for OCHA's Kafr Nabutha) is taken only when the
text writes it as a place: a generic word of place names in it (Tal, Kafr, Jabal, Bir, Rasm...),
"the village(s) of" before it, a descriptor or an apposition after it ("X district", "X, the
neighbourhood next to..."), or a list with such a place or with an exactly matched one
("Tadef, Bazaa and Qabaseen"); else, written as a name (every word capitalised, not a
sentence's first word), only within ``NEAR_SPELL_KM`` of a place the report pins down
("Hamdaniyeh" in a report on Aleppo). So "Teams" or "Party" never become villages. A one-word name
written so whose spelling key has two consonants only ("Bza'a") is resolved by it only within
``match.SHORT_SPELL_KM`` of the places the first pass pinned down.

A direction word that begins a name gives way to the direction and a name right after it:
"eastern Deir ez-Zor" is the east of the governorate, though OCHA lists a village "Eastern
Deir". An unknown capitalised name ends at a descriptor ("Jirah Military Airport").

Names are resolved twice: first alone, then with the context of the places the first pass
pinned down surely (``Resolution.sure``: exact, unrivalled or big; and the regions they make),
which settles names that several places share and refuses guesses far from the report's focus
(``context.choose``). Names written as places that nothing matches, and villages or inexact
matches that a relation in the text contradicts, are placed from that relation or their
sentence as kind ``inferred`` (``inferred``). A dateline abroad ("BEIRUT, LEBANON (…) –") is
not a mention, nor is a place abroad more than ``ABROAD_KM`` from Syria's outline (a "Beirut
newsroom": neither in Syria nor on its border), nor a small Syrian place named in a scene set abroad ("In Iraq, ...",
``scenes``), nor a compass part of the whole country ("northern Syria") or a border named
in passing ("Mayadin near the Iraq border", ``generic``).
Per-call work is linear in the text: one regex pass, look-ups per token, and a resolution per
distinct span (memoised).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

from gazetteer import administrative, directional, generic, inferred, lines, relative, routes, scenes
from gazetteer.context import Context
from gazetteer.descriptors import Descriptor, SUFFIXES, MAX_SUFFIX_TOKENS
from gazetteer.index import IS_FORM, IS_PREFIX, token_keys
from gazetteer.inferred import MAX_GAP_CHARS
from gazetteer.match import INEXACT_TIERS, SPELL_MIN_CONSONANTS, candidates
from gazetteer.normalize import ARTICLES, ENGLISH_ARTICLES, compass_first, fold, strip_articles, token_key
from gazetteer.place import Mention, Place
from gazetteer.spelling import consonants, word_keys
from lookalikes import Caseless, caseless

_HEADLINE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_AFTER_RE = re.compile(r"[ \u00a0]+([A-Za-z]+)")

MAX_SPAN_TOKENS = 10
_HEADLINE_CHARS = 400  # the longest line read as a title-case headline (or a dateline's line)
# Loop turns between looks at the clock when a deadline is set.
_CLOCK_EVERY = 256


class OverBudget(Exception):
    """Geoparsing passed its deadline (``geoparse(..., deadline=)``); nothing was returned."""


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise OverBudget
SHORT_KEY = 4
# Tiers a short word may match by: as written, or by a spelling key that the resolver takes
# only near the report's places (two consonants, or a namesake's stand-in: ``match``).
_SHORT_OK_TIERS = frozenset({"fold", "bare", "short", "near"})
TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘ʿʾ`](?![sS]\b)[^\W_]+)*")
# What may separate two words of one name: a space, a hyphen or dash, or an apostrophe
# standing for an ayn ("Sab‘ Biyār").
GAP_RE = re.compile(r"[ \u00a0]|[ \u00a0]?[-‐‑–—][ \u00a0]?|['’‘ʿʾ`][ \u00a0]?")
# An e-mail address's parts are bounded and hold no "@": "\S+@\S+" backtracked over "a@a@a@...".
URL_RE = re.compile(r"(?:https?://|www\.)\S+|[^\s@]{1,64}@[^\s@]{1,255}\.\w+")
# The same without the e-mail part, for a text without "@" (which that part tries at every
# character, reading up to 64 ahead).
_WEB_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+")
_HYPHEN_RE = re.compile(r"[-‐‑–—]")
# "Damascus" standing for the government: followed by a word that only a government does.
CAPITALS = frozenset({"damascus", "baghdad", "amman", "beirut", "ankara", "moscow", "tehran"})
_METONYM_NEXT = frozenset("""government regime authorities officials loyalists can could will
would has have had is was says said claims claimed wants wanted must should may might announced
accused denied insists insisted refused agreed hopes hoped seeks sought sees saw decided
responded warned""".split())
_LOCATIVE_BEFORE = frozenset("in at from near around outside inside into across throughout".split())


# Lower-case words that may begin a name: "eastern Homs", "western bank of the Euphrates",
# "border with Iraq". Whether they do is up to the gazetteer's keys.
START_WORDS = directional.DIRECTION_WORDS | {"border", "upper", "lower", "middle"}
# "the village of X": X is a place even if the index knows it only misspelt.
SETTLEMENT_CUE_RE = Caseless(r"\b(?:town|towns|village|villages|city|hamlet|hamlets|district|districts|"
                               r"neighbou?rhoods?|quarters?|hills?|farms?|settlements?|localit(?:y|ies))\s+of\s+$",
                               re.IGNORECASE)
# After a name, an apposition that says it is a place: "Hatin, the neighbourhood next to...".
# The word before a name (or its list) that says it is a settlement, for choosing among
# same-named places: "the town of X" is no city quarter. (Not "quarter of": "the Hamidiyah
# quarter of Deir ez-Zor" is followed by the city, not by the quarter.)
FAMILY_CUE_RE = re.compile(r"\b(?P<settlement>towns?|villages?|city|hamlets?)\s+of\s+$", re.IGNORECASE)
APPOSITION_RE = re.compile(r"\s*,\s*(?:(?:the|a|an)\s+(?:\w+\s+){0,2}?(?:town|village|city|hamlet|neighbou?rhood|"
                           r"district|quarter|suburb|hill|hilltop|mountain|area|region|settlement)s?\b|"
                           r"which\s+(?:lies|sits|is\s+located|is\s+situated))", re.IGNORECASE)
# Capitalised words that begin no place name ("Several Other Villages", "Key Town").
NOT_NAME_WORDS = frozenset("""several other others some many few numerous various nearby surrounding both
all two three four five six seven eight nine ten dozens dozen key strategic important main major small
large remaining neighbouring neighboring adjacent more most these those its their rebel rebels
opposition government regime frontline front captured liberated""".split())
# Between two names of one list: "A, B and C", "A and B", "A/B".
LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)(?:the\s+)?")
# Words that begin or make up place names and hardly anything else ("Tal Abu Qul", "Kafr
# Nabudah", "Khirbet Ghazaleh"): a name with one is written as a place.
GENERIC_WORDS = frozenset("""tal tall tell tel til tallat tulul kafr kfar kefr kafar kfr jabal jebel jabel jbel
jabal bir bi'r beer bier khirbet khirbat kherbet khirbit kharbet khirbeh ain ayn ein aïn deir dayr dair
umm um ras wadi qasr rasm rajm beit bayt jubb jeb jib marj hawsh hosh mazraat mazraa mazraet qalaat
qalat qal'at hawijat hawija hawijet maarat maarrat ma'arrat jisr nahr birket qaryat mughayr
mazra'at""".split())
# Words that begin the names of city quarters, gates and squares ("Bab Touma", "Ard al-Hamra",
# "Harat al-Sultan"), and of a town too (al-Bab): before a described name they begin it.
QUARTER_WORDS = frozenset({"bab", "ard", "hay", "harat", "souq", "suq", "dawwar", "saha", "sahat"})
# Words before a number that make a hill's name ("Hill 45", "Tal 23", "Height 1154").
NUMBERED_HILL_WORDS = frozenset({"hill", "height", "point", "tal", "tall", "tell", "jabal", "jebel", "mount"})
# Titles written before a place's name ("Mount X", "Masaken X"), which few index names begin with.
PLACE_TITLES = frozenset({"mount", "mt", "masaken", "masakin", "masaakin"})  # and a quarter's housing estate
# English titles of a hill's name: like Jabal, "Mount X" is a place even when X is unknown (in
# lower case "mount" is as likely the verb: "mount Saturday raids").
HILL_TITLES = frozenset({"mount", "mt"})
FUZZY_MIN_SCORE = 0.72
# A name matched by its spelling key only, not written as a place, is one only this near (km)
# a place the report pins down (as a two-consonant key is: ``match.SHORT_SPELL_KM``).
NEAR_SPELL_KM = 20.0
# Words before a person's name.
TITLE_WORDS = frozenset("""gen general maj major lt lieutenant col colonel brig brigadier capt captain
sgt sheikh shaykh sheik dr mr mrs ms president minister commander spokesman spokeswoman
spokesperson leader emir imam king prince senator ambassador envoy governor mayor journalist
analyst correspondent fighter fighters militant activist resident soldier officer reporter
photographer witness""".split())
# Words before an operation's name, which may run on with "of": "Operation Wrath of Euphrates".
OPERATION_WORDS = frozenset({"operation", "codenamed", "dubbed", "wilayat", "wilayah", "vilayet"})
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[ \u00a0]+$")
# Between such a word and the name: "Gen. X", "codenamed \"X", "code-named X".
_CUE_GAP_RE = re.compile(r"\.?[ \u00a0]+[\"“‘']?")
# Capitalised words that do not make the word before them a given name ("Hajin From ...").
FUNCTION_WORDS = frozenset("""a an the and or but of to in on at by for from with without near into
onto over under after before since until towards toward against again as is are was were be
been has have had will would can could may might must shall should this that these those its
their his her our we they he she it which who whom whose where when while amid despite via
per than then also not no yes all some any each every both either neither up down out off""".split())
# Places big enough that a unit named after them still names them ("Homs Province").
_NAMING_KINDS = frozenset({"city", "governorate", "river"})
_SUFFIX_FIRST_WORDS = frozenset(phrase[0] for phrase in SUFFIXES)


# An Arabic compass adjective ("al-Gharbiyah", "Sharqi"), as ``normalize.compass_first`` reads it.
_COMPASS_WORD_RE = re.compile(r"^(?:sharq|gharb|shamal|janub)(?:i|iy|iya|iyah|iyeh|iyya|iyyah|ieh|ia|iah)$")
_COMPASS_STEMS = ("sharq", "gharb", "shamal", "janub")  # a cheap first test


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    folded: str
    piece: str  # phonetic key contribution; "" for an article
    capital: bool
    article: bool


def _word(word: str, name_words: frozenset[str]) -> tuple:
    """(folded, phonetic key piece, starts with a capital or an Arabic letter) of a word that
    may belong to a name, () for one that may not."""
    folded = word.lower() if word.isascii() and word.isalnum() else fold(word)  # fold's answer, sooner
    first = word[0]
    capital = first.isupper() or "\u0600" <= first <= "\u06ff"
    if not folded or not (capital or folded in name_words or first.isdigit()):
        return ()
    return folded, "".join(token_key(t) for t in folded.split()), capital


_KEPT: dict[frozenset[str], dict[str, tuple]] = {}


def _kept_words(name_words: frozenset[str]) -> dict[str, tuple]:
    """Word -> its ``_word`` triple if ``_tokens`` keeps it, () if not; one table per word
    set, since most words of a report are dropped and each is met many times."""
    table = _KEPT.get(name_words)
    if table is None or len(table) > 200_000:
        _KEPT.clear()
        table = _KEPT[name_words] = {}
    return table


def _tokens(text: str, name_words: frozenset[str]) -> list[_Token]:
    """The words that may belong to a name: capitalised ones and the lower-case words that
    occur in some name (articles, "of", "bank", "dam"...). Others are left out; the gap
    check then stops any span at them."""
    addresses = URL_RE if "@" in text else _WEB_ADDRESS_RE if ("://" in text or "www." in text) else None
    excluded = [m.span() for m in addresses.finditer(text)] if addresses is not None else []
    out: list[_Token] = []
    e_index = 0
    kept = _kept_words(name_words)
    for match in TOKEN_RE.finditer(text):
        word = match.group()
        known = kept.get(word)
        if known is None:
            known = kept[word] = _word(word, name_words)
        if not known:
            continue
        folded, piece, capital = known
        start, end = match.span()
        if excluded:
            while e_index < len(excluded) and excluded[e_index][1] <= start:
                e_index += 1
            if e_index < len(excluded) and excluded[e_index][0] <= start < excluded[e_index][1]:
                continue
        is_article = False
        if folded in ARTICLES:
            hyphen_after = _HYPHEN_RE.match(text, end) is not None
            is_article = hyphen_after or (folded not in ENGLISH_ARTICLES and word[0].islower())
            is_article = is_article or (folded in ("al", "el") and text[end:end + 1] in "- \u00a0")
        out.append(_Token(start, end, word, folded, "" if is_article else piece, capital, is_article))
    return out


def _gap_ok(text: str, left: _Token, right: _Token) -> bool:
    if right.start == left.end:
        return False
    if right.start == left.end + 1 and text[left.end] == " ":
        return True
    return GAP_RE.fullmatch(text, left.end, right.start) is not None


@dataclass(frozen=True)
class _Span:
    first: int  # token positions, inclusive
    last: int
    in_unit: bool = False  # inside a unit name: kept only if the place is a big one
    before_capital: bool = False  # followed by another capitalised word ("Dana Stroul")
    fuzzy: bool = False  # not an index name, but cued as a place: resolve fuzzily
    after_capital: bool = False  # after a capitalised word no place name holds ("Talas Salama")
    loose: bool = False  # written as a place: the spelling-key tier may match it
    pending: bool = False  # only a spelling-key match, not yet cued: kept if its list is
    unknown: bool = False  # written as a place: placed from its context if nothing matches
    listed_only: bool = False  # a place only for being listed with places: placed only if no place has its name
    near_only: bool = False  # a spelling-key match not written as a place: kept only near the report's places
    group: int = -1  # for a listed span, the position of its list's first span
    family: str = ""  # the kind of place a word before it (or its list) names: "the villages of A and B"


class _Finder:
    def __init__(self, gazetteer, text: str) -> None:
        self.text = text
        self.low = caseless(text)  # for the Caseless patterns
        self.tokens = _tokens(text, _name_words(gazetteer))
        # Tokens k and k+1 may belong to one name iff run[k] == run[k + 1]; each gap is
        # checked once here rather than again by every span tried across it.
        self.run = [0] * len(self.tokens)
        for k in range(1, len(self.tokens)):
            joined = _gap_ok(text, self.tokens[k - 1], self.tokens[k])
            self.run[k] = self.run[k - 1] if joined else self.run[k - 1] + 1
        self.index = gazetteer.index
        self.stop = gazetteer.stop
        self.stop_first = _stop_first_words(gazetteer)
        self._headlines: dict[int, bool] = {}
        self._longest: dict[int, tuple[int | None, int | None]] = {}
        self.name_words = _name_words(gazetteer)
        # Capitalised words after the first of the stop names read so far ("Observatory" of the
        # Syrian Observatory for Human Rights): later alone, they are that name cut short.
        self.named_words: set[str] = set()

    def can_start(self, i: int) -> bool:
        tok = self.tokens[i]
        if tok.capital and not tok.article:
            return tok.folded not in FUNCTION_WORDS  # "The", "In" begin sentences, not names
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or self.run[i] != self.run[i + 1]:
            return False
        if tok.article:
            return nxt.capital
        return tok.folded in START_WORDS

    def longest_name(self, i: int) -> tuple[int | None, int | None]:
        """Last tokens of the longest gazetteer names starting at token ``i``: (by phonetic key,
        ``NameIndex.by_key``; by spelling key, ``by_spell``), each None if there is none."""
        found = self._longest.get(i)
        if found is not None:
            return found
        toks, run = self.tokens, self.run
        key_probe, spell_probe, fold_probe = self.index.by_key.probe, self.index.by_spell.probe, self.index.by_fold.probe
        key = spell = folded = ""
        first_word = True
        best = best_spell = None
        j = i
        while j < len(toks) and j - i < MAX_SPAN_TOKENS:
            if j > i and run[j - 1] != run[j]:
                break
            tok = toks[j]
            key += tok.piece
            # A name indexed as written only (a war-map label, a smaller town abroad) has no key
            # of its own in the tables: its folded form is looked for too.
            folded = f"{folded} {tok.folded}" if folded else tok.folded
            if tok.article:
                as_last = as_inner = ""
            else:
                as_last, as_inner = word_keys(tok.folded, first_word)
                first_word = False
            whole = spell + as_last
            spell += as_inner
            key_found = key_probe(key) if key else IS_PREFIX
            whole_found = spell_probe(whole) if whole else IS_PREFIX
            fold_found = fold_probe(folded)
            if tok.piece and not tok.article:
                if key_found & IS_FORM or fold_found & IS_FORM:
                    best = j
                if whole_found & IS_FORM and consonants(whole) >= SPELL_MIN_CONSONANTS:
                    best_spell = j
            if key and not key_found & IS_PREFIX and not whole_found & IS_PREFIX \
                    and not spell_probe(spell) & IS_PREFIX and not fold_found & IS_PREFIX:
                break
            j += 1
        compass_last = self.compass_after(i)
        if compass_last is not None and (best is None or compass_last > best):
            best = compass_last
        found = self._longest[i] = (best, best_spell)
        return found

    def compass_after(self, i: int) -> int | None:
        """Last token of a name written with its Arabic compass adjective after the noun
        ("Ghariyeh al-Gharbiyah") whose English order ("Western Ghariyeh") is a gazetteer
        name, else None (``normalize.compass_first``)."""
        toks, run = self.tokens, self.run
        for k in range(i, min(i + 3, len(toks) - 1)):
            if run[k] != run[k + 1] or toks[k].article:
                continue
            m = k + 1
            if toks[m].article and m + 1 < len(toks) and run[m] == run[m + 1]:
                m += 1
            if not toks[m].folded.startswith(_COMPASS_STEMS) or not _COMPASS_WORD_RE.match(toks[m].folded):
                continue
            reordered = compass_first(" ".join(t.folded for t in toks[i:m + 1]))
            if reordered and (self.index.by_fold.probe(reordered) & IS_FORM
                              or self.index.by_key.probe("".join(token_keys(strip_articles(reordered)))) & IS_FORM):
                return m
        return None

    def longest_exact(self, i: int) -> int | None:
        return self.longest_name(i)[0]

    def cued(self, first: int, last: int) -> bool:
        """Whether the text says tokens ``first..last`` are a place: a generic word of place
        names among them ("Tal", "Kafr", "Jabal"), "the village of" before, or a descriptor
        after ("X district", "X area")."""
        if any(self.tokens[k].folded in GENERIC_WORDS for k in range(first, last + 1)):
            return True
        if SETTLEMENT_CUE_RE.search(self.text, max(0, self.tokens[first].start - 24), self.tokens[first].start, self.low):
            return True
        described = self.descriptor_after(last)
        return (described is not None and described[1].group != "road"
                or APPOSITION_RE.match(self.text, self.tokens[last].end) is not None)

    def longest_stop(self, i: int) -> int | None:
        toks = self.tokens
        lengths = self.stop_first.get(toks[i].folded)
        if not lengths:
            return None
        for n in lengths:  # longest first
            last = i + n - 1
            if last >= len(toks):
                continue
            if self.run[i] != self.run[last]:
                continue
            phrase = " ".join(t.folded for t in toks[i:last + 1])
            if phrase in self.stop.phrases:
                return last
        return None

    def descriptor_after(self, last: int) -> tuple[int, Descriptor] | None:
        toks = self.tokens
        if last + 1 >= len(toks) or toks[last + 1].folded not in _SUFFIX_FIRST_WORDS:
            return None
        for n in range(MAX_SUFFIX_TOKENS, 0, -1):
            end = last + n
            if end >= len(toks):
                continue
            if self.run[last] != self.run[end]:
                continue
            phrase = tuple(t.folded for t in toks[last + 1:end + 1])
            descriptor = SUFFIXES.get(phrase)
            if descriptor:
                return end, descriptor
        return None

    def spans(self, deadline: float | None = None) -> list[_Span]:
        out: list[_Span] = []
        toks = self.tokens
        i = 0
        unit_end = -1  # last token of the unit name being read, if inside one
        turns = 0
        while i < len(toks):
            turns += 1
            if turns % _CLOCK_EVERY == 0:
                _check(deadline)
            if not self.can_start(i):
                i += 1
                continue
            if self.word_before(i, OPERATION_WORDS):
                i = self.end_of_run(i, particles=("of", "the", "al")) + 1
                continue
            exact_last, spell_last = self.longest_name(i)
            if self.overlapped(i, exact_last, spell_last):
                i += 1
                continue
            name_last = exact_last if spell_last is None or (exact_last is not None and exact_last >= spell_last) else spell_last
            stop_last = self.longest_stop(i)
            if stop_last is not None and stop_last == name_last and self.quarter_after(stop_last):
                stop_last = None  # "the Baath district", "the Tishreen quarter": a quarter, not the party or month
            if stop_last is not None and (name_last is None or stop_last >= name_last):
                phrase = " ".join(t.folded for t in toks[i:stop_last + 1])
                self.named_words.update(t.folded for t in toks[i + 1:stop_last + 1] if t.capital)
                if phrase not in self.stop.soft:
                    i = stop_last + 1
                    continue
                # A unit's name: read on inside it, keeping only big places (see _resolve_spans).
                unit_end = max(unit_end, stop_last)
                if name_last is None:
                    i += 1
                    continue
            if (exact_last is None and spell_last in (None, i) and toks[i].folded in PLACE_TITLES
                    and self.next_token(i) is not None):
                # "Mount X" where only X is a name: the whole is the hill (the resolver reads the title).
                title_last = self.longest_name(i + 1)[0]
                if title_last is not None:
                    out.append(_Span(i, title_last, in_unit=i <= unit_end, loose=True, unknown=True))
                    i = title_last + 1
                    continue
            generic = self.generic_name(i, exact_last)
            if generic is not None:
                out.append(generic)
                i = generic.last + 1
                continue
            if name_last is None:
                guess = self.described_unknown(i) if i > unit_end else None
                if guess is not None:
                    out.append(guess)
                    i = guess.last + 1
                else:
                    i += 1
                continue
            if self.second_of_compound(i, out):
                i += 1
                continue
            if self.after_title(i) or (name_last == i and self.surname_follows(i)) or self.after_given_name(i):
                i = self.end_of_run(i) + 1  # a person: "Gen. Issam Zahreddine", "Jassim al-Saleh"
                continue
            loose = pending = near = False
            if i <= unit_end or (i == spell_last and toks[i].folded in self.stop.phrases):
                # Inside a unit's name, and for a word that is itself no place ("Syrian"), only
                # an exact name counts.
                if exact_last is None:
                    i += 1
                    continue
                spell_last = None
            if spell_last is not None and (exact_last is None or spell_last > exact_last):
                # Longer only by its spelling key: taken as written for a place if the text says
                # it is one, else the exact name if there is one, else pending its list's say.
                loose = self.cued(i, spell_last)
                if loose:
                    name_last = spell_last
                elif exact_last is not None and self.proper_name(i, spell_last) and self.spelt_place(i, spell_last):
                    # "Qastal Jindo" (Qastal Jend) holds the name "Qastal": a proper name of several
                    # words is the longer place, if that lies near the report's places.
                    name_last, near = spell_last, True
                elif exact_last is not None:
                    name_last = exact_last
                else:
                    # Not written as a place: pending its list's say, else tried near the report's
                    # places if it reads as a name (every word capitalised, not a sentence's first).
                    pending = True
                    near = self.proper_name(i, spell_last)
            else:
                loose = self.cued(i, name_last)
            described = self.descriptor_after(name_last)
            if described and self.ends_list(out, i, name_last, described[0]):
                described = None  # "eastern Homs and western Deir ez-Zor Provinces": the list's word
            last = described[0] if described else name_last
            if described and i > unit_end and self.name_runs_on(out, i, described[1]):
                # "the Bab Antakya quarter", "the Ard al-Hamra neighbourhood": the descriptor
                # names the whole run of capitalised words, not the name it ends with.
                out[-1] = _Span(out[-1].first, last, loose=True, unknown=True)
                i = last + 1
                continue
            span = _Span(i, last, in_unit=i <= unit_end,
                         before_capital=not described and self.capital_follows(last),
                         after_capital=self.after_unknown_capital(i),
                         loose=loose, pending=pending, unknown=loose, near_only=near)
            out.append(span)
            i = span.last + 1
        return self.listed(out)

    def quarter_after(self, last: int) -> bool:
        """Whether a city-quarter word follows token ``last`` ("district", "neighbourhood")."""
        described = self.descriptor_after(last)
        return described is not None and described[1].family == "district"

    def name_runs_on(self, found: list[_Span], i: int, descriptor: Descriptor) -> bool:
        """Whether the span before a described name at token ``i`` is that name's first word(s),
        one space before it: a quarter, crossing or hill is named by all its capitalised words
        ("the Bab Antakya quarter" is neither al-Bab nor Antakya). Not for a road, which runs
        from one place to the next ("the Homs Palmyra road"), nor after a word that is
        capitalised only for opening a sentence or a headline."""
        if not found or descriptor.group == "road":
            return False
        before = found[-1]
        if before.last != i - 1 or before.in_unit:
            return False
        toks = self.tokens
        left, right = toks[i - 1], toks[i]
        if self.text[left.end:right.start] != " ":
            return False
        head = toks[before.first]
        if not head.capital or self.headline(head.start):
            return False
        if before.pending:
            # An unknown word before "al-X" is the first of one Arabic name ("Ard al-Hamra"); before
            # a bare name it may be English ("the Old Raqqa area").
            return right.article and not _sentence_initial(self.text, head.start)
        # A known name runs on only as a generic first word ("Bab", "Tal"): "the Aleppo Sheikh
        # Maqsoud district" is a city and its quarter.
        return before.first == before.last and (head.folded in GENERIC_WORDS or head.folded in QUARTER_WORDS)

    def spelt_place(self, i: int, last: int) -> bool:
        """Whether tokens ``i..last`` name a place of the index by their spelling key."""
        phrase = self.text[self.tokens[i].start:self.tokens[last].end]
        return bool(candidates(self.index, phrase, fuzzy=False))

    def proper_name(self, i: int, last: int) -> bool:
        """Whether tokens ``i..last`` read as a name: every word capitalised (or an article),
        the first not a sentence's first word."""
        toks = self.tokens
        return all(toks[k].capital or toks[k].article for k in range(i, last + 1)) \
            and not _sentence_initial(self.text, toks[i].start)

    def overlapped(self, i: int, exact_last: int | None, spell_last: int | None) -> bool:
        """Whether the name at token ``i``, a direction word, gives way to the direction and
        a name after it: to a longer one ("Eastern Deir", a village, in "eastern Deir ez-Zor",
        the city), and a mere spelling guess ("Western Daraa" ~ some "Western Dara") to any
        exact one ("Daraa")."""
        if self.tokens[i].folded not in directional.DIRECTION_WORDS or self.next_token(i) is None:
            return False
        after = self.longest_name(i + 1)
        if exact_last is None:
            return spell_last is not None and after[0] is not None
        return max((k for k in after if k is not None), default=-1) > exact_last

    def ends_list(self, found: list[_Span], i: int, name_last: int, end: int) -> bool:
        """Whether a plural descriptor after tokens ``i..name_last`` ("... and B provinces")
        belongs to the whole list the name ends rather than to the name alone."""
        if not found or not self.tokens[end].folded.endswith("s"):
            return False
        previous = self.tokens[found[-1].last]
        return _list_gap(self.text, previous.end, self.tokens[i].start)

    def listed(self, spans: list[_Span]) -> list[_Span]:
        """Spans in one list ("Tadef, Bazaa and Qabaseen", "the villages of A, B and C") share
        what the text says of any of them: if one is cued, or matched exactly, all are written
        as places (loose); pending spans in no such list are dropped."""
        out = list(spans)
        k = 0
        while k < len(out):
            j = k
            while j + 1 < len(out) and _list_gap(
                    self.text, self.tokens[out[j].last].end, self.tokens[out[j + 1].first].start):
                j += 1
            group = range(k, j + 1)
            if j > k and any(out[g].loose or out[g].fuzzy or not out[g].pending for g in group):
                # Cued as places ("the villages of A, B and C") or only listed with one ("Hawija
                # and Raqqa"): a name only listed with a place is placed only if nothing has it.
                strong = any(out[g].loose or out[g].fuzzy for g in group)
                for g in group:
                    if not out[g].loose:
                        out[g] = replace(out[g], loose=True, pending=False, unknown=out[g].pending, near_only=False,
                                         listed_only=out[g].pending and not strong, group=k)
            cue = FAMILY_CUE_RE.search(self.text, max(0, self.tokens[out[k].first].start - 24),
                                       self.tokens[out[k].first].start)
            if cue:
                for g in group:
                    out[g] = replace(out[g], family=cue.lastgroup)
            k = j + 1
        # A spelling match in no list is still tried, but kept only near the report's places.
        return [replace(span, pending=False, loose=True) if span.near_only and span.pending else span
                for span in out if not span.pending or span.near_only]

    def generic_name(self, i: int, exact_last: int | None) -> _Span | None:
        """"Tal Abu Qul", "Jabal al-Bishri", "Bir Ghabaghib": a generic word of place names and
        the capitalised words after it, as one name, when the index has no longer name there
        than the generic word alone (or none). Resolved loosely; placed from context if unknown."""
        tok = self.tokens[i]
        if exact_last is not None and exact_last > i:
            return None
        numbered = self.numbered_hill(i)
        if numbered is not None:
            return numbered
        if not tok.capital or tok.folded not in GENERIC_WORDS | HILL_TITLES:
            return None
        last = i
        while (last - i < 4 and (nxt := self.next_token(last)) is not None
               and (nxt.capital or (nxt.article and (after := self.next_token(last + 1)) is not None and after.capital)
                    or nxt.folded in ("abu", "abou", "umm", "um", "bin", "ibn"))):
            last += 1
        if last == i:
            return None
        if self.tokens[last].article:
            last -= 1
        described = self.descriptor_after(last)
        return _Span(i, described[0] if described else last, fuzzy=True, loose=True, unknown=True)

    def numbered_hill(self, i: int) -> _Span | None:
        """ "Hill 45", "Tal 23", "Height 1154", "Point 935": a hill called by its number (its height
        or the army's map number), one name, never the town the word alone names (al-Tall)."""
        tok, nxt = self.tokens[i], self.next_token(i)
        if (not tok.capital or tok.folded not in NUMBERED_HILL_WORDS or nxt is None or not nxt.text.isdigit()
                or self.text[tok.end:nxt.start] != " "):
            return None
        return _Span(i, i + 1, loose=True, unknown=True)

    def described_unknown(self, i: int) -> _Span | None:
        """A capitalised name the index does not hold, which the text says is a place: "the
        village of Xyz", "Khalhala airport", "al-Xyz, the neighbourhood next to...". Resolved
        fuzzily, else placed from its context (``inferred``); None if no such cue. A name of no
        cue is kept pending: a list of places may still make it one (``listed``)."""
        tok = self.tokens[i]
        if tok.article:
            nxt = self.next_token(i)
            if nxt is None or not nxt.capital:
                return None
            head = nxt
        else:
            head = tok
        if (not head.capital or head.folded in self.stop.phrases or head.folded in FUNCTION_WORDS
                or head.folded in NOT_NAME_WORDS or head.folded in self.named_words or self.headline(tok.start)):
            return None
        last = i if not tok.article else i + 1
        # Up to a descriptor, even a capitalised one ("Jirah Military Airport").
        while (last - i < 2 and (nxt := self.next_token(last)) is not None and (nxt.capital or nxt.article)
               and self.longest_exact(last + 1) is None and nxt.folded not in NOT_NAME_WORDS
               and self.descriptor_after(last) is None):
            last += 1
        if self.tokens[last].article:
            last -= 1
        described = self.descriptor_after(last)
        # "Xyz dam" cues a place; so does "the Hiri area", but not "the Kurdish area" (a
        # demonym is a stop name, refused above).
        # A road's name is a place to infer from the context, never a misspelt other place:
        # roads are named after restaurants, people, factories as often as after places.
        if described and described[1].family in ("site", "hill", "area", "settlement", "district"):
            return _Span(i, described[0], fuzzy=described[1].group != "road", loose=True, unknown=True)
        if SETTLEMENT_CUE_RE.search(self.text, max(0, tok.start - 24), tok.start, self.low) or \
                APPOSITION_RE.match(self.text, self.tokens[last].end):
            return _Span(i, last, fuzzy=True, loose=True, unknown=True)
        # A capitalised unknown word in a list of places: kept for ``listed`` to judge.
        return _Span(i, last, pending=True, unknown=True)

    def headline(self, position: int) -> bool:
        """Whether ``position`` is in a title-case line ("Syrian Army Captures Strategic
        Village Of Abu Dali"), where capitals say nothing about names."""
        # Only the characters near ``position`` are looked at: a line longer than a headline
        # can be is none, and a text without line breaks is not scanned back to its start.
        window = max(0, position - _HEADLINE_CHARS)
        start = self.text.rfind("\n", window, position) + 1
        if not start and window:
            return False
        known = self._headlines.get(start)
        if known is None:
            end = self.text.find("\n", position, start + _HEADLINE_CHARS)
            words = _HEADLINE_WORD_RE.findall(self.text[start:end if end >= 0 else start + _HEADLINE_CHARS])
            capitals = sum(1 for w in words if w[0].isupper())
            known = self._headlines[start] = len(words) >= 4 and capitals >= 0.7 * len(words)
        return known

    def second_of_compound(self, i: int, found: list[_Span]) -> bool:
        """"Abdul-Mahdi", "pro-Assad": a word hyphenated to a capitalised word that is not
        itself (the end of) a place is part of a compound name, not a place of its own."""
        if i == 0:
            return False
        prev, tok = self.tokens[i - 1], self.tokens[i]
        if not (prev.capital and not prev.article and _HYPHEN_RE.fullmatch(self.text, prev.end, tok.start)):
            return False
        return not (found and found[-1].last == i - 1)

    def word_before(self, i: int, among: frozenset[str]) -> bool:
        """Whether the folded word just before token ``i``, across a space (and a dot or a
        quote), is one of ``among``."""
        if i == 0:
            return False
        prev = self.tokens[i - 1]
        return prev.folded in among and _CUE_GAP_RE.fullmatch(self.text, prev.end, self.tokens[i].start) is not None

    def after_title(self, i: int) -> bool:
        return self.word_before(i, TITLE_WORDS)

    def after_unknown_capital(self, i: int) -> bool:
        """Whether token ``i`` follows, after a space, a capitalised word no place name holds."""
        if i == 0 or self.run[i - 1] != self.run[i]:
            return False
        prev = self.tokens[i - 1]
        return not (not prev.capital or prev.article or prev.folded in self.name_words or prev.folded in FUNCTION_WORDS
                    or prev.folded in self.stop.phrases or " " not in self.text[prev.end:self.tokens[i].start])

    def after_given_name(self, i: int) -> bool:
        """"SDF fighter Berkhdan Qamishli": a word no place name holds, capitalised inside a
        sentence or after a title, just before the place's name makes the two a person's name
        (before a village's name, anywhere: see ``_resolve_spans``)."""
        if i == 0 or self.run[i - 1] != self.run[i]:
            return False
        prev = self.tokens[i - 1]
        before = _WORD_BEFORE_RE.search(self.text, max(0, prev.start - 40), prev.start)
        if before is not None and before.group(1).lower() in TITLE_WORDS and prev.capital and not prev.article:
            return True  # "Colonel Suheil al-Hassan", "Sheikh Ahmed al-Hassan": even a given name places share
        if not self.after_unknown_capital(i):
            return False
        return before is not None and before.group(1)[0].islower()

    def next_token(self, i: int) -> _Token | None:
        j = i + 1
        if j < len(self.tokens) and self.run[i] == self.run[j]:
            return self.tokens[j]
        return None

    def surname_follows(self, i: int) -> bool:
        """"X al-Y", "X bin Y", "X ibn Y": a given name and a family name."""
        nxt = self.next_token(i)
        if nxt is None:
            return False
        if nxt.folded in ("bin", "ibn", "bint"):
            return True
        after = self.next_token(i + 1) if nxt.article else None
        return after is not None and after.capital and _HYPHEN_RE.match(self.text, nxt.end) is not None

    def capital_follows(self, i: int) -> bool:
        nxt = self.next_token(i)
        return (nxt is not None and nxt.capital and not nxt.article and _HYPHEN_RE.match(self.text, self.tokens[i].end) is None
                and nxt.folded not in FUNCTION_WORDS)

    def end_of_run(self, i: int, particles: tuple[str, ...] = ("bin", "ibn", "abu")) -> int:
        """Last capitalised token of the run of capitalised words and particles from ``i``."""
        j = last = i
        while (nxt := self.next_token(j)) is not None and (nxt.capital or nxt.article or nxt.folded in particles):
            j += 1
            if nxt.capital:
                last = j
        return last


def _sentence_initial(text: str, position: int) -> bool:
    """Whether ``position`` begins a sentence or a line, where a capital says nothing."""
    k = position - 1
    while k >= 0 and text[k] in " \t\u00a0\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?:\n"


def _list_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` separates two names of one list ("A, B and C")."""
    return end - start <= MAX_GAP_CHARS and LIST_GAP_RE.fullmatch(text, start, end) is not None


def _name_words(gazetteer) -> frozenset[str]:
    """Every folded word of every gazetteer name, stop name and descriptor (cached per index)."""
    cached = getattr(gazetteer, "_name_words", None)
    if cached is not None and cached[0] is gazetteer.index and cached[1] == gazetteer.index.version:
        return cached[2]
    words = set(gazetteer.index.words())
    words |= {w for p in gazetteer.stop.phrases for w in p.split()}
    words |= {w for phrase in SUFFIXES for w in phrase} | START_WORDS | ARTICLES | TITLE_WORDS | OPERATION_WORDS
    result = frozenset(words)
    gazetteer._name_words = (gazetteer.index, gazetteer.index.version, result)
    return result


def _stop_first_words(gazetteer) -> dict[str, list[int]]:
    """First folded word of each stop phrase -> phrase lengths in words, longest first."""
    cached = getattr(gazetteer, "_stop_first_words", None)
    if cached is not None:
        return cached
    table: dict[str, set[int]] = {}
    for phrase in gazetteer.stop.phrases:
        words = phrase.split()
        table.setdefault(words[0], set()).add(len(words))
    result = {word: sorted(lengths, reverse=True) for word, lengths in table.items()}
    gazetteer._stop_first_words = result
    return result


def _is_metonym(text: str, mention_start: int, mention_end: int, folded_name: str) -> bool:
    if folded_name not in CAPITALS:
        return False
    following = _WORD_AFTER_RE.match(text[mention_end:mention_end + 30])
    if not (following and following.group(1).lower() in _METONYM_NEXT):
        return False
    # "a source in Damascus said": a place where someone is, not the government speaking.
    before = _WORD_BEFORE_RE.search(text, max(0, mention_start - 20), mention_start)
    return not (before and before.group(1).lower() in _LOCATIVE_BEFORE)


def _resolve_spans(gazetteer, text: str, spans: list[_Span], tokens: list[_Token],
                   context: Context | None, memo: dict, unknown: list | None = None,
                   checkable: set | None = None, refused: list | None = None,
                   deadline: float | None = None) -> list[Mention]:
    """Mentions of the spans that resolve. ``memo`` maps a written name to its
    ``Resolution``; names that context cannot change are not resolved again. Spans written as
    places that nothing matched go to ``unknown`` (character spans); the starts of mentions of
    villages and inexact matches, which a relation in the text may contradict, to ``checkable``."""
    out = []
    # Within one call the context is fixed: a name written again gets the same answer.
    this_call: set = set()
    for turn, span in enumerate(spans):
        if turn % _CLOCK_EVERY == 0:
            _check(deadline)
        if unknown is not None and span.unknown:
            unknown.append(span)
        start, end = tokens[span.first].start, tokens[span.last].end
        written = text[start:end]
        memo_key = (written, span.loose, span.fuzzy, span.family)
        known = memo.get(memo_key)
        if known is None or (known[1] and context and memo_key not in this_call):
            memo[memo_key] = gazetteer.resolve_detail(written, context, fuzzy=span.fuzzy, spelling=span.loose,
                                                      family=span.family)
            this_call.add(memo_key)
        memo[written] = memo[memo_key]
        place = memo[memo_key][0]
        if unknown is not None and span.listed_only and place is None and memo[memo_key].contextual:
            unknown.pop()  # "Hawija and Raqqa": a known name refused here names a place elsewhere
        if refused is not None and place is None and memo[memo_key].contextual and not span.unknown:
            refused.append((start, end))  # the wrong homonym: a relation after it may place it
        if span.fuzzy and place is not None and place.score < FUZZY_MIN_SCORE:
            continue
        if span.near_only and place is not None and memo[memo_key].tier in INEXACT_TIERS and not (
                context and context.nearest_km(place.lat, place.lon, other_than_itself=True) <= NEAR_SPELL_KM):
            continue  # "Hamdaniyeh" in a report on Aleppo is its quarter; "Teams" is no village
        if place is None or _is_metonym(text, start, end, fold(written)):
            continue
        if span.in_unit and place.kind not in _NAMING_KINDS and place.population < 10_000:
            continue
        if span.first == span.last and len(tokens[span.first].piece) <= SHORT_KEY and memo[memo_key].tier not in _SHORT_OK_TIERS:
            continue  # "Ali" only sounds like Aley: short words must be spelt as the gazetteer does
        if span.first == span.last and (span.before_capital or span.after_capital) and _is_minor(place):
            continue  # "Dana Stroul", "Talas Salama": a small village's name beside another name is a person's
        if span.first == span.last and _is_acronym(written) and _is_minor(place):
            continue  # "SANA", "SOHR": an agency's initials, not the village spelt so (a dateline's ALEPPO is a city)
        if unknown is not None and span.unknown:
            unknown.pop()
        if checkable is not None and (
                memo[memo_key].tier in INEXACT_TIERS or "(named after)" in place.source
                or place.kind == "village" or (place.kind == "town" and place.population < 20_000
                                               and not place.source.startswith("curated"))):
            checkable.add(start)
        out.append(Mention(start, end, written, place))
    return out


def _among_villages(unknown: list[_Span], spans: list[_Span], mentions: list[Mention],
                    tokens: list[_Token]) -> list[_Span]:
    """Unknown names kept only for being listed with places, less those listed with big places
    alone ("Hawija and Raqqa"): the press lists like with like, and a place as well known as a
    city that the gazetteer lacks lies abroad; a name listed with villages ("Tadef, Bazaa and
    Qabaseen") is a village the lists lack."""
    if not any(s.listed_only for s in unknown):
        return unknown
    place_at = {m.start: m.place for m in mentions}
    out = []
    for span in unknown:
        if span.listed_only:
            partners = [place_at.get(tokens[s.first].start) for s in spans if s.group == span.group and s is not span]
            partners = [p for p in partners if p is not None]
            if partners and all(_is_big(p) for p in partners):
                continue
        out.append(span)
    return out


def _is_big(place: Place) -> bool:
    return place.kind in ("city", "governorate", "region") or place.population >= 20_000


def _is_acronym(written: str) -> bool:
    """A short word written in capitals only ("SANA", "ANHA")."""
    return 2 <= len(written) <= 5 and written.isalpha() and written.isupper()


def _is_minor(place: Place) -> bool:
    """A village or small town: its name may well be someone's given name."""
    return place.population < 50_000 and place.kind in ("village", "town")


def document_context(gazetteer, text: str) -> Context:
    """The governorates and unambiguous places a document names (first pass, no context)."""
    finder = _Finder(gazetteer, text)
    memo: dict = {}
    mentions = _resolve_spans(gazetteer, text, finder.spans(), finder.tokens, None, memo)
    return _sure_context(mentions, memo, gazetteer, text)


def _sure_context(mentions: list[Mention], memo: dict, gazetteer=None, text: str = "") -> Context:
    """Context from the mentions resolved surely (exact, unrivalled or big): a guess among
    homonyms or a misspelling must not decide where the document is. With the text, the
    regions its sure names make ("southern Idlib") count too."""
    sure = [m for m in mentions if memo[m.text].sure]
    if gazetteer is not None and sure:
        sure = directional.apply(gazetteer, text, sure)
    return Context.of_places(m.place for m in sure)


def geoparse(gazetteer, text: str, context: Context | None = None, relative_phrases: bool = True,
             generic_too: bool = False, deadline: float | None = None) -> list[Mention]:
    """Place mentions in ``text`` in text order (a relative phrase's mention right after its
    anchor's); see the module docstring. ``generic_too`` keeps what ``generic`` drops (for
    reading a phrase asked for on its own: "north-eastern Syria"). Past ``deadline`` (a
    ``time.monotonic()`` value) it raises ``OverBudget``, looking at the clock every few
    hundred words and between steps: the mentions found so far are not returned, since a
    name's answer depends on what the rest of the text says."""
    _check(deadline)
    finder = _Finder(gazetteer, text)
    _check(deadline)
    spans = finder.spans(deadline)
    memo: dict[str, tuple[Place | None, bool]] = {}
    first = _resolve_spans(gazetteer, text, spans, finder.tokens, context, memo, deadline=deadline)
    doc_context = _sure_context(first, memo, gazetteer, text)
    if context:
        doc_context = doc_context.merged(context)
    unknown_spans: list[_Span] = []
    checkable: set[int] = set()
    refused: list[tuple[int, int]] = []
    mentions = _resolve_spans(gazetteer, text, spans, finder.tokens, doc_context, memo, unknown_spans, checkable,
                              refused, deadline)
    mentions = [m for m in mentions if not _off_the_map(m)]  # nor a neighbour that places a border
    unknown_spans = _among_villages(unknown_spans, spans, mentions, finder.tokens)
    unknowns = [(finder.tokens[s.first].start, finder.tokens[s.last].end) for s in unknown_spans]
    mentions = routes.apply(gazetteer, text, mentions, unknowns)  # "the Damascus-Aleppo road"
    if not relative_phrases:
        return administrative.apply(gazetteer, text, directional.apply(gazetteer, text,
                                                                       lines.apply(gazetteer, text, mentions)))
    # Relative points help place borders ("70 km north-east of al-Tanf, reaching the
    # border"), and a projected border or river anchors relative and directional phrases
    # better ("the eastern bank of the Euphrates"): lines first, then the phrases around names.
    with_relative = _ordered(mentions + relative.find(text, mentions))
    _check(deadline)
    names = [m for m in lines.apply(gazetteer, text, with_relative) if not relative.is_relative(m.place)]
    _check(deadline)
    names = administrative.apply(gazetteer, text, directional.apply(gazetteer, text, names))
    _check(deadline)
    taken = lines.Spans(names)
    unknowns = [(a, b) for a, b in unknowns if not taken.overlaps(a, b)]
    refused = [(a, b) for a, b in refused if not taken.overlaps(a, b)]
    # A dateline abroad is where the reporter sat: no mention, nor an anchor for unknown names.
    names = [m for m in names if not _foreign_dateline(text, m) and not _far_abroad(m)]
    names = inferred.resolve(text, names, unknowns, checkable, refused)
    names = scenes.drop_abroad(text, names, _is_big)  # "In Iraq, ...": its villages are not Syria's
    _check(deadline)
    if not generic_too:
        names = generic.drop(text, names)
    return _ordered(names + relative.find(text, names))


# "BEIRUT, LEBANON (8:10 P.M.) –", "AMMAN (AFP) -": where the report was filed, at a line's start.
_DATELINE_AFTER_RE = re.compile(r"(?:,[ \u00a0]*[A-Z][A-Za-z]+)*[ \u00a0]*(?:\([^)\n]{0,40}\)[ \u00a0]*)?[-–—:,]")


def _foreign_dateline(text: str, mention: Mention) -> bool:
    """A dateline outside Syria says where the reporter was, not where anything happened."""
    if mention.place.country == "SY" or not mention.text.isupper():
        return False
    window = max(0, mention.start - _HEADLINE_CHARS)
    line_start = text.rfind("\n", window, mention.start) + 1
    if not line_start and window:
        return False  # far from any line break: no dateline
    return not text[line_start:mention.start].strip() and _DATELINE_AFTER_RE.match(text, mention.end) is not None


# A place abroad farther than this (km) from Syria's outline is off the map: neither in Syria nor
# on its border ("a Beirut newsroom", "talks in Amman"). Border towns (Al Qaim, Akcakale, Arsal)
# lie within it.
ABROAD_KM = 25.0


def _far_abroad(mention: Mention) -> bool:
    """A place outside Syria away from its border: no mention, nor an anchor for unknown names."""
    place = mention.place
    if place.country == "SY" or place.kind == "inferred":
        return False
    return lines.km_from_syria(place.lat, place.lon) > ABROAD_KM


def _off_the_map(mention: Mention) -> bool:
    """A city of the region beyond Syria's border strip (Mosul, Erbil; ``abroad`` in the
    GeoNames base): it claims its name from Syrian look-alikes but is no mention, nor the
    place that says which stretch of a border a report means."""
    raw = mention.place.raw
    return mention.place.country != "SY" and bool(raw) and raw.get("abroad") == "1"


def _ordered(mentions: list[Mention]) -> list[Mention]:
    """In text order of the names; a relative phrase right after its anchor's mention, so
    whoever takes the first mention over a name gets the named place itself."""
    return sorted(mentions, key=lambda m: (m.end, 1, m.start) if relative.is_relative(m.place) else (m.start, 0, -m.end))
