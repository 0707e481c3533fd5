"""One spelling key for a name however it is transliterated, and for its Arabic script.

The press, OCHA, GeoNames and Wikipedia write one Arabic name in several conventions:
Busra al-Harir / Bisr Elharir, Kafr Nabudah / Kafr Nabutha, Dabiq / Dabeq, Jubb al-Jarrah /
Jeb Ej-Jarrah, Tall / Tal / Tell. Arabic script writes consonants and long vowels only, so the
key keeps what every convention agrees on, the consonants, each reduced to a class of the
letters English uses for it:

========  ==========================================  ========================
class     Latin                                       Arabic
========  ==========================================  ========================
``T``     t th d dh z (and emphatic ṭ ḍ ẓ folded)     ت ث د ذ ز ط ض ظ
``K``     q k g gh c ck                               ق ك غ گ
``H``     h kh                                        ح خ ه
``S``     sh ch sch                                   ش چ
``s``     s                                           س ص
``j``     j dj                                        ج
``f``     f ph p v                                    ف پ ڤ
others    b l m n r                                   ب ل م ن ر
========  ==========================================  ========================

Dropped: vowels, w and y but at the start of a word (Arabic و ي ا and the hamza forms), the ayn (Latin apostrophe,
Arabic ع), doubled letters, the article in every form (al-, el-, ej-, ed-, es-, ash-... and
OCHA's glued "Elharir"), a final -ah/-eh/-a (Arabic final ة ه ح). A word that begins with a
vowel (or alef/ayn) keeps an ``a``, so Ain / Ein / ʿAyn meet and stay apart from Nin. Abu,
Abou, Albu and Bu are one word, as are Umm/Um/Om and Ibn/Bin. The construct "-et"/"-at" that
Latin spellings add to a word ending in ة before another word is dropped, as the script
does not write it (Mlihet Elatash = Maleehat al-Atash = مليحة العطش; "Beit" keeps its t).

The key is coarse on purpose: it finds candidates, and the matcher keeps only those whose
spelling is also close (``match.spelling_checked``). Its precision is measured, not assumed:
``bench/gazetteer.py`` reports how often communities with different Arabic names share a key
(false merges) and how often GeoNames' and OCHA's spellings of one place meet (recall).
"""
from __future__ import annotations

import re
from functools import lru_cache

from gazetteer.normalize import ARTICLES, fold

