"""The CSV and Excel downloads of Explore (the passing models) and the Shortlist (the shortlisted ones).

Nothing is built until a button is clicked: the run only hands Streamlit a function. Streamlit runs it
on another thread, outside the session, so everything it needs (the shared frames of this view, the
constraints, the link) is taken during the run and the click only does pure work on them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tradeoffs.brief import exports
from tradeoffs.brief.export_table import TableInputs, build_table
from tradeoffs.catalog import score_column
from tradeoffs.constraints import Constraints
from tradeoffs.constraints_text import describe_constraints
from tradeoffs.costs import hardware, selfhost
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.ui import cost_loaders, loaders, privacy_loaders
from tradeoffs.ui.components import share_link
from tradeoffs.ui.state import View

CSV_MIME = "text/csv"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLES = {"shortlist": "Shortlist", "passing": "Models passing the constraints"}


@dataclass(frozen=True)
class _Job:
    """One view's export: read-only shared frames and plain values (no session needed to build it)."""

    which: str  # "shortlist" | "passing"
    constraints: Constraints
    evaluated: loaders.Evaluated
    offerings: pd.DataFrame
    gpus: pd.DataFrame
    sources: pd.DataFrame
    runs: pd.DataFrame
    assumptions: CostAssumptions
    notes: tuple
    about: exports.About  # sources filled in on click
    openness: pd.DataFrame  # the openness index's ratings (transparency and open-washing columns)

    @functools.cached_property
    def table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        c, a, models = self.constraints, self.assumptions, self._models()
        own = selfhost.self_host_costs(
            models.reset_index(), hardware.hardware(self.gpus, a), c.volume_tokens, c.input_share, a
        )
        costs = self.evaluated.costs.reindex(models.index)
        name, notes = self.evaluated.benchmark_name, dict(self.notes)
        inputs = TableInputs(models, costs, own, self.offerings, c, name, notes, self.openness)
        return build_table(inputs)

    def _models(self) -> pd.DataFrame:
        m = self.evaluated.models
        if self.which == "shortlist":
            return m.loc[[i for i in self.constraints.shortlist if i in m.index]]
        column = score_column(self.constraints.benchmark)
        passing = m[m["passes"]]
        return passing.sort_values(column, ascending=False, na_position="last") if column in m else passing

    def csv(self) -> bytes:
        return exports.to_csv_bytes(self.table[0], self._about())

    def xlsx(self) -> bytes:
        table, formats = self.table
        return exports.to_xlsx_bytes(table, self._about(), formats)

    def _about(self) -> exports.About:
        dates = dict(zip(self.runs["source"], self.runs["data_as_of"], strict=True))
        notes = tuple(
            exports.SourceNote(
                str(r["name"]),
                _day(dates.get(r["source"])),
                _text(r["license"]),
                _text(r["attribution"]),
                _text(r["url"]),
            )
            for _, r in self.sources.iterrows()
        )
        return exports.About(**{**self.about.__dict__, "sources": notes})


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _job(view: View, which: str) -> _Job:
    c, a = view.constraints, view.assumptions
    evaluated = loaders.load_evaluated(c, a)
    info, store = loaders.load_data_info(), loaders.load_store_info()
    rebuilt = (
        None
        if loaders.without_uploads(info.version) == store.version
        else f"the data of {store.as_of} (version {store.version})"
    )
    about = exports.About(
        TITLES[which],
        describe_constraints(c, evaluated.benchmark_name),
        info.as_of,
        store.version,
        share_link(view, info),
        (),
        rebuilt,
    )
    return _Job(
        which,
        c,
        evaluated,
        cost_loaders.load_price_offerings(c),  # the prices the rung allows, as the cost column
        loaders.load_reference("gpus"),
        loaders.load_reference("sources"),
        loaders.load_reference("refresh_runs"),
        a,
        tuple(sorted(view.notes.items())),
        about,
        privacy_loaders.load_openness(),
    )


def render_export_buttons(view: View, which: str = "shortlist") -> None:
    """CSV and Excel buttons for the shortlisted models (``which="shortlist"``) or the models passing the
    constraints (``"passing"``); the files are built on click."""
    job = _job(view, which)
    stem = f"llm-tradeoffs-{which}-{job.about.data_as_of}"
    what = "the shortlisted models" if which == "shortlist" else "the models that pass"
    hint = (
        f"{what.capitalize()} with readable columns and units; the constraints, the data date, the link "
        "and the sources are in the file."
    )
    with st.container(horizontal=True):
        st.download_button(
            "Download CSV",
            job.csv,
            f"{stem}.csv",
            CSV_MIME,
            key=f"export_csv_{which}",
            on_click="ignore",
            help=hint,
        )
        st.download_button(
            "Download Excel",
            job.xlsx,
            f"{stem}.xlsx",
            EXCEL_MIME,
            key=f"export_xlsx_{which}",
            on_click="ignore",
            help=hint,
        )
