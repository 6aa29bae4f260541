"""The brief as one A4 page (fpdf2): the question and constraints, the recommendation and what would flip it,
the tradeoff chart, the shortlist with notes, the costs at the chosen volume, every number's source.

It always fits one page: the layout is measured at the roomiest setting first, then tighter ones (smaller
type, shorter notes, fewer breakeven lines) until it fits, the chart takes the room left, and the page says
what it shortened."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import CellBordersLayout
from fpdf.fonts import FontFace

from tradeoffs.brief.chart_png import png_size
from tradeoffs.brief.content import Brief, ModelLine, shorten

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
# Two faces only (reading a font costs ~0.1 s a document; notes read well in grey): DejaVu Sans Condensed
# (Debian's fonts-dejavu-extra), else DejaVu Sans (fonts-dejavu-core, which fontconfig brings), else the
# PDF core font.
FONT_SETS = (
    {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf"},
    {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"},
)
FAMILY = "brief"
MARGIN_MM, BOTTOM_MM = 12.0, 10.0
INK, GREY, ACCENT, TINT = (33, 37, 41), (95, 100, 110), (11, 114, 133), (232, 243, 245)
# Without a Unicode font, the core font can only print Latin-1: the few signs the brief uses, spelled out.
LATIN1 = {"≥": ">=", "≤": "<=", "—": "-", "–": "-", "…": "...", "≈": "~", "→": "->", "÷": "/", "‘": "'"}
LATIN1 |= {"’": "'", "“": '"', "”": '"', "\u200b": "", "◆": "*", "★": "*"}


@dataclass(frozen=True)
class Fit:
    """One layout setting: type sizes (pt), the longest note and reason, breakeven lines shown, the longest
    source line (characters), the chart's smallest height (mm; it grows into the room left)."""

    body_pt: float
    small_pt: float
    note_chars: int
    breakevens: int
    source_chars: int
    chart_mm: float


# Roomiest first. The room's notes are kept whole longest: the chart shrinks and the type gets smaller first.
FITS = (
    Fit(8.0, 6.2, 300, 4, 300, 54),  # most briefs: up to 4–5 models with notes
    Fit(7.6, 6.0, 300, 2, 220, 48),
    Fit(7.2, 5.8, 200, 1, 160, 44),
    Fit(7.0, 5.6, 120, 1, 120, 42),
    Fit(6.8, 5.5, 60, 0, 100, 40),
)
CHART_MAX_MM = 92.0  # the chart's height when the page has room
MAX_MODELS = 8  # a longer shortlist shows its first 8 and says so (one page is the promise)
SAFETY_MM = 3.0  # kept free under a measured layout (rounding in the line breaks)


def unicode_fonts() -> dict[str, Path] | None:
    """The first set of FONT_SETS found in FONT_DIRS (style → file), or None (then the core font is used)."""
    for folder in FONT_DIRS:
        for names in FONT_SETS:
            if all((folder / name).is_file() for name in names.values()):
                return {style: folder / name for style, name in names.items()}
    return None


