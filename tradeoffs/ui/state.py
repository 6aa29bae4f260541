"""The view (constraints + cost assumptions) in session state, seeded from and synced to the URL.

On a session's first run the URL is read once (``from_query``: bad values become warnings, never
errors) into the widget keys. On every run the widgets' values become the view, and the URL is
rewritten from it, so the address bar is always the shareable link of what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import streamlit as st

from tradeoffs.compare.picks import usable_ids
from tradeoffs.constraints import CONSTRAINT_FIELDS, Constraints, Domain, Parsed, from_query, to_query
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.scorecard import SCORECARD_PARAMS, Scorecard, scorecard_from_query, scorecard_to_query

VIEW_KEY = "_view"
SEEDED_KEY = "_url_seeded"
URL_WARNINGS_KEY = "_url_warnings"
LINK_DATA_KEY = "_url_data_tag"
NOTES_KEY = "notes"
SHORTLIST_KEY = "shortlist"
# The Decide page's scorecard (preset, weights, missing data). Kept as one plain value, not as widget keys:
# Streamlit drops a widget's value once a run does not draw it, and the sliders live on one page only.
SCORECARD_KEY = "scorecard"
NOTE_PREFIX = "note."
# The Costs page's comparison: models to self-host and API options (None = the page's defaults), and
# the offering chosen per API option (cheapest when absent). Plain values, like the scorecard.
COMPARE_PARAMS = {"self_host": "compare_open", "api": "compare_api"}
COMPARE_KEY = "compare"
PRICE_PREFIX = "price."
# The Compare page's models (2–4 ids, in order); a plain value, like the Costs page's comparison.
CMP_PARAM = "cmp"
COMPARED_KEY = "compared"
# The Trends page: the model whose price history it shows, and whether only passing models count.
TREND_MODEL_PARAM = TREND_MODEL_KEY = "trend_model"
TREND_ONLY_PARAM, TREND_ONLY_PASSING = "trend_only", "passing"
TREND_PASSING_KEY = "trend_passing"
PRICES_KEY = "prices"
ASSUMPTION_PARAMS = frozenset(a.key for a in cost_assumptions.ASSUMPTIONS)
# "asof=link": show the numbers as of the date of the data the link was made on (when the data has been
# refreshed since; see tradeoffs/asof.py). A plain key: the banner's toggle is drawn only after a refresh.
AS_OF_PARAM, AS_OF_LINK = "asof", "link"
AS_OF_KEY = "as_of_link"
# "mine=<zlib + base64 of the session's uploaded rows>" (see tradeoffs/uploads/link.py); the Data page
# keeps the value under MINE_KEY ("" when the rows are too many for a link).
MINE_PARAM, MINE_KEY = "mine", "_mine_param"


def widget_key(name: str) -> str:
    """Session-state key of the widget that edits constraint/assumption ``name``."""
    return f"w_{name}"


@dataclass
class View:
    constraints: Constraints
    assumptions: cost_assumptions.CostAssumptions
    notes: dict[str, str] = field(default_factory=dict)
    scorecard: Scorecard = field(default_factory=Scorecard)
    compare: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "self_host"/"api" → model ids
    prices: dict[str, str] = field(default_factory=dict)  # API option → "first-party" or a provider
    as_of_link: bool = False  # the numbers as of the link's date (asof=link)
    compared: tuple[str, ...] = ()  # the Compare page's models
    mine: str = ""  # the session's uploaded rows, packed for the link ("" without any or too many)
    trend_model: str | None = None  # the Trends page's price-history model
    trend_passing: bool = False  # Trends counts only the models that pass the constraints


def _prefixed(raw: dict[str, str], prefix: str) -> dict[str, str]:
    """``{"note.gpt-4": "x"}`` → ``{"gpt-4": "x"}`` for one prefix (values capped at 400 characters)."""
    return {k[len(prefix) :]: v[:400] for k, v in raw.items() if k.startswith(prefix)}


def _parse_url(domain: Domain) -> tuple[Parsed, cost_assumptions.CostAssumptions, Scorecard, dict]:
    """Everything the URL says; what cannot be used lands in ``parsed.warnings``."""
    raw = st.query_params.to_dict()
    notes, prices = _prefixed(raw, NOTE_PREFIX), _prefixed(raw, PRICE_PREFIX)
    params = {k: v for k, v in raw.items() if not k.startswith((NOTE_PREFIX, PRICE_PREFIX))}
    extra = ASSUMPTION_PARAMS | SCORECARD_PARAMS | frozenset(COMPARE_PARAMS) | {AS_OF_PARAM, CMP_PARAM}
    extra |= {MINE_PARAM, TREND_MODEL_PARAM, TREND_ONLY_PARAM}
    parsed = from_query(params, domain, extra_params=extra)
    scorecard, scorecard_warnings = scorecard_from_query(
        {k: v for k, v in parsed.extra.items() if k in SCORECARD_PARAMS}
    )
    parsed.warnings.extend(scorecard_warnings)
    assumptions = cost_assumptions.CostAssumptions()
    for key, value in parsed.extra.items():  # one at a time, so one bad value does not void the rest
        if key not in ASSUMPTION_PARAMS:
            continue
        try:
            assumptions = cost_assumptions.assumptions_from_dict(
                {**cost_assumptions.assumptions_to_dict(assumptions), key: value}
            )
        except (ValueError, TypeError) as exc:
            parsed.warnings.append(f"ignored {key}={value[:60]!r}: {exc}")
    compare = _compare(parsed, domain)
    chosen = {m for ids in compare.values() for m in ids}
    extras = {
        NOTES_KEY: _known(notes, set(parsed.constraints.shortlist), "notes", parsed.warnings),
        PRICES_KEY: _known(prices, chosen, "price choices", parsed.warnings),
        COMPARE_KEY: compare,
        AS_OF_KEY: _as_of_link(parsed),
        COMPARED_KEY: _compared(parsed, domain),
        **_trend(parsed, domain),
    }
    return parsed, assumptions, scorecard, extras


def _as_of_link(parsed: Parsed) -> bool:
    value = parsed.extra.get(AS_OF_PARAM)
    if value not in (None, AS_OF_LINK):
        parsed.warnings.append(f"ignored {AS_OF_PARAM}={value[:60]!r}: not '{AS_OF_LINK}'")
    return value == AS_OF_LINK


def _compared(parsed: Parsed, domain: Domain) -> tuple[str, ...]:
    """The Compare page's models from ``cmp``: unknown ids and those past the fourth are named and dropped."""
    ids, warnings = usable_ids(parsed.extra.get(CMP_PARAM, "").split(","), domain.model_ids)
    parsed.warnings.extend(f"'{CMP_PARAM}': {w}" for w in warnings)
    return ids


