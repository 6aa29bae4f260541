"""Shared helpers of the ingest tests: data dirs, replays through the real CLI, file snapshots.

Only the network is ever faked (``requests``); everything else is the real pipeline on real files,
with the DuckDB store in a temporary folder (``TRADEOFFS_STORE_DIR``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from pathlib import Path

import pandas as pd

from tradeoffs.ingest.__main__ import main
from tradeoffs.store import connect_readonly, data_version, store_dir

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = REPO / "data"
FIXTURES = TESTS / "fixtures" / "snapshots"
CROSSWALK = FIXTURES / "_crosswalk" / "model_crosswalk.csv"
# Hand-maintained inputs of the ingest; it writes every other file in data/.
CURATED_TABLES = ("licenses.csv", "sources.csv", "benchmarks.csv")
HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>\n"
)


def new_data_dir(path: Path) -> Path:
    """An empty data dir holding only the curated tables, as before the first refresh."""
    path.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DATA / "curated", path / "curated")
    for name in CURATED_TABLES:
        shutil.copyfile(DATA / name, path / name)
    return path


def copy_fixtures(dest: Path) -> Path:
    """A private copy of the recorded payloads, for a test to break."""
    shutil.copytree(FIXTURES, dest)
    return dest


def run_cli(*args) -> tuple[int, str, str]:
    """``python -m tradeoffs.ingest ARGS`` in-process: (exit status, summary on stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


def replay(data_dir: Path, from_dir: Path = FIXTURES, *extra) -> tuple[int, str, str]:
    """Replay recorded payloads into ``data_dir`` through the CLI."""
    return run_cli("--from-dir", from_dir, "--data-dir", data_dir, *extra)


def file_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(Path(root).rglob("*")) if p.is_file()}


def read_table(data_dir: Path, name: str) -> pd.DataFrame:
    """A table as written (text, blanks = ''), so comparisons see exactly the file's values."""
    return pd.read_csv(Path(data_dir) / f"{name}.csv", dtype=str, keep_default_na=False)


def runs(data_dir: Path) -> dict[str, dict]:
    """refresh_runs.csv by source."""
    return {r["source"]: r for r in read_table(data_dir, "refresh_runs").to_dict("records")}


def current_store(data_dir: Path) -> Path:
    """The store file of the data's current version (where the refresh must have built it)."""
    return store_dir() / f"store-{data_version(data_dir)}.duckdb"


def query_store(data_dir: Path, sql: str, params=()) -> list[tuple]:
    con = connect_readonly(current_store(data_dir))
    try:
        return con.cursor().execute(sql, list(params)).fetchall()
    finally:
        con.close()


def crosswalk_rows(path: Path = CROSSWALK) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
