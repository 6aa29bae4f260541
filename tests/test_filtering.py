"""Filtering rules on a small hand-made catalog: who passes, and the words of each exclusion."""

import pandas as pd

from tradeoffs.constraints import Constraints
from tradeoffs.filtering import evaluate, reason_counts


def _catalog():
    rows = [
        # id, name, open, licence, commercial, osi, score, context, params, tools, vision, status, org, cloud
        (
            "open-ok",
            "Open OK",
            True,
            "Apache License 2.0",
            "yes",
            True,
            1300.0,
            128_000,
            70.0,
            True,
            False,
            "active",
            "Meta",
            False,
        ),
        (
            "open-nc",
            "Open NC",
            True,
            "CC-BY-NC-4.0",
            "no",
            False,
            1350.0,
            32_000,
            7.0,
            False,
            False,
            "active",
            "Mistral AI",
            False,
        ),
        (
            "closed",
            "Closed",
            False,
            "Proprietary",
            "yes",
            False,
            1450.0,
            200_000,
            None,
            True,
            True,
            "active",
            "OpenAI",
            True,
        ),
        (
            "closed-api",
            "Closed API only",
            False,
            "Proprietary",
            "yes",
            False,
            None,
            8_000,
            None,
            True,
            False,
            "deprecated",
            "OpenAI",
            False,
        ),
        (
            "big",
            "Big open",
            True,
            "Llama 3.3 Community License",
            "conditional",
            False,
            1400.0,
            None,
            671.0,
            None,
            False,
            "active",
            "DeepSeek",
            False,
        ),
    ]
    cols = [
        "model_id",
        "name",
        "open_weights",
        "license_name",
        "commercial_use",
        "osi_approved",
        "score__arena_text",
        "context_tokens",
        "params_total_b",
        "tool_calling",
        "has_vision",
        "status",
        "organization",
        "on_hyperscaler",
    ]
    df = pd.DataFrame(rows, columns=cols).set_index("model_id")
    df["structured_output"] = True
    df["reasoning"] = False
    df["vendor_fine_tuning"] = None
    df["access"] = df["open_weights"].map({True: "Open weights", False: "Closed"})
    return df


COSTS = pd.DataFrame(
    {
        "monthly_usd": [500.0, 100.0, 2_000.0, None, 40_000.0],
        "cost_basis": ["api: x", "api: y", "api: z", None, "self-host: 16×H100"],
    },
    index=["open-ok", "open-nc", "closed", "closed-api", "big"],
)


def _run(**kw):
    return evaluate(_catalog(), COSTS, Constraints(**kw), "Arena")


def test_defaults_only_drop_deprecated_models():
    out = _run()
    assert set(out.index[out["passes"]]) == {"open-ok", "open-nc", "closed", "big"}
    assert out.at["closed-api", "reasons"] == ("deprecated by its vendor",)


def test_on_prem_with_commercial_licence_keeps_open_commercial_models_only():
    out = _run(deployment="on-prem", license="commercial")
    assert set(out.index[out["passes"]]) == {"open-ok", "big"}
    assert "no open weights, but on-prem is required" in out.at["closed", "reasons"]
    assert "license: non-commercial (CC-BY-NC-4.0)" in out.at["open-nc", "reasons"]


def test_private_cloud_allows_closed_models_on_a_hyperscaler():
    out = _run(deployment="private-cloud", exclude_deprecated=False)
    assert out.at["closed", "passes"]
    assert out.at["closed-api", "reasons"] == (
        "closed, and not offered on a private cloud (Bedrock, Azure, Vertex)",
    )


def test_osi_only():
    out = _run(license="osi")
    assert set(out.index[out["passes"]]) == {"open-ok"}
    assert out.at["big", "reasons"] == ("license: not OSI-approved (Llama 3.3 Community License)",)


def test_quality_context_size_budget_and_needs_give_numbers_in_words():
    out = _run(
        min_score=1320,
        min_context_tokens=64_000,
        max_params_b=100,
        budget_usd=1_000,
        needs=("tools",),
        exclude_deprecated=False,
    )
    assert out.at["open-ok", "reasons"] == ("Arena 1,300 < 1,320",)
    assert "context 32K < 64K" in out.at["open-nc", "reasons"]
    assert "tool calling not confirmed" in out.at["open-nc", "reasons"]
    assert out.at["closed", "reasons"] == ("$2,000/month at your volume > budget $1,000",)
    big = out.at["big", "reasons"]
    assert "context unknown" in big and "size 671B > 100B (needs 16×H100)" in big
    assert "tool calling not confirmed" in big
    assert "no Arena score" in out.at["closed-api", "reasons"]
    assert "no price at your volume" in out.at["closed-api", "reasons"]


def test_size_limit_ignores_closed_models_whose_size_is_unpublished():
    out = _run(max_params_b=100)
    assert out.at["closed", "passes"]


def test_fine_tuning_needs_open_weights_or_a_vendor_offer():
    out = _run(needs=("finetune",))
    assert not out.at["closed", "passes"] and out.at["open-ok", "passes"]


def test_reason_counts_group_reasons_that_differ_only_in_numbers():
    out = _run(min_context_tokens=300_000, exclude_deprecated=False)
    counts = reason_counts(out).set_index("reason")["models"]
    assert counts["context … < …"] == 4
    assert counts["context unknown"] == 1
