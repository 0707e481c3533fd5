"""The front-line map: a minimal page until the dashboard lands (issue 5)."""
from __future__ import annotations

import argparse

from dash import Dash, html


def create_app() -> Dash:
    app = Dash(__name__, title="The front-line map")
    app.layout = html.Main([html.H1("The front-line map")])
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args()
    create_app().run(host=args.host, port=args.port, debug=False)


if __name__ == "__main__":
    main()
