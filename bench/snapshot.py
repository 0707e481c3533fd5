"""Seconds per snapshot: PNG cold (a chromium started for it) and warm (one chromium kept open),
per frame of a series and per GIF frame (PNGs: one warm page, a figure replacing the last); the
figure building apart. Medians of wall time, and the chromium CPU seconds behind them (a
loaded machine stretches the wall time; the CPU time says how much work a render is).

    python bench/snapshot.py [--warm 7] [--cold 3] [--frames 6] [--scale 1]

Aim (issue 6): < 1.5 s per warm PNG.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layers import snapshot  # noqa: E402
from control.data import load_default  # noqa: E402
from control.state import compute  # noqa: E402
from layers.view import View  # noqa: E402

ABU_KAMAL = (34.45226, 40.91854)
FIRST_DAY = date(2017, 11, 1)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def child_cpu_s() -> float:
    """CPU seconds used so far by the running descendants of this process (the chromium of a
    warm renderer); a browser that ends within the measure is not counted, so the cold and
    parallel lines show wall time only."""
    parent_and_cpu = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent_and_cpu[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    me = os.getpid()

    def descends(pid):
        while pid in parent_and_cpu and pid != me:
            pid = parent_and_cpu[pid][0]
        return pid == me
    return sum(cpu for pid, (_, cpu) in parent_and_cpu.items() if pid != me and descends(pid))


def measured(fn, n: int = 1) -> tuple[float, float]:
    """(wall s, chromium CPU s) of fn(), divided by n."""
    cpu0, start = child_cpu_s(), time.perf_counter()
    fn()
    return (time.perf_counter() - start) / n, (child_cpu_s() - cpu0) / n


def line(label: str, samples: list[tuple[float, float]], note: str = "", cpu: bool = False) -> str:
    wall = statistics.median(s[0] for s in samples)
    cpu_s = f"{statistics.median(s[1] for s in samples):6.2f} s" if cpu else "       -"
    return f"{label:<34} {wall:7.2f} s wall  {cpu_s} chromium CPU  (n={len(samples)}){note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm", type=int, default=7, help="warm PNG renders")
    parser.add_argument("--cold", type=int, default=3, help="cold PNG renders")
    parser.add_argument("--frames", type=int, default=6, help="frames of a series / GIF")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio")
    args = parser.parse_args()

    data = load_default()
    bbox = snapshot.bbox_around(*ABU_KAMAL, 80)
    days = [FIRST_DAY + timedelta(days=3 * i) for i in range(max(args.warm, args.cold, args.frames))]
    states = {d: compute(data, d) for d in days}

    def figure(day):
        return snapshot.snapshot_figure(states[day], View(day, bbox=bbox), title="Abu Kamal", size="a4-landscape")

    build = [measured(lambda d=d: figure(d)) for d in days]
    cold = [measured(lambda d=d: snapshot.render(figure(d), "png", scale=args.scale)) for d in days[:args.cold]]
    frames = [figure(d) for d in days[:args.frames]]
    with snapshot.warm_renderer():
        snapshot.render(frames[0], "png", scale=args.scale)   # the browser's first page load
        warm = [measured(lambda d=d: snapshot.render(figure(d), "png", scale=args.scale)) for d in days[:args.warm]]
    parallel = [measured(lambda: snapshot.render_many(frames, "png", scale=args.scale), len(frames))]
    gif = [measured(lambda: snapshot.render_gif(frames, scale=args.scale), len(frames))]

    print(f"A4 landscape around Abu Kamal (80 km), scale {args.scale:g}, seed data, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(line("figure build (state cached)", build, "  (Python, no browser)"))
    print(line("PNG cold (own chromium)", cold))
    print(line("PNG warm (shared chromium)", warm, "  aim < 1.5 s", cpu=True))
    print(line("series frame (one warm page)", parallel, "  (incl. browser start)"))
    print(line("GIF frame (one warm page)", gif, "  (incl. browser start)"))


if __name__ == "__main__":
    main()
