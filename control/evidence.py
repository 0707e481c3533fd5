"""Evidence: what last set a point's state, and how old it is.

Every point's state carries its evidence: its *kind* (``KINDS``), its *day* and the event
behind it (none for the baseline). The newest evidence about a point is its state; before the
first evidence about a place nothing is known of it, and the map says so.

- ``baseline``: the baseline row (``data/control/baseline.csv``), dated its ``as_of``;
- ``event``: a report about the place itself (a capture, a withdrawal, a repelled attack, a
  siege), dated the event's end;
- ``sweep``: ground passed by an advance (``control.sweep``), dated the capture that swept it;
- ``area``: ground inside an area a report says was taken (``control.areas``);
- ``pocket``: ground of a pocket that fell to its encircler (``control.pockets``), dated the
  fall.
"""
from __future__ import annotations

from datetime import date

KINDS = ("baseline", "event", "sweep", "area", "pocket")
BASELINE, EVENT, SWEEP, AREA, POCKET = range(len(KINDS))
NONE = -1   # no evidence: nothing known

_WHY = {BASELINE: "baseline", EVENT: "reported there", SWEEP: "swept by an advance",
        AREA: "area statement", POCKET: "pocket fell"}


def kind_name(kind: int) -> str | None:
    return KINDS[kind] if kind >= 0 else None


def describe(faction_name: str | None, kind: int, day: date | None, doc: str | None = None) -> str:
    """A hover line: "held by ISIL — last reported 1 May 2017 (baseline)"."""
    if kind < 0 or day is None:
        return "no knowledge: no report or baseline says who holds this ground yet"
    who = f"held by {faction_name}" if faction_name else "holder unknown"
    why = _WHY[kind] + (f", {doc}" if doc and kind != BASELINE else "")
    return f"{who} — last reported {day.day} {day:%B %Y} ({why})"
