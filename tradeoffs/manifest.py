"""The refresh's manifest: what it wrote (lines and checksum per table), checked before a store is built.

The ingest writes ``data/manifest.json`` last, after every table, so a reader that finds the tables
and the manifest disagree knows it caught a refresh half-way, a truncated file or a hand edit, and
keeps serving the last good store instead (``store.open_store``). Hand-maintained (curated) tables
are not in it: they change by review in git. Every table's header is checked against the schema.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tradeoffs import csvio
from tradeoffs.schema import TABLES

MANIFEST = "manifest.json"


class TableMismatch(Exception):
    """A table file is not what the schema or the manifest says; the message names the file."""


def _lines(body: bytes) -> int:
    return max(body.count(b"\n") - 1, 0)  # below the header; a row is a line unless a value holds one


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def build_manifest(data_dir: Path, data_version: str) -> dict:
    """The manifest of the tables in ``data_dir`` as they are now."""
    tables = {}
    for table in TABLES:
        if not table.curated:
            body = (Path(data_dir) / f"{table.name}.csv").read_bytes()
            tables[table.name] = {"lines": _lines(body), "sha256": _digest(body)}
    return {"data_version": data_version, "tables": tables}


def write_manifest(data_dir: Path, data_version: str) -> bool:
    """Write the manifest (atomically, only if it changes); True if written."""
    body = json.dumps(build_manifest(data_dir, data_version), indent=1, sort_keys=True) + "\n"
    return csvio.write_if_changed(Path(data_dir) / MANIFEST, body.encode())


def check_tables(data_dir: Path) -> None:
    """Raise TableMismatch naming the first table whose header, rows or bytes are wrong."""
    data_dir = Path(data_dir)
    manifest = _read_manifest(data_dir)
    for table in TABLES:
        path = data_dir / f"{table.name}.csv"
        body = path.read_bytes()
        header = body.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
        missing = [c for c in table.column_names if c not in header]
        if missing:
            raise TableMismatch(f"{path.name} lacks the column(s) {', '.join(missing)}")
        expected = manifest.get(table.name) if manifest else None
        if expected and _digest(body) != expected["sha256"]:
            raise TableMismatch(
                f"{path.name} has {_lines(body):,} lines where the last refresh wrote {expected['lines']:,}"
                if _lines(body) != expected["lines"]
                else f"{path.name} differs from what the last refresh wrote"
            )


def _read_manifest(data_dir: Path) -> dict | None:
    path = data_dir / MANIFEST
    if not path.exists():
        return None  # data written before manifests: headers are still checked
    try:
        return json.loads(path.read_text(encoding="utf-8"))["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        raise TableMismatch(f"{MANIFEST} is unreadable ({exc.__class__.__name__})") from exc
