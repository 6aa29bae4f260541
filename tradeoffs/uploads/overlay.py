"""An upload laid over the store's frames (same columns, same dtypes): its models and scores added, its
negotiated prices replacing the model's list prices, its GPU prices replacing the market index."""

from __future__ import annotations

import pandas as pd

from tradeoffs.uploads.rows import MARK, SOURCE, Upload

NEGOTIATED_KIND = "negotiated"  # provider_kind of a negotiated price at a provider the store does not list


def _typed(rows: list[dict], like: pd.DataFrame) -> pd.DataFrame:
    """``rows`` as a frame with ``like``'s columns and dtypes (absent columns missing)."""
    frame = pd.DataFrame(rows, columns=list(like.columns)) if rows else like.iloc[:0].copy()
    return frame.astype(like.dtypes.to_dict())


def _append(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return frame
    return pd.concat([frame, _typed(rows, frame)], ignore_index=True).astype(frame.dtypes.to_dict())


def models(models: pd.DataFrame, licences: pd.DataFrame, upload: Upload) -> pd.DataFrame:
    """The store's models (queries.load_models) with the uploaded ones: name + MARK, organisation "Your
    data", licence terms joined from ``licences``, everything the file does not say unknown."""
    terms = licences.set_index("license_id")
    rows = []
    for m in upload.models:
        term = terms.loc[m.license_id] if m.license_id in terms.index else None
        rows.append(
            {
                "model_id": m.model_id,
                "name": m.name + MARK,
                "organization": "Your data",
                "open_weights": m.open_weights,
                "license_id": m.license_id,
                "params_total_b": m.params_total_b,
                "params_active_b": m.params_active_b,
                "status": "active",
                "params_source": SOURCE if m.params_total_b is not None else None,
                "license_source": SOURCE if m.license_id else None,
                **({} if term is None else _licence_columns(term)),
            }
        )
    return _append(models, rows).sort_values("model_id", kind="stable", ignore_index=True)


def _licence_columns(term: pd.Series) -> dict:
    return {
        "license_name": term["name"],
        "tier": term["tier"],
        "commercial_use": term["commercial_use"],
        "osi_approved": term["osi_approved"],
        "license_conditions": term["conditions"],
        "license_url": term["url"],
    }


def scores(scores: pd.DataFrame, upload: Upload, as_of: str) -> pd.DataFrame:
    """The store's scores (queries.load_scores) with the uploaded models' own (self-reported, ``as_of``)."""
    rows = [
        {
            "model_id": m.model_id,
            "benchmark": b,
            "score": s,
            "source": SOURCE,
            "as_of": pd.Timestamp(as_of),
            "independent": False,
        }
        for m in upload.models
        for b, s in m.scores
    ]
    return _append(scores, rows)


def offerings(offerings: pd.DataFrame, upload: Upload, as_of: str) -> pd.DataFrame:
    """The store's offerings (queries.load_offerings) where every model with a negotiated price has that
    price alone (provider + MARK, trusted): what you pay replaces the list prices."""
    negotiated = {p.model_id: p for p in upload.prices}
    if not negotiated:
        return offerings
    listed = offerings[offerings["model_id"].isin(list(negotiated))]
    rows = [_offering(p, listed[listed["model_id"] == p.model_id], as_of) for p in negotiated.values()]
    kept = offerings[~offerings["model_id"].isin(list(negotiated))]
    return _append(kept, rows).sort_values(["model_id", "provider"], kind="stable", ignore_index=True)


def _offering(p, listed: pd.DataFrame, as_of: str) -> dict:
    """One negotiated price; kind and context from the provider's listing when it has one (so a cloud's
    negotiated price still counts as a cloud endpoint)."""
    same = listed[listed["provider"].str.lower() == p.provider.lower()]
    context = listed["context_tokens"].dropna()
    return {
        "model_id": p.model_id,
        "provider": p.provider + MARK,
        "input_usd_per_mtok": p.input_usd_per_mtok,
        "output_usd_per_mtok": p.output_usd_per_mtok,
        "context_tokens": context.max() if len(context) else None,
        "first_party": bool(same["first_party"].any()) if len(same) else False,
        "provider_kind": str(same["provider_kind"].iloc[0]) if len(same) else NEGOTIATED_KIND,
        "trusted": True,
        "source": SOURCE,
        "as_of": pd.Timestamp(as_of),
    }


def gpus(gpus: pd.DataFrame, upload: Upload, as_of: str) -> pd.DataFrame:
    """The store's GPU table with your $/GPU-hour in place of the market index of each uploaded GPU
    (the index row is the one the self-hosting estimate prices by; see costs.hardware)."""
    if not upload.gpus:
        return gpus
    out = gpus.copy()
    for g in upload.gpus:
        index = (out["gpu"] == g.gpu) & (out["segment"] == "index")
        out.loc[index, ["usd_per_gpu_hour", "provider", "source"]] = [
            g.usd_per_gpu_hour,
            "Your price",
            SOURCE,
        ]
        out.loc[index, "as_of"] = pd.Timestamp(as_of)
    return out.astype(gpus.dtypes.to_dict())
