"""LLM Tradeoff Explorer — the frame: page setup, data check, constraints sidebar, navigation."""

import streamlit as st

from tradeoffs.constraints import Domain
from tradeoffs.store import StoreError, without_server_paths
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders, state
from tradeoffs.ui.components import render_notices
from tradeoffs.ui.frame import apply_compact_frame
from tradeoffs.ui.sidebar import render_sidebar

st.set_page_config(page_title="LLM Tradeoff Explorer", page_icon="⚖️", layout="wide")

try:
    info = loaders.load_data_info()
    catalog = loaders.load_catalog()
    benchmarks = loaders.load_reference("benchmarks")
except StoreError as exc:
    st.error(
        f"The data store could not be opened: {md_escape(without_server_paths(str(exc)))}. Restore `data/` "
        "from git, or rebuild it with `python -m tradeoffs.ingest --from-dir <recorded payloads>`."
    )
    st.stop()

domain = Domain(
    frozenset(benchmarks["benchmark"]), frozenset(catalog["organization"].dropna()), frozenset(catalog.index)
)
state.seed_from_url(domain)
apply_compact_frame()
st.sidebar.caption(
    f"**LLM Tradeoff Explorer** · open weights vs closed · data as of {info.as_of} (version {info.version})"
)
render_sidebar(catalog, benchmarks)
view = state.view_from_widgets()
state.sync_url(view, info.tag)

state.note_data_seen(info.tag)
render_notices(info, loaders.store_problem())

pages = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/explore.py", title="Explore tradeoffs"),
    st.Page("pages/decide.py", title="Decide"),
    st.Page("pages/costs.py", title="Costs"),
    st.Page("pages/shortlist.py", title="Shortlist"),
    st.Page("pages/data.py", title="Data"),
]
st.navigation(pages, position="top").run()
