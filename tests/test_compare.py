"""The comparison table (tradeoffs/compare) on frames from the real store, against data/*.csv read here.

Expected values come from the CSV files the store is built from (pandas, not the app's queries), so a
comparison that read the wrong column, offering or licence shows something else than the test expects.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables
from tradeoffs.compare.answer import PICK_HINT, compare_sentence
from tradeoffs.compare.picks import MAX_MODELS, first_comparable, usable_ids
from tradeoffs.compare.prices import NOT_OFFERED, provider_prices
from tradeoffs.compare.table import BEST, FAILS, CompareInput, build_comparison
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import hardware, selfhost
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.filtering import evaluate
from tradeoffs.text import fmt_usd, md_escape

DATA = Path(__file__).resolve().parent.parent / "data"
THREE = ["gpt-4o", "llama-3.3-70b", "gpt-oss-120b"]


@cache
def _csv(table: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{table}.csv")


@cache
def _tables() -> dict:
    return bundled_tables()


DEFAULT = Constraints()


def _input(ids: list[str], c: Constraints = DEFAULT) -> CompareInput:
    """The input as the Compare view builds it (costs as Explore's and the Costs page's modules make them)."""
    t, a = _tables(), CostAssumptions()
    catalog, offerings = t["catalog"], t["offerings"]
    models = catalog.reset_index()
    api = api_cost.api_costs(models, offerings, c.volume_tokens, c.input_share, a.cached_input_share)
    own = selfhost.self_host_costs(models, hardware.hardware(t["gpus"], a), c.volume_tokens, c.input_share, a)
    deployed = own if c.deployment == "on-prem" else api
    evaluated = evaluate(catalog, deployed, c, "LMArena text score")
    return CompareInput(
        evaluated.loc[ids], api.loc[ids], own.loc[ids], deployed.loc[ids], offerings, _csv("benchmarks"), c
    )


def _row(comparison, label: str) -> dict[str, str]:
    return comparison.table.loc[label].to_dict()


def _model(model_id: str) -> pd.Series:
    models = _csv("models")
    return models[models["model_id"] == model_id].iloc[0]


def _cheapest_trusted(model_id: str) -> tuple[float, str]:
    """(blended $/1M at 75 % input, provider) of a model's cheapest trusted offering, first party on ties."""
    o = _csv("offerings")
    o = o[(o["model_id"] == model_id) & (o["trusted"] == True)].dropna(subset=["input_usd_per_mtok"])  # noqa: E712
    o = o.assign(
        usd=0.75 * o["input_usd_per_mtok"] + 0.25 * o["output_usd_per_mtok"], third=~o["first_party"]
    )
    best = o.sort_values(["usd", "third", "provider"]).iloc[0]
    return best["usd"], best["provider"]


def test_access_licence_and_size_read_as_the_csv_says():
    comparison = build_comparison(_input(THREE))
    assert _row(comparison, "Weights") == {
        "gpt-4o": "Closed (API only)",
        "llama-3.3-70b": "Open weights",
        "gpt-oss-120b": "Open weights",
    }
    licences = _csv("licenses").set_index("license_id")
    for model_id in THREE:
        licence = licences.loc[_model(model_id)["license_id"]]
        assert comparison.table.at["Licence", model_id].startswith(
            f"{licence['name']} · tier {licence['tier']} · "
        )
        assert comparison.table.at["Licence conditions", model_id] == licence["conditions"]
    assert _row(comparison, "Commercial use") == {
        "gpt-4o": "yes",
        "llama-3.3-70b": "with conditions",
        "gpt-oss-120b": "yes",
    }
    gpt_oss = _model("gpt-oss-120b")  # 116.83B total, 5.1B active, MXFP4
    total, active = gpt_oss["params_total_b"], gpt_oss["params_active_b"]
    assert comparison.table.at["Parameters", "gpt-oss-120b"] == (
        f"{total:,.0f}B total · {active:.3g}B active (mixture of experts)"
    )
    assert comparison.table.at["Parameters", "llama-3.3-70b"] == "70.6B (dense: every parameter active)"
    assert comparison.table.at["Parameters", "gpt-4o"] == "unknown"  # not public for a closed model
    assert _row(comparison, "Native precision") == {
        "gpt-4o": "unknown",
        "llama-3.3-70b": "BF16",
        "gpt-oss-120b": "MXFP4",
    }
    assert comparison.table.at["Context window", "gpt-oss-120b"] == "131k tokens"  # 131,072
    assert comparison.marks.loc["Context window"].to_dict() == {
        "gpt-4o": "",
        "llama-3.3-70b": "",
        "gpt-oss-120b": BEST,
    }
    assert comparison.table.at["Released", "gpt-4o"] == _model("gpt-4o")["release_date"]


