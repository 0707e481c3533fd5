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

from dataclasses import dataclass, replace

from PIL import ImageColor
from shapely.geometry import Point, box

from events.vocabulary import ACTION_CLASS, FACTIONS
from layers import advances, style
from layers.event_markers import visible_events
from control.captures import CONTESTED_DAYS
from layers import territory as territory_layer

MUTED_INK = "#555555"
# Contested ground is drawn in its holder's colour hatched with the rival's; the swatch shows a
# neutral holder and rival.
HATCH_GROUND = "#9E9E9E"
HATCH_STRIPES = "#444444"


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: ``kind`` is 'area' (a ground swatch at ``opacity``), 'hatch' (a ground
    swatch striped in ``stripes``), 'ring' (ground edged in ``color``), 'line' (front line),
    'arrow' (advance), 'marker' (an event's halo of ``size_px`` around a dot) or 'note' (a
    remark in small print, no symbol). ``key`` names what the entry stands for
    (``territory:<faction>``, ``stale``, ``contested``, ``besieged``, ``no_data``,
    ``front_line``, ``advance:<faction>``, ``event:<action class>``), for tests and the page's
    markup; in ``label``, ``{n}`` is the view's fading age in days."""
    label: str
    color: str
    kind: str
    opacity: float = 1.0
    size_px: float = 14.0
    under: str | None = None    # the colour an area lies on in the map, so the swatch matches it
    key: str = ""
    stripes: str | None = None

    @property
    def fill(self) -> str:
        """The swatch's fill as the map shows it (areas), else the entry's colour."""
        if self.kind in ("area", "hatch"):
            return swatch_fill(self.color, self.opacity, self.under)
        return self.color


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
    under = style.BACKGROUND_COLOUR
    areas = [LegendEntry(style.faction_name(f), style.faction_colour(f), "area", style.TERRITORY_OPACITY,
                         under=under, key=f"territory:{f}") for f in FACTIONS]
    areas += [
        LegendEntry(STALE_LABEL, HATCH_GROUND, "area", style.STALE_OPACITY, under=under, key="stale"),
        LegendEntry(f"contested: the holder's colour, hatched in the rival's (rival claims within "
                    f"{CONTESTED_DAYS} days)", HATCH_GROUND, "hatch", style.CONTESTED_OPACITY, under=under,
                    key="contested", stripes=HATCH_STRIPES),
        LegendEntry("besieged or cut off", style.BESIEGED_COLOUR, "ring", key="besieged"),
        LegendEntry("no data (no knowledge of this ground)", style.NO_DATA_COLOUR, "area", style.NO_DATA_OPACITY,
                    under=under, key="no_data"),
    ]
    lines = [LegendEntry("front line", style.FRONT_LINE_COLOUR, "line", key="front_line")]
    lines += [LegendEntry(f"{style.faction_name(f)} advance", style.faction_colour(f), "arrow", key=f"advance:{f}")
              for f in FACTIONS]
    marks = [LegendEntry(mark["label"], mark["halo"], "marker", size_px=mark["size_px"], key=f"event:{action_class}")
             for action_class, mark in style.ACTION_CLASS_STYLE.items()]
    marks.append(LegendEntry(EVENT_NOTE, MUTED_INK, "note", key="note:events"))
    return [LegendSection("Control", tuple(areas)), LegendSection("Lines", tuple(lines)),
            LegendSection("Events", tuple(marks))]


STALE_LABEL = "faded: last reported over {n} days ago"
EVENT_NOTE = "ring: action; dot: the actor's colour"
# The event section's heading by the window's length in days ("*": any other length).
EVENT_HEADINGS = {"1": "Events, the day", "*": "Events, last {n} days"}


def events_heading(window_days: int) -> str:
    return EVENT_HEADINGS.get(str(window_days), EVENT_HEADINGS["*"]).replace("{n}", str(window_days))


def present_keys(state, view, extent: tuple[float, float, float, float] | None = None) -> set[str]:
    """The keys of the catalogue's entries that the map of this view draws inside ``extent``
    (west, south, east, north; None: anywhere)."""
    seen = box(*extent) if extent else None

    def shown(geometry) -> bool:
        return not geometry.is_empty and (seen is None or geometry.intersects(seen))

    def at(lat, lon) -> bool:
        return seen is None or seen.contains(Point(lon, lat))

    territory = state.territory
    keys = set()
    if "territory" in view.layers:
        keys |= {f"territory:{f}" for f, ground in territory.factions.items() if f in view.factions and shown(ground)}
        if any((holder in view.factions or rival in view.factions) and shown(g)
               for (holder, rival), g in territory.contested_pairs.items()):
            keys.add("contested")
        if any(f in view.factions and shown(g) for f, g in territory.besieged.items()):
            keys.add("besieged")
        if shown(territory.no_data):
            keys.add("no_data")
        if view.fade_days is not None and any(
                day is not None and (state.date - day).days > view.fade_days and shown(ground)
                for code, pieces in territory_layer.evidence_pieces(state).items() if FACTIONS[code] in view.factions
                for (_, day, _), ground in pieces):
            keys.add("stale")
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
    sections = [LegendSection(section.heading, tuple(_for_view(e, view) for e in section.entries if e.key in keys))
                for section in catalogue()]
    sections[-1] = LegendSection(events_heading(view.window_days), sections[-1].entries)
    return sections


def _for_view(entry: LegendEntry, view) -> LegendEntry:
    if "{n}" not in entry.label:
        return entry
    return replace(entry, label=entry.label.replace("{n}", str(view.fade_days)))


def catalogue_json() -> list[dict]:
    """The catalogue for the live map's legend (``assets/frontline.js``): per section its
    heading (the events' by window length, as ``events_heading``) and entries (key, label, kind,
    colour, swatch fill, size in px, stripes' colour; ``{n}`` in a label: the fading age)."""
    sections = [{"heading": section.heading,
                 "entries": [{"key": e.key, "label": e.label, "kind": e.kind, "colour": e.color, "fill": e.fill,
                              "size": e.size_px, "stripes": e.stripes} for e in section.entries]}
                for section in catalogue()]
    sections[-1]["headings"] = EVENT_HEADINGS
    return sections
