"""Cached cost loaders: API prices the privacy ladder allows, self-hosting estimates, and the monthly
cost of every model under a view's constraints, keyed on the data version like loaders.py (whose store,
catalog, offerings and reference tables they read)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tradeoffs import hosting, privacy
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs import hardware, selfhost
from tradeoffs.ui import loaders
from tradeoffs.ui.shared import assumption_items


@st.cache_resource(max_entries=16, show_spinner=False)
def _hardware(version: str, items: tuple) -> hardware.Hardware:
    """The GPU as assumed: once per data version and assumptions, not per volume."""
    return hardware.hardware(
        loaders.reference_of(version, "gpus"), cost_assumptions.assumptions_from_dict(dict(items))
    )


@dataclass(frozen=True)
class Access:
    """How the models may be reached: the deployment rung, its region, the hosts whose prices count."""

    deployment: str
    region: str
    resellers: bool
    full_precision: bool

    @classmethod
    def of(cls, c: Constraints) -> Access:
        return cls(c.deployment, c.region, c.include_resellers, c.full_precision)


@st.cache_resource(max_entries=64, show_spinner=False)
def _costs(version: str, tokens: int, input_share: float, access: Access, items: tuple) -> pd.DataFrame:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    api_cost.check_volume(tokens, input_share)
    parts = []
    if access.deployment != "on-prem":  # on a private cloud: closed models through a hyperscaler endpoint
        unit = _api_unit_costs(version, input_share, access, a.cached_input_share)
        parts.append(unit.assign(monthly_usd=unit["blended_usd_per_mtok"].to_numpy() * tokens / 1e6))
    if access.deployment in ("private-cloud", "on-prem"):  # open models in your VPC or on your servers
        models = loaders.catalog_of(version).reset_index()
        if access.deployment == "private-cloud":
            models = models[models["open_weights"].eq(True).fillna(False)]
        hw = _hardware(version, items)
        own = selfhost.self_host_costs(models, hw, tokens, input_share, a)
        parts.append(own.join(_price_sources(loaders.offerings_of(version, access.resellers), own, hw)))
    return pd.concat(parts) if len(parts) > 1 else parts[0]


@st.cache_resource(max_entries=16, show_spinner=False)
def _api_offerings(version: str, access: Access) -> tuple[pd.DataFrame, pd.Series]:
    """(the offerings whose price the access allows, at a region's own price where one is set, without
    hosts known to serve reduced precision when the access prefers full precision; per model with
    none, why not in words: the providers' terms)."""
    offerings, why_not = loaders.offerings_of(version, access.resellers), pd.Series(dtype=object)
    if access.deployment == "private-cloud":
        offerings = offerings[offerings["provider_kind"] == "cloud"]
    else:
        offerings, why_not = privacy.allowed_api_offerings(
            offerings,
            loaders.reference_of(version, "provider_policies"),
            loaders.reference_of(version, "endpoints"),
            privacy.setting_for(access.deployment, access.region),
            loaders.catalog_of(version).index,
        )
    if access.full_precision:
        endpoints = loaders.reference_of(version, "endpoints")
        offerings = hosting.prefer_full_precision(offerings, endpoints, loaders.catalog_of(version))
    return offerings, why_not


def load_price_offerings(c: Constraints) -> pd.DataFrame:
    """The offerings the cost views and exports price API options from: on-prem every one (an API is
    drawn there as a reference only), else those the deployment rung allows (load_api_offerings)."""
    return loaders.load_offerings(c.include_resellers) if c.deployment == "on-prem" else load_api_offerings(c)


def load_api_offerings(c: Constraints) -> pd.DataFrame:
    """The offerings whose prices the constraints' deployment rung allows (regional prices applied)."""
    return _api_offerings(loaders.data_version(), Access.of(c))[0]


@st.cache_resource(max_entries=32, show_spinner=False)
def _api_unit_costs(version: str, input_share: float, access: Access, cached_share: float) -> pd.DataFrame:
    """API costs and their price sources at 1M tokens a month, plus ``api_rung_fail`` (why no provider
    meets the rung, or NaN). Only ``monthly_usd`` depends on the volume, linearly: a volume change
    rescales it instead of choosing every cheapest offering again."""
    models = loaders.catalog_of(version).reset_index()
    offerings, why_not = _api_offerings(version, access)
    if access.deployment == "private-cloud":
        models = models[~models["open_weights"].eq(True).fillna(False)]
    out = api_cost.api_costs(models, offerings, 1e6, input_share, cached_share)
    out = out.join(_price_sources(offerings, out)).assign(api_rung_fail=why_not.reindex(out.index))
    note = out["api_rung_fail"].notna()
    out.loc[note, "cost_note"] = out.loc[note, "api_rung_fail"]
    return out


def _price_sources(
    offerings: pd.DataFrame, out: pd.DataFrame, hw: hardware.Hardware | None = None
) -> pd.Series:
    """Where each cost's price came from, with its date (one join: a lookup per model was most of a
    volume change)."""
    keyed = offerings.drop_duplicates(["model_id", "provider"])[["model_id", "provider", "source", "as_of"]]
    priced = out["provider"].dropna().rename_axis("model_id").reset_index()
    found = priced.merge(keyed, on=["model_id", "provider"], how="inner")
    dated = [f"{src}, {str(day)[:10]}" for src, day in zip(found["source"], found["as_of"], strict=True)]
    text = dict(zip(found["model_id"], dated, strict=True))
    if hw is not None:  # self-hosted rows: the GPU price's source
        self_hosted = out["cost_basis"].fillna("").str.startswith("self-host")
        where = f"GPU price: {hw.price_source}{', ' + hw.price_as_of if hw.price_as_of else ''}"
        text.update(dict.fromkeys(out.index[self_hosted], where))
    return pd.Series(text, name="price_source", dtype=object)


def load_costs(c: Constraints, assumptions: cost_assumptions.CostAssumptions) -> pd.DataFrame:
    """Per model: monthly_usd, blended_usd_per_mtok, cost_basis, provider, feasible, cost_note,
    price_source, and on an API rung of the privacy ladder api_rung_fail (why no provider meets it)."""
    items = assumption_items(assumptions)
    return _costs(loaders.data_version(), int(c.volume_tokens), float(c.input_share), Access.of(c), items)
