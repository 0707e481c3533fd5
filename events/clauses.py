"""Clause structure of a sentence, as far as event reading needs it.

- ``boundaries``: where one clause ends and the next begins (";", ", but", ", which",
  "after which", "said that", a long parenthesis...): a trigger's subject and object are
  looked for inside its own clause;
- ``is_irrealis``: the trigger is planned, hoped, expected, conditional or asked about
  ("so as to reach the dam", "they would have to pull out", "the plan was to seize X");
- ``is_negated``: "no clashes", "did not capture";
- ``is_near_miss``: "nearly surrounding the pocket", "got within 5 km of cutting the road".
All functions take the masked document text and absolute offsets.
"""
from __future__ import annotations

import re

from events.folding import Folded, lowered
from lookalikes import Caseless

_BOUNDARY = Folded(
    r";|:(?=\s)|\s[–—]\s"
    r"|,?\s+(?:but|however,?|while|whereas|after\s+which|when|although|though|thus,?|so\s+that)\s+"
    r"|,?\s+so\s+(?:as\s+)?(?=to\s)|,\s+(?:which|as(?!\s+well\s+as\s)|and\s+then)\s+|,\s+(?=(?:after|before|following|despite|since)\s)",
)
_SPEECH_BOUNDARY = Folded(
    r"(?<![\w-])(?<!was\s)(?<!were\s)(?<!been\s)(?<!is\s)(?<!are\s)(?:said|says|claimed|claims|claiming|stated|stating|announced|reported|added|warned|indicate|indicates|"
    r"indicated|believe|believes|suggest|suggests|denied|denies|denying)\s+(?:that\s+)?",
)
_SPEECH_GATE = re.compile(r"said|says|claim|stat|announc|report|added|warn|indicat|believ|suggest|deni")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_PAREN_MIN_WORDS = 5

