"""Reports about a place itself: captures, withdrawals, repelled attacks; contested places.

- **When an event counts.** A state change counts from the event's ``date_end``: a capture known
  only as "between 2 and 6 June" is certain on 6 June, not before. (Layers that *show* events use
  overlap with their window instead, see ``layers.event_markers``.)
- **Control changes.** ``capture``/``recapture`` give the place to the actor. ``withdraw`` by the
  holder hands the place to the target (to nobody when there is no target: its ground is then
  *no data*); a withdrawal by a faction that does not hold the place changes nothing. A
  ``repel`` by the holder confirms its hold (its evidence gets the event's date). Denied reports
  change nothing; any event below ``weights.POINT_MIN`` changes nothing (``control.weights``).
- **Summaries give way.** A control event dated only to a range that strictly contains the
  dates of another control event at the same place is a summary of that period ("ISIL held the
  town in the autumn") and is dropped: the better-dated events tell it.
- **Newer evidence wins.** The replay runs in date order: an event before the baseline's
  ``as_of`` is all that is known of its place until then, and the baseline's row replaces it
  on that date (the row already tells it); an event after the row replaces the row.
- **Same-day reversals.** When one day's reports give a place to different factions (taken, then
  largely retaken "late that day"), the place goes to the side that changed the status quo that
  day, marked contested: a same-day counter-attack is a fight still going, and the next day's
  reports settle it.
- **Cities known in parts fall by degrees.** A report that F took a place the map knows
  district by district (``CITY_PARTS`` other places within ``CITY_KM``: Raqqa, Deir ez-Zor)
  from its holder H opens a battle: the city stays H's, contested by F, until a report at
  least ``CITY_BATTLE_DAYS`` after F's first claim still gives it to F, and then passes; a
  claim not renewed within ``CITY_LAPSE_DAYS`` lapses, and H's own report there ends it. "Entered Raqqa", "seized a district of
  Raqqa" reach the reader as captures of Raqqa, and a city fell in weeks of street fighting: a
  first report hands over a district, not the city.
- **Contested** only where rivals' claims conflict: a place is contested on D when its control
  events of the last ``CONTESTED_DAYS`` days (D included) name more than one winner. A plain
  capture is not contested: it changed hands.
"""
from __future__ import annotations

import numpy as np
import shapely

from events.model import Event
from events.vocabulary import SIEGE_ACTIONS

CONTESTED_DAYS = 3
CITY_PARTS = 5
CITY_KM = 4.0
CITY_BATTLE_DAYS = 30
CITY_LAPSE_DAYS = 120
LIFT_ACTIONS = frozenset({"siege_lifted", "linkup"})
_NO_CHANGE = object()


def kind(event: Event) -> str | None:
    """"control", "siege" or None: the rule family an event belongs to (for summaries)."""
    if event.changes_control:
        return "control"
    if event.action in SIEGE_ACTIONS or event.action in LIFT_ACTIONS:
        return "siege"
    return None


def without_summaries(events: list[Event]) -> list[Event]:
    """Drop the events that summarise a period told better by others: a control (or siege)
    event whose date range strictly contains that of another control (siege) event at the
    same place (``events`` are the events of one place)."""
    ranged = [(e, kind(e), e.date_start, e.date_end) for e in events]
    out = []
    for event, k0, start, end in ranged:
        told_better = k0 is not None and any(
            k == k0 and start <= s and e <= end and (e - s) < (end - start)
            for other, k, s, e in ranged if other is not event)
        if not told_better:
            out.append(event)
    return out


def winner(event: Event, holder: str | None):
    """Who holds the place after a control event, or ``NO_CHANGE``."""
    if event.action in ("capture", "recapture"):
        return event.actor
    if event.action == "withdraw":
        return event.target if holder == event.actor else _NO_CHANGE
    return _NO_CHANGE


NO_CHANGE = _NO_CHANGE


def settle_day(holder_before: str | None, winners: list[str | None]) -> tuple[str | None, bool]:
    """(holder after the day, contested by a same-day reversal) from the day's winners in
    report order at one place (see "Same-day reversals")."""
    if not winners:
        return holder_before, False
    if len({w for w in winners if w is not None}) > 1:
        challengers = [w for w in winners if w != holder_before]
        return (challengers[0] if challengers else holder_before), True
    return winners[-1], False


def contested_on(claims: list[tuple[int, str | None]], day: int, days: int = CONTESTED_DAYS) -> tuple[bool, str | None]:
    """(contested, the rival of the last claim) from a place's claims (ordinal day, winner),
    sorted by day, on ``day``: more than one winner in the last ``days`` days."""
    recent = [w for d, w in claims if day - days < d <= day and w is not None]
    if len(set(recent)) < 2:
        return False, None
    last = recent[-1]
    rival = next(w for w in reversed(recent) if w != last)
    return True, rival


def in_parts(points) -> np.ndarray:
    """Per place (of a ``control.points.PointSet``), whether the map knows it in parts: at least
    ``CITY_PARTS`` other places within ``CITY_KM``."""
    xy = points.xy[:points.n_places]
    if not len(xy):
        return np.zeros(0, dtype=bool)
    here, _ = shapely.STRtree(shapely.points(xy)).query(shapely.points(xy), predicate="dwithin",
                                                         distance=CITY_KM * 1000.0)
    return np.bincount(here, minlength=len(xy)) - 1 >= CITY_PARTS
