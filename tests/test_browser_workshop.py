"""Real browser (headless Chromium): what a facilitator and an executive actually see.

A shared link opened on a freshly started server, the filtered chart and table, a slider that
redraws the chart, and navigation that keeps the constraints.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest

from tests.app_helpers import store_query
from tests.browser_helpers import ARTIFACTS, start_server, wait_idle

pytestmark = pytest.mark.browser
LINK = "explore?deployment=on-prem&license=commercial&min_score=1289.5&shortlist=llama-3.3-70b"
CHART = '[data-testid="stVegaLiteChart"]'


def _passing(page) -> int:
    text = page.get_by_text(re.compile(r"^[\d,]+ models pass$")).inner_text()
    return int(text.split()[0].replace(",", ""))


def _plotted(page) -> int:
    return int(page.get_by_text(re.compile(r"^\d+ models plotted")).inner_text().split()[0])


def _expected_passing(min_score: float | None = 1289.5) -> int:
    sql = (
        "SELECT count(*) FROM models m JOIN licenses l USING (license_id) "
        "LEFT JOIN scores s ON s.model_id = m.model_id AND s.benchmark = 'arena_text' "
        "WHERE m.open_weights AND l.commercial_use <> 'no' AND m.status <> 'deprecated'"
    )
    if min_score is not None:
        return store_query(sql + " AND s.score >= ?", [min_score])[0][0]
    return store_query(sql)[0][0]


def test_a_shared_link_on_a_cold_server_shows_the_filtered_view(browser_page):
    with start_server() as url:  # a server that has served nothing yet: a cold start, as after a deploy
        browser_page.goto(f"{url}/{LINK}")
        wait_idle(browser_page)
        page = browser_page
        page.get_by_text("Constraints", exact=True).wait_for()
        assert page.get_by_role("radio", name="On-prem").is_checked()
        assert page.get_by_role("radio", name="Commercial use").is_checked()
        assert _passing(page) == _expected_passing()
        chart = page.locator(CHART).first
        chart.locator("svg").first.wait_for()
        assert "Llama-3.3-70B-Instruct" in chart.inner_text()  # the shortlisted model is labelled
        assert "deployment=on-prem" in page.url and "data=" in page.url
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "explore.png"), full_page=True)


def test_on_a_cold_server_the_first_slider_moved_on_the_home_page_keeps_the_view(browser_page):
    """The first session of a fresh server, on ``/``: its sidebar was drawn under Streamlit's legacy
    page identity, and the first slider moved reset every constraint to the widgets' defaults
    (deployment any, volume 1M, input 5 %). A hosted link is opened exactly like this after a deploy."""
    with start_server() as url:
        page = browser_page
        page.goto(f"{url}/?deployment=on-prem&license=commercial&volume=1B")
        wait_idle(page)
        volume = page.locator('[data-testid="stSlider"]').filter(has_text="Monthly token volume")
        volume.get_by_role("slider").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.location.search.includes('volume=3B')", timeout=30_000)
        wait_idle(page)
        query = parse_qs(urlparse(page.url).query)
        assert query["deployment"] == ["on-prem"] and query["license"] == ["commercial"], query
        assert "input_pct" not in query and "deprecated" not in query, query  # still their defaults
        assert page.get_by_role("radio", name="On-prem").is_checked()


def test_moving_the_quality_slider_redraws_the_chart(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/{LINK}")
    wait_idle(page)
    before = _plotted(page)
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Minimum LMArena").get_by_role("slider")
    slider.focus()
    for _ in range(60):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => !window.location.search.includes('min_score=1289.5')", timeout=30_000)
    # Each key press can start a rerun: wait until what is shown matches the value the URL settled on.
    deadline = time.monotonic() + 30
    while True:
        wait_idle(page)
        value = float(parse_qs(urlparse(page.url).query)["min_score"][0])  # the URL follows the slider
        if _passing(page) == _expected_passing(value) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(300)
    assert value > 1289.5
    assert _passing(page) == _expected_passing(value)
    assert _plotted(page) < before


def test_navigation_keeps_the_constraints_and_the_shortlist(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/{LINK}")
    wait_idle(page)
    passing = _passing(page)
    page.get_by_role("link", name="Overview").click()
    wait_idle(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Models passing")
    metric.wait_for()
    assert f"{passing:,}" in metric.inner_text().splitlines()
    assert "deployment=on-prem" in page.url
    page.get_by_role("link", name="Shortlist").click()
    wait_idle(page)
    page.get_by_text("Note on Llama-3.3-70B-Instruct").wait_for(timeout=30_000)  # the shortlisted model's row
    assert "shortlist=llama-3.3-70b" in page.url


def _isolated(points):
    """The first point whose marker overlaps no other point's."""
    boxes = [points.nth(i).bounding_box() for i in range(points.count())]

    def overlaps(a, b):
        return not (
            a["x"] + a["width"] < b["x"]
            or b["x"] + b["width"] < a["x"]
            or a["y"] + a["height"] < b["y"]
            or b["y"] + b["height"] < a["y"]
        )

    alone = [
        i
        for i, a in enumerate(boxes)
        if a and not any(overlaps(a, b) for j, b in enumerate(boxes) if j != i and b)
    ]
    assert alone, "every point overlaps another"
    return points.nth(alone[0])


def test_clicking_a_point_adds_that_model_to_the_shortlist(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/explore?deployment=on-prem&license=commercial&min_score=1400&volume=1B")
    wait_idle(page)
    points = page.locator(CHART).first.locator('[aria-roledescription="point"]')
    points.first.wait_for()
    point = _isolated(points)  # models at the same cost and score overlap: click one that stands alone
    name = re.search(r"Model: ([^;]+);", point.get_attribute("aria-label")).group(1)
    point.click(force=True)  # Vega draws the marks; the click goes to the SVG symbol itself
    page.wait_for_function("() => window.location.search.includes('shortlist=')", timeout=30_000)
    wait_idle(page)
    (model_id,) = store_query("SELECT model_id FROM models WHERE name = ?", [name])[0]
    assert parse_qs(urlparse(page.url).query)["shortlist"] == [model_id]
    assert name in page.locator(CHART).first.inner_text()  # a shortlisted point gets its label
