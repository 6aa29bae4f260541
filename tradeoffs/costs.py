"""API cost, self-hosting total cost of ownership (TCO), and the breakeven volume between them.

Inputs are prices from the data (with their source) or assumptions the user can change
(``CostAssumptions``; defaults, ranges and sources in ``ASSUMPTIONS``). A missing input gives NaN
and a reason in words, never a made-up number. V = tokens per month, s = input share of tokens.

API
  effective input price  p_in' = (1 − k)·p_in + k·p_cached if a cached price exists, else p_in
                         (k = cached_input_share)
  blended list price     p = s·p_in' + (1 − s)·p_out                               [$ per M tokens]
  API cost               A(V) = V · p / 1e6, linear in volume                      [$ per month]

Self-hosting (a replica = the GPUs that hold one copy of the weights; always on)
  bytes per parameter    b = precision_bits / 8
  memory                 M = params_total_b · b · memory_overhead                   [GB]
  GPUs per replica       n = smallest of 1, 2, 4, 8 with n · gpu_memory_gb ≥ M; above that whole
                         8-GPU nodes (16, 24, …), flagged multi_node
  decode speed           d = decode_concurrency · n · bandwidth_gbps · bandwidth_efficiency
                             / (params_active_b · b)                                [output tokens/s]
      Decoding is memory-bandwidth bound: each step reads the ACTIVE weights once for the whole
      batch. A mixture-of-experts model needs memory for all its parameters but decodes at the
      speed of its active ones (dense: active = total). Optimistic for MoE at large batches,
      where different sequences pull different experts.
  replica throughput     T = d / ((1 − s) + s / prefill_speedup)                   [in+out tokens/s]
      Prompt tokens go through in parallel (compute bound), prefill_speedup× cheaper than
      generated ones. A measured tokens_per_second_per_replica replaces T.
  peak load              P = V / (730 · 3600) · peak_to_average                    [tokens/s]
  replicas               r = max(1, ceil(P / (T · target_utilisation)))
  GPU cost               G = r · n · usd_per_gpu_hour · 730 · (1 − reserved_discount)
  people                 H = mlops_fte · usd_per_fte_year / 12
  overhead               O = ops_overhead_pct · G
  total                  S(V) = G + H + O: a staircase (fixed people plus whole replicas)
  Feasible unless params or the GPU price are unknown, or the team runs no GPUs yet
  (team_has_gpu_ops False) and has fewer MLOps FTE than needed: 1 on one node, 2 across nodes.

Breakeven. One replica absorbs C = T · target_utilisation · 730 · 3600 / peak_to_average
tokens/month. On step r (volumes ((r−1)·C, r·C]) self-hosting costs the constant S_r = H + r·g
(g = one replica's GPU + overhead) and the API c·V (c = p / 1e6 $ per token): the crossing on that
step is max(step start, S_r / c) when that is ≤ r·C, i.e. on the first step with r ≥ H / (c·C − g).
If c·C ≤ g each replica costs more than the API charges for its tokens: never cheaper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from tradeoffs.cost_assumptions import CostAssumptions

HOURS_PER_MONTH = 730  # 8,760 hours a year / 12
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
NODE_GPUS = 8  # GPUs in one HGX/DGX server; bigger replicas span nodes
MAX_EDGES = 150  # cost_curve draws every step edge up to this many (two rows each)
_TOL = 1e-9  # keeps float noise (168.00000000000003 GB) from adding a GPU or a replica


def _num(values: Any) -> np.ndarray:
    """Float array with NaN for anything missing (None, pd.NA, text)."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):  # pd.NA or text somewhere: the slow, forgiving path
        flat = pd.to_numeric(pd.Series(np.ravel(np.asarray(values, dtype=object))), errors="coerce")
        return flat.to_numpy(dtype=float, na_value=np.nan).reshape(np.shape(values))


def _float(x: Any) -> float:
    return math.nan if x is None or pd.isna(x) else float(x)


def _weighted(weight: Any, price: Any) -> np.ndarray:
    # A price that carries no weight cannot make the total unknown (0 × missing = 0).
    weight, price = np.asarray(weight, float), _num(price)
    return np.where(weight == 0, 0.0, weight * price)


