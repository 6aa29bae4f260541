"""A session's own rows: own or fine-tuned models, negotiated API prices and own GPU prices.

One template (``template.csv``), one row per item, its ``kind`` column saying which of the three it is:

- ``model``: name, open_weights (yes/no), license_id (data/licenses.csv), params_total_b, params_active_b,
  hosting (``self-hosted`` or ``api``), and a score in any column named by a benchmark id
  (data/benchmarks.csv);
- ``price``: model (a model id of the catalog, or the name of a model in the same file), provider,
  input_usd_per_mtok, output_usd_per_mtok, commitment_usd_per_month (optional; shown with the row, not
  added to costs, which are per token everywhere);
- ``gpu``: gpu (a GPU id of data/gpus.csv), usd_per_gpu_hour.

Pure: bytes in (``read_rows``), validated rows out (``validate``), overlaid on the store's frames
(``overlay``), and packed into a link (``link``). Nothing is written anywhere.
"""
