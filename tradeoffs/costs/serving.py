"""How many tokens one replica of a model serves: a first-principles estimate, checked against MLPerf.

A replica is n GPUs holding one copy of the weights (memory M GB, bandwidth W GB/s and dense
tensor throughput F TFLOP/s each, at the precision the weights are computed in). Notation:

  weights          P_w = P · b_w                     bytes; P = total parameters, b_w = weight bits ÷ 8
  KV cache         k   = L_full · d_kv · b_kv        bytes per token; L_full = layers whose cache grows
                                                     with the context, d_kv = values cached per token
                                                     per layer (2 · KV heads · head dim; MLA: its latent)
  batch            B   = min(B_max, ⌊(n·M·(1 − reserve) − P_w) ÷ (k · T)⌋)
                                                     T = tokens each sequence holds (its prompt and half
                                                     its answer on average); B_max = the engine's cap
  experts read     a token uses the shared parameters S and k_e of the E routed experts per layer;
                   a batch of B sequences touches a share 1 − (1 − f)^B of the routed experts, f = k_e ÷ E
                   (dense: f = 1), so one decoding step reads  S + (P − S)·(1 − (1 − f)^B)  parameters
  attention        each token attends to the tokens before it: 4 · L_full · d_att FLOPs per token per
                   earlier token (d_att = query heads · head dim; MLA decoding: heads · its latent
                   widths), computed at the KV cache's precision (F_kv)
  decoding step    t(B) = max( [weights read · b_w + B · T · k] ÷ (n · W · η_bw),    memory-bound
                               B · (2·A ÷ F + 4·L_full·d_att·T ÷ F_kv) ÷ (n · η_c) )  compute-bound
                   A = active parameters per token
  decoding rate    D = B ÷ t(B)                      output tokens/s
  prefill rate     Q = n · η_p ÷ (2·A ÷ F + 4·L_full·d_att·(I/2) ÷ F_kv)
                                                     prompt tokens/s (compute-bound; I = prompt tokens)
  served           with r prompt tokens per output token:  output tokens/s = 1 ÷ (1/D + r/Q)

A limit on the time per output token (an interactive service) lowers B to the largest batch whose
step t(B) stays within it. Where a model's config is unknown, k comes from its active size
(FALLBACK_KV_*: fitted on Llama 3.1 8B and 70B), d_att from its active size (FALLBACK_ATTENTION_*:
Llama 3.1 8B, 70B, 405B) and f from its total and active sizes (S = 0), and the estimate says so.
η_bw, η_c and η_p are assumptions, calibrated against MLPerf (calibration.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

KV_BITS = 16  # serving engines keep the KV cache in 16 bits unless told otherwise
# Calibrated against MLPerf Inference v6.0 (calibration.py): a routed expert's matrix products run at
# half a dense product's efficiency when the expert has this many parameters (billions), and 4-bit
# tensor units reach this share of their peak (scales, de-quantisation, layers kept in 8 bits).
MOE_HALF_PARAMS_B = 0.1
FP4_REALISED = 0.6
MAX_REPLICA_GPUS = 64  # beyond eight nodes of eight, no estimate
NODE_GPUS = 8
GPU_STEPS = (1, 2, 4, 8)  # tensor parallelism within a node; above that, whole nodes
MIN_BATCH = 8  # a replica must hold at least this many sequences to be worth running
MAX_UNCAPPED_BATCH = 65_536  # no engine cap (a throughput benchmark): still a finite batch
# KV bytes per token (16-bit) of a 2024-25 grouped-query-attention model by active size: Llama 3.1 8B
# holds 131,072 (32 layers × 2 × 8 heads × 128), 70B 327,680 (80 layers): 131,072 · (A/8)^0.42.
FALLBACK_KV_BYTES_8B = 131_072.0
FALLBACK_KV_EXPONENT = 0.42
# Query width by active size when the config is unknown: 4,096 · (A/8)^0.32 (Llama 3.1: 4,096 at 8B,
# 8,192 at 70B, 16,384 at 405B).
FALLBACK_ATTENTION_8B = 4096.0
FALLBACK_ATTENTION_EXPONENT = 0.32
BITS_OF_PRECISION = {
    "FP32": 32,
    "BF16": 16,
    "FP16": 16,
    "FP8": 8,
    "INT8": 8,
    "MXFP4": 4.25,
    "NVFP4": 4.5,
    "INT4": 4.25,
}


def _float(x: Any) -> float:
    try:
        return math.nan if x is None or pd.isna(x) else float(x)
    except (TypeError, ValueError):
        return math.nan


@dataclass(frozen=True)
class ModelShape:
    """What the estimate needs of a model, at the precision it is served in."""

    params_total_b: float
    params_active_b: float
    weight_bits: float
    kv_bytes_per_token: float
    routed_share: float  # f: share of the routed experts one token uses (1 = dense)
    shared_params_b: float  # S: parameters every token uses
    from_config: bool  # False: KV size or expert routing estimated from the model's size
    attention_flops: float = 0.0  # FLOPs per token per earlier token (4 · L_full · d_att)
    kv_bits: float = KV_BITS
    expert_params_b: float = math.nan  # one routed expert (billions), summed over nothing: per layer

    @property
    def weight_gb(self) -> float:
        return self.params_total_b * self.weight_bits / 8


def native_bits(precision: Any) -> float:
    """Bits per weight of a released precision (BF16 16, FP8 8, MXFP4 4.25 …); 16 when unknown."""
    return BITS_OF_PRECISION.get(str(precision).upper(), 16.0)


def model_shape(row: Any, weight_bits: float, kv_bits: float = KV_BITS) -> ModelShape:
    """The shape of a catalog row (params, architecture columns) served with ``weight_bits`` weights."""
    total = _float(row.get("params_total_b"))
    active = _float(row.get("params_active_b"))
    active = total if not active > 0 else min(active, total)
    layers, d_kv = _float(row.get("layers")), _float(row.get("kv_cache_dim"))
    full = _float(row.get("full_attention_layers"))
    full = layers if not full >= 0 else full
    if layers > 0 and d_kv >= 0:
        kv = full * d_kv * kv_bits / 8
    else:
        kv = FALLBACK_KV_BYTES_8B * (active / 8) ** FALLBACK_KV_EXPONENT * kv_bits / 16
    experts, per_token = _float(row.get("experts")), _float(row.get("experts_per_token"))
    shared = _float(row.get("shared_params_b"))
    dense = not active < total
    if dense:
        share, shared = 1.0, total
    elif experts > 0 and per_token > 0:
        share = per_token / experts
        if not shared >= 0:  # from active = S + f·(P − S)
            shared = max(0.0, (active - share * total) / (1 - share))
    else:
        shared = shared if shared >= 0 else 0.0
        share = (active - shared) / (total - shared) if total > shared else 1.0
    width = _float(row.get("attention_width"))
    width = width if width > 0 else FALLBACK_ATTENTION_8B * (active / 8) ** FALLBACK_ATTENTION_EXPONENT
    attention = 4 * (full if full >= 0 else _fallback_layers(active)) * width
    known = layers > 0 and d_kv >= 0 and (dense or experts > 0)
    moe_layers = layers if layers > 0 else _fallback_layers(active)
    n_experts = experts if experts > 0 else (1 / share if 0 < share < 1 else math.nan)
    expert = (total - shared) / (moe_layers * n_experts) if not dense else math.nan
    return ModelShape(
        total, active, weight_bits, kv, min(max(share, 0.0), 1.0), shared, known, attention, kv_bits, expert
    )


def _fallback_layers(active_b: float) -> float:
    """Layers of a model whose config is unknown: 32 at 8B, 80 at 70B, 126 at 405B ≈ 32 · (A/8)^0.35."""
    return 32 * (active_b / 8) ** 0.35


@dataclass(frozen=True)
class Gpu:
    """One GPU type: memory GB, bandwidth GB/s, dense tensor TFLOP/s by precision (NaN = unsupported)."""

    key: str
    memory_gb: float
    bandwidth_gbps: float
    tflops_bf16: float
    tflops_fp8: float = math.nan
    tflops_fp4: float = math.nan

    def tflops(self, weight_bits: float) -> float:
        """Tensor throughput for weights of this many bits: FP4 units for 4-bit weights where the GPU
        has them (at FP4_REALISED of their peak), FP8 for 8-bit (and 4-bit on GPUs without FP4),
        BF16 otherwise."""
        if weight_bits <= 4.5 and self.tflops_fp4 > 0:
            return max(self.tflops_fp4 * FP4_REALISED, self.tflops_fp8 if self.tflops_fp8 > 0 else 0)
        if weight_bits <= 8 and self.tflops_fp8 > 0:
            return self.tflops_fp8
        return self.tflops_bf16


@dataclass(frozen=True)
class Load:
    """How the replica is used, and how well the engine uses the hardware (assumptions)."""

    sequence_tokens: float  # T: tokens each sequence holds in the KV cache on average
    prompt_per_output: float  # r: prompt tokens per generated token
    max_batch: int | None = 256  # None: as many as memory holds (a throughput benchmark)
    memory_reserve: float = 0.1  # activations, CUDA graphs, fragmentation
    bandwidth_efficiency: float = 0.7
    compute_efficiency: float = 0.5
    prefill_efficiency: float = 0.5
    max_ms_per_output_token: float | None = None


@dataclass(frozen=True)
class Throughput:
    """One replica flat out: its batch, rates (tokens/s) and what limits the decoding step."""

    gpus: int
    batch: float
    decode_tps: float
    prefill_tps: float
    output_tps: float
    bound: str  # "memory bandwidth" | "compute" | "latency limit"


def _kv_room_gb(shape: ModelShape, gpu: Gpu, n: int, load: Load) -> float:
    return n * gpu.memory_gb * (1 - load.memory_reserve) - shape.weight_gb


def gpus_needed(shape: ModelShape, gpu: Gpu, load: Load) -> float:
    """Fewest GPUs (1, 2, 4, 8, then whole nodes) holding the weights and KV cache for MIN_BATCH
    sequences; NaN when more than MAX_REPLICA_GPUS would be needed or a size is unknown."""
    if not (shape.weight_gb > 0 and gpu.memory_gb > 0):
        return math.nan
    need_gb = MIN_BATCH * load.sequence_tokens * shape.kv_bytes_per_token / 1e9
    steps = [*GPU_STEPS, *range(2 * NODE_GPUS, MAX_REPLICA_GPUS + 1, NODE_GPUS)]
    return float(next((n for n in steps if _kv_room_gb(shape, gpu, n, load) >= need_gb), math.nan))


def _step_seconds(shape: ModelShape, gpu: Gpu, n: int, batch: float, load: Load) -> tuple[float, str]:
    touched = 1 - (1 - shape.routed_share) ** batch
    params_read = shape.shared_params_b + (shape.params_total_b - shape.shared_params_b) * touched
    read_bytes = (
        params_read * 1e9 * shape.weight_bits / 8 + batch * load.sequence_tokens * shape.kv_bytes_per_token
    )
    memory_s = read_bytes / (n * gpu.bandwidth_gbps * 1e9 * load.bandwidth_efficiency)
    per_token_s = _flop_seconds(shape, gpu, load.sequence_tokens)
    compute_s = batch * per_token_s / (n * load.compute_efficiency)
    return (memory_s, "memory bandwidth") if memory_s >= compute_s else (compute_s, "compute")


def _flop_seconds(shape: ModelShape, gpu: Gpu, context: float) -> float:
    """GPU-seconds of tensor work for one token with ``context`` earlier tokens, at peak throughput:
    its weights at the weights' precision, its attention at the KV cache's precision. Routed experts'
    matrix products run at e / (e + MOE_HALF_PARAMS_B) of a dense product's efficiency, e = one
    expert's parameters (fine-grained experts: small products, and tokens shuffled between GPUs)."""
    routed = shape.params_active_b - min(shape.shared_params_b, shape.params_active_b)
    expert = shape.expert_params_b
    efficiency = expert / (expert + MOE_HALF_PARAMS_B) if routed > 0 and expert > 0 else 1.0
    work = 2 * (shape.params_active_b - routed + routed / efficiency) * 1e9
    weights = work / (gpu.tflops(shape.weight_bits) * 1e12)
    return weights + shape.attention_flops * context / (gpu.tflops(shape.kv_bits) * 1e12)


