"""``python -m tradeoffs.ingest``: refresh the data from the public sources (or a recording).

    python -m tradeoffs.ingest                                  # live: fetch every source
    python -m tradeoffs.ingest --from-dir ../shared/snapshots   # replay recorded payloads
    python -m tradeoffs.ingest --only litellm --only openrouter # refresh some, keep the rest
    python -m tradeoffs.ingest --check                          # the data-quality check only

Exit status 1 when any source failed (its previous rows are kept) or, with --check, when a
data-quality invariant breaks; 0 otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from tradeoffs import quality, queries
from tradeoffs.ingest.curated import CURATED_DIR
from tradeoffs.ingest.pipeline import SOURCES_BY_NAME, Report, refresh
from tradeoffs.schema import TABLES
from tradeoffs.store import DATA_DIR, StoreError, connect_readonly, ensure_store, table_path


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tradeoffs.ingest", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--from-dir", type=Path, help="replay payloads from DIR (laid out like shared/snapshots)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=DATA_DIR, help="where the tables live (default: data/)"
    )
    parser.add_argument(
        "--only", action="append", choices=sorted(SOURCES_BY_NAME), help="refresh only SOURCE"
    )
    parser.add_argument(
        "--check", action="store_true", help="run the data-quality check on the tables (no refresh)"
    )
    return parser.parse_args(argv)


def _prepare(args) -> str | None:
    """What makes the run impossible, or None; a new --data-dir gets the project's curated tables."""
    if args.from_dir is not None and not args.from_dir.is_dir():
        return f"--from-dir {args.from_dir} is not a folder of recorded payloads"
    if args.data_dir.resolve() == DATA_DIR.resolve() or (args.data_dir / CURATED_DIR).exists():
        return None  # an existing data folder: a table missing there is an error, not a seed
    # The curated facts and reference tables are reviewed by hand and travel with the code: a new
    # data folder starts from the project's copies.
    seeds = [(DATA_DIR / CURATED_DIR, args.data_dir / CURATED_DIR)] + [
        (table_path(DATA_DIR, t.name), table_path(args.data_dir, t.name)) for t in TABLES if t.curated
    ]
    for src, dest in seeds:
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if src.is_dir() else shutil.copyfile)(src, dest)
            print(f"{args.data_dir}: no {dest.name}, copied the project's", file=sys.stderr)
    return None


def run_check(data_dir: Path) -> int:
    """Print the data-quality check of ``data_dir``; 1 when an invariant breaks."""
    path, _ = ensure_store(data_dir)
    con = connect_readonly(path)
    try:
        with con.cursor() as cur:
            tables = queries.load_quality_tables(cur)
    finally:
        con.close()
    findings = quality.check(
        tables, *quality.load_curated_for_check(data_dir), quality.load_source_scores(data_dir)
    )
    print(quality.report(findings))
    broken = quality.failed(findings)
    print(f"data-quality check: {len(broken)} invariant(s) broken" if broken else "data-quality check: ok")
    return 1 if broken else 0


def _snapshot(data_dir: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("models", "offerings"):
        path = table_path(data_dir, name)
        out[name] = pd.read_csv(path, dtype=str) if path.exists() else pd.DataFrame()
    return out


def _changes(before: dict, after: dict) -> list[str]:
    lines = []
    old_ids = set(before["models"].get("model_id", []))
    new_ids = set(after["models"]["model_id"])
    added, removed = sorted(new_ids - old_ids), sorted(old_ids - new_ids)
    lines.append(f"models: {len(new_ids)} ({len(added)} new, {len(removed)} removed)")
    lines += [f"  + {m}" for m in added[:10]] + [f"  - {m}" for m in removed[:10]]
    key = ["model_id", "provider"]
    price = ["input_usd_per_mtok", "output_usd_per_mtok"]
    old = (
        before["offerings"].set_index(key)[price] if len(before["offerings"]) else pd.DataFrame(columns=price)
    )
    new = after["offerings"].set_index(key)[price]
    both = old.index.intersection(new.index)
    # First run (no offerings before): the empty frame's RangeIndex cannot be compared with a MultiIndex.
    changed = (old.loc[both] != new.loc[both]).any(axis=1).sum() if len(both) else 0
    lines.append(
        f"prices: {len(new)} offerings ({len(new.index.difference(old.index))} new, {changed} changed, "
        f"{len(old.index.difference(new.index))} removed)"
    )
    return lines


def _summary(report: Report, before: dict, after: dict, seconds: float) -> str:
    lines = [f"{'source':<18}{'status':<8}{'rows':>8}{'unmatched':>11}  as of       error"]
    for r in report.runs:
        as_of = str(r.data_as_of or "")[:10]
        lines.append(f"{r.source:<18}{r.status:<8}{r.rows:>8}{r.unmatched:>11}  {as_of:<10}  {r.error[:100]}")
    lines.append("")
    lines += _changes(before, after)
    tables = report.built.tables
    lines.append("tables: " + ", ".join(f"{k} {len(v)}" for k, v in tables.items()))
    for source, group in report.built.unmatched.groupby("refresh"):
        lines.append(f"unmatched {source}: {len(group)} ids, e.g. {', '.join(group['source_id'].head(4))}")
    if report.warnings:
        lines.append(f"warnings: {len(report.warnings)} (see data/warnings.csv), e.g. {report.warnings[0]}")
    lines.append(f"{len(report.changed_files)} files changed; {seconds:.1f} s")
    if report.failed:
        lines.append("FAILED (previous data kept): " + "; ".join(r.error for r in report.failed))
    return "\n".join(lines)


def main(argv=None) -> int:
    args = _parse_args(argv)
    if args.check:
        try:
            return run_check(args.data_dir)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    problem = _prepare(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    before = _snapshot(args.data_dir)
    start = time.monotonic()

    def progress(name: str, n: int, total: int) -> None:
        bar = "#" * n + "." * (total - n)
        print(f"\r[{bar}] {n}/{total} {name:<20}", end="", file=sys.stderr, flush=True)

    clock = (lambda: None) if args.from_dir else (lambda: datetime.now(UTC).replace(microsecond=0))
    try:
        report = refresh(
            args.data_dir, from_dir=args.from_dir, only=args.only, clock=clock, progress=progress
        )
    except StoreError as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 2
    print(file=sys.stderr)
    print(_summary(report, before, _snapshot(args.data_dir), time.monotonic() - start))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
