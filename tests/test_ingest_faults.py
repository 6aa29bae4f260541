"""Faults injected into the recorded payloads: the run says which source failed and why, exits 1,
keeps that source's last good data, still refreshes the others, and leaves a store that opens.

Replay faults break a copy of tests/fixtures/snapshots. Live faults fake only the network
(``requests.Session.get``, or a local HTTP server for the session's retries and timeout).
"""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
import requests
import urllib3

from tests.ingest_helpers import (
    FIXTURES,
    HTML_PAGE,
    copy_fixtures,
    current_store,
    file_bytes,
    query_store,
    read_table,
    replay,
    run_cli,
    runs,
)
from tradeoffs.ingest import http
from tradeoffs.ingest.github import raw_url
from tradeoffs.ingest.sources import arena_daily, genai_prices, litellm, lmarena_csv, openrouter
from tradeoffs.ingest.staging import DataQualityError, Staged
from tradeoffs.ingest.validate import validate

OPENROUTER_JSON = "models-dev/openrouter-models.json"
LITELLM_JSON = "litellm/model_prices_and_context_window.json"
GENAI_JSON = "genai-prices/data_v2.json"
LMARENA_CSV = "lmarena-csv/lmarena_text.csv"


# ---- ways to break a payload (each takes the copied snapshots folder) ---------------------------


def html(rel):
    return lambda root: (root / rel).write_bytes(HTML_PAGE)


