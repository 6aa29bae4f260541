"""The one-page brief and its slide: their text read back (pypdf, python-pptx) says what the app's views
compute for the same view — models, notes, costs, the recommendation, the constraints, the data date and
the sources — on one page and one slide, also for the largest shortlist with the longest notes."""

from __future__ import annotations

import io
import logging
from urllib.parse import urlencode

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.app_helpers import plain, run_app
from tradeoffs.brief import pdf as brief_pdf_module
from tradeoffs.brief.chart_png import chart_png, png_size
from tradeoffs.brief.content import Brief, shorten
from tradeoffs.brief.content import plain as brief_plain
from tradeoffs.brief.pdf import brief_pdf
from tradeoffs.constraints import Constraints
from tradeoffs.constraints_text import describe_constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.scorecard import scorecard_from_query
from tradeoffs.text import fmt_usd
from tradeoffs.ui import brief_view, loaders
from tradeoffs.ui.decide_view import load_decide
from tradeoffs.ui.shortlist_view import load_shortlist
from tradeoffs.ui.state import View, query_for

# The regulated bank of the issue: on-prem, commercial licence, Arena ≥ 1,289.5, 1B tokens a month.
BANK = {"deployment": "on-prem", "license": "commercial", "min_score": "1289.5", "volume": "1B"}
NOTES = {
    "qwen3.8-27b": "Decide's pick: Apache-2.0, one GPU per replica; model-risk to validate it first.",
    "deepseek-v4-flash": "Close second; legal to check the MIT terms cover a fine-tuned derivative.",
    "deepseek-v4.1-flash": "Best quality of the three; a full 8×H100 node per replica.",
    "gpt-oss-120b": "Fallback: **widest** host support <b>x</b> [link](https://example.com) $5",
}
LONG_NOTE = (
    "The risk committee asks for a validation plan, a named owner and an exit path before any pilot; "
    "legal reviews the licence and the data processing terms; finance wants the three-year cost at twice "
    "today's volume with reserved GPUs, and operations a runbook with the on-call rota and the rollback. "
)[:300]


@pytest.fixture(autouse=True)
def _quiet_bare_mode():
    """Views are built here without a Streamlit server (as a download button's worker thread does)."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def bank_view(shortlist=tuple(NOTES), notes=None, **constraints) -> View:
    bank = {"deployment": "on-prem", "license": "commercial", "min_score": 1289.5, "volume_tokens": 10**9}
    c = Constraints(**{**bank, **constraints, "shortlist": tuple(shortlist)})
    card = scorecard_from_query({"preset": "regulated"})[0]
    return View(c, CostAssumptions(), dict(NOTES if notes is None else notes), card)


def key_of(view: View) -> brief_view.BriefKey:
    info = loaders.load_data_info()
    link = "http://127.0.0.1/shortlist?" + urlencode(query_for(view, info.tag))
    return brief_view.brief_key(view, info, link)


def squeezed(text: str) -> str:
    """Text without any whitespace: a PDF wraps lines (and hyphenated words) where it likes."""
    return "".join(text.split())


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), squeezed(" ".join(p.extract_text() for p in reader.pages))


def slide_text(data: bytes) -> tuple[Presentation, str]:
    prs = Presentation(io.BytesIO(data))
    parts = []
    for shape in prs.slides[0].shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return prs, squeezed(" ".join(parts))


def assert_says(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if squeezed(p) not in text]
    assert not missing, f"not in the document: {missing}"


@pytest.fixture(scope="module")
def bank():
    """(view, key, brief, pdf text, slide, slide text) of the bank's brief with four notes."""
    view = bank_view()
    key = key_of(view)
    pages, text = pdf_text(brief_view.brief_pdf_bytes(key))
    prs, slide = slide_text(brief_view.brief_pptx_bytes(key))
    return view, key, brief_view.load_brief(key), pages, text, prs, slide


def test_the_pdf_is_one_page_with_what_the_views_compute(bank):
    view, key, brief, pages, text, _, _ = bank
    c, a = view.constraints, view.assumptions
    assert pages == 1
    catalog = loaders.load_catalog()
    names = [catalog.at[m, "name"] for m in c.shortlist]
    assert_says(text, brief.question, *names, *NOTES.values())
    assert_says(text, describe_constraints(c, loaders.benchmark_name(c.benchmark)))
    sv = load_shortlist(c, a)
    assert_says(text, f"{sv.passing:,} of {sv.total:,} models pass")
    decision = load_decide(c, a, view.scorecard).decision
    assert_says(text, catalog.at[decision.ranked.index[0], "name"] + " ranks first")
    assert_says(text, brief_plain(load_decide(c, a, view.scorecard).flip_md))
    costs = brief_view.load_cost_result(c, a, *brief_view.cost_picks(c, a, view.compare, view.prices))
    assert costs.monthly, "the bank's view prices at least one option"
    assert_says(text, *(f"{fmt_usd(usd)}/month" for _, usd in costs.monthly[:3]))
    info = loaders.load_data_info()
    assert_says(text, f"Data as of {info.as_of} (version {info.version})")