def _check(tokens_per_month: Any = 0.0, *shares: Any) -> None:
    if np.any(~(np.asarray(tokens_per_month, float) >= 0)):
        raise ValueError(f"tokens_per_month must be ≥ 0, got {tokens_per_month}")
    if any(np.any(~((np.asarray(s, float) >= 0) & (np.asarray(s, float) <= 1))) for s in shares):
        raise ValueError(f"shares must be between 0 and 1, got {shares}")


def blended_usd_per_mtok(
    input_share,
    input_usd_per_mtok,
    output_usd_per_mtok,
    cached_input_usd_per_mtok=None,
    cached_input_share=0.0,
):
    """List price in $ per million tokens at this mix; NaN where a needed price is missing."""
    _check(0.0, input_share, cached_input_share)
    price_in, cached = _num(input_usd_per_mtok), _num(cached_input_usd_per_mtok)
    mixed_in = _weighted(1 - cached_input_share, price_in) + _weighted(cached_input_share, cached)
    price_in = np.where(np.isnan(cached), price_in, mixed_in)  # no cache price: full price for all input
    blended = _weighted(input_share, price_in) + _weighted(1 - input_share, output_usd_per_mtok)
    return float(blended) if np.ndim(blended) == 0 else blended


def api_cost_usd_per_month(
    tokens_per_month,
    input_share,
    input_usd_per_mtok,
    output_usd_per_mtok,
    cached_input_usd_per_mtok=None,
    cached_input_share=0.0,
):
    """API bill in $ per month = volume × blended price / 1e6; NaN when a needed price is missing."""
    _check(tokens_per_month)
    price = blended_usd_per_mtok(
        input_share, input_usd_per_mtok, output_usd_per_mtok, cached_input_usd_per_mtok, cached_input_share
    )
    cost = np.asarray(tokens_per_month, float) * price / 1e6
    return float(cost) if np.ndim(cost) == 0 else cost


def contractable_offerings(offerings: pd.DataFrame, include_resellers: bool = False) -> pd.DataFrame:
    """Offerings a company would contract: the trusted ones (the lab's own price, a cloud's, or an
    established host's for open weights; see ingest.build.trusted_offering). Routers' and unverified
    resellers' quotes (one lists Claude Opus at 1/7 of Anthropic's price) only with ``include_resellers``."""
    if include_resellers:
        return offerings
    return offerings[offerings["trusted"].eq(True).fillna(False).astype(bool)]


def cheapest_offerings(
    offerings: pd.DataFrame, input_share: float, cached_input_share: float = 0.0
) -> pd.DataFrame:
    """One row per model_id: its cheapest offering at this mix (with provider, blended_usd_per_mtok);
    ties go to the first party. A model whose offerings all lack a price keeps one row, with a NaN
    price. Pass contractable offerings (``contractable_offerings``)."""
    blended = blended_usd_per_mtok(
        input_share,
        offerings["input_usd_per_mtok"],
        offerings["output_usd_per_mtok"],
        offerings["cached_input_usd_per_mtok"],
        cached_input_share,
    )
    first = offerings["first_party"].eq(True) if "first_party" in offerings else False
    ranked = (
        offerings.assign(blended_usd_per_mtok=blended, _third=~first)
        .sort_values(
            ["model_id", "blended_usd_per_mtok", "_third", "provider"], na_position="last", kind="stable"
        )
        .drop(columns="_third")
    )
    return ranked.drop_duplicates("model_id").reset_index(drop=True)


def first_party_offerings(offerings: pd.DataFrame) -> pd.DataFrame:
    """Offerings sold by the lab that made the model (first_party true; unknown counts as false)."""
    return offerings[offerings["first_party"].eq(True).fillna(False).astype(bool)]


# --- self-hosting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelfHostEstimate:
    """Self-hosting one model at one volume, $ per month; NaN or None where an input is unknown."""

    memory_gb: float
    gpus_per_replica: int | None
    multi_node: bool
    replicas: int | None
    tokens_per_second_per_replica: float  # input + output tokens/s, one replica flat out
    gpu_usd_per_month: float
    people_usd_per_month: float
    overhead_usd_per_month: float
    total_usd_per_month: float
    feasible: bool
    reasons: tuple[str, ...]  # why not feasible, in words


