"""Refresh the privacy, residency and openness tables: fetch or replay → stage → build → write.

    python -m tradeoffs.ingest.privacy_refresh                               # live (nightly)
    python -m tradeoffs.ingest.privacy_refresh --from-dir tests/fixtures/snapshots   # replay

Each source's last good parse is staged in ``data/sources/<name>/`` (the project's own copy, so the
app works without the recordings). Live, the frozen policy source is kept (retired upstream), the
OpenRouter provider list and the endpoints of the models the app prices are fetched, and the index
is downloaded; a source that fails keeps its staged rows and is reported. The pipeline calls
``refresh_privacy`` after writing the other tables; run alone, this module also rewrites the manifest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tradeoffs import csvio
from tradeoffs.ingest import http
from tradeoffs.ingest.curated import CURATED_DIR
from tradeoffs.ingest.privacy_tables import (
    PrivacySources,
    build_endpoints,
    build_openness,
    build_provider_policies,
    missing_families,
    slug_map,
)
from tradeoffs.ingest.sources import eosai, openrouter_endpoints, provider_policies
from tradeoffs.ingest.staging import DataQualityError
from tradeoffs.manifest import write_manifest
from tradeoffs.schema import ENDPOINTS, OPENNESS, PROVIDER_POLICIES, REFRESH_RUNS
from tradeoffs.store import DATA_DIR, data_version, table_path

STAGING_DIR = "sources"
STAGES = {  # source name → {staged file: columns}
    provider_policies.NAME: {"policies": provider_policies.COLUMNS},
    openrouter_endpoints.NAME: {
        "endpoints": openrouter_endpoints.ENDPOINT_COLUMNS,
        "providers": openrouter_endpoints.PROVIDER_COLUMNS,
    },
    eosai.NAME: {"families": eosai.COLUMNS},
}
BOOLEANS = ("trains_on_prompts", "retains_prompts", "requires_user_ids", "zero_data_retention")
NUMBERS = (
    "retention_days",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "context_tokens",
    "status",
    "uptime_pct_30m",
    "uptime_pct_1d",
)


@dataclass
class PrivacyReport:
    changed_files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # canonical table → rows written
    warnings: list[str] = field(default_factory=list)
    # refresh_runs rows: source, status, rows, error, data_as_of
    runs: list[dict] = field(default_factory=list)


def _run(name: str, status: str, tables: dict[str, pd.DataFrame], error: str = "") -> dict:
    dates = [d for df in tables.values() if "as_of" in df for d in df["as_of"].dropna().astype(str)]
    rows = sum(len(df) for df in tables.values())
    return {
        "source": name,
        "status": status,
        "rows": rows,
        "error": error,
        "data_as_of": max(dates, default=None),
    }


def _parse(module, folder: Path) -> dict[str, pd.DataFrame]:
    parsed = module.parse(folder)
    names = list(STAGES[module.NAME])
    return dict(zip(names, parsed if isinstance(parsed, tuple) else (parsed,), strict=True))


def _read_stage(data_dir: Path, name: str) -> dict[str, pd.DataFrame]:
    folder = data_dir / STAGING_DIR / name
    return {
        kind: csvio.read_csv(folder / f"{kind}.csv", cols, booleans=BOOLEANS, numbers=NUMBERS)
        if (folder / f"{kind}.csv").exists()
        else pd.DataFrame(columns=cols)
        for kind, cols in STAGES[name].items()
    }


def _fetch_parse(module, fetch_root: Path, session, models: list[str]) -> dict[str, pd.DataFrame]:
    folder = fetch_root / module.NAME
    with http.within(http.SOURCE_BUDGET_S, module.NAME):
        if module is openrouter_endpoints:
            module.fetch(session, folder, models)
        else:
            module.fetch(session, folder)
    return _parse(module, folder)


def _stage_one(module, data_dir, from_dir, session, fetch_root, models, report) -> dict[str, pd.DataFrame]:
    """The source's fresh parse (written to its stage), or its staged rows when it cannot refresh."""
    try:
        if from_dir is not None:
            folder = Path(from_dir) / module.FOLDER
            if not folder.is_dir():
                raise DataQualityError(f"{module.NAME}: no recorded payload folder {folder}")
            tables = _parse(module, folder)
        elif session is None or getattr(module, "STATIC", False):
            kept = _read_stage(data_dir, module.NAME)  # retired upstream / not refreshed: rows kept
            why = "retired upstream: recorded rows kept" if getattr(module, "STATIC", False) else ""
            report.runs.append(_run(module.NAME, "kept" if why else "ok", kept, why))
            return kept
        else:
            tables = _fetch_parse(module, fetch_root, session, models)
    except (http.FetchError, DataQualityError) as exc:
        report.errors.append(str(exc))
        kept = _read_stage(data_dir, module.NAME)
        report.runs.append(_run(module.NAME, "failed", kept, str(exc)))
        return kept
    for kind, df in tables.items():
        path = data_dir / STAGING_DIR / module.NAME / f"{kind}.csv"
        if csvio.write_if_changed(path, csvio.to_csv_bytes(df, STAGES[module.NAME][kind])):
            report.changed_files.append(str(path.relative_to(data_dir)))
    staged = _read_stage(data_dir, module.NAME)  # as it reads back, so replay and keep build alike
    report.runs.append(_run(module.NAME, "ok", staged))
    return staged


