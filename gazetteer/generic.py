"""Mentions that name nothing a map can show: parts of the whole country, borders in passing.

The geoparser finds them, and they still serve while it works (a border places an unknown
village "near the Turkish border"; "northern Syria" may anchor a direction); this module
decides, last, which of them are reported, by the conventions the project is measured on:

- a compass part of the whole country written as a description ("northern Syria", "the
  eastern part of Syria", "north-eastern Syria", "central Syria") is no mention: hundreds of
  kilometres wide, it would put a point in the middle of nowhere. Written as a proper name
  (its compass word capitalised in running text: "the Eastern Syria campaign", "Northern
  Syria's federation") it names a region and is a mention of kind region with that region's
  large uncertainty (100-250 km). Capitals in a title-case line say nothing, so there it
  stays a description; at a sentence's start the capital is ambiguous, but the region is
  named all the same;
- a border is a mention when the report locates something on it ("reached the Iraqi border",
  "outposts near the Syrian-Jordanian border", "within 50 km of the border with Iraq"), not
  when it is named in passing:
  - as the reference of a place the text names ("Mayadin near the Iraq border", "al-Bab,
    which lies 30 km south of the Turkish border"): the place is the mention;
  - as the country's borders at large ("along its southern borders with Jordan and Iraq",
    "Syria's borders");
  - as a word of a compound ("the Syrian border town of Albu Kamal", "Turkish border guards");
  - as the edge of an open stretch of land ("territory south of the Turkish border").
"""
from __future__ import annotations

import re

from gazetteer.directional import DIRECTION_WORDS
from gazetteer.normalize import fold
from gazetteer.place import Mention

_PART_WORDS = frozenset("""part parts half region regions area areas reaches corner side""".split())
# After a border's name: it qualifies a noun ("border town", "border guards").
_COMPOUND_AFTER_RE = re.compile(r"[ \u00a0]+(?:towns?|city|cities|villages?|guards?|police|forces?|troops|"
                                r"patrols?|security|regions?|strip|zone)\b", re.IGNORECASE)
# Before it: the country's borders at large.
_POSSESSIVE_BEFORE_RE = re.compile(r"\b(?:its|their|Syria['’]s|the[ \u00a0]+country['’]s)[ \u00a0]+(?:[a-z-]+[ \u00a0]+)?$",
                                   re.IGNORECASE)
# Before it, right after another place: that place's reference ("Mayadin near the Iraq border").
_REFERENCE_BEFORE_RE = re.compile(r"^[ \u00a0]*,?[ \u00a0]*(?:(?:which|that)[ \u00a0]+(?:lies|is|sits)[ \u00a0]+)?"
                                  r"(?:near|close[ \u00a0]+to|next[ \u00a0]+to|on|along|by|at)[ \u00a0]+(?:the[ \u00a0]+)?$",
                                  re.IGNORECASE)
# A statement of where something lies, earlier in the sentence: "which lies 40 km ... and 30 km
# south of the border".
_LIES_RE = re.compile(r"\b(?:lies|lie|lying|located|situated|sits|sitting)\b", re.IGNORECASE)
# Just before it: a direction with no distance ("south of the Turkish border").
_OPEN_SIDE_RE = re.compile(r"\b(?:north|south|east|west)(?:[ \u00a0-]?(?:east|west))?(?:ern)?[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$",
                           re.IGNORECASE)
_DISTANCE_RE = re.compile(r"\d|\b(?:km|kilomet|miles?)\b", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")


def country_part(mention: Mention) -> bool:
    """ "northern Syria", "the south-east of Syria", "central Syria": a compass part of the country."""
    words = [w for w in fold(mention.text).split() if w not in ("the", "of")]
    if len(words) < 2 or words[-1] not in ("syria", "syrian"):
        return False
    head = words[:-1]
    if head and head[-1] in _PART_WORDS:
        head = head[:-1]
    compass = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    return bool(head) and all(w in DIRECTION_WORDS or w in compass for w in head)


# In the lines that capitalise most words (headlines) capitals are no sign of a name.
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_LINE_CHARS = 400


def _title_case_line(text: str, position: int) -> bool:
    start = text.rfind("\n", max(0, position - _LINE_CHARS), position) + 1
    end = text.find("\n", position, position + _LINE_CHARS)
    words = _WORD_RE.findall(text[start:end if end >= 0 else position + _LINE_CHARS])
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def named_country_part(text: str, mention: Mention) -> bool:
    """Whether a compass part of the country is written as a proper name (module docstring)."""
    if not mention.text[:1].isupper():
        return False
    return not _title_case_line(text, mention.start)


def is_border(mention: Mention) -> bool:
    place = mention.place
    words = fold(mention.text).split()
    return place.kind in ("area", "region") and ("border" in words or "borders" in words or "frontier" in words)


def border_in_passing(text: str, mention: Mention, previous: Mention | None) -> bool:
    """Whether a border mention names the border in passing (module docstring); ``previous``
    is the mention before it in the text, if any."""
    start, end = mention.start, mention.end
    if _COMPOUND_AFTER_RE.match(text, end):
        return True
    if _POSSESSIVE_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    sentence_start = max((m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 300), start)),
                         default=max(0, start - 300))
    before = text[sentence_start:start]
    if previous is not None and previous.end >= sentence_start and not is_border(previous) \
            and _REFERENCE_BEFORE_RE.match(text[previous.end:start]):
        return True
    open_side = _OPEN_SIDE_RE.search(before)
    if open_side is not None:
        if not _DISTANCE_RE.search(before[max(0, open_side.start() - 25):open_side.start()]):
            return True  # "territory south of the border"
        if _LIES_RE.search(before):
            return True  # "which lies ... 30 km south of the border"
    return False


def drop(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (in text order) without those the module docstring says name nothing."""
    out = []
    previous = None
    for mention in mentions:
        if country_part(mention) and not (mention.place.kind == "region" and named_country_part(text, mention)):
            continue
        if is_border(mention) and border_in_passing(text, mention, previous):
            continue
        out.append(mention)
        previous = mention
    return out
