"""The serving estimate: the formulas of serving.py by hand (arithmetic in the comments), and the
calibration against MLPerf Inference on the bundled data (every comparable configuration within 1.5×)."""

from __future__ import annotations

import math

import pytest

from tests.app_helpers import bundled_tables, store_query
from tradeoffs.costs.calibration import MAX_RATIO, calibration_table, measured_text, summary
from tradeoffs.costs.serving import (
    FALLBACK_KV_BYTES_8B,
    Gpu,
    Load,
    _step_seconds,
    gpus_needed,
    model_shape,
    native_bits,
    replica_throughput,
)

TOY_GPU = Gpu("toy", memory_gb=80, bandwidth_gbps=3000, tflops_bf16=1000)
# 10B dense: 10 layers × 1,000 cached values × 2 bytes = 20,000 bytes of KV per token; attention
# 4 × 10 layers × 1,000 wide = 40,000 FLOPs per token per earlier token.
TOY = {"params_total_b": 10, "layers": 10, "kv_cache_dim": 1000, "attention_width": 1000}
LOAD = Load(sequence_tokens=1000, prompt_per_output=1.0, max_batch=64, memory_reserve=0.1,
            bandwidth_efficiency=0.5, compute_efficiency=0.5, prefill_efficiency=0.5)  # fmt: skip


def test_a_dense_replica_by_hand():
    shape = model_shape(TOY, 16)
    assert (shape.kv_bytes_per_token, shape.attention_flops, shape.routed_share) == (20_000, 40_000, 1.0)
    t = replica_throughput(shape, TOY_GPU, LOAD, gpus=1)
    # KV room 80 × 0.9 − 20 GB = 52 GB; a sequence holds 1,000 × 20,000 B = 20 MB → 2,600, capped at 64
    assert t.batch == 64
    # read 20e9 + 64 × 1,000 × 20,000 = 21.28e9 B at 3,000e9 × 0.5 B/s = 14.187 ms; compute
    # 64 × (2·10e9/1e15 + 40,000·1,000/1e15) / 0.5 = 7.68 ms → memory-bound, 64 / 14.187 ms = 4,511 tok/s
    assert t.bound == "memory bandwidth"
    assert t.decode_tps == pytest.approx(64 / (21.28e9 / 1.5e12))
    # prompt I = 1,000 · 1/1.5 = 666.7 tokens at context I/2: 2·10e9/1e15 + 40,000 · 333.3/1e15 s per
    # token (attention is 0.07 % of it here) at 0.5 → 24,983 prompt tokens/s
    assert t.prefill_tps == pytest.approx(0.5 / (2e-5 + 40_000 * (1000 / 1.5 / 2) / 1e15))
    # served = 1 / (1/4,511 + 1/24,983) = 3,821 generated tokens/s
    assert t.output_tps == pytest.approx(1 / (1 / t.decode_tps + 1 / t.prefill_tps))
    assert t.output_tps == pytest.approx(3821, rel=1e-3)


def test_mixture_of_experts_reads_more_experts_as_the_batch_grows():
    mixtral = {"params_total_b": 46.7, "params_active_b": 12.9, "layers": 32, "kv_cache_dim": 2048,
               "experts": 8, "experts_per_token": 2}  # fmt: skip
    shape = model_shape(mixtral, 16)
    # f = 2/8; 12.9 = S + 0.25 · (46.7 − S) → S = (12.9 − 11.675) / 0.75 = 1.633B
    assert shape.routed_share == 0.25 and shape.shared_params_b == pytest.approx(1.6333, rel=1e-3)
    one, many = (_step_seconds(shape, TOY_GPU, 1, b, LOAD)[0] for b in (1, 64))
    kv = 1000 * shape.kv_bytes_per_token
    # one sequence reads S + (P − S)·0.25 = 12.9B params (its active ones); 64 read 1 − 0.75^64 ≈ all 46.7B
    assert (one * 1.5e12 - kv) / 2 / 1e9 == pytest.approx(12.9, rel=1e-3)
    assert (many * 1.5e12 - 64 * kv) / 2 / 1e9 == pytest.approx(46.7, rel=1e-3)


def test_the_kv_cache_bounds_the_batch_and_a_latency_limit_lowers_it():
    long = Load(**{**LOAD.__dict__, "sequence_tokens": 200_000, "max_batch": None})
    t = replica_throughput(model_shape(TOY, 16), TOY_GPU, long, gpus=1)
    assert t.batch == math.floor(52e9 / (200_000 * 20_000))  # 13 sequences of 200k tokens fit
    # a step reads 20 GB of weights (13.33 ms) plus 0.013 ms of KV per sequence: 13.5 ms allows 12
    fast = Load(**{**LOAD.__dict__, "max_ms_per_output_token": 13.5})
    t = replica_throughput(model_shape(TOY, 16), TOY_GPU, fast, gpus=1)
    assert t.bound == "latency limit" and t.batch < 64
    assert t.batch == 12
    assert _step_seconds(model_shape(TOY, 16), TOY_GPU, 1, t.batch, fast)[0] * 1e3 <= 13.5


def test_a_replica_needs_room_for_weights_and_a_batch():
    big = model_shape({"params_total_b": 70, "layers": 80, "kv_cache_dim": 2048}, 16)  # 140 GB
    assert gpus_needed(big, TOY_GPU, LOAD) == 2
    huge = model_shape({"params_total_b": 2400, "layers": 61, "kv_cache_dim": 576}, 16)  # 4.8 TB
    assert math.isnan(gpus_needed(huge, TOY_GPU, LOAD))  # more than 64 GPUs: no estimate


def test_native_precision_and_fallbacks_for_unknown_configs():
    assert [native_bits(p) for p in ("BF16", "FP8", "MXFP4", "INT4", None)] == [16, 8, 4.25, 4.25, 16]
    guessed = model_shape({"params_total_b": 8}, 16)
    assert not guessed.from_config and guessed.kv_bytes_per_token == pytest.approx(FALLBACK_KV_BYTES_8B)
    moe = model_shape({"params_total_b": 100, "params_active_b": 10}, 16)
    assert moe.routed_share == pytest.approx(0.1) and moe.shared_params_b == 0  # f = A/P without a config


# --- calibration against MLPerf ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def calibration():
    data = bundled_tables()
    measurements = data["serving_measurements"]
    (n,) = store_query("SELECT count(*) FROM serving_measurements")[0]
    assert len(measurements) == n > 300
    return calibration_table(measurements, data["catalog"], data["gpus"]), measurements


def test_the_estimate_is_within_the_band_of_every_comparable_measurement(calibration):
    table, _ = calibration
    fit = summary(table)
    comparable = table[table["comparable"]]
    assert fit["rows"] >= 30 and set(comparable["benchmark"].str[:5]) >= {"llama", "deeps", "mixtr"}
    worst = comparable.assign(factor=comparable["ratio"].map(lambda r: max(r, 1 / r))).nlargest(3, "factor")
    assert fit["outside"] == 0, worst[["result_id", "benchmark", "gpu", "precision", "ratio"]].to_string()
    assert fit["worst_factor"] <= MAX_RATIO
    assert 0.8 <= fit["median_ratio"] <= 1.25


def test_the_measurement_is_named_beside_the_estimate(calibration):
    _, measurements = calibration
    text = measured_text(measurements, "llama-2-70b", "H200")
    assert text and "MLPerf Inference Offline, result" in text and "per H200" in text
    assert measured_text(measurements, "llama-2-70b", "L40S") is None
