"""Turning a snapshot figure into a file: PNG, SVG and PDF from one warm chromium, HTML, GIF, MP4.

- ``render(figure, fmt, *, scale=1, size=None) -> bytes``: "png" | "svg" | "pdf" | "html".
  The image formats are drawn by one headless chromium (Playwright, Debian's chromium) on one
  page kept open, where ``Plotly.react`` puts each new figure on the map already there: a PNG
  is a screenshot of that page; an SVG is plotly's own SVG of the same plot (text as text, the
  map as a raster at the pixel ratio); a PDF is that SVG printed by chromium (a one-page
  document of the page's size). ``scale`` is the pixel ratio of a PNG and of the map raster
  of an SVG/PDF (their nominal size stays the page's). "html" is one self-contained page
  (plotly.js inlined) that draws the map offline, also when opened from disk.
  Raises ``RenderError``.
- ``render_many(figures, fmt, *, scale=1)``: several figures in order, on the warm page.
- ``render_gif`` / ``render_mp4`` (same arguments plus ``frame_ms``): animations, a frame a figure.
- The renderer: ``warm_renderer()`` keeps the chromium open across the renders of a block (a
  series, a test module); ``start_renderer()`` / ``stop_renderer()`` do the same for a
  long-lived process (the app keeps it for its lifetime, so that the page's exports take the
  CLI's warm path); ``prewarm(scale)`` starts the browser and loads its page in the background.
  Outside these, each render starts and closes its own chromium (the cold path). Renders are
  serialised. ``bench/snapshot.py`` measures both paths.

No network: the page's only script is plotly.js from the installed plotly package, served by a
route that refuses every other request, and the map style of ``layers.style`` has no glyphs,
sprite or tile source.
"""
from __future__ import annotations

import atexit
import base64
import io
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import plotly
import plotly.io as pio
import shapely
import shapely.geometry
from PIL import Image

from export.page import page_size_px, viewport_bbox

IMAGE_FORMATS = ("png", "svg", "pdf")
FIGURE_FORMATS = IMAGE_FORMATS + ("html",)
ANIMATION_FORMATS = ("gif", "mp4")
DEFAULT_FRAME_MS = 800
RENDER_TIMEOUT_S = 90
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Draws a figure (a JSON string) on the warm page and resolves once every map has drawn it.
# Plotly.react compares the map style after dropping its empty "sources", takes it for a new
# style and has MapLibre reload it, which MapLibre refuses; handing back the style object the
# plot already holds, when it is the same, skips that needless reload. ``staticPlot`` keeps the
# map's drawing buffer, which the SVG's map raster is read from.
REACT_SCRIPT = """async ([figureJson, width, height]) => {
  const gd = document.getElementById('plot'), figure = JSON.parse(figureJson), layout = figure.layout || {};
  Object.assign(layout, {width: width, height: height, autosize: false});
  const held = gd.layout && gd.layout.map && gd.layout.map.style;
  if (held && layout.map && JSON.stringify(held) === JSON.stringify(layout.map.style)) layout.map.style = held;
  const config = {staticPlot: true, displayModeBar: false};
  try {
    await Plotly.react(gd, figure.data || [], layout, config);
  } catch (error) {
    // MapLibre refuses some updates of the map's layers in place (going back to a date whose
    // layers differ: 'Map error' from removeLayer); a new plot draws the figure from scratch.
    Plotly.purge(gd);
    await Plotly.newPlot(gd, figure.data || [], layout, config);
  }
  const maps = ((gd._fullLayout._subplots || {}).map || []).map(id => gd._fullLayout[id]._subplot.map);
  await Promise.all(maps.map(map => new Promise(resolve => { map.once('idle', resolve); map.triggerRepaint(); })));
}"""
# plotly's SVG of the plot on the page (what Plotly.toImage makes of a fresh copy, without the
# copy: no second map to build and wait for). It puts the maps' rasters into the plot's image
# layer, which is emptied again for the next figure.
SVG_SCRIPT = """() => {
  const gd = document.getElementById('plot');
  try { return Plotly.Snapshot.toSVG(gd); } finally { gd._fullLayout._glimages.selectAll('*').remove(); }
}"""
PDF_PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page {{ size: {w}px {h}px; margin: 0 }}"
            " html, body {{ margin: 0; padding: 0 }} svg {{ display: block }}</style></head><body>{svg}</body></html>")

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
# map's new centre and zoom as export.page.scale_bar does (spherical Earth here: < 0.5 % apart).
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


