"""The sides of an event: who acts (the actor) and whom it acts on (the target).

The reader (events/extract.py) finds the triggers, dates and places of a sentence; this module
holds what it knows about the sides that fight each other and how it decides, for one trigger,
which side named in the text acts and which one suffers it. It lives apart from the reader so
that a rule about sides (a capital speaking for its government, a generic name standing for the
side of its theatre or of its period, an ally never being the target, the usual enemy when the
text names none) has one place to be read, tested and changed, and extract.py stays about reading
sentences. The first half is pure functions over the side mentions of a report (events/actors.py
finds them); the second, ``Sides``, is the part of the reader that chooses an event's actor and
target, a mixin of ``_Reader`` because it reads the sentence state the reader keeps (the running
actor, each side's current enemy, who holds which place, the sides named so far).
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from datetime import date
from typing import TYPE_CHECKING

from events.actors import (FactionTable, SideMention, find_sides, generic_choices, is_air_arm, is_turkish_state,
                           relations_on)
from events.folding import Folded, guarded
from events.placing import Chosen, PlaceRef, speaks_after
from events.spans import overlaps
from lookalikes import Caseless

if TYPE_CHECKING:
    from events.actions import Trigger
    from events.extract import _Draft, _SentenceView


_HANGING_BEFORE = re.compile(
    r"(?:,\s*(?:\w+ly\s+)?(?:thus\s+)?|(?<![\w-])(?:in\s+addition\s+to|as\s+well\s+as|besides|along\s+with)\s+)$", re.I)
_SAID = re.compile(r"(?:said|claimed|stated|told|announced)")
_WORDS_AND_DOTS = re.compile(r"[\w.]+")
# The capitals whose names reports use for their governments ("Damascus said").
# ISIL took its first Syrian ground (Raqqa) in January 2014; before it, a generic name is not ISIL's.
ISIL_GROUND = date(2014, 1, 1)
# A state speaking of "its" arms ("Ankara said its drones struck X") is the side it fights with
# (Turkey's army is folded into the rebels' side, Russia's and Iran's into the government's).
CAPITAL_SIDES = {"Damascus": "government", "Moscow": "government", "Tehran": "government",
                 "Ankara": "rebels", "Turkey": "rebels", "Washington": "coalition"}
_CAPITAL = re.compile(guarded("|".join(CAPITAL_SIDES)) + r"(?![\w-])")
PRIOR_ENEMY = {"government": "isil", "sdf": "isil", "coalition": "isil", "rebels": "government",
               "hts": "government", "isil": "government"}
# The sides with an air arm of their own (Turkish jets, the rebels' ally, are named when they strike).
AIR_SIDES = frozenset({"government", "coalition"})
ALLIES = {frozenset({"coalition", "sdf"}), frozenset({"coalition", "rebels"})}
AIR_NATIONALITY = {"russian": "government", "syrian": "government", "regime": "government", "us": "coalition",
                   "u.s.": "coalition", "american": "coalition", "coalition": "coalition", "french": "coalition",
                   "british": "coalition", "turkish": "rebels", "turkey's": "rebels"}
_PREPOSITION_BEFORE = Folded(r"(?<![\w-])(?:with|against|on|upon|from|alongside|of|to|towards?|at|by|between|"
                                 r"near|versus|vs\.?|under|for|over|into|than|and\s+against|among|amid)\s+"
                                 r"(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,1}$")
_PAIR_AND = re.compile(r"\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?", re.I)
_BETWEEN_SIDES = re.compile(r"\s+(?:[^,.;:()]{0,60}?\s)?(?:between|pitted|pitting|pits)\s+(\S)", re.I)
_AGENT_BEFORE = re.compile(r"(?<![\w-])(?:by|to)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,1}$", re.I)
_BY_RIGHT_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+)?by\s+(?:the\s+)?", re.I)
_BY_BEFORE = re.compile(r"(?<![\w-])by\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_SUPPORT_BEFORE = Folded(r"(?<![\w-])(?:(?:backed|supported|accompanied|aided|assisted|helped|covered|joined|"
                             r"reinforced|escorted)\s+by|with\s+(?:the\s+)?(?:(?:air|aerial)\s+)?(?:support|backing|help|assistance|cover|aid)\s+"
                             r"(?:of|from)|(?:air\s+)?support\s+from)\s[^,;()]*$")
_MEMBERS_OF = Folded(r"(?<![\w-])(?:(?:members|fighters|militants|supporters|remnants|units|elements|factions|brigades|"
                         r"battalions|cells|hundreds|thousands|"
                         r"dozens|tens|scores|columns|convoys?|most|some|many|all|remainder|rest|sum|number|groups?|batch|"
                         r"batches|handful|few)\s+of\s+(?:the\s+)?[“\"]?(?:(?:at\s+least\s+|about\s+|some\s+)?\d[\d,]*\s+)?"
                         r"(?:[\w'’-]+\s+)?|(?:^|[.;:,]\s*|(?<![\w-])(?:and|but|while|as|after)\s+)(?:at\s+least\s+|about\s+|"
                         r"some\s+|more\s+than\s+)?\d[\d,]*\s+)$")
_AUXILIARIES = re.compile(r"(?:\s+(?:forces|troops|fighters|units|militants|soldiers))?\s*(?:\s(?:have|has|had|were|was|is|are|"
                          r"also|then|finally|reportedly|later|now|once\s+more|again|still|already|quickly|eventually|[a-z]+ly))*\s+")
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\s", re.I)
_POSSESSED_MEN = re.compile(r"^['’]s?\s+(?:(?:remaining|last|own|few|surviving|elite|besieged|retreating|beleaguered)\s+)?"
                            r"(?:fighters|forces|men|troops|units|militants|soldiers|remnants|defenders|garrison|"
                            r"militiamen)(?![\w-])(?!\s+(?:were|was|had\s+been|have\s+been)\s+(?:killed|wounded|captured))", re.I)
# "Four Russian soldiers and 40 attackers were killed", "ISIS members killed in the fighting"
# (not "HTS fighters killed 20 ISIS members": the killers act).
_VICTIM_AFTER = re.compile(r"^\s+(?:(?:members|fighters|militants|soldiers|troops|elements|personnel|men|officers|"
                           r"commanders?|militiamen)\s+)?(?:and\s+(?:[\w'’-]+\s+){1,4}?)?"
                           r"(?:(?:(?:have|has|had)\s+been|were|was|are|is|being|been)\s+(?:reportedly\s+)?"
                           r"(?:killed|wounded|injured|executed|slain)\b|(?:reportedly\s+)?(?:killed|wounded|injured|executed|slain)"
                           r"(?=\s*(?:[,.;]|$|(?:in|during|by|and|when|while|after|as|near|at)\b)))", re.I)
# "after killing and injuring dozens of terrorists", "eliminating 20 ISIS members".
_VICTIM_BEFORE = re.compile(r"(?<![\w-])(?:killing|killed|wounding|wounded|injuring|injured|eliminating|eliminated|"
                            r"executing|executed|arresting|arrested)\s+(?:and\s+[a-z]+ing\s+)?(?:at\s+least\s+|some\s+|"
                            r"about\s+|more\s+than\s+)?(?:(?:dozens|scores|hundreds|tens|numbers|a\s+number|large\s+numbers|"
                            r"many|several|a\s+group|\d[\d,]*)\s+(?:of\s+)?)?(?:the\s+)?$", re.I)
_RELATIVE_AFTER = re.compile(r"^(?:\s+(?:forces|troops|fighters|units|militias?|groups?|militants))?\s*,?\s*"
                             r"(?:which|who|that)\s", re.I)
_OBJECT_GAP = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?(?:(?!(?:after|before|when|while|as|and|but|because|since|until|"
                         r"then|if|once)\s)[\w'’-]+\s+){0,2}", re.I)
_CLAUSE_INITIAL = re.compile(r",\s*(?:the\s+)?$")
# How far from a generic side its theatre's place may be named (the same sentence, roughly).
THEATRE_CHARS = 200
# How far after a generic side a named one still tells whom it means (its paragraph, roughly).
NAMED_AFTER_CHARS = 400
# "rebels including Nusra fighters stormed X": the group named inside the subject is part of it;
# the subject's head acts (a mixed side is the one named first or as its leader).
_MEMBER_OF_SUBJECT = Caseless(r"\b(?:including|such\s+as|among\s+them|among\s+whom|notably|in\s+particular|"
                                r"led\s+by|alongside|along\s+with|together\s+with)\b", re.I)
# "With the fall of X, the militants are now besieged": the main clause's side undergoes, it does
# not act, so it is not the agent of the fronted clause's noun.
_UNDERGOING_AFTER = re.compile(r"\s+(?:(?:are|is|were|was|remain(?:s|ed)?|have\s+been|has\s+been|had\s+been)\s+)"
                               r"(?:now\s+|still\s+|also\s+|effectively\s+){0,2}(?:besieged|trapped|surrounded|"
                               r"encircled|cut\s+off|isolated|left|confined|forced|pinned|pushed|squeezed|boxed)\b", re.I)
_SPEECH_VERB = re.compile(r"^\s+(?:\([^()]{1,30}\)\s+)?(?:[\w'’-]+\s+){0,3}?(?:said|says|claimed|claims|stated|announced|reported|insisted|"
                          r"declared|confirmed|admitted|acknowledged|conceded)\b", re.I)
# "X told our correspondent they...": no side named between the speaker and the pronoun.
_TOLD_GAP = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:(?:had|have|has)\s+)?(?:told|tells|telling)\s+(?:[\w'’-]+\s+){0,3}?(?:that\s+)?", re.I)
_CONSEQUENCE_BEFORE = Caseless(r",?\s*(?:which|that)\s+(?:[\w'’-]+\s+){0,6}?(?:led|leading|resulted|resulting|allowed|"
                                 r"enabled|helped)\s+(?:it\s+|them\s+)?(?:to|in)\s+(?:[\w'’-]+\s+){0,8}?$", re.I)
# "broke the siege and (then) managed to reach X": a second verb of the same subject.
_COORDINATED_VERB = re.compile(r"(?<![\w-])and\s+(?:then\s+|later\s+|also\s+|finally\s+|subsequently\s+)?"
                               r"(?:(?:managed|went\s+on|proceeded|moved|began|started|continued|were\s+able|was\s+able)\s+"
                               r"(?:to\s+)?)?$", re.I)
_RELATIVE_BEFORE = re.compile(r"(?<![\w-])(?:which|who|that)\s+(?:(?:had|has|have|also|then|later|reportedly|"
                              r"recently|had\s+been)\s+)*$", re.I)
_NATIONAL_AGENT = re.compile(r"\s+by\s+(?:[\w,'’-]+\s+){0,3}?(?P<nation>Russian|Syrian|regime|US|U\.S\.|American|coalition|"
                             r"French|British)\s+(?:air|aerial|war|jets?|aircraft|helicopters?|drones?|bombers?|strikes?|"
                             r"raids?|bombing|bombardment|artillery|shelling)", re.I)
_NATION_BEFORE_NOUN = re.compile(r"(?<![\w'’-])(?P<nation>Russian|Syrian|regime|US|U\.S\.|American|French|British|Turkish|"
                                 r"Turkey's)\s+(?:(?:heavy|intense|fierce|renewed|repeated|relentless|massive|daily|"
                                 r"nightly|continued|new|fresh)\s+)?$")
# How far back a side named as speaking still speaks for a report's "our forces" (a few paragraphs).
VOICE_CHARS = 1500
# "accused X of", "blamed X for", "held X responsible for": X is whom the event is told of.
_ACCUSATION = re.compile(r"(?<![\w-])(?:accus(?:ed|es|ing|e)|blam(?:ed|es|ing|e)|(?P<hold>held|holds|holding|hold))\s+(?:the\s+)?",
                         re.I)
_ACCUSED_OF = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:(?:directly\s+)?responsible\s+)?(?:of|for)\s+"
                         r"(?:(?:the|a|an|its|their|renewed|new|heavy|deadly)\s+)*(?:[\w'’-]+\s+){0,10}?", re.I)
ACCUSED_CHARS = 160
# Between two sides of one list: "X and Y", "X, and Y", "X as well as Y" (a word or two of Y's own
# may come before its name: "HTS and allied Jaysh al-Izza"); not a bare comma, which as often ends
# a fronted phrase ("under a deal with X, Y entered Z").
_LISTED_GAP = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s+as\s+well\s+as\s+|\s+along\s+with\s+|\s+alongside\s+)(?:the\s+)?"
                         r"(?:(?:allied|fighters\s+of|units\s+of|militants\s+of)\s+(?:the\s+)?)?", re.I)
_CLOSE_QUOTE = re.compile(r"[”\"](?=\s*,?\s)")
_HEADER_LINE = re.compile(r"[^\S\n]*[A-Za-z_-]{2,20}:\s[^\n]*\n|[^\S\n]*\n")


def _first_line(text: str) -> int:
    """Where the first line of a report's own text starts (after "source:", "date:" lines)."""
    at = 0
    while at < min(len(text), 1500):
        meta = _HEADER_LINE.match(text, at)
        if meta is None:
            break
        at = meta.end()
    return at


