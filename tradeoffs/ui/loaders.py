"""Cached loaders: the store is read once per data version, costs once per set of inputs.

Caches are keyed on the data version, so a refresh (a new version) is picked up by the next
rerun, and bounded (``max_entries``) so a long-running server does not grow without limit.
One cursor per query: a connection shared by sessions would raise "connection is busy".

The frames every rerun reads (catalog, offerings, reference tables, costs, the evaluated catalog)
are ``cache_resource``: one object shared by every session, not a pickled copy per call (a copy of
the catalog costs more than the page that reads it). They are read-only by contract: code derives
new frames from them and never assigns into them (tests/test_shared_frames.py checks every page).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tradeoffs import asof, insights, quality, queries
from tradeoffs.catalog import build_catalog
from tradeoffs.constraints import Constraints, Domain
from tradeoffs.constraints_text import fmt_score
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs import calibration
from tradeoffs.filtering import evaluate
from tradeoffs.schema import TABLES
from tradeoffs.store import DATA_DIR, connect_readonly, open_store, table_path

# cost_loaders reads this module's store and frames; this module calls it only at run time (load_evaluated),
# so the two import each other safely.
from tradeoffs.ui import cost_loaders, session_uploads
from tradeoffs.ui.shared import assumption_items
from tradeoffs.ui.state import AS_OF_KEY, LINK_DATA_KEY
from tradeoffs.uploads import overlay


@dataclass(frozen=True)
class DataInfo:
    version: str  # what the numbers shown depend on (see data_version)
    as_of: str  # ISO date the newest source vouches for (or whose numbers are shown)
    link_tag: str | None = None  # showing a link's date: the link's own tag, which its links keep

    @property
    def tag(self) -> str:
        """What a shared link carries to say which data it was made on."""
        return self.link_tag or f"{self.as_of}~{self.version}"


FINGERPRINT_SECONDS = 1.0  # a refresh is noticed within a second; a rerun stats the files once
_last_fingerprint: dict[str, tuple[float, tuple]] = {}  # data folder → (checked at, fingerprint)


def _fingerprint() -> tuple:
    """Cheap change detector for the table files (size and mtime), at most once a second per folder."""
    checked_at, value = _last_fingerprint.get(str(DATA_DIR), (float("-inf"), ()))
    if time.monotonic() - checked_at < FINGERPRINT_SECONDS:
        return value
    value = _stat_tables()
    _last_fingerprint[str(DATA_DIR)] = (time.monotonic(), value)
    return value


def _stat_tables() -> tuple:
    stats = []
    for table in TABLES:
        path = table_path(DATA_DIR, table.name)
        st_ = os.stat(path) if path.exists() else None
        stats.append((table.name, st_.st_size if st_ else -1, st_.st_mtime_ns if st_ else -1))
    return tuple(stats)


@st.cache_resource(max_entries=2, show_spinner="Preparing the data store…")
def _store(fingerprint: tuple) -> tuple[str, str, str | None]:
    opened = open_store(DATA_DIR)
    return str(opened.path), opened.version, opened.problem


_last_store: list = [None, None]  # [fingerprint, (path, version, problem)]: no cache hashing per call


def _current_store() -> tuple[str, str, str | None]:
    """The store for the files as they are now (a rerun asks several times; it hashes once a second)."""
    fingerprint = _fingerprint()
    if _last_store[0] is not fingerprint:
        _last_store[:] = [fingerprint, _store(fingerprint)]
    return _last_store[1]


def store_problem() -> str | None:
    """Why the app is serving the last good data instead of the files in data/, or None."""
    return _current_store()[2]


@st.cache_resource(max_entries=2)
def _connection(path: str):
    return connect_readonly(path)


def cursor():
    """A fresh cursor on the current store (built first if the data changed)."""
    path, _, _ = _current_store()
    return _connection(path).cursor()


AS_OF_SEP = "@"  # "<store version>@<date>": the version of an older date's numbers


def data_version() -> str:
    """The version of the numbers this session shows: the store's, with "@<date>" while the session
    shows the numbers as of its link's date (every cache keyed on it then holds that date's numbers),
    and "+u<digest>" while the session has uploaded rows (see session_uploads: only it asks for that key)."""
    version = _current_store()[1]
    day = _shown_day(version)
    return (f"{version}{AS_OF_SEP}{day}" if day else version) + session_uploads.suffix()


def _split(version: str) -> tuple[str, str | None]:
    """(store version, the date whose numbers it stands for, or None); any upload part left out."""
    store_version, _, day = version.partition(session_uploads.UPLOAD_SEP)[0].partition(AS_OF_SEP)
    return store_version, day or None


def without_uploads(version: str) -> str:
    """The version of the same numbers without the session's uploaded rows."""
    return version.partition(session_uploads.UPLOAD_SEP)[0]


