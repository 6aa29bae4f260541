"""Real-browser test fixtures: a Streamlit server on a free local port and a headless Chromium page.

The fixtures ``app_server`` and ``browser_page`` are registered in tests/conftest.py; mark the
tests ``@pytest.mark.browser``. Debian's Chromium at /usr/bin/chromium, never
``playwright install`` (no internet). One server and one browser per test session: on two cores,
more Chromium contexts would measure Chromium, not the app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 60
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ARTIFACTS = REPO_ROOT / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serve(script: str | Path = "app.py"):
    """``streamlit run <script>`` on a free local port; yields (base URL, process), stops it by its PID
    after. A server that does not become healthy raises RuntimeError with the end of its log."""
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    with tempfile.TemporaryFile("w+") as log:
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
        proc = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(
                        f"streamlit did not become healthy (exit code {proc.poll()}):\n{log.read()[-3000:]}"
                    )
                time.sleep(0.3)
            yield url, proc
        finally:
            stop(proc)


@contextlib.contextmanager
def start_server():
    """The app on a free local port; yields its base URL (see ``serve``)."""
    with serve() as (url, _):
        yield url


# The fixtures below are registered once, in tests/conftest.py, so every test module shares the one
# server and the one browser of the session.
@pytest.fixture(scope="session")
def app_server():
    """Base URL of the app served on 127.0.0.1 for the whole test session."""
    with start_server() as url:
        yield url


def stop(proc: subprocess.Popen) -> None:
    """Stop the server by its PID (it leads its own process group: only it and its children)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium_browser(playwright):
    """Debian's Chromium, launched once through pytest-playwright's ``playwright`` (one per process)."""
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (set CHROMIUM, or apt-get install chromium)"
        pytest.fail(message) if os.environ.get("REQUIRE_BROWSER") else pytest.skip(message)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(chromium_browser):
    """A fresh page (1400×2000 viewport: Streamlit's main area scrolls inside itself, so a tall viewport is
    what a full screenshot needs); console errors are collected on ``page.console_errors``."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 2000})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run finished (and the page has drawn its first element)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_timeout(300)  # the state attribute flips to running a moment after load
    page.wait_for_selector(IDLE, timeout=timeout_ms)
