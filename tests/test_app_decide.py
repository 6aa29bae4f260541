"""AppTest: the Decide page ranks what ``scoring`` ranks, moves with its sliders, and keeps the scorecard in
the URL (bad values become a warning and the defaults)."""

import json
from dataclasses import replace

import pandas as pd
import pytest

from tests.app_helpers import plain, run_app, texts
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.decide_charts import wrapped
from tradeoffs.factors import FACTOR_KEYS
from tradeoffs.filtering import evaluate
from tradeoffs.reasons import answer_text, unknown_text
from tradeoffs.scorecard import MAX_POINTS, Scorecard
from tradeoffs.scoring import decide, score_candidates, sensitivity
from tradeoffs.ui import cost_loaders, loaders
from tradeoffs.ui.decide_panel import EXPANDER_KEY, load_privacy_facts
from tradeoffs.ui.frame import open_flag

PAGE = "pages/decide.py"
BANK = {"deployment": "on-prem", "license": "commercial", "volume": "1B"}  # the regulated bank's constraints
BANK_CONSTRAINTS = Constraints(deployment="on-prem", license="commercial", volume_tokens=10**9)


def _expected(card: Scorecard, c: Constraints = BANK_CONSTRAINTS):
    """What scoring computes directly for these inputs (the same loaders the page uses)."""
    catalog = loaders.load_catalog()
    names = loaders.load_reference("benchmarks").set_index("benchmark")["name"]
    costs = cost_loaders.load_costs(c, CostAssumptions())
    evaluated = evaluate(catalog, costs, c, names[c.benchmark])
    scores, facts = score_candidates(
        evaluated[evaluated["passes"]],
        costs,
        benchmark=c.benchmark,
        benchmark_label=names[c.benchmark],
        as_of=loaders.load_data_info().as_of,
        privacy=load_privacy_facts(c),
    )
    return decide(scores, facts, card)


def _ranked(at) -> pd.DataFrame:
    tables = [d.value for d in at.dataframe if {"rank", "total", "reason"} <= set(d.value.columns)]
    assert tables, [list(d.value.columns) for d in at.dataframe]
    return tables[0].set_index("model_id")  # the hidden id column the page sends with the table


def _param(at, name: str) -> str | None:
    """A URL parameter as the app wrote it (AppTest gives a string or a list of strings)."""
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)


def test_the_page_runs_on_the_default_view():
    at = run_app(PAGE)
    _ok(at)
    table = _ranked(at)
    assert list(table.index) == list(_expected(Scorecard(), Constraints()).ranked.index[: len(table)])
    heatmap, stability = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    names = loaders.load_catalog()["name"]
    rows = heatmap["encoding"]["y"]["sort"]
    assert rows[:3] == [wrapped(f"#{i + 1} {names[m]}") for i, m in enumerate(table.index[:3])]
    assert heatmap["encoding"]["x"]["sort"][0].startswith("Quality ")  # balanced: ties keep factor order
    assert stability["layer"][0]["encoding"]["x"]["field"] == "top_share"
    drawn = stability["layer"][0]["encoding"]["y"]["sort"]
    assert 3 <= len(drawn) <= 10 and set(rows[:3]) <= set(drawn)


