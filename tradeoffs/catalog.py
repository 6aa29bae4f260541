"""The candidates table: one row per model with everything the filters, charts and scorecard need.

Built from the store's tables (see queries.py) by pure pandas, so that tests and the brief export
can make one without Streamlit. Scores become ``score__<benchmark>`` columns (with
``as_of__``/``source__``); missing stays missing.
"""

from __future__ import annotations

import pandas as pd

SCORE_PREFIX = "score__"


def score_column(benchmark: str) -> str:
    return f"{SCORE_PREFIX}{benchmark}"


def build_catalog(models: pd.DataFrame, hosting: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Models × hosting counts × wide scores, indexed by model_id."""
    # One pivot per field, so each keeps its dtype (scores float, dates datetime): a joint pivot
    # makes every column object and breaks numeric work such as nlargest.
    parts = []
    for field in ("score", "as_of", "source", "ci_low", "ci_high", "independent"):
        if field in scores:
            part = scores.pivot(index="model_id", columns="benchmark", values=field)
            parts.append(part.set_axis([f"{field}__{b}" for b in part.columns], axis=1))
    wide = pd.concat(parts, axis=1) if parts else pd.DataFrame()
    out = models.set_index("model_id").join(hosting.set_index("model_id")).join(wide)
    out["n_hosts"] = out["n_hosts"].fillna(0).astype(int)
    out["n_sellers"] = out["n_sellers"].fillna(0).astype(int)
    out["n_offerings"] = out["n_offerings"].fillna(0).astype(int)
    out["on_hyperscaler"] = out["on_hyperscaler"].fillna(False).astype(bool)
    out["access"] = out["open_weights"].map({True: "Open weights", False: "Closed"}).fillna("Unknown")
    # Unknown modalities stay unknown (NA), so "must take images" never counts them as a yes or a no.
    has_vision = out["modalities"].fillna("").str.contains("image").astype("boolean")
    out["has_vision"] = has_vision.mask(out["modalities"].isna())
    return as_python_text(out)


def as_python_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python strings (object dtype, missing = None) instead of pandas' Arrow-backed
    ``str``: every row selection of the catalog copies its ~40 text columns, and an Arrow ``take``
    per column cost most of a rerun under load (py-spy). Missing text stays missing."""
    text = [c for c in df.columns if isinstance(df[c].dtype, pd.StringDtype)]
    return df.astype(dict.fromkeys(text, object)).pipe(_none_for_missing, text) if text else df


def _none_for_missing(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return df.assign(**{c: df[c].where(df[c].notna(), None) for c in columns})


def coverage_by_access(catalog: pd.DataFrame, offerings: pd.DataFrame) -> pd.DataFrame:
    """Per kind of weights (index ``Weights``): models, and how many have a price, a score, both."""
    priced = catalog.index.isin(offerings["model_id"])
    scored = catalog.filter(like=SCORE_PREFIX).notna().any(axis=1).to_numpy()
    cover = catalog.assign(priced=priced, scored=scored, both=priced & scored)
    by_access = cover.groupby("access")
    counts = by_access[["priced", "scored", "both"]].sum().assign(models=by_access.size())
    counts.index.name = "Weights"
    return counts[["models", "priced", "scored", "both"]]
