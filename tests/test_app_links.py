"""AppTest: random valid links through every page never raise (the hosted link never breaks).

Links are drawn from every URL parameter's valid values: constraints (tests/test_constraints.py's
strategy), cost assumptions across their advertised ranges, the Decide scorecard, shortlists, the
Costs comparison and the Compare page's models. Each link is opened on every page; any exception
fails the test with the link.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app_helpers import run_app
from tests.test_constraints import valid
from tradeoffs.constraints import to_query
from tradeoffs.costs.assumptions import ASSUMPTIONS
from tradeoffs.page_list import PAGE_FILES

EDGES = {"gpu": ["H100", "H200", "B200", "L40S", "MI300X", "A100-40GB"], "ownership": ["rent", "own"]}


def _assumption(meta):
    if meta.key in EDGES:
        return st.sampled_from(EDGES[meta.key])
    if meta.choices:
        return st.sampled_from([c for c in meta.choices if c is not None])
    if isinstance(meta.default, bool):
        return st.sampled_from(["true", "false"])
    if float(meta.step or 1).is_integer() and (meta.default is None or isinstance(meta.default, int)):
        return st.integers(int(meta.min), int(meta.max)).map(str)
    return st.floats(meta.min, meta.max, allow_nan=False).map(lambda v: f"{v:g}")


assumption_params = st.dictionaries(
    st.sampled_from([m for m in ASSUMPTIONS if m.min is not None or m.choices or m.key in EDGES]),
    st.none(),
    max_size=4,
).flatmap(lambda keys: st.fixed_dictionaries({m.key: _assumption(m) for m in keys}))
scorecard = st.fixed_dictionaries(
    {},
    optional={
        "preset": st.sampled_from(["regulated", "speed", "cost"]),
        "weights": st.sampled_from(["cost:7,quality:2", "privacy:10", "quality:0,cost:0"]),
        "missing": st.just("penalise"),
    },
)
compared = st.fixed_dictionaries(
    {},
    optional={
        "cmp": st.lists(
            st.sampled_from(["gpt-4o", "llama-3.3-70b", "gpt-oss-120b", "deepseek-v3", "claude-2", "nope"]),
            max_size=5,
        ).map(",".join)
    },
)
links = st.builds(
    lambda c, a, s, x: {**to_query(c), **a, **s, **x},
    valid,
    assumption_params,
    scorecard,
    compared,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(link=links)
def test_random_valid_links_open_every_page_without_an_exception(link):
    for page in PAGE_FILES:
        at = run_app(page, **link)
        assert not at.exception, (page, link, [e.value for e in at.exception])
