"""A snapshot's page: the map laid out for a report, with frame, title, date, legend, scale bar, credits.

``snapshot_figure(state, view, ...)`` is the page the exports render (``export.render``):
``layers.figure.make_figure``'s map with the decorations below.

A snapshot page is laid out in CSS pixels and drawn with layout annotations and shapes in
paper coordinates, so the same figure exports to PNG, SVG, PDF and HTML alike:

    +---------------------------------------------+-----------+
    | title                              DATE     |           |
    +---------------------------------------------+  legend   |
    |                                             |  panel    |
    |                 map                         |           |
    | [scale bar]                                 |           |
    +---------------------------------------------+-----------+
    | caption (optional, wrapped)                             |
    | attribution                                             |
    +---------------------------------------------------------+

The scale bar follows MapLibre's Web Mercator convention, which plotly's map subplots use: at
zoom ``z`` the world is ``512 * 2**z`` pixels wide. Coordinates here are (lat, lon) degrees.
"""
from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from html import escape

from geopy.distance import geodesic

from export.legend import MUTED_INK, LegendEntry, LegendSection, legend_sections
from export.reports import report_label
from layers import surroundings
from layers.figure import make_figure, map_center_zoom

TILE_SIZE_PX = 512

# Width x height in CSS pixels; the export's pixel ratio (``scale``) multiplies them.
# A4 landscape is 297 x 210 mm at 96 px/in; the slide is 720p, so scale 1.5 gives 1080p.
SIZE_PRESETS_PX: dict[str, tuple[int, int]] = {
    "a4-landscape": (1123, 794),
    "slide-16x9": (1280, 720),
    "square": (1080, 1080),
}
DEFAULT_SIZE = "a4-landscape"

FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
INK = "#222222"
PANEL_FILL = "#ffffff"
PANEL_EDGE = "#bbbbbb"

HEADER_PX = 70
SCALE_BAR_X0_PX = 24        # from the map's left edge
SCALE_BAR_BOTTOM_PX = 22    # from the map's bottom edge
LEGEND_WIDTH_PX = 250
ATTRIBUTION_LINE_PX = 20
CAPTION_LINE_PX = 19
CAPTION_FONT_PX = 14
MAX_CAPTION_LINES = 4
ATTRIBUTION_FONT_PX = 11
TITLE_FONT_PX = 22
SMALL_TITLE_FONT_PX = 16
TITLE_CHAR_EM = 0.62        # average advance of a bold character, in ems
DATE_WIDTH_PX = 380         # room kept for the longest date ("30 September 2017") at DATE_FONT_PX
DATE_FONT_PX = 34
LEGEND_ROW_PX = 22
LEGEND_LINE_PX = 16
LEGEND_FONT_PX = 13
# Average advance of a character of the caption font, for wrapping without a text engine.
CAPTION_CHAR_PX = 7.6
LEGEND_CHAR_PX = 7.4
ATTRIBUTION_CHAR_PX = 6.4

BASE_CREDITS = ("Natural Earth (public domain)", "GeoNames (CC BY 4.0)")


class SizeError(ValueError):
    """An unknown size preset or an unusable page size."""


def page_size_px(size: str | tuple[int, int] | None) -> tuple[int, int]:
    """(width_px, height_px) for a preset name, an explicit pair, or None (the default preset)."""
    if size is None:
        size = DEFAULT_SIZE
    if isinstance(size, str):
        if size not in SIZE_PRESETS_PX:
            raise SizeError(f"unknown size {size!r}; choose one of {', '.join(SIZE_PRESETS_PX)}")
        return SIZE_PRESETS_PX[size]
    width_px, height_px = (int(v) for v in size)
    if width_px < 400 or height_px < 300:
        raise SizeError(f"page {width_px}x{height_px} px is too small for a snapshot (min 400x300)")
    return width_px, height_px


def world_px(zoom: float) -> float:
    """Width of the whole world in pixels at this zoom (MapLibre's 512-pixel tiles)."""
    return TILE_SIZE_PX * 2.0 ** zoom


