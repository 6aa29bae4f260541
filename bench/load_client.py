"""Concurrent sessions against a local Streamlit server, speaking its own websocket protocol.

    python bench/load_client.py --start app,floor --sessions 10 --reruns 5 --seconds 60
    python bench/load_client.py --url http://127.0.0.1:8501 --page explore --server-pid 1234

Each session opens ``/_stcore/stream`` (subprotocol ``streamlit``) as a browser tab does, sends a
``rerun_script`` BackMsg with the page and query string, and reads ForwardMsgs until
``script_finished``: that is its first run. Then, up to ``--reruns`` times, it waits a think time
(2–5 s), moves the widget labelled ``--widget`` (by default the minimum-score slider, which the
app and the floor both have) to a random position and measures the time from sending the rerun to
``script_finished``. Reported: p50/p95/max of first runs and of reruns, reruns per second,
errors (exception elements, compile errors, disconnects, timeouts) and the server's RSS.

``--start app,floor`` starts each target itself on a free loopback port (the app, then
bench/floor_app.py, on the same ``TRADEOFFS_DATA_DIR``), loads them one after the other, stops
them by PID and prints the ratios app / floor. Bounded: loopback targets only, at most
MAX_SESSIONS sessions, ``--reruns`` per session, ``--seconds`` per target.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.load_servers import LOOPBACK, percentile, rss_mb, started  # noqa: E402

MAX_SESSIONS = 60
RUN_TIMEOUT_S = 120  # one run longer than this counts as a timeout, and the session ends
WIDGET = "Minimum LMArena text score"


@dataclass
class Results:
    first_ms: list[float] = field(default_factory=list)
    rerun_ms: list[float] = field(default_factory=list)
    exceptions: int = 0  # exception elements the script drew
    compile_errors: int = 0
    disconnects: int = 0
    timeouts: int = 0
    widget_missing: int = 0  # sessions that never saw the widget to move
    wrong_page: int = 0  # reruns that showed another page than the first run (a protocol mistake)
    rss_mb: list[float] = field(default_factory=list)


@dataclass
class Run:
    """What one script run sent: its status, the sliders drawn (label → proto) and the page hash."""

    status: str = ""
    sliders: dict = field(default_factory=dict)
    exceptions: int = 0
    page_hash: str = ""
    plotted: str = ""  # the caption saying how many models were plotted: shows that a move took effect


def rerun_message(query: str, page_name: str = "", page_hash: str = "", widgets=()) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string, state.page_name, state.page_script_hash = query, page_name, page_hash
    state.widget_states.widgets.extend(widgets)
    return msg.SerializeToString()


async def read_run(ws) -> Run:
    """ForwardMsgs until the run's final ``script_finished`` (or TimeoutError after RUN_TIMEOUT_S)."""
    run = Run()
    async with asyncio.timeout(RUN_TIMEOUT_S):
        while not run.status:
            msg = ForwardMsg.FromString(await ws.recv())
            kind = msg.WhichOneof("type")
            # The page shown: st.navigation names it (new_session's hash is the entry script's
            # when the server is warm), a one-page script only in new_session.
            if kind == "new_session" and not run.page_hash:
                run.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation" and msg.navigation.page_script_hash:
                run.page_hash = msg.navigation.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception":
                    run.exceptions += 1
                elif element.WhichOneof("type") == "slider":
                    run.sliders[element.slider.label] = element.slider
                elif "models plotted" in element.markdown.body:
                    run.plotted = element.markdown.body.split(".")[0].replace("\\", "")
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                # A run cut short for a rerun (st.navigation leaving the pages/ folder's mode on a
                # session's first run) is not the end: the rerun that follows is.
                run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
    return run


def moved(slider, rng: random.Random):
    """A WidgetState putting ``slider`` somewhere new: an option of a select_slider, else a value."""
    state = BackMsg().rerun_script.widget_states.widgets.add()
    state.id = slider.id
    if slider.options:  # st.select_slider: the formatted option
        state.string_array_value.data.append(rng.choice(list(slider.options)))
    else:
        steps = max(int((slider.max - slider.min) / (slider.step or 1)), 1)
        state.double_array_value.data.append(slider.min + rng.randint(0, steps) * (slider.step or 1))
    return state


