"""Every callback of the page, registered by ``register_callbacks(app, model)``.

Callbacks are short: they read the inputs, call a function of :mod:`dashboard.model` (or the
pure modules beside it) and turn the result into components. Slider steps are painted in the
browser (``assets/frontline.js``) from frames this module sends ahead.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace

from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, html, no_update, set_props
from dash.exceptions import PreventUpdate

from dashboard import ids, layout, views
from dashboard.frames import MAX_CLIENT_BYTES, FrameCache, frame_key, pack, wanted_offsets
from dashboard.model import DashboardModel
from dashboard.timeline import month_marks, to_date, to_offset
from dashboard.url_state import date_notice, from_query, to_query

log = logging.getLogger(__name__)

# Server time spent building frames per request: the first frame always, more while it lasts.
FRAME_BUDGET_S = 0.25
FRAMES_PER_REQUEST = 12
# Frames built in the background after each request, in playback order from the asked date.
FRAMES_AHEAD = 40


def show_error(error: Exception) -> None:
    """Dash's ``on_error`` hook: log the traceback for the operator, show one line to the user."""
    log.exception("callback failed", exc_info=error)
    set_props(ids.ERROR_TEXT, {"children": views.error_message(error)})
    set_props(ids.ERROR, {"className": "error-banner"})


def _clientside(app, function: str, outputs, inputs, states=(), **kwargs) -> None:
    """A callback of ``assets/frontline.js``; ``outputs`` may be empty for side effects."""
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    app.clientside_callback(
        ClientsideFunction(namespace="frontline", function_name=function),
        *outputs, *inputs, *states, **kwargs,
    )


def _filters(window_days, certainties, actions) -> dict:
    """What changes a frame besides the date (factions and layers are shown and hidden in
    the browser)."""
    return {"window_days": int(window_days or 0), "certainties": sorted(certainties or []),
            "actions": sorted(actions or [])}


def register_callbacks(app, model: DashboardModel) -> None:
    _register_browser_side(app)
    _register_url(app, model)
    _register_map(app, model)
    _register_sources(app, model)
    _register_place(app, model)
    _register_review(app, model)
    _register_export(app, model)


def _register_browser_side(app) -> None:
    _clientside(app, "label", Output(ids.DATE_LABEL, "children"),
                [Input(ids.DATE_SLIDER, "value"), Input(ids.SPAN, "data")])
    # The map's inputs reach the browser apart: a callback with the frames store or the base
    # figure among its inputs would wait for every pending callback that may change them.
    _clientside(app, "figure", Output(ids.MAP, "figure"), [Input(ids.BASE_FIGURE, "data")])
    _clientside(app, "paint", [],
                [Input(ids.DATE_SLIDER, "value"), Input(ids.FACTIONS, "value"), Input(ids.LAYERS, "value"),
                 Input(ids.WINDOW, "value"), Input(ids.FADE, "value")])
    _clientside(app, "frames", [], [Input(ids.FRAMES, "data")])
    _clientside(app, "step", [],
                [Input(ids.STEP_BACK_WEEK, "n_clicks"), Input(ids.STEP_BACK_DAY, "n_clicks"),
                 Input(ids.STEP_FWD_DAY, "n_clicks"), Input(ids.STEP_FWD_WEEK, "n_clicks")],
                prevent_initial_call=True)
    _clientside(app, "play", [Output(ids.PLAYING, "data"), Output(ids.PLAY, "children")],
                [Input(ids.PLAY, "n_clicks")], [State(ids.PLAYING, "data")], prevent_initial_call=True)
    _clientside(app, "speed", [], [Input(ids.SPEED, "value")])
    _clientside(app, "allFactions", Output(ids.FACTIONS, "value", allow_duplicate=True),
                [Input(ids.FACTIONS_ALL, "n_clicks"), Input(ids.FACTIONS_NONE, "n_clicks")],
                [State(ids.FACTIONS, "options")], prevent_initial_call=True)
    _clientside(app, "viewport", Output(ids.VIEWPORT, "data", allow_duplicate=True),
                [Input(ids.MAP, "relayoutData")], [State(ids.VIEWPORT, "data")], prevent_initial_call=True)
    _clientside(app, "showUrl", [], [Input(ids.URL_QUERY, "data")])
    _clientside(app, "cursor", [],
                [Input(ids.DATE_SLIDER, "value"), Input(ids.AREA_CHART, "figure")], [State(ids.SPAN, "data")])
    _clientside(app, "reviewPins", [], [Input(ids.REVIEW_TABLE, "data")])
    _clientside(app, "closeError", Output(ids.ERROR, "className", allow_duplicate=True),
                [Input(ids.ERROR_CLOSE, "n_clicks")], prevent_initial_call=True)


