"""What the user is looking at: the date, the filters, the layers shown and the map extent."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from events.vocabulary import ACTIONS, CERTAINTIES, FACTIONS

LAYER_NAMES = ("base", "territory", "front_lines", "advances", "events", "labels")
DEFAULT_CERTAINTIES = ("stated", "reported", "claimed")   # denied reports hidden unless asked for
SYRIA_CENTER = (35.0, 38.5)                               # (lat, lon)
SYRIA_ZOOM = 5.6


@dataclass(frozen=True)
class View:
    """A map view. ``center`` is (lat, lon) in degrees; ``bbox`` is (west, south, east, north)
    in degrees and, when set, wins over ``center``/``zoom``. ``window_days`` is how far back
    from ``date`` events and advances are shown (the window is (date - window_days, date]).
    ``fade_days``: ground whose last evidence is older than this many days is drawn faint
    (None, the default: no fading)."""

    date: date
    factions: tuple[str, ...] = FACTIONS
    layers: tuple[str, ...] = LAYER_NAMES
    window_days: int = 7
    certainties: tuple[str, ...] = DEFAULT_CERTAINTIES
    actions: tuple[str, ...] = ACTIONS
    center: tuple[float, float] = SYRIA_CENTER
    zoom: float = SYRIA_ZOOM
    bbox: tuple[float, float, float, float] | None = None
    fade_days: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.date, date):
            raise TypeError(f"View.date must be a datetime.date, got {self.date!r}")
        _check_subset("faction", self.factions, FACTIONS)
        _check_subset("layer", self.layers, LAYER_NAMES)
        _check_subset("certainty", self.certainties, CERTAINTIES)
        _check_subset("action", self.actions, ACTIONS)
        if not (isinstance(self.window_days, int) and self.window_days >= 1):
            raise ValueError(f"window_days must be a whole number of days >= 1, got {self.window_days!r}")
        if self.fade_days is not None and not (isinstance(self.fade_days, int) and self.fade_days >= 1):
            raise ValueError(f"fade_days must be None or a whole number of days >= 1, got {self.fade_days!r}")
        lat, lon = self.center
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"center must be (lat, lon) in degrees, got {self.center!r}")
        if not (0 <= self.zoom <= 22):
            raise ValueError(f"zoom must lie in 0..22, got {self.zoom!r}")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (all(map(math.isfinite, self.bbox)) and west < east and south < north):
                raise ValueError(f"bbox must be (west, south, east, north) degrees, got {self.bbox!r}")

    def replace(self, **changes) -> "View":
        return replace(self, **changes)

    @property
    def window_start(self) -> date:
        """The first day of the event window (inclusive)."""
        return date.fromordinal(self.date.toordinal() - self.window_days + 1)


def _check_subset(what: str, values: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {what} {unknown!r}; expected some of {', '.join(allowed)}")
