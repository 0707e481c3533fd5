"""The rules that infer ground from events (control.sweep, areas, pockets, weights, evidence),
each on a small synthetic map: a 3° x 2° box, a river across it, a handful of towns."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, box

from control import pockets, sweep, weights
from control.areas import AdminAreas, DiscAreas, PolygonAreas
from control.baseline import ControlPoint
from control.model import ControlModel
from control.points import PointSet, is_part
from events.model import Event

AS_OF = date(2017, 5, 1)
OUTLINE = box(37.0, 34.0, 40.0, 36.0)
RIVER = ("Euphrates", LineString([(36.9, 35.5), (40.1, 35.5)]))   # west to east across the box
_ids = count()


def town(name, lat, lon, faction):
    return ControlPoint(f"cu:{name.lower()}", name, lat, lon, faction, AS_OF, "test")


def event(day, action, actor, target, lat, lon, *, place="Somewhere", end=None, certainty="stated",
          confidence=1.0, uncertainty_km=2.0, doc="doc", place_id=None):
    k = next(_ids)
    return Event(id=f"e{k}", doc=doc, date_start=date.fromisoformat(day), date_end=date.fromisoformat(end or day),
                 date_precision="day", action=action, actor=actor, target=target, place=place, lat=lat, lon=lon,
                 uncertainty_km=uncertainty_km, unit=None, certainty=certainty, start=k, end=k + 1,
                 confidence=confidence, place_id=place_id)


def model(baseline, events, **options):
    return ControlModel(baseline, events, outline=OUTLINE, rivers=[RIVER], **options)


def holder(m, name, day):
    return next(p for p in m.at(date.fromisoformat(day)) if p.name == name)


def ground_at(m, lat, lon, day):
    """(holder code, evidence kind) of the point nearest (lat, lon) on ``day``."""
    snap = m.snapshot(date.fromisoformat(day))
    xy = m.points.xy
    from control.geo import to_metric_xy
    here = to_metric_xy(np.array([lon]), np.array([lat]))[0]
    k = int(np.argmin(((xy - here) ** 2).sum(axis=1)))
    return int(snap.codes[k]), int(snap.ev_kind[k])


GOV, ISIL, SDF, REBELS = 0, 1, 2, 3


# --- advances sweep ---------------------------------------------------------------------------

def desert(*extra):
    """Government in the west, ISIL villages east of it along the road to Eastown."""
    return [town("Westown", 35.0, 37.3, "government"), town("Midway", 35.0, 38.0, "isil"),
            town("Eastown", 35.0, 38.6, "isil"), town("Southeast", 34.3, 39.7, "isil"), *extra]


def test_a_capture_sweeps_the_losers_ground_between_the_victors_nearest_ground_and_the_place():
    m = model(desert(), [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown")])
    assert holder(m, "Eastown", "2017-06-10").faction == "government"
    assert holder(m, "Midway", "2017-06-10").faction == "government"
    assert holder(m, "Midway", "2017-06-10").evidence == "sweep"
    assert ground_at(m, 35.0, 38.3, "2017-06-10") == (GOV, 2)            # open desert on the road
    assert ground_at(m, 35.0, 38.3, "2017-06-09")[0] == ISIL
    assert holder(m, "Southeast", "2017-06-10").faction == "isil"        # off the corridor


def test_a_weak_capture_changes_the_place_but_sweeps_nothing():
    m = model(desert(), [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown",
                               certainty="claimed", confidence=0.7)])
    assert weights.POINT_MIN <= 0.6 * 0.7 < weights.SWEEP_MIN
    assert holder(m, "Eastown", "2017-06-10").faction == "government"
    assert holder(m, "Midway", "2017-06-10").faction == "isil"


def test_a_sweep_never_takes_a_third_sides_ground():
    m = model(desert(town("Kurdish post", 35.02, 38.3, "sdf")),
              [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown")])
    assert holder(m, "Kurdish post", "2017-06-10").faction == "sdf"
    assert holder(m, "Midway", "2017-06-10").faction == "government"


def test_a_sweep_stays_on_its_bank_of_the_river():
    m = model([town("Westown", 35.3, 37.3, "government"), town("South bank", 35.42, 38.0, "isil"),
               town("North bank", 35.58, 38.0, "isil"), town("Eastown", 35.3, 38.6, "isil")],
              [event("2017-06-10", "capture", "government", "isil", 35.42, 38.3, place="Riverside")])
    assert holder(m, "South bank", "2017-06-10").faction == "government"
    assert holder(m, "North bank", "2017-06-10").faction == "isil"


def test_nothing_is_swept_from_ground_too_far_away():
    m = model([town("Westown", 35.0, 37.05, "government"), town("Midway", 35.0, 38.2, "isil"),
               town("Eastown", 35.0, 39.4, "isil")],
              [event("2017-06-10", "capture", "government", "isil", 35.0, 39.4, place="Eastown")])
    assert holder(m, "Eastown", "2017-06-10").faction == "government"
    assert holder(m, "Midway", "2017-06-10").faction == "isil"           # 200 km: path unknown
    assert 200 > sweep.CAPTURE_SWEEP_KM


def test_a_capture_that_would_take_many_unnamed_places_in_one_stride_sweeps_nothing():
    villages = [town(f"Village {k}", 35.0 + 0.02 * (k % 2), 37.45 + 0.09 * k, "isil")
                for k in range(sweep.MAX_SWEPT_PLACES + 2)]
    # Westown's neighbours keep its reach short: no government ground lies near Eastown.
    west = [town("Westown", 35.0, 37.3, "government")] + [
        town(f"Westown {k}", 35.0 + dlat, 37.3 + dlon, "government")
        for k, (dlat, dlon) in enumerate([(0.06, 0.0), (-0.06, 0.0), (0.0, -0.07), (0.04, -0.05), (-0.04, -0.05)])]
    m = model([*west, *villages, town("Eastown", 35.0, 38.6, "isil")],
              [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown")])
    assert holder(m, "Eastown", "2017-06-10").faction == "government"
    assert {holder(m, v.name, "2017-06-10").faction for v in villages} == {"isil"}


def test_an_advance_takes_ground_towards_its_place_but_not_the_place():
    m = model(desert(), [event("2017-06-10", "advance", "government", "isil", 35.0, 38.6, place="Eastown")])
    assert holder(m, "Eastown", "2017-06-10").faction == "isil"
    assert ground_at(m, 35.0, 37.75, "2017-06-09")[0] == ISIL
    assert ground_at(m, 35.0, 37.75, "2017-06-10") == (GOV, 2)           # the first km past the front
    assert holder(m, "Midway", "2017-06-10").faction == "isil"           # further than it says


def test_a_lifted_siege_opens_a_corridor_from_the_sides_main_ground():
    baseline = desert(town("Enclave", 35.0, 39.3, "government"), town("Ring N", 35.15, 39.3, "isil"),
                      town("Ring S", 34.85, 39.3, "isil"), town("Ring E", 35.0, 39.5, "isil"),
                      town("Near", 35.0, 39.1, "isil"))
    m = model(baseline, [event("2017-09-05", "siege_lifted", "government", "isil", 35.0, 39.3, place="Enclave")])
    assert holder(m, "Enclave", "2017-09-04").besieged
    after = holder(m, "Enclave", "2017-09-05")
    assert after.faction == "government" and not after.besieged
    for name in ("Near", "Eastown", "Midway"):                          # the road from the west
        assert holder(m, name, "2017-09-05").faction == "government", name
    assert holder(m, "Ring N", "2017-09-05").faction == "isil"


# --- area statements ----------------------------------------------------------------------------

EAST_HALF = box(38.25, 34.0, 40.0, 35.2)


def test_a_capture_of_an_area_takes_the_losers_ground_inside_it_within_reach_of_the_victor():
    baseline = desert(town("Near east", 35.05, 38.3, "isil"), town("North of it", 35.35, 38.2, "isil"))
    areas = PolygonAreas({"cu:east-half": EAST_HALF}, DiscAreas(OUTLINE))
    m = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.0, place="Midway",
                               confidence=0.4),
                         event("2017-06-10", "capture", "government", "isil", 34.75, 39.25, place="East half",
                               place_id="cu:east-half", uncertainty_km=80.0)],
              areas=areas)
    assert holder(m, "Near east", "2017-06-09").faction == "isil"
    taken = holder(m, "Near east", "2017-06-10")                         # 28 km from Midway, inside
    assert taken.faction == "government" and taken.evidence == "area"
    assert holder(m, "Eastown", "2017-06-10").faction == "isil"         # 55 km from Midway: beyond reach
    assert holder(m, "North of it", "2017-06-10").faction == "isil"     # near, but outside the polygon


def test_an_area_statement_leaves_a_place_whose_own_fall_is_reported_soon_after():
    areas = PolygonAreas({"cu:east-half": EAST_HALF}, DiscAreas(OUTLINE))
    m = model(desert(), [event("2017-06-01", "capture", "government", "isil", 35.0, 38.0, place="Midway"),
                         event("2017-06-10", "capture", "government", "isil", 34.75, 39.25, place="East half",
                               place_id="cu:east-half", uncertainty_km=80.0),
                         event("2017-06-18", "capture", "government", "isil", 35.0, 38.6, place="Eastown")],
              areas=areas)
    assert holder(m, "Eastown", "2017-06-12").faction == "isil"
    assert holder(m, "Eastown", "2017-06-18").faction == "government"


class _Admin:
    """A stand-in for gazetteer.areas: two governorates, the west and east halves of the box."""

    class Area:
        def __init__(self, pcode, geometry):
            self.pcode, self.geometry = pcode, geometry

    def __init__(self):
        self.items = [self.Area("SY01", box(37.0, 34.0, 38.5, 36.0)), self.Area("SY02", box(38.5, 34.0, 40.0, 36.0))]

    def area(self, pcode):
        return next((a for a in self.items if a.pcode == pcode), None)

    def area_at(self, lat, lon, level):
        return next((a for a in self.items if a.geometry.covers(shapely.Point(lon, lat))), None)

    def part(self, area, direction):
        west, south, east, north = area.geometry.bounds
        middle = (west + east) / 2
        return box(middle, south, east, north) if direction == "east" else box(west, south, middle, north)


def test_an_area_named_by_an_administrative_polygon_is_that_polygon_cut_to_its_direction():
    areas = AdminAreas(_Admin(), DiscAreas(OUTLINE))
    statement = event("2017-06-10", "capture", "government", "isil", 35.0, 39.6, place="Eastgov Governorate (east)",
                      uncertainty_km=120.0)
    got = areas.area_m(statement)
    from control.geo import to_metric
    assert got.contains(to_metric(shapely.Point(39.5, 35.0)))
    assert not got.contains(to_metric(shapely.Point(38.9, 35.0)))       # the west half of that governorate
    assert areas.area_m(event("2017-06-10", "capture", "government", "isil", 35.0, 37.5, place="Westgov",
                              place_id="SY01", uncertainty_km=300.0)).contains(to_metric(shapely.Point(37.1, 35.9)))
    plain = event("2017-06-10", "capture", "government", "isil", 35.0, 38.0, place="Some plains", uncertainty_km=20.0)
    assert areas.area_m(plain).area == pytest.approx(DiscAreas(OUTLINE).area_m(plain).area)


def test_a_withdrawal_towards_an_area_changes_nothing_there():
    m = model(desert(), [event("2017-06-10", "withdraw", "isil", "government", 34.75, 39.25, place="East half",
                               uncertainty_km=80.0)])
    assert holder(m, "Eastown", "2017-06-10").faction == "isil"


# --- pockets --------------------------------------------------------------------------------------

def ringed(centre_faction="isil", ring_faction="government"):
    ring = [town(f"R{k}", 35.0 + 0.15 * dy, 38.5 + 0.18 * dx, ring_faction)
            for k, (dx, dy) in enumerate([(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)])]
    return [town("Pocket town", 35.0, 38.5, centre_faction), *ring, town("Far west", 34.5, 37.2, ring_faction)]


def test_a_pocket_cut_off_by_an_advance_falls_to_the_encircler_after_the_default_time():
    baseline = ringed()
    baseline[4] = town("R3", 35.0, 38.32, "isil")     # the ring's west side is ISIL's: a way out
    m = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.32, place="R3")])
    pocket = holder(m, "Pocket town", "2017-06-02")
    assert pocket.faction == "isil" and pocket.besieged
    fall = (date(2017, 6, 1) + timedelta(days=pockets.POCKET_DAYS)).isoformat()
    assert holder(m, "Pocket town", (date.fromisoformat(fall) - timedelta(days=1)).isoformat()).faction == "isil"
    fallen = holder(m, "Pocket town", fall)
    assert fallen.faction == "government" and fallen.evidence == "pocket" and not fallen.besieged


def test_a_pocket_falls_whole_when_one_of_its_places_is_taken():
    baseline = ringed()
    baseline.append(town("Pocket village", 35.0, 38.56, "isil"))
    baseline[4] = town("R3", 35.0, 38.32, "isil")
    m = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.32, place="R3"),
                         event("2017-06-05", "capture", "government", "isil", 35.0, 38.56, place="Pocket village")])
    assert holder(m, "Pocket town", "2017-06-04").faction == "isil"
    assert holder(m, "Pocket town", "2017-06-05").faction == "government"


def test_an_enclave_already_cut_off_on_the_baselines_date_is_besieged_but_does_not_fall():
    m = model(ringed("government", "isil"), [])
    enclave = holder(m, "Pocket town", "2017-12-31")
    assert enclave.faction == "government" and enclave.besieged


def test_a_standing_enclave_loses_the_place_a_report_names_not_the_whole_enclave():
    baseline = ringed("rebels", "government")
    baseline.append(town("Enclave district", 35.0, 38.56, "rebels"))
    m = model(baseline, [event("2017-06-01", "withdraw", "rebels", "government", 35.0, 38.56,
                               place="Enclave district")])
    assert holder(m, "Pocket town", "2017-05-31").besieged
    assert holder(m, "Enclave district", "2017-06-01").faction == "government"
    kept = holder(m, "Pocket town", "2017-06-01")
    assert kept.faction == "rebels" and kept.besieged
    assert holder(m, "Pocket town", "2017-12-31").faction == "rebels"


def test_a_stated_encirclement_is_a_pocket_with_a_clock():
    m = model(desert(), [event("2017-06-01", "encircle", "government", "isil", 35.0, 38.6, place="Eastown")])
    assert holder(m, "Eastown", "2017-06-02").besieged
    fall = date(2017, 6, 1) + timedelta(days=pockets.POCKET_DAYS)
    assert holder(m, "Eastown", fall.isoformat()).faction == "government"


def test_an_encircled_riverside_town_takes_no_ground_across_the_river_with_it():
    # A town by the river, a village facing it on the other bank within the ring's reach: the
    # encirclement and the capture that ends the pocket are the south bank's; the village is
    # another front.
    m = model([town("Westown", 35.3, 37.3, "government"), town("Riverside", 35.485, 38.5, "isil"),
               town("Across", 35.515, 38.5, "isil"), town("North town", 35.8, 38.5, "isil")],
              [event("2017-06-01", "encircle", "government", "isil", 35.485, 38.5, place="Riverside"),
               event("2017-06-03", "capture", "government", "isil", 35.485, 38.5, place="Riverside")])
    assert 0.03 * 111 < pockets.ENCIRCLE_KM                   # the village is within the ring's reach
    assert holder(m, "Riverside", "2017-06-02").besieged and not holder(m, "Across", "2017-06-02").besieged
    assert holder(m, "Riverside", "2017-06-03").faction == "government"
    assert holder(m, "Across", "2017-06-03").faction == "isil"


def test_a_stated_siege_has_no_clock_and_a_lift_ends_it():
    m = model(ringed("government", "isil"), [
        event("2017-06-01", "siege", "isil", "government", 35.0, 38.5, place="Pocket town"),
        event("2017-11-01", "siege_lifted", "government", "isil", 35.0, 38.5, place="Pocket town")])
    assert holder(m, "Pocket town", "2017-10-31").faction == "government"
    assert holder(m, "Pocket town", "2017-10-31").besieged
    assert not holder(m, "Pocket town", "2017-11-01").besieged


# --- weights and reading the events ---------------------------------------------------------------

def test_a_capture_naming_a_loser_who_holds_ground_nearby_but_not_the_place_needs_a_sure_report():
    baseline = [town("Rebel town", 35.0, 38.5, "rebels"), town("ISIL village", 35.0, 38.7, "isil")]
    weak = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.5, place="Rebel town",
                                  confidence=0.5)])
    assert 0.5 * weights.STALE_MISMATCH_FACTOR < weights.POINT_MIN <= 0.5
    assert holder(weak, "Rebel town", "2017-06-02").faction == "rebels"
    sure = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.5, place="Rebel town",
                                  confidence=0.8)])
    assert 0.8 * weights.STALE_MISMATCH_FACTOR >= weights.POINT_MIN
    assert holder(sure, "Rebel town", "2017-06-02").faction == "government"


def test_a_misnamed_loser_weighs_more_against_a_fresh_report_than_against_old_knowledge():
    baseline = [town("Rebel town", 35.0, 38.5, "isil"), town("ISIL village", 35.0, 38.7, "isil")]
    taken = event("2017-06-01", "capture", "rebels", "isil", 35.0, 38.5, place="Rebel town")
    misread = event("2017-06-05", "capture", "government", "isil", 35.0, 38.5, place="Rebel town", confidence=0.8)
    m = model(baseline, [taken, misread])
    assert 0.8 * weights.MISMATCH_FACTOR < weights.POINT_MIN
    assert holder(m, "Rebel town", "2017-06-06").faction == "rebels"     # four days after a report


def test_a_loser_who_holds_nothing_near_is_a_loose_name_for_the_holder():
    m = model([town("Rebel town", 35.0, 38.5, "rebels")],
              [event("2017-06-01", "capture", "government", "coalition", 35.0, 38.5, place="Rebel town", confidence=0.8)])
    assert holder(m, "Rebel town", "2017-06-02").faction == "government"


def test_an_event_later_than_its_report_is_a_misread_date_and_is_dropped():
    m = model([town("Town", 35.0, 38.5, "government")],
              [event("2017-12-01", "capture", "isil", "government", 35.0, 38.5, place="Town", doc="march-report",
                     end="2017-12-31")],
              document_dates={"march-report": date(2017, 3, 3)})
    assert holder(m, "Town", "2018-01-15").faction == "government"


def test_a_capture_of_a_towns_edge_does_not_hand_over_the_town():
    assert is_part("Mayadin (west edge)") and is_part("Raqqa (south part)") and not is_part("Mas'adah (east Hama)")
    m = model([town("Mayadin", 35.02, 40.45, "isil")],
              [event("2017-10-06", "capture", "government", "isil", 35.02, 40.43, place="Mayadin (west edge)",
                     place_id="cu:mayadin")])
    assert holder(m, "Mayadin", "2017-10-07").faction == "isil"
    assert holder(m, "Mayadin (west edge)", "2017-10-07").faction == "government"


# --- evidence ---------------------------------------------------------------------------------------

def test_every_place_carries_the_kind_and_date_of_its_last_evidence():
    m = model(desert(), [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown")])
    before = holder(m, "Eastown", "2017-04-30")
    assert before.faction is None and before.evidence is None and before.evidence_date is None
    baseline = holder(m, "Southeast", "2017-06-10")
    assert (baseline.evidence, baseline.evidence_date, baseline.last_event) == ("baseline", AS_OF, None)
    reported = holder(m, "Eastown", "2017-06-10").to_json()
    assert reported["evidence"] == "event" and reported["evidence_date"] == "2017-06-10"
    assert reported["last_event"] is not None


def test_a_ground_point_follows_its_nearest_place_unless_its_own_evidence_is_newer():
    points = PointSet(desert(), [], OUTLINE, rivers=[RIVER])
    assert points.n_places == 4 and len(points) > 100
    ground = ~points.is_place
    assert (points.nearest_place[ground & points.reach] < points.n_places).all()
    assert 0 < points.reach[ground].mean() < 1                      # beyond every radius: no data
    far = np.flatnonzero(ground & ~points.reach)
    assert (points.nearest_place[far] == far).all()
    m = model(desert(), [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown"),
                         event("2017-07-01", "recapture", "isil", "government", 35.0, 38.0, place="Midway")])
    assert ground_at(m, 35.0, 38.1, "2017-06-20") == (GOV, 2)      # swept on 10 June
    assert ground_at(m, 35.0, 38.1, "2017-07-01") == (ISIL, 1)     # Midway's newer report


def test_the_replay_is_the_same_whatever_the_order_of_the_events_given():
    events = [event("2017-06-10", "capture", "government", "isil", 35.0, 38.6, place="Eastown"),
              event("2017-06-20", "encircle", "government", "isil", 34.3, 39.7, place="Southeast"),
              event("2017-07-01", "recapture", "isil", "government", 35.0, 38.0, place="Midway")]
    a, b = model(desert(), events), model(desert(), events[::-1])
    for day in ("2017-06-15", "2017-07-05", "2017-08-01"):
        assert np.array_equal(a.snapshot(date.fromisoformat(day)).codes, b.snapshot(date.fromisoformat(day)).codes)


# --- second shift: sieges, banks, areas, cities, allies ------------------------------------------

def test_a_siege_lifted_that_names_the_besieger_as_actor_relieves_the_besieged_holder():
    # "the lifting of ISIL's siege of the city": the reader makes ISIL the actor.
    m = model(ringed("government", "isil"), [
        event("2017-06-01", "siege", "isil", "government", 35.0, 38.5, place="Pocket town"),
        event("2017-09-05", "siege_lifted", "isil", "government", 35.0, 38.5, place="Pocket town")])
    assert holder(m, "Pocket town", "2017-09-04").besieged
    after = holder(m, "Pocket town", "2017-09-05")
    assert after.faction == "government" and not after.besieged
    assert not holder(m, "Pocket town", "2017-10-20").besieged


def test_a_point_near_the_river_takes_the_bank_of_the_area_it_lies_in():
    # The river's line runs along 35.5 N, but the north-bank subdistrict reaches 35.47 N: a
    # village at 35.485 N lies on the north bank, as the area says.
    north = box(37.0, 35.47, 40.0, 36.0)
    south = box(37.0, 34.0, 40.0, 35.47)
    baseline = [town("Riverside", 35.485, 38.0, "isil"), town("Far north", 35.9, 38.0, "isil"),
                town("Far south", 34.5, 38.0, "isil")]
    plain = PointSet(baseline, [], OUTLINE, rivers=[RIVER])
    banked = PointSet(baseline, [], OUTLINE, rivers=[RIVER], banks={"N": north, "S": south})
    assert plain.side[0] == plain.side[2] != plain.side[1]
    assert banked.side[0] == banked.side[1] != banked.side[2]
    named = PointSet(baseline, [], OUTLINE, rivers=[RIVER], banks={"N": north, "S": south},
                     place_banks={"cu:far north": "S"})
    assert named.side[1] == banked.side[1]                       # far from the river: the line decides


def test_an_area_named_by_the_gazetteer_is_its_footprint():
    class Admin(_Admin):
        def footprint(self, place):
            return box(38.5, 34.0, 40.0, 36.0) if place.kind == "region" else None

    class Entry:
        kind, name, governorate = "region", "Eastgov (east)", "Eastgov"

    areas = AdminAreas(Admin(), DiscAreas(OUTLINE), places={"cu:eastgov-east": Entry()})
    got = areas.area_m(event("2017-06-10", "capture", "government", "isil", 35.0, 39.6, place="Eastgov (east)",
                             place_id="cu:eastgov-east", uncertainty_km=30.0))
    from control.geo import to_metric
    assert got.contains(to_metric(shapely.Point(39.9, 35.9)))        # beyond the 30 km disc: the footprint


def test_a_stretch_named_by_its_two_ends_is_a_band_along_the_line_between_them():
    class Place:
        def __init__(self, lat, lon):
            self.lat, self.lon, self.kind = lat, lon, "town"

    ends = {"Upton": Place(35.2, 38.0), "Downton": Place(34.6, 39.0)}
    areas = AdminAreas(_Admin(), DiscAreas(OUTLINE), resolve=ends.get)
    from control.geo import to_metric
    for name in ("River bank (Upton-Downton)", "between Upton and Downton"):
        got = areas.area_m(event("2017-06-10", "capture", "government", "isil", 34.9, 38.5, place=name,
                                 uncertainty_km=60.0))
        assert got.contains(to_metric(shapely.Point(38.5, 34.9)))       # on the line
        assert not got.contains(to_metric(shapely.Point(38.5, 35.3)))   # 40 km off it


def test_an_area_statement_clears_a_pocket_lying_wholly_inside_the_area():
    baseline = ringed()
    baseline[4] = town("R3", 35.0, 38.32, "isil")
    baseline.append(town("Pocket east", 35.0, 38.62, "isil"))
    areas = PolygonAreas({"cu:pocketland": box(38.2, 34.7, 38.8, 35.3)}, DiscAreas(OUTLINE))
    m = model(baseline, [event("2017-06-01", "capture", "government", "isil", 35.0, 38.32, place="R3"),
                         event("2017-06-10", "capture", "government", "isil", 35.0, 38.5, place="Pocketland",
                               place_id="cu:pocketland", uncertainty_km=40.0)], areas=areas)
    assert holder(m, "Pocket east", "2017-06-09").besieged
    for name in ("Pocket town", "Pocket east"):
        cleared = holder(m, name, "2017-06-10")
        assert cleared.faction == "government" and cleared.evidence in ("area", "pocket"), name


def test_an_area_statement_leaves_a_standing_enclave_to_reports_about_it():
    areas = PolygonAreas({"cu:everywhere": OUTLINE}, DiscAreas(OUTLINE))
    m = model(ringed("rebels", "government"),
              [event("2017-06-10", "capture", "government", "rebels", 35.0, 38.5, place="Everywhere",
                     place_id="cu:everywhere", uncertainty_km=100.0)], areas=areas)
    enclave = holder(m, "Pocket town", "2017-06-11")
    assert enclave.faction == "rebels" and enclave.besieged


def test_an_area_statement_leaves_a_city_known_in_parts_to_reports_about_it():
    areas = PolygonAreas({"cu:everywhere": OUTLINE}, DiscAreas(OUTLINE))
    m = model([*city("government", "isil"), town("Desert post", 35.0, 38.2, "government"),
               town("ISIL post", 35.1, 38.3, "isil")],                   # within reach of the city
              [event("2017-06-10", "recapture", "isil", "government", 35.0, 38.3, place="Everywhere",
                     place_id="cu:everywhere", uncertainty_km=100.0)], areas=areas)
    assert holder(m, "Desert post", "2017-06-10").faction == "isil"      # the open country is taken
    assert {holder(m, p.name, "2017-06-10").faction for p in city()[:-1]} == {"government"}


def test_an_area_statement_reaches_from_the_victors_places_on_its_own_bank_only():
    areas = PolygonAreas({"cu:south": box(37.0, 34.0, 40.0, 35.5)}, DiscAreas(OUTLINE))
    m = model([town("North town", 35.62, 38.5, "isil"), town("Valley village", 35.42, 38.5, "government"),
               town("Desert town", 35.0, 37.6, "isil"), town("Desert post", 35.0, 37.8, "government"),
               town("Westown", 35.3, 37.1, "government")],
              [event("2017-06-10", "recapture", "isil", "government", 35.0, 38.0, place="South",
                     place_id="cu:south", uncertainty_km=100.0)], areas=areas)
    assert holder(m, "Desert post", "2017-06-10").faction == "isil"         # 18 km from the desert town
    assert holder(m, "Valley village", "2017-06-10").faction == "government"  # 22 km, but across the river


def test_ground_beyond_its_nearest_places_reach_follows_a_place_whose_reach_does():
    # A close-packed town reaches a few km; the countryside past it follows the far village.
    town_parts = [town(f"Quarter {k}", 35.0 + 0.01 * (k % 3), 38.0 + 0.01 * (k // 3), "government") for k in range(9)]
    baseline = [*town_parts, town("Far village", 35.0, 38.6, "isil")]
    m = model(baseline, [])
    code, kind = ground_at(m, 35.0, 38.3, "2017-05-02")               # 27 km from the town
    assert (code, kind) == (ISIL, 0)


def city(faction="isil", besieger="sdf"):
    parts = [town(f"District {k}", 35.0 + 0.015 * dy, 38.5 + 0.018 * dx, faction)
             for k, (dx, dy) in enumerate([(-1, 0), (1, 0), (0, -1), (0, 1), (1, 1), (-1, -1)])]
    return [town("Big city", 35.0, 38.5, faction), *parts, town("Outpost", 35.0, 38.0, besieger)]


def test_a_city_known_in_parts_is_contested_by_a_first_capture_report_and_falls_when_it_is_renewed():
    m = model(city(), [event("2017-06-07", "capture", "sdf", "isil", 35.0, 38.5, place="Big city"),
                       event("2017-06-11", "capture", "sdf", "isil", 35.0, 38.5, place="Big city"),
                       event("2017-07-20", "capture", "sdf", "isil", 35.0, 38.5, place="Big city")])
    june = holder(m, "Big city", "2017-06-20")
    assert june.faction == "isil" and june.contested
    taken = holder(m, "Big city", "2017-07-20")
    assert taken.faction == "sdf" and not taken.contested


def test_a_citys_battle_lapses_without_a_new_claim_and_ends_with_the_holders_report():
    from control.captures import CITY_LAPSE_DAYS
    m = model(city("government", "isil"), [event("2017-06-07", "recapture", "isil", "government", 35.0, 38.5,
                                                 place="Big city")])
    assert holder(m, "Big city", "2017-06-08").contested
    over = date(2017, 6, 7) + timedelta(days=CITY_LAPSE_DAYS + 1)
    assert not holder(m, "Big city", over.isoformat()).contested
    assert holder(m, "Big city", over.isoformat()).faction == "government"
    ended = model(city("government", "isil"), [
        event("2017-06-07", "recapture", "isil", "government", 35.0, 38.5, place="Big city"),
        event("2017-06-20", "capture", "government", "isil", 35.0, 38.5, place="Big city")])
    assert not holder(ended, "Big city", "2017-06-21").contested


def test_an_encircled_city_known_in_parts_has_no_clock():
    m = model(city(), [event("2017-06-01", "encircle", "sdf", "isil", 35.0, 38.5, place="Big city")])
    later = date(2017, 6, 1) + timedelta(days=3 * pockets.POCKET_DAYS)
    assert holder(m, "Big city", later.isoformat()).faction == "isil"


def test_allies_do_not_besiege_each_other():
    ring = ringed("rebels", "hts")
    ring[-1] = town("Far west", 34.5, 37.2, "government")
    m = model(ring, [event("2017-06-01", "capture", "hts", "government", 34.5, 37.2, place="Far west")])
    later = date(2017, 6, 1) + timedelta(days=2 * pockets.POCKET_DAYS)
    pocket = holder(m, "Pocket town", later.isoformat())
    assert pocket.faction == "rebels" and not pocket.besieged


def test_communities_are_ground_points_a_ground_spacing_apart():
    from control.points import GROUND_CLEAR_KM, ground_points
    from control.geo import to_metric, to_metric_xy
    villages = np.array([(38.0 + 0.01 * k, 35.2) for k in range(20)])     # 20 villages ~1 km apart
    places = to_metric_xy(np.array([37.3]), np.array([35.0]))
    got = ground_points(places, to_metric(OUTLINE), 10.0, villages)
    near = got[np.hypot(*(got - to_metric_xy(np.array([38.1]), np.array([35.2]))[0]).T) < 15_000]
    d = np.hypot(*(near[:, None, :] - near[None, :, :]).T)
    assert (d[np.triu_indices(len(near), 1)] > GROUND_CLEAR_KM * 1000).all()
    assert any(np.hypot(*(near - to_metric_xy(np.array([38.0]), np.array([35.2]))[0]).T) < 100)   # a village kept


def test_an_area_on_a_named_bank_is_that_bank_whatever_side_its_point_falls():
    areas = PolygonAreas({"cu:banks": box(38.2, 35.3, 38.8, 35.7)}, DiscAreas(OUTLINE))
    baseline = [town("North village", 35.6, 38.5, "isil"), town("South village", 35.4, 38.5, "isil"),
                town("Govtown", 35.4, 38.25, "government"), town("Govnorth", 35.6, 38.25, "government")]
    m = model(baseline, [event("2017-06-10", "capture", "government", "isil", 35.52, 38.5, place="Banks (south bank)",
                               place_id="cu:banks", uncertainty_km=30.0)], areas=areas)
    assert holder(m, "South village", "2017-06-10").faction == "government"
    assert holder(m, "North village", "2017-06-10").faction == "isil"
