"""What the map's legend says: one list of entries for the exports' legend panel and the live map's.

``legend_sections(state, view, extent)`` lists what the view draws inside ``extent`` — each
faction's ground, contested / besieged / no-data ground, front lines, the advances of each
faction, the event marks of each action class — in three sections (control, lines, events).
``export.page`` draws the sections into a snapshot's legend panel; the dashboard draws the same
sections as a panel on the live map (``dashboard.views.legend_panel``). Colours and labels come
from ``layers.style``; an area's swatch is its fill mixed over the map's background
(``swatch_fill``), so that it looks as the ground does on the map.

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
# The mark of a besieged place, until the control package gives its own (issue 11).
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


def ground_entry(faction: str) -> LegendEntry:
    """A faction's ground as the territory layer fills it."""
    return LegendEntry(style.faction_name(faction), style.faction_colour(faction), "area",
                       style.TERRITORY_OPACITY, under=style.BACKGROUND_COLOUR, key=f"territory:{faction}")


def legend_sections(state, view, extent: tuple[float, float, float, float] | None = None) -> list[LegendSection]:
    """What the map of this view shows inside ``extent`` (west, south, east, north; None: all of
    it), for the legend. Sections may be empty; drawers skip them."""
    seen = box(*extent) if extent else None

    def shown(geometry) -> bool:
        return not geometry.is_empty and (seen is None or geometry.intersects(seen))

    def at(lat, lon) -> bool:
        return seen is None or seen.contains(Point(lon, lat))

    territory = state.territory
    areas, lines, marks = [], [], []
    if "territory" in view.layers:
        for faction in FACTIONS:
            if faction in view.factions and faction in territory.factions and shown(territory.factions[faction]):
                areas.append(ground_entry(faction))
        if any(f in view.factions and shown(g) for f, g in territory.contested_sides.items()):
            areas.append(LegendEntry(f"contested (rivals < {CONTESTED_KM:g} km apart)", style.CONTESTED_COLOUR,
                                     "area", style.CONTESTED_OPACITY, under=style.BACKGROUND_COLOUR, key="contested"))
        if any(p.besieged and p.faction in view.factions and at(p.lat, p.lon) for p in state.places):
            areas.append(LegendEntry("besieged place", BESIEGED_COLOUR, "area", BESIEGED_OPACITY,
                                     under=style.BACKGROUND_COLOUR, key="besieged"))
        if shown(territory.no_data):
            areas.append(LegendEntry(f"no data (> {RADIUS_KM:g} km from known places)", style.NO_DATA_COLOUR,
                                     "area", style.NO_DATA_OPACITY, under=style.BACKGROUND_COLOUR, key="no_data"))
    if "front_lines" in view.layers and any((a in view.factions or b in view.factions) and shown(g)
                                            for (a, b), g in territory.front_lines.items()):
        lines.append(LegendEntry("front line", style.FRONT_LINE_COLOUR, "line", key="front_line"))
    if "advances" in view.layers:
        actors = {a["event"].actor for a in advances.arrows(state, view) if at(a["event"].lat, a["event"].lon)}
        for faction in sorted(actors, key=FACTIONS.index):
            lines.append(LegendEntry(f"{style.faction_name(faction)} advance", style.faction_colour(faction),
                                     "arrow", key=f"advance:{faction}"))
    if "events" in view.layers:
        classes = {ACTION_CLASS[e.action] for e in visible_events(state, view) if at(e.lat, e.lon)}
        for action_class, mark in style.ACTION_CLASS_STYLE.items():
            if action_class in classes:
                marks.append(LegendEntry(mark["label"], mark["halo"], "marker", size_px=mark["size_px"],
                                         key=f"event:{action_class}"))
        if marks:
            marks.append(LegendEntry("ring: action; dot: the actor's colour", MUTED_INK, "note"))
    window = "the day" if view.window_days == 1 else f"last {view.window_days} days"
    return [LegendSection("Control", tuple(areas)), LegendSection("Lines", tuple(lines)),
            LegendSection(f"Events, {window}", tuple(marks))]
