"""The data behind the page: map data, per-date states, documents, place look-ups, exports.

One ``DashboardModel`` serves every browser tab (a one-analyst tool, but tabs share it): it
loads the default map data in a background thread so that the server answers at once, warms
the per-date states of the whole span afterwards, and swaps in a new ``MapData`` (with a new
``version``) when the analyst accepts events from a report.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Sequence

import plotly.graph_objects as go

import settings
from events import store
from dashboard import history as place_history
from dashboard.frames import Frame
from dashboard.map_sources import DYNAMIC, MapSources, source_options, style_layers
from dashboard.layout import FactionStyle, PageSpec
from dashboard.review import Review
from dashboard.timeline import WINDOWS_DAYS, to_date, to_offset
from dashboard.url_state import Choices, ViewState
from events.vocabulary import ACTIONS, CERTAINTIES, FACTIONS

log = logging.getLogger(__name__)

TOGGLEABLE_LAYERS = DYNAMIC
DEFAULT_LAYERS = TOGGLEABLE_LAYERS
DEFAULT_CERTAINTIES = ("stated", "reported", "claimed")
DEFAULT_WINDOW_DAYS = 30
LOAD_TIMEOUT_S = 120
WARM_MAX_EVENTS = 10_000
# Events within this distance of a searched place count as "there" (km).
HISTORY_RADIUS_KM = 5.0
# A raster tile source for the optional online base map; only requested when the user asks.
ONLINE_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": "© OpenStreetMap contributors",
}
# The map source (and layer) id of those tiles; the browser quiets their load errors.
ONLINE_SOURCE = "online-tiles"


@dataclass(frozen=True)
class PlaceHistory:
    periods: tuple[place_history.Period, ...]
    events: tuple
    radius_km: float

    def holder_on(self, day: date, names: dict[str, str]) -> str:
        for period in self.periods:
            if period.start <= day and (period.end is None or day <= period.end):
                return names.get(period.faction, "nobody known") if period.faction else "nobody known"
        return "no data before " + self.periods[0].start.isoformat() if self.periods else "no data"


def _react_safe_style(style: dict) -> dict:
    """plotly.react drops an empty ``sources`` dict from a map style and MapLibre then rejects
    the style on the next update; one empty GeoJSON source keeps the key (no request made)."""
    if style.get("sources"):
        return style
    empty = {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}
    return {**style, "sources": {"empty": empty}}


def online_style(offline: dict) -> dict:
    """The offline style with a raster tile layer drawn above its background."""
    sources = dict(offline.get("sources") or {})
    sources[ONLINE_SOURCE] = {"type": "raster", "tiles": [ONLINE_TILES["url"]], "tileSize": 256,
                              "attribution": ONLINE_TILES["attribution"]}
    layers = list(offline.get("layers") or []) + [
        {"id": ONLINE_SOURCE, "type": "raster", "source": ONLINE_SOURCE}]
    return {**offline, "sources": sources, "layers": layers}


class DashboardModel:
    def __init__(self, load: Callable[[], object], *, store_path: Path | None = None,
                 shared_dir: Path | None = None) -> None:
        self._load = load
        self._store_path = store_path
        self._shared_dir = shared_dir
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self.version = 0
        self.data = None
        self.review: Review | None = None
        threading.Thread(target=self._load_all, name="dashboard-load", daemon=True).start()

    @classmethod
    def default(cls, *, store_path: Path | None = None) -> "DashboardModel":
        from control.data import load_default

        return cls(load_default, store_path=store_path or settings.STORE_PATH, shared_dir=settings.SHARED_DIR)

    # loading ---------------------------------------------------------------------------------
    def _load_all(self) -> None:
        try:
            data = self._load()
            self.review = Review.open(self._store_path, self._shared_dir)
            self._set_data(data.with_events(store.with_accepted(data.events, self._store_path)))
        except BaseException as error:  # shown on the page, not swallowed
            log.exception("loading the map data failed")
            self._error = error
        finally:
            self._ready.set()
        if self._error is None:
            self._warm()

    def _set_data(self, data) -> None:
        span = data.event_span
        if span is None:
            today = date.today()
            span = (today, today)
        self.data = data
        self.first_date, self.last_date = span
        self.span_days = to_offset(self.last_date, self.first_date)
        events = sorted(data.events, key=lambda e: (e.date_end, e.date_start))
        self._events = events
        self._by_id = {e.id: e for e in events}
        self._area_series = None
        self.sources = MapSources(self.first_date)

    def _warm(self) -> None:
        """Compute the area series, then every date's state, once in the background so that
        neither the chart nor the slider waits; a data swap (new version) stops the old pass.
        Big data sets skip the per-date pass: it would hold the interpreter for minutes while
        the first pages are being served, and frames are built on demand anyway."""
        from control.state import compute

        version, data = self.version, self.data
        self.area_series()
        if len(data.events) > WARM_MAX_EVENTS:
            return
        for offset in range(self.span_days + 1):
            if self.version != version:
                return
            compute(data, to_date(offset, self.first_date, self.last_date))

    def wait(self) -> None:
        if not self._ready.wait(LOAD_TIMEOUT_S):
            raise TimeoutError("the map data are still loading; try again in a moment")
        if self._error is not None:
            raise RuntimeError(f"the map data could not be loaded: {self._error}")

    # vocabularies and defaults -----------------------------------------------------------------
    @property
    def faction_names(self) -> dict[str, str]:
        from layers import style

        return {f: style.faction_name(f) for f in FACTIONS}

    @property
    def faction_colours(self) -> dict[str, str]:
        from layers import style

        return {f: style.faction_colour(f) for f in FACTIONS}

    def page_spec(self) -> PageSpec:
        self.wait()
        from export.data import DATA_FORMATS
        from export.legend import swatch_fill
        from export.render import FIGURE_FORMATS
        from layers import style

        return PageSpec(
            first_date=self.first_date, last_date=self.last_date,
            factions=tuple(FactionStyle(f, self.faction_names[f], self.faction_colours[f],
                                        swatch_fill(self.faction_colours[f], style.TERRITORY_OPACITY))
                           for f in FACTIONS),
            layers=TOGGLEABLE_LAYERS, actions=ACTIONS, certainties=CERTAINTIES,
            default_layers=DEFAULT_LAYERS, default_certainties=DEFAULT_CERTAINTIES,
            default_window_days=DEFAULT_WINDOW_DAYS,
            export_formats=FIGURE_FORMATS + DATA_FORMATS,
        )

    def choices(self) -> Choices:
        self.wait()
        return Choices(FACTIONS, TOGGLEABLE_LAYERS, CERTAINTIES, ACTIONS, WINDOWS_DAYS,
                       self.first_date, self.last_date)

    def default_view(self) -> ViewState:
        self.wait()
        return ViewState(date=self.busiest_day(DEFAULT_WINDOW_DAYS), factions=FACTIONS,
                         layers=DEFAULT_LAYERS, window_days=DEFAULT_WINDOW_DAYS,
                         certainties=DEFAULT_CERTAINTIES, actions=ACTIONS)

    def busiest_day(self, window_days: int) -> date:
        """The last day of the ``window_days`` with the most events: where a first look at the
        map shows the most movement."""
        if not self._events:
            return self.last_date
        counts = Counter(e.date_end for e in self._events)
        best, best_count = self.last_date, -1
        for day in sorted(counts):
            count = sum(n for d, n in counts.items() if day - timedelta(days=window_days) < d <= day)
            if count > best_count:
                best, best_count = day, count
        return best

    def view_state(self, offset, factions, layers, window_days, certainties, actions, viewport) -> ViewState:
        self.wait()
        viewport = viewport or {}
        centre = (viewport["lat"], viewport["lon"]) if "lat" in viewport and "lon" in viewport else None
        return ViewState(
            date=to_date(offset or 0, self.first_date, self.last_date),
            factions=tuple(f for f in FACTIONS if f in (factions or ())),
            layers=tuple(name for name in TOGGLEABLE_LAYERS if name in (layers or ())),
            window_days=int(window_days or DEFAULT_WINDOW_DAYS),
            certainties=tuple(c for c in CERTAINTIES if c in (certainties or ())),
            actions=tuple(a for a in ACTIONS if a in (actions or ())),
            center=centre, zoom=viewport.get("zoom"),
        )

    def _layers_view(self, view: ViewState, layer_names: Sequence[str]):
        from layers.view import View

        extra = {}
        if view.center is not None:
            extra["center"] = view.center
        if view.zoom is not None:
            extra["zoom"] = view.zoom
        return View(date=view.date, factions=view.factions, layers=tuple(layer_names),
                    window_days=view.window_days, certainties=view.certainties, actions=view.actions,
                    fade_days=view.fade_days, **extra)

    # the map ---------------------------------------------------------------------------------
    def base_figure(self, viewport: dict, *, online_tiles: bool) -> dict:
        """``{"layout", "base", "sources", "layers", "online_source", "legend"}``: the map figure's
        layout (the view and the map style, no data), the base map as GeoJSON, the options of the
        MapLibre sources and the layers the browser adds (``dashboard.map_sources``), the id of
        the online tile source and the legend's catalogue (``export.legend``), as plain JSON data."""
        from export.legend import catalogue_json
        from layers.figure import make_figure
        from control.state import compute
        from layers.surroundings import PAN_BOUNDS

        self.wait()
        view = self._layers_view(self.view_state(0, FACTIONS, (), DEFAULT_WINDOW_DAYS, (), (), viewport), ("base",))
        state = compute(self.data, self.first_date)
        figure = make_figure(state, view.replace(layers=()))
        layout = json.loads(figure.to_json())["layout"]
        style = _react_safe_style(layout["map"]["style"])
        layout["map"]["style"] = online_style(style) if online_tiles else style
        layout["map"]["uirevision"] = "map"
        # The view stays where the base map has land to show (layers.surroundings).
        west, south, east, north = PAN_BOUNDS
        layout["map"]["bounds"] = {"west": west, "south": south, "east": east, "north": north}
        layout.update(uirevision="map", autosize=True, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      showlegend=False, dragmode="pan")
        return {"layout": layout, "base": MapSources.base(state, view), "sources": source_options(),
                "layers": style_layers(), "online_source": ONLINE_SOURCE, "legend": catalogue_json()}

    def frame(self, view: ViewState) -> Frame:
        """The pieces of each map source on ``view.date`` (all factions: the browser filters
        them; every layer: the browser hides those switched off)."""
        from control.state import compute

        return self.sources.frame(compute(self.data, view.date), self._layers_view(view, []))

    # events and sources ------------------------------------------------------------------------
    def events_in_window(self, view: ViewState) -> list:
        first = view.date - timedelta(days=view.window_days - 1)
        return [
            e for e in self._events
            if e.date_start <= view.date and e.date_end >= first and e.actor in view.factions
            and e.certainty in view.certainties and e.action in view.actions
        ]

    def event(self, event_id: str | None):
        self.wait()
        return self._by_id.get(event_id) if event_id else None

    def document(self, doc_id: str) -> dict | None:
        return self.review.document(doc_id) if self.review else None

    # area chart --------------------------------------------------------------------------------
    def area_series(self) -> dict[str, list]:
        """Area held (km²) per faction on every day of the span (``control.area``, which
        computes only the days the territory can change)."""
        from control.area import area_table, daily_dates

        if self._area_series is None:
            days = daily_dates(self.first_date, self.last_date)
            table = area_table(self.data, days)
            series: dict[str, list] = {"date": days}
            for faction in FACTIONS:
                rows = table[table["faction"] == faction].sort_values("date")
                series[faction] = rows["area_km2"].tolist()
            self._area_series = series
        return self._area_series

    @property
    def area_ready(self) -> bool:
        return self._area_series is not None

    def area_figure(self, factions: Sequence[str]) -> go.Figure:
        """The stacked area chart, or an empty one saying it is being computed. The date's
        cursor is drawn over it by the browser (``assets/frontline.js``): moving a shape of the
        chart would have plotly redraw the whole chart at every slider step."""
        figure = go.Figure()
        if self._area_series is None:
            figure.update_layout(margin={"l": 8, "r": 8, "t": 24, "b": 8}, height=170,
                                 title={"text": "Area held: computing…", "font": {"size": 12}, "x": 0.02},
                                 xaxis={"visible": False}, yaxis={"visible": False},
                                 paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
            return figure
        series = self._area_series
        for faction in FACTIONS:
            if faction not in factions or not any(series[faction]):
                continue
            figure.add_trace(go.Scatter(
                x=series["date"], y=[a / 1000 for a in series[faction]], name=self.faction_names[faction],
                mode="lines", stackgroup="area", line={"width": 0.5, "color": self.faction_colours[faction]},
                hovertemplate="%{x|%d %b %Y}: %{y:,.1f} thousand km²<extra>" + self.faction_names[faction] + "</extra>",
            ))
        figure.update_layout(
            margin={"l": 40, "r": 8, "t": 24, "b": 24}, height=170, showlegend=False,
            title={"text": "Area held (thousand km²)", "font": {"size": 12}, "x": 0.02, "y": 0.97},
            plot_bgcolor="#ffffff", paper_bgcolor="rgba(0,0,0,0)", hovermode="x unified",
            xaxis={"showgrid": False}, yaxis={"gridcolor": "#eaeef2"},
        )
        return figure

    # places ------------------------------------------------------------------------------------
    def find_place(self, name: str):
        """(the gazetteer's place for ``name`` or None, suggestions when there is none).
        A name longer than ``settings.MAX_PLACE_QUERY_CHARS`` is no place: it is not searched."""
        import gazetteer

        if len(name.strip()) > settings.MAX_PLACE_QUERY_CHARS:
            return None, []
        place = gazetteer.resolve(name.strip())
        if place is not None:
            return place, []
        return None, [getattr(s, "name", str(s)) for s in gazetteer.suggest(name.strip())]

    def place_history(self, place) -> PlaceHistory:
        """Who held the control point at (or nearest within a few km of) ``place`` on each day
        its state could change, and the events within ``HISTORY_RADIUS_KM``."""
        from control.state import models

        self.wait()
        control = models(self.data).control
        lonlat = control.lonlat
        samples: list[place_history.Sample] = []
        if len(lonlat):
            distances = place_history.distances_km(place.lat, place.lon, lonlat[:, 1], lonlat[:, 0])
            nearest = int(distances.argmin())
            if distances[nearest] <= max(HISTORY_RADIUS_KM, place.uncertainty_km):
                for day in [self.first_date, *[d for d in control.change_days() if self.first_date < d <= self.last_date]]:
                    indices, states = control.at_indexed(day)
                    where = {int(i): s for i, s in zip(indices, states)}
                    state = where.get(nearest)
                    samples.append(place_history.Sample(day, state.faction if state else None,
                                                        bool(state and state.contested),
                                                        bool(state and state.besieged)))
        radius_km = max(HISTORY_RADIUS_KM, place.uncertainty_km)
        events = place_history.events_at(self._events, place.lat, place.lon, radius_km, place.id)
        return PlaceHistory(tuple(place_history.control_periods(samples)), tuple(events), radius_km)

    # adding reports ----------------------------------------------------------------------------
    def add_events(self, events: Sequence) -> None:
        """Put accepted events on the map: a new ``MapData`` and a new version."""
        with self._lock:
            self.version += 1
            self._set_data(self.data.with_events(_merge_events(self.data.events, events)))
        threading.Thread(target=self._warm, name="dashboard-warm", daemon=True).start()

    def status_line(self) -> str:
        self.wait()
        documents = len({e.doc for e in self._events})
        return (f"{len(self._events)} events from {documents} reports · "
                f"{self.first_date:%d %b %Y} – {self.last_date:%d %b %Y}")

    # export ------------------------------------------------------------------------------------
    def export(self, view: ViewState, fmt: str, scale: int) -> tuple[bytes, str]:
        """The view as a file: ``(bytes, file name)``. Images come from the warm renderer the app
        keeps (``export.render``), the one the command line uses."""
        from control.state import compute
        from export.data import DATA_FORMATS, export_data
        from export.page import snapshot_figure
        from export.render import FIGURE_FORMATS, render

        state = compute(self.data, view.date)
        layers_view = self._layers_view(view, ["base", *view.layers])
        stem = f"front-line-map-{view.date.isoformat()}"
        if fmt in DATA_FORMATS:
            return export_data(state, layers_view, fmt), f"{stem}.{fmt}"
        if fmt not in FIGURE_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        figure = snapshot_figure(state, layers_view, sources=self._sources(view))
        return render(figure, fmt, scale=scale), f"{stem}.{fmt}"

    def prewarm_export(self, scale: float) -> None:
        """Start the export renderer's browser for images of pixel ratio ``scale``."""
        from export.render import prewarm

        prewarm(scale)

    def _sources(self, view: ViewState) -> tuple[str, ...]:
        return tuple(self.report_label(doc) for doc in sorted({e.doc for e in self.events_in_window(view)}))

    def report_label(self, doc: str) -> str:
        """The report as a reader would name it (publisher or title, and date)."""
        from export.reports import report_label

        document = self.document(doc) or {}
        return report_label(doc, title=document.get("title"), source=document.get("source"),
                            day=document.get("date"))

    def first_handover(self):
        """(place name, lat, lon, day before, holder, day after, holder) for the first place the
        control model hands over within the span; used to check the map in a browser."""
        from control.state import models

        control = models(self.data).control
        # Before the baseline's date the map knows only the places reports name.
        known_from = min((p.as_of for p in self.data.baseline), default=self.first_date)
        for day in control.change_days():
            if not (max(self.first_date, known_from) < day <= self.last_date):
                continue
            before_day = day - timedelta(days=1)
            before = {s.place_id or s.name: s for s in control.at(before_day)}
            for after_state in control.at(day):
                key = after_state.place_id or after_state.name
                prior = before.get(key)
                if (prior and prior.faction and after_state.faction and prior.faction != after_state.faction
                        and not after_state.contested and not prior.contested):
                    return (after_state.name, after_state.lat, after_state.lon, before_day, prior.faction,
                            day, after_state.faction)
        return None


def _merge_events(existing: Sequence, added: Sequence) -> list:
    by_id = {e.id: e for e in existing}
    for event in added:
        by_id[event.id] = event
    return list(by_id.values())

