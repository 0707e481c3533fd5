"""The page: a full-window map with floating panels for time, filters, sources, review and export.

``build_layout`` takes plain values (the date span, the faction styles, the vocabularies) so
that the page can be built, and tested, before any data is loaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dash import dash_table, dcc, html

from dashboard import ids
from dashboard.timeline import FADE_DAYS, SPEEDS_DAYS, WINDOWS_DAYS, month_marks, to_offset
from report_text import limit_text

LAYER_LABELS = {
    "territory": "Territory",
    "front_lines": "Front lines",
    "advances": "Advances",
    "events": "Events",
    "labels": "Place names",
}
CERTAINTY_LABELS = {
    "stated": "Stated",
    "reported": "Reported",
    "claimed": "Claimed",
    "denied": "Denied",
}
MAP_CONFIG = {
    "scrollZoom": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"],
}
EXPORT_LABEL = "Download"
EXPORT_RUNNING_LABEL = "Making the file…"
EXPORT_RUNNING_TEXT = "Drawing the map page… (about 2 s; the first image of a session starts a browser)"
EXPORT_IDLE_CLASS = "progress hidden"
EXPORT_RUNNING_CLASS = "progress"


@dataclass(frozen=True)
class FactionStyle:
    """A faction's name and colours: ``colour`` its own (lines, dots), ``fill`` its ground as
    the map shows it (``export.legend.swatch_fill``)."""
    id: str
    name: str
    colour: str
    fill: str = ""


@dataclass(frozen=True)
class PageSpec:
    """Everything the page needs to be drawn: vocabularies, span and the defaults."""

    first_date: date
    last_date: date
    factions: tuple[FactionStyle, ...]
    layers: tuple[str, ...]
    actions: tuple[str, ...]
    certainties: tuple[str, ...]
    default_layers: tuple[str, ...]
    default_certainties: tuple[str, ...]
    default_window_days: int
    export_formats: tuple[str, ...] = ()


def _swatch(faction: FactionStyle) -> html.Span:
    """The faction's ground as the map fills it, edged in its own colour (as in the legend)."""
    return html.Span(className="swatch", style={"backgroundColor": faction.fill or faction.colour,
                                                "borderColor": faction.colour})


def _time_bar(spec: PageSpec) -> html.Div:
    span_days = to_offset(spec.last_date, spec.first_date)
    buttons = [
        (ids.STEP_BACK_WEEK, "«", "Back a week (Shift+←)"),
        (ids.STEP_BACK_DAY, "‹", "Back a day (←)"),
        (ids.PLAY, "▶", "Play / pause (Space)"),
        (ids.STEP_FWD_DAY, "›", "Forward a day (→)"),
        (ids.STEP_FWD_WEEK, "»", "Forward a week (Shift+→)"),
    ]
    return html.Div(className="panel time-bar", children=[
        html.Div(className="time-controls", children=[
            *[html.Button(label, id=button_id, title=title, n_clicks=0, className="icon-button")
              for button_id, label, title in buttons],
            dcc.Dropdown(
                id=ids.SPEED, className="speed", clearable=False, searchable=False,
                options=[{"label": f"{days}× ({days} d/frame)", "value": days} for days in SPEEDS_DAYS],
                value=SPEEDS_DAYS[0],
            ),
        ]),
        html.Div(className="slider-wrap", children=dcc.Slider(
            id=ids.DATE_SLIDER, min=0, max=span_days, step=1, value=span_days,
            marks=month_marks(spec.first_date, spec.last_date), updatemode="drag",
            included=False, allow_direct_input=False,
        )),
    ])


def _header() -> html.Div:
    return html.Div(className="panel header", children=[
        html.Div("The front-line map", className="title"),
        html.Div(id=ids.DATE_LABEL, className="date-label"),
        html.Div(id=ids.STATUS, className="status"),
        html.Div(id=ids.NOTICE, className="notice"),
    ])


