"""Real browser: every page's title and one-sentence answer are in the first screen, on a projector
(1280×720) and on a phone (390×844), for the default link and the regulated bank's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_helpers import ARTIFACTS, wait_idle
from tradeoffs.page_list import PAGE_FILES
from tradeoffs.ui.frame import PAGE_HEAD_KEY

pytestmark = pytest.mark.browser

# Each page's path in the app ("" for the default page), from the one page list.
PAGES = ["" if i == 0 else Path(script).stem for i, script in enumerate(PAGE_FILES)]
SCREENS = {"projector": (1280, 720), "phone": (390, 844)}
BANK = "?deployment=on-prem&license=commercial&min_score=1289.5&volume=1B&preset=regulated"


@pytest.fixture
def screen_page(chromium_browser, request):
    width, height = SCREENS[request.param]
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.screen_name = request.param
    yield page
    context.close()


def _head_box(page) -> dict:
    head = page.locator(f".st-key-{PAGE_HEAD_KEY}")
    head.wait_for()
    box = head.bounding_box()
    assert box is not None and box["height"] > 0
    return box


@pytest.mark.parametrize("screen_page", list(SCREENS), indirect=True)
@pytest.mark.parametrize("query", ["", BANK], ids=["default", "bank"])
def test_every_page_opens_with_its_answer_above_the_fold(app_server, screen_page, query):
    page = screen_page
    height = page.viewport_size["height"]
    for name in PAGES:
        page.goto(f"{app_server}/{name}{query}")
        wait_idle(page)
        box = _head_box(page)
        text = page.locator(f".st-key-{PAGE_HEAD_KEY}").inner_text()
        assert box["y"] + box["height"] <= height, (name, box, text[:200])
        assert "None" not in text and "nan" not in text.split(), text
        assert "models pass" in text or name == "data"  # the context line says what the answer rests on
        page.wait_for_timeout(500)  # charts draw a moment after the run ends
        ARTIFACTS.mkdir(exist_ok=True)
        tag = "bank" if query else "default"
        page.screenshot(path=str(ARTIFACTS / f"{tag}_{name or 'overview'}_{page.screen_name}.png"))


def test_a_running_rerun_shows_that_numbers_are_coming(app_server, browser_page):
    """While Streamlit runs the script (the state attribute the app's own idle check also reads), a bar
    and "Updating…" appear after a blink; when idle, neither does."""
    page = browser_page
    page.goto(f"{app_server}/costs")
    wait_idle(page)
    # Read in the same synchronous JS task as the attribute is set, so a re-render cannot intervene.
    styles = """(state) => {
        const app = document.querySelector('[data-testid=stApp]');
        const before = app.getAttribute('data-test-script-state');
        app.setAttribute('data-test-script-state', state);
        const out = [getComputedStyle(app, '::after').content, getComputedStyle(app, '::before').height];
        app.setAttribute('data-test-script-state', before);
        return out;
    }"""
    # The frame's style arrives with the run's elements, a moment after the first idle mark on a deep link.
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('Updating'))"
    )
    assert page.evaluate(styles, "running") == ['"Updating…"', "4px"]
    assert page.evaluate(styles, "notRunning")[0] in ("none", "normal")
