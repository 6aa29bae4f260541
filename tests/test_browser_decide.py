"""A real browser on the Decide page: the answer is in view on a projector and a phone, a regulated-bank
link renders the ranked table and both charts, a slider moved with the keyboard re-ranks, and a
screenshot lands in artifacts/decide.png."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle

LINK = "/decide?deployment=on-prem&license=commercial&volume=1B&preset=regulated"
BANK_LINK = "/decide?deployment=on-prem&license=commercial&min_score=1289.5&volume=1B&preset=regulated"


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])  # a projector, a phone
def test_the_answer_is_above_the_fold(app_server, browser_page, width, height):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server + BANK_LINK)
    wait_idle(page)
    answer = page.locator('[data-testid="stMarkdown"]').filter(has_text="ranks first").first
    answer.wait_for(timeout=60_000)
    box = answer.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert "stays first in" in answer.inner_text() and "factors" in answer.inner_text()
    # the sliders are folded away under the ranking: none is in view
    weights = page.get_by_text("Adjust the weights (Regulated, on-prem")
    assert weights.count() == 1
    assert not page.locator('[data-testid="stSlider"]').filter(has_text="Cost ·").is_visible()


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

    # A workshop moves one weight: open the weights, focus the cost slider, press End (10 points), the URL
    # and ranking follow.
    page.get_by_text("Adjust the weights").click()
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Cost ·").locator('input[type="range"]')
    slider.focus()
    page.keyboard.press("End")
    page.wait_for_function("() => window.location.search.includes('weights=cost')", timeout=30_000)
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["weights"] == ["cost:10"] and query["preset"] == ["regulated"]
    assert page.get_by_text("modified (cost 10)").count() >= 1
    # the weights stay open while the room works on them, although their label now says "modified"
    assert page.get_by_text("Adjust the weights (Regulated, on-prem, modified (cost 10)").count() == 1
    assert page.locator('[data-testid="stSlider"]').filter(has_text="Cost ·").is_visible()
