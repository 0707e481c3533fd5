"""The page around a snapshot's map: sizes, scale bar, viewport, credits, caption and title."""
from __future__ import annotations

import math
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from export import page as decorations
from export.legend import LegendEntry, LegendSection
from layers.figure import map_center_zoom
from export.cli import UsageError, bbox_around, parse_bbox, parse_every, parse_factions, series_dates
from layers.view import View

EQUATOR_KM_PER_DEGREE = 40075.016686 / 360


def km_per_px(lat: float, zoom: float) -> float:
    """Ground size of one Web Mercator pixel (512-pixel world) at a latitude, independent of geopy."""
    return 40075.016686 * math.cos(math.radians(lat)) / (512 * 2 ** zoom)


@pytest.mark.parametrize("center, zoom", [((34.45, 40.92), 8.0), ((35.0, 38.5), 5.6), ((0.0, 0.0), 3.0),
                                          ((60.0, 10.0), 10.3)])
def test_scale_bar_is_a_round_length_true_at_the_map_centre(center, zoom):
    bar = decorations.scale_bar(center, zoom, max_px=200)
    assert bar.length_px * km_per_px(center[0], zoom) == pytest.approx(bar.length_km, rel=0.01)
    assert 80 <= bar.length_px <= 200
    mantissa = bar.length_km / 10 ** math.floor(math.log10(bar.length_km))
    assert mantissa == pytest.approx(1) or mantissa == pytest.approx(2) or mantissa == pytest.approx(5)


def test_scale_bar_label_is_in_km_or_m():
    assert decorations.ScaleBar(50, 120).label == "50 km"
    assert decorations.ScaleBar(0.5, 120).label == "500 m"


def test_a_fitted_bbox_lies_inside_the_viewport_and_fills_one_side():
    bbox = bbox_around(34.45226, 40.91854, 80)
    viewport_px = (893, 637)
    center, zoom = map_center_zoom(View(date(2017, 11, 19), bbox=bbox), viewport_px)
    west, south, east, north = decorations.viewport_bbox(center, zoom, viewport_px)
    eps = 1e-9
    assert west <= bbox[0] + eps and south <= bbox[1] + eps and east >= bbox[2] - eps and north >= bbox[3] - eps
    assert min(abs(west - bbox[0]), abs(south - bbox[1])) < 1e-6


def test_a_snapshot_of_an_on_screen_view_shows_the_extent_seen_on_screen():
    from control.data import load_default
    from export.page import snapshot_figure
    from control.state import compute

    day = date(2017, 11, 19)
    view = View(day, center=(34.9, 40.5), zoom=7.0, layers=("territory",))
    screen_px = (1800, 950)
    figure = snapshot_figure(compute(load_default(), day), view, size="square", seen_px=screen_px)
    seen = decorations.viewport_bbox(view.center, view.zoom, screen_px)
    frame = decorations.make_frame("square")
    shown = decorations.viewport_bbox((figure.layout.map.center.lat, figure.layout.map.center.lon),
                                      figure.layout.map.zoom, frame.map_px)
    assert shown[0] <= seen[0] + 1e-9 and shown[2] >= seen[2] - 1e-9
    assert shown[1] <= seen[1] + 1e-9 and shown[3] >= seen[3] - 1e-9
    assert figure.layout.map.zoom < view.zoom


def test_bbox_around_a_place_reaches_the_radius_each_way():
    west, south, east, north = bbox_around(34.45226, 40.91854, 80)
    assert (north - 34.45226) * 110.9 == pytest.approx(80, rel=0.01)
    assert (east - 40.91854) * EQUATOR_KM_PER_DEGREE * math.cos(math.radians(34.45226)) == pytest.approx(80, rel=0.01)
    assert east - 40.91854 == pytest.approx(40.91854 - west)


def test_size_presets_and_explicit_sizes():
    assert decorations.page_size_px("a4-landscape") == (1123, 794)
    assert decorations.page_size_px("slide-16x9") == (1280, 720)
    assert decorations.page_size_px("square") == (1080, 1080)
    assert decorations.page_size_px((800, 600)) == (800, 600)
    a4_w, a4_h = decorations.page_size_px("a4-landscape")
    assert a4_w / a4_h == pytest.approx(297 / 210, rel=0.005)
    with pytest.raises(decorations.SizeError, match="a4-landscape, slide-16x9, square"):
        decorations.page_size_px("letter")
    with pytest.raises(decorations.SizeError):
        decorations.page_size_px((100, 50))


