"""The nightly's commit step (`.ci/commit-data`) against real git repositories: a bare "origin",
the nightly's clone and a developer's clone. No network: origin is a folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "commit-data"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "RETRY_WAIT_S": "0",
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True, text=True).stdout


def commit_data(clone: Path, status: int) -> subprocess.CompletedProcess:
    (clone / "summary.txt").write_text("openrouter FAILED\n" if status else "all ok\n")
    return subprocess.run(
        ["bash", str(clone / ".ci" / "commit-data"), str(status), "summary.txt"],
        cwd=clone,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


def origin_files(origin: Path) -> set[str]:
    return set(git(origin, "ls-tree", "-r", "--name-only", "HEAD").split())


@pytest.fixture
def repos(tmp_path):
    """(origin, nightly clone, developer clone), all at one commit with data/ and the script."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(origin))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "--quiet", str(origin), str(seed))
    (seed / ".ci").mkdir()
    shutil.copy(SCRIPT, seed / ".ci" / "commit-data")
    (seed / "data").mkdir()
    (seed / "data" / "models.csv").write_text("id\nllama\n")
    (seed / "data" / "refresh_runs.csv").write_text("source,status,fetched_at\nopenrouter,ok,1\n")
    (seed / "README.md").write_text("readme\n")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "seed")
    git(seed, "push", "--quiet", "origin", "main")
    clones = []
    for name in ("nightly", "developer"):
        git(tmp_path, "clone", "--quiet", str(origin), str(tmp_path / name))
        clones.append(tmp_path / name)
    return origin, *clones


def test_a_night_with_only_new_files_is_committed(repos):
    origin, nightly, _ = repos
    new = nightly / "data" / "sources" / "mlperf" / "serving.csv"
    new.parent.mkdir(parents=True)
    new.write_text("model,tokens_per_s\nllama,100\n")
    run = commit_data(nightly, 0)
    assert run.returncode == 0, run.stderr
    assert "data/sources/mlperf/serving.csv" in origin_files(origin)


def test_a_quiet_night_commits_nothing(repos):
    origin, nightly, _ = repos
    head = git(origin, "rev-parse", "HEAD")
    (nightly / "data" / "refresh_runs.csv").write_text("source,status,fetched_at\nopenrouter,ok,2\n")
    run = commit_data(nightly, 0)
    assert run.returncode == 0 and "No data changed." in run.stdout
    assert git(origin, "rev-parse", "HEAD") == head


def test_a_failed_source_reaches_the_hosted_data_page(repos):
    origin, nightly, _ = repos
    (nightly / "data" / "refresh_runs.csv").write_text("source,status,fetched_at\nopenrouter,failed,2\n")
    run = commit_data(nightly, 1)
    assert run.returncode == 0, run.stderr
    assert "openrouter,failed" in git(origin, "show", "HEAD:data/refresh_runs.csv")
    assert "openrouter FAILED" in git(origin, "log", "-1", "--format=%B")


def test_a_push_made_meanwhile_is_kept_and_the_data_lands_on_top(repos):
    origin, nightly, developer = repos
    (developer / "README.md").write_text("a developer's change\n")
    git(developer, "commit", "--quiet", "-am", "docs")
    git(developer, "push", "--quiet", "origin", "main")  # lands while the nightly was fetching
    (nightly / "data" / "models.csv").write_text("id\nllama\nqwen\n")
    run = commit_data(nightly, 0)
    assert run.returncode == 0, run.stderr
    assert git(origin, "show", "HEAD:README.md") == "a developer's change\n"
    assert "qwen" in git(origin, "show", "HEAD:data/models.csv")
    assert git(origin, "log", "--format=%s").splitlines()[1] == "docs"  # rebased on top, not merged


def test_a_conflicting_data_edit_fails_loudly_and_leaves_no_half_rebase(repos):
    origin, nightly, developer = repos
    (developer / "data" / "models.csv").write_text("id\nmistral\n")
    git(developer, "commit", "--quiet", "-am", "hand fix")
    git(developer, "push", "--quiet", "origin", "main")
    (nightly / "data" / "models.csv").write_text("id\nqwen\n")
    run = commit_data(nightly, 0)
    assert run.returncode == 1 and "Could not push the refreshed data" in run.stderr
    assert "mistral" in git(origin, "show", "HEAD:data/models.csv")  # the person's fix stands
    assert not any((nightly / ".git" / d).exists() for d in ("rebase-merge", "rebase-apply"))
    assert "qwen" in git(nightly, "show", "HEAD:data/models.csv")  # the night's data is kept locally
