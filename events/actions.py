"""Action triggers: the words of a sentence that state a capture, advance, siege...

``find_triggers`` returns ``Trigger``s with the action (events/vocabulary.py ACTIONS) and
the grammatical ``form`` the reader needs to find who did it to whom:

- ``verb``: finite or gerund verb, active ("the Army captured X", "capturing X");
- ``passive``: "X was captured (by Y)";
- ``nominal``: a noun that states an event when a light verb carries it ("launched an
  attack on X", "made gains", "the push made by X"), or on its own for clashes,
  shelling and airstrikes;
- ``nominal_of``: "the capture / fall / siege / encirclement of X";
- ``modifier``: an adjectival participle inside a noun phrase ("the newly captured X",
  "the long besieged town"); it does not end the previous trigger's object;
- ``description``: a participle describing a place ("the liberated X"): no event, and it
  does not end the previous trigger's object;
- ``failed_to``: "A failed to take X (from B)": a repel by the defender;
- ``lost``: "A lost X (to B)": a capture by the other side;
- ``failed_ref``: "the attack failed": a repel of an attack stated before;
- ``swap``: the grammatical object is the side that acts ("pushed back government
  troops", "forced the rebels to pull out", "brought the troops to the edge of X").

Flags: ``again`` (retaken), ``entry`` (pushed into / entered: an advance that got in),
``air`` (hit / struck / targeted: an airstrike only when an air arm is named), ``direct``
(take / enter / secure: only when a place follows directly), ``offensive`` (an
offensive / push / drive: an advance when aimed at a place), ``near`` (came within).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from events.folding import Folded
from lookalikes import Caseless

_PLACE_PREPOSITION_BEFORE = re.compile(r"(?i)(?:in|into|from|at|near|within|across)\s+the\s+$")
_POSSESSIVE_BEFORE = re.compile(r"(?:the|its|their)\s+$", re.I)
_OF_AFTER = re.compile(r"\s+of\s")

_DET = (r"(?:a|an|the|this|these|that|those|its|their|his|her|our|any|every|another|such|no|further|new|"
        r"major|rapid|significant|latest|initial|first|second|final|renewed|recent|large-scale|massive|"
        r"slow-paced|fresh|limited|concentric|sustained|unsuccessful|failed|successful|brief|last)")
_BE = r"(?:was|were|been|being|is|are|be|got|get|gets|remain|remains|remained|remaining)"
_ADVERB = r"(?:\s+(?:fully|completely|reportedly|eventually|finally|quickly|later|also|then|partially|largely|"
_ADVERB += r"successfully|again|once\s+again|effectively|entirely|almost|virtually|now|already|totally|mostly|yet|long|still))*"


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    action: str
    form: str
    flags: frozenset = frozenset()
    noun: str | None = None

    @property
    def cuts_regions(self) -> bool:
        return self.form not in ("modifier", "description")


# What a side defeats when it repels rather than takes ground ("defeated an attack on X").
_REPELLED_THING = (r"\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?|assaults?|offensives?|"
                   r"counter-?attacks?|counter-?offensives?|attempts?|incursions?)\b")


# "beat back / drove back / pushed back an ISIS assault on X": the attack was repelled (the
# subject repelled it), no side's men were pushed out of anywhere.
_PUSHED_BACK_ATTACK = re.compile(r"^\s*(?:an?\s+|the\s+|its\s+|their\s+|his\s+)?(?:[\w'’-]+\s+){0,3}?(?:attacks?|assaults?|"
                                 r"offensives?|counter-?attacks?|counter-?offensives?|attempts?|incursions?|pushe?s?|"
                                 r"advances?|onslaughts?|raids?|thrusts?|infiltrations?|waves?)(?![\w-])", re.I)




def _p(pattern: str) -> Folded:
    return Folded(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


# (pattern, action, form hint, flags); the first pattern to claim a span keeps it.
_TABLE: list[tuple[Folded, str, str, frozenset]] = [
    (_p(r"fail(?:ed|s|ing)?\s+to\s+(?:\w+\s+)?(?:captur\w*|take|took|taking|push|pushing|break|breaking|advance|"
        r"recaptur\w*|retake|storm|seize|dislodge|penetrate|overrun|enter|reach|breach|hold|make\s+(?:any\s+)?"
        r"(?:gains|progress|headway))"), "repel", "failed_to", frozenset()),
    (_p(r"(?:attacks?|assaults?|offensives?|advances?|push|attempts?|counter-?attacks?|counter-?offensives?|"
        r"operations?|raids?|incursions?)(?:\s+[\w'-]+){0,3}?\s+(?:has\s+|had\s+|have\s+|ultimately\s+|eventually\s+|"
        r"quickly\s+|soon\s+)*(?:failed|stalled|foundered|was\s+thwarted|were\s+thwarted|was\s+foiled|were\s+foiled)"),
     "repel", "failed_ref", frozenset()),
    (_p(r"(?:break|broke|broken|breaking|breaks|lift|lifted|lifting|lifts|end|ended|ending|ends|relieve[ds]?|"
        r"relieving)\s+(?:[\w'’-]+\s+){0,3}?(?:siege|blockade|encirclement|cordon)(?![\w-])|(?:relieve[ds]?|relieving|reach(?:ed|es|ing)?|(?:open|opened|opening|opens|reopen(?:ed|ing|s)?)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?(?:corridor|route|road|path|supply\s+line)\s+(?:to|into|towards)|(?:broke|break|breaks|breaking|got|get|gets|getting|fought|fighting|punched|punching)\s+(?:(?:their|its)\s+way\s+)?through\s+to|link(?:ed|s|ing)?\s+up\s+with|(?:linked|connected|joined)\s+(?:up\s+)?with|arriv(?:ed|es|ing|e)\s+(?:at|in))\s+(?:the\s+)?(?:long[\s-]+)?"
        r"(?:besieged|encircled|surrounded)(?=\s+(?:[\w-]+\s+)?(?:garrison|troops|forces|defenders|soldiers|city|town|"
        r"airbase|air\s+base|base|airport|districts?|neighbou?rhoods?|enclave|pocket)\b)"), "siege_lifted", "verb",
     frozenset()),
    (_p(r"siege\s+(?:[\w'’-]+\s+){0,4}?(?:broken|lifted|ended|relieved)"), "siege_lifted", "passive", frozenset()),
    (_p(r"(?:newly|recently|just|freshly)[\s-]+(?:captured|liberated|seized|taken|cleared)"), "capture", "modifier",
     frozenset({"newly"})),
    (_p(r"(?:newly|recently)[\s-]+(?:recaptured|retaken|regained)"), "recapture", "modifier", frozenset({"newly"})),
    (_p(r"(?:long[\s-]+)?(?:encircled|surrounded|isolated)(?=\s+(?:city|town|pocket|garrison|enclave|village|"
        r"district|neighbou?rhoods?|area|positions|troops|forces|defenders|stronghold)\b)"),
     "encircle", "modifier", frozenset()),
    (_p(r"(?:long[\s-]+)?besieged(?=\s+(?:city|town|pocket|garrison|enclave|village|district|neighbou?rhoods?|area|"
        r"positions|troops|forces|defenders|airbase|air\s+base|stronghold)\b)"), "siege", "modifier", frozenset()),
    (_p(r"(?:capture|fall|liberation|seizure|storming|takeover)\s+of|clearance\s+of(?!\s+(?:the\s+)?(?:[\w-]+\s+)?(?:mines|"
        r"rubble|debris|explosives|ieds|booby[\s-]traps|unexploded|ordnance|roads?|bodies)\b)"), "capture", "nominal_of", frozenset()),
    (_p(r"recapture\s+of"), "recapture", "nominal_of", frozenset()),
    # "the army's entry into X": an advance that got in.
    (_p(r"(?:entry|entrance|incursion|push|breakthrough)\s+into"), "advance", "nominal_of", frozenset({"entry"})),
    # "Tabqa's capture by the SDF": the place owns the noun, the agent follows.
    (_p(r"(?<=['’]s\s)(?:capture|fall|liberation|seizure|takeover|loss)(?!\s+of)(?=\s+(?:by|to|at\s+the\s+hands\s+of)\s)"),
     "capture", "passive", frozenset()),
    (_p(r"(?:encirclement|surrounding|isolation)\s+of"), "encircle", "nominal_of", frozenset()),
    (_p(r"siege\s+(?:of|on)"), "siege", "nominal_of", frozenset()),
    (_p(r"(?:laid|lay|lays|laying|impos\w+|establish\w*|tighten\w*|maintain\w*|restor\w+|reimpos\w+)\s+(?:a\s+|the\s+)?siege|"
        r"under(?:\s+(?:a|an))?(?:\s+(?:full|complete|total|tight|strict|suffocating|crippling|harsh|long|years-long|"
        r"months-long|\w+-year|\w+-month))*(?=\s+(?:(?:government|regime|army|rebel|opposition|ISIS|ISIL|IS|Daesh|SDF|"
        r"Kurdish|HTS|Nusra|jihadist)\s+)?siege\b)"),
     "siege", "verb", frozenset()),
    (_p(r"besieg(?:e|es|ed|ing)|blockad(?:e|es|ed|ing)"), "siege", "verb", frozenset()),
    (_p(r"(?:recaptur(?:e|es|ed|ing)|re-captur(?:e|es|ed|ing)|retook|retake|retakes|retaken|retaking|"
        r"regain(?:ed|s|ing)?(?:\s+control\s+(?:of|over))?|re-?enter(?:ed|ing|s)?|(?:took|taken|take|takes|taking)\s+back|"
        r"won\s+back|win\s+back|reclaim(?:ed|s|ing)?|reconquer(?:ed|s|ing)?|re-(?:took|take|takes|taken|taking)|reoccup(?:ied|ies|y|ying)|re-occup(?:ied|ies|y|ying)|"
        r"(?:seiz(?:ed|es|ing|e)|wrest(?:ed|s|ing)?|grabb(?:ed|ing))\s+back|"
        r"(?:re-?establish(?:ed|es|ing)?|reassert(?:ed|s|ing)?|reimpos(?:ed|es|ing|e))\s+(?:full\s+|complete\s+|total\s+)?"
        r"(?:its\s+|their\s+)?control\s+(?:of|over))"), "recapture", "verb", frozenset({"again"})),
    # The same verbs split by their object: "won the town back", "took the hill back from ISIS".
    (_p(r"(?:took|take|takes|taken|taking|won|win|wins|winning|seiz(?:ed|es|ing|e)|grabb(?:ed|ing))"
        r"(?=\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){1,3}?back(?![\w-])(?!\s+(?:to|into|home|with)\b))"),
     "recapture", "verb", frozenset({"again", "direct"})),
    (_p(r"(?:took|take|takes|taken|taking|gain(?:ed|s|ing)?|won|win|wins|winning|wrest(?:ed|ing)?|assum(?:ed|ing)|seiz(?:ed|ing)|"
        r"impos(?:ed|ing|es|e)|establish(?:ed|ing|es)?|extend(?:ed|ing|s)?|(?:complet|consolidat)(?:ed|ing|es|e)(?:\s+(?:its|their))?)\s+"
        r"(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)|extend(?:ed|ing|s)?\s+(?:its|their)\s+control\s+(?:to|over)"),
     "capture", "verb", frozenset()),
    (_p(r"restor(?:e|es|ed|ing)\s+(?:full\s+|complete\s+|total\s+)?(?:security\s+and\s+stability|stability\s+and\s+security|stability|security|control)"
        r"(?=\s+(?:to|in|over)\s)"), "capture", "verb", frozenset()),
    (_p(r"expand(?:ed|ing|s)?\s+(?:its|their|the)\s+(?:control|grip)"), "advance", "verb", frozenset()),
    (_p(r"captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|liberat(?:e|es|ed|ing)|over-?r(?:an|un|uns|unning)|wrest(?:ed|ing|s)?|"
        r"conquer(?:ed|ing|s)?|expel(?:led|s|ling)?|oust(?:ed|ing|s)?|rout(?:ed|ing|s)?|dislodg(?:e|ed|es|ing)|"
        r"evict(?:ed|ing|s)?|mop(?:ped|ping|s)?\s+up|defeat(?:ed|ing)(?!" + _REPELLED_THING + r")"), "capture", "verb", frozenset()),
    # "beat back an ISIS assault", "threw back repeated counter-attacks": what is pushed back is
    # an attack, the subject its defender.
    (_p(r"(?:pushed|push|pushes|pushing|drove|drive|drives|driving|driven|beat|beats|beating|beaten|threw|throw|throws|"
        r"throwing|thrown|turned|turn|turns|turning|fought|fight|fights|fighting|hurled|hurl)\s+back(?=" + _REPELLED_THING + r")"),
     "repel", "verb", frozenset()),
    (_p(r"(?:pushed|push|pushes|pushing|drove|driven|beat|beaten|beating|pinned|pin|pins|pinning)\s+(?:[\w'-]+\s+){0,3}?back|"
        r"(?:driven|forced|kicked|thrown|chased)\s+out"), "withdraw", "swap", frozenset({"pushed_back"})),
    # "negotiated the surrender of X": a deal that hands X over (deals are captures).
    (_p(r"(?:negotiat|broker|arrang|obtain|accept)ed\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?surrenders?(?=\s+of\s)"), "capture", "verb",
     frozenset()),
    # "the town was lost to ISIS": ISIS took it (before "lost": the passive claims the words)
    (_p(r"(?:is|are|was|were|been|being)\s+(?:(?:quickly|soon|later|then|briefly)\s+)?lost\s+to"), "capture", "swap",
     frozenset()),
    # "the loss / handover / surrender of X (to Y)": ground told as a noun, handed to the side
    # named after it (a name must follow: "the loss of 20 soldiers" hands nothing over).
    (_p(r"(?:loss|handover|hand-over|handing\s+over|surrender)\s+of"), "capture", "lost", frozenset({"noun_of"})),
    # Deals told by the side giving the place up: "the rebels in X agreed to reconcile / to hand
    # over their weapons / to evacuate", "accepted a settlement deal", "joined the reconciliation";
    # and the deal itself done: "a surrender agreement for X was implemented".
    # (the deed done, in the past: "will agree", "an ultimatum to agree" give nothing up yet; the
    # deal's date may stand between the verb and what was agreed)
    (_p(r"(?:agreed|accepted|signed)(?=(?:\s+on\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s+(?:to\s+(?:either\s+)?(?:reconcile|settle|"
        r"surrender|evacuate|hand\s+over|lay\s+down|leave|withdraw|depart)|(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:reconciliation|settlement|surrender|evacuation)\s+(?:deal|agreement|accord|terms|offer|plan))\b)|"
        r"joined\s+(?:the\s+)?(?:[\w-]+\s+)?(?:reconciliation|settlement)|"
        r"(?:reconciliation|settlement|surrender|evacuation|local)\s+(?:deal|agreement|accord)(?=[^.;]{0,80}?\s(?:(?:was|were|had\s+been|"
        r"has\s+been|have\s+been)\s+(?:fully\s+)?(?:implemented|completed|carried\s+out|finali[sz]ed)|(?:took|takes|taking)\s+effect))"),
     "capture", "lost", frozenset({"deal"})),
    # "handed X over to Y", "gave X up": the verb split by its object.
    (_p(r"(?:hand(?:ed|s|ing)?|turn(?:ed|s|ing)?)(?=\s+(?:[\w'’-]+\s+){1,4}?over\s+to\s)|"
        r"(?:gave|give|gives|giving)(?=\s+(?:[\w'’-]+\s+){1,4}?up\s+to\s)"), "capture", "lost", frozenset()),
    (_p(r"lost|lose|loses|losing|hand(?:ed|s|ing)?\s+over|surrender(?:ed|s|ing)?|ced(?:ed|es|ing|e)|(?:gave|give|gives|giving)\s+up"), "capture", "lost",
     frozenset({"direct"})),
    (_p(r"ambush(?:ed|ing)"), "attack", "verb", frozenset()),
    (_p(r"(?:pushed|push|pushes|pushing|kicked|chased|flushed)(?=\s+(?:[\w'-]+\s+){0,4}?out\s+of\b)"), "capture", "verb",
     frozenset()),
    (_p(r"(?:drove|driven|drive|drives|driving)(?=\s+(?:[\w'-]+\s+){0,4}?(?:out|from|away)\b)"), "capture", "verb",
     frozenset()),
    (_p(r"(?:fell|fallen|falls|falling)\s+(?:(?:in)?to\s+(?:the\s+)?hands\s+of|to)|"
        r"(?:is|are|was|were)\s+(?:now\s+)?in\s+the\s+hands\s+of|"
        # "the town was handed over to the army": the side it goes to takes it
        r"(?:is|are|was|were|been)\s+handed\s+(?:back\s+)?(?:over\s+)?to"), "capture", "swap", frozenset()),
    # "the town fell on Tuesday": a capture told of the place (a passive needs its place before).
    (_p(r"(?:fell|fallen|falls)(?=\s*(?:[,.;]|$|on\s|in\s|after\s|late\s|early\s|overnight|yesterday|today|last\s|this\s|"
        r"shortly\s|days?\s|weeks?\s|completely|entirely|quickly|without\s+(?:a\s+)?(?:fight|battle|resistance)|"
        r"within\s+(?:hours|days|a\s+day|a\s+week)|amid\s|following\s))"), "capture", "passive", frozenset()),
    # "are now in full control of X": the subject holds X (told as news, a capture).
    (_p(r"(?:is|are|was|were)\s+(?:(?:now|back|once\s+again|again|firmly)\s+)*in\s+(?:full\s+|complete\s+|total\s+)?"
        r"control\s+of"), "capture", "verb", frozenset()),
    (_p(r"(?:came|come|comes|coming|fell|fallen|is|was|were|are|been|now|brought|"
        r"(?:reported|said|believed|thought|confirmed|understood|known)\s+to\s+be)\s+(?:now\s+|fully\s+|completely\s+|"
        r"entirely\s+|firmly\s+|back\s+|again\s+|once\s+again\s+|finally\s+)*under(?=\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?"
        r"(?:[\w'’-]+\s+){0,3}?(?:control|authority|rule|sovereignty)\b)"), "capture", "passive", frozenset({"control"})),
    # A place told as passing into a side's hands: "passed into the hands of X", "was back in rebel
    # hands", "fell into their hands" (a side's possession, as "under X's control" is; "remained in
    # rebel hands" tells no change).
    (_p(r"(?:is|are|was|were|fell|fallen|falls|pass(?:ed|es|ing)|came|come|comes|return(?:ed|s|ing)|slipp(?:ed|ing)|"
        r"went|gone)\s+(?:(?:now|back|firmly|once\s+again|again|entirely|fully|finally)\s+)*(?:in|into|to)"
        r"(?=\s+(?:the\s+)?(?:hands\s+of\s|(?:[\w'’-]+\s+){1,3}?hands\b))"), "capture", "passive", frozenset({"control"})),
    # "declared X free of terrorists", "X was declared secure": a capture announced.
    (_p(r"declar(?:ed|es|ing)\s+(?:fully\s+|completely\s+)?(?:free|clear|cleared|secure|secured|liberated)|"
        r"(?:declar|announc|claim|proclaim)(?:ed|es|ing)\s+(?:(?:total|full|complete|final)\s+)?victory(?=\s+(?:in|over|at)\s)|"
        r"declar(?:ed|es|ing)(?=\s+[^,.;]{2,40}?\s+(?:fully\s+|completely\s+)?(?:free|clear|cleared|secure|secured|liberated)\b)"),
     "capture", "verb", frozenset()),
    # "brought X under (its) control"
    (_p(r"(?:brought|bring|brings|bringing)(?=\s+[^,.;]{2,40}?\s+under\s+(?:its\s+|their\s+|the\s+)?(?:full\s+|complete\s+)?"
        r"(?:[\w'’-]+\s+)?control\b)"), "capture", "verb", frozenset()),
    # "returned to government control"
    (_p(r"return(?:ed|s|ing)?\s+to(?=\s+(?:the\s+)?(?:full\s+|complete\s+)?(?:[\w'’-]+\s+){0,3}?control\b)"),
     "capture", "passive", frozenset({"control"})),
    # "gained a foothold in X", "established positions inside X": ground got into
    (_p(r"(?:gain(?:ed|s|ing)?|establish(?:ed|es|ing)?|secur(?:ed|es|ing))\s+(?:a\s+)?(?:foothold|positions|presence)"
        r"(?=\s+(?:in|inside|within|on)\s)"), "advance", "verb", frozenset({"entry"})),
    # Hoisting one's flag over a place is the usual way a capture is announced.
    (_p(r"(?:rais|hoist|plant)(?:ed|ing|es|s|e)?\s+(?:the\s+|their\s+|its\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?flags?"
        r"(?=\s+(?:(?:over|above|on|atop|in)\s|there\b))"), "capture", "verb", frozenset()),
    # "the black flag flew over X": the flag's side (data/factions.yaml) took it.
    (_p(r"(?:(?<=flag\s)|(?<=flags\s))(?:(?:was|were|had\s+been)\s+(?:raised|hoisted|planted)|"
        r"(?:(?:is|are|was|were)\s+(?:now\s+)?)?(?:flew|flies|flown|flying|fluttered|fluttering|went\s+up))"
        r"(?=\s+(?:over|above|atop)\s)"), "capture", "verb", frozenset()),
    (_p(r"enter(?:ed|ing|s)?|penetrat(?:ed|es|ing|e)|storm(?:ed|s|ing)?\s+into|(?:broke|break|breaks|breaking)\s+into|breach(?:ed|es|ing)?(?!\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
        r"(?:[\w-]+\s+)?(?:ceasefire|cease-fire|truce|agreement|deal|accord|de-?escalation|terms|sovereignty|airspace)\b)"),
     "advance", "verb", frozenset({"direct", "entry"})),
    # State media: "cleansed X of terrorists", "purged X of the militants".
    (_p(r"(?:cleans(?:ed|ing|es|e)|purg(?:ed|ing|es|e)|rid(?:ded|ding|s)?|clear(?:ed|ing|s)?)(?=[\"”’']?\s+[^,.;]{2,60}?\s+of\s+"
        r"(?:the\s+|all\s+)?(?:[\w-]+\s+)?(?:terrorists?|militants?|gunmen|rebels|insurgents|jihadists|mercenaries|extremists|"
        r"ISIS|ISIL|IS|Daesh|Nusra|remnants|militias?)\b)"), "capture", "verb", frozenset()),
    # "recovered X", "freed X from ISIS": ground only when a place follows (not bodies, weapons,
    # hostages or prisoners).
    (_p(r"recover(?:ed|ing|s)(?!\s+(?:from\s|(?:[\w'’-]+\s+){0,3}?(?:bod(?:y|ies)|remains|weapons|arms|ammunition|"
        r"vehicles?|tanks?|equipment|hostages|prisoners|soldiers|pilots?|wounded|documents|drones?)\b))"),
     "recapture", "verb", frozenset({"again", "direct"})),
    (_p(r"(?:freed|freeing)(?!\s+(?:[\w'’-]+\s+){0,3}?(?:hostages|prisoners|detainees|captives|abductees|civilians|soldiers|"
        r"people|women|children|men|residents|families|pilots?|journalists?|workers|kidnapped)\b)"),
     "capture", "verb", frozenset({"direct"})),
    (_p(r"took|take|takes|taken|taking|secur(?:e|ed|ing|es)|clear(?:ed|ing)|occup(?:ied|ying)|"
        r"claim(?:ed|ing|s)?(?=\s+(?:the\s+)?(?:towns?|city|villages?|district|area|base|airbase|hills?)\s+of\s)"),
     "capture", "verb", frozenset({"direct"})),
    (_p(r"forc(?:ed|ing|es|e)\s+(?:[\w'-]+\s+){1,4}?to\s+(?:retreat|withdraw|pull\s+(?:back|out)|fall\s+back|flee|"
        r"evacuate|abandon)"), "withdraw", "swap", frozenset()),
    (_p(r"defeat(?:ed|ing|s)?(?=" + _REPELLED_THING + r")|repel(?:led|s|ling)?|repuls(?:e|ed|es|ing)|fought\s+off|fight(?:s|ing)?\s+off|beat\s+off|thwart(?:ed|s|ing)?|"
        r"foil(?:ed|s|ing)?|(?:held|hold|holds|holding)\s+off|"
        r"(?:ward|fend)(?:ed|ing|s)?\s+off|stav(?:ed|es|ing|e)\s+off|withst(?:ood|and|ands|anding)(?=" + _REPELLED_THING + r")|"
        r"(?:(?:held|hold|holds|holding)\s+(?:their|its|the)\s+ground|(?:stood|stand|stands|standing)\s+firm)"
        r"(?=\s+against" + _REPELLED_THING + r")|(?:resist|crush|smash)(?:ed|ing|es|s)?(?=" + _REPELLED_THING + r")"),
     "repel", "verb", frozenset()),
    (_p(r"withdr(?:ew|aw|awn|aws|awing)|retreat(?:ed|s|ing)|pull(?:ed|s|ing)?\s+(?:out|back)|"
        r"(?:fell|fall|falls|falling)\s+back|abandon(?:ed|s|ing)|evacuat(?:ed|es|ing)"), "withdraw", "verb", frozenset()),
    (_p(r"left|leave|leaves|leaving|fled|flee|flees|fleeing|vacat(?:ed|es|ing|e)|depart(?:ed|s|ing)?"), "withdraw", "verb", frozenset({"direct"})),
    # State media's words for a withdrawal: forces "redeployed / repositioned / regrouped" from,
    # outside or to (new) positions or lines elsewhere (not "regrouped in X", which holds X, nor
    # "redeploying to the east of X for an offensive").
    (_p(r"(?:re-?deploy(?:ed|ing|s)?|re-?position(?:ed|ing|s)?|regroup(?:ed|ing|s)?)"
        r"(?=[\"”’']?\s+(?:(?:its|their)\s+(?:forces|troops|units|fighters|men)\s+)?(?:from|outside|away|back|"
        r"(?:to|towards|into)\s+(?:(?:the\s+)?(?:new|other|rear|defensive|fortified|safer|second|prepared)\s+)?"
        r"(?:positions|lines)\s))"),
     "withdraw", "verb", frozenset()),
    (_p(r"(?:push(?:ed|es|ing)?|thrust|edg(?:ed|es|ing)|inch(?:ed|es|ing)|march(?:ed|es|ing)|press(?:ed|es|ing)|"
        r"(?:drew|draw|draws|drawing|crept|creep|creeping))(?=\s+(?:on\s+)?(?:towards?|into|deeper|forward|further|onto|"
        r"on\s+to|within|through|closer|nearer|north|south|east|west|[a-z]+wards?|to\s+(?:the\s+)?(?:edges?|outskirts|gates|"
        r"doorstep|fringes|perimeter|entrances?|walls|vicinity))\b)"), "advance", "verb", frozenset({"push"})),
    (_p(r"(?:came|come|comes|coming|moved|moving|got|getting|advanced|pushed)\s+(?:to\s+)?within"), "advance", "verb",
     frozenset({"near"})),
    # A side's men told as being at a place's edge ("its fighters were on the outskirts of X"): an advance
    # (men, not a building: "the hospital is on the outskirts of X" is none).
    (_p(r"(?:(?<=fighters\s)|(?<=troops\s)|(?<=forces\s)|(?<=units\s)|(?<=soldiers\s)|(?<=men\s)|(?<=they\s)|"
        r"(?<=militants\s)|(?<=rebels\s)|(?<=army\s)|(?<=militias\s)|(?<=jihadists\s)|(?<=gunmen\s)|(?<=columns\s)|"
        r"(?<=insurgents\s))(?:is|are|was|were)(?=\s+(?:now\s+|already\s+)?(?:on|at|in)\s+the\s+"
        r"(?:(?:northern|southern|eastern|western)\s+)?"
        r"(?:edges?|outskirts|gates|doorstep|fringes|entrances?)\s+of\s)"), "advance", "verb", frozenset()),
    (_p(r"(?:press(?:ed|es|ing)?)\s+on|gain(?:ed|ing|s)?\s+ground|clos(?:ed|ing|es)\s+(?:in\s+)?on|"
        r"converg(?:ed|ing|es?)\s+(?:up)?on|(?:broke|broken|break|breaks|breaking)\s+through|"
        r"(?:made|make|makes|making|achiev(?:ed|es|ing))\s+(?:[\w-]+\s+){0,2}?(?:gains|advances|progress|headway|inroads|breakthroughs?)|"
        r"(?:moved|moving|moves)\s+(?:on\s+to|on|towards?|into|closer)|progress(?:ed|ing)|"
        r"(?:swept|rolled)\s+(?:through|into|across)"), "advance", "verb", frozenset()),
    # "reached a deal with the army", "under the agreement reached with Russia": talks, no move.
    (_p(r"advanc(?:ed|ing)|(?<!agreement\s)(?<!deal\s)(?<!accord\s)(?<!truce\s)(?<!ceasefire\s)"
        r"reach(?:ed|es|ing)?(?!\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:agreements?|deals?|accords?|"
        r"understandings?|cease-?fires?|truces?|consensus|compromises?|arrangements?|conclusions?|decisions?)(?![\w-]))"
        r"|approach(?:ed|ing)|crossed|crossing(?=\s+(?:the|into|over)\b)"),
     "advance", "verb", frozenset()),
    (_p(r"(?:brought|bring|brings|bringing)(?=\s+(?:[\w'’-]+\s+){1,5}?(?:to|within|close\s+to|closer\s+to)\s)"),
     "advance", "swap", frozenset({"near"})),
    (_p(r"encircl(?:e|es|ed|ing)|surround(?:ed|s|ing)?|cut(?:s|ting)?\s+off|isolat(?:e|es|ed|ing)|cornered|trapped|(?:seal|cordon)(?:ed|ing|s)?\s+off|"
        r"(?:complet\w+|clos\w+)\s+the\s+encirclement|(?:tighten(?:ed|ing|s)?|clos(?:ed|ing|es))\s+(?:the|its|their|a)\s+"
        r"(?:noose|cordon|encirclement|ring|circle|pincers?)\s+(?:around|on)"), "encircle", "verb", frozenset()),
    # "split the enclave into two pockets around A and B", "cut the rebel-held area in two": the
    # parts are cut off from each other (an encirclement of the places the pockets are around).
    # (the places must follow: what was split is no place of its own)
    (_p(r"(?:split|splitting|splits|divid(?:ed|ing|es|e)|cut|cutting|cuts|carv(?:ed|ing|es|e))\s+(?:[\w'’-]+\s+){1,5}?"
        r"(?:(?:in|into)\s+(?:two|three|four|several|separate|isolated|multiple|smaller)\s+(?:[\w-]+\s+)?(?:pockets|parts|halves|"
        r"sections|enclaves|zones|areas|segments)|in\s+(?:two|half))"), "encircle", "verb", frozenset({"direct"})),
    (_p(r"air[\s-]?strikes?|air[\s-]?raids?|aerial\s+(?:bombardment|bombing|attacks?|strikes?)|air\s+attacks?|"
        r"sorties"), "airstrike", "nominal_free", frozenset()),
    # Monitors' "a raid by warplanes on X": an air raid, its arm named after it.
    (_p(r"raids?(?=\s+by\s+(?:[\w'’-]+\s+){0,2}?(?:warplanes|jets|aircraft|planes|helicopters|drones|aviation)\b)"),
     "airstrike", "nominal_free", frozenset()),
    # Bombing is an airstrike when an air arm is named, else (an army's bombardment) an attack.
    (_p(r"bomb(?:ed|ing|ings)|bombard(?:ed|ing|ment|ments|s)?"), "attack", "nominal_free", frozenset({"air"})),
    # "X was the target of repeated ISIS attacks": the side named in the attack is the agent.
    (_p(r"(?:is|are|was|were|been|became|become|becomes)\s+(?:the\s+|a\s+)?(?:(?:main|latest|repeated|frequent|new)\s+)?targets?"
        r"\s+of(?=\s+(?:[\w'’-]+\s+){0,4}?(?:air\s*strikes|air\s+raids|raids|strikes|shelling|bombardment|bombing|attacks?|"
        r"assaults?|rockets|missiles|fire)\b)"), "attack", "passive", frozenset({"air", "control"})),
    (_p(r"hit|hits|hitting|struck|strike|strikes|striking|pounded|pounding|pound|(?<!\d\s)(?<!Syrian\s)pounds|targeted|targeting|target|targets|"
        r"destroyed|destroying|hammer(?:ed|ing|s)?(?!\s+out)|pummel(?:l?ed|l?ing|s)?|blast(?:ed|ing)|strafe(?:d|s)?|strafing|"
        r"(?:dropp(?:ed|ing)|drops?|rain(?:ed|ing|s)?)\s+(?:[\w-]+\s+){0,4}?(?:bombs|barrels|munitions|missiles|rockets)"),
     "attack", "verb", frozenset({"air"})),
    # "X came under (heavy) fire / attack / shelling by Y": Y attacked X (with no agent the
    # attacker is not known: the side last named is as often the one attacked).
    (_p(r"(?:came|come|comes|coming)\s+under\s+(?:(?:heavy|intense|fierce|renewed|sustained|repeated|constant|"
        r"continuous|daily|sporadic|an?)\s+)*(?:[\w'’-]+\s+){0,2}?(?:fire|attacks?|shelling|bombardment|assaults?|bombing|"
        r"rocket\s+fire|mortar\s+fire)(?=\s+(?:by|from)\s)"), "attack", "passive", frozenset({"air", "control"})),
    # "X came under heavy government shelling": the side named in the attack is the agent.
    (_p(r"(?:came|come|comes|coming)\s+under(?=\s+(?:(?:heavy|intense|fierce|renewed|sustained|repeated|constant|continuous|"
        r"daily|sporadic|an?)\s+)*(?:government|regime|army|rebel|opposition|ISIS|ISIL|IS|Daesh|SDF|YPG|Kurdish|coalition|HTS|"
        r"Nusra|jihadist)\s+(?:[\w-]+\s+)?(?:fire|attacks?|shelling|bombardment|assaults?|bombing|air\s*strikes|air\s+raids|"
        r"rocket\s+fire|mortar\s+fire)\b)"), "attack", "passive", frozenset({"air", "control"})),
    # "subjected X to heavy shelling / air strikes": X was attacked by the subject.
    (_p(r"subject(?:ed|ing|s)(?=\s+[^,.;]{2,40}?\s+to\s+(?:[\w-]+\s+){0,3}?(?:fire|shelling|bombardment|bombing|"
        r"air[\s-]?strikes|air[\s-]?raids|attacks?|barrages?|strikes)\b)"), "attack", "verb", frozenset({"air"})),
    # State media and ministries: "killed / eliminated / neutralised dozens of terrorists in X",
    # "inflicted heavy losses on": a fight at X (an airstrike when an air arm is named).
    (_p(r"(?:killed|killing|eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|liquidat(?:ed|ing))(?=\s+(?:(?:a\s+number|dozens|scores|"
        r"hundreds|tens|several|many|more\s+than\s+\d+|\d+|a\s+group|groups)\s+(?:of\s+)?)?(?:the\s+)?(?:[\w-]+\s+)?"
        r"(?:terrorists|militants|jihadists|insurgents|gunmen|mercenaries|militiamen)\b)|"
        r"inflict(?:ed|ing|s)?\s+heavy\s+(?:losses|casualties)\s+(?:on|upon)|"
        r"pursu(?:ed|ing|es)(?=\s+(?:[\w'’-]+\s+){0,3}?(?:terrorists|militants|jihadists|insurgents|gunmen|mercenaries|"
        r"remnants)\b)"), "attack", "verb", frozenset({"air"})),
    (_p(r"link(?:ed|s|ing)?\s+up|link-?ups?|met\s+up|meet(?:s|ing)?\s+up|join(?:ed|s|ing)?\s+up|"
        r"(?:linked|connected)\s+(?:up\s+)?with"), "linkup", "verb", frozenset()),
    # ("fighting alongside the FSA": allies; "the rebels who had fought there": who they are)
    (_p(r"clash(?:es|ed|ing)?|(?<!infantry\s)fighting(?!\s+(?:vehicles?|positions|season|forces?|men|age|units|"
        r"capabilit\w*|strength|spirit|chance|fit|alongside))|(?<!\swho\s)(?<!\swho\shad\s)fought(?!\s+alongside)|battl(?:ed|ing|es)|skirmish(?:es|ed|ing)?|firefights?|"
        r"(?:exchang|trad)(?:ed|ing)\s+(?:heavy\s+|artillery\s+|mortar\s+)?fire|exchanges\s+of\s+fire|confrontations|gun[\s-]?fights?|engag(?:ed|ing)\s+(?:in\s+)?(?:battles?|fighting|clashes|combat)"),
     "clash", "nominal_free", frozenset()),
    # Rounds as the subject of where they landed: "government rockets slammed into X", "shells
    # rained down on X".
    (_p(r"(?:(?<=rockets\s)|(?<=shells\s)|(?<=missiles\s)|(?<=mortars\s)|(?<=rounds\s)|(?<=bombs\s)|"
        r"(?<=projectiles\s)|(?<=barrels\s))(?:(?:have|had|has)\s+)?(?:slamm(?:ed|ing)|crash(?:ed|ing)|land(?:ed|ing)|"
        r"rain(?:ed|ing)(?:\s+down)?|fell|exploded|smash(?:ed|ing)|tore)(?=\s+(?:on|in|into|onto|upon|across|over|near|around)\s)"),
     "attack", "verb", frozenset({"air"})),
    # The bare verb after "to" ("managed to storm X", "used the fog to attack X"); whether it was
    # done or only meant is the infinitive's reading (events/clauses.py).
    (_p(r"(?<=\sto\s)(?:storm|attack|assault|raid|shell|fight)"), "attack", "verb", frozenset()),
    (_p(r"(?<=\sto\s)advance"), "advance", "verb", frozenset()),
    # Monitors' "managed to (advance and) control the village of X": took it.
    (_p(r"(?:(?<=\sto\s)|(?<=\sand\s))control(?=\s+(?:the\s+)?(?:villages?|towns?|city|hills?|hilltops?|areas?|"
        r"neighbou?rhoods?|districts?|farms|points|positions)\s+(?:of\s|in\s|near\s|around\s))"), "capture", "verb", frozenset()),
    (_p(r"storm(?:ed|s|ing)|shell(?:ed|ing|s)?|(?:counter-?)?attack(?:ed|ing)|(?:counter-?)?assault(?:ed|ing)|raid(?:ed|ing)|"
        r"infiltrat(?:ed|es|ing)|mortar(?:ed|ing)|rocket(?:ed|ing)|invad(?:ed|es|ing)|"
        r"(?:open(?:ed|s|ing)?\s+fire|fired)\s+(?:on|at|upon)(?!\s+(?:the\s+)?(?:[\w-]+\s+)?(?:protesters|demonstrators|crowds?|mourners|"
        r"civilians|worshippers|funerals?|marchers)\b)|"
        r"detonat(?:ed|es|ing)\s+(?:[\w-]+\s+){0,3}?(?:car[\s-]bombs?|bombs?|s?vbieds?|ieds?|explosives?|(?:suicide\s+)?vests?|"
        r"belts?|trucks?|vehicles?)|"
        r"(?:fired|firing|fire|fires|launch(?:ed|es|ing)?|lobb(?:ed|ing))\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|shells?|mortars?|artillery|projectiles?)"),
     "attack", "verb", frozenset()),
    # Nouns and bare verb forms, read as verbs only after a side ("ISIS attacks X") and as
    # events only with a light verb otherwise (see ``_noun_or_verb``).
    # "operations" carried by a light verb ("resumed their field operations around X") are an
    # attack; combing, demining or rescue operations are not fighting.
    # "warplanes carried out 20 raids on X": a raid is an air raid when an air arm is named.
    (_p(r"raids?"), "attack", "noun", frozenset({"air"})),
    (_p(r"attacks?|assaults?|counter-?attacks?|incursions?|operation|onslaught|ambush(?:es)?|"
        r"(?<!combing\s)(?<!demining\s)(?<!clearing\s)(?<!mopping-up\s)(?<!search\s)(?<!rescue\s)(?<!sweeping\s)"
        r"(?<!humanitarian\s)(?<!evacuation\s)(?<!security\s)operations"), "attack", "noun", frozenset()),
    (_p(r"offensives?|counter-?offensives?|push|drive|thrust"), "attack", "noun", frozenset({"offensive"})),
    (_p(r"advances?"), "advance", "noun", frozenset()),
    # "kept up artillery fire on X", "mortar fire on X killed ...": fire told as a noun
    (_p(r"(?:artillery|mortar|rocket|tank|missile|heavy[\s-]weapons?)\s+fire"), "attack", "noun", frozenset()),
    (_p(r"withdrawals?|retreat|pull-?outs?"), "withdraw", "noun", frozenset()),
]

# The first four letters of the words each pattern can start with: only patterns whose
# head occurs at a word of the sentence are tried there (the table is long, reports are not).
_HEADS = [
    "fail",
    "atta assa offe adva push atte coun oper raid incu",
    "brea brok lift end ende endi ends reli reac got get gets gett foug figh punc link conn join arri open reop",
    "sieg",
    "newl rece just fres",
    "newl rece",
    "long enci surr isol",
    "long besi",
    "capt fall libe seiz stor take clea",
    "reca",
    "entr incu push brea",
    "capt fall libe seiz take loss",
    "enci surr isol",
    "sieg",
    "laid lay lays layi impo esta tigh main unde rest reim",
    "besi bloc",
    "reca re-c reto reta rega reen re-e took take taki won win recl reoc re-o seiz wres grab rees re-e reas reim reco re-t",
    "took take taki won win wins winn seiz grab",
    "took take taki gain won win wins winn wres assu seiz impo esta exte comp cons",
    "rest",
    "expa",
    "capt seiz libe over wres conq expe oust rout disl evic mop mopp mops defe",
    "push drov driv beat thre thro turn foug figh hurl",
    "push drov driv beat pinn pin pins forc kick thro chas",
    "nego brok arra obta acce",
    "is are was were been bein",
    "loss hand hand surr",
    "agre acce sign join reco sett surr evac loca",
    "hand turn gave give givi",
    "lost lose losi hand surr cede cedi gave give givi",
    "ambu",
    "push kick chas flus",
    "drov driv",
    "fell fall is are was were",
    "fell fall",
    "is are was were",
    "came come comi fell fall is was were are been now brou repo said beli thou conf unde know",
    "is are was were fell fall pass came come retu slip went gone",
    "decl anno clai proc",
    "brou brin",
    "retu",
    "gain esta secu",
    "rais hois plan",
    "was were had is are flew flie flow flyi flut went",
    "ente pene stor brok brea",
    "clea purg rid ridd rids",
    "reco",
    "free",
    "took take taki secu clea occu clai",
    "forc",
    "defe repe repu foug figh beat thwa foil held hold ward fend stav resi crus smas with stoo stan",
    "with retr pull fell fall aban evac",
    "left leav fled flee vaca depa",
    "rede re-d repo re-p regr",
    "push thru edge edgi inch marc pres drew draw crep cree",
    "came come comi move movi got gett adva push",
    "is are was were",
    "pres gain clos conv brok brea made make maki move movi prog swep roll achi",
    "adva reac appr cros",
    "brou brin",
    "enci surr cut cuts cutt isol corn trap comp clos tigh seal cord",
    "spli divi cut cuts cutt carv",
    "air airs air- aeri sort",
    "raid",
    "bomb",
    "is are was were been beca",
    "hit hits hitt stru stri poun targ dest hamm pumm blas drop drops rain stra",
    "came come comi",
    "came come comi",
    "subj",
    "kill elim neut liqu infl purs",
    "link met meet join conn",
    "clas figh foug batt skir fire exch trad enga heav conf gunf gun",
    "have had has slam cras land rain fell expl smas tore",
    "stor atta assa raid shel figh",
    "adva",
    "cont",
    "stor shel atta assa coun raid fire firi infi laun lobb mort rock open deto inva",
    "raid",
    "atta assa coun incu oper onsl ambu",
    "offe coun push driv thru",
    "adva",
    "arti mort rock tank miss heav",
    "with retr pull",
]
assert len(_HEADS) == len(_TABLE)
_BY_HEAD: dict[str, list[int]] = {}
for _index, _heads in enumerate(_HEADS):
    for _head in _heads.split():
        _BY_HEAD.setdefault(_head, []).append(_index)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

_LIGHT_BEFORE = Caseless(
    r"(?<![\w-])(?:launch(?:ed|es|ing)?|start(?:ed|ing|s)?|beg(?:an|in|un|ins|inning)|initiat(?:ed|es|ing|e)|"
    r"mount(?:ed|ing|s)?|conduct(?:ed|ing|s)?|carr(?:ied|ying|y|ies)\s+out|stag(?:ed|ing|e|es)|employ(?:ed|ing|s)?|"
    r"sustain(?:ed|ing|s)?|step(?:ped|ping|s)?\s+up|continu(?:ed|ing|es|e)|renew(?:ed|ing|s)?|resum(?:ed|ing|es|e)|"
    r"open(?:ed|ing|s)?|unleash(?:ed|ing|es)?|undert(?:ook|ake|aken|aking)|made|make|makes|making|led|lead|leading|"
    r"spearhead(?:ed|ing|s)?|intensif(?:ied|ying|y)|repeated|executed|perform(?:ed|ing)|"
    r"press(?:ed|es|ing)(?:\s+(?:on|ahead)\s+with)?|press\s+(?:on|ahead)\s+with|push(?:ed|es|ing)?\s+(?:on|ahead)\s+with|kept\s+up|keep(?:s|ing)?\s+up|"
    r"escalat(?:ed|es|ing|e)|expand(?:ed|s|ing)?|complet(?:ed|es|ing|e)|finish(?:ed|es|ing)|"
    r"(?:commencement|start|launch|beginning|launching)\s+of|responsibility(?:\s+[\w-]+){0,3}?\s+for)"
    r"(?:\s+(?:[\w'’-]+)){0,4}\s*$",
    re.I,
)
_EVACUATE_AFTER = re.compile(r"[^.;]{0,30}?\sto\s+evacuate", re.I)
_POSSESSED_AFTER = re.compile(r"\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\s")
_THROWN_BACK_AFTER = re.compile(r"[^.;!?]*?(?<![\w-])(?:(?:driven|pushed|forced|kicked|thrown|beaten|chased)\s+(?:back|out)|"
                                r"repell?ed|repulsed|expelled)(?![\w-])", re.I)
_NOMINAL_END = re.compile(r"(?:lifting|breaking|end|ending|relieving)\s+of\s", re.I)
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|safe\s+and|more|most|less|least|very|fully|relatively|is|are|was|were|remains?|"
                              r"remained|seems?|looks?|deemed|considered|kept)\s+(?:now\s+|still\s+)?$", re.I)
_APPOSED_BEFORE = re.compile(r",\s*$")
# What is lost in a passive is a place right before the verb ("X was lost", "the town had been
# lost"), not contact, lives or track of something "in X".
_LOST_PLACE_BEFORE = re.compile(r"(?:^|(?P<prev>[\w'’-]+)\s+|[^\w\s]\s*)(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|"
                                r"(?i:the)\s+(?i:town|city|village|base|airbase|airport|district|hill|area|neighbou?rhood|"
                                r"stronghold|quarter|suburb|camp|crossing|dam))\s+(?:(?:had|has|have)\s+)?(?:been|was|were|is|are)"
                                + _ADVERB + r"\s*$")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "of", "near", "from", "with", "to", "inside", "around", "outside"})
# "suffered / admitted / confirmed the loss of X": the loser is the subject (a taker may go unnamed).
_LOSS_OWNED_BEFORE = re.compile(r"(?<![\w-])(?:suffer|admit|acknowledg|confirm|conced|announc|regrett|mourn|deni|deny)\w*\s+"
                                r"(?:the\s+|its\s+|their\s+)?$", re.I)
_TO_SIDE_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}?to\s", re.I)
# "the ISIS withdrawal from X": a withdrawal told with the place it left is an event without a
# light verb to carry it ...
_LEFT_FROM_AFTER = re.compile(r"\s+from\s", re.I)
# ... by its owner ("ISIS's retreat", "the army's pull-out", "the SDF withdrawal"), not a demand for one.
_OWNER_BEFORE = re.compile(r"(?:['’]s?|(?<![\w-])(?:its|their|ISIS|ISIL|IS|SDF|YPG|HTS|FSA|SAA|army|regime|rebel|Turkish|Russian|US|"
                           r"American|Kurdish|jihadist|militant|government|opposition))\s+$", re.I)
_DEMANDED_BEFORE = re.compile(r"(?<![\w-])(?:demand\w*|call\w*\s+for|urg\w*|refus\w*|reject\w*|want\w*|seek\w*|sought|"
                              r"insist\w*|negotiat\w*|agree\w*|plan\w*|order\w*|announc\w*)\s", re.I)
_SINCE_START_BEFORE = re.compile(r"(?<![\w-])since\s+(?:the\s+)?(?:commencement|start|launch|beginning|outbreak)\s+of"
                                 r"(?:\s+[\w'’-]+){0,4}\s*$", re.I)
# "thwarted an ISIS attack", "repelled ISIS attacks": the noun is the object of a verb before it.
_OBJECT_OF_BEFORE = re.compile(r"(?<![\w-])(?:thwart\w*|foil\w*|repel\w*|repuls\w*|halt\w*|stop\w*|block\w*|"
                               r"claimed|against|of|on|after|during|in|by)\s+(?:the\s+|an?\s+)?[\w'’-]+\s*$", re.I)
_LIGHT_AFTER = re.compile(
    r"^\s+(?:(?:[\w-]+\s+){0,2}?(?:made|launched|conducted|carried\s+out|mounted|staged)\s+by|"
    r"(?:has\s+|have\s+|had\s+)?(?:continued|resumed|intensified|began|started|were\s+launched|was\s+launched|"
    r"left|killed|wounded|injured)|(?:launched|mounted|staged|begun|started)\s+(?:on|in|last|earlier|this)\b|"
    r"(?:[^,.;:()]{0,50}?\s)?(?:is|are|was|were)\s+(?:now\s+|still\s+)?(?:continuing|underway|under\s+way|ongoing|"
    r"in\s+progress|progressing|proceeding|gaining)|"
    # "the army's assault on X began / killed ...": the noun and its aim, then what it did
    r"(?:on|against|towards?|near|around|of|by|to\s+(?:capture|take|retake|recapture|seize|storm|liberate|encircle|besiege|clear))"
    r"\s[^,.;:()]{0,50}?\s(?:has\s+|have\s+|had\s+)?(?:continued|resumed|intensified|"
    r"began|begun|started|killed|wounded|left|got\s+under\s*way|kicked\s+off|(?:was|were)\s+launched|"
    r"gathered\s+pace|gained\s+(?:pace|momentum)|picked\s+up|accelerated))\b",
    re.I,
)
_VERB_SUBJECT_BEFORE = re.compile(r"(?:forces|troops|units|fighters|militants|militias|rebels|they|jihadists|"
                                  r"soldiers|army|Army|SAA|ISIS|ISIL|IS|SDF|FSA|HTS|YPG)\s*$")
_REPELLED_BEFORE = re.compile(r"(?<![\w-])(?:repell?(?:ed|ing|s)?|repuls(?:ed|ing|es|e)|thwart(?:ed|ing|s)?|foil(?:ed|ing|s)?|"
                              r"crush(?:ed|ing|es)?|(?:fought|fend(?:ed)?|ward(?:ed)?|beat|held)\s+off|"
                              r"(?:push(?:ed|ing)?|dr(?:ove|iven|ive|iving)|beat(?:en|ing)?|thr(?:ew|own|ow|owing)|turn(?:ed|ing)?|"
                              r"fought|hurl(?:ed|ing)?)\s+back)\s+"
                              r"(?:(?:an?|the|its|their|several|multiple|repeated)\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_DETERMINER_BEFORE = re.compile(r"(?<![\w-])" + _DET + r"\s+(?:[\w-]+\s+){0,2}$", re.I)
_PASSIVE_BEFORE = Caseless(r"(?<![\w-])" + _BE + _ADVERB + r"\s*$", re.I)
_SURROUNDING_ADJECTIVE = re.compile(r"\s+(?:countryside|area|areas|villages|towns|hills|desert|region|terrain|"
                                    r"neighbou?rhoods?|farmland|farms|positions)\b", re.I)
_NOUN_NEXT = re.compile(r"\s+(?:from|on|in|against|at|near|by|of|for|continued|resumed|were|was|have|has|had|"
                        r"and|or|that|which)\b", re.I)
# "the rapidly advancing troops" (an adjective between), not "the SDF advancing quickly".
_ING_MODIFIER_BEFORE = re.compile(r"(?:(?<![\w-])(?i:the|a|an|its|their|his|her)\s+(?:[a-z][\w-]*\s+)?|"
                                  r"(?<![\w-])(?i:forces|troops|units|columns|convoys?|fighters|terrorists|militants|jihadists|"
                                  r"gunmen|insurgents|mercenaries|remnants)\s+)$")
_TRANSITIVE = frozenset({"capture", "recapture", "encircle", "siege", "repel"})
_SUPPORTING_BEFORE = re.compile(r"(?<![\w-])(?:backed|supported|covered|aided|assisted|helped)\s+by\s+[^,;()]{0,50}$|"
                                r"(?<![\w-])with\s+(?:the\s+)?(?:support|backing|help|cover)\s+of\s+[^,;()]{0,50}$", re.I)
_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:a|an)\s+(?:[\w-]+\s+){0,1}$", re.I)
_SPELL_BEFORE = re.compile(r"(?<![\w-])(?:after|following|despite|amid|since)\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+)?"
                           r"(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+few|few)\s+)?"
                           r"(?:and\s+a\s+half\s+)?(?:days|weeks|months|years|hours)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)
# "left the town after heavy battles": how the news came about, not a fight of its own;
# "Monday's clashes": a fight told before, named by its day. Fighting "amid" or "despite"
# which something happens goes on at the time: it stays news.
_AFTER_FIGHT_BEFORE = re.compile(r"(?:(?<![\w-])(?:after|following)\s+(?:[“\"]?[a-z-]+\s+){0,2}[“\"]?|"
                                 r"(?:day|night|yesterday|week|weekend)['’]s\s+)$", re.I)
# What is handed over, surrendered, ceded or given up is ground when a name follows.
_HANDED_PLACE = re.compile(r"\s+(?:(?:full\s+)?control\s+(?:of|over)\s+)?(?:the\s+(?:town|city|village|district|base|airbase|"
                           r"airport|area|hill|neighbou?rhood)s?\s+of\s+)?(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
                           r"August|September|October|November|December|ISIS|ISIL|IS|Daesh|SDF|YPG|HTS|FSA|Nusra)\b)[A-Z]")
# "tried to storm X, but the attack was repulsed": the attempt answered in the same sentence is
# a repel by the defender, as "failed to take X" is ("... but were repelled by the Guard" names
# the defender in a passive of its own, which reads it).
_ATTEMPT_BEFORE = re.compile(r"(?<![\w-])(?:tried|try|tries|trying|attempt(?:ed|s|ing)?|sought|seeking|seeks)\s+to\s+"
                             r"(?:[\w-]+\s+)?$", re.I)
_ANSWERED_AFTER = re.compile(r"[^.;!?]{0,160}?(?:(?:,\s*|\s)but\s+[^.;!?]{0,60}?|\s(?:was|were|had\s+been|have\s+been|has\s+been)\s+"
                             r"(?:[\w-]+\s+)?)(?<![\w-])(?:repell?ed|repulsed|foiled|thwarted|"
                             r"beaten\s+back|pushed\s+back|driven\s+back|failed|halted|stopped)(?![\w-])(?!\s+by\s)", re.I)
_LOST_BEFORE_RELATIVE = re.compile(r"(?<![\w-])(?:positions|areas|ground|territory|territories|villages|towns|points|"
                                   r"sites|neighbou?rhoods|districts|hills)\s+(?:that\s+|which\s+)?(?:they|it|we|the\s+\w+)\s+"
                                   r"(?:had\s+|have\s+|has\s+)?(?:earlier\s+|previously\s+|recently\s+)?$", re.I)
# "regained ground lost near X", "retook the villages that had been lost to ISIS": the ground a
# recapture verb (any of its family) took back, described by its earlier loss.
_REGAINED_GROUND_BEFORE = re.compile(r"(?<![\w-])(?:regain|recover|retak|retook|recaptur|reclaim|won\s+back|wins?\s+back|"
                                     r"winning\s+back|took\s+back|takes?\s+back|taking\s+back)\w*\s+"
                                     r"(?:(?:all|most|some|much|many|several|the|of|its|their|his|\w+ly|\d+)\s+){0,3}"
                                     r"(?:positions|areas|ground|territory|territories|villages|towns|points|sites|"
                                     r"neighbou?rhoods|districts|hills|parts|land|posts|checkpoints)\s+"
                                     r"(?:(?:that|which)\s+(?:had\s+been|were|was|have\s+been|has\s+been)\s+)?"
                                     r"(?:earlier\s+|previously\s+|recently\s+)?$", re.I)
_SIDE_NOUN_BEFORE = re.compile(r"(?<![\w-])(?:militants|fighters|troops|soldiers|forces|rebels|jihadists|gunmen|"
                               r"insurgents|terrorists|garrison|defenders|units|men)\s+$", re.I)
_LOCATED_AFTER = re.compile(r"\s+(?:in|inside|at|near|around)\s", re.I)
_PEOPLE_BEFORE = re.compile(r"(?<![\w-])(?:people|civilians|residents|inhabitants|families|children|women|villagers|"
                            r"patients|workers|refugees)\s+(?:(?:who\s+)?(?:are|were|remain|remained|have\s+been|had\s+been|"
                            r"being|still)\s+)*$", re.I)
_DESCRIBED_BEFORE = re.compile(r"(?<![\w-])(?:the|its|their|his|her|a|an|this|these|those)\s+$", re.I)
_LEFT_CASUALTIES = re.compile(r"[^,.;]{0,50}?\b(?:dead|killed|wounded|injured|casualties|homeless|behind)\b", re.I)
# "leaves X (entirely) in the hands of Y / under Y's control / in Y's hands": a holder told, no one left.
_LEFT_HELD = re.compile(r"[^,.;]{0,60}?(?<![\w-])(?:in\s+the\s+hands\s+of|in\s+(?:[\w'’-]+\s+){1,3}?hands|"
                        r"under\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:control|rule|grip)|(?:solely|entirely|fully)\s+"
                        r"(?:held|controlled)\s+by)\b", re.I)
_OTHERS_EVACUATED = re.compile(r"\s+(?:the\s+|some\s+|hundreds\s+of\s+|thousands\s+of\s+|dozens\s+of\s+|\d[\d,]*\s+)?"
                               r"(?:[\w-]+\s+)?(?:civilians|residents|families|wounded|injured|sick|patients|children|"
                               r"women|people|inhabitants|villagers|staff|workers|detainees|prisoners|hostages)\b", re.I)
# "the advance left X (, ...,) cut off": X is encircled, no one withdrew (not "left X after it was
# surrounded", a state told in a clause of its own).
_LEFT_ISOLATED = re.compile(r"(?:(?!(?<![\w-])(?:after|before|when|as|because|since|following|while|until|once|was|"
                            r"were|is|are|had|has|have|been)\s)[^.;]){0,140}?(?<![\w-])(?:cut\s+off|isolated|encircled|"
                            r"besieged|surrounded|trapped|stranded)\b", re.I)
_PLACED_AFTER = re.compile(r"\s+(?:in|around|near|on|against|at|inside|along|outside|(?:north|south|east|west)\w*\s+of|"
                           r"to\s+(?:clear|capture|take|retake|recapture|seize|storm|liberate|expel|drive|encircle|besiege))\s",
                           re.I)
# (a time told first: "X, captured on Friday by the SDF, ...")
# (and the sides it was done from: "X, surrounded on three sides by Y")
_NO_OBJECT_AFTER = re.compile(r"[^\S\n]*(?:(?:on|in|from|during|late|early|earlier|last|overnight|yesterday)"
                              r"(?:\s+(?:[A-Z][a-z]+|\d[\d,]*(?:st|nd|rd|th)?|the|of|on|in|early|late|morning|night|evening|"
                              r"weekend|week|month|year|hours|all|two|three|four|several|sides|fronts|directions))*\s+)?"
                              r"(?:[.;,)]|$|\n|by\s)")
# Verbs whose object is the side that leaves ("expelled ISIS from X").
_EXPEL = re.compile(r"(?i:expelled|ousted|evicted|dislodged|driven\s+out|kicked\s+out|flushed\s+out|chased\s+out)")
_FROM_AFTER = re.compile(r"\s+(?:completely\s+|fully\s+)?(?:from|of)\s", re.I)
# Verbs that are nouns too ("the capture"), when no "of" follows (that is nominal_of).
_NOUN_TOO = frozenset({"capture", "captures", "recapture", "recaptures"})
_THE_BEFORE = re.compile(r"(?<![\w-])(?:the|this|that|its|their)\s+$", re.I)
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ught|ook|ost|ut|un|an|eft)$", re.I)


def find_triggers(text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[Trigger]:
    """Action triggers in ``text[start:end]`` (offsets into ``text``), in order.

    Where matches of several patterns overlap, the pattern earlier in the table wins.
    """
    end = len(text) if end is None else end
    candidates: list[tuple[int, re.Match]] = []
    for word in _WORD.finditer(text, start, end):
        for index in _BY_HEAD.get(word.group(0)[:4].lower(), ()):
            match = _TABLE[index][0].match(text, low, word.start(), end)
            if match:
                candidates.append((index, match))
    candidates.sort(key=lambda item: (item[0], item[1].start()))
    taken: list[tuple[int, int]] = []
    found: list[Trigger] = []
    for index, match in candidates:
        a, b = match.span()
        if any(a < y and x < b for x, y in taken):
            continue
        _, action, form, flags = _TABLE[index]
        trigger = _classify(text, start, a, b, action, form, flags)
        if trigger is None:
            continue
        taken.append((a, b))
        found.append(trigger)
    found.sort(key=lambda t: t.start)
    return found


def _classify(text: str, floor: int, a: int, b: int, action: str, form: str, flags: frozenset) -> Trigger | None:
    word = text[a:b]
    before = text[max(floor, a - 60):a]
    after = text[b:b + 60]
    if action in ("clash", "attack", "airstrike", "siege") and _SPELL_BEFORE.search(before) or \
            action == "clash" and _AFTER_FIGHT_BEFORE.search(before):
        # "after weeks of fierce fighting": how the news came about, told as background.
        return Trigger(a, b, action, "reference", flags)
    if form == "noun" or (word.lower() in ("push", "thrust") and _DETERMINER_BEFORE.search(before)):
        return _noun_or_verb(word, before, after, a, b, "attack", flags | {"offensive"}) if form != "noun" \
            else _noun_or_verb(word, before, after, a, b, action, flags)
    if action == "encircle" and form == "nominal_of" and _PLACE_PREPOSITION_BEFORE.search(
                                                                   before):
        return None  # "fled in the surrounding of the village": its surroundings, no siege
    if action == "encircle" and word.lower() == "surrounding" and (
            _SURROUNDING_ADJECTIVE.match(after) or _POSSESSIVE_BEFORE.search(before)):
        return None
    if form == "nominal_free":
        if _SUPPORTING_BEFORE.search(before):
            # "X, supported by coalition airstrikes, took Y": the strikes are part of X's
            # description; they neither end X's clause nor are X's action.
            return Trigger(a, b, action, "modifier", flags)
        return Trigger(a, b, action, "nominal", flags)
    if action == "encircle" and word.lower() == "trapped" and _PEOPLE_BEFORE.search(before):
        return None  # "400,000 people were trapped there": civilians caught, no encirclement told
    if action == "siege" and word.lower().startswith("under") and (_PASSIVE_BEFORE.search(before) or
                                                                   _APPOSED_BEFORE.search(before)):
        # "X was (still) under a government siege", "X, under siege by Y since 2013, ...": the
        # place is the patient, the side after (by) the agent.
        return Trigger(a, b, action, "passive", flags | {"control"})
    if action in ("siege", "encircle") and form in ("modifier", "verb") and _INDEFINITE_BEFORE.search(before):
        # "Qabun, a besieged district": a description of the place, not news.
        return Trigger(a, b, action, "reference", flags)
    if form == "verb" and word.lower().endswith("ing") and " " not in word and _ING_MODIFIER_BEFORE.search(before):
        if _DETERMINER_BEFORE.search(before) and _OF_AFTER.match(after):
            # "intensified their shelling of X": a gerund as a noun, an event with a light verb
            return _noun_or_verb(word, before, after, a, b, action, flags)
        # "the advancing troops", "forces advancing along X": a description, not a new event.
        return Trigger(a, b, action, "reference", flags)
    if form == "verb" and action in ("attack", "advance", "capture", "recapture") and _ATTEMPT_BEFORE.search(before) \
            and _ANSWERED_AFTER.match(text, b, min(len(text), b + 240)):
        # (the span takes in "tried to": the attempt is the trigger, not an aim of it)
        return Trigger(a - len(before) + _ATTEMPT_BEFORE.search(before).start(), b, "repel", "failed_to", flags)
    if form == "verb" and action in ("siege", "encircle") and word.lower().endswith("ed") and " " not in word \
            and _SIDE_NOUN_BEFORE.search(before) and _LOCATED_AFTER.match(after):
        # "ISIS militants besieged in X surrendered": the men were besieged (a reduced passive)
        return Trigger(a, b, action, "passive", flags)
    if form == "verb" and action in _TRANSITIVE and word.lower().endswith(("ed", "en", "un")) and _NO_OBJECT_AFTER.match(after):
        # "... and the pocket completely encircled.": a transitive verb with no object is passive.
        return Trigger(a, b, action, "passive", flags)
    if action == "siege_lifted" and _NOMINAL_END.match(word):
        # "the lifting of the siege of X (by Y)": the end told as a noun, its agent after "by"
        return Trigger(a, b, action, "nominal_of", flags)
    if word.lower() == "secure" and (_DETERMINER_BEFORE.search(before) or _ADJECTIVE_BEFORE.search(before)):
        return None  # "a secure line to X", "the road is now secure": the adjective, no capture
    if "pushed_back" in flags and form == "swap" and word.lower().endswith("back") and (
            _PUSHED_BACK_ATTACK.match(after) or _PUSHED_BACK_ATTACK.match(word.split(None, 1)[-1][:-4])):
        return Trigger(a, b, "repel", "verb", flags - {"pushed_back"})
    if action == "attack" and form == "verb" and word.lower() == "stormed" and _HANDED_PLACE.match(after) and \
            not _POSSESSED_AFTER.match(after) and not _THROWN_BACK_AFTER.match(text, b, min(len(text), b + 160)):
        # "stormed X": a named place stormed is told as taken ("stormed army posts in X" or "X's
        # museum" is an attack, and so is one the stormers were driven out of again)
        return Trigger(a, b, "capture", form, flags)
    if form == "lost" and (_LOST_BEFORE_RELATIVE.search(before) or _REGAINED_GROUND_BEFORE.search(before)):
        # "regained positions they had lost near X": the ground the main verb took, named again
        return Trigger(a, b, action, "reference", flags)
    if "deal" in flags:
        # (those the deal evacuates are the side's men, not civilians taken out of the place)
        evacuate = _EVACUATE_AFTER.match(after)
        return None if evacuate and _OTHERS_EVACUATED.match(after, evacuate.end()) else Trigger(a, b, action, form, flags)
    if form == "lost" and (not word.lower().startswith("los") or "noun_of" in flags) and not _HANDED_PLACE.match(after):
        return None  # "gave up their weapons", "surrendered to the army", "the loss of 20 men": no ground handed over
    lost_place = _LOST_PLACE_BEFORE.search(before) if form == "lost" and word.lower() == "lost" else None
    if lost_place is not None and (lost_place.group("prev") or "").lower() not in _PLACE_PREPOSITIONS:
        # "X had been lost (after fighting with Y)": the place's passive; the other side took it
        return Trigger(a, b, action, "passive", flags)
    if "noun_of" in flags and not _TO_SIDE_AFTER.match(text, b, min(len(text), b + 80)) and \
            not _LOSS_OWNED_BEFORE.search(before):
        # "the loss of X is a blow": a loss named, its taker and time told elsewhere
        return Trigger(a, b, action, "reference", flags)
    if action == "withdraw" and word.lower() in ("left", "leave", "leaves", "leaving") and \
            _LEFT_ISOLATED.match(text, b, min(len(text), b + 160)):
        return Trigger(a, b, "encircle", form, flags)  # "the advance left X (...) cut off": X encircled
    if action == "withdraw" and word.lower() in ("left", "leave", "leaves", "leaving") and _LEFT_CASUALTIES.match(after):
        return None  # "the assault left 15 fighters dead": casualties, no withdrawal
    if action == "withdraw" and word.lower() in ("left", "leave", "leaves", "leaving") and _LEFT_HELD.match(after):
        return None  # "the fall of X leaves the province in ISIS hands": who holds it, told again
    if action == "withdraw" and word.lower().startswith("evacuat") and _OTHERS_EVACUATED.match(after):
        return None  # "began evacuating civilians from X": others taken out, the side stays
    if word.lower() in ("shell", "shells") and _DETERMINER_BEFORE.search(before):
        return None  # "a shell from an airstrike": the noun, no attack of its own
    if form == "verb" and _EXPEL.fullmatch(word) and _FROM_AFTER.match(after):
        # "ISIL expelled from X" (a headline's passive): the side named before left X.
        return Trigger(a, b, action, "passive", flags)
    if form == "verb" and action in ("capture", "recapture") and word.lower().endswith("ed") and " " not in word \
            and _DESCRIBED_BEFORE.search(before):
        # "an attack on positions in the liberated al-Barid neighbourhood": a description of the place
        return Trigger(a, b, action, "description", flags)
    if form == "verb" and word.lower() in _NOUN_TOO and _THE_BEFORE.search(before):
        # "The capture crowns ...": the noun names an event told before; no new one.
        return Trigger(a, b, action, "reference", flags)
    if form in ("verb", "swap") and _PASSIVE_BEFORE.search(before):
        last = word.split()[0]
        if _PARTICIPLE.search(last) or last.lower() in ("hit", "cut", "struck", "beaten", "taken", "retaken"):
            return Trigger(a, b, action, "passive", flags)
    return Trigger(a, b, action, form, flags)


def _noun_or_verb(word: str, before: str, after: str, a: int, b: int, action: str, flags: frozenset) -> Trigger | None:
    noun = word.lower().rstrip("s") if not word.lower().endswith("ss") else word.lower()
    if word.lower() == "operations" and not _PLACED_AFTER.match(after):
        # "continued its operations to link up with...": activity in general, not a fight at a place
        return Trigger(a, b, action, "reference", flags, noun)
    if _VERB_SUBJECT_BEFORE.search(before) and not _DETERMINER_BEFORE.search(before) \
            and not _NOUN_NEXT.match(after) and not _OBJECT_OF_BEFORE.search(before):
        return Trigger(a, b, "advance" if action == "advance" else ("advance" if "offensive" in flags else action),
                       "verb", flags, noun)
    if _SINCE_START_BEFORE.search(before):
        # "since the commencement of the X offensive on 9 May": the date of what follows
        return Trigger(a, b, action, "reference", flags, noun)
    if _REPELLED_BEFORE.search(before):
        # "repelled an attack launched by ISIS on X": the attack is what the repel answers,
        # told with it, not an event of its own.
        return Trigger(a, b, action, "reference", flags, noun)
    if _LIGHT_BEFORE.search(before) or _LIGHT_AFTER.match(after) or action == "withdraw" and _LEFT_FROM_AFTER.match(after) \
            and _OWNER_BEFORE.search(before) and not _DEMANDED_BEFORE.search(before):
        return Trigger(a, b, action, "nominal", flags, noun)
    # A bare noun ("these advances", "its offensive") refers to something told elsewhere;
    # it still ends the clause of the trigger before it.
    return Trigger(a, b, action, "reference", flags, noun)
