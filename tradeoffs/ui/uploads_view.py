"""The session's own rows: the Data page's upload section, the link's ``mine=``, the Shortlist's note.

A file is read in the uploader's callback (before the script runs), so the same run already shows the
rows on every page. A good file replaces the session's rows; a file that cannot be read, or has no good
row, leaves them as they were. Only the session's state holds them (see session_uploads).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.session_uploads import UPLOAD_KEY, session_upload
from tradeoffs.ui.state import MINE_KEY, MINE_PARAM, SEEDED_KEY, URL_WARNINGS_KEY
from tradeoffs.uploads import link
from tradeoffs.uploads.read import MAX_BYTES, MAX_ROWS, FormatError, check_size, read_rows
from tradeoffs.uploads.rows import MARK, Upload
from tradeoffs.uploads.template import template_csv
from tradeoffs.uploads.validate import Known, validate

FILE_KEY = "w_upload_file"
WIDGET_MAX_MB = 5  # Streamlit refuses larger files itself (its own message); up to it, ours says the limit
RESULT_KEY = "_upload_result"  # (file name, error or None, the upload read or None): shown under the uploader
MINE_WARNINGS_KEY = "_mine_warnings"


@st.cache_resource(max_entries=2, show_spinner=False)
def _known(store_version: str) -> Known:
    catalog = loaders.load_store_catalog()
    gpus = loaders.load_store_reference("gpus")
    return Known(
        frozenset(catalog.index),
        frozenset(loaders.load_store_reference("licenses")["license_id"]),
        tuple(loaders.load_store_reference("benchmarks")["benchmark"]),
        frozenset(gpus.loc[gpus["segment"] == "index", "gpu"]),
    )


def load_known() -> Known:
    """What uploaded rows may name, from the store's data (once per store version)."""
    return _known(loaders.load_store_info().version)


def _keep(upload: Upload) -> None:
    st.session_state[UPLOAD_KEY] = upload
    st.session_state[MINE_KEY] = link.encode(upload) or ""


def _clear() -> None:
    for key in (UPLOAD_KEY, MINE_KEY, RESULT_KEY):
        st.session_state.pop(key, None)


def read_file(name: str, data: bytes, size_bytes: int | None = None) -> None:
    """Read an uploaded file into the session: its good rows replace the session's (when it has any)."""
    try:
        check_size(len(data) if size_bytes is None else size_bytes)
        header, rows = read_rows(data, name)
    except FormatError as exc:
        st.session_state[RESULT_KEY] = (name, str(exc), None)
        return
    upload = validate(header, rows, load_known())
    if upload.count:
        _keep(upload)
    st.session_state[RESULT_KEY] = (name, None, upload)


def _on_file() -> None:
    file = st.session_state.get(FILE_KEY)
    if file is not None:  # removing the file from the widget keeps the rows (the button clears them)
        read_file(file.name, file.getvalue() if file.size <= MAX_BYTES else b"", file.size)


def seed_from_link() -> None:
    """On a session's first run, the rows of the link's ``mine=`` (before the domain is read: a link may
    shortlist its own models). Problems become the link's warnings (see merge_link_warnings)."""
    value = st.query_params.get(MINE_PARAM)
    if st.session_state.get(SEEDED_KEY) or not value:
        return
    upload, warnings = link.decode(value, load_known())
    if upload is not None and upload.count:
        _keep(upload)
    elif upload is not None:
        warnings.append("ignored mine=: none of its rows can be used")
    st.session_state[MINE_WARNINGS_KEY] = warnings


def merge_link_warnings() -> None:
    """Add the ``mine=`` warnings to the link's (after state.seed_from_url wrote those)."""
    warnings = st.session_state.pop(MINE_WARNINGS_KEY, None)
    if warnings:
        st.session_state[URL_WARNINGS_KEY] = [*st.session_state.get(URL_WARNINGS_KEY, []), *warnings]


