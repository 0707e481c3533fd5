"""Gazetteer speed and spelling-key quality: loading, resolutions per second (exact, variant,
fuzzy), geoparse throughput and its growth with text length, the spelling key's precision/recall.

    python bench/gazetteer.py [--repeats 5] [--max-mb 4]
    python bench/gazetteer.py --hostile [--max-mb 4]   # CPU time per KB on adversarial shapes

- load: reading every CSV of ``data/gazetteer`` and ``data/admin`` and building the index
  (aim: < 0.5 s; wall and CPU time, the machine's load average beside them);
- resolve: names per second on one core for three sets, each first (the names' first look-ups
  in a freshly loaded gazetteer, which reads their index rows then: new names), cold (the
  normalisation caches cleared before the run, the rows already read) and warm (a second pass,
  as when a report repeats its places):
  exact (gazetteer names as written, those the index matches), variant (the same names respelt: article forms,
  doubled letters, -ah/-a, ou/u, q/k), fuzzy (a letter dropped or doubled, or two swapped);
- geoparse: the seed and development reports (docs/s, chars/s; first = in a freshly loaded
  gazetteer, cold = normalisation caches just cleared, warm = a second pass), and, 10 KB to
  ``--max-mb`` MB, reports made of them repeated and a report naming thousands of different
  places: CPU time per KB of geoparse and of a resolve with the text as context must stay flat
  (linear work);
- spelling key (``gazetteer.spelling``): recall = share of GeoNames/OCHA pairs of one place
  (same Arabic name, < 5 km apart) whose Latin spellings share a key; precision = share of OCHA
  communities whose key no community of another Arabic name shares, and the number of other
  names a key look-up meets (before the matcher's spelling check and the context).

Figures are medians over ``--repeats`` runs, on one core (the process is pinned to one), per
CPU second (the wall-clock rate beside them measures the machine's other work too); start-up
is also given up to the first resolve and geoparse answered, since tables read lazily are built
then. Aims (issue #9): >= 50,000 exact/s, >= 5,000 fuzzy/s, geoparse >= 200 docs/s, start-up
< 0.5 s.
"""
from __future__ import annotations

import argparse
import csv
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings  # noqa: E402
from gazetteer import index as index_module, normalize, spelling  # noqa: E402
from gazetteer.geoparser import geoparse  # noqa: E402
from gazetteer.index import matchable_names  # noqa: E402
from gazetteer.normalize import is_arabic  # noqa: E402
from gazetteer.resolver import Gazetteer  # noqa: E402

_CACHED = [normalize.fold, normalize.fold_arabic, normalize.strip_articles, normalize.token_key,
           normalize.name_key, normalize.skeleton, spelling.latin_key, spelling.arabic_key,
           spelling.word_keys, index_module.name_forms, index_module._main_name_forms, index_module.token_keys, index_module.core_of]


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


def per_second(gaz: Gazetteer, names: list[str], repeats: int) -> tuple[float, float, float, float]:
    """(first, cold, warm) resolutions per CPU second and the cold rate per wall second,
    medians over ``repeats``. First: the names' first look-ups in a freshly loaded gazetteer
    (after one answer, which builds its one-off tables), reading their index rows and entries;
    cold: again with the normalisation caches and the answers cleared (the rows already read);
    warm: a second pass."""
    first, cold, warm, cold_wall = [], [], [], []
    for _ in range(repeats):
        fresh = Gazetteer.from_dir(settings.DATA_DIR)
        fresh.resolve("Raqqa")  # the one-off tables of a first answer are start-up's (see load)
        clear_caches()
        cpu = time.process_time()
        for name in names:
            fresh.resolve(name)
        first.append(len(names) / (time.process_time() - cpu))
        clear_caches()
        for cache in ("_alone", "_answers"):  # the gazetteer's answers to names alone
            gaz.__dict__.pop(cache, None)
        for rates in (cold, warm):
            start, cpu = time.perf_counter(), time.process_time()
            for name in names:
                gaz.resolve(name)
            rates.append(len(names) / (time.process_time() - cpu))
            if rates is cold:
                cold_wall.append(len(names) / (time.perf_counter() - start))
    return statistics.median(first), statistics.median(cold), statistics.median(warm), statistics.median(cold_wall)


