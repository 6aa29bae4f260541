"""AppTest: the Costs page shows the breakeven the cost model computes, for the assumptions in the view.

The expected numbers are computed here from the store's own rows and ``tradeoffs.costs`` (never read
back from the page), so a page that wired an input wrongly (another offering, GPU or precision)
shows a different number than the test expects.
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from tests.app_helpers import bundled_tables, plain, run_app, store_query, texts
from tradeoffs.costs import options as cv
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.breakeven import ApiPrice, breakeven_tokens_per_month
from tradeoffs.costs.hardware import hardware
from tradeoffs.costs.options import MIN_TOKENS, max_tokens_for
from tradeoffs.costs.selfhost import SelfHostInput, self_host_cost, shape_for
from tradeoffs.text import fmt_tokens
from tradeoffs.ui import loaders
from tradeoffs.ui.cost_panel import MORE_KEY
from tradeoffs.ui.frame import open_flag

PAGE = "pages/costs.py"
LINK = {"shortlist": "llama-3.3-70b,gpt-4o", "volume": "1B"}


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    yield


def _api(p_in=None, p_out=None) -> tuple[ApiPrice, str]:
    """GPT-4o's cheapest trusted offering at 75 % input (as the app picks it), from the store."""
    rows = store_query(
        "SELECT provider, input_usd_per_mtok, output_usd_per_mtok FROM offerings "
        "WHERE model_id = 'gpt-4o' AND input_usd_per_mtok IS NOT NULL "
        "AND output_usd_per_mtok IS NOT NULL AND trusted"
    )
    offers = pd.DataFrame(rows, columns=["provider", "p_in", "p_out"])
    cheapest = (
        offers.assign(blended=0.75 * offers["p_in"] + 0.25 * offers["p_out"])
        .sort_values(["blended", "provider"])
        .iloc[0]
    )
    price = ApiPrice(p_in or cheapest["p_in"], p_out or cheapest["p_out"])
    return price, cheapest["provider"]


def _self_host(a: CostAssumptions, tokens: float = 0.0) -> SelfHostInput:
    """Llama 3.3 70B (its catalog row: sizes, architecture, native precision) on ``a``'s hardware."""
    data = bundled_tables()
    row = data["catalog"].loc["llama-3.3-70b"].to_dict()
    return SelfHostInput(shape_for(row, a), hardware(data["gpus"], a), tokens, 0.75, a)


def _expected(a: CostAssumptions, p_in=None, p_out=None):
    api, _ = _api(p_in, p_out)
    return breakeven_tokens_per_month(
        _self_host(a), api, min_tokens=MIN_TOKENS, max_tokens=max_tokens_for(1e9)
    )


def _shown_breakevens(at) -> list[str]:
    tables = [t.value for t in at.table if "Breakeven (tokens/month)" in t.value.columns]
    assert tables, "no breakeven table"
    return list(tables[0]["Breakeven (tokens/month)"])


def _assert_shows(at, be) -> None:
    assert be.kind == "at", be  # the worked example has a breakeven below 100B tokens/month
    assert any(be.text in m for m in texts(at.markdown)), texts(at.markdown)
    assert fmt_tokens(be.tokens_per_month) in _shown_breakevens(at)


def test_the_page_runs_with_the_default_picks():
    at = run_app(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)
    assert at.get("vega_lite_chart"), "no chart"


def test_a_shared_link_shows_the_worked_example_and_its_breakeven():
    at = run_app(PAGE, **LINK)
    assert not at.exception, [e.value for e in at.exception]
    _assert_shows(at, _expected(CostAssumptions()))
    metrics = {plain(m.label): m.value for m in at.metric}
    est = self_host_cost(_self_host(CostAssumptions(), 1e9))
    assert metrics["Llama-3.3-70B-Instruct · self-hosted"] == f"${est.total_usd_per_month:,.0f}/month"
    api, provider = _api()
    api_usd = 1e9 * (0.75 * api.input_usd_per_mtok + 0.25 * api.output_usd_per_mtok) / 1e6
    assert metrics[f"GPT-4o · API ({provider})"] == f"${api_usd:,.0f}/month"


