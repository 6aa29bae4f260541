"""What every source parser returns: a few small tables of *observations* in source ids.

A parser never decides which canonical model a row belongs to; it only says what the source says,
under the source's own id (``source`` = the id namespace, e.g. ``openrouter``). The build step
matches ids to models. The last good parse of each source is kept in ``data/sources/<name>/``
so that a source that fails tonight keeps yesterday's rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

# kind -> columns. Every staging CSV has exactly these columns in this order.
STAGING_COLUMNS: dict[str, tuple[str, ...]] = {
    "models": (
        "source",
        "source_id",
        "alt_source",
        "alt_id",
        "defines",
        "name",
        "organization",
        "release_date",
        "open_weights",
        "license_raw",
        "params_total_b",
        "params_active_b",
        "context_tokens",
        "max_output_tokens",
        "modalities",
        "tool_calling",
        "structured_output",
        "reasoning",
        "vendor_fine_tuning",
        "deprecated",
        "deprecation_date",
        "hf_repo",
        "hf_likes",
        "hf_downloads",
        "url",
        "native_precision",
    ),
    "offerings": (
        "source",
        "source_id",
        "provider",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "cached_input_usd_per_mtok",
        "context_tokens",
        "deprecated",
        "as_of",
    ),
    "scores": (
        "source",
        "source_id",
        "benchmark",
        "score",
        "ci_low",
        "ci_high",
        "as_of",
        "independent",
    ),
    "score_history": ("source", "source_id", "benchmark", "as_of", "score"),
    "price_history": (
        "source",
        "source_id",
        "provider",
        "as_of",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
    ),
    "gpus": (
        "gpu",
        "name",
        "memory_gb",
        "bandwidth_gbps",
        "provider",
        "segment",
        "usd_per_gpu_hour",
        "tflops_bf16",
        "tflops_fp8",
        "tflops_fp4",
        "tdp_w",
        "usd_purchase",
        "source",
        "as_of",
    ),
    "measurements": (
        "result_id",
        "benchmark",
        "source_id",
        "scenario",
        "gpu",
        "gpus",
        "precision",
        "output_tokens_per_s",
        "submitter",
        "system",
        "software",
        "source",
        "as_of",
    ),
}
STAGING_KEYS: dict[str, tuple[str, ...]] = {
    "models": ("source", "source_id"),
    "offerings": ("source", "source_id", "provider"),
    "scores": ("source", "source_id", "benchmark"),
    "score_history": ("source", "source_id", "benchmark", "as_of"),
    "price_history": ("source", "source_id", "provider", "as_of"),
    "gpus": ("gpu", "provider"),
    "measurements": ("result_id", "benchmark", "scenario"),
}
BOOLEAN_COLUMNS = frozenset(
    {
        "defines",
        "open_weights",
        "tool_calling",
        "structured_output",
        "reasoning",
        "vendor_fine_tuning",
        "deprecated",
        "independent",
    }
)
NUMBER_COLUMNS = frozenset(
    {
        "params_total_b",
        "params_active_b",
        "context_tokens",
        "max_output_tokens",
        "hf_likes",
        "hf_downloads",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "cached_input_usd_per_mtok",
        "score",
        "ci_low",
        "ci_high",
        "memory_gb",
        "bandwidth_gbps",
        "usd_per_gpu_hour",
        "tflops_bf16",
        "tflops_fp8",
        "tflops_fp4",
        "tdp_w",
        "usd_purchase",
        "gpus",
        "output_tokens_per_s",
    }
)
FETCH_META = "_fetch.json"  # written by a live fetch next to the payload: url, fetched_at, as_of


class DataQualityError(Exception):
    """A payload is not what its source should send; the message names the source and reason."""


@dataclass
class Staged:
    """One source's parsed observations, keyed by kind (see STAGING_COLUMNS)."""

    name: str  # refresh source name, e.g. "lmarena-catalog"
    as_of: date | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def table(self, kind: str) -> pd.DataFrame:
        return self.tables.get(kind, empty(kind))

    @property
    def rows(self) -> int:
        return sum(len(t) for t in self.tables.values())


def empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame(columns=list(STAGING_COLUMNS[kind]))


def frame(kind: str, records: list[dict]) -> pd.DataFrame:
    """Records → a staging table with the kind's columns, de-duplicated and sorted on its key."""
    df = pd.DataFrame.from_records(records, columns=list(STAGING_COLUMNS[kind]))
    key = list(STAGING_KEYS[kind])
    return df.drop_duplicates(subset=key, keep="first").sort_values(key, ignore_index=True)


def read_payload_csv(source: str, path: Path, needed: set[str]) -> pd.DataFrame:
    """A payload CSV as text (blanks stay ""), or DataQualityError naming the source and the problem."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DataQualityError(f"{source}: {path.name} is not a readable CSV ({exc})") from exc
    if missing := needed - set(df.columns):
        raise DataQualityError(
            f"{source}: {path.name} has columns missing (renamed?): {', '.join(sorted(missing))}"
        )
    return df


def payload_as_of(folder: Path, fallback: date | None) -> date | None:
    """The payload's date: the live fetch's record when there is one, else what the content says."""
    meta = folder / FETCH_META
    if meta.exists():
        try:
            return date.fromisoformat(json.loads(meta.read_text())["as_of"][:10])
        except (KeyError, ValueError, TypeError) as exc:
            raise DataQualityError(f"{meta}: unreadable fetch record ({exc})") from exc
    return fallback


_ISO_DATE = re.compile(r"(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])")


def newest_date_in(texts, *, not_after: date | None = None) -> date | None:
    """The newest calendar date written inside any of the texts (ids often carry one)."""
    best = None
    for text in texts:
        for y, m, d in _ISO_DATE.findall(str(text)):
            try:
                found = date(int(y), int(m), int(d))
            except ValueError:
                continue
            if (not_after is None or found <= not_after) and (best is None or found > best):
                best = found
    return best


def to_date(value) -> date | None:
    """A date from an ISO string, a timestamp or a unix time; None when absent or unreadable."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, (int, float)):
        return pd.Timestamp(int(value), unit="s").date()
    try:
        return pd.Timestamp(str(value).strip()[:10]).date()
    except ValueError:
        return None


def number(value) -> float | None:
    """A finite float, or None for blanks, dashes and text (never 0 for missing)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
    except ValueError:
        return None
    return None if pd.isna(out) or out in (float("inf"), float("-inf")) else out
