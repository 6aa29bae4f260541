"""Epoch AI "Notable AI Models" (CC-BY 4.0): parameter counts, release dates and accessibility,
the source of sizes for open models (and for legacy ones: Falcon, BLOOM, Llama 2) that no API sells.

Only generative language models from 2020 on are kept. ``Parameters notes`` such as
"671B total, 37B active" give the active size of mixture-of-experts models. Ids are Epoch's
model names (``Llama 2-70B``).
"""

from __future__ import annotations

from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.params_text import active_params_b
from tradeoffs.ingest.staging import (
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    read_payload_csv,
    to_date,
)

NAME = "epoch-models"
FOLDER = "epoch-ai-models"
FILE = "notable_ai_models.csv"
NAMESPACE = "epoch"
URL = "https://epoch.ai/data/notable_ai_models.csv"
HOME = "https://epoch.ai/data/ai-models"
NEEDED = {"Model", "Organization", "Publication date", "Domain", "Task", "Parameters", "Model accessibility"}
FIRST_YEAR = 2020


def fetch(session, dest: Path) -> None:
    http.fetch_file(session, dest, URL, FILE)


def parse(folder: Path) -> Staged:
    path = Path(folder) / FILE
    df = read_payload_csv(NAME, path, NEEDED)
    # Generative language models of the LLM era only: BERT-style encoders and pre-2020 research
    # models are not options a workshop weighs.
    task = df["Task"].fillna("")
    generative = task.str.contains(
        "Language modeling|Language generation|Chat|Code generation"
    ) | task.str.strip().eq("")
    recent = df["Publication date"].str[:4].ge(str(FIRST_YEAR))
    df = df[df["Domain"].str.contains("Language", na=False) & generative & recent]
    models = []
    for row in df.to_dict("records"):
        access = row["Model accessibility"].strip()
        params = number(row["Parameters"])
        models.append(
            {
                "source": NAMESPACE,
                "source_id": row["Model"].strip(),
                "defines": access.startswith(("Open weights", "API access")),
                "name": row["Model"].strip(),
                "organization": row["Organization"].strip() or None,
                "release_date": to_date(row["Publication date"]),
                "license_raw": access or None,
                "open_weights": access.lower().startswith("open weights") if access else None,
                "params_total_b": None if params is None else params / 1e9,
                "params_active_b": active_params_b(row.get("Parameters notes", "")),
                "url": row.get("Link", "").split(",")[0].strip() or None,
            }
        )
    as_of = payload_as_of(Path(folder), newest_date_in(df["Publication date"]))
    return Staged(NAME, as_of, {"models": frame("models", models)})
