"""Reading a report into events: who did what, where, when, and how sure the text is.

The reader walks the sentences in order and keeps what a human reader keeps in mind:
the running date (what "three days later" counts from), the running actor (who "the
Army", "they" or a passive "the town was taken" refer to), each side's current enemy,
who holds which place, and the places just named (what "the city" stands for).

For each action trigger (events/actions.py) it reads, inside the trigger's clause:
- the actor: the first side named before the trigger (not after "with", "against",
  "of"...), the agent of a passive ("by X"), the object of a swap form ("pushed back X");
- the target: a different side named after the trigger, a side's "X-held", the holder of
  the place, else the actor's running enemy (the actor's and the target's rules: events/sides.py);
- the places: events/placing.py, one event per place;
- the date: a date right after the trigger, else the last date opening a clause before
  it, else the running date (a dated report's last week when nothing says more);
- the certainty: events/certainty.py.
Planned, conditional, negated and near-miss statements make no event. A failed attack is
one ``repel`` (defender as actor); a side retaking a place it had lost is a ``recapture``.

Reports are read in one of two modes: a *report* (few explicit dates; an undated
paragraph speaks of the days before the document date) or a *narrative* (a dated
chronicle; an undated sentence continues the date of the one before).
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import itertools
import operator
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Sequence

from events import clauses
from events.actions import Trigger, find_triggers
from events.actors import FactionTable, SideMention, find_sides, load_factions
from events.certainty import SentenceCertainty, denies_previous
from events.dates import NUMBERS, UNIT_DAYS, YEARS, DateContext, DateExpr, DateSpan, find_dates, resolve, usable_year
from events.documents import Document
from events.folding import lowered
from events.infobox import find_infobox
from events.model import Event
from events.vocabulary import ACTION_CLASS
from events.placing import (ANAPHOR_SENTENCES, Chosen, PlaceRef, choose, choose_nearest, find_anaphors, metonymic,
                            recurring, usable_mentions, withdrawal_places)
from events.sentences import Sentence, mask, split_sentences
from events.sides import (_AUXILIARIES, _CLAUSE_INITIAL, _MEMBER_OF_SUBJECT, _POSSESSIVE_AFTER, _SUPPORT_BEFORE,
                          AIR_SIDES, PRIOR_ENEMY, Sides, allies_on, before_isil, capitals_speaking, in_theatre,
                          led_by, leading_ally, prior_enemies)
from gazetteer.place import Mention
# "Over the border in Iraq, ...": what follows happens outside Syria, until "Meanwhile".
from gazetteer.scenes import FOREIGN_SCENE_RE as _FOREIGN_SCENE, NEW_SCENE_RE as _NEW_SCENE
from lookalikes import caseless

_SCENE_OPENING = re.compile(r"\s*(?:In|Across|Throughout|Near|Around)\s+[^,]{2,60},")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[,.;)]|$)")
_IN_OR_DURING = re.compile(r"(?i)(?:in|during)\s")
_IN_OR_DURING_BEFORE = re.compile(r"(?i)(?:in|during)\s+$")

# "In 2016", "During 2018", "By 2013" (not "since 2012" or "before 2011": no time the story is in).
_STORY_YEAR = re.compile(r"(?:in|during|by|throughout|early|late)\s", re.I)
_HEADING_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")
_BACKGROUND_HEADING = re.compile(r"\W*(?:Background|Prelude|Context|History|Origins?|Historical\s+background)\W*", re.I)

# A section's title on a line of its own, opening the sentence the splitter joined it to.
_HEADING_LINE = re.compile(r"([^\n.!?:;,]{1,40})\n")

# A fight of a counted length that a capture ended: "after a five-day assault", "following
# four days of heavy clashes", "followed a weeklong siege".
_LEAD_UP = re.compile(
    r"(?<![\w-])(?:after|following|followed)\s+(?:a\s+|an\s+)?(?:(?:(?P<count>\d{1,2}|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|fourteen)[\s-](?P<unit>day|week|month)|(?P<week>week[\s-]?long))|(?P<count2>\d{1,2}|two|three|"
    r"four|five|six|seven|eight|nine|ten|twelve|fourteen)\s+(?P<unit2>days|weeks|months)\s+of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>assaults?|attacks?|clashes|fighting|battles?|combat)(?![\w-])", re.I)

_COMMA_DATE_BEFORE = re.compile(r",\s*(?:(?:on|in|by|late\s+on|early\s+on)\s+)?$", re.I)
_SUBORDINATE_AFTER = re.compile(r"\s+(?:after|before|when|following|amid|despite|once|while|as)\s", re.I)

# A place, then a relative clause whose verb takes it as object: "X, which the army took".
_RELATIVE_OBJECT = re.compile(r"\s*,\s*which\s+(?:the\s+)?(?!(?:had|has|have|was|were|is|are)\b)[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?"
                              r"(?:\s+(?:forces|troops|fighters|militants|units))?"
                              r"(?:\s+(?:had|has|have|then|later|also|again|eventually|finally|quickly|reportedly))*\s+", re.I)
_TRANSITIVE_ACTIONS = frozenset({"capture", "recapture", "attack", "airstrike", "encircle", "siege"})

_NEW_CLAUSE = re.compile(r"[,;]\s*(?:while|whereas|but|although|though|and)\s", re.I)

# A side told as holding a place: "had held", "has controlled X for years", ", which ruled X".
_HOLDING_AFTER = re.compile(r"(?:\s+(?:fighters|forces|militants|troops|units))?\s*,?\s*(?:(?:which|who)\s+)?"
                            r"(?:(?:had|has|have)\s+)?(?:(?:long|firmly|still|since|previously|then)\s+)?"
                            r"(?:held|controlled|ruled|been\s+(?:holding|controlling|in\s+control\s+of))\s+"
                            r"(?:(?:the\s+)?(?:town|city|village|district|area|base)\s+of\s+)?(?:the\s+)?", re.I)
_CONVOY_BEFORE = re.compile(r"(?<![\w-])(?:convoys?|patrols?|reinforcements)(?:\s+of\s+(?:[\w'’-]+\s+){1,4}?)?"
                            r"\s+(?:(?:also|later|then|reportedly|\w+ly)\s+)?(?:(?:has|have|had)\s+)?$", re.I)
_NOUN_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:the|a|an|its|their)\s+(?:next|main|first|new|likely|final)\s+$", re.I)

# A report's headline: its first line (after any "source:"/"date:" lines), short and unpunctuated.
_HEADLINE = re.compile(r"\s*(?:[A-Za-z_-]{2,20}:\s[^\n]*\n\s*)*([^\n]{10,200}(?<![.!?\"”]))\n")

PlaceFinder = Callable[[str], Sequence[Mention]]

WIDE_START = date(2011, 3, 15)
WIDE_KINDS = frozenset({"governorate", "region"})
# An air arm acts when it is named this close before the verb, not anywhere in the clause
# ("Backed by air support, the army attacked X" is a ground attack).
AIR_SUBJECT_CHARS = 40
REPORT_WINDOW_DAYS = 6
# In a news report, a date more than this before the report's own is history it recalls.
RECALLED_DAYS = 21
# How far back a report's own story reaches: a date older than this is history it told in passing.
STORY_DAYS = 92
NARRATIVE_MIN_DATES = 3
REFERENCE_SENTENCES = 2
# How far back an undated statement may retell an event told before (events/extract.py _drop_retold).
RETOLD_SENTENCES = 5
# A lede told on the report's date retells the body's dated event up to this many days before it.
LEDE_RETOLD_DAYS = 3
# Statements that may take their place from the sentences before (not captures: a capture
# names what it took).
CONTEXT_ACTIONS = frozenset({"clash", "repel", "withdraw"})
# Wider than a region for the control model (layers/control.py REGION_KM): a withdrawal
# towards a place is drawn near it but hands nothing over.
DESTINATION_UNCERTAINTY_KM = 25.0

_AIR_WORDS = re.compile(r"(?<![\w-])(?:air|aerial|airstrikes?|air-strikes?|warplanes?|jets?|aircraft|helicopters?|drones?|UAVs?|"
                        r"(?:air)?planes?|barrel\s+bombs?|"
                        r"(?<!suicide\s)(?<!car\s)bombers?|aerospace|sorties|gunships?|airpower|air\s+force|aviation|airforce|SyAAF|RuAF|VKS)(?![\w-])",
                        re.I)
_META_LINE = re.compile(r"\s*[A-Za-z_-]{2,20}:\s")
_LEADING_BEFORE = re.compile(r"(?:^|[,;(]|(?<![\w-])(?:and|but|then|while|thus|when|so|as|after\s+which|however))\s*"
                             r"(?:(?:on|in|by|during|since|until|as\s+of|from|over|at|around|after|before)\s+)?$",
                             re.I)
_PREPOSITION_ONLY = re.compile(r"(?i)^\s*(?:on|in|by|during|since|until|as\s+of|from|over|at|around)?\s*$")
# A speaker's words dated "... said in a statement on Thursday" (not "clashes were reported on 25 May").
_SPEECH_BEFORE = re.compile(r"(?<![\w-])(?<!was\s)(?<!were\s)(?<!been\s)(?:said|says|claimed|stated|announced|"
                            r"reported|statement|told|declared|confirmed)(?![\w-])[^.;]{0,40}$", re.I)
# A supporting side's air arm named right after it ("coalition airstrikes", "the coalition Air Force").
_AIR_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:air[\s-]?strikes?|air\s+force|warplanes|jets|aircraft|air\s+support|"
                        r"air\s+cover|airpower|aviation|drones|helicopters|bombers)\b", re.I)
_SUPPORTED_ACTIONS = frozenset({"capture", "recapture", "advance", "attack", "clash", "repel", "siege_lifted", "encircle"})
# "surrounding and then taking X", "besieged and eventually stormed X": one object for both verbs.
_VERBS_SHARING = re.compile(r"\s*,?\s*(?:and|or)\s+(?:(?:then|later|finally|eventually|subsequently|also)\s+)?", re.I)
# "battling ISIS", "fought the rebels": the side after is the object (not "clashes with X").
_TRANSITIVE_CLASH = re.compile(r"(?i:battling|battled|fighting|fought)")
# A paragraph opening that goes on from the one before ("Then", "Shortly afterwards, ...").
_CHAINS_ON = re.compile(r"\s*(?:(?:and\s+)?then|later(?:\s+on)?|afterwards?|after\s+that|subsequently|soon\s+after(?:wards)?|"
                        r"shortly\s+(?:after(?:wards)?|thereafter)|thereafter|eventually|finally|next|from\s+there)(?![\w-])", re.I)
# A sentence telling of before the running date: a pluperfect (not "By March the army had taken
# X": that is the date's own), "earlier", "previously".
_FLASHBACK = re.compile(r"(?!\s*By\s)[^.;]*?(?<![\w-])(?:had\s+(?:[a-z]+ly\s+|already\s+|been\s+)*[a-z]{3,}|earlier|previously|"
                        r"before\s+(?:that|then)|prior\s+to\s+(?:that|this))(?![\w-])", re.I)
_CHAINED = re.compile(r"(?<![\w-])(?:then|later|subsequently|afterwards|eventually|thereafter)\s+(?:[\w-]+\s+)?$", re.I)
# (not "Since then, ...": from then to now)
_CHAINED_ANYWHERE = re.compile(r"(?<![\w-])(?<!since\s)(?<!until\s)(?<!till\s)(?<!from\s)"
                               r"(?:then|later|subsequently|afterwards|eventually|thereafter)(?![\w-])", re.I)
_CLAUSE_STOP = re.compile(r"[,;:]")
_CARRIES_ON = re.compile(r"\s*(?:It|They|He|She|The\s+(?:group|army|offensive|operation|force|forces|troops|"
                         r"militants|rebels|attack|assault))\s+(?!said|says|added|told|claimed|stated|reported)", re.I)
# A side followed by its verb ("the army has said", "ISIS, which ..., lost"): the clause's subject.
_SUBJECT_VERB = re.compile(r"(?:\s+(?:forces|troops|fighters|units|military|army))?\s+(?:(?:has|have|had|is|are|was|were|"
                           r"also|now|still|then|again|reportedly)\s+)*[a-z]+(?:ed|s)\b")
_FEATURE = re.compile(r"(?<![\w-])its\s+(?:(?:nearby|adjacent|neighbouring|neighboring|main|military|strategic)\s+)?"
                      r"(?P<feature>dam|airport|airbase|air\s+base|castle|citadel)(?![\w-])", re.I)
_COORDINATED_SUBJECT_BEFORE = re.compile(r"(?:,|(?<![\w-])and)\s+(?:then\s+|later\s+)?(?:the\s+)?$", re.I)
_CLAUSE_AFTER = re.compile(r"\s*[,;:]")
_OPENING_PATIENT_GAP = re.compile(r"\s*(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:town|city|village|district|base|airbase|airport|"
                                  r"neighbou?rhood|suburb|hill|camp)\s+of\s+)?")
_DESTINED = re.compile(r"(?<![\w-])(?:towards?|to|into|for)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_TRIED_BEFORE = re.compile(r"(?<![\w-])(?:tried|attempted|sought|trying|attempting)\s+to\s", re.I)
_PLACE_IN_PHRASE_BEFORE = re.compile(r"(?<![\w-])(?:along|in|near|at|from|towards?|of|to|into|around|outside|inside|on|across|"
                                 r"through|past|beyond)\s+(?:the\s+)?$", re.I)
_BY_AGENT_AFTER = re.compile(r"\s+by\s", re.I)
_APPOSED_GAP = re.compile(r",\s*(?:(?:first|once|later|then|eventually|finally|briefly|fully|completely)\s+)?")
_ENTRY = re.compile(r"(?:enter|entered|entering|stormed\s+into|broke\s+into)$", re.I)
# ("took X before losing it again": the again is the loss's)
_AGAIN_AFTER = re.compile(r"^\s+(?:(?!(?:before|after|until|but|then|only|and)\s)[\w-]+\s+){0,6}?"
                          r"(?:again|once\s+again|once\s+more)\b", re.I)
_DIRECT_GAP = re.compile(r"^[^,.;:()]{0,45}$")
# "a year after the fall of X", "on the anniversary of the liberation of X"
_TIME_AFTER_NOUN = re.compile(r"(?<![\w-])(?:(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                              r"twelve)\s+(?P<u>years?|months?|weeks?|days?)\s+(?:after|since)|anniversary\s+of)\s+"
                              r"(?:the\s+)?$", re.I)
_EARLIER_OPENING = re.compile(r"\s*(?:Earlier|Previously|Before\s+(?:that|then)|Prior\s+to\s+that)(?:\s+(?:in|during)\s+the\s+"
                              r"(?P<u>offensive|operation|campaign|battle|fighting|war|week|month|day))?\s*,", re.I)
_EARLIER_INLINE = re.compile(r"(?<![\w-])had\s+(?:earlier|previously|already)\s+$", re.I)
_SINCE_NOUN = re.compile(r"(?<![\w-])(?:ever\s+)?since\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_LOCATOR_GAP = re.compile(r"\s*,?\s*(?:in|of|near|within)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)
_FRONTED_SINCE = re.compile(r"\s*(?:Ever\s+)?Since\s[^,;]{3,120},")
_HAVE_SINCE = re.compile(r"(?<![\w-])(?:have|has|had)\s+since\s+$", re.I)
# A date this close after "since the fall of X" is the fall's own ("since the fall of X on 3 May").
SINCE_OWN_DATE_CHARS = 60
_CAMPAIGN_NOUNS = frozenset({"offensive", "operation", "campaign", "battle"})
_APPOSITION_BEFORE = re.compile(r",\s*(?:first\s+|once\s+|originally\s+)?(?:[a-z]+ed|taken|retaken|held|overrun|won)\s+"
                                r"(?:by|from)\s[^,;()]{1,80},\s*(?:was|were|has\s+been|had\s+been|have\s+been)\s+"
                                r"(?:[a-z]+ly\s+)?$")
_INCLUDING = re.compile(r"\s*,?\s*(?:(?:that|which)\s+(?:includes?|included|contains?|contained|comprises?)|including)\s+"
                        r"(?:the\s+)?(?:(?:towns?|villages?|cities|city|areas?|districts?)\s+of\s+)?", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and|as\s+well\s+as)?\s*(?:the\s+)?(?:(?:towns?|villages?)\s+of\s+)?(?:al-)?", re.I)
_CASUALTIES_IN = re.compile(r"(?<![\w-])(?:killed|wounded|injured|died|dead|lost\s+their\s+lives)\s+(?:in|during)\s+"
                            r"(?:the\s+)?(?:(?:last|past|first|previous)\s+)?(?:(?:\w+\s+){0,2}(?:days?|hours?|weeks?|nights?)"
                            r"\s+of\s+)?$", re.I)
_BEARING = re.compile(r"(?:north|south|east|west)[\w-]*\s+of\s", re.I)
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:just\s+|some\s+|about\s+)?")
_DEFINED_AS = re.compile(r"(?<![\w-])(?:was|is|were|are)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_RECALL_BEFORE = re.compile(r"(?:following|after|since|despite|before|with)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_FRONTED_RECALL = re.compile(r"\s*(?:Following|After|Since|In\s+the\s+wake\s+of|On\s+the\s+heels\s+of)\s", re.I)
# A recalled event with no date of its own ends before the next date the text names.
RECALL_WINDOW_DAYS = 30
# A statement in the present tense ("clashes are ongoing", "fighting continues"): the report's day.
_PRESENT = re.compile(r"\b(?:is|are)\s+(?:still\s+|also\s+|now\s+){0,2}(?:ongoing|continuing|under\s*way|raging)\b|"
                      r"\b(?:continues|continue|rages|rage)\b(?!\s+(?:to|until|till|into)\b)(?=\s*(?:[,.;]|in\b|on\b|at\b|around\b|near\b|$))|"
                      # "the army continues to fight ISIS near X": now (not "will continue to")
                      r"\b(?:continues|is\s+continuing|are\s+continuing)\s+to\s+(?=\w)",
                      re.I)
# Date kinds counted from the running date (events/dates.py), not from the report's.
_COUNTS_FROM_RUNNING = frozenset({"after", "before", "same", "anchor_unit"})
_NOT_TERRITORY = re.compile(
    r"\s+(?:[\w'’,-]+\s+){0,4}?(?:shipments?|weapons|arms|ammunition|ammo|munitions|vehicles?|tanks?|equipment|documents|"
    r"stash(?:es)?|caches?|supplies|drones?|prisoners?|hostages?|fighters|militants|members|soldiers|troops|bod(?:y|ies)|"
    r"commanders?|leaders?|trucks?|cars?|missiles?|rockets?|launchers?|guns?|rifles|cash|money|loot|booty|"
    r"militiamen|gunmen|jihadists|suspects|civilians|men|personnel|lives|officers|recruits)\b(?!\s+(?:positions?|base|hill|"
    r"headquarters|held|controlled))", re.I)
# Between "A on 14 October" and "B on 9 November": a date phrase, then "and" (", then").
# (also after a passive's agent and with a bare comma: "A was taken by Y on 3 May, B on 9 May",
# "A fell to Y in March, B in August")
_GAPPED_BEFORE = re.compile(r"(?:\s+(?:by\s+)?(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)??\s+(?:on|in|by|late\s+on|early\s+on)\s+"
                            r"[^,;.()]{2,30}?"
                            r"(?:,?\s+(?:and|then|before)\s+|,\s*)"
                            r"(?:then\s+|later\s+|finally\s+)?(?:the\s+(?:town|city|village|district)\s+of\s+)?", re.I)
_DATE_LEAD = re.compile(r"\s*(?:(?:on|in|by|late\s+on|early\s+on)\s+)?", re.I)
_COUNTED_GROUND = re.compile(r"\s+(?:(?:control\s+(?:of|over)\s+)?(?:more\s+than|over|about|around|nearly|almost|some|at\s+least|"
                             r"another|a\s+further|further)\s+)?(?:\d[\d,.]*|a\s+dozen|dozens\s+of|several|many|scores\s+of|"
                             r"two|three|four|five|six|seven|eight|nine|ten|a\s+number\s+of|a\s+series\s+of|a\s+string\s+of)"
                             r"\s+(?:[\w-]+\s+){0,1}?(?:villages|towns|hamlets|hills|hilltops|square\s+kilometres|square\s+kilometers|"
                             r"sq\.?\s+km|km2|km²|square\s+miles|positions|farms|points|areas|districts|neighbou?rhoods)\b", re.I)
_GROUND_TOLD_BEFORE = re.compile(r"\s+(?:(?:most|all|some|much|part|parts|many|several)\s+of\s+)?(?:the|its|their)\s+"
                                 r"(?:lost|captured|abandoned|former|previous|earlier|seized|overrun)\s+(?:positions|checkpoints|"
                                 r"points|areas|ground|posts|territory|villages|neighbou?rhoods)\b", re.I)
_BARE_FELL = re.compile(r"(?i:fell|fallen|falls)")
_FELL_OR_HANDS = re.compile(r"fell|hands", re.I)
# Between a patient and its passive verb: "X fell", "X has now fallen", "X was finally taken".
_PATIENT_GAP = re.compile(r"\s+(?:(?:has|had|have)\s+)?(?:(?:was|were|is|are|been|got)\s+)?"
                          r"(?:(?:now|finally|eventually|quickly|also|then|soon|fully|completely|later)\s+)*", re.I)
# What a side destroys when it fights: the enemy's arms and posts.
_MATERIEL_AFTER = re.compile(r"\s+(?:(?:an?|the|two|three|four|five|several|\d+|a\s+number\s+of|dozens\s+of)\s+)?"
                             r"(?:[\w'’-]+\s+){0,2}?(?:tanks?|(?:armou?red\s+)?vehicles?|bmps?|technicals?|positions|"
                             r"checkpoints?|posts?|bunkers?|(?:rocket\s+)?launchers?|howitzers?|artillery|fortifications?|"
                             r"pick-?ups?|bulldozers?|gun\s+emplacements?|ammunition\s+depots?|weapons\s+depots?|dens|hideouts|"
                             r"lairs|gatherings|strongholds?|headquarters|bases)\b", re.I)
_ENDS_IN_OUT = re.compile(r"\sout$", re.I)
_THROUGH_BEFORE = re.compile(r"(?<![\w-])(?:through|via)\s+(?:the\s+)?$", re.I)
_RELATIVE_OPEN = re.compile(r",\s*(?:which|who|that|where)\s", re.I)
# Where a remark inserted in a sentence opens: a parenthesis, a relative clause, a passive
# participle ("Morek, a town first seized by rebels in 2014,", "X, lost to the army in May,",
# "having lost it in May"; not a main verb after a comma, ", the army advanced on X on 3 May").
_REMARK_PARTICIPLE = (r"(?:(?:after\s+)?having\s+(?:been\s+)?[a-z]+|(?:(?:first|once|originally|previously|already|"
                      r"briefly|long)\s+)(?:[a-z]+ed|taken|retaken|held|overrun|lost|won|fallen|driven|beaten)|"
                      r"(?:[a-z]+ed|taken|retaken|held|overrun|won|driven|beaten)\s+by|"
                      r"(?:lost|fallen|surrendered|handed\s+over)\s+to)\s")
_REMARK_OPEN = re.compile(
    r"(?P<paren>\()|(?P<relative>,\s*(?:which|who|whom|whose)\s)|"
    r"(?P<participle>,\s*(?:(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?)?" + _REMARK_PARTICIPLE + ")", re.I)
_FRONTED_PARTICIPLE = re.compile(r"\s*" + _REMARK_PARTICIPLE, re.I)
_REMARK_BREAK = re.compile(r"[,;()]")
_PLUPERFECT = re.compile(r"(?<![\w-])had\s", re.I)
# What ends such a remark: its closing parenthesis; a comma, semicolon or parenthesis for the others.
_REMARK_CLOSE = {"paren": re.compile(r"\)"), "relative": re.compile(r"[,;)]"), "participle": re.compile(r"[,;)]")}
# A date right after a verb of a pronoun or of a pact ("the caliphate it proclaimed in June",
# "the truce agreed in May") dates that verb, not an event told before it.
_PACT_VERBS = r"(?<![\w-])(?:agreed|signed|brokered|proclaimed|declared|negotiated|concluded)"
_DATE_PREPOSITION = r"\s+(?:(?:in|on|at|during|since|by)\s+)?(?:the\s+)?$"
_OTHER_VERB_DATED = re.compile(r"(?:(?<![\w-])(?:it|they|he|she|which|who)\s+(?:had\s+|has\s+|have\s+)?[a-z]+(?:ed|en)|"
                               + _PACT_VERBS + ")" + _DATE_PREPOSITION, re.I)
_PACT_DATED = re.compile(r"(?<![\w-])(?:agreed|signed|brokered|negotiated|concluded)" + _DATE_PREPOSITION, re.I)
_EVACUATION = re.compile(r"(?i:evacuat|leav|left)")
# Flight: where the fleeing ran to is no ground they fell back to and held.
_FLIGHT = re.compile(r"(?i:fle[de]|escap)")
_HEADING_FOR = re.compile(r"(?<![\w-])towards?\s+(?:(?!to\s|into\s)[^,;.()])*$", re.I)
_TOWARDS = re.compile(r"(?<![\w-])(?:towards?|to|into|for)\s", re.I)
# "families fled towards X", "thousands of residents left": people, not a side, moving
# (fighters "and their families" are a side leaving).
_CIVILIANS_BEFORE = re.compile(r"(?<![\w-])(?<!their\s)(?<!and\s)(?<!with\s)(?:families|residents|civilians|people|inhabitants|villagers|children|women|"
                               r"displaced|refugees)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
# Leaving under terms: the words both a withdrawal far away and a handover are told in.
_UNDER_TERMS = r"evacuat\w*|bus(?:es|ed|sed)?|surrender\w*|reconciliation|safe\s+(?:passage|conduct)"
# Men sent away under a deal: a withdrawal "to X" then moves no front line at X.
_SENT_AWAY = re.compile(r"(?<![\w-])(?:" + _UNDER_TERMS + r"|deal|agreements?|accord|truce|settlement|"
                        r"transferr?(?:ed|ing|s)?|transported|ferried|(?:allowed|permitted)\s+to\s+(?:leave|depart|go))"
                        r"(?![\w-])", re.I)
# Those who held a place leaving it under a deal: whoever enters it then has taken it.
_HANDED_OVER = re.compile(r"(?<![\w-])(?:" + _UNDER_TERMS + r"|departure|departed|hand(?:ed|ing)?[\s-]over|"
                          r"(?:left|leave|leaving|withdrew|withdrawn|pulled\s+out)\s+(?:[\w-]+\s+){0,4}?under\s+(?:a|an|the)\s+"
                          r"(?:[\w-]+\s+)?(?:deal|agreement|accord|truce)|(?:deal|agreement|accord)\s+(?:for|to|allowing|"
                          r"under\s+which)\s+(?:[\w-]+\s+){0,4}?(?:leave|depart|evacuate|withdraw))(?![\w-])", re.I)
# "entered X (early on Sunday) without (meeting any) resistance / unopposed / without a fight".
_UNOPPOSED = re.compile(r"[^.;]{0,60}?(?<![\w-])(?:without\s+(?:(?:meeting|encountering|facing)\s+)?(?:any\s+|much\s+)?"
                        r"(?:resistance|opposition|a\s+fight|fighting|a\s+shot\s+(?:being\s+)?fired)|unopposed|"
                        r"unchallenged|uncontested)(?![\w-])", re.I)
HANDOVER_CHARS = 300  # how far before the entry the handover may be told (about a sentence)
# Fell back "to their territory in A and B", "to areas it still holds": into its own ground,
# where no front line moved either.
_OWN_GROUND = re.compile(r"(?<![\w-])(?:(?:their|its)\s+(?:own\s+|nearby\s+|remaining\s+|last\s+|main\s+|other\s+)*"
                         r"(?:territor(?:y|ies)|ground|areas?|positions|strongholds?|lines|bases?|heartland|pocket|enclave)|"
                         r"(?:areas?|territory|positions|towns|villages)\s+(?:that\s+)?(?:they|it)\s+(?:still\s+)?"
                         r"(?:held|holds?|controll?e?d?s?))(?![\w-])", re.I)
# "drove IS fighters from X", "pushed the militants out of X": the men are driven, the ground is taken.
_DRIVEN_FROM = re.compile(r"(?:drove|driven|drive|drives|driving|push\w*|kick\w*|chas\w*|flush\w*|expel\w*|oust\w*|"
                          r"evict\w*|dislodg\w*|clear\w*)\s+(?:[\w'’-]+\s+){1,4}?(?:from|out\s+of)\s", re.I)
# "an offensive towards X", "a push into X", "a drive to the gates of X" (not "an offensive to
# defeat ISIS in X": the purpose, and X where it is fought).
_OFFENSIVE_AIM = re.compile(r"(?<![\w-])(?:(?:towards?|into|on|upon|reach|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}|"
                            r"to\s+(?:the\s+)?(?:(?:outskirts|gates|edge|doorstep|city|town|village|area)\s+of\s+(?:the\s+)?)?)$",
                            re.I)
_BACKGROUND_PASSIVE = re.compile(r"(?<![\w-])(?:(?:after|since|following|before|despite)\s+(?:being|having\s+been)|"
                                 r"having\s+been)\s+(?:[a-z]+ly\s+)?$", re.I)
_AGENT_NOUN_GAP = re.compile(r"\s+by\s+(?:[\w,'’-]+\s+){0,4}", re.I)
_RELATIVE_VERB_GAP = re.compile(r"\s*,?\s*(?:which|that|who)\s+(?:(?:have|has|had|also|then|later|reportedly)\s+)*", re.I)
_NAME_CANDIDATE = re.compile(
    r"(?<![\w-])(?:of|in|at|near|towards?|into|on|captured|seized|took|entered|reached|retook|recaptured|besieged|"
    r"encircled|surrounded|bombed|struck|stormed|liberated)\s+(?:the\s+)?(?:(?:villages?|towns?|city|area|district|"
    r"hill|base|neighbou?rhoods?)\s+of\s+)?(?P<name>(?:(?:al|el|ash|ath|as|ad|ar|an|at|az|adh|Al|El|Tal|Tell|Jabal|"
    r"Jebel|Deir|Abu|Bir|Ain|Wadi)[\s-]+)?[A-Z][a-z'’]+(?:[\s-]+(?:(?:al|el|ez|ad|as|ash|ath|an|ar|az|at|adh)[\s-]+)?"
    r"[A-Z][a-z'’]+){0,3})"
)
_PROPER_NAME = re.compile(r"(?<![\w'’-])(?:(?:al|el|ad|as|ash|at|ar|an|az)-)?[A-Z][a-z'’]{2,}(?:[\s-][A-Z][a-z'’]+)*")
_NOT_NAMES = frozenset(
    "The This That These Those Syrian Syria Iraq Iraqi Russian Russia American Kurdish Iranian Turkish Turkey "
    "Army Air Force Forces Government Coalition Islamic State Operation Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November December "
    "Western Eastern Northern Southern Central Tiger Republican Guard Defense Defence Ministry Command".split()
)


@dataclass(frozen=True)
class Extraction:
    """What reading one document gave: its events, sentence count, unknown names, warnings."""

    document: Document
    events: tuple[Event, ...]
    sentences: int
    unresolved: tuple[str, ...]
    warnings: tuple[str, ...]


def default_place_finder() -> PlaceFinder:
    """The shared gazetteer's geoparser (built on first use, so imported late)."""
    # ``gazetteer.geoparse`` the function is shadowed by the submodule of the same name once
    # that is imported; the Gazetteer's bound method is unambiguous.
    from gazetteer import default

    return default().geoparse


