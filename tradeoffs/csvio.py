"""Deterministic CSV: the same rows always give the same bytes, so a diff shows only real change.

Floats are written with 10 significant digits (``0.55``, not ``0.5499999999999999``), booleans
as ``true``/``false``, dates as ISO, rows in key order; a file is replaced atomically and only
when its bytes differ, so an unchanged table keeps its timestamp.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.10g"


def to_csv_bytes(df: pd.DataFrame, columns: Iterable[str]) -> bytes:
    out = df.reindex(columns=list(columns)).copy()
    for col in out.columns:
        values = out[col]
        if values.map(lambda v: isinstance(v, bool)).any():
            out[col] = values.map(lambda v: "true" if v is True else "false" if v is False else v)
    return out.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n").encode()


def write_if_changed(path: Path, body: bytes) -> bool:
    """Write ``body`` to ``path`` atomically unless it already holds exactly that; True if written."""
    path = Path(path)
    if path.exists() and path.read_bytes() == body:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(body)
    os.replace(tmp, path)
    return True


def read_csv(
    path: Path, columns: Iterable[str], *, booleans: Iterable[str] = (), numbers: Iterable[str] = ()
) -> pd.DataFrame:
    """A CSV written by ``to_csv_bytes`` back as a frame: blanks are missing, booleans are bools."""
    columns = list(columns)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    df = df.reindex(columns=columns)
    for col in set(booleans) & set(columns):
        df[col] = df[col].map({"true": True, "false": False, "True": True, "False": False}).astype(object)
        df[col] = df[col].where(df[col].notna(), None)
    for col in set(numbers) & set(columns):
        df[col] = pd.to_numeric(df[col])
    return df
