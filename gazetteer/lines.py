"""Borders, rivers and motorways are lines: a mention of one means the stretch near the text's places.

"The Euphrates" in a paragraph about Raqqa is the river at Raqqa, and "the Syrian-Iraqi
border" reached from al-Tanf is the border north-east of al-Tanf, not the 600 km line's
midpoint. Borders no gazetteer row names ("the Turkish border", "the border with Lebanon")
are made from the base map. For a mention of a whole river or border (a gazetteer row with a wide radius
whose line is known) the point becomes the nearest point of the line to a neighbouring place:
the last place named before it in the same sentence, else one named right after it ("the
border near al-Tanf"), else the last place named in the 600 characters before. A bare "border" ("the Syrian border") means the border last mentioned.

Lines come from the base map (``data/basemap``): named Natural Earth rivers, and each
border as the stretches of Syria's outline that a neighbour's outline shares; motorways ("the
M5") from ``data/gazetteer/roads.geojson``, by the id of their row. The files are in
GeoJSON's (lon, lat); everything this module returns is (lat, lon).
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import settings
from gazetteer.context import approx_km
from gazetteer.normalize import fold
from gazetteer.place import Mention, Place

_DEFAULT_BASEMAP = str(settings.DATA_DIR / "basemap")
WHOLE_LINE_KM = 100.0  # rows at least this wide stand for a whole river or border
MAX_NEIGHBOUR_KM = 150.0  # farther from the line, a place says nothing about which stretch
_POINT_KINDS = frozenset({"city", "town", "village", "district", "site", "hill", "area"})
_NEIGHBOURS = {
    "iraq": "Iraq", "iraqi": "Iraq", "jordan": "Jordan", "jordanian": "Jordan",
    "turkey": "Turkey", "turkish": "Turkey", "lebanon": "Lebanon", "lebanese": "Lebanon",
    "israel": "Israel", "israeli": "Israel", "golan": "Israel",
}
_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
_LOOKBACK_CHARS = 600
_FOLLOWING_CHARS = 30  # "the border near al-Tanf"


class Polyline:
    """A line as parts of (lon, lat) vertices, GeoJSON's order. Nearest points are found in a
    plane where a degree of longitude is shortened by the cosine of the latitude, which at
    Syria's latitudes is within a few hundred metres of the geodesic answer: plain Python,
    so a report naming a river does not load shapely."""

    def __init__(self, parts: list[list[tuple[float, float]]]) -> None:
        self.parts = [p for p in parts if len(p) >= 2]
        self._nearest: dict[tuple[float, float], tuple[float, float]] = {}
        self._runs_made: list[tuple[list[tuple[float, float]], tuple[float, float, float, float]]] | None = None

    def nearest(self, lat: float, lon: float) -> tuple[float, float]:
        """(lat, lon) of the point of the line nearest (lat, lon) (remembered)."""
        found = self._nearest.get((lat, lon))
        if found is None:
            if len(self._nearest) > 10_000:
                self._nearest.clear()
            found = self._nearest[lat, lon] = self._find_nearest(lat, lon)
        return found

    def _find_nearest(self, lat: float, lon: float) -> tuple[float, float]:
        # Runs of segments in bounding boxes: the segments of the box nearest the point bound the
        # least distance, and a box farther than that bound is skipped. The others are scanned in
        # the line's order with the same arithmetic, so the answer is the one a scan of every
        # segment gives (the first segment at the least distance), only sooner.
        scale = math.cos(math.radians(lat))
        runs = self._runs()
        floors = [_box_floor(box, lat, lon, scale) for _, box in runs]
        nearest_box = min(range(len(runs)), key=floors.__getitem__, default=None)
        if nearest_box is None:
            return (lat, lon)
        bound = _scan(runs[nearest_box][0], lat, lon, scale, (lat, lon), math.inf)[1]
        bound = bound * (1 + 1e-9) + 1e-18  # room for rounding between a box's floor and its segments
        best, best_d = (lat, lon), math.inf
        for (points, _), floor in zip(runs, floors):
            if floor <= bound:
                best, best_d = _scan(points, lat, lon, scale, best, best_d)
        return best

    def _runs(self) -> list[tuple[list[tuple[float, float]], tuple[float, float, float, float]]]:
        """The line's segments in runs of ``_RUN_SEGMENTS`` (vertices, and their bounding box
        min lon, max lon, min lat, max lat), in the line's order; made on first use."""
        runs = self._runs_made
        if runs is None:
            runs = []
            for part in self.parts:
                for k in range(0, len(part) - 1, _RUN_SEGMENTS):
                    points = part[k:k + _RUN_SEGMENTS + 1]
                    xs, ys = [x for x, _ in points], [y for _, y in points]
                    runs.append((points, (min(xs), max(xs), min(ys), max(ys))))
            self._runs_made = runs
        return runs

    def length_km(self) -> float:
        return sum(approx_km(a[1], a[0], b[1], b[0]) for part in self.parts for a, b in zip(part, part[1:]))

    def middle(self) -> tuple[float, float]:
        """(lat, lon) of the point of the line nearest its centroid (the average of its
        segments' midpoints, weighted by their lengths)."""
        total = lat = lon = 0.0
        for part in self.parts:
            for a, b in zip(part, part[1:]):
                weight = approx_km(a[1], a[0], b[1], b[0])
                total += weight
                lat += weight * (a[1] + b[1]) / 2
                lon += weight * (a[0] + b[0]) / 2
        return self.nearest(lat / total, lon / total) if total else (self.parts[0][0][1], self.parts[0][0][0])


