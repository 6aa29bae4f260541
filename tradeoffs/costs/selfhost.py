"""Self-hosting total cost of ownership (TCO) of one model at one volume, and of every model at once.

A replica = the GPUs holding one copy of the weights, always on; serving.py says how many GPUs it
needs and how many tokens it serves (T_r, prompt + generated tokens/s). V = tokens per month.
  peak load        P = V / (730 · 3600) · peak_to_average                    [tokens/s]
  replicas         r = max(1, ⌈P / (T_r · target_utilisation)⌉)
  GPU cost         G = r · n · h · 730     h = all-in $ per GPU-hour, rented or owned (hardware.py);
                                          owning N GPUs: G = N · h · 730 whatever the volume
  people           H = mlops_fte · usd_per_fte_year / 12
  overhead         O = ops_overhead_pct · G
  total            S(V) = G + H + O: a staircase (fixed people plus whole replicas)
Feasible unless a size, spec or price is unknown, the model needs more than 64 GPUs, your own GPUs
cannot carry the volume, or the team runs no GPUs yet (team_has_gpu_ops False) and has fewer MLOps
FTE than needed: 1 on one node, 2 across nodes. feasibility.py says what would make it feasible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tradeoffs.costs.api import check_volume
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.hardware import HOURS_PER_MONTH, Hardware
from tradeoffs.costs.serving import (
    NODE_GPUS,
    Load,
    ModelShape,
    Throughput,
    model_shape,
    native_bits,
    replica_options,
)

SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
_TOL = 1e-9  # keeps float noise from adding a replica


@dataclass(frozen=True)
class SelfHostInput:
    """Everything one self-hosting estimate depends on."""

    model: ModelShape
    hardware: Hardware
    tokens_per_month: float
    input_share: float
    assumptions: CostAssumptions
    replica_gpus: int | None = None  # force this replica size (the breakeven tries each); None: cheapest


@dataclass(frozen=True)
class SelfHostEstimate:
    """Self-hosting one model at one volume, $ per month; NaN or None where an input is unknown."""

    weight_bits: float
    memory_gb: float  # weights of one replica
    gpus_per_replica: int | None
    multi_node: bool
    replicas: int | None
    tokens_per_second_per_replica: float  # prompt + generated tokens/s, one replica flat out
    throughput: Throughput
    gpu_usd_per_month: float
    people_usd_per_month: float
    overhead_usd_per_month: float
    total_usd_per_month: float
    feasible: bool
    reasons: tuple[str, ...]  # why not feasible, in words


def weight_bits(row: Any, a: CostAssumptions) -> float:
    """Your precision if you chose one, else the weights' native precision (16 when unknown)."""
    return float(a.precision_bits) if a.precision_bits else native_bits(row.get("native_precision"))


def shape_for(row: Any, a: CostAssumptions) -> ModelShape:
    """A catalog row as served under ``a`` (precision, KV cache bits)."""
    return model_shape(row, weight_bits(row, a), a.kv_cache_bits)


def load_for(a: CostAssumptions, input_share: float) -> Load:
    """The serving load of a request mix: tokens held per sequence and prompt tokens per output token."""
    held = a.tokens_per_request * (input_share + (1 - input_share) / 2)  # prompt + half the answer
    ratio = input_share / (1 - input_share) if input_share < 1 else math.inf
    return Load(
        held,
        ratio,
        a.max_batch,
        a.memory_reserve,
        a.bandwidth_efficiency,
        a.compute_efficiency,
        a.prefill_efficiency,
    )


def replica_tokens_per_second(t: Throughput, input_share: float, a: CostAssumptions) -> float:
    """Prompt + generated tokens/s of one replica (your measurement when you gave one)."""
    if a.tokens_per_second_per_replica is not None and t.gpus:
        return float(a.tokens_per_second_per_replica)
    return t.prefill_tps if input_share >= 1 else t.output_tps / (1 - input_share)


def _reasons(inp: SelfHostInput, t: Throughput, replicas: float) -> tuple[str, ...]:
    a, shape, gpu = inp.assumptions, inp.model, inp.hardware.gpu
    reasons = []
    if not shape.params_total_b > 0:
        reasons.append("params unknown")
    elif not (gpu.memory_gb > 0 and gpu.bandwidth_gbps > 0 and gpu.tflops_bf16 > 0):
        reasons.append(f"{gpu.key} memory, bandwidth or throughput unknown")
    elif not t.gpus:
        reasons.append(f"does not fit on {64}×{gpu.key} at {shape.weight_bits:g}-bit weights")
    if not inp.hardware.usd_per_gpu_hour >= 0:
        reasons.append(f"no GPU price for {gpu.key}")
    needed = 2.0 if t.gpus > NODE_GPUS else 1.0  # across nodes: networking, sharding, two people on call
    if not a.team_has_gpu_ops and a.mlops_fte < needed:
        reasons.append(
            f"a {'multi' if needed > 1 else 'single'}-node deployment needs ≥ {needed:g} MLOps FTE without "
            f"in-house GPU ops (assumed {a.mlops_fte:g})"
        )
    if a.ownership == "own" and a.owned_gpus and t.gpus and replicas * t.gpus > a.owned_gpus:
        reasons.append(f"needs {replicas * t.gpus:.0f} GPUs at this volume; you own {a.owned_gpus}")
    return tuple(reasons)


