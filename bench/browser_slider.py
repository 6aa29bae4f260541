"""Slider change → page redrawn, in a real browser (headless Chromium), side by side with the floor.

    python bench/browser_slider.py [--changes 21] [--no-floor] [--pages explore,costs,…]

App: opens each page of the regulated bank's link (on-prem, commercial licence, GPT-4-class bar,
"$ per month" axis, two models shortlisted), then moves the sidebar's "Monthly token volume" slider
one step with the keyboard, alternately up (1B → 3B) and down. On Explore and Costs every step
moves every point of the chart, and the time is to the chart's last change; on the other pages the
volume changes the numbers they show (cheapest model, cost factor, monthly costs), and the time is
to the main area's last change, not counting a table's hidden accessibility cells, which follow the
canvas a few hundred ms later (Data shows nothing that depends on it: its time is the rerun's).
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

QUERY = (
    "deployment=on-prem&license=commercial&min_score=1289.5&volume=1B&cost=monthly"
    "&shortlist=qwen3.6-27b,gpt-oss-120b&cmp=qwen3.6-27b,gpt-oss-120b"
)
PAGES = ("overview", "explore", "decide", "costs", "shortlist", "compare", "data")
CHART_PAGES = ("explore", "costs")
VOLUME = "Monthly token volume"  # the others: any change in the main area counts
# Streamlit may replace the chart's element on a rerun: watch the whole main area and keep only
# mutations that land inside what is watched (a chart, or anything when ``chartOnly`` is false).
WATCH = """(chartOnly) => {
  window.__lastChartChange = null;
  window.__runEnded = null;
  for (const o of window.__observers || []) o.disconnect();
  const inChart = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!chartOnly) {
      // A table draws on a canvas; its hidden accessibility cells follow a few hundred ms later.
      const cell = el && el.closest && el.closest('[data-testid^="glide-cell"]');
      return !cell;
    }
    return el && el.closest && el.closest('[data-testid="stVegaLiteChart"]');
  };
  const content = new MutationObserver((records) => {
    if (records.some((r) => inChart(r.target) || [...r.addedNodes].some(inChart))) {
      window.__lastChartChange = performance.now();
    }
  });
  content.observe(document.querySelector('[data-testid="stMain"]'),
    {subtree: true, childList: true, attributes: true, characterData: true});
  // The run's end: Streamlit's own mark on the app goes from running back to not running.
  const app = document.querySelector('[data-testid="stApp"]');
  let running = false;
  const state = new MutationObserver(() => {
    const now = app.getAttribute('data-test-script-state');
    if (now === 'running') running = true;
    else if (running) window.__runEnded = performance.now();
  });
  state.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  window.__observers = [content, state];
  return true;
}"""


def one_change(page, slider, step: int, chart_only: bool = True) -> float:
    """ms from one arrow key on ``slider`` to the chart's (or the main area's) last change (up on even
    steps, else down)."""
    page.bring_to_front()  # a background tab gets no animation frames: its charts would not draw
    page.evaluate(WATCH, chart_only)
    slider.focus()
    start = page.evaluate("() => performance.now()")
    page.keyboard.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")
    if chart_only:
        page.wait_for_function("() => window.__lastChartChange !== null", timeout=30_000, polling=50)
    page.wait_for_function("() => window.__runEnded !== null", timeout=30_000, polling=50)
    wait_idle(page)
    page.wait_for_timeout(400)  # let the page finish drawing after the run ends
    ended = page.evaluate(
        "() => Math.max(window.__lastChartChange || 0, chartOnly ? 0 : window.__runEnded)".replace(
            "chartOnly", "true" if chart_only else "false"
        )
    )
    return ended - start


def open_page(browser, url: str, label: str, chart_only: bool = True):
    """A tab at ``url`` once it is drawn, its slider labelled ``label``, and ``chart_only``."""
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(url)
    wait_idle(page)
    if chart_only:
        page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")
    for step in range(2):  # warm the caches and the browser
        one_change(page, slider, step, chart_only)
    return page, slider, chart_only


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
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]
    if unknown := set(pages) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(start_server())
        browser = stack.enter_context(sync_playwright()).chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        paths = {page: "" if page == "overview" else page for page in pages}
        tabs = {
            page: open_page(browser, f"{url}/{paths[page]}?{QUERY}", VOLUME, page in CHART_PAGES)
            for page in pages
        }
        if not args.no_floor:
            floor_url, _ = stack.enter_context(started("floor"))
            tabs["floor"] = open_page(browser, f"{floor_url}/?min_score={floor_start_bar()}", "Minimum")
        samples = {name: [] for name in tabs}
        for step in range(args.changes):
            for name, (page, slider, chart_only) in tabs.items():
                samples[name].append(one_change(page, slider, step, chart_only))
        browser.close()
    print(f"slider change -> page redrawn, {args.changes} changes each, interleaved tab by tab")
    for name, values in samples.items():
        ratio = ""
        if "floor" in samples and name != "floor":
            ratio = statistics.median(values) / statistics.median(samples["floor"])
            ratio = f"   app / floor (medians) {ratio:.1f}×"
        print(_summary(f"{name:<10}", values) + ratio)


if __name__ == "__main__":
    main()