def _batch(shape: ModelShape, gpu: Gpu, n: int, load: Load) -> tuple[float, str | None]:
    per_sequence = load.sequence_tokens * shape.kv_bytes_per_token
    room_bytes = _kv_room_gb(shape, gpu, n, load) * 1e9
    room = room_bytes / per_sequence if per_sequence > 0 else (math.inf if room_bytes >= 0 else 0.0)
    batch = float(
        min(load.max_batch or MAX_UNCAPPED_BATCH, math.floor(room) if math.isfinite(room) else room)
    )
    limit = load.max_ms_per_output_token
    if limit is None or _step_seconds(shape, gpu, n, batch, load)[0] * 1e3 <= limit:
        return batch, None
    lo, hi = 1.0, batch  # the step time grows with the batch: bisect for the largest that keeps the limit
    while hi - lo > 1:
        mid = math.floor((lo + hi) / 2)
        lo, hi = (mid, hi) if _step_seconds(shape, gpu, n, mid, load)[0] * 1e3 <= limit else (lo, mid)
    return lo, "latency limit"


def replica_throughput(
    shape: ModelShape, gpu: Gpu, load: Load, gpus: float | None = None, max_gpus: float = math.inf
) -> Throughput:
    """What one replica serves flat out, on ``gpus`` GPUs; by default on the replica size (at most
    ``max_gpus``) that serves the most tokens per GPU among those that fit within a node (or the fewest
    nodes, if none does): a replica that barely holds its weights has no room for a batch."""
    if gpus is not None:
        return _throughput(shape, gpu, load, gpus)
    options = replica_options(shape, gpu, load, max_gpus)
    return max(options, key=lambda t: (t.output_tps / t.gpus if t.gpus and t.output_tps > 0 else -1, -t.gpus))


