"""Real browser: the Explore and Shortlist download buttons hand over the files a person gets (built on
click, on the server's own thread, outside the session)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from tests.browser_helpers import wait_idle
from tradeoffs.brief import exports

pytestmark = pytest.mark.browser


def _download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).first.click()
    download = info.value
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, fh.read()


def test_explore_and_shortlist_downloads(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/explore?deployment=on-prem&license=commercial&min_score=1289.5")
    wait_idle(page)
    passing = int(
        page.get_by_text(re.compile(r"^[\d,]+ models pass$")).inner_text().split()[0].replace(",", "")
    )
    name, body = _download(page, "Download CSV")
    notes, table = exports.read_csv_export(body)
    assert name.startswith("llm-tradeoffs-passing-") and name.endswith(".csv")
    assert len(table) == passing and notes[1].startswith("Constraints: on-prem · commercial-use licence")
    assert any(n.startswith("Link: http://127.0.0.1") and "min_score=1289.5" in n for n in notes)

    page.goto(f"{app_server}/shortlist?shortlist=gpt-4o,llama-3.3-70b")
    wait_idle(page)
    name, body = _download(page, "Download Excel")
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert name.endswith(".xlsx") and book.sheetnames == ["Models", "About"]
    assert [r[0] for r in book["Models"].iter_rows(min_row=2, values_only=True)] == [
        "GPT-4o",
        "Llama-3.3-70B-Instruct",
    ]
