"""The constraints sidebar shared by every page. Widgets only; their keys live in state.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs.catalog import score_column
from tradeoffs.constraints import (
    DEPLOYMENTS,
    INPUT_PCT_RANGE,
    LICENSES,
    NEEDS,
    REGIONS,
    Constraints,
    format_count,
)
from tradeoffs.constraints_text import fmt_score
from tradeoffs.filtering import NEED_LABELS
from tradeoffs.ui import loaders
from tradeoffs.ui.state import widget_key

VOLUME_STEPS = [
    10**6,
    3 * 10**6,
    10**7,
    3 * 10**7,
    10**8,
    3 * 10**8,
    10**9,
    3 * 10**9,
    10**10,
    3 * 10**10,
    10**11,
]
CONTEXT_STEPS = [0, 8_000, 16_000, 32_000, 64_000, 128_000, 200_000, 400_000, 1_000_000]
SIZE_STEPS = [None, 8.0, 14.0, 32.0, 70.0, 120.0, 250.0, 500.0, 1000.0]
DEPLOYMENT_LABELS = {
    "any": "Any: a public API is fine",
    "no-retention": "API that neither trains on nor keeps prompts",
    "region": "That, and processed in one region",
    "private-cloud": "Private cloud in your account",
    "on-prem": "On-prem",
}
LICENSE_LABELS = {"any": "Any", "commercial": "Commercial use", "osi": "OSI-approved"}
REFERENCE_MODELS = ("gpt-3.5-turbo", "gpt-4", "gpt-4o")  # "GPT-4-class" bars a workshop asks for


def _with(options: list, value) -> list:
    """Options for a select_slider, including a value that came from a URL off the usual steps."""
    if value in options:
        return options
    return sorted([*options, value], key=lambda v: (v is not None, v if v is not None else 0))


SLIDER_KEY = "_min_score_slider"
SLIDER_BENCH_KEY = "_min_score_benchmark"
REFERENCE_KEY = "_quality_reference"


def _set_bar(value: float) -> None:
    st.session_state[widget_key("min_score")] = value
    st.session_state[SLIDER_KEY] = value


def _quality(catalog: pd.DataFrame, benchmarks: pd.DataFrame) -> None:
    """Benchmark, minimum score (far left = none) and one-click reference bars (≥ GPT-4…)."""
    names = dict(zip(benchmarks["benchmark"], benchmarks["name"], strict=True))
    bench = st.selectbox(
        "Quality benchmark",
        list(names),
        format_func=names.get,
        key=widget_key("benchmark"),
        help="The score used for the quality bar, the charts and the ranking.",
    )
    key = widget_key("min_score")
    scale = loaders.load_score_scale(score_column(bench), REFERENCE_MODELS)
    if scale is None:
        st.session_state[key] = None
        st.caption("No model has a score on this benchmark.")
        return
    if st.session_state.get(SLIDER_BENCH_KEY) != bench:  # a new scale: start from the URL value or none
        wanted = st.session_state.get(key)
        low_or_none = wanted is None or wanted <= scale.low
        st.session_state[SLIDER_KEY] = None if low_or_none else min(float(wanted), scale.high)
        st.session_state[SLIDER_BENCH_KEY] = bench
    # Far left is "no minimum" (a bar at the lowest score would still drop unscored models).
    st.session_state[key] = st.select_slider(
        f"Minimum {names[bench]}",
        _with(list(scale.steps), st.session_state.get(SLIDER_KEY)),
        key=SLIDER_KEY,
        format_func=lambda v: scale.labels.get(v) or fmt_score(v),  # a URL's value may be off the steps
        help="Models below this score, or without one, are excluded. Far left = no minimum.",
    )
    refs = scale.references
    if refs:
        st.pills(
            "Set the bar to the level of",
            list(refs),
            key=REFERENCE_KEY,
            on_change=_set_reference,
            args=(refs,),
            help="One click sets the minimum to that model's score on this benchmark.",
        )


def _set_reference(refs: dict[str, float]) -> None:
    choice = st.session_state.get(REFERENCE_KEY)
    if choice in refs:
        _set_bar(refs[choice])
    st.session_state[REFERENCE_KEY] = None  # a one-shot action, not a state to keep


# The constraints that exclude models; volume, benchmark, shortlist and the switches are kept.
FILTERS = (
    "deployment",
    "license",
    "min_score",
    "min_context_tokens",
    "max_params_b",
    "budget_usd",
    "needs",
    "exclude_orgs",
)


def clear_filters() -> None:
    """Every excluding constraint back to its default: the way back from an empty result."""
    defaults = Constraints()
    for name in FILTERS:
        value = getattr(defaults, name)
        st.session_state[widget_key(name)] = list(value) if isinstance(value, tuple) else value
    st.session_state.pop(SLIDER_BENCH_KEY, None)  # the quality slider restarts from "no minimum"


def render_no_results(message: str) -> None:
    """An empty result: what happened, and one click back to a view with models in it."""
    st.info(message)
    st.button("Clear the constraints that exclude models", on_click=clear_filters, key="clear_filters")


def _privacy() -> None:
    """The privacy ladder, least to most restrictive, and the region its third rung asks for."""
    deployment = st.radio(
        "Where may prompts go?",
        DEPLOYMENTS,
        format_func=DEPLOYMENT_LABELS.get,
        key=widget_key("deployment"),
        help="Each rung is stricter than the one above. The API rungs count a model only through a "
        "provider whose published terms say it neither trains on prompts nor retains them (unknown "
        "terms count as 'may retain and train'), and for a region, processes them there. Private "
        "cloud: open weights in your cloud account, or a closed model a hyperscaler (Bedrock, Azure, "
        "Vertex) serves inside your tenancy. On-prem needs open weights.",
    )
    st.radio(
        "Region where an API processes prompts",
        REGIONS,
        key=widget_key("region"),
        horizontal=True,
        disabled=deployment != "region",
        help="For the third rung: EU = the 27 member states (ISO country codes of the provider's "
        "datacenters, or a region-tagged endpoint such as Bedrock's eu-west-1).",
    )


def render_sidebar(catalog: pd.DataFrame, benchmarks: pd.DataFrame) -> None:
    """Draw every constraint widget; values land in session state under ``widget_key(name)``."""
    with st.sidebar:
        st.header("Constraints")
        _privacy()
        st.radio(
            "Licence",
            LICENSES,
            format_func=LICENSE_LABELS.get,
            key=widget_key("license"),
            horizontal=True,
            help="Commercial use = allowed, possibly with conditions (e.g. a user cap); OSI = an "
            "OSI-approved open-source licence.",
        )
        _quality(catalog, benchmarks)
        key = widget_key("min_context_tokens")
        st.select_slider(
            "Minimum context window",
            _with(CONTEXT_STEPS, st.session_state.get(key, 0)),
            key=key,
            format_func=lambda v: "any" if not v else f"{format_count(int(v))} tokens",
        )
        key = widget_key("max_params_b")
        st.select_slider(
            "Largest model you can host",
            _with(SIZE_STEPS, st.session_state.get(key)),
            key=key,
            format_func=lambda v: "no limit" if v is None else f"{v:,.0f}B parameters",
            help="Total parameters. Applies to open-weights models (closed models' sizes are not published).",
        )
        st.subheader("Usage and budget")
        key = widget_key("volume_tokens")
        st.select_slider(
            "Monthly token volume",
            _with(VOLUME_STEPS, st.session_state.get(key, 10**8)),
            key=key,
            format_func=lambda v: f"{format_count(int(v))} tokens",
        )
        st.slider(
            "Input share of tokens",
            INPUT_PCT_RANGE[0] / 100,
            INPUT_PCT_RANGE[1] / 100,
            step=0.05,
            key=widget_key("input_share"),
            format="%.2f",
            help="0.75 = three prompt tokens for every generated token (3:1).",
        )
        st.number_input(
            "Monthly budget (US$)",
            min_value=0.0,
            step=1000.0,
            value=None,
            key=widget_key("budget_usd"),
            placeholder="no budget",
            help="Excludes models costing more per month at your volume.",
        )
        st.subheader("Must have")
        st.pills(
            "Capabilities",
            NEEDS,
            selection_mode="multi",
            format_func=NEED_LABELS.get,
            key=widget_key("needs"),
            label_visibility="collapsed",
        )
        st.subheader("Data you can trust")
        st.toggle(
            "Exclude deprecated and retired models",
            key=widget_key("exclude_deprecated"),
            help="Retired = past the vendor's shut-down date; deprecated = the vendor lists it as such.",
        )
        st.toggle(
            "Keep models whose data is unknown",
            key=widget_key("keep_unknown"),
            help="Off: a model is excluded when the data cannot show it meets a constraint (e.g. "
            "'tool calling: unknown'). On: it stays in, and its table row says what is unknown.",
        )
        st.toggle(
            "Include reseller and router prices",
            key=widget_key("include_resellers"),
            help="Off: prices come from the lab, a cloud, or an established host of open weights. On: "
            "quotes of routers and unverified resellers count too (they are marked as such).",
        )
        st.toggle(
            "Prefer hosts serving full precision",
            key=widget_key("full_precision"),
            help="On: an API price from a host known to serve the weights below their released precision "
            "(e.g. fp8 of a bf16 model) is skipped where the model has another host. A host that does not "
            "state its quantization is kept (shown as 'not stated').",
        )
        orgs = sorted(catalog["organization"].dropna().unique())
        st.multiselect("Exclude organizations", orgs, key=widget_key("exclude_orgs"), placeholder="none")
