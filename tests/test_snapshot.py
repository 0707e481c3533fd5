"""Snapshots for reports: what the exported PNG, SVG, PDF, HTML, GIF and data files hold.

Pixel positions come from the figure's own map centre and zoom with Web Mercator maths
(MapLibre's 512-pixel world), so a snapshot that drew places in the wrong spot would fail.
"""
from __future__ import annotations

import io
import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import geopandas as gpd
import imageio_ffmpeg
import numpy as np
import pandas as pd
import pytest
import shapely
from PIL import Image, ImageColor
from shapely.geometry import Point

from export.cli import bbox_around
from export.data import export_data
from export.page import HEADER_PX, make_frame, scale_bar, snapshot_figure
from export.render import for_screenshot, render, render_gif, render_mp4, warm_renderer
from layers import style
from control.data import load_default
from control.state import compute
from layers.view import View

ABU_KAMAL = (34.45226, 40.91854)   # (lat, lon), GeoNames 174448
PALMYRA = (34.5624, 38.28402)      # (lat, lon), GeoNames 170899
NOV_19 = date(2017, 11, 19)
TOLERANCE = 12                      # per RGB channel, for antialiasing and rounding


@pytest.fixture(scope="module")
def warm_chromium(chromium_path):
    """One chromium for the module's renders."""
    with warm_renderer():
        yield


@pytest.fixture(scope="module")
def data():
    return load_default()


@pytest.fixture(scope="module")
def state_nov_19(data):
    return compute(data, NOV_19)


def around_abu_kamal(day=NOV_19, **changes):
    return View(day, bbox=bbox_around(*ABU_KAMAL, 80), **changes)


def png_pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def page_px(figure, lat: float, lon: float, scale: float) -> tuple[int, int]:
    """(x, y) image pixel of (lat, lon) in a rendered snapshot."""
    layout = figure.layout
    width, height = layout.width, layout.height
    domain_x, domain_y = layout.map.domain.x, layout.map.domain.y
    viewport_w = (domain_x[1] - domain_x[0]) * width
    viewport_h = (domain_y[1] - domain_y[0]) * height
    world = 512 * 2 ** layout.map.zoom

    def mercator(lat_deg):
        return math.log(math.tan(math.pi / 4 + math.radians(lat_deg) / 2))
    x = domain_x[0] * width + viewport_w / 2 + (lon - layout.map.center.lon) / 360 * world
    dy = (mercator(lat) - mercator(layout.map.center.lat)) / (2 * math.pi) * world
    y = (1 - domain_y[1]) * height + viewport_h / 2 - dy
    return round(x * scale), round(y * scale)


def blended(colour: str, opacity: float) -> np.ndarray:
    """A fill of ``colour`` at ``opacity`` over the map's background."""
    top = np.array(ImageColor.getrgb(colour)[:3])
    under = np.array(ImageColor.getrgb(style.BACKGROUND_COLOUR)[:3])
    return opacity * top + (1 - opacity) * under


def median_around(pixels: np.ndarray, x: int, y: int, r: int = 2) -> np.ndarray:
    return np.median(pixels[y - r:y + r + 1, x - r:x + r + 1].reshape(-1, 3), axis=0)


def has_colour(pixels: np.ndarray, colour, tolerance: int = TOLERANCE) -> bool:
    target = np.array(ImageColor.getrgb(colour)[:3]) if isinstance(colour, str) else colour
    return bool((np.abs(pixels.reshape(-1, 3) - target).max(axis=1) <= tolerance).any())


# --- PNG ---------------------------------------------------------------------------------------

