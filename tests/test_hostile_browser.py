"""Hostile text in the page: a pasted report's markup, its sentence in the sources panel and
a place search are shown as text, never run; a dropped picture and crafted requests get a
message, never the program's own exception text."""
from __future__ import annotations

import json
import logging
import threading

import pytest
from werkzeug.serving import make_server

import settings
from dash_client import Callbacks
from dashboard import ids, views
from dashboard.model import DashboardModel
from report_text import over_limit
from tests.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

TIMEOUT_MS = 60_000
HOSTILE = ('<script>window.__pwned = "script"</script>'
           '<img src="x" onerror="window.__pwned = \'img\'">'
           '<a href="javascript:window.__pwned = \'link\'">details</a>')
REPORT = f"On 3 June 2017 the Syrian army captured Palmyra {HOSTILE} from ISIS.\n"
INTERNALS = ("Traceback", "Error:", "object has no attribute", "invalid literal", "surrogates not allowed",
             "unsupported operand", "not subscriptable", "NoneType")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from app import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    model = DashboardModel.default(store_path=tmp_path_factory.mktemp("store") / "frontline.db")
    httpd = make_server("127.0.0.1", 0, create_app(model).server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def page(chromium_path, server):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(server + "/")
        tab.wait_for_function("window.frontline && window.frontline.paintCount > 0", timeout=TIMEOUT_MS)
        yield tab
        assert dialogs == []
        browser.close()


def _inert(tab) -> None:
    """Nothing of the hostile markup became page elements or ran."""
    assert tab.evaluate("window.__pwned === undefined")
    assert tab.locator("img[src='x']").count() == 0
    assert tab.locator("a[href^='javascript:']").count() == 0
    assert tab.locator("script", has_text="__pwned").count() == 0


def test_a_pasted_reports_markup_is_shown_as_text_in_review_and_in_the_sources(page, server):
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.PASTE}").fill(REPORT)
    page.locator(f"#{ids.PASTE_DATE}").fill("2017-06-05")
    page.locator(f"#{ids.EXTRACT}").click()
    table = page.locator(".review-table")
    table.get_by_text('onerror="window.__pwned', exact=False).first.wait_for(timeout=TIMEOUT_MS)
    assert '<img src="x" onerror=' in table.inner_text()
    _inert(page)

    page.locator(f"#{ids.REVIEW_ACCEPT}").click()
    page.locator(f"#{ids.REVIEW_MESSAGE} .ok", has_text="Saved").wait_for(timeout=TIMEOUT_MS)
    page.goto(f"{server}/?date=2017-06-03&window=7")
    page.locator(".tab", has_text="Events").click()
    page.locator(".event-row", has_text="Palmyra").first.click()
    page.locator(".source mark").wait_for(timeout=TIMEOUT_MS)
    assert "<script>window.__pwned" in page.locator(".source mark").inner_text()
    _inert(page)


@pytest.mark.parametrize("query", ['<img src=x onerror="window.__pwned=\'search\'">',
                                   "<script>window.__pwned='search'</script>", "javascript:window.__pwned=1"])
def test_a_place_search_is_shown_as_text(page, query):
    search = page.locator(f"#{ids.PLACE_SEARCH}")
    search.fill(query)
    search.press("Enter")
    page.locator(f"#{ids.PLACE_PANEL} h3", has_text=query).wait_for(timeout=TIMEOUT_MS)
    _inert(page)


def test_a_dropped_picture_gets_a_message(page):
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.UPLOAD} input[type=file]").set_input_files(
        files=[{"name": "map.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8}])
    message = page.locator(f"#{ids.REVIEW_MESSAGE} .error", has_text="map.png")
    message.wait_for(timeout=TIMEOUT_MS)
    assert "a binary file, not a text report" in message.inner_text()


def test_a_file_or_paste_over_the_size_limit_gets_the_message_every_entry_point_gives(page, server):
    too_big = settings.MAX_REPORT_BYTES + 1
    reason = over_limit(too_big)
    page.locator(".tab", has_text="Add report").click()
    page.locator(f"#{ids.UPLOAD} input[type=file]").set_input_files(
        files=[{"name": "huge.txt", "mimeType": "text/plain", "buffer": b"x" * too_big}])
    message = page.locator(f"#{ids.REVIEW_MESSAGE} .error", has_text="huge.txt")
    message.wait_for(timeout=TIMEOUT_MS)
    assert message.inner_text().strip() == f"huge.txt: {reason}"
    callbacks = Callbacks(server)  # a paste that big is sent as the page sends it
    answer = _answer(callbacks, ids.EXTRACT, "n_clicks", {(ids.EXTRACT, "n_clicks"): 1,
                                                          (ids.PASTE, "value"): "x" * too_big})
    assert json.loads(answer)["response"][ids.REVIEW_MESSAGE]["children"]["props"]["children"].endswith(
        f".txt: {reason}")


def _answer(callbacks: Callbacks, component: str, prop: str, values: dict) -> str:
    dependency = callbacks.fed_by(component, prop)[0]
    ok, _, body = callbacks.post(callbacks.body(dependency, values, f"{component}.{prop}"))
    assert ok, body
    return body.decode("utf-8")


@pytest.mark.parametrize("values, expected", [
    ({(ids.PASTE, "value"): "Palmyra \ud800 fell"}, "invalid character at position 8"),
    ({(ids.PASTE, "value"): 12345}, "the pasted report is not text"),
    ({(ids.PASTE, "value"): REPORT, (ids.PASTE_DATE, "value"): {"year": 2017}}, "is not a date of the form"),
    ({(ids.PASTE, "value"): REPORT, (ids.PASTE_DATE, "value"): "9999-12-31"}, "cannot be a report's date"),
])
def test_a_crafted_paste_gets_a_clear_message(server, values, expected):
    callbacks = Callbacks(server)
    answer = _answer(callbacks, ids.EXTRACT, "n_clicks", {(ids.EXTRACT, "n_clicks"): 1, **values})
    assert expected in json.loads(answer)["response"][ids.REVIEW_MESSAGE]["children"]["props"]["children"]
    assert not any(text in answer for text in INTERNALS), answer[:400]


@pytest.mark.parametrize("component, prop, value", [
    (ids.DATE_SLIDER, "value", {"not": "a number"}),
    (ids.DATE_SLIDER, "value", "\ud800"),
    (ids.UPLOAD, "contents", ["not", "a", "data", "url"]),
])
def test_a_crafted_value_shows_no_internal_exception_text(server, component, prop, value):
    callbacks = Callbacks(server)
    answer = _answer(callbacks, component, prop, {(component, prop): value, (ids.UPLOAD, "filename"): ["x"]})
    assert not any(text in answer for text in INTERNALS), answer[:400]
    # A failed callback's banner says the same whatever the exception said.
    banner = json.loads(answer).get("sideUpdate", {}).get(ids.ERROR_TEXT, {}).get("children")
    assert banner in (None, views.error_message(RuntimeError("internal detail")))
