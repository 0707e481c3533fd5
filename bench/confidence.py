"""Whether an event's confidence orders right guesses above wrong ones (issue 10).

    python bench/confidence.py [CORPUS ...]     (default: /work/dev-tune; any folder with docs/ and gold/)

Reads each corpus as the shared scorer does (events/evaluate.py ``scorer_matches``: actor,
kind of action, place within the gold tolerance, dates with a day of slack), labels every
extracted event right (matched to a gold event) or wrong, and prints the AUC of confidence
(the chance that a right event, drawn at random, has a higher confidence than a wrong one;
ties count half: 0.5 is no ordering) and the precision of the upper and lower halves of the
events sorted by confidence.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events import evaluate  # noqa: E402
from events.documents import parse_document  # noqa: E402
from events.extract import default_place_finder, extract  # noqa: E402


def labelled(folder: Path) -> list[tuple[float, bool]]:
    """(confidence, right) of every event extracted from the corpus in ``folder``."""
    finder = default_place_finder()
    out = []
    for doc in evaluate.read_corpus(folder):
        events = list(extract(parse_document(doc.body.encode("utf-8"), doc.name, doc.date), finder).events)
        pairs, _, _ = evaluate.scorer_matches(events, doc)
        right = {i for i, _ in pairs}
        out.extend((event.confidence, i in right) for i, event in enumerate(events))
    return out


def auc(pairs: list[tuple[float, bool]]) -> float | None:
    """Mann-Whitney AUC by ranks (ties share their mean rank): linear after the sort."""
    ordered = sorted(pairs)
    ranks = [0.0] * len(ordered)
    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        for k in range(start, end):
            ranks[k] = (start + end + 1) / 2
        start = end
    positives = sum(1 for _, right in ordered if right)
    negatives = len(ordered) - positives
    if not positives or not negatives:
        return None
    rank_sum = sum(rank for rank, (_, right) in zip(ranks, ordered) if right)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def halves(pairs: list[tuple[float, bool]]) -> tuple[float, float]:
    ordered = sorted(pairs, key=lambda p: -p[0])
    top, bottom = ordered[:len(ordered) // 2], ordered[len(ordered) // 2:]
    return (sum(r for _, r in top) / max(1, len(top)), sum(r for _, r in bottom) / max(1, len(bottom)))


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [Path("/work/dev-tune")]
    for folder in folders:
        pairs = labelled(folder)
        value = auc(pairs)
        top, bottom = halves(pairs)
        right = sum(r for _, r in pairs)
        print(f"{folder}: {len(pairs)} events, {right} right; confidence AUC "
              f"{'-' if value is None else f'{value:.3f}'}; precision of the top half {top:.1%}, "
              f"of the bottom half {bottom:.1%}")


if __name__ == "__main__":
    main()
