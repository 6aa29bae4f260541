"""What a host serves (tradeoffs/hosting.py) on the bundled data: endpoint quantization against the
released precision, uptime, and the full-precision preference over the offerings the app uses.

Preconditions (which host states which quantization) are read from data/*.csv here, so a test says
what it rests on and fails loudly if the data under it changes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables, store_query
from tradeoffs import hosting, queries
from tradeoffs.compare.prices import kind_rows, precision_notes, provider_prices
from tradeoffs.costs import api as api_cost
from tradeoffs.store import connect_readonly, ensure_store

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _tables() -> dict:
    path, _ = ensure_store()
    con = connect_readonly(path)
    try:
        endpoints = queries.load_table(con.cursor(), "endpoints")
    finally:
        con.close()
    return {**bundled_tables(), "endpoints": endpoints}


@cache
def _hosting() -> pd.DataFrame:
    t = _tables()
    return hosting.host_precision(t["endpoints"], t["catalog"])


def _endpoint(model_id: str, provider: str) -> pd.DataFrame:
    e = pd.read_csv(DATA / "endpoints.csv")
    return e[(e["model_id"] == model_id) & (e["provider"] == provider)]


def _native(model_id: str) -> str:
    m = pd.read_csv(DATA / "models.csv").set_index("model_id")
    return str(m.at[model_id, "native_precision"])


@pytest.mark.parametrize(
    ("text", "bits"),
    [
        ("fp32", 32),
        ("bf16", 16),
        ("FP16", 16),
        ("fp8", 8),
        ("INT8", 8),
        ("fp4", 4),
        ("int4", 4),
        ("MXFP4", 4),
        (" nvfp4 ", 4),
        ("fp6", None),
        ("unknown", None),
        ("", None),
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
    ],
)
def test_precision_bits(text, bits):
    assert hosting.precision_bits(text) == bits


def test_a_bf16_model_at_fp8_is_reduced_and_at_bf16_is_not():
    assert _native("gemma-3-27b") == "BF16"
    assert _endpoint("gemma-3-27b", "deepinfra")["quantization"].tolist() == ["fp8"]
    assert _endpoint("gemma-3-27b", "novita")["quantization"].tolist() == ["bf16"]
    h = _hosting().loc["gemma-3-27b"]
    assert h.at["deepinfra", "reduced_precision"] == True  # noqa: E712
    assert h.at["novita", "reduced_precision"] == False  # noqa: E712
    assert h.at["deepinfra", "served_text"] == "fp8 (native bf16): reduced"
    assert h.at["deepinfra", "precision_note"] == "served at fp8; native bf16"
    assert h.at["novita", "served_text"] == "bf16 (native bf16): full precision"
    assert h.at["novita", "precision_note"] == ""
    day = float(_endpoint("gemma-3-27b", "deepinfra")["uptime_pct_1d"].iloc[0])
    assert h.at["deepinfra", "uptime_text"] == f"{day:.1f}% (1 day)"


def test_an_fp8_model_served_at_fp8_is_not_reduced_and_at_fp4_is():
    assert _native("deepseek-v3") == "FP8"
    assert _endpoint("deepseek-v3", "novita")["quantization"].tolist() == ["fp8"]
    assert _endpoint("deepseek-v3", "deepinfra")["quantization"].tolist() == ["fp4"]
    h = _hosting().loc["deepseek-v3"]
    assert h.at["novita", "reduced_precision"] == False  # noqa: E712
    assert h.at["novita", "served_text"] == "fp8 (native fp8): full precision"
    assert h.at["deepinfra", "reduced_precision"] == True  # noqa: E712
    assert h.at["deepinfra", "precision_note"] == "served at fp4; native fp8"


def test_unknown_is_never_full_precision():
    h = _hosting()
    # no quantization stated
    assert _endpoint("gpt-oss-120b", "groq")["quantization"].isna().all()
    assert pd.isna(h.at[("gpt-oss-120b", "groq"), "reduced_precision"])
    assert h.at[("gpt-oss-120b", "groq"), "served_text"] == "not stated"
    # the model's released precision unknown
    assert _endpoint("glm-5v-turbo", "zai")["quantization"].tolist() == ["fp8"]
    assert pd.read_csv(DATA / "models.csv").set_index("model_id")["native_precision"].isna()["glm-5v-turbo"]
    assert pd.isna(h.at[("glm-5v-turbo", "zai"), "reduced_precision"])
    assert h.at[("glm-5v-turbo", "zai"), "served_text"] == "fp8 (native precision not stated)"
    # one host's endpoints differ, all below bf16: reduced, and the text says they differ
    assert set(_endpoint("gemma-4-31b", "deepinfra")["quantization"]) == {"fp8", "fp4"}
    assert h.at[("gemma-4-31b", "deepinfra"), "reduced_precision"] == True  # noqa: E712
    assert (
        h.at[("gemma-4-31b", "deepinfra"), "served_text"]
        == "fp8 / fp4, varies by endpoint (native bf16): reduced"
    )
    # endpoints of one host at fp8 and at bf16 (gemma-3-27b's deepinfra and novita rows as one host):
    # neither reduced nor full
    both = pd.concat([_endpoint("gemma-3-27b", "deepinfra"), _endpoint("gemma-3-27b", "novita")])
    mixed = hosting.host_precision(both.assign(provider="one-host"), _tables()["catalog"])
    assert pd.isna(mixed.at[("gemma-3-27b", "one-host"), "reduced_precision"])
    assert (
        mixed.at[("gemma-3-27b", "one-host"), "served_text"] == "bf16 / fp8, varies by endpoint (native bf16)"
    )
    assert hosting.reduced_precision(both.assign(provider="one-host"), _tables()["catalog"]).isna().all()
    # one endpoint states fp8, the other nothing
    assert _endpoint("deepseek-v4-flash", "alibaba")["quantization"].isna().sum() == 1
    assert pd.isna(h.at[("deepseek-v4-flash", "alibaba"), "reduced_precision"])


def test_uptime_without_recent_traffic_and_without_an_endpoint_reads_as_such():
    e = pd.read_csv(DATA / "endpoints.csv")
    quiet = e.groupby(["model_id", "provider"])[["uptime_pct_1d", "uptime_pct_30m"]].count().sum(axis=1)
    model_id, provider = quiet[quiet == 0].index[0]
    assert _hosting().at[(model_id, provider), "uptime_text"] == "no recent traffic"
    off = _tables()["offerings"]
    served = hosting.with_hosting(off, _hosting())
    no_row = ~pd.MultiIndex.from_frame(off[["model_id", "provider"]]).isin(_hosting().index)
    assert no_row.any()
    assert (served.loc[no_row, "served_text"] == "not stated").all()
    assert (served.loc[no_row, "uptime_text"] == "not stated").all()
    assert served.loc[no_row, "reduced_precision"].isna().all()
    assert served[["served_text", "uptime_text"]].notna().all().all()


def test_prefer_full_precision_drops_a_reduced_host_only_when_another_remains():
    t = _tables()
    off, before = t["offerings"], t["offerings"].copy()
    endpoints_before = t["endpoints"].copy()
    out = hosting.prefer_full_precision(off, t["endpoints"], t["catalog"])
    assert off.equals(before) and t["endpoints"].equals(endpoints_before)  # inputs untouched
    assert list(out.columns) == [*off.columns, "reduced_precision"]
    assert str(out["reduced_precision"].dtype) == "boolean"
    gemma = out[out["model_id"] == "gemma-3-27b"]
    sellers = set(off.loc[off["model_id"] == "gemma-3-27b", "provider"])
    assert {"deepinfra", "nebius", "novita"} <= sellers
    assert set(gemma["provider"]) == sellers - {"deepinfra", "nebius"}
    assert gemma.set_index("provider").at["novita", "reduced_precision"] == False  # noqa: E712
    # Every offering it has is reduced: kept, and flagged so views can say so.
    assert _endpoint("hermes-4-70b", "nebius")["quantization"].tolist() == ["fp8"]
    assert _native("hermes-4-70b") == "BF16"
    assert off.loc[off["model_id"] == "hermes-4-70b", "provider"].tolist() == ["nebius"]
    hermes = out[out["model_id"] == "hermes-4-70b"]
    assert hermes["provider"].tolist() == ["nebius"] and hermes["reduced_precision"].tolist() == [True]
    assert "hermes-4-70b" in set(hosting.only_reduced(out))
    assert "gemma-3-27b" not in set(hosting.only_reduced(out))
    # Only the two reduced hosts of gemma: both kept.
    two = off[(off["model_id"] == "gemma-3-27b") & off["provider"].isin(["deepinfra", "nebius"])]
    kept = hosting.prefer_full_precision(two, t["endpoints"], t["catalog"])
    assert sorted(kept["provider"]) == ["deepinfra", "nebius"] and kept["reduced_precision"].all()


def test_the_cheapest_price_moves_to_a_full_precision_host_when_preferred():
    t = _tables()
    cheapest = api_cost.cheapest_offerings(t["offerings"][t["offerings"]["model_id"] == "gemma-3-27b"], 0.75)
    assert cheapest["provider"].tolist() == ["deepinfra"]
    preferred = hosting.prefer_full_precision(t["offerings"], t["endpoints"], t["catalog"])
    full = api_cost.cheapest_offerings(preferred[preferred["model_id"] == "gemma-3-27b"], 0.75)
    assert full["provider"].tolist() != ["deepinfra"]
    assert full["reduced_precision"].iloc[0] is not True
    assert full["blended_usd_per_mtok"].iloc[0] > cheapest["blended_usd_per_mtok"].iloc[0]


def test_compare_prices_say_what_each_host_serves_and_note_a_reduced_cheapest():
    t = _tables()
    served = hosting.with_hosting(t["offerings"], _hosting())
    ids = pd.Index(["gemma-3-27b", "llama-3.3-70b"], name="model_id")
    table, _ = provider_prices(ids, served, 0.75, 0.0)
    day = float(_endpoint("gemma-3-27b", "deepinfra")["uptime_pct_1d"].iloc[0])
    assert table.at["deepinfra · host", "gemma-3-27b"].endswith(
        f" · fp8 (native bf16): reduced · uptime {day:.1f}% (1 day)"
    )
    assert table.at["novita · host", "gemma-3-27b"].split(" · ")[-2] == "bf16 (native bf16): full precision"
    assert not table.isin([None]).any().any()
    host_row = {r.label: r for r in kind_rows(ids, served, 0.75, 0.0)}["Cheapest independent host"]
    assert host_row.values["gemma-3-27b"].endswith(" · served at fp8; native bf16")
    preferred = {r.label: r for r in kind_rows(ids, served, 0.75, 0.0, full_precision=True)}
    assert "served at" not in preferred["Cheapest independent host"].values["gemma-3-27b"]
    api = pd.DataFrame({"provider": ["deepinfra", "novita"]}, index=["gemma-3-27b", "gemma-3-27b"])
    assert precision_notes(api, served).tolist() == [" · served at fp8; native bf16", ""]
    (hermes_provider,) = store_query(
        "SELECT provider FROM offerings WHERE model_id = 'hermes-4-70b' AND trusted"
    )[0]
    only = pd.DataFrame({"provider": [hermes_provider]}, index=["hermes-4-70b"])
    assert precision_notes(only, served).tolist() == [
        " · only reduced-precision hosts: served at fp8; native bf16"
    ]


def test_host_summaries_say_not_stated_in_words():
    h = _hosting()
    day = float(_endpoint("gpt-oss-120b", "groq")["uptime_pct_1d"].iloc[0])
    assert (
        hosting.host_summary_of(h, "gpt-oss-120b", "groq")
        == f"quantization not stated · uptime {day:.1f}% (1 day)"
    )
    assert hosting.host_summary_of(h, "gpt-oss-120b", "no-such-host") == "quantization and uptime not stated"
    assert hosting.host_summary_of(h, "gpt-oss-120b", None) == "quantization and uptime not stated"
    assert hosting.host_summary("bf16 (native bf16): full precision", "no recent traffic") == (
        "bf16 (native bf16): full precision · uptime: no recent traffic"
    )
