"""Tests for tradeoffs.costs: hand-computed examples (arithmetic in the comments) and properties.

Shared numbers: H100 SXM = 80 GB, 3,350 GB/s, market index $4.32/GPU-hour (gpu-price-index 2026-10-05);
a month is 730 h = 2,628,000 s. Default assumptions unless a test says otherwise.
"""

from __future__ import annotations

import math
import time
from dataclasses import fields

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeoffs.cost_assumptions import (
    ASSUMPTIONS,
    CostAssumptions,
    assumptions_from_dict,
    assumptions_to_dict,
)
from tradeoffs.costs import (
    api_cost_usd_per_month,
    blended_usd_per_mtok,
    breakeven_tokens_per_month,
    cheapest_offerings,
    cost_curve,
    first_party_offerings,
    gpu_price,
    monthly_costs,
    self_host_cost,
)

H100 = {"gpu_memory_gb": 80.0, "gpu_bandwidth_gbps": 3350.0, "usd_per_gpu_hour": 4.32}
H200 = {"gpu_memory_gb": 141.0, "gpu_bandwidth_gbps": 4800.0, "usd_per_gpu_hour": 5.40}
DEFAULT = CostAssumptions()
NAN = float("nan")


def llama70(tokens_per_month=1e9, input_share=0.75, a=DEFAULT, **gpu):
    return self_host_cost(70, NAN, tokens_per_month, input_share, **{**H100, **gpu}, assumptions=a)


# --- assumptions ---------------------------------------------------------------------------------------


def test_every_assumption_is_described_and_its_default_matches_the_dataclass():
    by_key = {m.key: m for m in ASSUMPTIONS}
    assert list(by_key) == [f.name for f in fields(CostAssumptions)]
    for f in fields(CostAssumptions):
        meta = by_key[f.name]
        assert meta.default == f.default, f.name
        assert meta.label and meta.help and meta.source, f.name
        assert any(ch.isdigit() for ch in meta.source), f"{f.name}: source needs a date"
    assert "bls.gov" in by_key["usd_per_fte_year"].source


def test_assumptions_from_dict_reads_url_strings_and_ignores_unknown_keys():
    a = assumptions_from_dict(
        {
            "precision_bits": "8",
            "team_has_gpu_ops": "true",
            "usd_per_gpu_hour": "2.5",
            "tokens_per_second_per_replica": "",
            "not_a_field": "x",
        }
    )
    assert (a.precision_bits, a.team_has_gpu_ops, a.usd_per_gpu_hour) == (8, True, 2.5)
    assert a.tokens_per_second_per_replica is None
    assert a.mlops_fte == 1.0  # untouched default


@pytest.mark.parametrize(
    "bad",
    [
        {"precision_bits": "12"},
        {"target_utilisation": 1.5},
        {"mlops_fte": "lots"},
        {"team_has_gpu_ops": "maybe"},
        {"decode_concurrency": "6.5"},
        {"gpu": ""},
    ],
)
def test_bad_assumption_values_raise(bad):
    with pytest.raises(ValueError):
        assumptions_from_dict(bad)


def test_assumptions_to_dict_keeps_only_changes():
    assert assumptions_to_dict(DEFAULT) == {}
    changed = CostAssumptions(mlops_fte=2.0, gpu="H200")
    assert assumptions_to_dict(changed) == {"mlops_fte": 2.0, "gpu": "H200"}


def _assumption_values():
    """Any valid CostAssumptions, drawn from the ranges the metadata advertises."""

    def field(meta):
        if meta.choices:
            return st.sampled_from(meta.choices)
        if isinstance(meta.default, bool):
            return st.booleans()
        if isinstance(meta.default, str):
            return st.sampled_from(["H100", "H200", "L40S"])
        if isinstance(meta.default, int):
            return st.integers(int(meta.min), int(meta.max))
        number = st.floats(meta.min, meta.max, allow_nan=False)
        return st.none() | number if meta.default is None else number

    return st.fixed_dictionaries({m.key: field(m) for m in ASSUMPTIONS}).map(lambda d: CostAssumptions(**d))


