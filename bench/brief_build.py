"""How long the one-page brief (PDF) and its slide (PPTX) take to build, as the Shortlist's download buttons
build them (tradeoffs/ui/brief_view.py, without a server), in fresh processes; medians over the runs.

Each run, in a new process, for the regulated bank's view with four shortlisted models and a note each:
  first      the PDF, then the PPTX, in a cold process (the shared views, vl-convert and the fonts load)
  again      the same view again (the brief is shared: nothing is rebuilt)
  new note   one note changed (the views are cached; the brief is laid out again)
  new view   the volume changed to 2B (Decide, Costs, Explore computed again, a new chart)

    python bench/brief_build.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_RUN = r"""
import json, logging, time, warnings
from dataclasses import replace
from urllib.parse import urlencode
logging.disable(logging.WARNING); warnings.filterwarnings("ignore")
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.scorecard import scorecard_from_query
from tradeoffs.ui import brief_view as bv, loaders
from tradeoffs.ui.state import View, query_for

notes = {"qwen3.8-27b": "Decide's pick; model-risk to validate it first.",
         "deepseek-v4-flash": "Close second; legal to check the MIT terms.",
         "deepseek-v4.1-flash": "Best quality of the three; a full 8xH100 node per replica.",
         "gpt-oss-120b": "Fallback with the widest host support."}
c = Constraints(deployment="on-prem", license="commercial", min_score=1289.5, volume_tokens=10**9,
                shortlist=tuple(notes))
card = scorecard_from_query({"preset": "regulated"})[0]
info = loaders.load_data_info()

def key(view):
    return bv.brief_key(view, info, "http://127.0.0.1/shortlist?" + urlencode(query_for(view, info.tag)))

def timed(fn, k):
    start = time.perf_counter(); fn(k); return time.perf_counter() - start

out = {}
for label, view in (
    ("first", View(c, CostAssumptions(), dict(notes), card)),
    ("again", View(c, CostAssumptions(), dict(notes), card)),
    ("new note", View(c, CostAssumptions(), {**notes, "gpt-oss-120b": "Fallback only."}, card)),
    ("new view", View(replace(c, volume_tokens=2 * 10**9), CostAssumptions(), dict(notes), card)),
):
    k = key(view)
    out[label] = {"pdf": timed(bv.brief_pdf_bytes, k), "pptx": timed(bv.brief_pptx_bytes, k)}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = []
    for _ in range(parser.parse_args().runs):
        done = subprocess.run(
            [sys.executable, "-c", ONE_RUN], cwd=ROOT, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'case':<10} {'PDF median s':>13} {'PPTX median s':>14}   (runs: {len(runs)})")
    for case in runs[0]:
        pdf = statistics.median(r[case]["pdf"] for r in runs)
        pptx = statistics.median(r[case]["pptx"] for r in runs)
        print(f"{case:<10} {pdf:>13.3f} {pptx:>14.3f}")


if __name__ == "__main__":
    main()
