"""HTTP for the live refresh: one session, timeouts, retries with backoff, a User-Agent.

A live fetch writes each payload under the name the recorded snapshots use, plus ``_fetch.json``
(url, fetched_at, as_of), so that parsing a live fetch and replaying a recording are the same code.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from tradeoffs.ingest.staging import FETCH_META, DataQualityError

USER_AGENT = "llm-tradeoff-explorer/0.1 (+nightly data refresh; https://github.com/)"
TIMEOUT_S = (10, 45)  # connect, read: the biggest payload (a ~15 MB tarball) arrives in seconds
MAX_BYTES = 64 * 1024 * 1024


class FetchError(Exception):
    """The source could not be reached or answered with an error; the message says which."""


def make_session(retries: int = 3, backoff_s: float = 1.0) -> requests.Session:
    """A session that retries connection errors and 429/5xx with exponential backoff."""
    session = requests.Session()
    retry = Retry(
        total=retries,
        read=1,  # a server that hangs once will likely hang again: one more try, not four minutes
        backoff_factor=backoff_s,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET",),
        respect_retry_after_header=True,
    )
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = USER_AGENT
    return session


def get_bytes(session: requests.Session, url: str, *, params=None, headers=None) -> bytes:
    """The body of a GET, or FetchError naming the url and what went wrong."""
    try:
        resp = session.get(url, params=params, headers=headers, timeout=TIMEOUT_S)
    except requests.Timeout as exc:
        raise FetchError(f"timed out fetching {url}") from exc
    except requests.ConnectionError as exc:
        # After retries, urllib3 reports a read timeout as a connection error: say what it was.
        if "timed out" in str(exc).lower():
            raise FetchError(f"timed out fetching {url}") from exc
        raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from exc
    except requests.RequestException as exc:
        raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from exc
    if resp.status_code != 200:
        raise FetchError(f"HTTP {resp.status_code} from {url}")
    if len(resp.content) > MAX_BYTES:
        raise FetchError(f"{url} sent {len(resp.content):,} bytes, more than the {MAX_BYTES:,} allowed")
    return resp.content


def get_json(session: requests.Session, url: str, **kwargs):
    """The parsed JSON body of a GET; a non-JSON body (an HTML error page) is a DataQualityError."""
    body = get_bytes(session, url, **kwargs)
    try:
        return json.loads(body)
    except ValueError as exc:
        start = body[:60].decode("utf-8", "replace").strip()
        raise DataQualityError(f"{url} did not return JSON (starts with {start!r})") from exc


def write_payload(dest: Path, name: str, body: bytes) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    (dest / name).write_bytes(body)


def fetch_file(session: requests.Session, dest: Path, url: str, name: str) -> None:
    """Download ``url`` as ``dest/name`` and record where it came from."""
    write_payload(dest, name, get_bytes(session, url))
    write_fetch_meta(dest, url)


def write_fetch_meta(dest: Path, url: str, as_of: str | None = None) -> None:
    """Record where and when the payload came from; ``as_of`` defaults to today (UTC)."""
    now = datetime.now(UTC)
    meta = {
        "url": url,
        "fetched_at": now.isoformat(timespec="seconds"),
        "as_of": as_of or now.date().isoformat(),
    }
    dest.mkdir(parents=True, exist_ok=True)
    (dest / FETCH_META).write_text(json.dumps(meta, indent=1) + "\n")