def _chart_data(chart) -> pd.DataFrame:
    """The rows Streamlit sent with a chart (it moves a spec's inline values into an Arrow table)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return convert_arrow_bytes_to_pandas_df(chart.proto.data.data)


def test_the_heatmap_shows_scores_contributions_and_unknowns_and_legends_list_only_what_is_plotted():
    at = run_app(PAGE, deployment="private-cloud", preset="cost")
    _ok(at)
    charts = at.get("vega_lite_chart")
    heatmap, stability = [json.loads(chart.proto.spec) for chart in charts]
    expected = _expected(Scorecard.from_preset("cost"), Constraints(deployment="private-cloud"))
    cells = _chart_data(charts[0])
    assert len(cells) == 10 * len(FACTOR_KEYS)
    unknown = cells[cells["score"].isna()]
    assert (unknown["text"] == "?").all() and len(unknown) == sum(map(len, expected.ranked["unknown"][:10]))
    known = cells[cells["score"].notna()]
    assert known["score"].between(0, 1).all() and known["text"].str.fullmatch(r"\d+").all()
    # a row's contributions add up to its total (points of 100)
    totals = cells.groupby("label", sort=False)["points"].sum() / 100
    assert totals.tolist() == pytest.approx(expected.ranked["total"][:10].tolist())
    assert heatmap["encoding"]["y"]["axis"]["labelLimit"] >= 400  # never cut: long names wrap instead
    drawn = _chart_data(charts[1])
    legend = stability["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert sorted(legend) == sorted(drawn["access"].unique())


def test_open_models_only_have_no_closed_or_unknown_in_the_stability_legend():
    at = run_app(PAGE, **BANK, preset="regulated")
    _ok(at)
    stability = json.loads(at.get("vega_lite_chart")[1].proto.spec)
    assert stability["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Open weights"]


@pytest.mark.parametrize("preset", ["regulated", "cost"])
def test_regulated_bank_table_matches_scoring(preset):
    at = run_app(PAGE, **BANK, preset=preset)
    _ok(at)
    expected = _expected(Scorecard.from_preset(preset))
    table = _ranked(at)
    assert table.index[0] == expected.ranked.index[0]
    assert list(table.index) == list(expected.ranked.index[: len(table)])
    assert table["total"].tolist() == pytest.approx(expected.ranked["total"][: len(table)].tolist())
    assert table["reason"].iloc[0] == expected.reasons.iloc[0]
    assert set(table["access"]) == {"Open weights"}
    summary = next(t for t in texts(at.markdown) if t.startswith("1. "))
    assert at.session_state["_view"].constraints.volume_tokens == 10**9
    assert _param(at, "preset") == preset
    assert "What would flip #1?" in texts(at.info)[0]
    assert summary.count("\n") == 4  # the top five, one line each
    for line, unknown in zip(summary.split("\n"), expected.ranked["unknown"], strict=False):
        assert f" · unknown factors: {unknown_text(unknown)} — " in line
    assert table["unknown"].tolist() == expected.ranked["unknown"][: len(table)].map(unknown_text).tolist()


def _answer(at) -> str:
    """The first paragraph under the page's title."""
    elements = list(at.main)
    title = next(
        i for i, e in enumerate(elements) if getattr(e, "value", None) == "Which model is best for us?"
    )
    return plain(elements[title + 1].value)


@pytest.mark.parametrize(
    ("params", "c", "card"),
    [
        (
            {**BANK, "min_score": "1289.5", "preset": "regulated"},
            replace(BANK_CONSTRAINTS, min_score=1289.5),
            Scorecard.from_preset("regulated"),
        ),
        (
            {"deployment": "private-cloud", "preset": "cost"},
            Constraints(deployment="private-cloud"),
            Scorecard.from_preset("cost"),
        ),
    ],
)
def test_the_answer_comes_first_and_says_what_it_rests_on(params, c, card):
    at = run_app(PAGE, **params)
    _ok(at)
    expected = _expected(card, c)
    names = loaders.load_catalog()["name"]
    first = expected.ranked.index[0]
    share = expected.stability.loc[first, "first_share"]
    answer = _answer(at)
    assert answer == plain(
        answer_text(expected.ranked, share, expected.first_if_other_missing, names, card.missing)
    )
    assert answer.startswith(f"**{names[first]}** ranks first ({expected.ranked['total'].iloc[0]:.2f})")
    assert all(names[m] in answer for m in expected.ranked.index[:3])
    assert f"stays first in {share:.0%} of random draws" in answer
    n_unknown = len(expected.ranked["unknown"].iloc[0])
    n = len(FACTOR_KEYS)
    assert (f"{n_unknown} of its {n} factors" if n_unknown else f"none of its {n} factors") in answer
    other = expected.first_if_other_missing
    assert ("also with unknowns penalised" in answer) == (other == first)
    stability_caption = next(t for t in texts(at.caption) if "draws (seed" in t)
    assert f"#1 stays first in {share:.0%} of the draws" in stability_caption  # the chart says the same
    # the sliders and the unknown treatment sit in an expander after the ranking, not above the answer
    weights = next(e for e in at.expander if e.label.startswith("Adjust the weights"))
    assert not weights.slider  # folded, its widgets are not drawn until it is opened
    weights = next(e for e in _open_weights(at).expander if e.label.startswith("Adjust the weights"))
    assert len(weights.slider) == len(FACTOR_KEYS) and len(weights.radio) == 1
    kinds = [(type(e).__name__, getattr(e, "label", None)) for e in at.main]
    expander = kinds.index(("Expander", weights.label))
    summary = next(i for i, e in enumerate(at.main) if plain(getattr(e, "value", "") or "").startswith("1. "))
    assert summary < expander < kinds.index(("Dataframe", None))