def _trend(parsed: Parsed, domain: Domain) -> dict:
    """The Trends page's options: a known ``trend_model`` and ``trend_only=passing``; else a warning."""
    model = parsed.extra.get(TREND_MODEL_PARAM)
    if model is not None and model not in domain.model_ids:
        parsed.warnings.append(f"ignored unknown model id in '{TREND_MODEL_PARAM}': {model[:60]!r}")
        model = None
    only = parsed.extra.get(TREND_ONLY_PARAM)
    if only not in (None, TREND_ONLY_PASSING):
        parsed.warnings.append(f"ignored {TREND_ONLY_PARAM}={only[:60]!r}: not '{TREND_ONLY_PASSING}'")
    return {TREND_MODEL_KEY: model, TREND_PASSING_KEY: only == TREND_ONLY_PASSING}


def _compare(parsed: Parsed, domain: Domain) -> dict[str, tuple[str, ...]]:
    out = {}
    for param in COMPARE_PARAMS:
        if param in parsed.extra:
            ids = [i.strip() for i in parsed.extra[param].split(",") if i.strip()]
            unknown = [i for i in ids if i not in domain.model_ids]
            if unknown:
                parsed.warnings.append(f"ignored unknown model ids in '{param}': {', '.join(unknown)}")
            out[param] = tuple(dict.fromkeys(i for i in ids if i in domain.model_ids))
    return out