@given(_assumption_values())
def test_assumptions_round_trip_through_a_dict(a):
    assert assumptions_from_dict(assumptions_to_dict(a)) == a


# --- API cost ------------------------------------------------------------------------------------------


def test_api_cost_worked_example():
    # 1e9 tokens × (0.75 × $2.50 + 0.25 × $10) / 1e6 = 1,000 × (1.875 + 2.5) = $4,375 per month
    assert api_cost_usd_per_month(1e9, 0.75, 2.50, 10.0) == pytest.approx(4375.0)
    assert blended_usd_per_mtok(0.75, 2.50, 10.0) == pytest.approx(4.375)


def test_cached_input_price_applies_to_the_cached_share_only():
    # input price = 0.5 × $2.50 + 0.5 × $1.25 = $1.875; 1,000 × (0.75 × 1.875 + 0.25 × 10) = $3,906.25
    assert api_cost_usd_per_month(1e9, 0.75, 2.50, 10.0, 1.25, 0.5) == pytest.approx(3906.25)
    # no cache price: every input token pays the full price, whatever the cached share → $4,375
    assert api_cost_usd_per_month(1e9, 0.75, 2.50, 10.0, None, 0.5) == pytest.approx(4375.0)
    assert api_cost_usd_per_month(1e9, 0.75, 2.50, 10.0, NAN, 0.5) == pytest.approx(4375.0)


def test_a_missing_price_stays_missing_unless_it_carries_no_weight():
    assert math.isnan(api_cost_usd_per_month(1e9, 0.75, 2.50, NAN))
    assert math.isnan(blended_usd_per_mtok(0.75, None, 10.0))
    # all input: the unknown output price does not matter → 1.0 × $2.50
    assert blended_usd_per_mtok(1.0, 2.50, NAN) == pytest.approx(2.50)


def test_invalid_volume_or_share_raises():
    with pytest.raises(ValueError):
        api_cost_usd_per_month(-1, 0.5, 1, 1)
    with pytest.raises(ValueError):
        blended_usd_per_mtok(1.5, 1, 1)


OFFERINGS = pd.DataFrame(
    {
        "model_id": ["m1", "m1", "m1", "m2", "gpt"],
        "provider": ["A", "B", "C", "D", "openai"],
        "input_usd_per_mtok": [2.5, 3.0, NAN, NAN, 2.5],
        "output_usd_per_mtok": [10.0, 8.0, NAN, NAN, 10.0],
        "cached_input_usd_per_mtok": [NAN, NAN, NAN, NAN, 1.25],
        "first_party": [True, False, None, False, True],
    }
)


def test_cheapest_offering_depends_on_the_mix_and_never_picks_a_missing_price():
    # at 3:1, A = 0.75×2.5 + 0.25×10 = 4.375, B = 0.75×3 + 0.25×8 = 4.25 → B; C has no price
    at_3_to_1 = cheapest_offerings(OFFERINGS, 0.75).set_index("model_id")
    assert at_3_to_1.loc["m1", "provider"] == "B"
    assert at_3_to_1.loc["m1", "blended_usd_per_mtok"] == pytest.approx(4.25)
    # all input: A = 2.5 < B = 3.0 → A
    assert cheapest_offerings(OFFERINGS, 1.0).set_index("model_id").loc["m1", "provider"] == "A"
    # m2's only offering has no price: one row, price NaN (not 0)
    assert math.isnan(at_3_to_1.loc["m2", "blended_usd_per_mtok"])
    assert sorted(at_3_to_1.index) == ["gpt", "m1", "m2"]


def test_cheapest_offering_uses_the_cached_price():
    # gpt with half the input cached: 0.75 × (0.5×2.5 + 0.5×1.25) + 0.25 × 10 = 1.40625 + 2.5 = 3.90625
    best = cheapest_offerings(OFFERINGS, 0.75, cached_input_share=0.5).set_index("model_id")
    assert best.loc["gpt", "blended_usd_per_mtok"] == pytest.approx(3.90625)


def test_first_party_offerings_keeps_only_true():
    assert list(first_party_offerings(OFFERINGS)["provider"]) == ["A", "openai"]