def test_on_the_private_cloud_cost_first_view_the_leader_rests_on_unknowns_and_the_page_says_so():
    """Today's data: the #1 (Claude Haiku 5.5) has four unknown factors; counted as penalised it is not
    first, and the draws that count unknowns lower make it far less stable than unknowns fixed at neutral."""
    card, c = Scorecard.from_preset("cost"), Constraints(deployment="private-cloud")
    expected = _expected(card, c)
    first = expected.ranked.index[0]
    if not expected.ranked["unknown"].iloc[0] or expected.first_if_other_missing == first:
        pytest.skip("today's data has no leader resting on unknowns on this view")
    fixed = sensitivity(expected.scores, card, unknown_range=(0.5, 0.5))
    assert expected.stability.loc[first, "first_share"] < fixed.loc[first, "first_share"] - 0.2
    at = run_app(PAGE, deployment="private-cloud", preset="cost")
    names = loaders.load_catalog()["name"]
    assert (
        f"but not with unknowns penalised (then **{names[expected.first_if_other_missing]}** leads)"
        in _answer(at)
    )


def _a_slider_move_that_reorders(card: Scorecard) -> tuple[str, int]:
    """A single weight change that changes the top five (found with scoring itself)."""
    before = list(_expected(card).ranked.index[:5])
    for factor in FACTOR_KEYS:
        for points in (0, MAX_POINTS):
            moved = card.with_points(factor, points)
            if moved != card and list(_expected(moved).ranked.index[:5]) != before:
                return factor, points
    raise AssertionError("no single slider move changes the top five")


def _open_weights(at):
    """Open the weights' expander (its sliders are drawn only when it is open), as a click's callback does."""
    at.session_state[open_flag(EXPANDER_KEY)] = True
    return at.run()


def test_moving_a_weight_slider_reorders_as_the_model_says():
    card = Scorecard.from_preset("regulated")
    factor, points = _a_slider_move_that_reorders(card)
    at = run_app(PAGE, **BANK, preset="regulated")
    before = list(_ranked(at).index)
    _open_weights(at).slider(key=f"w_weight_{factor}").set_value(points).run()
    _ok(at)
    after = _ranked(at)
    moved = _expected(card.with_points(factor, points))
    assert list(after.index) == list(moved.ranked.index[: len(after)])
    assert list(after.index[:5]) != before[:5]
    assert _param(at, "weights") == f"{factor}:{points}"
    assert at.session_state["_view"].scorecard == card.with_points(factor, points)
    label = "licence" if factor == "license" else factor
    assert f"modified ({label} {points})" in " ".join(texts(at.subheader))


def test_choosing_a_preset_moves_the_sliders_and_travels_in_the_url():
    at = run_app(PAGE, **BANK)
    assert "preset" not in at.query_params  # balanced is the default, left out
    at.get_by_key("w_preset").set_value("speed").run()
    _ok(at)
    assert _param(at, "preset") == "speed"
    speed = Scorecard.from_preset("speed")
    _open_weights(at)
    assert {k: at.slider(key=f"w_weight_{k}").value for k in FACTOR_KEYS} == speed.weights
    assert list(_ranked(at).index[:10]) == list(_expected(speed).ranked.index[:10])


def test_try_it_applies_the_flip_and_puts_number_two_first():
    card = Scorecard.from_preset("speed")
    expected = _expected(card)
    flip = expected.flip
    if flip is None or not flip.on_sliders:
        pytest.skip("no slider-range flip on today's data for this preset")
    at = run_app(PAGE, **BANK, preset="speed")
    assert list(_ranked(at).index[:2]) == [flip.leader, flip.challenger]
    next(b for b in at.button if b.label == "Try it").click().run()
    _ok(at)
    assert _ranked(at).index[0] == flip.challenger
    assert _param(at, "weights") == f"{flip.factor}:{flip.to_points}"


