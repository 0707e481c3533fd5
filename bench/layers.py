"""Benchmark: time to build one date's map — control state, territory and front lines, traces.

    python bench/layers.py [--dates 30] [--skip-synthetic]

Runs at seed scale (the committed baseline and seed events) and at 100× synthetic scale
(5,000 places and 50,000 events over a year, places scattered around
the baseline's and holding their nearest baseline place's faction, control events pitting a
place's holder against a neighbouring faction). Two ways through the dates, each date computed
once: dates spread over the span (a jump to any date: little to reuse from the previous one) and
day after day (the slider and playback: the cells whose rivals did not change are reused).
Medians in ms, wall clock and CPU time (CPU time stays meaningful when other work shares the
machine). The one-off precomputation (the replay of every rule over the whole span, the cells
of the places and ground points) is reported apart. Aim: < 50 ms per date at seed scale,
< 300 ms at 100×, with the rules on.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.model import Event  # noqa: E402
from events.vocabulary import ACTIONS, FACTIONS  # noqa: E402
from control import state  # noqa: E402
from control.data import ControlPoint, MapData, load_default  # noqa: E402
from control.geo import to_metric_xy  # noqa: E402
from control.state import Models  # noqa: E402
from layers.figure import make_figure  # noqa: E402
from layers.view import View  # noqa: E402

STEPS = ("control", "territory + front lines", "traces", "total")
SYNTHETIC_PLACES = 5_000
SYNTHETIC_EVENTS = 50_000
# Share of each action among synthetic events, roughly as in the seed annotations.
ACTION_WEIGHTS = {"capture": 26, "recapture": 7, "advance": 21, "attack": 10, "repel": 8, "withdraw": 6,
                  "encircle": 6, "siege": 4, "siege_lifted": 1, "airstrike": 8, "clash": 3, "linkup": 2}


def time_dates(data: MapData, dates: list[date], *, warm_up: date | None = None) -> dict[str, float]:
    """Median wall and CPU ms per date of each step (every date computed once), and the
    one-off precomputation in s. ``warm_up``: a date computed first and not timed."""
    t0 = time.perf_counter()
    models = Models(data)
    precompute_s = time.perf_counter() - t0
    if warm_up is not None:
        make_figure(state.build(data, models, warm_up), View(warm_up), size=(1200, 800))
    steps: dict[str, list[float]] = {}
    for day in dates:
        marks = [_now()]
        models.control.at_indexed(day)                       # the places' states alone
        marks.append(_now())
        day_state = state.build(data, models, day)           # + territory and front lines
        marks.append(_now())
        make_figure(day_state, View(day), size=(1200, 800))  # + every layer's traces
        marks.append(_now())
        for name, (a, b) in zip(STEPS, [(0, 1), (1, 2), (2, 3), (0, 3)]):
            steps.setdefault(f"{name} wall", []).append((marks[b][0] - marks[a][0]) * 1000)
            steps.setdefault(f"{name} cpu", []).append((marks[b][1] - marks[a][1]) * 1000)
    out = {name: statistics.median(values) for name, values in steps.items()}
    out["max total wall"] = max(steps["total wall"])
    out["precompute_s"] = precompute_s
    return out


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def synthetic(seed: MapData, n_places: int, n_events: int, first: date, days: int, rng: random.Random) -> MapData:
    """A bigger map in the seed's mould (see the module docstring)."""
    base_lonlat = np.array([(p.lon, p.lat) for p in seed.baseline])
    base_xy = to_metric_xy(base_lonlat[:, 0], base_lonlat[:, 1])
    points = []
    while len(points) < n_places:
        anchor = seed.baseline[rng.randrange(len(seed.baseline))]
        lat = anchor.lat + rng.gauss(0, 0.15)
        lon = anchor.lon + rng.gauss(0, 0.15)
        if seed.outline.contains(shapely.Point(lon, lat)):
            points.append((lat, lon))
    xy = to_metric_xy(np.array([p[1] for p in points]), np.array([p[0] for p in points]))
    nearest = ((xy[:, None, :] - base_xy[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    baseline = tuple(ControlPoint(f"syn:{k}", f"Place {k}", lat, lon, seed.baseline[nearest[k]].faction,
                                  first, "synthetic") for k, (lat, lon) in enumerate(points))
    tree = shapely.STRtree(shapely.points(xy))
    actions = list(ACTION_WEIGHTS)
    weights = list(ACTION_WEIGHTS.values())
    events = []
    for k in range(n_events):
        i = rng.randrange(n_places)
        near = tree.query(shapely.Point(xy[i]), predicate="dwithin", distance=25_000)
        rivals = [baseline[j].faction for j in near if baseline[j].faction != baseline[i].faction]
        holder = baseline[i].faction
        if rivals:
            actor, action = rng.choice(rivals), rng.choices(actions, weights)[0]
        else:  # far behind the lines: raids and strikes, never a change of hands
            actor = rng.choice([f for f in FACTIONS if f != holder])
            action = rng.choice(("airstrike", "attack"))
        if action in ("withdraw", "repel"):
            actor, target = holder, actor
        else:
            target = holder if holder != actor else None
        start = first + timedelta(days=rng.randrange(days))
        end = start + timedelta(days=rng.choice((0, 0, 0, 1, 2, 4)))
        lat, lon = points[i]
        events.append(Event(
            id=f"syn{k}", doc=f"doc{k % 500}", date_start=start, date_end=end,
            date_precision="day" if end == start else "week", action=action, actor=actor,
            target=target if target != actor else None, place=baseline[i].name, lat=lat, lon=lon,
            uncertainty_km=2.0, unit=None, certainty=rng.choice(("stated", "stated", "claimed", "reported")),
            start=k, end=k + 1, confidence=0.9, place_id=baseline[i].place_id))
    assert set(e.action for e in events) <= set(ACTIONS)
    return MapData(baseline, tuple(events), seed.outline, seed.neighbours, seed.rivers, seed.places,
                   seed.governorates)


def spread(first: date, last: date, n: int) -> list[date]:
    span = (last - first).days
    return sorted({first + timedelta(days=round(k * span / max(1, n - 1))) for k in range(n)})


def report(title: str, data: MapData, dates: list[date], **kwargs) -> dict:
    figures = time_dates(data, dates, **kwargs)
    print(f"\n{title}: {len(data.baseline)} baseline places, {len(data.events)} events, {len(dates)} dates")
    print(f"  precompute (replay with the rules, cells): {figures['precompute_s']:.2f} s")
    print(f"  {'median per date':<26} {'wall ms':>9} {'cpu ms':>9}")
    for name in STEPS:
        print(f"  {name:<26} {figures[name + ' wall']:9.1f} {figures[name + ' cpu']:9.1f}")
    print(f"  {'slowest date (total)':<26} {figures['max total wall']:9.1f}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dates", type=int, default=30)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(cpu ms stay comparable on a busy machine; wall ms do not)")

    seed = load_default()
    first, last = seed.event_span
    seed_jump = report("seed scale, dates spread over the span", seed, spread(first, last, args.dates))
    start = date(2017, 11, 1)
    seed_step = report("seed scale, day after day (the slider)", seed,
                       [start + timedelta(days=k) for k in range(1, args.dates + 1)], warm_up=start)
    if args.skip_synthetic:
        return
    rng = random.Random(4)
    first = date(2017, 5, 1)
    big = synthetic(seed, SYNTHETIC_PLACES, SYNTHETIC_EVENTS, first, 365, rng)
    big_jump = report("synthetic 100x, dates spread over the year", big,
                      spread(first + timedelta(days=7), first + timedelta(days=364), args.dates))
    start = date(2017, 9, 1)
    big_step = report("synthetic 100x, day after day (the slider)", big,
                      [start + timedelta(days=k) for k in range(1, args.dates + 1)], warm_up=start)
    for name, big_f, seed_f in (("spread", big_jump, seed_jump), ("day after day", big_step, seed_step)):
        print(f"ratio 100x/seed, {name} (median total cpu): {big_f['total cpu'] / seed_f['total cpu']:.1f}x")


if __name__ == "__main__":
    main()
