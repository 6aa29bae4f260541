"""API prices and the cost assumptions: hand-computed examples (arithmetic in the comments), properties."""

from __future__ import annotations

import math
from dataclasses import fields

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeoffs.costs.api import (
    api_cost_usd_per_month,
    api_costs,
    blended_usd_per_mtok,
    cheapest_offerings,
    contractable_offerings,
    first_party_offerings,
)
from tradeoffs.costs.assumptions import (
    ASSUMPTIONS,
    CostAssumptions,
    assumptions_from_dict,
    assumptions_to_dict,
)

DEFAULT = CostAssumptions()
NAN = float("nan")


# --- assumptions ---------------------------------------------------------------------------------------


def test_every_assumption_is_described_and_its_default_matches_the_dataclass():
    by_key = {m.key: m for m in ASSUMPTIONS}
    assert list(by_key) == [f.name for f in fields(CostAssumptions)]
    for f in fields(CostAssumptions):
        meta = by_key[f.name]
        assert meta.default == f.default, f.name
        assert meta.label and meta.help and meta.source, f.name
        assert any(ch.isdigit() for ch in meta.source), f"{f.name}: source needs a date"
    assert "MLPerf" in by_key["compute_efficiency"].source
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
        {"max_batch": "6.5"},
        {"ownership": "lease"},
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
        if meta.default is None and float(meta.step).is_integer():  # counts: whole numbers
            return st.none() | st.integers(int(meta.min), int(meta.max))
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


def test_only_trusted_offerings_count_unless_resellers_are_included():
    offers = OFFERINGS.assign(
        trusted=[True, False, True, True, True], provider_kind=["lab", "reseller", "host", "host", "lab"]
    )
    assert "B" not in set(contractable_offerings(offers)["provider"])
    assert "B" in set(contractable_offerings(offers, include_resellers=True)["provider"])
    models = pd.DataFrame({"model_id": ["m1", "m2", "gpt"]})
    cost = api_costs(models, contractable_offerings(offers, include_resellers=True), 1e9, 0.75)
    # B (a reseller) is the cheapest at 3:1 → marked as such wherever the cost basis is shown
    assert cost.at["m1", "cost_basis"] == "api: B (reseller quote)"
    assert cost.at["m1", "monthly_usd"] == pytest.approx(4250.0)
    assert not cost.at["m2", "feasible"] and cost.at["m2", "cost_note"] == "no API price"
