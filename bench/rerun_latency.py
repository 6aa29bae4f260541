"""Rerun latency per page, in-process (AppTest), on the bundled data; and chart-building cost.

    python bench/rerun_latency.py [--reruns 25]

Reports medians (and p90) of: a rerun with nothing changed (all caches warm), a rerun after a
constraint change that misses the cost cache (a new volume each time), and, side by side in the
same process, building the Explore chart as a plain Vega-Lite dict (what the app does) versus
the same chart through Altair objects. Measurements, not pass/fail: the machine is noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime import pages_manager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ["pages/overview.py", "pages/explore.py", "pages/decide.py", "pages/costs.py", "pages/shortlist.py"]


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
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms   (n={len(samples)})"


def bench_page(page: str, reruns: int) -> tuple[list[float], list[float]]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["shortlist"] = "llama-3.3-70b,gpt-4o"
    at.run()
    at.switch_page(page)
    at.run()
    warm = [_timed(at.run) for _ in range(reruns)]
    changed = []
    for i in range(reruns):
        at.session_state["w_volume_tokens"] = 10**8 + 7_777_777 * (
            i + 1
        )  # a volume never seen: cost cache miss
        changed.append(_timed(at.run))
        assert not at.exception, at.exception
    return warm, changed


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reruns", type=int, default=25)
    args = parser.parse_args()
    _live_server_navigation()
    print(f"AppTest reruns on the bundled data ({args.reruns} per mode)")
    for page in PAGES:
        warm, changed = bench_page(page, args.reruns)
        print(f"{page:<22} unchanged   {_summary(warm)}")
        print(f"{'':<22} new volume  {_summary(changed)}")
    as_dict, with_alt = bench_chart_building(args.reruns)
    print(f"Explore chart, 300 points: plain dict {_summary(as_dict)}")
    print(f"                           Altair     {_summary(with_alt)}")
    print(f"ratio Altair / dict (medians): {statistics.median(with_alt) / statistics.median(as_dict):.1f}×")


if __name__ == "__main__":
    main()
