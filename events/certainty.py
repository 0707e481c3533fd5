"""How sure a report is of what it states: stated, claimed, reported or denied.

- ``denied``: the statement sits inside a claim the text rejects ("reports that X had
  fallen turned out to be false", "X denied taking Y");
- ``claimed``: a party to the fighting says so ("the ministry said its troops took X",
  "the group claimed on its channels", "..., the ministry said");
- ``reported``: the writer hedges or relays ("reportedly", "according to local
  sources", "reports say");
- ``stated``: everything else.
A speech verb only covers what follows it ("took X, adding that 30 fighters died": the
capture stays stated) unless it closes the sentence (", the ministry said on Monday.").
"""
from __future__ import annotations

import re

from events.folding import Folded, lowered

_DENIAL_AFTER = Folded(
    r"(?:appeared|appears|proved|proven|turned\s+out|seemed|seems|was|were|are|is)\s+(?:to\s+(?:be|have\s+been)\s+)?"
    r"(?:untrue|false|premature|incorrect|wrong|fake|baseless|unfounded|exaggerated|fabricated)"
    r"|(?:was|were)\s+(?:denied|refuted|debunked)",
)
_DENIED_CLAIM_AFTER = Folded(r"(?<![\w-])(?:claims?|allegations?|reports?|accusations?)\s+(?:\w+\s+){0,2}?"
                             r"(?:denied|rejected|refuted|dismissed)\s+by")
_CLAIM_NOUN = Folded(r"(?<![\w-])(?:claims?|allegations?|reports?|statements?|assertions?|announcements?|rumou?rs?)(?![\w-])")
# ("dismissed as 'fake' reports that X had been bombed": the label may come before the claim)
_DENIAL_BEFORE = Folded(r"(?<![\w-])(?:denied|denies|deny|denying|refuted|refutes|"
                        r"(?:rejected|dismissed)\s+(?:as\s+[\"“”'‘’]?[\w-]+[\"“”'‘’]?\s+)?(?:the\s+)?"
                        r"(?:claims|reports|allegations))(?![\w-])")
_REPORTED = Folded(
    r"(?<![\w-])(?:reportedly|allegedly|purportedly|apparently|reports\s+(?:say|said|indicate|indicated|suggest|"
    r"suggested|claim)|(?:it\s+(?:was|is|has\s+been)\s+)reported|(?:were|was|are|is|been)\s+reported|according\s+to|sources\s+(?:said|say|reported|claimed)|"
    r"(?:latest|unconfirmed|initial|local|media)\s+reports|activists\s+(?:said|say|reported))(?![\w-])",
)
_SPEECH = Folded(
    r"(?<![\w-])(?:claimed|claims|claiming|claim|said|says|saying|stated|states|stating|announced|announces|"
    r"announcing|insisted|boasted|asserted|reported|declared|declaring|told|confirmed|confirming|"
    r"accused|accuses|accusing|blamed|blames|blaming)(?![\w-])",
)
_SPEECH_CLOSES = Folded(
    r",\s*(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,7}?(?:claimed|said|stated|announced|reported|declared|insisted|added|"
    r"told|confirmed)"
    r"(?:\s+[^,.;]{0,60})?\s*[.!]?\s*$",
)
_REPORTS_BEFORE = re.compile(r"reports?\W*$", re.I)
_NEUTRAL_SPEAKERS = re.compile(r"(?<![\w-])(?:SOHR|observatory|monitor|activists?|journalists?|media|reporters?|"
                               r"correspondents?|analysts?|experts?|sources?|residents?|witness(?:es)?)(?![\w-])", re.I)


# A word stem every cue below contains (speech, claims, reports, denials).
_ANY_CUE = re.compile(r"claim|said|says|saying|stat|announc|insist|boast|assert|report|declar|told|confirm|alleg|accus|blam|"
                      r"untrue|false|premature|incorrect|wrong|fake|baseless|unfounded|exaggerat|fabricat|deni|deny|"
                      r"refut|debunk|rumou?r|reject|dismiss|purport|apparent|accord|source|activist|added|adding")


_COORDINATION = re.compile(r"(?:,\s*(?:and|but|while|whereas|yet)|;|\s(?:but|while|whereas))\s+(?:then\s+|later\s+)?(?:the\s+)?",
                           re.I)
