"""Page fragments built from plain results: event list, source panel, place history, review table.

Each function takes values (events, documents, places, messages) and returns Dash components;
none reads global state, so the callbacks stay a line or two.
"""
from __future__ import annotations

import base64
from datetime import date
from typing import Any, Sequence

from dash import html

import settings
from dashboard.history import Period
from dashboard.sources import date_precision_label, date_span_label, excerpt, geo_precision_label, readable
from export.reports import readable_name, report_label

# The event list shows the newest rows first and stops here; the count says how many more.
MAX_EVENT_ROWS = 300


def error_message(error: Exception) -> str:
    """One line for the page; the error and its traceback stay in the server log (an
    exception's text is the program's, not the user's: it can leak internals)."""
    return "Something went wrong on the server (the details are in its log). The view was left as it was."


def export_status(filename: str, size_bytes: int, seconds: float) -> str:
    return f"{filename}: {size_bytes / 1024:,.0f} KB, made in {seconds:.1f} s."


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def _dot(colour: str) -> html.Span:
    return html.Span(className="dot", style={"backgroundColor": colour})


def event_count(rows: Sequence, view) -> str:
    shown = min(len(rows), MAX_EVENT_ROWS)
    more = f" (newest {shown} shown)" if len(rows) > shown else ""
    return f"{len(rows)} events in the {view.window_days} days to {view.date.isoformat()}{more}"


def event_table(rows: Sequence, selected: str | None, colours: dict[str, str],
                names: dict[str, str]) -> html.Table | html.Div:
    if not rows:
        return html.Div("No events in this window with these filters.", className="muted")
    newest_first = sorted(rows, key=lambda e: (e.date_end, e.date_start), reverse=True)[:MAX_EVENT_ROWS]
    body = [
        html.Tr(
            id={"type": "event-row", "index": e.id}, n_clicks=0,
            className="event-row selected" if e.id == selected else "event-row",
            title="Show the source and centre the map",
            children=[
                html.Td(date_span_label(e.date_start.isoformat(), e.date_end.isoformat())),
                html.Td([_dot(colours.get(e.actor, "#888")), names.get(e.actor, e.actor)]),
                html.Td(e.action.replace("_", " ")),
                html.Td(e.place),
            ],
        )
        for e in newest_first
    ]
    head = html.Tr([html.Th(h) for h in ("Date", "Actor", "Action", "Place")])
    return html.Table([html.Thead(head), html.Tbody(body)])


def clicked_event_id(click_data: dict | None) -> str | None:
    """The event id carried in a clicked marker's customdata (first element when a list)."""
    for point in (click_data or {}).get("points", []):
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            custom = custom[0]
        if isinstance(custom, str) and custom:
            return custom
    return None


def _facts(pairs: Sequence[tuple[str, Any]]) -> html.Dl:
    children: list = []
    for label, value in pairs:
        if value in (None, ""):
            continue
        children += [html.Dt(label), html.Dd(value)]
    return html.Dl(children, className="facts")


def _link(url: str | None):
    if not url:
        return None
    return html.A(url, href=url, target="_blank", rel="noopener noreferrer")


def _report(doc: str, document: dict) -> str:
    """The report as a reader would name it, and its file when it has a readable name."""
    label = report_label(doc, title=document.get("title"), source=document.get("source"), day=document.get("date"))
    name = readable_name(doc)
    return label if name != doc or name in label else f"{label} · file {name}"


def source_panel(event, document: dict | None, names: dict[str, str]) -> html.Div:
    """The event's facts and the report excerpt with its sentence marked (or the reference
    alone when the report's text is not in the store)."""
    title = f"{names.get(event.actor, event.actor)}: {event.action.replace('_', ' ')} — {event.place}"
    facts = _facts([
        ("Date", date_span_label(event.date_start.isoformat(), event.date_end.isoformat())),
        ("Date precision", date_precision_label(event.date_precision)),
        ("Place", f"{event.place} ({event.lat:.4f}, {event.lon:.4f})" if event.lat is not None else event.place),
        ("Geo precision", geo_precision_label(event.uncertainty_km)),
        ("Target", names.get(event.target, event.target) if event.target else None),
        ("Unit", event.unit),
        ("Certainty", event.certainty),
        ("Confidence", f"{event.confidence:.2f}"),
        ("Report", _report(event.doc, document or {})),
        ("Source", _link((document or {}).get("url"))),
    ])
    text = (document or {}).get("text")
    if text:
        part = excerpt(text, event.start, event.end)
        quote = html.Div(className="excerpt", children=[
            "…" if part.clipped_start else "", part.before, html.Mark(part.marked), part.after,
            "…" if part.clipped_end else "",
        ])
    else:
        quote = html.Div(className="excerpt muted", children=(
            f"The report's text is not in the store. Reference: document {event.doc}, "
            f"characters {event.start}–{event.end}."
        ))
    return html.Div(className="source", children=[html.H3(title), facts, quote])


