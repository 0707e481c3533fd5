"""Which places a trigger is about.

The gazetteer finds the named places (``Mention``s); this module decides which of them
a trigger's event happens at:

- the object of the trigger first ("captured X and Y"), one event per coordinated place;
- a place that only locates another ("X, 25 km north of Y", "X south of the town of Y",
  "X in Homs province", "X near Y") is not an event place;
- "from X" after an advance or attack is the origin, not the goal;
- "between X and Y" is the midpoint of X and Y;
- a withdrawal happens at the place left ("withdrew from Y to X": Y), never at the place
  fallen back to: a destination alone ("fell back to X") is kept only as a ``destination``;
- a capture of ground "overlooking X" / "at the gates of X" is an advance on X;
- "the city", "the town", "the border", "it"... stand for the latest fitting place named
  just before (``anaphors``).
Rivers are never event places: a report's "along the Euphrates" places nothing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from geopy.distance import geodesic

from events.folding import Folded
from lookalikes import Caseless

from gazetteer.place import Mention, Place

_STOP_BEFORE = re.compile(r"[.!?:;—–-]\s*$")
_LIST_LINK = re.compile(r"(?:and|or|as\s+well\s+as|&)\b")

_RELATIVE_TEXT = re.compile(r"^(?:\d|within\b|about\b|around\b|some\b|approximately\b|roughly\b|nearly\b|almost\b|a\s+few\b|"
                            r"several\b|(?:north|south|east|west)\w*\s+of\b)", re.I)
_MEASURED = re.compile(r"^(?:about\s+|around\s+|some\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+)?\d", re.I)
_DESCRIPTOR = (r"(?:areas?|regions?|districts?|villages?|towns?|city|countryside|dam|field|airbase|airport|base|"
               r"province|governorate|hills?|mountains?|chain|plains?|station|crossing|island|sector|front|axis|pocket)")
_COORDINATED = re.compile(
    r"^\s*(?:" + _DESCRIPTOR + r"\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as|&)\s+|,\s*as\s+well\s+as\s+)"
    r"(?:also\s+)?(?:(?:in|at|on|near|towards?|into|around|outside|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of)\s+)?"
    r"(?:the\s+)?(?:(?:nearby|neighbou?ring|adjacent)\s+)?"
    r"(?:(?:(?:north|south|east|west)\w*\s+|(?:large|big|wide|several|some|many|remaining)\s+)?(?:villages?|towns?|"
    r"cit(?:y|ies)|areas?|hills?|districts?|hilltops?|slopes|outskirts|countryside|parts?|foothills|environs|vicinity|"
    r"banks?|sections?)\s+of\s+(?:the\s+)?|(?:most|much)\s+of\s+(?:the\s+)?)?$",
    re.I,
)
# "X, Y" is a list only when the list goes on after Y ("X, Y and Z", "X, Y.").
_LIST_GOES_ON = re.compile(r"\s*(?:(?:towns|villages|cities|areas|districts|hills|settlements)\b\s*)?(?:[,;.)]|and\b|or\b|$)")
# "the Homs–Palmyra highway", "the Damascus to Palmyra road": towns naming a road.
_ROAD_AFTER = re.compile(r"\s*(?:[-–—]|to)\s*[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}?\s+(?:highway|road|motorway|route)\b")
_ROAD_END = re.compile(r"\s+(?:highway|road|motorway|route)\b")
_OWN_PREPOSITION = re.compile(r"(?:and|or|,)\s+(?:also\s+)?(?:in|at|on|near|towards?|into|around|outside|"
                              r"in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?$", re.I)
_APPOSITION = re.compile(r"^['’]s\s+(?:[\w-]+\s+){0,3}[\w-]+,\s*$")
_APPROACH = Caseless(r"(?:overlooking|outskirts\s+of|gates\s+of|approaches\s+to|edge\s+of|doorstep\s+of)\s+"
                       r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_QUALIFIES = re.compile(r"(?:['’]s)?\s+(?:(?!(?:and|or|the|a|an)\s)[\w-]+\s+)?(?:town|city|village|district|neighbou?rhood|"
                        r"suburb|hamlet|area|base|airbase)\s+of\s+(?:the\s+)?", re.I)
# A place the gazetteer names by its approaches ("the outskirts of X").
_APPROACH_NAMED = re.compile(r"(?:the\s+)?(?:outskirts|gates|edge|approaches|doorstep)\s+(?:of|to)\s", re.I)
_ORIGIN = re.compile(r"(?<![\w-])from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "an offensive to drive the rebels from X": X is the goal, not where the attack came from.
_EXPEL_FROM = re.compile(r"(?<![\w-])(?:driv\w*|drove|expel\w*|oust\w*|push\w*|clear\w*|evict\w*|dislodg\w*|"
                         r"flush\w*|remov\w*)\s+(?:[\w'’-]+\s+){0,4}from\s", re.I)
_BENEFICIARY = re.compile(r"(?<![\w-])[a-z]+\s+for\s+(?:the\s+)?(?:capital\s+|city\s+of\s+|town\s+of\s+)?$")
_APPOSED = re.compile(r"\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}(?:near|in|of|outside|around|south|north|east|west)\b",
                      re.I)
_LIST_RESUMES = re.compile(r"\s*,\s*(?:and\s+|as\s+well\s+as\s+)?(?:the\s+)?$", re.I)
_DESCRIBES = re.compile(r"(?<![\w-])(?:which|that|who|where|lies|lying|located|situated|sits|part\s+of)(?![\w-])", re.I)
_DISTANCE_BEFORE = re.compile(r"(?:kilomet(?:er|re)s?|km|miles?)\s+(?:\([^)]*\)\s+)?(?:from|of)\s+(?:the\s+)?$", re.I)
_INCLUDING_BEFORE = re.compile(r",?\s*(?:including|such\s+as|among\s+them|among\s+which|notably)\s+(?:the\s+(?:villages?|towns?|"
                               r"districts?|neighbou?rhoods?)\s+of\s+)?$", re.I)
_LOCATIVE_BEFORE = re.compile(r"(?<![\w-])(?:around|near|outside|across|throughout|(?:north|south|east|west)(?:ern)?\s+of|"
                              r"(?:north|south)-?(?:east|west)\s+of)\s+(?:the\s+)?$", re.I)
# Between a place and the province that locates it: "X, on the edge of Y", "X in western Y".
_LOCATES_BEFORE = re.compile(r"\s*,?\s*(?:(?:on|at)\s+the\s+(?:edge|fringes?|border|outskirts)\s+of|in|of|inside)\s+"
                             r"(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)
# (and "the road linking / connecting X and (to, with) Y", "the highway from X to Y": a place on it)
_BETWEEN = re.compile(r"(?<![\w-])(?:between|(?:road|highway|motorway|route|corridor|supply\s+line|railway|link)s?\s+"
                      r"(?:linking|connecting|joining|from))\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I)
_AND = re.compile(r"^\s*(?:and|&|to|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I)

_ANAPHOR = Folded(
    r"(?<![\w-])(?:the|this|that)\s+(?:(?:same|besieged|encircled|strategic|nearby|embattled|key|whole|entire|remaining|"
    r"[\w]+-held|[\w]+-controlled|ISIS|ISIL|IS|jihadist|rebel|militant|Syrian|northern|southern|eastern|western|central|"
    r"main|important|last|former|de\s+facto|"
    # (an adjective of description: "the ancient city", "the devastated town", "the symbolic border town")
    r"(?!(?:next|neighbou?ring|adjacent|other)\s)[a-z]+(?:ic|al|ous|ent|ant|ed|ive|ful|ary|ian|ish))\s+){0,3}"
    r"(?P<noun>city|town|village|stronghold|bastion|border|pocket|dam|airport|airbase|air\s+base|airfield|airstrip|base|"
    r"desert(?:\s+area)?|area|"
    r"district|neighbou?rhood|countryside|hilltop|hills|mountains|field|station|crossing|island|bridge|outskirts|enclave|"
    r"province|governorate|prison|camp|academy|silos|hospital|hill|mountain|suburb|quarter|settlement|hamlet|locality|"
    r"provincial\s+capital|facility|complex|compound|highway)(?![\w-])(?!\s+(?:town|city|village|crossing|post|area|region|guards?|strip|of\s+[a-z]))",
)
_IT_OBJECT = Folded(
    r"(?<![\w-])(?:capturing|captured|capture|cleared|clearing|seized|seizing|took|taking|retook|retaking|recaptured|"
    r"recapturing|encircled|encircling|surrounded|surrounding|stormed|storming|entered|entering|besieged|besieging|"
    r"isolated|isolating|encircle|surround|besiege|isolate|lost|losing|lose|loses|"
    r"(?:control|hold|grip)\s+(?:of|over|on))\s+(?P<it>it)(?![\w-])",
)
# "Fighting erupted there", "the rebels there withdrew": the place just spoken of (not the
# "there is / there were" of existence, nor "from there", an origin).
_THERE = Folded(
    r"(?<![\w-])(?<!from\s)(?<!out\s)(?<!over\s)(?<!and\s)(?P<it>there)(?![\w'’-])(?!\s+(?:is|are|was|were|has|have|had|will|"
    r"would|may|might|could|can|must|should|being|been|exists?|existed|remains?|remained|seems?|seemed|appears?|"
    r"appeared|lies|lay|used|and\s+back)(?![\w-]))",
)
# A verb of taking right before a place: "recaptured X", "took control of X".
_TAKEN_BEFORE = re.compile(
    r"(?<![\w-])(?:captured|seized|took|taken|retook|retaken|recaptured|regained|liberated|stormed|entered|overran|"
    r"(?:took|taken|seized|gained|assumed)\s+(?:full\s+|complete\s+)?control\s+(?:of|over))\s+(?:the\s+(?:[\w-]+\s+){0,2}of\s+)?$",
    re.I)
# "began shelling the town of X, and troops entered it": the place a verb just acted on.
_ACTED_ON_BEFORE = re.compile(
    r"(?<![\w-])(?:shell(?:ed|ing)|bomb(?:ed|ing)|attack(?:ed|ing)|besieg(?:ed|ing)|encircl(?:ed|ing)|surround(?:ed|ing)|"
    r"storm(?:ed|ing)|struck|striking|pound(?:ed|ing)|assault(?:ed|ing)|"
    r"(?:push(?:ed|ing)|advanc(?:ed|ing)|mov(?:ed|ing)|stormed|broke|swept|rolled)\s+into)\s+(?:the\s+(?:[\w-]+\s+){0,2}of\s+)?$", re.I)
# "It was captured on Tuesday": a place is what is captured, so the pronoun stands for one.
_IT_PATIENT = Folded(
    r"(?<![\w-])(?P<it>it)\s+(?:was|had\s+been|has\s+been|is)\s+(?:fully\s+|completely\s+|finally\s+|eventually\s+|"
    r"reportedly\s+|later\s+)?(?:captured|taken|seized|retaken|recaptured|liberated|encircled|surrounded|besieged|cleared|"
    r"overrun|stormed|secured)(?![\w-])",
)
_NAMED_AFTER = re.compile(r"\s+(?:of|around|near|in|at)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|"
                          r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
                          r"Saturday|Sunday)\b)[A-Z]")
_QUALIFIED = re.compile(r"\s*(?:(?:of|in|at|near|around)\s+(?:the\s+)?)?", re.I)
_KIND_NOUNS = {
    "city": {"city", "town", "village"}, "town": {"city", "town", "village"}, "village": {"village", "town"},
    "stronghold": {"city", "town", "village", "district"}, "bastion": {"city", "town", "village", "district"},
    "outskirts": {"city", "town", "village"},
    "district": {"district"}, "neighbourhood": {"district"}, "neighborhood": {"district"},
    "province": {"governorate"}, "governorate": {"governorate"},
    "hills": {"hill"}, "hilltop": {"hill"}, "mountains": {"hill"},
    "hill": {"hill"}, "mountain": {"hill"}, "suburb": {"district", "town", "village"}, "quarter": {"district"},
    "settlement": {"village", "town"}, "hamlet": {"village"}, "locality": {"village", "town"},
    "provincial capital": {"city"}, "facility": {"site"}, "complex": {"site"}, "compound": {"site"},
}
ANAPHOR_SENTENCES = 4
_GENERIC_NOUNS = frozenset({"it", "area"})
PLURAL_SENTENCES = 2
_PLURAL_ANAPHOR = Folded(
    r"(?<![\w-])(?:both|(?:the|these|those|all|all\s+the|all\s+these|all\s+those)(?:\s+(?P<count>two|three|four|five|six))?)"
    r"\s+(?P<noun>towns|villages|cities|settlements|places|localities|hamlets|districts|neighbou?rhoods|hills)(?![\w-])")
_PLURAL_GATE = re.compile(r"towns|villages|cities|settlements|places|localities|hamlets|districts|neighbo|hills")
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SETTLEMENTS = frozenset({"city", "town", "village", "inferred"})
_PLURAL_KINDS = {"district": frozenset({"district"}), "neighbourhood": frozenset({"district"}),
                 "neighborhood": frozenset({"district"}), "hill": frozenset({"hill"}),
                 # "the two villages" are villages (or towns), never the city they lie near
                 "village": frozenset({"village", "town", "inferred"}), "hamlet": frozenset({"village", "inferred"}),
                 "town": frozenset({"town", "village", "city", "inferred"}),
                 "place": frozenset({"city", "town", "village", "district", "site", "hill", "area"})}


@dataclass(frozen=True)
class PlaceRef:
    """A place a sentence speaks of: ``text[start:end]``; ``via`` is name, anaphor or between."""

    start: int
    end: int
    place: Place
    via: str = "name"

    @property
    def is_relative(self) -> bool:
        return self.via == "name" and bool(_RELATIVE_TEXT.match(self.place.name))


# "northern Syria", "central Syria": a part of the country is where a report's story is, not
# where an event happened.
_COUNTRY_PART = re.compile(r"(?i)^(?:(?:north|south|east|west)(?:ern)?|north-?(?:east|west)(?:ern)?|"
                           r"south-?(?:east|west)(?:ern)?|central)\s+syria$")


def usable_mentions(mentions: list[Mention], side_spans: list[tuple[int, int]]) -> list[PlaceRef]:
    """Mentions that can be event places: no rivers, no compass parts of the country, none
    inside a side's name, one per span.

    Of a relative position and the place it is measured from, the position is kept when
    the text gives a distance ("25 km north of X": the event is there); a bare direction
    ("south of X") or a goal ("within 40 km of X") keeps X itself.
    """
    kept: list[PlaceRef] = []
    side_spans = sorted(side_spans)
    side_starts = [a for a, _ in side_spans]
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if mention.place.kind == "river" or _COUNTRY_PART.match(mention.place.name):
            continue
        nearby = side_spans[max(0, bisect.bisect_left(side_starts, mention.start) - 1):
                            bisect.bisect_left(side_starts, mention.end)]
        if any(mention.start < b and a < mention.end for a, b in nearby):
            continue
        relative = bool(_RELATIVE_TEXT.match(mention.text))
        if relative and not _MEASURED.match(mention.text):
            continue
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(PlaceRef(mention.start, mention.end, mention.place, "relative" if relative else "name"))
    return kept


# A capitalised word next to a name makes it part of a longer one ("Berkhdan Qamishli", "Deir
# ez-Zor Military Council"), unless it is one of these.
_OPEN_WORDS = frozenset("In At Near From To On Into Towards Toward Around Outside Inside The And Of For By "
                        "Across Along Throughout Meanwhile East West North South".split())
_WORD_BEFORE = re.compile(r"([\w'’-]+)[^\S\n]+$")
_WORD_AFTER = re.compile(r"[^\S\n]+([\w'’-]+)")
_RECURRING_KINDS = frozenset({"region", "river", "governorate"})


def recurring(masked: str, mentions: list[Mention], blocked: list[tuple[int, int]]) -> list[Mention]:
    """``mentions`` and the later (or earlier) occurrences of the same names that the place
    finder left out: a report naming a place once names the same place by the same name
    (one sense per report), and a finder may know a rare name only where its context
    placed it. Not inside a side's name (``blocked``) nor next to another capitalised word."""
    first_guess: dict[str, Mention] = {}
    for index, mention in enumerate(mentions):
        if mention.place.kind == "inferred":
            # A name the finder only guessed from its context: the first guess, which the
            # report's lead gives (one sense per report), not one per sentence's neighbours.
            first = first_guess.setdefault(mention.text, mention)
            if first is not mention:
                mentions[index] = Mention(mention.start, mention.end, mention.text, first.place)
    names: dict[str, Mention] = {}
    for mention in mentions:
        text = mention.text
        if len(text) >= 4 and text[0].isupper() and mention.place.kind not in _RECURRING_KINDS \
                and " of " not in text:
            names.setdefault(text, mention)
    if not names:
        return mentions
    taken = sorted([(m.start, m.end) for m in mentions] + list(blocked))
    starts = [a for a, _ in taken]
    added: list[Mention] = []
    for a, b in _occurrences(masked, names):
        index = bisect.bisect_left(starts, a)
        if any(x < b and a < y for x, y in taken[max(0, index - 1):index + 1]):
            continue
        before = _WORD_BEFORE.search(masked, max(0, a - 30), a)
        after = _WORD_AFTER.match(masked, b)
        if before and before.group(1)[0].isupper() and before.group(1) not in _OPEN_WORDS and \
                not _STOP_BEFORE.search(masked[max(0, before.start() - 3):before.start() + 1]):
            continue
        if after and after.group(1)[0].isupper():
            continue
        source = names[masked[a:b]]
        added.append(Mention(a, b, masked[a:b], source.place))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