def test_the_map_leaves_room_for_header_legend_and_footer():
    frame = decorations.make_frame("a4-landscape", caption="word " * 200)
    assert 1 <= len(frame.caption_lines) <= decorations.MAX_CAPTION_LINES
    assert frame.caption_lines[-1].endswith("…")
    domain = frame.map_domain
    assert domain["x"] == [0.0, pytest.approx((1123 - frame.legend_px) / 1123)]
    assert domain["y"][0] == pytest.approx(frame.footer_px / 794)
    assert domain["y"][1] == pytest.approx(1 - frame.header_px / 794)
    assert frame.map_px == (1123 - frame.legend_px, 794 - frame.header_px - frame.footer_px)


def test_credits_name_the_base_data_and_as_many_reports_as_fit():
    reports = [f"report-{i:03d}.txt (2017-06-{i + 1:02d})" for i in range(20)]
    text = decorations.attribution_text(reports, max_chars=150)
    assert len(text) <= 150
    assert "Natural Earth" in text and "GeoNames" in text
    assert "report-000.txt" in text and "more" in text
    assert decorations.attribution_text([]).startswith("Reports: none on file")


def test_dates_print_as_in_a_report():
    assert decorations.format_date(date(2017, 11, 19)) == "19 November 2017"
    assert decorations.format_date(date(2017, 6, 2)) == "2 June 2017"


def test_decorate_escapes_user_text_and_turns_plotlys_legend_off():
    fig = go.Figure(go.Scattermap(lat=[34.45], lon=[40.92]))
    frame = decorations.make_frame("square", caption="a <b>bold</b> claim")
    legend = [LegendSection("Control", (LegendEntry("Syrian government and allies", "#D55E00", "area", 0.42),)),
              LegendSection("Events", (LegendEntry("capture", "#000000", "marker", size_px=17),))]
    decorations.decorate(fig, date=date(2017, 11, 19), frame=frame, title="Abu Kamal & <Hajin>",
                         legend=legend, sources=["a.txt"], center=(34.45, 40.92), zoom=8)
    texts = {a.name: a.text for a in fig.layout.annotations}
    assert texts["title"] == "<b>Abu Kamal &amp; &lt;Hajin&gt;</b>"
    assert texts["caption"] == "a &lt;b&gt;bold&lt;/b&gt; claim"
    assert texts["date"] == "<b>19 November 2017</b>"
    assert fig.layout.showlegend is False
    assert (fig.layout.width, fig.layout.height) == (1080, 1080)
    assert fig.layout.map.zoom == 8 and fig.layout.map.center.lat == 34.45


def test_a_long_title_wraps_onto_two_smaller_lines():
    text, size_px = decorations._fit_title("The Euphrates valley between Mayadin and Abu Kamal after the "
                                           "government's November offensive and the ISIL counter-attacks", 500)
    assert size_px < decorations.TITLE_FONT_PX
    assert text.count("<br>") == 1


def test_command_line_values_parse_or_say_what_is_expected():
    assert parse_every("7d") == timedelta(days=7) == parse_every("7")
    assert parse_every("2w") == timedelta(days=14)
    assert parse_bbox("40,34,41.5,35") == (40.0, 34.0, 41.5, 35.0)
    assert parse_factions("government, ISIL") == ("government", "isil")
    for bad in ("0d", "week", "-3"):
        with pytest.raises(UsageError, match="--every"):
            parse_every(bad)
    for bad in ("41,34,40,35", "40,34,41", "a,b,c,d", "40,-90,41,35"):
        with pytest.raises(UsageError, match="--bbox"):
            parse_bbox(bad)
    with pytest.raises(UsageError, match="choose from government"):
        parse_factions("government,regime")


def test_a_series_runs_from_the_first_day_to_the_last_in_steps():
    days = series_dates(date(2017, 9, 1), date(2017, 9, 30), timedelta(days=7))
    assert days == (date(2017, 9, 1), date(2017, 9, 8), date(2017, 9, 15), date(2017, 9, 22),
                    date(2017, 9, 29), date(2017, 9, 30))
    assert series_dates(date(2017, 9, 1), date(2017, 9, 1), timedelta(days=7)) == (date(2017, 9, 1),)
