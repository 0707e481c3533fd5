"""An analyst's corrections of places: a reviewable data file the gazetteer loads first.

``data/gazetteer/corrections.csv`` holds one row per corrected name, in the gazetteer's CSV
format (see ``data/gazetteer/README.md``): the name as reports write it, the corrected point,
its uncertainty, kind and governorate, who corrected it and why. The gazetteer reads it before
every other source (``sources.default_sources``), so a corrected name resolves to the corrected
point from then on, ahead of any homonym, and an inferred place the analyst placed is known.

    >>> from gazetteer import corrections
    >>> corrections.write("Tal Abu Qul", 34.72, 38.61, uncertainty_km=2, note="checked on imagery")
    Correction(name='Tal Abu Qul', ...)
    >>> [c.name for c in corrections.load()]
    ['Tal Abu Qul']

- ``load(path=None) -> list[Correction]``: the corrections, in file order;
- ``write(name, lat, lon, ...) -> Correction``: add a correction, or replace the one for the
  same name (names compare folded); the file stays sorted by name. The shared gazetteer
  (``gazetteer.default()``) is updated in place so the correction applies at once;
- ``remove(name, path=None) -> bool``: drop a correction.

Values are checked (finite coordinates in range, a known kind, a non-negative uncertainty): a bad
correction raises ``ValueError`` and the file is left as it was.
"""
from __future__ import annotations

import csv
import math
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import settings
from gazetteer.normalize import fold
from gazetteer.place import KINDS

COLUMNS = ["id", "name", "aliases", "lat", "lon", "kind", "governorate", "uncertainty_km", "source",
           "corrected_by", "corrected_on", "note"]


def default_path() -> Path:
    return settings.DATA_DIR / "gazetteer" / "corrections.csv"


@dataclass(frozen=True)
class Correction:
    """One corrected place; (lat, lon) in WGS84 degrees."""

    name: str
    lat: float
    lon: float
    uncertainty_km: float = 2.0
    kind: str = "village"
    governorate: str = ""
    aliases: tuple[str, ...] = ()
    corrected_by: str = "analyst"
    corrected_on: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        return "co:" + "-".join(fold(self.name).split())

    def row(self) -> dict:
        out = asdict(self)
        out.update(id=self.id, aliases="|".join(self.aliases), lat=f"{self.lat:.5f}", lon=f"{self.lon:.5f}",
                   uncertainty_km=f"{self.uncertainty_km:g}",
                   source=f"analyst correction ({self.corrected_by}, {self.corrected_on})")
        return out


def _checked(correction: Correction) -> Correction:
    if not correction.name.strip():
        raise ValueError("a correction needs a name")
    if not (math.isfinite(correction.lat) and math.isfinite(correction.lon)
            and -90 <= correction.lat <= 90 and -180 <= correction.lon <= 180):
        raise ValueError(f"impossible coordinate for {correction.name!r}: {correction.lat}, {correction.lon}")
    if correction.kind not in KINDS:
        raise ValueError(f"unknown kind {correction.kind!r} (one of {', '.join(KINDS)})")
    if not (math.isfinite(correction.uncertainty_km) and correction.uncertainty_km >= 0):
        raise ValueError(f"uncertainty must be a distance in km, got {correction.uncertainty_km!r}")
    return correction


def load(path: Path | None = None) -> list[Correction]:
    """The corrections in ``path`` (default ``data/gazetteer/corrections.csv``); none if absent."""
    path = Path(path or default_path())
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for row in rows:
        out.append(Correction(
            name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
            uncertainty_km=float(row.get("uncertainty_km") or 2.0), kind=row.get("kind") or "village",
            governorate=row.get("governorate") or "",
            aliases=tuple(a for a in (row.get("aliases") or "").split("|") if a),
            corrected_by=row.get("corrected_by") or "", corrected_on=row.get("corrected_on") or "",
            note=row.get("note") or "",
        ))
    return out


def _save(corrections: list[Correction], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(corrections, key=lambda c: fold(c.name))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".corrections-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for correction in ordered:
                writer.writerow(correction.row())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write(name: str, lat: float, lon: float, *, uncertainty_km: float = 2.0, kind: str = "village",
          governorate: str = "", aliases: tuple[str, ...] = (), corrected_by: str = "analyst",
          note: str = "", path: Path | None = None, gazetteer=None) -> Correction:
    """Record the corrected place for ``name`` (replacing an earlier correction of it) and
    make ``gazetteer`` (default: the shared one, if built) resolve it so at once."""
    correction = _checked(Correction(
        name=name.strip(), lat=float(lat), lon=float(lon), uncertainty_km=float(uncertainty_km), kind=kind,
        governorate=governorate, aliases=tuple(aliases), corrected_by=corrected_by,
        corrected_on=date.today().isoformat(), note=note))
    path = Path(path or default_path())
    kept = [c for c in load(path) if fold(c.name) != fold(correction.name)]
    _save(kept + [correction], path)
    _apply(correction, gazetteer, path)
    return correction


def remove(name: str, path: Path | None = None) -> bool:
    """Drop the correction of ``name``; whether there was one. Takes effect at the next start."""
    path = Path(path or default_path())
    corrections = load(path)
    kept = [c for c in corrections if fold(c.name) != fold(name)]
    if len(kept) == len(corrections):
        return False
    _save(kept, path)
    return True


def _apply(correction: Correction, gazetteer, path: Path) -> None:
    from gazetteer.resolver import Gazetteer
    from gazetteer.sources import CsvSource
    if gazetteer is None:
        if path != default_path() or Gazetteer.default.cache_info().currsize == 0:
            return
        gazetteer = Gazetteer.default()
    entry = CsvSource(path, "correction").entry_of(correction.row())
    if entry is not None:
        gazetteer.add(entry)
