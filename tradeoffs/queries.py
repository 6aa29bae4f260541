"""Every SQL statement of the app: parameterised, read-only, one DataFrame each.

Each function takes a DuckDB cursor (one per query: a connection shared by many sessions
raises "connection is busy") and returns a DataFrame whose columns are named in its docstring.
"""

from __future__ import annotations

import duckdb
import pandas as pd

Cursor = duckdb.DuckDBPyConnection


def load_models(cur: Cursor) -> pd.DataFrame:
    """One row per model with its licence terms: models.* plus license_name, tier, commercial_use,
    osi_approved, license_conditions, license_url."""
    return cur.execute(
        """
        SELECT m.*, l.name AS license_name, l.tier, l.commercial_use, l.osi_approved,
               l.conditions AS license_conditions, l.url AS license_url
        FROM models m LEFT JOIN licenses l USING (license_id)
        ORDER BY m.model_id
        """
    ).df()


def load_hosting(cur: Cursor) -> pd.DataFrame:
    """Per model: n_hosts (independent hosts of its open weights: trusted providers other than the
    lab; 0 for closed models, whose every seller resells one vendor), n_sellers (trusted providers:
    the lab and clouds count for closed models), n_offerings (trusted prices),
    on_hyperscaler (a cloud endpoint on Bedrock, Azure, Vertex… exists), first_party_provider."""
    return cur.execute(
        """
        SELECT o.model_id,
               count(DISTINCT o.provider) FILTER (
                   WHERE o.trusted AND m.open_weights AND NOT o.first_party) AS n_hosts,
               count(DISTINCT o.provider) FILTER (WHERE o.trusted) AS n_sellers,
               count(*) FILTER (WHERE o.trusted) AS n_offerings,
               bool_or(o.provider_kind = 'cloud') AS on_hyperscaler,
               min(o.provider) FILTER (WHERE o.first_party) AS first_party_provider
        FROM offerings o JOIN models m USING (model_id)
        GROUP BY o.model_id ORDER BY o.model_id
        """
    ).df()


def load_offerings(cur: Cursor) -> pd.DataFrame:
    """Every current price: model_id, provider, input/output/cached_input_usd_per_mtok,
    context_tokens, first_party, provider_kind, trusted, source, as_of."""
    return cur.execute(
        """
        SELECT model_id, provider, input_usd_per_mtok, output_usd_per_mtok, cached_input_usd_per_mtok,
               context_tokens, first_party, provider_kind, trusted, source, as_of
        FROM offerings ORDER BY model_id, provider
        """
    ).df()


def load_scores(cur: Cursor) -> pd.DataFrame:
    """Long scores: model_id, benchmark, score, ci_low, ci_high, source, as_of, independent."""
    return cur.execute(
        "SELECT model_id, benchmark, score, ci_low, ci_high, source, as_of, independent "
        "FROM scores ORDER BY model_id, benchmark"
    ).df()


def load_price_history(cur: Cursor) -> pd.DataFrame:
    """Every dated price: model_id, provider, as_of, input/output_usd_per_mtok, source (one row per date a
    model × provider × source price changed)."""
    return cur.execute(
        "SELECT model_id, provider, as_of, input_usd_per_mtok, output_usd_per_mtok, source "
        "FROM price_history ORDER BY model_id, provider, as_of, source"
    ).df()


def load_score_history(cur: Cursor) -> pd.DataFrame:
    """Every dated score: model_id, benchmark, as_of, score, source."""
    return cur.execute(
        "SELECT model_id, benchmark, as_of, score, source FROM score_history "
        "ORDER BY model_id, benchmark, as_of, source"
    ).df()


def load_table(cur: Cursor, table: str) -> pd.DataFrame:
    """A whole small reference table (benchmarks, licenses, sources, gpus, refresh_runs, warnings,
    serving_measurements, provider_policies, endpoints, openness)."""
    allowed = {
        "benchmarks",
        "licenses",
        "sources",
        "gpus",
        "refresh_runs",
        "warnings",
        "serving_measurements",
        "provider_policies",
        "endpoints",
        "openness",
    }
    if table not in allowed:  # identifiers cannot be parameters: only these constants reach SQL
        raise ValueError(f"not a reference table: {table}")
    return cur.execute(f"SELECT * FROM {table} ORDER BY ALL").df()


def load_data_as_of(cur: Cursor) -> pd.Timestamp | None:
    """The newest date any source's data vouches for."""
    row = cur.execute("SELECT max(data_as_of) FROM refresh_runs WHERE status <> 'failed'").fetchone()
    return None if row is None or row[0] is None else pd.Timestamp(row[0])


def load_quality_tables(cur: Cursor) -> dict[str, pd.DataFrame]:
    """The tables the data-quality check reads (models, offerings, scores, aliases), whole."""
    return {
        name: cur.execute(f"SELECT * FROM {name} ORDER BY ALL").df()  # names are these constants only
        for name in ("models", "offerings", "scores", "aliases")
    }