# --- self-hosting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params_b, bits, memory_gb, gpus, multi_node",
    [
        (70, 16, 168.0, 4, False),  # 70 × 2 bytes × 1.2 = 168 GB → 3 × 80 GB would do, but 1,2,4,8 → 4
        (70, 8, 84.0, 2, False),  # 70 × 1 × 1.2 = 84 GB → just over one 80 GB card → 2
        (70, 4, 42.0, 1, False),  # 70 × 0.5 × 1.2 = 42 GB → 1
        (8, 16, 19.2, 1, False),  # 8 × 2 × 1.2 = 19.2 GB → 1
        (405, 16, 972.0, 16, True),  # 405 × 2 × 1.2 = 972 GB → 12.15 → 13 GPUs → two 8-GPU nodes = 16
    ],
)
def test_memory_and_gpus_per_replica(params_b, bits, memory_gb, gpus, multi_node):
    est = self_host_cost(params_b, NAN, 1e6, 0.75, **H100, assumptions=CostAssumptions(precision_bits=bits))
    assert est.memory_gb == pytest.approx(memory_gb)
    assert (est.gpus_per_replica, est.multi_node) == (gpus, multi_node)


def test_weights_that_exactly_fill_a_gpu_need_no_second_one():
    a = CostAssumptions(precision_bits=8, memory_overhead=1.0)
    # 80 × 1 byte × 1.0 = 80 GB = one H100 exactly; 80.5 GB needs a second card
    assert self_host_cost(80, NAN, 1e6, 0.5, **H100, assumptions=a).gpus_per_replica == 1
    assert self_host_cost(80.5, NAN, 1e6, 0.5, **H100, assumptions=a).gpus_per_replica == 2


def test_throughput_rule_of_thumb_dense():
    # one sequence: 4 GPUs × 3,350 GB/s × 0.6 / (70 B × 2 bytes) = 8,040 / 140 = 57.43 tokens/s
    # × 64 sequences = 3,675.4 output tokens/s; at 3:1 input, ÷ (0.25 + 0.75 / 4) = ÷ 0.4375 → 8,401.0
    assert llama70().tokens_per_second_per_replica == pytest.approx(64 * 4 * 3350 * 0.6 / 140 / 0.4375)
    assert llama70().tokens_per_second_per_replica == pytest.approx(8400.98, rel=1e-5)


def test_mixture_of_experts_needs_memory_for_all_params_but_decodes_at_the_active_speed():
    a = CostAssumptions(precision_bits=8)
    moe = self_host_cost(671, 37, 1e9, 0.75, **H200, assumptions=a)  # DeepSeek-V3: 671B total, 37B active
    dense = self_host_cost(671, NAN, 1e9, 0.75, **H200, assumptions=a)
    # memory from ALL params: 671 × 1 byte × 1.2 = 805.2 GB → 805.2 / 141 = 5.7 → 6 → 8 H200s
    assert moe.memory_gb == pytest.approx(805.2) and moe.gpus_per_replica == 8 and not moe.multi_node
    assert dense.gpus_per_replica == 8
    # speed from ACTIVE params: 8 × 4,800 × 0.6 / (37 × 1) = 622.70 tokens/s per sequence
    # × 64 = 39,853 decode tokens/s ÷ 0.4375 = 91,092.5 tokens/s (input + output)
    assert moe.tokens_per_second_per_replica == pytest.approx(91_092.5, rel=1e-5)
    assert moe.tokens_per_second_per_replica / dense.tokens_per_second_per_replica == pytest.approx(671 / 37)


