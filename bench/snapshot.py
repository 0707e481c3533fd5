"""Seconds per snapshot, cold and warm, by format and by path (command line or page).

    python bench/snapshot.py [--warm 5] [--cold 2] [--frames 6] [--scale 1]

- cold: a render with no renderer open, which starts chromium and loads its page (what one
  ``python -m export --date ... --out map.png`` pays once);
- warm: renders on the one chromium kept open (a series on the command line, every export of
  the app after its first), PNG, SVG and PDF;
- page: ``DashboardModel.export`` as the Export tab's callback runs it (state, figure, legend,
  render) with the renderer the app keeps, prewarmed when the tab opens, at the page's default
  pixel ratio 2;
- series and GIF frames (PNGs one after another on the warm page).

Medians of wall time, and the chromium CPU seconds behind the warm renders (a loaded machine
stretches the wall time; the CPU time says how much work a render is). Aims (issue 12): warm
PNG < 2 s, warm SVG and PDF < 4 s, the page as fast as the warm path.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cpu import child_cpu_s  # noqa: E402  (bench/, the script's folder)
from export import cli, render  # noqa: E402
from export.page import snapshot_figure  # noqa: E402
from control.data import load_default  # noqa: E402
from control.state import compute  # noqa: E402
from layers.view import View  # noqa: E402

ABU_KAMAL = (34.45226, 40.91854)
FIRST_DAY = date(2017, 11, 1)
FORMATS = ("png", "svg", "pdf")


def measured(fn, n: int = 1) -> tuple[float, float]:
    """(wall s, chromium CPU s) of fn(), divided by n."""
    cpu0, start = child_cpu_s(), time.perf_counter()
    fn()
    return (time.perf_counter() - start) / n, (child_cpu_s() - cpu0) / n


def line(label: str, samples: list[tuple[float, float]], note: str = "", cpu: bool = False) -> str:
    wall = statistics.median(s[0] for s in samples)
    cpu_s = f"{statistics.median(s[1] for s in samples):6.2f} s" if cpu else "       -"
    return f"{label:<36} {wall:7.2f} s wall  {cpu_s} chromium CPU  (n={len(samples)}){note}"


def page_exports(days: list[date], scale: float, count: int) -> dict[str, list[tuple[float, float]]]:
    """The Export tab's work per format, as the app does it: renderer started with the app and
    prewarmed when the tab opens; the first export of each format is not counted (nor is it
    slower than a warm one once the browser is up, but the prewarm may still be running)."""
    from dashboard.model import DashboardModel

    with tempfile.TemporaryDirectory() as folder:
        model = DashboardModel.default(store_path=Path(folder) / "bench.db")
        model.wait()
        render.start_renderer()
        try:
            model.prewarm_export(scale)
            view = model.default_view()
            out = {}
            for fmt in FORMATS:
                model.export(view, fmt, scale)
                out[fmt] = [measured(lambda d=d: model.export(replace(view, date=d), fmt, scale)) for d in days[:count]]
            return out
        finally:
            render.stop_renderer()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm", type=int, default=5, help="warm renders per format")
    parser.add_argument("--cold", type=int, default=2, help="cold renders per format")
    parser.add_argument("--frames", type=int, default=6, help="frames of a series / GIF")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio (the page's exports use 2)")
    args = parser.parse_args()

    data = load_default()
    bbox = cli.bbox_around(*ABU_KAMAL, 80)
    days = [FIRST_DAY + timedelta(days=3 * i) for i in range(max(args.warm, args.cold, args.frames))]
    states = {d: compute(data, d) for d in days}

    def figure(day):
        return snapshot_figure(states[day], View(day, bbox=bbox), title="Abu Kamal", size="a4-landscape")

    build = [measured(lambda d=d: figure(d)) for d in days]
    cold = {fmt: [measured(lambda d=d: render.render(figure(d), fmt, scale=args.scale)) for d in days[:args.cold]]
            for fmt in FORMATS}
    frames = [figure(d) for d in days[:args.frames]]
    with render.warm_renderer():
        render.render(frames[0], "png", scale=args.scale)   # the browser's first page load
        warm = {fmt: [measured(lambda d=d: render.render(figure(d), fmt, scale=args.scale), 1)
                      for d in days[:args.warm]] for fmt in FORMATS}
    series = [measured(lambda: render.render_many(frames, "png", scale=args.scale), len(frames))]
    gif = [measured(lambda: render.render_gif(frames, scale=args.scale), len(frames))]
    page = page_exports(days, 2, args.warm)

    print(f"A4 landscape around Abu Kamal (80 km), scale {args.scale:g}, seed data, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(line("figure build (state cached)", build, "  (Python, no browser)"))
    for fmt in FORMATS:
        print(line(f"{fmt.upper()} cold (own chromium)", cold[fmt]))
    for fmt, aim in zip(FORMATS, ("2", "4", "4")):
        print(line(f"{fmt.upper()} warm (shared chromium)", warm[fmt], f"  aim < {aim} s", cpu=True))
    for fmt in FORMATS:
        print(line(f"{fmt.upper()} page export (Syria, scale 2)", page[fmt], "  state + figure + render", cpu=True))
    print(line("series frame (one warm page)", series, "  (incl. browser start)"))
    print(line("GIF frame (one warm page)", gif, "  (incl. browser start)"))


if __name__ == "__main__":
    main()
