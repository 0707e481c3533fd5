"""Fewer, cheaper map traces for the browser: the same drawing, in fewer plotly objects.

Every ``Plotly.react`` on a map re-processes every trace (about 15-20 ms each on a software
WebGL machine, measured in bench/app.py), whatever changed. So before the traces of a frame
go to the browser, adjacent traces that draw alike are merged (per-point arrays concatenated,
scalar marker styles spread into arrays), and the static base map becomes MapLibre layers of
the map style (``layout.map.layers``), which an update of the traces leaves alone.

All functions take and return plotly JSON (plain dicts), never ``go`` objects.
"""
from __future__ import annotations

import json
from typing import Any, Sequence

Trace = dict[str, Any]

POINT_KEYS = ("lat", "lon", "text", "hovertext", "customdata")
MARKER_POINT_KEYS = ("color", "size", "opacity")
# Keys that do not change how a trace draws, so traces differing only there may merge.
IDENTITY_KEYS = ("name", "meta", "legendgroup", "showlegend", "uid")


def _signature(trace: Trace) -> str:
    """What must be equal for two traces to be drawn as one."""
    rest = {k: v for k, v in trace.items() if k not in POINT_KEYS and k not in IDENTITY_KEYS}
    if "markers" in trace.get("mode", "") and "marker" in rest:
        rest["marker"] = {k: v for k, v in rest["marker"].items() if k not in MARKER_POINT_KEYS}
    return json.dumps(rest, sort_keys=True)


def _points(trace: Trace) -> int:
    return len(trace.get("lat") or [])


def _spread(value: Any, n: int) -> list:
    return list(value) if isinstance(value, list) else [value] * n


def _merge_scatter(group: Sequence[Trace]) -> Trace:
    """One scattermap trace drawing what ``group`` (same signature) drew."""
    merged = {k: v for k, v in group[0].items() if k not in POINT_KEYS}
    merged["name"] = ", ".join(dict.fromkeys(str(t.get("name", "")) for t in group))
    merged["meta"] = [t.get("meta") for t in group]
    merged["showlegend"] = False
    lines = "lines" in group[0].get("mode", "")
    for key in POINT_KEYS:
        if not any(key in t for t in group):
            continue
        values: list = []
        for i, trace in enumerate(group):
            if lines and i:
                values.append(None)     # a gap: the line does not run from one trace to the next
            values.extend(_spread(trace.get(key), _points(trace)))
        merged[key] = values
    if "markers" in group[0].get("mode", "") and not lines:
        marker = dict(group[0].get("marker", {}))
        for key in MARKER_POINT_KEYS:
            if any(key in t.get("marker", {}) for t in group):
                values = []
                for trace in group:
                    values.extend(_spread(trace.get("marker", {}).get(key), _points(trace)))
                marker[key] = values
        merged["marker"] = marker
    return merged


def _single_colour(trace: Trace) -> str | None:
    scale = trace.get("colorscale")
    if isinstance(scale, list) and scale and len({tuple(s)[1] for s in scale}) == 1:
        return scale[0][1]
    return None


def _mergeable_choropleth(trace: Trace) -> bool:
    return (trace.get("type") == "choroplethmap" and _single_colour(trace) is not None
            and not isinstance(trace.get("marker", {}).get("opacity"), list))


def _merge_choropleths(group: Sequence[Trace]) -> Trace:
    """One choroplethmap trace for single-colour choropleths: trace k's areas get z = k and a
    colour band of its own in a stepped colour scale; opacity goes per area."""
    n = len(group)
    features, locations, z, opacity, text, scale = [], [], [], [], [], []
    for k, trace in enumerate(group):
        colour = _single_colour(trace)
        low, high = (k / n, (k + 1) / n)
        scale += [[low, colour], [high, colour]]
        hover = trace.get("text") or []
        for i, feature in enumerate(trace["geojson"]["features"]):
            feature_id = f"{k}:{feature.get('id', i)}"
            features.append({**feature, "id": feature_id})
            locations.append(feature_id)
            z.append(k + 0.5)
            opacity.append(trace.get("marker", {}).get("opacity", 1))
            text.append(hover[i] if i < len(hover) and trace.get("hoverinfo") != "skip" else "")
    # A stepped scale needs strictly increasing stops: nudge each band's start off the last end.
    for j in range(2, len(scale), 2):
        scale[j][0] = min(scale[j][0] + 1e-9, scale[j + 1][0])
    first = group[0]
    return {
        "type": "choroplethmap", "geojson": {"type": "FeatureCollection", "features": features},
        "locations": locations, "z": z, "zmin": 0, "zmax": n, "colorscale": scale,
        "showscale": False, "marker": {"opacity": opacity, "line": first.get("marker", {}).get("line", {"width": 0})},
        "text": text, "hoverinfo": "text", "name": ", ".join(str(t.get("name", "")) for t in group),
        "meta": [t.get("meta") for t in group], "showlegend": False,
    }


def merge_traces(traces: Sequence[Trace]) -> list[Trace]:
    """Merge runs of adjacent traces that draw alike, keeping the drawing order."""
    out: list[Trace] = []
    run: list[Trace] = []

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            out.append(run[0])
        elif run[0].get("type") == "choroplethmap":
            out.append(_merge_choropleths(run))
        else:
            out.append(_merge_scatter(run))
        run.clear()

    for trace in traces:
        if run and _joins(run[-1], trace):
            run.append(trace)
            continue
        flush()
        run.append(trace)
    flush()
    return out


def _joins(previous: Trace, trace: Trace) -> bool:
    if previous.get("type") == trace.get("type") == "choroplethmap":
        return _mergeable_choropleth(previous) and _mergeable_choropleth(trace) \
            and previous.get("marker", {}).get("line") == trace.get("marker", {}).get("line")
    return previous.get("type") == trace.get("type") == "scattermap" and _signature(previous) == _signature(trace)


def _line_geojson(trace: Trace) -> dict:
    """A MultiLineString (lon, lat) from a lines trace whose parts are split by None."""
    parts, current = [], []
    for lat, lon in zip(trace.get("lat") or [], trace.get("lon") or []):
        if lat is None or lon is None:
            if len(current) > 1:
                parts.append(current)
            current = []
        else:
            current.append([lon, lat])
    if len(current) > 1:
        parts.append(current)
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiLineString", "coordinates": parts}}


def as_map_layer(trace: Trace, below: str) -> dict | None:
    """The MapLibre layer (plotly ``layout.map.layers`` entry) drawing a static trace, or None
    for a trace that cannot be drawn so (it then stays a trace). Text stays a trace: a symbol
    layer makes plotly fetch an icon from a CDN. ``below``: "traces" to sit
    under every trace, "" to sit on top."""
    kind = trace.get("type")
    mode = trace.get("mode", "")
    if kind == "choroplethmap" and _single_colour(trace):
        return {"sourcetype": "geojson", "source": trace["geojson"], "type": "fill", "below": below,
                "color": _single_colour(trace), "opacity": trace.get("marker", {}).get("opacity", 1)}
    if kind == "scattermap" and mode == "lines":
        line = trace.get("line", {})
        return {"sourcetype": "geojson", "source": _line_geojson(trace), "type": "line", "below": below,
                "color": line.get("color", "#444"), "line": {"width": line.get("width", 1)},
                "opacity": trace.get("opacity", 1)}
    return None
