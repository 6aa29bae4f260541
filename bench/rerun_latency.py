"""Rerun latency per page, in-process (AppTest), side by side with the floor; and chart-building cost.

    python bench/rerun_latency.py [--reruns 25] [--data-dir /tmp/data-5x] [--pages explore,costs]
                                  [--link 'deployment=region&region=EU']

For every page, in one process and interleaved rerun by rerun with the floor script
(bench/floor_app.py, on the same data), it reports medians (and p90) of: a rerun with nothing
changed (all caches warm), and a rerun after a change: for the app a constraint change that misses
the cost cache (a volume and input share never used before in the process, set through the
sidebar's widgets), for the floor a new minimum score. ``--link`` adds a link's parameters to the
app's URL (e.g. a privacy-ladder rung). Then the ratio
app / floor of the medians. ``--data-dir`` runs both on another data folder (bench/synth_data.py
writes 5× and 20× ones). Last, side by side in the same process, building the Explore chart as a
plain Vega-Lite dict (what the app does) versus the same chart through Altair objects.
Measurements, not pass/fail: the machine is noisy.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime import pages_manager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tradeoffs.page_list import PAGE_FILES  # noqa: E402  (imports nothing: the store is not touched)

FLOOR = ROOT / "bench" / "floor_app.py"
# The environment variables of tradeoffs/store.py, named here because they must be set before it is imported.
DATA_DIR_ENV, STORE_DIR_ENV = "TRADEOFFS_DATA_DIR", "TRADEOFFS_STORE_DIR"


def _live_server_navigation() -> None:
    """Run pages as a live server does after its first request (see tests/conftest.py)."""
    original = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    pages_manager.PagesManager.__init__ = init


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]  # nearest rank: a value that was measured
    return f"median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms   (n={len(samples)})"


LINK: dict[str, str] = {}  # --link: more URL parameters for the app


def _app_at(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["shortlist"] = "llama-3.3-70b,gpt-4o"
    at.query_params["cmp"] = "llama-3.3-70b,gpt-4o"  # Compare shows the two, not its empty hint
    at.query_params.update(LINK)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _floor_at() -> AppTest:
    at = AppTest.from_file(str(FLOOR), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _plotted(at: AppTest) -> str:
    """What the page's caption says it plotted ("400 models plotted"), or "" without a chart."""
    for caption in at.caption:
        if "models plotted" in caption.value:
            return caption.value.split(".")[0].replace("\\", "")
    return ""


def _unseen_costs():
    """(volume, input share) pairs the app has not computed costs for, each used once per process."""
    from tradeoffs.ui.sidebar import VOLUME_STEPS

    shares = [round(0.05 * k, 2) for k in range(1, 20) if k != 15]  # 0.75 is the default
    pairs = [(v, s) for s in shares for v in VOLUME_STEPS if v != 10**8]
    random.Random(12).shuffle(pairs)
    return iter(pairs)


def bench_page(page: str, reruns: int) -> dict[str, list[float]]:
    """Samples (ms) of app and floor, unchanged and changed, interleaved rerun by rerun."""
    app, floor = _app_at(page), _floor_at()
    slider = floor.slider(key="min_score")
    low, high = slider.min, slider.max
    samples = {"app unchanged": [], "floor unchanged": [], "app changed": [], "floor changed": []}
    for _ in range(reruns):
        samples["app unchanged"].append(_timed(app.run))
        samples["floor unchanged"].append(_timed(floor.run))
    for i in range(reruns):
        # A volume and input share never seen in this process (through the widgets, as a person moves them;
        # setting session state would be overridden by the widgets' own state): a cost-cache miss.
        volume, share = next(UNSEEN)
        app.select_slider(key="w_volume_tokens").set_value(volume)
        app.slider(key="w_input_share").set_value(share)
        samples["app changed"].append(_timed(app.run))
        # The floor's bar sweeps its range: a new filter each time.
        # Alternately in the lower and the upper half of the floor's range, so every bar is new.
        fraction = (i % 2) / 2 + i / (2 * reruns)
        floor.slider(key="min_score").set_value(float(round(low + (high - low) * fraction)))
        samples["floor changed"].append(_timed(floor.run))
        assert not app.exception and not floor.exception, app.exception or floor.exception
    if plotted := _plotted(app):
        print(f"  ({page}: {plotted}; the floor at no minimum: {_plotted(_floor_at())})")
    return samples


