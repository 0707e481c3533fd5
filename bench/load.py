"""The page under load, and another user's callbacks while a hostile report is read.

    python bench/load.py [--clients 20] [--moves 100] [--paste-kb 5120]
                         [--shape "dots after a sentence"] [--probe-s 90] [--first-paste-s 10]

Serves the app (``python app.py``, its own process, a throwaway store) on a free loopback
port and talks to it as the browser does (POST /_dash-update-component), with the callbacks
and their inputs read from the page itself (/_dash-dependencies, /_dash-layout), so it
follows the page as it changes:

0. first paste: ``--first-paste-s`` after the page's first answer (a user opening the "Add
   report" tab), a one-sentence report is pasted, then another: how long each took. The
   app warms its reader in the background at start-up, so the first should cost what the
   second does, not the reader's start-up.
1. load: ``--clients`` threads each move the date slider ``--moves`` times to random dates;
   each move fires every server callback the slider feeds. Prints requests, errors (not a
   200/204 or a failed connection), and the latency of one request and of one whole move:
   median, p95, max (``--clients 0``: skipped).
2. hostile paste: one client pastes ``--paste-kb`` of an adversarial shape (tests/hostile.py)
   and presses "Find events", while another moves the slider once every 0.2 s. Prints that
   other client's latency before and during the paste (median, p95, max), how long the paste
   took and what the page answered (at most ``settings.REPORT_TIME_BUDGET_S`` of reading;
   ``--paste-kb 0``: skipped).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from dash_client import Callbacks  # noqa: E402
from dashboard import ids  # noqa: E402
from hostile import SHAPES  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "FRONTLINE_DB": str(store)}
    server = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=30) as response:
                if response.status == 200:
                    return server, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the app did not start within 300 s")


def slider_move(callbacks: Callbacks, slider: list[dict], rng: random.Random) -> tuple[list[tuple[bool, float]], float]:
    props = callbacks.props.get(ids.DATE_SLIDER, {})
    offset = rng.randint(int(props.get("min", 0)), int(props.get("max", 0)))
    started = time.perf_counter()
    results = []
    for dependency in slider:
        ok, seconds, _ = callbacks.post(callbacks.body(dependency, {(ids.DATE_SLIDER, "value"): offset},
                                                       f"{ids.DATE_SLIDER}.value"))
        results.append((ok, seconds))
    return results, time.perf_counter() - started


def figures(values: list[float]) -> str:
    if not values:
        return "no requests"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def load(callbacks: Callbacks, slider: list[dict], clients: int, moves: int) -> None:
    requests: list[tuple[bool, float]] = []
    move_seconds: list[float] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(moves):
            results, seconds = slider_move(callbacks, slider, rng)
            with lock:
                requests.extend(results)
                move_seconds.append(seconds)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    errors = sum(not ok for ok, _ in requests)
    print(f"load: {clients} clients x {moves} slider moves = {len(requests)} requests "
          f"({len(slider)} server callbacks per move) in {elapsed:.0f} s: {errors} errors")
    print(f"  per request: {figures([s for _, s in requests])}")
    print(f"  per move:    {figures(move_seconds)}")


def paste_body(callbacks: Callbacks, text: str) -> bytes:
    [extract] = callbacks.fed_by(ids.EXTRACT, "n_clicks")
    return callbacks.body(extract, {(ids.EXTRACT, "n_clicks"): 1, (ids.PASTE, "value"): text,
                                    (ids.UPLOAD, "contents"): None}, f"{ids.EXTRACT}.n_clicks")


def first_pastes(callbacks: Callbacks, after_s: float) -> None:
    time.sleep(after_s)
    took = []
    for day in (3, 4):
        text = f"On {day} June 2017 the Syrian army captured Palmyra from ISIS.\n"
        ok, seconds, _ = callbacks.post(paste_body(callbacks, text))
        took.append(f"{seconds:.2f} s{'' if ok else ' FAILED'}")
    print(f"first paste {after_s:g} s after the page's first answer: {took[0]}; the next: {took[1]}")


def hostile_paste(callbacks: Callbacks, slider: list[dict], shape: str, size_kb: int, probe_s: float) -> None:
    make, _ = SHAPES[shape]
    body = paste_body(callbacks, make(size_kb * 1024).decode("utf-8"))
    rng = random.Random(7)

    def probe(seconds: float, stop: threading.Event | None = None) -> list[float]:
        latencies = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            _, took = slider_move(callbacks, slider, rng)
            latencies.append(took)
            time.sleep(0.2)
        return latencies

    before = probe(10)
    outcome: dict = {}
    stop = threading.Event()

    def paste() -> None:
        outcome["ok"], outcome["seconds"], outcome["body"] = callbacks.post(body)
        stop.set()

    thread = threading.Thread(target=paste)
    thread.start()
    during = probe(probe_s, stop)
    thread.join()
    answer = outcome["body"].decode("utf-8", "replace")
    try:
        message = json.loads(answer)["response"][ids.REVIEW_MESSAGE]["children"]
        message = message.get("props", {}).get("children", message) if isinstance(message, dict) else message
    except (ValueError, KeyError, TypeError, AttributeError):
        message = answer[:200]
    print(f"hostile paste: {size_kb} KB of {shape!r}, answered in {outcome['seconds']:.1f} s "
          f"({'ok' if outcome['ok'] else 'FAILED'}): {json.dumps(message)[:240]}")
    print(f"  another client's slider move before the paste: {figures(before)} ({len(before)} moves)")
    print(f"  the same during the paste:                     {figures(during)} ({len(during)} moves)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--paste-kb", type=int, default=5120)
    parser.add_argument("--shape", default="dots after a sentence", choices=sorted(SHAPES))
    parser.add_argument("--probe-s", type=float, default=90.0, help="longest the other client probes the paste")
    parser.add_argument("--first-paste-s", type=float, default=10.0,
                        help="seconds after start-up the first report is pasted (negative: skip)")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        server, url = start_server(Path(folder) / "load.db")
        try:
            callbacks = Callbacks(url)
            if args.first_paste_s >= 0:
                first_pastes(callbacks, args.first_paste_s)
            slider = callbacks.fed_by(ids.DATE_SLIDER, "value")
            slider_move(callbacks, slider, random.Random(0))  # the first frames are built once
            if args.clients:
                load(callbacks, slider, args.clients, args.moves)
            if args.paste_kb:
                hostile_paste(callbacks, slider, args.shape, args.paste_kb, args.probe_s)
        finally:
            server.kill()
            server.wait()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
