"""A place's control history: periods merged from control samples, events near the place."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.history import Period, Sample, control_periods, distances_km, events_at


def test_unchanged_samples_merge_into_one_period_and_a_change_starts_the_next():
    periods = control_periods([
        Sample(date(2017, 5, 1), "isil"),
        Sample(date(2017, 9, 1), "isil"),
        Sample(date(2017, 10, 14), "government"),
        Sample(date(2017, 11, 1), "government", besieged=True),
    ])
    assert periods == [
        Period("isil", date(2017, 5, 1), date(2017, 10, 13), False, False),
        Period("government", date(2017, 10, 14), date(2017, 10, 31), False, False),
        Period("government", date(2017, 11, 1), None, False, True),
    ]


def test_samples_out_of_order_are_sorted_by_date():
    periods = control_periods([Sample(date(2017, 9, 1), "sdf"), Sample(date(2017, 5, 1), "isil")])
    assert [p.faction for p in periods] == ["isil", "sdf"]


def test_haversine_distance_matches_a_known_pair():
    # Deir ez-Zor to Mayadin is about 44 km as the crow flies.
    km = distances_km(35.336, 40.141, [35.0207], [40.4518])[0]
    assert 40 < km < 48


@dataclass
class _Event:
    id: str
    date_start: date
    date_end: date
    lat: float | None
    lon: float | None
    place_id: str | None = None


def test_events_within_the_radius_or_on_the_place_id_are_picked_in_date_order():
    events = [
        _Event("far", date(2017, 6, 1), date(2017, 6, 1), 36.0, 38.0),
        _Event("late", date(2017, 10, 14), date(2017, 10, 14), 35.02, 40.45),
        _Event("early", date(2017, 10, 6), date(2017, 10, 9), 35.03, 40.46),
        _Event("unresolved", date(2017, 10, 6), date(2017, 10, 6), None, None),
        _Event("by-id", date(2017, 7, 1), date(2017, 7, 1), 35.5, 40.9, place_id="gn:1"),
    ]
    picked = events_at(events, 35.0207, 40.4518, radius_km=5, place_id="gn:1")
    assert [e.id for e in picked] == ["by-id", "early", "late"]
