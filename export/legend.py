"""What the map's legend says: one list of entries for the exports' legend panel and the live map's.

``catalogue()`` holds every entry the map can show — each faction's ground, contested /
besieged / no-data ground, front lines, each faction's advances, the event marks of each action
class — in three sections (control, lines, events), each entry with a ``key``. An export's
legend lists the entries whose things its view draws inside its extent (``legend_sections``,
drawn by ``export.page``); the live map's legend (``assets/frontline.js``) lists the entries
whose keys the features on screen carry (``dashboard.map_sources`` tags every feature with
one), from ``catalogue_json()``. Colours and labels come from ``layers.style``; an area's
swatch is its fill mixed over the map's background (``swatch_fill``), so that it looks as the
ground does on the map.

Pure functions of plain values; nothing here draws.
"""
from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageColor
from shapely.geometry import Point, box

from events.vocabulary import ACTION_CLASS, FACTIONS
from layers import advances, style
from layers.event_markers import visible_events
from layers.territory import CONTESTED_KM, RADIUS_KM

MUTED_INK = "#555555"
# The fill of besieged ground, until the control package gives its own (issue 11).
BESIEGED_COLOUR = getattr(style, "BESIEGED_COLOUR", style.ACTION_CLASS_STYLE["siege"]["halo"])
BESIEGED_OPACITY = getattr(style, "BESIEGED_OPACITY", 0.5)


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: ``kind`` is 'area' (a ground swatch at ``opacity``), 'line' (front line),
    'arrow' (advance), 'marker' (an event's halo of ``size_px`` around a dot) or 'note' (a
    remark in small print, no symbol). ``key`` names what the entry stands for
    (``territory:<faction>``, ``contested``, ``besieged``, ``no_data``, ``front_line``,
    ``advance:<faction>``, ``event:<action class>``), for tests and the page's markup."""
    label: str
    color: str
    kind: str
    opacity: float = 1.0
    size_px: float = 14.0
    under: str | None = None    # the colour an area lies on in the map, so the swatch matches it
    key: str = ""

    @property
    def fill(self) -> str:
        """The swatch's fill as the map shows it (areas), else the entry's colour."""
        return swatch_fill(self.color, self.opacity, self.under) if self.kind == "area" else self.color


@dataclass(frozen=True)
class LegendSection:
    heading: str
    entries: tuple[LegendEntry, ...]


def swatch_fill(color: str, alpha: float, under: str | None = style.BACKGROUND_COLOUR) -> str:
    """``color`` at ``alpha`` as it looks over ``under`` (opaque), or translucent without it."""
    top = ImageColor.getrgb(color)[:3]
    if under is None:
        return f"rgba({top[0]},{top[1]},{top[2]},{alpha:g})"
    mixed = (round(alpha * t + (1 - alpha) * u) for t, u in zip(top, ImageColor.getrgb(under)[:3]))
    return "rgb({},{},{})".format(*mixed)


def catalogue() -> list[LegendSection]:
    """Every entry the map can show, in the legend's order; ``legend_sections`` (the exports) and
    the live map's legend (by the ``legend`` key of the features it draws) pick from it.
    The event section's heading names no window (``events_heading`` does)."""
    areas = [LegendEntry(style.faction_name(f), style.faction_colour(f), "area", style.TERRITORY_OPACITY,
                         under=style.BACKGROUND_COLOUR, key=f"territory:{f}") for f in FACTIONS]
    areas += [
        LegendEntry(f"contested (rivals < {CONTESTED_KM:g} km apart)", style.CONTESTED_COLOUR, "area",
                    style.CONTESTED_OPACITY, under=style.BACKGROUND_COLOUR, key="contested"),
        LegendEntry("besieged", BESIEGED_COLOUR, "area", BESIEGED_OPACITY, under=style.BACKGROUND_COLOUR,
                    key="besieged"),
        LegendEntry(f"no data (> {RADIUS_KM:g} km from known places)", style.NO_DATA_COLOUR, "area",
                    style.NO_DATA_OPACITY, under=style.BACKGROUND_COLOUR, key="no_data"),
    ]
    lines = [LegendEntry("front line", style.FRONT_LINE_COLOUR, "line", key="front_line")]
    lines += [LegendEntry(f"{style.faction_name(f)} advance", style.faction_colour(f), "arrow", key=f"advance:{f}")
              for f in FACTIONS]
    marks = [LegendEntry(mark["label"], mark["halo"], "marker", size_px=mark["size_px"], key=f"event:{action_class}")
             for action_class, mark in style.ACTION_CLASS_STYLE.items()]
    marks.append(LegendEntry(EVENT_NOTE, MUTED_INK, "note", key="note:events"))
    return [LegendSection("Control", tuple(areas)), LegendSection("Lines", tuple(lines)),
            LegendSection("Events", tuple(marks))]