def place_not_found(name: str, suggestions: Sequence[str]) -> html.Div:
    name = name.strip()
    if len(name) > settings.MAX_PLACE_QUERY_CHARS:
        return html.Div(className="place-history", children=[
            html.H3(name[:40] + "…"),
            html.Div(f"Not searched: a place name is at most {settings.MAX_PLACE_QUERY_CHARS} characters "
                     f"(this one has {len(name):,}).", className="muted"),
        ])
    hint = f" Did you mean: {', '.join(suggestions[:6])}?" if suggestions else ""
    return html.Div(className="place-history", children=[
        html.H3(name), html.Div(f"No place of that name in the gazetteer.{hint}", className="muted"),
    ])


def _period_label(period: Period, names: dict[str, str]) -> str:
    who = names.get(period.faction, period.faction) if period.faction else "no data"
    flags = [flag for flag, on in (("contested", period.contested), ("besieged", period.besieged)) if on]
    return who + (f" ({', '.join(flags)})" if flags else "")


def place_panel(place, history, day: date, names: dict[str, str], colours: dict[str, str]) -> html.Div:
    """The searched place: its kind and governorate, control periods and events there."""
    periods = html.Table(className="history-table", children=[
        html.Thead(html.Tr([html.Th("From"), html.Th("To"), html.Th("Held by")])),
        html.Tbody([
            html.Tr([
                html.Td(p.start.isoformat()), html.Td(p.end.isoformat() if p.end else "…"),
                html.Td([_dot(colours.get(p.faction or "", "#bbb")), _period_label(p, names)]),
            ])
            for p in history.periods
        ]),
    ])
    events = html.Table(className="history-table", children=[
        html.Tbody([
            html.Tr(id={"type": "event-row", "index": e.id}, n_clicks=0, className="event-row", children=[
                html.Td(date_span_label(e.date_start.isoformat(), e.date_end.isoformat())),
                html.Td([_dot(colours.get(e.actor, "#888")), names.get(e.actor, e.actor)]),
                html.Td(e.action.replace("_", " ")),
            ])
            for e in history.events
        ]),
    ]) if history.events else html.Div("No events reported here.", className="muted")
    where = ", ".join(x for x in (place.kind, place.governorate) if x)
    return html.Div(className="place-history", children=[
        html.H3(place.name),
        html.Div(f"{where} · {place.lat:.4f}, {place.lon:.4f} · ±{place.uncertainty_km:g} km", className="muted"),
        html.Div(f"On {day.isoformat()}: held by {history.holder_on(day, names)}", className="section-head"),
        periods,
        html.Div(f"Events within {history.radius_km:g} km", className="section-head"),
        events,
    ])


def review_message(result) -> html.Div:
    if result.error:
        return html.Div(result.error, className="error")
    return html.Div(result.note, className="ok")


def save_message(outcome, shown: date | None = None) -> html.Div:
    if outcome.errors:
        return html.Div(outcome.note, className="error")
    where = f" The map now shows {shown.day} {shown:%B %Y}, the latest of them." if shown else ""
    return html.Div(outcome.note + where, className="ok")


def nothing_to_review(action: str) -> html.Div:
    return html.Div(f"Nothing to {action}: no report is under review. Drop a report or paste its text, "
                    "then \u201cFind events\u201d.", className="error")


def where_text(lat: float | None, lon: float | None, uncertainty_km: float | None) -> str:
    """A place's coordinates and how far off they may be, or why there are none."""
    if lat is None or lon is None:
        return "not in the gazetteer: type a known name"
    return f"{lat:.4f}, {lon:.4f} ± {uncertainty_km or 0:g} km"


def review_rows(doc: dict) -> list[dict]:
    """The review table's data: a row per event found (``id`` and ``index``: its position in
    the report), in the report's order; the table sorts them."""
    from dashboard.review import span_text

    rows = []
    for i, event in enumerate(doc["events"]):
        rows.append({
            "id": i, "index": i, "number": i + 1, "decision": "accept", "confidence": round(event["confidence"], 2),
            "action": event["action"], "actor": event["actor"], "place": event["place"],
            "where": where_text(event["lat"], event["lon"], event["uncertainty_km"]),
            "found": int(event["lat"] is not None), "lat": event["lat"], "lon": event["lon"],
            "date": span_text(event["date_start"], event["date_end"]), "certainty": event["certainty"],
            "sentence": " ".join(readable(event.get("sentence") or "").split()),
        })
    return rows


def review_title(doc: dict) -> str:
    count = len(doc["events"])
    name = report_label(doc["name"], source=doc["name"], day=doc.get("date"))
    return f"{count} event{'s' if count != 1 else ''} found in {name}"
