"""Ingest's promise at scale: kill -9 mid-ingest and re-run, and writers at the same time.

    python bench/ingest.py [--docs 500] [--kills 12] [--writers 2] [--seed 13]

Writes ``--docs`` distinct small reports (tests/ingest_runs.py), ingests them once into a
reference store (documents/s), then:
- kills: ``--kills`` ingests into one store, each killed (SIGKILL) at a random point further
  into the batch; after each, every stored document must hold exactly its reference events;
  a last run must add exactly the documents still missing and leave the reference store;
- writers: ``--writers`` ingests of the same folder into one fresh store at once: none may
  fail, no document may be stored twice, and their "added" counts must add up to the store.
Prints each figure and whether the promise held.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from ingest_runs import kill_ingest_after, start_ingest, stored_contents, summary_counts, write_reports  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = write_reports(root / "reports", args.docs)
        started = time.perf_counter()
        run = start_ingest(folder, root / "reference.db")
        out, err = run.communicate()
        if run.returncode != 0:
            raise SystemExit(f"the reference ingest failed: {err[-500:]}")
        seconds = time.perf_counter() - started
        reference = stored_contents(root / "reference.db")
        print(f"reference: {summary_counts(out)[0]} documents, {sum(map(len, reference.values()))} events "
              f"in {seconds:.1f} s ({args.docs / seconds:.0f} documents/s, worker start included)")

        db = root / "killed.db"
        points = sorted(rng.sample(range(1, args.docs), args.kills))
        whole, orphans = True, 0
        for point in points:
            orphans += not kill_ingest_after(folder, db, point)
            stored = stored_contents(db)
            whole &= all(stored[name] == reference[name] for name in stored)
        before = len(stored_contents(db))
        run = start_ingest(folder, db)
        out, err = run.communicate()
        added, already = summary_counts(out)
        exact = stored_contents(db) == reference and added == args.docs - before and already == before
        print(f"kills: {args.kills} kill -9s (after {', '.join(map(str, points))} stored documents); "
              f"every stored document whole: {'yes' if whole else 'NO'}; worker processes left behind: {orphans}")
        print(f"  re-run: {added} added, {already} already stored ({args.docs - before} were missing); "
              f"store equals the reference: {'yes' if exact else 'NO'}")

        db = root / "writers.db"
        runs = [start_ingest(folder, db) for _ in range(args.writers)]
        outputs = [r.communicate() for r in runs]
        counts = [summary_counts(o) for o, _ in outputs]
        failed = [r.returncode for r in runs if r.returncode != 0]
        same = stored_contents(db) == reference
        print(f"writers: {args.writers} ingests at once: failed {len(failed)}; summaries "
              + "; ".join(f"{a} added + {b} already" for a, b in counts)
              + f"; added in all {sum(a for a, _ in counts)} of {args.docs} stored; "
              f"store equals the reference (no duplicate, none lost): {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