EVENT_NOTE = "ring: action; dot: the actor's colour"
# The event section's heading by the window's length in days ("*": any other length).
EVENT_HEADINGS = {"1": "Events, the day", "*": "Events, last {n} days"}


def events_heading(window_days: int) -> str:
    return EVENT_HEADINGS.get(str(window_days), EVENT_HEADINGS["*"]).replace("{n}", str(window_days))


def present_keys(state, view, extent: tuple[float, float, float, float] | None = None) -> set[str]:
    """The keys of the catalogue's entries that the map of this view draws inside ``extent``
    (west, south, east, north; None: anywhere). Besieged ground counts once the territory
    carries it (``Territory.besieged``); the live map lists whatever its features say."""
    seen = box(*extent) if extent else None

    def shown(geometry) -> bool:
        return not geometry.is_empty and (seen is None or geometry.intersects(seen))

    def at(lat, lon) -> bool:
        return seen is None or seen.contains(Point(lon, lat))

    territory = state.territory
    keys = set()
    if "territory" in view.layers:
        keys |= {f"territory:{f}" for f, ground in territory.factions.items() if f in view.factions and shown(ground)}
        if any(f in view.factions and shown(g) for f, g in territory.contested_sides.items()):
            keys.add("contested")
        besieged = getattr(territory, "besieged", None)   # ground the control package may draw (issue 11)
        if besieged is not None and shown(besieged):
            keys.add("besieged")
        if shown(territory.no_data):
            keys.add("no_data")
    if "front_lines" in view.layers and any((a in view.factions or b in view.factions) and shown(g)
                                            for (a, b), g in territory.front_lines.items()):
        keys.add("front_line")
    if "advances" in view.layers:
        keys |= {f"advance:{a['event'].actor}" for a in advances.arrows(state, view)
                 if at(a["event"].lat, a["event"].lon)}
    if "events" in view.layers:
        keys |= {f"event:{ACTION_CLASS[e.action]}" for e in visible_events(state, view) if at(e.lat, e.lon)}
    if any(k.startswith("event:") for k in keys):
        keys.add("note:events")
    return keys


def legend_sections(state, view, extent: tuple[float, float, float, float] | None = None) -> list[LegendSection]:
    """The catalogue's entries that the map of this view shows inside ``extent``, for a legend.
    Sections may be empty; drawers skip them."""
    keys = present_keys(state, view, extent)
    sections = [LegendSection(section.heading, tuple(e for e in section.entries if e.key in keys))
                for section in catalogue()]
    sections[-1] = LegendSection(events_heading(view.window_days), sections[-1].entries)
    return sections


def catalogue_json() -> list[dict]:
    """The catalogue for the live map's legend (``assets/frontline.js``): per section its
    heading (the events' by window length, as ``events_heading``) and entries (key, label, kind,
    colour, swatch fill, size in px)."""
    sections = [{"heading": section.heading,
                 "entries": [{"key": e.key, "label": e.label, "kind": e.kind, "colour": e.color, "fill": e.fill,
                              "size": e.size_px} for e in section.entries]}
                for section in catalogue()]
    sections[-1]["headings"] = EVENT_HEADINGS
    return sections