class RenderError(RuntimeError):
    """The browser could not turn a figure into an image."""


# --- the warm page -----------------------------------------------------------------------------

class _Browser:
    """One chromium page kept open (Playwright, Debian's chromium), where ``Plotly.react`` puts
    each new figure on the map already there. kaleido instead builds a new page, plot and
    MapLibre map per image and then waits a fixed 0.5 s (plotly.js's toImage delay for map
    subplots): several times the time per image (bench/snapshot.py).

    All Playwright calls run on one worker thread, as its sync API is bound to the thread that
    started it, while renders come from any thread (the app's callbacks). A page per pixel
    ratio: chromium's device scale factor is fixed per page, and MapLibre draws at it."""

    ORIGIN = "http://snapshot.invalid/"   # served by route(); never reaches the network
    PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body { margin: 0; }</style>"
            "<script src='plotly.js'></script></head><body><div id='plot'></div></body></html>")

    def __init__(self):
        self._worker: ThreadPoolExecutor | None = None
        self._playwright = self._browser = None
        self._pages: dict[float, object] = {}
        self._sessions: dict[object, object] = {}
        self._print_page = None
        _before_worker_threads_end(self.close)

    def submit(self, fn, *args) -> Future:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-render")
        return self._worker.submit(fn, *args)

    def image(self, figure, fmt: str, width_px: int, height_px: int, scale: float) -> bytes:
        still = for_screenshot([trace.to_plotly_json() for trace in figure.data], figure.layout.to_plotly_json(),
                               width_px, height_px)
        figure_json = pio.to_json(still, validate=False)
        try:
            return self.submit(self._image, figure_json, fmt, width_px, height_px, scale).result()
        except Exception as error:  # Playwright's errors, and the page's own (a map that fails to load)
            self.close()
            raise RenderError(f"could not render the map as {fmt}: {error}") from error

    def warm(self, scale: float) -> Future:
        """Start the browser and load the page of this pixel ratio, on the worker."""
        return self.submit(self._page, scale)

    def close(self) -> None:
        """Close the browser and end the worker thread (the next render starts them again)."""
        if self._worker is not None:
            try:
                self._worker.submit(self._close_browser).result()
            except RuntimeError:   # at interpreter exit the worker is gone, and the browser with it
                pass
            self._worker.shutdown()
            self._worker = None

    # on the worker thread -----------------------------------------------------------------------
    def _close_browser(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            self._playwright = self._browser = self._print_page = None
            self._pages, self._sessions = {}, {}

    def _launch(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        return self._browser

    def _page(self, scale: float):
        if scale not in self._pages:
            page = self._launch().new_page(device_scale_factor=scale)
            page.set_default_timeout(RENDER_TIMEOUT_S * 1000)
            page.route(self.ORIGIN + "**", self._serve)
            page.goto(self.ORIGIN)
            self._pages[scale] = page
        return self._pages[scale]

    def _screenshot(self, page, width_px: int, height_px: int, scale: float) -> bytes:
        """The page as a PNG at its pixel ratio, through the DevTools protocol, which can encode
        for speed (Playwright's screenshot spends ~4x the time compressing the same pixels)."""
        if page not in self._sessions:
            self._sessions[page] = page.context.new_cdp_session(page)
        shot = self._sessions[page].send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True,
            "clip": {"x": 0, "y": 0, "width": width_px, "height": height_px, "scale": scale}})
        return base64.b64decode(shot["data"])

    def _serve(self, route) -> None:
        if route.request.url == self.ORIGIN + "plotly.js":
            route.fulfill(body=_plotly_js(), content_type="text/javascript")
        elif route.request.url == self.ORIGIN:
            route.fulfill(body=self.PAGE, content_type="text/html")
        else:
            route.abort()

    def _image(self, figure_json: str, fmt: str, width_px: int, height_px: int, scale: float) -> bytes:
        page = self._page(scale)
        if page.viewport_size != {"width": width_px, "height": height_px}:
            page.set_viewport_size({"width": width_px, "height": height_px})
        # The figure goes over as one string: Playwright's argument serialiser is far slower than
        # JSON.parse on a figure of a few hundred KB.
        page.evaluate(REACT_SCRIPT, [figure_json, width_px, height_px])
        if fmt == "png":
            return self._screenshot(page, width_px, height_px, scale)
        svg = page.evaluate(SVG_SCRIPT)
        if fmt == "svg":
            return svg.encode("utf-8")
        if self._print_page is None:
            self._print_page = self._launch().new_page()
            self._print_page.set_default_timeout(RENDER_TIMEOUT_S * 1000)
            self._print_page.route("**", lambda route: route.abort())   # nothing to fetch
        self._print_page.set_content(PDF_PAGE.format(w=width_px, h=height_px, svg=svg))
        return self._print_page.pdf(width=f"{width_px}px", height=f"{height_px}px", print_background=True,
                                    page_ranges="1")


