"""The one-page brief and its slide for one view, assembled from the views the pages share (Shortlist,
Explore, Decide, Costs), so the brief shows the numbers those pages show; built once per view and notes,
and shared. Nothing here reads session state: a download button may call it from another thread."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from tradeoffs import insights
from tradeoffs.brief import content
from tradeoffs.brief.chart_png import brief_chart_spec, chart_png
from tradeoffs.brief.pdf import brief_pdf
from tradeoffs.brief.slide import brief_pptx
from tradeoffs.constraints import Constraints, format_count
from tradeoffs.constraints_text import describe_constraints
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.scorecard import Scorecard
from tradeoffs.ui import loaders
from tradeoffs.ui.cost_view import CostResult, load_cost_result, load_cost_setup, load_price_choices
from tradeoffs.ui.decide_view import load_decide
from tradeoffs.ui.explore_view import load_explore
from tradeoffs.ui.loaders import DataInfo
from tradeoffs.ui.shared import assumption_items, shared_view
from tradeoffs.ui.shortlist_view import load_shortlist
from tradeoffs.ui.state import View

PDF_MIME = "application/pdf"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class BriefKey:
    """Everything a brief depends on, hashable: the view, its notes and picks, the data, the link."""

    version: str
    as_of: str
    constraints: Constraints
    assumptions: tuple
    scorecard: Scorecard
    notes: tuple
    compare: tuple
    prices: tuple
    link: str


def brief_key(view: View, info: DataInfo, link: str) -> BriefKey:
    """The cache key of ``view``'s brief on data ``info``, with its share ``link``."""
    return BriefKey(
        info.version,
        info.as_of,
        view.constraints,
        assumption_items(view.assumptions),
        view.scorecard,
        tuple(sorted(view.notes.items())),
        tuple(sorted((side, tuple(ids)) for side, ids in view.compare.items())),
        tuple(sorted(view.prices.items())),
        link,
    )


def cost_picks(c: Constraints, a, compare: dict, prices: dict) -> tuple[list[str], list[str], dict[str, str]]:
    """(open models to self-host, API options, offering per API option) as the Costs page picks them for
    this view: the link's picks, else the page's defaults; the link's offering, else the cheapest."""
    setup = load_cost_setup(c, a)
    opens, apis = setup.defaults
    if compare:  # as cost_panel.render_model_pickers: a link's picks win
        opens, apis = list(compare.get("self_host", opens)), list(compare.get("api", apis))
    hostable, priced = set(setup.hostable), set(setup.priced)
    opens, apis = [m for m in opens if m in hostable], [m for m in apis if m in priced]
    offered = load_price_choices(c, a, apis)  # per option: its choices, the cheapest first
    choices = {m: prices[m] if prices.get(m) in offered[m] else next(iter(offered[m])) for m in apis}
    return opens, apis, choices


def _costs(key: BriefKey, a) -> CostResult | None:
    c = key.constraints
    opens, apis, choices = cost_picks(c, a, dict(key.compare), dict(key.prices))
    return load_cost_result(c, a, opens, apis, choices) if opens or apis else None


def _ranking(key: BriefKey, a) -> tuple[str, str, content.Ranking]:
    dv = load_decide(key.constraints, a, key.scorecard)
    if dv.decision is None:
        return (
            content.plain(dv.answer_md),
            "Nothing is ranked: there is nothing to flip.",
            content.Ranking({}, 0),
        )
    ranked = dv.decision.ranked.index
    places = {m: i + 1 for i, m in enumerate(ranked)}
    return content.plain(dv.answer_md), content.plain(dv.flip_md), content.Ranking(places, len(ranked))


def _models(key: BriefKey, a, ranking: content.Ranking) -> tuple[content.ModelLine, ...]:
    c = key.constraints
    result = loaders.load_evaluated(c, a)
    picked = insights.with_costs(result.models.loc[list(c.shortlist)], result.costs, c.benchmark)
    statuses = {m: status for m, _, status in load_shortlist(c, a).rows}
    return content.model_lines(picked, c.benchmark, statuses, dict(key.notes), ranking)


def _chart(c: Constraints, a) -> tuple[dict, str]:
    ex = load_explore(c, a)
    _, x_title, _ = insights.cost_axis(c)
    spec = brief_chart_spec(ex.points, x_title=x_title, y_title=loaders.benchmark_name(c.benchmark))
    caption = (
        f"{len(ex.points)} passing models plotted. Dashed line: the Pareto frontier (no other model is both "
        f"cheaper and better); on it, cheapest first: {ex.key_text}. Large outlined points: the shortlist."
    )
    return spec, caption if len(ex.points) else ""


@shared_view
def _brief(key: BriefKey) -> content.Brief:
    c = key.constraints
    a = cost_assumptions.assumptions_from_dict(dict(key.assumptions))
    info = loaders.load_data_info()  # what the numbers are computed on (a refresh may follow the page's run)
    recommendation, flip, ranking = _ranking(key, a)
    models = _models(key, a, ranking)
    costs = _costs(key, a)
    spec, caption = _chart(c, a)
    sv = load_shortlist(c, a)
    cost_lines = content.cost_sources(costs.breakdown) if costs else ()
    cited = " ".join([*(m.sources for m in models), *cost_lines])
    return content.Brief(
        constraints=describe_constraints(c, loaders.benchmark_name(c.benchmark)),
        passing=f"{sv.passing:,} of {sv.total:,} models pass",
        scorecard=key.scorecard.describe(),
        recommendation=recommendation,
        flip=flip,
        models=models,
        volume=f"{format_count(c.volume_tokens)} tokens/month",
        cost_answer=content.plain(costs.answer_md) if costs else "No model is picked on the Costs page.",
        cost_options=content.cost_options(costs.monthly) if costs else (),
        breakevens=content.breakeven_lines(costs.breakevens) if costs else (),
        cost_sources=cost_lines,
        assumptions=content.assumption_text(costs.assumptions) if costs else "",
        attributions=content.attributions(loaders.load_reference("sources"), cited),
        data_as_of=info.as_of,
        data_version=info.version,
        link=key.link,
        chart_spec=spec,
        chart_caption=caption,
    )


def load_brief(key: BriefKey) -> content.Brief:
    """The brief's content for ``key`` (shared, read-only)."""
    return _brief(key)


# The files themselves (a PDF or PPTX is ~0.3 MB with its chart): fewer of them than of views.
_shared_file = st.cache_resource(max_entries=16, show_spinner=False)


@_shared_file
def brief_pdf_bytes(key: BriefKey) -> bytes:
    """The one-page PDF of ``key``'s brief (built once per view, notes and link)."""
    brief = _brief(key)
    return brief_pdf(brief, chart_png(brief.chart_spec))


@_shared_file
def brief_pptx_bytes(key: BriefKey) -> bytes:
    """The 16:9 slide of ``key``'s brief (built once per view, notes and link)."""
    brief = _brief(key)
    return brief_pptx(brief, chart_png(brief.chart_spec))


def file_stem(info: DataInfo) -> str:
    """'model-brief-2026-10-08': the downloads' name, with the data date."""
    return f"model-brief-{info.as_of}"
