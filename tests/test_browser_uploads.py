"""Real browser: a file uploaded on the Data page (the widget's own file input), its good rows kept and its
bad rows listed; a wrong file refused with the rows kept; the link carries them; another browser does
not see them."""

from __future__ import annotations

import re

import pytest

from tests.browser_helpers import wait_idle
from tests.test_uploads import GPU, OWN, OWN_PRICE, PRICE, csv_of

pytestmark = pytest.mark.browser

FILE = csv_of(
    OWN,
    {**PRICE, "model": "gpt-4o"},
    {**PRICE, "model": "gpt-99"},  # unknown model
    OWN_PRICE,
    {**GPU, "usd_per_gpu_hour": "cheap"},  # bad number
)


def upload(page, name: str, data: bytes) -> None:
    files = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    files.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.wait_for_timeout(500)
    wait_idle(page)


def cells(page) -> list[str]:
    return page.locator('[role="gridcell"]').all_inner_texts()


def wait_cell(page, text: str) -> None:
    """Wait until a table cell says ``text`` (a grid draws its cells a moment after the run)."""
    page.locator('[role="gridcell"]', has_text=text).first.wait_for(state="attached", timeout=30_000)


def test_upload_on_the_data_page(app_server, browser_page, chromium_browser):
    page = browser_page
    page.goto(f"{app_server}/data")
    wait_idle(page)
    upload(page, "ours.csv", FILE)
    page.get_by_text("ours.csv: 1 model, 2 negotiated prices, 0 GPU prices kept.").wait_for(timeout=30_000)
    assert page.get_by_text("2 rows not used, each with its reason:").is_visible()
    wait_cell(page, "unknown model 'gpt-99'")
    wait_cell(page, "bad number in usd_per_gpu_hour: 'cheap'")
    wait_cell(page, "GPT-4o at azure · your data")
    assert "Acme 70B · your data" in cells(page)
    page.wait_for_url(re.compile(r"[?&]mine=[\w-]+"), timeout=30_000)
    link = page.url

    upload(page, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    page.get_by_text(re.compile(r"^photo\.csv cannot be used: this is not a text file")).wait_for(
        timeout=30_000
    )
    wait_cell(page, "Acme 70B · your data")  # the earlier rows are kept

    other = chromium_browser.new_context(viewport={"width": 1400, "height": 2000})
    try:
        second = other.new_page()
        second.goto(f"{app_server}/data")
        wait_idle(second)
        assert not second.get_by_text("In use in this session").count()
        assert "mine=" not in second.url
        second.goto(link)  # the link made after the upload carries the rows
        wait_idle(second)
        second.get_by_text("In use in this session").wait_for(timeout=30_000)
        wait_cell(second, "Acme 70B · your data")
    finally:
        other.close()
