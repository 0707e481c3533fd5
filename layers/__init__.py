"""Map layers: each module turns a date's ``MapState`` and a ``View`` into plotly traces.

Every layer module has the same small interface (after kepler.gl's layer classes):
``NAME``; ``NEEDS`` (the fields it reads); ``DEFAULT_STYLE``; ``MISSING`` (how it shows a
missing value); ``build(state, view) -> list of traces``. Data preparation is apart, in
``control.state.compute(data, date)`` (cached per date); ``layers.figure.make_figure`` assembles
the traces of the view's layers on the offline map style.

Traces are made with plotly's ``_validate=False`` and numpy coordinate arrays: property
validation and deep copies of Python lists cost more than everything else per date. The tests
(``tests/test_layers_figure.py``) rebuild every layer's figure with validation on instead.
"""
from __future__ import annotations

from layers import advances, base, event_markers, front_lines, labels, territory

LAYERS = {
    "base": base,
    "territory": territory,
    "front_lines": front_lines,
    "advances": advances,
    "events": event_markers,
    "labels": labels,
}
