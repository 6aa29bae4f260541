"""The Costs page's widgets: which models to compare, which offering prices each API, the assumptions.

Each assumption widget edits ``st.session_state[widget_key(field)]``, which the frame turns into the
view's CostAssumptions and writes into the URL (state.py). Those keys are seeded from the URL before
the widgets exist, so the widgets get no ``value=`` of their own; ``persist_state="session"`` keeps an
edit when the user visits another page (by default Streamlit drops the state of a widget that is
not drawn, which would silently reset the assumptions and the link).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs.costs import options
from tradeoffs.costs.assumptions import ASSUMPTIONS_BY_KEY
from tradeoffs.costs.hardware import YOURS, Hardware
from tradeoffs.text import md_escape
from tradeoffs.ui.cost_view import CostSetup
from tradeoffs.ui.frame import lazy_expander
from tradeoffs.ui.state import set_compare, set_price, widget_key

PERSIST = "session"
MORE_KEY = "more_assumptions_open"  # the expander of the less-used assumptions
NATIVE = "native"
PRECISION_LABELS = {NATIVE: "As released", 16: "16-bit", 8: "8-bit", 4: "4-bit"}
PRECISION_KEY = "_precision_choice"
OWNERSHIP_LABELS = {"rent": "Rent", "own": "Own"}
SHARES = (
    "target_utilisation",
    "reserved_discount",
    "ops_overhead_pct",
    "cached_input_share",
    "memory_reserve",
    "bandwidth_efficiency",
    "compute_efficiency",
    "prefill_efficiency",
)
NUMBERS = (
    "tokens_per_request",
    "max_batch",
    "peak_to_average",
    "tokens_per_second_per_replica",
)
OWNING = (
    "owned_gpus",
    "usd_per_gpu_purchase",
    "amortisation_years",
    "kw_per_gpu",
    "pue",
    "usd_per_kwh",
    "hosting_usd_per_gpu_month",
)


def _help(field: str) -> str:
    """The assumption's meaning, default and source (escaped: '$169,000 … $240k' would render as maths)."""
    meta = ASSUMPTIONS_BY_KEY[field]
    default = meta.default
    shown = (
        "blank"
        if default is None
        else ("yes" if default else "no")
        if isinstance(default, bool)
        else default
        if isinstance(default, str)
        else f"{default:,g}"
    )
    return md_escape(f"{meta.help}\n\nDefault: {shown} {meta.unit} — source: {meta.source}")


def render_model_pickers(setup: CostSetup, compare: dict) -> tuple[list[str], list[str]]:
    """Two multiselects (open models to self-host, API options). A link's picks (``compare``) win;
    otherwise they restart from the defaults when those change (a new shortlist, other constraints).
    Every edit is kept in the view, so the link reopens the same comparison."""
    left, right = st.columns(2)
    labels, defaults = setup.labels, setup.defaults
    if compare:
        defaults = (list(compare.get("self_host", defaults[0])), list(compare.get("api", defaults[1])))
    # A link's pick beyond the listed options (see options.top_options) is added to them, not dropped.
    open_ids = [*setup.hostable, *(m for m in defaults[0] if m in setup.can_host and m not in setup.hostable)]
    api_ids = [*setup.priced, *(m for m in defaults[1] if m in setup.can_price and m not in setup.priced)]
    tag = "link" if compare else "|".join(",".join(d) for d in defaults)  # new defaults, new widgets
    keys = {"self_host": f"cost_open_models::{tag}", "api": f"cost_api_models::{tag}"}
    opens = left.multiselect(
        "Open models to self-host",
        list(open_ids),
        default=[m for m in defaults[0] if m in set(open_ids)],
        format_func=labels.get,
        key=keys["self_host"],
        on_change=_keep_picks,
        args=(keys,),
        persist_state=PERSIST,
        placeholder="Pick open-weights models",
        help="Open-weights models with a known parameter count." + _listed(setup.hostable, setup.can_host),
    )
    apis = right.multiselect(
        "API options",
        list(api_ids),
        default=[m for m in defaults[1] if m in set(api_ids)],
        format_func=labels.get,
        key=keys["api"],
        on_change=_keep_picks,
        args=(keys,),
        persist_state=PERSIST,
        placeholder="Pick models sold through an API",
        help="Any model with an API price; choose the provider below."
        + _listed(setup.priced, setup.can_price),
    )
    return opens, apis