@pytest.mark.parametrize(
    "isl, osl, output_tokens_per_s", [(1000, 1000, 4205), (128, 2048, 6651), (2048, 128, 762)]
)
def test_rule_of_thumb_lands_within_2x_of_nvidias_measured_llama_70b_on_h100(isl, osl, output_tokens_per_s):
    # Measured: NVIDIA TensorRT-LLM performance overview, table "Llama 3.3 70B", column "H100 TP2 (FP8)",
    # Total Output Throughput under maximum offline load (docs/source/performance/perf-overview.md in
    # github.com/NVIDIA/TensorRT-LLM, https://nvidia.github.io/TensorRT-LLM/performance/perf-overview.html,
    # read 2026-11-22). Input + output tokens/s = output tokens/s × (isl + osl) / osl:
    # 1000/1000 → 4,205 × 2 = 8,410; 128/2048 → 6,651 × 2176/2048 = 7,067; 2048/128 → 762 × 17 = 12,954.
    measured = output_tokens_per_s * (isl + osl) / osl
    # The rule at FP8: 70 × 1 byte × 1.2 = 84 GB → 2 H100s (as NVIDIA's TP2); 64 × 2 × 3,350 × 0.6 / 70
    # = 3,675 decode tokens/s → 5,880 / 3,844 / 12,495 tokens/s at those mixes. It should sit below an
    # offline maximum-batch benchmark (we keep latency interactive) but within 2× of it.
    fp8 = CostAssumptions(precision_bits=8)
    est = self_host_cost(70, NAN, 1e6, isl / (isl + osl), **H100, assumptions=fp8)
    assert est.gpus_per_replica == 2
    assert 1.0 <= measured / est.tokens_per_second_per_replica <= 2.0


def test_replicas_from_peak_load():
    # 1e9 tokens / 2,628,000 s = 380.5 tokens/s average × 3 peak = 1,141.6 tokens/s; one replica gives
    # 8,401 × 0.6 = 5,040.6 at the target utilisation → 1 replica
    assert llama70(1e9).replicas == 1
    # 1e10 tokens → 11,415.5 tokens/s at peak ÷ 5,040.6 = 2.26 → 3 replicas
    assert llama70(1e10).replicas == 3
    # no traffic at all: still one replica, always on
    assert llama70(0).replicas == 1


def test_self_host_worked_example_costs():
    est = llama70(1e9)
    assert est.gpu_usd_per_month == pytest.approx(12_614.40)  # 1 replica × 4 GPUs × $4.32 × 730 h
    assert est.people_usd_per_month == pytest.approx(20_000.0)  # 1 FTE × $240,000 / 12
    assert est.overhead_usd_per_month == pytest.approx(1_892.16)  # 0.15 × 12,614.40
    assert est.total_usd_per_month == pytest.approx(34_506.56)  # 12,614.40 + 20,000 + 1,892.16
    assert est.feasible and est.reasons == ()


def test_reserved_discount_and_measured_throughput():
    # 40 % off: GPU 12,614.40 × 0.6 = 7,568.64; overhead 1,135.30; total 7,568.64 + 1,135.30 + 20,000
    est = llama70(1e9, a=CostAssumptions(reserved_discount=0.4))
    assert est.total_usd_per_month == pytest.approx(7_568.64 * 1.15 + 20_000)
    # a measured 1,000 tokens/s per replica: 1,141.6 peak ÷ (1,000 × 0.6) = 1.9 → 2 replicas
    measured = llama70(1e9, a=CostAssumptions(tokens_per_second_per_replica=1000.0))
    assert (measured.replicas, measured.tokens_per_second_per_replica) == (2, 1000.0)
    assert measured.gpu_usd_per_month == pytest.approx(2 * 12_614.40)


@pytest.mark.parametrize(
    "params_b, a, feasible, words",
    [
        (70, CostAssumptions(), True, None),
        (70, CostAssumptions(mlops_fte=0.5), False, "single-node"),  # one node needs 1 FTE
        (405, CostAssumptions(), False, "multi-node"),  # 16 GPUs span 2 nodes: needs 2 FTE
        (405, CostAssumptions(mlops_fte=2.0), True, None),
        (
            405,
            CostAssumptions(mlops_fte=0.0, team_has_gpu_ops=True),
            True,
            None,
        ),  # the team already runs GPUs
    ],
)
def test_feasibility_depends_on_skills(params_b, a, feasible, words):
    est = self_host_cost(params_b, NAN, 1e9, 0.75, **H100, assumptions=a)
    assert est.feasible is feasible
    assert (words is None and est.reasons == ()) or words in " ".join(est.reasons)
    assert est.total_usd_per_month > 0  # an infeasible plan still shows what it would cost


