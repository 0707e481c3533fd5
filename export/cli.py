"""The snapshot command line: ``python -m export`` (also ``python -m layers.snapshot``).

    --date 2017-11-19 [--factions government,isil]
        [--place "Abu Kamal" --radius-km 80 | --bbox W,S,E,N]
        [--format png|svg|pdf|html|geojson|csv|gif|mp4] [--size a4-landscape|slide-16x9|square]
        [--scale 2] [--title ...] [--caption ...] [--layers territory,front_lines,...]
        [--window-days 7] [--events FILE.jsonl | --db FILE] --out FILE
    a series, one file per date:  --from 2017-09-01 --to 2017-12-31 --every 7d --out DIR
    an animation:                 --from ... --to ... --every 1d --format gif|mp4 --out FILE.gif

``--format`` defaults to the extension of ``--out`` (png for a folder). ``--every`` takes days
(``7``, ``7d``) or weeks (``2w``). The title defaults to "Who holds what: <extent>"; ``--title ""``
leaves it out. The events are the committed defaults plus those accepted into the store the
page uses (``--db FILE``, else ``$FRONTLINE_DB``, else ``frontline.db`` when it exists; see
``settings.store_to_read``), or only those of ``--events FILE`` (JSON lines, as ``python -m
events extract --json`` or ``events export --format jsonl`` write them). Bad input (date,
place, bbox, size, format, factions, layers) prints one ``error:`` line to stderr and exits
with status 2; a failed render exits with status 1. Nothing is written unless every file of
the export was made. Every image of one command comes from one warm chromium.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from geopy.distance import geodesic

import settings
from events import store
from events.vocabulary import FACTIONS
from export.data import DATA_FORMATS, export_data
from export.page import SIZE_PRESETS_PX, SizeError, page_size_px, snapshot_figure
from export.render import (
    ANIMATION_FORMATS, DEFAULT_FRAME_MS, FIGURE_FORMATS, RenderError, render, render_gif, render_many,
    render_mp4,
)
from control.data import DataError, load, load_default, read_events_jsonl
from control.state import compute
from layers.view import LAYER_NAMES, View

ALL_FORMATS = FIGURE_FORMATS + DATA_FORMATS + ANIMATION_FORMATS
DEFAULT_RADIUS_KM = 50.0


def map_data(events_file: Path | None, db: Path | None):
    """The map's data as the page draws them: the committed defaults with the store's accepted
    events, or the events of ``events_file`` alone."""
    if events_file:
        return load(settings.DATA_DIR, read_events_jsonl(events_file))
    data = load_default()
    path = settings.store_to_read(db)
    return data.with_events(store.with_accepted(data.events, path)) if path else data


class UsageError(ValueError):
    """Input the command line cannot work with; the message says what to give instead."""


@dataclass(frozen=True)
class Request:
    """One export: the dates (one, or a series), what to draw, and where to write it."""
    dates: tuple[date, ...]
    view: View
    fmt: str
    out: Path
    series: bool
    size: str
    scale: float
    title: str | None
    caption: str | None
    frame_ms: int
    note: str | None = None      # what the command resolved, told to the user


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m export",
                                     description="Report-ready snapshots of the front-line map.")
    parser.add_argument("--date", help="the day to draw, YYYY-MM-DD")
    parser.add_argument("--from", dest="first", help="first day of a series or animation, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", help="last day of a series or animation, YYYY-MM-DD")
    parser.add_argument("--every", default="7d", help="step of a series: days (7, 7d) or weeks (2w); default 7d")
    parser.add_argument("--factions", help=f"comma-separated, some of {','.join(FACTIONS)} (default all)")
    parser.add_argument("--place", help="centre the map on this place (gazetteer name)")
    parser.add_argument("--radius-km", type=float,
                        help=f"with --place: km shown around it (default {DEFAULT_RADIUS_KM:g})")
    parser.add_argument("--bbox", help="west,south,east,north in degrees")
    parser.add_argument("--format", choices=ALL_FORMATS, help="default: from the --out extension, else png")
    parser.add_argument("--size", default="a4-landscape", help=f"one of {', '.join(SIZE_PRESETS_PX)}")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio of PNG/GIF (e.g. 2)")
    parser.add_argument("--title", help='title printed above the map (default "Who holds what: <extent>")')
    parser.add_argument("--caption", help="caption printed below the map")
    parser.add_argument("--layers", help=f"comma-separated, some of {','.join(LAYER_NAMES)} (default all)")
    parser.add_argument("--window-days", type=int, default=7, help="days of events and advances shown (default 7)")
    parser.add_argument("--frame-ms", type=int, default=DEFAULT_FRAME_MS, help="GIF/MP4: milliseconds per frame")
    sources = parser.add_mutually_exclusive_group()
    sources.add_argument("--events", type=Path, help="events as JSON lines (python -m events extract --json) "
                                                     "instead of the committed ones and the store's")
    sources.add_argument("--db", type=Path, help="the store whose accepted events are drawn with the committed "
                                                 "ones (default: $FRONTLINE_DB, else frontline.db when it exists)")
    parser.add_argument("--out", type=Path, required=True, help="the file to write (a folder for a series)")
    return parser


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a day in YYYY-MM-DD form (e.g. 2017-11-19)") from None


def parse_every(text: str) -> timedelta:
    """'7', '7d' -> 7 days; '2w' -> 14 days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if not match or int(match.group(1)) < 1:
        raise UsageError(f"--every {text!r}: give a step like 1d, 7d or 2w")
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    return timedelta(days=days)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(f"--bbox {text!r}: give four numbers west,south,east,north (e.g. 40,34,41.5,35)") from None
    if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
        raise UsageError(f"--bbox {text!r}: need -180 <= west < east <= 180 and -85 <= south < north <= 85 (degrees)")
    return west, south, east, north