_IMPLICATIVE = re.compile(
    r"(?<![\w-])(?:managed|managing|manages|succeeded|succeeding|opted|decided|chose|began|begun|begins|beginning|"
    r"started|starting|continued|continues|continuing|proceeded|went\s+on|moved|able|forced|helped|used|"
    r"led|leading|resulted|went\s+on|allowing|allowed|enabling|enabled|"
    # "took X, only to lose it again": what came of it, not an aim
    r"only)"
    r"(?:\s+(?:in|on))?\s+$",
    re.I,
)
# "allowing the SDF to besiege X": what an event let a side do, it did.
# "advanced from the bank to take X on 3 May": a past move whose aim the text dates took place;
# "advanced in a bid to take X" stays an aim.
_COMPLETED_MOVE = re.compile(
    r"(?<![\w-])(?:advanced|pushed|moved|marched|swept|stormed|drove|raced|rolled)(?![\w-])"
    r"(?:(?!(?<![\w-])(?:bid|attempt|effort|order|aim|hope|plan|way|preparation)s?(?![\w-]))[^,;.:])*$", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATED_RESULT = re.compile(
    r"[^,;.:]{0,100}?(?<![\w-])on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?![\w-])|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH +
    r"|" + _MONTH + r"\s+\d{1,2}(?![\w-]))", re.I)
_ENABLING = re.compile(r"(?<![\w-])(?:allowing|allowed|enabling|enabled|helping|helped)\s+(?:[\w'’-]+\s+){1,3}$", re.I)
_GERUND = re.compile(r"[A-Za-z-]+ing\b")
# A means turned to a deed ("exploited the fog to attack X", "used the lull to storm X"): the
# infinitive tells what was done with it, no aim.
_MEANS_TO = re.compile(r"(?<![\w-])(?:exploit(?:ed|ing)|used|using|took\s+advantage\s+of|taking\s+advantage\s+of|"
                       r"seized\s+on|capitali[sz](?:ed|ing)\s+on)\s+(?:[\w'’-]+\s+){1,5}$", re.I)
_INFINITIVE = re.compile(r"(?<![\w-])to\s+(?:(?:fully|completely|actually|quickly|eventually|finally|further|"
                         r"systematically|also|then|again|help|try\s+and)\s+)*$", re.I)
# A modal only governs a trigger a few words after it ("would then have to pull out"), not
# one in the next coordinated clause ("to see if they can cross, and then took X").
_MODAL = re.compile(r"(?<![\w'’-])(?:will|would|could|can|(?-i:may)|might|should|shall|must|won['’]t|cannot|can['’]t|"
                    r"going\s+to)(?![\w-])(?:\s+[\w'’-]+){0,3}\s+$", re.I)
_MODAL_AFTER = re.compile(r"[^,.;]{0,40}?(?<![\w-])(?:will|would|could|might|(?-i:may)|is\s+(?:expected|likely|set|about)\s+to)"
                          r"(?![\w-])", re.I)
# "a push into X is unlikely", "an assault on X looks imminent", "we see a push into X as likely",
# "we assess an assault on X as improbable": a move judged, not made.
_JUDGED_AFTER = re.compile(r"[^,.;]{0,40}?(?<![\w-])(?:unlikely|improbable|(?:as|is|are|was|remains?|seems?|seemed|looks?|appears?|appeared)\s+(?:(?:highly|very|"
                           r"more|most|less|now|still)\s+)?(?:likely|possible|probable|imminent|planned|expected))(?![\w-])", re.I)
_IRREALIS_CUES = Folded(
    r"(?<![\w'’-])(?:aim(?:s|ed|ing)?|goals?|objectives?|purpose|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|intention|"
    r"(?:tasked|charged|entrusted)\s+with|expected|expects?|likely|"
    r"poised|set\s+to|prepar(?:e|es|ed|ing|ation)|ready\s+to|threaten(?:s|ed|ing)?|seek(?:s|ing)?|sought|"
    r"attempt(?:s|ed|ing)?|trying|tried|hop(?:e|es|ed|ing)|in\s+order\s+to|order\s+to|upcoming|future|"
    r"conditions\s+for|to\s+participate|wish(?:es|ed)?|want(?:s|ed)?|fears?|feared|question|whether|if|unless|"
    r"suggesting|vulnerable|susceptible|exposed\s+to|urg(?:ed|ing)|calls?\s+for|called\s+for|vow(?:s|ed)?|pledg(?:e|es|ed)|need\s+to|needs\s+to|"
    r"unable|incapable)(?![\w-])",
)
# "not only X but also Y" states both.
_TEMPORAL_OPENING = re.compile(r"\W*(?:when|once|as\s+soon\s+as|after|until|unless)\s", re.I)
# "a possible attack on X", "naming X and Y as possible next targets" (only right before the
# trigger: "the advance, made possible by air support, took X" is told as done)
_POSSIBLE = re.compile(r"(?<![\w-])(?:possible|possibly|potential|potentially|imminent)\s+(?:[\w-]+\s+){0,1}$", re.I)
# "Had the army taken X earlier, ...", "Should the rebels reach X, ...": a condition, inverted.
_INVERTED_CONDITION = re.compile(r"\W*(?:Had|Should|Were)\s+(?!been\s)(?:[\w'’-]+\s+){1,5}$")
_FUTURE = re.compile(r"(?:(?<![\w'’-])(?:will|shall|is\s+going\s+to|are\s+going\s+to)|(?<=\w)['’]ll)(?![\w-])", re.I)
_NEGATION = Caseless(r"(?:(?<![\w'’-])(?:no|not(?!\s+only\b)|never|without|nor|neither|hardly|barely|rather\s+than|instead\s+of)|(?<=\w)n['’]t)\s+"
                       r"(?:[\w-]+\s+){0,2}$", re.I)
# "said troops had regrouped, without acknowledging that it had fallen": what the speaker
# leaves unsaid is not told by them (and the report tells it elsewhere if it happened).
_UNACKNOWLEDGED = re.compile(r"(?<![\w-])without\s+(?:acknowledging|admitting|confirming|conceding|mentioning|saying)\s+"
                             r"(?:that\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)
_NEAR_MISS_BEFORE = Caseless(
    r"(?:close\s+to|closer\s+to|near(?:ly)?|almost|on\s+the\s+verge\s+of|brink\s+of|within\s+[^,;]{0,40}?\s+(?:of|from)"
    r"|short\s+of|kilomet(?:er|re)s?\s+from|km\s+from)\s+(?:completely\s+|fully\s+|effectively\s+)?"
    r"(?:[a-z]+ing\s+(?:and|or)\s+)?$",
    re.I,
)
_GERUND_AFTER = re.compile(r"^[^,;.]{0,40}?(?:of|from|to)\s+(?:completely\s+|fully\s+)?[a-z]+ing\b", re.I)


def boundaries(masked: str, start: int, end: int, low: str | None = None) -> list[tuple[int, int]]:
    """Clause boundaries in ``masked[start:end]`` as (begin, end) offsets, in order
    (``low``: ``masked`` lower-cased, see events/folding.py)."""
    found = [m.span() for m in _BOUNDARY.finditer(masked, low, start, end)]
    if _SPEECH_GATE.search(masked[start:end].lower()):
        found += [m.span() for m in _SPEECH_BOUNDARY.finditer(masked, low, start, end)]
    if "(" in masked[start:end]:
        for match in _PARENTHESIS.finditer(masked, start, end):
            if len(match.group(1).split()) >= _PAREN_MIN_WORDS:
                found.append((match.start(), match.start() + 1))
                found.append((match.end() - 1, match.end()))
    return sorted(found)


def clause_start(bounds: list[tuple[int, int]], sentence_start: int, position: int) -> int:
    """Where the clause holding ``position`` begins."""
    begin = sentence_start
    for a, b in bounds:
        if b <= position:
            begin = b
    return begin


IRREALIS_REACH = 200


def is_irrealis(masked: str, clause_begin: int, trigger_start: int, sentence_end: int) -> bool:
    # A cue this far before the trigger belongs to another statement; looking no further
    # keeps a long clause of many triggers from being read once per trigger.
    before = masked[max(clause_begin, trigger_start - IRREALIS_REACH):trigger_start]
    infinitive = _INFINITIVE.search(before[-40:])
    if infinitive and _GERUND.match(masked, trigger_start):
        infinitive = None  # "in addition to re-capturing X", "led to seizing X": no infinitive
    if infinitive:
        head = before[:len(before) - len(infinitive.group(0))]
        if (not _IMPLICATIVE.search(head[-40:]) and not _ENABLING.search(head[-60:])
                and not _MEANS_TO.search(head[-60:])
                and not (_COMPLETED_MOVE.search(head[-80:]) and _DATED_RESULT.match(masked, trigger_start, sentence_end))):
            return True
    if _IRREALIS_CUES.search(before, lowered(before)) or _MODAL.search(before[-60:]) or _POSSIBLE.search(before[-40:]):
        return True
    if _FUTURE.search(before):
        return True  # "We will continue until we ... drive them out of X"
    if _INVERTED_CONDITION.match(masked, clause_begin, trigger_start):
        return True
    if _TEMPORAL_OPENING.match(masked, clause_begin, trigger_start) and _FUTURE.search(masked, trigger_start, sentence_end):
        return True  # "When they have taken X, the real battle will begin."
    last = sentence_end
    while last > trigger_start and masked[last - 1].isspace():
        last -= 1
    return last > trigger_start and masked[last - 1] == "?"


def is_irrealis_after(masked: str, trigger_end: int, sentence_end: int) -> bool:
    """A noun's event told as future or possible by the verb after it ("the assault will start")."""
    return bool(_MODAL_AFTER.match(masked[trigger_end:min(sentence_end, trigger_end + 60)])) or \
        is_judged_after(masked, trigger_end, sentence_end)


def is_judged_after(masked: str, trigger_end: int, sentence_end: int) -> bool:
    """A noun's event judged likely or unlikely by the words after it, not told as done."""
    return bool(_JUDGED_AFTER.match(masked, trigger_end, min(sentence_end, trigger_end + 60)))


def is_negated(masked: str, clause_begin: int, trigger_start: int) -> bool:
    return bool(_NEGATION.search(masked[max(clause_begin, trigger_start - 40):trigger_start])) or \
        bool(_UNACKNOWLEDGED.search(masked, max(clause_begin, trigger_start - 60), trigger_start))


def is_near_miss(masked: str, clause_begin: int, trigger_start: int, trigger_end: int, near_flag: bool) -> bool:
    if _NEAR_MISS_BEFORE.search(masked[max(clause_begin, trigger_start - 60):trigger_start]):
        return True
    return near_flag and bool(_GERUND_AFTER.match(masked[trigger_end:trigger_end + 80]))