# A report's lead: its first sentence (up to a full stop before a space or a line's end).
_LEAD = re.compile(r"[^\n]*?(?:\.(?=\s)|$)", re.M)
_SPOKEN_BEFORE = re.compile(r"^[^.;]{0,40}?(?:said|says|stated|told|announced|declared|statement)[^.;]{0,20}$", re.I)


def prior_enemies(doc_date: date | None) -> dict[str, str]:
    """Each side's usual enemy in a report of ``doc_date``."""
    # Before ISIL held ground, the army's usual enemy was the armed opposition.
    return {**PRIOR_ENEMY, "government": "rebels"} \
        if doc_date is not None and doc_date < ISIL_GROUND else PRIOR_ENEMY


def allies_on(factions: FactionTable, doc_date: date | None) -> set[frozenset[str]]:
    # The pairs of sides allied on the report's date (data/factions.yaml relations): never
    # each other's target.
    dated_allies, dated_enemies = relations_on(factions, doc_date)
    return (ALLIES | dated_allies) - dated_enemies


def capitals_speaking(text: str, sides: list[SideMention]) -> list[SideMention]:
    """"Damascus said its forces...": a capital speaking for its government is that side
    (whom "its" goes back to), not a place."""
    taken = sorted((s.start, s.end) for s in sides)
    speaking = [SideMention(m.start(), m.end(), m.group(0), CAPITAL_SIDES[m.group(0)], None, "actor")
                for m in _CAPITAL.finditer(text)
                if speaks_after(text, m.end()) and not overlaps(taken, m.start(), m.end())]
    return sorted(sides + speaking, key=lambda s: s.start) if speaking else sides


