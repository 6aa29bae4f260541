"""Is a parsed payload what its source should send? Reject it (DataQualityError) if not.

Reasons to reject a whole source: nothing parsed, a table that collapsed by more than half since
the last good run, any negative price, or implausible values in more than a handful of rows (a
unit change upstream), including prices ×5 or more against the last good run. A few implausible
rows in an otherwise sane payload are dropped and reported instead (LiteLLM really lists one Azure
model at $3,200 per million input tokens); a few price jumps keep the last good price, with a
warning; an impossible context window or size is blanked (unknown), with a warning.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from tradeoffs.ingest.staging import DataQualityError, Staged

MAX_USD_PER_MTOK = 1000.0  # o1-pro, the dearest real list price, is $150 / $600
MAX_USD_PER_GPU_HOUR = 200.0
SCORE_RANGES = {
    "arena_text": (500.0, 2500.0),
    "eci": (0.0, 300.0),
    "gpqa_diamond": (0.0, 100.0),
    "mmlu": (0.0, 100.0),
    "mmlu_pro": (0.0, 100.0),
    "swe_bench_verified": (0.0, 100.0),
}
MAX_CONTEXT_TOKENS = 100_000_000  # the longest real window is 10M tokens (Llama 4 Scout)
MAX_PARAMS_B = 20_000.0  # the largest published model is a few trillion parameters
PRICE_JUMP = 5.0  # a price ×5 or ÷5 against the same listing's last good run is held back for review
COLLAPSE_RATIO = 0.5
MIN_ROWS_FOR_COLLAPSE_CHECK = 20
TOLERATED_BAD_SHARE = 0.01  # more implausible rows than this means the payload changed, not a typo
TOLERATED_BAD_ROWS = 10


def _examples(df: pd.DataFrame, cols: list[str]) -> str:
    return "; ".join(", ".join(str(v) for v in row) for row in df[cols].head(3).itertuples(index=False))


def _too_many(n: int, total: int) -> bool:
    """More implausible rows than a handful means the payload changed, not a typo."""
    return n > max(TOLERATED_BAD_ROWS, TOLERATED_BAD_SHARE * total)


def _drop_implausible(
    name: str, kind: str, df: pd.DataFrame, bad: pd.Series, what: str, cols: list[str], warnings: list[str]
) -> pd.DataFrame:
    n = int(bad.sum())
    if n == 0:
        return df
    if _too_many(n, len(df)):
        raise DataQualityError(
            f"{name}: {n} of {len(df)} {kind} rows have {what} (e.g. {_examples(df[bad], cols)})"
        )
    warnings.append(f"{name}: dropped {n} {kind} row(s) with {what}: {_examples(df[bad], cols)}")
    return df[~bad]


def _check_prices(name: str, df: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    prices = df[["input_usd_per_mtok", "output_usd_per_mtok"]].apply(pd.to_numeric, errors="coerce")
    negative = (prices < 0).any(axis=1)
    if negative.any():
        raise DataQualityError(
            f"{name}: {int(negative.sum())} offerings have a negative price "
            f"(e.g. {_examples(df[negative], ['source_id', 'input_usd_per_mtok'])})"
        )
    absurd = (prices > MAX_USD_PER_MTOK).any(axis=1)
    cols = ["source_id", "input_usd_per_mtok", "output_usd_per_mtok"]
    return _drop_implausible(
        name, "offerings", df, absurd, f"prices above ${MAX_USD_PER_MTOK:,.0f}/M tokens", cols, warnings
    )


def _check_scores(name: str, df: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    if df.empty:  # map() on an empty text column stays text, and comparing it with scores raises TypeError
        return df
    lo = df["benchmark"].map(lambda b: SCORE_RANGES.get(b, (float("-inf"), float("inf")))[0])
    hi = df["benchmark"].map(lambda b: SCORE_RANGES.get(b, (float("-inf"), float("inf")))[1])
    score = pd.to_numeric(df["score"], errors="coerce")
    bad = score.isna() | (score < lo) | (score > hi)
    return _drop_implausible(
        name,
        "score",
        df,
        bad,
        "scores outside the benchmark's range",
        ["source_id", "benchmark", "score"],
        warnings,
    )


def _check_gpus(name: str, df: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    price = pd.to_numeric(df["usd_per_gpu_hour"], errors="coerce")
    bad = (
        (price <= 0) | (price > MAX_USD_PER_GPU_HOUR) | (pd.to_numeric(df["memory_gb"], errors="coerce") <= 0)
    )
    return _drop_implausible(
        name,
        "GPU",
        df,
        bad,
        "impossible GPU prices or memory",
        ["gpu", "provider", "usd_per_gpu_hour"],
        warnings,
    )


def _blank_implausible(name: str, kind: str, df: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    """Sizes and context windows no model has are blanked (unknown), not dropped with their row."""
    bounds = {
        "context_tokens": MAX_CONTEXT_TOKENS,
        "params_total_b": MAX_PARAMS_B,
        "params_active_b": MAX_PARAMS_B,
    }
    for col, top in bounds.items():
        if col not in df:
            continue
        value = pd.to_numeric(df[col], errors="coerce")
        bad = (value < 0) | (value > top)  # 0 is how some sources say "not a text model"
        if col == "params_active_b" and "params_total_b" in df:
            bad |= value > pd.to_numeric(df["params_total_b"], errors="coerce") * 1.001
        n, examples = int(bad.sum()), _examples(df[bad], ["source_id", col])
        if n == 0:
            continue
        if _too_many(n, len(df)):
            raise DataQualityError(
                f"{name}: {n} of {len(df)} {kind} rows have impossible {col} (e.g. {examples})"
            )
        warnings.append(f"{name}: blanked the value of {n} {kind} row(s) with impossible {col}: {examples}")
        df = df.assign(**{col: df[col].where(~bad, None)})  # the row stays; only the value is unknown
    return df


def _hold_back_price_jumps(name: str, df: pd.DataFrame, previous: Staged | None, warnings: list[str]):
    """Offerings whose price moved ×PRICE_JUMP or more since the last good run keep the old row."""
    if previous is None or "offerings" not in previous.tables or df.empty:
        return df
    key, cols = ["source_id", "provider"], ["input_usd_per_mtok", "output_usd_per_mtok"]
    old = previous.table("offerings").drop_duplicates(key).set_index(key)
    new = df.set_index(key)
    both = new.index.intersection(old.index)
    ratio = new.loc[both, cols].apply(pd.to_numeric, errors="coerce") / old.loc[both, cols].apply(
        pd.to_numeric, errors="coerce"
    ).where(lambda v: v > 0)
    jumped = ((ratio >= PRICE_JUMP) | ((ratio > 0) & (ratio <= 1 / PRICE_JUMP))).any(axis=1)
    ids = jumped[jumped].index
    if len(ids) == 0:
        return df
    examples = "; ".join(f"{i[0]} ×{ratio.loc[i].max():.3g}" for i in ids[:3])
    if _too_many(len(ids), len(df)):
        raise DataQualityError(
            f"{name}: {len(ids)} of {len(df)} prices moved ×{PRICE_JUMP:g} or more ({examples})"
        )
    warnings.append(
        f"{name}: held back {len(ids)} price change(s) of ×{PRICE_JUMP:g} or more for review: {examples}"
    )
    new.loc[ids, old.columns.intersection(new.columns)] = old.loc[ids, old.columns.intersection(new.columns)]
    return new.reset_index()[list(df.columns)]


def _check_collapse(staged: Staged, previous: Staged | None) -> None:
    if previous is None:
        return
    for kind, old in previous.tables.items():
        if kind.endswith("_history"):
            continue  # history accumulates across runs; a payload only ever adds to it
        new_rows, old_rows = len(staged.table(kind)), len(old)
        if old_rows >= MIN_ROWS_FOR_COLLAPSE_CHECK and new_rows < COLLAPSE_RATIO * old_rows:
            raise DataQualityError(
                f"{staged.name}: {kind} collapsed from {old_rows} to {new_rows} rows "
                f"(more than {1 - COLLAPSE_RATIO:.0%} fewer than the last good run)"
            )


def validate(staged: Staged, previous: Staged | None) -> tuple[Staged, list[str]]:
    """The staged source with implausible rows dropped, and warnings; raises when it must be rejected."""
    if staged.rows == 0:
        raise DataQualityError(f"{staged.name}: the payload parsed to no rows (empty or truncated?)")
    warnings: list[str] = []
    tables = dict(staged.tables)
    for kind, table in tables.items():
        ids = table["source_id" if "source_id" in table else "gpu"]
        if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
            raise DataQualityError(f"{staged.name}: {kind} rows without an id (fields renamed?)")
    if "offerings" in tables:
        tables["offerings"] = _check_prices(staged.name, tables["offerings"], warnings)
        tables["offerings"] = _hold_back_price_jumps(staged.name, tables["offerings"], previous, warnings)
    for kind in ("models", "offerings"):
        if kind in tables:
            tables[kind] = _blank_implausible(staged.name, kind, tables[kind], warnings)
    if "scores" in tables:
        tables["scores"] = _check_scores(staged.name, tables["scores"], warnings)
    if "gpus" in tables:
        tables["gpus"] = _check_gpus(staged.name, tables["gpus"], warnings)
    checked = replace(staged, tables=tables)
    _check_collapse(checked, previous)
    return checked, warnings
