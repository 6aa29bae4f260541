"""Replaying the same payloads gives byte-identical data/, and history only grows by real changes.

Dates come from the payloads (never the clock) in a replay, output is sorted and formatted one way,
so the nightly commit shows only what changed upstream.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.ingest_helpers import REPO, copy_fixtures, file_bytes, new_data_dir, read_table, replay, runs
from tradeoffs.ingest.privacy_refresh import STAGES as PRIVACY_STAGES
from tradeoffs.schema import TABLES
from tradeoffs.store import STORE_DIR_ENV

LITELLM_JSON = "litellm/model_prices_and_context_window.json"


def test_two_replays_in_separate_processes_write_identical_files(replayed, tmp_path):
    """The second replay runs in a fresh interpreter with another hash seed: no set or dict order leaks."""
    fresh = new_data_dir(tmp_path / "data")
    env = {**os.environ, "PYTHONHASHSEED": "20260101", STORE_DIR_ENV: str(tmp_path / "store")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tradeoffs.ingest",
            "--from-dir",
            str(REPO / "tests/fixtures/snapshots"),
            "--data-dir",
            str(fresh),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = file_bytes(replayed), file_bytes(fresh)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    written = (
        {f"{t.name}.csv" for t in TABLES}
        | {
            f"sources/{s}/models.csv"
            for s in runs(fresh)
            if s not in ("epoch-hardware", "gpu-prices", "mlperf")
            and s not in PRIVACY_STAGES  # provider terms, endpoints and openness stage their own files
        }
        | {f"sources/{s}/{kind}.csv" for s, kinds in PRIVACY_STAGES.items() for kind in kinds}
    )
    assert written <= set(second)
    assert len(read_table(fresh, "models")) > 100


def test_replaying_the_same_payloads_again_changes_no_file(data_dir):
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in data_dir.rglob("*") if p.is_file()}
    history = {name: len(read_table(data_dir, name)) for name in ("price_history", "score_history")}

    status, out, _ = replay(data_dir)

    assert status == 0, out
    assert out.splitlines()[-1].startswith("0 files changed;")
    assert "(0 new, 0 removed)" in out and "0 changed" in out
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in data_dir.rglob("*") if p.is_file()}
    assert after == before  # same bytes, and not even rewritten (same modification times)
    assert {name: len(read_table(data_dir, name)) for name in history} == history


def later_litellm_payload(root, day: str, gpt4_input_per_token: float) -> None:
    """LiteLLM as fetched live on ``day`` (a _fetch.json dates it), with GPT-4's input price changed."""
    folder = root / "litellm"
    data = json.loads((folder / "model_prices_and_context_window.json").read_text())
    data["gpt-4"]["input_cost_per_token"] = gpt4_input_per_token
    (folder / "model_prices_and_context_window.json").write_text(json.dumps(data, indent=4))
    (folder / "_fetch.json").write_text(
        json.dumps(
            {
                "url": "https://raw.githubusercontent.com/BerriAI/litellm/main/"
                "model_prices_and_context_window.json",
                "fetched_at": f"{day}T03:00:00+00:00",
                "as_of": day,
            }
        )
    )


def rows(df) -> set[tuple]:
    return set(df.itertuples(index=False, name=None))


def test_history_keeps_each_change_once(data_dir, tmp_path):
    payloads = copy_fixtures(tmp_path / "snapshots")
    later_litellm_payload(payloads, "2026-10-15", 2.5e-05)  # GPT-4 input: $30 → $25 per million
    prices_before = read_table(data_dir, "price_history")
    scores_before = read_table(data_dir, "score_history")
    staged_before = read_table(data_dir / "sources/litellm", "price_history")

    status, out, _ = replay(data_dir, payloads)

    assert status == 0, out
    assert runs(data_dir)["litellm"]["data_as_of"] == "2026-10-15"
    staged = read_table(data_dir / "sources/litellm", "price_history")
    # The staged series gains the one price that changed; unchanged prices get no row for the new date.
    assert rows(staged) - rows(staged_before) == {("litellm", "gpt-4", "openai", "2026-10-15", "25", "60")}
    assert rows(staged_before) <= rows(staged)
    gpt4 = staged[staged["source_id"] == "gpt-4"]
    assert gpt4[["as_of", "input_usd_per_mtok"]].values.tolist() == [
        ["2026-09-29", "30"],
        ["2026-10-15", "25"],
    ]
    # The canonical history gains exactly that point; score history is untouched.
    new = rows(read_table(data_dir, "price_history")) - rows(prices_before)
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in new] == [("gpt-4", "2026-10-15", "25", "60", "litellm")]
    assert read_table(data_dir, "score_history").equals(scores_before)

    # The same payload once more: history is keyed, nothing is added or rewritten.
    snapshot = file_bytes(data_dir)
    status, out, _ = replay(data_dir, payloads)
    assert status == 0, out
    assert file_bytes(data_dir) == snapshot