def gpu_price(gpus: pd.DataFrame, gpu: str, assumptions: CostAssumptions) -> tuple[float, str, str | None]:
    """($ per GPU-hour, where it comes from, as-of date): your figure wins, else the market index row."""
    if assumptions.usd_per_gpu_hour is not None:
        return float(assumptions.usd_per_gpu_hour), "your figure", None
    rows = gpus[(gpus["gpu"] == gpu) & (gpus["segment"] == "index")]
    price = _num(rows["usd_per_gpu_hour"])
    if not len(price) or math.isnan(price[0]):
        return math.nan, f"no market price for {gpu}", None
    as_of = rows["as_of"].iloc[0]
    return float(price[0]), str(rows["source"].iloc[0]), None if pd.isna(as_of) else str(as_of)[:10]


def gpu_specs(gpus: pd.DataFrame, gpu: str) -> tuple[float, float]:
    """(memory_gb, bandwidth_gbps) of a GPU type; NaN when the table does not know it.

    From the market-index row when there is one (the row whose price is used), so that the specs and
    the price shown together come from one row; the table's rows disagree slightly (B300: 288 vs 270 GB)
    and come back from SQL in no guaranteed order."""
    rows = gpus[gpus["gpu"] == gpu]
    rows = rows.sort_values("segment", key=lambda s: s.ne("index"), kind="stable")
    memory, bandwidth = _num(rows["memory_gb"]), _num(rows["bandwidth_gbps"])
    return (float(memory[0]), float(bandwidth[0])) if len(rows) else (math.nan, math.nan)


def _positive(x: Any) -> np.ndarray:
    values = _num(x)
    return np.where(values > 0, values, np.nan)  # a zero or negative size is as good as unknown


def _sizing(params_total_b, params_active_b, input_share, gpu_memory_gb, gpu_bandwidth_gbps, a):
    """(memory GB, GPUs per replica, input+output tokens/s per replica) as arrays; NaN where unknown."""
    total, active = _positive(params_total_b), _positive(params_active_b)
    memory_per_gpu, bandwidth = _positive(gpu_memory_gb), _positive(gpu_bandwidth_gbps)
    active = np.where(np.isnan(active), total, active)  # dense: every parameter is active
    bytes_per_param = a.precision_bits / 8
    memory_gb = total * bytes_per_param * a.memory_overhead
    need = np.ceil(memory_gb / memory_per_gpu - _TOL)
    nodes = NODE_GPUS * np.ceil(need / NODE_GPUS)
    gpus = np.select([need <= 1, need <= 2, need <= 4], [1.0, 2.0, 4.0], nodes)
    decode = a.decode_concurrency * gpus * bandwidth * a.bandwidth_efficiency / (active * bytes_per_param)
    tps = decode / ((1 - input_share) + input_share / a.prefill_speedup)
    if a.tokens_per_second_per_replica is not None:  # a measurement beats the rule of thumb
        tps = np.where(np.isnan(gpus), np.nan, a.tokens_per_second_per_replica)
    return memory_gb, gpus, tps


def _monthly(tokens_per_month, gpus, tps, usd_per_gpu_hour, a):
    """(replicas, GPU $, people $, overhead $, total $) per month, as arrays."""
    peak_tps = np.asarray(tokens_per_month, float) / SECONDS_PER_MONTH * a.peak_to_average
    replicas = np.maximum(1.0, np.ceil(peak_tps / (tps * a.target_utilisation) - _TOL))  # always on
    gpu_usd = replicas * gpus * usd_per_gpu_hour * HOURS_PER_MONTH * (1 - a.reserved_discount)
    people_usd = a.mlops_fte * a.usd_per_fte_year / 12
    overhead_usd = a.ops_overhead_pct * gpu_usd
    return replicas, gpu_usd, people_usd, overhead_usd, gpu_usd + people_usd + overhead_usd