# Trace keys that only matter to a reader hovering over the map, which a still image has not.
_HOVER_ONLY = {"name", "meta", "text", "hovertext", "hoverinfo", "hovertemplate", "customdata", "showlegend",
               "legendgroup", "legendrank", "uid", "lat", "lon"}
LABEL_MARGIN = 0.15   # share of the map's width/height beyond its edges where labels are kept
# Areas are simplified to this share of a CSS pixel at the view's zoom: finer than a device
# pixel at pixel ratio 3, so the image is the same, with far fewer vertices to tile and fill.
SIMPLIFY_PX = 0.25
_MARKER_ARRAYS = ("color", "size", "opacity")


def for_screenshot(traces: list[dict], layout: dict, width_px: int, height_px: int) -> dict:
    """The figure as a still image needs it, drawn the same in less time: text labels outside
    the map's viewport (plus a margin for text reaching in) are left out, areas are simplified
    below a pixel, runs of line traces that look alike (front lines per pair of factions,
    rivers) become one trace, and so do runs of marker traces (the event rings of each action
    class, the event dots of each faction), their colours, sizes and opacities per point.
    MapLibre spends most of a render on text placement, on a layer per trace and on tiling
    areas. Takes and gives plain dicts."""
    view = layout.get("map") or {}
    if "center" not in view or "zoom" not in view:
        return {"data": traces, "layout": layout}
    domain = view.get("domain", {})
    x0, x1 = domain.get("x", (0, 1))
    y0, y1 = domain.get("y", (0, 1))
    map_px = ((x1 - x0) * width_px * (1 + 2 * LABEL_MARGIN), (y1 - y0) * height_px * (1 + 2 * LABEL_MARGIN))
    west, south, east, north = viewport_bbox((view["center"]["lat"], view["center"]["lon"]), view["zoom"], map_px)
    tolerance_deg = SIMPLIFY_PX * 360.0 / (512 * 2.0 ** view["zoom"])
    kept = []
    for trace in traces:
        mode = trace.get("mode") or ""
        if trace.get("type") == "scattermap" and "text" in mode and trace.get("lat") is not None:
            keep = [i for i, (lat, lon) in enumerate(zip(trace["lat"], trace["lon"]))
                    if lat is not None and lon is not None and south <= lat <= north and west <= lon <= east]
            trace = {key: _points(value, keep) for key, value in trace.items()}
        if trace.get("type") == "choroplethmap" and trace.get("geojson"):
            trace = {**trace, "geojson": _simplified(trace["geojson"], tolerance_deg)}
        previous = kept[-1] if kept else None
        if previous is not None and previous.get("type") == trace.get("type") == "scattermap":
            if (mode == "lines" and previous.get("mode") == "lines" and _looks(previous) == _looks(trace)):
                previous["lat"] = list(previous["lat"]) + [None] + list(trace["lat"])
                previous["lon"] = list(previous["lon"]) + [None] + list(trace["lon"])
                continue
            if mode == "markers" and previous.get("mode") == "markers" and _same_but_markers(previous, trace):
                _append_markers(previous, trace)
                continue
        kept.append(dict(trace))
    return {"data": kept, "layout": layout}


def _looks(trace: dict) -> dict:
    return {key: value for key, value in trace.items() if key not in _HOVER_ONLY}


def _same_but_markers(a: dict, b: dict) -> bool:
    """Two marker traces that differ at most in their markers' colour, size and opacity."""
    def rest(trace):
        marker = {k: v for k, v in (trace.get("marker") or {}).items() if k not in _MARKER_ARRAYS}
        return {**_looks(trace), "marker": marker}
    return rest(a) == rest(b)