def test_abu_kamal_on_19_november_2017_is_filled_as_government_ground_not_isil_ground(
        state_nov_19, warm_chromium):
    """The government retook Abu Kamal on 19 November; its pixel must carry the fill of the
    government's ground (or of contested ground on the government's side, which the territory
    layer draws in the contested colour), and never ISIL's."""
    holder = next(p for p in state_nov_19.places if p.place_id == "gn:174448")
    assert holder.faction == "government"
    point = Point(ABU_KAMAL[1], ABU_KAMAL[0])
    territory = state_nov_19.territory
    if territory.factions.get("government", shapely.Polygon()).contains(point):
        expected = blended(style.faction_colour("government"), style.TERRITORY_OPACITY)
    else:
        assert territory.contested_sides["government"].contains(point)
        expected = blended(style.CONTESTED_COLOUR, style.CONTESTED_OPACITY)

    view = around_abu_kamal(layers=("base", "territory"))
    figure = snapshot_figure(state_nov_19, view, size="a4-landscape")
    pixels = png_pixels(render(figure, "png", scale=2))
    x, y = page_px(figure, *ABU_KAMAL, scale=2)
    drawn = median_around(pixels, x, y)
    assert np.abs(drawn - expected).max() <= TOLERANCE, (drawn, expected)
    isil = blended(style.faction_colour("isil"), style.TERRITORY_OPACITY)
    assert np.abs(drawn - isil).max() > 3 * TOLERANCE


def test_government_ground_is_drawn_in_the_governments_colour(state_nov_19, warm_chromium):
    figure = snapshot_figure(state_nov_19, View(NOV_19, layers=("base", "territory")), size="square")
    assert state_nov_19.territory.factions["government"].contains(Point(PALMYRA[1], PALMYRA[0]))
    pixels = png_pixels(render(figure, "png"))
    drawn = median_around(pixels, *page_px(figure, *PALMYRA, scale=1))
    expected = blended(style.faction_colour("government"), style.TERRITORY_OPACITY)
    assert np.abs(drawn - expected).max() <= TOLERANCE, (drawn, expected)


