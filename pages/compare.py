"""Compare: two to four models side by side — licence, deployment, size, capabilities, scores, prices,
self-hosting cost at your volume, lifecycle — with the differences that matter marked."""

import streamlit as st

from tradeoffs.constraints_text import context_line
from tradeoffs.ui import loaders
from tradeoffs.ui.compare_tables import render_attribution, render_comparison, render_prices
from tradeoffs.ui.compare_view import load_compare, load_model_labels, render_compare_button, render_picker
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.state import current_view
from tradeoffs.ui.trends_view import render_price_history_button

TITLE = "How do these models differ?"

view = current_view()
c = view.constraints
head = st.container()  # the answer, written once the models are picked
ids = render_picker(load_model_labels(), view.compared)
cv = load_compare(c, view.assumptions, ids)  # computed once per view and models, shared by every session
bench_name = loaders.benchmark_name(c.benchmark)
with head:
    render_page_head(
        TITLE, cv.answer_md, context_line(c, bench_name, cv.passing, cv.total, loaders.load_data_info().as_of)
    )
if cv.comparison is None:
    st.info("Nothing to compare yet: pick at least two models above.")
    if len(c.shortlist) >= 2:
        render_compare_button(("Compare the shortlist", c.shortlist), key="compare_shortlist_here")
    st.stop()

render_comparison(cv.comparison, cv.labels)
render_attribution(cv.attribution)
render_section("Prices per provider")
render_prices(cv.prices, cv.cheapest, cv.labels, cv.prices_note)
with st.container(horizontal=True, wrap=True):
    for model_id in ids:
        render_price_history_button([model_id], key=f"price_history_{model_id}")
st.caption(
    "Prices: the lab's own, a cloud's, or an established host's list price (routers' and unverified "
    "resellers' only with the sidebar's switch). Self-hosting: whole GPUs, people and overhead at your "
    "volume under the cost assumptions of the Costs page."
)
