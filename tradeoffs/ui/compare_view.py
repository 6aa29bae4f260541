"""What the Compare page shows for one view and set of models, computed once and shared by every session
on it; the page's model picker, and the "Compare" button that Explore, Decide and the Shortlist show
(the tables are drawn by compare_tables.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from tradeoffs import hosting
from tradeoffs.compare.answer import PICK_HINT, compare_sentence
from tradeoffs.compare.picks import MAX_MODELS, first_comparable
from tradeoffs.compare.prices import provider_prices
from tradeoffs.compare.table import CompareInput, Comparison, build_comparison
from tradeoffs.constraints import API_RUNGS, Constraints
from tradeoffs.constraints_text import deployment_words
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs.options import model_labels
from tradeoffs.ui import cost_loaders, loaders, privacy_loaders
from tradeoffs.ui.hosting_loaders import load_hosting, load_served_offerings
from tradeoffs.ui.shared import assumption_items, shared_view
from tradeoffs.ui.state import set_compared

COMPARE_PAGE = "pages/compare.py"
PICKER_KEY = "compare_picker"
OPENNESS_SOURCE = "eosai-index"  # its row in data/sources.csv


@dataclass(frozen=True)
class CompareView:
    answer_md: str
    passing: int  # models passing the constraints (for the context line)
    total: int
    labels: dict[str, str]  # model_id → column label, for the compared models
    comparison: Comparison | None = None  # None: fewer than two models
    prices: pd.DataFrame | None = None  # provider × model_id (see compare.prices.provider_prices)
    cheapest: pd.DataFrame | None = None
    attribution: str = ""  # the openness index's attribution (sources.csv), which its CC BY licence asks
    prices_note: str = ""  # which prices the table holds, when the privacy ladder narrows them


@shared_view
def _labels(version: str) -> dict[str, str]:
    return model_labels(loaders.load_catalog())


def load_model_labels() -> dict[str, str]:
    """Every model id → its name (with the id where two models share a name), for the picker (shared)."""
    return _labels(loaders.data_version())


RUNG_PRICES_NOTE = (
    "Only the providers whose published terms meet your privacy setting ({words}), at the price they "
    "charge there; the Data page lists every provider's terms."
)


def _offerings(c: Constraints) -> pd.DataFrame:
    """The offerings Compare prices from, with what each host serves: on an API rung of the privacy
    ladder only those it allows (at a region's own price), else every trusted one (every quote with the
    reseller switch)."""
    if c.deployment in API_RUNGS:
        return hosting.with_hosting(cost_loaders.load_api_offerings(c), load_hosting())
    return load_served_offerings(c.include_resellers)


def _input(c: Constraints, a: cost_assumptions.CostAssumptions, ids: list[str]) -> CompareInput:
    evaluated = loaders.load_evaluated(c, a)
    # The cheapest trusted API offering the rung allows (self-hosting rungs: any, for reference).
    api_rung = c.deployment if c.deployment in API_RUNGS else "any"
    priced = cost_loaders.load_costs(replace(c, deployment=api_rung), a)
    own = cost_loaders.load_costs(replace(c, deployment="on-prem"), a)  # self-hosting every open model
    return CompareInput(
        models=evaluated.models.loc[ids],
        api=priced.reindex(ids),
        self_host=own.reindex(ids),
        deployed=evaluated.costs.reindex(ids),
        offerings=_offerings(c),
        benchmarks=loaders.load_reference("benchmarks"),
        constraints=c,
        cached_input_share=a.cached_input_share,
        openness=privacy_loaders.load_openness(),
    )


@shared_view
def _compare(version: str, c: Constraints, items: tuple, ids: tuple[str, ...]) -> CompareView:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    evaluated = loaders.load_evaluated(c, a).models
    passing, total = int(evaluated["passes"].sum()), len(evaluated)
    labels = {m: _labels(version)[m] for m in ids}
    if len(ids) < 2:
        return CompareView(PICK_HINT, passing, total, labels)
    inp = _input(c, a, list(ids))
    prices, cheapest = provider_prices(inp.models.index, inp.offerings, c.input_share, a.cached_input_share)
    answer = compare_sentence(
        inp.models,
        pd.Series(labels),
        (inp.deployed, inp.self_host, inp.api),
        c.benchmark,
        loaders.benchmark_name(c.benchmark),
    )
    comparison = build_comparison(inp)
    note = RUNG_PRICES_NOTE.format(words=deployment_words(c)) if c.deployment in API_RUNGS else ""
    return CompareView(answer, passing, total, labels, comparison, prices, cheapest, _attribution(), note)


def _attribution() -> str:
    """'Openness ratings: <the eosai-index source's attribution> (licence: CC-BY 4.0)' (sources table)."""
    sources = loaders.load_reference("sources").set_index("source")
    if OPENNESS_SOURCE not in sources.index:
        return ""
    row = sources.loc[OPENNESS_SOURCE]
    return f"Openness ratings: {row['attribution']} (licence: {row['license']})."


def load_compare(c: Constraints, a: cost_assumptions.CostAssumptions, ids) -> CompareView:
    """The comparison of ``ids`` (2–4 model ids) under ``c`` and ``a`` (shared, read-only)."""
    return _compare(loaders.data_version(), c, assumption_items(a), tuple(ids)[:MAX_MODELS])


def render_picker(labels: dict[str, str], compared: tuple[str, ...]) -> list[str]:
    """A multiselect of up to four models; the view's models (from the link or a "Compare these" button)
    are its value, and every edit goes back into the view (so into the link)."""
    wanted = [m for m in compared if m in labels]
    if st.session_state.get(PICKER_KEY) != wanted:
        st.session_state[PICKER_KEY] = wanted  # set before the widget exists in this run: allowed
    return st.multiselect(
        f"Models to compare (up to {MAX_MODELS})",
        list(labels),
        format_func=labels.get,
        key=PICKER_KEY,
        max_selections=MAX_MODELS,
        on_change=lambda: set_compared(st.session_state.get(PICKER_KEY, [])),
        placeholder="Pick two to four models",
    )


def render_compare_button(*candidates: tuple[str, object], key: str) -> None:
    """A button that opens Compare with the first candidate (label, model ids) that has two models or
    more (at most four); disabled, with why, when none has."""
    label, ids = first_comparable(*candidates)
    clicked = st.button(
        label or "Compare these",
        key=key,
        disabled=not ids,
        help="Open these models side by side on the Compare page."
        if ids
        else "Needs two models or more to compare.",
    )
    if clicked and ids:
        set_compared(ids)
        st.switch_page(COMPARE_PAGE)
