"""Servers for the benchmarks: start the app or the floor on a free loopback port; RSS and percentiles.

Every server started here is stopped by its PID (it leads its own process group), never by name.
"""

from __future__ import annotations

import contextlib
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_helpers import serve  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SCRIPTS = {"app": ROOT / "app.py", "floor": ROOT / "bench" / "floor_app.py"}


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


@contextlib.contextmanager
def started(name: str):
    """``streamlit run`` of the app or the floor on 127.0.0.1 (tests.browser_helpers.serve); yields
    (base URL, [its PID])."""
    if name not in SCRIPTS:
        raise SystemExit(f"unknown target {name!r}: choose from {', '.join(SCRIPTS)}")
    with contextlib.ExitStack() as stack:
        try:
            url, proc = stack.enter_context(serve(SCRIPTS[name]))
        except RuntimeError as exc:  # only the start: an error of the caller's stays its own
            raise SystemExit(f"{name} did not start: {exc}") from exc
        yield url, [proc.pid]
