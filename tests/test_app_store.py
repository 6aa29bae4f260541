"""The hosted app and the data under it: files gone bad (the last good store is served, with a notice),
a refresh while a session is open, and what the deployment says it exposes."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from tests.app_helpers import plain, run_app, texts
from tests.ingest_helpers import DATA
from tradeoffs.manifest import MANIFEST, write_manifest
from tradeoffs.schema import TABLES
from tradeoffs.store import data_version
from tradeoffs.ui import loaders


def serve_copy(tmp_path, monkeypatch, *, manifest: bool = True, curated: bool = False):
    """A copy of the bundled tables (with the refresh's manifest, the curated folder if asked) that
    the app reads instead of data/."""
    data = tmp_path / "data"
    data.mkdir()
    for name in [f"{t.name}.csv" for t in TABLES] + ([MANIFEST] if manifest else []):
        shutil.copyfile(DATA / name, data / name)
    if curated:
        shutil.copytree(DATA / "curated", data / "curated")
    monkeypatch.setattr(loaders, "DATA_DIR", data)
    # The app looks at the files at most once a second; these tests change them between two reruns.
    monkeypatch.setattr(loaders, "FINGERPRINT_SECONDS", 0.0)
    return data


def test_a_truncated_table_keeps_the_last_good_numbers_on_screen(tmp_path, store_tmp, monkeypatch):
    data = serve_copy(tmp_path, monkeypatch)
    good = run_app("pages/overview.py")
    assert not good.exception
    assert not any("last good data" in t for t in texts(good.warning))
    numbers = {plain(m.label): m.value for m in good.metric}

    body = (data / "models.csv").read_bytes()
    (data / "models.csv").write_bytes(body[: len(body) // 2])  # a refresh caught half-way
    served = run_app("pages/overview.py")

    assert not served.exception
    banner = [t for t in texts(served.warning) if "Showing the last good data" in t]
    assert banner and "models.csv has" in banner[0] and "lines where the last refresh wrote" in banner[0]
    assert {plain(m.label): m.value for m in served.metric} == numbers and numbers


def test_no_good_store_at_all_gives_a_plain_message_not_a_traceback(tmp_path, store_tmp, monkeypatch):
    data = serve_copy(tmp_path, monkeypatch, manifest=False)
    (data / "scores.csv").unlink()
    at = run_app("pages/overview.py")
    assert not at.exception
    message = " ".join(texts(at.error))
    assert "The data store could not be opened" in message and "scores.csv" in message
    assert str(tmp_path) not in message and "<temp>" in message  # no server layout for a visitor


def test_an_open_session_is_told_when_the_data_is_refreshed_under_it(tmp_path, store_tmp, monkeypatch):
    data = serve_copy(tmp_path, monkeypatch)
    at = run_app("pages/overview.py")
    assert not any("refreshed since" in t for t in texts(at.info))
    opened_on = at.query_params["data"]

    body = (data / "models.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "models.csv").write_text("".join(body[:-1]), encoding="utf-8")  # the nightly drops a model
    write_manifest(data, data_version(data))
    at.run()

    assert not at.exception
    notice = " ".join(t for t in texts(at.info) if "refreshed since" in t)
    assert opened_on.split("~")[1] in notice and at.query_params["data"].split("~")[1] in notice
    assert at.query_params["data"] != opened_on


def test_the_data_page_says_what_the_deployment_exposes():
    at = run_app("pages/data.py")
    assert not at.exception
    about = " ".join(texts(at.caption))
    assert "Nothing you set is stored on the server" in about and "no outbound request" in about


INJECTED = (
    "[Free credits](https://evil.example/x) ![p](https://evil.example/p.png) <img src=x> www.evil.example"
)
UNSAFE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|://|www\.|(?<!\\)<img", re.I)
ALL_PAGES = ["overview", "explore", "decide", "trends", "costs", "shortlist", "compare", "data"]


@pytest.mark.parametrize("page", ALL_PAGES)
def test_text_from_a_source_is_shown_as_plain_text_on_every_page(page, tmp_path, store_tmp, monkeypatch):
    """Model names and organisations as an upstream payload could send them, through the store."""
    data = serve_copy(tmp_path, monkeypatch, manifest=False, curated=True)
    models = pd.read_csv(data / "models.csv", dtype=str, keep_default_na=False)
    models["name"] = models["name"] + " " + INJECTED  # every model: every headline carries it
    models["organization"] = models["organization"] + " " + INJECTED
    models.to_csv(data / "models.csv", index=False, lineterminator="\n")
    write_manifest(data, data_version(data))  # as the refresh that brought it would

    at = run_app(
        f"pages/{page}.py",
        shortlist="gpt-4o,llama-3.3-70b",
        model="gpt-4o",
        compare="llama-3.3-70b",
        cmp="gpt-4o,llama-3.3-70b",
        trend_model="gpt-4o",
    )
    assert not at.exception, [e.value for e in at.exception]
    shown = [
        e.value
        for kind in ("markdown", "caption", "warning", "info", "success", "error", "subheader", "title")
        for e in getattr(at, kind)
    ] + [e.label for kind in ("metric", "expander", "tabs", "button") for e in getattr(at, kind)]
    for table in at.table:  # st.table reads Markdown in its cells and labels too
        frame = table.value
        shown += [str(v) for v in [*frame.to_numpy().ravel(), *frame.columns, *frame.index]]
    # … the text is there (on Data and Shortlist names appear only in table cells, which are plain) …
    assert page in ("data", "shortlist") or any("evil" in s for s in shown)
    assert not [s for s in shown if UNSAFE.search(s)]  # but never a live link, image, tag or auto-link
