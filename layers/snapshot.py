"""Report-ready map snapshots: PNG, SVG, PDF, self-contained HTML, GIF, and the data as GeoJSON/CSV.

Command line (``python -m layers.snapshot``)::

    --date 2017-11-19 [--factions government,isil]
        [--place "Abu Kamal" --radius-km 80 | --bbox W,S,E,N]
        [--format png|svg|pdf|html|geojson|csv|gif|mp4] [--size a4-landscape|slide-16x9|square]
        [--scale 2] [--title ...] [--caption ...] [--layers territory,front_lines,...]
        [--window-days 7] [--events FILE.jsonl] --out FILE
    a series, one file per date:  --from 2017-09-01 --to 2017-12-31 --every 7d --out DIR
    an animation:                 --from ... --to ... --every 1d --format gif|mp4 --out FILE.gif

``--format`` defaults to the extension of ``--out`` (png for a folder). ``--every`` takes days
(``7``, ``7d``) or weeks (``2w``). The title defaults to "Who holds what: <extent>"; ``--title ""``
leaves it out. Bad input (date, place, bbox, size, format, factions, layers) prints one
``error:`` line to stderr and exits with status 2; a failed render exits with status 1.
Nothing is written unless every file of the export was made.

Functions for the dashboard's in-page export — they return a figure or bytes and touch no disk:

- ``snapshot_figure(state, view, *, title=None, caption=None, size=None, sources=None, seen_px=None)
  -> go.Figure``: ``layers.figure.make_figure``'s map laid out as a page (title, the date large,
  legend, scale bar, attribution, caption) for a size preset ("a4-landscape", "slide-16x9",
  "square") or a (width_px, height_px) pair. ``sources`` names the reports for the attribution
  line (default: the reports of the events up to the date). ``seen_px``: the (width, height) of
  the on-screen map whose centre/zoom the view holds, so the page shows the same extent.
- ``render(figure, fmt, *, scale=1, size=None) -> bytes``: "png" as a screenshot of one warm
  chromium page (Playwright, Debian's chromium), "svg" | "pdf" through kaleido, or "html": one
  self-contained page (plotly.js inlined) that draws the map offline, also when opened from
  disk. ``scale`` is the pixel ratio. Raises ``RenderError``.
- ``export_data(state, view, fmt) -> bytes``: "geojson" | "csv" (geometry in a ``wkt`` column):
  territory and contested ground of the view's factions, no-data ground, front lines, and the
  events of the view's window that pass its filters; the ``layer`` column says which. All of
  Syria, not clipped to the view's extent, in WGS84 (lon, lat).
- ``render_many(figures, fmt, *, scale=1) -> list[bytes]``: png/svg/pdf of several figures; PNGs
  one after another on the warm page, SVG/PDF in kaleido tabs side by side (one per CPU core).
- ``render_gif(figures, *, scale=1, frame_ms=800) -> bytes``: an animated GIF, a frame a figure;
  ``render_mp4`` (same arguments): an H.264 MP4.
- ``warm_renderer()``: a context manager keeping one headless chromium open across renders (a
  cold render first spends seconds starting chromium; see ``bench/snapshot.py``);
  ``start_renderer()``/``stop_renderer()`` do the same for a long-lived process such as the app.
  Renders are serialised; chromium starts at the first render of a block, kaleido's only for
  an SVG or PDF.

No network: kaleido's page gets no MathJax (its default is a CDN script), plotly.js comes from
the installed plotly package, and the map style of ``layers.style`` has no glyphs, sprite or
tile source.
"""
from __future__ import annotations

import argparse
import asyncio
import atexit
import csv
import io
import json
import logging
import os
import re
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import imageio_ffmpeg
import kaleido
import numpy as np
import pandas as pd
import plotly
import plotly.io as pio
import shapely
from geopy.distance import geodesic
from PIL import Image
from playwright.sync_api import sync_playwright
from shapely.geometry import Point, box, shape

import settings
from events.vocabulary import ACTION_CLASS, FACTIONS
from layers import advances, style
from control.data import DataError, load, load_default, read_events_jsonl
from layers.decorations import (
    MUTED_INK, SIZE_PRESETS_PX, LegendEntry, LegendSection, SizeError, decorate, make_frame,
    page_size_px, viewport_bbox,
)
from layers.event_markers import visible_events
from layers.geojson_export import feature_collection
from layers.figure import make_figure, map_center_zoom
from control.state import compute
from control.captures import CONTESTED_DAYS
from control.territory import RADIUS_KM
from layers.view import LAYER_NAMES, View

IMAGE_FORMATS = ("png", "svg", "pdf")
FIGURE_FORMATS = IMAGE_FORMATS + ("html",)
DATA_FORMATS = ("geojson", "csv")
ANIMATION_FORMATS = ("gif", "mp4")
ALL_FORMATS = FIGURE_FORMATS + DATA_FORMATS + ANIMATION_FORMATS