UNSEEN = None  # set in main, once the store is pointed at its data


def _report_page(page: str, samples: dict[str, list[float]]) -> None:
    for mode in ("unchanged", "changed"):
        app, floor = samples[f"app {mode}"], samples[f"floor {mode}"]
        ratio = statistics.median(app) / statistics.median(floor)
        print(f"{page:<20} {mode:<10} app   {_summary(app)}")
        print(f"{'':<20} {'':<10} floor {_summary(floor)}   app/floor {ratio:4.1f}×")


def bench_chart_building(reruns: int) -> tuple[list[float], list[float]]:
    import altair as alt
    import pandas as pd

    from tradeoffs.charts import build_tradeoff_chart

    df = pd.read_csv(ROOT / "data" / "scores.csv").query("benchmark == 'arena_text'").head(300)
    points = pd.DataFrame(
        {
            "model_id": df["model_id"],
            "name": df["model_id"],
            "organization": "x",
            "access": "Closed",
            "tier_label": "5 · proprietary",
            "license_name": "Proprietary",
            "cost": range(1, len(df) + 1),
            "score": df["score"],
            "cost_text": "$1",
            "score_text": "1",
            "price_source": "s",
            "score_source": "s",
            "on_frontier": False,
            "shortlisted": False,
        }
    )
    as_dict = [_timed(lambda: build_tradeoff_chart(points, x_title="x", y_title="y")) for _ in range(reruns)]

    def with_altair():
        base = alt.Chart(points).encode(x=alt.X("cost:Q", scale=alt.Scale(type="log")), y="score:Q")
        chart = base.mark_point(filled=True).encode(
            color="access:N", shape="tier_label:N", tooltip=["name", "organization", "cost_text"]
        )
        (chart + base.mark_line().transform_filter("datum.on_frontier")).to_dict()

    with_alt = [_timed(with_altair) for _ in range(reruns)]
    return as_dict, with_alt


def _use_data_dir(data_dir: Path | None) -> str:
    """Point the app and the floor at ``data_dir`` (before tradeoffs is imported); its description."""
    if data_dir is not None:
        os.environ[DATA_DIR_ENV] = str(data_dir.resolve())
        # A store folder per data folder: the store removes other versions from its folder.
        default_store = Path(tempfile.gettempdir()) / f"tradeoffs-bench-store-{data_dir.resolve().name}"
        os.environ.setdefault(STORE_DIR_ENV, str(default_store))
    from tradeoffs import store

    models = store.table_path(store.DATA_DIR, "models").read_bytes().count(b"\n") - 1
    return f"{store.DATA_DIR} ({models:,} lines in models.csv)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reruns", type=int, default=25)
    parser.add_argument("--data-dir", type=Path, help="another data folder (see bench/synth_data.py)")
    parser.add_argument("--pages", help="comma-separated page names (default: all), e.g. explore,costs")
    parser.add_argument("--skip-chart", action="store_true", help="leave out the dict-vs-Altair comparison")
    parser.add_argument("--link", default="", help="URL parameters for the app, e.g. 'deployment=region'")
    args = parser.parse_args()
    LINK.update(parse_qsl(args.link))
    where = _use_data_dir(args.data_dir)
    # AppTest's "missing ScriptRunContext" warnings are noise here (AppTest resets the log level).
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True
    pages = [f"pages/{p.strip()}.py" for p in args.pages.split(",")] if args.pages else PAGE_FILES
    _live_server_navigation()
    global UNSEEN
    UNSEEN = _unseen_costs()
    link = f", app link ?{args.link}" if args.link else ""
    print(f"AppTest reruns on {where}: {args.reruns} per mode, interleaved with {FLOOR.name}{link}")
    for page in pages:
        _report_page(page, bench_page(page, args.reruns))
    if args.skip_chart:
        return
    as_dict, with_alt = bench_chart_building(args.reruns)
    print(f"Explore chart, 300 points: plain dict {_summary(as_dict)}")
    print(f"                           Altair     {_summary(with_alt)}")
    print(f"ratio Altair / dict (medians): {statistics.median(with_alt) / statistics.median(as_dict):.1f}×")


if __name__ == "__main__":
    main()