def test_unknown_params_give_no_numbers_and_say_why():
    est = self_host_cost(None, None, 1e9, 0.75, **H100, assumptions=DEFAULT)
    assert math.isnan(est.total_usd_per_month) and math.isnan(est.memory_gb)
    assert est.gpus_per_replica is None and est.replicas is None
    assert not est.feasible and "params unknown" in est.reasons


def test_unknown_gpu_price_gives_no_total():
    est = llama70(usd_per_gpu_hour=None)
    assert math.isnan(est.total_usd_per_month) and not est.feasible
    assert any("no GPU price" in r for r in est.reasons)


GPUS = pd.DataFrame(
    {
        "gpu": ["H100", "H100", "L40S"],
        "name": ["H100 SXM", "H100 SXM", "L40S"],
        "memory_gb": [80.0, 80.0, 48.0],
        "bandwidth_gbps": [3350.0, 3350.0, 864.0],
        "provider": ["index", "Lambda", "index"],
        "segment": ["index", "neocloud", "index"],
        "usd_per_gpu_hour": [4.32, 2.99, NAN],
        "source": ["gpu-price-index", "lambda", "gpu-price-index"],
        "as_of": ["2026-10-05", "2026-10-05", "2026-10-05"],
    }
)


def test_gpu_price_reads_the_market_index_and_your_figure_wins():
    assert gpu_price(GPUS, "H100", DEFAULT) == (4.32, "gpu-price-index", "2026-10-05")  # not Lambda's 2.99
    assert gpu_price(GPUS, "H100", CostAssumptions(usd_per_gpu_hour=2.0)) == (2.0, "your figure", None)
    for unknown in ("L40S", "B300"):  # index row without a price / no row at all
        price, source, as_of = gpu_price(GPUS, unknown, CostAssumptions(gpu=unknown))
        assert math.isnan(price) and unknown in source and as_of is None


# --- breakeven -------------------------------------------------------------------------------------------

# Worked example: Llama 3.3 70B (dense) on 4 × H100 at $4.32 vs an API at $2.50 / $10, 3:1 input:output.
# One replica absorbs C = 8,401.0 tokens/s × 0.6 × 2,628,000 s / 3 = 4.4156e9 tokens/month.
# Fixed H = $20,000 (people); per replica g = 4 × 4.32 × 730 × 1.15 = $14,506.56; API c = $4.375e-6/token.
# A full replica saves c·C − g = 19,318.1 − 14,506.56 = $4,811.5, so the first step cheaper at its end is
# r = ceil(20,000 / 4,811.5) = ceil(4.16) = 5, and the crossing is S_5 / c = (20,000 + 5 × 14,506.56) / c
# = 92,532.80 / 4.375e-6 = 2.1150e10 tokens/month (inside step 5: 4C = 1.766e10 < 2.115e10 ≤ 5C = 2.208e10).
LLAMA_VS_API = dict(
    params_total_b=70,
    params_active_b=NAN,
    **H100,
    input_usd_per_mtok=2.50,
    output_usd_per_mtok=10.0,
    input_share=0.75,
)
C_TOKENS = 64 * 4 * 3350 * 0.6 / 140 / 0.4375 * 0.6 * 2_628_000 / 3


def test_breakeven_worked_example():
    b = breakeven_tokens_per_month(**LLAMA_VS_API, assumptions=DEFAULT)
    assert b.kind == "at"
    assert b.tokens_per_month == pytest.approx(92_532.80 / 4.375e-6)
    assert "21.2B tokens/month" in b.text
    # from step r = ceil((20,000 + 19,318.1) / 4,811.5) = ceil(8.17) = 9 on, every volume is cheaper:
    # above 8 × C = 3.53e10 tokens/month
    assert "35.3B" in b.text
    assert pytest.approx(4.4156e9, rel=1e-4) == C_TOKENS