def route_cookie(page_url: str) -> str:
    """The cookies a browser would get with the page itself (behind deploy/'s nginx: the sticky
    route), as a Cookie header; the websocket then reaches the process that served the page."""
    with urllib.request.urlopen(page_url, timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def _count(run: Run, results: Results) -> None:
    results.exceptions += run.exceptions
    results.compile_errors += run.status == "FINISHED_WITH_COMPILE_ERROR"


def _connect(target: dict, cookie: str):
    headers = {"Cookie": cookie} if cookie else None
    return connect(
        target["ws"], subprotocols=["streamlit"], max_size=None, open_timeout=60, additional_headers=headers
    )


async def _timed_run(ws, message: bytes) -> tuple[float, Run]:
    """(ms from sending ``message`` to the run's final script_finished, the run)."""
    start = time.perf_counter()
    await ws.send(message)
    run = await read_run(ws)
    return (time.perf_counter() - start) * 1000, run


async def session(target: dict, args, results: Results, deadline: float, seed: int) -> None:
    """One browser tab's worth of traffic: the page, a first run, then bounded reruns with think time."""
    rng = random.Random(seed)
    try:
        cookie = await asyncio.to_thread(route_cookie, target["page_url"])
        async with _connect(target, cookie) as ws:
            ms, run = await _timed_run(ws, rerun_message(target["query"], page_name=target["page"]))
            results.first_ms.append(ms)
            _count(run, results)
            await _reruns(ws, target, run, args, results, deadline, rng, verbose=args.verbose and seed == 0)
    except TimeoutError:
        results.timeouts += 1
    except (WebSocketException, OSError):
        results.disconnects += 1


async def _reruns(ws, target: dict, first: Run, args, results: Results, deadline: float, rng, verbose: bool):
    """Up to ``args.reruns`` moves of the widget, each after a think time, while time is left."""
    slider = first.sliders.get(args.widget)
    if slider is None:
        results.widget_missing += 1
        return
    for _ in range(args.reruns):
        think_s = rng.uniform(*args.think)
        if time.monotonic() + think_s > deadline:
            return
        await asyncio.sleep(think_s)
        message = rerun_message(target["query"], page_hash=first.page_hash, widgets=[moved(slider, rng)])
        ms, run = await _timed_run(ws, message)
        results.rerun_ms.append(ms)
        _count(run, results)
        results.wrong_page += run.page_hash != first.page_hash
        if verbose:
            print(f"  session 0: {ms:.0f} ms, {run.status}, {run.plotted}")
        slider = run.sliders.get(args.widget, slider)


async def sample_rss(pids: list[int], results: Results, stop: asyncio.Event) -> None:
    while not stop.is_set():
        results.rss_mb.append(sum(rss_mb(pid) for pid in pids))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def warm_up(target: dict) -> None:
    """One session's first run, not counted: imports, the store and the caches are ready after it."""
    cookie = await asyncio.to_thread(route_cookie, target["page_url"])
    async with _connect(target, cookie) as ws:
        await _timed_run(ws, rerun_message(target["query"], page_name=target["page"]))


async def load(target: dict, args, pids: list[int]) -> tuple[Results, float]:
    """All sessions against one target at once; (results, wall seconds)."""
    if not args.cold:
        await warm_up(target)
    results, stop = Results(), asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pids, results, stop))
    deadline, start = time.monotonic() + args.seconds, time.monotonic()
    sessions = [session(target, args, results, deadline, seed) for seed in range(args.sessions)]
    try:
        await asyncio.wait_for(asyncio.gather(*sessions), timeout=args.seconds + RUN_TIMEOUT_S)
    except TimeoutError:
        results.timeouts += 1
    stop.set()
    await sampler
    return results, time.monotonic() - start


def _stats(samples: list[float]) -> str:
    if not samples:
        return "n=0"
    return (
        f"n={len(samples):>3}  p50 {percentile(samples, 50):7.0f} ms  p95 {percentile(samples, 95):7.0f} ms"
        f"  max {max(samples):7.0f} ms"
    )


