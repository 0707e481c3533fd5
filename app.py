"""The front-line map: ``python app.py [--host H] [--port P]`` serves the dashboard.

Thin by design: the page comes from ``dashboard.layout``, the callbacks from
``dashboard.callbacks`` and the data behind them from ``dashboard.model``.
"""
from __future__ import annotations

import argparse
import logging

from dash import Dash

from dashboard.callbacks import register_callbacks, show_error
from dashboard.layout import build_layout
from dashboard.model import DashboardModel
from events.worker import shared_reader
from export.render import start_renderer


def create_app(model: DashboardModel | None = None) -> Dash:
    """The Dash app over ``model`` (the embedded default data when None). The data load in
    the background; the first page request waits for them. Then the worker that reads added
    reports starts, also in the background."""
    model = model or DashboardModel.default()
    # Exports share one warm chromium with the command line's renderer, kept for the app's life.
    start_renderer()
    # The report reader's worker loads once the page's data have (the first paste need not wait).
    shared_reader().warm(after=model.wait)
    app = Dash(__name__, title="The front-line map", update_title=None, on_error=show_error,
               serve_locally=True)
    app.layout = lambda: build_layout(model.page_spec())
    register_callbacks(app, model)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the front-line map.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    create_app().run(host=args.host, port=args.port, debug=False, dev_tools_ui=False,
                     dev_tools_props_check=False)


if __name__ == "__main__":
    main()