def test_changing_the_gpu_price_widget_moves_the_breakeven_and_the_url():
    at = run_app(PAGE, **LINK)
    at.number_input(key="w_usd_per_gpu_hour").set_value(2.0).run()
    assert not at.exception
    _assert_shows(at, _expected(CostAssumptions(usd_per_gpu_hour=2.0)))
    assert at.query_params["usd_per_gpu_hour"] == "2.0"
    assert "your figure" in at.table[0].value["Source"].tolist()  # the GPU line of the breakdown


def test_fp8_from_the_url_moves_the_breakeven_as_the_model_says():
    at = run_app(PAGE, **LINK, precision_bits="8")
    fp8 = _expected(CostAssumptions(precision_bits=8))
    assert fp8.tokens_per_month != _expected(CostAssumptions()).tokens_per_month
    _assert_shows(at, fp8)
    assert at.query_params["precision_bits"] == "8"


def test_precision_widget_and_a_second_gpu():
    at = run_app(PAGE, **LINK)
    at.radio(key="_precision_choice").set_value(8).run()
    at.selectbox(key="w_gpu").set_value("H200").run()
    assert not at.exception
    _assert_shows(at, _expected(CostAssumptions(precision_bits=8, gpu="H200")))
    assert at.query_params["gpu"] == "H200" and at.query_params["precision_bits"] == "8"


def test_bad_assumptions_in_the_url_warn_and_fall_back_to_the_defaults():
    at = run_app(PAGE, **LINK, precision_bits="7", mlops_fte="abc")
    assert not at.exception
    warning = " ".join(texts(at.warning))
    assert "precision_bits" in warning and "mlops_fte" in warning
    assert at.radio(key="_precision_choice").value == "native"
    assert at.number_input(key="w_mlops_fte").value == 1.0
    _assert_shows(at, _expected(CostAssumptions()))
    assert "precision_bits" not in at.query_params and "mlops_fte" not in at.query_params


def test_an_assumption_survives_a_visit_to_another_page():
    at = run_app(PAGE, **LINK)
    at.number_input(key="w_mlops_fte").set_value(2.0).run()
    at.switch_page("pages/explore.py").run()
    assert at.query_params["mlops_fte"] == "2.0"
    at.switch_page(PAGE).run()
    assert at.number_input(key="w_mlops_fte").value == 2.0
    _assert_shows(at, _expected(CostAssumptions(mlops_fte=2.0)))


def test_first_party_price_choice_changes_the_api_line():
    at = run_app(PAGE, **LINK)
    at.selectbox(key="cost_price::gpt-4o").set_value("first-party").run()
    (p_in, p_out, provider) = store_query(
        "SELECT input_usd_per_mtok, output_usd_per_mtok, provider FROM offerings "
        "WHERE model_id = 'gpt-4o' AND first_party"
    )[0]
    _assert_shows(at, _expected(CostAssumptions(), p_in=p_in, p_out=p_out))
    assert f"GPT-4o · API ({provider})" in [plain(m.label) for m in at.metric]


def test_on_prem_without_a_shortlist_shows_the_best_open_model_and_an_api_for_reference():
    at = run_app(PAGE, deployment="on-prem")
    assert not at.exception
    assert at.get("vega_lite_chart")
    # no closed model passes on-prem: the best closed API stays on the chart as a reference line
    assert [plain(m.label).endswith("· self-hosted") for m in at.metric] == [True, False]
    assert any("On-prem is required" in t for t in texts(at.caption))
    assert not at.warning  # the preselected open model is one the team can run as assumed


def test_private_cloud_prices_apis_at_hyperscaler_endpoints_like_the_explore_page():
    at = run_app(PAGE, **LINK, deployment="private-cloud")
    (provider,) = store_query(
        "SELECT provider FROM offerings WHERE model_id = 'gpt-4o' AND provider_kind = 'cloud' "
        "ORDER BY 0.75 * input_usd_per_mtok + 0.25 * output_usd_per_mtok, provider LIMIT 1"
    )[0]
    assert f"GPT-4o · API ({provider})" in [plain(m.label) for m in at.metric]
    assert any("hyperscaler" in t for t in texts(at.caption))


