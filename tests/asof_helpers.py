"""A newer data version made from the bundled one, as a nightly refresh would leave it, for the tests of
links opened after a refresh (tests/test_asof.py, tests/test_app_asof.py).

The bundled data/ is the *older* version (data as of 2026-10-10). The newer one is a copy where LiteLLM
was fetched again on 2026-11-01: every LiteLLM price is re-dated (as the nightly does; the history only
gains a row where a price changed), four list prices changed, one new listing appeared, one score
moved, one new Arena score came from a higher-ranked source, and a new model was released. The
manifest is rewritten with the project's own code, so the store accepts the folder as a refresh's output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from tradeoffs import csvio
from tradeoffs.manifest import write_manifest
from tradeoffs.schema import TABLES_BY_NAME
from tradeoffs.store import data_version

NEW_DAY = "2026-11-01"
OLD_DAY = "2026-10-10"  # the bundled data's date
# (model, provider) → new (input, output) USD per 1M tokens; the old prices are the bundled ones.
PRICE_CHANGES = {
    ("gpt-4o", "openai"): (2.0, 8.0),
    ("deepseek-v3", "deepseek"): (0.28, 0.42),
    ("deepseek-v3", "hyperbolic"): (0.1, 0.15),  # its cheapest trusted price on OLD_DAY (0.2 / 0.2)
    ("llama-3.3-70b", "together"): (0.88, 0.88),
}
NEW_LISTING = ("gpt-4o", "oracle-oci", 2.5, 10.0)  # a cloud that did not list it on OLD_DAY
SCORE_CHANGE = ("deepseek-v3", "eci", 139.5)  # the same source, a new value
NEW_ARENA = ("gpt-4o", 1351.25)  # arena-daily (ranked above lmarena-catalog) now scores it
NEW_MODEL = "frontier-x"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _write(data: Path, table: str, frame: pd.DataFrame) -> None:
    spec = TABLES_BY_NAME[table]
    frame = frame.sort_values(list(spec.key), ignore_index=True)
    csvio.write_if_changed(data / f"{table}.csv", csvio.to_csv_bytes(frame, spec.column_names))


def _add(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    return pd.concat([frame, pd.DataFrame(rows, dtype=str)], ignore_index=True)


def _prices(data: Path) -> None:
    offers = _read(data / "offerings.csv")
    offers.loc[offers["source"] == "litellm", "as_of"] = NEW_DAY  # fetched again, most prices the same
    history = []
    for (model, provider), (p_in, p_out) in PRICE_CHANGES.items():
        row = (offers["model_id"] == model) & (offers["provider"] == provider)
        assert row.sum() == 1 and offers.loc[row, "source"].item() == "litellm", (model, provider)
        offers.loc[row, ["input_usd_per_mtok", "output_usd_per_mtok"]] = [str(p_in), str(p_out)]
        history.append(dict(model_id=model, provider=provider, as_of=NEW_DAY, source="litellm"))
        history[-1].update(input_usd_per_mtok=str(p_in), output_usd_per_mtok=str(p_out))
    model, provider, p_in, p_out = NEW_LISTING
    listing = dict(
        model_id=model, provider=provider, input_usd_per_mtok=str(p_in), output_usd_per_mtok=str(p_out)
    )
    offers = _add(
        offers,
        [
            {
                **listing,
                "first_party": "false",
                "provider_kind": "cloud",
                "trusted": "true",
                "source": "litellm",
                "source_id": f"oci/openai.{model}",
                "as_of": NEW_DAY,
            }
        ],
    )
    offers = _add(
        offers,
        [
            dict(
                model_id=NEW_MODEL,
                provider="openai",
                input_usd_per_mtok="1",
                output_usd_per_mtok="4",
                first_party="true",
                provider_kind="lab",
                trusted="true",
                source="litellm",
                source_id=NEW_MODEL,
                as_of=NEW_DAY,
            )
        ],
    )
    history.append({**listing, "as_of": NEW_DAY, "source": "litellm"})
    _write(data, "offerings", offers)
    _write(data, "price_history", _add(_read(data / "price_history.csv"), history))


def _scores(data: Path) -> None:
    scores = _read(data / "scores.csv")
    model, benchmark, value = SCORE_CHANGE
    row = (scores["model_id"] == model) & (scores["benchmark"] == benchmark)
    scores.loc[row, ["score", "as_of"]] = [str(value), NEW_DAY]
    model_a, arena = NEW_ARENA
    row = (scores["model_id"] == model_a) & (scores["benchmark"] == "arena_text")
    scores.loc[row, ["score", "ci_low", "ci_high", "source", "source_id", "as_of"]] = [
        str(arena),
        str(arena - 4),
        str(arena + 4),
        "arena-daily",
        "gpt-4o-2024-05-13",
        NEW_DAY,
    ]
    scores = _add(
        scores,
        [
            dict(
                model_id=NEW_MODEL,
                benchmark="arena_text",
                score="1500",
                source="arena-daily",
                source_id=NEW_MODEL,
                as_of=NEW_DAY,
                independent="true",
            )
        ],
    )
    history = _add(
        _read(data / "score_history.csv"),
        [
            dict(
                model_id=model,
                benchmark=benchmark,
                as_of=NEW_DAY,
                score=str(value),
                source="epoch-benchmarks",
            ),
            dict(
                model_id=model_a,
                benchmark="arena_text",
                as_of=NEW_DAY,
                score=str(arena),
                source="arena-daily",
            ),
            dict(
                model_id=NEW_MODEL, benchmark="arena_text", as_of=NEW_DAY, score="1500", source="arena-daily"
            ),
        ],
    )
    _write(data, "scores", scores)
    _write(data, "score_history", history)


def _models_and_runs(data: Path) -> None:
    models = _read(data / "models.csv")
    template = models[models["model_id"] == "gpt-4o"].iloc[0].to_dict()
    new = {**template, "model_id": NEW_MODEL, "name": "Frontier X", "release_date": "2026-10-20"}
    _write(data, "models", _add(models, [new]))
    runs = _read(data / "refresh_runs.csv")
    runs.loc[runs["source"].isin(["litellm", "arena-daily"]), "data_as_of"] = NEW_DAY
    _write(data, "refresh_runs", runs)


def make_newer_data(source: Path, dest: Path) -> Path:
    """A copy of ``source`` (the bundled data/) refreshed as described in the module docstring."""
    shutil.copytree(source, dest)
    _prices(dest)
    _scores(dest)
    _models_and_runs(dest)
    write_manifest(dest, data_version(dest))
    return dest