_NAME_CHAR = re.compile(r"[\w'’-]")


def _occurrences(text: str, names) -> list[tuple[int, int]]:
    """Where ``names`` occur in ``text`` as whole words, left to right, the longest at a
    position, none overlapping the one before: what one alternation of them would match,
    found without compiling a pattern for each report."""
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not (at and _NAME_CHAR.match(text, at - 1)) and not _NAME_CHAR.match(text, end):
                found.append((at, -end))
            at = text.find(name, at + 1)
    out, last_end = [], 0
    for start, end in sorted(found):
        if start >= last_end:
            out.append((start, -end))
            last_end = -end
    return out


def find_anaphors(masked: str, start: int, end: int, named: list[PlaceRef],
                  history: list[tuple[int, PlaceRef]], sentence_index: int, low: str | None = None,
                  salient: frozenset[str] = frozenset(), story: frozenset[str] = frozenset()) -> list[PlaceRef]:
    """"The city", "it"... in ``masked[start:end]`` resolved to the place they stand for
    (``low``: ``masked`` lower-cased, see events/folding.py). A word that names no kind of
    place ("the area", "it") stands for the latest place something happened at (``salient``:
    their names) before a place named only to locate it ("X, a suburb on the edge of Y"); a word
    naming a kind ("the town") prefers, of the fitting places, one something happened at or
    was headed for (``story``: their names) to a place named only in passing."""
    found: list[PlaceRef] = []
    spans = [(m.start(), m.end(), m.group("noun").lower()) for m in _ANAPHOR.finditer(masked, low, start, end)]
    here = masked[start:end].lower()
    if " it" in here:
        spans += [(m.start("it"), m.end("it"), "it") for m in _IT_OBJECT.finditer(masked, low, start, end)]
    if "it " in here:
        spans += [(m.start("it"), m.end("it"), "it") for m in _IT_PATIENT.finditer(masked, low, start, end)]
    if "there" in here:
        spans += [(m.start("it"), m.end("it"), "it") for m in _THERE.finditer(masked, low, start, end)]
    plurals = _PLURAL_ANAPHOR.finditer(masked, low, start, end) if _PLURAL_GATE.search(here) else ()
    for match in plurals:
        if _NAMED_AFTER.match(masked, match.end()):
            continue  # "the villages of A and B" name their places
        earlier = [(i, p) for i, p in history if i >= sentence_index - PLURAL_SENTENCES and p.start < match.start()]
        earlier += [(sentence_index, p) for p in named if p.end <= match.start()]
        found.extend(PlaceRef(match.start(), match.end(), place, "anaphor")
                     for place in _antecedents(match.group("count"), match.group("noun"), earlier))
    for a, b, noun in sorted(spans):
        if any(a < p.end and p.start < b for p in named) or any(a < p.end and p.start < b for p in found):
            continue
        if any(0 <= p.start - b <= 14 and _QUALIFIED.fullmatch(masked[b:p.start]) for p in named):
            continue
        if _NAMED_AFTER.match(masked, b):
            continue
        earlier = [(i, p) for i, p in history if i >= sentence_index - ANAPHOR_SENTENCES and p.start < a]
        earlier += [(sentence_index, p) for p in named if p.end <= a]
        # "took X ... before losing it": a place this sentence says was taken beats the places
        # earlier sentences fought at (so does one "the village" stood for: "regained the
        # village on Monday, but the SDF retook it").
        taken_here = frozenset(p.place.name for p in named + found if p.end <= a and p.via in ("name", "anaphor")
                               and (_TAKEN_BEFORE.search(masked, max(start, p.start - 50), p.start)
                                    or _ACTED_ON_BEFORE.search(masked, max(start, p.start - 50), p.start)))
        noun = " ".join(noun.split())
        if noun in _CALLED_CONFLICTS:
            # "captured the town of X ... the city": the report called X a town, so "the city" is not X
            earlier = [(i, p) for i, p in earlier
                       if _called(masked, p.start, p.end) not in _CALLED_CONFLICTS[noun]]
        preferred = taken_here or salient
        if noun in _KIND_NOUNS and not taken_here:
            # a fitting place this sentence names itself ("an offensive towards X, within 10 km
            # of the town") comes before the story of earlier sentences
            here_fits = any(p.end <= a and p.via == "name" and p.place.kind in _KIND_NOUNS[noun] for p in named)
            preferred = frozenset() if here_fits else story
        place = _antecedent(noun, earlier, preferred)
        if place is not None:
            found.append(PlaceRef(a, b, place, "anaphor"))
    return found


