"""Sentences of a report with their character offsets in the document text.

Lines are first sorted into headings (wiki ``= X =``, Markdown ``# X``, or a short line
standing alone without final punctuation), items (bulleted lines, infobox rows) and
running text; running text is then cut at sentence-final punctuation, except after
abbreviations and initials. Citation marks such as ``[46]`` or ``[citation needed]``
are blanked (``mask``) before anything reads the text, so offsets never move.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_INITIALS = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")

CITATION = re.compile(
    r"\[(?:\d{1,3}|[a-z]|note\s+\d+|citation needed|clarification needed|dubious[^\]\n]{0,30}|"
    r"not in citation given|failed verification|better source needed|when\?|who\?|which\?|"
    r"according to whom\?|by whom\?|page needed|full citation needed)\]",
    re.I,
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen maj lt col brig capt cpt sgt st mt no nos vs etc e.g i.e approx est fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n govt dept jr sr inc ltd co cf al "
    "adm cmdr gov sen rep pres prof".split()
)
_HEADING_MARKUP = re.compile(r"^\s*(?:=+[^=\n]+=+|#{1,6}\s+\S.*)\s*$")
_ITEM = re.compile(r"^\s*(?:[-*•|]|\d{1,2}[.)])\s+", re.M)
_FINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$")
# A boundary starts only at the first mark of a run ("...", "?!") and takes the run whole
# (possessive), so a run of 40,000 dots is one attempt, not 40,000 backtracking ones.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]*_]*+(?=[^\S\n]*+\n|\s++[\"“‘(*_]?[A-Z0-9ĀÂ])")
_HEADING_MAX_WORDS = 15
# The reader pairs the words of a sentence (sides, places, triggers, dates) with each other:
# a longer "sentence" (a paste without full stops) is cut into windows of at most this many
# characters, at a clause mark or a space, so that the work per window stays bounded.
MAX_SENTENCE_CHARS = 600
_WINDOW_CUT = re.compile(r"[,;:)]\s|\s")
# An abbreviation or initial is short: the word before a dot is looked at this far back.
_ABBREVIATION_MAX = 12
_BOLD = re.compile(r"(?:\*\*|__)[^*_\n]+(?:\*\*|__)[.!?]?")


@dataclass(frozen=True)
class Sentence:
    """``text[start:end]`` of the document; ``kind`` is text, heading or item."""

    start: int
    end: int
    kind: str
    paragraph: int


def mask(text: str) -> str:
    """``text`` with citation marks replaced by spaces (same length, same offsets)."""
    return CITATION.sub(lambda m: " " * (m.end() - m.start()), text)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def split_sentences(text: str, masked: str | None = None) -> list[Sentence]:
    """All sentences, headings and items of ``text`` in order."""
    masked = mask(text) if masked is None else masked
    paragraphs: list[list[tuple[int, int]]] = [[]]
    for start, end in _lines(masked):
        if masked[start:end].strip():
            paragraphs[-1].append((start, end))
        elif paragraphs[-1]:
            paragraphs.append([])
    sentences: list[Sentence] = []
    for number, lines in enumerate(p for p in paragraphs if p):
        kinds = [_line_kind(masked, lines, i) for i in range(len(lines))]
        run: list[tuple[int, int]] = []
        for (start, end), kind in zip(lines, kinds):
            if kind == "text":
                run.append((start, end))
                continue
            sentences.extend(_split_run(masked, run, number))
            run = []
            if kind == "item" and _FINAL.search(masked[start:end]):
                bullet = _ITEM.match(masked, start)
                sentences.extend(_split_run(masked, [(bullet.end() if bullet else start, end)], number))
            else:
                sentences.append(_trimmed(masked, start, end, kind, number))
        sentences.extend(_split_run(masked, run, number))
    return [_bold_heading(masked, s) for s in sentences if s is not None and s.end > s.start]


def _bold_heading(masked: str, sentence: Sentence) -> Sentence:
    """A sentence wholly in bold ("**X took Y.**") is an item's headline: the text after it tells it."""
    if sentence.kind == "text" and _BOLD.fullmatch(masked, sentence.start, sentence.end):
        return Sentence(sentence.start, sentence.end, "heading", sentence.paragraph)
    return sentence


def _line_kind(masked: str, lines: list[tuple[int, int]], index: int) -> str:
    start, end = lines[index]
    line = masked[start:end]
    if _HEADING_MARKUP.match(line):
        return "heading"
    if _ITEM.match(line):
        return "item"
    if _FINAL.search(line) or len(line.split()) > _HEADING_MAX_WORDS:
        return "text"
    alone = len(lines) == 1
    before_item = index + 1 < len(lines) and _ITEM.match(masked[lines[index + 1][0]:lines[index + 1][1]])
    return "heading" if alone or before_item else "text"


def _trimmed(masked: str, start: int, end: int, kind: str, paragraph: int) -> Sentence | None:
    while start < end and masked[start].isspace():
        start += 1
    while end > start and masked[end - 1].isspace():
        end -= 1
    return Sentence(start, end, kind, paragraph) if end > start else None


def _split_run(masked: str, run: list[tuple[int, int]], paragraph: int) -> list[Sentence]:
    if not run:
        return []
    start, end = run[0][0], run[-1][1]
    out: list[Sentence] = []
    cursor = start
    for match in _BOUNDARY.finditer(masked, start, end):
        if _is_abbreviation(masked, match.start(), start):
            continue
        out.extend(_windows(masked, cursor, match.end(), paragraph))
        cursor = match.end()
    out.extend(_windows(masked, cursor, end, paragraph))
    return out


def _windows(masked: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """The sentence ``masked[start:end]`` trimmed, cut into windows of at most
    ``MAX_SENTENCE_CHARS`` (at the last clause mark or space before the limit)."""
    out: list[Sentence] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = None
        for match in _WINDOW_CUT.finditer(masked, limit - MAX_SENTENCE_CHARS // 4, limit):
            cut = match.end()
        cut = cut if cut is not None and cut > start else limit
        piece = _trimmed(masked, start, cut, "text", paragraph)
        if piece is not None:
            out.append(piece)
        start = cut
    piece = _trimmed(masked, start, end, "text", paragraph)
    if piece is not None:
        out.append(piece)
    return out


def _is_abbreviation(masked: str, dot: int, floor: int) -> bool:
    if masked[dot] != ".":
        return False
    word_start = dot
    reach = max(floor, dot - _ABBREVIATION_MAX)
    while word_start > reach and not masked[word_start - 1].isspace() and masked[word_start - 1] not in "(\"“":
        word_start -= 1
    if word_start == reach and word_start > floor and not masked[word_start - 1].isspace():
        return False  # a long word, not an abbreviation
    word = masked[word_start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # An initial ("A. Smith") or a dotted acronym ("U.S.").
    return bool(_INITIALS.fullmatch(word)) and masked[word_start].isupper()