def _listed(shown, every) -> str:
    """What a capped picker lists, for its help ("" when it lists every model)."""
    if len(shown) >= len(every):
        return ""
    return f" Listed: {len(shown):,} of {len(every):,}, the best-scoring on your benchmark and your picks."


def _keep_picks(keys: dict[str, str]) -> None:
    for side, key in keys.items():
        set_compare(side, st.session_state.get(key, []))


def render_price_choices(
    choices_by_model: dict[str, dict[str, str]],
    labels: dict[str, str],
    prices: dict[str, str],
    hosts: dict[str, dict[str, str]] | None = None,
) -> dict[str, str]:
    """One selectbox per API option: cheapest offering, first-party, or a named provider
    (``choices_by_model``: model → choice → its label), and under it what the chosen host serves
    (``hosts``: model → choice → its quantization and uptime). A link's choice (``prices``) is the
    starting value; a choice that no longer exists falls back to cheapest."""
    if not choices_by_model:
        return {}
    columns = st.columns(min(len(choices_by_model), 3))
    out = {}
    for i, (model_id, labelled) in enumerate(choices_by_model.items()):
        choices = list(labelled)
        key = f"cost_price::{model_id}"
        if key not in st.session_state and prices.get(model_id) in choices:
            st.session_state[key] = prices[model_id]
        column = columns[i % len(columns)]
        out[model_id] = column.selectbox(
            md_escape(f"Price of {labels[model_id]}"),
            choices,
            key=key,
            format_func=labelled.get,
            on_change=lambda m=model_id, k=key: set_price(
                m, None if st.session_state[k] == options.CHEAPEST else st.session_state[k]
            ),
            persist_state=PERSIST,
            help="Cheapest = the lowest trusted list price at your input:output mix (the lab, a cloud, or a "
            "host of open weights; resellers only when you include them in the sidebar); first-party = "
            "the lab's own API. After the price: the quantization the host states (reduced = fewer bits "
            "than the weights the lab released).",
        )
        served = (hosts or {}).get(model_id, {}).get(out[model_id])
        if served:
            column.caption(md_escape(served))
    return out


