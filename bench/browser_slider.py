"""Slider change → chart redrawn, in a real browser (headless Chromium), on the bundled data.

    python bench/browser_slider.py [--changes 21]

Opens Explore on the "$ per month" axis (on-prem, commercial licence, GPT-4-class bar), then
moves the "Monthly token volume" slider one step with the keyboard, alternately up (1B → 3B) and
down, and measures, in the page's own clock, the time from the key press to the last change of
the chart's SVG once the app is idle again. Every step moves every point (self-hosting costs
change with volume), so every step redraws. Reports the median and p90. A measurement, not a
test: the machine is noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

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


def measure(page, changes: int) -> list[float]:
    slider = (
        page.locator('[data-testid="stSlider"]').filter(has_text="Monthly token volume").get_by_role("slider")
    )
    samples = []
    for i in range(changes):
        page.evaluate(WATCH)
        slider.focus()
        start = page.evaluate("() => performance.now()")
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function("() => window.__lastChartChange !== null", timeout=30_000)
        wait_idle(page)
        page.wait_for_timeout(400)  # let the chart finish drawing after the run ends
        end = page.evaluate("() => window.__lastChartChange")
        samples.append(end - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=21)
    args = parser.parse_args()
    with start_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2000})
        page.goto(f"{url}/{LINK}")
        wait_idle(page)
        page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
        measure(page, 2)  # warm the caches and the browser
        samples = measure(page, args.changes)
        browser.close()
    ordered = sorted(samples)
    print(
        f"slider change -> chart redrawn, Explore page, {len(samples)} changes: "
        f"median {statistics.median(samples):.0f} ms, p90 {ordered[int(0.9 * (len(ordered) - 1))]:.0f} ms, "
        f"min {ordered[0]:.0f} ms, max {ordered[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main()
