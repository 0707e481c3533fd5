"""The opt-in online fallback: Nominatim (OpenStreetMap) through geopy, cached for review.

Off unless ``settings.ONLINE_GEOCODER`` ($FRONTLINE_ONLINE=1) is set or ``online=True`` is
passed to ``resolve``; never used by the tests. Each answer is appended to
``data/gazetteer/nominatim_cache.csv`` (source ``nominatim``), a plain CSV a reviewer can
read, correct or delete rows from; the offline gazetteer loads it like any other source, so a
name is asked online at most once. A network or service failure raises
``GeocoderUnavailable``; "no such place" is an ordinary ``None``.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

from gazetteer.place import Place
from gazetteer.sources import Entry

CACHE_COLUMNS = ["id", "name", "aliases", "lat", "lon", "kind", "governorate", "country",
                 "uncertainty_km", "source", "query", "osm_display_name"]
# Countries whose places a report on this war may name (ISO 3166-1 alpha-2).
COUNTRY_CODES = ["sy", "iq", "jo", "lb", "tr"]
_KIND_OF_OSM_TYPE = {
    "city": "city", "town": "town", "village": "village", "hamlet": "village",
    "suburb": "district", "neighbourhood": "district", "quarter": "district",
    "state": "governorate", "region": "region", "river": "river", "peak": "hill",
    "hill": "hill", "ridge": "hill", "dam": "site", "aerodrome": "site", "military": "site",
    "island": "area", "islet": "area", "locality": "area",
}


class GeocoderUnavailable(RuntimeError):
    """The online geocoder could not be reached or refused to answer."""


def _uncertainty_km(bounding_box: list | None) -> float:
    """Half the diagonal of Nominatim's bounding box [south, north, west, east], at least 1 km."""
    try:
        south, north, west, east = (float(v) for v in bounding_box)
    except (TypeError, ValueError):
        return 5.0
    mid_lat = math.radians((south + north) / 2)
    dx = (east - west) * 111.32 * math.cos(mid_lat)
    dy = (north - south) * 110.57
    return round(max(1.0, math.hypot(dx, dy) / 2), 1)


class OnlineGeocoder:
    """Nominatim lookups restricted to Syria and its neighbours, cached in a CSV file.

    ``geocoder`` is any object with geopy's ``geocode(query, **kwargs)``; by default a
    ``geopy.geocoders.Nominatim`` with this project's user agent.
    """

    def __init__(self, cache_path: Path, geocoder=None, user_agent: str = "frontline-map-gazetteer",
                 timeout_s: float = 10.0) -> None:
        self.cache_path = Path(cache_path)
        if geocoder is None:
            from geopy.geocoders import Nominatim
            geocoder = Nominatim(user_agent=user_agent, timeout=timeout_s)
        self.geocoder = geocoder

    def lookup(self, name: str) -> Entry | None:
        from geopy.exc import GeopyError
        try:
            location = self.geocoder.geocode(name, exactly_one=True, addressdetails=True,
                                             country_codes=COUNTRY_CODES, language="en")
        except GeopyError as error:
            raise GeocoderUnavailable(f"Nominatim failed for {name!r}: {error}") from error
        if location is None:
            return None
        raw = getattr(location, "raw", {}) or {}
        address = raw.get("address", {})
        osm_id = f"{raw.get('osm_type', 'x')[:1]}{raw.get('osm_id', '')}"
        kind = _KIND_OF_OSM_TYPE.get(raw.get("type", ""), _KIND_OF_OSM_TYPE.get(raw.get("addresstype", ""), "area"))
        row = {
            "id": f"nm:{osm_id}", "name": name, "aliases": "", "lat": f"{location.latitude:.5f}",
            "lon": f"{location.longitude:.5f}", "kind": kind,
            "governorate": "", "country": (address.get("country_code") or "").upper(),
            "uncertainty_km": str(_uncertainty_km(raw.get("boundingbox"))), "source": "nominatim",
            "query": name, "osm_display_name": raw.get("display_name", location.address or ""),
        }
        self._append(row)
        return Entry(id=row["id"], name=name, aliases=(), lat=location.latitude, lon=location.longitude,
                     kind=kind, governorate=None, country=row["country"] or "SY", population=0,
                     uncertainty_km=float(row["uncertainty_km"]), source="nominatim", raw=row)

    def geocode(self, name: str) -> Place | None:
        entry = self.lookup(name)
        return entry.to_place(0.7) if entry else None

    def _append(self, row: dict[str, str]) -> None:
        new = not self.cache_path.exists() or self.cache_path.stat().st_size == 0
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.cache_path, "a", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=CACHE_COLUMNS)
            if new:
                writer.writeheader()
            writer.writerow(row)