def test_capabilities_and_fine_tuning_distinguish_no_from_unknown():
    comparison = build_comparison(_input(THREE))
    assert _row(comparison, "Image input") == {"gpt-4o": "yes", "llama-3.3-70b": "no", "gpt-oss-120b": "no"}
    assert _row(comparison, "Reasoning mode") == {
        "gpt-4o": "no",
        "llama-3.3-70b": "no",
        "gpt-oss-120b": "yes",
    }
    assert _row(comparison, "Fine-tuning") == {
        "gpt-4o": "yes (sold by the vendor)",  # vendor_fine_tuning true in models.csv
        "llama-3.3-70b": "yes (open weights)",
        "gpt-oss-120b": "yes (open weights)",
    }
    other = build_comparison(_input(["claude-3-opus", "gpt-4o"]))  # Anthropic: fine-tuning not in the data
    assert pd.isna(_model("claude-3-opus")["vendor_fine_tuning"])
    assert other.table.at["Fine-tuning", "claude-3-opus"] == "unknown"


def test_scores_carry_their_interval_source_and_date_and_the_best_is_marked():
    comparison = build_comparison(_input(THREE))
    scores = _csv("scores").set_index(["model_id", "benchmark"])
    arena = scores.loc[("gpt-4o", "arena_text")]
    half = (arena["ci_high"] - arena["ci_low"]) / 2
    assert comparison.table.at["LMArena text score", "gpt-4o"] == (
        f"{arena['score']:,.1f} ±{half:,.1f} · {arena['source']}, {arena['as_of']}"
    )
    mmlu = scores.loc[("gpt-4o", "mmlu")]  # reported by the lab, not measured by a third party
    assert (
        comparison.table.at["MMLU", "gpt-4o"]
        == f"{mmlu['score']:,.1f} · lab-reported · {mmlu['source']}, {mmlu['as_of']}"
    )
    assert comparison.table.at["MMLU", "gpt-oss-120b"] == "unknown"
    best = max(THREE, key=lambda m: scores.loc[(m, "arena_text"), "score"])
    assert comparison.marks.loc["LMArena text score"].to_dict() == {
        m: BEST if m == best else "" for m in THREE
    }
    assert list(comparison.rows.index).index("LMArena text score") < list(comparison.rows.index).index("MMLU")


def test_prices_and_costs_at_the_volume_come_from_trusted_offerings():
    comparison = build_comparison(_input(THREE))
    for model_id in THREE:
        usd, provider = _cheapest_trusted(model_id)
        assert (
            comparison.table.at["API, cheapest per 1M tokens (75% input)", model_id]
            == f"{fmt_usd(usd)} · {provider}"
        )
        assert comparison.table.at["API per month", model_id] == fmt_usd(usd * 100)  # 100M tokens a month
    assert comparison.table.at["Self-hosted per month", "gpt-4o"] == "not possible (closed weights)"
    assert comparison.table.at["Self-hosted per month", "llama-3.3-70b"].endswith("×H100")
    assert comparison.table.at["Cheapest independent host", "gpt-4o"] == "none"  # a closed model has no host
    o = _csv("offerings")
    trusted = o[(o["trusted"] == True) & (o["model_id"] == "llama-3.3-70b")]  # noqa: E712
    assert comparison.table.at["Independent hosts", "llama-3.3-70b"] == str(
        trusted.loc[~trusted["first_party"], "provider"].nunique()
    )
    assert comparison.table.at["Independent hosts", "gpt-4o"] == "0"
    monthly = comparison.marks.loc["API per month"]
    assert monthly["gpt-oss-120b"] == BEST and monthly["gpt-4o"] == ""


