"""Merged traces draw what the separate traces drew: same points, same per-point styles, same order."""
from __future__ import annotations

from dashboard.compact import as_map_layer, merge_traces


def _dots(colour, size, lats, ids):
    return {"type": "scattermap", "mode": "markers", "lat": lats, "lon": [40.0] * len(lats),
            "marker": {"color": colour, "size": size}, "customdata": ids, "name": colour}


def test_marker_traces_merge_into_one_with_per_point_colours_and_ids():
    merged = merge_traces([_dots("#000", 8, [34.0, 35.0], ["a", "b"]), _dots("#f00", 12, [36.0], ["c"])])
    assert len(merged) == 1
    trace = merged[0]
    assert trace["lat"] == [34.0, 35.0, 36.0]
    assert trace["customdata"] == ["a", "b", "c"]
    assert trace["marker"]["color"] == ["#000", "#000", "#f00"]
    assert trace["marker"]["size"] == [8, 8, 12]


def _line(colour, lats):
    return {"type": "scattermap", "mode": "lines", "lat": lats, "lon": [38.0] * len(lats),
            "line": {"color": colour, "width": 2}}


def test_lines_of_one_style_merge_with_a_gap_and_other_styles_stay_apart_in_order():
    merged = merge_traces([_line("#b00", [34, 35]), _line("#b00", [36, 37]), _line("#00b", [30, 31]),
                           _line("#b00", [32, 33])])
    assert [t["line"]["color"] for t in merged] == ["#b00", "#00b", "#b00"]
    assert merged[0]["lat"] == [34, 35, None, 36, 37]


def _area(colour, opacity, name):
    feature = {"type": "Feature", "id": name, "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [[[38, 34], [39, 34], [39, 35], [38, 34]]]}}
    return {"type": "choroplethmap", "geojson": {"type": "FeatureCollection", "features": [feature]},
            "locations": [name], "z": [1], "colorscale": [[0, colour], [1, colour]],
            "marker": {"opacity": opacity, "line": {"width": 0}}, "text": [name], "hoverinfo": "text"}


def _colour_at(scale, z, zmax):
    position = z / zmax
    for (low, colour), (high, _) in zip(scale[::2], scale[1::2]):
        if low <= position <= high:
            return colour
    raise AssertionError(f"no band holds {position}")


def test_single_colour_areas_merge_and_each_keeps_its_colour_and_opacity():
    merged = merge_traces([_area("#D55E00", 0.42, "government"), _area("#262626", 0.42, "isil"),
                           _area("#CC79A7", 0.55, "contested")])
    assert len(merged) == 1
    trace = merged[0]
    colours = [_colour_at(trace["colorscale"], z, trace["zmax"]) for z in trace["z"]]
    assert colours == ["#D55E00", "#262626", "#CC79A7"]
    assert trace["marker"]["opacity"] == [0.42, 0.42, 0.55]
    assert len(set(trace["locations"])) == 3
    assert [f["id"] for f in trace["geojson"]["features"]] == trace["locations"]
    stops = [stop for stop, _ in trace["colorscale"]]
    assert stops == sorted(stops) and len(set(stops)) == len(stops)


def test_static_lines_and_areas_become_style_layers_but_text_stays_a_trace():
    line = as_map_layer({**_line("#444", [34, None, 35, 36]), "lon": [38, None, 39, 40]}, below="")
    assert line["type"] == "line"
    assert line["source"]["geometry"]["coordinates"] == [[[39, 35], [40, 36]]]
    assert as_map_layer(_area("#eee", 1, "neighbours"), below="traces")["type"] == "fill"
    assert as_map_layer({"type": "scattermap", "mode": "text", "lat": [34], "lon": [38], "text": ["x"]}, "") is None