def render_assumptions(gpu_table: pd.DataFrame, hw: Hardware) -> None:
    """Every CostAssumptions field as a widget; the five a workshop moves most are always visible."""
    gpus = dict(zip(gpu_table["gpu"], gpu_table.itertuples(index=False), strict=True))
    current = st.session_state.get(widget_key("gpu"))
    options = list(gpus) + ([current] if current and current not in gpus else [])

    def gpu_label(gpu: str) -> str:
        row = gpus.get(gpu)
        if row is None:
            return f"{gpu} (not in the GPU table)"
        return f"{row.name} · {row.memory_gb:,.0f} GB · ${row.usd_per_gpu_hour:,.2f}/h"

    st.selectbox(
        "GPU",
        options,
        format_func=gpu_label,
        key=widget_key("gpu"),
        persist_state=PERSIST,
        help=f"{_help('gpu')} Now: {hw.name}, {hw.gpu.memory_gb:,.0f} GB, {hw.gpu.bandwidth_gbps:,.0f} "
        "GB/s memory bandwidth; the price shown is the market index (median of providers).",
    )
    st.segmented_control(
        "Rent or own",
        list(OWNERSHIP_LABELS),
        format_func=OWNERSHIP_LABELS.get,
        key=widget_key("ownership"),
        required=True,
        persist_state=PERSIST,
        help=_help("ownership"),
    )
    meta = ASSUMPTIONS_BY_KEY["usd_per_gpu_hour"]
    st.number_input(
        f"GPU price ({meta.unit})",
        min_value=meta.min,
        max_value=meta.max,
        step=meta.step,
        value=None,
        key=widget_key("usd_per_gpu_hour"),
        persist_state=PERSIST,
        format="%.2f",
        placeholder=_index_placeholder(hw),
        help=_help("usd_per_gpu_hour"),
    )
    # The radio keeps "native" under a key of its own: None would read as "nothing selected".
    st.session_state[PRECISION_KEY] = st.session_state.get(widget_key("precision_bits")) or NATIVE
    st.radio(
        "Weight precision",
        list(PRECISION_LABELS),
        format_func=PRECISION_LABELS.get,
        key=PRECISION_KEY,
        horizontal=True,
        on_change=_set_precision,
        help=_help("precision_bits"),
    )
    if st.session_state.get(widget_key("precision_bits")):
        st.caption(
            "Quantising below the released precision saves memory and GPUs but can cost quality: check "
            "your own evaluations before relying on it."
        )
    _number("mlops_fte")
    _number("usd_per_fte_year", fmt="%.0f")
    st.checkbox(
        "Team already runs GPUs",
        key=widget_key("team_has_gpu_ops"),
        persist_state=PERSIST,
        help=_help("team_has_gpu_ops"),
    )
    if st.session_state.get(widget_key("ownership")) == "own":
        with st.expander("Owned GPUs: price, depreciation, power, hosting", expanded=True):
            for field in OWNING:
                _number(field)
    label = "More assumptions (load, serving efficiency, overhead, discounts)"
    with lazy_expander(label, MORE_KEY) as is_open:
        if not is_open:
            return  # drawn only once opened: a dozen widgets cost most of a Costs rerun (values persist)
        for field in SHARES:
            meta = ASSUMPTIONS_BY_KEY[field]
            st.slider(
                meta.label,
                float(meta.min),
                float(meta.max),
                step=float(meta.step),
                key=widget_key(field),
                persist_state=PERSIST,
                format="percent",
                help=_help(field),
            )
        for field in NUMBERS:
            _number(field)


def _set_precision() -> None:
    choice = st.session_state[PRECISION_KEY]
    st.session_state[widget_key("precision_bits")] = None if choice == NATIVE else int(choice)


def _index_placeholder(hw: Hardware) -> str:
    if hw.price_source in (YOURS, "ownership"):
        return "market index"
    return f"index ${hw.usd_per_gpu_hour:,.2f}"


def _number(field: str, fmt: str | None = None) -> None:
    meta = ASSUMPTIONS_BY_KEY[field]
    is_int = isinstance(meta.default, int) and not isinstance(meta.default, bool)
    cast = int if is_int else float
    st.number_input(
        f"{meta.label} ({meta.unit})",
        min_value=cast(meta.min),
        max_value=cast(meta.max),
        step=cast(meta.step),
        key=widget_key(field),
        persist_state=PERSIST,
        format=fmt,
        value=None if meta.default is None else "min",
        help=_help(field),
        placeholder="blank = from the data" if meta.default is None else None,
    )


def render_way_forward(name: str, reasons, fix) -> None:
    """Why self-hosting ``name`` is not feasible as assumed, and, when a change fixes it, that change
    as one button (it sets the assumptions, so the link carries them)."""
    st.warning(md_escape(f"Self-hosting {name} is not feasible as assumed: {'; '.join(reasons)}."), icon="⚠️")
    if fix is None:
        return
    if st.button(md_escape(f"Make it feasible: {fix.text}"), key=f"fix::{name}", type="primary"):
        for field, value in fix.changes.items():
            st.session_state[widget_key(field)] = value
        st.rerun()