def _known(values: dict[str, str], allowed: set[str], what: str, warnings: list[str]) -> dict[str, str]:
    """The entries whose model is in ``allowed``; a warning names the others."""
    unknown = [m for m in values if m not in allowed]
    if unknown:
        warnings.append(f"ignored {what} for models not shown: {', '.join(unknown)}")
    return {m: v for m, v in values.items() if m in allowed}


def _fill_widgets(constraints: Constraints, assumptions: cost_assumptions.CostAssumptions) -> None:
    for name in CONSTRAINT_FIELDS:
        value = getattr(constraints, name)
        st.session_state[widget_key(name)] = list(value) if isinstance(value, tuple) else value
    for f in fields(cost_assumptions.CostAssumptions):
        st.session_state[widget_key(f.name)] = getattr(assumptions, f.name)


def seed_from_url(domain: Domain) -> None:
    """Fill the widget keys from the URL once per session; later, restore them if Streamlit dropped them.

    Streamlit forgets a widget's value after a run that did not draw it (see ``current_view``): the
    last view is kept under a plain key, so nothing the room set is lost.
    """
    if st.session_state.get(SEEDED_KEY):
        if widget_key("deployment") not in st.session_state and VIEW_KEY in st.session_state:
            view = st.session_state[VIEW_KEY]
            _fill_widgets(view.constraints, view.assumptions)
        return
    parsed, assumptions, scorecard, extras = _parse_url(domain)
    _fill_widgets(parsed.constraints, assumptions)
    st.session_state[SHORTLIST_KEY] = list(parsed.constraints.shortlist)
    st.session_state[SCORECARD_KEY] = scorecard
    st.session_state.update(extras)
    st.session_state[URL_WARNINGS_KEY] = parsed.warnings
    st.session_state[LINK_DATA_KEY] = parsed.data_tag
    st.session_state[SEEDED_KEY] = True


def note_data_seen(tag: str) -> None:
    """Remember the data a session started on (its link's, else the data at opening), so that a
    refresh while the session is open is announced rather than slipped under the room."""
    if not st.session_state.get(LINK_DATA_KEY):
        st.session_state[LINK_DATA_KEY] = tag


def view_from_widgets() -> View:
    """The current view from the widget keys (and the shortlist kept in session state)."""
    values = {
        name: st.session_state.get(widget_key(name), getattr(Constraints(), name))
        for name in CONSTRAINT_FIELDS
    }
    values["shortlist"] = tuple(st.session_state.get(SHORTLIST_KEY, ()))
    for name in ("needs", "exclude_orgs"):
        values[name] = tuple(values[name])
    a_values = {
        f.name: st.session_state.get(widget_key(f.name), getattr(cost_assumptions.CostAssumptions(), f.name))
        for f in fields(cost_assumptions.CostAssumptions)
    }
    notes = {m: n for m, n in st.session_state.get(NOTES_KEY, {}).items() if m in values["shortlist"] and n}
    compare = st.session_state.get(COMPARE_KEY, {})
    chosen = {m for ids in compare.values() for m in ids}
    prices = {m: p for m, p in st.session_state.get(PRICES_KEY, {}).items() if m in chosen}
    return View(
        Constraints(**values),
        cost_assumptions.CostAssumptions(**a_values),
        notes,
        st.session_state.get(SCORECARD_KEY, Scorecard()),
        compare,
        prices,
        bool(st.session_state.get(AS_OF_KEY, False)),
        tuple(st.session_state.get(COMPARED_KEY, ())),
        st.session_state.get(MINE_KEY, ""),
        st.session_state.get(TREND_MODEL_KEY),
        bool(st.session_state.get(TREND_PASSING_KEY, False)),
    )


