"""AppTest: the Compare page from a link (values against the store), bad ``cmp`` values, the picker, and
the "Compare" buttons of Explore, Decide and the Shortlist."""

from __future__ import annotations

import re

import pytest

from tests.app_helpers import plain, run_app, store_query, texts
from tradeoffs.ui.compare_view import PICKER_KEY

PAGE = "pages/compare.py"
THREE = "gpt-4o,llama-3.3-70b,gpt-oss-120b"
UNSAFE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|://|www\.|<img", re.I)


def _table(at):
    """The comparison as a reader sees it: attribute → {column label → text}."""
    frame = at.table[0].value
    return {
        plain(label).replace("*", ""): {plain(col): plain(v) for col, v in row.items()}
        for label, row in frame.iterrows()
    }


def _answer(at) -> str:
    return plain(at.markdown[0].value)


def test_a_link_with_three_models_shows_them_side_by_side_as_the_store_says():
    at = run_app(PAGE, cmp=THREE)
    assert not at.exception, [e.value for e in at.exception]
    rows = _table(at)
    names = dict(
        store_query(
            "SELECT model_id, name FROM models WHERE model_id IN ('gpt-4o','llama-3.3-70b','gpt-oss-120b')"
        )
    )
    assert [plain(c) for c in at.table[0].value.columns] == [names[m] for m in THREE.split(",")]
    gpt4o, llama, oss = (names[m] for m in THREE.split(","))
    assert rows["Weights"] == {gpt4o: "Closed (API only)", llama: "Open weights", oss: "Open weights"}
    for model_id, name in names.items():
        (licence, tier, conditions) = store_query(
            "SELECT l.name, l.tier, l.conditions FROM models m JOIN licenses l USING (license_id) "
            "WHERE model_id = ?",
            [model_id],
        )[0]
        assert rows["Licence"][name].startswith(f"{licence} · tier {tier} · ")
        assert rows["Licence conditions"][name] == conditions
        (score, low, high, source, as_of) = store_query(
            "SELECT score, ci_low, ci_high, source, as_of FROM scores "
            "WHERE model_id = ? AND benchmark = 'arena_text'",
            [model_id],
        )[0]
        assert (
            rows["LMArena text score"][name] == f"{score:,.1f} ±{(high - low) / 2:,.1f} · {source}, {as_of}"
        )
    ((context,),) = store_query("SELECT context_tokens FROM models WHERE model_id = 'gpt-oss-120b'")
    assert rows["Context window"][oss] == f"{context / 1000:.3g}k tokens"
    assert rows["Self-hosted per month"][gpt4o] == "not possible (closed weights)"
    answer = _answer(at)
    assert (
        answer.startswith(f"**{gpt4o}** is API-only") and f"**{llama}**" in answer and f"**{oss}**" in answer
    )
    assert "models pass" in texts(at.caption)[0]
    assert at.query_params["cmp"] in (THREE, [THREE])
    assert at.multiselect(key=PICKER_KEY).value == THREE.split(",")
    assert not at.warning


def _warnings(at) -> str:
    return " ".join(texts(at.warning))


@pytest.mark.parametrize(
    "cmp, kept, warned",
    [
        ("gpt-4o,no-such-model,gpt-oss-120b", ["gpt-4o", "gpt-oss-120b"], "unknown model ids: no-such-model"),
        (
            "gpt-4o,llama-3.3-70b,gpt-oss-120b,deepseek-v3,qwen3-235b-a22b",
            ["gpt-4o", "llama-3.3-70b", "gpt-oss-120b", "deepseek-v3"],
            "5 models given, at most 4 are compared",
        ),
        ("%%%,[x](https://evil.example),;;", [], "unknown model ids"),
        ("gpt-4o", ["gpt-4o"], ""),
        ("," * 500, [], "longer than 400 characters"),
    ],
    ids=["unknown-id", "five-ids", "garbage", "one-model", "too-long"],
)
def test_bad_cmp_values_never_crash_and_say_what_was_ignored(cmp, kept, warned):
    at = run_app(PAGE, cmp=cmp)
    assert not at.exception, [e.value for e in at.exception]
    assert warned in _warnings(at)
    assert not UNSAFE.search(" ".join(e.value for e in at.warning))  # a hostile id is named, never linked
    assert at.multiselect(key=PICKER_KEY).value == kept
    if len(kept) >= 2:
        assert len(at.table[0].value.columns) == len(kept)
        assert at.query_params["cmp"] in (",".join(kept), [",".join(kept)])
    else:
        assert not at.table
        assert _answer(at).startswith("Pick two to four models")
        assert any("pick at least two models" in t for t in texts(at.info))


