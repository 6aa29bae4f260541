"""The price of a fixed quality over time, and one model's price history.

For a bar b on a benchmark and a month m (its last day e): among the models scoring at least b (the
catalog's score) that were released by e (an unknown release date does not exclude a model that has a
price), the cheapest trusted list price, in $ per 1M tokens blended at the input share s:

    price(m) = min over models ≥ b, trusted sellers p of  s·in(p, e) + (1 − s)·out(p, e)

where in/out(p, e) is the newest ``price_history`` price of that model × seller on or before e (a price
holds until the next one is recorded). A month with no such price is unknown (NaN), never 0; a price of
0 is not a list price and is left out. Trusted sellers: the model × provider pairs the app may quote
(see costs.api.contractable_offerings), which the history's rows are matched to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs.costs.api import blended_usd_per_mtok

PRICE_COLUMNS = ["month", "usd_per_mtok", "model_id", "name", "provider"]


def trusted_history(price_history: pd.DataFrame, offerings: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``price_history`` whose model × provider is among ``offerings`` (the trusted ones)."""
    pairs = offerings[["model_id", "provider"]].drop_duplicates()
    return price_history.merge(pairs, on=["model_id", "provider"], how="inner")


def prices_on(history: pd.DataFrame, day: pd.Timestamp, input_share: float) -> pd.DataFrame:
    """Per model × provider, the newest price on or before ``day`` blended at ``input_share``: columns
    model_id, provider, as_of, usd_per_mtok (a positive number; same-day quotes of several sources: the
    lowest)."""
    known = history[pd.to_datetime(history["as_of"]) <= day]
    blended = blended_usd_per_mtok(
        input_share, known["input_usd_per_mtok"].to_numpy(), known["output_usd_per_mtok"].to_numpy()
    )
    known = known.assign(usd_per_mtok=blended, as_of=pd.to_datetime(known["as_of"]))
    known = known[known["usd_per_mtok"] > 0].sort_values(["as_of", "usd_per_mtok"], ascending=[False, True])
    return known.drop_duplicates(["model_id", "provider"])[["model_id", "provider", "as_of", "usd_per_mtok"]]


def month_ends(first: pd.Timestamp, until: pd.Timestamp) -> pd.DatetimeIndex:
    """The last day of every month from ``first``'s through ``until``'s (``until`` closes the last one)."""
    ends = pd.date_range(first.to_period("M").to_timestamp(), until, freq="ME")
    return ends.append(pd.DatetimeIndex([until])).unique() if until not in ends else ends


def price_of_quality(
    history: pd.DataFrame,
    catalog: pd.DataFrame,
    score_col: str,
    bar: float,
    days: pd.DatetimeIndex,
    input_share: float,
) -> pd.DataFrame:
    """Per day of ``days``: the cheapest trusted blended price among models scoring ≥ ``bar`` (see the
    module docstring); columns PRICE_COLUMNS with ``month`` as "YYYY-MM", NaN / "" where unknown."""
    scores = catalog[score_col] if score_col in catalog else pd.Series(dtype=float)
    good = scores[scores >= bar].index
    released = pd.to_datetime(catalog["release_date"]).reindex(good)
    rows = history[history["model_id"].isin(good)]
    out = []
    for day in days:
        ok = released[~(released > day).fillna(False).astype(bool)].index
        now = prices_on(rows[rows["model_id"].isin(ok)], day, input_share)
        if now.empty:
            out.append((day.strftime("%Y-%m"), np.nan, "", "", ""))
            continue
        best = now.loc[now["usd_per_mtok"].idxmin()]
        name = catalog.at[best["model_id"], "name"]
        out.append(
            (day.strftime("%Y-%m"), float(best["usd_per_mtok"]), best["model_id"], name, best["provider"])
        )
    return pd.DataFrame(out, columns=PRICE_COLUMNS)


@dataclass(frozen=True)
class PriceChange:
    """The first known and the latest price of a quality (months "YYYY-MM", $ per 1M tokens)."""

    first_month: str
    first_usd_per_mtok: float
    last_month: str
    last_usd_per_mtok: float

    @property
    def times_cheaper(self) -> float:
        return self.first_usd_per_mtok / self.last_usd_per_mtok


def price_change(prices: pd.DataFrame) -> PriceChange | None:
    """First known month's price and the last month's (None when no month, or the last month, is known)."""
    known = prices.dropna(subset=["usd_per_mtok"])
    if known.empty or pd.isna(prices["usd_per_mtok"].iloc[-1]):
        return None
    first, last = known.iloc[0], prices.iloc[-1]
    return PriceChange(first["month"], first["usd_per_mtok"], last["month"], last["usd_per_mtok"])


def model_price_history(history: pd.DataFrame, model_id: str, input_share: float) -> pd.DataFrame:
    """One model's recorded prices: as_of, provider, source, input/output and blended $ per 1M tokens,
    oldest first (what the per-provider lines plot)."""
    rows = history[history["model_id"] == model_id]
    blended = blended_usd_per_mtok(
        input_share, rows["input_usd_per_mtok"].to_numpy(), rows["output_usd_per_mtok"].to_numpy()
    )
    out = rows.assign(usd_per_mtok=blended, as_of=pd.to_datetime(rows["as_of"]))
    return out.sort_values(["as_of", "provider"])[
        ["as_of", "provider", "source", "input_usd_per_mtok", "output_usd_per_mtok", "usd_per_mtok"]
    ].reset_index(drop=True)