def _reasons(params_total_b, gpu_specs_known, usd_per_gpu_hour, multi_node, a) -> tuple[str, ...]:
    reasons = []
    if not params_total_b > 0:
        reasons.append("params unknown")
    if not gpu_specs_known:
        reasons.append(f"{a.gpu} memory or bandwidth unknown")
    if not usd_per_gpu_hour >= 0:
        reasons.append(f"no GPU price for {a.gpu}")
    needed = 2.0 if multi_node else 1.0  # across nodes: networking, sharding, two people on call
    if not a.team_has_gpu_ops and a.mlops_fte < needed:
        reasons.append(
            f"a {'multi' if multi_node else 'single'}-node deployment needs ≥ {needed:g} MLOps "
            f"FTE without in-house GPU ops (assumed {a.mlops_fte:g})"
        )
    return tuple(reasons)


def self_host_cost(
    params_total_b,
    params_active_b,
    tokens_per_month,
    input_share,
    gpu_memory_gb,
    gpu_bandwidth_gbps,
    usd_per_gpu_hour,
    assumptions: CostAssumptions,
) -> SelfHostEstimate:
    """Self-hosting TCO of one model at one volume (formulas in the module docstring).

    GPU memory, bandwidth and price come from the gpus table (``gpu_price`` applies your own figure)."""
    _check(tokens_per_month, input_share)
    a, price = assumptions, _float(usd_per_gpu_hour)
    memory_gb, gpus, tps = _sizing(
        params_total_b, params_active_b, input_share, gpu_memory_gb, gpu_bandwidth_gbps, a
    )
    replicas, gpu_usd, people_usd, overhead_usd, total = _monthly(tokens_per_month, gpus, tps, price, a)
    multi_node = bool(gpus > NODE_GPUS)
    specs_known = _float(gpu_memory_gb) > 0 and _float(gpu_bandwidth_gbps) > 0
    reasons = _reasons(_float(params_total_b), specs_known, price, multi_node, a)
    count = lambda x: None if np.isnan(x) else int(x)  # noqa: E731
    return SelfHostEstimate(
        float(memory_gb),
        count(gpus),
        multi_node,
        count(replicas),
        float(tps),
        float(gpu_usd),
        float(people_usd),
        float(overhead_usd),
        float(total),
        not reasons,
        reasons,
    )


# --- breakeven ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breakeven:
    """Where self-hosting gets cheaper than the API; kind 'unknown' when an input is missing."""

    kind: Literal["at", "never", "always", "unknown"]
    tokens_per_month: float | None
    text: str  # one sentence for a strategy lead


def _fmt_tokens(tokens: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g}{suffix}"
    return f"{tokens:.3g}"


def _staircase(
    params_total_b,
    params_active_b,
    gpu_memory_gb,
    gpu_bandwidth_gbps,
    usd_per_gpu_hour,
    input_usd_per_mtok,
    output_usd_per_mtok,
    input_share,
    a,
    cached_input_usd_per_mtok,
):
    """(H fixed $/month, g $/month per replica, C tokens/month per replica, c API $ per token)."""
    _, gpus, tps = _sizing(params_total_b, params_active_b, input_share, gpu_memory_gb, gpu_bandwidth_gbps, a)
    _, gpu_usd, people_usd, overhead_usd, _ = _monthly(0.0, gpus, tps, _float(usd_per_gpu_hour), a)
    per_replica = tps * a.target_utilisation * SECONDS_PER_MONTH / a.peak_to_average
    c = (
        blended_usd_per_mtok(
            input_share,
            input_usd_per_mtok,
            output_usd_per_mtok,
            cached_input_usd_per_mtok,
            a.cached_input_share,
        )
        / 1e6
    )
    return float(people_usd), float(gpu_usd + overhead_usd), float(per_replica), float(c)