def query_for(view: View, data_tag: str) -> dict[str, str]:
    """The URL parameters of a view (defaults omitted)."""
    params = to_query(view.constraints, data_tag)
    params.update({k: str(v) for k, v in cost_assumptions.assumptions_to_dict(view.assumptions).items()})
    params.update({f"{NOTE_PREFIX}{m}": n for m, n in view.notes.items()})
    params.update(scorecard_to_query(view.scorecard))
    params.update({param: ",".join(ids) for param, ids in view.compare.items()})
    params.update({f"{PRICE_PREFIX}{m}": choice for m, choice in view.prices.items()})
    if view.as_of_link:
        params[AS_OF_PARAM] = AS_OF_LINK
    if view.compared:
        params[CMP_PARAM] = ",".join(view.compared)
    if view.mine:
        params[MINE_PARAM] = view.mine
    if view.trend_model:
        params[TREND_MODEL_PARAM] = view.trend_model
    if view.trend_passing:
        params[TREND_ONLY_PARAM] = TREND_ONLY_PASSING
    return params


def sync_url(view: View, data_tag: str) -> None:
    """Rewrite the address bar when the view changed (no rerun is triggered)."""
    params = query_for(view, data_tag)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[VIEW_KEY] = view


def current_view() -> View:
    """The view the frame computed for this run (pages call this first).

    With a ``pages/`` folder next to app.py, Streamlit starts in its legacy multipage mode and,
    on a server's first request for a deep link (``/explore?...``), runs the page script without
    app.py: no sidebar, no view. Streamlit leaves that mode once ``st.navigation`` has run, so we
    leave it ourselves and rerun, which goes through app.py with the same URL.
    """
    leave_legacy_pages_mode()
    if VIEW_KEY not in st.session_state:
        st.rerun()
    return st.session_state[VIEW_KEY]


def leave_legacy_pages_mode() -> None:
    """Before any widget: on a fresh server, Streamlit starts in its legacy multipage mode (there is a
    ``pages/`` folder), and the first session's first run, on ``/``, draws the sidebar under the legacy
    page's identity; once ``st.navigation`` has run, the next run gives every widget a new identity and
    the browser's values no longer match: the first slider moved reset the whole view to the widgets'
    defaults. Leaving the mode and rerunning first draws every widget once, under the right identity."""
    if _legacy_pages_mode():
        _leave_legacy_pages_mode()
        st.rerun()


def _legacy_pages_mode() -> bool:
    from streamlit.runtime.pages_manager import PagesManager

    return bool(PagesManager.uses_pages_directory)


def _leave_legacy_pages_mode() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False  # what st.navigation itself sets


def set_compare(side: str, model_ids) -> None:
    """The Costs page's picks for one side ("self_host" or "api"); they travel in the link."""
    st.session_state[COMPARE_KEY] = {**st.session_state.get(COMPARE_KEY, {}), side: tuple(model_ids)}


def set_price(model_id: str, choice: str | None) -> None:
    """The offering chosen for an API option; None (cheapest) is left out of the link."""
    prices = {m: p for m, p in st.session_state.get(PRICES_KEY, {}).items() if m != model_id}
    st.session_state[PRICES_KEY] = {**prices, **({model_id: choice} if choice else {})}


def set_compared(model_ids) -> None:
    """The Compare page's models (in order); they travel in the link as ``cmp``."""
    st.session_state[COMPARED_KEY] = tuple(dict.fromkeys(model_ids))


def set_shortlist(model_ids) -> None:
    st.session_state[SHORTLIST_KEY] = list(dict.fromkeys(model_ids))


def set_trend_model(model_id: str | None) -> None:
    """The model whose price history Trends shows; it travels in the link as ``trend_model``."""
    st.session_state[TREND_MODEL_KEY] = model_id


def set_trend_passing(only_passing: bool) -> None:
    """Whether Trends counts only the models that pass the constraints (``trend_only=passing``)."""
    st.session_state[TREND_PASSING_KEY] = bool(only_passing)