def extract(document: Document, place_finder: PlaceFinder | None = None,
            factions: FactionTable | None = None) -> Extraction:
    """Read ``document`` into events; ``place_finder(text) -> [Mention]`` finds the places."""
    return _Reader(document, place_finder or default_place_finder(), factions or load_factions()).run()


def extract_events(document: Document, place_finder: PlaceFinder | None = None) -> list[Event]:
    return list(extract(document, place_finder).events)


@dataclass
class _Draft:
    trigger: Trigger
    action: str
    actor: str
    target: str | None
    unit: str | None
    places: list[Chosen]
    span: DateSpan
    certainty: str
    start: int
    end: int
    sentence: int
    paragraph: int
    confidence: float
    actor_from: str
    place_from: str
    date_from: str
    entry: bool = False
    removed: bool = False
    subject: str | None = None
    background: bool = False
    defender: bool = False  # told of "the defenders": the text still follows their attacker


@dataclass
class _SentenceView:
    """Everything the reader needs about one sentence, offsets absolute."""

    index: int
    sentence: Sentence
    sides: list[SideMention]
    refs: list[PlaceRef]
    triggers: list[Trigger]
    bounds: list[tuple[int, int]]
    dates: list[tuple[DateExpr, DateSpan | None, bool, bool]] = field(default_factory=list)
    anchor_before: DateSpan | None = None
    object_starts: list[int] = field(default_factory=list)
    certainty: SentenceCertainty | None = None
    speech_span: DateSpan | None = None
    # date start -> the remark it is told in passing in, and whether the sentence's main clause
    # then follows it in time (``_Reader._in_passing``)
    passing: dict[int, tuple[int, int, bool]] = field(default_factory=dict)