def breakeven_tokens_per_month(
    params_total_b,
    params_active_b,
    gpu_memory_gb,
    gpu_bandwidth_gbps,
    usd_per_gpu_hour,
    input_usd_per_mtok,
    output_usd_per_mtok,
    input_share,
    assumptions: CostAssumptions,
    *,
    cached_input_usd_per_mtok=None,
    min_tokens: float = 1e3,
    max_tokens: float = 1e11,
) -> Breakeven:
    """The smallest volume (tokens/month) at which self-hosting costs no more than the API, per step."""
    h, g, per_replica, c = _staircase(
        params_total_b,
        params_active_b,
        gpu_memory_gb,
        gpu_bandwidth_gbps,
        usd_per_gpu_hour,
        input_usd_per_mtok,
        output_usd_per_mtok,
        input_share,
        assumptions,
        cached_input_usd_per_mtok,
    )
    if any(math.isnan(x) for x in (h, g, per_replica, c)):
        missing = "no API price" if math.isnan(c) else "the self-hosting cost is unknown (params or GPU)"
        return Breakeven("unknown", None, f"Cannot compare: {missing}.")
    r_min = max(1, math.ceil(min_tokens / per_replica - _TOL))
    margin = c * per_replica - g  # what one fully used replica saves per month against the API
    # Every volume of step r is cheaper once S_r ≤ c·(r−1)·C, i.e. from r ≥ (H + c·C) / margin on.
    stays = (math.ceil((h + c * per_replica) / margin - _TOL) - 1) * per_replica if margin > 0 else math.inf
    if h + r_min * g <= c * min_tokens:
        kind, at = "always", float(min_tokens)
    elif margin <= 0:
        return Breakeven(
            "never",
            None,
            "Self-hosting is never cheaper: each extra replica costs more than "
            "the API charges for the tokens it serves (its marginal cost per token is higher).",
        )
    else:
        r = max(r_min, math.ceil(h / margin - _TOL))  # the first step whose end is cheaper than the API
        kind, at = "at", max(min_tokens, (r - 1) * per_replica, (h + r * g) / c)
        if at > max_tokens:
            return Breakeven(
                "never",
                None,
                f"Self-hosting is not cheaper before {_fmt_tokens(max_tokens)} "
                f"tokens/month (by this model it would be from {_fmt_tokens(at)}).",
            )
    volume = f"{_fmt_tokens(at)} tokens/month"
    if stays <= at:  # no later replica tips it back
        text = f"already cheaper at {volume} and above" if kind == "always" else f"cheaper above {volume}"
        return Breakeven(kind, at, f"Self-hosting is {text}.")
    start = f"{'already' if kind == 'always' else 'first'} cheaper at {volume}"
    above = f" and at every volume above {_fmt_tokens(stays)}; in between,"
    tail = above if stays < max_tokens else ", though"
    return Breakeven(kind, at, f"Self-hosting is {start}{tail} each new replica can tip it back to the API.")


def cost_curve(
    params_total_b,
    params_active_b,
    gpu_memory_gb,
    gpu_bandwidth_gbps,
    usd_per_gpu_hour,
    input_usd_per_mtok,
    output_usd_per_mtok,
    input_share,
    assumptions: CostAssumptions,
    *,
    cached_input_usd_per_mtok=None,
    min_tokens: float = 1e3,
    max_tokens: float = 1e11,
    points: int = 97,
) -> pd.DataFrame:
    """Columns tokens_per_month, api_usd_per_month, self_host_usd_per_month ($/month), in drawing order.

    A log grid plus each step edge of the staircase twice (level before, level after) while there are
    at most MAX_EDGES, so a line through the rows is a crisp staircase: ≤ points + 300 rows."""
    h, g, per_replica, c = _staircase(
        params_total_b,
        params_active_b,
        gpu_memory_gb,
        gpu_bandwidth_gbps,
        usd_per_gpu_hour,
        input_usd_per_mtok,
        output_usd_per_mtok,
        input_share,
        assumptions,
        cached_input_usd_per_mtok,
    )
    tokens = np.geomspace(min_tokens, max_tokens, points)
    steps = np.maximum(1.0, np.ceil(tokens / per_replica - _TOL))
    first, last = np.floor(min_tokens / per_replica) + 1, np.floor(max_tokens / per_replica)
    if last - first < MAX_EDGES:  # False when per_replica is NaN: no edges to draw
        edges = np.arange(first, last + 1)
        tokens = np.concatenate([tokens, edges * per_replica, edges * per_replica])
        steps = np.concatenate([steps, edges, edges + 1])
    order = np.lexsort((steps, tokens))
    return pd.DataFrame(
        {
            "tokens_per_month": tokens[order],
            "api_usd_per_month": c * tokens[order],
            "self_host_usd_per_month": h + g * steps[order],
        }
    )


