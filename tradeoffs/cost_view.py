"""What the Costs page shows, as pure functions over the catalog, offerings and GPU tables. No Streamlit.

The page compares API options (a model bought per token from one provider) with open models
self-hosted on whole GPUs. The arithmetic is all ``tradeoffs.costs``; this module picks its inputs
(which offering, which GPU row), calls it, and writes each number next to where it came from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs import cost_assumptions, costs
from tradeoffs.insights import best_by_access

CHEAPEST = "cheapest"
FIRST_PARTY = "first-party"
MIN_TOKENS = 1e3
MAX_TOKENS = 1e11
SELF_HOSTED = "self-hosted"
API = "API"
YOURS = "your figure"
_MD_SPECIAL = "\\`*_[]<>$|~#"


def md_escape(text: str) -> str:
    """Source text (a model or provider name) made safe inside st.markdown ($ would start maths)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def fmt_tokens(tokens: float) -> str:
    return costs._fmt_tokens(tokens)  # the rounding of the breakeven sentences, so both read alike


def fmt_usd(usd: float | None) -> str:
    if usd is None or not math.isfinite(usd):
        return "unknown"
    return f"${usd:,.2f}" if usd < 10 else f"${usd:,.0f}"


def max_tokens_for(volume_tokens: float) -> float:
    """Right end of the chart and of the breakeven search: 100B, or the decade above the user's volume."""
    return max(MAX_TOKENS, 10.0 ** math.ceil(math.log10(max(volume_tokens, 1))))


# --- what can be picked ----------------------------------------------------------------------------


def self_hostable(catalog: pd.DataFrame) -> pd.Index:
    """Model ids with open weights and a known total parameter count, by name."""
    is_open = catalog["open_weights"].eq(True).fillna(False).astype(bool)
    return catalog[is_open & (catalog["params_total_b"] > 0).fillna(False)].sort_values("name").index


def api_priced(catalog: pd.DataFrame, offerings: pd.DataFrame) -> pd.Index:
    """Model ids with at least one offering that has an input and an output price, by name."""
    priced = offerings.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok"])["model_id"]
    return catalog[catalog.index.isin(priced)].sort_values("name").index


def api_offerings(offerings: pd.DataFrame, deployment: str) -> pd.DataFrame:
    """The offerings an API option may use under the deployment constraint: on a private cloud only the
    hyperscalers' endpoints (provider_kind 'cloud'), as for the Explore page and the budget."""
    return offerings[offerings["provider_kind"] == "cloud"] if deployment == "private-cloud" else offerings


DEPLOYMENT_NOTES = {
    "private-cloud": "Private cloud: API prices are hyperscaler endpoints' (Bedrock, Azure, Vertex…).",
    "on-prem": "On-prem is required: API lines are for reference only, they would not meet that constraint.",
}


def model_labels(catalog: pd.DataFrame, model_ids=None) -> dict[str, str]:
    """model_id → its name, with the id added where two of these models share a name."""
    if model_ids is not None:
        catalog = catalog.loc[list(model_ids)]
    names = catalog["name"].fillna(pd.Series(catalog.index, index=catalog.index))
    twice = names.duplicated(keep=False)
    return {m: f"{n} ({m})" if dup else n for m, n, dup in zip(names.index, names, twice, strict=True)}


def default_picks(
    evaluated: pd.DataFrame, offerings: pd.DataFrame, shortlist, benchmark: str
) -> tuple[list[str], list[str]]:
    """(open model ids to self-host, API model ids): the shortlist split in two; a side the shortlist
    leaves empty gets the best passing model of its kind on ``benchmark`` (open / closed)."""
    hostable, priced = set(self_hostable(evaluated)), set(api_priced(evaluated, offerings))
    open_ids = [m for m in shortlist if m in hostable]
    api_ids = [m for m in shortlist if m in priced and m not in hostable]
    if not open_ids:
        best = best_by_access(evaluated[evaluated.index.isin(hostable)], benchmark)["Open weights"]
        open_ids = [best.model_id] if best else []
    if not api_ids:
        best = best_by_access(evaluated[evaluated.index.isin(priced)], benchmark)["Closed"]
        api_ids = [best.model_id] if best else []
    return open_ids, api_ids


