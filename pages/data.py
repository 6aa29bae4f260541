"""Data: your own rows (upload), sources with attribution and freshness, coverage, validation warnings,
the licence table."""

import streamlit as st

from tradeoffs.costs import calibration
from tradeoffs.ui.data_view import load_data_view
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.privacy_view import render_provider_terms
from tradeoffs.ui.state import current_view
from tradeoffs.ui.uploads_view import render_upload_section

current_view()  # also makes sure the frame ran (see state.current_view)
dv = load_data_view()  # once per data version, shared by every session

render_page_head(
    "Where every number comes from",
    dv.answer_md,
    "Your own rows, the sources with licence and attribution, coverage, the checks each refresh runs, and "
    "the licences.",
)
render_section("Your data")
render_upload_section()

render_section("Sources")
st.dataframe(
    dv.sources,
    hide_index=True,
    width="stretch",
    height=36 * (dv.sources.num_rows + 1) + 2,  # every source visible without scrolling
    column_config={
        "name": st.column_config.TextColumn("Source", width="medium"),
        "status": "Last refresh",
        "data_as_of": st.column_config.DateColumn("Data as of"),
        "rows": st.column_config.NumberColumn("Rows"),
        "unmatched": st.column_config.TextColumn("Unmatched ids", help="Ids no model could be found for"),
        "license": "Licence",
        "attribution": st.column_config.TextColumn("Attribution", width="large"),
        "provides": st.column_config.TextColumn("Provides", width="large"),
        "finished_at": st.column_config.DatetimeColumn("Fetched at (UTC)"),
        "error": "Error",
        "url": st.column_config.LinkColumn("Link", display_text="open"),
    },
)
st.caption("“Fetched at” is empty when the data was rebuilt from recorded payloads rather than fetched live.")

render_section("Provider data terms")
render_provider_terms(dv.terms, *dv.terms_known)

render_section("Coverage")
st.dataframe(
    dv.coverage,
    width="stretch",
    column_config={
        "models": "Models",
        "priced": st.column_config.NumberColumn(
            "With a trusted price", help="From the lab, a cloud, or an established host of open weights"
        ),
        "scored": "With a score",
        "both": "With both",
    },
)

render_section("Data quality")
broken = dv.broken
st.caption(
    "The check the nightly refresh runs (`python -m tradeoffs.ingest --check`): "
    + (f"**{broken} invariant(s) broken.**" if broken else "every invariant holds.")
)
st.dataframe(
    dv.checks,
    hide_index=True,
    width="stretch",
    height=36 * (dv.checks.num_rows + 1) + 2,  # every check visible without scrolling
    column_config={
        "check": st.column_config.TextColumn("Check", width="large"),
        "count": st.column_config.NumberColumn("Count"),
        "status": "Status",
        "examples": st.column_config.TextColumn("Examples", width="large"),
    },
)
with st.expander(f"Models whose licence, size or precision is not public ({dv.gaps.num_rows})"):
    st.dataframe(
        dv.gaps,
        hide_index=True,
        width="stretch",
        column_config={
            "name": "Model",
            "organization": "Organization",
            "unknown_why": st.column_config.TextColumn("Unknown, and why", width="large"),
        },
    )

render_section("Self-hosting estimate against measurements")
fit = dv.fit
st.caption(
    f"The serving estimate behind every self-hosting cost, run on {fit['rows']} MLPerf Inference "
    f"configurations (newest round, best result per GPU, Offline; MLCommons, results cited by id): median "
    f"estimate ÷ measured {fit['median_ratio']:.2f}, worst {fit['worst_factor']:.2f}× off, "
    f"{fit['outside']} outside ±{calibration.MAX_RATIO}× (the band). Derived per-GPU figures are not "
    "official MLPerf results."
)
st.vega_lite_chart(dv.calibration_chart.data, dv.calibration_chart.spec(), width="stretch")
with st.expander("Every measurement with its estimate"):
    st.dataframe(
        dv.measurements,
        hide_index=True,
        width="stretch",
    )

with st.expander(f"Validation warnings ({dv.warnings.num_rows})"):
    st.dataframe(
        dv.warnings,
        hide_index=True,
        width="stretch",
        column_config={"topic": "About", "message": st.column_config.TextColumn("Warning", width="large")},
    )

render_section("Licences")
st.dataframe(
    dv.licences,
    hide_index=True,
    width="stretch",
    column_config={
        "tier": st.column_config.NumberColumn("Tier", help="1 OSI permissive … 5 proprietary"),
        "name": "Licence",
        "commercial_use": "Commercial use",
        "osi_approved": "OSI-approved",
        "conditions": st.column_config.TextColumn("Conditions in plain words", width="large"),
        "url": st.column_config.LinkColumn("Text", display_text="open"),
    },
)

render_section("About this deployment")
st.caption(
    "This app shows only the public data above and what is in your link. Nothing you set is stored on "
    "the server: constraints, shortlist and notes live in the link and your browser session. There is no "
    "login and no outbound request; text from links and sources is shown as plain text."
)
