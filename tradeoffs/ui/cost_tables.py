"""The Costs page's tables: the breakdown at the user's volume, the breakevens, the assumptions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs.costs import tables as ct
from tradeoffs.text import md_escape
from tradeoffs.ui.frame import render_section

BREAKDOWN_TITLES = {
    "option": "Option",
    "item": "Item",
    "how": "How",
    "usd_per_month": "USD / month",
    "source": "Source",
}
BREAKEVEN_TITLES = {
    "open_label": "Self-hosted",
    "api_label": "API option",
    "tokens_per_month": "Breakeven (tokens/month)",
    "text": "In words",
}
ASSUMPTION_TITLES = {
    "assumption": "Assumption",
    "value": "Value",
    "unit": "Unit",
    "default": "Default",
    "source": "Source",
}


def breakdown_table(breakdown: pd.DataFrame) -> pd.DataFrame:
    return ct.for_table(breakdown, BREAKDOWN_TITLES, usd=("usd_per_month",))


def breakeven_table(breakevens: pd.DataFrame) -> pd.DataFrame:
    return ct.for_table(breakevens, BREAKEVEN_TITLES, counts=("tokens_per_month",))


def assumption_sources_table(assumptions: pd.DataFrame) -> pd.DataFrame:
    return ct.for_table(assumptions, ASSUMPTION_TITLES)


def render_breakdown(table: pd.DataFrame, volume_text: str) -> None:
    """Each option's cost lines at the user's volume, with how and from which source (``breakdown_table``)."""
    render_section(f"Cost breakdown at your volume ({volume_text})")
    st.table(table)


def render_sizing(sizing: list[tuple[str, str]]) -> None:
    """How each open model is sized on the GPU (Markdown written by the code), and the published
    measurement it is checked against (plain text)."""
    for sentence, measured in sizing:
        st.markdown(sentence)
        if measured:
            st.caption(md_escape(measured))


def render_breakeven_table(table: pd.DataFrame) -> None:
    """Every (self-hosted, API) pair's breakeven volume, in tokens and in words (``breakeven_table``)."""
    if len(table):
        render_section("Breakeven volumes")
        st.table(table)


def render_assumption_sources(table: pd.DataFrame) -> None:
    """Every assumption with its value, unit, default and source (``assumption_sources_table``)."""
    render_section("Assumptions and their sources")
    st.table(table)
    st.caption("Change any assumption on the right; the link in the address bar keeps your figures.")
