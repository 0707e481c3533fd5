"""The control model's rules, on tiny synthetic baselines and events."""
from __future__ import annotations

from datetime import date

import pytest

from events.model import Event
from control.model import ControlModel, normalise_name
from control.data import ControlPoint

AS_OF = date(2017, 5, 1)
TOWN_A = ("cu:town-a", "Town A", 35.00, 38.00)
TOWN_B = ("cu:town-b", "Town B", 35.00, 38.50)


def point(place, faction):
    place_id, name, lat, lon = place
    return ControlPoint(place_id, name, lat, lon, faction, AS_OF, "test")


_counter = iter(range(10_000))


def event(day, action, actor, target, place=TOWN_A, *, end=None, certainty="stated",
          uncertainty_km=2.0, place_id="same", lat=None, lon=None, name=None, start=None):
    place_id_, name_, lat_, lon_ = place
    k = next(_counter)
    return Event(
        id=f"e{k}", doc="doc", date_start=date.fromisoformat(day),
        date_end=date.fromisoformat(end or day), date_precision="day", action=action,
        actor=actor, target=target, place=name or name_, lat=lat_ if lat is None else lat,
        lon=lon_ if lon is None else lon, uncertainty_km=uncertainty_km, unit=None,
        certainty=certainty, start=k if start is None else start, end=k + 1, confidence=1.0,
        place_id=place_id_ if place_id == "same" else place_id)


def state(model, day, name="Town A"):
    places = {p.name: p for p in model.at(date.fromisoformat(day))}
    return places.get(name)


def test_capture_gives_the_place_to_the_actor_from_the_end_of_its_date_range():
    model = ControlModel([point(TOWN_A, "isil")],
                         [event("2017-06-02", "capture", "government", "isil", end="2017-06-06")])
    assert state(model, "2017-06-05").faction == "isil"
    after = state(model, "2017-06-06")
    assert after.faction == "government"
    assert after.since == date(2017, 6, 6)
    assert after.last_event is not None


def test_baseline_place_keeps_its_faction_and_as_of_date_without_events():
    model = ControlModel([point(TOWN_A, "sdf")], [])
    place = state(model, "2017-09-01")
    assert (place.faction, place.since, place.contested, place.besieged) == ("sdf", AS_OF, False, False)


def test_denied_capture_changes_nothing():
    model = ControlModel([point(TOWN_A, "isil")],
                         [event("2017-06-02", "capture", "government", "isil", certainty="denied")])
    assert state(model, "2017-06-10").faction == "isil"


def test_claimed_capture_counts():
    model = ControlModel([point(TOWN_A, "isil")],
                         [event("2017-06-02", "capture", "government", "isil", certainty="claimed")])
    assert state(model, "2017-06-10").faction == "government"


def test_withdrawal_by_the_holder_hands_the_place_to_the_target():
    model = ControlModel([point(TOWN_A, "isil")], [event("2017-05-10", "withdraw", "isil", "sdf")])
    assert state(model, "2017-05-10").faction == "sdf"


def test_withdrawal_by_a_faction_that_does_not_hold_the_place_changes_nothing():
    model = ControlModel([point(TOWN_A, "government")], [event("2017-05-10", "withdraw", "isil", "sdf")])
    assert state(model, "2017-05-12").faction == "government"


def test_withdrawal_with_no_target_leaves_the_place_to_nobody():
    model = ControlModel([point(TOWN_A, "isil")], [event("2017-05-10", "withdraw", "isil", None)])
    assert state(model, "2017-05-12").faction is None


def test_conflicting_control_events_within_three_days_make_a_place_contested_then_it_settles():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-11-05", "capture", "government", "isil"),
        event("2017-11-07", "recapture", "isil", "government"),
    ])
    assert not state(model, "2017-11-06").contested
    on_7th = state(model, "2017-11-07")          # the last 3 days (5th-7th) name two winners
    assert on_7th.faction == "isil" and on_7th.contested
    assert not state(model, "2017-11-08").contested  # 6th-8th: one winner


def test_control_events_four_days_apart_do_not_make_a_place_contested():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-11-01", "capture", "government", "isil"),
        event("2017-11-05", "recapture", "isil", "government"),
    ])
    assert not state(model, "2017-11-05").contested


def test_a_same_day_reversal_leaves_the_place_to_the_challenger_and_contested():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-11-09", "capture", "government", "isil", start=100),
        event("2017-11-09", "recapture", "isil", "government", start=200),
    ])
    place = state(model, "2017-11-09")
    assert place.faction == "government"
    assert place.contested


def test_siege_marks_the_place_besieged_until_it_is_lifted():
    model = ControlModel([point(TOWN_A, "government")], [
        event("2017-06-09", "siege", "isil", "government"),
        event("2017-09-05", "siege_lifted", "government", "isil", end="2017-09-14"),
    ])
    assert not state(model, "2017-06-08").besieged
    assert state(model, "2017-06-09").besieged
    assert state(model, "2017-09-13").besieged
    assert not state(model, "2017-09-14").besieged
    assert state(model, "2017-09-14").faction == "government"


def test_a_capture_ends_the_siege():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-10-12", "encircle", "government", "isil"),
        event("2017-10-14", "capture", "government", "isil"),
    ])
    assert state(model, "2017-10-13").besieged
    after = state(model, "2017-10-14")
    assert after.faction == "government" and not after.besieged


def test_a_siege_by_the_holder_itself_does_not_mark_the_place_besieged():
    model = ControlModel([point(TOWN_A, "government")], [event("2017-10-16", "siege", "government", "isil")])
    assert not state(model, "2017-10-20").besieged


def test_an_event_is_matched_by_name_when_its_place_id_is_unknown():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-01", "capture", "government", "isil", place_id=None, name="al-Town A",
              lat=35.2, lon=38.2)])
    assert state(model, "2017-06-02").faction == "government"
    assert len(model) == 1


