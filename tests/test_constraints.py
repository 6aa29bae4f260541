"""URL ⇄ Constraints: valid views round-trip exactly; any URL parses without raising; bad values are named."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeoffs.constraints import (
    COST_VIEWS,
    DEPLOYMENTS,
    INPUT_PCT_RANGE,
    LICENSES,
    NEEDS,
    REGIONS,
    Constraints,
    Domain,
    format_count,
    from_query,
    parse_count,
    to_query,
)

BENCHMARKS = frozenset({"arena_text", "eci", "mmlu"})
ORGS = frozenset({"Meta", "OpenAI", "Mistral AI", "Zhipu AI (Z.ai)"})
MODELS = frozenset({"gpt-4", "llama-3.3-70b", "qwen3-235b-a22b", "claude-3.5-sonnet"})
DOMAIN = Domain(BENCHMARKS, ORGS, MODELS)

finite = st.floats(min_value=0.1, max_value=5000, allow_nan=False, allow_infinity=False)
counts = st.one_of(
    st.integers(min_value=1_000, max_value=10**13),
    st.sampled_from([10**6, 1_500_000, 10**9, 2_500_000_000, 32_000, 128_000]),
)
valid = st.builds(
    Constraints,
    deployment=st.sampled_from(DEPLOYMENTS),
    region=st.sampled_from(REGIONS),
    full_precision=st.booleans(),
    license=st.sampled_from(LICENSES),
    benchmark=st.sampled_from(sorted(BENCHMARKS)),
    min_score=st.none() | finite,
    min_context_tokens=st.sampled_from([0, 8_000, 32_000, 1_000_000]) | st.integers(1, 100_000_000),
    max_params_b=st.none() | st.floats(min_value=0.1, max_value=100_000, allow_nan=False),
    volume_tokens=counts,
    input_share=st.integers(*INPUT_PCT_RANGE).map(lambda p: p / 100),
    budget_usd=st.none() | st.floats(min_value=0, max_value=1e12, allow_nan=False),
    needs=st.lists(st.sampled_from(NEEDS), unique=True, max_size=5).map(tuple),
    exclude_deprecated=st.booleans(),
    keep_unknown=st.booleans(),
    include_resellers=st.booleans(),
    exclude_orgs=st.lists(st.sampled_from(sorted(ORGS)), unique=True).map(tuple),
    shortlist=st.lists(st.sampled_from(sorted(MODELS)), unique=True).map(tuple),
    cost_view=st.sampled_from(COST_VIEWS),
)


@settings(max_examples=300)
@given(valid)
def test_any_valid_constraints_round_trip_through_the_url(c):
    parsed = from_query(to_query(c), DOMAIN)
    assert parsed.warnings == []
    assert parsed.constraints == c


@settings(max_examples=300)
@given(
    st.dictionaries(st.text(max_size=30), st.text(max_size=600) | st.lists(st.text(max_size=50), max_size=3))
)
def test_any_query_string_parses_without_raising(params):
    parsed = from_query(params, DOMAIN)
    assert isinstance(parsed.constraints, Constraints)


def test_defaults_are_left_out_of_the_url():
    assert to_query(Constraints()) == {}
    assert to_query(Constraints(deployment="on-prem", volume_tokens=10**9)) == {
        "deployment": "on-prem",
        "volume": "1B",
    }


def test_readable_counts_read_back_exactly():
    assert format_count(1_000_000_000) == "1B" and parse_count("1B") == 1_000_000_000
    assert format_count(1_500_000) == "1.5M" and parse_count("1.5M") == 1_500_000
    assert parse_count("32k") == 32_000
    assert format_count(123_456) == "123456"


def test_each_kind_of_bad_value_is_ignored_with_a_warning_naming_it():
    params = {
        "deployment": "moon",  # unknown option
        "volume": "lots",  # not a number
        "input_pct": "150",  # out of range
        "shortlist": "gpt-4,gpt-99",  # one unknown model id
        "budget": "9" * 500,  # absurdly long
        "colour": "red",  # unknown parameter
        "license": "commercial",  # fine
    }
    parsed = from_query(params, DOMAIN)
    c = parsed.constraints
    assert c.deployment == "any" and c.volume_tokens == Constraints().volume_tokens
    assert c.input_share == Constraints().input_share and c.budget_usd is None
    assert c.shortlist == ("gpt-4",) and c.license == "commercial"
    text = " | ".join(parsed.warnings)
    for name in ("deployment", "volume", "input_pct", "gpt-99", "budget", "colour"):
        assert name in text, name
    assert len(parsed.warnings) == 6


def test_repeated_parameters_take_the_last_value_and_extra_parameters_are_passed_through():
    parsed = from_query(
        {"deployment": ["any", "on-prem"], "gpu": "H200"}, DOMAIN, extra_params=frozenset({"gpu"})
    )
    assert parsed.constraints.deployment == "on-prem"
    assert parsed.extra == {"gpu": "H200"} and parsed.warnings == []


def test_the_data_tag_is_kept_apart():
    parsed = from_query({"data": "2026-10-10~abc123"}, DOMAIN)
    assert parsed.data_tag == "2026-10-10~abc123" and parsed.warnings == []


def test_the_privacy_ladder_travels_in_the_link():
    c = Constraints(deployment="region", region="US", full_precision=True)
    assert to_query(c) == {"deployment": "region", "region": "US", "precision": "full"}
    parsed = from_query({"deployment": "region", "region": "mars", "precision": "half"}, DOMAIN)
    assert parsed.constraints.deployment == "region" and parsed.constraints.region == "EU"
    assert not parsed.constraints.full_precision
    assert any("region" in w for w in parsed.warnings) and any("precision" in w for w in parsed.warnings)
