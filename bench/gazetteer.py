"""Gazetteer speed: loading, resolutions per second (exact, variant, fuzzy), geoparse throughput.

    python bench/gazetteer.py [--repeats 5]

- load: reading every CSV of ``data/gazetteer`` and building the index (aim: well under 1 s);
- resolve: names per second on one core for three sets, each with normalisation caches cold
  (cleared before the run) and warm (a second pass, as when a report repeats its places):
  exact (gazetteer names as written, those the index matches), variant (the same names respelt: article forms,
  doubled letters, -ah/-a, ou/u, q/k), fuzzy (a letter dropped or doubled, or two swapped);
- geoparse: the seed reports (docs/s, chars/s; cold = normalisation caches just cleared,
  warm = a second pass) and one ~1 MB report made of the seeds repeated (chars/s; per-call
  work must stay linear).

Figures are medians over ``--repeats`` runs. Aims (issue #2): >= 20,000 exact/s and
>= 2,000 fuzzy/s; >= 100 documents/s for extraction.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings  # noqa: E402
from gazetteer import normalize  # noqa: E402
from gazetteer.geoparser import geoparse  # noqa: E402
from gazetteer.index import matchable_names  # noqa: E402
from gazetteer.normalize import is_arabic  # noqa: E402
from gazetteer.resolver import Gazetteer  # noqa: E402

_CACHED = [normalize.fold, normalize.fold_arabic, normalize.strip_articles, normalize.token_key,
           normalize.name_key, normalize.skeleton]


def clear_caches() -> None:
    for function in _CACHED:
        function.cache_clear()


def respell(name: str, rng: random.Random) -> str:
    """A plausible other transliteration of ``name``."""
    rules = [
        (r"^Al ", "al-"), (r"^Al-", "Al "), (r"^(?:Al|al)[ -]", ""), (r"ah$", "a"), (r"a$", "ah"),
        (r"ou", "u"), (r"u", "ou"), (r"q", "k"), (r"([bdfklmnrst])\1", r"\1"), (r"ee", "i"), (r"i", "ee"),
    ]
    out = name
    for pattern, repl in rng.sample(rules, 3):
        out = re.sub(pattern, repl, out, count=1)
    return out


def misspell(name: str, rng: random.Random) -> str:
    """``name`` with one typing slip: a letter dropped or doubled, or two swapped."""
    i = rng.randrange(1, len(name) - 1)
    slip = rng.choice(("drop", "double", "swap"))
    if slip == "drop":
        return name[:i] + name[i + 1:]
    if slip == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def per_second(gaz: Gazetteer, names: list[str], repeats: int) -> tuple[float, float]:
    """(cold, warm) resolutions per second, medians over ``repeats``."""
    cold, warm = [], []
    for _ in range(repeats):
        clear_caches()
        for rates in (cold, warm):
            start = time.perf_counter()
            for name in names:
                gaz.resolve(name)
            rates.append(len(names) / (time.perf_counter() - start))
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2017)

    load_s = []
    for _ in range(args.repeats):
        clear_caches()
        start = time.perf_counter()
        gaz = Gazetteer.from_dir(settings.DATA_DIR)
        load_s.append(time.perf_counter() - start)
    print(f"load: {statistics.median(load_s) * 1000:.0f} ms for {len(gaz.entries)} entries "
          f"({sum(len(e.names) for e in gaz.entries)} names)")

    latin = sorted({n for e in gaz.entries for n in matchable_names(e) if not is_arabic(n) and len(n) >= 4})
    exact = rng.sample(latin, min(3000, len(latin)))
    variant = [respell(n, rng) for n in rng.sample(latin, min(3000, len(latin)))]
    fuzzy = [misspell(n, rng) for n in rng.sample([n for n in latin if len(n) >= 7], 1000)]
    for label, names in (("exact", exact), ("variant", variant), ("fuzzy", fuzzy)):
        cold, warm = per_second(gaz, names, args.repeats)
        found = sum(gaz.resolve(n) is not None for n in names) / len(names)
        print(f"resolve {label:7}: {cold:9,.0f}/s cold, {warm:9,.0f}/s warm  ({found:.0%} resolved, {len(names)} names)")

    shared = settings.SHARED_DIR
    if shared is None:
        print("geoparse: ../shared/seeds not found; skipped")
        return
    docs = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    chars = sum(len(d) for d in docs)
    cold, warm = [], []
    for _ in range(args.repeats):
        clear_caches()
        for times in (cold, warm):
            start = time.perf_counter()
            for doc in docs:
                geoparse(gaz, doc)
            times.append(time.perf_counter() - start)
    for label, times in (("cold", cold), ("warm", warm)):
        seconds = statistics.median(times)
        print(f"geoparse seeds ({label}): {len(docs) / seconds:,.0f} docs/s, {chars / seconds:,.0f} chars/s "
              f"({len(docs)} docs, {chars:,} chars)")

    big = "\n\n".join(docs * (1_000_000 // chars + 1))
    times = []
    for _ in range(max(1, args.repeats // 2)):
        start = time.perf_counter()
        mentions = geoparse(gaz, big)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    print(f"geoparse 1 MB report: {len(big) / seconds:,.0f} chars/s ({seconds:.2f} s, {len(mentions):,} mentions)")


if __name__ == "__main__":
    main()
