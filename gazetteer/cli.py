"""Command line: ``python -m gazetteer resolve|geoparse`` (the contract the project is judged by).

    python -m gazetteer resolve NAME... [--json] [--context TEXT] [--online]
    python -m gazetteer geoparse FILE... [--json]

``resolve`` prints a table, or with ``--json`` one object per name and line:
``{"query", "name", "lat", "lon", "kind", "governorate", "source", "uncertainty_km", "score"}``;
an unresolved name has every key but ``query`` null and adds ``"suggestions": [...]``.
With no NAME it reads names from standard input, one per line, and answers each in order.
Each name is resolved by itself, unless ``--context TEXT`` gives the text it comes from (which
also places a whole border or river near the text's places) or ``--as-list`` says the names
are one report's, in its order: each is then resolved with the places its neighbours in the
list (``LIST_WINDOW`` either side) name surely as context, which tells homonyms apart. A
list of unrelated names must not use it: a neighbour would pull a homonym towards itself.

``geoparse`` prints one object per place mention:
``{"doc", "start", "end", "text", "name", "lat", "lon", "kind", "uncertainty_km", "score"}``
where ``doc`` is the file's name and ``start``/``end`` are character offsets into its text
(HTML tags are blanked out, not removed, so offsets still index the file). A missing,
empty, binary or undecodable file, or one over ``settings.MAX_REPORT_BYTES``, is reported
on standard error and skipped; the exit status is then 1. So is a file whose reading takes
longer than ``settings.REPORT_TIME_BUDGET_S`` seconds: it is stopped, the message names it,
and nothing of it is printed (the mentions found before the stop are not sound: each name's
answer depends on the places the whole text names); the next file is read. Everything runs
offline unless ``--online`` is given.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Iterable, TextIO

import settings
from gazetteer.context import Context
from gazetteer.online import GeocoderUnavailable
from gazetteer.place import Mention, Place
from gazetteer.resolver import Gazetteer
from report_text import ReportError, blank_markup, decode_report, read_report_bytes

LIST_WINDOW = 5
RESOLVE_KEYS = ("query", "name", "lat", "lon", "kind", "governorate", "source", "uncertainty_km", "score")
GEOPARSE_KEYS = ("doc", "start", "end", "text", "name", "lat", "lon", "kind", "uncertainty_km", "score")


class BadFile(Exception):
    """A report file that cannot be read as text."""


def resolve_record(query: str, place: Place | None, suggestions: list[str]) -> dict:
    if place is None:
        record = dict.fromkeys(RESOLVE_KEYS)
        record["query"] = query
        record["suggestions"] = suggestions
        return record
    return {
        "query": query, "name": place.name, "lat": round(place.lat, 5), "lon": round(place.lon, 5),
        "kind": place.kind, "governorate": place.governorate, "source": place.source,
        "uncertainty_km": round(place.uncertainty_km, 2), "score": round(place.score, 3),
    }


def mention_record(doc: str, mention: Mention) -> dict:
    place = mention.place
    return {
        "doc": doc, "start": mention.start, "end": mention.end, "text": mention.text,
        "name": place.name, "lat": round(place.lat, 5), "lon": round(place.lon, 5),
        "kind": place.kind, "uncertainty_km": round(place.uncertainty_km, 2),
        "score": round(place.score, 3),
    }


def read_report(path: Path) -> str:
    """A report's text, HTML tags blanked to spaces; ``BadFile`` when it is not text (the
    size limit and the decoder every entry point shares: ``report_text``)."""
    try:
        text = decode_report(read_report_bytes(path), str(path))
    except ReportError as error:
        raise BadFile(str(error)) from None
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        text = blank_markup(text)
    return text


def _table(rows: list[dict], keys: Iterable[str], out: TextIO) -> None:
    keys = list(keys)
    cells = [[("" if row.get(k) is None else str(row.get(k))) for k in keys] for row in rows]
    widths = [min(40, max([len(k)] + [len(c[i]) for c in cells])) for i, k in enumerate(keys)]
    out.write("  ".join(k.ljust(w) for k, w in zip(keys, widths)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(c[:40].ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")


def _names(args_names: list[str], stdin: TextIO) -> list[str]:
    if args_names:
        return args_names
    return [line.strip() for line in stdin if line.strip()]


def list_contexts(gaz: Gazetteer, names: list[str]) -> list[Context | None]:
    """For each name of a list, the context of its neighbours' sure answers (or None)."""
    sure = {}
    for name in dict.fromkeys(names):
        if name.strip() and not gaz.stop.is_stop(name.strip()):
            found = gaz.resolve_detail(name.strip(), None)
            sure[name] = found.place if found.sure else None
    out = []
    for k in range(len(names)):
        window = names[max(0, k - LIST_WINDOW):k] + names[k + 1:k + 1 + LIST_WINDOW]
        places = [sure[n] for n in window if n != names[k] and sure.get(n) is not None]
        context = Context.of_places(places)
        out.append(context if context else None)
    return out