class _Page(FPDF):
    """An A4 page with the brief's fonts; when ``measuring``, the chart is not drawn, only its room kept."""

    def __init__(self, fonts: dict[str, Path] | None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode, self.measuring = fonts is not None, False
        if fonts is not None:
            for style, path in fonts.items():
                self.add_font(FAMILY, style, str(path))
        self.family = FAMILY if self.unicode else "helvetica"
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        # The brief breaks pages, so that an overflow would show as a second page, never as text cut off.
        self.set_auto_page_break(True, BOTTOM_MM)

    def scratch(self) -> _Page:
        """A copy to measure layouts on, before this one has a page: the text runs past the bottom (to know by
        how much), the chart only keeps its room. It shares the parsed fonts (fpdf2's deepcopy does), which
        only this page's output then subsets: reading a font costs more than a layout."""
        scratch = copy.deepcopy(self)
        scratch.measuring = True
        scratch.set_auto_page_break(False)
        return scratch

    def normalize_text(self, text):
        if not self.unicode:  # the core font: Latin-1 only, so spell out the rest rather than fail
            text = "".join(LATIN1.get(ch, ch) for ch in str(text))
            text = text.encode("latin-1", "replace").decode("latin-1")
        return super().normalize_text(text)

    def style(self, size: float, emphasis: str = "", color=INK) -> None:
        self.set_font(self.family, emphasis, size)
        self.set_text_color(*color)

    def para(self, text: str, size: float, emphasis: str = "", color=INK, fill: bool = False) -> None:
        self.style(size, emphasis, color)
        self.multi_cell(0, size * 0.45, text, align="L", fill=fill, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, fit: Fit) -> None:
        self.ln(1.2)
        self.para(text.upper(), fit.small_pt + 0.6, "B", ACCENT)
        self.ln(0.4)

    @property
    def bottom(self) -> float:
        return self.h - BOTTOM_MM


def brief_pdf(brief: Brief, chart_png: bytes | None) -> bytes:
    """The brief as a one-page PDF (the chart embedded as ``chart_png``; None: no chart)."""
    pdf = _Page(unicode_fonts())
    fit, chart_mm = choose_fit(brief, chart_png, pdf.scratch())
    _layout(pdf, brief, chart_png, fit, chart_mm)
    return bytes(pdf.output())


def choose_fit(brief: Brief, png: bytes | None, scratch: _Page) -> tuple[Fit, float]:
    """The roomiest Fit whose layout ends on the page, and the chart's height that fills what is left (up to
    CHART_MAX_MM). Measured on ``scratch`` (see _Page.scratch), a page per try: the first Fit, which most
    briefs take, then a binary search over the others (each try is a full layout)."""

    def spare(i: int) -> float:
        return scratch.bottom - SAFETY_MM - _layout(scratch, brief, png, FITS[i], FITS[i].chart_mm)

    chosen, room = 0, spare(0)
    if room < 0:
        chosen, room = len(FITS) - 1, 0.0  # the tightest, if nothing measured fits
        low, high = 1, len(FITS) - 1
        while low <= high:
            mid = (low + high) // 2
            mid_room = spare(mid)
            if mid_room >= 0:
                chosen, room, high = mid, mid_room, mid - 1
            else:
                low = mid + 1
    return FITS[chosen], FITS[chosen].chart_mm + min(room, CHART_MAX_MM - FITS[chosen].chart_mm)


def cuts(brief: Brief, fit: Fit) -> list[str]:
    """What the layout at ``fit`` leaves out or shortens, in words (empty: nothing)."""
    out = []
    if len(brief.models) > MAX_MODELS:
        out.append(f"{MAX_MODELS} of the {len(brief.models)} shortlisted models shown")
    if any(len(m.note) > fit.note_chars or len(m.status) > fit.note_chars for m in brief.models):
        out.append(f"notes and reasons shortened to {fit.note_chars} characters")
    if len(brief.breakevens) > fit.breakevens:
        out.append(f"{fit.breakevens} of {len(brief.breakevens)} breakeven lines shown")
    longest = max((len(t) for t in (*brief.cost_sources, *brief.attributions)), default=0)
    if longest > fit.source_chars:
        out.append(f"source lines shortened to {fit.source_chars} characters")
    return out


def _layout(pdf: _Page, brief: Brief, png: bytes | None, fit: Fit, chart_mm: float) -> float:
    """Lays the brief out on a new page of ``pdf``; returns where it ends (mm from the top)."""
    pdf.add_page()
    pdf.set_title("Model decision brief")
    _head(pdf, brief, fit)
    _recommendation(pdf, brief, fit)
    _chart(pdf, brief, png, chart_mm, fit)
    _shortlist(pdf, brief, fit)
    _costs(pdf, brief, fit)
    _sources(pdf, brief, fit)
    return pdf.get_y()


def _head(pdf: _Page, brief: Brief, fit: Fit) -> None:
    pdf.para(brief.question, fit.body_pt + 4.5, "B")
    pdf.ln(0.8)
    pdf.para(f"Constraints: {brief.constraints} → {brief.passing}.", fit.body_pt - 0.5, color=GREY)
    pdf.para(
        f"Scorecard: {brief.scorecard} · {brief.data_line} · made with the LLM Tradeoff Explorer",
        fit.body_pt - 0.5,
        color=GREY,
    )


def _recommendation(pdf: _Page, brief: Brief, fit: Fit) -> None:
    pdf.heading("Recommendation (Decide)", fit)
    pdf.set_fill_color(*TINT)
    pdf.para(brief.recommendation, fit.body_pt, fill=True)
    pdf.para(f"What would flip it: {brief.flip}", fit.body_pt - 0.5, fill=True)


def _chart(pdf: _Page, brief: Brief, png: bytes | None, chart_mm: float, fit: Fit) -> None:
    pdf.heading("Quality against cost (the Explore chart)", fit)
    if png is None:
        pdf.para(
            "No model passing the constraints has both a score and a price: nothing to plot.", fit.body_pt
        )
        return
    width_px, height_px = png_size(png)
    width = min(pdf.epw, chart_mm * width_px / height_px)  # sized by height too: never wider than the page
    height = width * height_px / width_px
    if not pdf.measuring:
        x = pdf.l_margin + (pdf.epw - width) / 2
        pdf.image(io.BytesIO(png), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 0.5)
    pdf.para(brief.chart_caption, fit.small_pt, color=GREY)


SHORTLIST_COLUMNS = ("Model", "Weights · licence", "Score", "Cost at your volume", "Constraints")
SHORTLIST_WIDTHS = (40, 34, 22, 46, 44)


def _shortlist(pdf: _Page, brief: Brief, fit: Fit) -> None:
    pdf.heading(f"Shortlist ({len(brief.models)}) with the room's notes", fit)
    if not brief.models:
        pdf.para("Nothing shortlisted.", fit.body_pt)
        return
    size = fit.body_pt - 0.8
    pdf.style(size)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=SHORTLIST_WIDTHS,
        width=pdf.epw,
        text_align="LEFT",
        v_align="TOP",
        headings_style=FontFace(emphasis="B", color=ACCENT, fill_color=TINT),
        borders_layout="NONE",  # a line above each model only: its note stays with it
        line_height=size * 0.45,
        padding=(0.6, 1.0),
    ) as table:
        table.row(SHORTLIST_COLUMNS)
        for m in brief.models[:MAX_MODELS]:
            _model_rows(table, m, fit)


