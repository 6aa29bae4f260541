"""Live fetch of models.dev: the repository tarball becomes the same TOML tree a replay reads."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from tests.ingest_helpers import FIXTURES
from tradeoffs.ingest import http
from tradeoffs.ingest.sources import models_dev
from tradeoffs.ingest.staging import FETCH_META, DataQualityError

TREE = FIXTURES / "models-dev"


def _tarball(link_from: str, link_to: str) -> bytes:
    """The fixture's TOML tree under a top folder, as GitHub's archive has it, plus one symlink."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(TREE.rglob("*.toml")):
            tar.add(path, arcname=f"models.dev-main/{path.relative_to(TREE)}")
        link = tarfile.TarInfo(f"models.dev-main/{link_from}")
        link.type, link.linkname = tarfile.SYMTYPE, link_to
        tar.addfile(link)
        readme = tarfile.TarInfo("models.dev-main/README.md")
        readme.size = 2
        tar.addfile(readme, io.BytesIO(b"hi"))
    return buffer.getvalue()


def test_fetch_unpacks_the_toml_tree_follows_links_and_records_the_fetch(tmp_path, monkeypatch):
    target = next(iter(sorted((TREE / "providers" / "openai" / "models").glob("*.toml"))))
    link_from = "providers/vercel-test/models/openai/" + target.name
    link_to = "../../../openai/models/" + target.name  # repository-relative, as upstream
    monkeypatch.setattr(http, "get_bytes", lambda session, url, **kw: _tarball(link_from, link_to))

    dest = tmp_path / "models-dev"
    models_dev.fetch(None, dest)

    assert (dest / link_from).read_bytes() == target.read_bytes()  # the link became a copy
    assert not (dest / "README.md").exists()  # only the TOML tree is kept
    assert json.loads((dest / FETCH_META).read_text())["url"] == models_dev.URL
    fetched = models_dev.parse(dest)
    replayed = models_dev.parse(TREE)
    extra = fetched.table("offerings")["source_id"].str.startswith("vercel-test/").sum()
    assert len(fetched.table("offerings")) == len(replayed.table("offerings")) + extra and extra == 1


def test_fetch_rejects_a_body_that_is_not_a_tarball(tmp_path, monkeypatch):
    monkeypatch.setattr(http, "get_bytes", lambda session, url, **kw: b"<html>rate limited</html>")
    with pytest.raises(DataQualityError, match="models.dev: .* is not a gzip tarball"):
        models_dev.fetch(None, tmp_path / "models-dev")