# --- every model at once: the Explore page and the budget filter -------------------------------------


def monthly_costs(
    models: pd.DataFrame,
    offerings: pd.DataFrame,
    gpus: pd.DataFrame,
    tokens_per_month: float,
    input_share: float,
    self_host: bool,
    assumptions: CostAssumptions,
) -> pd.DataFrame:
    """Monthly cost of every model at this volume and mix: its cheapest API offering, or self-hosted.

    Indexed by model_id; columns monthly_usd ($/month), blended_usd_per_mtok ($/M tokens; self-hosted:
    monthly_usd spread over the volume), cost_basis ('api: <provider>' | 'self-host: 4×H100'),
    provider, feasible, cost_note (why the cost is missing or infeasible; '' when fine)."""
    _check(tokens_per_month, input_share)
    index = pd.Index(models["model_id"], name="model_id")
    if self_host:
        return _self_host_costs(models, gpus, tokens_per_month, input_share, assumptions).set_axis(index)
    best = (
        cheapest_offerings(
            offerings[offerings["model_id"].isin(index)], input_share, assumptions.cached_input_share
        )
        .set_index("model_id")
        .reindex(index)
    )
    blended = _num(best["blended_usd_per_mtok"])
    priced = ~np.isnan(blended)
    provider = best["provider"].astype("string").where(priced)
    # A quote the user let in from a router or an unverified reseller says so wherever it is shown.
    resale = best["provider_kind"].isin(["router", "reseller"]) if "provider_kind" in best else False
    marked = provider + np.where(resale, " (reseller quote)", "")
    return pd.DataFrame(
        {
            "monthly_usd": tokens_per_month * blended / 1e6,
            "blended_usd_per_mtok": blended,
            "cost_basis": "api: " + marked,
            "provider": provider,
            "feasible": priced,
            "cost_note": np.where(priced, "", "no API price"),
        },
        index=index,
    )


def _self_host_costs(models, gpus, tokens_per_month, input_share, a) -> pd.DataFrame:
    memory_gb, bandwidth_gbps = gpu_specs(gpus, a.gpu)
    price = gpu_price(gpus, a.gpu, a)[0]
    is_open = models["open_weights"].eq(True).fillna(False).to_numpy(dtype=bool)
    total_b = _num(models["params_total_b"])
    _, n, tps = _sizing(total_b, _num(models["params_active_b"]), input_share, memory_gb, bandwidth_gbps, a)
    replicas, _, _, _, total = _monthly(tokens_per_month, n, tps, price, a)
    total = np.where(is_open, total, np.nan)
    notes, feasible, basis = [], [], []
    specs_known = memory_gb > 0 and bandwidth_gbps > 0
    for open_weights, params_b, gpus_n, reps in zip(is_open, total_b, n, replicas, strict=True):
        reasons = (
            _reasons(params_b, specs_known, price, gpus_n > NODE_GPUS, a)
            if open_weights
            else ("closed weights cannot be self-hosted",)
        )
        notes.append("; ".join(reasons))
        feasible.append(not reasons)
        shape = f"{gpus_n:.0f}×{a.gpu}" + (f" ×{reps:.0f} replicas" if reps > 1 else "")
        basis.append(f"self-host: {shape}" if open_weights and not np.isnan(gpus_n) else None)
    spread = total / tokens_per_month * 1e6 if tokens_per_month > 0 else np.full(len(total), np.nan)
    return pd.DataFrame(
        {
            "monthly_usd": total,
            "blended_usd_per_mtok": spread,
            "cost_basis": basis,
            "provider": np.where(is_open, "self-hosted", None),
            "feasible": feasible,
            "cost_note": notes,
        }
    )
