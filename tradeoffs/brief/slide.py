"""The brief as one 16:9 slide (python-pptx): the question, the chart, the recommendation, the costs, the
shortlist table and a footer with the data date, the sources and the link.

PowerPoint does not measure text for us, so each box gets a type size its text fits at, estimated from
the box and an average character width; text that would not fit at the smallest size is shortened with
"…", and the slide says what it shortened."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from tradeoffs.brief.chart_png import png_size
from tradeoffs.brief.content import Brief, shorten

SLIDE_W_IN = 13.333
SLIDE_EMU = (12192000, 6858000)  # PowerPoint's widescreen 16:9 exactly (13.333 × 7.5 in)
MARGIN_IN = 0.4
FONT = "Calibri"
CHAR_EM = 0.52  # Calibri's average character width in em, a little generous
LINE_EM = 1.22  # line height in em
INK, GREY, ACCENT = RGBColor(0x21, 0x25, 0x29), RGBColor(0x5F, 0x64, 0x6E), RGBColor(0x0B, 0x72, 0x85)
TINT = RGBColor(0xE8, 0xF3, 0xF5)
TABLE_COLUMNS = (("Model", 2.0), ("Rank", 0.65), ("Score", 1.05), ("Cost at your volume", 2.45))
TABLE_COLUMNS += (("Constraints", 2.0), ("Note", 4.38))
TABLE_PT = 9.0
LINE_IN = TABLE_PT * LINE_EM / 72
HEADER_IN = 0.24
MAX_MODELS = 6  # rows the slide holds; a longer shortlist shows its first 6 and says so
CUT_WORDS = {"Model": "model names", "Rank": "ranks", "Score": "scores", "Cost at your volume": "costs"}
CUT_WORDS |= {"Constraints": "reasons", "Note": "notes"}


@dataclass(frozen=True)
class Box:
    """A text box on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float


