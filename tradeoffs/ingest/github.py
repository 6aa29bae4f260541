"""Files published in public GitHub repositories: raw download plus the date of their last commit.

A file's last commit date is the honest "as of" of data that has no date of its own (a price list,
a leaderboard export). The commits API allows 60 anonymous calls an hour: plenty for a nightly run.
"""

from __future__ import annotations

from pathlib import Path

from tradeoffs.ingest import http


def raw_url(repo: str, path: str, ref: str = "main") -> str:
    return f"https://raw.githubusercontent.com/{repo}/{ref}/{path}"


def last_commit_date(session, repo: str, path: str) -> str | None:
    """ISO date of the newest commit touching ``path``, or None when the API does not say."""
    try:
        commits = http.get_json(
            session, f"https://api.github.com/repos/{repo}/commits", params={"path": path, "per_page": 1}
        )
        return commits[0]["commit"]["committer"]["date"][:10]
    except (http.FetchError, LookupError, TypeError, ValueError):
        return None  # fall back to the fetch date: rate limits must not fail the refresh


def fetch_files(session, dest: Path, repo: str, files: dict[str, str], ref: str = "main") -> None:
    """Download ``{local name: repository path}`` and record the newest commit date as the as-of."""
    dates = []
    for name, path in files.items():
        http.write_payload(dest, name, http.get_bytes(session, raw_url(repo, path, ref)))
        dates.append(last_commit_date(session, repo, path))
    known = [d for d in dates if d]
    http.write_fetch_meta(dest, f"https://github.com/{repo}", as_of=max(known) if known else None)