def _replicas(inp: SelfHostInput, tokens_per_second: float) -> float:
    a = inp.assumptions
    peak = inp.tokens_per_month / SECONDS_PER_MONTH * a.peak_to_average
    return max(1.0, math.ceil(peak / (tokens_per_second * a.target_utilisation) - _TOL))


def _cheapest_shape(inp: SelfHostInput) -> tuple[Throughput, float, float]:
    """(replica, its tokens/s, replicas) using the fewest GPUs at this volume: a small replica for a
    small load, a larger one where its bigger batch serves more per GPU (ties: the faster)."""
    best = None
    options = replica_options(inp.model, inp.hardware.gpu, load_for(inp.assumptions, inp.input_share))
    chosen = [t for t in options if t.gpus == inp.replica_gpus] if inp.replica_gpus else options
    for t in chosen or options:
        tps = replica_tokens_per_second(t, inp.input_share, inp.assumptions) if t.gpus else math.nan
        replicas = _replicas(inp, tps) if tps > 0 else math.nan
        rank = (replicas * t.gpus if replicas > 0 else math.inf, -(tps if tps > 0 else 0))
        if best is None or rank < best[0]:
            best = (rank, t, tps, replicas)
    return best[1], best[2], best[3]


def self_host_cost(inp: SelfHostInput) -> SelfHostEstimate:
    """The self-hosting TCO of one model at one volume (formulas in the module docstring)."""
    check_volume(inp.tokens_per_month, inp.input_share)
    a, hw = inp.assumptions, inp.hardware
    t, tps, replicas = _cheapest_shape(inp)
    gpus_paid = a.owned_gpus if a.ownership == "own" and a.owned_gpus else replicas * t.gpus
    gpu_usd = gpus_paid * hw.usd_per_gpu_hour * HOURS_PER_MONTH
    people_usd = a.mlops_fte * a.usd_per_fte_year / 12
    overhead_usd = a.ops_overhead_pct * gpu_usd
    reasons = _reasons(inp, t, replicas)
    count = lambda x: None if x is None or not x > 0 else int(x)  # noqa: E731
    return SelfHostEstimate(
        inp.model.weight_bits,
        inp.model.weight_gb,
        count(t.gpus),
        t.gpus > NODE_GPUS,
        count(replicas),
        float(tps),
        t,
        float(gpu_usd),
        float(people_usd),
        float(overhead_usd),
        float(gpu_usd + people_usd + overhead_usd),
        not reasons,
        reasons,
    )


# --- every model at once: the Explore page and the budget filter -------------------------------------


def self_host_costs(
    models: pd.DataFrame, hardware: Hardware, tokens_per_month: float, input_share: float, a: CostAssumptions
) -> pd.DataFrame:
    """Self-hosting cost of every model (rows of the catalog, with model_id), same columns as
    api.monthly_costs: monthly_usd, blended_usd_per_mtok, cost_basis, provider, feasible, cost_note."""
    rows = []
    for row in models.to_dict("records"):
        if not (row.get("open_weights") is True or str(row.get("open_weights")) == "True"):
            rows.append((math.nan, None, None, False, "closed weights cannot be self-hosted"))
            continue
        e = self_host_cost(SelfHostInput(shape_for(row, a), hardware, tokens_per_month, input_share, a))
        shape = f"{e.gpus_per_replica}×{hardware.key}" + (
            f" ×{e.replicas} replicas" if (e.replicas or 0) > 1 else ""
        )
        basis = f"self-host: {shape}" if e.gpus_per_replica else None
        rows.append((e.total_usd_per_month, basis, "self-hosted", e.feasible, "; ".join(e.reasons)))
    out = pd.DataFrame(rows, columns=["monthly_usd", "cost_basis", "provider", "feasible", "cost_note"])
    total = out["monthly_usd"].to_numpy(dtype=float)
    spread = total / tokens_per_month * 1e6 if tokens_per_month > 0 else np.full(len(total), np.nan)
    return out.assign(blended_usd_per_mtok=spread).set_axis(pd.Index(models["model_id"], name="model_id"))


def replica_sizes(inp: SelfHostInput) -> list[int]:
    """The replica sizes (GPUs) this model can run on here, smallest first."""
    options = replica_options(inp.model, inp.hardware.gpu, load_for(inp.assumptions, inp.input_share))
    return [t.gpus for t in options if t.gpus]
