"""A small client of a Dash page's callbacks, as the browser talks to the server.

The page's server callbacks and their inputs are read from the page itself
(``/_dash-dependencies``, ``/_dash-layout``), so that a request follows the page as it
changes. Used by bench/load.py and the crafted-request tests (tests/test_hostile_browser.py).
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=120) as response:
        return json.load(response)


def layout_props(node, found: dict) -> dict:
    """Each component's props by id, from the page's layout tree."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            found[props["id"]] = props
        for value in (props.values() if isinstance(props, dict) else []):
            layout_props(value, found)
    elif isinstance(node, list):
        for item in node:
            layout_props(item, found)
    return found


def _outputs(spec: str):
    """The ``outputs`` of a request from a dependency's ``output`` ("a.b" or "..a.b...c.d..")."""
    def one(part: str) -> dict:
        component, prop = part.rsplit(".", 1)
        return {"id": component, "property": prop}
    if spec.startswith(".."):
        return [one(part) for part in spec.strip(".").split("...")]
    return one(spec)


class Callbacks:
    """The page's server callbacks, and request bodies for them with the layout's values."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dependencies = [d for d in get_json(url + "/_dash-dependencies") if not d.get("clientside_function")]
        self.props = layout_props(get_json(url + "/_dash-layout"), {})

    def fed_by(self, component: str, prop: str) -> list[dict]:
        """Server callbacks with ``component.prop`` as an input (and no pattern-matching ids)."""
        return [d for d in self.dependencies
                if any(i["id"] == component and i["property"] == prop for i in d["inputs"])
                and all(isinstance(i["id"], str) and not i["id"].startswith("{") for i in d["inputs"] + d["state"])]

    def body(self, dependency: dict, values: dict[tuple[str, str], object], changed: str) -> bytes:
        def item(dep):
            key = (dep["id"], dep["property"])
            value = values[key] if key in values else self.props.get(dep["id"], {}).get(dep["property"])
            return {**dep, "value": value}
        return json.dumps({"output": dependency["output"], "outputs": _outputs(dependency["output"]),
                           "inputs": [item(i) for i in dependency["inputs"]],
                           "state": [item(s) for s in dependency["state"]],
                           "changedPropIds": [changed]}).encode("utf-8")

    def post(self, body: bytes, timeout_s: float = 600) -> tuple[bool, float, bytes]:
        """(ok, seconds, response body) of one callback request."""
        request = urllib.request.Request(self.url + "/_dash-update-component", data=body,
                                         headers={"Content-Type": "application/json"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                content = response.read()
                return response.status in (200, 204), time.perf_counter() - started, content
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return False, time.perf_counter() - started, str(error).encode()