# Latin units, longest first, to consonant classes ("" = dropped).
_LATIN_UNITS = [
    ("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "H"), ("gh", "K"), ("th", "T"), ("dh", "T"),
    ("ph", "f"), ("dj", "j"), ("ck", "K"), ("x", "Ks"),
    ("q", "K"), ("k", "K"), ("g", "K"), ("c", "K"),
    ("t", "T"), ("d", "T"), ("z", "T"),
    ("h", "H"), ("s", "s"), ("j", "j"), ("f", "f"), ("p", "f"), ("v", "f"),
    ("b", "b"), ("l", "l"), ("m", "m"), ("n", "n"), ("r", "r"),
]
_VOWELS = frozenset("aeiouyw")
_UNIT_RE = re.compile("|".join(re.escape(u) for u, _ in _LATIN_UNITS) + r"|[aeiouyw]|\d+|.")
_UNIT_CLASS = dict(_LATIN_UNITS)
# Words written several ways that are one word.
_WORD_FORMS = {
    "abu": "bu", "abou": "bu", "abo": "bu", "albu": "bu", "bou": "bu", "bu": "bu", "abul": "bu", "abi": "bu",
    "um": "um", "umm": "um", "om": "um", "oum": "um", "omm": "um",
    "ibn": "bin", "bin": "bin", "ben": "bin",
}
# An article glued to a later word, as OCHA writes it ("Bisr Elharir", "Jdidet Eljisr").
_GLUED_ARTICLE_RE = re.compile(r"^el(?=[a-z]{3})")  # not "al": "East Aleppo"
# An "e" and a doubled sun letter: an assimilated article glued on ("Ezzor", "Errastan"). Not
# "a": "Attiyeh" is a name of its own.
_GLUED_SUN_RE = re.compile(r"^e(t|th|d|dh|r|z|s|sh|n)\1(?=[a-z]{2})")
# "Albukamal", "Abukamal": the Abu prefix glued on.
# The nisba ending -iya(h)/-iyeh (Arabic ية): kept as "y", so Amud and Amudiyeh stay apart.
_NISBA_RE = re.compile(r"(?:iy{1,2}|ey|i|(?<=[^aeiouy])y)(?:a|e)h?$")
_GLUED_ABU_RE = re.compile(r"^(?:albu|abul|abu|abou|bou)(?=[a-z]{4})")
# "Salaheddin", "Nureddin": a name and "al-Din" written as one word, keyed as the two words
# ("Salah Ad-Deen", صلاح الدين).
_GLUED_DIN_RE = re.compile(r"^([a-z]{3,}?)(?:e|u|a|i)d(din|deen|dine)$")
_DIN_ENDINGS = ("din", "deen", "dine", "din\n", "deen\n", "dine\n")  # where the pattern's "$" may match
# Words that tell apart two parts of one village ("Eastern Kwaires", "Kuwayris Sharqi",
# "Lower Shyookh", "Shuyukh Tahtani"), in English and transliterated Arabic; see
# ``without_qualifiers``.
QUALIFIERS = frozenset("""big little small upper lower northern southern eastern western middle
north south east west kabir kabira kabirah kbir kebir kebira saghir saghira saghirah sghir
zghir sagheer tahtani tahtaniyah tahtaniyeh tahta fawqani fawqaniyah fouqani foqani fuqani
wastani wustani sharqi sharqiyah sharqiyeh shrqi gharbi gharbiyah gharbiyeh shamali
shamaliyah shamaliyeh janubi janubiyah janubiyeh jnubi""".split())
_ARABIC_QUALIFIERS = frozenset("""كبير كبيرة كبيره صغير صغيرة صغيره فوقاني فوقانية فوقا تحتاني
تحتانية تحتا وسطاني وسطانية شمالي شمالية جنوبي جنوبية شرقي شرقية غربي غربية""".split())

_ARABIC_CLASS = {
    "ب": "b", "پ": "b", "ت": "T", "ث": "T", "ج": "j", "ح": "H", "خ": "H", "د": "T", "ذ": "T",
    "ر": "r", "ز": "T", "س": "s", "ش": "S", "چ": "S", "ص": "s", "ض": "T", "ط": "T", "ظ": "T",
    "غ": "K", "ف": "f", "ڤ": "f", "ق": "K", "ك": "K", "ک": "K", "گ": "K", "ل": "l", "م": "m",
    "ن": "n", "ه": "H", "ة": "H",
}
_ARABIC_SILENT = frozenset("اأإآٱءئؤوىيیع")
_ARABIC_INITIAL_VOWEL = frozenset("اأإآٱعءئؤ")
_ARABIC_FINAL_DROPPED = frozenset("ةهح")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a\u067e\u0686\u06a4\u06a9\u06af\u06cc]+")
_TASHKEEL_RE = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_FORMS = {"ابو": "بو", "أبو": "بو", "ابن": "بن", "بن": "بن", "ام": "أم", "أم": "أم"}


def _latin_word(word: str, first: bool, last: bool) -> str:
    return _latin_pair(word, first)[0 if last else 1]


