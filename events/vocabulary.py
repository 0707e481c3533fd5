"""The shared vocabularies (see ../shared/DESIGN.md): faction ids, actions, certainty, precision.

Code, data files, tests and the command-line contracts all use exactly these strings.
"""
from __future__ import annotations

FACTIONS = ("government", "isil", "sdf", "rebels", "hts", "coalition")

ACTIONS = (
    "capture", "recapture", "advance", "attack", "repel", "withdraw",
    "encircle", "siege", "siege_lifted", "airstrike", "clash", "linkup",
)
# Only these change who holds a place; a denied report of them changes nothing.
CONTROL_ACTIONS = frozenset({"capture", "recapture", "withdraw"})
SIEGE_ACTIONS = frozenset({"encircle", "siege"})

CERTAINTIES = ("stated", "claimed", "reported", "denied")
DATE_PRECISIONS = ("day", "week", "month")

# Event matching classes used when scoring against gold annotations.
ACTION_CLASS = {
    "capture": "capture", "recapture": "capture",
    "siege_lifted": "linkup", "linkup": "linkup",
    "attack": "attack", "clash": "attack", "repel": "attack",
    "encircle": "siege", "siege": "siege",
    "advance": "advance", "withdraw": "withdraw", "airstrike": "airstrike",
}