# --- API options -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiOption:
    """One model bought per token from one provider, at the user's input:output mix."""

    model_id: str
    name: str
    access: str  # Open weights | Closed | Unknown
    provider: str
    how_chosen: str  # "cheapest of 19 offerings" | "first-party" | "chosen provider"
    input_usd_per_mtok: float
    output_usd_per_mtok: float
    cached_input_usd_per_mtok: float | None
    blended_usd_per_mtok: float
    source: str
    as_of: str

    @property
    def label(self) -> str:
        return f"{self.name} · API ({self.provider})"


def priced_offerings(
    offerings: pd.DataFrame, model_id: str, input_share: float, cached_input_share: float = 0.0
) -> pd.DataFrame:
    """One model's priced offerings (pass contractable ones, see costs.contractable_offerings) with
    blended_usd_per_mtok at this mix, cheapest first."""
    rows = offerings[offerings["model_id"] == model_id]
    rows = rows.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok"])
    blended = costs.blended_usd_per_mtok(
        input_share,
        rows["input_usd_per_mtok"],
        rows["output_usd_per_mtok"],
        rows["cached_input_usd_per_mtok"],
        cached_input_share,
    )
    return rows.assign(blended_usd_per_mtok=blended).sort_values(
        ["blended_usd_per_mtok", "provider"], kind="stable"
    )


def offering_choices(rows: pd.DataFrame) -> list[str]:
    """What can be picked for one model: cheapest, first-party (when the lab sells it), each provider."""
    first = costs.first_party_offerings(rows)
    return [CHEAPEST, *([FIRST_PARTY] if len(first) else []), *rows["provider"].drop_duplicates()]


def _chosen_row(rows: pd.DataFrame, choice: str) -> pd.Series | None:
    if choice == FIRST_PARTY:
        rows = costs.first_party_offerings(rows)
    elif choice != CHEAPEST:
        rows = rows[rows["provider"] == choice]
    return None if rows.empty else rows.iloc[0]


def choice_label(rows: pd.DataFrame, choice: str) -> str:
    """'Cheapest: poe, $3.90 per 1M tokens' — what a choice means at the current mix."""
    row = _chosen_row(rows, choice)
    if row is None:
        return choice
    resale = " (reseller quote)" if row.get("provider_kind") in ("router", "reseller") else ""
    text = f"{row['provider']}{resale}, ${row['blended_usd_per_mtok']:,.2f} per 1M tokens"
    prefix = {CHEAPEST: "Cheapest: ", FIRST_PARTY: "First-party: "}.get(choice, "")
    return prefix + text


def api_option(
    catalog: pd.DataFrame,
    offerings: pd.DataFrame,
    model_id: str,
    choice: str,
    input_share: float,
    cached_input_share: float = 0.0,
) -> ApiOption | None:
    """The offering ``choice`` picks for one model (the cheapest when that choice no longer exists)."""
    rows = priced_offerings(offerings, model_id, input_share, cached_input_share)
    row = _chosen_row(rows, choice)
    if row is None:
        row, choice = _chosen_row(rows, CHEAPEST), CHEAPEST
    if row is None:
        return None
    how = {CHEAPEST: f"cheapest of {len(rows)} offerings", FIRST_PARTY: "first-party"}.get(
        choice, "chosen provider"
    )
    cached = row["cached_input_usd_per_mtok"]
    return ApiOption(
        model_id,
        str(catalog.at[model_id, "name"]),
        str(catalog.at[model_id, "access"]),
        str(row["provider"]),
        how,
        float(row["input_usd_per_mtok"]),
        float(row["output_usd_per_mtok"]),
        None if pd.isna(cached) else float(cached),
        float(row["blended_usd_per_mtok"]),
        str(row["source"]),
        str(row["as_of"])[:10],
    )