def render_upload_section() -> None:
    """Template, uploader, what the last file gave (kept and refused rows), the rows in use."""
    limits = f"CSV in UTF-8 or Excel .xlsx, at most {MAX_BYTES // 1_000_000} MB and {MAX_ROWS} rows"
    st.caption(
        "Your own or fine-tuned models, negotiated API prices and your own GPU prices, for this session "
        f"only ({limits}). They show on every page, chart and export with “{MARK.strip()}” after the name, "
        "and win over list prices: a negotiated price replaces the model's list prices, your GPU price the "
        "market index. Nothing is stored on the server."
    )
    known = load_known()
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.download_button(
            "Template (CSV)",
            template_csv(known),
            "llm-tradeoffs-your-data.csv",
            "text/csv",
            on_click="ignore",
        )
        st.file_uploader(
            "Your file", type=["csv", "xlsx"], key=FILE_KEY, on_change=_on_file, max_upload_size=WIDGET_MAX_MB
        )
    _render_result()
    _render_in_use()


def _render_result() -> None:
    name, error, upload = st.session_state.get(RESULT_KEY) or (None, None, None)
    kept = "your earlier rows are kept" if session_upload() else "nothing was loaded"
    if error:
        st.error(md_escape(f"{name} cannot be used: {error}. The file was not read; {kept}."))
        return
    if upload is None:
        return
    if upload.count:
        st.success(md_escape(f"{name}: {upload.summary()} kept."))
    else:
        st.error(md_escape(f"{name}: no row can be used; {kept}."))
    if upload.problems:
        st.warning(f"{len(upload.problems)} rows not used, each with its reason:")
        st.dataframe(_problems(upload), hide_index=True, width="stretch")


def _problems(upload: Upload) -> pd.DataFrame:
    rows = [(p.line, p.kind, p.reason) for p in upload.problems]
    return pd.DataFrame(rows, columns=["Line", "Kind", "Why it was not used"])


def _render_in_use() -> None:
    upload = session_upload()
    if upload is None:
        return
    st.markdown(f"**In use in this session:** {upload.summary()}.")
    st.dataframe(in_use_table(upload), hide_index=True, width="stretch")
    st.button("Remove your data", on_click=_clear, key="upload_clear")


def in_use_table(upload: Upload) -> pd.DataFrame:
    """One line per row in use: kind, what it is (models by name), its numbers in words."""
    names = {**loaders.load_store_catalog()["name"].to_dict(), **{m.model_id: m.name for m in upload.models}}
    rows = [("model", m.name + MARK, _model_text(m)) for m in upload.models]
    rows += [("price", f"{names[p.model_id]} at {p.provider}{MARK}", _price_text(p)) for p in upload.prices]
    rows += [("gpu", g.gpu, f"${g.usd_per_gpu_hour:,.2f} per GPU-hour") for g in upload.gpus]
    return pd.DataFrame(rows, columns=["Kind", "Item", "Numbers"])


def _model_text(m) -> str:
    size = f"{m.params_total_b:g}B" if m.params_total_b is not None else "size unknown"
    scores = ", ".join(f"{b} {s:g}" for b, s in m.scores) or "no score"
    weights = "open weights" if m.open_weights else "closed"
    return f"{weights}, licence {m.license_id or 'unknown'}, {size}, {m.hosting}; {scores}"


def _price_text(p) -> str:
    text = f"${p.input_usd_per_mtok:,.2f} in / ${p.output_usd_per_mtok:,.2f} out per 1M tokens"
    if p.commitment_usd_per_month:
        text += f", commitment ${p.commitment_usd_per_month:,.0f} a month (shown, not added to costs)"
    return text


def render_link_note() -> None:
    """On the share section: whether the link carries the session's rows."""
    upload = session_upload()
    if upload is None:
        return
    if st.session_state.get(MINE_KEY):
        st.caption(f"Your data ({upload.summary()}) is in this link (mine=…): whoever opens it sees it too.")
    else:
        st.warning(
            f"Your data ({upload.summary()}) is too large for a link and is **not in it**: whoever opens it "
            "sees the public data only. The brief (PDF or slide) is the record of the numbers with your data."
        )
