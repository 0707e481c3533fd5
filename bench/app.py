"""Dashboard speed: slider step -> repaint in the browser, playback rate, and server time per frame.

    python bench/app.py [--steps 40] [--scale seed|100x|both]

For each scale it serves the app on a free local port, opens it in Debian's chromium
(software WebGL) and measures:

- step -> repaint: a keyboard step of the date (as a user presses →, from ``--steps`` days before
  the end of the busiest 30 days) until the map shows the new date (``frontline:painted``, sent
  by assets/frontline.js at the animation frame after MapLibre's redraw with the new data, or at
  once when the date draws nothing new), median over ``--steps`` steps a user's pause apart;
  also over the steps that changed the map alone, and, stepping back over the same dates, with
  every frame already in the browser (the browser's share alone);
- playback: frames painted per second while playing at 1 day per frame;
- server: the time to build and pack one date's frame (the work behind a frames request),
  median over dates: after a jump, day after day, and on a second visit;
- the browser's CPU time (all chromium processes) per step and per playback frame: what a
  drawing costs, whatever else the machine runs;
- exports (seed scale): seconds from a click on the Export tab's Download to the file in the
  browser, per format, the first of a session and the following ones (median).

The 100x scale is the layers benchmark's synthetic theatre (5,000 places, 50,000 events).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from werkzeug.serving import make_server  # noqa: E402

from bench_cpu import child_cpu_s  # noqa: E402  (bench/, the script's folder)

from dashboard.frames import pack  # noqa: E402
from dashboard.model import DashboardModel  # noqa: E402
from dashboard.timeline import to_date  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
USER_PAUSE_MS = 250
PLAY_SECONDS = 6

# Resolves with {ms, sources} from an arrow key press to the map's drawing of the next date
# (sources: how many sources got new data), or {ms: -1} after 10 s.
STEP_JS = """
(key) => new Promise((resolve) => {
  const state = window.frontline;
  const target = Math.max(0, Math.min(state.offset + (key === 'ArrowRight' ? 1 : -1), state.span));
  const started = performance.now();
  const done = (event) => {
    if (event.detail.offset !== target) { return; }
    document.removeEventListener('frontline:painted', done);
    resolve({ms: performance.now() - started, sources: event.detail.sources});
  };
  document.addEventListener('frontline:painted', done);
  document.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));
  setTimeout(() => { document.removeEventListener('frontline:painted', done); resolve({ms: -1}); }, 10000);
})
"""


def serve(model: DashboardModel):
    import logging

    from app import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    httpd = make_server("127.0.0.1", 0, create_app(model).server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


def server_frame_ms(model: DashboardModel, dates: int) -> dict[str, float]:
    """Median ms to build and pack one date's frame: on the first visit of dates spread over the
    span (a jump: the state may still be cold, as the background warm-up runs alongside), on
    the first visit of consecutive dates (the slider and playback), and on a second visit; and
    the median kB of a frame's pieces."""
    model.wait()
    view = model.default_view()

    def timed(offset: int) -> tuple[float, dict]:
        day_view = replace(view, date=to_date(offset, model.first_date, model.last_date))
        started = time.perf_counter()
        packed = pack({offset: model.frame(day_view)})
        return (time.perf_counter() - started) * 1000, packed

    step = max(model.span_days // dates, 1)
    spread = list(range(0, model.span_days + 1, step))[:dates]
    start = max(0, (model.busiest_day(30) - model.first_date).days - 3 * dates)
    consecutive = [o for o in range(start, start + dates) if o not in spread]
    jump, sizes = [], []
    for offset in spread:
        ms, packed = timed(offset)
        jump.append(ms)
        sizes.append(sum(len(text) for text in packed["pieces"].values()) / 1024)
    day_after_day = [timed(offset)[0] for offset in consecutive]
    again = [timed(offset)[0] for offset in spread]
    return {"jump": statistics.median(jump), "next day": statistics.median(day_after_day),
            "again": statistics.median(again), "kB": statistics.median(sizes)}


def _steps(page, key: str, count: int) -> list[dict]:
    out = []
    for _ in range(count):
        out.append(page.evaluate(STEP_JS, key))
        page.wait_for_timeout(USER_PAUSE_MS)
    return out


def browser_figures(url: str, steps: int) -> tuple[list[dict], list[dict], float, dict[str, float]]:
    """(forward steps, steps back over the same dates, playback frames per second, the
    browser's CPU ms per step back and per playback frame)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        page.wait_for_function("window.frontline && window.frontline.paintCount > 0", timeout=120_000)
        page.wait_for_timeout(1500)
        forward = _steps(page, "ArrowRight", steps)
        cpu = child_cpu_s()
        back = _steps(page, "ArrowLeft", steps)
        cpu_ms = {"step": (child_cpu_s() - cpu) * 1000 / steps}
        before, cpu = page.evaluate("window.frontline.paintCount"), child_cpu_s()
        page.locator("#play-button").click()
        page.wait_for_timeout(PLAY_SECONDS * 1000)
        page.locator("#play-button").click()
        painted = page.evaluate("window.frontline.paintCount") - before
        fps = painted / PLAY_SECONDS
        cpu_ms["frame"] = (child_cpu_s() - cpu) * 1000 / max(painted, 1)
        browser.close()
    return forward, back, fps, cpu_ms


def export_seconds(url: str, repeats: int = 3) -> dict[str, list[float]]:
    """Click-to-file seconds of the page's exports: the first one of each format, then repeats."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        page.wait_for_function("window.frontline && window.frontline.paintCount > 0", timeout=120_000)
        page.locator(".tab", has_text="Export").click()
        page.wait_for_timeout(4000)   # a user's pause to choose: the renderer warms meanwhile
        for fmt in ("png", "svg", "pdf"):
            page.locator("#export-format label", has_text=fmt.upper()).click()
            times = []
            for _ in range(1 + repeats):
                started = time.perf_counter()
                with page.expect_download(timeout=120_000) as download:
                    page.locator("#export-button").click()
                download.value.path()
                times.append(time.perf_counter() - started)
                page.wait_for_timeout(USER_PAUSE_MS)
            out[fmt] = times
        browser.close()
    return out


def _summary(steps: list[dict]) -> str:
    painted = sorted(s["ms"] for s in steps if s["ms"] >= 0)
    changed = [s["ms"] for s in steps if s["ms"] >= 0 and s.get("sources")]
    if not painted:
        return f"no step painted within 10 s ({len(steps)} steps)"
    text = (f"median {statistics.median(painted):.0f} ms, p90 {painted[int(0.9 * (len(painted) - 1))]:.0f} ms "
            f"over {len(painted)} steps ({len(steps) - len(painted)} timed out)")
    if changed:
        text += f"; {statistics.median(changed):.0f} ms median over the {len(changed)} that changed the map"
    return text


def run(name: str, model: DashboardModel, steps: int, exports: bool = False) -> None:
    started = time.perf_counter()
    model.wait()
    print(f"[{name}] data loaded in {time.perf_counter() - started:.1f} s: "
          f"{len(model.data.events)} events, {len(model.data.baseline)} baseline places, "
          f"{model.span_days + 1} days", flush=True)
    server = server_frame_ms(model, dates=12)
    print(f"[{name}] server frame build and pack: median {server['jump']:.0f} ms a first visit after a jump, "
          f"{server['next day']:.0f} ms a first visit of the next day, {server['again']:.0f} ms a second visit; "
          f"{server['kB']:.0f} kB of pieces per frame", flush=True)
    httpd, url = serve(model)
    try:
        # From ``steps`` days before the busiest 30 days end: steps that change the map.
        start = max(model.first_date, model.busiest_day(30) - timedelta(days=steps))
        forward, back, fps, cpu_ms = browser_figures(f"{url}/?date={start.isoformat()}", steps)
        exported = export_seconds(url) if exports else {}
    finally:
        httpd.shutdown()
    print(f"[{name}] step -> repaint, forward: {_summary(forward)}", flush=True)
    print(f"[{name}] step -> repaint, back over frames already loaded: {_summary(back)}", flush=True)
    print(f"[{name}] playback: {fps:.1f} frames/s", flush=True)
    print(f"[{name}] browser CPU (all its processes): {cpu_ms['step']:.0f} ms a step back (with the page's "
          f"updates after it), {cpu_ms['frame']:.0f} ms a playback frame; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    for fmt, times in exported.items():
        print(f"[{name}] page export {fmt.upper()} (scale 2, click to file): first {times[0]:.2f} s, "
              f"then median {statistics.median(times[1:]):.2f} s over {len(times) - 1}", flush=True)


def synthetic_model(store_path: Path) -> DashboardModel:
    """The layers benchmark's 100x theatre (bench/layers.py, loaded by path: its module name
    would shadow the ``layers`` package)."""
    import importlib.util
    import random
    from datetime import date

    from control.data import load_default

    spec = importlib.util.spec_from_file_location("bench_layers", Path(__file__).with_name("layers.py"))
    bench_layers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_layers)

    def load():
        return bench_layers.synthetic(load_default(), bench_layers.SYNTHETIC_PLACES, bench_layers.SYNTHETIC_EVENTS,
                                      date(2017, 5, 1), 365, random.Random(4))

    return DashboardModel(load, store_path=store_path, shared_dir=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--scale", choices=("seed", "100x", "both"), default="both")
    parser.add_argument("--no-exports", action="store_true", help="skip the page's export timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scale in ("seed", "both"):
            run("seed", DashboardModel.default(store_path=Path(tmp) / "seed.db"), args.steps,
                exports=not args.no_exports)
        if args.scale in ("100x", "both"):
            run("100x", synthetic_model(Path(tmp) / "synthetic.db"), args.steps)


if __name__ == "__main__":
    main()