class _Reader(Sides):
    def __init__(self, document: Document, place_finder: PlaceFinder, factions: FactionTable) -> None:
        self.doc = document
        self._headline: frozenset[str] | None = None
        self.masked = mask(document.text)
        self.low = lowered(self.masked)
        self.caseless_low = caseless(self.masked)  # for the Caseless patterns
        self.place_finder = place_finder
        self.factions = factions
        self.warnings: list[str] = []
        self.doc_date = document.date
        if document.date is not None and not usable_year(document.date.year):
            # 0001-01-01 or 9999-12-31: no calendar arithmetic is safe (or meaningful) there.
            self.warnings.append(f"{document.name}: document date {document.date} is outside the years "
                                 f"{YEARS[0]}..{YEARS[1]} and was ignored; pass --date")
            self.doc_date = None
        self.prior_enemy = prior_enemies(self.doc_date)
        self.allies = allies_on(factions, self.doc_date)
        self.unresolved: list[str] = []
        self.drafts: list[_Draft] = []
        self.history: list[tuple[int, PlaceRef]] = []
        self.running_actor: tuple[str, str | None] | None = None
        # Who the text says holds a place ("ISIS had held X since 2015"), apart from the events read.
        self.stated_holders: dict[str, str] = {}
        # The side a report's "our forces" was last read as (a party's statement speaks as one side).
        self.voice: tuple[str, str | None] | None = None
        # The running actor before a sentence without events named its subject.
        self.told_by: tuple[str, str | None] | None = None
        # The one side a sentence without events named, when it named no subject: whom a
        # "they" after it means ("... gains for the jihadists. Last week they overran X").
        self.about: tuple[str, str | None] | None = None
        self.enemies: dict[str, str] = {}
        self.passive_starts: list[int] = []  # where the current sentence's passive verbs begin
        self.holders: dict[str, list[str]] = {}
        self.paragraph = -1
        self.trigger_starts: list[int] = []  # the current sentence's
        self.trigger_spans: list[tuple[int, int]] = []
        self.abroad: int | None = None  # the paragraph whose scene is abroad ("In Iraq, ...")
        self.undated_years = 0
        self.explicit_dates: list[tuple[int, DateSpan]] = []
        self.recalled_restore: tuple[DateSpan | None] | None = None
        self.anchor_paragraph = -1  # the paragraph that named the running date
        self.paragraph_chains = False  # whether the paragraph opened by going on from the one before
        self.clock: list[date] = []  # where each date of the section moved the running date to, in order
        self.date_ends: set[int] = set()
        self.usable: dict[int, bool] = {}  # side start -> whether it can be a subject
        self.feature_places: dict[str, object] = {}  # "Tabqa Dam" -> its Place (or None)
        # (action class, actor) -> place name -> the last draft that told of it.
        self.told: dict[tuple[str, str], dict[str, _Draft]] = {}

    # --- document ---------------------------------------------------------------------------

    def run(self) -> Extraction:
        sentences = split_sentences(self.doc.text, self.masked)
        self.box = find_infobox(self.masked)
        self.box_results: set[int] = set()
        if self.box is not None:
            sentences = self._box_sentences(sentences)
        sides = find_sides(self.masked, self.factions)
        mentions = recurring(self.masked, list(self.place_finder(self.masked)), [(s.start, s.end) for s in sides])
        self.mention_spans = sorted((m.start, m.end) for m in mentions)
        refs = [r for r in usable_mentions(mentions, [(s.start, s.end) for s in sides if s.faction])
                if not metonymic(self.masked, r)]
        sides = capitals_speaking(self.masked, sides)
        sides = in_theatre(sides, refs, self.factions)
        sides = before_isil(sides, self.doc_date, self.factions)
        sides = leading_ally(sides, self.allies, self.factions, self.masked)
        sides = led_by(self.masked, sides, self.factions)
        self.all_sides, self.side_starts = sides, [s.start for s in sides]
        self.named_in_report: dict[str, int] = {}
        self.named_in_paragraph: dict[int, dict[str, int]] = {}
        for sentence in sentences:
            for side in _within(sides, sentence.start, sentence.end):
                # (a side named as a member of another's subject, or as backing it, is not an opponent named)
                if side.faction and side.role in ("actor", "held") and \
                        not _MEMBER_OF_SUBJECT.search(self.masked, max(sentence.start, side.start - 60), side.start,
                                                      self.caseless_low) and \
                        not _SUPPORT_BEFORE.search(self.masked, self.low, max(sentence.start, side.start - 60), side.start):
                    self.named_in_report[side.faction] = self.named_in_report.get(side.faction, 0) + 1
                    counts = self.named_in_paragraph.setdefault(sentence.paragraph, {})
                    counts[side.faction] = counts.get(side.faction, 0) + 1
        if self.box is not None:  # the sides an infobox lists are the report's too
            for side in _within(sides, self.box.start, self.box.end):
                if side.faction and side.role in ("actor", "held"):
                    self.named_in_report[side.faction] = self.named_in_report.get(side.faction, 0) + 1
        text_sentences = [s for s in sentences if s.kind == "text"]
        self.sentence_dates = {s.start: find_dates(self.masked[s.start:s.end]) for s in text_sentences}
        self.narrative = self._is_narrative()
        self.ctx = DateContext(doc_date=self.doc_date, published=self.doc.date_source != "text")
        self.ctx.report_period = self._report_period()
        title_year = _HEADING_YEAR.search(self._title())
        if self.doc_date is None and title_year is not None:
            # A page with no full date anywhere: its title's first year ("Battle of X (2016–2017)")
            # is the year its story opens in, better than no year at all.
            self.ctx.year = int(title_year.group())
        self.default_span = self._default_span()
        self._read_box(refs, sides)
        background_year: tuple[int | None] | None = None
        for index, sentence in enumerate(sentences):
            view = self._view(index, sentence, sides, refs)
            heading = _HEADING_LINE.match(self.masked, sentence.start, sentence.end)
            if sentence.kind == "heading" or heading:
                # A page's "Background" section tells earlier years: the sections after it go
                # on in the year the page was in before it ("On 20 January" of the campaign).
                if background_year is not None:
                    self.ctx.year, background_year = background_year[0], None
                if _BACKGROUND_HEADING.fullmatch(self.masked, sentence.start,
                                                 heading.end(1) if heading else sentence.end):
                    background_year = (self.ctx.year,)
                self.clock = []  # a section may go back to where another began
                self._heading_time(sentence, heading.end(1) if heading else sentence.end)
                period = self.ctx.report_period
                if period is not None and self.ctx.anchor is not None and self.ctx.anchor.end < period.start:
                    # A summary's next section ("Central Syria") is news of its period again,
                    # not of the history the section before ended on.
                    self.ctx.anchor, self.recalled_restore = period, None
            if sentence.kind == "text":
                self._read(view)
            elif self.told_by is not None:
                # A new section: a side only talked about before it acts in none of its events.
                self.running_actor, self.told_by = self.told_by, None
            self.history.extend((index, ref) for ref in view.refs)
            self.history = [(i, ref) for i, ref in self.history if i >= index - ANAPHOR_SENTENCES]
        if self.undated_years:
            self.warnings.append(f"{self.doc.name}: {self.undated_years} date(s) without a year were ignored "
                                 "(no document date to take the year from); pass --date")
        events = self._events()
        return Extraction(self.doc, tuple(events), len(text_sentences), tuple(dict.fromkeys(self.unresolved)),
                          tuple(self.warnings))


    def _heading_time(self, sentence: Sentence, end: int) -> None:
        """A section heading naming a year ("2018", "Offensive of 2016") or a month of one
        ("January 2019"): its section is told in that year (month), whatever came before; the
        title's years ("Battle of X (2015-2016)") say only what the page spans."""
        text = self.masked[sentence.start:end]
        year = _HEADING_YEAR.search(text)
        if year is None or " ".join(text.split()) == " ".join(self._title().split()):
            return
        self.ctx.year = int(year.group())
        spans = [resolve(e, self.ctx) for e in find_dates(text) if e.has_year]
        month = next((span for span in spans if span is not None and not span.background), None)
        self.ctx.anchor = month or DateSpan(date(self.ctx.year, 1, 1), date(self.ctx.year, 12, 31))
        self.anchor_paragraph, self.recalled_restore = sentence.paragraph, None

    def _box_sentences(self, sentences: list[Sentence]) -> list[Sentence]:
        """The page's sentences with its infobox's rows left out but for its result lines,
        each read as a sentence of its own."""
        box = self.box
        inside = [s for s in sentences if s.start < box.end and box.start < s.end]
        paragraph = inside[0].paragraph if inside else 0
        results = [Sentence(a, b, "text", paragraph) for a, b in box.results]
        self.box_results = {s.start for s in results}
        kept = [s for s in sentences if not (s.start < box.end and box.start < s.end)]
        return sorted(kept + results, key=lambda s: s.start)

    def _read_box(self, refs: list[PlaceRef], sides: list[SideMention]) -> None:
        """The campaign's dates, place and victor, which its result lines are told in."""
        self.box_span: DateSpan | None = None
        self.box_places: list[PlaceRef] = []
        self.box_victor: tuple[str, str | None] | None = None
        if self.box is None:
            return
        if self.box.date is not None:
            start, end = self.box.date
            context = DateContext(doc_date=self.doc_date, published=self.doc.date_source != "text")
            spans = [resolve(e, context) for e in find_dates(self.masked[start:end])]
            spans = [span for span in spans if span is not None and not span.background]
            if spans:
                self.box_span = DateSpan(min(s.start for s in spans), max(s.end for s in spans))
                if self.doc.date_source in ("text", "none"):
                    # A page with no date of its own: what it tells undated happened in the campaign.
                    self.default_span = self.box_span
        if self.box.place is not None:
            self.box_places = _within(refs, *self.box.place)
        if self.box.victor is not None:
            side = next((s for s in _within(sides, *self.box.victor) if s.faction), None)
            self.box_victor = (side.faction, side.unit) if side is not None else None

    def _is_narrative(self) -> bool:
        """A chronicle names dates often; a news report mostly speaks of "recent days"."""
        explicit = {(e.kind, e.value) for found in self.sentence_dates.values() for e in found
                    if e.kind in ("day", "range", "month")}
        return len(explicit) >= NARRATIVE_MIN_DATES

    def _default_span(self) -> DateSpan:
        if self.doc_date is not None:
            return DateSpan(self.doc_date - timedelta(days=REPORT_WINDOW_DAYS), self.doc_date)
        return DateSpan(WIDE_START, date.today())

    def _view(self, index: int, sentence: Sentence, sides: list[SideMention], refs: list[PlaceRef]) -> _SentenceView:
        a, b = sentence.start, sentence.end
        sides_here = _within(sides, a, b)
        named = _within(refs, a, b)
        if sentence.kind != "text":
            return _SentenceView(index, sentence, sides_here, named, [], [])
        occupied = [(s.start, s.end) for s in sides_here if s.faction] + [(r.start, r.end) for r in named]
        triggers = [t for t in find_triggers(self.masked, a, b, self.low) if not any(x <= t.start < y for x, y in occupied)]
        # Clause limits only matter to a sentence that states something.
        bounds = clauses.boundaries(self.masked, a, b, self.low) if triggers else []
        return _SentenceView(index, sentence, sides_here, named, triggers, bounds)

    # --- one sentence -----------------------------------------------------------------------

    def _read(self, view: _SentenceView) -> None:
        sentence = view.sentence
        if sentence.start in self.box_results:
            # An outcome of the whole campaign: in its dates, by its victor unless it says.
            self.ctx.anchor = self.box_span or self.ctx.anchor
            self.running_actor = self.box_victor or self.running_actor
        if sentence.paragraph != self.paragraph:
            self.paragraph = sentence.paragraph
            self.paragraph_chains = bool(_CHAINS_ON.match(self.masked, sentence.start, sentence.end))
            if not self.narrative and self.anchor_paragraph != sentence.paragraph:  # (its heading's date stays)
                self.ctx.anchor = None
            elif self._told_history() and not self.paragraph_chains:
                # A published report's paragraph after one of history ("The army had seized X in
                # February 2020 ...") is back in the report's own time, unless it chains on.
                self.ctx.anchor, self.ctx.year = self.ctx.report_period, None
        if denies_previous(self.masked[sentence.start:sentence.end]):
            self._deny_previous(view.index)
        salient = frozenset(c.ref.place.name for d in self.drafts[-6:] if not d.removed
                            and d.sentence >= view.index - ANAPHOR_SENTENCES for c in d.places if not c.destination)
        story = frozenset(c.ref.place.name for d in self.drafts[-6:] if not d.removed
                          and d.sentence >= view.index - ANAPHOR_SENTENCES for c in d.places)
        anaphors = find_anaphors(self.masked, sentence.start, sentence.end, view.refs, self.history, view.index,
                                 self.low, salient, story)
        anaphors += self._features(view, anaphors)
        if anaphors and any(s.role == "pronoun" for s in view.sides):
            # "It was captured": the pronoun stands for the place, not for a side
            view.sides = [s for s in view.sides if s.role != "pronoun"
                          or not any(r.start <= s.start < r.end for r in anaphors)]
        view.refs = sorted(view.refs + anaphors, key=lambda r: r.start)
        self._resolve_dates(view)
        live = self._live_triggers(view)
        if _FOREIGN_SCENE.match(self.masked, sentence.start, sentence.end):
            self.abroad = sentence.paragraph
        elif self.abroad == sentence.paragraph and _NEW_SCENE.match(self.masked, sentence.start, sentence.end):
            self.abroad = None
        if live and self.abroad == sentence.paragraph:
            live = []  # the scene abroad goes on to the end of its paragraph
        if live:
            self._read_triggers(view, live)
        if not live or not any(d.sentence == view.index for d in self.drafts[-len(live):]):
            self._sentence_subject(view)  # nothing it told was an event: who it is about
        self._remember_holders(view)

    def _features(self, view: _SentenceView, anaphors: list[PlaceRef]) -> list[PlaceRef]:
        """"Tabqa and its adjacent dam": a place's own dam, airport or base, as the gazetteer
        names it ("Tabqa Dam")."""
        found = []
        for match in _FEATURE.finditer(self.masked, view.sentence.start, view.sentence.end):
            if any(r.start <= match.start() < r.end for r in view.refs + anaphors):
                continue
            owner = next((r for r in reversed(view.refs) if r.end <= match.start() and r.via == "name"), None)
            if owner is None:
                continue
            name = f"{owner.place.name} {match.group('feature')}"
            if name not in self.feature_places:
                hits = [m for m in self.place_finder(name) if m.start == 0 and m.end == len(name)]
                self.feature_places[name] = hits[0].place if hits else None
            place = self.feature_places[name]
            if place is not None and place.name != owner.place.name:
                found.append(PlaceRef(match.start(), match.end(), place, "anaphor"))
        return found

    def _lead_up(self, view: _SentenceView, draft: _Draft) -> list[_Draft]:
        """"took X on 24 May after a five-day assault", "... after four days of heavy clashes":
        the fight that won X is an event of its own, at X, over the days counted back from the
        capture's date (a fight told without its length is only how the news came about)."""
        if draft.action not in ("capture", "recapture") or draft.date_from not in ("own", "running") or not draft.places:
            return []
        match = _LEAD_UP.search(self.masked, draft.trigger.end, min(view.sentence.end, draft.trigger.end + 200))
        if match is None or any(draft.trigger.end < a < match.start() for a, _ in self.trigger_spans):
            return []
        count = match.group("count") or match.group("count2") or "1"
        number = int(count) if count.isdigit() else NUMBERS.get(count.lower(), 1)
        unit = (match.group("unit") or match.group("unit2") or "week").lower().rstrip("s")
        days = number * UNIT_DAYS.get(unit, 1)
        action = "clash" if match.group("noun").lower().startswith(("clash", "fight", "battl", "combat")) else "attack"
        end = draft.span.end
        return [dataclasses.replace(draft, action=action, span=DateSpan(end - timedelta(days=days), end),
                                    places=[c for c in draft.places if not c.destination])]

    def _gapped(self, view: _SentenceView, draft: _Draft) -> list[_Draft]:
        """"took A on 14 October and B on 9 November": the verb is left out before B, which has
        a date of its own; one more event, at B on its date."""
        if draft.date_from != "own" or not draft.places or draft.action in ("withdraw", "linkup", "clash"):
            return []
        # (a passive's patient stands before its verb: the gap opens after the verb)
        last = max(max(c.ref.end for c in draft.places), draft.trigger.end)
        dates = [(expr, span) for expr, span, _, speech in view.dates if span is not None and not speech]
        if not any(draft.trigger.end < expr.start < view.sentence.end and expr.end <= last + 40 for expr, _ in dates):
            return []
        out = []
        for ref in view.refs:
            if ref.start <= last:
                continue
            gap = self.masked[last:ref.start]
            if not _GAPPED_BEFORE.fullmatch(gap) or any(last <= a < ref.start for a, _ in self.trigger_spans):
                break
            own = next((span for expr, span in dates if expr.start >= ref.end
                        and _DATE_LEAD.fullmatch(self.masked, ref.end, expr.start)), None)
            if own is None or own == draft.span or not any(last <= expr.start < ref.start for expr, _ in dates):
                break
            out.append(dataclasses.replace(draft, places=[Chosen(ref)], span=own, date_from="own"))
            last = ref.end
        return out

    def _place_from_context(self, draft: _Draft) -> None:
        """"... are now engaged in street clashes with ISIS": a statement naming no place goes
        on where the same sides were just fighting (the sentences before, same paragraph);
        so does ground counted, not named ("have taken 12 villages / 250 square kilometres")."""
        counted = draft.action not in CONTEXT_ACTIONS
        # "recaptured most of the lost positions": ground the text told of just before
        retaken = draft.action in ("capture", "recapture") and \
            _GROUND_TOLD_BEFORE.match(self.masked, draft.trigger.end, draft.trigger.end + 80) is not None
        if retaken:
            counted = False
        elif counted and not (draft.action in ("capture", "recapture") and
                              _COUNTED_GROUND.match(self.masked, draft.trigger.end, draft.trigger.end + 80)):
            return
        sides = {draft.actor, draft.target}
        for earlier in reversed(self.drafts):
            # (wire copy sets each sentence in a paragraph of its own: two sentences back is near)
            if earlier.sentence < draft.sentence - REFERENCE_SENTENCES:
                return
            if earlier.removed or not sides & {earlier.actor, earlier.target}:
                continue
            # (villages counted lie somewhere in a region, not in the town just named)
            places = [Chosen(c.ref) for c in earlier.places if not c.destination
                      and (not counted or c.ref.place.kind in WIDE_KINDS)]
            if places:
                # "... the terrorists who fled towards X": they left where the fight just was
                draft.places, draft.place_from = places + draft.places, "context"
                return

    def _sentence_subject(self, view: _SentenceView) -> None:
        """A sentence that states no event still says who the text is about: its subject
        ("The regime military has proclaimed...") is who a later "it" or passive means."""
        sentence = view.sentence
        for side in view.sides:
            if side.faction is None or side.role != "actor" or not self._usable_subject(side):
                continue
            if _SUBJECT_VERB.match(self.masked, side.end, min(sentence.end, side.end + 60)):
                if self.told_by is None:
                    self.told_by = self.running_actor
                self.running_actor, self.about = (side.faction, side.unit), None
                return
            break
        # Else the one side it names, if one ("... gains for the jihadists"), is whom a "they" means.
        named = {(s.faction, s.unit) for s in view.sides if s.faction and s.role == "actor"}
        if len(named) == 1 and next(iter(named))[0] != (self.running_actor or (None,))[0]:
            self.about = next(iter(named))

    def _read_triggers(self, view: _SentenceView, live: list[tuple[Trigger, str | None]]) -> None:
        """Drafts for the live triggers of a sentence, merged and remembered."""
        sentence = view.sentence
        cuts = sorted({t.start for t, _ in live if t.cuts_regions}
                      | {a for a, _ in view.bounds}
                      | {expr.start for expr, _, leading, _ in view.dates if leading})
        self.trigger_ends = {t.end for t, _ in live if t.cuts_regions} - {b for _, b in view.bounds}
        resumes = sorted({t.end for t, _ in live if t.cuts_regions}
                         | {b for _, b in view.bounds}
                         | {expr.end for expr, _, leading, _ in view.dates if leading})
        self.trigger_starts = [t.start for t, _ in live if t.cuts_regions]
        self.passive_starts = [t.start for t, _ in live if t.form == "passive" or (
            t.form == "swap" and _FELL_OR_HANDS.search(self.masked, t.start, t.end))]
        self.trigger_spans = [(t.start, t.end) for t, _ in live]
        view.object_starts = [t.end for t, _ in live if t.form != "passive" and (
            t.action != "clash" or _TRANSITIVE_CLASH.fullmatch(self.masked, t.start, t.end))]
        view.certainty = SentenceCertainty(self.masked[sentence.start:sentence.end],
                                           [(s.start - sentence.start, s.end - sentence.start)
                                            for s in view.sides if s.faction])
        made: list[_Draft] = []
        for trigger, converted in live:
            draft = self._draft(view, trigger, converted, cuts, resumes, live, made)
            if draft is not None:
                made.append(draft)
                made.extend(self._gapped(view, draft))
                made.extend(self._lead_up(view, draft))
        self._borrow_places(view, made)
        self._merge_repels(view, made)
        self._place_in_scene(view, made)
        self._places_included(view, made)
        made.extend(self._support_strikes(view, made))
        if view.sentence.start in self.box_results:
            for draft in made:
                if not draft.places and not draft.removed and self.box_places:
                    draft.places, draft.place_from = choose(self.masked, self.box.place[0], self.box_places,
                                                            draft.action), "scene"
        self._drop_back_references(view, made)
        self._drop_redundant(made)
        for draft in made:
            if draft.removed:
                continue
            if draft.actor_from in ("subject", "agent", "object", "sentence") and (
                    not draft.places or (draft.action == "withdraw" and all(c.destination for c in draft.places))):
                self._place_from_context(draft)
            if draft.action == "advance" and self.masked[draft.trigger.start:draft.trigger.start + 5].lower() == "enter" \
                    and _HANDED_OVER.search(self.masked, max(0, view.sentence.start - HANDOVER_CHARS), view.sentence.end):
                # "entered X after the last buses left", "... after the evacuation": the town
                # was handed over (a deployment "under an agreement" with its holder is not).
                draft.action = "capture"
            if draft.action == "advance" and self.masked[draft.trigger.start:draft.trigger.start + 5].lower() == "enter" \
                    and self._entered_unopposed(draft, made, view):
                draft.action = "capture"
            if draft.action == "withdraw" and any(c.destination for c in draft.places) and (
                    _EVACUATION.match(self.masked, draft.trigger.start, draft.trigger.end)
                    or (_FLIGHT.match(self.masked, draft.trigger.start, draft.trigger.end) and _TOWARDS.search(
                        self.masked, draft.trigger.end, min(c.ref.start for c in draft.places if c.destination)))
                    or _SENT_AWAY.search(self.masked, view.sentence.start, view.sentence.end)
                    or _OWN_GROUND.search(self.masked, draft.trigger.end,
                                          min(c.ref.start for c in draft.places if c.destination))):
                # "were evacuated to X", "left for A and B on buses under the deal": fighters
                # sent far away; "fell back to their territory in X": into their own ground. No
                # front line moved there.
                draft.places = [c for c in draft.places if not c.destination]
            if draft.action == "withdraw" and any(c.destination for c in draft.places):
                # "withdrew towards X": heading for X, not arrived there ("fell back to X" is)
                draft.places = [c for c in draft.places if not c.destination or not _HEADING_FOR.search(
                    self.masked, draft.trigger.end, c.ref.start)]
            if not draft.places:
                # A placeless statement still tells who is acting, if the text names them.
                if draft.actor_from in ("subject", "agent", "object"):
                    self._subject_memory(draft)
                continue
            self._drop_retold(draft)
            if not draft.places:
                continue
            self._remember(draft)
            if "support" not in draft.trigger.flags:
                self._subject_memory(draft)  # a supporting air arm is not who the text goes on about
            self.drafts.append(draft)
            for chosen in draft.places:
                self.told.setdefault((ACTION_CLASS[draft.action], draft.actor), {})[chosen.ref.place.name] = draft
        self._note_unresolved(view, live)

    def _resolve_dates(self, view: _SentenceView) -> None:
        sentence = view.sentence
        if self.recalled_restore is not None:
            first = next(iter(self.sentence_dates[sentence.start]), None)
            # "... three days later", "later that month": the sentence goes on in the recalled time.
            counts_on = first is not None and first.kind in _COUNTS_FROM_RUNNING
            # ("The group later expelled ...", "They first isolated X and took Y on 26 June": the
            # recap goes on, chained to it or naming a date as far back)
            first_span = resolve(first.shifted(sentence.start), self.ctx) if first is not None else None
            recap_goes_on = _CHAINED_ANYWHERE.search(self.masked, sentence.start, self._first_clause_end(sentence)) or \
                (first_span is not None and self._recalled(first_span, self.recalled_restore[0]))
            if not counts_on and not recap_goes_on and not _CARRIES_ON.match(self.masked, sentence.start, sentence.end):
                self.ctx.anchor = self.recalled_restore[0]
            self.recalled_restore = None
        view.anchor_before = self.ctx.anchor
        section_running = self.ctx.anchor if self.clock else None  # (a section's first date recalls nothing)
        self.ctx.forward = len(self.clock) >= 2 and self.clock[-1] > self.clock[-2] and \
            not _FLASHBACK.match(self.masked, sentence.start, sentence.end)
        restore: tuple[DateSpan | None] | None = None
        for expr in self.sentence_dates[sentence.start]:
            expr = expr.shifted(sentence.start)
            span = resolve(expr, self.ctx)
            if span is None and expr.kind in ("day", "month", "range") and not expr.has_year:
                self.undated_years += 1
            self.date_ends.add(expr.end)
            leading = self._opens_clause(view, expr)
            spoken = _SPEECH_BEFORE.search(self.masked[max(sentence.start, expr.start - 60):expr.start])
            # ("..., an official said, whereas in early June the army had ...": a new clause's own date)
            speech = bool(spoken) and not _NEW_CLAUSE.search(spoken.group(0))
            view.dates.append((expr, span, leading, speech))
            if span is None:
                continue
            remark = self._in_passing(view, expr)
            if remark is not None:
                # "The army, which had retaken X in March 2016, repelled ...": the remark's date
                # dates the remark alone; the story's clock stays where it was.
                view.passing[expr.start] = remark
                continue
            if speech:
                view.speech_span = DateSpan(span.end - timedelta(days=REPORT_WINDOW_DAYS), span.end)
                continue
            if span.background and expr.kind == "year" and leading and self.doc.date_source in ("text", "none") and \
                    _STORY_YEAR.match(self.masked, expr.start, expr.end):
                # "In 2016, the SDF ...", "During 2018 ...": a page with no date of its own moves
                # its story into that year (a news report's is background to its news)
                self.ctx.year, self.ctx.anchor = span.end.year, DateSpan(span.start, span.end)
                self.anchor_paragraph = sentence.paragraph
                continue
            if span.background or expr.kind == "lasting" or (expr.kind == "year_part" and expr.bound == "since"):
                # a year is history; "for three months" and "since mid-2012" end at the running
                # date or the report's, moving nothing
                continue
            if _PACT_DATED.search(self.masked, max(sentence.start, expr.start - 40), expr.start):
                continue  # "the truce agreed in May held": the pact's date, not the story's time
            if expr.kind in ("day", "range"):
                self.explicit_dates.append((expr.start, span))
            # "captured back on 8 October" in a December report dates its own sentence
            # ("... and two days later"), not the news the next sentences go on telling.
            if self._recalled(span, section_running):
                # (a chronicle's recap sentence as a whole: back to where the story was before it)
                restore = restore or ((view.anchor_before,) if self.narrative else (self.ctx.anchor,))
            else:
                restore = None
            self.ctx.anchor = span
            self.anchor_paragraph = sentence.paragraph
            self.clock.append(span.start)
            if expr.has_year or (self.ctx.year is not None and span.end.year > self.ctx.year):
                # (a year-less "On 3 January" after "On 19 December 2019", or "two days later"
                # across New Year, moves the story into the next year: "5 March" is then of it)
                self.ctx.year = span.end.year
        # The next sentence goes on in the recalled time only if it carries on its subject
        # ("It broke the siege..."); any other takes up the news again.
        self.recalled_restore = restore

    def _in_passing(self, view: _SentenceView, expr: DateExpr) -> tuple[int, int, bool] | None:
        """The remark a date is told in passing in, or None: a parenthesis; a relative clause
        in the pluperfect, or closed before the sentence goes on; a participle phrase ("Morek, a
        town first seized by rebels in April 2014, ...", "Having lost X in May, they ...").
        The flag: the main clause is told as following the remark ("Kurdish fighters, who
        crossed into X on Friday, shelled Y": after Friday), not as its background."""
        sentence = view.sentence
        remark = _FRONTED_PARTICIPLE.match(self.masked, sentence.start, expr.start)
        kind = "participle"
        for remark in _REMARK_OPEN.finditer(self.masked, sentence.start, expr.start):
            kind = remark.lastgroup
        if remark is None:
            return None
        inside = self.masked[remark.end():expr.start]
        if (")" in inside) if kind == "paren" else _REMARK_BREAK.search(inside):
            return None  # the remark closed before the date
        close = _REMARK_CLOSE[kind].search(self.masked, expr.end, sentence.end)
        end = close.start() if close is not None else sentence.end
        closed = close is not None and self.masked[close.end():sentence.end].strip(" .\n\"'”’") != ""
        if kind == "relative" and not (closed or _PLUPERFECT.search(inside)):
            return None  # "..., which entered X on 3 May.": a clause of the story
        if kind == "participle" and not closed and remark.group(0).startswith(","):
            return None  # "..., and the army advanced on X, taken by rebels on 3 May.": kept as told
        return remark.start(), end, kind == "relative" and not _PLUPERFECT.search(inside)

    def _first_clause_end(self, sentence: Sentence) -> int:
        stop = _CLAUSE_STOP.search(self.masked, sentence.start, sentence.end)
        return stop.start() if stop is not None else sentence.end

    def _recalled(self, span: DateSpan, running: DateSpan | None) -> bool:
        """Whether a published report names a date well before its story's: a news report's,
        before its own date; a chronicle's, before where its section had got to ("took X on
        9 September, completing a campaign that began with the fall of Y on 28 March")."""
        if self.doc_date is None or self.doc.date_source == "text":
            return False
        if not self.narrative:
            return span.end < self.doc_date - timedelta(days=RECALLED_DAYS)
        return running is not None and span.end < running.start - timedelta(days=RECALLED_DAYS)

    def _opens_clause(self, view: _SentenceView, expr: DateExpr) -> bool:
        """Whether a date opens its clause ("On 3 May, X...", "..., and two days later X..."),
        dating what follows, rather than closing a verb phrase ("X took Y on 3 May")."""
        sentence = view.sentence
        if _LEADING_BEFORE.search(self.masked[max(sentence.start, expr.start - 25):expr.start]):
            return True
        before = self.masked[clauses.clause_start(view.bounds, sentence.start, expr.start):expr.start]
        return not _PREPOSITION_ONLY.sub("", before)

    def _live_triggers(self, view: _SentenceView) -> list[tuple[Trigger, str | None]]:
        """Triggers that state a real event, with the action they turn into (siege for an
        unrealised siege break)."""
        sentence = view.sentence
        live = []
        for trigger in view.triggers:
            if trigger.form in ("reference", "description"):
                continue
            if trigger.action == "clash" and _CASUALTIES_IN.search(self.masked, max(sentence.start, trigger.start - 60),
                                                                  trigger.start) and not self._place_follows(view, trigger):
                continue  # "a dozen men died during three days of fighting": a toll, the fight told elsewhere
            begin = clauses.clause_start(view.bounds, sentence.start, trigger.start)
            if clauses.is_negated(self.masked, begin, trigger.start):
                if trigger.action == "siege_lifted":
                    live.append((trigger, "siege"))
                continue
            if clauses.is_near_miss(self.masked, begin, trigger.start, trigger.end, "near" in trigger.flags):
                continue
            if clauses.is_irrealis(self.masked, self._own_subject(view, begin, trigger), trigger.start, sentence.end) or (
                    (trigger.form == "nominal" or _NOUN_DETERMINER_BEFORE.search(self.masked, max(begin, trigger.start - 20),
                                                                                 trigger.start) or self._gerund_subject(begin, trigger))
                    and clauses.is_irrealis_after(self.masked, trigger.end, sentence.end)) or (
                    trigger.form in ("nominal", "nominal_of") and clauses.is_judged_after(self.masked, trigger.end, sentence.end)):
                # ("the assault will start", "the next target is expected to be X", "retaking X
                # could take months": an event named as a subject, told as future or possible)
                if trigger.action == "siege_lifted":
                    live.append((trigger, "siege"))
                continue
            if "direct" in trigger.flags and trigger.form != "passive" and not self._place_follows(view, trigger) and not (
                    trigger.action == "capture" and _COUNTED_GROUND.match(self.masked, trigger.end, trigger.end + 80)):
                continue
            live.append((trigger, None))
        # "Russian air strikes hit X", "ISIS attacks targeted Y": the noun is the subject of
        # the verb right after it, one event told by the verb.
        # "X was struck by hundreds of air strikes": the noun is the passive's agent, one event
        # told by the verb.
        return [(t, c) for i, (t, c) in enumerate(live)
                if not (t.form == "nominal" and i + 1 < len(live) and live[i + 1][0].form == "verb"
                        and live[i + 1][0].action in ("attack", "airstrike")
                        and not self.masked[t.end:live[i + 1][0].start].strip())
                and not (t.form == "nominal" and i > 0 and live[i - 1][0].form == "passive"
                         and live[i - 1][0].action in ("attack", "airstrike")
                         and _AGENT_NOUN_GAP.fullmatch(self.masked, live[i - 1][0].end, t.start))]

    def _own_subject(self, view: _SentenceView, begin: int, trigger: Trigger) -> int:
        """Where the trigger's own coordinated clause begins when a side opens it right before
        the verb ("X were preparing to enter Y, and the army had secured Z": the plan is
        another subject's), else ``begin``."""
        for side in reversed(view.sides):
            if side.end > trigger.start:
                continue
            if side.start < begin:
                break
            if side.faction and _COORDINATED_SUBJECT_BEFORE.search(self.masked, begin, side.start) \
                    and _AUXILIARIES.fullmatch(self.masked, side.end, trigger.start):
                return side.start
            break
        return begin

    def _place_follows(self, view: _SentenceView, trigger: Trigger) -> bool:
        for ref in view.refs:
            if ref.start >= trigger.end:
                return bool(_DIRECT_GAP.match(self.masked[trigger.end:ref.start]))
        return False

    # --- one trigger --------------------------------------------------------------------------

    def _draft(self, view: _SentenceView, trigger: Trigger, converted: str | None, cuts: list[int],
               resumes: list[int], live: list, made: list[_Draft]) -> _Draft | None:
        sentence = view.sentence
        object_end = min([c for c in cuts if c >= trigger.end] + [sentence.end])
        subject_start = max([r for r in resumes if r <= trigger.start] + [sentence.start])
        action = converted or trigger.action
        actor, unit, actor_from, subject_side = self._actor(view, trigger, subject_start, object_end, action, made)
        giver = next((side for side in reversed(view.sides) if "deal" in trigger.flags and side.faction and
                      sentence.start <= side.start and side.end <= trigger.start <= side.end + 80), None)
        if giver is not None:
            # "X deployed after the rebels in Y agreed to leave": a deal is given by the side right
            # before its verb, not by the main clause's subject.
            actor, unit, actor_from, subject_side = giver.faction, giver.unit, "subject", giver.faction
        owner = next((s for s in view.sides if trigger.start <= s.start < trigger.end and s.faction
                      and _POSSESSIVE_AFTER.match(self.masked[s.end:s.end + 3])), None)
        if converted == "siege" and owner is not None:
            actor, unit, actor_from = owner.faction, owner.unit, "subject"
        if actor is None and not (trigger.form == "lost" and trigger.flags & {"noun_of", "deal"}):
            return None  # ("the loss of X to Y" needs no loser named: Y is who takes it)
        followed = self._headline_factions()
        side_of_clash = None
        if action == "clash" and actor_from == "running" and len(followed) == 1 and actor not in followed \
                and not any(s.faction and s.start < trigger.end + 40 for s in view.sides):
            # "Fighting continued in X", no side named: fighting has no agent, so it is the
            # side the report follows (its headline's) fighting the one that acted last.
            side_of_clash, (actor,), unit = actor, followed, None
        if trigger.form == "passive" and actor_from != "agent" and action in ("capture", "recapture") and \
                _BACKGROUND_PASSIVE.search(self.masked, max(subject_start, trigger.start - 30), trigger.start):
            # "..., after being expelled from X last month": history told of the patient, by
            # nobody the text names; a guessed agent would put a wrong side on the map.
            return None
        if action == "withdraw" and _CIVILIANS_BEFORE.search(self.masked, max(subject_start, trigger.start - 50),
                                                             trigger.start):
            return None
        if action == "advance" and _CONVOY_BEFORE.search(self.masked, max(subject_start, trigger.start - 60), trigger.start):
            # "a Turkish military convoy entered Idlib", "reinforcements moved towards X": a force moved
            # to ground its side holds or is let into, no ground taken or fought for
            return None
        if trigger.form == "swap":
            target = subject_side
        elif trigger.form in ("failed_to", "lost"):
            target = actor
        else:
            target = self._target_in(view, trigger, subject_start, object_end, actor, action) or side_of_clash
        if action == "attack" and "air" not in trigger.flags and self._air_subject(subject_start, trigger):
            action = "airstrike"  # "Russian jets attacked X", "the aviation of the alliance shelled X"
        if action == "attack" and "air" in trigger.flags:
            begin = clauses.clause_start(view.bounds, sentence.start, trigger.start)
            # (the US-led coalition fought in Syria from the air: "the coalition struck X" is a strike)
            if _AIR_WORDS.search(self.masked[begin:min(sentence.end, object_end + 40)]) or \
                    self._air_subject(subject_start, trigger) or actor == "coalition":
                action = "airstrike"
            elif trigger.noun is None and self.masked[trigger.start:trigger.end].lower().startswith("destroy") \
                    and not _MATERIEL_AFTER.match(self.masked, trigger.end, min(sentence.end, trigger.end + 60)):
                return None  # "destroyed houses": no fight ("destroyed an army tank near X" is one)
        goods = _NOT_TERRITORY.match(self.masked, trigger.end, min(object_end, trigger.end + 60)) \
            if action in ("capture", "recapture") and trigger.form in ("verb", "lost") and "deal" not in trigger.flags else None
        if goods is not None and not _DRIVEN_FROM.match(self.masked, trigger.start, min(object_end, trigger.end + 60)) \
                and not any(trigger.end <= r.start < goods.end() for r in view.refs):  # "took X, where 3 soldiers..."
            return None  # "seized a shipment of arms in X", "captured 20 fighters": no ground taken
        places, place_from = self._places(view, trigger, subject_start, object_end, action)
        if not places and trigger.form == "passive":
            # "X, captured by ISIS in 2015, was retaken on Monday": history told in apposition
            # stands between the main verb and its subject.
            apposition = _APPOSITION_BEFORE.search(self.masked, max(sentence.start, trigger.start - 160), trigger.start)
            if apposition is not None:
                begin = clauses.clause_start(view.bounds, sentence.start, apposition.start())
                places, place_from = self._places(view, trigger, begin, object_end, action)
        if places and all(c.ref.place.kind in WIDE_KINDS for c in places) and \
                self._unknown_name(trigger.end, places[0].ref.start, view):
            # "captured the villages of A, B and C in southern Idlib", A-C unknown to the
            # gazetteer: the province only locates them; no event rather than a wrong one.
            places, place_from = [], "none"
        if trigger.form in ("failed_to", "lost"):
            # "A failed to take X", "A lost X (to B)": the other side holds or takes it.
            actor = self._object_side(view, trigger, object_end, exclude=target) or \
                (self._fallback_target(target, places) if target else None)
            unit = None
        if actor is None:
            return None
        span, date_from = self._date_for(view, trigger, live)
        if span is not None and span.background:
            return None
        told_span = self._since_span(view, trigger, span or self.default_span)
        if date_from == "running" and told_span is span and span is not None:
            told_span = self._earlier_span(view, trigger, span)
        if told_span is None:
            return None
        if told_span is not (span or self.default_span):
            span = told_span
        if action == "attack" and "offensive" in trigger.flags and places and \
                _OFFENSIVE_AIM.search(self.masked[trigger.end:places[0].ref.start]) and \
                not any(trigger.end <= other.start < places[0].ref.start and other.action == "attack"
                        for other in view.triggers):
            action = "advance"  # an offensive on / towards X ("began with attacks on X": attacks)
        if action in ("capture", "recapture") and _AGAIN_AFTER.match(self.masked[trigger.end:object_end + 30]):
            action = "recapture"
        certainty = view.certainty.at(trigger.start - sentence.start)
        if certainty == "denied" and view.certainty.rejects(trigger.start - sentence.start):
            # "X denied that its fighters had left Y": the claim it rejects is told (and
            # weighed) where it is made; the denial's words are no event of their own.
            return None
        entry = bool(_ENTRY.search(self.masked[trigger.start:trigger.end])) or \
            ("push" in trigger.flags and self.masked[trigger.end:trigger.end + 6].lstrip().lower().startswith("into"))
        # (a link-up joins its side's own held ground, and a place taken is the one named in the
        # object, not ground "X-held" told after it: "the fall of X linked the rebel-held A with B")
        held_reach = object_end + 40 if action in ("airstrike", "attack", "clash", "siege") else \
            min(object_end, places[0].ref.end) if places else object_end
        if actor_from in ("running", "sentence", "right") and action != "linkup" and any(
                side.role == "held" and side.faction == actor and trigger.start <= side.start < held_reach
                for side in view.sides):
            # "air strikes on opposition-held positions" told after an opposition attack: the
            # side holding the target is not the one striking it.
            target, actor, unit = actor, self.enemies.get(actor) or PRIOR_ENEMY[actor], None
        if action == "airstrike" and actor not in AIR_SIDES and actor_from in ("running", "sentence", "right"):
            # Strikes told without whose they are ("struck by hundreds of air strikes"): not
            # the ground side the text was following, but an air arm fighting it.
            air = next((s for s in (self.enemies.get(actor), PRIOR_ENEMY.get(actor)) if s in AIR_SIDES), None)
            if air is not None:
                target, actor, unit = actor, air, None
        if target is None and action != "linkup":
            target = self._fallback_target(actor, places, avoid=self._listed_partner(view, subject_start, trigger, actor))
        if target == actor:
            target = self._fallback_target(actor, places, avoid=actor)
        if action == "linkup":
            target = None
        draft = _Draft(trigger, action, actor, target, unit, places, span or self.default_span, certainty,
                       sentence.start, sentence.end, view.index, sentence.paragraph, 0.0, actor_from,
                       place_from, date_from, entry, subject=subject_side,
                       background=date_from in ("running", "default") and self._in_fronted_recall(view, trigger))
        draft.defender = actor_from == "subject" and any(
            side.role == "defender" and subject_start <= side.start < trigger.start for side in view.sides)
        return draft

    def _listed_partner(self, view: _SentenceView, subject_start: int, trigger: Trigger, actor: str | None) -> str | None:
        """The side listed with the actor in the subject ("HTS and the NLF retook X": the NLF),
        which fights beside it and is not its target."""
        subject = [s for s in view.sides if subject_start <= s.start < trigger.start and s.faction]
        for side in subject:
            before = self._listed_in(side)
            if before is not None and {before.faction, side.faction} > {actor} and before.start >= subject_start:
                return side.faction if before.faction == actor else before.faction
        return None

    def _in_relative_clause(self, start: int, position: int) -> bool:
        """Whether ``position`` lies in a relative clause opened after ``start`` and not closed
        before it ("took X, which lies west of Y, on 3 May": the date is the main verb's)."""
        opened = None
        for opened in _RELATIVE_OPEN.finditer(self.masked, start, position):
            pass
        return opened is not None and "," not in self.masked[opened.end():position]

    def _since_span(self, view: _SentenceView, trigger: Trigger, span: DateSpan) -> DateSpan | None:
        """"besieged since the fall of X": the fall came before the sentence's time (in the
        month before it, unless a date of its own follows); "they have since taken X", "Since
        the fall of X in May, they have taken Y": from the running time up to the report's;
        "a year after the fall of X": that long before it; "the anniversary of the fall of X":
        some year before, no date to tell (None)."""
        before = self.masked[max(view.sentence.start, trigger.start - 40):trigger.start]
        if trigger.form in ("nominal", "nominal_of"):
            after = _TIME_AFTER_NOUN.search(before)
            if after is not None and after.group("u") is None:
                return None
            if after is not None:
                unit = after.group("u").lower().rstrip("s")
                count = NUMBERS.get(after.group("n").lower(), 0) if not after.group("n").isdigit() else int(after.group("n"))
                if count:
                    days = count * (365 if unit == "year" else UNIT_DAYS[unit])
                    slack = {"year": 31, "month": 10, "week": 2, "day": 0}[unit]
                    return DateSpan(span.start - timedelta(days=days + slack), span.end - timedelta(days=days - slack))
        before = before[-16:]
        if trigger.form in ("nominal", "nominal_of") and _SINCE_NOUN.search(before) and not any(
                trigger.end <= expr.start < trigger.end + SINCE_OWN_DATE_CHARS for expr, *_ in view.dates):
            return DateSpan(span.start - timedelta(days=RECALL_WINDOW_DAYS), span.start - timedelta(days=1))
        if self.doc_date is None or span.end >= self.doc_date:
            return span
        if _HAVE_SINCE.search(before):
            return DateSpan(span.start, self.doc_date)
        fronted = _FRONTED_SINCE.match(self.masked, view.sentence.start, trigger.start)
        if fronted and all(expr.end <= fronted.end() for expr, *_ in view.dates):
            # "Since the capture of X in March, the army has advanced on Y": from then to now
            return DateSpan(span.start, self.doc_date)
        return span

    def _earlier_span(self, view: _SentenceView, trigger: Trigger, span: DateSpan) -> DateSpan:
        """"Earlier in the offensive, it had taken X", "Before that, ...", "had already taken X"
        after a dated sentence: before the running date (the month before it; "earlier in
        the week": that week), not on it."""
        fronted = _EARLIER_OPENING.match(self.masked, view.sentence.start, trigger.start)
        inline = _EARLIER_INLINE.search(self.masked, max(view.sentence.start, trigger.start - 30), trigger.start)
        if fronted is None and inline is None:
            return span
        unit = (fronted.group("u") or "").lower() if fronted is not None else ""
        if unit == "day":
            return span
        back = {"week": span.start.weekday(), "month": span.start.day - 1}.get(unit, RECALL_WINDOW_DAYS)
        if back <= 0:
            return span
        return DateSpan(span.start - timedelta(days=back), span.start - timedelta(days=1))

    def _unknown_name(self, start: int, end: int, view: _SentenceView) -> bool:
        """Whether ``masked[start:end]`` names a place the gazetteer does not know (a capitalised
        name that is neither a known place nor a side)."""
        for match in _PROPER_NAME.finditer(self.masked, start, end):
            if match.group(0) in _NOT_NAMES:
                continue
            # (a name touching a side's is its long form: "Harakat Ahrar al-Sham al-Islamiyya")
            inside = any(s.start - 1 <= match.end() and match.start() <= s.end + 1 for s in view.sides) or \
                any(r.start <= match.start() < r.end for r in view.refs)
            if not inside:
                return True
        return False

    def _air_subject(self, subject_start: int, trigger: Trigger) -> bool:
        """Whether an air arm named just before the verb is what acts (not "backed by air
        support, the army attacked X")."""
        air = None
        for air in _AIR_WORDS.finditer(self.masked, max(0, trigger.start - AIR_SUBJECT_CHARS), trigger.start):
            pass
        if air is None:
            return False
        if _RELATIVE_VERB_GAP.fullmatch(self.masked, air.end(), trigger.start):
            return True  # "with cover from Russian warplanes, which pounded X": the planes act
        return air.start() >= subject_start and \
            not _SUPPORT_BEFORE.search(self.masked, self.low, max(0, air.start() - 60), air.start())

    def _in_fronted_recall(self, view: _SentenceView, trigger: Trigger) -> bool:
        """Whether ``trigger`` lies in a fronted "Following / After X (, which ...)," phrase,
        before the main clause's subject: what it tells happened before the main clause."""
        opening = _FRONTED_RECALL.match(self.masked, view.sentence.start, trigger.start)
        if opening is None:
            return False
        return any(s.start >= trigger.end and s.faction and s.role in ("actor", "pronoun")
                   and _CLAUSE_INITIAL.search(self.masked[max(0, s.start - 8):s.start]) for s in view.sides)

    def _entered_unopposed(self, draft: _Draft, made: list[_Draft], view: _SentenceView) -> bool:
        """"entered X without resistance", "entered X, and its defenders withdrew": the side
        entering took the place (its holder left or gave no fight), not only pushed into it."""
        if _UNOPPOSED.match(self.masked, draft.trigger.end, view.sentence.end):
            return True
        names = {c.ref.place.name for c in draft.places}
        return any(other is not draft and not other.removed and other.action == "withdraw" and other.actor != draft.actor
                   and frozenset({other.actor, draft.actor}) not in self.allies
                   # (a later clause's place is yet to be read: "..., and the city's defenders withdrew")
                   and (other.defender or names & {c.ref.place.name for c in other.places}) for other in made)

    def _subject_memory(self, draft: _Draft) -> None:
        """The side that acted last, as a later "they" or "the city was taken" means it."""
        self.told_by = self.about = None
        form = draft.trigger.form
        subject = draft.subject if form == "swap" else draft.actor
        if form in ("failed_to", "lost"):
            subject = draft.target
        # ("Hundreds were evacuated from X": those who left are whom the text goes on about)
        if subject and (form != "passive" or draft.action == "withdraw" or self._passive_winner(draft)) \
                and not draft.defender:
            self.running_actor = (subject, draft.unit if subject == draft.actor else None)

    def _gerund_subject(self, begin: int, trigger: Trigger) -> bool:
        """Whether the trigger is a gerund opening its clause ("Capturing X will take months")."""
        word = self.masked[trigger.start:trigger.end].split()[0].lower()
        return word.endswith("ing") and not self.masked[begin:trigger.start].strip(" ,;:\"“”'‘’-\n")

    def _passive_winner(self, draft: _Draft) -> bool:
        """A place told as taken ("X was liberated", "Y was seized by the rebels") by a side other
        than the one the text followed, named as the agent or the winner over a side that just
        withdrew: the text now follows the winner ("The terrorists fled. X was liberated. The
        forces advanced on Y": the forces are X's liberators, not those who fled)."""
        running = (self.running_actor or (None,))[0]
        return draft.action in ("capture", "recapture") and draft.actor is not None and draft.actor != running \
            and draft.actor_from in ("agent", "running")

    def _title(self) -> str:
        """The title, else the first line after the metadata lines ("date: ...") at the top."""
        lines = [self.doc.title or ""] + self.doc.text[:1500].split("\n")[:6]
        title = next((line for line in lines if line.strip() and not _META_LINE.match(line)), "")
        return title if len(title) <= 200 else ""

    def _report_period(self) -> DateSpan | None:
        """The days a summary's title says it covers ("Weekly summary, August 18-24"): at most
        a month, not after the report."""
        for expr in find_dates(self._title()):
            span = resolve(expr, self.ctx) if expr.kind == "range" else None
            if span is not None and (span.end - span.start).days <= 31 and (
                    self.doc_date is None or span.end <= self.doc_date + timedelta(days=1)):
                return span
        return None

    # --- places and dates -----------------------------------------------------------------------

    def _places(self, view: _SentenceView, trigger: Trigger, subject_start: int, object_end: int,
                action: str) -> tuple[list[Chosen], str]:
        # "the siege of X was lifted": a place inside the trigger's words is its object.
        object_refs = [r for r in view.refs if trigger.start <= r.start and r.end <= object_end
                       and not self._patient_of_later(r, trigger)]
        subject_refs = [r for r in view.refs if subject_start <= r.start and r.end <= trigger.start]
        scene = self._scene_end(view)
        if trigger.form == "passive" and _BARE_FELL.fullmatch(self.masked, trigger.start, trigger.end):
            # "the town fell": only the place right before the verb; shells and soldiers fall too
            right_before = [r for r in subject_refs if _PATIENT_GAP.fullmatch(self.masked, r.end, trigger.start)]
            return ([Chosen(right_before[-1])], "subject") if right_before else ([], "none")
        if trigger.form in ("passive", "swap") and action == "capture" and \
                _FELL_OR_HANDS.search(self.masked, trigger.start, trigger.end):
            object_refs, subject_refs = subject_refs, object_refs
        if trigger.form == "passive" and not subject_refs and not object_refs:
            # "X, which the army took last year, was attacked": the patient is named before the
            # relative clause that holds the other trigger.
            relative = _RELATIVE_OPEN.search(self.masked, view.sentence.start, subject_start)
            if relative is not None:
                subject_refs = [r for r in view.refs if view.sentence.start <= r.start and r.end <= relative.start()]
        if trigger.form == "passive" and not subject_refs and not object_refs and \
                not self.masked[view.sentence.start:trigger.start].strip(" \t\"“'‘"):
            # "Seized by ISIS after a week of fighting, X fell silent": a sentence-opening
            # participle's patient is the subject right after its comma.
            comma = self.masked.find(",", trigger.end, view.sentence.end)
            after = [r for r in view.refs if comma >= 0 and r.start > comma]
            if after and _OPENING_PATIENT_GAP.fullmatch(self.masked, comma + 1, after[0].start):
                return [Chosen(after[0])], "subject"
        if "deal" in trigger.flags:
            # "the rebels in X agreed to leave for Y": the deal gives up where its side is, not
            # where it goes
            if subject_refs:
                return choose_nearest(self.masked, subject_refs), "subject"
            object_refs = [r for r in object_refs if not _DESTINED.search(self.masked, max(trigger.end, r.start - 30), r.start)]
        if trigger.form == "passive" and not subject_refs and not object_refs and trigger.action in ("withdraw", "repel"):
            # "A tried to storm X on Monday but were beaten back by B": the answer is where the
            # attempt was aimed.
            tried = _TRIED_BEFORE.search(self.masked, view.sentence.start, subject_start)
            if tried is not None:
                subject_refs = [r for r in view.refs if tried.end() <= r.start and r.end <= subject_start]
        if trigger.form == "passive" and subject_refs and (
                not object_refs or _CLAUSE_AFTER.match(self.masked, trigger.end)
                # ("X was taken by Y on 3 May, Z on 9 May": the place right before the verb is its patient)
                or (_BY_AGENT_AFTER.match(self.masked, trigger.end)
                    and _PATIENT_GAP.fullmatch(self.masked, subject_refs[-1].end, trigger.start)
                    and not _PLACE_IN_PHRASE_BEFORE.search(self.masked, max(0, subject_refs[-1].start - 20),
                                                           subject_refs[-1].start))
                # "X, captured on Friday by Y, lies ...": a participle in apposition is its place's
                or _APPOSED_GAP.fullmatch(self.masked, subject_refs[-1].end, trigger.start)):
            # "X was taken", "With X taken, ...": the patient is named before the verb.
            return choose_nearest(self.masked, subject_refs), "subject"
        if trigger.form == "verb" and action in _TRANSITIVE_ACTIONS:
            antecedent = next((r for r in reversed(view.refs) if r.end <= trigger.start), None)
            if antecedent is not None and _RELATIVE_OBJECT.fullmatch(self.masked, antecedent.end, trigger.start) and \
                    any(antecedent.end < side.start and side.end <= trigger.start for side in view.sides):
                # "advanced towards X, which they captured on 24 July": what "which" stands for
                # is the verb's object.
                return [Chosen(antecedent)], "object"
        chosen = choose(self.masked, trigger.end, object_refs, action)
        if action == "linkup":
            # "linked up with the fighters in X through Y": the two sides met at Y.
            through = [r for r in object_refs if _THROUGH_BEFORE.search(self.masked, max(trigger.end, r.start - 12), r.start)]
            if through:
                chosen = [Chosen(through[0])]
        if action == "withdraw":
            chosen = withdrawal_places(self.masked, trigger.end, object_refs, chosen)
        if chosen:
            return chosen, "object"
        if subject_start in self.trigger_ends and trigger.form != "passive":
            # What follows the trigger before is that trigger's object, not this one's scene.
            return [], "none"
        subject_refs = [r for r in subject_refs if r.start >= scene] or subject_refs
        if not subject_refs:
            return [], "none"
        return choose_nearest(self.masked, subject_refs), "subject"

    def _patient_of_later(self, ref: PlaceRef, trigger: Trigger) -> bool:
        """A place right before a later passive verb is that verb's ("X was taken on 3 May, and Y
        fell on 9 May": Y is not what was taken on 3 May)."""
        return any(start >= trigger.end and _PATIENT_GAP.fullmatch(self.masked, ref.end, start)
                   for start in self.passive_starts if start >= ref.end)

    def _scene_end(self, view: _SentenceView) -> int:
        """End of a sentence-opening "In eastern Homs," (a scene, not the goal)."""
        sentence = view.sentence
        opening = _SCENE_OPENING.match(self.masked[sentence.start:sentence.end])
        return sentence.start + opening.end() if opening else sentence.start

    def _closes_after_apposition(self, view: _SentenceView, expr: DateExpr) -> bool:
        """"entered X, the largest town of the area, on 18 July after ...": a date after a
        comma that a subordinate clause follows closes the verb phrase before it (it opens no
        clause of its own, as "..., and on 18 July X ..." does)."""
        return bool(_COMMA_DATE_BEFORE.search(self.masked, max(view.sentence.start, expr.start - 16), expr.start)
                    and _SUBORDINATE_AFTER.match(self.masked, expr.end))

    def _date_for(self, view: _SentenceView, trigger: Trigger, live: list) -> tuple[DateSpan | None, str]:
        live_starts = sorted(t.start for t, _ in live)
        next_start = min([s for s in live_starts if s > trigger.start] + [view.sentence.end])
        passing = view.passing
        usable = [(e, s, lead) for e, s, lead, speech in view.dates if s is not None and not speech
                  and (e.start not in passing or passing[e.start][0] <= trigger.start < passing[e.start][1])]
        for expr, span, leading in usable:
            if (span.background or expr.bound == "since") and any(trigger.end <= a < expr.start for a, _ in view.bounds):
                continue  # "took X, which they had held since (mid-)2012": the date is the holding's
            if expr.start > trigger.end and (self._in_relative_clause(trigger.end, expr.start) or
                                             _OTHER_VERB_DATED.search(self.masked, trigger.end, expr.start)):
                continue  # "entered X from Y, which they had taken the week before", "the caliphate it proclaimed in June"
            if (trigger.start < expr.start < next_start or (expr.bound == "since" and expr.start > trigger.start)) \
                    and expr.end > trigger.end and (
                    not leading or _CLAUSE_END_AFTER.match(self.masked[expr.end:expr.end + 2])
                    or self._closes_after_apposition(view, expr)):
                return span, "own"
        before = [(e, s, lead) for e, s, lead in usable if e.end <= trigger.start]
        leading_before = [s for e, s, lead in before if lead]
        if leading_before:
            return leading_before[-1], "own"
        if before:
            return before[-1][1], "own"
        followed = [s for e, s, _, speech in view.dates if s is not None and not speech and e.start in passing
                    and passing[e.start][2] and passing[e.start][1] <= trigger.start]
        running = view.anchor_before
        if followed and (running is None or running.start < followed[-1].start):
            # after the remark's date (and a running date before it), up to the report's
            end = followed[-1].end
            if self.doc_date is not None and self.doc.date_source not in ("text", "none"):
                end = max(end, self.doc_date)
            return DateSpan(followed[-1].start, end), "running"
        for expr, span, leading, speech in view.dates:
            if span is None or not span.background:
                continue
            event_time = leading or _IN_OR_DURING.match(self.masked[expr.start:expr.end]) \
                or _IN_OR_DURING_BEFORE.search(self.masked[max(0, expr.start - 8):expr.start])
            if event_time and (expr.start < trigger.start if leading else trigger.end <= expr.start < next_start):
                return span, "own"
        if view.speech_span is not None:
            return view.speech_span, "speech"
        if view.anchor_before is not None and self.doc_date is not None and self.doc.date_source != "text" and \
                view.anchor_before.end < self.doc_date - timedelta(days=1) and _PRESENT.search(
                    self.masked, max(view.sentence.start, trigger.start - 40), min(view.sentence.end, trigger.end + 40)):
            # "Clashes are still ongoing in X" after a paragraph of background: now, not then.
            return DateSpan(self.doc_date, self.doc_date), "own"
        if view.anchor_before is not None:
            return self._running_span(view, trigger), "running"
        return None, "default"

    def _told_history(self) -> bool:
        """Whether a published report's running date is older than its story reaches."""
        return self.ctx.anchor is not None and self.doc_date is not None and \
            self.doc.date_source not in ("text", "none") and \
            self.ctx.anchor.end < self.doc_date - timedelta(days=STORY_DAYS)

    def _running_span(self, view: _SentenceView, trigger: Trigger) -> DateSpan:
        """An undated statement's dates from the running date. In a published report, a new
        paragraph that names no date of its own (a new front, a new topic) is told some time
        between the last date named and the report's ("Regime artillery hit X on 4 September.
        // HTS repelled an assault near Y."), unless it chains on ("Then ...", "Later ...")."""
        running = view.anchor_before
        if self.doc_date is None or self.doc.date_source in ("text", "none") or \
                self.anchor_paragraph == view.sentence.paragraph or running.end >= self.doc_date or \
                self.paragraph_chains or _CHAINS_ON.match(self.masked, view.sentence.start, trigger.start) or \
                _CHAINED.search(self.masked, view.sentence.start, trigger.start):
            return running
        period = self.ctx.report_period
        if period is not None and period.start <= running.start:
            return DateSpan(running.start, max(running.end, period.end))  # a summary tells of its period
        return DateSpan(running.start, self.doc_date)

    # --- after the triggers of a sentence ---------------------------------------------------------

    def _borrow_places(self, view: _SentenceView, made: list[_Draft]) -> None:
        """Dependent statements without a place of their own ("..., when the convoy was hit by
        air-strikes", "then seizing two hamlets") take the place of their neighbour."""
        for draft in made:
            if draft.places or draft.trigger.form != "verb":
                continue
            for other in made:
                shared = [c for c in other.places if not c.destination]  # a place fallen back to was not fought at
                if shared and other.trigger.start > draft.trigger.end and \
                        _VERBS_SHARING.fullmatch(self.masked[draft.trigger.end:other.trigger.start]):
                    draft.places = shared
                    draft.place_from = "shared"
        for draft in made:
            # "retreated towards X after losing Y": a withdrawal told only by where it went left
            # the place its side lost in the same sentence.
            if draft.action != "withdraw" or not draft.places or not all(c.destination for c in draft.places):
                continue
            lost = next((d for d in made if d is not draft and d.action in ("capture", "recapture") and
                         d.target == draft.actor and any(not c.destination for c in d.places)), None)
            if lost is not None:
                draft.places = [Chosen(c.ref, c.approach) for c in lost.places if not c.destination]
                draft.place_from = "borrowed"
        for draft in made:
            if draft.places:
                continue
            dependent = draft.action in ("airstrike", "clash", "repel", "withdraw", "linkup") or \
                self.masked[draft.trigger.start:draft.trigger.end].split()[0].lower().endswith("ing") or \
                draft.trigger.form == "passive"
            if not dependent:
                continue
            lenders = [d for d in made if d.trigger.start < draft.trigger.start and d.places
                       and d.date_from == draft.date_from and (d.span == draft.span or draft.date_from != "own")]
            if lenders:
                lender = min(lenders, key=lambda d: abs(d.trigger.start - draft.trigger.start))
                draft.places = [Chosen(c.ref, c.approach) for c in lender.places]
                draft.place_from = "borrowed"
                continue
            # "a coalition airstrike killed the director in a strike on X": one strike, told
            # twice; the later mention gives the place, the first the side.
            repeat = next((d for d in made if d.trigger.start > draft.trigger.end and d.places and not d.removed
                           and d.action == draft.action == "airstrike" and d.actor_from in ("running", "sentence")
                           and draft.actor_from in ("subject", "agent")), None)
            if repeat is not None:
                draft.places, draft.place_from, draft.span, draft.date_from = \
                    repeat.places, "shared", repeat.span, repeat.date_from
                repeat.removed = True

    def _support_strikes(self, view: _SentenceView, made: list[_Draft]) -> list[_Draft]:
        """"The SDF, backed by coalition air strikes, took X": the strikes of a side other than
        the one acting are an event of their own, where and when it acted (a side's own air
        arm, "backed by the Russian Air Force" for the Army, is part of its event)."""
        strikes: list[_Draft] = []
        acted = [d for d in made if d.places and not d.removed and d.action in _SUPPORTED_ACTIONS]
        if not acted:
            return strikes
        for side in view.sides:
            if not side.faction or not _SUPPORT_BEFORE.search(self.masked, self.low, max(view.sentence.start, side.start - 60),
                                                             side.start):
                continue
            if not (_AIR_WORDS.search(side.text) or _AIR_AFTER.match(self.masked, side.end, view.sentence.end)):
                continue
            main = min(acted, key=lambda d: abs(d.trigger.start - side.start))
            if side.faction == main.actor or any(d.actor == side.faction and d.action == "airstrike" for d in made):
                continue
            trigger = Trigger(side.start, side.end, "airstrike", "nominal", frozenset({"support"}))
            strikes.append(_Draft(trigger, "airstrike", side.faction, main.target, side.unit,
                                  [Chosen(c.ref) for c in main.places if not c.destination], main.span,
                                  main.certainty, main.start, main.end, main.sentence, main.paragraph, 0.0, "agent",
                                  "shared", main.date_from, subject=side.faction, background=main.background))
        return [d for d in strikes if d.places]

    def _drop_retold(self, draft: _Draft) -> None:
        """A statement with no date of its own that tells again what a sentence just before
        told (the same side, kind of action and place: a quotation or a monitor confirming
        the lede) is that event, not a second one; a "retook" in the retelling makes it a
        recapture."""
        told = self.told.get((ACTION_CLASS[draft.action], draft.actor), {})
        if draft.date_from == "own":
            self._date_the_lede(draft, told)
            return
        if draft.date_from not in ("running", "default", "speech"):
            return
        kept = []
        for chosen in draft.places:
            earlier = told.get(chosen.ref.place.name)
            if earlier is None or earlier.removed or (draft.sentence - earlier.sentence > RETOLD_SENTENCES
                                                      and draft.date_from != "default"):
                kept.append(chosen)
            elif draft.action == "recapture" and earlier.action == "capture":
                earlier.action = "recapture"
        draft.places = kept

    def _date_the_lede(self, draft: _Draft, told: dict[str, _Draft]) -> None:
        """A headline or lede told on the report's date ("ISIS seizes X") and the body's dated
        telling of it ("seized X on Sunday") are one event, of the body's date: the lede's
        place goes (the first telling may have named other places too)."""
        headline = _HEADLINE.match(self.doc.text)
        headline_end = headline.end(1) if headline else -1
        for chosen in draft.places:
            earlier = told.get(chosen.ref.place.name)
            if earlier is None or earlier.removed or earlier.certainty == "denied" or \
                    not (earlier.date_from == "default" or earlier.trigger.start < headline_end) or \
                    not 0 < (earlier.span.start - draft.span.end).days <= LEDE_RETOLD_DAYS:
                continue
            earlier.places = [c for c in earlier.places if c.ref.place.name != chosen.ref.place.name]
            earlier.removed = not earlier.places
            if earlier.action == "recapture" and draft.action == "capture":
                draft.action = "recapture"

    def _drop_back_references(self, view: _SentenceView, made: list[_Draft]) -> None:
        """"Following the capture of X, ..." recalls an event already told: no second event."""
        for draft in made:
            if draft.trigger.form != "nominal_of" or not _RECALL_BEFORE.search(
                    self.masked[max(view.sentence.start, draft.trigger.start - 30):draft.trigger.start]):
                continue
            told = self.told.get((ACTION_CLASS[draft.action], draft.actor), {})
            draft.removed = draft.removed or any(c.ref.place.name in told for c in draft.places)

    def _drop_redundant(self, made: list[_Draft]) -> None:
        """"reached the besieged garrison of X, ending the siege": the siege is the state the
        sentence ends, not news of its own."""
        lifted = {c.ref.place.name for d in made if d.action == "siege_lifted" and not d.removed for c in d.places}
        for draft in made:
            if draft.trigger.form == "modifier" and draft.action in ("siege", "encircle") and \
                    {c.ref.place.name for c in draft.places} & lifted:
                draft.removed = True
        # "pushed on to X and captured it", "reached X, ending the siege": the advance is
        # how the capture or relief came about, not news of its own.
        reached: dict[tuple[str, str], list[_Draft]] = {}
        for d in made:
            if not d.removed and d.trigger.form != "modifier" and d.action in ("capture", "recapture", "siege_lifted"):
                for c in d.places:
                    if not c.approach:
                        reached.setdefault((d.actor, c.ref.place.name), []).append(d)
        for draft in made:
            if (draft.action == "advance" or (draft.action == "attack" and draft.trigger.noun == "operation")) \
                    and not draft.removed and draft.places:
                # (so too "started operations to clear X, capturing ..."; but an entry and a
                # capture of X each with a day of its own are two events)
                draft.places = [c for c in draft.places if not any(
                    not (d.date_from == draft.date_from == "own" and d.span != draft.span)
                    for d in reached.get((draft.actor, c.ref.place.name), ()))]
                draft.removed = not draft.places
        # "resumed operations north of X, targeting positions at Y": one statement of one
        # attack, at Y when the participle names a place, unless each telling has a date of its own.
        for first, second in zip(made, made[1:]):
            if first.action == "attack" and first.trigger.form == "nominal" and second.places and \
                    ACTION_CLASS[second.action] == "attack" and second.actor == first.actor and \
                    self.masked[second.trigger.start:second.trigger.end].lower().endswith("ing") and \
                    "," in self.masked[first.trigger.end:second.trigger.start]:
                first.removed = True
                if second.date_from != "own" and first.date_from == "own":
                    second.span, second.date_from = first.span, "own"
        seen: dict[tuple[str, str, str], _Draft] = {}
        for draft in made:
            if draft.removed or draft.trigger.form == "modifier":
                continue
            kept = []
            for chosen in draft.places:
                key = (draft.actor, ACTION_CLASS[draft.action], chosen.ref.place.name)
                first = seen.get(key)
                if first is None or (draft.date_from == first.date_from == "own" and draft.span != first.span):
                    seen.setdefault(key, draft)
                    kept.append(chosen)
                elif first.date_from != "own" and draft.date_from == "own":
                    first.span, first.date_from = draft.span, "own"
            if len(kept) != len(draft.places):
                draft.places = kept
                draft.removed = not kept
        # "abandoned X and fell back to Y": one withdrawal, from X.
        left = {d.actor for d in made if d.action == "withdraw" and not d.removed
                and any(not c.destination for c in d.places)}
        for draft in made:
            if draft.action == "withdraw" and draft.actor in left and draft.places and \
                    all(c.destination for c in draft.places):
                draft.removed = True

    def _places_included(self, view: _SentenceView, made: list[_Draft]) -> None:
        """"closing the ring round the enclave east of X, which includes the villages A, B and
        C": the places the region is said to include are the event's places."""
        for draft in made:
            if draft.removed or not draft.places or any(c.ref.place.kind not in WIDE_KINDS for c in draft.places):
                continue
            last = max(c.ref.end for c in draft.places)
            including = _INCLUDING.match(self.masked, last, view.sentence.end)
            if including is None:
                continue
            listed = []
            for ref in view.refs:
                if ref.start < including.end() or ref.place.kind in WIDE_KINDS:
                    continue
                if not _LIST_GAP.fullmatch(self.masked, listed[-1].end if listed else including.end(), ref.start):
                    break
                listed.append(ref)
            if listed:
                draft.places = [Chosen(ref) for ref in listed]

    def _place_in_scene(self, view: _SentenceView, made: list[_Draft]) -> None:
        """Last resort: a statement naming no place happens in the sentence's opening scene
        ("In eastern Hama, the attackers were repelled")."""
        scene_end = self._scene_end(view)
        scene = [r for r in view.refs if r.end <= scene_end]
        if not scene:
            return
        for draft in made:
            if not draft.places and not draft.removed:
                draft.places = choose(self.masked, view.sentence.start, scene, draft.action)
                draft.place_from = "scene"

    def _reference(self, draft: _Draft, made: list[_Draft], attacker: str | None) -> _Draft | None:
        """The attack (by ``attacker`` if known) that a repel answers: earlier in this sentence,
        else in the sentences just before it in the paragraph."""
        here = [d for d in made if d is not draft and d.trigger.start < draft.trigger.start and not d.removed]
        before = list(reversed(list(itertools.takewhile(
            lambda d: d.sentence >= draft.sentence - REFERENCE_SENTENCES, reversed(self.drafts)))))
        before = [d for d in before if d.paragraph == draft.paragraph and not d.removed]
        for candidate in reversed(before + here):
            if candidate.action in ("attack", "advance") and candidate.places \
                    and (attacker is None or candidate.actor == attacker):
                return candidate
        return None

    def _merge_repels(self, view: _SentenceView, made: list[_Draft]) -> None:
        for draft in list(made):
            if draft.removed:
                continue
            pushed_back = "pushed_back" in draft.trigger.flags and draft.trigger.form == "passive"
            if pushed_back and draft.actor_from == "agent" and draft.places and _ENDS_IN_OUT.search(
                    self.masked, draft.trigger.start, draft.trigger.end):
                # "ISIS fighters were forced / driven out of X by the army": expelled from X, which
                # the agent took (an attack beaten back is the other reading, below).
                draft.action, pushed_back = "capture", False
                continue
            if pushed_back and draft.actor_from == "agent":
                # "the assault was beaten back by X": X repelled it.
                draft.action, pushed_back = "repel", False
                draft.actor_from = "running"
            if draft.action != "repel" and not pushed_back:
                continue
            if pushed_back:
                attacker = draft.actor
            elif draft.trigger.form == "failed_ref" or draft.actor_from == "running":
                attacker = None
            else:
                attacker = draft.target
            answered = self._reference(draft, made, attacker)
            if pushed_back:
                same_side = answered is not None and answered.actor == draft.actor
                if not same_side:
                    continue
                attacker = draft.actor
                draft.action = "repel"
                draft.actor = answered.target or self._fallback_target(attacker, answered.places) or PRIOR_ENEMY[attacker]
                draft.target = attacker
                draft.places = list(answered.places)
                if not answered.entry:
                    answered.removed = True
                continue
            if answered is None:
                continue
            named = draft.actor_from in ("subject", "agent") and draft.actor != answered.actor
            if draft.trigger.form in ("failed_ref",) or draft.actor_from == "running" or not (draft.places or named):
                draft.actor, draft.target = (answered.target or draft.actor), answered.actor
            elif draft.target is None or draft.target == draft.actor:
                draft.target = answered.actor
            if not draft.places:
                draft.places = list(answered.places)
                draft.place_from = "answered"
                if answered.sentence != draft.sentence:
                    draft.span = answered.span
                    draft.start = min(draft.start, answered.start)
            if draft.actor == draft.target:
                draft.target = self._fallback_target(draft.actor, draft.places, avoid=draft.actor)
            if not answered.entry:
                answered.removed = True
            for other in made:
                if other.action == "withdraw" and other.actor == draft.target and other is not draft:
                    other.removed = True
        for draft in made:
            if draft.removed:
                continue
            if "pushed_back" in draft.trigger.flags and draft.trigger.form == "passive" and draft.action == "withdraw":
                draft.target = draft.target or self._fallback_target(draft.actor, draft.places)

    def _remember(self, draft: _Draft) -> None:
        if draft.action in ("capture", "recapture") and draft.trigger.form in ("passive", "nominal_of") \
                and draft.actor_from == "running" and draft.places:
            key = self._key(draft.places[0].ref)
            if self.stated_holders.get(key) == draft.actor and (self.holders.get(key) or [None])[-1] == draft.actor:
                # "ISIS had held X since 2015. On Friday the town was liberated": taken from its
                # holder, by whoever fights it, not by the side the text was about.
                holder = draft.actor
                draft.actor = self._fallback_target(holder, [], avoid=holder) or self.prior_enemy.get(holder)
                draft.target, draft.unit = holder, None
        if draft.target and frozenset({draft.actor, draft.target}) in self.allies:
            # A side's ally in the report's period is never its target.
            ally = draft.target
            draft.target = self._fallback_target(draft.actor, draft.places, avoid=ally)
            if draft.target == ally or draft.target == draft.actor:
                draft.target = self.prior_enemy.get(draft.actor)
        if draft.target:
            self.enemies[draft.actor] = draft.target
            self.enemies.setdefault(draft.target, draft.actor)
        if draft.certainty == "denied":
            return
        for chosen in draft.places:
            key = self._key(chosen.ref)
            if draft.action in ("capture", "recapture") and not chosen.approach:
                held = self.holders.setdefault(key, [])
                if draft.action == "capture" and draft.actor in held and held[-1] != draft.actor:
                    draft.action = "recapture"
                _hold(held, draft.actor)
            elif draft.action == "withdraw" and draft.target and not chosen.destination:
                _hold(self.holders.setdefault(key, []), draft.target)

    def _remember_holders(self, view: _SentenceView) -> None:
        for side in view.sides:
            if side.role == "actor" and side.faction and self._usable_subject(side):
                # "ISIS fighters had held Sukhnah since 2015", "the rebels, who controlled X": a holder told
                holding = _HOLDING_AFTER.match(self.masked, side.end, view.sentence.end)
                following = next((r for r in view.refs if holding and r.start == holding.end()), None)
                if following is not None:
                    self.stated_holders[self._key(following)] = side.faction
                    held = self.holders.setdefault(self._key(following), [])
                    if not held:
                        held.append(side.faction)
                continue
            if side.role != "held":
                continue
            following = next((r for r in view.refs if 0 <= r.start - side.end <= 45), None)
            if following is not None:
                held = self.holders.setdefault(self._key(following), [])
                if not held:
                    held.append(side.faction)

    def _deny_previous(self, index: int) -> None:
        for draft in reversed(self.drafts):
            if draft.sentence < index - 1:
                break
            if draft.sentence == index - 1 and draft.certainty in ("claimed", "reported"):
                draft.certainty = "denied"

    def _note_unresolved(self, view: _SentenceView, live: list) -> None:
        for trigger, _ in live:
            window_end = min(view.sentence.end, trigger.end + 80)
            for match in _NAME_CANDIDATE.finditer(self.masked, max(view.sentence.start, trigger.start), window_end):
                name = match.group("name")
                start = match.start("name")
                if name.split()[0] in _NOT_NAMES or name in _NOT_NAMES:
                    continue
                end = match.end("name")
                if any(a < end and start < b for a, b in _within_spans(self.mention_spans, view.sentence)):
                    continue
                if any(s.start <= start < s.end or start <= s.start < match.end("name") for s in view.sides):
                    continue
                self.unresolved.append(name)

    @staticmethod
    def _key(ref: PlaceRef) -> str:
        return ref.place.id or ref.place.name

    # --- events -------------------------------------------------------------------------------

    def _events(self) -> list[Event]:
        events: list[Event] = []
        # A province (or a region a phrase stands for) is an event's place only when its
        # sentence names no concrete place for the same side's same kind of action ("took A,
        # B and C in the Hama countryside, ... the whole pocket"): there it says where A-C lie.
        # A region named for itself ("secured the west bank after seizing A") is told of.
        concrete = {(d.start, d.actor, ACTION_CLASS[d.action]) for d in self.drafts if not d.removed
                    for c in d.places if c.ref.place.kind not in WIDE_KINDS and not c.destination}
        headline = _HEADLINE.match(self.doc.text)
        headline_end = headline.end(1) if headline else -1
        for draft in self.drafts:
            if draft.removed:
                continue
            if draft.trigger.start < headline_end:
                # A headline's province or region sums up what the report tells place by place.
                draft.places = [c for c in draft.places if c.ref.place.kind not in WIDE_KINDS]
            elif (draft.start, draft.actor, ACTION_CLASS[draft.action]) in concrete:
                draft.places = [c for c in draft.places if c.ref.place.kind not in WIDE_KINDS
                                or (c.ref.place.kind == "region" and c.ref.via == "name"
                                    and not self._locates(c.ref, draft.places))]
            elif draft.action == "attack" and draft.trigger.noun in _CAMPAIGN_NOUNS and (
                    (draft.start, draft.actor, "capture") in concrete or _DEFINED_AS.search(
                        self.masked, max(draft.start, draft.trigger.start - 50), draft.trigger.start)):
                # "launched an offensive in northern Hama, seizing A, B and C": the province says
                # where the towns it took lie; the offensive is told by them. "The Battle of X was
                # an offensive ... in the Y mountains": a page defines its campaign's whole area.
                draft.places = [c for c in draft.places if c.ref.place.kind not in WIDE_KINDS]
            # "entered the town of X, south-east of Y": the bearing says where X lies
            draft.places = [c for c in draft.places if not (_BEARING.match(c.ref.place.name) and any(
                o.ref.end <= c.ref.start and not _BEARING.match(o.ref.place.name) and o.ref.place.kind not in WIDE_KINDS and
                _APPOSITION_GAP.fullmatch(self.masked, o.ref.end, c.ref.start) for o in draft.places))]
            if draft.background:
                draft.span = self._before_next_date(draft)
            action = draft.action
            for chosen in draft.places:
                if chosen.ref.place.country not in ("SY", "", None):
                    continue  # Al Qaim, Mosul: the map is of Syria
                event_action = action
                if (action in ("capture", "recapture") and chosen.approach) or (
                        action == "capture" and draft.entry and chosen.ref.place.kind in WIDE_KINDS):
                    # At the gates of X, or into a province: ground gained, not the place.
                    event_action = "advance"
                events.append(self._event(draft, event_action, chosen))
        if any(d.date_from in ("default", "running") for d in self.drafts if not d.removed) and self.doc_date is None \
                and self.default_span.start == WIDE_START:
            self.warnings.append(f"{self.doc.name}: no document date found or usable (no --date, no date line or meta tag, "
                                 f"no date in its URL or text); undated events span {WIDE_START}..{date.today()}")
        return _deduplicate(events)

    def _locates(self, ref: PlaceRef, places: list[Chosen]) -> bool:
        """Whether a region only says where a place just before it lies ("took X, in the
        eastern Homs countryside,")."""
        return any(c.ref.end <= ref.start and c.ref.place.kind not in WIDE_KINDS and
                   _LOCATOR_GAP.fullmatch(self.masked, c.ref.end, ref.start) for c in places)

    def _before_next_date(self, draft: _Draft) -> DateSpan:
        """A recalled event's dates: the month before the next date named after it, not
        before the running date's start; its running date when no date follows."""
        index = bisect.bisect_right(self.explicit_dates, draft.trigger.end, key=lambda item: item[0])
        following = self.explicit_dates[index][1] if index < len(self.explicit_dates) else None
        if following is None:
            return draft.span
        end = following.start - timedelta(days=1)
        start = end - timedelta(days=RECALL_WINDOW_DAYS)
        if draft.date_from == "running" and start < draft.span.start <= end:
            start = draft.span.start
        return DateSpan(start, end)

    def _event(self, draft: _Draft, action: str, chosen: Chosen) -> Event:
        place = chosen.ref.place
        span = draft.span
        confidence = _confidence(draft, chosen)
        if self.doc_date is not None and not self.narrative and \
                (self.doc_date - span.end).days > HISTORY_CONFIDENCE_DAYS:
            # history a news report recalls is told in passing: wrong more often than its news
            confidence = round(max(0.01, confidence * HISTORY_CONFIDENCE), 3)
        uncertainty_km, place_id = place.uncertainty_km, place.id or None
        if chosen.destination:
            # Fell back *to* X: X was not lost, and the withdrawal happened somewhere on the way
            # there; a wide radius and no place id keep it off X's control.
            uncertainty_km, place_id = max(uncertainty_km, DESTINATION_UNCERTAINTY_KM), None
        key = f"{self.doc.content_hash}:{draft.start}:{draft.end}:{action}:{draft.actor}:{place.name}:{span.start}"
        return Event(
            id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], doc=self.doc.name,
            date_start=span.start, date_end=span.end, date_precision=span.precision, action=action,
            actor=draft.actor, target=draft.target, place=place.name, lat=round(place.lat, 5), lon=round(place.lon, 5),
            uncertainty_km=round(uncertainty_km, 1), unit=draft.unit, certainty=draft.certainty,
            start=draft.start, end=draft.end, confidence=confidence, place_id=place_id,
        )


