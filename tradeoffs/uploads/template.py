"""The template to download: the header and one example row of each kind."""

from __future__ import annotations

import csv
import io

from tradeoffs.uploads.validate import Known, template_columns

EXAMPLES = (
    {
        "kind": "model",
        "name": "Acme support 70B (fine-tuned)",
        "open_weights": "yes",
        "license_id": "llama-3.3",
        "params_total_b": "70",
        "params_active_b": "70",
        "hosting": "self-hosted",
        "arena_text": "1265",
        "gpqa_diamond": "52.5",
    },
    {
        "kind": "price",
        "model": "gpt-4.1",
        "provider": "azure",
        "input_usd_per_mtok": "1.60",
        "output_usd_per_mtok": "6.40",
        "commitment_usd_per_month": "5000",
    },
    {"kind": "gpu", "gpu": "H100", "usd_per_gpu_hour": "1.85"},
)


def template_csv(known: Known) -> bytes:
    """The template as UTF-8 CSV: every column (one per benchmark id), an example row of each kind."""
    out = io.StringIO()
    writer = csv.DictWriter(out, template_columns(known.benchmarks), lineterminator="\n")
    writer.writeheader()
    for row in EXAMPLES:
        writer.writerow({k: v for k, v in row.items() if k in writer.fieldnames})
    return out.getvalue().encode()
