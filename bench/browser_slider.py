"""Slider change → chart redrawn, in a real browser (headless Chromium), side by side with the floor.

    python bench/browser_slider.py [--changes 21] [--no-floor]

App: opens Explore on the "$ per month" axis (on-prem, commercial licence, GPT-4-class bar), then
moves the "Monthly token volume" slider one step with the keyboard, alternately up (1B → 3B) and
down; every step moves every point (self-hosting costs change with volume), so every step redraws.
Floor (bench/floor_app.py, on a second server): its minimum-score slider starts just below one
model's score and moves one point up and down, so each step adds or removes that point. Changes
alternate between the two pages, one browser. Measured in the page's own clock: the key press to
the last change of the chart's SVG once the app is idle again. Reports median, p90 and the ratio
app / floor. A measurement, not a test: the machine is noisy. ``TRADEOFFS_DATA_DIR`` applies to both.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.load_servers import started  # noqa: E402
from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS, start_server, wait_idle  # noqa: E402

LINK = "explore?deployment=on-prem&license=commercial&min_score=1289.5&volume=1B&cost=monthly"
# Streamlit may replace the chart's element on a rerun: watch the whole main area and keep only
# mutations that land inside a chart.
WATCH = """() => {
  window.__lastChartChange = null;
  if (window.__chartObserver) window.__chartObserver.disconnect();
  const inChart = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return el && el.closest && el.closest('[data-testid="stVegaLiteChart"]');
  };
  window.__chartObserver = new MutationObserver((records) => {
    if (records.some((r) => inChart(r.target) || [...r.addedNodes].some(inChart))) {
      window.__lastChartChange = performance.now();
    }
  });
  window.__chartObserver.observe(document.querySelector('[data-testid="stMain"]'),
    {subtree: true, childList: true, attributes: true, characterData: true});
  return true;
}"""


def one_change(page, slider, step: int) -> float:
    """ms from one arrow key on ``slider`` to the chart's last change (up on even steps, else down)."""
    page.evaluate(WATCH)
    slider.focus()
    start = page.evaluate("() => performance.now()")
    page.keyboard.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")
    page.wait_for_function("() => window.__lastChartChange !== null", timeout=30_000)
    wait_idle(page)
    page.wait_for_timeout(400)  # let the chart finish drawing after the run ends
    return page.evaluate("() => window.__lastChartChange") - start


def open_page(browser, url: str, label: str):
    """A tab at ``url`` once its chart is drawn, and its slider labelled ``label``."""
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(url)
    wait_idle(page)
    page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")
    for step in range(2):  # warm the caches and the browser
        one_change(page, slider, step)
    return page, slider


def floor_start_bar() -> int:
    """A bar just below the score of a plotted mid-table model (one with a fractional score): one
    step up drops that model from the floor's chart, one step down brings it back."""
    from bench import floor_app
    from tradeoffs.store import connect_readonly, open_store

    con = connect_readonly(open_store().path)
    try:
        scores = floor_app.query_points(con.cursor(), float("-inf"))["score"]
    finally:
        con.close()
    fractional = scores[scores % 1 > 0].sort_values()
    return int(fractional.iloc[len(fractional) // 2] // 1)


def _summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]  # nearest rank
    median = statistics.median(samples)
    return (
        f"{name}: median {median:.0f} ms, p90 {p90:.0f} ms, min {ordered[0]:.0f} ms, max {ordered[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=21)
    parser.add_argument("--no-floor", action="store_true", help="measure the app alone")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(start_server())
        browser = stack.enter_context(sync_playwright()).chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        tabs = {"app": open_page(browser, f"{url}/{LINK}", "Monthly token volume")}
        if not args.no_floor:
            floor_url, _ = stack.enter_context(started("floor"))
            tabs["floor"] = open_page(browser, f"{floor_url}/?min_score={floor_start_bar()}", "Minimum")
        samples = {name: [] for name in tabs}
        for step in range(args.changes):
            for name, (page, slider) in tabs.items():
                samples[name].append(one_change(page, slider, step))
        browser.close()
    print(f"slider change -> chart redrawn, Explore page, {args.changes} changes each, interleaved")
    for name, values in samples.items():
        print(_summary(name, values))
    if "floor" in samples:
        ratio = statistics.median(samples["app"]) / statistics.median(samples["floor"])
        print(f"app / floor (medians): {ratio:.1f}×")


if __name__ == "__main__":
    main()
