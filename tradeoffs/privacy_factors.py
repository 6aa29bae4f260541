"""The privacy and transparency factors' scores (formulas in factors.FACTORS): how privately each model
can be run, from the privacy ladder (tradeoffs/privacy.py), and how open it is beyond its weights, from the
European Open Source AI Index (tradeoffs/openness.py). Pure: the page passes the ladder's rungs and the
index's scores in as plain Series (``PrivacyFacts``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs import openness
from tradeoffs.privacy import Rung

# Privacy: how far from the public internet the model can run (privacy.Rung, least to most private).
PRIVACY_BY_RUNG = {
    Rung.PUBLIC_API: 0.0,  # or the provider's terms are unknown (treated as may retain and train)
    Rung.NO_RETENTION: 0.25,
    Rung.REGION: 0.5,
    Rung.PRIVATE_CLOUD: 0.75,  # closed, offered on a hyperscaler inside your cloud account
    Rung.ON_PREM: 1.0,  # open weights
}
CLOSED_TRANSPARENCY = 0.0  # closed weights, which the index does not rate: see the transparency formula


@dataclass(frozen=True)
class PrivacyFacts:
    """What the privacy and transparency factors read besides the catalogue: plain Series by model id
    (built by the page from the privacy ladder and the openness index; absent ids are unknown)."""

    api_rung: pd.Series  # strictest privacy.Rung an API offering reaches in ``region`` (highest_api_rung)
    transparency: pd.Series  # the index's transparency score in [0, 1] (openness.transparency_scores)
    index_summary: pd.Series  # '5 open · 1 partial · 6 closed of 12 rated' (openness.summary_text)
    region: str = "EU"

    @classmethod
    def of(cls, index: pd.DataFrame, api_rung: pd.Series, region: str) -> PrivacyFacts:
        """From the openness table (``index``, one row per rated model) and the ladder's rungs."""
        table = index.set_index("model_id") if "model_id" in index.columns else index
        summaries = table.apply(openness.summary_text, axis=1) if len(table) else pd.Series(dtype=object)
        return cls(api_rung, openness.transparency_scores(table), summaries.astype(object), region)

    @classmethod
    def empty(cls) -> PrivacyFacts:
        """No provider terms and no index ratings: every API is public, every transparency unknown."""
        return cls(pd.Series(dtype=object), pd.Series(dtype=float), pd.Series(dtype=object))


def _as_float(values: pd.Series) -> pd.Series:
    """Nullable booleans as floats: True 1, False 0, unknown NaN."""
    return values.astype("boolean").astype("Float64").astype(float)


def privacy_score(m: pd.DataFrame, api_rung: pd.Series) -> pd.Series:
    """PRIVACY_BY_RUNG of the most private way to run each model: open weights on-prem; a closed model
    the best of a hyperscaler's private endpoint and its API offerings' rung (none known: public)."""
    open_ = _as_float(m["open_weights"])
    rung = api_rung.reindex(m.index).map(lambda r: PRIVACY_BY_RUNG[Rung(r)], na_action="ignore")
    api = rung.astype(float).fillna(PRIVACY_BY_RUNG[Rung.PUBLIC_API])
    cloud = np.where(m["on_hyperscaler"].astype(bool), PRIVACY_BY_RUNG[Rung.PRIVATE_CLOUD], 0.0)
    closed = np.maximum(api.to_numpy(), cloud)
    return open_.where(open_.isna() | open_.eq(1), closed)


def transparency_score(m: pd.DataFrame, transparency: pd.Series) -> pd.Series:
    """The index's transparency score; CLOSED_TRANSPARENCY for an unrated closed model; else unknown."""
    score = transparency.reindex(m.index).astype(float)
    return score.mask(score.isna() & _as_float(m["open_weights"]).eq(0), CLOSED_TRANSPARENCY)
