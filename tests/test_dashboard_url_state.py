"""The URL reproduces the view: encoding and lenient decoding of the query string."""
from __future__ import annotations

from datetime import date

from dashboard.url_state import Choices, ViewState, from_query, to_query

CHOICES = Choices(
    factions=("government", "isil", "sdf"),
    layers=("territory", "front_lines", "events"),
    certainties=("stated", "claimed", "reported", "denied"),
    actions=("capture", "advance", "siege"),
    windows_days=(7, 30, 90),
    first_date=date(2017, 5, 1),
    last_date=date(2018, 4, 30),
)
DEFAULT = ViewState(
    date=date(2017, 5, 1), factions=CHOICES.factions, layers=CHOICES.layers, window_days=30,
    certainties=("stated", "claimed", "reported"), actions=CHOICES.actions,
)


def test_a_view_survives_the_round_trip_through_the_url():
    view = ViewState(
        date=date(2017, 11, 19), factions=("government", "isil"), layers=("territory",),
        window_days=7, certainties=("stated",), actions=("capture",),
        center=(34.4625, 40.9361), zoom=8.5,
    )
    assert from_query(to_query(view), DEFAULT, CHOICES) == view


def test_an_empty_selection_stays_empty_and_is_not_read_as_the_default():
    view = ViewState(
        date=date(2017, 6, 1), factions=(), layers=(), window_days=90, certainties=(), actions=(),
    )
    query = to_query(view)
    assert "factions=none" in query
    assert from_query(query, DEFAULT, CHOICES) == view


def test_an_empty_query_gives_the_default_view():
    assert from_query("", DEFAULT, CHOICES) == DEFAULT
    assert from_query(None, DEFAULT, CHOICES) == DEFAULT


def test_unknown_values_are_dropped_and_garbage_falls_back_to_the_default():
    view = from_query(
        "?date=2017-13-45&factions=isil,martians&layers=xyz&window=12&lat=abc&lon=40&zoom=99",
        DEFAULT, CHOICES,
    )
    assert view.date == DEFAULT.date
    assert view.factions == ("isil",)
    assert view.layers == DEFAULT.layers
    assert view.window_days == DEFAULT.window_days
    assert view.center is None and view.zoom is None


def test_a_date_outside_the_span_is_clamped_to_it():
    assert from_query("?date=2016-01-01", DEFAULT, CHOICES).date == CHOICES.first_date
    assert from_query("?date=2020-01-01", DEFAULT, CHOICES).date == CHOICES.last_date


def test_selections_keep_the_canonical_order_whatever_the_link_says():
    assert from_query("?factions=sdf,government", DEFAULT, CHOICES).factions == ("government", "sdf")


def test_the_query_is_readable_with_plain_commas():
    query = to_query(DEFAULT)
    assert query.startswith("?date=2017-05-01&")
    assert "factions=government,isil,sdf" in query