def test_picking_models_in_the_page_puts_them_in_the_link():
    at = run_app(PAGE)
    assert not at.table and "cmp" not in at.query_params
    at.multiselect(key=PICKER_KEY).set_value(["llama-3.3-70b", "gpt-4o"]).run()
    assert not at.exception
    assert len(at.table[0].value.columns) == 2
    assert at.query_params["cmp"] in ("llama-3.3-70b,gpt-4o", ["llama-3.3-70b,gpt-4o"])


def _opened_compare(at, key: str) -> list[str]:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.table, "the Compare page's table"
    return at.multiselect(key=PICKER_KEY).value


def test_the_shortlist_opens_compare_with_its_models():
    at = run_app(
        "pages/shortlist.py", shortlist="gpt-4o,llama-3.3-70b,gpt-oss-120b,deepseek-v3,qwen3-235b-a22b"
    )
    assert at.button(key="compare_from_shortlist").label == "Compare the shortlist (the first 4)"
    assert _opened_compare(at, "compare_from_shortlist") == [
        "gpt-4o",
        "llama-3.3-70b",
        "gpt-oss-120b",
        "deepseek-v3",
    ]


def test_explore_opens_compare_with_its_top_three_without_a_shortlist():
    at = run_app("pages/explore.py", deployment="on-prem", license="commercial", volume="1B")
    ranked = store_query(
        "SELECT m.model_id FROM models m JOIN licenses l USING (license_id) JOIN scores s USING (model_id) "
        "WHERE m.open_weights AND l.commercial_use IN ('yes','conditional') AND m.status = 'active' "
        "AND s.benchmark = 'arena_text' ORDER BY s.score DESC LIMIT 3"
    )
    assert at.button(key="compare_from_explore").label == "Compare the top 3"
    assert _opened_compare(at, "compare_from_explore") == [m for (m,) in ranked]


def test_decide_opens_compare_with_its_top_three():
    at = run_app("pages/decide.py", preset="regulated", deployment="on-prem")
    assert at.button(key="compare_from_decide").label == "Compare the top 3"
    ranked = [plain(n) for n in at.dataframe[0].value["name"].head(3)]
    picked = _opened_compare(at, "compare_from_decide")
    names = dict(store_query("SELECT model_id, name FROM models"))
    assert [names[m] for m in picked] == ranked


def test_the_openness_rows_say_what_the_index_rates_and_the_attribution_follows_the_table():
    at = run_app(PAGE, cmp="llama-3.3-70b,gpt-oss-120b,gpt-4o")
    assert not at.exception, [e.value for e in at.exception]
    rows = _table(at)
    names = dict(
        store_query(
            "SELECT model_id, name FROM models WHERE model_id IN ('gpt-4o','llama-3.3-70b','gpt-oss-120b')"
        )
    )
    llama, oss, gpt4o = names["llama-3.3-70b"], names["gpt-oss-120b"], names["gpt-4o"]
    assert "Openness" in rows  # the section's shaded row
    ((opened, partial, closed, licence, rated_as),) = store_query(
        "SELECT open_count, partial_count, closed_count, endmodel_license, rated_model FROM openness "
        "WHERE model_id = 'gpt-oss-120b'"
    )
    assert rows["Openness (index)"][oss] == f"{opened} open · {partial} partial · {closed} closed of 12 rated"
    assert rows["Openness (index)"][gpt4o] == "not rated by the index"
    assert rows["Rated by the index as"][oss].startswith(rated_as)
    assert rows["Training data"][llama] == "closed"
    assert rows["Licence (as the index rates it)"][oss] == f"partial · {licence}"
    assert rows["Transparency score"][oss] == f"{(opened + partial / 2) / 12:.2f} (5 open, 1 partial of 12)"
    assert rows["Transparency score"][gpt4o] == "not rated (closed weights)"
    assert rows["Training data"][gpt4o] == "not rated"
    assert rows["Open-washing check"][llama].startswith(
        "Open weights, but the European Open Source AI Index rates its training data and licence closed"
    )
    ((attribution, licence_of_ratings),) = store_query(
        "SELECT attribution, license FROM sources WHERE source = 'eosai-index'"
    )
    caption = next(t for t in texts(at.caption) if t.startswith("Openness ratings: "))
    assert attribution in caption and licence_of_ratings in caption