def truncated(rel):
    def cut(root):
        body = (root / rel).read_bytes()
        (root / rel).write_bytes(body[: len(body) // 2])

    return cut


def emptied(*rels):
    def clear(root):
        for rel in rels:
            for path in root.glob(rel):
                path.write_bytes(b"")

    return clear


def edit_json(rel, change):
    def edit(root):
        data = json.loads((root / rel).read_text(encoding="utf-8"))
        change(data)
        (root / rel).write_text(json.dumps(data), encoding="utf-8")

    return edit


def edit_text(rel, old, new):
    def edit(root):
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        (root / rel).write_text(text.replace(old, new), encoding="utf-8")

    return edit


def rename_openrouter_pricing(data):
    for rec in data["data"]:
        rec["prices"] = rec.pop("pricing")


def negative_litellm_price(data):
    data["gpt-4"]["input_cost_per_token"] = -3e-05


def scaled(value, factor):
    """Every price number in a genai-prices ``prices`` value, times ``factor`` (tiers and lists too)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value * factor
    if isinstance(value, list):
        return [scaled(v, factor) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("constraint", "start") else scaled(v, factor) for k, v in value.items()}
    return value


def genai_prices_times_1000(data):
    for provider in data:
        for model in provider["models"]:
            model["prices"] = scaled(model["prices"], 1000)


def negative_openrouter_price(data):
    data["data"][0]["pricing"]["prompt"] = "-0.000001"  # "-1" means "variable"; any other negative is broken


def openrouter_times_ten(data):
    """What the audit tried: every OpenRouter price ×10 (a unit slip upstream)."""
    for rec in data["data"]:
        for k in ("prompt", "completion"):
            if float(rec["pricing"].get(k, 0) or 0) > 0:
                rec["pricing"][k] = str(float(rec["pricing"][k]) * 10)


def keep_ten_openrouter_models(data):
    data["data"] = data["data"][:10]


GPT4_TOML = "models-dev/providers/openai/models/gpt-4.toml"
REPLAY_FAULTS = [  # (source, how the payload breaks, what the error must say)
    pytest.param(
        "openrouter", html(OPENROUTER_JSON), "is not an OpenRouter models payload", id="html-instead-of-json"
    ),
    pytest.param("litellm", truncated(LITELLM_JSON), "is not JSON", id="truncated-json"),
    pytest.param("genai-prices", emptied(GENAI_JSON), "is not a genai-prices v2 feed", id="empty-json"),
    pytest.param("lmarena-csv", emptied(LMARENA_CSV), "is not a readable CSV", id="empty-csv"),
    pytest.param(
        "openrouter",
        edit_json(OPENROUTER_JSON, rename_openrouter_pricing),
        "(fields renamed?)",
        id="renamed-json-field",
    ),
    pytest.param(
        "lmarena-csv",
        edit_text(LMARENA_CSV, ",arena_score,", ",score,"),
        "columns missing (renamed?): arena_score",
        id="renamed-csv-column",
    ),
    pytest.param(
        "litellm",
        edit_json(LITELLM_JSON, negative_litellm_price),
        "1 offerings have a negative price (e.g. gpt-4, -30",
        id="negative-price",
    ),
    pytest.param(
        "models.dev",
        edit_text(GPT4_TOML, "input = 30.00", "input = -30.00"),
        "negative price (e.g. openai/gpt-4",
        id="negative-price-toml",
    ),
    pytest.param(
        "genai-prices",
        edit_json(GENAI_JSON, genai_prices_times_1000),
        "prices above $1,000/M tokens",
        id="absurd-prices",
    ),
    pytest.param(
        "openrouter",
        edit_json(OPENROUTER_JSON, negative_openrouter_price),
        "offerings have a negative price",
        id="negative-price-openrouter",
    ),
    pytest.param(
        "openrouter",
        edit_json(OPENROUTER_JSON, openrouter_times_ten),
        "prices moved ×5 or more (",
        id="prices-times-ten",
    ),
    pytest.param(
        "openrouter",
        edit_json(OPENROUTER_JSON, keep_ten_openrouter_models),
        "models collapsed from 53 to 10 rows",
        id="row-count-collapse",
    ),
    pytest.param(
        "models.dev", emptied("models-dev/**/*.toml"), "is empty (truncated download?)", id="empty-toml-files"
    ),
]


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def failure_line(out: str) -> str:
    lines = [ln for ln in out.splitlines() if ln.startswith("FAILED (previous data kept): ")]
    assert len(lines) == 1, out
    return lines[0]


def assert_store_answers(data_dir: Path, source: str, status: str) -> None:
    """The store of the data's new version exists, opens read-only and agrees with the CSVs."""
    assert current_store(data_dir).exists()
    assert query_store(data_dir, "SELECT count(*) FROM models")[0][0] == len(read_table(data_dir, "models"))
    stored = query_store(data_dir, "SELECT status, error FROM refresh_runs WHERE source = ?", [source])
    assert stored == [(status, runs(data_dir)[source]["error"] or None)]


@pytest.mark.parametrize(("source", "breakage", "reason"), REPLAY_FAULTS)
def test_a_bad_payload_fails_its_source_and_keeps_its_last_good_data(
    source, breakage, reason, data_dir, tmp_path
):
    payloads = copy_fixtures(tmp_path / "snapshots")
    breakage(payloads)
    staged_before = file_bytes(data_dir / "sources" / source)
    assert staged_before, "the failing source should have last good rows to keep"
    before = file_bytes(data_dir)
    # Another source's staged rows are removed first: they must come back (the others still refresh).
    other = "lmarena-catalog"
    shutil.rmtree(data_dir / "sources" / other)

    status, out, _ = replay(data_dir, payloads)

    assert status == 1, out
    line = failure_line(out)
    assert f"{source}: " in line and reason in line
    run = runs(data_dir)[source]
    assert run["status"] == "failed" and run["error"].startswith(f"{source}: ") and reason in run["error"]
    assert int(run["rows"]) > 0  # the kept rows are still counted
    assert {s: r["status"] for s, r in runs(data_dir).items() if r["status"] != "ok"} == {source: "failed"}
    assert file_bytes(data_dir / "sources" / source) == staged_before
    # Nothing else moved: every canonical table and the other sources' staged rows (the removed ones
    # written back) are byte for byte the same; only the run log and the warnings change (the failed
    # source's own warnings, e.g. LiteLLM's dropped rows, are not repeated).
    assert changed_files(before, file_bytes(data_dir)) <= {
        "refresh_runs.csv",
        "warnings.csv",
        "manifest.json",
    }
    assert_store_answers(data_dir, source, "failed")


def test_a_few_absurd_prices_are_dropped_with_a_warning_not_fatal(replayed):
    """LiteLLM really lists jais-30b-chat at $3,200/M input tokens: the row goes, the source stays."""
    assert runs(replayed)["litellm"]["status"] == "ok"
    warnings = read_table(replayed, "warnings")
    litellm_warnings = warnings[warnings["topic"] == "litellm"]["message"].tolist()
    assert litellm_warnings == [
        "litellm: dropped 2 offerings row(s) with prices above $1,000/M tokens: "
        "azure_ai/jais-30b-chat, 3200.0, 9710.0; "
        "watsonx/core42/jais-13b-chat, 500.0, 2000.0"
    ]
    kept = set(pd.read_csv(replayed / "sources/litellm/offerings.csv", dtype=str)["source_id"])
    assert "gpt-4" in kept
    assert {"azure_ai/jais-30b-chat", "watsonx/core42/jais-13b-chat"}.isdisjoint(kept)


def test_warnings_of_sources_not_rechecked_are_kept(data_dir):
    """Refreshing one source must not forget what the last check of another one found."""
    status, out, _ = replay(data_dir, FIXTURES, "--only", "openrouter")
    assert status == 0, out
    assert runs(data_dir)["litellm"]["status"] == "ok"
    messages = read_table(data_dir, "warnings")["message"].tolist()
    assert any(m.startswith("litellm: dropped 2 offerings row(s)") for m in messages)


def test_a_refresh_with_half_the_rows_is_still_accepted(data_dir, tmp_path):
    """The collapse check rejects *more* than half gone; 30 of 53 models is a plausible shrink."""
    payloads = copy_fixtures(tmp_path / "snapshots")
    edit_json(OPENROUTER_JSON, lambda d: d.update(data=d["data"][:30]))(payloads)
    status, out, _ = replay(data_dir, payloads)
    assert status == 0, out
    assert len(read_table(data_dir / "sources/openrouter", "models")) == 30


def test_a_missing_table_file_stops_the_run_with_a_clear_message(data_dir):
    (data_dir / "licenses.csv").unlink()
    status, _out, err = replay(data_dir)
    assert status == 2
    assert f"error: the table file {data_dir / 'licenses.csv'} is missing" in err


# ---- validation thresholds, directly -------------------------------------------------------------


def staged_offerings(module, keep=None) -> Staged:
    staged = module.parse(FIXTURES / module.FOLDER)
    offers = staged.table("offerings")
    return Staged(staged.name, staged.as_of, {"offerings": offers if keep is None else keep(offers)})


def test_validation_drops_a_couple_of_absurd_rows_and_rejects_many():
    staged = staged_offerings(genai_prices)
    offers = staged.table("offerings").copy()
    two = offers.index[:2]
    offers.loc[two, "input_usd_per_mtok"] *= 1000
    offers.loc[two, "input_usd_per_mtok"] += 1000  # certainly above the $1,000/M ceiling
    checked, warnings = validate(Staged(staged.name, staged.as_of, {"offerings": offers}), None)
    assert len(checked.table("offerings")) == len(offers) - 2
    assert warnings and warnings[0].startswith("genai-prices: dropped 2 offerings row(s) with prices above")
    offers[["input_usd_per_mtok", "output_usd_per_mtok"]] *= 1000  # a unit change upstream
    with pytest.raises(DataQualityError, match=r"^genai-prices: \d+ of \d+ offerings rows have prices above"):
        validate(Staged(staged.name, staged.as_of, {"offerings": offers}), None)


def test_validation_rejects_more_than_half_the_rows_gone_but_not_half():
    previous = staged_offerings(openrouter)
    n = len(previous.table("offerings"))
    half = staged_offerings(openrouter, lambda df: df.iloc[: n // 2 + 1])
    validate(half, previous)
    fewer = staged_offerings(openrouter, lambda df: df.iloc[: n // 2 - 1])
    with pytest.raises(DataQualityError, match=f"^openrouter: offerings collapsed from {n} to {n // 2 - 1} "):
        validate(fewer, previous)
    validate(fewer, None)  # nothing to compare with on a first run


def test_a_few_price_jumps_keep_the_last_good_price_and_say_so():
    previous = staged_offerings(openrouter)
    offers = previous.table("offerings").copy()
    priced = offers.index[pd.to_numeric(offers["input_usd_per_mtok"]) > 0]
    offers.loc[priced[0], ["input_usd_per_mtok", "output_usd_per_mtok"]] *= 10  # ×10
    offers.loc[priced[1], ["input_usd_per_mtok", "output_usd_per_mtok"]] /= 6  # a cut to a sixth
    offers.loc[priced[2], "input_usd_per_mtok"] *= 2  # a real price rise: passes
    staged = Staged(previous.name, previous.as_of, {"offerings": offers})
    checked, warnings = validate(staged, previous)
    got = checked.table("offerings").set_index("source_id")
    before = previous.table("offerings").set_index("source_id")
    for i in priced[:2]:
        sid = offers.loc[i, "source_id"]
        assert got.loc[sid, "input_usd_per_mtok"] == before.loc[sid, "input_usd_per_mtok"]
        assert sid in warnings[0]
    sid = offers.loc[priced[2], "source_id"]
    assert got.loc[sid, "input_usd_per_mtok"] == 2 * before.loc[sid, "input_usd_per_mtok"]
    assert warnings[0].startswith("openrouter: held back 2 price change(s) of ×5 or more for review")


def test_an_impossible_context_or_size_is_blanked_not_believed():
    staged = openrouter.parse(FIXTURES / openrouter.FOLDER)
    models = staged.table("models").copy()
    models.loc[models.index[0], "context_tokens"] = 1e12  # the audit's 10^12-token window
    models.loc[models.index[1], "params_total_b"] = -1.0
    checked, warnings = validate(replace(staged, tables={**staged.tables, "models": models}), None)
    got = checked.table("models")
    assert len(got) == len(models)  # the rows stay
    assert pd.isna(got.loc[models.index[0], "context_tokens"]) and pd.isna(
        got.loc[models.index[1], "params_total_b"]
    )
    assert any(
        "impossible context_tokens" in w and models.loc[models.index[0], "source_id"] in w for w in warnings
    )
    models["context_tokens"] = 1e12  # every row: the payload's unit changed
    with pytest.raises(DataQualityError, match="impossible context_tokens"):
        validate(replace(staged, tables={**staged.tables, "models": models}), None)


def test_validation_rejects_rows_without_an_id():
    staged = staged_offerings(litellm)
    offers = staged.table("offerings").copy()
    offers.loc[offers.index[0], "source_id"] = None
    with pytest.raises(DataQualityError, match=r"^litellm: offerings rows without an id \(fields renamed"):
        validate(Staged(staged.name, staged.as_of, {"offerings": offers}), None)


# ---- live mode: only requests is faked -------------------------------------------------------------


def fake_web(monkeypatch, routes: dict):
    """Replace the network: ``routes`` maps a URL to (status, body) or an exception to raise."""
    calls = []

    def get(session, url, params=None, headers=None, timeout=None, **kwargs):
        calls.append({"url": url, "timeout": timeout, "user_agent": session.headers.get("User-Agent")})
        answer = routes.get(url, (404, b"Not Found"))
        if isinstance(answer, Exception):
            raise answer
        response = requests.Response()
        response.status_code, response.url = answer[0], url
        # A real urllib3 body, streamed as the session's response would be.
        response.raw = urllib3.HTTPResponse(body=io.BytesIO(answer[1]), preload_content=False)
        return response

    monkeypatch.setattr(requests.Session, "get", get)
    return calls


def today_range():
    return {datetime.now(UTC).date()}


ARENA_DAILY_URL = raw_url(arena_daily.REPO, "data/latest.json")
LIVE_FAULTS = [  # (source, the URL that fails, what the fake network answers, what the error must say)
    pytest.param(
        openrouter,
        openrouter.URL,
        requests.Timeout("read timed out"),
        f"timed out fetching {openrouter.URL}",
        id="timeout",
    ),
    pytest.param(
        openrouter,
        openrouter.URL,
        (503, b"Service Unavailable"),
        f"HTTP 503 from {openrouter.URL}",
        id="http-503",
    ),
    pytest.param(
        litellm, litellm.URL, (404, b"404: Not Found"), f"HTTP 404 from {litellm.URL}", id="http-404"
    ),
    pytest.param(
        openrouter, openrouter.URL, (200, HTML_PAGE), "is not an OpenRouter models payload", id="html-page"
    ),
    pytest.param(
        arena_daily,
        ARENA_DAILY_URL,
        (200, HTML_PAGE),
        "did not return JSON (starts with '<!DOCTYPE html>",
        id="html-page-get-json",
    ),
    pytest.param(
        openrouter,
        openrouter.URL,
        requests.ConnectionError("Name or service not known"),
        f"could not fetch {openrouter.URL}: ConnectionError",
        id="no-connection",
    ),
]


@pytest.mark.parametrize(("module", "url", "answer", "reason"), LIVE_FAULTS)
def test_a_live_fetch_that_fails_keeps_the_previous_data(module, url, answer, reason, data_dir, monkeypatch):
    calls = fake_web(monkeypatch, {url: answer})
    staged_before = file_bytes(data_dir / "sources" / module.NAME)
    before = file_bytes(data_dir)

    status, out, _ = run_cli("--data-dir", data_dir, "--only", module.NAME)

    assert status == 1, out
    assert reason in failure_line(out)
    run = runs(data_dir)[module.NAME]
    assert run["status"] == "failed" and reason in run["error"]
    assert run["started_at"] and run["finished_at"]  # a live run is timed
    assert file_bytes(data_dir / "sources" / module.NAME) == staged_before
    assert changed_files(before, file_bytes(data_dir)) <= {
        "refresh_runs.csv",
        "warnings.csv",
        "manifest.json",
    }
    assert [c["url"] for c in calls] == [url]
    assert calls[0]["timeout"] == http.TIMEOUT_S and calls[0]["user_agent"] == http.USER_AGENT
    assert_store_answers(data_dir, module.NAME, "failed")


def test_a_live_fetch_writes_the_payload_and_its_fetch_record(monkeypatch, tmp_path):
    body = (FIXTURES / OPENROUTER_JSON).read_bytes()
    fake_web(monkeypatch, {openrouter.URL: (200, body)})
    dest = tmp_path / "openrouter"
    days = today_range()
    openrouter.fetch(http.make_session(), dest)
    days |= today_range()
    assert (dest / openrouter.FILE).read_bytes() == body
    meta = json.loads((dest / "_fetch.json").read_text())
    assert meta["url"] == openrouter.URL
    assert date.fromisoformat(meta["as_of"]) in days
    assert datetime.fromisoformat(meta["fetched_at"]).tzinfo is not None
    staged = openrouter.parse(dest)
    assert staged.as_of in days  # the fetch date, not the newest `created` (2026-05-12) of the replay
    assert set(staged.table("offerings")["as_of"]) == {staged.as_of}
    assert len(staged.table("models")) == 53


def test_a_live_refresh_answered_from_the_recordings(data_dir, monkeypatch):
    routes = {
        openrouter.URL: (200, (FIXTURES / OPENROUTER_JSON).read_bytes()),
        litellm.URL: (200, (FIXTURES / LITELLM_JSON).read_bytes()),
        raw_url(lmarena_csv.REPO, lmarena_csv.FILES["lmarena_text.csv"]): (
            200,
            (FIXTURES / LMARENA_CSV).read_bytes(),
        ),
        # GitHub's commits API dates a file that has no date of its own
        f"https://api.github.com/repos/{lmarena_csv.REPO}/commits": (
            200,
            json.dumps([{"commit": {"committer": {"date": "2025-08-06T09:12:00Z"}}}]).encode(),
        ),
    }
    calls = fake_web(monkeypatch, routes)
    history_before = read_table(data_dir / "sources/litellm", "price_history")
    days = today_range()

    status, out, _ = run_cli(
        "--data-dir", data_dir, "--only", "openrouter", "--only", "litellm", "--only", "lmarena-csv"
    )

    days |= today_range()
    assert status == 0, out
    assert {c["url"] for c in calls} == set(routes)
    after = runs(data_dir)
    for name in ("openrouter", "litellm"):
        assert after[name]["status"] == "ok"
        assert date.fromisoformat(after[name]["data_as_of"]) in days  # from _fetch.json: the fetch date
    assert after["lmarena-csv"]["data_as_of"] == "2025-08-06"  # the file's last commit
    offers = read_table(data_dir / "sources/litellm", "offerings")
    assert {date.fromisoformat(d) for d in offers["as_of"]} <= days
    # Same prices on a later date add no history rows: history keeps changes only.
    assert read_table(data_dir / "sources/litellm", "price_history").equals(history_before)
    assert_store_answers(data_dir, "litellm", "ok")


# ---- the HTTP session itself, against a local server ---------------------------------------------


class _LocalServer:
    """A local HTTP server on a free port, serving ``handler`` in a thread while the ``with`` lasts."""

    def __init__(self, handler):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/data.json"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Server(_LocalServer):
    """A local HTTP server answering from a script of (status, body, delay) per request; the last repeats."""

    def __init__(self, script):
        self.script, self.seen = list(script), []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                server.seen.append({"at": time.monotonic(), "headers": dict(self.headers), "path": self.path})
                status, body, delay = server.script[min(len(server.seen), len(server.script)) - 1]
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        super().__init__(Handler)


@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_session_retries_a_503_with_backoff_and_sends_its_user_agent(no_proxy):
    with _Server([(503, b"busy", 0), (503, b"busy", 0), (200, b'{"ok": true}', 0)]) as server:
        body = http.get_bytes(http.make_session(retries=3, backoff_s=0.1), server.url)
    assert body == b'{"ok": true}'
    assert len(server.seen) == 3
    # urllib3 retries the first failure at once, then waits backoff × 2^(n-1): 0.2 s before the third try
    assert server.seen[2]["at"] - server.seen[1]["at"] >= 0.15
    agents = {s["headers"]["User-Agent"] for s in server.seen}
    assert agents == {http.USER_AGENT} and "llm-tradeoff-explorer" in http.USER_AGENT


def test_session_gives_up_after_its_retries(no_proxy):
    with (
        _Server([(503, b"busy", 0)]) as server,
        pytest.raises(http.FetchError, match=r"^could not fetch http://"),
    ):
        http.get_bytes(http.make_session(retries=2, backoff_s=0.01), server.url)
    assert len(server.seen) == 3  # the first try and two retries


def test_a_client_error_is_not_retried(no_proxy):
    with (
        _Server([(404, b"missing", 0)]) as server,
        pytest.raises(http.FetchError, match=r"^HTTP 404 from http://"),
    ):
        http.get_bytes(http.make_session(retries=3, backoff_s=0.01), server.url)
    assert len(server.seen) == 1


def test_get_bytes_uses_a_timeout(no_proxy, monkeypatch):
    monkeypatch.setattr(http, "TIMEOUT_S", (2, 0.2))  # connect, read
    with _Server([(200, b"late", 3.0)]) as server:
        started = time.monotonic()
        with pytest.raises(http.FetchError, match=r"^timed out fetching http://"):
            http.get_bytes(http.make_session(retries=0), server.url)
        assert time.monotonic() - started < 2.0  # the server answers after 3 s: the read timeout cut it short


def test_get_json_names_the_url_when_an_html_page_comes_back(no_proxy):
    with _Server([(200, HTML_PAGE, 0)]) as server, pytest.raises(DataQualityError) as err:
        http.get_json(http.make_session(retries=0), server.url)
    assert server.url in str(err.value)
    assert "did not return JSON (starts with '<!DOCTYPE html>" in str(err.value)


class _Drip(_LocalServer):
    """A local server that answers 200 and then sends one byte every ``every`` seconds, for ever."""

    def __init__(self, every: float = 0.1, first_byte_after: float = 0.0):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                time.sleep(first_byte_after)
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    for _ in range(100_000):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(every)
                except OSError:
                    pass  # the client gave up: what the test wants

            def log_message(self, *args):
                pass

        super().__init__(Handler)


def test_a_dripping_server_is_cut_off_at_the_request_deadline(no_proxy, monkeypatch):
    monkeypatch.setattr(http, "REQUEST_DEADLINE_S", 1.0)
    started = time.monotonic()
    with _Drip(every=0.05) as server, pytest.raises(http.FetchError, match="took longer than 1 s"):
        http.get_bytes(http.make_session(retries=0), server.url)
    assert time.monotonic() - started < 3


def test_a_hanging_server_fails_its_source_within_the_source_budget(no_proxy):
    started = time.monotonic()
    with (
        _Drip(first_byte_after=30) as server,
        http.within(1.0, "hf-hub"),
        pytest.raises(http.FetchError, match="timed out|out of time for hf-hub"),
    ):
        http.get_bytes(http.make_session(retries=0), server.url)
    assert time.monotonic() - started < 5


def test_a_body_over_the_cap_is_refused_before_it_is_buffered(no_proxy, monkeypatch):
    monkeypatch.setattr(http, "MAX_BYTES", 1000)
    with (
        _Server([(200, b"x" * 5000, 0)]) as server,
        pytest.raises(http.FetchError, match="more than the 1,000"),
    ):
        http.get_bytes(http.make_session(retries=0), server.url)


def test_the_hub_step_stops_when_its_budget_is_spent(no_proxy, tmp_path, monkeypatch):
    from tradeoffs.ingest.sources import hf_hub

    monkeypatch.setattr(hf_hub, "API", "")
    monkeypatch.setattr(hf_hub, "PAUSE_S", 0)
    with _Drip(first_byte_after=30) as server:
        monkeypatch.setattr(hf_hub, "API", server.url.replace("/data.json", "/"))
        started = time.monotonic()
        with (
            http.within(1.5, "hf-hub"),
            pytest.raises(http.FetchError, match="out of time for hf-hub|timed out"),
        ):
            hf_hub.fetch(http.make_session(retries=0), tmp_path, repos=[f"org/model-{i}" for i in range(400)])
    assert time.monotonic() - started < 6  # not 400 × 45 s


# ---- the command line's own mistakes --------------------------------------------------------------


def test_a_replay_into_a_new_folder_starts_from_the_projects_curated_tables(tmp_path):
    status, out, err = replay(tmp_path / "new")
    assert status == 0, err
    assert "no curated, copied the project's" in err
    assert (tmp_path / "new" / "curated" / "model_facts.csv").is_file()
    assert (tmp_path / "new" / "licenses.csv").is_file()
    n_models = query_store(tmp_path / "new", "SELECT count(*) FROM models")[0][0]
    assert n_models > 100  # a store that answers, not just files


def test_a_missing_replay_folder_is_named_and_nothing_is_written(tmp_path):
    status, _, err = run_cli("--from-dir", tmp_path / "nowhere", "--data-dir", tmp_path / "data")
    assert status == 2
    assert f"--from-dir {tmp_path / 'nowhere'} is not a folder of recorded payloads" in err
    assert not (tmp_path / "data").exists()