def _model_rows(table, m: ModelLine, fit: Fit) -> None:
    row = table.row()
    cells = (f"{shorten(m.name, 60)}\n{m.rank}", f"{m.weights} · {shorten(m.licence, 60)}", m.score, m.cost)
    for i, text in enumerate((*cells, shorten(m.status, fit.note_chars))):
        row.cell(text, style=FontFace(emphasis="B") if i == 0 else None, border=CellBordersLayout.TOP)
    if m.note:
        note = table.row()
        note.cell(f"Note: {shorten(m.note, fit.note_chars)}", colspan=5, style=FontFace(color=GREY))


def _costs(pdf: _Page, brief: Brief, fit: Fit) -> None:
    pdf.heading(f"API or self-hosting at {brief.volume} (Costs)", fit)
    pdf.para(brief.cost_answer, fit.body_pt)
    for line in brief.breakevens[: fit.breakevens]:
        pdf.para(f"• {line}", fit.body_pt - 0.8)


def _sources(pdf: _Page, brief: Brief, fit: Fit) -> None:
    pdf.heading("Where every number comes from", fit)
    small = fit.small_pt
    for m in brief.models[:MAX_MODELS]:
        pdf.para(f"{shorten(m.name, 60)} — {m.sources}", small, color=GREY)
    for line in brief.cost_sources:
        pdf.para(f"Cost · {shorten(line, fit.source_chars)}", small, color=GREY)
    pdf.para(
        f"Self-hosting assumptions: {shorten(brief.assumptions, 2 * fit.source_chars)}", small, color=GREY
    )
    credits = "; ".join(shorten(a, fit.source_chars) for a in brief.attributions)
    every = "Every source with its licence and date: the Data page."
    pdf.para(f"Sources and attribution: {credits}. {every}", small, color=GREY)
    cut = cuts(brief, fit)
    if cut:
        pdf.para(f"Shortened to fit one page: {'; '.join(cut)}. The link shows everything.", small, "B")
    _link(pdf, brief.link, small)


def _link(pdf: _Page, link: str, size: float) -> None:
    """The share link, clickable; its text shortened (a link with notes runs to thousands of characters)."""
    pdf.style(size, "B", ACCENT)
    text = f"Open this view: {shorten(link, 240)}"
    pdf.multi_cell(0, size * 0.45, text, align="L", link=link, new_x="LMARGIN", new_y="NEXT")