def _append_markers(into: dict, trace: dict) -> None:
    """``trace``'s points after ``into``'s, with colour, size and opacity per point."""
    count = len(into["lat"])
    marker = dict(into.get("marker") or {})
    for key in _MARKER_ARRAYS:
        mine, theirs = marker.get(key), (trace.get("marker") or {}).get(key)
        if mine is None and theirs is None:
            continue
        marker[key] = _per_point(mine, count) + _per_point(theirs, len(trace["lat"]))
    into["marker"] = marker
    into["lat"] = list(into["lat"]) + list(trace["lat"])
    into["lon"] = list(into["lon"]) + list(trace["lon"])


def _per_point(value, count: int) -> list:
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    return [value] * count


def _simplified(collection: dict, tolerance_deg: float) -> dict:
    features = []
    for feature in collection.get("features", []):
        geometry = shapely.geometry.shape(feature["geometry"])
        simple = shapely.simplify(geometry, tolerance_deg, preserve_topology=True)
        features.append({**feature, "geometry": shapely.geometry.mapping(simple)})
    return {**collection, "features": features}


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


# --- the renderer's life -----------------------------------------------------------------------

def _before_worker_threads_end(close) -> None:
    """Run ``close`` at interpreter exit while the worker thread can still take a job.
    ``atexit`` runs only after concurrent.futures has ended its threads, so the browser could no
    longer be closed on its own thread, and the Playwright greenlets left on a finished thread
    can abort the process at exit ("terminate called without an active exception"). Hooks
    registered with threading's exit list run in reverse order, so this one (registered after
    concurrent.futures' at its import) runs first."""
    register = getattr(threading, "_register_atexit", None)
    if register is None:
        atexit.register(close)
        return
    try:
        register(close)
    except RuntimeError:   # already shutting down: nothing more can be scheduled anyway
        pass


_browser = _Browser()
_render_lock = threading.Lock()
_warm_users = 0


def start_renderer() -> None:
    """Count one more user of the shared chromium; it opens at the first render (or ``prewarm``)."""
    global _warm_users
    with _render_lock:
        _warm_users += 1


def stop_renderer() -> None:
    """Release one use of the shared chromium; the last release closes it."""
    global _warm_users
    with _render_lock:
        if _warm_users == 0:
            return
        _warm_users -= 1
        if _warm_users == 0:
            _browser.close()


@contextmanager
def warm_renderer():
    """Keep one chromium open for every render inside the block (a series, a GIF, a test module)."""
    start_renderer()
    try:
        yield
    finally:
        stop_renderer()


def prewarm(scale: float = 1) -> None:
    """Start the shared chromium and load its page of pixel ratio ``scale`` in the background,
    so that a first export does not wait for them. Needs ``start_renderer()`` first (a cold
    renderer would close again at once); errors are left for the render to report."""
    with _render_lock:
        if _warm_users:
            _browser.warm(scale)


def render(figure, fmt: str, *, scale: float = 1, size=None) -> bytes:
    """The figure as ``fmt`` bytes (see the module's docstring). ``size`` (a preset name or
    (width_px, height_px)) overrides the figure's own size."""
    fmt = fmt.lower()
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"cannot render {fmt!r}; choose one of {', '.join(FIGURE_FORMATS)}")
    if not (isinstance(scale, (int, float)) and 0 < scale <= 8):
        raise ValueError(f"scale (pixel ratio) must lie in (0, 8], got {scale!r}")
    if size is not None:
        width_px, height_px = page_size_px(size)
    else:
        width_px, height_px = int(figure.layout.width or 1123), int(figure.layout.height or 794)
    if fmt == "html":
        return _render_html(figure, width_px, height_px)
    with _render_lock:
        try:
            return _browser.image(figure, fmt, width_px, height_px, scale)
        finally:
            if not _warm_users:
                _browser.close()


def render_many(figures, fmt: str, *, scale: float = 1) -> list[bytes]:
    """Several figures (a series, the frames of an animation) as png/svg/pdf, in order, one after
    another on the warm page (``bench/snapshot.py``: faster than parallel pages on two cores)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"cannot render {fmt!r} as images; choose one of {', '.join(IMAGE_FORMATS)}")
    with warm_renderer():
        return [render(figure, fmt, scale=scale) for figure in figures]


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
    head_extras = "<meta charset=\"utf-8\"><style>body { margin: 0; }</style>" + FILE_PAGE_WORKER_SHIM
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
