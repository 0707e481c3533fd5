"""Event extraction speed: documents/s and sentences/s on one core.

    python bench/extract.py [--docs 1000] [--repeats 5]
    python bench/extract.py --hostile [--max-kb 1024]

The seed reports (../shared/seeds) are repeated to ``--docs`` documents; each run reads
every document from its bytes (decoding, metadata, date) and extracts its events with the
real gazetteer, as ``python -m events extract`` does. Prints the median over ``--repeats``
runs, and how much of that the gazetteer's geoparse alone takes. The gazetteer is built
once before timing (its one-off cost is printed apart). Aim: >= 100 documents/s.

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
    corpus = [(p.name, p.read_bytes()) for p in seeds]
    batch = [corpus[i % len(corpus)] for i in range(args.docs)]
    sentences = sum(len([s for s in split_sentences(raw.decode("utf-8"))]) for _, raw in batch)

    start = time.perf_counter()
    finder = default_place_finder()
    finder("warm-up")
    print(f"gazetteer build (once per process): {time.perf_counter() - start:.2f} s")

    def run_all() -> tuple[float, float]:
        begin, cpu = time.perf_counter(), time.process_time()
        for name, raw in batch:
            extract(parse_document(raw, name), finder)
        return time.perf_counter() - begin, time.process_time() - cpu

    def geoparse_only() -> float:
        texts = [mask(raw.decode("utf-8")) for _, raw in batch]
        begin = time.perf_counter()
        for text in texts:
            finder(text)
        return time.perf_counter() - begin

    runs = [run_all() for _ in range(args.repeats)]
    places = [geoparse_only() for _ in range(args.repeats)]
    total = statistics.median(wall for wall, _ in runs)
    cpu = statistics.median(cpu for _, cpu in runs)
    geo = statistics.median(places)
    print(f"{args.docs} documents ({len(seeds)} seeds repeated), {sentences} sentences, "
          f"median of {args.repeats} runs on one core (load average {os.getloadavg()[0]:.1f}):")
    print(f"  extraction: {args.docs / total:8.1f} documents/s  {sentences / total:9.1f} sentences/s  "
          f"({total * 1000 / args.docs:.2f} ms/document wall, {cpu * 1000 / args.docs:.2f} ms CPU)")
    print(f"  of which geoparse: {geo * 1000 / args.docs:.2f} ms/document ({geo / total:.0%})")
    print(f"  CPU-bound rate: {args.docs / cpu:.1f} documents/s")


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
