"""The page frame: a compact layout, and each page's own title with its one-sentence answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from tradeoffs.text import md_escape

# Streamlit's default frame leaves ~190 px above the first line (a 60-px header plus 128 px of
# padding) and 80 px at each side: on a projector at 1280×720 that pushes the answer below the fold.
# Our own fixed CSS (no outside text in it), applied once per run.
COMPACT_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.9rem; padding-bottom: 3rem;
  padding-left: 2rem; padding-right: 2rem; }
[data-testid="stSidebarHeader"] { height: 2.5rem; margin-bottom: 0; }
[data-testid="stSidebarUserContent"] { padding-top: 0; }
[data-testid="stMetricValue"] { font-size: 1.9rem; }
/* A visible running state: Streamlit marks the app while a script runs; after a blink (0.3 s) a bar
   runs along the top and "Updating…" shows, so a room knows the numbers are coming. */
@keyframes tradeoffs-updating { from { background-position: 0 0; } to { background-position: 200px 0; } }
@keyframes tradeoffs-appear { from { opacity: 0; } to { opacity: 1; } }
[data-testid="stApp"][data-test-script-state="running"]::before {
  content: ""; position: fixed; top: 0; left: 0; right: 0; height: 4px; z-index: 1000001;
  background: repeating-linear-gradient(90deg, #1f6feb 0 100px, #9ec5fe 100px 200px);
  animation: tradeoffs-appear 0.1s linear 0.3s both, tradeoffs-updating 0.8s linear infinite; }
[data-testid="stApp"][data-test-script-state="running"]::after {
  content: "Updating…"; position: fixed; top: 10px; right: 14px; z-index: 1000001;
  padding: 2px 10px; border-radius: 10px; background: #1f6feb; color: #fff; font-size: 0.85rem;
  animation: tradeoffs-appear 0.1s linear 0.3s both; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.6rem; padding-left: 0.9rem; padding-right: 0.9rem; }
  [data-testid="stMetricValue"] { font-size: 1.5rem; }
}
</style>
"""


PAGE_HEAD_KEY = "page_head"


def apply_compact_frame() -> None:
    """Less padding around the page, smaller metric values (so no value is cut)."""
    st.html(COMPACT_CSS)


def render_page_head(title: str, answer_md: str, context: str) -> None:
    """The page's title, its answer in one sentence (Markdown written by the code, outside text
    already escaped), and a small line of context in plain text (the constraints, counts, data date)."""
    with st.container(key=PAGE_HEAD_KEY, gap="small"):  # the key names it for the fold check in tests
        st.subheader(title, anchor=False)
        st.markdown(answer_md)
        st.caption(md_escape(context))


def render_section(title: str) -> None:
    """A section heading one step below the page title (plain text)."""
    st.markdown(f"#### {md_escape(title)}")


def open_flag(key: str) -> str:
    """The plain session key that says whether the lazy expander ``key`` is open."""
    return f"_{key}_open"


@contextmanager
def lazy_expander(label: str, key: str) -> Iterator[bool]:
    """An expander whose content the caller builds only while it is open: yields whether it is.

    Its open state is kept under a plain key (``open_flag``), set by a click: the label is part of an
    expander's identity, so a label that changes (a count, the weights it names) makes a new expander,
    which opens as ``expanded`` says; a plain key also survives a visit to another page."""
    flag = open_flag(key)
    is_open = bool(st.session_state.get(flag, False))

    def toggled() -> None:
        st.session_state[flag] = bool(st.session_state.get(key))

    with st.expander(label, key=key, expanded=is_open, on_change=toggled):
        yield is_open
