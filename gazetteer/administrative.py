"""Phrases in which a city's name stands for more than the city, or for another place.

- "the province of Deir Ezzor", "the governorate of Homs": the governorate, not its capital
  (written after the name, "Homs province" is read by the descriptors already);
- "the Homs-Hama administrative border", "the Raqqa–Deir ez-Zor boundary": the line between
  two governorates, which neither capital is on: each name becomes its governorate, as wide
  as the line is long;
- "Al-Sinaa in Raqqa": a district named "in" or "of" a city far from it is another place of
  the same name that the gazetteer lacks; the district is dropped and the city stays.
"""
from __future__ import annotations

import re

from gazetteer.context import approx_km
from gazetteer.inferred import MAX_GAP_CHARS
from gazetteer.place import Mention, Place
from lookalikes import Caseless, caseless

_PROVINCE_BEFORE = Caseless(r"(?:province|governorate|muhafazah)\s+of\s+(?:the\s+)?$", re.I)
_PAIR_GAP = re.compile(r"\s*(?:[-–—/]|\s+and\s+|\s+to\s+)\s*")
_BORDER_AFTER = re.compile(r"\s*(?:administrative\s+|provincial\s+|governorate\s+|province\s+)?"
                           r"(?:borders?|boundary|boundaries|frontier|demarcation\s+line)\b", re.I)
_DISTRICT_OF = re.compile(r"\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?")
_CAPITAL_KINDS = frozenset({"city", "town"})
_SAME_CITY_KM = 15.0


def apply(gazetteer, text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (in text order) with the phrases above read as they mean."""
    out = list(mentions)
    low = caseless(text) if mentions else None
    for i, mention in enumerate(out):
        place = mention.place
        if place.kind != "governorate" and _PROVINCE_BEFORE.search(text, max(0, mention.start - 25), mention.start, low):
            out[i] = _as_governorate(gazetteer, mention) or mention
    for i in range(len(out) - 1):
        left, right = out[i], out[i + 1]
        gap = right.start - left.end <= MAX_GAP_CHARS and _PAIR_GAP.fullmatch(text, left.end, right.start)
        if gap and _BORDER_AFTER.match(text, right.end):
            out[i] = _as_governorate(gazetteer, left) or left
            out[i + 1] = _as_governorate(gazetteer, right) or right
    dropped = set()
    for i in range(len(out) - 1):
        district, city = out[i], out[i + 1]
        if district.place.kind == "district" and city.place.kind in _CAPITAL_KINDS and \
                city.start - district.end <= MAX_GAP_CHARS and _DISTRICT_OF.fullmatch(text, district.end, city.start) and \
                approx_km(district.place.lat, district.place.lon, city.place.lat, city.place.lon) > _SAME_CITY_KM:
            dropped.add(i)
    return [m for i, m in enumerate(out) if i not in dropped]


def _as_governorate(gazetteer, mention: Mention) -> Mention | None:
    """The mention read as the governorate its place lies in (None if it has none)."""
    place = mention.place
    if place.kind == "governorate" or place.kind not in _CAPITAL_KINDS or not place.governorate:
        return None
    governorate: Place | None = gazetteer.resolve(f"{place.governorate} Governorate")
    if governorate is None or governorate.kind != "governorate":
        return None
    return Mention(mention.start, mention.end, mention.text, governorate)