def test_picked_models_go_to_the_shortlist_so_the_link_carries_them():
    at = run_app(PAGE)
    pickers = [m for m in at.multiselect if plain(m.label) in ("Open models to self-host", "API options")]
    picked = [v for m in pickers for v in m.value]
    assert len(picked) == 2
    at.button[0].click().run()
    assert at.query_params["shortlist"] == ",".join(picked)
    assert not at.button  # nothing left to add


def test_the_comparison_and_the_price_choice_travel_in_the_link():
    at = run_app(
        PAGE,
        volume="1B",
        self_host="llama-3.3-70b",
        api="gpt-4o,claude-3.5-sonnet",
        **{"price.gpt-4o": "first-party"},
    )
    assert not at.exception and not at.warning
    (provider,) = store_query("SELECT provider FROM offerings WHERE model_id = 'gpt-4o' AND first_party")[0]
    labels = [plain(m.label) for m in at.metric]
    assert f"GPT-4o · API ({provider})" in labels
    assert any(label.startswith("Claude 3.5 Sonnet · API") for label in labels)
    assert at.query_params["api"] == "gpt-4o,claude-3.5-sonnet"
    assert at.query_params["price.gpt-4o"] == "first-party"
    api = next(m for m in at.multiselect if plain(m.label) == "API options")
    api.set_value(["gpt-4o"]).run()
    assert at.query_params["api"] == "gpt-4o"
    assert "price.gpt-4o" in at.query_params and at.query_params["self_host"] == "llama-3.3-70b"


def test_unknown_models_and_prices_in_the_link_are_named_and_ignored():
    at = run_app(PAGE, api="gpt-4o,no-such-model", **{"price.claude-3.5-sonnet": "first-party"})
    warning = " ".join(texts(at.warning))
    assert "no-such-model" in warning and "claude-3.5-sonnet" in warning
    assert at.query_params["api"] == "gpt-4o" and "price.claude-3.5-sonnet" not in at.query_params


def test_the_less_used_assumptions_apply_while_their_panel_is_closed_and_keep_their_value():
    """The "More assumptions" widgets are drawn only once the panel is opened (a dozen widgets were
    most of a Costs rerun); a value from the link must still count, show when opened, and survive
    closing the panel again."""
    at = run_app(PAGE, **LINK, target_utilisation="0.4")
    assert not at.exception
    assert not [s for s in at.slider if s.key == "w_target_utilisation"]  # closed: not drawn
    _assert_shows(at, _expected(CostAssumptions(target_utilisation=0.4)))
    at.session_state[open_flag(MORE_KEY)] = True  # what a click on it does
    at.run()
    assert at.slider(key="w_target_utilisation").value == 0.4
    at.slider(key="w_target_utilisation").set_value(0.5).run()
    at.session_state[open_flag(MORE_KEY)] = False
    at.run()
    assert at.query_params["target_utilisation"] == "0.5"
    _assert_shows(at, _expected(CostAssumptions(target_utilisation=0.5)))


def test_a_linked_pick_beyond_a_capped_picker_is_kept(monkeypatch):
    """On much more data the pickers list the best-scoring models only (options.top_options); a model a
    link picks outside them is still picked and priced, never silently dropped."""
    monkeypatch.setattr(cv, "MAX_PICKER_OPTIONS", 30)
    st.cache_resource.clear()  # the setup is shared per view: build it under the smaller limit
    catalog = loaders.load_catalog()
    hostable = cv.self_hostable(catalog)
    low = catalog.loc[hostable, "score__arena_text"].idxmin()
    at = run_app(PAGE, **LINK, self_host=low)
    assert not at.exception
    picker = next(m for m in at.multiselect if m.label == "Open models to self-host")
    assert picker.value == [low]
    assert len(picker.options) == 30 + 2  # the 30 best, the shortlisted Llama 3.3 70B and the link's pick
    assert "best-scoring on your benchmark" in picker.help
    assert catalog.at[low, "name"] in " ".join(texts(at.markdown) + [m.label for m in at.metric])
    st.cache_resource.clear()