def api_usd_per_month(api: ApiOption, tokens_per_month: float) -> float:
    return tokens_per_month * api.blended_usd_per_mtok / 1e6


# --- self-hosting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenOption:
    model_id: str
    name: str
    params_total_b: float
    params_active_b: float  # NaN for a dense model

    @property
    def label(self) -> str:
        return f"{self.name} · {SELF_HOSTED}"


def open_options(catalog: pd.DataFrame, model_ids) -> list[OpenOption]:
    active = pd.to_numeric(catalog["params_active_b"], errors="coerce")
    return [
        OpenOption(
            m,
            str(catalog.at[m, "name"]),
            float(catalog.at[m, "params_total_b"]),
            float(active[m]) if pd.notna(active[m]) else math.nan,
        )
        for m in model_ids
    ]


@dataclass(frozen=True)
class Hardware:
    """The GPU the self-hosting estimates run on, and where its numbers come from."""

    gpu: str
    name: str
    memory_gb: float
    bandwidth_gbps: float
    usd_per_gpu_hour: float
    price_source: str  # a source key, or YOURS
    price_as_of: str | None
    spec_source: str  # source key of the row memory and bandwidth come from
    spec_as_of: str | None


def gpu_table(gpus: pd.DataFrame) -> pd.DataFrame:
    """GPUs with a market-index price: gpu, name, memory_gb, bandwidth_gbps, usd_per_gpu_hour, source,
    as_of (one row each, by gpu)."""
    index = gpus[gpus["segment"] == "index"].dropna(subset=["usd_per_gpu_hour"])
    columns = ["gpu", "name", "memory_gb", "bandwidth_gbps", "usd_per_gpu_hour", "source", "as_of"]
    return index[columns].drop_duplicates("gpu").sort_values("gpu").reset_index(drop=True)


def hardware(gpus: pd.DataFrame, a: cost_assumptions.CostAssumptions) -> Hardware:
    memory_gb, bandwidth_gbps = costs.gpu_specs(gpus, a.gpu)
    price, source, as_of = costs.gpu_price(gpus, a.gpu, a)
    rows = gpus[gpus["gpu"] == a.gpu].sort_values("segment", key=lambda s: s.ne("index"), kind="stable")
    if rows.empty:
        return Hardware(
            a.gpu, a.gpu, memory_gb, bandwidth_gbps, price, source, as_of, "not in the GPU table", None
        )
    first = rows.iloc[0]
    return Hardware(
        a.gpu,
        str(first["name"]),
        memory_gb,
        bandwidth_gbps,
        price,
        source,
        as_of,
        str(first["source"]),
        None if pd.isna(first["as_of"]) else str(first["as_of"])[:10],
    )


def estimate(
    o: OpenOption,
    hw: Hardware,
    a: cost_assumptions.CostAssumptions,
    tokens_per_month: float,
    input_share: float,
) -> costs.SelfHostEstimate:
    return costs.self_host_cost(
        o.params_total_b,
        o.params_active_b,
        tokens_per_month,
        input_share,
        hw.memory_gb,
        hw.bandwidth_gbps,
        hw.usd_per_gpu_hour,
        a,
    )


# --- breakeven and curves --------------------------------------------------------------------------


