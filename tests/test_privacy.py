"""The privacy ladder on a hand-made catalogue whose answers are known, and on the bundled data."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.ingest_helpers import DATA
from tradeoffs import csvio
from tradeoffs.privacy import (
    UNKNOWN_TERMS,
    Rung,
    Setting,
    allowed_api_offerings,
    check_offerings,
    highest_api_rung,
    models_reaching,
    setting_for,
)
from tradeoffs.schema import ENDPOINTS, OFFERINGS, PROVIDER_POLICIES

T, F, U = True, False, None
POLICIES = pd.DataFrame(
    [
        # provider, trains, retains, days, zdr, datacenters
        ("clean-us", F, F, None, None, "US"),
        ("clean-eu", F, F, None, None, "FR,DE"),
        ("clean-mixed", F, F, None, None, "FI,US"),
        ("clean-nowhere", F, F, None, None, None),
        ("keeps-30", F, T, 30, None, "US"),
        ("keeps-zdr", F, T, 30, T, "US"),
        ("trains", T, T, None, None, "US"),
        ("half-known", F, U, None, None, "FR"),
        ("unknown", U, U, None, None, "FR"),
    ],
    columns=[
        "provider",
        "trains_on_prompts",
        "retains_prompts",
        "retention_days",
        "zero_data_retention",
        "datacenter_countries",
    ],
).astype(object)
POLICIES = POLICIES.where(POLICIES.notna(), None)
OFFERINGS_ = pd.DataFrame(
    [
        ("closed-a", "clean-eu"),
        ("closed-a", "keeps-30"),
        ("closed-b", "keeps-30"),
        ("closed-b", "keeps-zdr"),
        ("open-c", "clean-us"),
        ("open-c", "clean-mixed"),
        ("open-d", "unknown"),
        ("open-d", "half-known"),
        ("open-d", "not-in-policies"),
        ("open-e", "trains"),
        ("open-f", "clean-nowhere"),
        ("open-g", "keeps-30"),
    ],
    columns=["model_id", "provider"],
)
# open-g is served through a region-tagged endpoint of a provider that retains by default: the tag
# gives the region, not the terms. closed-b has a zero-data-retention endpoint at keeps-zdr.
ENDPOINTS_ = pd.DataFrame(
    [
        ("closed-b", "keeps-zdr", "keeps-zdr/zdr", None, True),
        ("open-c", "clean-us", "clean-us/eu-west-1", "EU", None),
        ("open-g", "keeps-30", "keeps-30/eu", "EU", None),
    ],
    columns=["model_id", "provider", "tag", "region", "zero_data_retention"],
)


def _check(rung: Rung, region: str | None = None) -> pd.DataFrame:
    return check_offerings(OFFERINGS_, POLICIES, Setting(rung, region), ENDPOINTS_)


def _reason(checked: pd.DataFrame, model_id: str, provider: str) -> str | None:
    row = checked[checked["model_id"].eq(model_id) & checked["provider"].eq(provider)]
    return row["why_not"].iloc[0]


def _reaching(rung: Rung, region: str | None = None) -> dict[str, str]:
    reach = models_reaching(_check(rung, region))
    ok = reach[reach["qualifies"]]
    return dict(zip(ok["model_id"], ok["providers"], strict=True))


def test_public_api_lets_every_offering_through():
    assert _check(Rung.PUBLIC_API)["qualifies"].all()


def test_no_training_no_retention_keeps_the_known_clean_providers_and_zdr_endpoints():
    assert _reaching(Rung.NO_RETENTION) == {
        "closed-a": "clean-eu",
        "closed-b": "keeps-zdr",  # through its zero-data-retention endpoint only
        "open-c": "clean-mixed, clean-us",
        "open-f": "clean-nowhere",
    }
    checked = _check(Rung.NO_RETENTION)
    assert _reason(checked, "closed-a", "keeps-30") == "provider retains prompts 30 days"
    assert _reason(checked, "open-e", "trains") == "provider may train on prompts"
    assert _reason(checked, "open-g", "keeps-30") == "provider retains prompts 30 days"


def test_unknown_terms_never_pass_a_strict_rung():
    for setting in (Setting(Rung.NO_RETENTION), Setting(Rung.REGION, "EU"), Setting(Rung.REGION, "US")):
        checked = check_offerings(OFFERINGS_, POLICIES, setting, ENDPOINTS_)
        for provider in ("unknown", "half-known", "not-in-policies"):
            assert _reason(checked, "open-d", provider) == f"provider terms {UNKNOWN_TERMS}"
    reach = models_reaching(_check(Rung.NO_RETENTION)).set_index("model_id")
    assert not reach.loc["open-d", "qualifies"]
    why = reach.loc["open-d", "why_not"]  # names every provider's terms
    assert why.count(UNKNOWN_TERMS) == 3 and "half-known: " in why and "not-in-policies: " in why


def test_eu_region_needs_clean_terms_and_eu_processing():
    assert _reaching(Rung.REGION, "EU") == {"closed-a": "clean-eu", "open-c": "clean-us"}
    checked = _check(Rung.REGION, "EU")
    assert _reason(checked, "open-c", "clean-mixed") == "processed outside the EU (US)"
    assert _reason(checked, "open-f", "clean-nowhere").startswith("processing region unknown")
    assert _reason(checked, "closed-b", "keeps-zdr") == "processed outside the EU (US)"
    assert (
        _reason(checked, "open-g", "keeps-30") == "provider retains prompts 30 days"
    )  # region is not enough


def test_us_region():
    assert _reaching(Rung.REGION, "US") == {"closed-b": "keeps-zdr", "open-c": "clean-us"}


def test_private_cloud_and_on_prem_take_no_public_api_price():
    for rung in (Rung.PRIVATE_CLOUD, Rung.ON_PREM):
        checked = _check(rung)
        assert not checked["qualifies"].any()
        assert checked["why_not"].str.contains("your own infrastructure").all()
    # A hyperscaler's endpoint runs in your tenancy: the private cloud rung takes it, on-prem does not.
    cloud = OFFERINGS_.assign(provider_kind=["cloud"] + ["host"] * (len(OFFERINGS_) - 1))
    assert check_offerings(cloud, POLICIES, Setting(Rung.PRIVATE_CLOUD), ENDPOINTS_)["qualifies"].tolist()[
        :2
    ] == [
        True,
        False,
    ]
    assert not check_offerings(cloud, POLICIES, Setting(Rung.ON_PREM), ENDPOINTS_)["qualifies"].any()


def test_region_rung_needs_a_known_region():
    with pytest.raises(ValueError, match="region"):
        Setting(Rung.REGION, "Mars")


def test_highest_api_rung_per_model():
    best = highest_api_rung(OFFERINGS_, POLICIES, "EU", ENDPOINTS_)
    assert best.to_dict() == {
        "closed-a": Rung.REGION,
        "closed-b": Rung.NO_RETENTION,
        "open-c": Rung.REGION,
        "open-d": Rung.PUBLIC_API,
        "open-e": Rung.PUBLIC_API,
        "open-f": Rung.NO_RETENTION,
        "open-g": Rung.PUBLIC_API,
    }


def _bundled(table):
    types = dict(table.columns)
    return csvio.read_csv(
        DATA / f"{table.name}.csv",
        table.column_names,
        booleans=[c for c, t in types.items() if t == "BOOLEAN"],
        numbers=[c for c, t in types.items() if t in ("DOUBLE", "BIGINT", "INTEGER")],
    )


def test_bundled_data_no_retention_in_the_eu():
    """On the bundled data: the EU rung leaves only known-clean providers processing in the EU."""
    offerings, policies = _bundled(OFFERINGS), _bundled(PROVIDER_POLICIES)
    checked = check_offerings(offerings, policies, Setting(Rung.REGION, "EU"), _bundled(ENDPOINTS))
    ok = checked[checked["qualifies"]]
    assert len(ok) > 0
    clean = policies[policies["trains_on_prompts"].eq(False) & policies["retains_prompts"].eq(False)]
    assert set(ok["provider"]) <= set(clean["provider"])
    unknown = set(policies.loc[policies["trains_on_prompts"].isna(), "provider"])
    assert not set(ok["provider"]) & unknown and "openrouter" in unknown
    # Anthropic's own API retains prompts 30 days: Claude stays in only through a cloud's EU endpoint.
    claude = checked[checked["model_id"].eq("claude-sonnet-4.5")].set_index("provider")
    assert claude.loc["anthropic", "why_not"] == "provider retains prompts 30 days"
    assert claude.loc["amazon-bedrock", "qualifies"]


# Prices for the hand-made offerings: every provider lists 1.00 in / 4.00 out; clean-us also runs an EU
# endpoint of open-c at 1.10 / 4.40 (a region priced apart, as Bedrock's eu-west-1 is).
PRICED = OFFERINGS_.assign(
    input_usd_per_mtok=1.0,
    output_usd_per_mtok=4.0,
    cached_input_usd_per_mtok=0.5,
    source="list",
    as_of=pd.Timestamp("2026-10-01"),
)
PRICED_ENDPOINTS = ENDPOINTS_.assign(
    input_usd_per_mtok=[1.0, 1.1, 1.0],
    output_usd_per_mtok=[4.0, 4.4, 4.0],
    as_of=pd.Timestamp("2026-08-22"),
)


def _allowed(setting: Setting, model_ids=("closed-a", "open-c", "open-d", "no-offering")):
    return allowed_api_offerings(PRICED, POLICIES, PRICED_ENDPOINTS, setting, list(model_ids))


def test_the_public_api_allows_every_price_as_listed():
    ok, why = _allowed(setting_for("any", "EU"))
    assert ok is PRICED and why.empty


def test_a_region_rung_uses_the_regions_own_price():
    ok, why = _allowed(setting_for("region", "EU"))
    assert set(zip(ok["model_id"], ok["provider"], strict=True)) == {
        ("closed-a", "clean-eu"),
        ("open-c", "clean-us"),
    }
    eu = ok.set_index("model_id").loc["open-c"]
    assert (eu["input_usd_per_mtok"], eu["output_usd_per_mtok"]) == (1.1, 4.4)
    assert (
        pd.isna(eu["cached_input_usd_per_mtok"]) and eu["source"] == "openrouter endpoint clean-us/eu-west-1"
    )
    # A provider processing in the EU by its datacenters keeps its list price.
    assert ok.set_index("model_id").loc["closed-a", "input_usd_per_mtok"] == 1.0
    assert PRICED["input_usd_per_mtok"].eq(1.0).all()  # the shared input frame is not changed


def test_why_no_api_names_each_providers_terms_and_unlisted_models():
    _, why = _allowed(setting_for("no-retention", "EU"))
    assert set(why.index) == {"open-d", "open-e", "open-g", "no-offering"}  # closed-a and open-c qualify
    assert why["open-e"].endswith("trains: provider may train on prompts")
    assert why["open-d"] == (
        "no API provider meets no training and no retention: unknown, half-known, not-in-policies: "
        f"provider terms {UNKNOWN_TERMS}"
    )
    assert why["no-offering"] == "no API offering listed, so none meets no training and no retention"
    _, why = _allowed(setting_for("region", "US"))
    assert why["closed-a"].startswith(
        "no API provider meets no training and no retention, processed in the US"
    )
    assert "clean-eu: processed outside the US (DE, FR)" in why["closed-a"]


def test_a_negotiated_price_is_under_its_providers_terms():
    mine = PRICED.iloc[[0]].assign(model_id="open-f", provider="clean-nowhere · your data")
    ok, _ = allowed_api_offerings(
        mine, POLICIES, PRICED_ENDPOINTS, setting_for("no-retention", "EU"), ["open-f"]
    )
    assert ok["provider"].tolist() == ["clean-nowhere · your data"]
