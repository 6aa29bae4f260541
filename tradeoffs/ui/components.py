"""Shared pieces of UI: notices, the models table, the exclusions list, the share link."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import pyarrow as pa
import streamlit as st

from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.insights import Leader
from tradeoffs.store import without_server_paths
from tradeoffs.text import md_escape, safe_url
from tradeoffs.ui.asof_view import render_refreshed
from tradeoffs.ui.frame import lazy_expander
from tradeoffs.ui.loaders import DataInfo
from tradeoffs.ui.state import LINK_DATA_KEY, URL_WARNINGS_KEY, View, query_for

MODEL_COLUMNS = {
    "name": st.column_config.TextColumn("Model", width="medium", pinned=True),
    "organization": st.column_config.TextColumn("Organization"),
    "access": st.column_config.TextColumn("Weights"),
    "license_name": st.column_config.TextColumn("Licence"),
    "licence_note": st.column_config.TextColumn(
        "Licence conditions",
        width="medium",
        help="What a tier-3 licence asks of you (user or revenue caps, use restrictions, an application). "
        "Blank: a permissive or standard open licence.",
    ),
    "score": st.column_config.NumberColumn("Score", format="%.1f"),
    "score_note": st.column_config.TextColumn(
        "±",
        help="± half the source's 95% confidence interval; 'lab-reported' = not measured by a third party",
    ),
    "unknown": st.column_config.TextColumn(
        "Unknown",
        help="What the data cannot tell (kept in because 'Keep models whose data is unknown' is on)",
    ),
    "blended_usd_per_mtok": st.column_config.NumberColumn(
        "$ / 1M tokens", format="$%,.2f", help="Price per 1M tokens at your input:output mix"
    ),
    "monthly_usd": st.column_config.NumberColumn("$ / month", format="$%,.0f", help="At your monthly volume"),
    "cost_basis": st.column_config.TextColumn("Cost basis"),
    "cost_note": st.column_config.TextColumn("No cost because", help="Why a cost is missing"),
    "context_tokens": st.column_config.NumberColumn("Context", format="compact"),
    "params_total_b": st.column_config.NumberColumn("Params (B)", format="%.0f"),
    "n_hosts": st.column_config.NumberColumn(
        "Hosts", help="Independent hosts serving the open weights (the lab, routers and resellers excluded)"
    ),
    "release_date": st.column_config.DateColumn("Released"),
    "url": st.column_config.LinkColumn("Model card", display_text="open"),
}

# Every models table: the decision's numbers first, so a projector shows them without scrolling sideways.
MODEL_TABLE_COLUMNS = [
    "name",
    "score",
    "score_note",
    "blended_usd_per_mtok",
    "monthly_usd",
    "license_name",
    "licence_note",
    "access",
    "cost_basis",
    "cost_note",
    "context_tokens",
    "params_total_b",
    "n_hosts",
    "organization",
    "release_date",
    "url",
]


def render_notices(info: DataInfo, store_problem: str | None = None, view: View | None = None) -> None:
    """Warnings about the data (``info``: the store's) and the link: the last good data served instead of
    the files, ignored URL values, and data refreshed since the link was made (with the numbers of its
    date on request, and what changed for ``view``'s shortlist)."""
    if store_problem:
        problem = md_escape(without_server_paths(store_problem))
        st.warning(
            f"Showing the last good data (as of {info.as_of}, version {info.version}): the data files "
            f"on the server do not check out ({problem}). An operator should restore "
            "`data/` from git or re-run the refresh; nothing else needs doing here.",
            icon="🛡️",
        )
    ignored = st.session_state.get(URL_WARNINGS_KEY) or []
    if ignored:
        st.warning(
            "Some parts of this link could not be used and were ignored (defaults shown instead): "
            + md_escape("; ".join(ignored)),
            icon="⚠️",
        )
    made_on = st.session_state.get(LINK_DATA_KEY)
    if made_on and made_on != info.tag:
        render_refreshed(made_on, info, view or View(Constraints(), CostAssumptions()))


def render_leader(side: str, leader: Leader | None, bench_name: str) -> None:
    """Best open or closed; a side the deployment excludes stays in view, greyed and labelled."""
    note = " — excluded by your deployment constraint; shown so the comparison stays in view"
    st.metric(
        f"Best {side}",
        f"{leader.score:,.1f}" if leader else "—",
        delta="excluded · for reference" if leader and leader.excluded else None,
        delta_color="off",
        delta_arrow="off",
        help=(f"{md_escape(leader.name)} on {md_escape(bench_name)}" + (note if leader.excluded else ""))
        if leader
        else f"No {side} model passing your constraints has a score on {md_escape(bench_name)}",
        border=True,
    )


def model_table(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the listed columns that exist, in that order; links only where they are http(s); empty
    text shows empty (a missing number shows "unknown", the table's placeholder)."""
    table = df[[c for c in columns if c in df.columns]]
    text = [c for c in table.columns if table[c].dtype == object and c != "url"]
    table = table.assign(**{c: table[c].fillna("") for c in text})
    return table.assign(url=table["url"].map(safe_url)) if "url" in table else table


def render_models(df: pd.DataFrame, columns: list[str], *, key: str, selectable: bool = False) -> list[str]:
    """A models table (links to model cards); with ``selectable``, the model ids of the picked rows."""
    return render_model_table(model_table(df, columns), key=key, selectable=selectable)


Table = pd.DataFrame | pa.Table  # a shared view hands over Arrow, sent without a conversion per run


def _rows(table: Table) -> int:
    return table.num_rows if isinstance(table, pa.Table) else len(table)


def _columns(table: Table) -> list[str]:
    return table.column_names if isinstance(table, pa.Table) else list(table.columns)


def render_model_table(
    table: Table, *, key: str, selectable: bool = False, ids: tuple[str, ...] | None = None
) -> list[str]:
    """A table built by ``model_table``; with ``selectable``, the model ids of the picked rows (``ids``
    row by row for an Arrow table, else the frame's index)."""
    config = {c: MODEL_COLUMNS[c] for c in _columns(table) if c in MODEL_COLUMNS}
    select = {"key": key, "on_select": "rerun", "selection_mode": "multi-row"} if selectable else {}
    event = st.dataframe(
        table, column_config=config, hide_index=True, width="stretch", placeholder="unknown", **select
    )
    if not selectable:
        return []
    row_ids = ids if ids is not None else table.index
    return [row_ids[i] for i in event.selection.rows]


WHY_COLUMNS = ["name", "organization", "access", "why"]


def _render_why(df: Table, why_title: str) -> None:
    """A table of models (name, organization, weights) with a sentence each on why."""
    st.dataframe(
        df.select(WHY_COLUMNS) if isinstance(df, pa.Table) else df[WHY_COLUMNS],
        hide_index=True,
        width="stretch",
        column_config={
            "name": "Model",
            "organization": "Organization",
            "access": "Weights",
            "why": st.column_config.TextColumn(why_title, width="large"),
        },
    )


UNPLOTTABLE_KEY = "unplottable"


def render_unplottable(unplottable: Table) -> None:
    """Passing models the chart cannot place, with what they lack (``why``), in an expander whose
    table is sent only while it is open (hundreds of rows most reruns never need)."""
    if _rows(unplottable):
        label = f"{_rows(unplottable):,} passing models are not on the chart (missing score or price)"
        with lazy_expander(label, UNPLOTTABLE_KEY) as is_open:
            if is_open:
                _render_why(unplottable, "Not plotted because")


EXCLUSIONS_KEY = "exclusions_open"


def render_exclusions(count: int, load: Callable[[], tuple[Table, Table]]) -> None:
    """Every excluded model with its reasons, grouped by reason with counts, in an expander whose
    tables are built and sent only once it is open (``load`` → (counts: reason, models, examples;
    excluded: name, organization, access, why)): most reruns never need them."""
    with lazy_expander(f"Why {count} models are excluded", EXCLUSIONS_KEY) as is_open:
        if not count:
            st.write("No model is excluded by the current constraints.")
            return
        if not is_open:
            return
        counts, excluded = load()
        st.dataframe(
            counts,
            hide_index=True,
            width="stretch",
            column_config={
                "reason": "Reason",
                "models": st.column_config.NumberColumn("Models"),
                "examples": "Examples",
            },
        )
        _render_why(excluded, "Excluded because")


def share_link(view: View, info: DataInfo) -> str:
    """The absolute link of the current view (relative when the app's address is unknown)."""
    query = urlencode(query_for(view, info.tag))
    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except AttributeError:
        base = ""
    return f"{base}?{query}" if query else base or "?"
