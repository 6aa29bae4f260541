"""AppTest: the privacy ladder in the sidebar and the link, on the bundled store. A model stays in on an
API rung only through a provider whose terms qualify, at the price that provider charges there."""

from __future__ import annotations

import re

import pytest

from tests.app_helpers import bundled_tables, run_app, store_query, texts
from tradeoffs import privacy

EXPLORE = "pages/explore.py"


def _passing_count(at) -> int:
    heads = [t.removeprefix("#### ") for t in texts(at.markdown) if t.endswith("models pass")]
    assert heads, texts(at.markdown)
    return int(re.match(r"([\d,]+)", heads[0]).group(1).replace(",", ""))


def _expected_passing(deployment: str, region: str) -> set[str]:
    """Models with an offering whose provider's terms meet the rung, computed from the store's rows,
    less the deprecated and retired ones (the other default constraints exclude nothing)."""
    tables = bundled_tables()
    checked = privacy.check_offerings(
        tables["offerings"],
        tables["provider_policies"],
        privacy.setting_for(deployment, region),
        tables["endpoints"],
    )
    reached = set(checked.loc[checked["qualifies"], "model_id"])
    catalog = tables["catalog"]
    gone = set(catalog.index[catalog["status"].isin(["deprecated", "retired"]).fillna(False)])
    return reached - gone


@pytest.mark.parametrize(
    ("deployment", "region"), [("no-retention", "EU"), ("region", "EU"), ("region", "US")]
)
def test_an_api_rung_keeps_exactly_the_models_a_qualifying_provider_serves(deployment, region):
    at = run_app(EXPLORE, deployment=deployment, region=region)
    assert not at.exception
    expected = _expected_passing(deployment, region)
    assert 0 < len(expected) < 1000
    assert _passing_count(at) == len(expected)


def test_the_reason_names_the_providers_terms():
    at = run_app("pages/shortlist.py", deployment="region", shortlist="gpt-4o,claude-sonnet-4.5")
    summary = next(t for t in texts(at.markdown) if "shortlisted" in t)
    assert (
        "1 passes your constraints, 1 fails (**GPT-4o**: no API provider meets no training and no " in summary
    )
    assert "processed in the EU: " in summary and "openai: provider retains prompts" in summary


def test_the_ladder_is_in_the_sidebar_and_the_link():
    at = run_app(None)
    assert at.get_by_key("w_region").disabled  # the region only counts on its rung
    at.get_by_key("w_deployment").set_value("region").run()
    at.get_by_key("w_region").set_value("US").run()
    assert at.query_params["deployment"] == "region" and at.query_params["region"] == "US"
    again = run_app(None, **{k: at.query_params[k] for k in ("deployment", "region")})
    assert again.get_by_key("w_deployment").value == "region" and again.get_by_key("w_region").value == "US"
    assert not again.get_by_key("w_region").disabled


def test_compare_prices_claude_at_bedrocks_eu_price_and_says_why_gpt4o_has_none():
    """Bedrock lists Claude Sonnet 4.5 at $3.00 / $15.00; its eu-west-1 endpoint at $3.30 / $16.50. At
    100M tokens a month, 75% input: list 100 × (0.75 × 3 + 0.25 × 15) = $600; EU 100 × 6.6 = $660."""
    rows = store_query(
        "SELECT input_usd_per_mtok, output_usd_per_mtok FROM endpoints "
        "WHERE model_id = 'claude-sonnet-4.5' AND provider = 'amazon-bedrock' AND region = 'EU'"
    )
    (price_in, price_out), *_ = sorted(rows)
    monthly = 100 * (0.75 * price_in + 0.25 * price_out)
    cmp = "claude-sonnet-4.5,gpt-4o"
    region = texts(run_app("pages/compare.py", deployment="region", cmp=cmp).markdown)[0].replace("**", "")
    public = texts(run_app("pages/compare.py", cmp=cmp).markdown)[0].replace("**", "")
    assert f"about ${monthly:,.0f}/month through amazon-bedrock" in region
    assert "GPT-4o is API-only, with no API provider whose terms meet your privacy setting" in region
    assert f"${monthly:,.0f}/month" not in public  # the public rung takes the cheapest list price


@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/decide.py", "pages/costs.py", "pages/shortlist.py"]
)
def test_every_page_runs_on_the_strictest_api_rung(page):
    at = run_app(page, deployment="region", region="EU", volume="1B", license="commercial")
    assert not at.exception
    assert any("processed in the EU" in t for t in texts(at.caption) + texts(at.markdown))


def test_compares_provider_table_holds_only_the_providers_the_rung_allows():
    ids, tables = ["claude-sonnet-4.5", "gpt-4o"], bundled_tables()
    mine = tables["offerings"][tables["offerings"]["model_id"].isin(ids)]
    eu = privacy.setting_for("region", "EU")
    checked = privacy.check_offerings(mine, tables["provider_policies"], eu, tables["endpoints"])
    allowed = checked[checked["qualifies"]]
    expected = {f"{p} · {k}" for p, k in zip(allowed["provider"], allowed["provider_kind"], strict=True)}
    at = run_app("pages/compare.py", deployment="region", cmp=",".join(ids))
    shown = {str(p).replace("\\", "") for p in at.table[1].value.index}
    assert shown == expected and "amazon-bedrock · cloud" in shown
    assert any("meet your privacy setting" in t for t in texts(at.caption))
    public = {
        str(p).replace("\\", "") for p in run_app("pages/compare.py", cmp=",".join(ids)).table[1].value.index
    }
    assert {"anthropic · lab", "openai · lab"} <= public and not {"anthropic · lab", "openai · lab"} & shown


def test_compare_says_one_provider_not_one_providers():
    at = run_app("pages/compare.py", deployment="region", cmp="claude-sonnet-4.5,glm-5.1")
    deployment = {str(k).replace("\\", ""): v for k, v in at.table[0].value.iterrows()}["Deployment"]
    cells = [str(v).replace("\\", "") for v in deployment.tolist()]
    assert any("public API (1 provider)" in c for c in cells) and not any("1 providers" in c for c in cells)
