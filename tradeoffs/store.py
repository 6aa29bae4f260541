"""The DuckDB store: built from the CSV tables in ``data/``, opened read-only by the app.

The store file is a build artefact named after the data version (a hash of the tables), so a
new refresh never touches the file readers have open: it writes ``store-<new version>.duckdb``
under a temporary name and renames it into place (``os.replace``), and the next query picks it
up. Nothing here needs the network or write access to ``data/``; if the project folder is
read-only, the store is built in the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tradeoffs.csvio import read_csv
from tradeoffs.manifest import TableMismatch, check_tables
from tradeoffs.schema import TABLES

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "TRADEOFFS_DATA_DIR"
# Another data folder (a benchmark's synthetic 5× data, say) is chosen when the process starts.
DATA_DIR = Path(os.environ.get(DATA_DIR_ENV) or REPO_ROOT / "data")
STORE_DIR_ENV = "TRADEOFFS_STORE_DIR"
META_TABLE = "store_meta"


class StoreError(Exception):
    """The store cannot be built or opened; the message says which file and why."""


def without_server_paths(text: str) -> str:
    """``text`` with the project's and the temp folder's locations left out: what a visitor may see."""
    return text.replace(f"{REPO_ROOT}{os.sep}", "").replace(tempfile.gettempdir(), "<temp>")


def table_path(data_dir: Path, table: str) -> Path:
    return Path(data_dir) / f"{table}.csv"


def data_version(data_dir: Path = DATA_DIR) -> str:
    """A short hash of every table file: equal versions mean identical data."""
    digest = hashlib.sha256()
    for table in TABLES:
        path = table_path(data_dir, table.name)
        if not path.exists():
            raise StoreError(f"the table file {path} is missing: restore it from git or re-run the refresh")
        digest.update(table.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def store_dir() -> Path:
    """Where store files live: $TRADEOFFS_STORE_DIR, else .store/ in the project, else a folder of
    this user's in the temp folder that nobody else can write (a store planted there is not read)."""
    if os.environ.get(STORE_DIR_ENV):
        return Path(os.environ[STORE_DIR_ENV])
    local = REPO_ROOT / ".store"
    try:
        local.mkdir(exist_ok=True)
        if os.access(local, os.W_OK):
            return local
    except OSError:
        pass
    return _private_temp_dir()


def _private_temp_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    path = Path(tempfile.gettempdir()) / f"llm-tradeoff-explorer-{uid}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError as exc:
        raise StoreError(f"the store folder {path} cannot be created ({exc.strerror})") from exc
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o022:
        raise StoreError(
            f"the store folder {path} belongs to someone else or others may write to it: set "
            f"{STORE_DIR_ENV} to a private folder"
        )
    return path


def build_store(data_dir: Path, path: Path, version: str) -> Path:
    """Load every table into a new DuckDB file and move it into place atomically."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            for table in TABLES:
                _load_table(con, data_dir, table)
            con.execute(f"CREATE TABLE {META_TABLE} (key VARCHAR, value VARCHAR)")
            con.execute(f"INSERT INTO {META_TABLE} VALUES ('data_version', ?)", [version])
        finally:
            con.close()
        os.replace(tmp, path)
    except (duckdb.Error, ValueError, OSError) as exc:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            tmp.unlink(missing_ok=True)
        raise StoreError(f"could not build the store from {data_dir}: {exc}") from exc
    return path


def _load_table(con, data_dir: Path, table) -> None:
    # Identifiers and types come from the schema constants only, never from data.
    columns = ", ".join(f"{name} {kind}" for name, kind in table.columns)
    con.execute(f"CREATE TABLE {table.name} ({columns})")
    booleans = [name for name, kind in table.columns if kind == "BOOLEAN"]
    frame = read_csv(table_path(data_dir, table.name), table.column_names, booleans=booleans)
    casts = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in table.columns)
    con.register("incoming", frame)
    con.execute(f"INSERT INTO {table.name} SELECT {casts} FROM incoming")
    con.unregister("incoming")


def ensure_store(data_dir: Path = DATA_DIR) -> tuple[Path, str]:
    """The store file for the current data (built if missing or unreadable) and the data version;
    StoreError when a table is missing or does not match the schema or the refresh's manifest."""
    version = data_version(data_dir)
    try:
        check_tables(data_dir)
    except TableMismatch as exc:
        raise StoreError(f"the data does not check out: {exc}") from exc
    path = store_dir() / f"store-{version}.duckdb"
    if path.exists() and _store_version(path) != version:
        path.unlink(missing_ok=True)  # corrupt, truncated or not ours: rebuilt below
    if not path.exists():
        build_store(data_dir, path, version)
        _remove_old_stores(path)
    return path, version


@dataclass(frozen=True)
class OpenedStore:
    path: Path
    version: str
    problem: str | None = None  # why this is the last good store rather than the current data


def open_store(data_dir: Path = DATA_DIR) -> OpenedStore:
    """The current data's store or, when the data does not check out (a refresh half-way, a
    truncated file), the newest good store still there, with the problem; StoreError if none is."""
    try:
        return OpenedStore(*ensure_store(data_dir))
    except StoreError as exc:
        folder = store_dir()
        for old in sorted(folder.glob("store-*.duckdb"), key=_mtime, reverse=True):
            version = _store_version(old)
            if version and old.name == f"store-{version}.duckdb":
                return OpenedStore(old, version, str(exc))
        raise


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process's cleanup
        return 0.0


def _store_version(path: Path) -> str | None:
    """The data version recorded in a store file, or None if it cannot be read."""
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'data_version'").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return row[0] if row else None


def _remove_old_stores(current: Path) -> None:
    """Old versions are removed; one a reader still has open stays readable until it closes."""
    for old in current.parent.glob("store-*.duckdb"):
        if old != current:
            old.unlink(missing_ok=True)


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; each query should take its own ``.cursor()``."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"the store {path} cannot be opened ({exc}); delete it to have it rebuilt") from exc