def _parse_choice(flag: str, text: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The comma-separated ids of ``text`` (all of ``allowed`` when None), each one allowed."""
    if text is None:
        return allowed
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in text.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in allowed]
    if unknown or not chosen:
        raise UsageError(f"{flag} {text!r}: unknown {', '.join(unknown) or 'empty list'}; "
                         f"choose from {', '.join(allowed)}")
    return chosen


def parse_factions(text: str | None) -> tuple[str, ...]:
    return _parse_choice("--factions", text, FACTIONS)


def parse_layers(text: str | None) -> tuple[str, ...]:
    return _parse_choice("--layers", text, LAYER_NAMES)


def bbox_around(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the square reaching radius_km from (lat, lon) each way."""
    reach = geodesic(kilometers=radius_km)
    return (reach.destination((lat, lon), bearing=270).longitude, reach.destination((lat, lon), bearing=180).latitude,
            reach.destination((lat, lon), bearing=90).longitude, reach.destination((lat, lon), bearing=0).latitude)


def place_bbox(name: str, radius_km: float):
    """(bbox around the gazetteer's place for ``name``, that ``Place``)."""
    # The gazetteer takes a moment to build, so it is loaded only when a place is asked for.
    from gazetteer import resolve, suggest

    place = resolve(name)
    if place is None:
        suggestions = suggest(name)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise UsageError(f"--place {name!r} is not in the gazetteer{hint}")
    return bbox_around(place.lat, place.lon, radius_km), place


def series_dates(first: date, last: date, step: timedelta) -> tuple[date, ...]:
    """first, first + step, ... up to last; last is always included so a series ends where asked."""
    dates = []
    day = first
    while day < last:
        dates.append(day)
        day += step
    dates.append(last)
    return tuple(dates)


def build_request(args, data) -> Request:
    """Check every argument against the data before anything is drawn."""
    if args.date and (args.first or args.last):
        raise UsageError("give either --date or --from/--to, not both")
    if args.date:
        dates, series = (parse_date(args.date),), False
    elif args.first and args.last:
        first, last = parse_date(args.first, "--from"), parse_date(args.last, "--to")
        if last < first:
            raise UsageError(f"--to {last} is before --from {first}")
        dates, series = series_dates(first, last, parse_every(args.every)), True
    else:
        raise UsageError("give --date YYYY-MM-DD, or --from and --to for a series")
    earliest = min((p.as_of for p in data.baseline), default=None)
    if earliest and dates[0] < earliest:
        raise UsageError(f"{dates[0]} is before the control baseline ({earliest}); the map starts there")

    fmt = args.format or _format_from_suffix(args.out, series)
    if fmt in ANIMATION_FORMATS and not series:
        raise UsageError(f"--format {fmt} needs a date range: --from, --to and --every")
    if len(dates) > 400:
        raise UsageError(f"{len(dates)} dates is too many for one export (max 400); use a larger --every")
    try:
        page_size_px(args.size)
    except SizeError as error:
        raise UsageError(str(error)) from None
    if not 0 < args.scale <= 8:
        raise UsageError(f"--scale {args.scale:g}: give a pixel ratio above 0 and at most 8")
    if not 1 <= args.window_days <= 365:
        raise UsageError(f"--window-days {args.window_days}: give 1 to 365")
    if args.frame_ms < 20:
        raise UsageError(f"--frame-ms {args.frame_ms}: give at least 20")

    if args.place and args.bbox:
        raise UsageError("give either --place or --bbox, not both")
    if args.radius_km is not None and not args.place:
        raise UsageError("--radius-km goes with --place")
    west, south, east, north = data.outline.bounds
    margin = 0.03 * max(east - west, north - south)
    view_extent = {"bbox": (west - margin, south - margin, east + margin, north + margin)}
    where, note = "Syria", None
    if args.bbox:
        view_extent["bbox"] = parse_bbox(args.bbox)
        where = "the area shown"
    elif args.place:
        radius_km = DEFAULT_RADIUS_KM if args.radius_km is None else args.radius_km
        if not 1 <= radius_km <= 2000:
            raise UsageError(f"--radius-km {radius_km:g}: give 1 to 2000 km")
        view_extent["bbox"], place = place_bbox(args.place, radius_km)
        where = f"{radius_km:g} km around {' '.join(args.place.split())}"
        note = f"--place {args.place!r}: {place.name} ({place.lat:.4f}, {place.lon:.4f}), {place.kind}"
    view = View(dates[0], factions=parse_factions(args.factions), layers=parse_layers(args.layers),
                window_days=args.window_days, **view_extent)
    title = args.title if args.title is not None else f"Who holds what: {where}"
    return Request(dates, view, fmt, args.out, series and fmt not in ANIMATION_FORMATS, args.size, args.scale,
                   title or None, args.caption, args.frame_ms, note)


def _format_from_suffix(out: Path, series: bool) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ALL_FORMATS:
        return suffix
    if suffix and not series:
        raise UsageError(f"cannot tell the format from {out.name!r}; add --format ({', '.join(ALL_FORMATS)})")
    return "png"


def run(request: Request, data) -> dict[Path, bytes]:
    """Every file of the export, made in memory: {path: bytes}."""
    def figure_of(day):
        view = request.view.replace(date=day)
        return snapshot_figure(compute(data, day), view, title=request.title, caption=request.caption,
                               size=request.size)

    if request.fmt in ANIMATION_FORMATS:
        animate = render_gif if request.fmt == "gif" else render_mp4
        return {request.out: animate([figure_of(d) for d in request.dates], scale=request.scale,
                                     frame_ms=request.frame_ms)}
    paths = [request.out / f"frontline-{day.isoformat()}.{request.fmt}" if request.series else request.out
             for day in request.dates]
    if request.fmt in DATA_FORMATS:
        payloads = [export_data(compute(data, day), request.view.replace(date=day), request.fmt)
                    for day in request.dates]
    elif request.fmt == "html":
        payloads = [render(figure_of(day), "html") for day in request.dates]
    else:
        payloads = render_many([figure_of(day) for day in request.dates], request.fmt, scale=request.scale)
    return dict(zip(paths, payloads))


def write_files(files: dict[Path, bytes]) -> None:
    """Write each file beside its destination first, then move them all into place."""
    staged = []
    try:
        for path, payload in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.partial")
            temporary.write_bytes(payload)
            staged.append((temporary, path))
        for temporary, path in staged:
            temporary.replace(path)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = map_data(args.events, args.db)
        request = build_request(args, data)
        if request.note:
            print(request.note, file=sys.stderr)
        if request.series and request.out.exists() and not request.out.is_dir():
            raise UsageError(f"--out {request.out} is a file; a series needs a folder")
        files = run(request, data)
        write_files(files)
    except (UsageError, ValueError, DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (RenderError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    total_kb = sum(len(b) for b in files.values()) / 1024
    where = request.out if len(files) == 1 else f"{request.out}/ ({len(files)} files)"
    print(f"wrote {where}, {total_kb:,.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
