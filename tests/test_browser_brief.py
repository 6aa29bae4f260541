"""Real browser (headless Chromium): the Shortlist of the regulated bank's link, with a note per model, hands
over the one-page PDF and the 16:9 slide; both download, parse, and carry the notes and the numbers."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.browser_helpers import wait_idle
from tests.test_brief import BANK, NOTES, squeezed

pytestmark = pytest.mark.browser
LINK = "shortlist?" + urlencode(
    {
        **BANK,
        "preset": "regulated",
        "shortlist": ",".join(NOTES),
        **{f"note.{m}": n for m, n in NOTES.items()},
    }
)


def _download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name=label).click()
    path = download.value.path()
    return download.value.suggested_filename, path.read_bytes()


def test_the_shortlist_downloads_the_brief_and_the_slide(app_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(f"{app_server}/{LINK}")
    wait_idle(page)
    page.get_by_role("button", name="Brief (PDF)").wait_for()

    name, data = _download(page, "Brief (PDF)")
    assert name.startswith("model-brief-") and name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = squeezed(reader.pages[0].extract_text())
    assert squeezed(NOTES["deepseek-v4-flash"]) in text and squeezed("ranks first") in text
    assert squeezed("LMArena text score ≥ 1,289.5 · 1B tokens/month") in text

    name, data = _download(page, "Slide (PPTX)")
    assert name.endswith(".pptx")
    prs = Presentation(io.BytesIO(data))
    shapes = prs.slides[0].shapes
    cells = [c.text for s in shapes if s.has_table for row in s.table.rows for c in row.cells]
    assert "DeepSeek V4.1 Flash" in cells and "GPT OSS 120B" in cells
    assert any(s.shape_type == 13 for s in shapes)  # the chart
    assert not [e for e in page.console_errors if "download" in e.lower()]