def _filters(spec: PageSpec) -> html.Div:
    faction_options = [
        {"label": html.Span([_swatch(f), f.name]), "value": f.id} for f in spec.factions
    ]
    return html.Div(className="tab-body", children=[
        html.Div(className="section", children=[
            html.Div(className="section-head", children=[
                html.Span("Factions"),
                html.Button("all", id=ids.FACTIONS_ALL, n_clicks=0, className="link-button"),
                html.Button("none", id=ids.FACTIONS_NONE, n_clicks=0, className="link-button"),
            ]),
            dcc.Checklist(id=ids.FACTIONS, options=faction_options,
                          value=[f.id for f in spec.factions], className="checklist"),
        ]),
        html.Div(className="section", children=[
            html.Div("Layers", className="section-head"),
            dcc.Checklist(
                id=ids.LAYERS, className="checklist", value=list(spec.default_layers),
                options=[{"label": LAYER_LABELS.get(name, name), "value": name} for name in spec.layers],
            ),
            dcc.Checklist(
                id=ids.TILES, className="checklist online",
                options=[{"label": "Online street map (makes network requests)", "value": "on"}],
                value=[],
            ),
        ]),
        html.Div(className="section", children=[
            html.Div("Events and advances in the last", className="section-head"),
            dcc.RadioItems(
                id=ids.WINDOW, className="radio", inline=True, value=spec.default_window_days,
                options=[{"label": f"{days} days", "value": days} for days in WINDOWS_DAYS],
            ),
        ]),
        html.Div(className="section", children=[
            html.Div("Fade ground last reported more than", className="section-head"),
            dcc.RadioItems(
                id=ids.FADE, className="radio", inline=True, value=0,
                options=[{"label": "off", "value": 0}] + [{"label": f"{days} days ago", "value": days}
                                                          for days in FADE_DAYS],
            ),
        ]),
        html.Div(className="section", children=[
            html.Div("Certainty", className="section-head"),
            dcc.Checklist(
                id=ids.CERTAINTIES, className="checklist", inline=True,
                value=list(spec.default_certainties),
                options=[{"label": CERTAINTY_LABELS.get(c, c), "value": c} for c in spec.certainties],
            ),
        ]),
        html.Div(className="section", children=[
            html.Div("Event types", className="section-head"),
            dcc.Checklist(
                id=ids.ACTIONS, className="checklist columns", value=list(spec.actions),
                options=[{"label": a.replace("_", " "), "value": a} for a in spec.actions],
            ),
        ]),
    ])


def _place_search() -> html.Div:
    return html.Div(className="place-search", children=[
        dcc.Input(id=ids.PLACE_SEARCH, type="search", placeholder="Find a place (e.g. Mayadin)",
                  debounce=True, className="search-input"),
        html.Button("Go", id=ids.PLACE_GO, n_clicks=0, className="button"),
    ])


def _events_tab() -> html.Div:
    return html.Div(className="tab-body", children=[
        html.Div(id=ids.EVENT_COUNT, className="muted"),
        html.Div(id=ids.EVENT_TABLE, className="event-list"),
    ])


def _review_tab() -> html.Div:
    return html.Div(className="tab-body", children=[
        dcc.Upload(
            # No ``accept``: a file of another kind is sent too and gets a message, not silence.
            id=ids.UPLOAD, className="upload", max_size=-1, multiple=False,
            children=html.Div(["Drop a report here or ", html.A("choose a file"),
                               html.Div(f".txt, .md or .html, up to {limit_text()}", className="muted")]),
        ),
        html.Div("or paste its text:", className="muted"),
        dcc.Textarea(id=ids.PASTE, className="paste", placeholder="Paste a report…"),
        html.Div(className="row", children=[
            dcc.Input(id=ids.PASTE_DATE, type="text", placeholder="report date YYYY-MM-DD (optional)",
                      className="date-input", debounce=False),
            html.Button("Find events", id=ids.EXTRACT, n_clicks=0, className="button primary"),
        ]),
        dcc.Loading(html.Div(id=ids.REVIEW_MESSAGE, className="message"), type="dot"),
        html.Div("The events found open in a table over the map: check each one's place (its pin on "
                 "the map), date, side, action and certainty, then save.", className="muted"),
    ])