def _viewport(view) -> dict:
    """The map view of a ``ViewState`` as the viewport store holds it (empty: the default)."""
    viewport = {"lat": view.center[0], "lon": view.center[1]} if view.center else {}
    if view.zoom is not None:
        viewport["zoom"] = view.zoom
    return viewport


def _register_url(app, model: DashboardModel) -> None:
    @app.callback(
        Output(ids.DATE_SLIDER, "value"), Output(ids.FACTIONS, "value"), Output(ids.LAYERS, "value"),
        Output(ids.WINDOW, "value"), Output(ids.CERTAINTIES, "value"), Output(ids.ACTIONS, "value"),
        Output(ids.VIEWPORT, "data"), Output(ids.NOTICE, "children"),
        Input(ids.LOCATION, "search"),
    )
    def apply_url(search):
        choices = model.choices()
        view = from_query(search, model.default_view(), choices)
        return (to_offset(view.date, model.first_date), list(view.factions), list(view.layers),
                view.window_days, list(view.certainties), list(view.actions), _viewport(view),
                date_notice(search, view.date, choices))

    @app.callback(
        Output(ids.URL_QUERY, "data"),
        Input(ids.DATE_SLIDER, "value"), Input(ids.FACTIONS, "value"), Input(ids.LAYERS, "value"),
        Input(ids.WINDOW, "value"), Input(ids.CERTAINTIES, "value"), Input(ids.ACTIONS, "value"),
        Input(ids.VIEWPORT, "data"),
        prevent_initial_call=True,
    )
    def write_url(offset, factions, layers, window_days, certainties, actions, viewport):
        return to_query(model.view_state(offset, factions, layers, window_days, certainties, actions, viewport))