@lru_cache(maxsize=200_000)
def _latin_pair(word: str, first: bool) -> tuple[str, str]:
    """(key of ``word`` as a name's last word, key as an inner word): one reading of the word
    for both, as they differ only by the construct -t dropped from an inner word."""
    glued = _GLUED_DIN_RE.match(word) if word.endswith(_DIN_ENDINGS) else None  # (a cheap first test)
    if glued:
        stem = _latin_pair(glued.group(1), first)[1]
        return tuple(stem + key for key in _latin_pair(glued.group(2), False))
    # (each pattern runs only where it may match: most words hold none of them)
    if not first and word.startswith("el"):
        word = _GLUED_ARTICLE_RE.sub("", word)
    if word.startswith("e"):
        word = _GLUED_SUN_RE.sub(lambda m: m.group(1), word)
    word = _WORD_FORMS.get(word) or (_GLUED_ABU_RE.sub("bu", word) if word.startswith(("abu", "abo", "albu", "bou")) else word)
    nisba = _NISBA_RE.search(word) if word.endswith(("a", "e", "ah", "eh", "\n")) else None
    nisba = nisba if nisba and nisba.start() >= 2 else None
    if nisba:
        word = word[:nisba.start()]
    units = _UNIT_RE.findall(word)
    if not nisba and len(units) > 1 and units[-1] == "h" and units[-2] in _VOWELS:
        units.pop()  # -ah, -eh: a ta marbuta (or a final h the Arabic drops too)
    if units and units[0] in ("y", "w") and len(units) > 1 and units[1] in _VOWELS:
        out = [units[0]]  # Yabroud, Wadi: a consonant at the start of a word
    else:
        out = ["a"] if units and units[0] in _VOWELS and units[0] not in "yw" else []
    own_final = False
    for unit in units:
        cls = _UNIT_CLASS.get(unit, unit if unit.isdigit() else "")
        own_final = bool(cls) and not (out and out[-1] == cls)
        if own_final:
            out.append(cls)
    # "Mlihet", "Kherbet", "Hawijat" before another word: the construct -t of a final ة,
    # which Arabic script does not write as a letter of its own ("Beit" keeps its t).
    as_last = "".join(out)
    if (own_final and len(units) > 2 and units[-1] == "t" and units[-2] in _VOWELS
            and sum(1 for c in out if c != "a") > 2):
        as_inner = as_last[:-1]
    else:
        as_inner = as_last
    if nisba:
        return as_last + "y", as_inner + "y"
    return as_last, as_inner


@lru_cache(maxsize=200_000)
def latin_key(text: str) -> str:
    """The spelling key of a name in Latin script: "Busra al-Harir" -> "bsrHr"."""
    words = [w for w in fold(text).split() if w not in ARTICLES]
    return "".join(_latin_word(w, i == 0, i == len(words) - 1) for i, w in enumerate(words))


@lru_cache(maxsize=200_000)
def word_keys(folded_word: str, first: bool) -> tuple[str, str]:
    """(key of the word as a name's last word, key as an inner word) of one folded word, for
    building a name's key word by word as the geoparser reads it; "" for an article."""
    if folded_word in ARTICLES:
        return "", ""
    return _latin_pair(folded_word, first)


def without_qualifiers(name: str) -> str | None:
    """The name without the words telling one part of a village from another ("Eastern
    Kwaires" -> "Kwaires", "جب ابيض شمالي" -> "جب ابيض"), or None if it has none or is
    only that."""
    if any("\u0600" <= c <= "\u06ff" for c in name):
        words = name.split()
        kept = [w for w in words if w.removeprefix("ال") not in _ARABIC_QUALIFIERS]
    else:
        words = name.split()
        kept = [w for w in words if fold(w) not in QUALIFIERS]
    return " ".join(kept) if kept and len(kept) < len(words) else None


@lru_cache(maxsize=100_000)
def arabic_key(text: str) -> str:
    """The spelling key of a name in Arabic script, comparable with ``latin_key``."""
    text = _TASHKEEL_RE.sub("", text)
    words = _ARABIC_WORD_RE.findall(text)
    out = []
    for word in words:
        for prefix in ("وال", "ال"):
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                word = word[len(prefix):]
                break
        word = _ARABIC_FORMS.get(word, word)
        if word[0] in "يو" and len(word) > 2:
            key = ["y" if word[0] == "ي" else "w"]
        else:
            key = ["a"] if word[0] in _ARABIC_INITIAL_VOWEL else []
        nisba = len(word) > 3 and word[-2] == "ي" and word[-1] in "ةه"
        if nisba:
            word = word[:-2]
        for i, letter in enumerate(word):
            if i == len(word) - 1 and letter in _ARABIC_FINAL_DROPPED and not nisba:
                if letter == "ة" or len(word) > 2:
                    continue
            cls = "" if letter in _ARABIC_SILENT else _ARABIC_CLASS.get(letter, "")
            if cls and not (key and key[-1] == cls):
                key.append(cls)
        out.append("".join(key) + ("y" if nisba else ""))
    return "".join(out)


def spelling_key(text: str) -> str:
    """``arabic_key`` for Arabic script, else ``latin_key``."""
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return arabic_key(text)
    return latin_key(text)


def consonants(key: str) -> int:
    """How many consonant classes a key holds (its initial-vowel marks not counted)."""
    return sum(1 for c in key if c != "a")