def run_resolve(args, gaz: Gazetteer, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    names = _names(args.names, stdin)
    if args.context:
        contexts = [gaz.context_of(args.context)] * len(names)
    elif not args.as_list or len(names) < 2:
        contexts = [None] * len(names)
    else:
        contexts = list_contexts(gaz, names)
    status = 0
    rows = []
    for name, context in zip(names, contexts):
        try:
            # A list's neighbours tell homonyms apart; they do not say which stretch of a
            # border or river a name means, as a sentence's places do.
            place = gaz.resolve(name, context, online=True if args.online else None,
                                lines_near_context=bool(args.context))
        except GeocoderUnavailable as error:
            err.write(f"gazetteer: online geocoder unavailable: {error}\n")
            place, status = gaz.resolve(name, context, online=False), 1
        record = resolve_record(name, place, gaz.suggest(name) if place is None else [])
        if args.json:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        else:
            rows.append(record)
    if not args.json:
        keys = list(RESOLVE_KEYS)
        for row in rows:
            if row.get("suggestions") is not None:
                row["name"] = "(not found; try: " + ", ".join(row["suggestions"][:3]) + ")"
        _table(rows, keys, out)
    return status


def run_geoparse(args, gaz: Gazetteer, out: TextIO, err: TextIO) -> int:
    from gazetteer.geoparser import OverBudget
    status = 0
    rows = []
    for name in args.files:
        path = Path(name)
        try:
            text = read_report(path)
        except BadFile as error:
            err.write(f"gazetteer: {error}\n")
            status = 1
            continue
        budget_s = settings.REPORT_TIME_BUDGET_S
        try:
            mentions = gaz.geoparse(text, deadline=time.monotonic() + budget_s)
        except OverBudget:
            err.write(f"gazetteer: {path}: stopped after the time budget of {budget_s:g} s for one report "
                      "(settings.REPORT_TIME_BUDGET_S); nothing was kept from this file: split it\n")
            status = 1
            continue
        for mention in mentions:
            record = mention_record(path.name, mention)
            if args.json:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                rows.append(record)
    if not args.json:
        _table(rows, GEOPARSE_KEYS, out)
    return status


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m gazetteer", description="Offline place names for Syria, 2017.")
    commands = top.add_subparsers(dest="command", required=True)
    resolve = commands.add_parser("resolve", help="resolve place names to coordinates")
    resolve.add_argument("names", nargs="*", metavar="NAME", help="names; none: read one per line from stdin")
    resolve.add_argument("--json", action="store_true", help="one JSON object per line")
    resolve.add_argument("--context", metavar="TEXT", help="document text used to choose among same-named places")
    resolve.add_argument("--as-list", action="store_true",
                         help="the names are one report's, in order: each neighbour's sure place is context")
    resolve.add_argument("--online", action="store_true", help="ask Nominatim for names not found offline (cached)")
    geoparse = commands.add_parser("geoparse", help="find and resolve the place mentions of report files")
    geoparse.add_argument("files", nargs="+", metavar="FILE")
    geoparse.add_argument("--json", action="store_true", help="one JSON object per mention and line")
    return top


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
         stdin: TextIO = sys.stdin, gazetteer: Gazetteer | None = None) -> int:
    args = parser().parse_args(argv)
    gaz = gazetteer or Gazetteer.default()
    try:
        if args.command == "resolve":
            return run_resolve(args, gaz, out, err, stdin)
        return run_geoparse(args, gaz, out, err)
    except BrokenPipeError:
        return 0