def _antecedents(count: str | None, noun: str, earlier: list[tuple[int, PlaceRef]]) -> list[Place]:
    """The places "both towns", "those three villages", "these areas" stand for: the last
    ``count`` fitting places named, or all those of the last sentence that named several."""
    kinds = _PLURAL_KINDS.get(noun.lower().rstrip("s"), _SETTLEMENTS)
    fitting: list[tuple[int, Place]] = []
    for index, ref in sorted(earlier, key=lambda item: item[1].start):
        if ref.via == "name" and ref.place.kind in kinds and all(p.name != ref.place.name for _, p in fitting):
            fitting.append((index, ref.place))
    wanted = _COUNTS.get((count or "").lower())
    if wanted is not None:
        return [p for _, p in fitting[-wanted:]] if len(fitting) >= wanted else []
    if len(fitting) < 2:
        return []
    last = fitting[-1][0]
    group = [p for i, p in fitting if i == last]
    return group if len(group) >= 2 else []


# "the town of X": what the report itself calls X; a later "the city" is then not X.
_CALLED_BEFORE = re.compile(r"(?<![\w-])(?P<noun>city|town|village)\s+of\s+(?:the\s+)?$", re.I)
# "Idlib city": the report calls the place a city by a word after its name.
_CALLED_AFTER = re.compile(r"(?:\s+|(?<=\s))(?P<noun>city)(?![\w-])", re.I)
_CALLED_CONFLICTS = {"city": frozenset({"town", "village"}), "village": frozenset({"city"}), "town": frozenset({"city"})}