def in_theatre(sides: list[SideMention], refs: list[PlaceRef], factions: FactionTable) -> list[SideMention]:
    """Generic names ("militants") the report gives no named side to stand for before them or
    near after them: the side of the theatre (data/factions.yaml) of the nearest place in
    their sentence (a group named only paragraphs later is a guess no better than the
    theatre's, and often of another front)."""
    theatres = factions.theatres or {}
    if not theatres:
        return sides
    choices_of = [generic_choices(s, factions) for s in sides]
    named = [s for s, choices in zip(sides, choices_of) if s.faction and not choices]
    out = list(sides)
    starts = [r.start for r in refs]
    for i, (side, choices) in enumerate(zip(sides, choices_of)):
        if not choices or any(s.faction in choices and s.start < side.start + NAMED_AFTER_CHARS for s in named):
            continue
        if is_air_arm(side):
            continue  # the theatre tells whose men hold the ground, not whose aircraft fly over it
        position = bisect.bisect_left(starts, side.start)
        near = [r for r in refs[max(0, position - 2):position + 2] if abs(r.start - side.start) <= THEATRE_CHARS]
        if not near:
            continue
        place = min(near, key=lambda r: abs(r.start - side.start)).place
        theatre = theatres.get((place.governorate or "").lower(), ())
        if choices[0] in theatre:
            continue  # the word's own side fights there ("the factions" in Idlib are the opposition's)
        faction = next((f for f in theatre if f in choices), None)
        if faction is not None and faction != side.faction:
            out[i] = SideMention(side.start, side.end, side.text, faction, side.unit, side.role)
    return out


def leading_ally(sides: list[SideMention], allies: set[frozenset[str]], factions: FactionTable,
                 text: str) -> list[SideMention]:
    """In a period two sides fight as one (data/factions.yaml relations), a generic name
    ("militants", "armed groups") or a name of the whole alliance ("the armed opposition")
    stands for the side of the two the report names most (the leading side)."""
    pairs = allies - ALLIES
    if not pairs:
        return sides
    umbrella = factions.umbrella

    def is_umbrella(side: SideMention) -> bool:
        return " ".join(side.text.split()).lower() in umbrella

    # How often the report names each side by name, then by generic names as the context
    # already read them (the side named near them): those break a tie of names only, as a
    # generic name next to one side's name counts that side twice.
    named: dict[str, list[int]] = {}
    for s in sides:
        # (Turkey's army fights beside the factions it backs; it leads no alliance of armed groups)
        if s.faction and s.role in ("actor", "held") and not is_umbrella(s) and not is_turkish_state(s):
            counts = named.setdefault(s.faction, [0, 0])
            counts[1 if generic_choices(s, factions) else 0] += 1
    out = list(sides)
    for pair in pairs:
        ranked = sorted(pair, key=lambda f: ([-n for n in named.get(f, [0, 0])], f))
        leading, other = ranked
        if named.get(leading, [0, 0]) <= named.get(other, [0, 0]):
            continue
        for i, s in enumerate(out):
            if s.faction != other or s.unit is not None:
                continue
            choices = generic_choices(s, factions)
            if choices and _OF_NAMED_AFTER.match(text, s.end):
                continue  # "militants of Hayat Tahrir al-Sham": named whose they are
            if leading in choices or (not choices and is_umbrella(s)):
                out[i] = dataclasses.replace(s, faction=leading)
    return out


_OF_NAMED_AFTER = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[A-Z]")
# "opposition groups, led by HTS, ...": a name of the whole alliance, or a generic one, and its leader.
_LED_BY = re.compile(r"(?:\s+(?:groups|forces|fighters|factions|militants|militias|units|brigades))?"
                     r",?\s+(?:(?:which|who)\s+(?:is|are|was|were)\s+)?(?:\w+ly\s+)?led\s+by\s+(?:the\s+)?", re.I)