def test_a_bad_preset_or_weight_in_the_url_gives_a_warning_and_the_defaults():
    at = run_app(PAGE, **BANK, preset="yolo", weights="quality:99,vibes:3", missing="zero")
    _ok(at)
    warning = " ".join(texts(at.warning))
    assert "ignored preset='yolo'" in warning
    assert "ignored weights item 'quality:99'" in warning and "ignored weights item 'vibes:3'" in warning
    assert "ignored missing='zero'" in warning
    assert at.session_state["_view"].scorecard == Scorecard()
    for param in ("preset", "weights", "missing"):
        assert param not in at.query_params  # rewritten from the defaults
    assert list(_ranked(at).index[:10]) == list(_expected(Scorecard()).ranked.index[:10])


def test_penalising_unknowns_travels_in_the_url_and_changes_the_ranking_as_the_model_says():
    at = run_app(PAGE, **BANK, preset="regulated", missing="penalise")
    _ok(at)
    expected = _expected(Scorecard.from_preset("regulated", "penalise"))
    assert list(_ranked(at).index[:10]) == list(expected.ranked.index[:10])
    assert _param(at, "missing") == "penalise"


def test_no_passing_model_says_so_and_keeps_the_controls():
    at = run_app(PAGE, min_score="5000")  # no model scores that high
    _ok(at)
    assert _answer(at) == "Nothing to rank: no model passes your constraints."
    assert any("No model passes your constraints" in t for t in texts(at.info))  # with a way out
    assert not [s for s in at.slider if s.key and s.key.startswith("w_weight_")]  # folded: not drawn
    weights = [s for s in _open_weights(at).slider if s.key and s.key.startswith("w_weight_")]
    assert len(weights) == len(FACTOR_KEYS)


def test_the_scorecard_survives_a_visit_to_another_page():
    at = run_app(PAGE, **BANK, preset="regulated")
    _open_weights(at).slider(key="w_weight_cost").set_value(9).run()
    at.switch_page("pages/overview.py").run()
    _ok(at)
    assert (_param(at, "preset"), _param(at, "weights")) == ("regulated", "cost:9")  # the link keeps it
    at.run()  # a second run without the sliders: Streamlit has dropped their widget values by now
    at.switch_page(PAGE).run()
    _ok(at)
    assert at.slider(key="w_weight_cost").value == 9  # the weights were left open
    assert at.session_state["_view"].scorecard == Scorecard.from_preset("regulated").with_points("cost", 9)


def test_the_transparency_factor_its_formula_and_its_weight_in_the_link():
    at = run_app(PAGE, **BANK, preset="regulated", weights="transparency:10")
    _ok(at)
    card = Scorecard.from_preset("regulated").with_points("transparency", 10)
    assert at.session_state["_view"].scorecard == card
    assert _param(at, "weights") == "transparency:10"  # written back as read
    table = _ranked(at)
    expected = _expected(card)
    assert list(table.index) == list(expected.ranked.index[: len(table)])
    # the index's score where it rates the model, unknown (empty) where it does not
    assert table.loc["gpt-oss-120b", "transparency"] == pytest.approx(5.5 / 12)
    assert table["transparency"].isna().any()
    formulas = next(e for e in at.expander if e.label.startswith("How each factor is scored"))
    text = " ".join(texts(formulas.markdown))
    assert "Transparency & openness" in text and "open 1 · partial 0.5 · closed 0" in text
    assert "0.75" in text and "region" in text  # the privacy ladder's scale
    _open_weights(at).slider(key="w_weight_transparency").set_value(3).run()
    _ok(at)
    assert _param(at, "weights") == "transparency:3"


def test_a_link_made_before_the_transparency_factor_still_opens():
    """Old links name only the factors that existed: the new one takes the preset's points."""
    at = run_app(PAGE, **BANK, preset="regulated", weights="cost:7,privacy:9")
    _ok(at)
    assert not at.warning
    card = Scorecard.from_preset("regulated").with_points("cost", 7).with_points("privacy", 9)
    assert at.session_state["_view"].scorecard == card
    assert card.weights["transparency"] == Scorecard.from_preset("regulated").weights["transparency"]
