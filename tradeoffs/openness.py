"""Openness beyond the weights, as the European Open Source AI Index (osai-index.eu) rates it: each
dimension in plain words, a transparency score, and an "open-washing" note.

Input: the ``openness`` table (schema.OPENNESS): per model id the index's ratings 'open' / 'partial' /
'closed' on twelve dimensions; an empty rating means the index did not rate that dimension (not
applicable) and is left out, never read as closed. A model absent from the table is not rated: its
score is unknown (NaN), never 0. Pure pandas, no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# The index's dimensions (column → plain words), in its order: availability, then documentation, then access.
DIMENSIONS: dict[str, str] = {
    "datasources_basemodel": "base model training data",
    "datasources_endmodel": "end model (fine-tuning) data",
    "weights_basemodel": "base model weights",
    "weights_endmodel": "end model weights",
    "trainingcode": "training code",
    "code": "code documentation",
    "hardware_architecture": "hardware and architecture",
    "preprint": "preprint",
    "paper": "peer-reviewed paper",
    "modelcard": "model card",
    "datasheet": "datasheet",
    "licenses": "licence",
}
RATING_POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}  # the index's own points
TRAINING_DATA = ("datasources_basemodel", "datasources_endmodel")
LICENCE = "licenses"
OPEN_LICENCE_TIERS = (1, 2)  # OSI-approved licences (licence tiers 1 and 2): presented as open source
INDEX_NAME = "the European Open Source AI Index"
NOT_RATED = "not rated by the index"
NOT_RATED_SHORT = "not rated"  # a detail of a model the index has not rated (its summary says why)

TRANSPARENCY_FORMULA = (
    "The average, over the dimensions the European Open Source AI Index rates (up to 12: training data "
    "of the base and the end model, the weights of both, training code, code documentation, hardware "
    "and architecture, preprint, peer-reviewed paper, model card, datasheet, licence), of open 1 · "
    "partial 0.5 · closed 0 — the index's own points, each dimension weighing the same."
)
OPEN_WASHING_RULE = (
    "A model presented as open — open weights in the catalogue, or an OSI-approved licence — whose "
    "training data the index rates closed (every training-data dimension it rates is closed) or whose "
    "licence it rates closed."
)


def ratings(openness: pd.DataFrame) -> pd.DataFrame:
    """model_id × DIMENSIONS as points (open 1, partial 0.5, closed 0); NaN where the index has no rating."""
    table = openness.set_index("model_id") if "model_id" in openness.columns else openness
    return table[list(DIMENSIONS)].apply(lambda col: col.map(RATING_POINTS)).astype(float)


def transparency_scores(openness: pd.DataFrame) -> pd.Series:
    """model_id → the transparency score in [0, 1] (TRANSPARENCY_FORMULA); NaN when no dimension is rated.
    Models absent from ``openness`` are absent here: unknown, not 0."""
    return ratings(openness).mean(axis=1, skipna=True).rename("transparency")


def counts(row: pd.Series) -> dict[str, int]:
    """How many of the row's dimensions the index rates open, partial, closed, and in all ('rated')."""
    values = [row.get(k) for k in DIMENSIONS]
    out = {word: sum(v == word for v in values) for word in RATING_POINTS}
    return {**out, "rated": sum(out.values())}


def summary_text(row: pd.Series | None) -> str:
    """'5 open · 1 partial · 6 closed of 12 rated', or 'not rated by the index'."""
    if row is None:
        return NOT_RATED
    n = counts(row)
    if not n["rated"]:
        return NOT_RATED
    return f"{n['open']} open · {n['partial']} partial · {n['closed']} closed of {n['rated']} rated"


def rating_text(row: pd.Series | None, keys: tuple[str, ...], names: tuple[str, ...] = ()) -> str:
    """The ratings of ``keys`` in words: 'closed' when one key or all agree, else 'base model closed ·
    end model open' (``names`` label each key; the default is its plain words); 'not rated' per blank,
    and for a model the index has not rated (``row`` None)."""
    if row is None:
        return NOT_RATED_SHORT
    values = [row.get(k) if row.get(k) in RATING_POINTS else "not rated" for k in keys]
    if len(set(values)) == 1:
        return values[0]
    labels = names or tuple(DIMENSIONS[k] for k in keys)
    return " · ".join(f"{label} {value}" for label, value in zip(labels, values, strict=True))


def _presented_open(model: pd.Series) -> str | None:
    """How the catalogue presents the model as open ('Open weights', 'Its licence (MIT) is an OSI-approved
    licence'), or None."""
    tier = model.get("tier")
    osi = pd.notna(tier) and int(tier) in OPEN_LICENCE_TIERS
    if model.get("open_weights") is True or model.get("open_weights") is np.True_:
        return "Open weights" + (f" under {model.get('license_name')}" if osi else "")
    if osi:
        return f"An OSI-approved licence ({model.get('license_name')})"
    return None


def _closed_parts(rated: pd.Series) -> list[str]:
    """What the index rates closed among training data (all its rated data dimensions) and licence."""
    data = [rated.get(k) for k in TRAINING_DATA if rated.get(k) in RATING_POINTS]
    parts = ["training data"] if data and all(v == "closed" for v in data) else []
    return parts + (["licence"] if rated.get(LICENCE) == "closed" else [])


def open_washing_note(model: pd.Series, rated: pd.Series | None) -> str | None:
    """The OPEN_WASHING_RULE's sentence for a model (a catalogue row; the index's row or None), else None."""
    presented = _presented_open(model)
    closed = _closed_parts(rated) if rated is not None else []
    if presented is None or not closed:
        return None
    return f"{presented}, but {INDEX_NAME} rates its {' and '.join(closed)} closed: not open source."


def open_washing_check(model: pd.Series, rated: pd.Series | None) -> str:
    """The note when the rule applies, else why not: not rated, not presented as open, or nothing closed."""
    if rated is None or not counts(rated)["rated"]:
        return NOT_RATED
    if note := open_washing_note(model, rated):
        return note
    if _presented_open(model) is None:
        return "does not apply: not presented as open"
    return "none: the index rates its training data and licence at least partly open"


def by_model(openness: pd.DataFrame, model_ids) -> dict[str, pd.Series | None]:
    """model_id → the index's row for it (None when not rated), for each of ``model_ids``."""
    table = openness.set_index("model_id") if "model_id" in openness.columns else openness
    return {m: (table.loc[m] if m in table.index else None) for m in model_ids}
