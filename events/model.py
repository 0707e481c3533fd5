"""The event record: one dated, sourced statement of who did what where."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from events.vocabulary import ACTIONS, CERTAINTIES, CONTROL_ACTIONS, DATE_PRECISIONS, FACTIONS

# Field order of the ``python -m events extract --json`` contract.
JSON_FIELDS = (
    "doc", "date_start", "date_end", "date_precision", "action", "actor", "target",
    "place", "lat", "lon", "uncertainty_km", "unit", "certainty", "start", "end", "confidence",
)


@dataclass(frozen=True)
class Event:
    """An event found in a document.

    ``start``/``end`` are character offsets of the stating sentence in the document
    text; ``lat``/``lon`` are WGS84 degrees (None when the place did not resolve).
    ``status`` is the analyst's review decision: pending, accepted, rejected, corrected.
    """

    id: str
    doc: str
    date_start: date
    date_end: date
    date_precision: str
    action: str
    actor: str
    target: str | None
    place: str
    lat: float | None
    lon: float | None
    uncertainty_km: float | None
    unit: str | None
    certainty: str
    start: int
    end: int
    confidence: float
    place_id: str | None = None
    status: str = "pending"

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")
        if self.actor not in FACTIONS:
            raise ValueError(f"unknown actor {self.actor!r}")
        if self.target is not None and self.target not in FACTIONS:
            raise ValueError(f"unknown target {self.target!r}")
        if self.certainty not in CERTAINTIES:
            raise ValueError(f"unknown certainty {self.certainty!r}")
        if self.date_precision not in DATE_PRECISIONS:
            raise ValueError(f"unknown date precision {self.date_precision!r}")
        if self.date_end < self.date_start:
            raise ValueError(f"date_end {self.date_end} before date_start {self.date_start}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must both be set or both be None")
        if self.lat is not None and not (math.isfinite(self.lat) and math.isfinite(self.lon)):
            raise ValueError("non-finite coordinate")

    @property
    def changes_control(self) -> bool:
        return self.action in CONTROL_ACTIONS and self.certainty != "denied"

    def with_changes(self, **changes: Any) -> "Event":
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The ``events extract --json`` object: dates as YYYY-MM-DD, contract field order."""
        row = asdict(self)
        row["date_start"] = self.date_start.isoformat()
        row["date_end"] = self.date_end.isoformat()
        return {key: row[key] for key in JSON_FIELDS}