def test_every_trusted_provider_has_a_row_and_no_reseller_does():
    t = _tables()
    prices, cheapest = provider_prices(pd.Index(THREE), t["offerings"], 0.75, 0.0)
    o = _csv("offerings")
    trusted = o[(o["trusted"] == True) & o["model_id"].isin(THREE)]  # noqa: E712
    assert len(prices) == trusted["provider"].nunique()
    assert not any(label.endswith(("· router", "· reseller")) for label in prices.index)
    row = trusted[(trusted["model_id"] == "gpt-4o") & (trusted["provider"] == "openai")].iloc[0]
    assert prices.at["openai · lab", "gpt-4o"] == (
        f"$4.38 ($2.50 in, $10 out) · {row['source']}, {row['as_of']}"  # 0.75 × 2.50 + 0.25 × 10
    )
    assert prices.at["openai · lab", "llama-3.3-70b"] == NOT_OFFERED
    assert prices.index[0].endswith("· lab")  # labs first
    for model_id in THREE:
        _, provider = _cheapest_trusted(model_id)
        assert cheapest[model_id].sum() >= 1 and any(
            i.startswith(provider + " ·") for i in cheapest.index[cheapest[model_id]]
        )


def test_what_the_constraints_ask_about_is_flagged_and_failures_marked():
    c = Constraints(deployment="on-prem", needs=("vision",), license="commercial")
    comparison = build_comparison(_input(THREE, c))
    assert comparison.marks.at["Weights", "gpt-4o"] == FAILS
    assert comparison.rows.at["Weights", "flagged"]  # closed vs open, and on-prem is required
    assert comparison.marks.loc["Image input"].to_dict() == {
        "gpt-4o": "",
        "llama-3.3-70b": FAILS,
        "gpt-oss-120b": FAILS,
    }
    assert comparison.rows.at["Image input", "flagged"]
    assert not comparison.rows.at["Tool calling", "flagged"]  # all three call tools, and nobody asked
    assert comparison.table.at["Passes your constraints", "gpt-4o"].startswith(
        "no: no open weights, but on-prem"
    )
    assert comparison.marks.at["Passes your constraints", "gpt-4o"] == FAILS
    default = build_comparison(_input(THREE))
    assert not default.rows["flagged"].any()  # the defaults ask nothing these models differ on


def test_a_retired_model_shows_its_date_and_fails_when_retired_models_are_excluded():
    comparison = build_comparison(_input(["claude-2", "gpt-4o"]))
    assert comparison.table.at["Status", "claude-2"] == "retired"
    assert comparison.table.at["Retirement date", "claude-2"] == _model("claude-2")["retirement_date"]
    assert comparison.table.at["Retirement date", "gpt-4o"] == "none announced"
    assert comparison.marks.at["Status", "claude-2"] == FAILS and comparison.rows.at["Status", "flagged"]
    shown = build_comparison(_input(["claude-2", "gpt-4o"], Constraints(exclude_deprecated=False)))
    assert shown.marks.at["Status", "claude-2"] == "" and not shown.rows.at["Status", "flagged"]


BAD_TEXT = {"None", "nan", "NaN", "<NA>", "NaT", ""}


