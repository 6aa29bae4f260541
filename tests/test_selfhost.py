"""Self-hosting TCO, owned GPUs, the way forward and the breakeven: hand-computed examples (arithmetic in
the comments) on the bundled GPU table, and properties.

A fixed measured throughput (``tokens_per_second_per_replica``) keeps the arithmetic by hand; the
serving estimate behind it has its own tests (test_serving.py). A month is 730 h = 2,628,000 s.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.app_helpers import bundled_tables
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.breakeven import ApiPrice, breakeven_tokens_per_month, cost_curve
from tradeoffs.costs.feasibility import way_forward
from tradeoffs.costs.hardware import hardware, owned_parts
from tradeoffs.costs.selfhost import SelfHostInput, self_host_cost, self_host_costs, shape_for

LLAMA = "llama-3.3-70b"
MEASURED = CostAssumptions(tokens_per_second_per_replica=10_000.0, usd_per_gpu_hour=2.0)
GPT4O = ApiPrice(2.50, 10.0)  # $ per 1M: 0.75 × 2.5 + 0.25 × 10 = $4.375 blended


@pytest.fixture(scope="module")
def data():
    return bundled_tables()


def _inp(data, a: CostAssumptions, tokens: float = 1e9, model: str = LLAMA) -> SelfHostInput:
    row = data["catalog"].loc[model].to_dict()
    return SelfHostInput(shape_for(row, a), hardware(data["gpus"], a), tokens, 0.75, a)


def test_replicas_and_monthly_cost_by_hand(data):
    e = self_host_cost(_inp(data, MEASURED, 1e10))
    n = e.gpus_per_replica
    # peak = 1e10 / 2,628,000 × 3 = 11,416 tokens/s; one replica carries 10,000 × 0.6 = 6,000 → 2 replicas
    assert e.replicas == 2
    assert e.gpu_usd_per_month == pytest.approx(2 * n * 2.0 * 730)
    assert e.people_usd_per_month == pytest.approx(240_000 / 12)
    assert e.overhead_usd_per_month == pytest.approx(0.15 * e.gpu_usd_per_month)
    assert e.total_usd_per_month == pytest.approx(e.gpu_usd_per_month * 1.15 + 20_000)
    discounted = self_host_cost(_inp(data, replace(MEASURED, reserved_discount=0.4), 1e10))
    assert discounted.gpu_usd_per_month == pytest.approx(0.6 * e.gpu_usd_per_month)


def test_owning_gpus_costs_depreciation_power_and_hosting(data):
    own = replace(CostAssumptions(), ownership="own")
    parts = owned_parts(data["gpus"], "H100", own)
    # H100: $33,600 × 1.5 server share ÷ (4 y × 8,760 h) = $1.438/h; 700 W × 1.3 = 0.91 kW × PUE 1.4 ×
    # $0.12/kWh = $0.153/h; hosting $250 ÷ 730 h = $0.342/h
    assert parts["depreciation"] == pytest.approx(33_600 * 1.5 / (4 * 8760))
    assert parts["power"] == pytest.approx(0.7 * 1.3 * 1.4 * 0.12)
    assert parts["hosting"] == pytest.approx(250 / 730)
    assert hardware(data["gpus"], own).usd_per_gpu_hour == pytest.approx(sum(parts.values()))
    assert (
        hardware(data["gpus"], own).usd_per_gpu_hour
        < hardware(data["gpus"], CostAssumptions()).usd_per_gpu_hour
    )


def test_owned_gpus_cost_the_same_at_any_volume_up_to_what_they_serve(data):
    a = replace(MEASURED, ownership="own", owned_gpus=16)
    small, large = (self_host_cost(_inp(data, a, v)) for v in (1e8, 1e9))
    assert small.total_usd_per_month == pytest.approx(large.total_usd_per_month)
    assert small.gpu_usd_per_month == pytest.approx(16 * hardware(data["gpus"], a).usd_per_gpu_hour * 730)
    too_much = self_host_cost(_inp(data, a, 1e12))
    assert not too_much.feasible and "you own 16" in too_much.reasons[-1]
    fix = way_forward(data["catalog"].loc[LLAMA].to_dict(), data["gpus"], a, 1e12, 0.75)
    assert fix and fix.changes["owned_gpus"] > 16


def test_a_model_across_nodes_needs_two_engineers_and_the_page_can_say_so(data):
    row = data["catalog"].loc["llama-3.1-405b"].to_dict()  # 405B in BF16: 810 GB, two nodes of H100
    e = self_host_cost(_inp(data, CostAssumptions(), model="llama-3.1-405b"))
    assert e.multi_node and not e.feasible and "needs ≥ 2 MLOps FTE" in e.reasons[0]
    fix = way_forward(row, data["gpus"], CostAssumptions(), 1e9, 0.75)
    assert fix.changes == {"mlops_fte": 2.0} and fix.text.startswith("needs 2 nodes of 8×H100")
    assert self_host_cost(
        _inp(data, replace(CostAssumptions(), mlops_fte=2.0), model="llama-3.1-405b")
    ).feasible


def test_a_model_too_big_for_the_gpu_is_offered_a_bigger_one(data):
    a = CostAssumptions(gpu="L40S")  # 48 GB: 64 of them hold 2.76 TB at most
    row = {"params_total_b": 2000.0, "native_precision": "BF16"}  # 4 TB of weights
    e = self_host_cost(SelfHostInput(shape_for(row, a), hardware(data["gpus"], a), 1e9, 0.75, a))
    assert not e.feasible and "does not fit" in e.reasons[0]
    fix = way_forward(row, data["gpus"], a, 1e9, 0.75)
    assert fix and fix.changes["gpu"] != "L40S" and "MLOps" in fix.text


def test_unknown_size_gives_no_numbers_and_no_way_forward(data):
    row = data["catalog"].loc["grok-2"].to_dict()
    e = self_host_cost(_inp(data, CostAssumptions(), model="grok-2"))
    assert e.reasons[0] == "params unknown" and math.isnan(e.total_usd_per_month)
    assert way_forward(row, data["gpus"], CostAssumptions(), 1e9, 0.75) is None


# --- breakeven ---------------------------------------------------------------------------------------


def test_breakeven_by_hand(data):
    inp = _inp(data, MEASURED, 0.0)
    n = self_host_cost(inp).gpus_per_replica
    h, g = 20_000.0, n * 2.0 * 730 * 1.15  # people; one replica's GPUs + 15 % overhead
    per_replica = 10_000 * 0.6 * 2_628_000 / 3  # 5.256B tokens/month
    c = 4.375 / 1e6
    r = math.ceil(h / (c * per_replica - g))  # the first step whose end is cheaper than the API
    expected = max((r - 1) * per_replica, (h + r * g) / c)
    be = breakeven_tokens_per_month(inp, GPT4O)
    assert be.kind == "at" and be.tokens_per_month == pytest.approx(expected)


def test_breakeven_never_and_unknown(data):
    cheap_api = ApiPrice(0.01, 0.01)
    assert breakeven_tokens_per_month(_inp(data, MEASURED, 0.0), cheap_api).kind == "never"
    unknown = _inp(data, replace(MEASURED, gpu="TPU-v9", usd_per_gpu_hour=None), 0.0)
    assert breakeven_tokens_per_month(unknown, GPT4O).kind == "unknown"


def test_cost_curve_draws_every_step_edge_and_stops_at_what_owned_gpus_serve(data):
    curve = cost_curve(_inp(data, MEASURED, 0.0), GPT4O, max_tokens=1e11)
    per_replica = 10_000 * 0.6 * 2_628_000 / 3
    edges = curve[curve["tokens_per_month"].duplicated(keep=False)]
    assert len(edges) == 2 * math.floor(1e11 / per_replica)  # each edge drawn twice: a crisp staircase
    assert curve["self_host_usd_per_month"].is_monotonic_increasing
    owned = cost_curve(
        _inp(data, replace(MEASURED, ownership="own", owned_gpus=8), 0.0), GPT4O, max_tokens=1e12
    )
    assert owned["self_host_usd_per_month"].dropna().nunique() == 1  # flat while the 8 GPUs serve it
    assert owned["self_host_usd_per_month"].isna().iloc[-1]  # beyond them: not drawn


# --- properties and every model at once --------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(v1=st.floats(0, 1e12), v2=st.floats(0, 1e12), gpu=st.sampled_from(["H100", "H200", "B200", "MI300X"]))
def test_costs_never_fall_as_volume_grows(data, v1, v2, gpu):
    a = CostAssumptions(gpu=gpu)
    lo, hi = sorted((v1, v2))
    assert (
        self_host_cost(_inp(data, a, lo)).total_usd_per_month
        <= self_host_cost(_inp(data, a, hi)).total_usd_per_month
    )


@settings(max_examples=25, deadline=None)
@given(price=st.floats(0.5, 20.0))
def test_doubling_the_gpu_price_never_lowers_the_breakeven(data, price):
    a, b = (replace(MEASURED, usd_per_gpu_hour=p) for p in (price, 2 * price))
    one, two = (breakeven_tokens_per_month(_inp(data, x, 0.0), GPT4O) for x in (a, b))
    if one.kind == "at" and two.kind == "at":
        assert two.tokens_per_month >= one.tokens_per_month


def test_every_model_at_once_agrees_with_the_single_estimate(data):
    models = data["catalog"].loc[[LLAMA, "deepseek-r1", "gpt-4o", "grok-2"]].reset_index()
    hw = hardware(data["gpus"], CostAssumptions())
    table = self_host_costs(models, hw, 1e9, 0.75, CostAssumptions())
    single = self_host_cost(_inp(data, CostAssumptions()))
    assert table.at[LLAMA, "monthly_usd"] == pytest.approx(single.total_usd_per_month)
    assert table.at[LLAMA, "cost_basis"].startswith(f"self-host: {single.gpus_per_replica}×H100")
    assert table.at["gpt-4o", "cost_note"] == "closed weights cannot be self-hosted"
    assert table.at["grok-2", "cost_note"].startswith("params unknown") and pd.isna(
        table.at["grok-2", "monthly_usd"]
    )
