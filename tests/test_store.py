"""The DuckDB store: built from the CSV tables, opened read-only, replaced atomically.

Every test builds real DuckDB files in a temporary store folder (``TRADEOFFS_STORE_DIR``); the
committed ``data/`` is only read.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.ingest_helpers import DATA, REPO, read_table
from tradeoffs import store as store_module
from tradeoffs.manifest import MANIFEST
from tradeoffs.schema import TABLES
from tradeoffs.store import (
    STORE_DIR_ENV,
    StoreError,
    build_store,
    connect_readonly,
    data_version,
    ensure_store,
    open_store,
)


def copy_tables(dest: Path, source: Path = DATA) -> Path:
    """The canonical tables (by default the committed ones), copied so a test may change them."""
    dest.mkdir(parents=True)
    for table in TABLES:
        shutil.copyfile(source / f"{table.name}.csv", dest / f"{table.name}.csv")
    return dest


def rewrite_models(data_dir: Path, change) -> int:
    """Rewrite models.csv through ``change(rows) -> rows`` (header excluded); the new row count."""
    path = data_dir / "models.csv"
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows = change(header, rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return len(rows)


def test_ensure_store_builds_every_table_from_the_csvs(store_tmp):
    path, version = ensure_store(DATA)
    assert version == data_version(DATA)
    assert path == store_tmp / f"store-{version}.duckdb" and path.exists()
    con = connect_readonly(path)
    try:
        for table in TABLES:  # table names come from the schema constants
            count = con.cursor().execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            assert count == len(read_table(DATA, table.name)), table.name
        meta = con.cursor().execute("SELECT value FROM store_meta WHERE key = 'data_version'").fetchall()
        assert meta == [(version,)]
    finally:
        con.close()
    built = path.stat().st_mtime_ns
    assert ensure_store(DATA) == (path, version)  # the same data reuses the same file
    assert path.stat().st_mtime_ns == built


def test_the_store_opens_read_only(store_tmp):
    path, _ = ensure_store(DATA)
    con = connect_readonly(path)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.cursor().execute("INSERT INTO models (model_id) VALUES ('x')")
        with pytest.raises(duckdb.Error, match="read-only"):
            con.cursor().execute("CREATE TABLE scratch (a INTEGER)")
        # one cursor per query: two cursors read side by side
        first, second = con.cursor(), con.cursor()
        first.execute("SELECT model_id FROM models ORDER BY model_id")
        second.execute("SELECT count(*) FROM aliases")
        assert first.fetchone() is not None and second.fetchone()[0] > 0
    finally:
        con.close()


def test_store_columns_are_typed(store_tmp):
    path, _ = ensure_store(DATA)
    con = connect_readonly(path)
    try:
        types = dict(
            con.cursor()
            .execute("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns")
            .fetchall()
        )
        assert types["models.open_weights"] == "BOOLEAN"
        assert types["models.release_date"] == "DATE"
        assert types["models.context_tokens"] == "BIGINT"
        assert types["offerings.input_usd_per_mtok"] == "DOUBLE"
        assert types["licenses.tier"] == "INTEGER"
        assert types["refresh_runs.started_at"] == "TIMESTAMP"
        # models.csv: gpt-4,...,2023-03-14,false,proprietary,...
        row = (
            con.cursor()
            .execute(
                "SELECT release_date, open_weights, release_date < DATE '2024-01-01' FROM models "
                "WHERE model_id = ?",
                ["gpt-4"],
            )
            .fetchone()
        )
        assert row == (date(2023, 3, 14), False, True)
        # a boolean filter and missing values: blank stays NULL, never false
        models = read_table(DATA, "models")
        counts = (
            con.cursor()
            .execute(
                "SELECT count(*) FILTER (WHERE open_weights), count(*) FILTER (WHERE NOT open_weights), "
                "count(*) FILTER (WHERE open_weights IS NULL) FROM models"
            )
            .fetchone()
        )
        assert counts == tuple(int((models["open_weights"] == v).sum()) for v in ("true", "false", ""))
        assert con.cursor().execute("SELECT max(tier) FROM licenses").fetchone()[0] == 5
    finally:
        con.close()


def test_a_missing_table_file_is_named(tmp_path, store_tmp):
    data = copy_tables(tmp_path / "data")
    (data / "scores.csv").unlink()
    with pytest.raises(StoreError) as err:
        ensure_store(data)
    assert str(data / "scores.csv") in str(err.value) and "missing" in str(err.value)
    with pytest.raises(StoreError, match="scores.csv"):
        build_store(data, store_tmp / "store-x.duckdb", "x")
    assert list(store_tmp.iterdir()) == []  # no half-built file left behind


def test_a_bad_value_fails_the_build_and_keeps_the_current_store(tmp_path, store_tmp):
    data = copy_tables(tmp_path / "data")
    path, version = ensure_store(data)
    good = path.read_bytes()

    def bad_date(header, rows):
        rows[0][header.index("release_date")] = "last spring"
        return rows

    rewrite_models(data, bad_date)
    with pytest.raises(StoreError, match=r"could not build the store .*last spring"):
        build_store(data, path, version)  # even when asked to overwrite the current file
    assert path.read_bytes() == good
    assert [p.name for p in store_tmp.iterdir()] == [path.name]


def test_a_corrupt_or_truncated_store_file_is_rebuilt_by_itself(store_tmp):
    version = data_version(DATA)
    store_tmp.mkdir()
    path = store_tmp / f"store-{version}.duckdb"
    path.write_bytes(b"this is not a DuckDB database\n" * 200)  # random bytes over the store
    assert ensure_store(DATA) == (path, version)
    good = path.read_bytes()
    con = connect_readonly(path)
    assert con.cursor().execute("SELECT count(*) FROM models").fetchone()[0] == len(
        read_table(DATA, "models")
    )
    con.close()
    path.write_bytes(good[: len(good) // 2])  # a half-written copy
    ensure_store(DATA)
    con = connect_readonly(path)
    assert con.cursor().execute("SELECT value FROM store_meta").fetchone() == (version,)
    con.close()


def test_a_store_file_that_cannot_be_opened_is_named(store_tmp):
    store_tmp.mkdir()
    corrupt = store_tmp / "store-elsewhere.duckdb"
    corrupt.write_bytes(b"this is not a DuckDB database\n" * 200)
    with pytest.raises(StoreError) as err:
        connect_readonly(corrupt)
    assert str(corrupt) in str(err.value) and "cannot be opened" in str(err.value)


def with_manifest(data: Path) -> Path:
    """``data`` plus the manifest the last refresh wrote for the committed tables."""
    shutil.copyfile(DATA / MANIFEST, data / MANIFEST)
    return data


def test_a_truncated_table_is_named_and_the_last_good_store_is_served(tmp_path, store_tmp):
    data = with_manifest(copy_tables(tmp_path / "data"))
    good = open_store(data)
    assert good.problem is None and good.version == data_version(data)
    body = (data / "models.csv").read_bytes()
    (data / "models.csv").write_bytes(body[: len(body) // 2])  # what the audit did: half the file
    with pytest.raises(StoreError, match=r"models\.csv has [\d,]+ lines where the last refresh wrote [\d,]+"):
        ensure_store(data)
    served = open_store(data)
    assert served.path == good.path and served.version == good.version
    assert "models.csv" in served.problem
    con = connect_readonly(served.path)  # the last good numbers, all of them
    assert con.cursor().execute("SELECT count(*) FROM models").fetchone()[0] == len(
        read_table(DATA, "models")
    )
    con.close()


def test_a_renamed_column_is_named_before_any_score_is_lost(tmp_path, store_tmp):
    data = copy_tables(tmp_path / "data")  # no manifest: the header check alone must catch it
    body = (data / "scores.csv").read_text(encoding="utf-8")
    header, rest = body.split("\n", 1)
    (data / "scores.csv").write_text(header.replace("score", "value", 1) + "\n" + rest, encoding="utf-8")
    with pytest.raises(StoreError, match=r"scores\.csv lacks the column\(s\) score"):
        ensure_store(data)


def test_a_table_changed_after_the_refresh_is_not_trusted(tmp_path, store_tmp):
    data = with_manifest(copy_tables(tmp_path / "data"))
    rewrite_models(data, lambda header, rows: [[*r[:1], "Renamed", *r[2:]] for r in rows[:1]] + rows[1:])
    with pytest.raises(StoreError, match=r"models\.csv differs from what the last refresh wrote"):
        ensure_store(data)


def test_a_store_folder_that_is_a_file_gives_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(STORE_DIR_ENV, str(blocker))
    with pytest.raises(StoreError, match="could not build the store"):
        ensure_store(DATA)


def test_a_store_folder_planted_by_someone_else_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    ours = store_module._private_temp_dir()
    assert ours.stat().st_mode & 0o777 == 0o700
    ours.chmod(0o777)  # as a folder made by another user, or opened up, would be
    with pytest.raises(StoreError, match="others may write to it"):
        store_module._private_temp_dir()


def test_new_data_gets_a_new_store_and_the_old_one_goes(tmp_path, store_tmp):
    data = copy_tables(tmp_path / "data")
    old, old_version = ensure_store(data)
    n = rewrite_models(data, lambda header, rows: rows[:-1])
    new, new_version = ensure_store(data)
    assert new_version != old_version and new != old
    assert not old.exists()
    con = connect_readonly(new)
    try:
        assert con.cursor().execute("SELECT count(*) FROM models").fetchone()[0] == n
    finally:
        con.close()


READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from tradeoffs.store import connect_readonly

    path, stop = Path(sys.argv[1]), Path(sys.argv[2])
    seen, errors, reads = {}, [], 0
    print("ready", flush=True)
    while not stop.exists():
        try:
            con = connect_readonly(path)
            try:
                cur = con.cursor()
                count = cur.execute("SELECT count(*) FROM models").fetchone()[0]
                version = cur.execute("SELECT value FROM store_meta WHERE key = 'data_version'").fetchone()[0]
            finally:
                con.close()
            seen.setdefault(version, set()).add(count)
            reads += 1
        except Exception as exc:
            errors.append(f"{exc.__class__.__name__}: {exc}")
        time.sleep(0.002)  # leave the writer some CPU on a 2-core machine
    print(json.dumps({"seen": {v: sorted(c) for v, c in seen.items()}, "errors": errors[:5], "reads": reads}))
""")


def test_a_reader_in_another_process_never_sees_a_partial_store(tmp_path, store_tmp, replayed):
    """The app keeps reading while the refresh rebuilds the file: os.replace swaps whole files only."""
    data = copy_tables(tmp_path / "data", replayed)  # the fixtures' tables: small, quick to rebuild
    path = store_tmp / "store-current.duckdb"
    header, *all_rows = list(csv.reader(io.StringIO((data / "models.csv").read_text(encoding="utf-8"))))
    expected = {}

    def build(version: str, keep: int) -> None:
        expected[version] = rewrite_models(data, lambda header, rows: all_rows[:keep])
        build_store(data, path, version)

    build("v0", len(all_rows))
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), str(stop)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        time.sleep(0.3)  # let it read the first version a few times
        for n in range(1, 7):  # each version has a different number of models
            build(f"v{n}", len(all_rows) - 15 * n)
            time.sleep(0.1)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["errors"] == []
    assert result["reads"] >= 10
    assert len(result["seen"]) >= 2, result  # it did read while versions changed
    for version, counts in result["seen"].items():
        assert counts == [expected[version]], f"{version}: read {counts}, built {expected[version]}"