def breakevens(
    opens: list[OpenOption],
    apis: list[ApiOption],
    hw: Hardware,
    a: cost_assumptions.CostAssumptions,
    input_share: float,
    max_tokens: float = MAX_TOKENS,
) -> pd.DataFrame:
    """One row per (open model, API option): open_label, api_label, kind, tokens_per_month, usd_per_month
    (either side's cost there), text (the cost model's sentence), headline (who vs whom, markdown-safe)."""
    rows = []
    for o in opens:
        for api in apis:
            be = costs.breakeven_tokens_per_month(
                o.params_total_b,
                o.params_active_b,
                hw.memory_gb,
                hw.bandwidth_gbps,
                hw.usd_per_gpu_hour,
                api.input_usd_per_mtok,
                api.output_usd_per_mtok,
                input_share,
                a,
                cached_input_usd_per_mtok=api.cached_input_usd_per_mtok,
                min_tokens=MIN_TOKENS,
                max_tokens=max_tokens,
            )
            at = be.tokens_per_month
            headline = (
                f"**{md_escape(o.name)}** self-hosted on {md_escape(hw.gpu)} vs "
                f"**{md_escape(api.name)}** via {md_escape(api.provider)}"
            )
            rows.append(
                {
                    "open_label": o.label,
                    "api_label": api.label,
                    "kind": be.kind,
                    "tokens_per_month": at,
                    "text": be.text,
                    "headline": headline,
                    "usd_per_month": None if at is None else api_usd_per_month(api, at),
                }
            )
    columns = ["open_label", "api_label", "kind", "tokens_per_month", "usd_per_month", "text", "headline"]
    return pd.DataFrame(rows, columns=columns)


CURVE_COLUMNS = [
    "series",
    "kind",
    "access",
    "tokens_per_month",
    "usd_per_month",
    "detail",
    "order",
    "volume_text",
    "cost_text",
]


def _self_host_curve(
    o: OpenOption, hw: Hardware, a: cost_assumptions.CostAssumptions, input_share: float, max_tokens: float
) -> pd.DataFrame | None:
    curve = costs.cost_curve(
        o.params_total_b,
        o.params_active_b,
        hw.memory_gb,
        hw.bandwidth_gbps,
        hw.usd_per_gpu_hour,
        math.nan,
        math.nan,
        input_share,
        a,
        min_tokens=MIN_TOKENS,
        max_tokens=max_tokens,
    )
    usd = curve["self_host_usd_per_month"].to_numpy()
    if not np.isfinite(usd).any():
        return None
    one = estimate(o, hw, a, 0.0, input_share)  # one replica: what each further replica adds
    per_replica = one.gpu_usd_per_month + one.overhead_usd_per_month
    replicas = np.rint((usd - one.people_usd_per_month) / per_replica) if per_replica > 0 else usd * 0 + 1
    detail = [f"{one.gpus_per_replica}×{hw.gpu} × {r:.0f} replica{'s' if r > 1 else ''}" for r in replicas]
    return pd.DataFrame(
        {
            "series": o.label,
            "kind": SELF_HOSTED,
            "access": "Open weights",
            "detail": detail,
            "tokens_per_month": curve["tokens_per_month"],
            "usd_per_month": usd,
        }
    )