def _register_map(app, model: DashboardModel) -> None:
    cache = FrameCache()

    @app.callback(
        Output(ids.BASE_FIGURE, "data"),
        Input(ids.TILES, "value"), Input(ids.LOCATION, "search"),
        State(ids.VIEWPORT, "data"),
    )
    def base_figure(tiles, search, viewport):
        # A page opened from a link starts at the link's view; switching the tiles keeps the
        # view the user has panned to.
        if ctx.triggered_id != ids.TILES:
            viewport = _viewport(from_query(search, model.default_view(), model.choices()))
        return model.base_figure(viewport or {}, online_tiles=bool(tiles))

    @app.callback(
        Output(ids.FRAMES, "data"),
        Input(ids.FRAME_REQUEST, "data"),
        Input(ids.WINDOW, "value"), Input(ids.CERTAINTIES, "value"), Input(ids.ACTIONS, "value"),
        Input(ids.DATA_VERSION, "data"), Input(ids.FADE, "value"),
        State(ids.DATE_SLIDER, "value"), State(ids.SPEED, "value"), State(ids.PLAYING, "data"),
    )
    def fill_frames(request, window_days, certainties, actions, version, fade, offset, speed, playing):
        fade_days = int(fade) if fade else None
        key = frame_key({**_filters(window_days, certainties, actions), "fade_days": fade_days}, model.version)
        view = replace(model.view_state(offset, (), (), window_days, certainties, actions, {}), fade_days=fade_days)

        def build(day_offset: int):
            return model.frame(replace(view, date=to_date(day_offset, model.first_date, model.last_date)))

        asked = ctx.triggered_id == ids.FRAME_REQUEST and bool(request)
        # A request under filters (or data) that have changed since gets a fresh store of the
        # current ones: the answer to the change itself may have been dropped by the browser,
        # which keeps only the latest answer of a callback.
        fresh = not asked or request.get("key") != key or request.get("bytes", 0) > MAX_CLIENT_BYTES
        have = [] if fresh else [int(o) for o in request.get("have", [])]
        at = int(request["offset"]) if asked else int(offset or 0)
        stride = int(request.get("stride") or 1) if asked else (int(speed or 1) if playing else 1)
        wanted = [o for o in wanted_offsets(at, stride, model.span_days, FRAMES_PER_REQUEST) if o not in have]
        frames = cache.frames(key, wanted, build, FRAME_BUDGET_S)
        cache.ahead(key, wanted_offsets(at, stride, model.span_days, FRAMES_AHEAD), build)
        if fresh:
            return {"key": key, "fresh": True, **pack(frames)}
        if not frames:
            raise PreventUpdate
        return {"key": key, "fresh": False, **pack(frames, known=cache.known(key, have))}

    @app.callback(
        Output(ids.AREA_CHART, "figure"), Output(ids.AREA_POLL, "disabled"),
        Input(ids.FACTIONS, "value"), Input(ids.DATA_VERSION, "data"), Input(ids.AREA_POLL, "n_intervals"),
    )
    def area_chart(factions, version, polls):
        # Until the background computation is done, the poll asks again every few seconds.
        return model.area_figure(factions or []), model.area_ready

    @app.callback(Output(ids.STATUS, "children"), Input(ids.DATA_VERSION, "data"))
    def status(version):
        return model.status_line()


def _register_sources(app, model: DashboardModel) -> None:
    @app.callback(
        Output(ids.EVENT_TABLE, "children"), Output(ids.EVENT_COUNT, "children"),
        Input(ids.DATE_SLIDER, "value"), Input(ids.FACTIONS, "value"), Input(ids.WINDOW, "value"),
        Input(ids.CERTAINTIES, "value"), Input(ids.ACTIONS, "value"), Input(ids.DATA_VERSION, "data"),
        Input(ids.SELECTED_EVENT, "data"), Input(ids.TAB_PANEL, "value"),
    )
    def event_list(offset, factions, window_days, certainties, actions, version, selected, tab):
        # The list is only built while it is on screen: during playback it would compete
        # with the map for the browser's main thread.
        if tab != "events":
            raise PreventUpdate
        view = model.view_state(offset, factions, [], window_days, certainties, actions, {})
        rows = model.events_in_window(view)
        return (views.event_table(rows, selected, model.faction_colours, model.faction_names),
                views.event_count(rows, view))

    @app.callback(
        Output(ids.SELECTED_EVENT, "data"),
        Input({"type": "event-row", "index": ALL}, "n_clicks"), Input(ids.MAP, "clickData"),
        prevent_initial_call=True,
    )
    def select_event(row_clicks, click_data):
        if ctx.triggered_id == ids.MAP:
            event_id = views.clicked_event_id(click_data)
        elif isinstance(ctx.triggered_id, dict) and any(row_clicks):
            event_id = ctx.triggered_id["index"]
        else:
            event_id = None
        if event_id is None or model.event(event_id) is None:
            raise PreventUpdate
        return event_id

    @app.callback(
        Output(ids.SOURCE_PANEL, "children"), Output(ids.BASE_FIGURE, "data", allow_duplicate=True),
        Input(ids.SELECTED_EVENT, "data"), State(ids.BASE_FIGURE, "data"),
        prevent_initial_call=True,
    )
    def show_source(event_id, base):
        event = model.event(event_id)
        if event is None:
            raise PreventUpdate
        panel = views.source_panel(event, model.document(event.doc), model.faction_names)
        if event.lat is None or not base:
            return panel, no_update
        return panel, _centre_patch(event.lat, event.lon, zoom=None)