def _today() -> str:
    return dt.date.today().isoformat()


def _shown_day(version: str) -> str | None:
    """The link's date, while this session asked for its numbers (``asof=link``) and the data has changed
    since; None outside a session (tests, benchmarks) and otherwise."""
    if get_script_run_ctx(suppress_warning=True) is None or not st.session_state.get(AS_OF_KEY):
        return None
    return asof.link_date(st.session_state.get(LINK_DATA_KEY), _data_info(version).as_of, version)


@st.cache_resource(max_entries=4, show_spinner=False)
def _data_info(version: str) -> DataInfo:
    with cursor() as cur:
        as_of = queries.load_data_as_of(cur)
    return DataInfo(version, as_of.date().isoformat() if as_of is not None else "unknown")


def load_store_info() -> DataInfo:
    """The store's data: its version and date (what a refresh changes, and a link is compared with)."""
    return _data_info(_current_store()[1])


def load_data_info() -> DataInfo:
    """The data whose numbers this session shows: the store's, or, as of a link's date, that date (with the
    version ``<store>@<date>`` and the link's own tag, which the links made from it keep)."""
    store = load_store_info()
    day, mine = _shown_day(store.version), session_uploads.suffix()
    if not day:  # with uploaded rows, the links keep the store's tag (the rows travel in mine=)
        return DataInfo(f"{store.version}{mine}", store.as_of, store.tag if mine else None) if mine else store
    return DataInfo(f"{store.version}{AS_OF_SEP}{day}{mine}", day, st.session_state.get(LINK_DATA_KEY))


@st.cache_resource(max_entries=8, show_spinner=False)  # the data, its dates, and a few uploads
def _catalog(version: str) -> pd.DataFrame:
    with cursor() as c1, cursor() as c2, cursor() as c3:
        models, hosting, scores = queries.load_models(c1), queries.load_hosting(c2), queries.load_scores(c3)
    store_version, day = _split(version)
    if day:  # an older date's numbers (see tradeoffs/asof.py); hosting counts stay today's
        models = asof.models_as_of(models, day)
        scores = asof.scores_as_of(scores, _history(store_version).scores, day)
    _, upload = session_uploads.split(version)
    if upload is not None:  # the session's own models and their scores (see tradeoffs/uploads)
        models = overlay.models(models, _reference(store_version, "licenses"), upload)
        scores = overlay.scores(scores, upload, _today())
    return build_catalog(models, hosting, scores)


def load_catalog() -> pd.DataFrame:
    """One row per model (see catalog.build_catalog), indexed by model_id."""
    return _catalog(data_version())


@st.cache_resource(max_entries=8, show_spinner=False)  # the data, its dates, and a few uploads
def _domain(version: str) -> Domain:
    catalog, benchmarks = _catalog(version), _reference(version, "benchmarks")
    return Domain(
        frozenset(benchmarks["benchmark"]),
        frozenset(catalog["organization"].dropna()),
        frozenset(catalog.index),
    )


def load_domain() -> Domain:
    """What a link may name (benchmarks, organisations, model ids), once per data version."""
    return _domain(data_version())