def report(name: str, results: Results, wall_s: float) -> None:
    rss = results.rss_mb
    print(f"[{name}]")
    print(f"  first run  {_stats(results.first_ms)}")
    print(f"  rerun      {_stats(results.rerun_ms)}  ({len(results.rerun_ms) / wall_s:.2f} reruns/s)")
    print(
        f"  errors     {results.exceptions} exceptions, {results.compile_errors} compile errors, "
        f"{results.disconnects} disconnects, {results.timeouts} timeouts, "
        f"{results.widget_missing} sessions without the widget, {results.wrong_page} reruns on another page"
    )
    if rss and max(rss) > 0:
        print(f"  server RSS {rss[0]:.0f} MB at start, {max(rss):.0f} MB max, {rss[-1]:.0f} MB at end")


def compare(by_name: dict[str, Results]) -> None:
    if not {"app", "floor"} <= set(by_name):
        return
    app, floor = by_name["app"], by_name["floor"]
    for label, attr in (("first run", "first_ms"), ("rerun", "rerun_ms")):
        a, f = getattr(app, attr), getattr(floor, attr)
        if a and f:
            ratios = [percentile(a, q) / percentile(f, q) for q in (50, 95)]
            print(f"app / floor, {label}: p50 {ratios[0]:.1f}×, p95 {ratios[1]:.1f}×")


def _target(url: str, page: str, query: str) -> dict:
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"refusing {url}: this client only loads servers on 127.0.0.1 / localhost")
    scheme = "wss" if parts.scheme == "https" else "ws"
    base = parts.path.rstrip("/")
    return {
        "ws": f"{scheme}://{parts.netloc}{base}/_stcore/stream",
        "page_url": f"{parts.scheme}://{parts.netloc}{base}/{page}" + (f"?{query}" if query else ""),
        "page": page,
        "query": query,
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8501 (loopback only)")
    where.add_argument("--start", help="targets to start here, one after the other: app, floor or app,floor")
    parser.add_argument("--page", default="explore", help="the app's page (url path), e.g. explore, costs")
    parser.add_argument("--query", default="", help="query string of the link, e.g. deployment=on-prem")
    parser.add_argument("--widget", default=WIDGET, help="label of the slider each rerun moves")
    parser.add_argument("--sessions", type=int, default=10, help=f"concurrent sessions (≤ {MAX_SESSIONS})")
    parser.add_argument("--reruns", type=int, default=5, help="reruns per session after the first run")
    parser.add_argument("--seconds", type=float, default=60, help="time budget per target")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN_S", "MAX_S"))
    parser.add_argument("--cold", action="store_true", help="no warm-up session before the measured ones")
    parser.add_argument("--verbose", action="store_true", help="print session 0's reruns as they finish")
    parser.add_argument("--server-pid", type=int, action="append", default=[], help="for RSS (repeatable)")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS or args.reruns < 0 or not 0 < args.seconds <= 900:
        parser.error(f"bounds: 1 ≤ --sessions ≤ {MAX_SESSIONS}, --reruns ≥ 0, 0 < --seconds ≤ 900")
    return args


def main() -> None:
    args = parse_args()
    print(
        f"{args.sessions} sessions × ≤ {args.reruns} reruns, think {args.think[0]:g}–{args.think[1]:g} s, "
        f"≤ {args.seconds:g} s per target, moving '{args.widget}'"
    )
    by_name = {}
    if args.url:
        results, wall = asyncio.run(load(_target(args.url, args.page, args.query), args, args.server_pid))
        report(args.url, results, wall)
        return
    for name in [n.strip() for n in args.start.split(",")]:
        with started(name.strip()) as (url, pids):
            page, query = (args.page, args.query) if name == "app" else ("", "")
            by_name[name], wall = asyncio.run(load(_target(url, page, query), args, pids))
            report(f"{name} at {url}/{page}", by_name[name], wall)
    compare(by_name)


if __name__ == "__main__":
    main()
