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


# --- a gold corpus folder (docs/*.txt + gold/*.json, as ../shared/dev) ------------------------

# The shared scorer's (../shared/tools/score.py) classes: a relief is siege_lifted or linkup.
SCORER_CLASS = {
    "capture": "control", "recapture": "control", "siege_lifted": "relief", "linkup": "relief",
    "advance": "advance", "attack": "fight", "clash": "fight", "repel": "fight",
    "encircle": "encircle", "siege": "encircle", "withdraw": "withdraw", "airstrike": "airstrike",
}


@dataclass(frozen=True)
class CorpusDoc:
    """One gold document: its body (lines after ``source:``/``date:``), date and gold."""

    name: str
    body: str
    date: date | None
    places: dict[str, GoldPlace]
    events: list[GoldEvent]


def read_corpus(folder: Path, names: Iterable[str] | None = None) -> list[CorpusDoc]:
    """The documents of a corpus folder (``docs/``, ``gold/``), optionally only those whose
    file name starts with one of ``names`` (e.g. "03", "06")."""
    import json

    wanted = tuple(names) if names is not None else None
    docs = []
    for path in sorted((Path(folder) / "gold").glob("*.json")):
        if wanted is not None and not path.name.startswith(wanted):
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        lines = (Path(folder) / "docs" / gold["doc"]).read_text(encoding="utf-8").split("\n")
        body_start, doc_date = 0, None
        for index, line in enumerate(lines[:3]):
            if line.startswith(("source:", "date:")):
                body_start = index + 1
            if line.startswith("date:"):
                try:
                    doc_date = date.fromisoformat(line.split(":", 1)[1].strip())
                except ValueError:
                    doc_date = None
        places: dict[str, GoldPlace] = {}
        for p in gold["places"]:
            places.setdefault(p["canonical"], GoldPlace(float(p["lat"]), float(p["lon"]), float(p["tolerance_km"])))
        events = [GoldEvent(gold["doc"], *_gold_range(e["date"]), e["place"], e["actor"], e["action"],
                            e.get("target") or None) for e in gold["events"]]
        docs.append(CorpusDoc(gold["doc"], "\n".join(lines[body_start:]), doc_date, places, events))
    return docs


def _gold_range(text: str) -> tuple[date, date]:
    first, _, last = text.strip().partition("/")
    return date.fromisoformat(first[:10]), date.fromisoformat((last or first)[:10])


def scorer_matches(events: list[Event], doc: CorpusDoc) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """The shared scorer's greedy matching: each gold event, in order, takes the first
    unused extracted event of the same actor and class, within the gold place's tolerance,
    whose dates overlap with a day of slack. -> (pairs, unmatched gold, unmatched events)."""
    used: dict[int, int] = {}
    missed = []
    for j, g in enumerate(doc.events):
        place = doc.places.get(g.place)
        hit = None
        for i, e in enumerate(events):
            if i in used or place is None or e.lat is None:
                continue
            if e.actor != g.actor or SCORER_CLASS[e.action] != SCORER_CLASS[g.action]:
                continue
            if e.date_start > g.date_end + DATE_SLACK or e.date_end < g.date_start - DATE_SLACK:
                continue
            if geodesic((e.lat, e.lon), (place.lat, place.lon)).km > place.tolerance_km:
                continue
            hit = i
            break
        if hit is None:
            missed.append(j)
        else:
            used[hit] = j
    return sorted((i, j) for i, j in used.items()), missed, [i for i in range(len(events)) if i not in used]