def test_snapshot_png_has_the_legend_colours_the_date_and_the_pixel_ratio_asked_for(state_nov_19, warm_chromium):
    figure = snapshot_figure(state_nov_19, around_abu_kamal(), title="Abu Kamal", size="slide-16x9")
    image = Image.open(io.BytesIO(render(figure, "png", scale=2)))
    assert image.size == (2560, 1440)
    pixels = np.asarray(image.convert("RGB").resize((1280, 720))).astype(int)
    frame = make_frame("slide-16x9")
    legend = pixels[:, frame.width_px - frame.legend_px:]
    for faction in ("government", "isil"):
        assert has_colour(legend, style.faction_colour(faction)), f"no {faction} swatch in the legend"
        ground = blended(style.faction_colour(faction), style.TERRITORY_OPACITY)
        assert has_colour(legend, ground, tolerance=4), f"the {faction} swatch does not look like its ground"
    date_area = pixels[:frame.header_px, frame.width_px // 2:frame.width_px - frame.legend_px]
    assert (date_area.max(axis=2) < 80).sum() > 400, "the date is not printed large in the header"
    labels = [a.text for a in figure.layout.annotations]
    assert any(re.fullmatch(r"\d+ k?m", t) for t in labels), "no scale bar label"
    assert any("Natural Earth" in t and "GeoNames" in t for t in labels)


def test_pixel_ratio_2_draws_the_map_sharper_not_just_larger(state_nov_19, warm_chromium):
    """At scale 2 the map itself is drawn with twice the pixels: it holds much more fine detail
    (edges, letters) than the scale-1 map blown up to the same size."""
    figure = snapshot_figure(state_nov_19, around_abu_kamal(), size=(640, 480))
    one = Image.open(io.BytesIO(render(figure, "png", scale=1))).convert("L")
    two = Image.open(io.BytesIO(render(figure, "png", scale=2))).convert("L")
    frame = make_frame((640, 480))
    box = (0, frame.header_px, frame.map_px[0], frame.header_px + frame.map_px[1])
    sharp = two.crop(tuple(2 * v for v in box))
    blown_up = one.crop(box).resize(sharp.size, Image.BILINEAR)
    assert detail(sharp) > 1.5 * detail(blown_up)


def detail(image) -> float:
    """Mean absolute Laplacian: how much fine detail an image holds."""
    a = np.asarray(image).astype(float)
    return float(np.abs(4 * a[1:-1, 1:-1] - a[:-2, 1:-1] - a[2:, 1:-1] - a[1:-1, :-2] - a[1:-1, 2:]).mean())


# --- SVG, PDF, HTML ----------------------------------------------------------------------------

def test_svg_is_valid_xml_with_the_map_raster_the_date_and_the_title(state_nov_19, warm_chromium):
    figure = snapshot_figure(state_nov_19, around_abu_kamal(), title="Abu Kamal <retaken>")
    svg = render(figure, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1123", "794")
    text = " ".join(t for t in root.itertext())
    assert "19 November 2017" in text
    assert "Abu Kamal <retaken>" in text
    images = [e for e in root.iter() if e.tag.endswith("image")]
    hrefs = [e.get("{http://www.w3.org/1999/xlink}href") or e.get("href") or "" for e in images]
    assert any(h.startswith("data:image/png;base64,") and len(h) > 10_000 for h in hrefs), "no map raster"


def test_the_warm_renderer_draws_a_series_of_dates_back_and_forth_as_svg(data, warm_chromium):
    """One chromium renders date after date; going back to a date whose map layers differ once
    made MapLibre refuse the update in place ('Map error'), so the export failed."""
    days = [date(2017, 11, 1) + timedelta(days=3 * i) for i in range(5)]
    for day in days + days[:1]:
        figure = snapshot_figure(compute(data, day), around_abu_kamal(day), size="a4-landscape")
        text = " ".join(ET.fromstring(render(figure, "svg")).itertext())
        assert f"{day.day} November 2017" in text


def test_pdf_is_a_one_page_document_in_the_page_shape(state_nov_19, warm_chromium):
    figure = snapshot_figure(state_nov_19, around_abu_kamal(), size="a4-landscape")
    pdf = render(figure, "pdf")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pages = [m for m in pdf.split(b"/Type /Page") if not m.startswith(b"s")]
    assert len(pages) - 1 == 1
    box = pdf.split(b"/MediaBox")[1].split(b"]")[0].strip(b" [").split()
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    assert width / height == pytest.approx(297 / 210, rel=0.01)
    assert b"/Subtype /Image" in pdf, "the map raster is missing"


def test_html_inlines_plotly_js_and_loads_no_script_from_elsewhere(state_nov_19):
    page = render(snapshot_figure(state_nov_19, around_abu_kamal()), "html").decode()
    assert re.search(r"<script[^>]+src=", page) is None
    assert "plotly.js v" in page and len(page) > 3_000_000
    assert "19 November 2017" in page


@pytest.mark.browser
def test_html_opens_from_disk_offline_and_draws_the_map(state_nov_19, tmp_path, chromium_path):
    from playwright.sync_api import sync_playwright
    from tests.conftest import CHROMIUM_ARGS

    figure = snapshot_figure(state_nov_19, around_abu_kamal(layers=("base", "territory")))
    path = tmp_path / "snapshot.html"
    path.write_bytes(render(figure, "html"))
    refused = []

    def only_local(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1123, "height": 794})
            page.route("**/*", only_local)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.as_uri())
            page.wait_for_selector("canvas.maplibregl-canvas")
            # the map has drawn once its GeoJSON sources are loaded by MapLibre's worker
            page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                                   " const m = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map;"
                                   " return !!m && m.loaded(); }", timeout=20_000)
            page.wait_for_timeout(300)
            pixels = png_pixels(page.screenshot())
            # zoomed in, the page redraws its scale bar for the new scale
            zoom = figure.layout.map.zoom + 1.5
            page.evaluate(f"() => Plotly.relayout(document.querySelector('.js-plotly-plot'), {{'map.zoom': {zoom}}})")
            label = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.annotations"
                                  ".find(a => a.name === 'scale-bar-label').text")
        finally:
            browser.close()
    assert refused == []
    assert errors == []
    x, y = page_px(figure, *ABU_KAMAL, scale=1)
    drawn = median_around(pixels, x, y)
    background = np.array(ImageColor.getrgb(style.BACKGROUND_COLOUR))
    assert np.abs(drawn - background).max() > TOLERANCE, "the map shows no territory at Abu Kamal"
    map_area = pixels[HEADER_PX:700, :800].reshape(-1, 3)
    assert len(np.unique(map_area // 8, axis=0)) > 5
    center = (figure.layout.map.center.lat, figure.layout.map.center.lon)
    assert label == scale_bar(center, zoom, max_px=figure.layout.meta["scale_bar"]["max_px"]).label
    assert label != scale_bar(center, zoom - 1.5, max_px=figure.layout.meta["scale_bar"]["max_px"]).label


# --- GIF ---------------------------------------------------------------------------------------

def test_a_four_date_gif_has_four_distinct_frames(data, chromium_path):
    days = [date(2017, 10, 1), date(2017, 10, 15), date(2017, 11, 1), date(2017, 11, 19)]
    figures = [snapshot_figure(compute(data, d), View(d), size=(640, 480)) for d in days]
    gif = Image.open(io.BytesIO(render_gif(figures, frame_ms=500)))
    assert gif.n_frames == 4
    frames = []
    for i in range(4):
        gif.seek(i)
        frames.append(np.asarray(gif.convert("RGB")).astype(int))
    for i in range(4):
        for j in range(i + 1, 4):
            assert np.abs(frames[i] - frames[j]).max() > 0, f"frames {i} and {j} are the same"
    assert gif.info.get("loop") == 0


def test_an_mp4_holds_a_frame_per_date_and_holds_the_last(data, chromium_path, tmp_path):
    days = [date(2017, 10, 1), date(2017, 11, 1), date(2017, 11, 19)]
    figures = [snapshot_figure(compute(data, d), View(d), size=(641, 480)) for d in days]
    path = tmp_path / "campaign.mp4"
    path.write_bytes(render_mp4(figures, frame_ms=500))
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    assert meta["size"] == (642, 480) and meta["fps"] == pytest.approx(2)
    frames = [np.frombuffer(f, dtype=np.uint8).astype(int) for f in reader]
    assert len(frames) == len(days) + 2
    assert np.abs(frames[0] - frames[1]).max() > 0 and np.abs(frames[1] - frames[2]).max() > 0
    assert np.abs(frames[2] - frames[-1]).mean() < 1


# --- data --------------------------------------------------------------------------------------

def test_geojson_reads_back_with_geopandas_with_the_same_polygons(state_nov_19, tmp_path):
    view = around_abu_kamal(window_days=30)
    path = tmp_path / "state.geojson"
    path.write_bytes(export_data(state_nov_19, view, "geojson"))
    frame = gpd.read_file(path)
    territory = state_nov_19.territory
    polygons = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    expected = len(territory.factions) + len(territory.contested_sides) + (not territory.no_data.is_empty)
    assert len(polygons) == expected
    held = polygons[polygons["layer"] == "territory"].set_index("faction")
    for faction, ground in territory.factions.items():
        assert held.loc[faction].geometry.symmetric_difference(ground).area < 1e-9
    assert set(frame["layer"]) >= {"territory", "front_line", "event"}
    events = frame[frame["layer"] == "event"]
    assert (events["date_end"] >= view.window_start.isoformat()).all()
    assert (events["date_start"] <= NOV_19.isoformat()).all()


def test_data_export_keeps_to_the_chosen_factions_and_csv_carries_wkt(state_nov_19):
    view = around_abu_kamal(factions=("government", "isil"), window_days=30)
    collection = json.loads(export_data(state_nov_19, view, "geojson"))
    table = pd.read_csv(io.BytesIO(export_data(state_nov_19, view, "csv")))
    assert len(table) == len(collection["features"])
    assert set(table.loc[table["layer"] == "territory", "faction"]) == {"government", "isil"}
    assert set(table.loc[table["layer"] == "event", "actor"]) <= {"government", "isil"}
    geometries = shapely.from_wkt(table["wkt"])
    assert all(g.is_valid and not g.is_empty for g in geometries)


def test_a_still_image_keeps_every_line_point_and_the_labels_in_view_but_drops_far_labels(state_nov_19):
    figure = snapshot_figure(state_nov_19, around_abu_kamal(), size="a4-landscape")
    traces = [trace.to_plotly_json() for trace in figure.data]
    still = for_screenshot(traces, figure.layout.to_plotly_json(), 1123, 794)["data"]

    def line_points(items):
        return sum(sum(lat is not None for lat in t["lat"]) for t in items if t.get("mode") == "lines")

    def labels(items):
        return [label for t in items if "text" in (t.get("mode") or "") for label in t["text"]]
    assert line_points(still) == line_points(traces)
    assert len(still) < len(traces)
    assert "Abu Kamal" in labels(still)
    assert "Damascus" in labels(traces) and "Damascus" not in labels(still)