def test_the_pdf_names_every_numbers_source_and_the_attributions(bank):
    view, _, brief, _, text, _, _ = bank
    catalog = loaders.load_catalog()
    bench = view.constraints.benchmark
    for m in view.constraints.shortlist:
        as_of = str(catalog.at[m, f"as_of__{bench}"])[:10]
        assert_says(text, f"score: {catalog.at[m, f'source__{bench}']}, {as_of}")
    assert_says(text, "GPU Price Index (ewyluda/gpu-price-index), as of")  # the GPU price behind self-hosting
    assert_says(text, "Epoch AI, 'AI Benchmarking Hub'", "(CC-BY 4.0)")  # CC-BY asks for attribution
    assert_says(text, "assumptions are rules of thumb", "Open this view:")
    assert brief.link.startswith("http://127.0.0.1/shortlist?") and "note.qwen3.8-27b=" in brief.link


def test_the_pdf_link_is_the_whole_share_link(bank):
    _, key, _, _, _, _, _ = bank
    reader = PdfReader(io.BytesIO(brief_view.brief_pdf_bytes(key)))
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert key.link in uris  # the text is shortened; the link behind it is whole


def test_costs_and_decide_pages_show_the_numbers_of_the_brief(bank):
    _, _, brief, _, _, _, _ = bank
    link = {**BANK, "preset": "regulated", "shortlist": ",".join(NOTES)}
    costs = run_app("pages/costs.py", **link)
    assert not costs.exception
    assert [(plain(m.label), m.value) for m in costs.metric] == list(brief.cost_options)
    assert brief_plain(costs.markdown[0].value) == brief.cost_answer
    decide = run_app("pages/decide.py", **link)
    assert not decide.exception
    assert brief_plain(decide.markdown[0].value) == brief.recommendation


def test_the_slide_says_the_same_and_stays_on_the_slide(bank):
    view, _, brief, _, _, prs, text = bank
    catalog = loaders.load_catalog()
    assert len(prs.slides) == 1 and prs.slide_width * 9 == prs.slide_height * 16
    assert_says(text, brief.question, brief.recommendation, brief.cost_answer, brief.constraints)
    assert_says(text, *(catalog.at[m, "name"] for m in view.constraints.shortlist))
    assert_says(text, *(shorten(n, 40).removesuffix("…") for n in NOTES.values()))
    assert_says(text, brief.data_line, "Epoch AI Benchmarking Hub")
    for shape in prs.slides[0].shapes:
        assert shape.left >= 0 and shape.top >= 0, shape.name
        assert shape.left + shape.width <= prs.slide_width, shape.name
        assert shape.top + shape.height <= prs.slide_height, shape.name
    picture = next(s for s in prs.slides[0].shapes if s.shape_type == 13)  # the chart
    width_px, height_px = png_size(chart_png(brief.chart_spec))
    assert abs(picture.width / picture.height - width_px / height_px) < 0.01  # not stretched


def test_text_from_the_room_is_printed_as_written(bank):
    _, _, _, _, text, _, slide = bank
    assert_says(text, NOTES["gpt-oss-120b"])  # no markdown, no HTML: the characters as typed
    assert_says(slide, "Fallback: **widest** host")


def test_six_models_with_the_longest_notes_fit_one_page_and_say_what_was_cut():
    six = (*NOTES, "gpt-4o", "llama-3.3-70b")
    view = bank_view(six, {m: LONG_NOTE for m in six})
    view.compare = {"self_host": six[:4] + ("llama-3.3-70b",), "api": ("gemini-4-argon", "gpt-4o")}
    key = key_of(view)
    pages, text = pdf_text(brief_view.brief_pdf_bytes(key))
    assert pages == 1
    assert_says(text, "fails: no open weights, but on-prem is required", "Shortened to fit one page:")
    assert_says(text, "GPT-4o", "Llama-3.3-70B-Instruct", "Open this view:")
    prs, slide = slide_text(brief_view.brief_pptx_bytes(key))
    assert_says(slide, "Shortened to fit: notes", "GPT-4o")
    for shape in prs.slides[0].shapes:
        assert shape.top + shape.height <= prs.slide_height, shape.name