def _called(masked: str, start: int, end: int | None = None) -> str | None:
    match = _CALLED_BEFORE.search(masked, max(0, start - 20), start)
    if match is None and end is not None:
        match = _CALLED_AFTER.match(masked, end) or _CALLED_AFTER.search(masked, max(start, end - 5), end)
    return match.group("noun").lower() if match else None


_URBAN_PART_WORDS = frozenset({"outskirts", "suburbs", "suburb", "edge", "side", "part", "parts", "half", "corner", "tip"})


def urban_whole(place: Place) -> Place | None:
    """The town or city a part of it ("X (north outskirts)", "X (west edge)") belongs to, as
    the gazetteer's directional part records it (``raw["anchor"]``), else None."""
    raw = place.raw or {}
    anchor, part = raw.get("anchor"), raw.get("part")
    if not isinstance(anchor, dict) or part not in _URBAN_PART_WORDS or anchor.get("kind") not in _SETTLEMENTS:
        return None
    try:
        return Place(name=anchor["name"], lat=anchor["lat"], lon=anchor["lon"], kind=anchor["kind"],
                     governorate=place.governorate, source=place.source, id=anchor.get("id", ""),
                     uncertainty_km=anchor.get("uncertainty_km", place.uncertainty_km), country=place.country)
    except (KeyError, TypeError, ValueError):
        return None


