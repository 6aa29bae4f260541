"""The banner of a view opened on older data: the numbers of its link's date on request (``asof=link``)
and which numbers of the shortlisted models changed since."""

from __future__ import annotations

import re

import streamlit as st

from tradeoffs import asof
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.state import AS_OF_KEY, View

TOGGLE_KEY = "w_as_of_link"  # the banner's switch; the view keeps its value under AS_OF_KEY
CHANGES_SHOWN_OPEN = 6  # a longer list starts folded, so the page's answer stays in view


def render_refreshed(made_on: str, store: loaders.DataInfo, view: View) -> None:
    """The notice that the data changed since the link (``made_on``: its "<date>~<version>" tag), with a
    switch to the numbers of the link's date when the histories can rebuild them, and the changes."""
    date, version = (
        md_escape(_unbroken_dates(part)) for part in (made_on.split("~", 1)[0], made_on.split("~")[-1])
    )
    day = asof.link_date(made_on, store.as_of, store.version)
    text = (
        f"This view was opened on the data of {date} (version {version}). The data has been refreshed "
        f"since (now {_unbroken_dates(store.as_of)}, version {store.version})"
    )
    if day and view.as_of_link:
        text += (
            f": **showing the prices and scores as of {_unbroken_dates(day)}**, rebuilt from the price and "
            "score histories (models released since are hidden). Switch off for today's numbers."
        )
    elif day:
        then = _unbroken_dates(day)
        text += f": numbers may differ from what was shown then. The switch below shows those of {then}."
    else:
        text += ": numbers may differ from what was shown then."
    st.info(text, icon="🔄")
    if day:
        _render_switch(day)
        _render_changes(day, view)


def _keep_switch() -> None:
    st.session_state[AS_OF_KEY] = st.session_state[TOGGLE_KEY]


def _render_switch(day: str) -> None:
    if TOGGLE_KEY not in st.session_state:  # first drawn (or dropped while no banner was shown)
        st.session_state[TOGGLE_KEY] = bool(st.session_state.get(AS_OF_KEY, False))
    st.toggle(
        f"Numbers as of {day}, the link's date",
        key=TOGGLE_KEY,
        on_change=_keep_switch,
        help="Prices and scores as they stood on the day the link was made (the link keeps this choice).",
    )


def _render_changes(day: str, view: View) -> None:
    """What changed since ``day`` for the shortlisted models, one line each (old → new, with dates)."""
    ids = view.constraints.shortlist
    if not ids:
        return
    names = loaders.load_store_catalog()["name"]
    released = loaders.load_catalog().index
    later = [str(names.get(m) or m) for m in ids if m not in released]
    if later and view.as_of_link:
        st.caption(md_escape(f"Not shown as of {day} (released since): {', '.join(later)}."))
    changes = loaders.load_changes(ids, day, view.constraints.include_resellers)
    if not changes:
        st.caption(f"No price or score of the {len(ids)} shortlisted models has changed since {day}.")
        return
    lines = [
        asof.describe_change(
            ch,
            str(names.get(ch.model_id) or ch.model_id),
            ch.item if ch.measure != "score" else loaders.benchmark_name(ch.item),
        )
        for ch in changes
    ]
    label = f"{len(changes)} numbers of the shortlisted models changed since {day}"
    with st.expander(label, expanded=len(changes) <= CHANGES_SHOWN_OPEN, key="as_of_changes"):
        st.markdown("\n".join(f"- {md_escape(_unbroken_dates(line))}" for line in lines))


def _unbroken_dates(text: str) -> str:
    """Dates with non-breaking hyphens, so a phone never wraps "2026-11-\n01"."""
    return re.sub(r"(\d{4})-(\d{2})-(\d{2})", "\\1\u2011\\2\u2011\\3", text)
