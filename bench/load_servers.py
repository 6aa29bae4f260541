"""Servers for the benchmarks: start the app or the floor on a free loopback port; RSS and percentiles.

Every server started here is stopped by its PID (it leads its own process group), never by name.
"""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_helpers import free_port, healthy, stop  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SCRIPTS = {"app": ROOT / "app.py", "floor": ROOT / "bench" / "floor_app.py"}
STARTUP_SECONDS = 90


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile: a value that was measured, not an interpolation."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 when it is gone), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def server_env() -> dict[str, str]:
    """The environment of a benchmark server: no file watcher, no usage stats, data folder inherited."""
    return {
        **os.environ,
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_HEADLESS": "true",
    }


@contextlib.contextmanager
def started(name: str):
    """``streamlit run`` of the app or the floor on 127.0.0.1; yields (base URL, [its PID])."""
    if name not in SCRIPTS:
        raise SystemExit(f"unknown target {name!r}: choose from {', '.join(SCRIPTS)}")
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(SCRIPTS[name]), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1"]
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=server_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"{name} did not start (exit code {proc.poll()}):\n{log.read()[-3000:]}")
                time.sleep(0.3)
            yield url, [proc.pid]
        finally:
            stop(proc)