def test_an_event_is_matched_to_a_baseline_place_within_three_km():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-01", "capture", "government", "isil", place_id=None, name="Somewhere",
              lat=35.015, lon=38.0)])
    assert state(model, "2017-06-02").faction == "government"
    assert len(model) == 1


def test_a_place_located_more_closely_than_the_nearest_known_place_is_another_place():
    # A district 2.2 km from the town, its position known to 0.9 km: the town keeps its holder.
    model = ControlModel([point(TOWN_A, "rebels")], [
        event("2017-06-01", "withdraw", "rebels", "government", place_id="N1", name="A district",
              lat=35.02, lon=38.0, uncertainty_km=0.9)])
    assert len(model) == 2
    assert state(model, "2017-06-02").faction == "rebels"
    assert state(model, "2017-06-02", "A district").faction == "government"


def test_a_control_event_at_a_new_place_creates_a_point_held_by_the_loser_while_it_lasts():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-01", "capture", "government", "isil", TOWN_B, end="2017-06-06")])
    assert len(model) == 2
    assert state(model, "2017-05-20", "Town B") is None          # nothing said of it yet
    assert state(model, "2017-06-03", "Town B").faction == "isil"
    assert state(model, "2017-06-06", "Town B").faction == "government"


def test_a_new_place_whose_loser_is_unknown_appears_only_from_its_event():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-01", "capture", "government", None, TOWN_B)])
    assert state(model, "2017-05-20", "Town B") is None
    assert state(model, "2017-06-01", "Town B").faction == "government"


def test_later_events_at_a_new_place_are_matched_to_it():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-01", "capture", "government", "isil", TOWN_B, place_id=None),
        event("2017-06-05", "recapture", "isil", "government", TOWN_B, place_id=None, lat=35.001),
    ])
    assert len(model) == 2
    assert state(model, "2017-06-06", "Town B").faction == "isil"


def test_a_non_control_event_at_an_unknown_place_creates_no_point():
    model = ControlModel([point(TOWN_A, "isil")], [event("2017-06-01", "attack", "government", "isil", TOWN_B)])
    assert len(model) == 1


def test_a_region_wide_capture_flips_nothing_where_the_victor_holds_no_ground_near():
    region = ("cu:homs-east", "Homs Governorate (east)", 35.0, 38.01)
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-28", "capture", "government", "isil", region, uncertainty_km=60.0)])
    assert state(model, "2017-07-01").faction == "isil"
    assert len(model) == 1


def test_a_region_event_with_a_baseline_place_id_counts_for_that_place():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-06-28", "capture", "government", "isil", uncertainty_km=60.0)])
    assert state(model, "2017-07-01").faction == "government"


def test_control_events_older_than_the_baseline_are_already_in_it():
    model = ControlModel([point(TOWN_A, "sdf")], [
        event("2017-03-22", "capture", "isil", "sdf", end="2017-04-10")])
    assert state(model, "2017-06-01").faction == "sdf"


def test_places_are_listed_in_a_stable_order_with_the_json_contract_keys():
    model = ControlModel([point(TOWN_A, "isil"), point(TOWN_B, "government")], [])
    rows = [p.to_json() for p in model.at(date(2017, 6, 1))]
    assert [r["place"] for r in rows] == ["Town A", "Town B"]
    assert list(rows[0])[:7] == ["place", "lat", "lon", "faction", "since", "contested", "besieged"]
    assert rows[0]["since"] == "2017-05-01"


@pytest.mark.parametrize("raw, expected", [
    ("Al-Mayadin", "mayadin"), ("al Mayādīn", "mayadin"), ("Deir ez-Zor", "deir ez zor"),
    ("The Zuluf Dam", "zuluf dam"), ("Al", "al"),
])
def test_names_are_compared_without_case_accents_punctuation_or_article(raw, expected):
    assert normalise_name(raw) == expected


def test_the_besieged_holders_own_capture_there_ends_the_siege():
    model = ControlModel([point(TOWN_A, "government")], [
        event("2017-06-09", "siege", "isil", "government"),
        event("2017-10-17", "capture", "government", "isil"),
    ])
    assert state(model, "2017-10-16").besieged
    assert not state(model, "2017-10-17").besieged


def test_a_vaguely_dated_capture_gives_way_to_better_dated_ones_inside_its_range():
    model = ControlModel([point(TOWN_A, "isil")], [
        event("2017-09-01", "capture", "isil", "government", end="2017-12-31"),
        event("2017-11-09", "capture", "government", "isil"),
    ])
    assert state(model, "2017-11-10").faction == "government"
    assert state(model, "2018-01-02").faction == "government"


def test_a_vaguely_dated_capture_alone_still_counts_from_its_end():
    model = ControlModel([point(TOWN_A, "government")], [
        event("2017-09-01", "capture", "isil", "government", end="2017-12-31")])
    assert state(model, "2017-12-30").faction == "government"
    assert state(model, "2017-12-31").faction == "isil"


def test_a_name_shared_by_two_places_goes_to_the_one_nearer_the_event():
    west = ("cu:hamidiyah-w", "Hamidiyah", 35.0, 38.0)
    east = ("cu:hamidiyah-e", "Hamidiyah", 35.3, 40.2)
    model = ControlModel([point(west, "isil"), point(east, "isil")], [
        event("2017-11-02", "capture", "government", "isil", place_id=None, lat=35.32, lon=40.15,
              name="al-Hamidiyah")])
    factions = {(p.lat, p.lon): p.faction for p in model.at(date(2017, 11, 3))}
    assert factions == {(35.0, 38.0): "isil", (35.3, 40.2): "government"}
