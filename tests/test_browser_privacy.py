"""Real browser (headless Chromium): the privacy ladder as a person uses it, on a projector and a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle

pytestmark = pytest.mark.browser


def _passing(page) -> int:
    text = page.get_by_text(re.compile(r"^[\d,]+ models pass$")).inner_text()
    return int(text.split()[0].replace(",", ""))


def test_choosing_the_eu_rung_in_the_sidebar_narrows_the_view_and_the_link(browser_page, app_server):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_server}/explore")
    wait_idle(page)
    everything = _passing(page)
    assert page.get_by_role("radio", name="EU").is_disabled()  # the region counts on its rung only
    page.get_by_text("That, and processed in one region").click()
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('deployment=region')")
    assert page.get_by_role("radio", name="EU").is_enabled()
    eu = _passing(page)
    assert 0 < eu < everything / 10  # few providers publish clean terms and EU processing
    context = page.get_by_text(re.compile(r"^API with no training and no retention, processed in the EU"))
    assert context.is_visible()  # the context line says what the view asks, above the fold
    box = context.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720
    page.get_by_text("US", exact=True).click()
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('region=US')")
    assert _passing(page) != eu
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "privacy_ladder_projector.png"))


def test_the_ladder_link_on_a_phone_keeps_the_answer_above_the_fold(browser_page, app_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_server}/explore?deployment=region&region=EU")
    wait_idle(page)
    line = page.get_by_text(re.compile(r"^API with no training and no retention, processed in the EU"))
    box = line.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844 and box["x"] >= 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "privacy_ladder_phone.png"))