REVIEW_COLUMNS = (
    ("decision", "Decision", "dropdown"), ("confidence", "Confidence", "numeric"), ("action", "Action", "dropdown"),
    ("actor", "Side", "dropdown"), ("place", "Place", "text"), ("where", "Where (lat, lon ± km)", None),
    ("date", "Date", "text"), ("certainty", "Certainty", "dropdown"), ("sentence", "Sentence in the report", None),
)


def _review_dialog(spec: PageSpec) -> html.Div:
    """The review table: wide, over the map, one editable row per event found (see
    ``dashboard.views.review_rows``); the pins on the map carry the rows' numbers."""
    columns = []
    for key, name, kind in REVIEW_COLUMNS:
        column = {"id": key, "name": name, "editable": kind is not None and kind != "numeric"}
        if kind == "dropdown":
            column["presentation"] = "dropdown"
        if kind == "numeric":
            column.update(type="numeric", format={"specifier": ".2f"})
        columns.append(column)
    columns.insert(0, {"id": "number", "name": "#", "editable": False})
    options = {
        "decision": [{"label": "accept", "value": "accept"}, {"label": "reject", "value": "reject"}],
        "action": [{"label": a.replace("_", " "), "value": a} for a in spec.actions],
        "actor": [{"label": f.name, "value": f.id} for f in spec.factions],
        "certainty": [{"label": CERTAINTY_LABELS.get(c, c), "value": c} for c in spec.certainties],
    }
    return html.Div(id=ids.REVIEW_DIALOG, className="panel review-dialog hidden", children=[
        html.Div(className="review-head", children=[
            html.Div(id=ids.REVIEW_TITLE, className="review-title"),
            html.Button("×", id=ids.REVIEW_CLOSE, n_clicks=0, className="icon-button", title="Close (nothing saved)"),
        ]),
        html.Div("Edit a cell to correct it (a new place name is looked up at once); click a place to see "
                 "it on the map. Lowest confidence first; click a column's arrows to sort by it.",
                 className="muted"),
        html.Div(className="review-table", children=dash_table.DataTable(
            id=ids.REVIEW_TABLE, columns=columns, data=[], editable=True, sort_action="native",
            sort_by=[{"column_id": "confidence", "direction": "asc"}], page_action="none",
            dropdown={key: {"options": values, "clearable": False} for key, values in options.items()},
            style_table={"overflowX": "auto", "maxHeight": "42vh", "overflowY": "auto"},
            style_cell={"textAlign": "left", "whiteSpace": "normal", "height": "auto", "padding": "3px 6px",
                        "fontFamily": "inherit", "fontSize": "12px", "minWidth": "70px"},
            style_cell_conditional=[
                {"if": {"column_id": "sentence"}, "minWidth": "260px", "maxWidth": "520px", "color": "#57606a"},
                {"if": {"column_id": "place"}, "minWidth": "150px"},
                {"if": {"column_id": "where"}, "minWidth": "150px", "color": "#57606a"},
                {"if": {"column_id": "date"}, "minWidth": "110px"},
                {"if": {"column_id": "actor"}, "minWidth": "190px"},
                {"if": {"column_id": "number"}, "minWidth": "24px", "width": "24px"},
            ],
            style_data_conditional=[
                {"if": {"filter_query": "{decision} = reject"}, "color": "#8c959f", "textDecoration": "line-through"},
                {"if": {"filter_query": "{found} = 0", "column_id": "where"}, "color": "#b42318"},
            ],
            style_header={"fontWeight": "700", "backgroundColor": "#f6f8fa"},
            css=[{"selector": ".Select-menu-outer", "rule": "display: block !important"}],
        )),
        html.Div(className="row", children=[
            html.Button("Save decisions", id=ids.REVIEW_ACCEPT, n_clicks=0, className="button primary"),
            html.Button("Reject all", id=ids.REVIEW_REJECT, n_clicks=0, className="button"),
        ]),
    ])


