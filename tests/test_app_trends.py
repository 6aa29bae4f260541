"""AppTest: the Trends page from a link (trend_model, trend_only, bad values), its charts against the
store, and the "Price history" buttons of Compare and Explore."""

from __future__ import annotations

import json

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.app_helpers import plain, run_app, store_query

PAGE = "pages/trends.py"


def _specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _warnings(at) -> str:
    return " ".join(plain(w.value) for w in at.warning)


def test_a_link_with_a_model_shows_its_price_history_per_provider():
    at = run_app(PAGE, trend_model="gpt-4.1")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="trends_model").value == "gpt-4.1"
    trusted = (
        "FROM price_history h WHERE model_id = 'gpt-4.1' AND EXISTS (SELECT 1 FROM offerings o "
        "WHERE o.model_id = h.model_id AND o.provider = h.provider AND o.trusted)"
    )
    providers = {p for (p,) in store_query(f"SELECT DISTINCT provider {trusted}")}
    last = _specs(at)[-1]
    assert last["layer"][0]["encoding"]["color"]["field"] == "provider"
    plotted = convert_arrow_bytes_to_pandas_df(at.get("vega_lite_chart")[-1].proto.data.data)
    assert (
        set(plotted["provider"]) == providers and "github-models" not in providers
    )  # its $0 is no list price
    ((rows,),) = store_query(f"SELECT count(*) {trusted}")
    assert len(plotted) == rows
    assert at.query_params["trend_model"] == "gpt-4.1"
    answer = plain(at.markdown[0].value)
    assert "open models trail closed ones by" in answer and "None" not in answer and "nan" not in answer


def test_bad_values_in_the_link_are_named_and_ignored():
    at = run_app(PAGE, trend_model="no-such-model<script>", trend_only="everything")
    assert not at.exception, [e.value for e in at.exception]
    said = _warnings(at)
    assert "trend_model" in said and "no-such-model" in said and "trend_only" in said
    assert at.selectbox(key="trends_model").value is None
    assert at.toggle(key="trends_only_passing").value is False
    assert "trend_model" not in at.query_params and "trend_only" not in at.query_params
    assert plain(at.markdown[0].value).startswith("On LMArena text score, open models trail")


def test_a_known_model_without_a_recorded_price_says_so():
    (model,) = store_query(
        "SELECT model_id FROM models WHERE model_id NOT IN (SELECT model_id FROM price_history) "
        "ORDER BY model_id LIMIT 1"
    )[0]
    at = run_app(PAGE, trend_model=model)
    assert not at.exception
    assert any("No price is recorded for this model" in i.value for i in at.info)


def test_the_toggle_restricts_to_passing_models_and_travels_in_the_link():
    at = run_app(PAGE, deployment="on-prem")
    before = plain(at.markdown[0].value)
    at.toggle(key="trends_only_passing").set_value(True).run()
    assert not at.exception
    after = plain(at.markdown[0].value)
    assert after != before and "among the models passing your constraints" in after
    assert at.query_params["trend_only"] == "passing"
    # On-prem: no closed model passes, so no gap can be stated, and the page says so in words.
    assert "cannot be compared" in after


def test_price_history_button_on_compare_opens_trends_with_the_model():
    at = run_app("pages/compare.py", cmp="gpt-4o,llama-3.3-70b")
    buttons = [b for b in at.button if b.key == "price_history_llama-3.3-70b"]
    assert buttons and "Price history" in buttons[0].label
    buttons[0].click().run()
    assert not at.exception
    assert at.query_params["trend_model"] == "llama-3.3-70b"
    assert at.selectbox(key="trends_model").value == "llama-3.3-70b"


def test_price_history_button_on_explore_opens_trends():
    at = run_app("pages/explore.py")
    button = next(b for b in at.button if b.key == "price_history_from_explore")
    assert not button.disabled
    button.click().run()
    assert not at.exception
    picked = at.selectbox(key="trends_model").value
    assert picked and at.query_params["trend_model"] == picked


def test_the_gap_at_each_year_end_and_today_as_derived_from_the_csvs():
    from tests.test_trends import _arena, _lag_by_hand

    at = run_app(PAGE)
    assert not at.exception
    shown = {m.label: (m.value, m.proto.delta) for m in at.metric}
    (today,) = [k for k in shown if k.startswith("Today")]
    for label, day in [
        ("End of 2023", "2023-12-31"),
        ("End of 2024", "2024-12-31"),
        ("End of 2025", "2025-12-31"),
    ]:
        months, points = _lag_by_hand(_arena(), day)
        assert shown[f"{label}: open behind by"] == (f"{months:,.1f} months", f"{points:,.1f} points")
    ((as_of,),) = store_query("SELECT max(data_as_of) FROM refresh_runs")
    months, points = _lag_by_hand(_arena(), str(as_of)[:10])
    assert shown[today] == (f"{months:,.1f} months", f"{points:,.1f} points")
