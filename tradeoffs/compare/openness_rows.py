"""The Compare table's "Openness" rows: what the European Open Source AI Index rates open, partial or
closed for each model (training data, code, weights, licence, papers, documentation), its transparency
score and the open-washing check (tradeoffs/openness.py). Plain strings; "not rated by the index" where the
index has no row for the model."""

from __future__ import annotations

import pandas as pd

from tradeoffs import openness
from tradeoffs.compare.cells import Row, text_of
from tradeoffs.filtering import is_false

SECTION = "Openness"
# (row label, index dimensions, how each is named when their ratings differ)
DIMENSION_ROWS = (
    ("Training data", openness.TRAINING_DATA, ("base model", "end model")),
    ("Training code", ("trainingcode", "code"), ("code", "documentation")),
    ("Weights (as the index rates them)", ("weights_basemodel", "weights_endmodel"), ("base", "end model")),
    ("Papers", ("preprint", "paper"), ("preprint", "peer-reviewed paper")),
    (
        "Model card, datasheet",
        ("modelcard", "datasheet", "hardware_architecture"),
        ("model card", "datasheet", "architecture"),
    ),
)


def _rated_as(row: pd.Series | None) -> str:
    """'GPT-OSS 120B (gpt-oss family)': the family member the index rated, for a model joined by family."""
    if row is None:
        return openness.NOT_RATED_SHORT
    model, family = text_of(row.get("rated_model")), text_of(row.get("family"))
    return f"{model} ({family} family)" if model and family else model or family or openness.NOT_RATED


def _licence(row: pd.Series | None) -> str:
    """'partial · Apache 2.0': the index's rating of the licence, then the licence as the index names it."""
    if row is None:
        return openness.NOT_RATED_SHORT
    rating = openness.rating_text(row, (openness.LICENCE,))
    name = text_of(row.get("endmodel_license"))
    return f"{rating} · {name}" if name else rating


def _transparency(score: float, row: pd.Series | None, closed_weights: bool) -> str:
    """'0.46 (5 open, 1 partial of 12)', or why there is none."""
    if pd.isna(score):
        return openness.NOT_RATED_SHORT + (" (closed weights)" if closed_weights else "")
    n = openness.counts(row)
    return f"{score:.2f} ({n['open']} open, {n['partial']} partial of {n['rated']})"


def openness_rows(m: pd.DataFrame, index: pd.DataFrame | None) -> list[Row]:
    """The Openness rows for the catalogue rows ``m`` (by model_id) from the index's table (None: empty)."""
    index = index if index is not None else pd.DataFrame(columns=["model_id", *openness.DIMENSIONS])
    rated = openness.by_model(index, m.index)
    scores = openness.transparency_scores(index).reindex(m.index)
    per_model = lambda fn: pd.Series({k: fn(v) for k, v in rated.items()}, dtype=object)  # noqa: E731
    rows = [
        Row("Openness (index)", per_model(openness.summary_text)),
        Row("Rated by the index as", per_model(_rated_as)),
    ]
    for label, keys, names in DIMENSION_ROWS:
        rows.append(Row(label, per_model(lambda r, k=keys, n=names: openness.rating_text(r, k, n))))
    rows.append(Row("Licence (as the index rates it)", per_model(_licence)))
    closed = is_false(m["open_weights"])
    transparency = pd.Series(
        {k: _transparency(scores[k], rated[k], closed[k]) for k in m.index}, dtype=object
    )
    rows.append(Row("Transparency score", transparency, numbers=scores, better="max"))
    washing = pd.Series({k: openness.open_washing_check(m.loc[k], rated[k]) for k in m.index}, dtype=object)
    rows.append(Row("Open-washing check", washing))
    return rows