def viewport_bbox(center: tuple[float, float], zoom: float,
                  viewport_px: tuple[float, float]) -> tuple[float, float, float, float]:
    """(west, south, east, north) degrees seen in a Web Mercator viewport of (width_px, height_px)
    centred on (lat, lon) at zoom."""
    scale = world_px(zoom)
    half_w, half_h = viewport_px[0] / 2 / scale, viewport_px[1] / 2 / scale
    center_y = math.log(math.tan(math.pi / 4 + math.radians(center[0]) / 2)) / (2 * math.pi)

    def lat_at(y):
        return math.degrees(2 * math.atan(math.exp(y * 2 * math.pi)) - math.pi / 2)
    return (center[1] - half_w * 360, lat_at(center_y - half_h), center[1] + half_w * 360, lat_at(center_y + half_h))


# --- scale bar -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ScaleBar:
    length_km: float
    length_px: float

    @property
    def label(self) -> str:
        km = self.length_km
        return f"{km:g} km" if km >= 1 else f"{km * 1000:g} m"


def _nice_lengths_km():
    exponent = -2
    while True:
        for mantissa in (1, 2, 5):
            yield mantissa * 10.0 ** exponent
        exponent += 1


def scale_bar(center: tuple[float, float], zoom: float, max_px: float) -> ScaleBar:
    """The longest round length (1, 2 or 5 x 10^n km) drawn within max_px at the map's centre.

    The on-screen length comes from the geodesic point that distance east of the centre, so the
    bar is true at the centre's latitude (Mercator stretches it towards the poles)."""
    best = None
    for length_km in _nice_lengths_km():
        east = geodesic(kilometers=length_km).destination(center, bearing=90)
        length_px = (east.longitude - center[1]) / 360.0 * world_px(zoom)
        if length_px > max_px or length_km > 20000:
            break
        best = ScaleBar(length_km, length_px)
    if best is None:
        raise ValueError(f"no scale length fits {max_px} px at zoom {zoom}")
    return best


# --- page frame ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """The page's regions in pixels; ``map_domain`` is the map's paper-coordinate box."""
    width_px: int
    height_px: int
    header_px: int
    footer_px: int
    legend_px: int
    caption_lines: tuple[str, ...]

    @property
    def map_px(self) -> tuple[int, int]:
        return (self.width_px - self.legend_px, self.height_px - self.header_px - self.footer_px)

    @property
    def map_domain(self) -> dict:
        return {"x": [0.0, self.x(self.width_px - self.legend_px)],
                "y": [self.y_from_bottom(self.footer_px), self.y_from_bottom(self.height_px - self.header_px)]}

    def x(self, px: float) -> float:
        return px / self.width_px

    def y_from_bottom(self, px: float) -> float:
        return px / self.height_px

    def y_from_top(self, px: float) -> float:
        return 1.0 - px / self.height_px

    def map_px_to_paper(self, x_px: float, y_px: float) -> tuple[float, float]:
        """Paper (x, y) of a pixel given from the map viewport's top-left corner."""
        return self.x(x_px), self.y_from_top(self.header_px + y_px)


def make_frame(size: str | tuple[int, int] | None, caption: str | None = None) -> Frame:
    width_px, height_px = page_size_px(size)
    caption_lines: tuple[str, ...] = ()
    if caption and caption.strip():
        chars_per_line = max(20, int((width_px - 24) / CAPTION_CHAR_PX))
        caption_lines = tuple(textwrap.wrap(" ".join(caption.split()), chars_per_line,
                                            max_lines=MAX_CAPTION_LINES, placeholder=" …"))
    footer_px = ATTRIBUTION_LINE_PX + 10 + len(caption_lines) * CAPTION_LINE_PX
    return Frame(width_px, height_px, HEADER_PX, footer_px, LEGEND_WIDTH_PX, caption_lines)


# --- legend --------------------------------------------------------------------------------

def _text(x, y, text, *, size, color=INK, xanchor="left", yanchor="middle", bold=False, name=None):
    return dict(x=x, y=y, xref="paper", yref="paper", text=f"<b>{text}</b>" if bold else text,
                showarrow=False, xanchor=xanchor, yanchor=yanchor, align=xanchor if xanchor != "center" else "center",
                font=dict(size=size, color=color, family=FONT_FAMILY), name=name)