def test_no_cell_of_any_comparison_reads_none_or_nan():
    ids = sorted(_tables()["catalog"].index)
    picks = random.Random(13).sample(ids, 40)
    for start in range(0, len(picks), MAX_MODELS):
        group = picks[start : start + MAX_MODELS]
        comparison = build_comparison(_input(group, Constraints(keep_unknown=True)))
        cells = {str(v) for v in comparison.table.to_numpy().ravel()}
        assert not cells & BAD_TEXT, (group, cells & BAD_TEXT)
        assert not [v for v in cells if "nan" in v.split() or "None" in v.split()], group
        assert set(comparison.marks.to_numpy().ravel()) <= {"", BEST, FAILS}


def _as_the_app_builds_it(ids: list[str], c: Constraints) -> CompareInput:
    """The input from the app's own cached loaders (the deployment's costs exactly as Explore has them)."""
    from dataclasses import replace

    from tradeoffs.ui import cost_loaders, loaders

    a = CostAssumptions()
    evaluated = loaders.load_evaluated(c, a)
    return CompareInput(
        evaluated.models.loc[ids],
        cost_loaders.load_costs(replace(c, deployment="any"), a).reindex(ids),
        cost_loaders.load_costs(replace(c, deployment="on-prem"), a).reindex(ids),
        evaluated.costs.reindex(ids),
        loaders.load_offerings(c.include_resellers),
        _csv("benchmarks"),
        c,
    )


@pytest.mark.parametrize("deployment", ["any", "private-cloud", "on-prem"])
def test_every_deployment_gives_a_table_and_an_answer_without_missing_text(deployment):
    """Under private cloud the costs mix API and self-hosting rows (text columns with pd.NA): a link
    found by tests/test_app_links.py once broke the answer there."""
    c = Constraints(
        deployment=deployment, include_resellers=True, keep_unknown=True, exclude_deprecated=False
    )
    for ids in (
        ["gpt-4o", "gpt-oss-120b", "claude-2"],
        ["claude-3.5-sonnet", "llama-3.3-70b", "deepseek-v3"],
    ):
        inp = _as_the_app_builds_it(ids, c)
        comparison = build_comparison(inp)
        cells = {str(v) for v in comparison.table.to_numpy().ravel()}
        assert not cells & BAD_TEXT, cells & BAD_TEXT
        names = pd.Series(ids, index=ids)
        text = compare_sentence(
            inp.models, names, (inp.deployed, inp.self_host, inp.api), "arena_text", "Arena"
        )
        assert all(f"**{md_escape(m)}** is " in text for m in ids) and "nan" not in text.split()


def test_the_answer_says_what_each_model_is_and_costs_and_who_scores_higher():
    inp = _input(THREE)
    names = _csv("models").set_index("model_id").loc[THREE, "name"]
    text = compare_sentence(
        inp.models, names, (inp.deployed, inp.self_host, inp.api), "arena_text", "LMArena text score"
    )
    plain = text.replace("\\", "")
    assert "**GPT-4o** is API-only, about **$438/month** through openai" in plain
    assert "**Llama-3.3-70B-Instruct** is open weights with a commercial licence that has conditions" in plain
    assert "**GPT OSS 120B** is open weights with a commercial licence" in plain
    scores = _csv("scores").set_index(["model_id", "benchmark"])["score"]
    gap = scores[("gpt-oss-120b", "arena_text")] - scores[("gpt-4o", "arena_text")]
    assert (
        f"**GPT OSS 120B** scores highest on LMArena text score, {gap:,.1f} points above **GPT-4o**" in plain
    )
    assert "(within the intervals: not a clear lead)" in plain  # 1,348.1–1,356.9 overlaps 1,343.0–1,349.7
    assert (
        compare_sentence(
            inp.models.iloc[:1], names, (inp.deployed, inp.self_host, inp.api), "arena_text", "x"
        )
        == PICK_HINT
    )