@st.cache_resource(max_entries=16, show_spinner=False)
def _model_texts(version: str, benchmark: str) -> pd.DataFrame:
    return insights.model_texts(_catalog(version), benchmark)


def load_model_texts(benchmark: str) -> pd.DataFrame:
    """Per model, the table texts that depend on the data alone (see insights.model_texts); once per
    data version and benchmark, shared and read-only."""
    return _model_texts(data_version(), benchmark)


@st.cache_resource(max_entries=8, show_spinner=False)
def _offerings(version: str, include_resellers: bool) -> pd.DataFrame:
    with cursor() as cur:
        offerings = queries.load_offerings(cur)
    store_version, day = _split(version)
    if day:
        offerings = asof.offerings_as_of(offerings, _history(store_version).prices, day)
    _, upload = session_uploads.split(version)
    if upload is not None:  # a negotiated price replaces the model's list prices
        offerings = overlay.offerings(offerings, upload, _today())
    return api_cost.contractable_offerings(offerings, include_resellers)


def load_offerings(include_resellers: bool = False) -> pd.DataFrame:
    """The prices the app may use: trusted ones, or every quote when the user opted in."""
    return _offerings(data_version(), include_resellers)


@st.cache_resource(max_entries=32, show_spinner=False)
def _reference(version: str, table: str) -> pd.DataFrame:
    with cursor() as cur:
        frame = queries.load_table(cur, table)
    _, upload = session_uploads.split(version)
    if upload is not None and table == "gpus":  # your $/GPU-hour replaces the market index
        frame = overlay.gpus(frame, upload, _today())
    return frame


def load_store_reference(table: str) -> pd.DataFrame:
    """A reference table as the store has it (without the session's uploaded rows)."""
    return _reference(load_store_info().version, table)


def load_reference(table: str) -> pd.DataFrame:
    """A small reference table: benchmarks, licenses, sources, gpus, refresh_runs, warnings,
    serving_measurements, provider_policies, endpoints, openness."""
    return _reference(data_version(), table)


def catalog_of(version: str) -> pd.DataFrame:
    """The catalog of a data version (for caches keyed on the version, e.g. cost_loaders)."""
    return _catalog(version)


def offerings_of(version: str, include_resellers: bool) -> pd.DataFrame:
    """The offerings of a data version (see load_offerings)."""
    return _offerings(version, include_resellers)


def reference_of(version: str, table: str) -> pd.DataFrame:
    """A reference table of a data version (see load_reference)."""
    return _reference(version, table)


@st.cache_resource(max_entries=4, show_spinner=False)
def _benchmark_names(version: str) -> dict[str, str]:
    benchmarks = _reference(version, "benchmarks")
    return dict(zip(benchmarks["benchmark"], benchmarks["name"], strict=True))


def benchmark_name(benchmark: str) -> str:
    """The display name of a benchmark id (the id itself when unknown)."""
    return _benchmark_names(data_version()).get(benchmark, benchmark)


@dataclass(frozen=True)
class Evaluated:
    """The catalog under a view's constraints: every model with ``passes``/``reasons``, and its cost."""

    models: pd.DataFrame
    costs: pd.DataFrame
    benchmark_name: str


@st.cache_resource(max_entries=64, show_spinner=False)
def _evaluated(version: str, c: Constraints, items: tuple) -> Evaluated:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    name = benchmark_name(c.benchmark)
    model_costs = cost_loaders.load_costs(c, a)
    return Evaluated(evaluate(_catalog(version), model_costs, c, name), model_costs, name)


def load_evaluated(c: Constraints, assumptions: cost_assumptions.CostAssumptions) -> Evaluated:
    """Every model evaluated against ``c`` (see filtering.evaluate), with costs at its volume; once per
    data version, constraints and assumptions, shared by every session."""
    return _evaluated(data_version(), c, assumption_items(assumptions))


