"""The serving estimate against measured throughput (MLPerf Inference, closed division).

For each measured system (model, GPU type × count, weight precision, scenario) the estimate is
run on the same hardware with the benchmark's own workload (mean prompt and answer lengths,
``WORKLOADS``): replicas = system GPUs ÷ the GPUs one replica needs, each serving what
serving.replica_throughput says, with the app's default efficiencies. Offline rows (throughput
with no latency bound: what the cost model sizes replicas on, before its utilisation headroom) are
"comparable". Server and Interactive rows are shown too, with the time per output token capped at
the benchmark's limit, but they also bound the time to the first token and are met with
speculative decoding and disaggregated serving, which the model does not describe. MLPerf
submissions keep the KV cache in FP8 (``KV_BITS_MEASURED``); Offline runs
batch as many sequences as memory holds (no engine cap).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.hardware import gpu_spec
from tradeoffs.costs.serving import BITS_OF_PRECISION, Load, model_shape, replica_throughput

COMPARABLE_SCENARIOS = ("Offline",)
KV_BITS_MEASURED = 8
MAX_RATIO = 1.5  # the estimate must stay within this factor of every comparable measurement
SUBMITTED_BITS = {**BITS_OF_PRECISION, "FP4": 4.5, "MXFP4": 4.25}


@dataclass(frozen=True)
class Workload:
    """An MLPerf LLM benchmark's mean request: prompt and answer tokens, latency limits (ms)."""

    prompt_tokens: float
    output_tokens: float
    server_ms_per_token: float | None
    source: str


_INF = "github.com/mlcommons/inference (loadgen/mlperf.conf; language/<benchmark>/README.md)"
_DS = (
    "mean prompt tokens of the official MLCommons dataset file (summaries in "
    "github.com/openshift-psap/performance-dashboard, mlperf-data/summaries)"
)
# Mean prompt and answer tokens per sample and the Server limit on the time per output token (p99).
WORKLOADS: dict[str, Workload] = {
    "llama2-70b": Workload(222.3, 294.45, 200, f"OpenOrca, 24,576 samples: {_DS}; answer and limit: {_INF}"),
    "llama3.1-405b": Workload(
        9428.6, 684.68, 175, f"LongBench/RULER/GovReport, 8,313 samples: {_DS}; {_INF}"
    ),
    "llama3.1-8b": Workload(
        870.7, 128.0, 100, f"CNN/DailyMail, 13,368 samples: {_DS}; answers capped at 128: {_INF}"
    ),
    "mixtral-8x7b": Workload(427.4, 144.84, 200, f"OpenOrca + GSM8K + MBXP, 15,000 samples: {_DS}; {_INF}"),
    "deepseek-r1": Workload(
        803.8, 3886.2, 80, f"AIME/MATH500/GPQA/MMLU-Pro/LiveCodeBench, 4,388 samples: {_DS}; {_INF}"
    ),
    # gpt-oss-120b: the mean prompt length of its performance set is not published: not comparable.
}


def _load(w: Workload, scenario: str, a: CostAssumptions) -> Load:
    return Load(
        w.prompt_tokens + w.output_tokens / 2,
        w.prompt_tokens / w.output_tokens,
        None if scenario == "Offline" else a.max_batch,  # Offline: as many sequences as memory holds
        a.memory_reserve,
        a.bandwidth_efficiency,
        a.compute_efficiency,
        a.prefill_efficiency,
        w.server_ms_per_token if scenario == "Server" else None,
    )