def lines_needed(text: str, size_pt: float, width_in: float) -> int:
    """Wrapped lines ``text`` takes at ``size_pt`` in a box ``width_in`` wide (an estimate)."""
    per_line = max(int(width_in * 72 / (size_pt * CHAR_EM)), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def text_height(parts: list[tuple[str, float]], scale: float, width_in: float) -> float:
    """Inches that paragraphs (text, size in pt) at ``scale`` × their size take in a box that wide."""
    return sum(lines_needed(t, s * scale, width_in - 0.2) * s * scale * LINE_EM / 72 for t, s in parts) + 0.1


def fits(parts: list[tuple[str, float]], scale: float, box: Box) -> bool:
    """Whether paragraphs (text, size in pt) at ``scale`` × their size fit ``box`` (0.1 in inner margins)."""
    return text_height(parts, scale, box.width) <= box.height


def _scale_to_fit(parts: list[tuple[str, float]], box: Box, smallest: float = 0.7) -> float:
    scale = 1.0
    while scale > smallest and not fits(parts, scale, box):
        scale -= 0.05
    return scale


def _shrunk(parts: list[tuple[str, float]], box: Box, cut: list[str], what: str) -> list[tuple[str, float]]:
    """The paragraphs at the largest scale that fits ``box``; at the smallest, the last one shortened."""
    scale = _scale_to_fit(parts, box)
    parts = [(t, s * scale) for t, s in parts]
    while not fits(parts, 1.0, box) and len(parts[-1][0]) > 40:
        text, size = parts[-1]
        parts[-1] = (shorten(text, int(len(text) * 0.85)), size)
        if what not in cut:
            cut.append(what)
    return parts


def _text_box(slide, box: Box, parts, *, bold_first: bool = False, fill: RGBColor | None = None, color=INK):
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Inches(0.1)
    frame.margin_top = frame.margin_bottom = Inches(0.05)
    if fill is not None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
    for i, (text, size) in enumerate(parts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.name, run.font.size = FONT, Pt(round(size * 2) / 2)
        run.font.bold = bold_first and i == 0
        run.font.color.rgb = ACCENT if bold_first and i == 0 else color
    return shape


def brief_pptx(brief: Brief, chart_png: bytes | None) -> bytes:
    """The brief as a one-slide 16:9 PPTX (the chart as ``chart_png``; None: no chart)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_EMU
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    cut: list[str] = []
    _head(slide, brief, cut)
    _chart(slide, brief, chart_png, cut)
    _right_column(slide, brief, cut)
    _table(slide, brief, cut)
    _footer(slide, brief, cut)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _head(slide, brief: Brief, cut: list[str]) -> None:
    title = _text_box(slide, Box(MARGIN_IN, 0.25, 12.5, 0.55), [(brief.question, 20)])
    title.text_frame.paragraphs[0].runs[0].font.bold = True
    context = f"{brief.constraints} → {brief.passing} · scorecard: {brief.scorecard} · {brief.data_line}"
    box = Box(MARGIN_IN, 0.8, 12.5, 0.5)
    _text_box(slide, box, _shrunk([(context, 11)], box, cut, "the constraints line"), color=GREY)


CHART_BOX = Box(MARGIN_IN, 1.3, 6.9, 3.25)
CAPTION_END_IN = 5.1  # the chart's key ends here; the table starts below it
TABLE_TOP_IN = 5.15
FOOTER = Box(MARGIN_IN, 6.9, 12.5, 0.52)


def _chart(slide, brief: Brief, png: bytes | None, cut: list[str]) -> None:
    box = CHART_BOX
    if png is None:
        _text_box(slide, box, [("No model passing the constraints has both a score and a price.", 12)])
        return
    width_px, height_px = png_size(png)
    height = min(box.height, box.width * height_px / width_px)  # sized by height too: never off the box
    width = height * width_px / height_px
    left = box.left + (box.width - width) / 2
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(box.top), Inches(width), Inches(height))
    caption = Box(box.left, box.top + height + 0.02, box.width, CAPTION_END_IN - box.top - height - 0.02)
    _text_box(slide, caption, _shrunk([(brief.chart_caption, 8)], caption, cut, "the chart key"), color=GREY)


def _right_column(slide, brief: Brief, cut: list[str]) -> None:
    left, width = 7.5, SLIDE_W_IN - MARGIN_IN - 7.5
    advice = [("Recommendation", 11), (brief.recommendation, 12), (f"What would flip it: {brief.flip}", 10)]
    advice = _shrunk(advice, Box(left, 1.3, width, 2.3), cut, "what would flip it")
    box = Box(left, 1.3, width, min(2.3, text_height(advice, 1.0, width) + 0.1))  # as tall as its text
    _text_box(slide, box, advice, bold_first=True, fill=TINT)
    costs = [(f"API or self-hosting at {brief.volume}", 11), (brief.cost_answer, 10.5)]
    top = box.top + box.height + 0.15
    box = Box(left, top, width, CAPTION_END_IN - top)
    for line in brief.breakevens:  # the breakevens that fit without making the answer smaller
        if fits([*costs, (f"• {line}", 9.5)], 1.0, box):
            costs.append((f"• {line}", 9.5))
    _text_box(slide, box, _shrunk(costs, box, cut, "the cost sentence"), bold_first=True)


def row_lines(models: int) -> int:
    """Lines of text each shortlist row holds (1–3): as many as the room above the footer allows."""
    per_row = (FOOTER.top - 0.05 - TABLE_TOP_IN - HEADER_IN) / max(models, 1)
    return max(1, min(3, int((per_row - 0.05) / LINE_IN)))


def _rank(rank: str) -> str:
    """'#3/69' for '#3 of 69'; '—' for a model the Decide ranking leaves out (it fails the constraints)."""
    return rank.replace(" of ", "/") if rank.startswith("#") else "—"


def _cells(brief: Brief, lines: int, cut: list[str]) -> list[tuple[str, ...]]:
    """Each cell's text shortened to what its column holds in ``lines`` lines at TABLE_PT."""
    models = brief.models[:MAX_MODELS]
    if len(brief.models) > MAX_MODELS:
        cut.append(f"{MAX_MODELS} of the {len(brief.models)} shortlisted models")
    rows = [(m.name, _rank(m.rank), m.score, m.cost, m.status, m.note or "—") for m in models]
    out = []
    for row in rows:
        cells = []
        for text, (title, width_in) in zip(row, TABLE_COLUMNS, strict=True):
            room = int((width_in - 0.12) * 72 / (TABLE_PT * CHAR_EM)) * lines
            if len(text) > room and CUT_WORDS[title] not in cut:
                cut.append(CUT_WORDS[title])
            cells.append(shorten(text, room))
        out.append(tuple(cells))
    return out


def _table(slide, brief: Brief, cut: list[str]) -> None:
    top = TABLE_TOP_IN
    if not brief.models:
        _text_box(slide, Box(MARGIN_IN, top, 12.5, 0.4), [("Nothing shortlisted.", 11)])
        return
    lines = row_lines(min(len(brief.models), MAX_MODELS))
    rows = _cells(brief, lines, cut)
    row_in = lines * LINE_IN + 0.05
    height = HEADER_IN + row_in * len(rows)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(TABLE_COLUMNS), Inches(MARGIN_IN), Inches(top), Inches(12.53), Inches(height)
    )
    table = shape.table
    for i, (_, width_in) in enumerate(TABLE_COLUMNS):
        table.columns[i].width = Inches(width_in)
    for r, row in enumerate([tuple(t for t, _ in TABLE_COLUMNS), *rows]):
        table.rows[r].height = Inches(HEADER_IN if r == 0 else row_in)
        for i, text in enumerate(row):
            _cell(table.cell(r, i), text, header=r == 0)


def _cell(cell, text: str, *, header: bool) -> None:
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    cell.fill.solid()
    cell.fill.fore_color.rgb = TINT if header else RGBColor(0xFF, 0xFF, 0xFF)
    frame = cell.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.name, run.font.size, run.font.bold = FONT, Pt(TABLE_PT), header
    run.font.color.rgb = ACCENT if header else INK


def _footer(slide, brief: Brief, cut: list[str]) -> None:
    credits = "; ".join(a.split(" — ")[0] for a in brief.attributions)
    every = "every number's source and date: the PDF brief and the Data page"
    text = f"{brief.data_line}. Sources: {credits}; {every}."
    if cut:
        text += f" Shortened to fit: {', '.join(cut)} (the PDF brief and the link have it all)."
    link = f"Open this view: {shorten(brief.link, 150)}"
    parts = _shrunk([(link, 8), (text, 8)], FOOTER, [], "sources")
    shape = _text_box(slide, FOOTER, [parts[1], parts[0]], color=GREY)
    run = shape.text_frame.paragraphs[1].runs[0]
    run.font.color.rgb = ACCENT
    run.hyperlink.address = brief.link