# Added to kaleido's page after plotly.js. MapLibre draws the map canvas at the page's
# devicePixelRatio (1 in kaleido), so at export scale 2 the map raster would be upsampled and
# blurred while the text around it stays sharp; this makes the ratio follow each export's scale.
PIXEL_RATIO_SCRIPT = """(function () {
  var ratio = 1, toImage = Plotly.toImage;
  Object.defineProperty(window, 'devicePixelRatio', {get: function () { return ratio; }, configurable: true});
  Plotly.toImage = function (figure, options) {
    ratio = (options && options.scale) || 1;
    return toImage.apply(this, arguments);
  };
})();
"""
RENDER_TIMEOUT_S = 90
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Draws a figure (a JSON string) on the warm PNG page and resolves once every map has drawn it.
# Plotly.react compares the map style after dropping its empty "sources", takes it for a new
# style and has MapLibre reload it, which MapLibre refuses; handing back the style object the
# plot already holds, when it is the same, skips that needless reload.
REACT_SCRIPT = """async ([figureJson, width, height]) => {
  const gd = document.getElementById('plot'), figure = JSON.parse(figureJson), layout = figure.layout || {};
  Object.assign(layout, {width: width, height: height, autosize: false});
  const held = gd.layout && gd.layout.map && gd.layout.map.style;
  if (held && layout.map && JSON.stringify(held) === JSON.stringify(layout.map.style)) layout.map.style = held;
  await Plotly.react(gd, figure.data || [], layout, {staticPlot: true, displayModeBar: false});
  const maps = ((gd._fullLayout._subplots || {}).map || []).map(id => gd._fullLayout[id]._subplot.map);
  await Promise.all(maps.map(map => new Promise(resolve => { map.once('idle', resolve); map.triggerRepaint(); })));
}"""
DEFAULT_RADIUS_KM = 50.0
DEFAULT_FRAME_MS = 800

# MapLibre (inside plotly.js) starts its worker as an ES module from a blob: URL. A page opened
# from disk has an opaque origin, and chromium refuses module workers there, so the map would
# never load. On file:// pages only, this shim starts the same worker code as a classic worker:
# it follows MapLibre's `import "blob:..."` wrapper to the code and drops its one `export`.
FILE_PAGE_WORKER_SHIM = """<script>
(function () {
  var NativeWorker = window.Worker;
  if (location.protocol !== 'file:' || !NativeWorker) return;
  function read(url) { var xhr = new XMLHttpRequest(); xhr.open('GET', url, false); xhr.send(); return xhr.responseText; }
  window.Worker = function (url, options) {
    if (options && options.type === 'module' && String(url).indexOf('blob:') === 0) {
      var source = read(url), wrapped;
      while ((wrapped = /^\\s*import\\s*"(blob:[^"]+)";?\\s*$/.exec(source))) source = read(wrapped[1]);
      source = source.replace(/export\\s*\\{[^}]*\\}\\s*;?(?=(\\s|\\/\\*[\\s\\S]*?\\*\\/)*$)/, '');
      url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
      options = Object.assign({}, options);
      delete options.type;
    }
    return new NativeWorker(url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
</script>"""

# The exported page can be panned and zoomed; this keeps its scale bar true, redrawing it from the
# map's new centre and zoom as decorations.scale_bar does (spherical Earth here: < 0.5 % apart).
SCALE_BAR_SCRIPT = """
var gd = document.getElementById('{plot_id}');
var spec = gd.layout.meta && gd.layout.meta.scale_bar;
function indexOf(items, name) { for (var i = 0; i < (items || []).length; i++) if (items[i].name === name) return i; return -1; }
function redraw() {
  var map = gd._fullLayout.map;
  var kmPerPx = 40075.016686 * Math.cos(map.center.lat * Math.PI / 180) / (512 * Math.pow(2, map.zoom));
  var maxKm = spec.max_px * kmPerPx, step = Math.pow(10, Math.floor(Math.log10(maxKm))), km = step;
  [2, 5, 10].forEach(function (m) { if (m * step <= maxKm) km = m * step; });
  km = +km.toPrecision(6);
  var W = spec.width_px, H = spec.height_px, x0 = spec.x0_px / W, x1 = (spec.x0_px + km / kmPerPx) / W;
  var y = 1 - spec.y_px / H, tick = 6 / H, update = {};
  var bar = indexOf(gd.layout.shapes, 'scale-bar'), box = indexOf(gd.layout.shapes, 'scale-bar-box');
  var label = indexOf(gd.layout.annotations, 'scale-bar-label');
  update['shapes[' + bar + '].path'] = 'M ' + x0 + ',' + (y + tick) + ' L ' + x0 + ',' + y + ' L ' + x1 + ',' + y + ' L ' + x1 + ',' + (y + tick);
  update['shapes[' + box + '].x1'] = x1 + 10 / W;
  update['annotations[' + label + '].x'] = (x0 + x1) / 2;
  update['annotations[' + label + '].text'] = km >= 1 ? km + ' km' : Math.round(km * 1000) + ' m';
  Plotly.relayout(gd, update);
}
if (spec) gd.on('plotly_relayout', function (change) {
  if (Object.keys(change).some(function (key) { return key === 'map.zoom' || key === 'map.center'; })) redraw();
});
"""