_RUN_SEGMENTS = 8


def _box_floor(box: tuple[float, float, float, float], lat: float, lon: float, scale: float) -> float:
    """The least squared distance (in ``Polyline``'s plane) from (lat, lon) to a point of ``box``."""
    min_x, max_x, min_y, max_y = box
    dx = (min_x - lon if lon < min_x else lon - max_x if lon > max_x else 0.0) * scale
    dy = min_y - lat if lat < min_y else lat - max_y if lat > max_y else 0.0
    return dx * dx + dy * dy


def _scan(points: list[tuple[float, float]], lat: float, lon: float, scale: float,
          best: tuple[float, float], best_d: float) -> tuple[tuple[float, float], float]:
    """(best, best_d) after the segments between ``points``: the nearest point so far, (lat, lon),
    and its squared distance; a segment replaces it only if strictly nearer."""
    (x1, y1) = points[0]
    for x2, y2 in points[1:]:
        dx, dy = (x2 - x1) * scale, y2 - y1
        length2 = dx * dx + dy * dy
        t = (((lon - x1) * scale) * dx + (lat - y1) * dy) / length2 if length2 else 0.0
        t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
        px, py = x1 + (x2 - x1) * t, y1 + dy * t
        d = ((lon - px) * scale) ** 2 + (lat - py) ** 2
        if d < best_d:
            best, best_d = (py, px), d
        x1, y1 = x2, y2
    return best, best_d


def _parts(geometry: dict) -> list[list[tuple[float, float]]]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "LineString":
        coordinates = [coordinates]
    return [[(x, y) for x, y, *_ in part] for part in coordinates]


def _shared_stretches(outline: list[tuple[float, float]], vertices: set) -> list[list[tuple[float, float]]]:
    """The stretches of a closed ring whose vertices are all in ``vertices``: a border Syria
    shares with a neighbour (one source draws both outlines, so shared borders share
    vertices)."""
    ring = outline[:-1] if outline[0] == outline[-1] else outline
    shared = [v in vertices for v in ring]
    if all(shared):
        return [outline]
    start = shared.index(False)  # walk the ring from a vertex off the border
    stretches, current = [], []
    for k in range(1, len(ring) + 1):
        vertex = ring[(start + k) % len(ring)]
        if shared[(start + k) % len(ring)]:
            current.append(vertex)
        elif current:
            stretches.append(current)
            current = []
    return [s for s in stretches if len(s) >= 2]


