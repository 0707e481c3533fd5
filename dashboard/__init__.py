"""The dashboard: page layout, callbacks and the pure view-state helpers behind them.

``app.py`` builds the page from :mod:`dashboard.layout` and wires
:func:`dashboard.callbacks.register_callbacks`; everything a callback computes lives in
a module here (or in ``layers/`` and ``events/``) that runs without Dash.
"""
