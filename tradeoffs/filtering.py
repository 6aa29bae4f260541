"""Which models pass the constraints, and in words why each other model does not.

Each rule looks at one column of the candidates table and, for the models it rejects, writes a
short reason a strategy lead understands ("license: non-commercial (CC-BY-NC-4.0)", "no open
weights, but on-prem is required", "context 8K < 32K"). Unknown data is a reason of its own
("context unknown"), never a silent pass or a silent zero.
"""

from __future__ import annotations

import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.constraints import Constraints, format_count

NEED_LABELS = {
    "tools": "tool calling",
    "vision": "image input",
    "json": "structured output",
    "reasoning": "reasoning mode",
    "finetune": "fine-tuning",
}


def _no_reason(df: pd.DataFrame) -> pd.Series:
    return pd.Series(None, index=df.index, dtype=object)


def _license_reasons(df: pd.DataFrame, c: Constraints) -> pd.Series:
    reason = _no_reason(df)
    name = df["license_name"].fillna("unknown licence")
    if c.license == "commercial":
        banned = df["commercial_use"].eq("no")
        reason[banned] = "license: non-commercial (" + name[banned] + ")"
        reason[df["commercial_use"].isna()] = "license unknown"
    elif c.license == "osi":
        not_osi = ~df["osi_approved"].eq(True)
        reason[not_osi] = "license: not OSI-approved (" + name[not_osi] + ")"
    return reason


def _deployment_reasons(df: pd.DataFrame, c: Constraints) -> pd.Series:
    open_ = df["open_weights"]
    if c.deployment == "on-prem":
        reason = open_.map({True: None, False: "no open weights, but on-prem is required"})
        return reason.where(open_.notna(), "open weights unknown, but on-prem is required")
    if c.deployment == "private-cloud":
        ok = open_.eq(True) | df["on_hyperscaler"].astype(bool)
        return ok.map(
            {True: None, False: "closed, and not offered on a private cloud (Bedrock, Azure, Vertex)"}
        )
    return _no_reason(df)


def _threshold(values: pd.Series, minimum, label: str, fmt, *, missing_text: str) -> pd.Series:
    """Reason where ``values`` < ``minimum`` ("<label> <v> < <min>") or unknown (``missing_text``)."""
    if minimum is None or minimum == 0:
        return _no_reason(values)
    missing = values.isna()
    low = values < minimum
    text = values.map(lambda v: f"{label} {fmt(v)} < {fmt(minimum)}" if pd.notna(v) else None)
    return text.where(low, None).where(~missing, missing_text)


def _size_reasons(df: pd.DataFrame, c: Constraints, costs: pd.DataFrame) -> pd.Series:
    if c.max_params_b is None:
        return _no_reason(df)
    size = df["params_total_b"]
    hardware = costs["cost_basis"].reindex(df.index).fillna("").str.extract(r"self-host: (.*)")[0]
    too_big = df["open_weights"].eq(True) & (size > c.max_params_b)
    text = size.map(lambda v: f"size {v:,.0f}B > {c.max_params_b:,.0f}B" if pd.notna(v) else None)
    text = text + hardware.map(lambda h: f" (needs {h})" if isinstance(h, str) and h else "")
    unknown = df["open_weights"].eq(True) & size.isna()
    return text.where(too_big, None).where(~unknown, "size unknown")


def _budget_reasons(df: pd.DataFrame, c: Constraints, costs: pd.DataFrame) -> pd.Series:
    if c.budget_usd is None:
        return _no_reason(df)
    monthly = costs["monthly_usd"].reindex(df.index)
    over = monthly > c.budget_usd
    text = monthly.map(lambda v: f"${v:,.0f}/month at your volume > budget ${c.budget_usd:,.0f}")
    return text.where(over, None).where(monthly.notna(), "no price at your volume")


def _need_reasons(df: pd.DataFrame, c: Constraints) -> list[pd.Series]:
    columns = {
        "tools": "tool_calling",
        "vision": "has_vision",
        "json": "structured_output",
        "reasoning": "reasoning",
    }
    out = []
    for need in c.needs:
        if need == "finetune":
            ok = df["open_weights"].eq(True) | df["vendor_fine_tuning"].eq(True)
            out.append(
                ok.map({True: None, False: "cannot be fine-tuned (closed, no vendor fine-tuning found)"})
            )
        else:
            ok = df[columns[need]].eq(True)
            out.append(ok.map({True: None, False: f"{NEED_LABELS[need]} not confirmed"}))
    return out


def evaluate(catalog: pd.DataFrame, costs: pd.DataFrame, c: Constraints, benchmark_name: str) -> pd.DataFrame:
    """The catalog plus ``reasons`` (tuple of strings, empty = passes) and ``passes``."""
    score = (
        catalog[score_column(c.benchmark)]
        if score_column(c.benchmark) in catalog
        else pd.Series(float("nan"), index=catalog.index)
    )
    rules = [
        _deployment_reasons(catalog, c),
        _license_reasons(catalog, c),
        _threshold(
            score,
            c.min_score,
            benchmark_name,
            lambda v: f"{v:,.0f}",
            missing_text=f"no {benchmark_name} score",
        ),
        _threshold(
            catalog["context_tokens"],
            c.min_context_tokens,
            "context",
            lambda v: format_count(int(v)),
            missing_text="context unknown",
        ),
        _size_reasons(catalog, c, costs),
        _budget_reasons(catalog, c, costs),
        *_need_reasons(catalog, c),
        catalog["status"].eq("deprecated").map({True: "deprecated by its vendor", False: None})
        if c.exclude_deprecated
        else None,
        catalog["organization"].isin(c.exclude_orgs).map({True: "organization excluded", False: None}),
    ]
    columns = [r.to_numpy() for r in rules if r is not None]
    reasons = pd.Series(
        [tuple(r for r in row if isinstance(r, str)) for row in zip(*columns, strict=True)],
        index=catalog.index,
        dtype=object,
    )
    return catalog.assign(reasons=reasons, passes=reasons.map(len).eq(0))


def reason_counts(evaluated: pd.DataFrame) -> pd.DataFrame:
    """reason, models (count), examples — every exclusion reason, most common first."""
    rows = evaluated.loc[~evaluated["passes"], ["reasons", "name"]].explode("reasons")
    # Group reasons that differ only in their numbers ("context 8K < 32K" and "context 4K < 32K").
    rows["group"] = (
        rows["reasons"]
        .str.replace(r"\d[\d,.]*[KMB]?", "…", regex=True)
        .str.replace(r" \(.*\)$", "", regex=True)
    )
    grouped = rows.groupby("group").agg(
        models=("name", "size"), examples=("name", lambda s: ", ".join(s[:4]))
    )
    return grouped.sort_values("models", ascending=False).reset_index().rename(columns={"group": "reason"})
