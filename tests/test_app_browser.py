"""The dashboard in a real browser: Debian's chromium driven by Playwright.

One app server (on a free port, with a throwaway store) and one browser serve the whole module.
Every page fails its test if the browser logs an error or anything asks for a host other than
127.0.0.1. Map colours are read from screenshots (MapLibre's canvas does not keep its drawing
buffer); the place under test sits at the centre of the view, so its pixel is the map's centre.
"""
from __future__ import annotations

import io
import logging
import re
import threading
import time
from dataclasses import replace
from urllib.parse import urlparse

import pytest
from PIL import Image
from werkzeug.serving import make_server

from dashboard import ids
from dashboard.model import DashboardModel
from tests.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

ZOOM = 9.0
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return tmp_path_factory.mktemp("store") / "frontline.db"


@pytest.fixture(scope="module")
def model(store_path):
    return DashboardModel.default(store_path=store_path)


@pytest.fixture(scope="module")
def server(model):
    from app import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    httpd = make_server("127.0.0.1", 0, create_app(model).server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(chromium_path):
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def only_local(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    tab = context.new_page()
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert outside == [], f"requests left 127.0.0.1: {outside[:5]}"
    assert errors == [], f"browser console errors: {errors[:5]}"


def _open(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_function("window.frontline && window.frontline.paintCount > 0", timeout=TIMEOUT_MS)


def _blend(hex_colour: str, opacity: float, under: tuple[int, int, int]) -> tuple[float, ...]:
    rgb = tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(opacity * c + (1 - opacity) * u for c, u in zip(rgb, under))


def _centre_colour(tab) -> tuple[float, ...]:
    box = tab.locator(f"#{ids.MAP}").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    shot = Image.open(io.BytesIO(tab.screenshot(clip={"x": x - 3, "y": y - 3, "width": 7, "height": 7})))
    pixels = list(zip(*(shot.convert("RGB").getchannel(c).tobytes() for c in "RGB")))
    return tuple(sorted(channel)[len(channel) // 2] for channel in zip(*pixels))


def _nearest_faction(colour, palette: dict[str, tuple[float, ...]]) -> str:
    return min(palette, key=lambda name: sum((a - b) ** 2 for a, b in zip(colour, palette[name])))


def _wait_for_faction(tab, palette, expected: str, *, present: bool = True) -> str:
    """Poll the centre pixel until its nearest palette entry is (or is not) ``expected``."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        seen = _nearest_faction(_centre_colour(tab), palette)
        if (seen == expected) == present or time.monotonic() > deadline:
            return seen
        time.sleep(0.2)


@pytest.fixture(scope="module")
def palette(model):
    """The territory fill of each faction over the base map's background, plus the background."""
    from layers import style

    background = tuple(int(style.BACKGROUND_COLOUR.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    colours = {f: _blend(style.faction_colour(f), style.TERRITORY_OPACITY, background)
               for f in model.choices().factions}
    colours["background"] = background
    colours["no data"] = _blend(style.NO_DATA_COLOUR, style.NO_DATA_OPACITY, background)
    return colours


@pytest.fixture(scope="module")
def handover(model):
    """A place that changes hands between two dates a few days apart, per the control model:
    (place, lat, lon, first date, its holder then, second date, its holder then)."""
    found = model.first_handover()
    if found is None:
        pytest.fail("the default data has no place that changes hands")
    return found


def test_the_page_loads_with_the_map_the_date_and_the_controls(page, server, model):
    _open(page, server + "/")
    assert page.locator(f"#{ids.DATE_LABEL}").inner_text().strip()
    assert page.locator(f"#{ids.FACTIONS} input[type=checkbox]").count() == len(model.choices().factions)
    assert page.locator(f"#{ids.MAP} .js-plotly-plot").count() == 1
    assert page.locator(".error-banner:not(.hidden)").count() == 0


def _hover_the_centre(tab) -> tuple[str, float, float]:
    """(the hover label's text, x, y) with the pointer brought to the map's centre."""
    box = tab.locator(f"#{ids.MAP}").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.mouse.move(x - 40, y - 40)
    tab.mouse.move(x, y)
    tip = tab.locator(".map-tip:not(.hidden)")
    tip.wait_for(timeout=TIMEOUT_MS)
    return tip.inner_text(), x, y


def _legend_keys(tab) -> list[str]:
    return tab.evaluate("[...document.querySelectorAll('#legend-body [data-key]')].map(row => row.dataset.key)")


def test_the_legend_lists_what_the_map_shows_and_follows_the_layers_and_factions(page, server, model):
    from control.state import compute

    _open(page, server + "/")
    view = model.default_view()
    state = compute(model.data, view.date)
    page.wait_for_function("document.querySelectorAll('#legend-body [data-key]').length > 0", timeout=TIMEOUT_MS)
    keys = _legend_keys(page)
    assert {f"territory:{f}" for f in state.territory.factions} <= set(keys)
    assert "front_line" in keys and any(k.startswith("event:") for k in keys)
    legend = page.locator(f"#{ids.LEGEND}")
    assert model.faction_names["isil"] in legend.inner_text()
    # an area's swatch has the colour of the ground on the map, not the faction's full colour
    from export.legend import swatch_fill
    from layers import style

    fill = page.evaluate("getComputedStyle(document.querySelector('#legend-body [data-key=\"territory:isil\"] .key-area'))"
                         ".backgroundColor")
    assert fill.replace(" ", "") == swatch_fill(style.faction_colour("isil"), style.TERRITORY_OPACITY)

    page.locator(f"#{ids.FACTIONS} label", has_text=model.faction_names["isil"]).click()
    page.wait_for_function("!document.querySelector('#legend-body [data-key=\"territory:isil\"]')", timeout=TIMEOUT_MS)
    page.locator(f"#{ids.LAYERS} label", has_text="Events").click()
    page.wait_for_function("![...document.querySelectorAll('#legend-body [data-key]')]"
                           ".some(row => row.dataset.key.startsWith('event:'))", timeout=TIMEOUT_MS)
    assert "territory:government" in _legend_keys(page)
    # collapsible
    page.locator(f"#{ids.LEGEND} summary").click()
    assert not page.locator(f"#{ids.LEGEND_BODY}").is_visible()


def _placed_labels(tab) -> list[str]:
    """The place names MapLibre placed (not dropped for colliding) in the current view."""
    return tab.evaluate("window.frontline.map.queryRenderedFeatures({layers: ['fl-labels']})"
                        ".map(f => f.properties.text)")


def test_the_capital_and_the_big_cities_are_named_at_the_opening_zoom_beside_their_dots(page, server):
    _open(page, server + "/")
    page.wait_for_function("window.frontline.map.queryRenderedFeatures({layers: ['fl-labels']}).length > 5",
                           timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    names = _placed_labels(page)
    for city in ("Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Raqqa", "Deir ez-Zor"):
        assert city in names, (city, names)
    countries = page.evaluate("window.frontline.map.queryRenderedFeatures({layers: ['fl-countries']})"
                              ".map(f => f.properties.text)")
    assert {"TURKEY", "IRAQ", "JORDAN"} <= set(countries), countries
    # past the base map's frame the land goes on: the map's corner is not its bare background
    style_bg = page.evaluate("window.frontline.map.getPaintProperty('background', 'background-color')")
    assert style_bg


def test_an_export_shows_its_progress_and_disables_the_button_until_the_file_is_made(page, server):
    _open(page, server + "/")
    page.locator(".tab", has_text="Export").click()
    page.locator(f"#{ids.EXPORT_FORMAT} label", has_text="PNG").click()
    button = page.locator(f"#{ids.EXPORT_BUTTON}")
    with page.expect_download(timeout=120_000) as download:
        button.click()
        page.locator(f"#{ids.EXPORT_PROGRESS}:not(.hidden)").wait_for(timeout=TIMEOUT_MS)
        assert button.is_disabled()
        assert "Drawing" in page.locator(f"#{ids.EXPORT_PROGRESS}").inner_text()
    assert download.value.suggested_filename.endswith(".png")
    page.locator(f"#{ids.EXPORT_PROGRESS}.hidden").wait_for(state="attached", timeout=TIMEOUT_MS)
    assert button.is_enabled()
    assert re.search(r"\.png: [\d,]+ KB, made in [\d.]+ s", page.locator(f"#{ids.EXPORT_STATUS}").inner_text())


def test_a_link_to_a_date_outside_the_reports_says_what_is_shown(page, server, model):
    _open(page, server + "/?date=2015-01-01")
    notice = page.locator(f"#{ids.NOTICE}")
    notice.wait_for(timeout=TIMEOUT_MS)
    assert "before the first report" in notice.inner_text()
    _open(page, server + "/?date=yesterday")
    page.locator(f"#{ids.NOTICE}", has_text="not a day").wait_for(timeout=TIMEOUT_MS)


def test_moving_the_slider_repaints_the_territory_and_a_faction_switched_off_disappears(
        page, server, model, palette, handover):
    place, lat, lon, before, holder_before, after, holder_after = handover
    _open(page, f"{server}/?date={before}&layers=territory&lat={lat}&lon={lon}&zoom={ZOOM}")
    assert _wait_for_faction(page, palette, holder_before) == holder_before, place

    # Focus the page, not a control; not the map either: a click on the ground opens its evidence.
    page.locator(f"#{ids.DATE_LABEL}").click()
    for _ in range((after - before).days):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"window.frontline.offset === {(after - model.first_date).days}", timeout=TIMEOUT_MS)
    assert _wait_for_faction(page, palette, holder_after) == holder_after, place

    page.locator(f"#{ids.FACTIONS} label", has_text=model.faction_names[holder_after]).click()
    assert _wait_for_faction(page, palette, holder_after, present=False) != holder_after
    # its ground still says whose it is, and that it is switched off
    tip = _hover_the_centre(page)[0]
    assert model.faction_names[holder_after] in tip and "switched off" in tip


def test_the_online_street_map_switched_off_restores_the_offline_map_and_asks_nothing_outside(
        browser, server, model, palette, handover):
    from dashboard.model import ONLINE_SOURCE

    place, lat, lon, before, holder, _, _ = handover
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    aborted: set[str] = set()      # tile requests made while the street map was on
    outside_after_off: list[str] = []
    errors: list[str] = []
    switched_off = False

    def only_local(route):
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
            return
        if switched_off:
            outside_after_off.append(url)
        else:
            aborted.add(url)
        route.abort()

    def console(message):
        failed_tile = message.text.startswith("Failed to load resource") and message.location.get("url") in aborted
        if message.type == "error" and not failed_tile:
            errors.append(message.text)

    context.route("**/*", only_local)
    tab = context.new_page()
    tab.on("console", console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        _open(tab, f"{server}/?date={before}&layers=territory&lat={lat}&lon={lon}&zoom={ZOOM}")
        assert _wait_for_faction(tab, palette, holder) == holder, place

        tab.locator(f"#{ids.TILES} label").click()
        tab.wait_for_function(f"window.frontline.map.getSource('{ONLINE_SOURCE}')", timeout=TIMEOUT_MS)
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while not aborted and time.monotonic() < deadline:
            tab.wait_for_timeout(100)
        assert aborted, "the street map asked for no tile"

        tab.locator(f"#{ids.TILES} label").click()
        layers = tab.evaluate("window.frontline.want.base.layers.map(layer => layer.id)")
        tab.wait_for_function(
            f"""(() => {{ const map = window.frontline.map;
                return !map.getSource('{ONLINE_SOURCE}') && {layers!r}.every(id => map.getLayer(id)); }})()""",
            timeout=TIMEOUT_MS)
        switched_off = True
        assert _wait_for_faction(tab, palette, holder) == holder, place

        # Zoom in about the centre: the offline map loads its own data and no tile.
        box = tab.locator(f"#{ids.MAP}").bounding_box()
        tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tab.mouse.wheel(0, -300)
        tab.wait_for_function("window.frontline.map.loaded()", timeout=TIMEOUT_MS)
        tab.wait_for_timeout(500)
        assert _wait_for_faction(tab, palette, holder) == holder, place
        style = tab.evaluate("window.frontline.map.getStyle()")
        assert ONLINE_SOURCE not in style["sources"]
        assert [layer["id"] for layer in style["layers"] if layer["id"] in layers] == layers
    finally:
        context.close()
    assert outside_after_off == [], f"requests left 127.0.0.1 after the street map was off: {outside_after_off[:5]}"
    assert errors == [], f"browser console errors: {errors[:5]}"


@pytest.fixture(scope="module")
def lone_event(model):
    """An event drawn alone on the map at the end of its days: no other event of the default
    window within 3 km."""
    from dashboard.history import distances_km

    view = model.default_view()
    for event in model._events:
        if event.lat is None or event.certainty not in view.certainties:
            continue
        window = model.events_in_window(replace(view, date=event.date_end))
        others = [e for e in window if e.id != event.id and e.lat is not None]
        near = distances_km(event.lat, event.lon, [e.lat for e in others], [e.lon for e in others]) if others else []
        if all(km > 3 for km in near):
            return event
    pytest.fail("no event stands alone in the default data")


def test_hovering_an_event_names_it_and_clicking_it_opens_its_source(page, server, model, lone_event):
    event = lone_event
    _open(page, f"{server}/?date={event.date_end}&layers=events&lat={event.lat}&lon={event.lon}&zoom={ZOOM}")
    tip, x, y = _hover_the_centre(page)
    assert event.place in tip
    page.mouse.click(x, y)
    page.locator(".source h3", has_text=event.place).wait_for(timeout=TIMEOUT_MS)
    source = page.locator(".source").inner_text()
    assert model.report_label(event.doc) in source
    if re.fullmatch(r"\d+_[0-9a-f]{16}\.txt", event.doc):     # a seed's hash name is no name for a reader
        assert event.doc not in source


def test_a_shared_link_opens_the_same_view(page, browser, server, model):
    _open(page, f"{server}/?date=2017-09-10&lat=35.1&lon=40.2&zoom=7.5")
    page.locator(f"#{ids.WINDOW} label", has_text="7 days").click()
    page.locator(f"#{ids.FACTIONS} label", has_text=model.faction_names["sdf"]).click()
    page.locator(f"#{ids.STEP_FWD_WEEK}").click()
    page.wait_for_function("window.location.search.includes('date=2017-09-17')", timeout=TIMEOUT_MS)
    page.wait_for_function("window.location.search.includes('window=7')", timeout=TIMEOUT_MS)
    shared = page.evaluate("window.location.href")

    other = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        _open(other, shared)
        for tab in (page, other):
            tab.wait_for_function("window.location.search.includes('factions=')", timeout=TIMEOUT_MS)
        assert other.locator(f"#{ids.DATE_LABEL}").inner_text() == page.locator(f"#{ids.DATE_LABEL}").inner_text()
        checked = f"#{ids.FACTIONS} input:checked, #{ids.WINDOW} input:checked, #{ids.LAYERS} input:checked"
        assert [x.get_attribute("value") for x in other.locator(checked).all()] == \
               [x.get_attribute("value") for x in page.locator(checked).all()]
        centre = "(() => { const m = document.querySelector('#map .js-plotly-plot')._fullLayout.map;" \
                 " return [m.center.lat, m.center.lon, m.zoom]; })()"
        assert other.evaluate(centre) == pytest.approx([35.1, 40.2, 7.5], abs=1e-3)
        assert other.evaluate("window.location.search") == page.evaluate("window.location.search")
    finally:
        other.close()


# The gazetteer's name may keep the transliteration's long vowels (Al Mayādīn).
MAYADIN = re.compile("May[aā]d[iī]n")
# A made-up report: ISIL retaking Mayadin, which the default data hold for the government then.
REPORT = """Field notes, 3 March 2018

On 2 March 2018, ISIL fighters captured Mayadin from the Syrian Army after a night of heavy fighting.
"""


def _holder_by_cli(place: re.Pattern, day: str, store) -> str:
    import json
    import os
    import subprocess
    import sys

    import settings

    result = subprocess.run([sys.executable, "-m", "layers", "control", "--date", day, "--json"],
                            cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "FRONTLINE_DB": str(store)})
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return next(r["faction"] for r in rows if place.fullmatch(r["place"]))


def test_a_saved_report_moves_the_map_to_its_date_and_the_command_line_sees_the_store(
        page, server, store_path, tmp_path):
    assert _holder_by_cli(MAYADIN, "2018-03-03", tmp_path / "no-store.db") == "government"
    _open(page, server + "/")
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.UPLOAD} input[type=file]").set_input_files(
        files=[{"name": "field-notes.txt", "mimeType": "text/plain", "buffer": REPORT.encode()}])
    dialog = page.locator(f"#{ids.REVIEW_DIALOG}:not(.hidden)")
    dialog.wait_for(timeout=TIMEOUT_MS)
    places = dialog.locator("td[data-dash-column=place]")
    places.first.wait_for(timeout=TIMEOUT_MS)
    assert any(MAYADIN.search(text) for text in places.all_inner_texts())
    # each place comes with its coordinates and how far off they may be
    assert re.search(r"35\.0\d+, 40\.4\d+ ± \d", dialog.locator("td[data-dash-column=where]").first.inner_text())
    # the rows' pins are on the map
    page.wait_for_function("(window.frontline.shownReview || {features: []}).features.length > 0",
                           timeout=TIMEOUT_MS)

    page.locator(f"#{ids.REVIEW_ACCEPT}").click()
    page.locator(f"#{ids.REVIEW_MESSAGE} .ok", has_text="Saved").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("window.location.search.includes('date=2018-03-02')", timeout=TIMEOUT_MS)
    assert "2 March 2018" in page.locator(f"#{ids.DATE_LABEL}").inner_text()
    assert page.locator(f"#{ids.REVIEW_DIALOG}.hidden").count() == 1
    # the map draws the saved events on that date
    page.wait_for_function(
        """() => { const map = window.frontline.map;
            return map.querySourceFeatures('fl-activity').some(f => f.properties.layer === 'events'
                && f.properties.faction === 'isil' && Math.abs(f.geometry.coordinates[1] - 35.02) < 0.05); }""",
        timeout=TIMEOUT_MS)

    page.locator(".tab", has_text="Events").click()
    rows = page.locator(".event-row", has_text=MAYADIN)
    rows.first.wait_for(timeout=TIMEOUT_MS)
    assert "ISIL" in rows.first.inner_text()          # the faction's name, not its id
    rows.first.click()
    page.locator(".source mark").wait_for(timeout=TIMEOUT_MS)
    assert "Mayadin" in page.locator(".source mark").inner_text()
    assert page.locator(".source").get_by_text("field-notes.txt").count() >= 1

    # The command line reads the page's store by default ($FRONTLINE_DB here).
    assert _holder_by_cli(MAYADIN, "2018-03-03", store_path) == "isil"


def test_empty_review_actions_say_there_is_nothing_to_review(page, server):
    _open(page, server + "/")
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.EXTRACT}").click()
    page.locator(f"#{ids.REVIEW_MESSAGE} .error", has_text="Paste a report").wait_for(timeout=TIMEOUT_MS)


def test_a_binary_upload_gets_a_clear_message_and_the_pasted_text_stays(page, server):
    _open(page, server + "/")
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.PASTE}").fill("Some notes the analyst is still writing.")
    page.locator(f"#{ids.UPLOAD} input[type=file]").set_input_files(
        files=[{"name": "photo.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 4}])
    message = page.locator(f"#{ids.REVIEW_MESSAGE} .error")
    message.wait_for(timeout=TIMEOUT_MS)
    assert "binary" in message.inner_text().lower()
    assert page.locator(f"#{ids.PASTE}").input_value() == "Some notes the analyst is still writing."
    assert page.locator(".error-banner:not(.hidden)").count() == 0


def test_the_synthetic_report_borrows_no_sentence_from_the_seeds(seed_texts):
    # The synthetic report must not borrow a sentence from the seeds.
    for line in REPORT.splitlines():
        if len(line.split()) >= 8:
            assert all(line not in text for text in seed_texts.values())

