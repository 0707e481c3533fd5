"""Time per KB of hostile text, 1 KB to 4 MB, through every stage of the reader.

    python bench/adversarial.py [--sizes 1,4,16,64,256,1024,4096] [--cap 60] [--shapes dots,seed]
                                [--stages document,extract,geoparse,resolve]

For each adversarial shape (tests/hostile.py SHAPES: dots after a sentence, a seed report
repeated, "the Army captured Raqqa, " repeated, "1 May " repeated, unclosed <script>, long
runs without spaces, ...) and each size (KB), times one stage in a forked child (the
gazetteer loaded once, before the fork):

- document: ``events.documents.parse_document`` (decoding, markup, the report's date,
  found in its text when nothing else states it);
- extract: ``events.extract.extract`` (the reader) on that document;
- geoparse: ``Gazetteer.geoparse`` on the text as ``python -m gazetteer geoparse`` reads it;
- resolve: ``Gazetteer.resolve`` of the whole text as one name, and of "Raqqa" with the text
  as its context.

Prints milliseconds per KB for each size and the growth: the largest ratio of the time per
KB at a size to the smallest time per KB at any smaller size from 16 KB on, counting sizes
read in 50 ms or more (a linear stage stays under 2x; "-": too fast to tell). A stage that runs over ``--cap`` seconds is stopped; its larger sizes are
not tried (">cap"). Sizes up to 256 KB take the median of 3 runs. The figures are only as
steady as the machine: the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from events.documents import parse_document  # noqa: E402
from events.extract import extract  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402
from hostile import SHAPES  # noqa: E402
from report_text import blank_markup, decode_report  # noqa: E402

STAGES = ("document", "extract", "geoparse", "resolve")
GROWTH_FROM_KB = 16
MEASURABLE_S = 0.05


def _stage(stage: str, raw: bytes, is_html: bool, gazetteer: Gazetteer) -> float:
    """Seconds ``stage`` takes on ``raw`` (its inputs prepared untimed)."""
    name = "adversarial.html" if is_html else "adversarial.txt"
    if stage == "extract":
        document = parse_document(raw, name, is_html=is_html)
        started = time.perf_counter()
        extract(document, gazetteer.geoparse)
        return time.perf_counter() - started
    text = decode_report(raw, name)
    started = time.perf_counter()
    if stage == "document":
        parse_document(raw, name, is_html=is_html)
    elif stage == "geoparse":
        gazetteer.geoparse(blank_markup(text) if is_html else text)
    else:
        gazetteer.resolve(text)
        gazetteer.resolve("Raqqa", text)
    return time.perf_counter() - started


def _child(connection, stage, raw, warm, is_html, gazetteer) -> None:
    # A forked child's first pass over the gazetteer copies the pages it touches: warm up
    # on the shape's first KB, untimed.
    _stage(stage, warm, is_html, gazetteer)
    connection.send(_stage(stage, raw, is_html, gazetteer))


def timed(stage: str, raw: bytes, warm: bytes, is_html: bool, gazetteer: Gazetteer, cap_s: float) -> float | None:
    """``stage``'s seconds on ``raw`` in a forked child (after ``warm``), None when stopped at ``cap_s``."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(child, stage, raw, warm, is_html, gazetteer))
    process.start()
    child.close()
    try:
        if parent.poll(cap_s):
            return parent.recv()
        return None
    except EOFError:
        raise SystemExit(f"{stage} died (exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def growth(per_kb: dict[int, float]) -> float | None:
    # Sizes read in under MEASURABLE_S say more about the machine's noise than about the stage.
    sizes = sorted(s for s in per_kb if s >= GROWTH_FROM_KB and per_kb[s] * s / 1000 >= MEASURABLE_S)
    ratios = [per_kb[b] / min(per_kb[a] for a in sizes if a < b) for b in sizes[1:]
              if min(per_kb[a] for a in sizes if a < b) > 0]
    return max(ratios) if ratios else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16,64,256,1024,4096", help="KB, comma-separated")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before a stage is stopped")
    parser.add_argument("--shapes", default="", help="comma-separated substrings of the shape names (default all)")
    parser.add_argument("--stages", default=",".join(STAGES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = [s for s in args.stages.split(",") if s]
    wanted = [w.strip() for w in args.shapes.split(",") if w.strip()]
    shapes = {name: shape for name, shape in SHAPES.items() if not wanted or any(w in name for w in wanted)}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cap {args.cap:g} s; "
          f"ms per KB by size (KB); growth = worst rise of ms/KB with size from {GROWTH_FROM_KB} KB (linear: < 2)")
    gazetteer = Gazetteer.default()
    # Lazy tables (factions, compiled patterns) are loaded before the forks, not in each child.
    for is_html in (False, True):
        warm = parse_document(b"Date: 2017-05-04\n\nOn 3 May 2017 the Army captured Palmyra.", "warm", is_html=is_html)
        extract(warm, gazetteer.geoparse)
        gazetteer.resolve("Raqqa", warm.text)
    header = f"{'shape':<48} {'stage':<9}" + "".join(f"{s:>9}" for s in sizes) + f"{'growth':>8}"
    print(header)
    flagged = []
    for name, (make, is_html) in shapes.items():
        texts = {size: make(size * 1024) for size in sizes}
        for stage in stages:
            per_kb: dict[int, float] = {}
            cells = []
            for size in sizes:
                if len(cells) > len(per_kb):  # an earlier size was stopped at the cap
                    cells.append(f"{'-':>9}")
                    continue
                runs = 3 if size <= 256 else 1
                seconds = [timed(stage, texts[size], texts[sizes[0]], is_html, gazetteer, args.cap)
                           for _ in range(runs)]
                if any(s is None for s in seconds):
                    cells.append(f"{'>cap':>9}")
                    continue
                per_kb[size] = statistics.median(seconds) * 1000 / size
                cells.append(f"{per_kb[size]:>9.3f}")
            rise = growth(per_kb)
            stopped = len(per_kb) < len(sizes)
            mark = ">cap" if stopped else ("-" if rise is None else f"{rise:.1f}")
            print(f"{name[:48]:<48} {stage:<9}" + "".join(cells) + f"{mark:>8}", flush=True)
            if stopped or (rise is not None and rise >= 2):
                flagged.append(f"{name} / {stage}: " + (f"stopped at {args.cap:g} s" if stopped else f"growth {rise:.1f}x"))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"not linear ({len(flagged)}):" if flagged else "every stage linear (growth < 2) on every shape")
    for line in flagged:
        print(f"  {line}")


if __name__ == "__main__":
    main()