def _hold(held: list[str], faction: str) -> None:
    """``faction`` is the latest holder: the sides that held a place, each once, the latest
    last (a place taken a thousand times keeps a list as short as the sides)."""
    if faction in held:
        held.remove(faction)
    held.append(faction)


def _within_spans(spans: list[tuple[int, int]], sentence: Sentence) -> list[tuple[int, int]]:
    first = bisect.bisect_left(spans, (sentence.start, -1))
    last = bisect.bisect_left(spans, (sentence.end, -1))
    return spans[first:last]


_START = operator.attrgetter("start")


def _within(items: list, start: int, end: int) -> list:
    """The items (sorted by ``start``) lying inside [start, end)."""
    first = bisect.bisect_left(items, start, key=_START)
    last = bisect.bisect_left(items, end, key=_START)
    return [item for item in items[first:last] if item.end <= end]


# The factors of an event's confidence, each about how often events read that way were
# right on the tuning parts of the seed, dev and fresh corpora (an actor or a date carried
# over from an earlier sentence, a place taken from the context, a province for a place, a
# denied statement, a withdrawal, a clash, an entry into a place and history a news report
# recalls are wrong more often; a passive or a noun is about as often right as a verb).
_FORM_CONFIDENCE = {"verb": 0.85, "passive": 0.85, "swap": 0.8, "failed_to": 0.8, "lost": 0.75, "failed_ref": 0.75,
                    "nominal": 0.8, "nominal_of": 0.7, "modifier": 0.65}
