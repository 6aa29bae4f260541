"""HTTP for the live refresh: one session, timeouts, retries with backoff, a User-Agent, deadlines.

Every request runs against a deadline: its own (REQUEST_DEADLINE_S, from the first byte asked to the
last received, so a server that drips a byte a second is cut off too), within its source's and the
whole run's (``within``: the pipeline gives each source SOURCE_BUDGET_S and the run RUN_BUDGET_S).
Bodies are streamed and abandoned past MAX_BYTES, never buffered first. A live fetch writes each
payload under the name the recorded snapshots use, plus ``_fetch.json`` (url, fetched_at, as_of), so
that parsing a live fetch and replaying a recording are the same code.
"""

from __future__ import annotations

import contextlib
import json
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from tradeoffs.ingest.staging import FETCH_META, DataQualityError

USER_AGENT = "llm-tradeoff-explorer/0.1 (+nightly data refresh; https://github.com/)"
TIMEOUT_S = (10, 45)  # connect, read: the biggest payload (a ~15 MB tarball) arrives in seconds
MAX_BYTES = 64 * 1024 * 1024
REQUEST_DEADLINE_S = 120.0
SOURCE_BUDGET_S = 10 * 60.0  # one source, all its requests (the Hub step makes hundreds)
RUN_BUDGET_S = 45 * 60.0  # the whole refresh: the nightly job is killed at 60 minutes
_deadline: ContextVar[tuple[float, str] | None] = ContextVar("deadline", default=None)


@contextlib.contextmanager
def within(seconds: float, what: str):
    """Run the block's requests against a deadline ``seconds`` from now (or an earlier one already set)."""
    now, outer = time.monotonic(), _deadline.get()
    mine = (now + seconds, what)
    token = _deadline.set(mine if outer is None or mine[0] < outer[0] else outer)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining_s() -> float:
    """Seconds left before the current deadline (infinite when none is set)."""
    deadline = _deadline.get()
    return float("inf") if deadline is None else deadline[0] - time.monotonic()


def _check_time(url: str, started: float) -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise FetchError(f"out of time for {deadline[1]} while fetching {url}")
    if time.monotonic() - started > REQUEST_DEADLINE_S:
        raise FetchError(f"{url} took longer than {REQUEST_DEADLINE_S:.0f} s to send its answer")


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
    """The body of a GET, or FetchError naming the url and what went wrong (an error status, a
    timeout, a deadline passed, a body over MAX_BYTES)."""
    started = time.monotonic()
    _check_time(url, started)
    read_s = max(0.1, min(TIMEOUT_S[1], remaining_s(), REQUEST_DEADLINE_S))
    try:
        resp = session.get(
            url, params=params, headers=headers, timeout=(min(TIMEOUT_S[0], read_s), read_s), stream=True
        )
        with resp:
            if resp.status_code != 200:
                raise FetchError(f"HTTP {resp.status_code} from {url}")
            return _read_body(resp, url, started)
    except requests.Timeout as exc:
        raise FetchError(f"timed out fetching {url}") from exc
    except requests.ConnectionError as exc:
        # After retries, urllib3 reports a read timeout as a connection error: say what it was.
        if "timed out" in str(exc).lower():
            raise FetchError(f"timed out fetching {url}") from exc
        raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from exc
    except requests.RequestException as exc:
        raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from exc


def _read_body(resp: requests.Response, url: str, started: float) -> bytes:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"{url} announced {int(declared):,} bytes, more than the {MAX_BYTES:,} allowed")
    body = bytearray()
    while True:
        # read1 returns whatever has arrived, so a server dripping a byte at a time is still timed.
        chunk = resp.raw.read1(64 * 1024, decode_content=True)
        if not chunk:
            break
        body += chunk
        if len(body) > MAX_BYTES:
            raise FetchError(f"{url} sent more than the {MAX_BYTES:,} bytes allowed")
        _check_time(url, started)  # a server that drips a byte at a time is cut off here
    return bytes(body)


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
