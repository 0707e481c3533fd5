"""Command line of the map layers.

    python -m layers control --date YYYY-MM-DD [--json]
        who holds each place on the date; with --json one object per line:
        {"place", "lat", "lon", "faction", "since", "contested", "besieged", "place_id", "last_event",
         "evidence_date", "evidence"}
        ``faction`` null: nobody known to hold it (no knowledge yet, before the baseline's date);
        ``evidence``: what the state rests on (baseline, event, sweep, area, pocket; see
        control.evidence), ``evidence_date`` its day, ``last_event`` the event behind it
    python -m layers territory --date YYYY-MM-DD --out FILE.geojson [--window-days N]
        territory polygons, contested ground, no-data ground, front lines and the events of the
        day (or of the N days up to it) as one GeoJSON FeatureCollection; the property ``layer``
        says which (territory, contested, no_data, front_line, event)
    python -m layers area --date YYYY-MM-DD [--date ...] [--from D --to D --every N]
        km² and share of Syria per faction, as CSV

The events are the committed defaults plus those accepted into the page's store (``--db FILE``,
else ``$FRONTLINE_DB``, else ``frontline.db`` when it exists: ``settings.store_to_read``);
``--events FILE`` replaces them all by those of a JSON-lines file in the format of
``python -m events extract --json`` (or ``python -m events export --format jsonl``).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

from control.data import DataError, load, load_default, read_events_jsonl
from control.state import compute
import settings
from events import store


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        data = load(settings.DATA_DIR, read_events_jsonl(args.events)) if args.events else load_default()
        if not args.events:
            data = data.with_events(store.with_accepted(data.events, settings.store_to_read(args.db)))
        return args.run(data, args)
    except BrokenPipeError:
        # Output piped into head & co., which stopped reading: stop quietly. The rest of the
        # output goes nowhere, or Python's exit would report the pipe again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (DataError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m layers", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="{control,territory,area}")

    control = commands.add_parser("control", help="who holds each place on a date")
    control.add_argument("--date", type=_date, required=True, help="YYYY-MM-DD")
    control.add_argument("--json", action="store_true", help="one JSON object per place per line")
    control.set_defaults(run=_control)

    territory = commands.add_parser("territory", help="territory, front lines and events as GeoJSON")
    territory.add_argument("--date", type=_date, required=True, help="YYYY-MM-DD")
    territory.add_argument("--out", type=Path, required=True, help="the GeoJSON file to write")
    territory.add_argument("--window-days", type=_positive_int, default=1,
                           help="events of this many days up to the date (default 1: the day's)")
    territory.set_defaults(run=_territory)

    area = commands.add_parser("area", help="area held per faction, CSV")
    area.add_argument("--date", type=_date, action="append", default=[], help="YYYY-MM-DD (repeatable)")
    area.add_argument("--from", dest="first", type=_date, help="first date of a series")
    area.add_argument("--to", dest="last", type=_date, help="last date of a series")
    area.add_argument("--every", type=_positive_int, default=1, help="days between series dates")
    area.set_defaults(run=_area)

    for sub in (control, territory, area):
        sources = sub.add_mutually_exclusive_group()
        sources.add_argument("--events", type=Path, help="events as JSON lines instead of the defaults and the store")
        sources.add_argument("--db", type=Path, help="the store whose accepted events join the defaults "
                                                     "(default: the page's, when it exists)")
    return parser


def _date(text: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 1")
    return value


def _control(data, args) -> int:
    places = sorted(compute(data, args.date).places, key=lambda p: (p.name, p.place_id))
    out = sys.stdout
    for place in places:
        if args.json:
            out.write(json.dumps(place.to_json(), ensure_ascii=False) + "\n")
        else:
            flags = " ".join(f for f, on in (("contested", place.contested), ("besieged", place.besieged)) if on)
            since = place.since.isoformat() if place.since else "?"
            seen = f"{place.evidence} {place.evidence_date.isoformat()}" if place.evidence_date else "no knowledge"
            out.write(f"{place.name:<40} {place.faction or 'unknown':<11} since {since:<10} {seen:<22} {flags}\n")
    return 0


def _territory(data, args) -> int:
    from layers.geojson_export import feature_collection
    from layers.view import View

    state = compute(data, args.date)
    collection = feature_collection(state, View(args.date, window_days=args.window_days))
    features = collection["features"]
    args.out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(features)} features to {args.out}", file=sys.stderr)
    return 0


def _area(data, args) -> int:
    from control.area import area_table, daily_dates

    dates = list(args.date)
    if args.first or args.last:
        if not (args.first and args.last) or args.last < args.first:
            print("error: --from and --to go together, with --from <= --to", file=sys.stderr)
            return 2
        dates += daily_dates(args.first, args.last, args.every)
    if not dates:
        print("error: give --date or --from/--to", file=sys.stderr)
        return 2
    area_table(data, dates).to_csv(sys.stdout, index=False, float_format="%.4f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
