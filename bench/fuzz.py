"""The full fuzz: generated hostile inputs through every stage an entry point runs.

    python bench/fuzz.py [--inputs 10000] [--seed 13] [--max-bytes 8192] [--show 5]

Each input (tests/hostile.py: report-like text woven from sides, actions, places and
impossible dates, odd characters, markup, date lines, long repeats, broken encodings, a
given date that may be impossible) is decoded and dated, read in the reader's worker within
``settings.REPORT_TIME_BUDGET_S``, geoparsed and resolved, as the page and the command line
do. Prints how many were read, refused with the project's clear message, crashed or ran over
budget, each crash site (file:line of the innermost project frame) with an example, and the
time per stage (median, p99, max). The suite runs the same on a few hundred inputs
(tests/test_fuzz.py).
"""
from __future__ import annotations

import argparse
import collections
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from events.worker import ReportReader  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402
from hostile import fuzz_cases, run_case  # noqa: E402


def crash_site(message: str) -> str:
    """The innermost frame of the project in a traceback (or the reader's one-line message)."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', message)
    ours = [(f, n, fn) for f, n, fn in frames if str(ROOT) in f and "/tests/" not in f]
    if not ours:
        return message.splitlines()[-1][:160] if message else "?"
    path, line, function = ours[-1]
    last = message.strip().splitlines()[-1]
    return f"{Path(path).relative_to(ROOT)}:{line} {function}: {last[:120]}"


def repeated_piece(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    pieces = collections.Counter(text[i:i + 8] for i in range(0, max(1, len(text) - 8)))
    return pieces.most_common(1)[0][0] if pieces else ""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-bytes", type=int, default=8192)
    parser.add_argument("--show", type=int, default=5, help="examples of messages printed per outcome")
    args = parser.parse_args()
    cases = fuzz_cases(args.inputs, args.seed, args.max_bytes)
    gazetteer = Gazetteer.default()
    started = time.perf_counter()
    kinds: collections.Counter = collections.Counter()
    sites: dict[str, list] = collections.defaultdict(list)
    over: list = []
    refusals: collections.Counter = collections.Counter()
    seconds: dict[str, list[float]] = collections.defaultdict(list)
    slowest: dict[str, list] = collections.defaultdict(list)
    with ReportReader(workers=1) as reader:
        for i, case in enumerate(cases, 1):
            outcome = run_case(case, reader, gazetteer)
            kinds[outcome.kind] += 1
            for stage, value in outcome.seconds.items():
                seconds[stage].append(value)
                slowest[stage] = sorted(slowest[stage] + [(value, i, outcome.case)], key=lambda s: -s[0])[:args.show]
            if outcome.kind == "crash":
                sites[crash_site(outcome.details or outcome.message)].append(outcome)
            elif outcome.kind == "over budget":
                over.append(outcome)
            elif outcome.kind == "refused":
                refusals[re.sub(r"^\S+: ", "", outcome.message).split(" (")[0][:70]] += 1
            if i % 1000 == 0:
                print(f"  {i} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    total = sum(kinds.values())
    print(f"inputs fuzzed: {total} (seed {args.seed}, up to ~{args.max_bytes} bytes each) "
          f"in {time.perf_counter() - started:.0f} s")
    for kind in ("ok", "refused", "crash", "over budget"):
        print(f"  {kind:<12} {kinds[kind]:>6}")
    print("refusals (the clear messages, by reason):")
    for reason, n in refusals.most_common():
        print(f"  {n:>6}  {reason}")
    print(f"crash sites: {len(sites)}")
    for site, outcomes in sorted(sites.items(), key=lambda item: -len(item[1])):
        example = outcomes[0].case
        print(f"  {len(outcomes):>5}  {site}\n         e.g. {example.name} given date {example.given_date}, "
              f"{len(example.raw)} bytes, stage {outcomes[0].stage}")
    print(f"over budget: {len(over)}")
    for outcome in over[:args.show]:
        print(f"  {outcome.case.name} ({len(outcome.case.raw)} bytes) at {outcome.stage}: {outcome.message[:120]}")
    print("seconds per input and stage: median / p99 / max")
    for stage in ("decode", "extract", "geoparse", "resolve"):
        values = seconds.get(stage, [])
        if values:
            print(f"  {stage:<9} {statistics.median(values):.4f} / {percentile(values, 0.99):.4f} / {max(values):.3f}"
                  f"  ({len(values)} inputs)")
    print("slowest inputs per stage (seconds, name, bytes, the text's most repeated 8-character piece):")
    for stage in ("decode", "extract", "geoparse", "resolve"):
        for value, _, case in slowest.get(stage, []):
            print(f"  {stage:<9} {value:7.2f}  {case.name} {len(case.raw):>6}  {repeated_piece(case.raw)!r}")


if __name__ == "__main__":
    main()