def test_a_shortlist_longer_than_a_page_shows_its_first_models_and_says_so():
    ranked = load_decide(bank_view().constraints, CostAssumptions(), bank_view().scorecard).decision.ranked
    twelve = tuple(ranked.index[:12])
    view = bank_view(twelve, {m: LONG_NOTE for m in twelve})
    key = key_of(view)
    pages, text = pdf_text(brief_view.brief_pdf_bytes(key))
    assert pages == 1
    assert_says(text, "8 of the 12 shortlisted models shown", "SHORTLIST (12)")
    prs, slide = slide_text(brief_view.brief_pptx_bytes(key))
    assert_says(slide, "6 of the 12 shortlisted models")
    for shape in prs.slides[0].shapes:
        assert shape.top + shape.height <= prs.slide_height, shape.name


def test_a_view_where_nothing_passes_still_makes_a_one_page_brief():
    view = bank_view(("gpt-4o",), {"gpt-4o": "Out of reach on-prem."}, min_context_tokens=10**9)
    key = key_of(view)
    brief = brief_view.load_brief(key)
    assert brief.chart_spec == {} and brief.models[0].rank == "not ranked"
    pages, text = pdf_text(brief_view.brief_pdf_bytes(key))
    assert pages == 1
    assert_says(text, "nothing to plot", "Out of reach on-prem.", "0 of 1,026 models pass")
    assert slide_text(brief_view.brief_pptx_bytes(key))[1]


def test_without_a_unicode_font_the_pdf_falls_back_to_latin1(bank, monkeypatch, tmp_path):
    _, key, brief, _, _, _, _ = bank
    monkeypatch.setattr(brief_pdf_module, "FONT_DIRS", (tmp_path,))
    pages, text = pdf_text(brief_pdf(brief, chart_png(brief.chart_spec)))
    assert pages == 1
    assert_says(text, "LMArena text score >= 1,289.5", brief.models[0].name, NOTES["qwen3.8-27b"])


def test_with_dejavu_sans_instead_of_its_condensed_cut_the_pdf_still_fits(bank, monkeypatch):
    _, _, brief, _, _, _, _ = bank
    monkeypatch.setattr(brief_pdf_module, "FONT_SETS", brief_pdf_module.FONT_SETS[1:])
    assert brief_pdf_module.unicode_fonts()[""].name == "DejaVuSans.ttf"
    pages, text = pdf_text(brief_pdf(brief, chart_png(brief.chart_spec)))
    assert pages == 1
    assert_says(text, brief.constraints, NOTES["qwen3.8-27b"])


def test_plain_undoes_the_apps_markdown():
    markdown = "**GLM\\-5\\.3 Flash** costs \\$4,000 at https:\u200b//x"
    assert brief_plain(markdown) == "GLM-5.3 Flash costs $4,000 at https://x"
    assert shorten("one two three four", 12) == "one two…" and shorten("short", 12) == "short"


def test_the_brief_is_built_once_per_view(bank):
    _, key, brief, _, _, _, _ = bank
    assert brief_view.load_brief(key) is brief  # shared: the second download costs nothing
    assert isinstance(brief, Brief)


def test_the_shortlist_page_offers_the_pdf_and_the_slide():
    at = run_app("pages/shortlist.py", **BANK, shortlist=",".join(NOTES))
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["Brief (PDF)", "Slide (PPTX)"]  # built on click: see the browser test
    assert labels[:2] == ["Download CSV", "Download Excel"]  # the shortlist's own exports come first


def test_building_a_brief_changes_no_frame_other_sessions_share():
    import pandas as pd

    from tradeoffs.ui.explore_view import load_explore

    view = bank_view(notes={"qwen3.8-27b": "Shared frames stay as they were."}, volume_tokens=3 * 10**9)
    c, a = view.constraints, view.assumptions
    points, models = load_explore(c, a).points.copy(), loaders.load_evaluated(c, a).models.copy()
    catalog = loaders.load_catalog().copy()
    brief_view.brief_pdf_bytes(key_of(view))
    pd.testing.assert_frame_equal(load_explore(c, a).points, points)
    pd.testing.assert_frame_equal(loaders.load_evaluated(c, a).models, models)
    pd.testing.assert_frame_equal(loaders.load_catalog(), catalog)