def _app_tables(data_dir: Path, built: dict[str, pd.DataFrame] | None) -> dict[str, pd.DataFrame]:
    """The app's offerings, aliases and models (``built`` in memory, else from disk) and the curated files."""

    def read(name: str) -> pd.DataFrame:
        if built is not None:
            return built[name]
        return pd.read_csv(table_path(data_dir, name), dtype=str, keep_default_na=False, na_values=[""])

    base = data_dir / CURATED_DIR
    return {
        "offerings": read("offerings"),
        "aliases": read("aliases"),
        "models": read("models"),
        "curated_policies": pd.read_csv(base / "provider_policies.csv", dtype=str, keep_default_na=False),
        "openness_aliases": pd.read_csv(base / "openness_aliases.csv", dtype=str, keep_default_na=False),
    }


def _openrouter_ids(app: dict[str, pd.DataFrame]) -> list[str]:
    """OpenRouter ids of the models the app prices: whose endpoints the nightly fetches."""
    aliases, priced = app["aliases"], set(app["offerings"]["model_id"])
    rows = aliases["source"].eq("openrouter") & aliases["model_id"].isin(priced)
    return sorted(
        i for i in aliases.loc[rows, "source_id"] if not i.endswith(":free") and not i.startswith("~")
    )


def refresh_privacy(
    data_dir: Path,
    *,
    from_dir: Path | None = None,
    session=None,
    built: dict[str, pd.DataFrame] | None = None,
) -> PrivacyReport:
    """Stage the three sources and write provider_policies, endpoints and openness (not the manifest).
    ``built``: the pipeline's tables before they are written (offerings, aliases, models)."""
    data_dir, report = Path(data_dir), PrivacyReport()
    app = _app_tables(data_dir, built)
    with tempfile.TemporaryDirectory(prefix="tradeoffs-privacy-") as root:
        staged = {
            m.NAME: _stage_one(m, data_dir, from_dir, session, Path(root), _openrouter_ids(app), report)
            for m in (provider_policies, openrouter_endpoints, eosai)
        }
    sources = PrivacySources(
        policies=staged[provider_policies.NAME]["policies"],
        endpoints=staged[openrouter_endpoints.NAME]["endpoints"],
        or_providers=staged[openrouter_endpoints.NAME]["providers"],
        families=staged[eosai.NAME]["families"],
    )
    providers = sorted(app["offerings"]["provider"].unique())
    slugs = slug_map(providers, sources, app["curated_policies"])
    tables = {
        PROVIDER_POLICIES: build_provider_policies(providers, sources, app["curated_policies"]),
        ENDPOINTS: build_endpoints(sources, app["aliases"], app["offerings"], slugs),
        OPENNESS: build_openness(sources.families, app["models"], app["openness_aliases"]),
    }
    if gone := missing_families(sources.families, app["openness_aliases"]):
        report.warnings.append(f"eosai-index: openness_aliases.csv names families not in the index: {gone}")
    for table, df in tables.items():
        report.rows[table.name] = len(df)
        if csvio.write_if_changed(
            table_path(data_dir, table.name), csvio.to_csv_bytes(df, table.column_names)
        ):
            report.changed_files.append(f"{table.name}.csv")
    return report


def _write_runs(data_dir: Path, runs: list[dict]) -> bool:
    """Replace these sources' rows in refresh_runs.csv (run alone, outside the pipeline)."""
    path = table_path(data_dir, REFRESH_RUNS.name)
    old = csvio.read_csv(path, REFRESH_RUNS.column_names)
    new = pd.DataFrame(runs).reindex(columns=REFRESH_RUNS.column_names)
    table = REFRESH_RUNS.shape(pd.concat([old[~old["source"].isin(new["source"])], new], ignore_index=True))
    return csvio.write_if_changed(path, csvio.to_csv_bytes(table, REFRESH_RUNS.column_names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tradeoffs.ingest.privacy_refresh")
    parser.add_argument(
        "--from-dir", type=Path, help="replay payloads from DIR (laid out like shared/snapshots)"
    )
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    session = http.make_session() if args.from_dir is None else None
    report = refresh_privacy(args.data_dir, from_dir=args.from_dir, session=session)
    if _write_runs(args.data_dir, report.runs):
        report.changed_files.append(f"{REFRESH_RUNS.name}.csv")
    if write_manifest(args.data_dir, data_version(args.data_dir)):
        report.changed_files.append("manifest.json")
    print(f"rows: {report.rows}; changed: {', '.join(report.changed_files) or 'nothing'}")
    for error in report.errors:
        print(f"failed (rows kept): {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
