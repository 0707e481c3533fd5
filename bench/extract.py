"""Event extraction speed: documents/s and sentences/s on one core.

    python bench/extract.py [--docs 1000] [--repeats 5]
    python bench/extract.py --hostile [--max-kb 1024]

The 29 distinct reports of ../shared (the five seeds and the 24 of the development corpus) are
read ``--docs`` / 29 times; each reading of the 29 starts in a fresh fork of the process whose
gazetteer is built (and warmed up on a made-up text), so what one reading caches (folded names,
resolved words, index rows) never speeds up the next: repeating the corpus must not pass for
reading new reports, while within one reading the reports are all different, as in a batch. Each document is read from
its bytes (decoding, metadata, date) with the real gazetteer, as ``python -m events extract``
does. The headline is the CPU-bound rate on one core (documents per CPU second, what the
issue's >= 100 documents/s is about), the wall-clock rate beside it (lower on a shared
machine), medians over ``--repeats`` runs; then the share of the gazetteer's geoparse, and
for comparison the rate of re-reading the same documents in one process with warm caches.

``--hostile`` reads repetitive text of growing size instead (an endless sentence of captures,
of dates, of sides; a run of dots) and prints the CPU time per KB at each size: linear
reading keeps it flat (issue 13).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings  # noqa: E402
from events.documents import parse_document  # noqa: E402
from events.extract import default_place_finder, extract  # noqa: E402
from events.sentences import mask, split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--hostile", action="store_true", help="time per KB of repetitive text of growing size")
    parser.add_argument("--max-kb", type=int, default=1024)
    args = parser.parse_args()
    if args.hostile:
        return hostile(args.max_kb)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    if settings.SHARED_DIR is None:
        raise SystemExit("../shared/seeds not found; set FRONTLINE_SHARED")
    seeds = sorted((settings.SHARED_DIR / "seeds").glob("*.txt"))
    reports = seeds + sorted((settings.SHARED_DIR / "dev" / "docs").glob("*.txt"))
    corpus = [(p.name, p.read_bytes()) for p in reports]
    passes = max(1, args.docs // len(corpus))
    sentences = sum(len(split_sentences(raw.decode("utf-8"))) for _, raw in corpus)
    kilobytes = sum(len(raw) for _, raw in corpus) / 1024

    start = time.perf_counter()
    finder = default_place_finder()
    # One-off costs (lazily loaded lines and regions, first compiles) on a text of no report.
    extract(parse_document(WARM_UP, "warm-up.txt"), finder)
    print(f"gazetteer build and warm-up (once per process): {time.perf_counter() - start:.2f} s")

    def read_all() -> None:
        for name, raw in corpus:
            extract(parse_document(raw, name), finder)

    masked = [mask(raw.decode("utf-8")) for _, raw in corpus]

    def geoparse_all() -> None:
        for text in masked:
            finder(text)

    runs = [_fresh_passes(read_all, passes) for _ in range(args.repeats)]
    places = [_fresh_passes(geoparse_all, passes) for _ in range(args.repeats)]
    warm = [_timed(read_all, passes) for _ in range(args.repeats)]
    n = passes * len(corpus)
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    geo = statistics.median(c for _, c in places)
    print(f"{n} documents ({len(corpus)} distinct reports, {len(seeds)} of them seeds, {sentences} sentences, "
          f"read {passes} times, each time by a fresh "
          f"fork of the built gazetteer), median of {args.repeats} runs on one core "
          f"(load average {os.getloadavg()[0]:.1f}):")
    print(f"  CPU-bound rate: {n / cpu:8.1f} documents/s  ({cpu * 1000 / n:.2f} ms CPU/document; "
          f"wall {n / wall:.1f} documents/s, {wall * 1000 / n:.2f} ms/document; "
          f"{passes * sentences / cpu:.0f} sentences/s, {passes * kilobytes / cpu:.0f} KB/s CPU; "
          f"the reports average {kilobytes / len(corpus):.1f} KB)")
    print(f"  of which geoparse: {geo * 1000 / n:.2f} ms CPU/document ({geo / cpu:.0%})")
    print(f"  (the same documents re-read in one process, every cache warm: "
          f"{n / statistics.median(c for _, c in warm):.1f} documents/s CPU; not the target figure)")


# A made-up report (no report's sentence): it touches the lazily loaded parts of the reader,
# among them the sorted keys a fuzzy look-up reads (a village named with a generic word, "Tell
# X", is compared with names' cores; a town with no such word, with whole names' keys), built
# once per process.
WARM_UP = ("On 3 May 2017 the Syrian Army captured the village of Tell Example, 20 km east of Aleppo in "
           "the southern Idlib countryside, near the Euphrates and the Iraqi border, after clashes with ISIS. "
           "Russian warplanes struck the area and the town of Exampleton.").encode("utf-8")


def _timed(work, passes: int) -> tuple[float, float]:
    begin, cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        work()
    return time.perf_counter() - begin, time.process_time() - cpu


def _fresh_passes(work, passes: int) -> tuple[float, float]:
    """Wall and CPU seconds of ``passes`` runs of ``work``, each in a fresh fork of this
    process: the corpus repeats, but what one reading caches (folded names, resolved words,
    lazily read index rows) never serves the next, as it could not for new reports."""
    if not hasattr(os, "fork"):
        return _timed(work, passes)
    wall = cpu = 0.0
    for _ in range(passes):
        read, write = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read)
            status = 1
            try:
                begin, begin_cpu = time.perf_counter(), time.process_time()
                work()
                os.write(write, f"{time.perf_counter() - begin} {time.process_time() - begin_cpu}".encode())
                status = 0
            except BaseException:
                traceback.print_exc()   # the child's own error, before its quick exit hides it
            finally:
                os._exit(status)
        os.close(write)
        with os.fdopen(read) as pipe:
            reply = pipe.read().split()
        _, status = os.waitpid(child, 0)
        if status != 0 or len(reply) != 2:
            raise SystemExit("a benchmark pass failed")
        wall += float(reply[0])
        cpu += float(reply[1])
    return wall, cpu


HOSTILE_SHAPES = {
    "captures in one sentence": "the Army captured Raqqa, ",
    "dates in one sentence": "1 May ",
    "sides in one sentence": "US-backed forces and ISIS fighters ",
    "a run of dots": ".",
    "short sentences": "The army took Raqqa. These claims were false. ",
}


def hostile(max_kb: int) -> None:
    finder = default_place_finder()
    extract(parse_document(b"On 3 May the army took Raqqa.", "warm-up.txt"), finder)  # one-off compiles
    sizes = [kb for kb in (1, 4, 16, 64, 256, 1024, 4096) if kb <= max_kb]
    print(f"reading CPU time per KB (ms/KB), one core, load average {os.getloadavg()[0]:.1f}")
    print(f"  {'shape':<28}" + "".join(f"{kb:>9} KB" for kb in sizes))
    for name, shape in HOSTILE_SHAPES.items():
        row = []
        for kb in sizes:
            text = "The army took the hill" + shape * (kb * 1024 // len(shape) + 1)
            raw = text[:kb * 1024].encode("utf-8")
            begin = time.process_time()
            extract(parse_document(raw, "hostile.txt"), finder)
            row.append((time.process_time() - begin) * 1000 / kb)
        print(f"  {name:<28}" + "".join(f"{ms:>12.2f}" for ms in row))


if __name__ == "__main__":
    main()
