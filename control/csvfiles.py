"""Reading the plain-text data files: CSV rows with their line numbers, checked coordinates."""
from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Sequence


class DataError(ValueError):
    """A data file is missing a column or holds a value that cannot be read."""


def read_csv(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
            return [(reader.line_num, row) for row in reader]
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error}") from None


def coordinate(row: dict[str, str], where: str) -> tuple[float, float]:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError):
        raise DataError(f"{where}: lat/lon {row.get('lat')!r}, {row.get('lon')!r} are not numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataError(f"{where}: lat/lon {lat}, {lon} out of range")
    return lat, lon