def test_under_on_prem_a_closed_model_is_priced_for_reference_only():
    c = Constraints(deployment="on-prem", volume_tokens=10**9)
    inp = _input(["gpt-4o", "gpt-oss-120b"], c)
    names = pd.Series({"gpt-4o": "GPT-4o", "gpt-oss-120b": "GPT OSS 120B"})
    text = compare_sentence(
        inp.models, names, (inp.deployed, inp.self_host, inp.api), "arena_text", "LMArena"
    ).replace("\\", "")
    assert (
        "**GPT-4o** is API-only, with no cost your deployment allows (its API: $4,375/month through openai)"
        in text
    )
    assert (
        "**GPT OSS 120B** is open weights with a commercial licence, about **$" in text
        and "self-hosted (" in text
    )
    assert "**GPT-4o** fails your constraints (no open weights, but on-prem is required)" in text


def test_link_ids_are_checked_capped_at_four_and_named_when_dropped():
    known = {"a", "b", "c", "d", "e"}
    assert usable_ids(["a", " b", "a", ""], known) == (("a", "b"), [])
    ids, warnings = usable_ids(["a", "zz", "b"], known)
    assert ids == ("a", "b") and warnings == ["unknown model ids: zz"]
    ids, warnings = usable_ids(list("abcde"), known)
    assert ids == ("a", "b", "c", "d") and "5 models given, at most 4" in warnings[0]
    ids, warnings = usable_ids(["%%%", "<b>x</b>" * 20], known)
    assert ids == () and warnings[0].startswith("unknown model ids: %%%, <b>x</b>") and len(warnings[0]) < 120


def test_compare_these_takes_the_first_candidate_with_two_models():
    assert first_comparable(("selected", ["x"]), ("shortlist", ["a", "b"]), ("top 3", ["p", "q", "r"])) == (
        "shortlist",
        ("a", "b"),
    )
    assert first_comparable(("shortlist", list("abcdef"))) == (
        "shortlist (the first 4)",
        ("a", "b", "c", "d"),
    )
    assert first_comparable(("selected", []), ("shortlist", ["a", "a"])) == ("", ())


@pytest.mark.parametrize(
    "ids", [["gpt-4o", "gpt-4o-mini"], ["llama-3.3-70b", "deepseek-v3", "qwen3-235b-a22b", "gpt-oss-120b"]]
)
def test_rows_and_marks_line_up_with_the_models(ids):
    comparison = build_comparison(_input(ids))
    assert list(comparison.table.columns) == ids == list(comparison.marks.columns)
    assert comparison.table.index.equals(comparison.marks.index) and comparison.table.index.equals(
        comparison.rows.index
    )
    assert comparison.table.index.is_unique


def test_the_openness_rows_read_the_index_csv_and_mark_the_most_transparent():
    from dataclasses import replace

    index = _csv("openness")
    comparison = build_comparison(replace(_input(THREE), openness=index))
    rows = comparison.rows
    assert rows.loc["Transparency score", "section"] == "Openness"
    oss = index[index["model_id"] == "gpt-oss-120b"].iloc[0]
    score = (oss["open_count"] + oss["partial_count"] / 2) / 12
    assert comparison.table.at["Transparency score", "gpt-oss-120b"].startswith(f"{score:.2f} (")
    assert comparison.marks.loc["Transparency score"].to_dict() == {
        "gpt-4o": "",
        "llama-3.3-70b": "",
        "gpt-oss-120b": BEST,
    }
    assert comparison.table.at["Weights (as the index rates them)", "llama-3.3-70b"] == (
        "base closed · end model partial"
    )
    # without the index every openness cell says so, never blank or "closed"
    bare = build_comparison(_input(THREE))
    openness_rows = bare.rows.index[bare.rows["section"] == "Openness"]
    cells = set(bare.table.loc[openness_rows].to_numpy().ravel())
    assert cells == {"not rated by the index", "not rated", "not rated (closed weights)"}
