"""The one style table of the map: faction colours and names, action marks, the offline map style.

Faction colours follow the Okabe–Ito palette (safe for the common colour-vision deficiencies),
assigned so that the usual map conventions still read: government red-orange, ISIL black,
SDF yellow, rebels green, coalition blue.

Events are drawn with circles only (other Scattermap symbols need a sprite server): the inner
dot carries the actor's faction colour and a halo behind it carries the action's class, by
colour and size.
"""
from __future__ import annotations

from events.vocabulary import ACTION_CLASS

FACTION_COLOURS = {
    "government": "#D55E00",  # vermillion
    "isil": "#262626",        # near black
    "sdf": "#F0E442",         # yellow
    "rebels": "#009E73",      # bluish green
    "hts": "#56B4E9",         # sky blue
    "coalition": "#0072B2",   # blue
}
FACTION_NAMES = {
    "government": "Syrian government and allies",
    "isil": "ISIL",
    "sdf": "SDF",
    "rebels": "Rebels (FSA and others)",
    "hts": "HTS",
    "coalition": "US-led coalition",
}
# How a place or area with no known holder is shown (kepler.gl's nullValue).
UNKNOWN_FACTION_COLOUR = "#9E9E9E"
UNKNOWN_FACTION_NAME = "unknown"

TERRITORY_OPACITY = 0.42
NO_DATA_COLOUR = "#BDBDBD"          # ground farther than the radius from any known place
NO_DATA_OPACITY = 0.18
CONTESTED_COLOUR = "#CC79A7"        # reddish purple, kept out of the faction colours
CONTESTED_OPACITY = 0.55            # contested ground: its holder's colour, hatched with the rival's
STRIPE_WIDTH_PX = 2.0
STALE_OPACITY = 0.14                # ground whose evidence is older than the view's fade_days
BESIEGED_COLOUR = "#882255"         # the siege halo of event markers
BESIEGED_WIDTH_PX = 2.0
FRONT_LINE_COLOUR = "#B2182B"
FRONT_LINE_WIDTH_PX = 2.5

# Halo colour and size (px) per action class; the dot inside is the actor's faction colour.
ACTION_CLASS_STYLE = {
    "capture": {"halo": "#000000", "size_px": 17, "label": "capture / recapture"},
    "withdraw": {"halo": "#8C8C8C", "size_px": 15, "label": "withdrawal"},
    "siege": {"halo": "#882255", "size_px": 17, "label": "siege / encirclement"},  # not the contested pink
    "linkup": {"halo": "#E69F00", "size_px": 15, "label": "link-up / siege lifted"},
    "advance": {"halo": "#FFFFFF", "size_px": 13, "label": "advance"},
    "attack": {"halo": "#FFFFFF", "size_px": 10, "label": "attack / clash / repelled"},
    "airstrike": {"halo": "#56B4E9", "size_px": 13, "label": "airstrike"},
}
EVENT_DOT_SIZE_PX = 8
# A claim is drawn fainter than a stated or reported event; denied reports are hidden by default.
CERTAINTY_OPACITY = {"stated": 1.0, "reported": 0.9, "claimed": 0.6, "denied": 0.35}

ADVANCE_WIDTH_PX = 3.0
ADVANCE_MIN_OPACITY = 0.25          # the oldest arrow of the window still shows

OUTLINE_COLOUR = "#4D4D4D"
NEIGHBOUR_COLOUR = "#E3E0D8"
RIVER_COLOUR = "#4A90C2"
LABEL_COLOUR = "#303030"
GOVERNORATE_LABEL_COLOUR = "#7A7A7A"
BACKGROUND_COLOUR = "#F4F1EA"
# Beige, not white, so that the white halos of advances and attacks show in the legend.
LEGEND_BACKGROUND = "rgba(226, 221, 208, 0.9)"
FONT_FAMILY = "Open Sans Regular, Arial Unicode MS Regular"

# The offline base style: a background layer only. No ``glyphs`` key and no sprite, so MapLibre
# makes no network request; it draws label text with the browser's own fonts instead.
OFFLINE_MAP_STYLE = {
    "version": 8,
    "name": "front-line map offline",
    "sources": {},
    "layers": [
        {"id": "background", "type": "background", "paint": {"background-color": BACKGROUND_COLOUR}},
    ],
}


def faction_colour(faction: str | None) -> str:
    return FACTION_COLOURS.get(faction, UNKNOWN_FACTION_COLOUR)


def faction_name(faction: str | None) -> str:
    return FACTION_NAMES.get(faction, UNKNOWN_FACTION_NAME)


def action_style(action: str) -> dict:
    """Halo colour, size and legend label of an action (by its class in the vocabulary)."""
    return ACTION_CLASS_STYLE[ACTION_CLASS[action]]


def offline_map_style() -> dict:
    """A fresh copy of the offline style, safe for callers to modify."""
    return {
        **OFFLINE_MAP_STYLE,
        "layers": [dict(layer, paint=dict(layer["paint"])) for layer in OFFLINE_MAP_STYLE["layers"]],
    }

