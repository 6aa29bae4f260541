"""A synthetic N× data folder: data/ with every model copied N−1 times, for load and scale benchmarks.

    python bench/synth_data.py --scale 5 --out /tmp/data-5x
    TRADEOFFS_DATA_DIR=/tmp/data-5x streamlit run app.py      # the app on it

Copy k of a model gets the id ``<model_id>-s<k>`` (and the name ``<name> s<k>``) with its scores,
prices, aliases and histories; scores move by up to ±1 % and prices by up to ±5 % (seeded), so
copies are distinct points rather than stacked ones. Reference tables (licences, GPUs, sources,
MLPerf measurements, curated files) are copied as they are. The manifest is rewritten with the
project's own code, so the store's checks accept the folder as a refresh's output.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tradeoffs import csvio  # noqa: E402
from tradeoffs.manifest import write_manifest  # noqa: E402
from tradeoffs.schema import TABLES_BY_NAME  # noqa: E402
from tradeoffs.store import DATA_DIR, data_version  # noqa: E402

SCORE_JITTER = 0.01  # ± fraction: copies stay in the same quality band
PRICE_JITTER = 0.05
# Per table: the columns that get the copy's suffix, and the columns jittered (with their bound).
PER_MODEL = {
    "models": (["model_id"], {}),
    "scores": (
        ["model_id", "source_id"],
        {"score": SCORE_JITTER, "ci_low": SCORE_JITTER, "ci_high": SCORE_JITTER},
    ),
    "score_history": (["model_id"], {"score": SCORE_JITTER}),
    "offerings": (
        ["model_id", "source_id"],
        {
            "input_usd_per_mtok": PRICE_JITTER,
            "output_usd_per_mtok": PRICE_JITTER,
            "cached_input_usd_per_mtok": PRICE_JITTER,
        },
    ),
    "price_history": (
        ["model_id"],
        {"input_usd_per_mtok": PRICE_JITTER, "output_usd_per_mtok": PRICE_JITTER},
    ),
    "aliases": (["source_id", "model_id"], {}),
}


def _read(path: Path) -> pd.DataFrame:
    # Every value stays the text it was (booleans, dates, ids); only jittered columns become numbers.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _copy(frame: pd.DataFrame, table: str, k: int, rng: np.random.Generator) -> pd.DataFrame:
    """Copy ``k`` of ``frame``: suffixed ids, jittered numbers."""
    suffixed, jitter = PER_MODEL[table]
    out = frame.copy()
    for col in suffixed:
        out[col] = out[col].where(out[col].isna(), out[col] + f"-s{k}")
    if table == "models":
        out["name"] = out["name"] + f" s{k}"
    for col, bound in jitter.items():
        values = pd.to_numeric(out[col])
        out[col] = values * (1 + rng.uniform(-bound, bound, len(out)))
    return out


def _scaled(frame: pd.DataFrame, table: str, scale: int, rng: np.random.Generator) -> pd.DataFrame:
    """The original rows plus ``scale − 1`` copies, sorted by the table's key like the ingest writes it."""
    copies = [frame] + [_copy(frame, table, k, rng) for k in range(2, scale + 1)]
    out = pd.concat(copies, ignore_index=True)
    for col in PER_MODEL[table][1]:  # one dtype per column, so every value is written the same way
        out[col] = pd.to_numeric(out[col])
    return out.sort_values(list(TABLES_BY_NAME[table].key), ignore_index=True)


def write_synthetic(out_dir: Path, scale: int, *, source: Path = DATA_DIR, seed: int = 0) -> str:
    """Write ``source`` × ``scale`` to ``out_dir`` (which must not exist); returns its data version."""
    out_dir = Path(out_dir)
    shutil.copytree(source, out_dir)
    rng = np.random.default_rng(seed)
    for table in PER_MODEL:
        path = out_dir / f"{table}.csv"
        scaled = _scaled(_read(path), table, scale, rng)
        csvio.write_if_changed(path, csvio.to_csv_bytes(scaled, TABLES_BY_NAME[table].column_names))
    version = data_version(out_dir)
    write_manifest(out_dir, version)
    return version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the models (≥ 1)")
    parser.add_argument("--out", type=Path, required=True, help="a folder that does not exist yet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.out.exists():
        if not args.force:
            parser.error(f"{args.out} exists: choose another --out or pass --force")
        shutil.rmtree(args.out)
    version = write_synthetic(args.out, args.scale, seed=args.seed)
    models = len(pd.read_csv(args.out / "models.csv", usecols=["model_id"]))
    print(f"wrote {args.out}: {args.scale}× data, {models:,} models, data version {version}")
    print(f"run the app on it: TRADEOFFS_DATA_DIR={args.out} streamlit run app.py")


if __name__ == "__main__":
    main()
