"""The view in the URL: ``ViewState`` to a query string and back, so that a link reproduces a view.

Pure functions on plain values. Reading is lenient: an unknown faction, a malformed date or
a zoom out of range is dropped in favour of the default rather than raising, because a link
pasted from a chat must still open a map. The online tile base map is deliberately not part
of the URL: opening a link never makes the page reach the network.

Query keys: ``date`` (YYYY-MM-DD), ``factions``, ``layers``, ``certainty`` and ``actions``
(comma-separated ids; ``none`` for an empty selection), ``window`` (days), ``lat``/``lon``
(map centre, WGS84 degrees) and ``zoom`` (map zoom level).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

EMPTY = "none"
ZOOM_RANGE = (0.0, 22.0)


@dataclass(frozen=True)
class ViewState:
    """What the map shows; ``center`` is (lat, lon) in degrees, ``None`` for the default view."""

    date: date
    factions: tuple[str, ...]
    layers: tuple[str, ...]
    window_days: int
    certainties: tuple[str, ...]
    actions: tuple[str, ...]
    center: tuple[float, float] | None = None
    zoom: float | None = None
    fade_days: int | None = None   # fade ground older than this (None: off; not in the URL)


@dataclass(frozen=True)
class Choices:
    """The values the URL may name; anything else in a query is ignored."""

    factions: tuple[str, ...]
    layers: tuple[str, ...]
    certainties: tuple[str, ...]
    actions: tuple[str, ...]
    windows_days: tuple[int, ...]
    first_date: date
    last_date: date


def _join(values: tuple[str, ...]) -> str:
    return ",".join(values) if values else EMPTY


def to_query(state: ViewState) -> str:
    """The query string (with its leading ``?``) for ``state``; keys in a stable order."""
    params = {
        "date": state.date.isoformat(),
        "factions": _join(state.factions),
        "layers": _join(state.layers),
        "window": str(state.window_days),
        "certainty": _join(state.certainties),
        "actions": _join(state.actions),
    }
    if state.center is not None:
        lat, lon = state.center
        params["lat"] = f"{lat:.4f}"
        params["lon"] = f"{lon:.4f}"
    if state.zoom is not None:
        params["zoom"] = f"{state.zoom:.2f}"
    return "?" + urlencode(params, safe=",")


def _first(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[0].strip() if values else None


def _subset(raw: str | None, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """The allowed ids named in ``raw``, in the order of ``allowed``; the default if none is valid."""
    if raw is None:
        return default
    if raw == EMPTY:
        return ()
    named = {part.strip() for part in raw.split(",")}
    picked = tuple(value for value in allowed if value in named)
    return picked if picked else default


def _float(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def from_query(search: str | None, default: ViewState, choices: Choices) -> ViewState:
    """The view a query string asks for, falling back to ``default`` field by field."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    state = default

    raw_date = _first(params, "date")
    if raw_date:
        try:
            asked = date.fromisoformat(raw_date)
        except ValueError:
            asked = None
        if asked is not None:
            state = replace(state, date=clamp_date(asked, choices.first_date, choices.last_date))

    state = replace(
        state,
        factions=_subset(_first(params, "factions"), choices.factions, default.factions),
        layers=_subset(_first(params, "layers"), choices.layers, default.layers),
        certainties=_subset(_first(params, "certainty"), choices.certainties, default.certainties),
        actions=_subset(_first(params, "actions"), choices.actions, default.actions),
    )

    window = _float(_first(params, "window"))
    if window is not None and int(window) in choices.windows_days:
        state = replace(state, window_days=int(window))

    lat, lon = _float(_first(params, "lat")), _float(_first(params, "lon"))
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        state = replace(state, center=(lat, lon))
    zoom = _float(_first(params, "zoom"))
    if zoom is not None and ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1]:
        state = replace(state, zoom=zoom)
    return state


def date_notice(search: str | None, shown: date, choices: Choices) -> str | None:
    """What to tell the user when the link's date is not the one shown: malformed, or outside
    the span of the reports (the map then shows the nearest day it has)."""
    raw = _first(parse_qs((search or "").lstrip("?"), keep_blank_values=False), "date")
    if not raw:
        return None
    try:
        asked = date.fromisoformat(raw)
    except ValueError:
        return f"The link's date {raw!r} is not a day of the form YYYY-MM-DD; showing {_day(shown)}."
    if asked < choices.first_date:
        return f"The link asks for {_day(asked)}, before the first report ({_day(choices.first_date)}); showing that day."
    if asked > choices.last_date:
        return f"The link asks for {_day(asked)}, after the last report ({_day(choices.last_date)}); showing that day."
    return None


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def clamp_date(day: date, first: date, last: date) -> date:
    return min(max(day, first), last)
