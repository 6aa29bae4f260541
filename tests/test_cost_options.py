"""The Costs page's pure functions (costs.options, costs.tables) and its chart, on the repo's own data."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from tests.app_helpers import bundled_tables
from tradeoffs.catalog import score_column
from tradeoffs.charts import CLOSED_COLOR, OPEN_COLOR
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs import breakeven as be_mod
from tradeoffs.costs import hardware as hwmod
from tradeoffs.costs import options as cv
from tradeoffs.costs import tables as ct
from tradeoffs.costs.charts import build_cost_chart, series_styles, usd_domain
from tradeoffs.filtering import evaluate
from tradeoffs.text import fmt_tokens, md_escape

DEFAULT = cost_assumptions.CostAssumptions()


@pytest.fixture(scope="module")
def data():
    return bundled_tables()


@pytest.fixture(scope="module")
def example(data):
    """The worked example: Llama 3.3 70B self-hosted on H100 vs GPT-4o (cheapest and first-party offering)."""
    hw = hwmod.hardware(data["gpus"], DEFAULT)
    opens = cv.open_options(data["catalog"], ["llama-3.3-70b"])
    apis = [
        cv.api_option(data["catalog"], data["offerings"], "gpt-4o", choice, 0.75)
        for choice in (cv.CHEAPEST, cv.FIRST_PARTY)
    ]
    return hw, opens, apis


def _evaluated(data, c: Constraints | None = None) -> pd.DataFrame:
    catalog, c = data["catalog"], c or Constraints()
    monthly = api_cost.api_costs(catalog.reset_index(), data["offerings"], c.volume_tokens, c.input_share)
    return evaluate(catalog, monthly, c, "Arena")


# --- picking --------------------------------------------------------------------------------------


def test_pickable_models_are_open_with_params_or_priced(data):
    catalog = data["catalog"]
    hostable, priced = cv.self_hostable(catalog), cv.api_priced(catalog, data["offerings"])
    assert "llama-3.3-70b" in hostable and "gpt-4o" not in hostable
    assert "gpt-4o" in priced and "llama-3.3-70b" in priced
    assert catalog.loc[hostable, "open_weights"].eq(True).all()
    assert (catalog.loc[hostable, "params_total_b"] > 0).all()
    assert list(catalog.loc[hostable, "name"]) == sorted(catalog.loc[hostable, "name"])


def test_pickers_list_every_model_of_the_bundled_data_and_the_best_scoring_beyond_a_limit(data):
    catalog = data["catalog"]
    hostable = cv.self_hostable(catalog)
    assert cv.top_options(catalog, hostable, "arena_text") == tuple(hostable)  # ≈650 < the limit
    scores = catalog.loc[hostable, score_column("arena_text")]
    worst_scored = scores.idxmin()
    capped = cv.top_options(catalog, hostable, "arena_text", keep=[worst_scored], limit=20)
    best = set(scores.sort_values(ascending=False).index[:20])
    assert set(capped) == best | {worst_scored}  # the 20 best, and what must stay (a pick, the shortlist)
    assert list(capped) == [m for m in hostable if m in set(capped)]  # still in name order


def test_default_picks_split_the_shortlist(data):
    ev = _evaluated(data)
    assert cv.default_picks(ev, data["offerings"], ("llama-3.3-70b", "gpt-4o"), "arena_text") == (
        ["llama-3.3-70b"],
        ["gpt-4o"],
    )


def test_default_picks_without_a_shortlist_are_the_best_passing_open_and_closed(data):
    ev = _evaluated(data)
    col = score_column("arena_text")
    passing = ev[ev["passes"] & ev[col].notna()]
    best_open = passing[passing.index.isin(cv.self_hostable(ev))][col].idxmax()
    priced = passing.index.isin(cv.api_priced(ev, data["offerings"]))
    closed = passing[(passing["access"] == "Closed") & priced]
    assert cv.default_picks(ev, data["offerings"], (), "arena_text") == ([best_open], [closed[col].idxmax()])
    # A shortlist with only an open model keeps it and still gets the best closed API to compare with.
    assert cv.default_picks(ev, data["offerings"], ("llama-3.3-70b",), "arena_text") == (
        ["llama-3.3-70b"],
        [closed[col].idxmax()],
    )


def test_on_prem_keeps_the_best_closed_api_as_a_reference_and_picks_a_runnable_open_model(data):
    ev = _evaluated(data, Constraints(deployment="on-prem"))
    hw = hwmod.hardware(data["gpus"], DEFAULT)
    feasible = cv.can_self_host(data["catalog"], hw, DEFAULT, 1e8, 0.75)
    open_ids, api_ids = cv.default_picks(ev, data["offerings"], (), "arena_text", feasible)
    assert len(open_ids) == 1 and feasible(open_ids[0]) and ev.at[open_ids[0], "passes"]
    assert len(api_ids) == 1 and ev.at[api_ids[0], "open_weights"] == False  # noqa: E712
    infeasible_best = cv.default_picks(ev, data["offerings"], (), "arena_text", lambda m: False)[0]
    assert infeasible_best == []  # never preselects a model the team cannot run


def test_labels_tell_apart_models_that_share_a_name():
    catalog = pd.DataFrame({"name": ["GPT-4o", "GPT-4o", "Llama"]}, index=["gpt-4o", "chatgpt-4o", "llama"])
    assert cv.model_labels(catalog) == {
        "gpt-4o": "GPT-4o (gpt-4o)",
        "chatgpt-4o": "GPT-4o (chatgpt-4o)",
        "llama": "Llama",
    }
    assert cv.model_labels(catalog, ["gpt-4o", "llama"]) == {"gpt-4o": "GPT-4o", "llama": "Llama"}


# --- API options ------------------------------------------------------------------------------------

OFFERS = pd.DataFrame(
    {
        "model_id": ["m"] * 4,
        "provider": ["lab", "cheap", "router", "unpriced"],
        "input_usd_per_mtok": [2.0, 1.0, 1.0, None],
        "output_usd_per_mtok": [8.0, 4.0, 6.0, None],
        "cached_input_usd_per_mtok": [1.0, None, None, None],
        "first_party": [True, False, False, False],
        "source": ["litellm", "models.dev", "genai-prices", "x"],
        "as_of": pd.to_datetime(["2026-09-29"] * 4),
    }
)
CATALOG = pd.DataFrame({"name": ["Model M"], "access": ["Closed"]}, index=["m"])


def test_offering_choices_and_what_each_picks():
    rows = cv.priced_offerings(OFFERS, "m", 0.75)
    assert list(rows["provider"]) == ["cheap", "router", "lab"]  # 1.75, 2.25, 3.50 $/M; unpriced left out
    assert cv.offering_choices(rows) == ["cheapest", "first-party", "cheap", "router", "lab"]
    assert cv.choice_label(rows, "cheapest") == "Cheapest: cheap, $1.75 per 1M tokens"
    assert cv.choice_label(rows, "first-party") == "First-party: lab, $3.50 per 1M tokens"
    cheapest = cv.api_option(CATALOG, OFFERS, "m", "cheapest", 0.75)
    assert (cheapest.provider, cheapest.blended_usd_per_mtok, cheapest.how_chosen) == (
        "cheap",
        1.75,
        "cheapest of 3 offerings",
    )
    lab = cv.api_option(CATALOG, OFFERS, "m", "first-party", 0.75)
    assert (lab.provider, lab.blended_usd_per_mtok, lab.cached_input_usd_per_mtok, lab.as_of) == (
        "lab",
        3.5,
        1.0,
        "2026-09-29",
    )
    assert cv.api_option(CATALOG, OFFERS, "m", "router", 0.75).provider == "router"
    assert cv.api_option(CATALOG, OFFERS, "m", "gone-provider", 0.75).provider == "cheap"  # falls back
    assert cv.api_option(CATALOG, OFFERS, "m", "cheapest", 0.75, cached_input_share=1.0).provider == "cheap"
    # 0.75 × 1.0 (all input cached) + 0.25 × 8 = 2.75 for the lab: still dearer than 1.75
    assert cv.api_option(CATALOG, OFFERS, "m", "first-party", 0.75, 1.0).blended_usd_per_mtok == 2.75


def test_worked_example_api_options(example):
    _, _, (cheapest, first) = example
    assert first.provider == "openai" and first.blended_usd_per_mtok == pytest.approx(0.75 * 2.5 + 0.25 * 10)
    assert cheapest.blended_usd_per_mtok <= first.blended_usd_per_mtok
    assert cv.api_usd_per_month(first, 1e9) == pytest.approx(4375.0)


# --- hardware -------------------------------------------------------------------------------------


def test_gpu_table_has_one_priced_index_row_per_gpu(data):
    table = hwmod.gpu_table(data["gpus"])
    assert table["gpu"].is_unique and table["usd_per_gpu_hour"].notna().all()
    h100 = table.set_index("gpu").loc["H100"]
    assert (h100["memory_gb"], h100["bandwidth_gbps"], h100["usd_per_gpu_hour"]) == (80, 3350, 4.32)


def test_hardware_index_row_your_price_and_an_unknown_gpu(data):
    hw = hwmod.hardware(data["gpus"], DEFAULT)
    assert (hw.name, hw.gpu.memory_gb, hw.usd_per_gpu_hour, hw.price_source, hw.price_as_of) == (
        "H100 SXM",
        80,
        4.32,
        "gpu-prices",
        "2026-10-05",
    )
    b300 = hwmod.hardware(data["gpus"], cost_assumptions.CostAssumptions(gpu="B300"))
    assert b300.gpu.memory_gb == 288  # the index row, whatever order the rows come back in
    mine = hwmod.hardware(data["gpus"], cost_assumptions.CostAssumptions(usd_per_gpu_hour=2.0))
    assert (mine.usd_per_gpu_hour, mine.price_source) == (2.0, hwmod.YOURS)
    unknown = hwmod.hardware(data["gpus"], cost_assumptions.CostAssumptions(gpu="TPU-v9"))
    assert math.isnan(unknown.gpu.memory_gb) and unknown.spec_source == "not in the GPU table"


def test_gpu_specs_prefers_the_index_row_in_any_order(data):
    gpus = data["gpus"][data["gpus"]["gpu"] == "B300"]
    specs = [hwmod.gpu_spec(g, "B300") for g in (gpus, gpus.iloc[::-1])]
    assert specs[0] == specs[1] and (specs[0].memory_gb, specs[0].bandwidth_gbps) == (288, 8000)
    assert specs[0].tflops_fp8 == 4500  # tensor throughput from the specification row


# --- breakeven, curves ------------------------------------------------------------------------------


def test_breakevens_are_the_cost_models_sentences(example):
    hw, opens, apis = example
    table = cv.breakevens(opens, apis, hw, DEFAULT, 0.75)
    assert len(table) == 2
    for row, api in zip(table.itertuples(), apis, strict=True):
        be = be_mod.breakeven_tokens_per_month(
            cv.self_host_input(opens[0], hw, DEFAULT, 0.0, 0.75),
            be_mod.ApiPrice(api.input_usd_per_mtok, api.output_usd_per_mtok, api.cached_input_usd_per_mtok),
            min_tokens=cv.MIN_TOKENS,
            max_tokens=cv.MAX_TOKENS,
        )
        assert (row.kind, row.tokens_per_month, row.text) == (be.kind, be.tokens_per_month, be.text)
        assert row.usd_per_month == pytest.approx(be.tokens_per_month * api.blended_usd_per_mtok / 1e6)
        assert row.headline == (
            f"**{md_escape('Llama-3.3-70B-Instruct')}** self-hosted on H100 vs **{md_escape('GPT-4o')}** via "
            f"{md_escape(api.provider)}"
        )
    assert table.iloc[1]["kind"] == "at" and table.iloc[1]["text"].startswith(
        "Self-hosting is first cheaper at"
    )


def test_fp8_halves_the_gpus_and_brings_the_breakeven_down(example):
    hw, opens, apis = example
    fp8 = cost_assumptions.CostAssumptions(precision_bits=8)
    e16, e8 = (cv.estimate(opens[0], hw, a, 1e9, 0.75) for a in (DEFAULT, fp8))
    assert (e16.weight_bits, e8.weight_bits) == (16, 8)  # Llama 3.3 ships in BF16
    assert e8.memory_gb == pytest.approx(e16.memory_gb / 2)
    assert (
        e8.tokens_per_second_per_replica / e8.gpus_per_replica
        > e16.tokens_per_second_per_replica / e16.gpus_per_replica
    )
    assert e8.total_usd_per_month <= e16.total_usd_per_month
    b16, b8 = (cv.breakevens(opens, apis[1:], hw, a, 0.75)["tokens_per_month"][0] for a in (DEFAULT, fp8))
    assert b8 < b16


def test_curves_trace_the_staircase_and_straight_api_lines(example):
    hw, opens, apis = example
    table = cv.curves(opens, apis, hw, DEFAULT, 0.75)
    assert list(table.columns) == cv.CURVE_COLUMNS and list(table["order"]) == list(range(len(table)))
    own = table[table["kind"] == cv.SELF_HOSTED]
    expected = be_mod.cost_curve(cv.self_host_input(opens[0], hw, DEFAULT, 0.0, 0.75), None)
    assert np.allclose(own["usd_per_month"], expected["self_host_usd_per_month"])
    one = cv.estimate(opens[0], hw, DEFAULT, 0.0, 0.75)
    assert own["tokens_per_month"].is_monotonic_increasing
    assert own["tokens_per_month"].duplicated().any()  # each step edge drawn twice: a crisp staircase
    assert own["detail"].iloc[0] == f"{one.gpus_per_replica}×H100 × 1 replica"
    assert own["detail"].iloc[-1].endswith("replicas")
    for api in apis:
        line = table[table["series"] == api.label]
        assert np.allclose(line["usd_per_month"] / line["tokens_per_month"], api.blended_usd_per_mtok / 1e6)
        assert line["tokens_per_month"].agg(["min", "max"]).tolist() == [cv.MIN_TOKENS, cv.MAX_TOKENS]
    assert own["cost_text"].iloc[0] == f"${one.total_usd_per_month:,.0f}/month"


def test_an_unpriced_gpu_draws_no_staircase(example, data):
    _, opens, apis = example
    a = cost_assumptions.CostAssumptions(gpu="TPU-v9")
    table = cv.curves(opens, apis, hwmod.hardware(data["gpus"], a), a, 0.75)
    assert set(table["kind"]) == {cv.API}


def test_max_tokens_grows_with_the_users_volume():
    assert cv.max_tokens_for(1e9) == 1e11 and cv.max_tokens_for(3e11) == 1e12


# --- tables ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a",
    [
        DEFAULT,
        cost_assumptions.CostAssumptions(usd_per_gpu_hour=2.0),
        cost_assumptions.CostAssumptions(precision_bits=8, reserved_discount=0.4, mlops_fte=2.0),
    ],
)
@pytest.mark.parametrize("volume", [1e6, 1e9, 5e10])
def test_breakdown_lines_add_up_to_each_total(example, data, a, volume):
    _, opens, apis = example
    hw = hwmod.hardware(data["gpus"], a)
    estimates = {o.model_id: cv.estimate(o, hw, a, volume, 0.75) for o in opens}
    table = ct.breakdown(opens, estimates, apis, hw, a, volume, 0.75)
    for option, lines in table.groupby("option"):
        parts, total = lines[lines["item"] != "Total"], lines[lines["item"] == "Total"]
        assert len(total) == 1, option
        assert parts["usd_per_month"].sum() == pytest.approx(total["usd_per_month"].iloc[0])
        assert (parts["source"] != "").all()
    total = table[(table["option"] == opens[0].label) & (table["item"] == "Total")]["usd_per_month"].iloc[0]
    assert total == pytest.approx(estimates["llama-3.3-70b"].total_usd_per_month)


def test_breakdown_names_sources_and_your_figures(example, data):
    hw, opens, apis = example
    names = dict(zip(data["sources"]["source"], data["sources"]["name"], strict=True))
    estimates = {o.model_id: cv.estimate(o, hw, DEFAULT, 1e9, 0.75) for o in opens}
    table = ct.breakdown(opens, estimates, apis, hw, DEFAULT, 1e9, 0.75, names).set_index(["option", "item"])
    gpu = table.loc[(opens[0].label, "GPUs")]
    assert gpu["how"] == "1 replica(s) × 4 H100 × $4.32/GPU-hour × 730 h"
    assert gpu["usd_per_month"] == pytest.approx(4 * 4.32 * 730)
    assert "GPU Price Index" in gpu["source"] and "2026-10-05" in gpu["source"]
    assert "bls.gov" in table.loc[(opens[0].label, "People"), "source"]
    assert table.loc[(apis[1].label, "API"), "source"].startswith("openai list price via LiteLLM")
    a = cost_assumptions.CostAssumptions(usd_per_gpu_hour=2.0, usd_per_fte_year=150_000.0)
    hw2 = hwmod.hardware(data["gpus"], a)
    estimates = {"llama-3.3-70b": cv.estimate(opens[0], hw2, a, 1e9, 0.75)}
    mine = ct.breakdown(opens, estimates, [], hw2, a, 1e9, 0.75)
    assert list(mine["source"][:2]) == [hwmod.YOURS, hwmod.YOURS]


def test_assumption_table_has_every_assumption_with_a_dated_source(example, data):
    hw, _, _ = example
    names = dict(zip(data["sources"]["source"], data["sources"]["name"], strict=True))
    table = ct.assumption_table(DEFAULT, hw, names)
    assert list(table["assumption"]) == [m.label for m in cost_assumptions.ASSUMPTIONS]
    assert table["source"].map(lambda s: any(ch.isdigit() for ch in s)).all()
    row = table.set_index("assumption").loc["GPU rental price"]
    assert row["value"] == "$4.32 (market index for H100)" and "2026-10-05" in row["source"]
    changed = ct.assumption_table(
        cost_assumptions.CostAssumptions(mlops_fte=2.0, precision_bits=8), hw, names
    )
    mine = changed.set_index("assumption").loc[["Dedicated MLOps engineers", "Weight precision"]]
    assert list(mine["source"]) == [hwmod.YOURS, hwmod.YOURS] and list(mine["default"]) == ["1", "blank"]
    assert table.set_index("assumption").loc["Weight precision", "value"].startswith("as released")


def test_sizing_text_shows_the_arithmetic(example):
    hw, opens, _ = example
    est = cv.estimate(opens[0], hw, DEFAULT, 1e9, 0.75)
    text = ct.sizing_text(opens[0], est, hw, DEFAULT, 1e9)
    assert (
        f"70.554B parameters, at 16-bit weights (as released) = 141 GB → {est.gpus_per_replica} × H100"
        in text
    )
    assert f"room for {est.throughput.batch:,.0f} sequences" in text
    assert f"{est.tokens_per_second_per_replica:,.0f} tokens/s" in text and "1,142 tokens/s" in text
    assert text.endswith("→ 1 replica. Feasible for your team as assumed.")
    big = cv.OpenOption("big", "Big", {"params_total_b": 400.0, "native_precision": "BF16"})  # 800 GB
    text = ct.sizing_text(big, cv.estimate(big, hw, DEFAULT, 1e9, 0.75), hw, DEFAULT, 1e9)
    assert "per replica across nodes" in text
    assert text.endswith(
        "Not feasible as assumed: "
        + md_escape("a multi-node deployment needs ≥ 2 MLOps FTE without in-house GPU ops (assumed 1)")
        + "."
    )


def test_text_from_sources_is_escaped_for_markdown():
    assert md_escape("a $5 *bold* [x](y) | z") == "a \\$5 \\*bold\\* \\[x\\]\\(y\\) \\| z"
    link = md_escape("[sign in](https://evil.example) www.evil.example :x:")
    assert "](" not in link and "://" not in link and "www." not in link and "\\:x\\:" in link
    shown = ct.for_table(
        pd.DataFrame({"usd": [1234.5, None], "name": ["$x", "y"], "n": [2.1e10, 3.0]}),
        {"usd": "$", "name": "Name", "n": "N"},
        usd=("usd",),
        counts=("n",),
    )
    assert shown.to_dict("list") == {
        "$": ["\\$1,234", "—"],
        "Name": ["\\$x", "y"],
        "N": ["21B", "3"],  # token counts as people say them
    }


# --- chart ----------------------------------------------------------------------------------------


def test_chart_spec_draws_lines_breakevens_and_your_volume(example):
    hw, opens, apis = example
    breakevens = cv.breakevens(opens, apis, hw, DEFAULT, 0.75)
    spec = build_cost_chart(cv.curves(opens, apis, hw, DEFAULT, 0.75), breakevens, 1e9)
    json.dumps(spec)  # plain JSON: what st.vega_lite_chart sends
    lines = spec["layer"][0]
    assert lines["mark"]["type"] == "line"
    assert lines["encoding"]["x"]["scale"] == {"type": "log", "domain": [1e3, 1e11], "nice": False}
    assert lines["encoding"]["y"]["scale"]["type"] == "log"
    assert lines["encoding"]["color"]["scale"]["domain"] == [opens[0].label, apis[0].label, apis[1].label]
    rule = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert rule[0]["data"]["values"][0]["tokens_per_month"] == 1e9
    diamonds = [layer for layer in spec["layer"] if layer["mark"].get("shape") == "diamond"][0]
    # Breakevens at the same spot share a diamond (and a label "1,2 · 11.2B").
    assert sorted({d["tokens_per_month"] for d in diamonds["data"]["values"]}) == sorted(
        set(breakevens["tokens_per_month"].dropna())
    )
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    labels = [v["label"] for layer in texts for v in layer["data"]["values"] if "label" in v]
    assert "your volume:\n1B tokens/month" in labels
    first = breakevens["tokens_per_month"].dropna().min()
    for diamond in diamonds["data"]["values"]:  # named at every layout width
        assert diamond["label_0"] and diamond["label_1"] == f"{diamond['numbers']} · {fmt_tokens(first)}"


def test_chart_colours_say_open_or_closed_and_dashes_say_api():
    series = pd.DataFrame(
        {
            "series": ["a", "b", "c", "d"],
            "kind": [cv.SELF_HOSTED, cv.API, cv.SELF_HOSTED, cv.API],
            "access": ["Open weights", "Closed", "Open weights", "Closed"],
        }
    )
    names, colors, dashes = series_styles(series)
    assert names == ["a", "c", "b", "d"]  # self-hosted first
    assert colors[0] == OPEN_COLOR and colors[2] == CLOSED_COLOR and len(set(colors)) == 4
    assert dashes[0] == dashes[1] == [1, 0] and dashes[2] != dashes[3]


def test_usd_axis_spans_five_decades_below_the_costliest_line():
    assert usd_domain(pd.Series([0.004, 34_506.0, 390_000.0])) == (10.0, 1e6)