def _marker_shapes(frame: Frame, x_px: float, y_px: float, entry: LegendEntry) -> list[dict]:
    """An event mark as the map draws it: a halo of the action's colour (outlined in grey, as
    some halos are white) around a dot; the dot's colour is the actor's, so it is drawn neutral."""
    def circle(radius_px, fill, edge):
        return dict(type="circle", xref="paper", yref="paper", layer="above",
                    x0=frame.x(x_px - radius_px), x1=frame.x(x_px + radius_px),
                    y0=frame.y_from_top(y_px + radius_px), y1=frame.y_from_top(y_px - radius_px),
                    fillcolor=fill, line=dict(color=edge, width=1), name=f"legend-{entry.label}")
    return [circle(entry.size_px / 2, entry.color, "#888888"), circle(3.5, MUTED_INK, MUTED_INK)]


def _legend_shapes_and_labels(frame: Frame, sections: list[LegendSection]) -> tuple[list[dict], list[dict]]:
    left_px = frame.width_px - frame.legend_px
    shapes = [dict(type="rect", xref="paper", yref="paper", layer="above",
                   x0=frame.x(left_px), x1=1.0, y0=frame.y_from_bottom(frame.footer_px), y1=1.0,
                   fillcolor=PANEL_FILL, line=dict(color=PANEL_EDGE, width=1), name="legend-panel")]
    labels = []
    row_px = frame.header_px / 2
    swatch_x0, swatch_x1 = left_px + 16, left_px + 44
    for section in sections:
        if not section.entries:
            continue
        labels.append(_text(frame.x(left_px + 14), frame.y_from_top(row_px), escape(section.heading),
                            size=LEGEND_FONT_PX + 1, bold=True, name="legend-heading"))
        row_px += LEGEND_ROW_PX + 2
        label_chars = int((frame.legend_px - (swatch_x1 - left_px) - 18) / LEGEND_CHAR_PX)
        for entry in section.entries:
            width = label_chars + (6 if entry.kind == "note" else 0)
            label_lines = textwrap.wrap(entry.label, width, max_lines=2, placeholder=" …")
            row_px += (len(label_lines) - 1) * LEGEND_LINE_PX / 2
            y_mid = frame.y_from_top(row_px)
            y_top, y_bot = frame.y_from_top(row_px - 7), frame.y_from_top(row_px + 7)
            if entry.kind in ("area", "hatch", "ring"):
                shapes.append(dict(type="rect", xref="paper", yref="paper", layer="above",
                                   x0=frame.x(swatch_x0), x1=frame.x(swatch_x1), y0=y_bot, y1=y_top,
                                   fillcolor=PANEL_FILL if entry.kind == "ring" else entry.fill,
                                   line=dict(color=entry.color, width=2), name=f"legend-{entry.label}"))
                if entry.kind == "hatch":   # three strokes of the rival's stripes across the swatch
                    for k in range(3):
                        left = swatch_x0 + 4 + 8 * k
                        shapes.append(dict(type="line", xref="paper", yref="paper", layer="above",
                                           x0=frame.x(left), x1=frame.x(left + 8), y0=y_bot, y1=y_top,
                                           line=dict(color=entry.stripes, width=2)))
            elif entry.kind in ("line", "arrow"):
                shapes.append(dict(type="line", xref="paper", yref="paper", layer="above",
                                   x0=frame.x(swatch_x0), x1=frame.x(swatch_x1), y0=y_mid, y1=y_mid,
                                   line=dict(color=entry.color, width=3,
                                             dash="solid" if entry.kind == "line" else "dot"),
                                   name=f"legend-{entry.label}"))
                if entry.kind == "arrow":
                    head = [(swatch_x1 - 7, row_px - 5), (swatch_x1 + 1, row_px), (swatch_x1 - 7, row_px + 5)]
                    path = " L ".join(f"{frame.x(x):.5f},{frame.y_from_top(y):.5f}" for x, y in head)
                    shapes.append(dict(type="path", xref="paper", yref="paper", layer="above",
                                       path=f"M {path} Z", fillcolor=entry.color,
                                       line=dict(color=entry.color, width=1)))
            elif entry.kind == "marker":
                shapes += _marker_shapes(frame, (swatch_x0 + swatch_x1) / 2, row_px, entry)
            note = entry.kind == "note"
            labels.append(_text(frame.x(swatch_x0 if note else swatch_x1 + 10), y_mid,
                                "<br>".join(escape(line) for line in label_lines),
                                size=LEGEND_FONT_PX - 2 if note else LEGEND_FONT_PX,
                                color=MUTED_INK if note else INK, name="legend-label"))
            row_px += LEGEND_ROW_PX + (len(label_lines) - 1) * LEGEND_LINE_PX / 2
        row_px += 10
    return shapes, labels


