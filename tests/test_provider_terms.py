"""Provider data terms in words, on the store's own rows; and the Data page showing them."""

from __future__ import annotations

from tests.app_helpers import bundled_tables, run_app, texts
from tradeoffs.privacy import UNKNOWN_TERMS
from tradeoffs.provider_terms import known_share, terms_table


def _policies():
    return bundled_tables()["provider_policies"]


def test_terms_in_words_for_every_provider_priced_from():
    offerings = bundled_tables()["offerings"]
    table = terms_table(_policies(), offerings).set_index("provider")
    assert set(table.index) == set(offerings["provider"])  # every provider the app prices from, once
    assert table.loc["anthropic", ["trains", "retains", "meets"]].tolist() == [
        "no",
        "yes, 30 days",
        "no: retains prompts",
    ]
    assert table.loc["amazon-bedrock", "meets"] == "yes"
    assert table.loc["deepseek", "meets"] == "no: may train on prompts"
    assert table.loc["mistral", "meets"].startswith("only with zero data retention")
    unknown = table.loc["oracle-oci"]  # no published terms: unknown, never a silent "no"
    assert (unknown["trains"], unknown["retains"], unknown["meets"]) == ("unknown", "unknown", UNKNOWN_TERMS)
    assert unknown["source"] == "no published terms found" and unknown["as_of"] == "unknown"
    assert not table.isna().any().any()
    known, total = known_share(table.reset_index())
    assert total == len(table) and 0 < known < total
    assert (
        table.loc["fireworks", "models"]
        == offerings.loc[offerings["provider"].eq("fireworks"), "model_id"].nunique()
    )


def test_the_data_page_shows_the_terms_and_how_many_are_known():
    at = run_app("pages/data.py")
    assert not at.exception
    caption = next(t for t in texts(at.caption) if "have known terms" in t)
    known, total = known_share(terms_table(_policies(), bundled_tables()["offerings"]))
    assert f"{known} of {total} have known terms" in caption
    frame = next(d.value for d in at.dataframe if "meets" in d.value.columns)
    assert len(frame) == total


def test_the_sources_table_says_not_tracked_rather_than_none():
    at = run_app("pages/data.py")
    sources = next(d.value for d in at.dataframe if "unmatched" in d.value.columns)
    assert not sources["unmatched"].isna().any()
    assert "not tracked" in set(sources["unmatched"])  # the privacy sources count no unmatched ids