@st.cache_data(max_entries=2, show_spinner=False)
def _quality(version: str) -> pd.DataFrame:
    with cursor() as cur:
        tables = queries.load_quality_tables(cur)
    findings = quality.check(
        tables, *quality.load_curated_for_check(DATA_DIR), quality.load_source_scores(DATA_DIR)
    )
    return quality.summary_table(findings)


def load_quality() -> pd.DataFrame:
    """The data-quality check of the current data (check, count, status, examples), as the nightly runs it."""
    return _quality(without_uploads(data_version()))  # the bundled data's check: uploads are not in it


@st.cache_data(max_entries=2, show_spinner=False)
def _calibration(version: str) -> pd.DataFrame:
    measurements = _reference(version, "serving_measurements")
    return calibration.calibration_table(measurements, _catalog(version), _reference(version, "gpus"))


def load_calibration() -> pd.DataFrame:
    """Every MLPerf measurement with the serving estimate beside it (see calibration.calibration_table)."""
    return _calibration(without_uploads(data_version()))  # MLPerf measures bundled models only


@dataclass(frozen=True)
class ScoreScale:
    """A benchmark's scale for the quality-bar slider: lowest and highest score, the slider's steps
    (None first: no minimum), each step's label, and the reference models' scores (name → score)."""

    low: float
    high: float
    steps: tuple
    references: dict
    labels: dict  # step → "1,289.5" ("no minimum" for None): hundreds of steps, formatted once


@st.cache_resource(max_entries=16, show_spinner=False)
def _score_scale(version: str, column: str, references: tuple) -> ScoreScale | None:
    catalog = _catalog(version)
    scores = catalog[column].dropna() if column in catalog else pd.Series(dtype=float)
    if scores.empty:
        return None
    low, high = float(math.floor(scores.min())), float(math.ceil(scores.max()))
    step = 1.0 if high - low > 50 else 0.5
    steps = (None, *(low + step * i for i in range(1, int(round((high - low) / step)) + 1)))
    refs = {catalog.at[m, "name"]: float(scores[m]) for m in references if m in scores.index}
    labels = {v: "no minimum" if v is None else fmt_score(v) for v in steps}
    return ScoreScale(low, high, steps, refs, labels)


def load_score_scale(column: str, references: tuple) -> ScoreScale | None:
    """The quality-bar slider's scale for a score column (None: no model has that score)."""
    return _score_scale(data_version(), column, references)


# ---- the numbers of a link's date ----------------------------------------------------------------


@st.cache_resource(max_entries=2, show_spinner=False)
def _history(store_version: str) -> asof.History:
    with cursor() as c1, cursor() as c2:
        return asof.History(queries.load_price_history(c1), queries.load_score_history(c2))


@st.cache_resource(max_entries=2, show_spinner=False)
def _scores(store_version: str) -> pd.DataFrame:
    with cursor() as cur:
        return queries.load_scores(cur)


@st.cache_resource(max_entries=16, show_spinner=False)
def _changes(store_version: str, day: str, model_ids: tuple, include_resellers: bool) -> tuple:
    now = asof.Numbers(_offerings(store_version, include_resellers), _scores(store_version))
    return tuple(asof.changes_since(now, _history(store_version), day, model_ids))


def load_store_catalog() -> pd.DataFrame:
    """The catalog of the store's own date (every model, today's numbers), whatever date the session shows."""
    return _catalog(load_store_info().version)


def load_changes(model_ids, day: str, include_resellers: bool = False) -> tuple[asof.Change, ...]:
    """The prices (per provider the app may use) and scores of ``model_ids`` that changed between ``day``
    and the store's data, oldest value first (see asof.changes_since); once per store version and ask."""
    return _changes(load_store_info().version, day, tuple(model_ids), include_resellers)


def load_price_history() -> pd.DataFrame:
    """Every recorded price of the store (see queries.load_price_history); shared and read-only."""
    return _history(load_store_info().version).prices


def load_score_history() -> pd.DataFrame:
    """Every recorded score of the store (see queries.load_score_history); shared and read-only."""
    return _history(load_store_info().version).scores
