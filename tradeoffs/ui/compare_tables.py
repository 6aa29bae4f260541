"""The Compare page's tables as a reader sees them: attributes down the side (pinned while the model
columns scroll sideways on a phone), a model per column, the best value of a row and a failed
constraint marked in colour and in words, sections as shaded rows. Every cell is outside text, escaped
(st.table renders Markdown)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs.compare.table import BEST, FAILS, Comparison
from tradeoffs.text import md_escape

TABLE_KEY = "compare_table"
PRICES_KEY = "compare_prices"
FLAG = "⚑ "
FAIL_PREFIX = "✗ "
STYLE = {
    BEST: "background-color: #d3f9d8; font-weight: 700;",
    FAILS: "background-color: #ffe3e3; color: #a61e4d;",
    "section": "background-color: #dee2e6;",
}
# Our own fixed CSS (no outside text): the attribute column stays in view while the model columns scroll
# sideways; columns keep a readable width (two models fit beside the attributes on a 390-px phone).
TABLE_CSS = f"""
<style>
.st-key-{TABLE_KEY} th, .st-key-{TABLE_KEY} td, .st-key-{PRICES_KEY} th, .st-key-{PRICES_KEY} td {{
  min-width: 7.6rem; vertical-align: top; }}
.st-key-{TABLE_KEY} tr > th:first-child, .st-key-{PRICES_KEY} tr > th:first-child {{
  position: sticky; left: 0; z-index: 2; min-width: 6.6rem; max-width: 11rem; background-color: #f1f3f5; }}
</style>
"""
LEGEND = (
    "Green and bold: the best value of the row. ✗ on red: fails one of your constraints. ⚑ in bold: "
    "your constraints ask about this and the models differ on it. Scores: ± half the source's 95% interval, "
    "“lab-reported” where no third party measured it; then the source and its date. “unknown”: the data "
    "does not say."
)


def _display(comparison: Comparison, labels: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(escaped cells with a shaded row per section, bold labels for sections and flagged rows; the style
    of each cell)."""
    cells, cell_styles, index = [], [], []
    blank = [""] * len(comparison.table.columns)
    for section, rows in comparison.rows.groupby("section", sort=False):
        index.append(f"**{md_escape(section)}**")
        cells.append(blank)
        cell_styles.append([STYLE["section"]] * len(blank))
        for label, flagged in rows["flagged"].items():
            marks = comparison.marks.loc[label]
            texts = comparison.table.loc[label]
            cells.append(
                [md_escape(FAIL_PREFIX + t if k == FAILS else t) for t, k in zip(texts, marks, strict=True)]
            )
            cell_styles.append([STYLE.get(k, "") for k in marks])
            index.append(f"**{md_escape(FLAG + label)}**" if flagged else md_escape(label))
    columns = [md_escape(labels[m]) for m in comparison.table.columns]
    table = pd.DataFrame(cells, index=pd.Index(index, name="Attribute"), columns=columns)
    return table, pd.DataFrame(cell_styles, index=table.index, columns=columns)


def render_comparison(comparison: Comparison, labels: dict[str, str]) -> None:
    """The comparison table, then its legend."""
    st.html(TABLE_CSS)
    table, styles = _display(comparison, labels)
    styler = table.style.apply(lambda _: styles, axis=None)
    with st.container(key=TABLE_KEY):
        st.table(styler)
    st.caption(LEGEND)


def render_attribution(text: str) -> None:
    """A source's attribution under the table (outside text: escaped)."""
    if text:
        st.caption(md_escape(text))


def render_prices(
    prices: pd.DataFrame, cheapest: pd.DataFrame, labels: dict[str, str], note: str = ""
) -> None:
    """Every provider's price of each model, the cheapest per model marked, in an expander; ``note``
    says which providers it holds when the privacy ladder narrows them."""
    if prices is None or prices.empty:
        st.caption("None of these models has a price the app may use.")
        return
    with st.expander(f"Prices at each of {len(prices)} providers (per 1M tokens at your mix)"):
        shown = prices.map(md_escape).set_axis([md_escape(labels[m]) for m in prices.columns], axis=1)
        shown.index = pd.Index([md_escape(p) for p in prices.index], name="Provider")
        styles = cheapest.map(lambda b: STYLE[BEST] if b else "").set_axis(shown.columns, axis=1)
        styles.index = shown.index
        styler = shown.style.apply(lambda _: styles, axis=None)
        if note:
            st.caption(note)
        with st.container(key=PRICES_KEY):
            st.table(styler)
        st.caption(
            "Blended price per 1M tokens at your input share (list input and output prices in brackets) · "
            "source, as of; then what the host serves: the quantization its endpoints state against the "
            "precision the lab released (reduced = fewer bits per weight), and its uptime over the last day "
            "(OpenRouter's endpoint data; a range over a host's endpoints). “not stated”: the data does not "
            "say. — : not sold there. Green and bold: each model's cheapest. Routers' and unverified "
            "resellers' quotes appear only with the sidebar's reseller switch on."
        )
