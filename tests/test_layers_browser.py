"""make_figure in a real chromium: no request leaves 127.0.0.1, labels draw without a glyph
server, and the territory shows its faction's colour where the control model says."""
from __future__ import annotations

import functools
import http.server
import threading
from datetime import date

import numpy as np
import pytest
from PIL import Image

from layers import style
from control.data import load_default
from layers.figure import make_figure
from control.state import compute
from layers.view import View
from tests.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser
SIZE = (900, 700)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A local web server over a temporary folder: (folder, base URL)."""
    folder = tmp_path_factory.mktemp("maps")
    (folder / "favicon.ico").write_bytes(b"")   # the browser asks for one
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def render(browser, served, figure, name, points=()):
    """Load the figure; return (screenshot as an RGB array, requested URLs, console errors,
    pixel positions of ``points`` given as (lon, lat))."""
    folder, base = served
    figure.write_html(folder / f"{name}.html", include_plotlyjs="directory", full_html=True,
                      config={"displayModeBar": False})
    page = browser.new_page(viewport={"width": SIZE[0], "height": SIZE[1]})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{name}.html")
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;"
        " return m && m.loaded() && !m.isMoving(); }", timeout=30_000)
    page.wait_for_timeout(500)
    pixels = page.evaluate(
        "(pts) => { const gd = document.querySelector('.js-plotly-plot');"
        " const m = gd._fullLayout.map._subplot.map; const box = m.getCanvas().getBoundingClientRect();"
        " return pts.map(p => { const q = m.project(p); return [q.x + box.left, q.y + box.top]; }); }",
        [list(p) for p in points])
    page.screenshot(path=str(folder / f"{name}.png"))
    page.close()
    image = np.asarray(Image.open(folder / f"{name}.png").convert("RGB")).astype(int)
    return image, requests, errors, pixels


def blend(colour: str, opacity: float, under: str = style.BACKGROUND_COLOUR) -> np.ndarray:
    top = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    bottom = np.array([int(under[i:i + 2], 16) for i in (1, 3, 5)])
    return opacity * top + (1 - opacity) * bottom


def test_the_map_makes_no_request_beyond_127_0_0_1_and_logs_no_error(browser, served):
    data = load_default()
    day = date(2017, 11, 20)
    figure = make_figure(compute(data, day), View(day), size=SIZE)
    _, requests, errors, _ = render(browser, served, figure, "full")
    outside = [u for u in requests if not u.startswith(("http://127.0.0.1", "blob:", "data:"))]
    assert outside == []
    assert errors == []


def test_territory_shows_the_holders_colour_at_its_places(browser, served):
    data = load_default()
    day = date(2017, 11, 20)
    figure = make_figure(compute(data, day), View(day, layers=("territory",)), size=SIZE)
    places = {p.name: p for p in data.baseline}
    checks = {"Al-Hasakah": "sdf", "Homs": "government", "Mayadin": "government", "Idlib": "hts"}
    checks = {name: faction for name, faction in checks.items() if name in places}
    assert len(checks) >= 2
    image, _, _, pixels = render(browser, served, figure, "territory",
                                 [(places[n].lon, places[n].lat) for n in checks])
    for (name, faction), (x, y) in zip(checks.items(), pixels):
        expected = blend(style.faction_colour(faction), style.TERRITORY_OPACITY)
        # a few pixels off the point: the place is inside its own cell, away from any front
        patch = image[int(y) + 4:int(y) + 9, int(x) + 4:int(x) + 9].reshape(-1, 3)
        distance = np.abs(patch - expected).sum(axis=1).min()
        assert distance < 30, f"{name}: expected {expected}, found {patch[0]}"


def test_place_labels_draw_text_without_a_glyph_server(browser, served):
    data = load_default()
    day = date(2017, 11, 20)
    state = compute(data, day)
    with_labels = make_figure(state, View(day, layers=("labels",)), size=SIZE)
    without_text = make_figure(state, View(day, layers=("labels",)), size=SIZE)
    without_text.update_traces(mode="markers")
    labelled, _, errors, _ = render(browser, served, with_labels, "labels")
    plain, _, _, _ = render(browser, served, without_text, "plain")
    assert errors == []
    changed = (np.abs(labelled - plain).sum(axis=2) > 60).sum()
    assert changed > 500     # pixels of letters


def test_ground_last_reported_long_ago_is_drawn_faint_when_the_view_fades_it(browser, served):
    data = load_default()
    day = date(2017, 11, 20)
    state = compute(data, day)
    places = {p.name: p for p in state.places}
    old, new = places["Qamishli"], places["Abu Kamal"]        # baseline 1 May; reported 19 November
    assert old.evidence == "baseline" and (day - old.evidence_date).days > 90
    assert new.evidence == "event" and (day - new.evidence_date).days < 30
    figure = make_figure(state, View(day, layers=("territory",), fade_days=90), size=SIZE)
    image, _, errors, pixels = render(browser, served, figure, "faded", [(old.lon, old.lat), (new.lon, new.lat)])
    assert errors == []
    for (x, y), faction, opacity in zip(pixels, (old.faction, new.faction), (style.STALE_OPACITY, style.TERRITORY_OPACITY)):
        patch = image[int(y) + 4:int(y) + 9, int(x) + 4:int(x) + 9].reshape(-1, 3)
        expected = blend(style.faction_colour(faction), opacity)
        assert np.abs(patch - expected).sum(axis=1).min() < 30, (faction, opacity, patch[0])