def _centre_patch(lat: float, lon: float, zoom: float | None) -> Patch:
    patch = Patch()
    patch["layout"]["map"]["center"] = {"lat": lat, "lon": lon}
    if zoom is not None:
        patch["layout"]["map"]["zoom"] = zoom
    return patch


def _register_place(app, model: DashboardModel) -> None:
    @app.callback(
        Output(ids.PLACE_PANEL, "children"), Output(ids.BASE_FIGURE, "data", allow_duplicate=True),
        Input(ids.PLACE_GO, "n_clicks"), Input(ids.PLACE_SEARCH, "n_submit"),
        State(ids.PLACE_SEARCH, "value"), State(ids.DATE_SLIDER, "value"), State(ids.BASE_FIGURE, "data"),
        prevent_initial_call=True,
    )
    def find_place(clicks, submits, name, offset, base):
        if not (name or "").strip():
            raise PreventUpdate
        place, suggestions = model.find_place(name)
        if place is None:
            return views.place_not_found(name, suggestions), no_update
        history = model.place_history(place)
        day = to_date(offset or 0, model.first_date, model.last_date)
        return (views.place_panel(place, history, day, model.faction_names, model.faction_colours),
                _centre_patch(place.lat, place.lon, zoom=9.0) if base else no_update)


def _register_review(app, model: DashboardModel) -> None:
    @app.callback(
        Output(ids.REVIEW_DOC, "data"), Output(ids.REVIEW_MESSAGE, "children"),
        Input(ids.UPLOAD, "contents"), Input(ids.EXTRACT, "n_clicks"),
        State(ids.UPLOAD, "filename"), State(ids.PASTE, "value"), State(ids.PASTE_DATE, "value"),
        prevent_initial_call=True,
    )
    def extract(contents, clicks, filename, pasted, doc_date):
        if ctx.triggered_id == ids.UPLOAD:
            result = model.review.from_upload(contents, filename, doc_date)
        else:
            result = model.review.from_text(pasted, doc_date)
        return result.doc, views.review_message(result)

    @app.callback(
        Output(ids.REVIEW_TABLE, "data"), Output(ids.REVIEW_DIALOG, "className"), Output(ids.REVIEW_TITLE, "children"),
        Input(ids.REVIEW_DOC, "data"),
    )
    def review_table(doc):
        if not doc:
            return [], "panel review-dialog hidden", ""
        return views.review_rows(doc), "panel review-dialog", views.review_title(doc)

    @app.callback(
        Output(ids.REVIEW_TABLE, "data", allow_duplicate=True),
        Input(ids.REVIEW_TABLE, "data_timestamp"),
        State(ids.REVIEW_TABLE, "data"), State(ids.REVIEW_TABLE, "data_previous"),
        prevent_initial_call=True,
    )
    def look_up_edited_places(timestamp, rows, previous):
        # A corrected place name is looked up at once, so the analyst sees where it is.
        before = {row["id"]: row.get("place") for row in previous or []}
        changed = False
        for row in rows or []:
            if row["id"] in before and row.get("place") != before[row["id"]]:
                place, _ = model.find_place(row.get("place") or "")
                lat, lon, km = (place.lat, place.lon, place.uncertainty_km) if place else (None, None, None)
                row.update(lat=lat, lon=lon, found=int(place is not None), where=views.where_text(lat, lon, km))
                changed = True
        if not changed:
            raise PreventUpdate
        return rows

    @app.callback(
        Output(ids.BASE_FIGURE, "data", allow_duplicate=True),
        Input(ids.REVIEW_TABLE, "active_cell"), State(ids.REVIEW_TABLE, "data"), State(ids.BASE_FIGURE, "data"),
        prevent_initial_call=True,
    )
    def show_reviewed_place(cell, rows, base):
        row = next((r for r in rows or [] if cell and r["id"] == cell.get("row_id")), None)
        if row is None or row.get("lat") is None or not base or cell.get("column_id") not in ("place", "where", "number"):
            raise PreventUpdate
        return _centre_patch(row["lat"], row["lon"], zoom=8.0)

    @app.callback(
        Output(ids.REVIEW_MESSAGE, "children", allow_duplicate=True),
        Output(ids.DATA_VERSION, "data"), Output(ids.REVIEW_DOC, "data", allow_duplicate=True),
        Output(ids.SPAN, "data"), Output(ids.DATE_SLIDER, "max"), Output(ids.DATE_SLIDER, "marks"),
        Output(ids.DATE_SLIDER, "value", allow_duplicate=True),
        Input(ids.REVIEW_ACCEPT, "n_clicks"), Input(ids.REVIEW_REJECT, "n_clicks"),
        State(ids.REVIEW_DOC, "data"), State(ids.REVIEW_TABLE, "data"),
        prevent_initial_call=True,
    )
    def save(accept_clicks, reject_clicks, doc, rows):
        rejecting = ctx.triggered_id == ids.REVIEW_REJECT
        if not doc:
            return (views.nothing_to_review("reject" if rejecting else "save"),) + (no_update,) * 6
        rows = [dict(row, decision="reject") for row in rows or []] if rejecting else rows or []
        outcome = model.review.save(doc, rows)
        if outcome.errors:
            return (views.save_message(outcome),) + (no_update,) * 6
        if not outcome.accepted:
            return views.save_message(outcome), no_update, None, no_update, no_update, no_update, no_update
        model.add_events(outcome.accepted)
        # The map goes to the saved events (the latest of their days); the slider spans the store.
        shown = max(e.date_end for e in outcome.accepted)
        span = {"first": model.first_date.isoformat(), "days": model.span_days}
        return (views.save_message(outcome, shown), model.version, None, span, model.span_days,
                month_marks(model.first_date, model.last_date), to_offset(shown, model.first_date))

    @app.callback(
        Output(ids.REVIEW_DOC, "data", allow_duplicate=True),
        Output(ids.REVIEW_MESSAGE, "children", allow_duplicate=True),
        Input(ids.REVIEW_CLOSE, "n_clicks"), prevent_initial_call=True,
    )
    def close_review(clicks):
        return None, html.Div("Review closed; nothing was saved.", className="muted")


