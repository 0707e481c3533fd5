"""Command line: ``python -m events <command>``.

- ``extract FILE... [--date YYYY-MM-DD] [--json]``: the events of report files; with
  ``--json`` one JSON object per line per event (``Event.to_json()``, the evaluation
  contract), else a readable table. A file that cannot be read, or whose reading fails or
  runs over ``settings.REPORT_TIME_BUDGET_S`` (events/worker.py), gets an error on stderr
  and a non-zero exit status; the other files are still read.
- ``ingest PATH... [--db FILE] [--date YYYY-MM-DD]``: add files or folders of reports to
  the store, with a progress bar and a closing summary.
- ``export OUTPUT [--db FILE] [--format csv|geojson|gpkg|jsonl]``: the stored events (of the
  page's store by default); ``jsonl`` holds the accepted ones, those the map draws, one
  ``extract --json`` object per line: what ``--events FILE`` of the map commands reads.
- ``evaluate [--oracle]``: precision and recall per seed document against the gold.
- ``rebuild-defaults [--shared DIR]``: re-extract the committed default events (data/events)
  from the reports of ``DIR/seeds`` and ``DIR/dev/docs``.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from events.documents import DocumentError, checked_date, read_document


def _date(text: str) -> date:
    try:
        return checked_date(date.fromisoformat(text), "--date")
    except DocumentError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m events", description="Events (who took what, where, when) from war reports.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("extract", help="print the events of report files")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--date", type=_date, help="the reports' date (else read from the report)")
    p.add_argument("--json", action="store_true", help="one JSON object per event per line")
    p = commands.add_parser("ingest", help="add report files or folders to the store")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--db", type=Path, help="store file (default settings.STORE_PATH)")
    p.add_argument("--date", type=_date, help="the reports' date (else read from each report)")
    p = commands.add_parser("export", help="write the stored events as CSV, GeoJSON, GeoPackage or JSON lines")
    p.add_argument("output", type=Path)
    p.add_argument("--db", type=Path, help="store file (default: the page's, settings.STORE_PATH)")
    p.add_argument("--format", choices=("csv", "geojson", "gpkg", "jsonl"),
                   help="default: from the file's extension; jsonl: the accepted events, for --events")
    p = commands.add_parser("evaluate", help="precision/recall on the seed reports against the gold")
    p.add_argument("--oracle", action="store_true", help="use the gold place mentions instead of the gazetteer")
    p.add_argument("--shared", type=Path, help="folder with seeds/ and gold/ (default ../shared)")
    p = commands.add_parser("rebuild-defaults", help="re-extract data/events from the seed and dev reports")
    p.add_argument("--shared", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"extract": _extract, "ingest": _ingest, "export": _export, "evaluate": _evaluate,
               "rebuild-defaults": _rebuild}[args.command]
    try:
        return handler(args)
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        sys.stderr.close()
        return 0


def _extract(args) -> int:
    from events.worker import shared_reader

    status = 0
    for path in args.files:
        try:
            document = shared_reader().parse_file(path, args.date)
            extraction = shared_reader().read(document)
        except DocumentError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        for warning in extraction.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.json:
            for event in extraction.events:
                print(json.dumps(event.to_json(), ensure_ascii=False))
        else:
            _table(document.name, extraction.events)
    return status


def _table(name: str, events) -> None:
    print(f"{name}: {len(events)} event(s)")
    for e in events:
        when = e.date_start.isoformat() if e.date_start == e.date_end else f"{e.date_start}..{e.date_end}"
        sides = f"{e.actor}" + (f" vs {e.target}" if e.target else "")
        where = e.place if e.lat is None else f"{e.place} ({e.lat:.3f}, {e.lon:.3f})"
        print(f"  {when:<22} {e.action:<12} {sides:<24} {where:<48} {e.certainty:<8} {e.confidence:.2f}")


def _ingest(args) -> int:
    from events.ingest import ingest

    summary = ingest(args.paths, args.db, doc_date=args.date)
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith(("error", "warning")) else sys.stdout)
    return 1 if summary.errors else 0


def _export(args) -> int:
    from events import store
    from events.export import export

    try:
        fmt = args.format or args.output.suffix.lstrip(".").lower()
        events = store.accepted_events(args.db) if fmt == "jsonl" else store.load_events(args.db)
        count = export(events, args.output, fmt)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{count} event(s) written to {args.output}")
    return 0


def _shared(args) -> Path | None:
    import settings

    shared = args.shared or settings.SHARED_DIR
    if shared is None or not (Path(shared) / "seeds").is_dir():
        print("error: ../shared (seeds and gold) not found; pass --shared or set FRONTLINE_SHARED", file=sys.stderr)
        return None
    return Path(shared)


def _evaluate(args) -> int:
    from events import evaluate
    from events.defaults import analyst_dates
    from events.extract import default_place_finder, extract

    shared = _shared(args)
    if shared is None:
        return 2
    place_rows = evaluate.read_csv(shared / "gold" / "seed_places.csv")
    gold = evaluate.gold_events(evaluate.read_csv(shared / "gold" / "seed_events.csv"))
    dates = analyst_dates()
    events = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        finder = evaluate.gold_place_finder(place_rows, path.name) if args.oracle else default_place_finder()
        events.extend(extract(read_document(path, dates.get(path.name)), finder).events)
    print(f"{'document':<28} {'precision':>9} {'recall':>7} {'matched':>8} {'extracted':>9} {'gold':>5}")
    for s in evaluate.score(events, gold, evaluate.gold_places(place_rows)):
        print(f"{s.doc:<28} {s.precision:>9.2f} {s.recall:>7.2f} {s.matched:>8} {s.extracted:>9} {s.gold:>5}")
    return 0


def _rebuild(args) -> int:
    from events.defaults import EVENTS_DIR, default_folders, rebuild_defaults

    shared = _shared(args)
    if shared is None:
        return 2
    events, documents = rebuild_defaults(default_folders(shared))
    print(f"{events} event(s) from {documents} document(s) written to {EVENTS_DIR}")
    return 0
