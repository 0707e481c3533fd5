"""The source behind an event: an excerpt of its report with the stating sentence marked, and
its date and place precision in ACLED's terms.

Pure functions on plain values; the callbacks turn the results into page components.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ACLED's time_precision: 1 the day is known, 2 the week, 3 only the month.
DATE_PRECISION_LABELS = {
    "day": "1 - day known",
    "week": "2 - within a week",
    "month": "3 - within a month",
}
# ACLED's geo_precision bands, by how far the true spot may lie from the point (km).
GEO_PRECISION_BANDS_KM = ((5.0, "1 - the place itself"), (25.0, "2 - near the place"))
GEO_PRECISION_WIDE = "3 - district or region"


@dataclass(frozen=True)
class Excerpt:
    """``before + marked + after`` is a slice of the report; ``marked`` is the event's span."""

    before: str
    marked: str
    after: str
    clipped_start: bool
    clipped_end: bool


def excerpt(text: str, start: int, end: int, context_chars: int = 400) -> Excerpt:
    """The span ``text[start:end]`` with up to ``context_chars`` of context either side,
    cut at whitespace so that no word is split, wiki markup taken out (``readable``). Offsets
    outside the text are clamped."""
    start = min(max(int(start), 0), len(text))
    end = min(max(int(end), start), len(text))
    left = max(start - context_chars, 0)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(end + context_chars, len(text))
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return Excerpt(
        before=readable(text[left:start]), marked=readable(text[start:end]), after=readable(text[end:right]),
        clipped_start=left > 0, clipped_end=right < len(text),
    )


# Wiki markup that reports copied from Wikipedia and its mirrors carry, as (pattern, replacement):
# footnote marks ("[12]", "[citation needed]"), section headings ("== The campaign =="), links
# ("[[Raqqa|the city]]"), bold/italic quotes, templates and <ref> notes.
_MARKUP = [
    (re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|clarification needed|better source needed|"
                r"failed verification|when\?|who\?|which\?|edit|dubious[^\]]{0,20})\]"), ""),
    (re.compile(r"^[ \t]*=+[ \t]*(.*?)[ \t]*=+[ \t]*$", re.M), r"\1"),
    (re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]"), r"\1"),
    (re.compile(r"'{2,}"), ""),
    (re.compile(r"\{\{[^{}]*\}\}"), ""),
    (re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S), ""),
]


def readable(text: str) -> str:
    """``text`` without wiki markup, for reading in the page (offsets are not kept)."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


def date_precision_label(precision: str | None) -> str:
    return DATE_PRECISION_LABELS.get(precision or "", "unknown")


def geo_precision_label(uncertainty_km: float | None) -> str:
    if uncertainty_km is None:
        return "unknown (place not resolved)"
    for limit_km, label in GEO_PRECISION_BANDS_KM:
        if uncertainty_km <= limit_km:
            return f"{label} (±{uncertainty_km:g} km)"
    return f"{GEO_PRECISION_WIDE} (±{uncertainty_km:g} km)"


def date_span_label(date_start: str, date_end: str) -> str:
    """``2017-11-19`` for a day, ``2017-11-16 – 2017-11-28`` for a span (ISO dates in)."""
    return date_start if date_start == date_end else f"{date_start} – {date_end}"
