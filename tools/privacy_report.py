"""What the privacy ladder leaves on the bundled data (the numbers of issue 15's closing note).

    python tools/privacy_report.py [--deployment region] [--region EU] [--link '<query string>']

For the deployment rung (all other constraints at their defaults, or a link's), how many closed and
open models pass, and through which providers; then each passing model and its cheapest allowed price.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
logging.disable(logging.WARNING)
warnings.filterwarnings("ignore")

from tradeoffs.constraints import from_query  # noqa: E402
from tradeoffs.costs.assumptions import CostAssumptions  # noqa: E402
from tradeoffs.ui import cost_loaders, loaders  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployment", default="region")
    parser.add_argument("--region", default="EU")
    parser.add_argument("--link", default="", help="query string of a link, e.g. 'license=commercial'")
    args = parser.parse_args()
    c = from_query(dict(parse_qsl(args.link)), loaders.load_domain()).constraints
    c = replace(c, deployment=args.deployment, region=args.region)
    ev = loaders.load_evaluated(c, CostAssumptions())
    passing = ev.models[ev.models["passes"]]
    allowed = cost_loaders.load_api_offerings(c)
    allowed = allowed[allowed["model_id"].isin(passing.index)]
    rung = f"{args.deployment} {args.region}" if args.deployment == "region" else args.deployment
    print(f"{rung}: {len(passing)} of {len(ev.models)} models pass")
    for access, group in passing.groupby("access"):
        providers = allowed[allowed["model_id"].isin(group.index)]["provider"].value_counts()
        print(
            f"  {access}: {len(group)} models; providers: "
            + ", ".join(f"{p} ({n})" for p, n in providers.items())
        )
    costs = ev.costs.reindex(passing.index)
    for model_id, row in passing.sort_values(["access", "name"]).iterrows():
        price, provider = costs.at[model_id, "blended_usd_per_mtok"], costs.at[model_id, "provider"]
        print(f"    {row['access']:<13} {row['name']:<40} {provider!s:<16} ${price:,.2f}/1M")


if __name__ == "__main__":
    main()