# A made-up sentence (no report's): the first geoparse after loading builds the tables it reads lazily.
FIRST_TEXT = "On 3 May the army took the village of Tell Example, 20 km east of Palmyra near the Iraqi border."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--max-mb", type=float, default=4.0, help="longest synthetic report, MB")
    parser.add_argument("--hostile", action="store_true",
                        help="only the CPU time per KB of geoparse and resolve on tests/hostile.py's shapes")
    args = parser.parse_args()
    rng = random.Random(2017)
    if args.hostile:
        hostile_figures(args.max_mb)
        return

    if hasattr(os, "sched_setaffinity"):  # the aims are for one core
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores shared); rates are per CPU "
          f"second on one core, the wall-clock rate (lower on a shared machine) beside them")
    load_s, load_cpu, first_cpu = [], [], []
    for _ in range(args.repeats):
        clear_caches()
        start, cpu = time.perf_counter(), time.process_time()
        gaz = Gazetteer.from_dir(settings.DATA_DIR)
        load_s.append(time.perf_counter() - start)
        load_cpu.append(time.process_time() - cpu)
        # Start-up as a user meets it: what the first answers build on first use counts too.
        gaz.resolve("Raqqa")
        gaz.geoparse(FIRST_TEXT)
        first_cpu.append(time.process_time() - cpu)
    gaz = Gazetteer.from_dir(settings.DATA_DIR)  # unused by any answer: the cold figures stay cold
    print(f"load: {statistics.median(load_s) * 1000:.0f} ms wall, {statistics.median(load_cpu) * 1000:.0f} ms CPU "
          f"for {len(gaz.entries)} entries ({sum(len(e.names) for e in gaz.entries)} names); "
          f"to the first resolve and geoparse answered: {statistics.median(first_cpu) * 1000:.0f} ms CPU")

    latin = sorted({n for e in gaz.entries for n in matchable_names(e) if not is_arabic(n) and len(n) >= 4})
    exact = rng.sample(latin, min(3000, len(latin)))
    variant = [respell(n, rng) for n in rng.sample(latin, min(3000, len(latin)))]
    fuzzy = [misspell(n, rng) for n in rng.sample([n for n in latin if len(n) >= 7], 1000)]
    for label, names in (("exact", exact), ("variant", variant), ("fuzzy", fuzzy)):
        first, cold, warm, cold_wall = per_second(gaz, names, args.repeats)
        found = sum(gaz.resolve(n) is not None for n in names) / len(names)
        print(f"resolve {label:7}: {first:9,.0f}/s first, {cold:9,.0f}/s cold, {warm:9,.0f}/s warm  ({found:.0%} resolved, "
              f"{len(names)} names; wall {cold_wall:,.0f}/s cold)")

    spelling_figures(gaz)
    shared = settings.SHARED_DIR
    if shared is None:
        print("geoparse: ../shared/seeds not found; skipped")
        return
    docs = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    docs += [p.read_text(encoding="utf-8") for p in sorted((shared / "dev" / "docs").glob("*.txt"))]
    chars = sum(len(d) for d in docs)
    cold, warm, cold_wall, first = [], [], [], []
    for _ in range(args.repeats):
        fresh = Gazetteer.from_dir(settings.DATA_DIR)
        fresh.geoparse(FIRST_TEXT)  # the one-off tables of a first answer are start-up's (see load)
        clear_caches()
        cpu = time.process_time()
        for doc in docs:
            geoparse(fresh, doc)
        first.append(time.process_time() - cpu)
        clear_caches()
        gaz.__dict__.pop("_answers", None)  # names and their candidates resolved alone
        for times in (cold, warm):
            start, cpu = time.perf_counter(), time.process_time()
            for doc in docs:
                geoparse(gaz, doc)
            times.append(time.process_time() - cpu)
            if times is cold:
                cold_wall.append(time.perf_counter() - start)
    for label, times in (("first", first), ("cold", cold), ("warm", warm)):
        seconds = statistics.median(times)
        wall = f"; wall {len(docs) / statistics.median(cold_wall):,.0f} docs/s" if label == "cold" else ""
        print(f"geoparse seeds+dev ({label}): {len(docs) / seconds:,.0f} docs/s, {chars / seconds:,.0f} chars/s "
              f"({len(docs)} docs, {chars:,} chars{wall})")

    corpus = "\n\n".join(docs)
    # Repeated reports name the same places again and again; a report naming thousands of
    # different places (the communities' own names, in sentences) tests that the context
    # each candidate is judged by costs the same however many places came before.
    names = [e.name for e in gaz.entries if e.id.startswith("C") and e.name.isascii()]
    rng.shuffle(names)
    many = "".join(f"The army took {a} and the village of {b}. " for a, b in zip(names[::2], names[1::2]))
    sizes = [n for n in (10_000, 40_000, 160_000, 640_000, 2_560_000) if n < args.max_mb * 1_000_000]
    for label, source in (("seeds+dev repeated", corpus), ("thousands of places", many)):
        for size in [*sizes, int(args.max_mb * 1_000_000)]:
            text = (source * (size // len(source) + 1))[:size]
            times, context_times = [], []
            for _ in range(1 if size > 1_000_000 else max(1, args.repeats // 2)):
                cpu = time.process_time()
                mentions = geoparse(gaz, text)
                times.append(time.process_time() - cpu)
                gaz.__dict__.pop("_contexts", None)  # the text's context computed afresh
                cpu = time.process_time()
                gaz.resolve("Hamidiyah", text)
                context_times.append(time.process_time() - cpu)
            seconds, context_s = statistics.median(times), statistics.median(context_times)
            print(f"{label}: geoparse {size / 1000:>6,.0f} KB: {seconds * 1e6 / (size / 1000):7,.0f} us CPU per KB "
                  f"({seconds:.2f} s, {len(mentions):,} mentions); resolve with it as context "
                  f"{context_s * 1e6 / (size / 1000):7,.0f} us CPU per KB")


def hostile_figures(max_mb: float) -> None:
    """CPU milliseconds per KB of geoparse and of resolve (the text as a name, then as the
    context of "Raqqa", as ``bench/adversarial.py`` does) on each adversarial shape, 1 KB to
    ``max_mb`` MB. CPU time, not wall time: on a machine shared by several busy processes the
    wall clock measures the others; the growth (largest ms/KB over the least at a smaller
    size, from 16 KB) shows whether the work is linear."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from hostile import SHAPES
    from report_text import blank_markup

    gaz = Gazetteer.default()
    shapes = dict(SHAPES)
    # The gazetteer's own hazards: blank stretches between names (a list's gap is never
    # matched over them), and two names far apart on one line.
    shapes["names apart by blank runs"] = (lambda size: (("Raqqa" + " " * 20_000 + "Homs\n") * (size // 20_010 + 1))
                                           [:size].encode("utf-8"), False)
    shapes["names on one line, no breaks"] = (lambda size: (("Deir Hafer, Al Bab and Tell Abyad " * (size // 34 + 1))
                                              [:size]).encode("utf-8"), False)
    sizes = [kb for kb in (1, 4, 16, 64, 256, 1024, 4096) if kb <= max_mb * 1024]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPU ms per KB by size (KB)")
    print(f"{'shape':<48} {'stage':<9}" + "".join(f"{kb:>8}" for kb in sizes) + f"{'growth':>8}")
    for name, (make, is_html) in shapes.items():
        texts = {kb: make(kb * 1024).decode("utf-8") for kb in sizes}
        for stage in ("geoparse", "resolve"):
            per_kb = {}
            for kb in [sizes[0], *sizes]:  # the first, untimed: lazy tables loaded on first use
                text = blank_markup(texts[kb]) if is_html else texts[kb]
                for cache in ("_contexts", "_alone", "_answers"):
                    gaz.__dict__.pop(cache, None)
                cpu = time.process_time()
                if stage == "geoparse":
                    gaz.geoparse(text)
                else:
                    gaz.resolve(text)
                    gaz.resolve("Raqqa", text)
                per_kb[kb] = (time.process_time() - cpu) * 1000 / kb
            later = [kb for kb in sizes if kb >= 16]
            rise = max((per_kb[b] / min(per_kb[a] for a in later if a < b) for b in later[1:]
                        if min(per_kb[a] for a in later if a < b) > 0), default=None)
            print(f"{name[:48]:<48} {stage:<9}" + "".join(f"{per_kb[kb]:>8.2f}" for kb in sizes)
                  + (f"{rise:>8.1f}" if rise is not None else f"{'-':>8}"), flush=True)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(x, math.radians(b[0] - a[0]))


def spelling_figures(gaz: Gazetteer) -> None:
    """The spelling key's recall across conventions and its precision (false merges)."""
    folder = settings.DATA_DIR / "gazetteer"
    with open(folder / "ocha_communities.csv", newline="", encoding="utf-8") as f:
        ocha = list(csv.DictReader(f))
    with open(folder / "geonames_base.csv", newline="", encoding="utf-8") as f:
        geonames = [r for r in csv.DictReader(f) if r["country"] == "SY"]
    # Recall: one place in both (same Arabic name, < 5 km): do their Latin spellings meet?
    pairs = []
    for row in geonames:
        names = [row["name"], row["geonames_name"], *row["aliases"].split("|")]
        arabic = {normalize.fold_arabic(n) for n in names if is_arabic(n)}
        latin = [n for n in names if n and not is_arabic(n)]
        for community in ocha:
            here = (float(community["lat"]), float(community["lon"]))
            if normalize.fold_arabic(community["name_ar"]) in arabic and _km(here, (float(row["lat"]), float(row["lon"]))) < 5:
                own = [community["name"], *community["aliases"].split("|")]
                pairs.append((row["name"], latin, [n for n in own if n and not is_arabic(n)]))
    for label, key in (("spelling key", spelling.latin_key), ("old phonetic key", normalize.name_key)):
        met = sum(1 for _, ours, theirs in pairs if {key(n) for n in ours} & {key(n) for n in theirs})
        display = sum(1 for name, _, theirs in pairs if key(name) in {key(n) for n in theirs})
        print(f"{label:16}: recall {met / len(pairs):.1%} of {len(pairs)} GeoNames~OCHA pairs "
              f"({display / len(pairs):.1%} by display name alone)")
    # Precision: OCHA's own names, told apart by their Arabic.
    by_key: dict[str, set[str]] = {}
    for community in ocha:
        by_key.setdefault(spelling.latin_key(community["name"]), set()).add(normalize.fold_arabic(community["name_ar"]))
    distinct = {a for names in by_key.values() for a in names}
    merged = sum(len(names) - 1 for names in by_key.values())
    alone = sum(1 for c in ocha if len(by_key[spelling.latin_key(c["name"])]) == 1)
    others = sum(len(by_key[spelling.latin_key(c["name"])]) - 1 for c in ocha) / len(ocha)
    arabic_agree = sum(1 for c in ocha if spelling.latin_key(c["name"]) == spelling.arabic_key(c["name_ar"])) / len(ocha)
    print(f"spelling key    : precision {alone / len(ocha):.1%} of communities share their key with no other name; "
          f"{merged / len(distinct):.1%} of {len(distinct)} Arabic names merged into another; "
          f"{others:.2f} other names per look-up; Latin = Arabic key for {arabic_agree:.1%}")


if __name__ == "__main__":
    main()