def _export_tab(spec: PageSpec) -> html.Div:
    return html.Div(className="tab-body", children=[
        html.Div("Export the current view", className="section-head"),
        dcc.RadioItems(
            id=ids.EXPORT_FORMAT, className="radio", inline=True,
            options=[{"label": fmt.upper(), "value": fmt} for fmt in spec.export_formats],
            value=spec.export_formats[0] if spec.export_formats else None,
        ),
        html.Div(className="row", children=[
            html.Span("PNG pixel ratio", className="muted"),
            dcc.Dropdown(id=ids.EXPORT_SCALE, clearable=False, searchable=False, className="scale",
                         options=[{"label": f"{s}×", "value": s} for s in (1, 2, 3)], value=2),
            html.Button(EXPORT_LABEL, id=ids.EXPORT_BUTTON, n_clicks=0, className="button primary"),
        ]),
        html.Div(id=ids.EXPORT_PROGRESS, className=EXPORT_IDLE_CLASS, role="status", children=[
            html.Span(className="spinner"), html.Span(EXPORT_RUNNING_TEXT),
        ]),
        html.Div(id=ids.EXPORT_STATUS, className="muted"),
        html.Div("PNG, SVG and PDF are the view as a report page (title, date, legend, scale bar, "
                 "credits); HTML is that page, zoomable and offline; GeoJSON and CSV hold the data "
                 "of all Syria on the date.", className="muted note"),
        dcc.Download(id=ids.EXPORT_DOWNLOAD),
    ])


def _side_panel(spec: PageSpec) -> html.Div:
    return html.Div(className="panel side", children=[
        _place_search(),
        dcc.Tabs(id=ids.TAB_PANEL, value="filters", className="tabs", children=[
            dcc.Tab(label="Filters", value="filters", children=_filters(spec)),
            dcc.Tab(label="Events", value="events", children=_events_tab()),
            dcc.Tab(label="Add report", value="review", children=_review_tab()),
            dcc.Tab(label="Export", value="export", children=_export_tab(spec)),
        ]),
    ])


def _detail_panel() -> html.Div:
    return html.Div(className="panel detail", children=[
        html.Div(id=ids.SOURCE_PANEL),
        html.Div(id=ids.PLACE_PANEL),
        dcc.Graph(id=ids.AREA_CHART, className="area-chart",
                  config={"displayModeBar": False, "staticPlot": False}),
        dcc.Interval(id=ids.AREA_POLL, interval=3000, disabled=False),
    ])


def _legend() -> html.Details:
    """The map's legend, collapsible; ``assets/frontline.js`` fills its body with the entries of
    what the map shows (``export.legend``'s catalogue)."""
    return html.Details(id=ids.LEGEND, className="panel legend", open=True, children=[
        html.Summary("Legend"),
        html.Div(id=ids.LEGEND_BODY, className="legend-body"),
    ])


def build_layout(spec: PageSpec) -> html.Main:
    return html.Main(className="app", children=[
        dcc.Location(id=ids.LOCATION, refresh=False),
        dcc.Store(id=ids.URL_QUERY),
        dcc.Store(id=ids.SPAN, data={"first": spec.first_date.isoformat(),
                                     "days": to_offset(spec.last_date, spec.first_date)}),
        dcc.Store(id=ids.VIEWPORT, data={}),
        dcc.Store(id=ids.BASE_FIGURE),
        dcc.Store(id=ids.FRAMES),
        dcc.Store(id=ids.FRAME_REQUEST),
        dcc.Store(id=ids.SELECTED_EVENT),
        dcc.Store(id=ids.REVIEW_DOC),
        dcc.Store(id=ids.DATA_VERSION, data=0),
        dcc.Store(id=ids.PLAYING, data=False),
        dcc.Graph(id=ids.MAP, className="map", config=MAP_CONFIG,
                  style={"position": "absolute", "inset": 0}),
        _header(),
        _side_panel(spec),
        _detail_panel(),
        _legend(),
        _review_dialog(spec),
        _time_bar(spec),
        html.Div(id=ids.ERROR, className="error-banner hidden", children=[
            html.Span(id=ids.ERROR_TEXT),
            html.Button("×", id=ids.ERROR_CLOSE, n_clicks=0, className="icon-button"),
        ]),
    ])
