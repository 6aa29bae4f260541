"""A real browser on the Decide page: a regulated-bank link renders the ranked table and both charts,
a slider moved with the keyboard re-ranks, and a screenshot lands in artifacts/decide.png."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle

LINK = "/decide?deployment=on-prem&license=commercial&volume=1B&preset=regulated"


@pytest.mark.browser
def test_regulated_bank_link_renders_table_and_charts(app_server, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 3600})  # the whole page: the main area scrolls inside
    page.goto(app_server + LINK)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60_000)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
    assert page.get_by_text("What would flip #1?").count() == 1
    assert page.get_by_text("Regulated, on-prem").count() >= 1
    query = parse_qs(urlparse(page.url).query)
    assert query["preset"] == ["regulated"] and query["deployment"] == ["on-prem"]
    assert not page.locator('[data-testid="stException"]').count()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "decide.png"))

    # A workshop moves one weight: focus the cost slider, press End (10 points), the URL and ranking follow.
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Cost ·").locator('input[type="range"]')
    slider.focus()
    page.keyboard.press("End")
    page.wait_for_function("() => window.location.search.includes('weights=cost')", timeout=30_000)
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["weights"] == ["cost:10"] and query["preset"] == ["regulated"]
    assert page.get_by_text("modified (cost 10)").count() >= 1