def _register_export(app, model: DashboardModel) -> None:
    @app.callback(Input(ids.TAB_PANEL, "value"), State(ids.EXPORT_SCALE, "value"), prevent_initial_call=True)
    def warm_up(tab, scale):
        # The renderer's browser starts while the user picks a format.
        if tab == "export":
            model.prewarm_export(scale or 1)

    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children"),
        Input(ids.EXPORT_BUTTON, "n_clicks"),
        State(ids.EXPORT_FORMAT, "value"), State(ids.EXPORT_SCALE, "value"),
        State(ids.DATE_SLIDER, "value"), State(ids.FACTIONS, "value"), State(ids.LAYERS, "value"),
        State(ids.WINDOW, "value"), State(ids.CERTAINTIES, "value"), State(ids.ACTIONS, "value"),
        State(ids.VIEWPORT, "data"), State(ids.FADE, "value"),
        running=[(Output(ids.EXPORT_BUTTON, "disabled"), True, False),
                 (Output(ids.EXPORT_BUTTON, "children"), layout.EXPORT_RUNNING_LABEL, layout.EXPORT_LABEL),
                 (Output(ids.EXPORT_PROGRESS, "className"), layout.EXPORT_RUNNING_CLASS, layout.EXPORT_IDLE_CLASS)],
        prevent_initial_call=True,
    )
    def export(clicks, fmt, scale, offset, factions, layers, window_days, certainties, actions, viewport, fade):
        started = time.perf_counter()
        view = replace(model.view_state(offset, factions, layers, window_days, certainties, actions, viewport or {}),
                       fade_days=int(fade) if fade else None)
        content, filename = model.export(view, fmt, scale or 1)
        status = views.export_status(filename, len(content), time.perf_counter() - started)
        return {"content": views.b64(content), "filename": filename, "base64": True}, status
