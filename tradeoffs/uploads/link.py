"""An upload's good rows in a link: compact JSON, zlib, URL-safe base64 (``mine=``), read back by the
same validation as a file, so a hand-edited link is checked like an upload."""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from tradeoffs.uploads.rows import Upload
from tradeoffs.uploads.validate import Known, validate

MAX_LINK_CHARS = 1500  # the parameter's longest value: a link stays pasteable in chat and e-mail
MAX_JSON_BYTES = 200_000  # what a value may inflate to (a zip bomb stops here)


def encode(upload: Upload) -> str | None:
    """The ``mine=`` value of the upload's good rows; None when it would be longer than MAX_LINK_CHARS."""
    if not upload.good_rows:
        return None
    text = json.dumps([dict(r) for r in upload.good_rows], separators=(",", ":"), ensure_ascii=False)
    value = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
    return value if len(value) <= MAX_LINK_CHARS else None


def decode(value: str, known: Known) -> tuple[Upload | None, list[str]]:
    """(the upload in a ``mine=`` value, warnings): None and a warning when the value cannot be read;
    rows the catalog no longer accepts are named in the warnings and left out."""
    try:
        if len(value) > 2 * MAX_LINK_CHARS:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        inflater = zlib.decompressobj()
        text = inflater.decompress(raw, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise ValueError("too large")
        rows = json.loads(text)
        if not isinstance(rows, list) or not all(_is_row(r) for r in rows):
            raise ValueError("not a list of rows")
    except (ValueError, binascii.Error, zlib.error, UnicodeDecodeError) as exc:
        return None, [f"ignored mine=…: your data in the link cannot be read ({exc})"]
    header = list(dict.fromkeys(k for r in rows for k in r))
    upload = validate(header, [(i + 1, r) for i, r in enumerate(rows)], known)
    warnings = [f"mine=: row {p.line} ({p.kind}) left out: {p.reason}" for p in upload.problems]
    return upload, warnings


def _is_row(row) -> bool:
    return isinstance(row, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in row.items())