@lru_cache(maxsize=1)
def _geometry(basemap_dir: str) -> dict[str, Polyline]:
    """Named lines: "river:<name>", "border:<Neighbour>", "border:all", "road:<row id>"."""
    folder = Path(basemap_dir)
    out: dict[str, Polyline] = {}
    try:
        rivers = json.loads((folder / "rivers.geojson").read_text(encoding="utf-8"))
        for feature in rivers["features"]:
            out[f"river:{fold(feature['properties']['name'])}"] = Polyline(_parts(feature["geometry"]))
        syria = json.loads((folder / "syria.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"]
        neighbours = json.loads((folder / "neighbours.geojson").read_text(encoding="utf-8"))
    except (OSError, KeyError, IndexError, ValueError):
        return out
    try:  # the motorways (``data/gazetteer/roads.geojson``, built by its script), by row id
        roads = json.loads((folder.parent / "gazetteer" / "roads.geojson").read_text(encoding="utf-8"))
        for feature in roads["features"]:
            out[f"road:{feature['properties']['id']}"] = Polyline(_parts(feature["geometry"]))
    except (OSError, KeyError, ValueError):
        pass
    polygons = syria["coordinates"] if syria["type"] == "MultiPolygon" else [syria["coordinates"]]
    rings = [[(x, y) for x, y, *_ in ring] for polygon in polygons for ring in polygon]
    out["border:all"] = Polyline(rings)
    for feature in neighbours["features"]:
        name = feature["properties"].get("name")
        if name in _NEIGHBOURS.values():
            geometry = feature["geometry"]
            theirs = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            vertices = {(x, y) for polygon in theirs for ring in polygon for x, y, *_ in ring}
            stretches = [s for ring in rings for s in _shared_stretches(ring, vertices)]
            if stretches:
                out[f"border:{name}"] = Polyline(stretches)
    return out


def road_lines(basemap_dir: Path | None = None) -> dict[str, Polyline]:
    """The motorways' lines by their gazetteer row id."""
    geometry = _geometry(str(basemap_dir) if basemap_dir else _DEFAULT_BASEMAP)
    return {key.removeprefix("road:"): line for key, line in geometry.items() if key.startswith("road:")}


def km_from_syria(lat: float, lon: float, basemap_dir: Path | None = None) -> float:
    """Distance (km) from (lat, lon) to Syria's outline (0 without the basemap)."""
    outline = _geometry(str(basemap_dir) if basemap_dir else _DEFAULT_BASEMAP).get("border:all")
    if outline is None:
        return 0.0
    return approx_km(lat, lon, *outline.nearest(lat, lon))


def line_of(place: Place, basemap_dir: Path | None = None) -> Polyline | None:
    """The line a place row stands for, or None (segments and other places have none)."""
    if place.uncertainty_km < WHOLE_LINE_KM or place.source.startswith("relative:"):
        return None
    geometry = _geometry(str(basemap_dir) if basemap_dir else _DEFAULT_BASEMAP)
    road = geometry.get(f"road:{place.id}") if place.id else None
    if road is not None:
        return road
    words = fold(place.name).split()
    if place.kind != "river" and "border" not in words:
        return None
    if place.kind == "river":
        for word in words:
            if f"river:{word}" in geometry:
                return geometry[f"river:{word}"]
        return None
    for word in words:
        if word in _NEIGHBOURS and f"border:{_NEIGHBOURS[word]}" in geometry:
            return geometry[f"border:{_NEIGHBOURS[word]}"]
    if "syria" in words:
        return geometry.get("border:all")
    return None


def nearest_on_line(line: Polyline, lat: float, lon: float) -> tuple[float, float]:
    return line.nearest(lat, lon)


def near_context(place: Place, context) -> Place:
    """A whole river or border placed at its point nearest the document's main place.

    The main place is the one the document names most often among those within 50 km of
    the line (ties: the nearer to the line); without one the place is returned unchanged.
    """
    line = line_of(place)
    if line is None or not context.points:
        return place
    best = None
    for (lat, lon), count in context.point_counts().items():
        on_lat, on_lon = nearest_on_line(line, lat, lon)
        gap_km = approx_km(lat, lon, on_lat, on_lon)
        if gap_km <= 50 and (best is None or (count, -gap_km) > best[0]):
            best = ((count, -gap_km), on_lat, on_lon, gap_km)
    if best is None:
        return place
    _, lat, lon, gap_km = best
    return replace(place, lat=round(lat, 5), lon=round(lon, 5),
                   uncertainty_km=round(min(place.uncertainty_km, 30.0 + gap_km), 1),
                   source=f"{place.source} + nearest point of the line")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    right_match = _SENTENCE_END_RE.search(text, end, end + 400)
    return left, right_match.start() if right_match else min(len(text), end + 400)


def _neighbour(mentions: list[Mention], position: int, text: str, points: list[Mention],
               starts: list[int]) -> Place | None:
    """The place that says which stretch of a line mention ``position`` means; ``points``
    are the mentions of point-like places in text order, ``starts`` their offsets."""
    me = mentions[position]
    left, right = _sentence_bounds(text, me.start, me.end)
    lo = bisect.bisect_left(starts, me.start - _LOOKBACK_CHARS)
    hi = bisect.bisect_right(starts, me.end + _FOLLOWING_CHARS)
    usable = [m for m in points[lo:hi] if m is not me]
    # Of a relative phrase and its anchor (same end), the phrase's point.
    closest_before = lambda ms: max(ms, key=lambda m: (m.end, -m.start)).place  # noqa: E731
    before = [m for m in usable if max(left, me.start - _LOOKBACK_CHARS) <= m.start and m.end <= me.start]
    if before:
        return closest_before(before)
    after = [m for m in usable if me.end <= m.start <= me.end + _FOLLOWING_CHARS and m.end <= right]
    if after:
        return min(after, key=lambda m: (m.start, -m.end)).place
    before = [m for m in usable if me.start - _LOOKBACK_CHARS <= m.start and m.end <= me.start]
    return closest_before(before) if before else None


_BARE_BORDER_WORDS = frozenset({"the", "syrian", "syria", "s", "border", "borders", "frontier"})


def is_bare_border(written: str) -> bool:
    words = fold(written).split()
    return "border" in words and set(words) <= _BARE_BORDER_WORDS


# Stands for "the Syrian border" until the text says which stretch; never returned as is.
SYRIA_BORDER = Place(name="Syria border", lat=35.0, lon=38.5, kind="area", governorate=None,
                      source="basemap", uncertainty_km=450.0, score=0.7)
_BARE_BORDER_RE = re.compile(r"\b(?:Syrian|Syria['’]s)\s+borders?\b")


_COUNTRY = r"(?:Turk(?:ish|ey)|Leban(?:ese|on)|Iraq(?:i)?|Jordan(?:ian)?|Israel(?:i)?)"
_WHOSE = rf"(?:(?:Syria(?:n)?[-–/ ]{_COUNTRY})|(?:{_COUNTRY}[-–/ ]Syria(?:n)?)|{_COUNTRY})"
# A border with a neighbour, in the forms no gazetteer row may hold: "the Turkish border",
# "the Syria-Turkey border", "the border with Lebanon".
_NAMED_BORDER_RE = re.compile(rf"\b(?:{_WHOSE}[ \u00a0]+borders?|borders?[ \u00a0]+with[ \u00a0]+{_COUNTRY})\b(?![-–])")
_NEIGHBOUR_OF_WORD = [(re.compile(rf"\b{word}", re.IGNORECASE), name) for word, name in (
    ("turk", "Turkey"), ("leban", "Lebanon"), ("iraq", "Iraq"), ("jordan", "Jordan"), ("israel", "Israel"))]


@lru_cache(maxsize=8)
def _border_place(neighbour: str, basemap_dir: str) -> Place | None:
    """The whole border with ``neighbour`` as a place: a middle point, half its length as radius."""
    line = _geometry(basemap_dir).get(f"border:{neighbour}")
    if line is None:
        return None
    middle_lat, middle_lon = line.middle()
    return Place(name=f"Syria-{neighbour} border", lat=round(middle_lat, 5), lon=round(middle_lon, 5),
                 kind="area", governorate=None, source="basemap (Natural Earth outline)",
                 uncertainty_km=round(max(WHOLE_LINE_KM, line.length_km() / 2), 1), score=0.9)


def _unnamed_borders(text: str, mentions: list[Mention]) -> list[Mention]:
    """Borders the gazetteer has no row for, as mentions to be placed: "the Syrian border",
    "the Turkish border", "the border with Lebanon"."""
    out = []
    if "order" not in text:
        return out
    found = [(m, None) for m in _BARE_BORDER_RE.finditer(text)]
    found += [(m, _neighbour_named(m.group())) for m in _NAMED_BORDER_RE.finditer(text)]
    taken = Spans(mentions)
    last_end = -1
    for match, neighbour in sorted(found, key=lambda f: f[0].start()):
        if match.start() < last_end or taken.overlaps(match.start(), match.end()):
            continue
        place = SYRIA_BORDER if neighbour is None else _border_place(neighbour, _DEFAULT_BASEMAP)
        if place is not None:
            out.append(Mention(match.start(), match.end(), match.group(), place))
            last_end = match.end()
    return out


class Spans:
    """The character spans of some mentions, asked whether a span overlaps any of them in
    O(log n): sorted starts and the running maximum of the ends (so a long text with many
    mentions stays linear)."""

    def __init__(self, mentions) -> None:
        ordered = sorted((m.start, m.end) for m in mentions)
        self.starts = [s for s, _ in ordered]
        self.max_end = []
        running = -1
        for _, end in ordered:
            running = max(running, end)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return k > 0 and self.max_end[k - 1] > start


def _neighbour_named(written: str) -> str | None:
    for pattern, name in _NEIGHBOUR_OF_WORD:
        if pattern.search(written):
            return name
    return None


def _display_name(place: Place) -> str:
    anchor = (place.raw or {}).get("anchor") if place.source.startswith("relative:") else None
    return anchor["name"] if anchor else place.name


def apply(gazetteer, text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of whole rivers and borders moved to the stretch their neighbours imply."""
    out: list[Mention] = []
    last_border: Place | None = None
    mentions = sorted(mentions + _unnamed_borders(text, mentions), key=lambda m: (m.start, -m.end))
    points = [m for m in mentions if m.place.kind in _POINT_KINDS and m.place.uncertainty_km <= 50]
    starts = [m.start for m in points]
    for position, mention in enumerate(mentions):
        place = mention.place
        if is_bare_border(mention.text) and last_border is not None:
            place = replace(last_border, score=min(place.score, last_border.score))
        else:
            line = line_of(place)
            neighbour = _neighbour(mentions, position, text, points, starts) if line is not None else None
            if neighbour is not None:
                lat, lon = nearest_on_line(line, neighbour.lat, neighbour.lon)
                gap_km = approx_km(lat, lon, neighbour.lat, neighbour.lon)
                if gap_km <= MAX_NEIGHBOUR_KM:
                    place = replace(
                        place, name=f"{place.name} (near {_display_name(neighbour)})", lat=round(lat, 5),
                        lon=round(lon, 5), uncertainty_km=round(min(place.uncertainty_km, 20.0 + gap_km / 2), 1),
                        source=f"{place.source} + nearest point of the line",
                    )
        if place is SYRIA_BORDER:
            continue
        if "border" in fold(place.name).split():
            last_border = place
        out.append(mention if place is mention.place else Mention(mention.start, mention.end, mention.text, place))
    return out