def replica_options(shape: ModelShape, gpu: Gpu, load: Load, max_gpus: float = math.inf) -> list[Throughput]:
    """What a replica serves on each size it can run on: 1, 2, 4 or 8 GPUs from the fewest that hold
    it (up to ``max_gpus``), or the fewest whole nodes when one node cannot."""
    fewest = gpus_needed(shape, gpu, load)
    sizes = [n for n in GPU_STEPS if fewest <= n <= max_gpus] or [fewest]
    return [_throughput(shape, gpu, load, n) for n in sizes]


def _throughput(shape: ModelShape, gpu: Gpu, load: Load, n: float) -> Throughput:
    flops = gpu.tflops(shape.weight_bits)
    if not (n > 0 and gpu.bandwidth_gbps > 0 and flops > 0 and shape.params_active_b > 0):
        return Throughput(0 if math.isnan(n) else int(n), math.nan, math.nan, math.nan, math.nan, "unknown")
    n = int(n)
    batch, limited = _batch(shape, gpu, n, load)
    if batch < 1:
        return Throughput(n, 0.0, 0.0, math.nan, 0.0, "memory")
    step, bound = _step_seconds(shape, gpu, n, batch, load)
    decode = batch / step
    r = load.prompt_per_output
    prompt = load.sequence_tokens * (r / (r + 0.5) if math.isfinite(r) else 1.0)  # T = I + O/2
    prefill = n * load.prefill_efficiency / _flop_seconds(shape, gpu, prompt / 2)
    output = 1 / (1 / decode + load.prompt_per_output / prefill)
    return Throughput(n, batch, decode, prefill, output, limited or bound)