# The sides an alliance of armed groups can be led by.
ALLIANCE_LEADERS = ("hts", "rebels")


def led_by(text: str, sides: list[SideMention], factions: FactionTable) -> list[SideMention]:
    """"Opposition groups led by HTS took X": a mixed side is coded as its leader (the dev
    corpus README's convention), and the report's later names of the whole alliance ("the
    opposition groups repelled...") stand for that leader too. A named faction before "led by"
    ("Rebels, led by Nusra, ...") stays the side named first."""
    umbrella = factions.umbrella
    out = list(sides)
    leader_of: dict[str, str] = {}  # the alliance's faction -> its leader, from where the text says so
    i = 0
    while i < len(out):
        # A name of the alliance may be told in two ("opposition" "factions"): one run of words.
        run = i
        while run < len(out) and _alliance_word(out[run], umbrella, factions) and \
                (run == i or not text[out[run - 1].end:out[run].start].strip()):
            run += 1
        if run == i:
            i += 1
            continue
        names = out[i:run]
        is_umbrella = any(" ".join(s.text.split()).lower() in umbrella for s in names)
        nxt = out[run] if run < len(out) else None
        gap = _LED_BY.match(text, names[-1].end)
        if nxt is not None and gap and gap.end() == nxt.start and nxt.faction in ALLIANCE_LEADERS \
                and nxt.faction != names[0].faction and not generic_choices(nxt, factions) \
                and (is_umbrella or all(nxt.faction in generic_choices(s, factions) for s in names)):
            if is_umbrella:
                leader_of[names[0].faction] = nxt.faction
            leader = nxt.faction
        elif is_umbrella and names[0].faction in leader_of:
            leader = leader_of[names[0].faction]
        else:
            leader = None
        if leader is not None:
            out[i:run] = [dataclasses.replace(s, faction=leader) for s in names]
        i = run
    return out


def _alliance_word(side: SideMention, umbrella: frozenset[str], factions: FactionTable) -> bool:
    return side.faction is not None and side.unit is None and (
        " ".join(side.text.split()).lower() in umbrella or bool(generic_choices(side, factions)))


def before_isil(sides: list[SideMention], doc_date: date | None, factions: FactionTable) -> list[SideMention]:
    """Generic names ("terrorists", "militants") in a report from before ISIL held ground in
    Syria stand for the armed opposition, unless the report names ISIL itself."""
    if doc_date is None or doc_date >= ISIL_GROUND or \
            any(s.faction == "isil" and not generic_choices(s, factions) for s in sides):
        return sides
    return [dataclasses.replace(s, faction="rebels") if s.faction == "isil"
            and "rebels" in generic_choices(s, factions) else s for s in sides]


