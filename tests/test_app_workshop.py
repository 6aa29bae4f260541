"""AppTest: every workshop page runs on the bundled data, and the constraints do what the store says."""

import re

import pytest

from tests.app_helpers import run_app, store_query, texts
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.ui import loaders
from tradeoffs.ui.components import EXCLUSIONS_KEY, UNPLOTTABLE_KEY
from tradeoffs.ui.frame import open_flag

PAGES = ["pages/overview.py", "pages/explore.py", "pages/shortlist.py", "pages/data.py"]


def _passing_count(at) -> int:
    heads = [t.removeprefix("#### ") for t in texts(at.markdown) if t.endswith("models pass")]
    assert heads, texts(at.markdown)
    return int(re.match(r"([\d,]+)", heads[0]).group(1).replace(",", ""))


def _passing_table(at):
    tables = [d.value for d in at.dataframe if {"license_name", "access", "name"} <= set(d.value.columns)]
    assert tables
    return tables[0]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    at = run_app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)


def test_default_view_excludes_only_deprecated_and_retired_models_as_the_store_says():
    at = run_app("pages/explore.py")
    (expected,) = store_query("SELECT count(*) FROM models WHERE status = 'active'")[0]
    assert _passing_count(at) == expected


def test_changing_the_deployment_widget_changes_the_passing_set_as_the_store_says():
    at = run_app("pages/explore.py")
    at.get_by_key("w_deployment").set_value("on-prem").run()
    (expected,) = store_query("SELECT count(*) FROM models WHERE open_weights AND status = 'active'")[0]
    assert _passing_count(at) == expected
    assert at.query_params["deployment"] == "on-prem"


def test_on_prem_with_commercial_licence_shows_only_open_models_allowing_commercial_use():
    at = run_app("pages/explore.py", deployment="on-prem", license="commercial")
    rows = store_query(
        "SELECT m.name FROM models m JOIN licenses l USING (license_id) "
        "WHERE m.open_weights AND l.commercial_use IN ('yes', 'conditional') AND m.status = 'active'"
    )
    table = _passing_table(at)
    assert _passing_count(at) == len(rows) == len(table)
    assert set(table["access"]) == {"Open weights"}
    allowed = {name for (name,) in store_query("SELECT name FROM licenses WHERE commercial_use <> 'no'")}
    assert set(table["license_name"]) <= allowed
    assert sorted(table["name"]) == sorted(name for (name,) in rows)


def test_a_quality_bar_from_the_url_is_applied():
    (gpt4,) = store_query("SELECT score FROM scores WHERE model_id = 'gpt-4' AND benchmark = 'arena_text'")[0]
    at = run_app("pages/explore.py", deployment="on-prem", license="commercial", min_score=str(gpt4))
    rows = store_query(
        "SELECT count(*) FROM models m JOIN licenses l USING (license_id) "
        "JOIN scores s ON s.model_id = m.model_id AND s.benchmark = 'arena_text' "
        "WHERE m.open_weights AND l.commercial_use <> 'no' AND m.status = 'active' AND s.score >= ?",
        [gpt4],
    )
    assert _passing_count(at) == rows[0][0] > 0
    assert (_passing_table(at)["score"] >= gpt4).all()


def test_a_tampered_url_opens_with_a_warning_and_the_defaults():
    at = run_app(
        "pages/explore.py",
        deployment="moon",
        volume="lots",
        shortlist="gpt-4,not-a-model",
        min_score="1e999",
        license="x" * 1000,
    )
    assert not at.exception
    warning = " ".join(texts(at.warning))
    for name in ("deployment", "volume", "not-a-model", "min_score", "license"):
        assert name in warning
    assert at.get_by_key("w_deployment").value == "any"
    assert at.get_by_key("w_license").value == "any"
    assert at.query_params["shortlist"] == "gpt-4"


def test_a_link_made_on_older_data_says_so():
    at = run_app(None, data="2025-01-01~0123456789ab")
    assert any("refreshed since" in t for t in texts(at.info))
    current = run_app(None)
    fresh = run_app(None, data=current.query_params["data"])
    assert not any("refreshed since" in t for t in texts(fresh.info))


def test_constraints_are_kept_when_navigating_between_pages():
    at = run_app("pages/explore.py", deployment="on-prem")
    count = _passing_count(at)
    at.switch_page("pages/overview.py").run()
    assert at.metric[0].label == "Models passing" and at.metric[0].value == f"{count:,}"
    assert at.query_params["deployment"] == "on-prem"