_ACTOR_CONFIDENCE = {"subject": 1.0, "agent": 1.0, "object": 1.0, "sentence": 0.95, "running": 0.75, "right": 0.8}
_PLACE_CONFIDENCE = {"object": 1.0, "subject": 0.9, "answered": 0.85, "shared": 0.85, "borrowed": 0.7, "scene": 0.6,
                     "context": 0.3, "none": 0.5}
_KIND_CONFIDENCE = {"governorate": 0.4, "region": 0.8, "district": 0.85}
_ACTION_CONFIDENCE = {"clash": 0.6, "withdraw": 0.5, "attack": 0.85}
# An event dated by its report alone is right about as often as a dated one, but its date is a
# guess: at 1.0 an undated "took central Homs province" passed the map's area bar (control.weights)
# and handed Sukhnah over five weeks early.
_DATE_CONFIDENCE = {"own": 1.0, "speech": 0.85, "running": 0.8, "default": 0.9}
# "entered X": often the capture of X the text goes on to tell, or the whole of it.
ENTRY_CONFIDENCE = 0.7
HISTORY_CONFIDENCE, HISTORY_CONFIDENCE_DAYS = 0.85, 60
_CERTAINTY_CONFIDENCE = {"stated": 1.0, "reported": 0.9, "claimed": 0.85, "denied": 0.3}


