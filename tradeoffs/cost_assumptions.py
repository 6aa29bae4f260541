"""The cost model's assumptions: every figure the TCO depends on that is not in the data.

``ASSUMPTIONS`` lists each with its default, range, unit, meaning and source (with a date), so
that the URL, the assumptions panel and the brief can encode, check and show them generically;
``CostAssumptions`` is one set of values. The formulas that use them are in costs.py.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

_RULE = "Assumption (a rule of thumb, not data): replace it with your own figure; 2026-11-22"
_NVIDIA = "nvidia.github.io/TensorRT-LLM/performance/perf-overview.html"


@dataclass(frozen=True)
class Assumption:
    """Metadata for one CostAssumptions field: enough for a URL or UI layer to encode, check, render it."""

    key: str  # = the CostAssumptions field name
    label: str
    default: Any
    min: float | None
    max: float | None
    step: float | None
    unit: str
    help: str
    source: str  # where the default comes from, with a date
    choices: tuple = ()  # the allowed values, when not a continuous range


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "precision_bits",
        "Weight precision",
        16,
        4,
        16,
        4,
        "bits",
        "16 = as released (BF16), 8 = FP8/INT8, 4 = INT4/FP4; bytes per parameter = bits ÷ 8.",
        "assumption — open weights ship in BF16; 2026-11-22",
        (16, 8, 4),
    ),
    Assumption(
        "memory_overhead",
        "Memory overhead",
        1.2,
        1.0,
        3.0,
        0.05,
        "× weights",
        "Extra GPU memory for KV cache, activations and the serving runtime.",
        _RULE,
    ),
    Assumption(
        "gpu",
        "GPU type",
        "H100",
        None,
        None,
        None,
        "",
        "Key into the GPU table (memory, bandwidth, price).",
        "gpus table ← github.com/ewyluda/gpu-price-index, as of 2026-10-05",
    ),
    Assumption(
        "usd_per_gpu_hour",
        "GPU price",
        None,
        0.0,
        100.0,
        0.01,
        "$/GPU-hour",
        "Blank = the cross-provider on-demand market index for the chosen GPU.",
        "gpus table, segment 'index' (H100 SXM $4.32 on 2026-10-05)",
    ),
    Assumption(
        "tokens_per_second_per_replica",
        "Measured throughput",
        None,
        1.0,
        1e7,
        1.0,
        "tokens/s",
        "Your measured input+output tokens/s for one replica; blank = the rule of thumb.",
        _RULE,
    ),
    Assumption(
        "decode_concurrency",
        "Sequences decoded together",
        64,
        1,
        1024,
        1,
        "sequences",
        "Sequences a serving engine batches into each decoding step (continuous batching).",
        "assumption: a quarter of vLLM's default cap of 256 (--max-num-seqs, docs.vllm.ai/en/"
        "latest/models/engine_args.html), checked against " + _NVIDIA + "; 2026-11-22",
    ),
    Assumption(
        "bandwidth_efficiency",
        "Memory-bandwidth efficiency",
        0.6,
        0.1,
        1.0,
        0.05,
        "share",
        "Achieved ÷ peak memory bandwidth while decoding ('MBU').",
        "assumption; MBU as defined in databricks.com/blog/llm-inference-performance-engineering-"
        "best-practices (2023-10-12), checked against " + _NVIDIA + "; 2026-11-22",
    ),
    Assumption(
        "prefill_speedup",
        "Prompt tokens cheaper by",
        4.0,
        1.0,
        20.0,
        0.5,
        "×",
        "How many times cheaper a prompt token is to process than a generated one.",
        "derived: 50 % of 989 TFLOPS ÷ 3.35 TB/s (H100) × 2 bytes ÷ (2 FLOP × 64 sequences × 0.6) "
        "≈ 3.8; NVIDIA's 2048/128 figures imply ≈ 2 at maximum batch (" + _NVIDIA + "); 2026-11-22",
    ),
    Assumption(
        "peak_to_average",
        "Peak ÷ average load",
        3.0,
        1.0,
        10.0,
        0.5,
        "×",
        "Capacity is sized for the busiest hour, not the monthly average.",
        _RULE,
    ),
    Assumption(
        "target_utilisation",
        "Target utilisation at peak",
        0.6,
        0.1,
        1.0,
        0.05,
        "share",
        "Headroom kept at peak so that latency stays acceptable.",
        _RULE,
    ),
    Assumption(
        "reserved_discount",
        "Reserved / committed discount",
        0.0,
        0.0,
        0.8,
        0.05,
        "share",
        "0 = on-demand; 0.4 = 40 % off for a 1–3 year commitment.",
        _RULE,
    ),
    Assumption(
        "mlops_fte",
        "Dedicated MLOps engineers",
        1.0,
        0.0,
        20.0,
        0.25,
        "FTE",
        "Engineers running the deployment: on-call, upgrades, scaling.",
        _RULE,
    ),
    Assumption(
        "usd_per_fte_year",
        "Loaded cost per engineer",
        240_000.0,
        50_000.0,
        1_000_000.0,
        5_000.0,
        "$/year",
        "Salary plus benefits and employer taxes.",
        "BLS OEWS May 2024, software developers (15-1252), 75th-percentile wage $169,000 "
        "(bls.gov/oes/current/oes151252.htm) ÷ 0.70, the wage share of employer cost "
        "(BLS ECEC, bls.gov/ect) ≈ $240k; checked 2026-11-22",
    ),
    Assumption(
        "ops_overhead_pct",
        "Ops overhead",
        0.15,
        0.0,
        1.0,
        0.05,
        "share of GPU cost",
        "Monitoring, storage, networking and egress on top of the GPUs.",
        _RULE,
    ),
    Assumption(
        "team_has_gpu_ops",
        "Team already runs GPUs in production",
        False,
        None,
        None,
        None,
        "",
        "Without it, self-hosting needs ≥ 1 dedicated MLOps FTE (≥ 2 across nodes).",
        _RULE,
    ),
    Assumption(
        "cached_input_share",
        "Cached input share",
        0.0,
        0.0,
        1.0,
        0.05,
        "share",
        "Share of input tokens billed at the API's prompt-cache price, where it has one.",
        _RULE,
    ),
)
ASSUMPTIONS_BY_KEY = {m.key: m for m in ASSUMPTIONS}


@dataclass(frozen=True)
class CostAssumptions:
    """Everything the TCO depends on that is not in the data. Defaults and sources: ``ASSUMPTIONS``."""

    precision_bits: int = 16
    memory_overhead: float = 1.2
    gpu: str = "H100"
    usd_per_gpu_hour: float | None = None
    tokens_per_second_per_replica: float | None = None
    decode_concurrency: int = 64
    bandwidth_efficiency: float = 0.6
    prefill_speedup: float = 4.0
    peak_to_average: float = 3.0
    target_utilisation: float = 0.6
    reserved_discount: float = 0.0
    mlops_fte: float = 1.0
    usd_per_fte_year: float = 240_000.0
    ops_overhead_pct: float = 0.15
    team_has_gpu_ops: bool = False
    cached_input_share: float = 0.0

    def __post_init__(self) -> None:
        for meta in ASSUMPTIONS:  # checked here so that a bad value never reaches the formulas
            value = getattr(self, meta.key)
            numeric = meta.default is None or isinstance(meta.default, float)
            kind = (int, float) if numeric else type(meta.default)
            if value is None and meta.default is None:
                continue
            if not isinstance(value, kind) or (meta.choices and value not in meta.choices):
                raise ValueError(f"{meta.key}: {value!r} is not one of {meta.choices or kind}")
            if meta.min is not None and not meta.min <= value <= meta.max:
                raise ValueError(f"{meta.key}: {value!r} is outside {meta.min:g}–{meta.max:g} {meta.unit}")


def _coerce(meta: Assumption, raw: Any) -> Any:
    """A URL or JSON value (strings accepted) as the field's type."""
    if raw is None or raw == "":
        if meta.default is None:
            return None
        raise ValueError(f"{meta.key}: a value is required")
    kind = float if meta.default is None else type(meta.default)
    if kind is bool and isinstance(raw, str):
        if raw.lower() not in ("true", "false", "1", "0"):
            raise ValueError(f"{meta.key}: {raw!r} is not true/false")
        return raw.lower() in ("true", "1")
    if kind is int:
        if not float(raw).is_integer():
            raise ValueError(f"{meta.key}: {raw!r} is not a whole number")
        return int(float(raw))
    return kind(raw)


def assumptions_from_dict(d: dict[str, Any]) -> CostAssumptions:
    """CostAssumptions from a mapping such as URL params; unknown keys ignored, bad values ValueError."""
    known = {k: _coerce(ASSUMPTIONS_BY_KEY[k], v) for k, v in d.items() if k in ASSUMPTIONS_BY_KEY}
    return CostAssumptions(**known)


def assumptions_to_dict(a: CostAssumptions) -> dict[str, Any]:
    """Only the fields that differ from their defaults (keeps share links short)."""
    return {f.name: getattr(a, f.name) for f in fields(a) if getattr(a, f.name) != f.default}


# --- API cost ----------------------------------------------------------------------------------------