def _antecedent(noun: str, earlier: list[tuple[int, PlaceRef]], salient: frozenset[str] = frozenset()) -> Place | None:
    kinds = _KIND_NOUNS.get(noun)
    # ("the airfield", "the airstrip": an airbase or airport named before)
    word = noun.split()[0].replace("airbase", "air").replace("airfield", "air").replace("airstrip", "air") \
        .replace("neighbourhood", "district")
    ordered = sorted(earlier, key=lambda item: item[1].start, reverse=True)
    if noun in _GENERIC_NOUNS and salient:
        ordered = [item for item in ordered if item[1].place.name in salient] + \
            [item for item in ordered if item[1].place.name not in salient]
    elif kinds is not None and salient and noun not in ("stronghold", "bastion"):  # a stronghold is still the enemy's
        # "took X, cutting the road to the city of Y. ... entered the town": of the places of a
        # fitting kind one sentence names, the one the story is about (something happened
        # there); a fitting place a later sentence names is the latest one.
        fitting = [item for item in ordered if item[1].via != "relative" and (
            item[1].place.kind in kinds or getattr(urban_whole(item[1].place), "kind", None) in kinds)]
        story = next((item for item in fitting if item[1].place.name in salient), None)
        if fitting and story is not None and story[0] == fitting[0][0]:
            ordered = [story] + [item for item in ordered if item is not story]
    for _, ref in ordered:
        place = ref.place
        if ref.via == "relative":
            continue
        if kinds is not None:
            if place.kind in kinds:
                return place
            whole = urban_whole(place)  # "the outskirts of X ... the city": X itself
            if whole is not None and whole.kind in kinds and noun not in ("outskirts", "stronghold", "bastion"):
                return whole
            continue
        if noun == "it" or noun in ("area", "pocket", "enclave", "countryside", "desert", "desert area"):
            if word in place.name.lower() or noun == "it" or place.kind in ("area", "region", "district", "town",
                                                                              "village", "city", "site", "hill"):
                if noun in ("desert", "desert area") and "desert" not in place.name.lower():
                    continue
                if place.kind == "governorate":
                    continue
                return place
            continue
        if word in place.name.lower():
            return place
    return None