_render_lock = threading.Lock()
_warm_users = 0
_kaleido_open = False


class RenderError(RuntimeError):
    """The browser could not turn a figure into an image."""


# --- rendering -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _kaleido_page() -> kaleido.PageGenerator:
    """kaleido's page: plotly.js from the plotly package, no MathJax (its default is a CDN
    script; our figures use no LaTeX), and the pixel-ratio script, written once per process."""
    with tempfile.NamedTemporaryFile("w", suffix=".js", prefix="snapshot-pixel-ratio-", delete=False,
                                     encoding="utf-8") as script:
        script.write(PIXEL_RATIO_SCRIPT)
    atexit.register(os.unlink, script.name)
    return kaleido.PageGenerator(mathjax=False, others=[script.name])


def start_renderer() -> None:
    """Count one more user of the shared headless chromium; it opens at the first render."""
    global _warm_users
    with _render_lock:
        _warm_users += 1


def stop_renderer() -> None:
    """Release one use of the shared chromium; the last release closes it."""
    global _warm_users, _kaleido_open
    with _render_lock:
        if _warm_users == 0:
            return
        _warm_users -= 1
        if _warm_users == 0:
            _png_page.close()
            if _kaleido_open:
                kaleido.stop_sync_server(silence_warnings=True)
                _kaleido_open = False


@contextmanager
def warm_renderer():
    """Keep one chromium open for every render inside the block (a series, a GIF, a test module)."""
    start_renderer()
    try:
        yield
    finally:
        stop_renderer()


def render(figure, fmt: str, *, scale: float = 1, size=None) -> bytes:
    """The figure as ``fmt`` bytes: png/svg/pdf rendered by chromium, or a self-contained html page.

    ``size`` (a preset name or (width_px, height_px)) overrides the figure's own size;
    ``scale`` multiplies the pixels of a PNG (and the nominal size of an SVG or PDF)."""
    fmt = fmt.lower()
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"cannot render {fmt!r}; choose one of {', '.join(FIGURE_FORMATS)}")
    opts = _image_options(figure, fmt, scale, size)
    if fmt == "html":
        return _render_html(figure, opts["width"], opts["height"])
    with _render_lock:
        if fmt == "png":
            try:
                return _png_page.render(figure, opts["width"], opts["height"], scale)
            finally:
                if not _warm_users:
                    _png_page.close()
        return _kaleido_render(figure, opts)


def _kaleido_render(figure, opts: dict) -> bytes:
    """SVG or PDF through kaleido (its chromium serialises the plot; a screenshot cannot), in the
    warm kaleido server when a warm block is open; the caller holds ``_render_lock``."""
    global _kaleido_open
    try:
        if _warm_users:
            if not _kaleido_open:
                kaleido.start_sync_server(timeout=RENDER_TIMEOUT_S, page_generator=_kaleido_page(),
                                          silence_warnings=True)
                _kaleido_open = True
            return kaleido.calc_fig_sync(figure.to_dict(), opts=opts)
        return kaleido.calc_fig_sync(figure.to_dict(), opts=opts,
                                     kopts=dict(timeout=RENDER_TIMEOUT_S, page_generator=_kaleido_page()))
    except Exception as error:  # kaleido passes the browser's failures on as bare Exceptions
        raise RenderError(f"could not render the map as {opts['format']}: {error}") from error


def render_many(figures, fmt: str, *, scale: float = 1, tabs: int | None = None) -> list[bytes]:
    """Several figures (a series, the frames of an animation) as png/svg/pdf, in order.

    PNGs are drawn one after another in one warm page, each figure replacing the last on the
    same map (``bench/snapshot.py``: faster than parallel tabs on two cores). SVG/PDF go to
    ``tabs`` kaleido tabs at once (default: one per CPU core), each figure in the first free tab."""
    figures = list(figures)
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"cannot render {fmt!r} as images; choose one of {', '.join(IMAGE_FORMATS)}")
    tabs = min(len(figures), tabs or os.cpu_count() or 1)
    if fmt == "png" or tabs <= 1:
        with warm_renderer():
            return [render(figure, fmt, scale=scale) for figure in figures]

    async def in_tabs():
        async with kaleido.Kaleido(n=tabs, timeout=RENDER_TIMEOUT_S, page_generator=_kaleido_page()) as tabbed:
            return await asyncio.gather(*(tabbed.calc_fig(f.to_dict(), opts=_image_options(f, fmt, scale, None))
                                          for f in figures))
    try:
        return list(asyncio.run(in_tabs()))
    except Exception as error:  # as in _kaleido_render()
        raise RenderError(f"could not render the maps as {fmt}: {error}") from error


