"""The Costs page's tables and sentences: the breakdown at your volume, how a replica was sized, the
assumptions with their sources. Every number next to where it came from; text from sources escaped."""

from __future__ import annotations

import math

import pandas as pd

from tradeoffs.costs.assumptions import ASSUMPTIONS, ASSUMPTIONS_BY_KEY, Assumption, CostAssumptions
from tradeoffs.costs.hardware import HOURS_PER_MONTH, YOURS, Hardware
from tradeoffs.costs.options import ApiOption, OpenOption, api_usd_per_month
from tradeoffs.costs.selfhost import SECONDS_PER_MONTH, SelfHostEstimate
from tradeoffs.text import fmt_tokens, fmt_usd, md_escape

OWNED_PARTS = {"depreciation": "depreciation", "power": "power", "hosting": "hosting"}


def _source(key: str, as_of: str | None, names: dict[str, str]) -> str:
    return f"{names.get(key, key)}{', as of ' + as_of if as_of else ''}"


def _price(usd: float) -> str:
    return f"${usd:,.2f}" if math.isfinite(usd) else "no price"


def _default_or_yours(a: CostAssumptions, source_key: str, *keys: str) -> str:
    mine = any(getattr(a, k) != ASSUMPTIONS_BY_KEY[k].default for k in keys)
    return YOURS if mine else ASSUMPTIONS_BY_KEY[source_key].source


def _gpu_line(
    e: SelfHostEstimate, hw: Hardware, a: CostAssumptions, names: dict[str, str]
) -> tuple[str, str]:
    """(how the GPU cost is counted, its source), rented or owned."""
    if a.ownership == "own":
        parts = " + ".join(f"{_price(v)} {OWNED_PARTS[k]}" for k, v in hw.owned_parts.items())
        count = (
            f"{a.owned_gpus} owned"
            if a.owned_gpus
            else f"{e.replicas or '?'} replica(s) × {e.gpus_per_replica or '?'}"
        )
        how = f"{count} {hw.key} × ({parts}) per GPU-hour × {HOURS_PER_MONTH} h"
        return how, _default_or_yours(
            a,
            "usd_per_gpu_purchase",
            "usd_per_gpu_purchase",
            "amortisation_years",
            "kw_per_gpu",
            "pue",
            "usd_per_kwh",
        )
    discount = f" × (1 − {a.reserved_discount:.0%} reserved)" if a.reserved_discount else ""
    listed = hw.usd_per_gpu_hour / (1 - a.reserved_discount) if a.reserved_discount < 1 else math.nan
    shape = f"{e.replicas or '?'} replica(s) × {e.gpus_per_replica or '?'} {hw.key}"
    how = f"{shape} × {_price(listed)}/GPU-hour × {HOURS_PER_MONTH} h{discount}"
    source = YOURS if hw.price_source == YOURS else _source(hw.price_source, hw.price_as_of, names)
    return how, source + ("" if hw.price_source == YOURS else " (market index, median of providers)")


def breakdown(
    opens: list[OpenOption],
    estimates: dict[str, SelfHostEstimate],
    apis: list[ApiOption],
    hw: Hardware,
    a: CostAssumptions,
    tokens_per_month: float,
    input_share: float,
    source_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Cost at the user's volume line by line: option, item (GPUs, People, Overhead, API, Total), how (the
    arithmetic in words), usd_per_month, source. Each option's lines add up to its Total line."""
    names, rows = source_names or {}, []
    for o in opens:
        e = estimates[o.model_id]
        how, source = _gpu_line(e, hw, a, names)
        rows += [
            (o.label, "GPUs", how, e.gpu_usd_per_month, source),
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
    o: OpenOption, e: SelfHostEstimate, hw: Hardware, a: CostAssumptions, tokens_per_month: float
) -> str:
    """How the GPUs, the batch and the replicas were counted, in one markdown-safe paragraph."""
    if e.gpus_per_replica is None:
        why = "; ".join(e.reasons) or "an input is unknown"
        return f"{md_escape(o.label)}: cannot be sized ({md_escape(why)})."
    t = e.throughput
    active = "" if math.isnan(o.params_active_b) else f", {o.params_active_b:g}B active per token"
    chosen = "your choice" if a.precision_bits else "as released"
    peak = tokens_per_month / SECONDS_PER_MONTH * a.peak_to_average
    measured = " (your measurement)" if a.tokens_per_second_per_replica is not None else ""
    nodes = " across nodes" if e.multi_node else ""
    return (
        f"**{md_escape(o.name)}**: {o.params_total_b:g}B parameters{active}, at {e.weight_bits:g}-bit "
        "weights "
        f"({chosen}) = {e.memory_gb:,.0f} GB → {e.gpus_per_replica} × {md_escape(hw.key)} "
        f"({hw.gpu.memory_gb:,.0f} GB each) per replica{nodes}, with room for {t.batch:,.0f} sequences "
        f"of KV cache. One replica serves ≈ {e.tokens_per_second_per_replica:,.0f} tokens/s{measured} "
        f"({t.output_tps:,.0f} generated; decoding limited by {t.bound}); your peak is ≈ {peak:,.0f} "
        f"tokens/s ({a.peak_to_average:g}× the average), kept under {a.target_utilisation:.0%} of capacity "
        f"→ {e.replicas} replica{'s' if (e.replicas or 0) > 1 else ''}. "
        + (
            "Feasible for your team as assumed."
            if e.feasible
            else f"Not feasible as assumed: {md_escape('; '.join(e.reasons))}."
        )
    )


def _value_text(meta: Assumption, value) -> str:
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if meta.unit.startswith("share"):
        return f"{value:.0%}"
    return f"{value:,.2f}" if meta.unit.startswith("$/") else f"{value:,g}"


def _special_value(meta: Assumption, value, hw: Hardware, names: dict[str, str]) -> tuple[str, str] | None:
    """(value shown, source) of the assumptions whose blank means 'from the data'."""
    g = hw.gpu
    if meta.key == "gpu":
        specs = _source(hw.spec_source, hw.spec_as_of, names)
        shown = f"{hw.name}: {g.memory_gb:,.0f} GB, {g.bandwidth_gbps:,.0f} GB/s"
        shown += f", {g.tflops_bf16:,.0f} TFLOP/s BF16"
        return shown, (f"your choice; specs: {specs}" if value != meta.default else f"specs: {specs}")
    if meta.key == "usd_per_gpu_hour" and value is None:
        if hw.price_source in ("ownership", YOURS):
            return "blank", meta.source
        return f"{_price(hw.usd_per_gpu_hour)} (market index for {hw.key})", (
            f"{_source(hw.price_source, hw.price_as_of, names)} — median of on-demand list prices"
        )
    if meta.key == "precision_bits" and value is None:
        return "as released (the model's native precision)", meta.source
    return None


def assumption_table(
    a: CostAssumptions, hw: Hardware, source_names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Every assumption: assumption, value, unit, default, source (YOURS when changed from the default)."""
    names, rows = source_names or {}, []
    for meta in ASSUMPTIONS:
        value = getattr(a, meta.key)
        shown, source = _value_text(meta, value), YOURS if value != meta.default else meta.source
        shown, source = _special_value(meta, value, hw, names) or (shown, source)
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
        return fmt_tokens(value) if col in counts else md_escape(value)

    return pd.DataFrame({title: [cell(col, v) for v in df[col]] for col, title in titles.items()})
