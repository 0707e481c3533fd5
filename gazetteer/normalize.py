"""Place names reduced to comparable forms: folded text, article-free text, phonetic keys.

War reports spell one Arabic name many ways (Mayadin / Mayadeen / Al Mayādīn; Deir ez-Zor /
Dayr az-Zawr / Deir Ezzor). Three forms, each coarser than the last, let the index match them:

- ``fold``: lower case, no diacritics, apostrophes dropped, hyphens and punctuation as spaces.
- ``strip_articles``: ``fold`` without the Arabic article in any of its written forms
  (al-, el-, as-, ash-, ez-...) and without glued forms such as "ezzor".
- ``name_key``: a phonetic key of the article-free form: vowels and doubled letters merged,
  q=k, dh=z, ou/oo=u, ee/ei/ay=i, final -ah/-eh dropped, "Abu"/"Albu"/"Bu" alike, no spaces.
- ``skeleton``: the consonants of ``name_key`` only, a last resort checked by fuzzy score.

Arabic-script names get their own fold (``fold_arabic``): tashkeel and tatweel removed,
alef, ya and ta marbuta forms unified, the article ال dropped.

All functions are pure and cached: the geoparser calls them on every token of a report.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The article as a separate token, in every transliteration of al- and its assimilated
# (sun-letter) forms.
ARTICLES = frozenset({
    "al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "at", "et",
    "az", "ez", "an", "en", "ath", "eth", "adh", "edh", "aj", "ej", "ak", "l",
})
# Articles that are also English words are articles only when written with a hyphen
# ("as-Sukhnah", "at-Tanf", "an-Nabk"), never as free-standing words.
ENGLISH_ARTICLES = frozenset({"as", "at", "an", "ad", "ed", "en", "il", "l", "ak", "er", "es"})

_APOSTROPHES = "'’‘`´ʿʾʼʻ′"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_NON_WORD_RE = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
# Letters glued to an article: "ezzor", "arraqqah", "ashsham" (assimilated), "alhasakah".
_GLUED_SUN_RE = re.compile(r"^[ae](?:(t|th|d|dh|r|z|s|sh|n)\1)(?=[a-z]{2})")
_GLUED_AL_RE = re.compile(r"^(?:al|el)(?=[a-z]{4})")


_ASCII_NON_WORD_RE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case ASCII (and Arabic letters) with single spaces: "Qa'im" -> "qaim"."""
    if text.isascii():
        low = text.lower()
        if low.isalnum():
            return low  # one word of letters and digits, most of a report's (the rest below is a no-op for it)
        return _ASCII_NON_WORD_RE.sub(" ", low.replace("'", "").replace("`", "")).strip()
    text = _APOSTROPHE_RE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("đ", "d")
    text = text.lower()
    return _NON_WORD_RE.sub(" ", text).strip()


def is_arabic(text: str) -> bool:
    return not text.isascii() and _ARABIC_RE.search(text) is not None


