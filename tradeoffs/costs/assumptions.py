"""The cost model's assumptions: every figure the TCO depends on that is not in the data.

``ASSUMPTIONS`` lists each with its default, range, unit, meaning and source (with a date), so
that the URL, the assumptions panel and the brief can encode, check and show them generically;
``CostAssumptions`` is one set of values. The formulas that use them are in serving.py (throughput),
hardware.py (GPU costs) and selfhost.py.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

_RULE = "Assumption (a rule of thumb, not data): replace it with your own figure; 2026-11-22"


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
        None,
        4,
        16,
        4,
        "bits",
        "Blank = as the lab released the weights (BF16, FP8 for DeepSeek V3/R1 and Kimi K2, MXFP4 for "
        "gpt-oss …). 8 or 4 = quantised by you: half or a quarter of the memory, usually some loss of "
        "quality (check your use case's evaluations before relying on it).",
        "the model's native precision (models table, from its Hugging Face card); 2026-12-01",
        (None, 16, 8, 4),
    ),
    Assumption(
        "gpu",
        "GPU type",
        "H100",
        None,
        None,
        None,
        "",
        "Key into the GPU table (memory, bandwidth, tensor throughput, price).",
        "gpus table ← Epoch AI ML Hardware (specs, 2026-03-11) and github.com/ewyluda/gpu-price-index "
        "(prices, 2026-10-05)",
    ),
    Assumption(
        "usd_per_gpu_hour",
        "GPU rental price",
        None,
        0.0,
        100.0,
        0.01,
        "$/GPU-hour",
        "Blank = the cross-provider on-demand market index for the chosen GPU.",
        "gpus table, segment 'index' (H100 SXM $4.32 on 2026-10-05)",
    ),
    Assumption(
        "reserved_discount",
        "Reserved / committed discount",
        0.0,
        0.0,
        0.8,
        0.05,
        "share",
        "0 = on-demand; 0.4 = 40 % off the rental price for a 1–3 year commitment.",
        _RULE,
    ),
    Assumption(
        "ownership",
        "Rent or own the GPUs",
        "rent",
        None,
        None,
        None,
        "",
        "rent = pay per GPU-hour; own = buy the GPUs and pay their depreciation, power and hosting.",
        _RULE,
        ("rent", "own"),
    ),
    Assumption(
        "owned_gpus",
        "GPUs you own",
        None,
        1,
        4096,
        1,
        "GPUs",
        "Own: the GPUs you have or will buy (blank = as many as the volume needs). Their cost is fixed; "
        "a volume they cannot serve needs more.",
        _RULE,
    ),
    Assumption(
        "usd_per_gpu_purchase",
        "Purchase price per GPU",
        None,
        1000.0,
        500_000.0,
        500.0,
        "$",
        "Own: what one GPU costs, with its share of the server (blank = the GPU's list or launch price "
        "× 1.5 for the server, networking and storage around it).",
        "gpus table: launch prices (Epoch AI ML Hardware; datasheets in data/curated/gpu_facts.csv) "
        "× 1.5 server share (assumption; an 8-GPU HGX server lists at about 1.5× its GPUs); 2026-12-01",
    ),
    Assumption(
        "amortisation_years",
        "Depreciation period",
        4.0,
        1.0,
        8.0,
        0.5,
        "years",
        "Own: years over which the purchase is written off (straight line).",
        _RULE,
    ),
    Assumption(
        "kw_per_gpu",
        "Power per GPU",
        None,
        0.1,
        5.0,
        0.05,
        "kW",
        "Own: average draw of one GPU with its share of the server (blank = its TDP × 1.3).",
        "gpus table TDP (Epoch AI ML Hardware) × 1.3 for CPUs, memory, network and fans (assumption)",
    ),
    Assumption(
        "pue",
        "Data-centre PUE",
        1.4,
        1.0,
        3.0,
        0.05,
        "×",
        "Own: facility power ÷ IT power (cooling, power conversion).",
        "Uptime Institute Global Data Center Survey 2024: average PUE 1.56; newer sites 1.3–1.4; 2026-12-01",
    ),
    Assumption(
        "usd_per_kwh",
        "Electricity price",
        0.12,
        0.0,
        1.0,
        0.01,
        "$/kWh",
        "Own: what the site pays per kWh.",
        "US EIA Electric Power Monthly, average commercial price 2024 ≈ $0.13/kWh, industrial ≈ $0.08; "
        "2026-12-01",
    ),
    Assumption(
        "hosting_usd_per_gpu_month",
        "Hosting per GPU",
        250.0,
        0.0,
        5000.0,
        10.0,
        "$/GPU-month",
        "Own: rack space, network and remote hands (colocation), per GPU.",
        _RULE,
    ),
    Assumption(
        "tokens_per_request",
        "Tokens per request",
        2000,
        100,
        1_000_000,
        100,
        "tokens",
        "Prompt plus answer of a typical request; with the input share it sets how much KV cache each "
        "sequence holds, and so how many fit in memory at once.",
        _RULE,
    ),
    Assumption(
        "kv_cache_bits",
        "KV cache precision",
        16,
        8,
        16,
        8,
        "bits",
        "16 = the serving engines' default; 8 = an FP8 KV cache (twice the sequences in memory).",
        "vLLM engine arguments (--kv-cache-dtype auto = the model's dtype), docs.vllm.ai; 2026-12-01",
        (16, 8),
    ),
    Assumption(
        "max_batch",
        "Most sequences decoded together",
        256,
        1,
        4096,
        1,
        "sequences",
        "The serving engine's cap on sequences batched into one decoding step.",
        "vLLM's default --max-num-seqs 256 (docs.vllm.ai/en/latest/configuration/engine_args.html); "
        "2026-12-01",
    ),
    Assumption(
        "memory_reserve",
        "Memory kept free",
        0.1,
        0.0,
        0.5,
        0.05,
        "share",
        "GPU memory not available to weights and KV cache (activations, CUDA graphs, fragmentation).",
        "vLLM's default --gpu-memory-utilization 0.9; 2026-12-01",
    ),
    Assumption(
        "bandwidth_efficiency",
        "Memory-bandwidth efficiency",
        0.7,
        0.1,
        1.0,
        0.05,
        "share",
        "Achieved ÷ peak memory bandwidth while decoding ('MBU').",
        "assumption: MLPerf's throughput runs are compute-bound and do not pin it down; MBU as defined "
        "in databricks.com/blog/llm-inference-performance-engineering-best-practices (60–80 % seen); "
        "2026-12-01",
    ),
    Assumption(
        "compute_efficiency",
        "Compute efficiency, decoding",
        0.4,
        0.05,
        1.0,
        0.05,
        "share",
        "Achieved ÷ peak dense tensor FLOP/s while decoding large batches ('MFU').",
        "calibrated against MLPerf Inference v5.1/v6.0 (Data page); 2026-12-01",
    ),
    Assumption(
        "prefill_efficiency",
        "Compute efficiency, prompts",
        0.5,
        0.05,
        1.0,
        0.05,
        "share",
        "Achieved ÷ peak dense tensor FLOP/s while processing prompts.",
        "calibrated against MLPerf Inference v5.1/v6.0 (Data page); 2026-12-01",
    ),
    Assumption(
        "tokens_per_second_per_replica",
        "Measured throughput",
        None,
        1.0,
        1e7,
        1.0,
        "tokens/s",
        "Your measured input+output tokens/s for one replica; blank = the estimate.",
        _RULE,
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

    precision_bits: int | None = None  # None = the model's native precision
    gpu: str = "H100"
    usd_per_gpu_hour: float | None = None
    reserved_discount: float = 0.0
    ownership: str = "rent"
    owned_gpus: int | None = None
    usd_per_gpu_purchase: float | None = None
    amortisation_years: float = 4.0
    kw_per_gpu: float | None = None
    pue: float = 1.4
    usd_per_kwh: float = 0.12
    hosting_usd_per_gpu_month: float = 250.0
    tokens_per_request: int = 2000
    kv_cache_bits: int = 16
    max_batch: int = 256
    memory_reserve: float = 0.1
    bandwidth_efficiency: float = 0.7
    compute_efficiency: float = 0.4
    prefill_efficiency: float = 0.5
    tokens_per_second_per_replica: float | None = None
    peak_to_average: float = 3.0
    target_utilisation: float = 0.6
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
    if kind is float and meta.step and float(meta.step).is_integer() and float(raw).is_integer():
        return int(float(raw))  # counts and bit widths read back as whole numbers
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
