"""Scoring extracted events against gold annotations (../shared/gold/seed_events.csv).

An extracted event matches a gold row of the same document when the actor is the same,
the action class is the same (events/vocabulary.py ACTION_CLASS: capture = recapture,
attack = clash = repel...), the event point lies within the gold place's tolerance
(gold ``place`` joined to seed_places ``canonical`` for lat, lon, tolerance_km) and the
dates overlap with one day of slack. Matching is one-to-one (maximum bipartite matching).

``gold_place_finder`` finds a document's gold place mentions verbatim: an oracle for
telling extraction errors from geocoding errors (``python -m events evaluate --oracle``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable

from geopy.distance import geodesic

from events.model import Event
from events.vocabulary import ACTION_CLASS
from gazetteer.place import Mention, Place

DATE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class GoldPlace:
    lat: float
    lon: float
    tolerance_km: float


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    date_start: date
    date_end: date
    place: str
    actor: str
    action: str
    target: str | None


@dataclass(frozen=True)
class Score:
    doc: str
    matched: int
    extracted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def gold_places(rows: Iterable[dict]) -> dict[str, GoldPlace]:
    return {row["canonical"]: GoldPlace(float(row["lat"]), float(row["lon"]), float(row["tolerance_km"])) for row in rows}


def gold_events(rows: Iterable[dict]) -> list[GoldEvent]:
    out = []
    for row in rows:
        first, _, last = row["date"].partition("/")
        out.append(GoldEvent(row["doc"], date.fromisoformat(first), date.fromisoformat(last or first),
                             row["place"], row["actor"], row["action"], row["target"] or None))
    return out


def matches(event: Event, gold: GoldEvent, places: dict[str, GoldPlace]) -> bool:
    if event.actor != gold.actor or ACTION_CLASS[event.action] != ACTION_CLASS[gold.action]:
        return False
    if event.date_start > gold.date_end + DATE_SLACK or event.date_end < gold.date_start - DATE_SLACK:
        return False
    place = places.get(gold.place)
    if place is None or event.lat is None:
        return False
    return geodesic((event.lat, event.lon), (place.lat, place.lon)).km <= place.tolerance_km


def match_pairs(events: list[Event], gold: list[GoldEvent], places: dict[str, GoldPlace]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching as (event index, gold index) pairs."""
    edges = [[j for j, g in enumerate(gold) if matches(e, g, places)] for e in events]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(events)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score(events: list[Event], gold: list[GoldEvent], places: dict[str, GoldPlace]) -> list[Score]:
    """One ``Score`` per document of the gold, plus a last one named "all"."""
    docs = sorted({g.doc for g in gold})
    scores = []
    for doc in docs:
        mine = [e for e in events if e.doc == doc]
        theirs = [g for g in gold if g.doc == doc]
        scores.append(Score(doc, len(match_pairs(mine, theirs, places)), len(mine), len(theirs)))
    scores.append(Score("all", sum(s.matched for s in scores), sum(s.extracted for s in scores),
                        sum(s.gold for s in scores)))
    return scores


def gold_place_finder(place_rows: Iterable[dict], doc: str):
    """An oracle place finder: the gold mentions of ``doc`` found verbatim, at gold coordinates."""
    rows = sorted((r for r in place_rows if r["doc"] == doc), key=lambda r: -len(r["mention"]))

    def find(text: str) -> list[Mention]:
        found: list[Mention] = []
        for row in rows:
            start = text.find(row["mention"])
            while start >= 0:
                end = start + len(row["mention"])
                if not any(start < m.end and m.start < end for m in found):
                    place = Place(row["canonical"], float(row["lat"]), float(row["lon"]), row["kind"], None, "gold",
                                  float(row["tolerance_km"]) / 2)
                    found.append(Mention(start, end, row["mention"], place))
                start = text.find(row["mention"], end)
        return sorted(found, key=lambda m: m.start)

    return find