# "Damascus said", "an ally of Damascus", "talks with Ankara": a capital standing for its
# government is no battlefield.
_SPEAKS_AFTER = re.compile(r"\s*(?:['’]s\s+(?:government|regime|ally|allies|decision|position)\b|,?\s+(?:has\s+|had\s+)?"
                           r"(?:said|says|announced|accused|denied|claimed|insisted|agreed|rejected|warned|demanded|"
                           r"considers|views|sees|wants|refused|negotiated|responded)\b)", re.I)
_GOVERNMENT_BEFORE = Caseless(r"(?:ally\s+of|allies\s+of|allied\s+(?:to|with)|loyal\s+to|negotiat\w*\s+with|talks\s+with|"
                                r"deal\s+with|agreement\s+with|pressure\s+on|backed\s+by|support\s+for|"
                                r"government\s+in|regime\s+in|authorities\s+in|officials\s+in)\s+$", re.I)
_CAPITAL_KINDS = frozenset({"city"})


def speaks_after(masked: str, end: int) -> bool:
    """Whether a name ending at ``end`` is the subject of a verb of saying ("Damascus said")."""
    return bool(_SPEAKS_AFTER.match(masked, end))


def metonymic(masked: str, ref: PlaceRef) -> bool:
    """Whether a city's name stands for its government here rather than for the place."""
    if ref.place.kind not in _CAPITAL_KINDS:
        return False
    return bool(_SPEAKS_AFTER.match(masked, ref.end) or
                _GOVERNMENT_BEFORE.search(masked[max(0, ref.start - 30):ref.start]))