# --- the whole page ------------------------------------------------------------------------

def _fit_title(title: str, room_px: float) -> tuple[str, int]:
    """The title on one line at the full size, else on two lines at a smaller size, else cut."""
    title = " ".join(title.split())
    one_line = int(room_px / (TITLE_FONT_PX * TITLE_CHAR_EM))
    if len(title) <= one_line:
        return escape(title), TITLE_FONT_PX
    per_line = int(room_px / (SMALL_TITLE_FONT_PX * TITLE_CHAR_EM))
    lines = textwrap.wrap(title, per_line, max_lines=2, placeholder=" …")
    return "<br>".join(escape(line) for line in lines), SMALL_TITLE_FONT_PX


def format_date(date: dt.date) -> str:
    """The date as a report prints it: 19 November 2017."""
    return f"{date.day} {date:%B %Y}"


def attribution_text(report_sources: list[str], max_chars: int = 170) -> str:
    """One credits line: the reports the map draws on (as many names as fit), then the base data."""
    reports = [s for s in dict.fromkeys(report_sources) if s]
    base = f"Base data: {', '.join(BASE_CREDITS)}"
    if not reports:
        return f"Reports: none on file · {base}"
    count = f"{len(reports)} report{'s' if len(reports) > 1 else ''}"
    for shown in range(len(reports), -1, -1):
        names = ", ".join(reports[:shown]) + (f" and {len(reports) - shown} more" if shown < len(reports) else "")
        text = f"Reports: {names} · {base}" if shown else f"Reports: {count} · {base}"
        if len(text) <= max_chars:
            return text
    return text


def _scale_bar_items(frame: Frame, bar: ScaleBar) -> tuple[list[dict], dict]:
    """The bar (a bracket of ``bar.length_px``) on a light box, and its label, near the map's
    bottom-left corner."""
    bar_y_px = frame.map_px[1] - SCALE_BAR_BOTTOM_PX
    x0, y = frame.map_px_to_paper(SCALE_BAR_X0_PX, bar_y_px)
    x1, _ = frame.map_px_to_paper(SCALE_BAR_X0_PX + bar.length_px, bar_y_px)
    tick = 6 / frame.height_px
    box_x0, box_y0 = frame.map_px_to_paper(SCALE_BAR_X0_PX - 10, bar_y_px + 12)
    box_x1, box_y1 = frame.map_px_to_paper(SCALE_BAR_X0_PX + bar.length_px + 10, bar_y_px - 30)
    shapes = [
        dict(type="rect", xref="paper", yref="paper", layer="above", x0=box_x0, x1=box_x1, y0=box_y0, y1=box_y1,
             fillcolor="rgba(255,255,255,0.8)", line=dict(width=0), name="scale-bar-box"),
        dict(type="path", xref="paper", yref="paper", layer="above",
             path=f"M {x0},{y + tick} L {x0},{y} L {x1},{y} L {x1},{y + tick}",
             line=dict(color=INK, width=2), name="scale-bar"),
    ]
    label = _text((x0 + x1) / 2, y + 2 * tick, bar.label, size=12, xanchor="center", yanchor="bottom",
                  name="scale-bar-label")
    return shapes, label