class Sides:
    """The actor and the target of one trigger, as ``_Reader`` (events/extract.py) reads them.

    A mixin: it reads the reader's state (``masked``/``low``, the sentence's ``trigger_starts``,
    ``trigger_spans`` and ``date_ends``, ``running_actor``, ``about``, ``enemies``,
    ``prior_enemy``, ``allies``, ``holders``, ``named_in_report``/``named_in_paragraph``, ``drafts``)
    and changes none of it but its ``usable`` and ``_headline`` caches."""

    def _usable_subject(self, side: SideMention) -> bool:
        known = self.usable.get(side.start)
        if known is None:
            known = self.usable[side.start] = self._could_be_subject(side)
        return known

    def _could_be_subject(self, side: SideMention) -> bool:
        if side.role not in ("actor", "pronoun", "speaker_group", "other", "defender"):
            return False
        support = _SUPPORT_BEFORE.search(self.masked, self.low, max(0, side.start - 60), side.start)
        if support and not any(support.start() < t < side.start for t in self.trigger_starts):
            return False  # "X, backed by Y and Z, took...": Y and Z help, X acts (not "backed by Y took Z after W...")
        if _VICTIM_BEFORE.search(self.masked, max(0, side.start - 60), side.start):
            return False  # "after killing dozens of terrorists": the killed do not act
        if _MEMBERS_OF.search(self.masked, self.low, max(0, side.start - 40), side.start):
            return True  # "Hundreds of ISIS fighters withdrew", "members of the opposition left"
        after = self.masked[side.end:side.end + 40]
        if _POSSESSED_MEN.match(after):
            return True  # "ISIL's remaining fighters withdrew": the possessor's men act
        if _POSSESSIVE_AFTER.match(after) or _VICTIM_AFTER.match(after):
            return False
        if _RELATIVE_AFTER.match(after):
            return True
        if not _PREPOSITION_BEFORE.search(self.masked, self.low, max(0, side.start - 30), side.start):
            # ("an attack by X and Y took Z": Y is of the by-phrase, as X is)
            listed = self._listed_in(side)
            return listed is None or self._usable_subject(listed)
        # "Over the weekend the army...": the preposition belongs to a date, not to the side.
        return any(side.start - gap in self.date_ends and not self.masked[side.start - gap:side.start].strip(" ,")
                   for gap in range(4))

    def _listed_in(self, side: SideMention) -> SideMention | None:
        """The side of the report ``side`` is listed after, if any (the report's sides, not a sentence's)."""
        at = bisect.bisect_left(self.side_starts, side.start)
        before = self.all_sides[at - 1] if at else None
        if before is not None and before.faction and _LISTED_GAP.fullmatch(self.masked, before.end, side.start):
            return before
        return None

    def _resolve_side(self, view: _SentenceView, side: SideMention,
                      made: list[_Draft] = ()) -> tuple[str | None, str | None]:
        """A side mention's faction; "they", "his group"... resolved to the side they stand for."""
        if side.faction is not None:
            return side.faction, side.unit
        if side.role == "pronoun":
            told = [o for o in view.sides if o.faction and o.end <= side.start]
            if told and _TOLD_GAP.fullmatch(self.masked, told[-1].end, side.start):
                return told[-1].faction, told[-1].unit  # "rebel commanders told reporters they withdrew"
            for other in reversed(told):
                if _SPEECH_VERB.match(self.masked[other.end:side.start]):
                    return other.faction, other.unit
            earlier = [d for d in made if d.trigger.end <= side.start and d.trigger.form not in ("passive", "swap")]
            if earlier:
                return earlier[-1].actor, earlier[-1].unit
            named = [o for o in view.sides if o.faction and o.end <= side.start and o.role == "actor"]
            usable = [o for o in named if self._usable_subject(o) and not self._in_object(view, o)]
            if usable:
                return usable[0].faction, usable[0].unit  # "HTS fighters killed 20 of ISIS while they were..."
            if named and self.running_actor is None:
                return named[-1].faction, named[-1].unit  # the report's first statement: the side just named
            if self.about is not None and not named:
                return self.about
        if side.role == "defender":
            # the defenders of what the side acting just before (in this sentence, else so far) attacks
            earlier = [d for d in made if d.trigger.end <= side.start and d.trigger.form not in ("passive", "swap")]
            attacker = earlier[-1].actor if earlier else self.running_actor[0] if self.running_actor else None
            if attacker is not None:
                return self.enemies.get(attacker) or self.prior_enemy.get(attacker), None
        if side.role == "speaker_group":
            for other in view.sides:
                if other.faction and other.start < side.start and other.role in ("actor", "source") and \
                        _SAID.search(self.masked, other.end, side.start):
                    return other.faction, other.unit
            speaker = self._quoted_speaker(view, side)
            if speaker is not None:
                return speaker.faction, speaker.unit
            if self.voice is None:
                # the side last named as speaking ("The YPG said its fighters ... Our fighters ...")
                at = bisect.bisect_left(self.side_starts, side.start)
                speaking = next((s for s in reversed(self.all_sides[max(0, at - 30):at]) if s.faction
                                 and side.start - s.end < VOICE_CHARS
                                 and _SPEECH_VERB.match(self.masked[s.end:min(side.start, s.end + 60)])), None)
                if speaking is not None:
                    self.voice = (speaking.faction, speaking.unit)
            if self.voice is not None:
                return self.voice  # "Our fighters destroyed two tanks": the party speaking so far
        if self.running_actor:
            return self.running_actor
        return None, None

    def _quoted_speaker(self, view: _SentenceView, side: SideMention) -> SideMention | None:
        """Who says "our forces" in a quotation: the side named as speaker right after the
        closing quote ("..., the military said") or right before the opening one."""
        sentence = view.sentence
        close = _CLOSE_QUOTE.search(self.masked, side.end, sentence.end)
        if close is not None:
            after = next((s for s in view.sides if s.start >= close.end() and s.faction), None)
            if after is not None and after.start - close.end() <= 20 and \
                    _SPEECH_VERB.match(self.masked[after.end:min(sentence.end, after.end + 40)]):
                return after
        opening = self.masked.rfind("“", sentence.start, side.start)
        if opening >= 0:
            before = [s for s in view.sides if s.end <= opening and s.faction]
            if before and _SPOKEN_BEFORE.search(self.masked[before[-1].end:opening]):
                return before[-1]
        return None

    def _actor(self, view: _SentenceView, trigger: Trigger, subject_start: int, object_end: int,
               action: str, made: list[_Draft]) -> tuple[str | None, str | None, str, str | None]:
        """(actor, unit, where it came from, the grammatical subject's side)."""
        found = self._actor_as_told(view, trigger, subject_start, object_end, action, made)
        if found[2] == "running" and action in ("capture", "recapture") and (
                trigger.form == "nominal_of" or trigger.form == "passive" and found[3] is None):
            # "ISIS fighters withdrew. The fall of X ...", "Rebels pulled out of X. Y fell on 9
            # April": told without its agent, it fell to the side the one that withdrew left.
            winner = self._withdrawn_from(made, found[0])
            if winner is not None:
                return winner, None, "running", found[3]
        return found

    def _last_draft(self, made: list[_Draft]) -> _Draft | None:
        return next((d for d in reversed(made or self.drafts) if not d.removed), None)

    def _withdrawn_from(self, made: list[_Draft], side: str | None) -> str | None:
        """The side ``side`` withdrew from in the statement just read, if that is what it told:
        a place falling next, told without its agent, fell to it."""
        last = self._last_draft(made)
        if side is not None and last is not None and last.action == "withdraw" and last.actor == side:
            return last.target
        return None

    def _accused(self, view: _SentenceView, trigger: Trigger) -> SideMention | None:
        """The side a speaker accuses of the trigger's event ("X accused Russian jets of striking
        Y", "Damascus blamed the rebels for an attack on Y", "held the regime responsible for
        the bombing of Y"): it acts, not the accuser."""
        begin = max(view.sentence.start, trigger.start - ACCUSED_CHARS)
        for accusation in _ACCUSATION.finditer(self.masked, begin, trigger.start):
            side = next((s for s in view.sides if s.faction and accusation.end() <= s.start <= accusation.end() + 5), None)
            gap = _ACCUSED_OF.fullmatch(self.masked, side.end, trigger.start) if side is not None else None
            if gap is not None and (not accusation.group("hold") or "responsible" in gap.group(0).lower()):
                return side
        return None

    def _actor_as_told(self, view: _SentenceView, trigger: Trigger, subject_start: int, object_end: int,
                       action: str, made: list[_Draft]) -> tuple[str | None, str | None, str, str | None]:
        accused = self._accused(view, trigger)
        if accused is not None:
            return accused.faction, accused.unit, "subject", accused.faction
        named = self._named_agent(view, trigger, subject_start, object_end, action)
        if named is not None:
            return named
        if trigger.form == "nominal" or trigger.form == "verb" and \
                self.masked[trigger.start:trigger.end].split()[0].lower().endswith("ing"):
            # "after days of shelling by government forces", "attacks by ISIS": the noun's own
            # agent acts, whoever the clause's subject is.
            own = next((s for s in view.sides if s.faction and trigger.end < s.start <= trigger.end + 30
                        and _BY_RIGHT_AFTER.fullmatch(self.masked, trigger.end, s.start)), None)
            if own is not None:
                return own.faction, own.unit, "agent", own.faction
        faction, unit, how = self._subject(view, trigger, subject_start, made)
        if how == "other":
            return None, None, how, None
        if trigger.form == "nominal" and how != "subject":
            agent = self._agent(view, trigger, min(object_end, trigger.end + 40))
            if agent is not None:
                return agent.faction, agent.unit, "agent", agent.faction
        if trigger.form == "passive":
            agent = self._agent(view, trigger, object_end)
            patient = faction if how == "subject" else None
            if patient is None:
                # "the rebel-held town of X fell": the side holding the subject is the one losing it
                patient = next((s.faction for s in view.sides if subject_start <= s.start < trigger.start
                                and s.role == "held" and s.faction), None)
            if agent is not None:
                return agent.faction, agent.unit, "agent" if agent.faction else "other", patient
            national = _NATIONAL_AGENT.match(self.masked, trigger.end, min(object_end + 40, view.sentence.end))
            if national is not None:  # "hit by dozens of Russian air strikes"
                return AIR_NATIONALITY[national.group("nation").lower()], None, "agent", patient
            if "pushed_back" in trigger.flags and faction is not None and how != "running":
                return faction, unit, how, faction
            if action == "repel" and patient is not None:
                # "Multiple army attacks on X (were) repelled": by the army's enemy.
                return self._fallback_target(patient, []) or PRIOR_ENEMY[patient], None, "running", patient
            if action == "withdraw":
                # "Hundreds were evacuated from X": those evacuated withdrew, not whoever acted last.
                if patient is not None:
                    return patient, unit, "subject", patient
                running = (self.running_actor or (None, None))[0]
                named_later = next((side for side in view.sides if side.start >= trigger.end and side.faction
                                    and side.role == "actor" and side.faction != running), None)
                if named_later is not None:
                    return named_later.faction, named_later.unit, "sentence", None
                if running is not None:
                    return self.enemies.get(running) or PRIOR_ENEMY[running], None, "running", None
            running = self.running_actor or (None, None)
            if patient is not None and action in ("capture", "recapture") and running[0] in (None, patient):
                # "ISIS was expelled from X, the SDF said": ISIS lost X to the other side named.
                other = next((side for side in view.sides if side.faction and side.faction != patient
                              and side.role in ("actor", "source")), None)
                if other is not None:
                    return other.faction, other.unit, "sentence", patient
                return self.enemies.get(patient) or PRIOR_ENEMY[patient], None, "running", patient
            if patient is None and action in ("capture", "recapture") and running[0] is not None:
                last = self._last_draft(made)
                if last is not None and last.action in ("capture", "recapture") and last.trigger.form == "passive":
                    return last.actor, last.unit, "running", None  # "A was taken in March, and B fell in April"
            return running[0], running[1], "running", patient
        if trigger.form == "swap":
            obj = next((s for s in view.sides if trigger.start < s.start < object_end and s.role in ("actor", "pronoun")),
                       None)
            if obj is None:
                return None, None, how, faction
            faction_obj, unit_obj = self._resolve_side(view, obj)
            return faction_obj, unit_obj, "object", faction
        return faction, unit, how, faction

    def _headline_factions(self) -> frozenset[str]:
        """The sides the report's headline names (the side it follows)."""
        if self._headline is None:
            title = self._title()
            if title:
                self._headline = frozenset(s.faction for s in find_sides(title, self.factions) if s.faction)
            else:
                # No headline: the side the lead sentence tells acting first (a wire report's lead).
                lead = _LEAD.match(self.masked, _first_line(self.masked))
                first = next((s for s in find_sides(lead.group(0), self.factions) if s.faction and s.role == "actor"),
                             None) if lead else None
                self._headline = frozenset({first.faction}) if first is not None else frozenset()
        return self._headline

    def _named_agent(self, view: _SentenceView, trigger: Trigger, subject_start: int, object_end: int,
                     action: str) -> tuple[str, str | None, str, str] | None:
        """A side the wording ties to the trigger itself: "clashes between X and Y", "the fall
        of P to X", "X air-strikes", "Russian airstrikes"."""
        if action == "clash":
            pair = _BETWEEN_SIDES.match(self.masked, trigger.end)
            first = next((s for s in view.sides if pair and s.faction and 0 <= s.start - pair.start(1) <= 4), None)
            if first is not None:
                # Fighting between two sides has no grammatical agent: the side the report
                # follows (its headline's) acts when it is the second one named.
                second = next((s for s in view.sides if s.faction and s.faction != first.faction and s.start > first.end
                               and _PAIR_AND.fullmatch(self.masked, first.end, s.start)), None)
                if second is not None and second.faction in self._headline_factions() \
                        and first.faction not in self._headline_factions():
                    return second.faction, second.unit, "subject", second.faction
                return first.faction, first.unit, "subject", first.faction
        if trigger.form == "nominal_of":
            owner = next((s for s in view.sides if s.faction and 0 <= trigger.start - s.end <= 3
                          and _POSSESSIVE_AFTER.match(self.masked[s.end:s.end + 3])), None)
            if owner is not None:  # "the army's capture of X"
                return owner.faction, owner.unit, "subject", owner.faction
            agent = next((s for s in view.sides if trigger.end <= s.start < trigger.end + 60 and s.faction
                          and _AGENT_BEFORE.search(self.masked[max(0, s.start - 20):s.start])), None)
            if agent is not None:
                return agent.faction, agent.unit, "agent", agent.faction
        if trigger.form == "nominal":
            adjacent = next((s for s in view.sides if s.faction and s.role in ("actor", "held") and (
                0 <= trigger.start - s.end <= 2 or  # "the army's assault on X"
                _POSSESSIVE_AFTER.match(self.masked[s.end:s.end + 3]) and 3 <= trigger.start - s.end <= 4)), None)
            if adjacent is not None:
                return adjacent.faction, adjacent.unit, "subject", adjacent.faction
        if trigger.form == "nominal" and action in ("airstrike", "attack"):
            # "despite heavy Turkish air strikes", "under Russian bombardment": the nation the noun
            # itself names acts, whoever the clause's subject is.
            nation = _NATION_BEFORE_NOUN.search(self.masked, max(0, trigger.start - 30), trigger.start)
            if nation is not None and not any(s.start <= nation.start("nation") < s.end for s in view.sides):
                faction = AIR_NATIONALITY[nation.group("nation").lower()]
                return faction, None, "subject", faction
        has_subject = any(subject_start <= s.start and s.end <= trigger.start and self._usable_subject(s)
                          for s in view.sides)
        if not has_subject and trigger.form in ("nominal", "verb") and action in ("airstrike", "attack", "clash"):
            # The nearest of the three words before: "Russian air strikes", "coalition have pounded".
            window = max(0, trigger.start - 30)
            words = list(_WORDS_AND_DOTS.finditer(self.masked, window, trigger.start))[-3:]
            # (a word of a side the report has read otherwise stays that side's: "the coalition's
            # fighters" of an alliance of armed groups)
            faction = next((next((s.faction for s in view.sides if s.start <= w.start() < s.end and s.faction),
                                 AIR_NATIONALITY[w.group(0).lower()])
                            for w in reversed(words) if w.group(0).lower() in AIR_NATIONALITY), None)
            if faction is not None:
                return faction, None, "subject", faction
        return None

    def _subject(self, view: _SentenceView, trigger: Trigger, subject_start: int,
                 made: list[_Draft]) -> tuple[str | None, str | None, str]:
        """The grammatical subject's side: the first side named in the clause before the
        trigger, the main clause's for a participle, the antecedent of a relative pronoun,
        else one named earlier in the sentence, a fronted clause's main subject, or the side
        acting so far."""
        participle = self._main_clause_actor(view, trigger, made)
        if participle is not None:
            return participle[0], participle[1], "subject"
        relative = _RELATIVE_BEFORE.search(self.masked, max(view.sentence.start, trigger.start - 40), trigger.start)
        if relative is not None and trigger.form not in ("passive", "swap"):
            # "clashed with Nusra fighters who attacked X": the side the pronoun follows
            antecedent = next((s for s in reversed(view.sides) if s.end <= relative.start() and s.faction
                               and relative.start() - s.end <= 25), None)
            while antecedent is not None and self._listed_in(antecedent) is not None:
                antecedent = self._listed_in(antecedent)  # "Rebels and HTS, who had taken X": the list's first
            if antecedent is not None:
                return antecedent.faction, antecedent.unit, "subject"
        in_subject = [s for s in view.sides if subject_start <= s.start and s.end <= trigger.start
                      and self._usable_subject(s) and not self._in_object(view, s)]
        # The side right before its verb ("..., pro-government forces advanced") is the subject
        # even when another is named earlier in the clause; else the clause's first side.
        # (not the last of a list of sides, "X and Y took Z": the list's first acts, as its leader)
        adjacent = [s for s in in_subject if s.faction and _AUXILIARIES.fullmatch(self.masked, s.end, trigger.start)
                    and not (in_subject[0] is not s and _MEMBER_OF_SUBJECT.search(self.masked, in_subject[0].end, s.start,
                                                                                               self.caseless_low))
                    and not self._listed_after(view, s)]
        in_subject = adjacent[-1:] + in_subject if adjacent else in_subject
        if not in_subject and trigger.form not in ("passive", "swap"):
            # "a counter-attack by X (and Y) won back Z": an event noun is the subject, its agent acts
            by_agent = next((s for s in view.sides if subject_start <= s.start and s.end <= trigger.start and s.faction
                             and any(subject_start <= t.start and t.end < s.start and t.noun is not None
                                     and _BY_RIGHT_AFTER.fullmatch(self.masked, t.end, s.start) for t in view.triggers)), None)
            if by_agent is not None:
                return by_agent.faction, by_agent.unit, "subject"
        if not in_subject:
            shared = self._shared_subject(view, trigger, made)
            if shared is not None:
                return shared[0], shared[1], "subject"
        chosen, how = (in_subject[0], "subject") if in_subject else (self._scan_left(view, trigger), "sentence")
        if chosen is not None and chosen.role == "pronoun":
            chosen = next((s for s in in_subject if s.faction), chosen)
        if chosen is not None and chosen.role == "other":
            return None, None, "other"
        faction, unit = self._resolve_side(view, chosen, made) if chosen is not None else (None, None)
        if faction is not None and chosen.role == "speaker_group":
            self.voice = (faction, unit)
        if faction is not None:
            if chosen.faction and unit is None:
                unit = next((s.unit for s in view.sides if subject_start <= s.start < trigger.start and s.unit
                             and s.faction == faction), None)
            return faction, unit, how
        # A fronted clause without a subject ("Following X, which broke the siege, the
        # Army began...") has the main clause's; else the side acting so far.
        right = next((s for s in view.sides if s.start >= trigger.end and s.faction
                      and _CLAUSE_INITIAL.search(self.masked[max(0, s.start - 8):s.start]) and self._usable_subject(s)
                      and not _UNDERGOING_AFTER.match(self.masked, s.end)), None)
        if right is not None and trigger.form != "passive":
            if chosen is not None and chosen.role == "speaker_group":
                self.voice = (right.faction, right.unit)  # "Our forces took X, the YPG said"
            return right.faction, right.unit, "right"
        running = self.running_actor or (None, None)
        return running[0], running[1], "running"

    def _listed_after(self, view: _SentenceView, side: SideMention) -> SideMention | None:
        """The side ``side`` is listed after ("X and Y", "X, Y and Z"), if it is."""
        before = next((s for s in reversed(view.sides) if s.end <= side.start and s.faction), None)
        if before is not None and _LISTED_GAP.fullmatch(self.masked, before.end, side.start):
            return before
        return None

    def _main_clause_actor(self, view: _SentenceView, trigger: Trigger, made: list[_Draft]) -> tuple[str, str | None] | None:
        """A participle clause (", capturing X") has the subject of the clause it hangs on, and
        so has a clause that tells what an event led to (", which led to seizing X") when no
        side stands right before its "which"."""
        word = self.masked[trigger.start:trigger.end].split()[0].lower()
        participle = word.endswith("ing") and _HANGING_BEFORE.search(self.masked[max(0, trigger.start - 20):trigger.start])
        consequence = _CONSEQUENCE_BEFORE.search(self.masked, max(view.sentence.start, trigger.start - 60), trigger.start,
                                                  self.caseless_low)
        if consequence is not None and any(s.faction and 0 <= consequence.start() - s.end <= 3 for s in view.sides):
            consequence = None  # "the SDF, which went on to take X": the side
        if not participle and consequence is None:
            return None
        main = next((d for d in reversed(made) if d.trigger.form not in ("passive", "swap")), None)
        return (main.actor, main.unit) if main is not None else None

    def _shared_subject(self, view: _SentenceView, trigger: Trigger, made: list[_Draft]) -> tuple[str, str | None] | None:
        """"ISIS broke the siege and managed to reach X": a verb coordinated with the one before,
        with no subject of its own, has that one's."""
        before = next((d for d in reversed(made) if d.trigger.end <= trigger.start), None)
        if before is None or before.trigger.form in ("passive", "swap", "modifier") or before.actor_from == "running":
            return None
        gap = self.masked[before.trigger.end:trigger.start]
        if not _COORDINATED_VERB.search(gap) or any(before.trigger.end <= a < trigger.start for a, _ in view.bounds):
            return None
        return before.actor, before.unit

    def _scan_left(self, view: _SentenceView, trigger: Trigger) -> SideMention | None:
        for side in reversed([s for s in view.sides if s.end <= trigger.start]):
            if side.role == "actor" and side.faction and self._usable_subject(side) and not self._in_object(view, side) \
                    and not any(t < side.start < e for t, e in self.trigger_spans):
                return side
        return None

    def _in_object(self, view: _SentenceView, side: SideMention) -> bool:
        """Whether ``side`` is the direct object of a trigger just before it ("expelling ISIS")."""
        return any(0 <= side.start - end <= 30 and _OBJECT_GAP.fullmatch(self.masked[end:side.start])
                   for end in view.object_starts)

    def _agent(self, view: _SentenceView, trigger: Trigger, object_end: int) -> SideMention | None:
        if "control" in trigger.flags:  # "under government control", "under the control of the SDF"
            return next((s for s in view.sides if trigger.end <= s.start < trigger.end + 40 and s.faction), None)
        for side in view.sides:
            if trigger.end <= side.start < object_end + 40 and (side.faction or side.role == "other") and \
                    _BY_BEFORE.search(self.masked[max(0, side.start - 30):side.start]):
                return side
        return None

    def _object_side(self, view: _SentenceView, trigger: Trigger, object_end: int, exclude: str | None) -> str | None:
        for side in view.sides:
            if trigger.end <= side.start < object_end and side.faction and side.faction != exclude \
                    and side.role in ("actor", "held"):
                return side.faction
        return None

    def _target_in(self, view: _SentenceView, trigger: Trigger, subject_start: int, object_end: int,
                   actor: str, action: str) -> str | None:
        if trigger.form == "passive":
            for side in view.sides:
                if subject_start <= side.start < trigger.start and side.faction and side.faction != actor:
                    return side.faction
        found = self._object_side(view, trigger, object_end, exclude=actor)
        if found is not None:
            return found
        for side in view.sides:
            if side.role == "held" and side.faction != actor:
                return side.faction
        # A side named in a later clause ("..., while the army advanced on Y") is not this one's.
        others = [s for s in view.sides if s.faction and s.faction != actor and s.role in ("actor", "held")
                  and frozenset({s.faction, actor}) not in self.allies and s.start < object_end
                  and not (subject_start <= s.start < trigger.start
                           and _MEMBER_OF_SUBJECT.search(self.masked, subject_start, s.start, self.caseless_low))
                  and not (s.start < subject_start and self._member_before(view, s))
                  # nor one listed with the actor in the subject ("X and Y took A": Y fights beside X)
                  and not (subject_start <= s.start < trigger.start and self._listed_in(s) is not None)
                  # nor a side told as backing the actor ("X, supported by Turkish artillery, seized A")
                  and not (s.start < trigger.start and _SUPPORT_BEFORE.search(
                      self.masked, self.low, max(view.sentence.start, s.start - 60), s.start))]
        if others:
            return min(others, key=lambda s: abs(s.start - trigger.start)).faction
        return None

    def _member_before(self, view: _SentenceView, side: SideMention) -> bool:
        """Whether ``side`` is named as a member of an earlier clause's subject ("X led by Y and
        Z launched..., seizing A": Z fights beside X, it is not whom A is taken from)."""
        member = _MEMBER_OF_SUBJECT.search(self.masked, max(view.sentence.start, side.start - 60), side.start,
                                           self.caseless_low)
        return member is not None and not any(member.start() < t < side.start for t in self.trigger_starts)

    def _fallback_target(self, actor: str, places: list[Chosen], avoid: str | None = None) -> str | None:
        for chosen in places:
            held = self.holders.get(self._key(chosen.ref))
            if held and held[-1] != actor and frozenset({held[-1], actor}) not in self.allies:
                return held[-1]
        enemy = self.enemies.get(actor)
        if enemy and enemy != avoid:
            return enemy
        prior = self.prior_enemy.get(actor)
        here = self.named_in_paragraph.get(self.paragraph, {})
        if prior is not None and prior != avoid and here.get(prior):
            return prior
        # An opponent the paragraph names beats the usual enemy named elsewhere in the report
        # (the rebels attacking a town the SDF defends, in a report also naming the army).
        opponent_here = self._named_opponent(actor, avoid, (here,))
        if opponent_here is not None:
            return opponent_here
        if prior is not None and (self.named_in_report.get(prior) or prior == avoid):
            return prior
        return self._named_opponent(actor, avoid) or self._theatre_opponent(actor, avoid, places) or prior

    def _theatre_opponent(self, actor: str, avoid: str | None, places: list[Chosen]) -> str | None:
        """For a report that names no opponent, whom ``actor`` fought where its place lies
        (data/factions.yaml theatres: the army in Idlib against HTS, in Daraa against rebels),
        rather than its usual enemy of elsewhere (ISIL)."""
        theatres = self.factions.theatres or {}
        for chosen in places:
            for faction in theatres.get((chosen.ref.place.governorate or "").lower(), ()):
                if faction not in (actor, avoid) and frozenset({faction, actor}) not in self.allies \
                        and PRIOR_ENEMY.get(faction) == actor:
                    return faction
        return None

    def _named_opponent(self, actor: str, avoid: str | None, pools: tuple[dict[str, int], ...] | None = None) -> str | None:
        """The opposing side the paragraph, else the report, names most, for a report that
        never names the side's usual enemy (the Army in a Douma report fights Jaish al-Islam,
        not ISIL)."""
        for counts in pools or (self.named_in_paragraph.get(self.paragraph, {}), self.named_in_report):
            ranked = sorted(((n, f) for f, n in counts.items() if f not in (actor, avoid)
                             and frozenset({f, actor}) not in self.allies), reverse=True)
            if ranked:
                return ranked[0][1]
        return None
