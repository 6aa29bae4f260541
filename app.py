"""LLM Tradeoff Explorer — the frame: page setup, data check, constraints sidebar, navigation."""

import streamlit as st

from tradeoffs.page_list import PAGES
from tradeoffs.store import StoreError, without_server_paths
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders, state, uploads_view
from tradeoffs.ui.components import render_notices
from tradeoffs.ui.frame import apply_compact_frame
from tradeoffs.ui.sidebar import render_sidebar

st.set_page_config(page_title="LLM Tradeoff Explorer", page_icon="⚖️", layout="wide")
state.leave_legacy_pages_mode()  # before any widget (see its docstring)

try:
    store_info = loaders.load_store_info()
    catalog = loaders.load_catalog()
    benchmarks = loaders.load_reference("benchmarks")
except StoreError as exc:
    st.error(
        f"The data store could not be opened: {md_escape(without_server_paths(str(exc)))}. Restore `data/` "
        "from git, or rebuild it with `python -m tradeoffs.ingest --from-dir <recorded payloads>`."
    )
    st.stop()

uploads_view.seed_from_link()  # before the domain: a link may shortlist its own uploaded models
state.seed_from_url(loaders.load_domain())
uploads_view.merge_link_warnings()
apply_compact_frame()
st.sidebar.caption(
    f"**LLM Tradeoff Explorer** · open weights vs closed · data as of {store_info.as_of} "
    f"(version {store_info.version})"
)
render_sidebar(catalog, benchmarks)
view = state.view_from_widgets()
state.sync_url(view, loaders.load_data_info().tag)  # as of a link's date, its links keep its tag

state.note_data_seen(store_info.tag)
render_notices(store_info, loaders.store_problem(), view)

pages = [st.Page(script, title=title, default=i == 0) for i, (script, title) in enumerate(PAGES)]
st.navigation(pages, position="top").run()
