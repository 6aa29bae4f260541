"""Hugging Face Open LLM Leaderboard, v2 (final, March 2025) and v1 (archived, June 2024).

Independent, same-harness evaluations of open-weights models: MMLU-Pro from v2, MMLU from v1
(the only common source of scores for Falcon-180B, BLOOM, GPT-J, MPT, Dolly). Both boards are
retired, so there is nothing to fetch live: the recorded files are the source. Only the labs'
own uploads are kept (community fine-tunes and merges are not models a workshop asks about).
Ids are Hugging Face repo ids.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tradeoffs.ingest.staging import (
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    read_payload_csv,
    to_date,
)

NAME = "hf-leaderboard"
FOLDER = "hf-open-llm-leaderboard"
NAMESPACE = "huggingface"
HOME = "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard"
STATIC = True  # retired upstream: a live refresh keeps the recorded rows
V2, V1 = "open_llm_leaderboard_v2.csv", "open_llm_leaderboard_v1.csv"
LABS = frozenset(
    [
        "meta-llama",
        "mistralai",
        "google",
        "Qwen",
        "microsoft",
        "tiiuae",
        "bigscience",
        "EleutherAI",
        "mosaicml",
        "databricks",
        "lmsys",
        "deepseek-ai",
        "01-ai",
        "allenai",
        "nvidia",
        "ibm-granite",
        "CohereForAI",
        "stabilityai",
        "internlm",
        "HuggingFaceTB",
        "upstage",
        "Snowflake",
        "THUDM",
        "baichuan-inc",
        "openai-community",
        "togethercomputer",
        "LLM360",
        "Nexusflow",
        "openchat",
        "HuggingFaceH4",
        "berkeley-nest",
        "NousResearch",
    ]
)


def fetch(session, dest: Path) -> None:
    raise NotImplementedError("the Open LLM Leaderboard is retired; its recorded files are the source")


def _lab(repo: str) -> bool:
    return repo.split("/", 1)[0] in LABS


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    v2 = read_payload_csv(
        NAME,
        folder / V2,
        {
            "model_name",
            "evaluations_mmlu_pro_value",
            "metadata_hub_license",
            "metadata_params_billions",
            "metadata_hub_hearts",
            "metadata_submission_date",
        },
    )
    v1 = read_payload_csv(
        NAME, folder / V1, {"model", "mmlu", "hub_license", "params_b", "hub_hearts", "date"}
    )
    v2 = v2[v2["model_name"].map(_lab)]
    v1 = v1[v1["model"].map(_lab)]
    models, scores = [], []
    for board, repo_col, score_col, bench, scale, lic, params, hearts, day in (
        (
            v2,
            "model_name",
            "evaluations_mmlu_pro_value",
            "mmlu_pro",
            100.0,
            "metadata_hub_license",
            "metadata_params_billions",
            "metadata_hub_hearts",
            "metadata_submission_date",
        ),
        # v1's params_b is an integer cut down from the real size (6 for Pythia-6.9B): not used.
        (v1, "model", "mmlu", "mmlu", 1.0, "hub_license", None, "hub_hearts", "date"),
    ):
        board = board.assign(_score=pd.to_numeric(board[score_col], errors="coerce")).sort_values(
            "_score", ascending=False
        )
        for row in board.to_dict("records"):
            repo = row[repo_col].strip()
            models.append(
                {
                    "source": NAMESPACE,
                    "source_id": repo,
                    "defines": True,
                    "organization": repo.split("/")[0],
                    "license_raw": row[lic].strip() or None,
                    "open_weights": True,
                    "params_total_b": number(row[params]) if params else None,
                    "hf_repo": repo,
                    "hf_likes": number(row[hearts]),
                    "url": f"https://huggingface.co/{repo}",
                }
            )
            if pd.notna(row["_score"]):
                scores.append(
                    {
                        "source": NAMESPACE,
                        "source_id": repo,
                        "benchmark": bench,
                        "score": row["_score"] * scale,
                        "as_of": to_date(row[day]),
                        "independent": True,
                    }
                )
    as_of = payload_as_of(folder, newest_date_in(v2["metadata_submission_date"]))
    return Staged(NAME, as_of, {"models": frame("models", models), "scores": frame("scores", scores)})