def test_breakeven_never_because_each_replica_costs_more_than_its_tokens_at_api_prices():
    # API at $0.10 / $0.10: a full replica's tokens cost 4.4156e9 × 1e-7 = $441.56 at the API, far below
    # the $14,506.56 the replica costs: no volume makes self-hosting cheaper
    b = breakeven_tokens_per_month(
        **{**LLAMA_VS_API, "input_usd_per_mtok": 0.1, "output_usd_per_mtok": 0.1}, assumptions=DEFAULT
    )
    assert (b.kind, b.tokens_per_month) == ("never", None)
    assert "marginal cost per token" in b.text


def test_breakeven_never_within_the_range_says_where_it_would_be():
    b = breakeven_tokens_per_month(**LLAMA_VS_API, assumptions=DEFAULT, max_tokens=1e10)
    assert (b.kind, b.tokens_per_month) == ("never", None)
    assert "before 10B tokens/month" in b.text and "21.2B" in b.text


def test_breakeven_always_when_already_cheaper_at_the_smallest_volume():
    # at 2.12e10 tokens: step 5 (4C = 1.766e10 < 2.12e10 ≤ 5C), self-hosting 20,000 + 5 × 14,506.56
    # = $92,532.80 ≤ the API's 2.12e10 × 4.375e-6 = $92,750
    b = breakeven_tokens_per_month(**LLAMA_VS_API, assumptions=DEFAULT, min_tokens=2.12e10)
    assert (b.kind, b.tokens_per_month) == ("always", 2.12e10)
    assert b.text.startswith("Self-hosting is already cheaper at 21.2B")


def test_breakeven_unknown_when_an_input_is_missing():
    assert (
        breakeven_tokens_per_month(**{**LLAMA_VS_API, "params_total_b": None}, assumptions=DEFAULT).kind
        == "unknown"
    )
    b = breakeven_tokens_per_month(**{**LLAMA_VS_API, "output_usd_per_mtok": NAN}, assumptions=DEFAULT)
    assert b.kind == "unknown" and "no API price" in b.text


def test_cost_curve_draws_every_step_edge_exactly():
    curve = cost_curve(**LLAMA_VS_API, assumptions=DEFAULT)
    assert len(curve) <= 400 and curve["tokens_per_month"].is_monotonic_increasing
    assert curve["self_host_usd_per_month"].is_monotonic_increasing
    # 1e11 / 4.4156e9 = 22.6 → edges at 1C … 22C, each twice: the level before (r) and after (r + 1)
    for r in range(1, 23):
        at_edge = curve[np.isclose(curve["tokens_per_month"], r * C_TOKENS, rtol=1e-12)]
        assert list(at_edge["self_host_usd_per_month"]) == pytest.approx(
            [20_000 + r * 14_506.56, 20_000 + (r + 1) * 14_506.56]
        )
    at_1e9 = curve[np.isclose(curve["tokens_per_month"], 1e9)]
    assert at_1e9["self_host_usd_per_month"].iloc[0] == pytest.approx(34_506.56)
    assert at_1e9["api_usd_per_month"].iloc[0] == pytest.approx(4_375.0)


def test_cost_curve_stays_small_when_the_staircase_is_too_fine_to_draw():
    # 1 token/s per replica → C = 1 × 0.6 × 2,628,000 / 3 = 525,600 tokens/month → ~190,000 steps
    curve = cost_curve(**LLAMA_VS_API, assumptions=CostAssumptions(tokens_per_second_per_replica=1.0))
    assert len(curve) <= 400 and curve["self_host_usd_per_month"].is_monotonic_increasing


def test_cost_curve_with_unknown_params_still_shows_the_api():
    curve = cost_curve(**{**LLAMA_VS_API, "params_total_b": NAN}, assumptions=DEFAULT)
    assert curve["self_host_usd_per_month"].isna().all() and curve["api_usd_per_month"].notna().all()


# --- properties ---------------------------------------------------------------------------------------

GPU_SPECS = st.sampled_from(
    [(80.0, 3350.0, 4.32), (141.0, 4800.0, 5.40), (48.0, 864.0, 1.50), (192.0, 5300.0, 3.45)]
)
PRICE = st.floats(0.01, 100.0)
VOLUME = st.floats(0.0, 1e12)