class _PngPage:
    """A PNG is a screenshot of one chromium page kept open (Playwright, Debian's chromium), where
    ``Plotly.react`` puts each new figure on the map already there. kaleido instead builds a new
    page plot and MapLibre map per image and then waits a fixed 0.5 s (plotly.js's toImage delay
    for map subplots, not configurable): about twice the time per warm PNG (bench/snapshot.py).

    All Playwright calls run on one worker thread, as its sync API is bound to the thread that
    started it, while renders come from any thread (the app's callbacks). A page per pixel ratio:
    chromium's device scale factor is fixed per browser context, and MapLibre draws at it."""

    ORIGIN = "http://snapshot.invalid/"   # served by route(); never reaches the network
    PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body { margin: 0; }</style>"
            "<script src='plotly.js'></script></head><body><div id='plot'></div></body></html>")

    def __init__(self):
        self._worker = None
        self._playwright = self._browser = None
        self._pages = {}

    def render(self, figure, width_px: int, height_px: int, scale: float) -> bytes:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-png")
        still = _for_screenshot([trace.to_plotly_json() for trace in figure.data], figure.layout.to_plotly_json(),
                                width_px, height_px)
        figure_json = pio.to_json(still, validate=False)
        try:
            return self._worker.submit(self._draw, figure_json, width_px, height_px, scale).result()
        except Exception as error:  # Playwright's errors, and the page's own (a map that fails to load)
            self.close()
            raise RenderError(f"could not render the map as png: {error}") from error

    def close(self) -> None:
        """Close the browser and end the worker thread (the next render starts them again)."""
        if self._worker is not None:
            self._worker.submit(self._close_browser).result()
            self._worker.shutdown()
            self._worker = None

    def _close_browser(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            self._playwright = self._browser = None
            self._pages = {}

    def _page(self, scale: float):
        if self._browser is None:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        if scale not in self._pages:
            page = self._browser.new_page(device_scale_factor=scale)
            page.set_default_timeout(RENDER_TIMEOUT_S * 1000)
            page.route(self.ORIGIN + "**", self._serve)
            page.goto(self.ORIGIN)
            self._pages[scale] = page
        return self._pages[scale]

    def _serve(self, route) -> None:
        if route.request.url == self.ORIGIN + "plotly.js":
            route.fulfill(body=_plotly_js(), content_type="text/javascript")
        elif route.request.url == self.ORIGIN:
            route.fulfill(body=self.PAGE, content_type="text/html")
        else:
            route.abort()

    def _draw(self, figure_json: str, width_px: int, height_px: int, scale: float) -> bytes:
        page = self._page(scale)
        if page.viewport_size != {"width": width_px, "height": height_px}:
            page.set_viewport_size({"width": width_px, "height": height_px})
        # The figure goes over as one string: Playwright's argument serialiser is far slower than
        # JSON.parse on a figure of a few hundred KB.
        page.evaluate(REACT_SCRIPT, [figure_json, width_px, height_px])
        return page.screenshot(type="png", clip={"x": 0, "y": 0, "width": width_px, "height": height_px})


# Trace keys that only matter to a reader hovering over the map, which a still image has not.
_HOVER_ONLY = {"name", "meta", "text", "hovertext", "hoverinfo", "hovertemplate", "customdata", "showlegend",
               "legendgroup", "legendrank", "uid", "lat", "lon"}
LABEL_MARGIN = 0.15   # share of the map's width/height beyond its edges where labels are kept


def _for_screenshot(traces: list[dict], layout: dict, width_px: int, height_px: int) -> dict:
    """The figure as a still image needs it, drawn the same in less time: text labels outside
    the map's viewport (plus a margin for text reaching in) are left out, and runs of line traces
    that look alike (front lines per pair of factions, rivers) become one trace. MapLibre spends
    most of a render on text placement and on a layer per trace. Takes and gives plain dicts."""
    view = layout.get("map") or {}
    if "center" not in view or "zoom" not in view:
        return {"data": traces, "layout": layout}
    domain = view.get("domain", {})
    x0, x1 = domain.get("x", (0, 1))
    y0, y1 = domain.get("y", (0, 1))
    map_px = ((x1 - x0) * width_px * (1 + 2 * LABEL_MARGIN), (y1 - y0) * height_px * (1 + 2 * LABEL_MARGIN))
    west, south, east, north = viewport_bbox((view["center"]["lat"], view["center"]["lon"]), view["zoom"], map_px)
    kept = []
    for trace in traces:
        mode = trace.get("mode") or ""
        if trace.get("type") == "scattermap" and "text" in mode and trace.get("lat") is not None:
            keep = [i for i, (lat, lon) in enumerate(zip(trace["lat"], trace["lon"]))
                    if lat is not None and lon is not None and south <= lat <= north and west <= lon <= east]
            trace = {key: _points(value, keep) for key, value in trace.items()}
        previous = kept[-1] if kept else None
        if (previous is not None and mode == "lines" and previous.get("mode") == "lines"
                and previous.get("type") == trace.get("type") == "scattermap"
                and _looks(previous) == _looks(trace)):
            previous["lat"] = list(previous["lat"]) + [None] + list(trace["lat"])
            previous["lon"] = list(previous["lon"]) + [None] + list(trace["lon"])
            continue
        kept.append(dict(trace))
    return {"data": kept, "layout": layout}


def _looks(trace: dict) -> dict:
    return {key: value for key, value in trace.items() if key not in _HOVER_ONLY}


def _points(value, keep: list[int]):
    """A per-point array cut to the points kept, also inside marker/textfont; anything else as is."""
    if isinstance(value, dict):
        return {key: _points(inner, keep) for key, inner in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [value[i] for i in keep]
    return value


@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()


_png_page = _PngPage()
atexit.register(_png_page.close)


def _image_options(figure, fmt: str, scale: float, size) -> dict:
    if not (isinstance(scale, (int, float)) and 0 < scale <= 8):
        raise ValueError(f"scale (pixel ratio) must lie in (0, 8], got {scale!r}")
    if size is not None:
        width_px, height_px = page_size_px(size)
    else:
        width_px, height_px = int(figure.layout.width or 1123), int(figure.layout.height or 794)
    return dict(format=fmt, width=width_px, height=height_px, scale=scale)


def _render_html(figure, width_px: int, height_px: int) -> bytes:
    page = pio.to_html(
        figure, include_plotlyjs=True, include_mathjax=False, full_html=True,
        default_width=f"{width_px}px", default_height=f"{height_px}px",
        config={"displaylogo": False, "responsive": False,
                "toImageButtonOptions": {"format": "png", "width": width_px, "height": height_px}},
        post_script=SCALE_BAR_SCRIPT,
    )
    head = "<head>"
    at = page.index(head) + len(head)
    style_tag = "<style>body { margin: 0; }</style>"
    head_extras = "<meta charset=\"utf-8\">" + style_tag + FILE_PAGE_WORKER_SHIM
    return (page[:at] + head_extras + page[at:]).encode("utf-8")


def render_gif(figures, *, scale: float = 1, frame_ms: int = DEFAULT_FRAME_MS) -> bytes:
    """An animated GIF looping over the figures, frame_ms milliseconds per frame.

    Each frame gets its own palette without dithering, so flat territory colours stay flat; the
    last frame is held three times as long so that the end state can be read."""
    frames = [Image.open(io.BytesIO(png)).convert("RGB").quantize(
                  colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
              for png in render_many(figures, "png", scale=scale)]
    if not frames:
        raise ValueError("an animation needs at least one frame")
    durations = [frame_ms] * (len(frames) - 1) + [frame_ms * 3]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=durations,
                   loop=0, disposal=1, optimize=False)
    return out.getvalue()


def render_mp4(figures, *, scale: float = 1, frame_ms: int = DEFAULT_FRAME_MS) -> bytes:
    """An H.264 video (yuv420p, plays in browsers and slide software), frame_ms per figure, the
    last one held three times as long; encoded by the ffmpeg that ships inside imageio-ffmpeg."""
    frames = [Image.open(io.BytesIO(png)).convert("RGB")
              for png in render_many(figures, "png", scale=scale)]
    if not frames:
        raise ValueError("an animation needs at least one frame")
    # yuv420p needs even sides: pad with the page's white rather than let ffmpeg rescale
    width_px, height_px = (side + side % 2 for side in frames[0].size)
    with tempfile.TemporaryDirectory(prefix="snapshot-video-") as folder:
        path = Path(folder) / "animation.mp4"
        writer = imageio_ffmpeg.write_frames(
            str(path), (width_px, height_px), fps=1000 / frame_ms, codec="libx264", pix_fmt_in="rgb24",
            pix_fmt_out="yuv420p", macro_block_size=2, ffmpeg_log_level="error", quality=8)
        writer.send(None)
        for frame in frames + [frames[-1]] * 2:
            page = Image.new("RGB", (width_px, height_px), "white")
            page.paste(frame)
            writer.send(page.tobytes())
        writer.close()
        return path.read_bytes()


# --- the page ------------------------------------------------------------------------------

def snapshot_figure(state, view: View, *, title: str | None = None, caption: str | None = None,
                    size=None, sources: list[str] | None = None, seen_px: tuple[int, int] | None = None):
    """The view's map laid out as a report page (see ``layers.decorations``).

    A view with a bbox is fitted into the page's map. A view with a centre and zoom keeps them,
    unless ``seen_px`` gives the (width, height) of the map it was looking at (the dashboard's):
    then the page shows the same extent, whatever its own size."""
    frame = make_frame(size, caption)
    if view.bbox is None and seen_px is not None:
        view = view.replace(bbox=viewport_bbox(view.center, view.zoom, seen_px))
    center, zoom = map_center_zoom(view, frame.map_px)
    figure = make_figure(state, view, size=frame.map_px)
    legend = legend_sections(state, view, extent=viewport_bbox(center, zoom, frame.map_px))
    return decorate(figure, date=view.date, frame=frame, title=title, legend=legend,
                    sources=report_sources(state) if sources is None else list(sources),
                    center=center, zoom=zoom)


def report_sources(state) -> list[str]:
    """The reports behind the events up to the state's date, as short labels: the publisher or
    the title, and the report's date, from ``data/events/documents.csv``; else the document id."""
    documents = _documents()
    labels = []
    for doc in sorted({e.doc for e in state.data.events if e.date_start <= state.date and e.doc}):
        row = documents.get(doc, {})
        name = row.get("source") or row.get("title") or doc
        labels.append(f"{name.removeprefix('www.')} ({row['date']})" if row.get("date") else name)
    return labels


@lru_cache(maxsize=1)
def _documents() -> dict[str, dict]:
    path = settings.DATA_DIR / "events" / "documents.csv"
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["doc"]: row for row in csv.DictReader(f)}


def legend_sections(state, view: View,
                    extent: tuple[float, float, float, float] | None = None) -> list[LegendSection]:
    """What the map of this view shows inside ``extent`` (west, south, east, north), for the legend;
    area swatches are mixed over the map's background so they look as the map does."""
    seen = box(*extent) if extent else None

    def shown(geometry) -> bool:
        return not geometry.is_empty and (seen is None or geometry.intersects(seen))

    def event_shown(event) -> bool:
        return seen is None or seen.contains(Point(event.lon, event.lat))

    territory = state.territory
    areas, lines, marks = [], [], []
    if "territory" in view.layers:
        for faction in FACTIONS:
            if faction in view.factions and faction in territory.factions and shown(territory.factions[faction]):
                areas.append(LegendEntry(style.faction_name(faction), style.faction_colour(faction),
                                         "area", style.TERRITORY_OPACITY, under=style.BACKGROUND_COLOUR))
        if any(f in view.factions and shown(g) for f, g in territory.contested_sides.items()):
            areas.append(LegendEntry(f"contested (rival claims within {CONTESTED_DAYS} days)", style.CONTESTED_COLOUR,
                                     "area", style.CONTESTED_OPACITY, under=style.BACKGROUND_COLOUR))
        if shown(territory.no_data):
            areas.append(LegendEntry("no data (no knowledge of this ground)", style.NO_DATA_COLOUR,
                                     "area", style.NO_DATA_OPACITY, under=style.BACKGROUND_COLOUR))
    if "front_lines" in view.layers and any((a in view.factions or b in view.factions) and shown(g)
                                            for (a, b), g in territory.front_lines.items()):
        lines.append(LegendEntry("front line", style.FRONT_LINE_COLOUR, "line"))
    if "advances" in view.layers:
        actors = {a["event"].actor for a in advances.arrows(state, view) if event_shown(a["event"])}
        for faction in sorted(actors, key=FACTIONS.index):
            lines.append(LegendEntry(f"{style.faction_name(faction)} advance", style.faction_colour(faction), "arrow"))
    if "events" in view.layers:
        classes = {ACTION_CLASS[e.action] for e in visible_events(state, view) if event_shown(e)}
        for action_class, mark in style.ACTION_CLASS_STYLE.items():
            if action_class in classes:
                marks.append(LegendEntry(mark["label"], mark["halo"], "marker", size_px=mark["size_px"]))
        if marks:
            marks.append(LegendEntry("ring: action; dot: the actor's colour", MUTED_INK, "note"))
    window = "the day" if view.window_days == 1 else f"last {view.window_days} days"
    return [LegendSection("Control", tuple(areas)), LegendSection("Lines", tuple(lines)),
            LegendSection(f"Events, {window}", tuple(marks))]


# --- data ----------------------------------------------------------------------------------

def export_data(state, view: View, fmt: str) -> bytes:
    """The view's data as GeoJSON, or as CSV with one row per feature and its geometry as WKT."""
    fmt = fmt.lower()
    collection = feature_collection(state, view)
    if fmt == "geojson":
        return json.dumps(collection, ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        features = collection["features"]
        table = pd.DataFrame([f["properties"] for f in features])
        table["wkt"] = shapely.to_wkt([shape(f["geometry"]) for f in features], rounding_precision=5)
        return table.to_csv(index=False).encode("utf-8")
    raise ValueError(f"cannot export data as {fmt!r}; choose one of {', '.join(DATA_FORMATS)}")


# --- command line --------------------------------------------------------------------------

class UsageError(ValueError):
    """Input the command line cannot work with; the message says what to give instead."""


@dataclass(frozen=True)
class Request:
    """One export: the dates (one, or a series), what to draw, and where to write it."""
    dates: tuple[date, ...]
    view: View
    fmt: str
    out: Path
    series: bool
    size: str
    scale: float
    title: str | None
    caption: str | None
    frame_ms: int
    note: str | None = None      # what the command resolved, told to the user


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m layers.snapshot",
                                     description="Report-ready snapshots of the front-line map.")
    parser.add_argument("--date", help="the day to draw, YYYY-MM-DD")
    parser.add_argument("--from", dest="first", help="first day of a series or animation, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", help="last day of a series or animation, YYYY-MM-DD")
    parser.add_argument("--every", default="7d", help="step of a series: days (7, 7d) or weeks (2w); default 7d")
    parser.add_argument("--factions", help=f"comma-separated, some of {','.join(FACTIONS)} (default all)")
    parser.add_argument("--place", help="centre the map on this place (gazetteer name)")
    parser.add_argument("--radius-km", type=float,
                        help=f"with --place: km shown around it (default {DEFAULT_RADIUS_KM:g})")
    parser.add_argument("--bbox", help="west,south,east,north in degrees")
    parser.add_argument("--format", choices=ALL_FORMATS, help="default: from the --out extension, else png")
    parser.add_argument("--size", default="a4-landscape", help=f"one of {', '.join(SIZE_PRESETS_PX)}")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio of PNG/GIF (e.g. 2)")
    parser.add_argument("--title", help='title printed above the map (default "Who holds what: <extent>")')
    parser.add_argument("--caption", help="caption printed below the map")
    parser.add_argument("--layers", help=f"comma-separated, some of {','.join(LAYER_NAMES)} (default all)")
    parser.add_argument("--window-days", type=int, default=7, help="days of events and advances shown (default 7)")
    parser.add_argument("--frame-ms", type=int, default=DEFAULT_FRAME_MS, help="GIF/MP4: milliseconds per frame")
    parser.add_argument("--events", type=Path, help="events as JSON lines (python -m events extract --json) "
                                                    "instead of the committed ones")
    parser.add_argument("--out", type=Path, required=True, help="the file to write (a folder for a series)")
    return parser


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a day in YYYY-MM-DD form (e.g. 2017-11-19)") from None


def parse_every(text: str) -> timedelta:
    """'7', '7d' -> 7 days; '2w' -> 14 days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if not match or int(match.group(1)) < 1:
        raise UsageError(f"--every {text!r}: give a step like 1d, 7d or 2w")
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    return timedelta(days=days)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(f"--bbox {text!r}: give four numbers west,south,east,north (e.g. 40,34,41.5,35)") from None
    if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
        raise UsageError(f"--bbox {text!r}: need -180 <= west < east <= 180 and -85 <= south < north <= 85 (degrees)")
    return west, south, east, north


def parse_factions(text: str | None) -> tuple[str, ...]:
    if text is None:
        return FACTIONS
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FACTIONS]
    if unknown or not chosen:
        raise UsageError(f"--factions {text!r}: unknown {', '.join(unknown) or 'empty list'}; "
                         f"choose from {', '.join(FACTIONS)}")
    return chosen


def parse_layers(text: str | None) -> tuple[str, ...]:
    if text is None:
        return LAYER_NAMES
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in text.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in LAYER_NAMES]
    if unknown or not chosen:
        raise UsageError(f"--layers {text!r}: unknown {', '.join(unknown) or 'empty list'}; "
                         f"choose from {', '.join(LAYER_NAMES)}")
    return chosen


def bbox_around(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the square reaching radius_km from (lat, lon) each way."""
    reach = geodesic(kilometers=radius_km)
    return (reach.destination((lat, lon), bearing=270).longitude, reach.destination((lat, lon), bearing=180).latitude,
            reach.destination((lat, lon), bearing=90).longitude, reach.destination((lat, lon), bearing=0).latitude)


def place_bbox(name: str, radius_km: float):
    """(bbox around the gazetteer's place for ``name``, that ``Place``)."""
    # The gazetteer takes a moment to build, so it is loaded only when a place is asked for.
    from gazetteer import resolve, suggest

    place = resolve(name)
    if place is None:
        suggestions = suggest(name)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise UsageError(f"--place {name!r} is not in the gazetteer{hint}")
    return bbox_around(place.lat, place.lon, radius_km), place


def series_dates(first: date, last: date, step: timedelta) -> tuple[date, ...]:
    """first, first + step, ... up to last; last is always included so a series ends where asked."""
    dates = []
    day = first
    while day < last:
        dates.append(day)
        day += step
    dates.append(last)
    return tuple(dates)


def build_request(args, data) -> Request:
    """Check every argument against the data before anything is drawn."""
    if args.date and (args.first or args.last):
        raise UsageError("give either --date or --from/--to, not both")
    if args.date:
        dates, series = (parse_date(args.date),), False
    elif args.first and args.last:
        first, last = parse_date(args.first, "--from"), parse_date(args.last, "--to")
        if last < first:
            raise UsageError(f"--to {last} is before --from {first}")
        dates, series = series_dates(first, last, parse_every(args.every)), True
    else:
        raise UsageError("give --date YYYY-MM-DD, or --from and --to for a series")
    earliest = min((p.as_of for p in data.baseline), default=None)
    if earliest and dates[0] < earliest:
        raise UsageError(f"{dates[0]} is before the control baseline ({earliest}); the map starts there")

    fmt = args.format or _format_from_suffix(args.out, series)
    if fmt in ANIMATION_FORMATS and not series:
        raise UsageError(f"--format {fmt} needs a date range: --from, --to and --every")
    if len(dates) > 400:
        raise UsageError(f"{len(dates)} dates is too many for one export (max 400); use a larger --every")
    try:
        page_size_px(args.size)
    except SizeError as error:
        raise UsageError(str(error)) from None
    if not 0 < args.scale <= 8:
        raise UsageError(f"--scale {args.scale:g}: give a pixel ratio above 0 and at most 8")
    if not 1 <= args.window_days <= 365:
        raise UsageError(f"--window-days {args.window_days}: give 1 to 365")
    if args.frame_ms < 20:
        raise UsageError(f"--frame-ms {args.frame_ms}: give at least 20")

    if args.place and args.bbox:
        raise UsageError("give either --place or --bbox, not both")
    if args.radius_km is not None and not args.place:
        raise UsageError("--radius-km goes with --place")
    west, south, east, north = data.outline.bounds
    margin = 0.03 * max(east - west, north - south)
    view_extent = {"bbox": (west - margin, south - margin, east + margin, north + margin)}
    where, note = "Syria", None
    if args.bbox:
        view_extent["bbox"] = parse_bbox(args.bbox)
        where = "the area shown"
    elif args.place:
        radius_km = DEFAULT_RADIUS_KM if args.radius_km is None else args.radius_km
        if not 1 <= radius_km <= 2000:
            raise UsageError(f"--radius-km {radius_km:g}: give 1 to 2000 km")
        view_extent["bbox"], place = place_bbox(args.place, radius_km)
        where = f"{radius_km:g} km around {' '.join(args.place.split())}"
        note = f"--place {args.place!r}: {place.name} ({place.lat:.4f}, {place.lon:.4f}), {place.kind}"
    view = View(dates[0], factions=parse_factions(args.factions), layers=parse_layers(args.layers),
                window_days=args.window_days, **view_extent)
    title = args.title if args.title is not None else f"Who holds what: {where}"
    return Request(dates, view, fmt, args.out, series and fmt not in ANIMATION_FORMATS, args.size, args.scale,
                   title or None, args.caption, args.frame_ms, note)


def _format_from_suffix(out: Path, series: bool) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ALL_FORMATS:
        return suffix
    if suffix and not series:
        raise UsageError(f"cannot tell the format from {out.name!r}; add --format ({', '.join(ALL_FORMATS)})")
    return "png"


def run(request: Request, data) -> dict[Path, bytes]:
    """Every file of the export, made in memory: {path: bytes}."""
    def figure_of(day):
        view = request.view.replace(date=day)
        return snapshot_figure(compute(data, day), view, title=request.title, caption=request.caption,
                               size=request.size)

    if request.fmt in ANIMATION_FORMATS:
        animate = render_gif if request.fmt == "gif" else render_mp4
        return {request.out: animate([figure_of(d) for d in request.dates], scale=request.scale,
                                     frame_ms=request.frame_ms)}
    paths = [request.out / f"frontline-{day.isoformat()}.{request.fmt}" if request.series else request.out
             for day in request.dates]
    if request.fmt in DATA_FORMATS:
        payloads = [export_data(compute(data, day), request.view.replace(date=day), request.fmt)
                    for day in request.dates]
    elif request.fmt == "html":
        payloads = [render(figure_of(day), "html") for day in request.dates]
    else:
        payloads = render_many([figure_of(day) for day in request.dates], request.fmt, scale=request.scale)
    return dict(zip(paths, payloads))


def write_files(files: dict[Path, bytes]) -> None:
    """Write each file beside its destination first, then move them all into place."""
    staged = []
    try:
        for path, payload in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.partial")
            temporary.write_bytes(payload)
            staged.append((temporary, path))
        for temporary, path in staged:
            temporary.replace(path)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # choreographer logs (with a traceback) browser messages it skips; they never fail a render.
    logging.getLogger("choreographer").setLevel(logging.CRITICAL)
    try:
        data = load(settings.DATA_DIR, read_events_jsonl(args.events)) if args.events else load_default()
        request = build_request(args, data)
        if request.note:
            print(request.note, file=sys.stderr)
        if request.series and request.out.exists() and not request.out.is_dir():
            raise UsageError(f"--out {request.out} is a file; a series needs a folder")
        files = run(request, data)
        write_files(files)
    except (UsageError, ValueError, DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (RenderError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    total_kb = sum(len(b) for b in files.values()) / 1024
    where = request.out if len(files) == 1 else f"{request.out}/ ({len(files)} files)"
    print(f"wrote {where}, {total_kb:,.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
