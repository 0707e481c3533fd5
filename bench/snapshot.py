"""Seconds per snapshot: PNG cold (a chromium started for it) and warm (one chromium kept open),
per GIF frame, and the figure building apart from rendering. Medians; aim < 1.5 s per warm PNG.

    python bench/snapshot.py [--warm 7] [--cold 3] [--frames 6] [--scale 1]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layers import snapshot  # noqa: E402
from layers.data import load_default  # noqa: E402
from layers.state import compute  # noqa: E402
from layers.view import View  # noqa: E402

ABU_KAMAL = (34.45226, 40.91854)
FIRST_DAY = date(2017, 11, 1)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm", type=int, default=7, help="warm PNG renders")
    parser.add_argument("--cold", type=int, default=3, help="cold PNG renders")
    parser.add_argument("--frames", type=int, default=6, help="GIF frames")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio")
    args = parser.parse_args()

    data = load_default()
    bbox = snapshot.bbox_around(*ABU_KAMAL, 80)
    days = [FIRST_DAY + timedelta(days=3 * i) for i in range(max(args.warm, args.cold, args.frames))]
    states = {d: compute(data, d) for d in days}

    def figure(day):
        return snapshot.snapshot_figure(states[day], View(day, bbox=bbox), title="Abu Kamal", size="a4-landscape")

    build = [timed(lambda d=d: figure(d)) for d in days]
    cold = [timed(lambda d=d: snapshot.render(figure(d), "png", scale=args.scale)) for d in days[:args.cold]]
    with snapshot.warm_renderer():
        snapshot.render(figure(days[0]), "png", scale=args.scale)   # the browser's first page load
        warm = [timed(lambda d=d: snapshot.render(figure(d), "png", scale=args.scale)) for d in days[:args.warm]]
        gif_s = timed(lambda: snapshot.render_gif([figure(d) for d in days[:args.frames]], scale=args.scale))

    print(f"A4 landscape around Abu Kamal (80 km), scale {args.scale:g}, seed data")
    print(f"figure build (state cached)  median {statistics.median(build):6.3f} s  (n={len(build)})")
    print(f"PNG cold (own chromium)      median {statistics.median(cold):6.3f} s  (n={len(cold)})")
    print(f"PNG warm (shared chromium)   median {statistics.median(warm):6.3f} s  (n={len(warm)}, "
          f"min {min(warm):.3f}, max {max(warm):.3f})  aim < 1.5 s")
    print(f"GIF per frame                mean   {gif_s / args.frames:6.3f} s  (n={args.frames} frames)")


if __name__ == "__main__":
    main()
