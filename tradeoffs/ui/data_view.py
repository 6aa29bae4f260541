"""What the Data page shows, computed once per data version and shared by every session."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from tradeoffs import answers, provider_terms
from tradeoffs.catalog import coverage_by_access
from tradeoffs.costs import calibration
from tradeoffs.costs.charts import build_calibration_chart
from tradeoffs.ui import loaders
from tradeoffs.ui.shared import PreparedChart, shared_view, to_arrow

SOURCE_COLUMNS = [
    "name",
    "status",
    "data_as_of",
    "rows",
    "unmatched",
    "license",
    "attribution",
    "provides",
    "finished_at",
    "error",
    "url",
]


@dataclass(frozen=True)
class DataView:
    answer_md: str
    sources: pa.Table
    coverage: pd.DataFrame  # indexed by weights (shown as the row label)
    checks: pa.Table
    broken: int  # checks that fail
    gaps: pa.Table  # models whose licence, size or precision is not public, and why
    fit: dict  # the calibration summary (rows, median_ratio, worst_factor, outside)
    calibration_chart: PreparedChart
    measurements: pa.Table
    warnings: pa.Table
    licences: pa.Table
    terms: pa.Table  # provider data terms in words (provider_terms.terms_table)
    terms_known: tuple[int, int]  # (providers with known prompt terms, providers priced from)


def _sources_table(sources: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Sources with their last refresh; "not tracked" where a refresh counts no unmatched ids."""
    table = sources.merge(runs, on="source", how="left")[SOURCE_COLUMNS]
    unmatched = table["unmatched"].map(lambda v: "not tracked" if pd.isna(v) else f"{int(v):,}")
    return table.assign(unmatched=unmatched)


@shared_view
def _data(version: str) -> DataView:
    catalog, offerings = loaders.load_catalog(), loaders.load_offerings()
    runs, sources = loaders.load_reference("refresh_runs"), loaders.load_reference("sources")
    checks, table = loaders.load_quality(), loaders.load_calibration()
    gaps = catalog[catalog["unknown_why"].notna()][["name", "organization", "unknown_why"]]
    licences = loaders.load_reference("licenses").sort_values(["tier", "name"])
    terms = provider_terms.terms_table(loaders.load_reference("provider_policies"), offerings)
    return DataView(
        answer_md=answers.data_sentence(loaders.load_data_info().as_of, len(catalog), offerings, runs),
        sources=to_arrow(_sources_table(sources, runs)),
        coverage=coverage_by_access(catalog, offerings),
        checks=to_arrow(checks),
        broken=int(checks["status"].eq("fails").sum()),
        gaps=to_arrow(gaps),
        fit=calibration.summary(table),
        calibration_chart=PreparedChart.of(build_calibration_chart(table)),
        measurements=to_arrow(calibration.display_table(table)),
        warnings=to_arrow(loaders.load_reference("warnings")),
        licences=to_arrow(licences[["tier", "name", "commercial_use", "osi_approved", "conditions", "url"]]),
        terms=to_arrow(terms),
        terms_known=provider_terms.known_share(terms),
    )


def load_data_view() -> DataView:
    """Everything the Data page shows (shared, read-only)."""
    return _data(loaders.data_version())
