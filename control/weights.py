"""How much an event is believed: one weight in 0..1 that every rule compares with its own bar.

Reports are read by a machine, so events come with noise: a capture that was an intention, a
destination read as an origin, a year guessed wrong, a village resolved to its namesake. The
rules do not trust every event alike:

- **weight** = the reader's ``confidence`` × ``CERTAINTY_WEIGHT[certainty]`` (a denied report
  weighs nothing, a one-side claim 0.6 of a statement);
- × ``MISMATCH_FACTOR`` when the event names a loser (its target) that did not hold the place
  but holds ground within ``TARGET_NEAR_KM`` of it: either the map is stale there or the event
  is misread, and a weak event should not decide. Which is likelier depends on how old the
  map's knowledge of the place is: where it rests on a report of the last
  ``FRESH_EVIDENCE_DAYS`` the map is likely right (×``MISMATCH_FACTOR``: al-Bab, taken by the
  rebels on 23 February, is not the government's on a misread "south-east of al-Bab" four days
  later); where it rests on the baseline or an older report the map may be stale
  (×``STALE_MISMATCH_FACTOR``: a stated capture of the reader's usual confidence decides). A
  target holding nothing near is a loose name for the place's holder (rebels "backed by the
  US-led coalition") and the holder loses, where the map knows the ground around (at least
  ``KNOWN_AROUND`` of the points within ``TARGET_NEAR_KM``; before the baseline's date it
  does not, and the target may be there);
- the bars: a place changes hands from ``POINT_MIN``; a capture sweeps the ground behind it
  (``control.sweep``) from ``SWEEP_MIN``; a statement about an area flips ground from
  ``AREA_MIN`` (``control.areas``): the further a rule reaches past the place an event names,
  the surer the event must be;
- **an event cannot be later than its report**: an event whose start lies after the date of
  the report telling it (plus ``REPORT_SLACK_DAYS``) is a misread date and is dropped.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from events.model import Event

CERTAINTY_WEIGHT = {"stated": 1.0, "reported": 0.85, "claimed": 0.6, "denied": 0.0}
MISMATCH_FACTOR = 0.4
STALE_MISMATCH_FACTOR = 0.6
FRESH_EVIDENCE_DAYS = 60
KNOWN_AROUND = 0.5
TARGET_NEAR_KM = 50.0
POINT_MIN = 0.35
SWEEP_MIN = 0.45
AREA_MIN = 0.5
REPORT_SLACK_DAYS = 1


def weight(event: Event) -> float:
    """The event's weight before any comparison with the map (see the module docstring)."""
    return CERTAINTY_WEIGHT.get(event.certainty, 0.0) * float(event.confidence)


def after_its_report(event: Event, document_dates: Mapping[str, date]) -> bool:
    """Whether the event starts after the date of the report telling it (a misread date)."""
    told = document_dates.get(event.doc)
    return told is not None and event.date_start > told + timedelta(days=REPORT_SLACK_DAYS)


def mismatch_factor(evidence_kind: int, evidence_age_days: int | None) -> float:
    """The factor for an event whose named loser did not hold its place (see the docstring):
    ``evidence_kind`` of the place's last evidence (``control.evidence``), its age in days."""
    from control import evidence

    fresh = evidence_kind not in (evidence.NONE, evidence.BASELINE) and evidence_age_days is not None \
        and evidence_age_days <= FRESH_EVIDENCE_DAYS
    return MISMATCH_FACTOR if fresh else STALE_MISMATCH_FACTOR