def _confidence(draft: _Draft, chosen: Chosen) -> float:
    value = _FORM_CONFIDENCE.get(draft.trigger.form, 0.7)
    value *= _ACTOR_CONFIDENCE.get(draft.actor_from, 0.85)
    value *= _PLACE_CONFIDENCE.get(draft.place_from, 0.8)
    value *= 0.85 if chosen.ref.via in ("anaphor", "between") else 1.0
    value *= 0.4 if chosen.destination else 1.0
    value *= max(0.5, min(1.0, chosen.ref.place.score))
    value *= _DATE_CONFIDENCE.get(draft.date_from, 0.8)
    value *= _CERTAINTY_CONFIDENCE[draft.certainty]
    value *= ENTRY_CONFIDENCE if draft.action == "advance" and draft.entry else 1.0
    value *= _KIND_CONFIDENCE.get(chosen.ref.place.kind, 1.0) * _ACTION_CONFIDENCE.get(draft.action, 1.0)
    return round(max(0.01, min(1.0, value)), 3)


_PART_OF_PLACE = re.compile(r"\s+\((?:[\w-]+\s+)?(?:outskirts|suburbs?|edge|side|part|parts|half|corner|tip)\)$")


def _deduplicate(events: list[Event]) -> list[Event]:
    """One event per (actor, kind of action, place, dates) — a report telling a capture twice
    ("recaptured X on 2 March", "... took control of X") is one capture, a recapture if either
    says so; of two whose dates nest, the narrower."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (event.actor, ACTION_CLASS[event.action], event.place, event.date_start, event.date_end)
        kept = best.get(key)
        if kept is None or event.confidence > kept.confidence:
            if kept is not None and kept.action == "recapture" and event.action == "capture":
                event = event.with_changes(action="recapture")
            best[key] = event
        elif event.action == "recapture" and kept.action == "capture":
            best[key] = kept.with_changes(action="recapture")
    groups: dict[tuple, list[Event]] = {}
    for event in best.values():
        # "the western edge of X" and X are one place for telling one event twice
        groups.setdefault((event.actor, ACTION_CLASS[event.action], _PART_OF_PLACE.sub("", event.place)), []).append(event)
    out = []
    for group in groups.values():
        # An event is wider when another's dates nest in its own: walking from the latest
        # start back, the smallest end seen so far tells it (no pairwise test).
        smallest_end = None
        for event in sorted(group, key=lambda e: (-e.date_start.toordinal(), e.date_end)):
            if smallest_end is None or smallest_end > event.date_end:
                out.append(event)
            smallest_end = event.date_end if smallest_end is None else min(smallest_end, event.date_end)
    out.sort(key=lambda e: (e.start, e.date_start, e.place))
    return out
