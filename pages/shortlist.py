"""Shortlist: the picked models with their key numbers, a note each, and the share link."""

import streamlit as st

from tradeoffs.constraints_text import context_line
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.brief_view import (
    PDF_MIME,
    PPTX_MIME,
    brief_key,
    brief_pdf_bytes,
    brief_pptx_bytes,
    file_stem,
)
from tradeoffs.ui.compare_view import render_compare_button
from tradeoffs.ui.components import render_model_table, share_link
from tradeoffs.ui.exports_view import render_export_buttons
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.shortlist_view import load_shortlist
from tradeoffs.ui.state import NOTES_KEY, current_view, set_shortlist
from tradeoffs.ui.uploads_view import render_link_note

view = current_view()
c = view.constraints
sv = load_shortlist(c, view.assumptions)  # computed once per view, shared by every session on it

bench_name = loaders.benchmark_name(c.benchmark)
context = context_line(c, bench_name, sv.passing, sv.total, loaders.load_data_info().as_of)
render_page_head("Shortlist", sv.answer_md, context)
if sv.table is None:
    st.info("Click a point on the Explore chart, or select rows in a table there or on Decide.")
    st.stop()
render_model_table(sv.table, key="shortlist_table")
render_export_buttons(view, "shortlist")
render_compare_button(("Compare the shortlist", c.shortlist), key="compare_from_shortlist")

notes = dict(st.session_state.get(NOTES_KEY, {}))
for model_id, name, status in sv.rows:
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    notes[model_id] = left.text_input(
        md_escape(f"Note on {name} — {status}"),
        value=notes.get(model_id, ""),
        max_chars=300,
        key=f"note_{model_id}",
    )
    if right.button("Remove", key=f"remove_{model_id}"):
        set_shortlist([m for m in c.shortlist if m != model_id])
        notes.pop(model_id, None)
        st.session_state[NOTES_KEY] = notes
        st.rerun()
if notes != st.session_state.get(NOTES_KEY, {}):
    st.session_state[NOTES_KEY] = notes
    st.rerun()  # so the share link and the address bar carry the new note

info = loaders.load_data_info()
link = share_link(view, info)
render_section("Hand it over: the one-page brief")
key = brief_key(view, info, link)  # built only when a button is clicked (then shared by the whole room)
with st.container(horizontal=True):
    st.download_button(
        "Brief (PDF)", lambda: brief_pdf_bytes(key), f"{file_stem(info)}.pdf", PDF_MIME, on_click="ignore"
    )
    st.download_button(
        "Slide (PPTX)", lambda: brief_pptx_bytes(key), f"{file_stem(info)}.pptx", PPTX_MIME, on_click="ignore"
    )
st.caption(
    "One A4 page and one 16:9 slide: the question, the constraints, the Explore chart, this shortlist with "
    "its notes, the costs at your volume, the Decide recommendation and what would flip it, every number's "
    "source and date, and this view's link."
)

render_section("Share this view")
st.code(link, language=None, wrap_lines=True)
render_link_note()
st.caption(
    "The link holds every constraint, the shortlist and the notes, and the data version it was made on."
)
