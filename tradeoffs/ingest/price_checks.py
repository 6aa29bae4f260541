"""Which prices the app may quote: trusted sellers, and quotes held back or left out as implausible.

Three checks, each with a warning naming the model, the provider and the numbers: a closed model's
quote under its lab's list price is held back; a quote over OUTLIER_FACTOR× below the median of the
model's other providers is left out (a unit slip); one HOLD_BACK_FACTOR× below is held back for
review (shown only with resellers' quotes). Held back = ``trusted`` false, still stored.
"""

from __future__ import annotations

import pandas as pd

from tradeoffs.quality import LIST_PRICE_TOLERANCE

HOLD_BACK_FACTOR = 5.0  # a trusted quote this many times below its peers' median waits for review


def _blended(offers: pd.DataFrame) -> pd.Series:
    """Price per 1M tokens at 75 % input, a missing side counted as free."""
    return 0.75 * offers["input_usd_per_mtok"].fillna(0) + 0.25 * offers["output_usd_per_mtok"].fillna(0)


def trusted_offering(first_party: pd.Series, kind: pd.Series, open_weights: pd.Series) -> pd.Series:
    """A price a careful analyst would quote: the lab's own, a cloud's, or a host's for open weights.

    A host or another lab listing a closed model can only be reselling someone's API; routers and
    resellers are never trusted (the app shows them only when the user opts in)."""
    return first_party | kind.eq("cloud") | (kind.isin(["host", "lab"]) & open_weights)


def hold_back_below_list(offers: pd.DataFrame, open_weights: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    """A closed model's quote under its lab's own list price is not trusted, with a warning.

    Clouds list the lab's price; one below it is a slip of the source (a catalogue listing Claude
    Opus 4 at Opus 4.5's price) or a promotion, not the number to plan on."""
    blended = 0.75 * offers["input_usd_per_mtok"] + 0.25 * offers["output_usd_per_mtok"]
    lab = blended[offers["first_party"]].groupby(offers["model_id"]).min()
    below = (
        offers["trusted"]
        & ~offers["first_party"]
        & ~open_weights
        & (blended < offers["model_id"].map(lab) * (1 - LIST_PRICE_TOLERANCE)).fillna(False)
    )
    warnings = [
        f"{r.model_id}: {r.provider} lists ${b:.4g} per 1M tokens, below the lab's own "
        f"${lab[r.model_id]:.4g}; not used unless resellers' quotes are included"
        for r, b in zip(offers[below].itertuples(), blended[below], strict=True)
    ]
    return offers.assign(trusted=offers["trusted"] & ~below), warnings


OUTLIER_FACTOR = 10.0  # a price this many times below the model's median elsewhere is a unit slip
OUTLIER_MIN_PEERS = 3


def drop_price_outliers(offers: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Leave out prices far below every other provider's for the same model, with a warning.

    Such a quote (models.dev lists one host's speech model at $0.0023 per 1M tokens against
    $0.10–0.15 elsewhere) would otherwise be "the cheapest offering" on every chart.
    """
    blended = _blended(offers)
    median = blended.groupby(offers["model_id"]).transform("median")
    peers = blended.groupby(offers["model_id"]).transform("size") - 1
    low = (peers >= OUTLIER_MIN_PEERS) & (blended * OUTLIER_FACTOR < median)
    warnings = [
        f"{r.model_id}: {r.provider} lists ${b:.4g} per 1M tokens, over {OUTLIER_FACTOR:.0f}× below the "
        f"median of its other providers (${m:.4g}); left out of the prices"
        for r, b, m in zip(offers[low].itertuples(), blended[low], median[low], strict=True)
    ]
    return offers[~low], warnings


def hold_back_cheap_quotes(offers: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A trusted quote HOLD_BACK_FACTOR× or more below the median of the model's other providers is
    not used by default (Hyperbolic's Llama 3.1 405B at $0.165 against a $1.50 median)."""
    blended = _blended(offers)
    median = blended.groupby(offers["model_id"]).transform("median")
    peers = blended.groupby(offers["model_id"]).transform("size") - 1
    cheap = offers["trusted"] & (peers >= OUTLIER_MIN_PEERS) & (blended * HOLD_BACK_FACTOR < median)
    warnings = [
        f"{r.model_id}: {r.provider} lists ${b:.4g} per 1M tokens, over {HOLD_BACK_FACTOR:.0f}× below the "
        f"median of its other providers (${m:.4g}); held back for review, used only with resellers' quotes"
        for r, b, m in zip(offers[cheap].itertuples(), blended[cheap], median[cheap], strict=True)
    ]
    return offers.assign(trusted=offers["trusted"] & ~cheap), warnings