def decorate(fig, *, date: dt.date, frame: Frame, title: str | None, legend: list[LegendSection],
             sources: list[str], center: tuple[float, float], zoom: float):
    """Lay the figure out as a snapshot page, in place, and return it.

    ``fig`` holds one ``map`` subplot; its centre/zoom are set to (center, zoom) so the scale bar
    and any pixel maths agree with what is drawn. ``sources`` names the reports for the
    attribution line. Plotly's own legend is switched off: the panel's legend lists what a reader
    needs, trace names or not."""
    header_mid = frame.y_from_top(frame.header_px / 2)
    map_right_px = frame.width_px - frame.legend_px
    annotations = [
        _text(frame.x(map_right_px - 16), header_mid, format_date(date), size=DATE_FONT_PX,
              xanchor="right", bold=True, name="date"),
    ]
    if title:
        text, size_px = _fit_title(title, room_px=map_right_px - 32 - DATE_WIDTH_PX)
        annotations.append(_text(frame.x(16), header_mid, text, size=size_px, bold=True, name="title"))
    for i, line in enumerate(frame.caption_lines):
        annotations.append(_text(frame.x(12), frame.y_from_bottom(frame.footer_px - 6 - (i + 0.5) * CAPTION_LINE_PX),
                                 escape(line), size=CAPTION_FONT_PX, name="caption"))
    attribution = attribution_text(sources, max_chars=int((frame.width_px - 24) / ATTRIBUTION_CHAR_PX))
    annotations.append(_text(frame.x(12), frame.y_from_bottom(ATTRIBUTION_LINE_PX / 2 + 4), escape(attribution),
                             size=ATTRIBUTION_FONT_PX, color=MUTED_INK, name="attribution"))

    map_w_px, map_h_px = frame.map_px
    bar_max_px = min(0.25 * map_w_px, 220)
    bar_shapes, bar_label = _scale_bar_items(frame, scale_bar(center, zoom, max_px=bar_max_px))
    annotations.append(bar_label)

    legend_shapes, legend_labels = _legend_shapes_and_labels(frame, legend)
    fig.update_layout(
        width=frame.width_px, height=frame.height_px, margin=dict(l=0, r=0, t=0, b=0, pad=0),
        autosize=False, paper_bgcolor="#ffffff", showlegend=False,
        font=dict(family=FONT_FAMILY, color=INK),
        annotations=annotations + legend_labels, shapes=bar_shapes + legend_shapes,
        # where the scale bar sits, for pages that redraw it when the map is zoomed (HTML export)
        meta={"scale_bar": {"x0_px": SCALE_BAR_X0_PX, "y_px": frame.header_px + map_h_px - SCALE_BAR_BOTTOM_PX,
                            "max_px": bar_max_px, "width_px": frame.width_px, "height_px": frame.height_px}},
    )
    fig.update_layout(map=dict(domain=frame.map_domain, center=dict(lat=center[0], lon=center[1]), zoom=zoom))
    return fig


def snapshot_figure(state, view, *, title: str | None = None, caption: str | None = None,
                    size=None, sources: list[str] | None = None, seen_px: tuple[int, int] | None = None):
    """The view's map laid out as a report page.

    A view with a bbox is fitted into the page's map. A view with a centre and zoom keeps them,
    unless ``seen_px`` gives the (width, height) of the map it was looking at (the dashboard's):
    then the page shows the same extent, whatever its own size. ``sources`` names the reports
    for the attribution line (default: the reports of the events up to the date)."""
    frame = make_frame(size, caption)
    if view.bbox is None and seen_px is not None:
        view = view.replace(bbox=viewport_bbox(view.center, view.zoom, seen_px))
    center, zoom = map_center_zoom(view, frame.map_px)
    figure = make_figure(state, view, size=frame.map_px)
    if "base" in view.layers:   # the land past the base map's frame, and the countries' names
        drawn, under = len(figure.data), surroundings.build_under(state, view)
        figure.add_traces(under + surroundings.build_over(state, view))
        traces = figure.data
        figure.data = traces[drawn:drawn + len(under)] + traces[:drawn] + traces[drawn + len(under):]
    legend = legend_sections(state, view, extent=viewport_bbox(center, zoom, frame.map_px))
    return decorate(figure, date=view.date, frame=frame, title=title, legend=legend,
                    sources=report_sources(state) if sources is None else list(sources),
                    center=center, zoom=zoom)


def report_sources(state) -> list[str]:
    """The reports behind the events up to the state's date, as a reader would name them
    (``export.reports.report_label``)."""
    docs = sorted({e.doc for e in state.data.events if e.date_start <= state.date and e.doc})
    return [report_label(doc) for doc in docs]
