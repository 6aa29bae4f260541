"""Shared pytest fixtures.

Ingest (tests/test_ingest_*.py, test_match.py, test_store.py): helpers live in tests/ingest_helpers.py.
App pages: helpers in tests/app_helpers.py; the navigation shim below applies to every test.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser_helpers import app_server, browser_page, chromium_browser  # noqa: F401  (shared fixtures)
from tests.ingest_helpers import FIXTURES, new_data_dir, replay
from tradeoffs.store import STORE_DIR_ENV


@pytest.fixture(autouse=True)
def _error_details_for_tests():
    """The deployment hides error details from visitors (.streamlit/config.toml: showErrorDetails
    "none"); an AppTest failure should still say what went wrong."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    yield


@pytest.fixture(autouse=True)
def _streamlit_navigation_mode(monkeypatch):
    """Make AppTest run pages like a live server does once ``st.navigation`` has run.

    With a ``pages/`` folder next to app.py, Streamlit starts in its legacy multipage mode and a
    live server leaves it for good the first time app.py calls ``st.navigation``. AppTest resets
    that flag before every run, so after ``switch_page`` it would run page scripts without app.py
    (and lose the sidebar's widget state) — something no browser sees. The live server's cold
    start with a deep link is covered by tests/test_browser_workshop.py.
    """
    from streamlit.runtime import pages_manager

    original = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)


@pytest.fixture
def store_tmp(tmp_path, monkeypatch):
    """Store files go to a temporary folder, never to the project's .store/."""
    path = tmp_path / "store"
    monkeypatch.setenv(STORE_DIR_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def replayed(tmp_path_factory):
    """data/ as a first replay of the recorded fixtures writes it (shared: copy before changing)."""
    root = tmp_path_factory.mktemp("replayed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(STORE_DIR_ENV, str(root / "store"))
        status, out, _ = replay(new_data_dir(root / "data"), FIXTURES)
    assert status == 0, out
    return root / "data"


@pytest.fixture
def data_dir(replayed, tmp_path, store_tmp):
    """A private copy of the replayed data dir, for a test to refresh on top of."""
    return shutil.copytree(replayed, tmp_path / "data")
