"""The GPU an estimate runs on: its specifications, and what one GPU-hour costs, rented or owned.

Rented:  the market index's on-demand $/GPU-hour (or your figure) × (1 − reserved discount).
Owned:   purchase ÷ (years · 8,760 h)                           depreciation, straight line
         + kW · PUE · $/kWh                                     power, per hour
         + hosting $/GPU-month ÷ 730                            rack, network, hands
where purchase = your figure, else the GPU's list price × SERVER_SHARE, and kW = your figure, else
its TDP × SERVER_POWER.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from tradeoffs.costs.api import value
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.serving import Gpu

HOURS_PER_MONTH = 730  # 8,760 hours a year / 12
HOURS_PER_YEAR = 8760
SERVER_SHARE = 1.5  # an 8-GPU HGX server lists at about 1.5× its GPUs (CPUs, memory, network, storage)
SERVER_POWER = 1.3  # a GPU's share of the server's draw, × its TDP
YOURS = "your figure"


@dataclass(frozen=True)
class Hardware:
    """The GPU an estimate runs on, what one GPU-hour costs, and where each number comes from."""

    gpu: Gpu
    name: str
    usd_per_gpu_hour: float  # rented or owned, all in
    price_source: str  # a source key, or YOURS, or "ownership"
    price_as_of: str | None
    spec_source: str
    spec_as_of: str | None
    owned_parts: dict  # own: depreciation / power / hosting $ per GPU-hour; rent: {}

    @property
    def key(self) -> str:
        return self.gpu.key


def _rows(gpus: pd.DataFrame, gpu: str) -> pd.DataFrame:
    """The GPU's rows, the market index first (the row whose price is used), then specifications."""
    rows = gpus[gpus["gpu"] == gpu]
    return rows.sort_values("segment", key=lambda s: s.map({"index": 0, "spec": 1}).fillna(2), kind="stable")


def _first(rows: pd.DataFrame, column: str) -> float:
    known = rows[column].dropna() if column in rows else pd.Series(dtype=float)
    return value(known.iloc[0]) if len(known) else math.nan


def gpu_spec(gpus: pd.DataFrame, gpu: str) -> Gpu:
    """Memory and bandwidth from the index row (so they match the price shown), tensor throughput from
    the specification rows; NaN where the table does not know."""
    rows = _rows(gpus, gpu)
    spec = rows[rows["segment"] == "spec"]
    return Gpu(
        gpu,
        _first(rows, "memory_gb"),
        _first(rows, "bandwidth_gbps"),
        _first(spec, "tflops_bf16"),
        _first(spec, "tflops_fp8"),
        _first(spec, "tflops_fp4"),
    )


def rental_price(gpus: pd.DataFrame, gpu: str, a: CostAssumptions) -> tuple[float, str, str | None]:
    """($ per GPU-hour before any discount, source, as-of): your figure wins, else the market index."""
    if a.usd_per_gpu_hour is not None:
        return float(a.usd_per_gpu_hour), YOURS, None
    rows = gpus[(gpus["gpu"] == gpu) & (gpus["segment"] == "index")].dropna(subset=["usd_per_gpu_hour"])
    if rows.empty:
        return math.nan, f"no market price for {gpu}", None
    as_of = rows["as_of"].iloc[0]
    return (
        float(rows["usd_per_gpu_hour"].iloc[0]),
        str(rows["source"].iloc[0]),
        None if pd.isna(as_of) else str(as_of)[:10],
    )


def owned_parts(gpus: pd.DataFrame, gpu: str, a: CostAssumptions) -> dict[str, float]:
    """Owning one GPU, $ per hour: depreciation, power, hosting (NaN where the price or TDP is unknown)."""
    spec = _rows(gpus, gpu)
    purchase = a.usd_per_gpu_purchase or _first(spec, "usd_purchase") * SERVER_SHARE
    kw = a.kw_per_gpu or _first(spec, "tdp_w") * SERVER_POWER / 1000
    return {
        "depreciation": purchase / (a.amortisation_years * HOURS_PER_YEAR),
        "power": kw * a.pue * a.usd_per_kwh,
        "hosting": a.hosting_usd_per_gpu_month / HOURS_PER_MONTH,
    }


def hardware(gpus: pd.DataFrame, a: CostAssumptions) -> Hardware:
    """The chosen GPU with its all-in $ per GPU-hour for ``a.ownership``, and the sources."""
    rows = _rows(gpus, a.gpu)
    name = str(rows["name"].iloc[0]) if len(rows) else a.gpu
    spec = rows[rows["segment"] == "spec"]
    spec_source = str(spec["source"].iloc[0]) if len(spec) else "not in the GPU table"
    spec_as_of = str(spec["as_of"].iloc[0])[:10] if len(spec) and pd.notna(spec["as_of"].iloc[0]) else None
    if a.ownership == "own":
        parts = owned_parts(gpus, a.gpu, a)
        return Hardware(
            gpu_spec(gpus, a.gpu),
            name,
            sum(parts.values()),
            "ownership",
            None,
            spec_source,
            spec_as_of,
            parts,
        )
    price, source, as_of = rental_price(gpus, a.gpu, a)
    price *= 1 - a.reserved_discount
    return Hardware(gpu_spec(gpus, a.gpu), name, price, source, as_of, spec_source, spec_as_of, {})


def gpu_table(gpus: pd.DataFrame) -> pd.DataFrame:
    """GPUs with a market-index price: gpu, name, memory_gb, bandwidth_gbps, usd_per_gpu_hour, source,
    as_of (one row each, by gpu)."""
    index = gpus[gpus["segment"] == "index"].dropna(subset=["usd_per_gpu_hour"])
    columns = ["gpu", "name", "memory_gb", "bandwidth_gbps", "usd_per_gpu_hour", "source", "as_of"]
    return index[columns].drop_duplicates("gpu").sort_values("gpu").reset_index(drop=True)
