"""API cost: list prices per offering, which offerings a company would contract, the cheapest of them.

V = tokens per month, s = input share of tokens, k = share of input billed at a cached price.
  effective input price  p_in' = (1 − k)·p_in + k·p_cached if a cached price exists, else p_in
  blended list price     p = s·p_in' + (1 − s)·p_out                               [$ per M tokens]
  API cost               A(V) = V · p / 1e6, linear in volume                      [$ per month]
A missing price gives NaN, never a made-up number.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd


def floats(values: Any) -> np.ndarray:
    """Float array with NaN for anything missing (None, pd.NA, text)."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):  # pd.NA or text somewhere: the slow, forgiving path
        flat = pd.to_numeric(pd.Series(np.ravel(np.asarray(values, dtype=object))), errors="coerce")
        return flat.to_numpy(dtype=float, na_value=np.nan).reshape(np.shape(values))


def value(x: Any) -> float:
    return math.nan if x is None or pd.isna(x) else float(x)


def _weighted(weight: Any, price: Any) -> np.ndarray:
    # A price that carries no weight cannot make the total unknown (0 × missing = 0).
    weight, price = np.asarray(weight, float), floats(price)
    return np.where(weight == 0, 0.0, weight * price)


def check_volume(tokens_per_month: Any = 0.0, *shares: Any) -> None:
    if np.any(~(np.asarray(tokens_per_month, float) >= 0)):
        raise ValueError(f"tokens_per_month must be ≥ 0, got {tokens_per_month}")
    if any(np.any(~((np.asarray(s, float) >= 0) & (np.asarray(s, float) <= 1))) for s in shares):
        raise ValueError(f"shares must be between 0 and 1, got {shares}")


def blended_usd_per_mtok(
    input_share,
    input_usd_per_mtok,
    output_usd_per_mtok,
    cached_input_usd_per_mtok=None,
    cached_input_share=0.0,
):
    """List price in $ per million tokens at this mix; NaN where a needed price is missing."""
    check_volume(0.0, input_share, cached_input_share)
    price_in, cached = floats(input_usd_per_mtok), floats(cached_input_usd_per_mtok)
    mixed_in = _weighted(1 - cached_input_share, price_in) + _weighted(cached_input_share, cached)
    price_in = np.where(np.isnan(cached), price_in, mixed_in)  # no cache price: full price for all input
    blended = _weighted(input_share, price_in) + _weighted(1 - input_share, output_usd_per_mtok)
    return float(blended) if np.ndim(blended) == 0 else blended


def api_cost_usd_per_month(
    tokens_per_month,
    input_share,
    input_usd_per_mtok,
    output_usd_per_mtok,
    cached_input_usd_per_mtok=None,
    cached_input_share=0.0,
):
    """API bill in $ per month = volume × blended price / 1e6; NaN when a needed price is missing."""
    check_volume(tokens_per_month)
    price = blended_usd_per_mtok(
        input_share, input_usd_per_mtok, output_usd_per_mtok, cached_input_usd_per_mtok, cached_input_share
    )
    cost = np.asarray(tokens_per_month, float) * price / 1e6
    return float(cost) if np.ndim(cost) == 0 else cost


def contractable_offerings(offerings: pd.DataFrame, include_resellers: bool = False) -> pd.DataFrame:
    """Offerings a company would contract: the trusted ones (the lab's own price, a cloud's, or an
    established host's for open weights; see ingest.price_checks.trusted_offering). Routers' and unverified
    resellers' quotes (one lists Claude Opus at 1/7 of Anthropic's price) only with ``include_resellers``."""
    if include_resellers:
        return offerings
    return offerings[offerings["trusted"].eq(True).fillna(False).astype(bool)]


def cheapest_offerings(
    offerings: pd.DataFrame, input_share: float, cached_input_share: float = 0.0
) -> pd.DataFrame:
    """One row per model_id: its cheapest offering at this mix (with provider, blended_usd_per_mtok);
    ties go to the first party. A model whose offerings all lack a price keeps one row, with a NaN
    price. Pass contractable offerings (``contractable_offerings``)."""
    blended = blended_usd_per_mtok(
        input_share,
        offerings["input_usd_per_mtok"],
        offerings["output_usd_per_mtok"],
        offerings["cached_input_usd_per_mtok"],
        cached_input_share,
    )
    first = offerings["first_party"].eq(True) if "first_party" in offerings else False
    ranked = (
        offerings.assign(blended_usd_per_mtok=blended, _third=~first)
        .sort_values(
            ["model_id", "blended_usd_per_mtok", "_third", "provider"], na_position="last", kind="stable"
        )
        .drop(columns="_third")
    )
    return ranked.drop_duplicates("model_id").reset_index(drop=True)


def first_party_offerings(offerings: pd.DataFrame) -> pd.DataFrame:
    """Offerings sold by the lab that made the model (first_party true; unknown counts as false)."""
    return offerings[offerings["first_party"].eq(True).fillna(False).astype(bool)]


def api_costs(
    models: pd.DataFrame,
    offerings: pd.DataFrame,
    tokens_per_month: float,
    input_share: float,
    cached_input_share: float = 0.0,
) -> pd.DataFrame:
    """Monthly cost of every model (rows with model_id) at its cheapest offering in ``offerings`` (pass
    contractable ones). Indexed by model_id: monthly_usd, blended_usd_per_mtok, cost_basis ('api:
    <provider>'), provider, feasible, cost_note (why a cost is missing; '' when fine)."""
    check_volume(tokens_per_month, input_share)
    index = pd.Index(models["model_id"], name="model_id")
    mine = offerings[offerings["model_id"].isin(index)]
    best = cheapest_offerings(mine, input_share, cached_input_share).set_index("model_id").reindex(index)
    blended = floats(best["blended_usd_per_mtok"])
    priced = ~np.isnan(blended)
    provider = best["provider"].astype("string").where(priced)
    # A quote the user let in from a router or an unverified reseller says so wherever it is shown.
    resale = best["provider_kind"].isin(["router", "reseller"]) if "provider_kind" in best else False
    marked = provider + np.where(resale, " (reseller quote)", "")
    return pd.DataFrame(
        {
            "monthly_usd": tokens_per_month * blended / 1e6,
            "blended_usd_per_mtok": blended,
            "cost_basis": "api: " + marked,
            "provider": provider,
            "feasible": priced,
            "cost_note": np.where(priced, "", "no API price"),
        },
        index=index,
    )
