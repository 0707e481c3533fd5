"""Adding a report in the page: uploads decoded with clear limits, the analyst's corrections applied."""
from __future__ import annotations

import base64
from datetime import date

import pytest

from dashboard.review import corrected_event, decode_upload, parse_day
from events.documents import DocumentError
from events.model import Event
from gazetteer.place import Place

EVENT = Event(
    id="e1", doc="notes.txt", date_start=date(2018, 3, 1), date_end=date(2018, 3, 2), date_precision="week",
    action="capture", actor="government", target="isil", place="Kilo", lat=35.0, lon=40.0,
    uncertainty_km=2.0, unit=None, certainty="stated", start=0, end=10, confidence=0.8,
)
ELSEWHERE = Place(name="Lima", lat=34.5, lon=39.5, kind="town", governorate="Homs", source="test",
                  uncertainty_km=3.0, id="cu:lima")


def _data_url(raw: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(raw).decode()


def test_an_upload_decodes_to_its_bytes():
    assert decode_upload(_data_url("On 2 March".encode())) == b"On 2 March"


def test_an_upload_over_the_limit_is_refused_with_its_size_before_decoding():
    with pytest.raises(DocumentError, match="over the 1 MB limit"):
        decode_upload(_data_url(b"x" * (2 * 1024 * 1024)), max_bytes=1024 * 1024)


def test_an_empty_upload_is_refused():
    with pytest.raises(DocumentError):
        decode_upload(None)


def test_a_malformed_date_gets_a_message_and_a_blank_one_means_no_date():
    assert parse_day("  ") is None
    assert parse_day("2018-03-02") == date(2018, 3, 2)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day("2 March")


def test_accepting_unchanged_keeps_the_event_and_rejecting_drops_it():
    kept, changes = corrected_event(EVENT, "accept", "Kilo", "", "government", resolve=lambda name: None)
    assert kept == EVENT.with_changes(status="accepted") and changes == {}
    assert corrected_event(EVENT, "reject", "", "", "", resolve=lambda name: None) == (None, {})


def test_corrections_move_the_place_fix_the_day_and_change_the_actor():
    fixed, changes = corrected_event(EVENT, "accept", "Lima", "2018-03-02", "isil",
                                     resolve=lambda name: ELSEWHERE if name == "Lima" else None)
    assert fixed.status == "corrected"
    assert (fixed.place, fixed.lat, fixed.lon, fixed.place_id) == ("Lima", 34.5, 39.5, "cu:lima")
    assert (fixed.date_start, fixed.date_end, fixed.date_precision) == (date(2018, 3, 2),) * 2 + ("day",)
    assert fixed.actor == "isil" and fixed.target is None
    assert set(changes) >= {"place", "lat", "lon", "date_start", "date_end", "actor"}


def test_a_place_the_gazetteer_does_not_know_is_a_clear_error():
    with pytest.raises(ValueError, match="not in the gazetteer"):
        corrected_event(EVENT, "accept", "Nowhere", "", "government", resolve=lambda name: None)
