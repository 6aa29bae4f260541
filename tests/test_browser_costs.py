"""Real browser (headless Chromium): the Costs page of a shared link, its chart, and an assumption change.

The screenshot (artifacts/costs.png) is what the workshop sees; look at it after a layout change.
"""

from __future__ import annotations

import re

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle
from tests.test_app_costs import _expected
from tradeoffs.costs.assumptions import CostAssumptions

pytestmark = pytest.mark.browser
LINK = "costs?shortlist=llama-3.3-70b,gpt-4o&volume=1B"
CHART = '[data-testid="stVegaLiteChart"]'


def test_costs_chart_draws_both_options_the_breakeven_and_follows_fp8(app_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(f"{app_server}/{LINK}")
    wait_idle(page)
    chart = page.locator(CHART).first
    chart.locator("svg").first.wait_for()
    # Vega draws each line as a path in a mark-line group: the staircase and the API line.
    lines = chart.locator("g.mark-line path")
    assert lines.count() >= 2
    assert all(len(lines.nth(i).get_attribute("d") or "") > 100 for i in range(2))
    svg_text = chart.inner_text()
    assert "Llama-3.3-70B-Instruct · self-hosted" in svg_text and "GPT-4o · API" in svg_text
    default = _expected(CostAssumptions())
    assert f"breakeven {default.text.split(' at ')[1].split(' tokens')[0]}" in svg_text
    assert re.search(r"your volume:\s*1B tokens/month", svg_text)  # on two lines, to fit a phone
    page.get_by_text(default.text).first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "costs.png"))

    page.get_by_text("8-bit", exact=True).click()  # the weight-precision control in the assumptions panel
    fp8 = _expected(CostAssumptions(precision_bits=8))
    page.get_by_text(fp8.text).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert "precision_bits=8" in page.url
    assert f"breakeven {fp8.text.split(' at ')[1].split(' tokens')[0]}" in chart.inner_text()
    page.screenshot(path=str(ARTIFACTS / "costs_fp8.png"))