@dataclass(frozen=True)
class Chosen:
    """An event place; ``approach``: ground next to it ("the outskirts of X"); ``destination``:
    where a withdrawing side fell back to, which it did not lose."""

    ref: PlaceRef
    approach: bool = False
    destination: bool = False


_LEFT_GAP = re.compile(r"(?<![\w-])(?:from|out\s+of|away\s+from)(?![\w-])", re.I)
# "abandoned (their) positions in X", "left its bases around X": the verb's object is the ground
# left, where it lies is the place (not "fell back to positions in X").
_POSTS_LEFT_GAP = re.compile(r"\s+(?:(?:their|its|the|all|most|some|several|many|remaining)\s+){0,2}(?:[\w-]+\s+)?"
                             r"(?:positions|posts|bases|checkpoints|strongholds?|headquarters|trenches|lines|barracks|"
                             r"outposts)\s+(?:in|at|near|around|inside|on)\s+(?:the\s+)?", re.I)
# "redeployed to positions south of X", "fell back to lines outside X": X is the place left.
_POSITIONS_OFF_GAP = re.compile(r"(?<![\w-])(?:to|towards?|into)\s+(?:(?:new|other|defensive|rear|fortified|prepared)\s+)?"
                                r"(?:positions|lines)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|outside|"
                                r"around|behind|near|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?$", re.I)