@st.composite
def scenarios(draw):
    memory, bandwidth, usd = draw(GPU_SPECS)
    total = draw(st.floats(0.5, 2000.0))
    active = draw(st.none() | st.floats(0.02, 1.0).map(lambda f: f * total))
    scenario = dict(
        params_total_b=total,
        params_active_b=active,
        gpu_memory_gb=memory,
        gpu_bandwidth_gbps=bandwidth,
        usd_per_gpu_hour=usd,
        input_usd_per_mtok=draw(PRICE),
        output_usd_per_mtok=draw(PRICE),
        input_share=draw(st.floats(0.0, 1.0)),
    )
    return scenario, draw(_assumption_values())


def _self_host(s, a, volume):
    keys = ("params_total_b", "params_active_b", "gpu_memory_gb", "gpu_bandwidth_gbps", "usd_per_gpu_hour")
    return self_host_cost(
        **{k: s[k] for k in keys}, tokens_per_month=volume, input_share=s["input_share"], assumptions=a
    )


def _api(s, a, volume):
    return api_cost_usd_per_month(
        volume,
        s["input_share"],
        s["input_usd_per_mtok"],
        s["output_usd_per_mtok"],
        None,
        a.cached_input_share,
    )


@given(scenarios(), VOLUME, VOLUME)
def test_costs_never_fall_as_volume_grows(scenario, v1, v2):
    s, a = scenario
    low, high = sorted((v1, v2))
    assert _api(s, a, low) <= _api(s, a, high)
    assert _self_host(s, a, low).total_usd_per_month <= _self_host(s, a, high).total_usd_per_month


@settings(max_examples=300)
@given(scenarios())
def test_at_the_breakeven_the_costs_are_within_one_replica_and_not_before(scenario):
    s, a = scenario
    b = breakeven_tokens_per_month(**s, assumptions=a)
    if b.kind != "at":
        return
    one_replica = _self_host(s, a, 0.0)  # GPU + overhead of one replica
    step = one_replica.gpu_usd_per_month + one_replica.overhead_usd_per_month
    gap = _self_host(s, a, b.tokens_per_month).total_usd_per_month - _api(s, a, b.tokens_per_month)
    assert abs(gap) <= step * (1 + 1e-9) + 1e-6
    # it is the FIRST crossing: self-hosting costs more at every volume sampled below it
    for volume in np.geomspace(1e3, b.tokens_per_month * (1 - 1e-6), 25):
        assert _self_host(s, a, volume).total_usd_per_month > _api(s, a, volume)


@given(scenarios())
def test_doubling_the_gpu_price_never_lowers_the_breakeven(scenario):
    s, a = scenario
    rank = {"always": lambda b: 0.0, "at": lambda b: b.tokens_per_month, "never": lambda b: math.inf}
    before = breakeven_tokens_per_month(**s, assumptions=a)
    after = breakeven_tokens_per_month(**{**s, "usd_per_gpu_hour": 2 * s["usd_per_gpu_hour"]}, assumptions=a)
    assert rank[after.kind](after) >= rank[before.kind](before)


# --- monthly_costs: every model at once --------------------------------------------------------------

MODELS = pd.DataFrame(
    {
        "model_id": ["llama-3.3-70b", "deepseek-v3", "gpt", "mystery-open", "m1"],
        "open_weights": [True, True, False, True, pd.NA],
        "params_total_b": [70.0, 671.0, 200.0, NAN, NAN],  # a closed model's size may be known: still no cost
        "params_active_b": [NAN, 37.0, NAN, NAN, NAN],
    }
)


