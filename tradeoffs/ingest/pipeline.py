"""The refresh: for each source fetch → parse → validate; then match and build all tables; write.

A source that fails keeps its last good rows (``data/sources/<name>/``) and the run reports it
and exits non-zero; the others still refresh. Dates come from the payloads, so replaying the same
payloads twice writes byte-identical files, and history rows are keyed so a repeat adds nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from tradeoffs import csvio
from tradeoffs.ingest import http
from tradeoffs.ingest.build import Built, build
from tradeoffs.ingest.curated import load_curated
from tradeoffs.ingest.privacy_refresh import refresh_privacy
from tradeoffs.ingest.sources import (
    arena_daily,
    epoch_benchmarks,
    epoch_hardware,
    epoch_models,
    genai_prices,
    gpu_prices,
    hf_hub,
    hf_leaderboard,
    litellm,
    lmarena_catalog,
    lmarena_csv,
    lmarena_history,
    mlperf,
    models_dev,
    openrouter,
)
from tradeoffs.ingest.staging import (
    BOOLEAN_COLUMNS,
    NUMBER_COLUMNS,
    STAGING_COLUMNS,
    STAGING_KEYS,
    DataQualityError,
    Staged,
)
from tradeoffs.ingest.validate import validate
from tradeoffs.manifest import MANIFEST, write_manifest
from tradeoffs.schema import GPUS, REFRESH_RUNS, TABLES_BY_NAME, UNMATCHED, WARNINGS
from tradeoffs.store import build_store, data_version, store_dir, table_path

SOURCES = (
    models_dev,
    openrouter,
    litellm,
    genai_prices,
    lmarena_catalog,
    lmarena_csv,
    lmarena_history,
    arena_daily,
    epoch_benchmarks,
    epoch_models,
    epoch_hardware,
    gpu_prices,
    hf_leaderboard,
    hf_hub,
    mlperf,
)
SOURCES_BY_NAME = {s.NAME: s for s in SOURCES}
STAGING_DIR = "sources"


@dataclass
class SourceRun:
    source: str
    status: str  # 'ok' | 'failed' | 'kept'
    rows: int = 0
    unmatched: int = 0
    error: str = ""
    data_as_of: object = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass
class Report:
    runs: list[SourceRun]
    built: Built | None = None
    changed_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[SourceRun]:
        return [r for r in self.runs if r.status == "failed"]


# ---- staging on disk ----------------------------------------------------------------------------


def read_staged(data_dir: Path, name: str) -> Staged | None:
    """The last good parse of a source, or None if it never succeeded."""
    folder = Path(data_dir) / STAGING_DIR / name
    if not folder.is_dir():
        return None
    tables = {
        kind: csvio.read_csv(folder / f"{kind}.csv", cols, booleans=BOOLEAN_COLUMNS, numbers=NUMBER_COLUMNS)
        for kind, cols in STAGING_COLUMNS.items()
        if (folder / f"{kind}.csv").exists()
    }
    runs = _read_runs(data_dir)
    as_of = runs.get(name, {}).get("data_as_of")
    return Staged(name, None if pd.isna(as_of) else as_of, tables)


def _roundtrip(staged: Staged) -> Staged:
    """The staged tables as they will read back from disk, so a kept source builds identically."""
    tables = {}
    for kind, df in staged.tables.items():
        body = csvio.to_csv_bytes(df, STAGING_COLUMNS[kind])
        with tempfile.NamedTemporaryFile(suffix=".csv") as fh:
            fh.write(body)
            fh.flush()
            tables[kind] = csvio.read_csv(
                Path(fh.name), STAGING_COLUMNS[kind], booleans=BOOLEAN_COLUMNS, numbers=NUMBER_COLUMNS
            )
    return replace(staged, tables=tables)


def _with_history(staged: Staged, previous: Staged | None) -> Staged:
    """Append today's prices and scores to the source's history, keeping only changes."""
    tables = dict(staged.tables)
    specs = (
        ("price_history", "offerings", ["input_usd_per_mtok", "output_usd_per_mtok"], ["provider"]),
        ("score_history", "scores", ["score"], ["benchmark"]),
    )
    for kind, current_kind, values, extra in specs:
        points = staged.table(current_kind)
        points = points[points["as_of"].notna()] if "as_of" in points else points.iloc[0:0]
        parts = [previous.table(kind) if previous else None, staged.table(kind), points]
        parts = [p.reindex(columns=STAGING_COLUMNS[kind]) for p in parts if p is not None and len(p)]
        if not parts:
            continue
        hist = pd.concat(parts, ignore_index=True)
        hist["as_of"] = hist["as_of"].astype(str).str[:10]
        key = list(STAGING_KEYS[kind])
        hist = hist.drop_duplicates(subset=key, keep="last").sort_values(key, ignore_index=True)
        series = ["source", "source_id", *extra]
        changed = (hist[values] != hist.groupby(series)[values].shift()).any(axis=1)
        tables[kind] = hist[changed | (kind == "score_history")].reset_index(drop=True)
    return replace(staged, tables=tables)


# ---- one source ---------------------------------------------------------------------------------


def _refresh_source(
    module, from_dir: Path | None, fetch_root: Path, previous: Staged | None, session, clock, context: dict
) -> tuple[Staged | None, SourceRun, list[str]]:
    started = clock()
    run = SourceRun(module.NAME, "ok", started_at=started)
    try:
        if from_dir is not None:
            folder = Path(from_dir) / module.FOLDER
            if not folder.is_dir():
                raise DataQualityError(f"{module.NAME}: no recorded payload folder {folder}")
        elif getattr(module, "STATIC", False):
            run.status, run.error = "kept", "retired upstream: recorded rows kept"
            return previous, _finish(run, previous, clock), []
        else:
            folder = fetch_root / module.NAME
            shutil.rmtree(folder, ignore_errors=True)
            kwargs = {"repos": context.get("hf_repos", [])} if module is hf_hub else {}
            with http.within(http.SOURCE_BUDGET_S, module.NAME):
                module.fetch(session, folder, **kwargs)
        staged = _roundtrip(module.parse(folder))
        staged, warnings = validate(staged, previous)
        staged = _roundtrip(_with_history(staged, previous))
    except (http.FetchError, DataQualityError) as exc:
        run.status, run.error = "failed", str(exc)
        return previous, _finish(run, previous, clock), []
    except Exception as exc:  # noqa: BLE001 - garbage can break a parser anywhere; one source must not stop the run
        run.status, run.error = (
            "failed",
            f"{module.NAME}: unreadable payload ({exc.__class__.__name__}: {exc})",
        )
        return previous, _finish(run, previous, clock), []
    return staged, _finish(run, staged, clock), warnings


def _finish(run: SourceRun, staged: Staged | None, clock) -> SourceRun:
    run.finished_at = clock()
    if staged is not None:
        run.rows, run.data_as_of = staged.rows, staged.as_of
    return run


# ---- the whole refresh ----------------------------------------------------------------------------


def refresh(
    data_dir: Path,
    *,
    from_dir: Path | None = None,
    only: list[str] | None = None,
    clock: Callable[[], datetime | None] = lambda: None,
    progress: Callable[[str, int, int], None] = lambda name, i, n: None,
) -> Report:
    """Refresh every source (or ``only`` some), rebuild the tables and the store; see module docstring."""
    data_dir = Path(data_dir)
    curated = load_curated(data_dir)
    session = http.make_session() if from_dir is None else None
    context = {"hf_repos": _hf_repos(data_dir)}
    staged_all: dict[str, Staged] = {}
    runs, warnings, not_rechecked = [], [], []
    previous_runs = _read_runs(data_dir)
    with (
        tempfile.TemporaryDirectory(prefix="tradeoffs-fetch-") as fetch_root,
        http.within(http.RUN_BUDGET_S, "the whole refresh"),
    ):
        for n, module in enumerate(SOURCES, start=1):
            previous = read_staged(data_dir, module.NAME)
            if only and module.NAME not in only:
                staged, run, found = previous, _kept_run(module.NAME, previous, previous_runs), []
                not_rechecked.append(module.NAME)
            else:
                progress(module.NAME, n, len(SOURCES))
                staged, run, found = _refresh_source(
                    module, from_dir, Path(fetch_root), previous, session, clock, context
                )
            warnings += found
            runs.append(run)
            if run.status != "ok":
                not_rechecked.append(module.NAME)
            if staged is not None:
                staged_all[module.NAME] = staged
    built = build(staged_all, curated)
    unmatched = built.unmatched.groupby("refresh").size()
    for run in runs:
        run.unmatched = int(unmatched.get(run.source, 0))
    carried = _kept_warnings(data_dir, not_rechecked)
    report = Report(runs, built, warnings=warnings + carried + built.warnings)
    privacy = _refresh_privacy(data_dir, report, from_dir, None if only else session)
    report.changed_files = _write(data_dir, staged_all, report, curated) + privacy
    version = data_version(data_dir)
    if write_manifest(data_dir, version):  # last: readers trust the tables once it matches them
        report.changed_files.append(MANIFEST)
    build_store(data_dir, store_dir() / f"store-{version}.duckdb", version)
    return report


def _refresh_privacy(data_dir: Path, report: Report, from_dir: Path | None, session) -> list[str]:
    """Provider terms, endpoints and openness, built on this run's tables (privacy_refresh.py); their
    runs join the report. Without a session (``--only``) they are rebuilt from their staged rows."""
    privacy = refresh_privacy(data_dir, from_dir=from_dir, session=session, built=report.built.tables)
    report.runs += [SourceRun(**run) for run in privacy.runs]
    report.warnings += privacy.warnings
    return privacy.changed_files


def _kept_run(name: str, previous: Staged | None, previous_runs: dict) -> SourceRun:
    old = previous_runs.get(name, {})
    return SourceRun(
        name,
        old.get("status", "kept") if previous else "failed",
        rows=previous.rows if previous else 0,
        error=old["error"] if isinstance(old.get("error"), str) else "",  # a blank reads back as NaN
        data_as_of=previous.as_of if previous else None,
        started_at=old.get("started_at"),
        finished_at=old.get("finished_at"),
    )


def _kept_warnings(data_dir: Path, sources: list[str]) -> list[str]:
    """Validation warnings of sources whose rows were kept, not re-checked, in this run."""
    path = table_path(data_dir, WARNINGS.name)
    if not path.exists() or not sources:
        return []
    previous = csvio.read_csv(path, WARNINGS.column_names)
    return previous.loc[previous["topic"].isin(sources), "message"].tolist()


def _hf_repos(data_dir: Path) -> list[str]:
    path = table_path(data_dir, "models")
    if not path.exists():
        return []
    models = pd.read_csv(path, usecols=["hf_repo"], dtype=str)
    return sorted(models["hf_repo"].dropna().unique())


def _read_runs(data_dir: Path) -> dict[str, dict]:
    path = table_path(data_dir, REFRESH_RUNS.name)
    if not path.exists():
        return {}
    runs = csvio.read_csv(path, REFRESH_RUNS.column_names)
    return {r["source"]: r for r in runs.to_dict("records")}


def _write(data_dir: Path, staged_all: dict[str, Staged], report: Report, curated) -> list[str]:
    """Write staging and canonical tables (only files whose bytes change); their relative paths."""
    changed = []
    for name, staged in sorted(staged_all.items()):
        for kind, df in staged.tables.items():
            path = data_dir / STAGING_DIR / name / f"{kind}.csv"
            if csvio.write_if_changed(path, csvio.to_csv_bytes(df, STAGING_COLUMNS[kind])):
                changed.append(str(path.relative_to(data_dir)))
    tables = dict(report.built.tables)
    tables[GPUS.name] = _gpus(staged_all, curated)
    tables[REFRESH_RUNS.name] = pd.DataFrame([vars(r) for r in report.runs])
    tables[WARNINGS.name] = pd.DataFrame(
        {"topic": [w.split(":", 1)[0] for w in report.warnings], "message": report.warnings}
    )
    tables[UNMATCHED.name] = report.built.unmatched
    for name, df in tables.items():
        table = TABLES_BY_NAME[name]
        df = df.reindex(columns=table.column_names).sort_values(list(table.key), ignore_index=True)
        if csvio.write_if_changed(table_path(data_dir, name), csvio.to_csv_bytes(df, table.column_names)):
            changed.append(f"{name}.csv")
    return changed


def _gpus(staged_all: dict[str, Staged], curated) -> pd.DataFrame:
    """Every source's GPU rows; curated specifications fill or correct the specification rows."""
    parts = [s.table("gpus") for s in staged_all.values() if len(s.table("gpus"))]
    gpus = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=GPUS.column_names)
    facts = curated.gpu_facts if curated.gpu_facts is not None else pd.DataFrame()
    for fact in facts.itertuples(index=False):
        spec = gpus["gpu"].eq(fact.gpu) & gpus["segment"].eq("spec")
        if not spec.any():  # a GPU no source specifies: a row of its own, from the datasheet
            row = {"gpu": fact.gpu, "name": fact.gpu, "provider": "curated specification", "segment": "spec"}
            gpus = pd.concat([gpus, pd.DataFrame([{**row, "source": "curated"}])], ignore_index=True)
            spec = gpus["gpu"].eq(fact.gpu) & gpus["segment"].eq("spec")
        gpus.loc[spec, fact.field] = fact.value
    return gpus