def test_shortlist_from_the_url_remove_and_share_link():
    at = run_app("pages/shortlist.py", shortlist="gpt-4,llama-3.3-70b")
    names = list(at.dataframe[0].value["name"])
    assert len(names) == 2
    link = at.code[0].value
    assert "shortlist=gpt-4%2Cllama-3.3-70b" in link and "data=" in link
    at.button(key="remove_gpt-4").click().run()
    assert list(at.dataframe[0].value["name"]) == [n for n in names if "GPT" not in n]
    assert at.query_params["shortlist"] == "llama-3.3-70b"


def test_a_note_travels_in_the_link():
    at = run_app("pages/shortlist.py", shortlist="gpt-4")
    at.text_input(key="note_gpt-4").input("baseline for the pilot").run()
    assert at.query_params["note.gpt-4"] == "baseline for the pilot"
    assert "note.gpt-4=baseline+for+the+pilot" in at.code[0].value


def test_overview_kpis_match_the_store():
    at = run_app("pages/overview.py", deployment="on-prem", license="commercial")
    (best_open,) = store_query(
        "SELECT max(s.score) FROM scores s JOIN models m USING (model_id) JOIN licenses l USING (license_id) "
        "WHERE s.benchmark = 'arena_text' AND m.open_weights AND l.commercial_use <> 'no' "
        "AND m.status = 'active'"
    )[0]
    (best_closed,) = store_query(
        "SELECT max(s.score) FROM scores s JOIN models m USING (model_id) JOIN licenses l USING (license_id) "
        "WHERE s.benchmark = 'arena_text' AND NOT m.open_weights AND l.commercial_use <> 'no' "
        "AND m.status = 'active'"
    )[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Best open"] == f"{best_open:,.1f}"
    # On-prem excludes every closed model; the best one stays in view, labelled, with the gap.
    assert metrics["Best closed"] == f"{best_closed:,.1f}"
    deltas = {m.label: m.delta for m in at.metric}
    assert deltas["Best closed"] == "excluded · for reference"
    assert not deltas["Best open"]
    assert metrics["Gap, points"] == f"{best_closed - best_open:+,.1f}"
    answer = next(t for t in texts(at.markdown) if t.startswith("Cheapest at"))
    assert f"is {best_closed - best_open:,.1f} points behind the best closed" in answer
    assert "closed side excluded by your deployment: for reference" in answer


def test_the_headline_answer_meets_a_meaningful_bar_and_ties_go_to_quality():
    at = run_app("pages/overview.py")  # no bar set: GPT-4's level, not a 1B model at $1/month
    (gpt4,) = store_query("SELECT score FROM scores WHERE model_id = 'gpt-4' AND benchmark = 'arena_text'")[0]
    answer = next(t for t in texts(at.markdown) if t.startswith("Cheapest at"))
    assert f"no bar set, so GPT-4's level, ≥ {gpt4:,.1f}" in answer
    name = answer.split("tokens/month: **", 1)[1].split("**, about", 1)[0]
    (score,) = store_query(
        "SELECT s.score FROM scores s JOIN models m USING (model_id) "
        "WHERE m.name = ? AND s.benchmark = 'arena_text'",
        [name],
    )[0]
    assert score >= gpt4


def test_data_page_lists_every_source_with_attribution():
    at = run_app("pages/data.py")
    sources = at.dataframe[0].value
    (n,) = store_query("SELECT count(*) FROM sources")[0]
    assert len(sources) == n and sources["attribution"].notna().all()
    assert (sources["status"] == "ok").all()


def test_data_page_coverage_matches_the_store():
    at = run_app("pages/data.py")
    coverage = next(d.value for d in at.dataframe if "both" in d.value.columns)
    rows = store_query(
        """
        SELECT CASE WHEN open_weights THEN 'Open weights' WHEN NOT open_weights THEN 'Closed'
                    ELSE 'Unknown' END AS access,
               count(*),
               count(*) FILTER (WHERE model_id IN (SELECT model_id FROM offerings WHERE trusted)),
               count(*) FILTER (WHERE model_id IN (SELECT model_id FROM scores)),
               count(*) FILTER (WHERE model_id IN (SELECT model_id FROM offerings WHERE trusted)
                                  AND model_id IN (SELECT model_id FROM scores))
        FROM models GROUP BY ALL
        """
    )
    expected = {access: list(counts) for access, *counts in rows}
    shown = {access: [int(v) for v in row] for access, row in coverage.iterrows()}
    assert shown == expected
    assert expected["Closed"][3] > 0 and expected["Open weights"][3] > 0


EDGE_LINKS = [
    {"min_score": "1600"},  # above every model: nothing passes
    {"budget": "0"},
    {"min_context": "10M"},
    {"deployment": "on-prem", "min_score": "1500"},
    {"input_pct": "100"},  # outside the slider's range: ignored with a warning
    {"unknown": "keep", "needs": "finetune,vision", "resellers": "include", "cost": "monthly"},
]


@pytest.mark.parametrize("page", [*PAGES, "pages/decide.py", "pages/costs.py"])
@pytest.mark.parametrize("link", EDGE_LINKS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_empty_and_extreme_links_open_every_page_without_an_exception(page, link):
    at = run_app(page, **link)
    assert not at.exception, [e.value for e in at.exception]


def test_a_link_where_nothing_can_be_plotted_says_so():
    at = run_app("pages/explore.py", min_score="1600")
    assert any("No model passing your constraints" in t for t in texts(at.info)), texts(at.info)


def test_an_input_share_the_slider_cannot_show_is_ignored_with_a_warning():
    at = run_app("pages/overview.py", input_pct="100")
    assert any("input_pct='100': outside 5–95" in t for t in texts(at.warning)), texts(at.warning)


HOSTILE = {
    "data": "**Action required** [sign in](https://evil.example/login)~x",
    "shortlist": "[x](https://evil.example)",
    "weights": "![img](https://evil.example/p.png):3",
    "gpu": "[GPU](https://evil.example)",
    "note.gpt-4o": "see www.evil.example",
}
UNSAFE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|://|www\.|<img", re.I)


@pytest.mark.parametrize("page", [*PAGES, "pages/decide.py", "pages/costs.py"])
def test_hostile_link_values_are_shown_as_plain_text_never_as_links_or_images(page):
    at = run_app(page, **HOSTILE)
    assert not at.exception, [e.value for e in at.exception]
    shown = [
        e.value
        for kind in ("markdown", "caption", "warning", "info", "success", "error", "subheader")
        for e in getattr(at, kind)
    ]
    assert any("evil" in s for s in shown)  # named in the warning …
    assert not [s for s in shown if UNSAFE.search(s)]  # … but never a live link, image or auto-link


def test_an_empty_result_offers_one_click_back_to_models():
    at = run_app("pages/explore.py", min_score="1600", deployment="on-prem", needs="tools")
    assert not at.exception
    assert any("No model passing your constraints" in t for t in texts(at.info))
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert not any("No model passing your constraints" in t for t in texts(at.info))
    assert at.query_params.get("deployment") in (None, "any") and "min_score" not in at.query_params
    decide = run_app("pages/decide.py", budget="0")
    assert any("No model passes your constraints" in t for t in texts(decide.info))
    decide.button(key="clear_filters").click().run()
    assert not decide.exception and not any("No model passes" in t for t in texts(decide.info))


def test_the_exclusions_are_built_when_opened_and_match_the_evaluation():
    at = run_app("pages/explore.py", deployment="on-prem", license="commercial")
    assert not any("reason" in d.value.columns for d in at.dataframe)  # closed: nothing built or sent
    at.session_state[open_flag(EXCLUSIONS_KEY)] = True  # what a click on the expander does
    at.run()
    c = Constraints(deployment="on-prem", license="commercial")
    evaluated = loaders.load_evaluated(c, CostAssumptions()).models
    excluded = evaluated[~evaluated["passes"]]
    counts = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    whys = [d.value for d in at.dataframe if "why" in d.value.columns]
    assert sorted(whys[-1]["name"]) == sorted(excluded["name"])  # the last table: the excluded models
    assert counts["models"].sum() == excluded["reasons"].map(len).sum()


def test_the_unplottable_models_are_sent_when_opened_and_are_those_without_score_or_price():
    at = run_app("pages/explore.py")
    label = next(e.label for e in at.expander if "not on the chart" in e.label)
    assert not any("why" in d.value.columns for d in at.dataframe)  # closed: not sent
    at.session_state[open_flag(UNPLOTTABLE_KEY)] = True  # what a click on the expander does
    at.run()
    (table,) = [d.value for d in at.dataframe if "why" in d.value.columns]
    assert f"{len(table):,} passing models" in label.replace("\\", "")
    assert table["why"].str.contains("no score on this benchmark|no API price|no price").all()