_DESTINATION_GAP = re.compile(r"(?<![\w-])(?:to|towards?|into|in|inside|behind|onto|as\s+far\s+as|back|for)\s+"
                              r"(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)


def withdrawal_places(masked: str, region_start: int, refs: list[PlaceRef], chosen: list[Chosen]) -> list[Chosen]:
    """The places a withdrawal left, among a trigger's object ``refs``: those after "from" /
    "out of" or directly after the verb ("abandoned X"); failing those, the places it fell
    back to, marked ``destination``."""
    left, fallen_back = [], []
    previous_end = region_start
    for ref in refs:
        gap = masked[previous_end:ref.start]
        previous_end = ref.end
        if _LEFT_GAP.search(gap) or (ref is refs[0] and _POSTS_LEFT_GAP.fullmatch(gap)) or _POSITIONS_OFF_GAP.search(gap):
            left.append(ref)
        elif _DESTINATION_GAP.search(gap) or (fallen_back and not left):
            fallen_back.append(ref)
        elif ref is refs[0] or left:
            left.append(ref)
    kept = [c for c in chosen if c.ref in left]
    if kept:
        return kept
    if left:
        return [Chosen(left[0])]
    return [Chosen(c.ref, c.approach, destination=True) for c in chosen if c.ref in fallen_back]


def choose(masked: str, region_start: int, refs: list[PlaceRef], action: str) -> list[Chosen]:
    """The event places among ``refs`` (all inside one region, in order) for ``action``."""
    refs = _with_between(masked, refs)
    included = next((i for i, ref in enumerate(refs) if i and _INCLUDING_BEFORE.search(masked, refs[i - 1].end, ref.start)),
                    None)
    if included is not None and all(ref.place.kind in ("governorate", "region")
                                    or _LOCATIVE_BEFORE.search(masked, max(region_start, ref.start - 30), ref.start)
                                    for ref in refs[:included]):
        # "took dozens of villages around X, including A, B and C", "cut off the pocket in
        # northern Hama, including A and B": A-C were taken; X only says where they lie.
        refs = refs[included:]
    chosen: list[Chosen] = []
    previous_end = None
    previous_kept = False
    refs = [ref for ref in refs if not _ROAD_AFTER.match(masked, ref.end) and not _ROAD_END.match(masked, ref.end)]
    # "the Syrian border town of X", "the Hama countryside village of Y": the first place
    # only says which X.
    refs = [ref for ref, after in zip(refs, refs[1:] + [None])
            if after is None or not _QUALIFIES.fullmatch(masked, ref.end, after.start)]
    previous_start = None
    apposed: bool | None = None  # whether the list was going on before an apposition's locator
    for ref in refs:
        if chosen and ref.start == previous_start and ref.end == previous_end:
            # One plural anaphor ("both towns") standing for several places: all or none.
            if previous_kept:
                chosen.append(Chosen(ref, chosen[-1].approach))
            continue
        gap = masked[(previous_end if previous_end is not None else region_start):ref.start]
        previous_start, previous_end = ref.start, ref.end
        approach = bool(_APPROACH.search(gap)) or (ref.via == "name" and bool(_APPROACH_NAMED.match(masked, ref.start)))
        if not chosen:
            origin = action in ("advance", "attack", "airstrike") and _ORIGIN.search(gap) \
                and not _DISTANCE_BEFORE.search(gap) and not _EXPEL_FROM.search(gap)
            beneficiary = action in ("capture", "recapture") and _BENEFICIARY.search(gap)
            if beneficiary:
                continue  # "took the water source for the capital X": X is not what was taken
            if not origin:
                chosen.append(Chosen(ref, approach))
            previous_kept = not origin
            continue
        coordinated = _APPOSITION.match(gap) or (_COORDINATED.match(gap) and (
            _LIST_LINK.search(gap) or _LIST_GOES_ON.match(masked, ref.end)))
        if ref.via == "relative" or _DESCRIBES.search(gap):
            keep = False  # "X, a suburb which lies on the edge of Y": Y locates X
        elif approach:
            keep = True
        else:
            # A place listed with a locator ("south of X and Y") locates too, unless it opens a
            # phrase of its own ("near X, east of Y, and in Z"), or the locator sat in an
            # apposition ("took X, a village near Y, and Z": the list goes on from X).
            resumed = apposed is not None and _LIST_RESUMES.match(gap)
            keep = bool(coordinated) and (previous_kept or bool(_OWN_PREPOSITION.search(gap)) or bool(resumed and apposed))
        apposed = previous_kept if not keep and _APPOSED.match(gap) else None
        if keep:
            chosen.append(Chosen(ref, approach))
        previous_kept = keep
    return chosen


def choose_nearest(masked: str, refs: list[PlaceRef]) -> list[Chosen]:
    """The place just before a passive verb and those listed with it ("X and Y were taken")."""
    if len(refs) > 1 and refs[-1].place.kind == "governorate" and refs[-2].place.kind != "governorate" and \
            _LOCATES_BEFORE.fullmatch(masked, refs[-2].end, refs[-1].start):
        refs = refs[:-1]  # "attacks on X, on the edge of Y province, were repelled": Y only says where X is
    kept = [refs[-1]]
    for ref in reversed(refs[:-1]):
        same = (ref.start, ref.end) == (kept[-1].start, kept[-1].end)  # "both towns"
        if not same and not _COORDINATED.match(masked[ref.end:kept[-1].start]):
            break
        kept.append(ref)
    return [Chosen(ref) for ref in reversed(kept)]


def _with_between(masked: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Replace "between X and Y" by one reference at the midpoint of X and Y."""
    out: list[PlaceRef] = []
    index = 0
    while index < len(refs):
        ref = refs[index]
        if index + 1 < len(refs) and _BETWEEN.search(masked[max(0, ref.start - 30):ref.start]) \
                and _AND.match(masked[ref.end:refs[index + 1].start]):
            other = refs[index + 1]
            out.append(PlaceRef(ref.start, other.end, midpoint(ref.place, other.place), "between"))
            index += 2
            continue
        out.append(ref)
        index += 1
    return out


def midpoint(a: Place, b: Place) -> Place:
    """The point halfway between two places, uncertain by half their distance."""
    half_km = geodesic((a.lat, a.lon), (b.lat, b.lon)).km / 2
    return Place(
        name=f"between {a.name} and {b.name}", lat=(a.lat + b.lat) / 2, lon=(a.lon + b.lon) / 2, kind="area",
        governorate=a.governorate if a.governorate == b.governorate else None, source="events:between",
        uncertainty_km=round(half_km + max(a.uncertainty_km, b.uncertainty_km), 1),
        score=min(a.score, b.score), id="",
    )
