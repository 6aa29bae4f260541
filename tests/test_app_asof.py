"""A link made on older data, opened after a refresh (the newer data of tests/asof_helpers.py): the app
offers the numbers of the link's date, shows exactly what the older data showed, and lists what changed."""

from __future__ import annotations

import pytest

from tests.app_helpers import plain, run_app, texts
from tests.asof_helpers import NEW_DAY, NEW_MODEL, OLD_DAY, make_newer_data
from tests.ingest_helpers import DATA
from tradeoffs.store import data_version
from tradeoffs.ui import loaders

SHORTLIST = "gpt-4o,deepseek-v3,llama-3.3-70b"
OLD_TAG = f"{OLD_DAY}~{data_version(DATA)}"


@pytest.fixture(scope="module")
def newer_data(tmp_path_factory):
    return make_newer_data(DATA, tmp_path_factory.mktemp("asof") / "data")


@pytest.fixture
def on_newer(newer_data, store_tmp, monkeypatch):
    """The app serves the newer data (the older one stays in data/)."""
    monkeypatch.setattr(loaders, "DATA_DIR", newer_data)
    return newer_data


def _table(at):
    return at.dataframe[0].value.set_index("name")


def _input_share(at) -> float:
    return float(at.query_params.get("input_pct", "75")) / 100


def test_an_old_link_shows_the_numbers_of_its_date(store_tmp, monkeypatch, newer_data):
    older = run_app("pages/shortlist.py", shortlist=SHORTLIST)
    assert older.query_params["data"] == OLD_TAG
    monkeypatch.setattr(loaders, "DATA_DIR", newer_data)
    today = run_app("pages/shortlist.py", shortlist=SHORTLIST, data=OLD_TAG)
    then = run_app("pages/shortlist.py", shortlist=SHORTLIST, data=OLD_TAG, asof="link")
    assert not (older.exception or today.exception or then.exception)

    # Every number the older data showed, as it showed it; the history keeps no confidence interval, so
    # GPT-4o's (its Arena score now comes from another source) is not shown rather than guessed.
    assert _table(then).drop(columns="score_note").equals(_table(older).drop(columns="score_note"))
    assert _table(then)["score_note"].to_dict() == {**_table(older)["score_note"].to_dict(), "GPT-4o": ""}
    assert not _table(today).equals(_table(older))
    gpt, deepseek = "GPT-4o", "DeepSeek-V3"
    assert _table(then).at[gpt, "score"] == 1346.363083 and _table(today).at[gpt, "score"] == 1351.25
    s = _input_share(then)
    assert _table(then).at[gpt, "blended_usd_per_mtok"] == pytest.approx(
        s * 2.5 + (1 - s) * 10.0
    )  # list price
    assert _table(today).at[gpt, "blended_usd_per_mtok"] == pytest.approx(s * 2.0 + (1 - s) * 8.0)
    assert _table(then).at[deepseek, "blended_usd_per_mtok"] == pytest.approx(0.2)  # hyperbolic, 0.2 / 0.2
    assert _table(today).at[deepseek, "blended_usd_per_mtok"] == pytest.approx(s * 0.1 + (1 - s) * 0.15)

    banner = " ".join(texts(then.info)).replace("\u2011", "-")
    assert f"showing the prices and scores as of {OLD_DAY}" in plain(banner).replace("**", "")
    assert f"now {NEW_DAY}" in banner
    (changes,) = [e for e in then.expander if "changed since" in e.label]
    assert changes.label == f"12 numbers of the shortlisted models changed since {OLD_DAY}"
    lines = plain(changes.markdown[0].value).replace("\u2011", "-").splitlines()
    assert f"- GPT-4o — openai input price per 1M tokens: $2.50 (2026-09-29) → $2.00 ({NEW_DAY})" in lines
    assert f"- GPT-4o — oracle-oci output price per 1M tokens: not listed → $10.00 ({NEW_DAY})" in lines
    assert f"- DeepSeek-V3 — Epoch Capabilities Index score: 137.1 (2026-04-16) → 139.5 ({NEW_DAY})" in lines
    assert any(line.startswith("- Llama-3.3-70B-Instruct — together input price") for line in lines)


def test_the_switch_travels_in_the_link(on_newer):
    at = run_app(None, shortlist=SHORTLIST, data=OLD_TAG)
    switch = at.toggle(key="w_as_of_link")
    assert switch.value is False and "asof" not in at.query_params
    assert at.query_params["data"] != OLD_TAG  # today's numbers: the link now names today's data
    switch.set_value(True).run()
    assert at.query_params["asof"] == "link" and at.query_params["data"] == OLD_TAG
    at.toggle(key="w_as_of_link").set_value(False).run()
    assert "asof" not in at.query_params and at.query_params["data"].startswith(NEW_DAY)


def test_the_view_of_the_links_date_hides_models_released_since(on_newer):
    then = run_app(None, data=OLD_TAG, asof="link")
    today = run_app(None, data=OLD_TAG)
    passing = {plain(m.label): m.value for m in then.metric}["Models passing"]
    assert int(today.metric[0].value.replace(",", "")) == int(passing.replace(",", "")) + 1  # Frontier X
    assert any(f"data as of {OLD_DAY}" in t for t in texts(then.caption))  # the page's context line
    shortlisted = run_app("pages/shortlist.py", shortlist=f"{NEW_MODEL},gpt-4o", data=OLD_TAG, asof="link")
    assert not shortlisted.exception and list(shortlisted.dataframe[0].value["name"]) == ["GPT-4o"]
    assert f"Not shown as of {OLD_DAY} (released since): Frontier X." in texts(shortlisted.caption)


def test_on_the_same_data_there_is_no_banner_and_a_bad_value_is_named(store_tmp):
    at = run_app(None, data=OLD_TAG, asof="link", shortlist=SHORTLIST)
    assert not any("refreshed since" in t for t in texts(at.info))
    assert "w_as_of_link" not in [t.key for t in at.toggle]
    bad = run_app(None, asof="yesterday")
    assert any("asof" in t for t in texts(bad.warning))