def estimate_measured(m, catalog: pd.DataFrame, gpus: pd.DataFrame, a: CostAssumptions) -> tuple[float, int]:
    """(estimated output tokens/s of the measured system, GPUs per replica); NaN when it cannot say."""
    w = WORKLOADS.get(m.benchmark.removesuffix("-99.9").removesuffix("-99"))
    bits = SUBMITTED_BITS.get(str(m.precision))
    if w is None or bits is None or m.model_id not in catalog.index:
        return math.nan, 0
    shape = model_shape(catalog.loc[m.model_id], bits, KV_BITS_MEASURED)
    t = replica_throughput(shape, gpu_spec(gpus, m.gpu), _load(w, m.scenario, a), max_gpus=m.gpus)
    if not t.gpus or t.gpus > m.gpus or not t.output_tps > 0:
        return math.nan, t.gpus
    return (m.gpus // t.gpus) * t.output_tps, t.gpus


def calibration_table(
    measurements: pd.DataFrame, catalog: pd.DataFrame, gpus: pd.DataFrame, a: CostAssumptions | None = None
) -> pd.DataFrame:
    """Every measurement with the estimate beside it: the measurement's columns plus estimated_tokens_per_s,
    gpus_per_replica, ratio (estimate ÷ measurement) and comparable (a scenario the model describes, on a
    GPU whose specifications are known)."""
    a = a or CostAssumptions()
    rows = [estimate_measured(m, catalog, gpus, a) for m in measurements.itertuples(index=False)]
    out = measurements.assign(
        estimated_tokens_per_s=[r[0] for r in rows],
        gpus_per_replica=[r[1] for r in rows],
    )
    out["ratio"] = out["estimated_tokens_per_s"] / out["output_tokens_per_s"]
    # One row per configuration: the newest round's best result per GPU. Software moves fast
    # (DeepSeek-R1 on 8×B200: 30.5k tokens/s in v5.1, 58.6k in v6.0) and submissions on the same
    # hardware differ by their tuning (DeepSeek-R1 on 72 GB200: 308k and 486k in v6.0).
    config = ["benchmark", "gpu", "precision", "scenario"]
    newest = (
        out["as_of"].astype(str).eq(out.groupby(config, dropna=False)["as_of"].transform("max").astype(str))
    )
    per_gpu = (out["output_tokens_per_s"] / out["gpus"]).where(newest)
    best = per_gpu.eq(per_gpu.groupby([out[c] for c in config], dropna=False).transform("max"))
    out["comparable"] = out["scenario"].isin(COMPARABLE_SCENARIOS) & out["ratio"].notna() & newest & best
    return out


def summary(table: pd.DataFrame) -> dict[str, float]:
    """Comparable rows: count, median ratio, the worst factor either way, and how many exceed MAX_RATIO."""
    comparable = table[table["comparable"]]
    factor = comparable["ratio"].map(lambda r: max(r, 1 / r))
    return {
        "rows": len(comparable),
        "median_ratio": float(comparable["ratio"].median()) if len(comparable) else math.nan,
        "worst_factor": float(factor.max()) if len(comparable) else math.nan,
        "outside": int((factor > MAX_RATIO).sum()),
    }


def with_defaults(a: CostAssumptions | None = None) -> CostAssumptions:
    """The assumptions the calibration runs with: yours, at the app's default precision handling."""
    return replace(a or CostAssumptions(), precision_bits=None)


def measured_text(measurements: pd.DataFrame, model_id: str, gpu: str) -> str | None:
    """The best published measurement of ``model_id`` on ``gpu`` (newest round, Offline), in words."""
    rows = measurements[
        (measurements["model_id"] == model_id)
        & (measurements["gpu"] == gpu)
        & (measurements["scenario"] == "Offline")
    ]
    if rows.empty:
        return None
    rows = rows.assign(per_gpu=rows["output_tokens_per_s"] / rows["gpus"]).sort_values(["as_of", "per_gpu"])
    best = rows.iloc[-1]
    return (
        f"Measured: {best['per_gpu']:,.0f} generated tokens/s per {gpu} ({best['precision']} weights, "
        f"{best['gpus']:.0f} GPUs, MLPerf Inference Offline, result {best['result_id']}, "
        f"{best['submitter']}; "
        "its benchmark's prompts and answers, a vendor-tuned stack: an upper bound for this estimate)."
    )


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The calibration table with readable column names, comparable rows first, worst first."""
    shown = table.assign(
        factor=table["ratio"].map(lambda r: max(r, 1 / r) if r and r == r else float("nan")),
        per_gpu=table["output_tokens_per_s"] / table["gpus"],
        estimated_per_gpu=table["estimated_tokens_per_s"] / table["gpus"],
    ).sort_values(["comparable", "factor"], ascending=[False, False])
    columns = {
        "result_id": "MLPerf result",
        "benchmark": "Benchmark",
        "scenario": "Scenario",
        "gpus": "GPUs",
        "gpu": "GPU",
        "precision": "Weights",
        "per_gpu": "Measured tokens/s per GPU",
        "estimated_per_gpu": "Estimated tokens/s per GPU",
        "ratio": "Estimate ÷ measured",
        "comparable": "Comparable",
        "submitter": "Submitter",
        "as_of": "Published",
    }
    return shown[list(columns)].rename(columns=columns)