@lru_cache(maxsize=50_000)
def fold_arabic(text: str) -> str:
    """Arabic script without tashkeel, the article and spaces, letter variants unified."""
    text = re.sub(r"[\u064b-\u065f\u0670\u0640]", "", text)  # tashkeel, dagger alef, tatweel
    text = re.sub("[إأآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    words = re.findall(r"[\u0621-\u064a]+", text)
    out = []
    for word in words:
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        elif word.startswith("وال") and len(word) > 4:
            word = word[3:]
        out.append(word)
    # Spaces are dropped: "البو كمال" and "البوكمال" are one name.
    return "".join(out)


def _is_article(token: str) -> bool:
    return token in ARTICLES


@lru_cache(maxsize=200_000)
def strip_articles(folded: str) -> str:
    """``fold`` output without article tokens or glued articles: "deir ez zor" -> "deir zor"."""
    tokens = folded.split()
    kept = [t for t in tokens if not _is_article(t)]
    if not kept:
        return folded
    return " ".join(_unglue(t) for t in kept)


def _unglue(token: str) -> str:
    if token[:1] not in ("a", "e"):
        return token
    match = _GLUED_SUN_RE.match(token)
    if match:
        return token[2:]
    return token


def unglue_al(token: str) -> str:
    """"alhasakah" -> "hasakah"; only tried when the glued form itself is not a name."""
    return _GLUED_AL_RE.sub("", token)


# Ordered rewrites making a token phonetic; applied after folding and article removal:
# "Abu"/"Albu"/"Bou" -> "bu" (Abu Kamal = Albu Kamal = Boukamal); q=k, dh=z, th=t, ph=f,
# ch=sh, dj=j; a final -ah/-eh dropped; ay/ai/ei/ey -> i (Dayr = Deir = Dir); aw/au -> u
# (Zawr = Zour = Zor); o -> u; ee -> i; a final e -> a (Meskene ~ Maskana), any other e -> i
# (Khanasser ~ Khanasir); w before a consonant -> u; doubled letters once (Raqqa = Raqa).
# Literal rewrites are ``str.replace`` and each pattern runs only when its letters occur: the
# geoparser keys every word of a report.
_ABU_RE = re.compile(r"^(?:abu|abou|albu|bou|abo)(?=[a-z]{3}|$)")
_LITERAL_REWRITES = (("q", "k"), ("ck", "k"), ("dh", "z"), ("th", "t"), ("ph", "f"), ("ch", "sh"), ("dj", "j"))
_FINAL_H_RE = re.compile(r"(?<=[aeiou])h$")
_DIPHTHONG_I_RE = re.compile(r"(?:ay|ai|ei|ey)(?=[^aeiou]|$)")
_DIPHTHONG_U_RE = re.compile(r"(?:aw|au)(?=[^aeiou]|$)")
_W_RE = re.compile(r"w(?=[^aeiou]|$)")
_DOUBLED_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The phonetic key of one folded, article-free token."""
    out = _unglue(token)
    if out.startswith(("abu", "abo", "albu", "bou")):  # (each pattern runs only where it may match)
        out = _ABU_RE.sub("bu", out)
    for old, new in _LITERAL_REWRITES:
        if old in out:
            out = out.replace(old, new)
    if out.endswith("h"):
        out = _FINAL_H_RE.sub("", out)
    if "ay" in out or "ai" in out or "ei" in out or "ey" in out:
        out = _DIPHTHONG_I_RE.sub("i", out)
    if "aw" in out or "au" in out:
        out = _DIPHTHONG_U_RE.sub("u", out)
    # "ou", "oo" and "o" all become "u": a doubled "u" is made single below.
    out = out.replace("o", "u").replace("ee", "i")
    if out.endswith("e"):
        out = out[:-1] + "a"
    out = out.replace("e", "i")
    if "w" in out:
        out = _W_RE.sub("u", out)
    return _DOUBLED_RE.sub(_first_of_run, out) if _DOUBLED_RE.search(out) else out


def _first_of_run(match: re.Match) -> str:
    return match.group(1)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Phonetic key of a whole name, spaces removed: "Dayr az-Zawr" -> "dirzur"."""
    stripped = strip_articles(fold(text))
    return "".join(token_key(t) for t in stripped.split())


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """Consonants of a key (a leading vowel kept as "a"): "khanasir" -> "khnsr"."""
    if not key:
        return key
    head = "a" if key[0] in "aeiouy" else key[0]
    return head + re.sub(r"[aeiouy]", "", key[1:])


# Arabic puts the compass adjective after the noun ("al-Ghuta ash-Sharqiya", "Qasr al-Hayr
# al-Gharbi"), English before it ("Eastern Ghouta"). Stems, as folded words, to the English word.
_COMPASS_ADJECTIVES = {"sharq": "eastern", "gharb": "western", "shamal": "northern", "janub": "southern"}
_COMPASS_AFTER_RE = re.compile(r"^(?P<core>.+?) (?:(?:al|el|ash|esh|ech|as)[ ]?)?(?P<stem>sharq|gharb|shamal|janub)"
                               r"(?:i|iy|iya|iyah|iyeh|iyya|iyyah|ieh|ia|iah)$")


@lru_cache(maxsize=100_000)
def compass_first(name: str) -> str | None:
    """ "eastern al ghutah" for "al Ghutah ash Sharqiyah": a name with an Arabic compass
    adjective after its noun in English word order (folded), or None. The noun must be more
    than an article ("Al Gharbi" is a name of its own)."""
    match = _COMPASS_AFTER_RE.match(fold(name))
    if match is None or len(strip_articles(match.group("core")).replace(" ", "")) < 4:
        return None
    return f"{_COMPASS_ADJECTIVES[match.group('stem')]} {match.group('core')}"
