"""Real browser: a Compare link with three models on a projector (1280×720) and a phone (390×844): the
answer above the fold, no "None" or "nan" anywhere on the page, and on the phone the attribute column
stays in view while the model columns scroll sideways.

Screenshots (artifacts/compare_*.png) are what the room and the executive see; look at them after a
layout change.
"""

from __future__ import annotations

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle
from tradeoffs.ui.compare_tables import TABLE_KEY
from tradeoffs.ui.frame import PAGE_HEAD_KEY

pytestmark = pytest.mark.browser

LINK = "compare?cmp=gpt-4o,llama-3.3-70b,gpt-oss-120b&deployment=on-prem&needs=vision&volume=1B"
TABLE = f".st-key-{TABLE_KEY} table"


def _open(chromium_browser, app_server, width: int, height: int):
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_server}/{LINK}")
    wait_idle(page)
    page.locator(TABLE).wait_for()
    return context, page


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_a_compare_link_reads_on_a_projector(app_server, chromium_browser):
    context, page = _open(chromium_browser, app_server, 1280, 720)
    try:
        head = page.locator(f".st-key-{PAGE_HEAD_KEY}")
        box = head.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 720, box
        answer = head.inner_text()
        for name in ("GPT-4o", "Llama-3.3-70B-Instruct", "GPT OSS 120B"):
            assert name in answer
        assert "fails your constraints (no open weights, but on-prem is required)" in answer
        text = _main_text(page)
        words = text.replace("(", " ").replace(")", " ").split()
        assert "None" not in words and "nan" not in words and "NaN" not in words, text[:500]
        header = page.locator(f"{TABLE} thead th").all_inner_texts()
        assert header[1:] == ["GPT-4o", "Llama-3.3-70B-Instruct", "GPT OSS 120B"]
        # Every model column is on screen without scrolling sideways.
        scroller = page.locator(TABLE).locator("xpath=..")
        assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        assert "⚑ Weights" in text and "✗ Closed (API only)" in text  # on-prem asks; GPT-4o fails it
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "compare_projector.png"))
    finally:
        context.close()


def test_on_a_phone_the_attributes_stay_in_view_while_models_scroll(app_server, chromium_browser):
    context, page = _open(chromium_browser, app_server, 390, 844)
    try:
        head = page.locator(f".st-key-{PAGE_HEAD_KEY}").bounding_box()
        assert head is not None and head["y"] + head["height"] <= 844, head
        scroller = page.locator(TABLE).locator("xpath=..")
        label = page.locator(f"{TABLE} tbody tr:nth-child(3) th").first  # the "Weights" row's label
        before = label.bounding_box()
        scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        page.wait_for_timeout(200)
        after = label.bounding_box()
        assert scroller.evaluate("e => e.scrollLeft") > 0  # the models scroll sideways …
        assert abs(after["x"] - before["x"]) < 1  # … and the attribute stays where it was
        first_model = page.locator(f"{TABLE} thead th").nth(1).bounding_box()
        second_model = page.locator(f"{TABLE} thead th").nth(2).bounding_box()
        scroller.evaluate("e => { e.scrollLeft = 0; }")
        assert first_model["width"] >= 110 and second_model["width"] >= 110  # readable, not squeezed
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "compare_phone.png"))
    finally:
        context.close()