def test_monthly_costs_api_mode_takes_the_cheapest_offering():
    costs = monthly_costs(MODELS, OFFERINGS, GPUS, 1e9, 0.75, False, DEFAULT)
    assert list(costs.index) == list(MODELS["model_id"]) and costs.index.name == "model_id"
    assert costs.loc["gpt", "monthly_usd"] == pytest.approx(4375.0)  # 1e9 × 4.375 / 1e6
    assert costs.loc["gpt", "cost_basis"] == "api: openai"
    assert costs.loc["m1", "monthly_usd"] == pytest.approx(4250.0)  # B: 1e9 × 4.25 / 1e6
    assert costs.loc["m1", "provider"] == "B" and bool(costs.loc["m1", "feasible"])
    for no_price in ("llama-3.3-70b", "deepseek-v3"):  # no offering in this table at all
        assert math.isnan(costs.loc[no_price, "monthly_usd"]) and not costs.loc[no_price, "feasible"]
        assert costs.loc[no_price, "cost_note"] == "no API price"


def test_monthly_costs_self_host_mode():
    costs = monthly_costs(MODELS, OFFERINGS, GPUS, 1e9, 0.75, True, DEFAULT)
    llama = costs.loc["llama-3.3-70b"]
    assert llama["monthly_usd"] == pytest.approx(34_506.56)
    assert llama["blended_usd_per_mtok"] == pytest.approx(34.50656)  # $34,506.56 / 1,000 M tokens
    assert (llama["cost_basis"], llama["provider"], llama["feasible"], llama["cost_note"]) == (
        "self-host: 4×H100",
        "self-hosted",
        True,
        "",
    )
    # DeepSeek-V3 at 16 bits: 671 × 2 × 1.2 = 1,610.4 GB → 20.1 → 21 GPUs → 3 nodes = 24 H100s;
    # 24 × 4.32 × 730 = $75,686.40 + 15 % overhead $11,352.96 + $20,000 people = $107,039.36
    deepseek = costs.loc["deepseek-v3"]
    assert deepseek["monthly_usd"] == pytest.approx(107_039.36)
    assert not deepseek["feasible"] and "multi-node" in deepseek["cost_note"]
    gpt = costs.loc["gpt"]
    assert math.isnan(gpt["monthly_usd"]) and gpt["cost_note"] == "closed weights cannot be self-hosted"
    assert math.isnan(costs.loc["mystery-open", "monthly_usd"])
    assert costs.loc["mystery-open", "cost_note"] == "params unknown"
    assert costs.loc["m1", "cost_note"] == "closed weights cannot be self-hosted"  # open_weights unknown


def test_monthly_costs_agrees_with_the_single_model_functions():
    a = CostAssumptions(precision_bits=8, mlops_fte=2.0, cached_input_share=0.3)
    costs = monthly_costs(MODELS, OFFERINGS, GPUS, 3e10, 0.6, True, a)
    one = self_host_cost(671, 37, 3e10, 0.6, **H100, assumptions=a)
    assert costs.loc["deepseek-v3", "monthly_usd"] == pytest.approx(one.total_usd_per_month)
    api = monthly_costs(MODELS, OFFERINGS, GPUS, 3e10, 0.6, False, a)
    expected = api_cost_usd_per_month(3e10, 0.6, 2.5, 10.0, 1.25, 0.3)
    assert api.loc["gpt", "monthly_usd"] == pytest.approx(expected)


def test_monthly_costs_is_fast_for_a_thousand_models():
    rng = np.random.default_rng(0)
    models = pd.DataFrame(
        {
            "model_id": [f"m{i}" for i in range(1000)],
            "open_weights": rng.random(1000) < 0.5,
            "params_total_b": rng.uniform(1, 1000, 1000),
            "params_active_b": NAN,
        }
    )
    offerings = pd.DataFrame(
        {
            "model_id": [f"m{i % 1000}" for i in range(5000)],
            "provider": [f"p{i}" for i in range(5000)],
            "input_usd_per_mtok": rng.uniform(0.1, 10, 5000),
            "output_usd_per_mtok": rng.uniform(0.1, 30, 5000),
            "cached_input_usd_per_mtok": NAN,
            "first_party": False,
        }
    )
    start = time.perf_counter()
    for self_host in (False, True):
        assert len(monthly_costs(models, offerings, GPUS, 1e9, 0.75, self_host, DEFAULT)) == 1000
    assert time.perf_counter() - start < 1.0  # measured ≈ 10 ms; this only catches an accidental blow-up
