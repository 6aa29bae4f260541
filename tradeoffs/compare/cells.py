"""One row of the comparison and the text of its cells: plain strings, "unknown" where data is missing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradeoffs.insights import score_texts
from tradeoffs.text import fmt_usd

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    """An attribute across the models: ``values`` (display text), ``numbers`` (comparable, NaN when
    unknown) with ``better`` ("max" or "min") to mark the best, ``fails`` (True where the cell fails a
    constraint), ``asked`` (a constraint asks about this attribute) and ``differ_on`` (what "the models
    differ" means here; by default the text of a yes/no row, or the verdict of a numeric one)."""

    label: str
    values: pd.Series
    numbers: pd.Series | None = None
    better: str | None = None
    fails: pd.Series | None = None
    asked: bool = False
    differ_on: pd.Series | None = None

    def marks(self, index: pd.Index, best: str, fails: str) -> list[str]:
        """Per model: ``fails`` where it fails a constraint, else ``best`` where it is the row's best."""
        out = ["" for _ in index]
        if self.better and self.numbers is not None:
            known = self.numbers.reindex(index).astype(float)
            top = known.max() if self.better == "max" else known.min()
            if known.notna().sum() >= 2 and known.nunique() > 1:  # a tie of all, or one value, marks nothing
                out = [best if v == top else "" for v in known]
        if self.fails is not None:
            failing = self.fails.reindex(index).fillna(False).astype(bool)
            out = [fails if f else o for f, o in zip(failing, out, strict=True)]
        return out

    def differs(self, index: pd.Index) -> bool:
        """Whether the models differ on this attribute (see ``differ_on``)."""
        key = self.differ_on
        if key is None:
            key = self.values if self.numbers is None or self.fails is None else self.fails
        return key.reindex(index).astype(str).nunique() > 1


def text_of(value) -> str:
    """A text field as a string, "" when missing (None, NaN or pd.NA, whose truth value is undefined)."""
    return "" if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else str(value)


def is_yes(value) -> bool:
    """True for a true flag (Python or NumPy); False for false and for unknown."""
    return value is not None and not pd.isna(value) and bool(value)


def as_float(values: pd.Series) -> pd.Series:
    """Numbers as floats, NaN where unknown (pd.NA, None)."""
    return pd.to_numeric(values, errors="coerce").astype(float)


def yes_no(values: pd.Series) -> pd.Series:
    """A flag as "yes", "no" or "unknown" (never a missing value read as no)."""
    return values.map({True: "yes", False: "no"}).fillna(UNKNOWN).astype(object)


def date_text(value) -> str:
    return UNKNOWN if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def _billions(value: float) -> str:
    return f"{value:,.0f}B" if value >= 100 else f"{value:.3g}B"


def params_text(row: pd.Series) -> str:
    """'671B total · 37B active (mixture of experts)', '70.6B (dense: every parameter active)' or unknown."""
    total, active, experts = row.get("params_total_b"), row.get("params_active_b"), row.get("experts")
    if pd.isna(total):
        return UNKNOWN + (" (not public)" if "params_total_b" in text_of(row.get("unknown_why")) else "")
    if pd.notna(active) and active < total:
        return f"{_billions(total)} total · {_billions(active)} active (mixture of experts)"
    if pd.notna(experts) and experts > 1:
        return f"{_billions(total)} total · active unknown (mixture of experts)"
    if pd.notna(row.get("layers")):  # its configuration was read and lists no experts
        return f"{_billions(total)} (dense: every parameter active)"
    return f"{_billions(total)} total · active unknown"


def score_cells(models: pd.DataFrame, benchmark: str) -> pd.Series:
    """'1,346.4 ±3.3 · lmarena-catalog, 2025-11-01' (lab-reported marked); unknown without a score."""
    texts = score_texts(models, benchmark)
    source = models.get(f"source__{benchmark}", pd.Series(None, index=models.index, dtype=object))
    as_of = models.get(f"as_of__{benchmark}", pd.Series(None, index=models.index, dtype=object))
    out = []
    for text, src, date in zip(texts, source, as_of, strict=True):
        where = ", ".join(p for p in (None if pd.isna(src) else str(src), _date_or_none(date)) if p)
        out.append(f"{text} · {where}" if text and where else text or UNKNOWN)
    return pd.Series(out, index=models.index, dtype=object)


def _date_or_none(value) -> str | None:
    return None if value is None or pd.isna(value) else date_text(value)


CLOSED_NOTE = "closed weights cannot be self-hosted"


def self_host_cell(row: pd.Series) -> str:
    """A self-hosting estimate: '$23,627 · 1×H100', why it is not possible, or why it is not feasible."""
    usd, note = row.get("monthly_usd"), text_of(row.get("cost_note"))
    shape = text_of(row.get("cost_basis")).removeprefix("self-host: ")
    if pd.isna(usd):
        return (
            "not possible (closed weights)" if note == CLOSED_NOTE else f"unknown ({note or 'no estimate'})"
        )
    if is_yes(row.get("feasible")):
        return f"{fmt_usd(usd)} · {shape}"
    return f"not feasible as assumed: {note} (else about {fmt_usd(usd)} · {shape})"


def retirement_text(row: pd.Series) -> str:
    """The retirement date; 'none announced' for an active model without one; unknown otherwise."""
    if pd.notna(row.get("retirement_date")):
        return date_text(row["retirement_date"])
    return "none announced" if text_of(row.get("status")) == "active" else UNKNOWN


def passes_text(row: pd.Series) -> str:
    """'yes', 'yes (unknown: tool calling)' or 'no: <reasons>'."""
    if row.get("passes"):
        unknowns = list(row.get("unknowns") or [])
        return "yes" + (f" (unknown: {'; '.join(unknowns)})" if unknowns else "")
    return "no: " + "; ".join(row.get("reasons") or ["unknown"])