_CLOSING_IS_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|yet)\s", re.I)
_CONJUNCT_OPENS = re.compile(r"(?<![\w-])(?:and|but|then)\s*,?\s*$", re.I)
_THOSE_CLAIMS = Folded(r"(?:these|those|the|such)\s+(?:\w+\s+){0,2}?(?:claims?|statements?|reports?|assertions?)")


class SentenceCertainty:
    """The certainty cues of one sentence, found once; ``at(position)`` reads them for a statement.

    ``parties`` are the spans of the sides named in the sentence: a speech verb just after
    one of them makes a claim rather than a report.
    """

    def __init__(self, sentence: str, parties: list[tuple[int, int]]) -> None:
        self.sentence = sentence
        self.parties = parties
        # Most sentences carry no cue at all: one scan tells, and spares the six below.
        self.cued = bool(_ANY_CUE.search(sentence.lower()))
        if not self.cued:
            self.speech, self.denied_claims, self.denials, self.claims, self.denials_before = [], [], [], [], []
            self.reported = False
            return
        self.low = low = lowered(sentence)
        self.speech = list(_SPEECH.finditer(sentence, low))
        self.denied_claims = [m.start() for m in _DENIED_CLAIM_AFTER.finditer(sentence, low)]
        self.denials = [m.start() for m in _DENIAL_AFTER.finditer(sentence, low)]
        self.claims = [m.start() for m in _CLAIM_NOUN.finditer(sentence, low)]
        self.denials_before = [m.end() for m in _DENIAL_BEFORE.finditer(sentence, low)]
        # ("took X and, according to activists, Y": the hedge opens the second conjunct only)
        self.reported_cues = [(m.start(), bool(_CONJUNCT_OPENS.search(sentence, 0, m.start())))
                              for m in _REPORTED.finditer(sentence, low)]
        self.reported = bool(self.reported_cues)
        # Where a coordinated clause with a subject of its own begins ("..., but ISIS took Y"):
        # what was said or denied before it does not reach into it.
        self.new_clauses = [m.end() for m in _COORDINATION.finditer(sentence)
                            if any(m.start() < start <= m.end() + 12 for start, _ in parties)]

    def at(self, position: int) -> str:
        if not self.cued:
            return "stated"
        if self._denied(position):
            return "denied"
        speech = next((m for m in reversed(self.speech) if m.end() <= position), None)
        if speech is not None and self._split(speech.end(), position):
            speech = None
        closing = _SPEECH_CLOSES.search(self.sentence, self.low, position) if speech is None else None
        if closing is not None and _CLOSING_IS_CLAUSE.match(closing.group(0)):
            closing = None  # "X took Y, while ISIS claimed to have taken Z": a claim of its own
        if closing is not None:
            return "reported" if _NEUTRAL_SPEAKERS.search(closing.group(0)) else "claimed"
        if speech is not None:
            speaker = self.sentence[max(0, speech.start() - 60):speech.start()]
            if _NEUTRAL_SPEAKERS.search(speaker) or _REPORTS_BEFORE.search(speaker):
                return "reported"
            party_before = any(0 <= speech.start() - end <= 60 for _, end in self.parties)
            if party_before or speech.group(0).lower().startswith("claim"):
                return "claimed"
            return "reported"
        reported = any(start < position or not opens for start, opens in self.reported_cues)
        return "reported" if reported else "stated"

    def _split(self, start: int, end: int) -> bool:
        """Whether a coordinated clause of its own begins between ``start`` and ``end``."""
        return any(start <= begin <= end for begin in self.new_clauses)

    def rejects(self, position: int) -> bool:
        """Whether the statement at ``position`` is what a denial verb before it rejects ("X
        denied that Y had taken Z"): the denial's words, not a claim told and denied."""
        return self.cued and any(0 <= position - end < 120 and not self._split(end, position)
                                 for end in self.denials_before) and \
            not any(start >= position for start in self.denied_claims)

    def _denied(self, position: int) -> bool:
        if any(start >= position for start in self.denied_claims):
            return True
        if any(start >= position for start in self.denials) and any(start < position for start in self.claims):
            return True
        return any(0 <= position - end < 120 and not self._split(end, position) for end in self.denials_before)


def denies_previous(sentence: str) -> bool:
    """Whether a sentence rejects the claims of the one before ("these statements appeared premature")."""
    head = sentence[:160]
    low = lowered(head)
    return bool(_DENIAL_AFTER.search(head, low)) and bool(_THOSE_CLAIMS.search(head, low))
