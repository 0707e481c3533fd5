"""A scene set abroad: "In Iraq, ..." opens a stretch of a report whose small places are not Syria's.

Reports on the war in Syria turn to the war next door in a paragraph of its own ("In Iraq, the
army began the operation to take X. Over the past day it took ten villages north of X."). The
towns there often share a name with a Syrian village (river islands, wells and hills are named
alike on both sides of the border) that the gazetteer would answer with, drawing a false front in
Syria. A sentence that opens with a neighbouring country as where it is set (``FOREIGN_SCENE_RE``,
the convention the reader follows too) makes the rest of its paragraph a scene abroad, until a
sentence opens with a turn back ("Meanwhile", "In Syria", ``NEW_SCENE_RE``). Inside it a Syrian
place that is not big (``geoparser._is_big``: a city, governorate or region, or 20,000+ people) is
no mention; Syria's cities and regions named there (the border, Abu Kamal) still are.
"""
from __future__ import annotations

import re

from gazetteer.place import Mention

# The reader's scene rule too (events/extract.py): one set of openings for both.
NEW_SCENE_RE = re.compile(r"\s*(?:Meanwhile|Elsewhere|Back\s+in|Inside\s+Syria|In\s+Syria|Across\s+Syria)\b", re.I)
FOREIGN_SCENE_RE = re.compile(r"\s*(?:(?:Meanwhile|Elsewhere|Across\s+the\s+border|Over\s+the\s+border),?\s+)?"
                              r"(?:in\s+)?(?:neighbou?ring\s+)?(?:Iraq|Turkey|Lebanon|Jordan|Israel|Iran|Russia|Libya|Yemen)\s*,",
                              re.I)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*[ \t\u00a0]+")


def abroad_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the scenes abroad in ``text``."""
    if "," not in text:
        return []
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start, end = paragraph.span()
        open_at = None
        starts = [start, *(m.end() for m in _SENTENCE_END_RE.finditer(text, start, end))]
        for at in starts:
            if open_at is None and FOREIGN_SCENE_RE.match(text, at, end):
                open_at = at
            elif open_at is not None and NEW_SCENE_RE.match(text, at, end):
                spans.append((open_at, at))
                open_at = None
        if open_at is not None:
            spans.append((open_at, end))
    return spans


def drop_abroad(text: str, mentions: list[Mention], is_big) -> list[Mention]:
    """``mentions`` less the small Syrian places named inside a scene abroad."""
    spans = abroad_spans(text)
    if not spans:
        return mentions
    return [m for m in mentions
            if not (any(a <= m.start < b for a, b in spans) and m.place.country == "SY" and not is_big(m.place))]