def curves(
    opens: list[OpenOption],
    apis: list[ApiOption],
    hw: Hardware,
    a: cost_assumptions.CostAssumptions,
    input_share: float,
    max_tokens: float = MAX_TOKENS,
) -> pd.DataFrame:
    """Long table for the chart (CURVE_COLUMNS), in drawing order: self-hosting rows trace the staircase
    edge by edge (``costs.cost_curve``), API rows a straight line, 4 points per decade."""
    parts = [p for o in opens if (p := _self_host_curve(o, hw, a, input_share, max_tokens)) is not None]
    grid = np.geomspace(MIN_TOKENS, max_tokens, 4 * round(math.log10(max_tokens / MIN_TOKENS)) + 1)
    for api in apis:
        detail = f"${api.blended_usd_per_mtok:,.2f} per 1M tokens ({api.provider}; {api.source}, {api.as_of})"
        parts.append(
            pd.DataFrame(
                {
                    "series": api.label,
                    "kind": API,
                    "access": api.access,
                    "tokens_per_month": grid,
                    "usd_per_month": api_usd_per_month(api, grid),
                    "detail": detail,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=CURVE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.assign(
        order=np.arange(len(out)),
        volume_text=out["tokens_per_month"].map(lambda t: f"{fmt_tokens(t)} tokens/month"),
        cost_text=out["usd_per_month"].map(lambda u: f"{fmt_usd(u)}/month"),
    )[CURVE_COLUMNS]


# --- tables: the breakdown at the user's volume, the sizing, the assumptions -------------------------


def _source(key: str, as_of: str | None, names: dict[str, str]) -> str:
    return f"{names.get(key, key)}{', as of ' + as_of if as_of else ''}"


def _price(usd: float) -> str:
    return f"${usd:,.2f}" if math.isfinite(usd) else "no price"


def _default_or_yours(a: cost_assumptions.CostAssumptions, source_key: str, *keys: str) -> str:
    mine = any(getattr(a, k) != cost_assumptions.ASSUMPTIONS_BY_KEY[k].default for k in keys)
    return YOURS if mine else cost_assumptions.ASSUMPTIONS_BY_KEY[source_key].source


def breakdown(
    opens: list[OpenOption],
    estimates: dict[str, costs.SelfHostEstimate],
    apis: list[ApiOption],
    hw: Hardware,
    a: cost_assumptions.CostAssumptions,
    tokens_per_month: float,
    input_share: float,
    source_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Cost at the user's volume line by line: option, item (GPUs, People, Overhead, API, Total), how (the
    arithmetic in words), usd_per_month, source. Each option's lines add up to its Total line."""
    names, rows = source_names or {}, []
    gpu_src = (
        YOURS
        if hw.price_source == YOURS
        else _source(hw.price_source, hw.price_as_of, names) + " (market index, median of providers)"
    )
    discount = f" × (1 − {a.reserved_discount:.0%} reserved)" if a.reserved_discount else ""
    for o in opens:
        e = estimates[o.model_id]
        shape = f"{e.replicas or '?'} replica(s) × {e.gpus_per_replica or '?'} {hw.gpu}"
        rows += [
            (
                o.label,
                "GPUs",
                f"{shape} × {_price(hw.usd_per_gpu_hour)}/GPU-hour × {costs.HOURS_PER_MONTH} h{discount}",
                e.gpu_usd_per_month,
                gpu_src,
            ),
            (
                o.label,
                "People",
                f"{a.mlops_fte:g} MLOps FTE × ${a.usd_per_fte_year:,.0f}/year ÷ 12",
                e.people_usd_per_month,
                _default_or_yours(a, "usd_per_fte_year", "mlops_fte", "usd_per_fte_year"),
            ),
            (
                o.label,
                "Overhead",
                f"{a.ops_overhead_pct:.0%} of the GPU cost (monitoring, storage, network)",
                e.overhead_usd_per_month,
                _default_or_yours(a, "ops_overhead_pct", "ops_overhead_pct"),
            ),
            (o.label, "Total", "GPUs + people + overhead", e.total_usd_per_month, ""),
        ]
    for api in apis:
        usd = api_usd_per_month(api, tokens_per_month)
        cached = (
            f"; {a.cached_input_share:.0%} of input cached at ${api.cached_input_usd_per_mtok:,.2f}"
            if a.cached_input_share and api.cached_input_usd_per_mtok is not None
            else ""
        )
        how = (
            f"{fmt_tokens(tokens_per_month)} tokens × ${api.blended_usd_per_mtok:,.3f} per 1M: "
            f"{input_share:.0%} input at ${api.input_usd_per_mtok:,.2f}, {1 - input_share:.0%} output at "
            f"${api.output_usd_per_mtok:,.2f}{cached} ({api.how_chosen})"
        )
        src = f"{api.provider} list price via {_source(api.source, api.as_of, names)}"
        rows += [(api.label, "API", how, usd, src), (api.label, "Total", "API", usd, "")]
    return pd.DataFrame(rows, columns=["option", "item", "how", "usd_per_month", "source"])


def sizing_text(
    o: OpenOption,
    e: costs.SelfHostEstimate,
    hw: Hardware,
    a: cost_assumptions.CostAssumptions,
    tokens_per_month: float,
) -> str:
    """How the GPUs and replicas were counted, in one markdown-safe line."""
    if e.gpus_per_replica is None:
        return f"{md_escape(o.label)}: cannot be sized ({'; '.join(e.reasons) or 'an input is unknown'})."
    active = "" if math.isnan(o.params_active_b) else f" ({o.params_active_b:g}B active per token)"
    peak = tokens_per_month / costs.SECONDS_PER_MONTH * a.peak_to_average
    measured = " (your measurement)" if a.tokens_per_second_per_replica is not None else ""
    nodes = " across nodes" if e.multi_node else ""
    return (
        f"**{md_escape(o.name)}**: {o.params_total_b:g}B parameters{active} × {a.precision_bits / 8:g} "
        f"bytes × {a.memory_overhead:g} overhead = {e.memory_gb:,.0f} GB → {e.gpus_per_replica} × "
        f"{md_escape(hw.gpu)} ({hw.memory_gb:,.0f} GB each) per replica{nodes}. One replica serves ≈ "
        f"{e.tokens_per_second_per_replica:,.0f} tokens/s{measured}; your peak is ≈ {peak:,.0f} tokens/s "
        f"({a.peak_to_average:g}× the average), kept under {a.target_utilisation:.0%} of capacity → "
        f"{e.replicas} replica{'s' if (e.replicas or 0) > 1 else ''}. "
        + (
            "Feasible for your team as assumed."
            if e.feasible
            else f"Not feasible as assumed: {md_escape('; '.join(e.reasons))}."
        )
    )


def _value_text(meta: cost_assumptions.Assumption, value) -> str:
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if meta.unit.startswith("share"):
        return f"{value:.0%}"
    return f"{value:,.2f}" if meta.unit == "$/GPU-hour" else f"{value:,g}"


def assumption_table(
    a: cost_assumptions.CostAssumptions, hw: Hardware, source_names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Every assumption: assumption, value, unit, default, source (YOURS when changed from the default)."""
    names, rows = source_names or {}, []
    for meta in cost_assumptions.ASSUMPTIONS:
        value = getattr(a, meta.key)
        mine = value != meta.default
        shown, source = _value_text(meta, value), YOURS if mine else meta.source
        if meta.key == "gpu":
            shown = f"{hw.name}: {hw.memory_gb:,.0f} GB, {hw.bandwidth_gbps:,.0f} GB/s"
            specs = _source(hw.spec_source, hw.spec_as_of, names)
            source = f"your choice; specs: {specs}" if mine else f"specs: {specs}"
        elif meta.key == "usd_per_gpu_hour" and value is None:
            shown = f"{_price(hw.usd_per_gpu_hour)} (market index for {hw.gpu})"
            source = f"{_source(hw.price_source, hw.price_as_of, names)} — median of on-demand list prices"
        rows.append(
            {
                "assumption": meta.label,
                "value": shown,
                "unit": meta.unit,
                "default": _value_text(meta, meta.default),
                "source": source,
            }
        )
    return pd.DataFrame(rows)


def for_table(
    df: pd.DataFrame, titles: dict[str, str], *, usd: tuple[str, ...] = (), counts: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The ``titles`` columns as text for st.table, which reads Markdown: numbers formatted ($ escaped, as
    it would start maths), source text escaped, missing shown as '—'."""

    def cell(col: str, value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        if col in usd:
            return md_escape(fmt_usd(value))
        return f"{value:,.0f}" if col in counts else md_escape(value)

    return pd.DataFrame({title: [cell(col, v) for v in df[col]] for col, title in titles.items()})
