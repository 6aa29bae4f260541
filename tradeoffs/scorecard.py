"""The scorecard settings (preset, weights, missing-data treatment), the presets, and their URL form.

Weights are points from 0 to 10 per factor (sliders); the ranking divides them by their sum, so
only their proportions matter. A preset is a named set of points; the weights the user then moves
are kept as the preset plus the factors that differ from it.

URL parameters (defaults left out, so a plain link stays short):
  preset=regulated            one of balanced (default), regulated, speed, cost
  weights=cost:7,quality:2    only the factors whose points differ from the preset's (a link made before a
                              factor existed gets the preset's points for it)
  missing=penalise            unknown factor data counts 0 ("penalise") or 0.5 ("neutral", default)
``scorecard_from_query`` never raises: a bad value is ignored with a warning and the default stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from tradeoffs.factors import FACTOR_BY_KEY, FACTOR_KEYS

MAX_POINTS = 10
MISSING = {"neutral": 0.5, "penalise": 0.0}  # what an unknown factor counts as
MISSING_LABELS = {"neutral": "Neutral (counts 0.5)", "penalise": "Penalised (counts 0)"}
PRESET_PARAM, WEIGHTS_PARAM, MISSING_PARAM = "preset", "weights", "missing"
SCORECARD_PARAMS = frozenset({PRESET_PARAM, WEIGHTS_PARAM, MISSING_PARAM})


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    points: tuple[int, ...]  # FACTOR_KEYS order
    rationale: str


def _points(**points: int) -> tuple[int, ...]:
    assert set(points) == set(FACTOR_KEYS), set(FACTOR_KEYS) ^ set(points)
    return tuple(points[k] for k in FACTOR_KEYS)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            "balanced",
            "Balanced",
            _points(
                quality=5,
                cost=5,
                privacy=5,
                transparency=5,
                control=5,
                license=5,
                support=5,
                viability=5,
                integration=5,
                skills=5,
            ),
            "Every factor counts the same: a starting point with no opinion.",
        ),
        Preset(
            "regulated",
            "Regulated, on-prem",
            _points(
                quality=6,
                cost=4,
                privacy=10,
                transparency=7,
                control=7,
                license=9,
                support=5,
                viability=8,
                integration=4,
                skills=6,
            ),
            "A bank or insurer: where data goes comes first (privacy 10), then what legal will sign "
            "(licence 9); model-risk management wants a model that will not change or vanish under it "
            "(viability 8), that it controls, can validate and fine-tune (control 7), and whose training "
            "data, code and documentation it can show a supervisor (transparency 7); it runs the model "
            "itself, so the team must be able to (skills 6). Quality matters, but the quality bar belongs in "
            "the constraints (6); cost is secondary to risk (4).",
        ),
        Preset(
            "speed",
            "Speed to market",
            _points(
                quality=8,
                cost=3,
                privacy=2,
                transparency=2,
                control=2,
                license=4,
                support=6,
                viability=4,
                integration=9,
                skills=10,
            ),
            "Ship in weeks: nothing to build or run (skills 10), plugs into the product today "
            "(integration 9), good enough answers (quality 8), a healthy ecosystem to lean on (support 6).",
        ),
        Preset(
            "cost",
            "Cost first",
            _points(
                quality=5,
                cost=10,
                privacy=2,
                transparency=2,
                control=2,
                license=3,
                support=3,
                viability=3,
                integration=3,
                skills=5,
            ),
            "The bill decides (cost 10), as long as quality holds and the team can run it (5 each).",
        ),
    )
}
DEFAULT_PRESET = "balanced"


@dataclass(frozen=True)
class Scorecard:
    """What the ranking depends on besides the data."""

    preset: str = DEFAULT_PRESET
    points: tuple[int, ...] = PRESETS[DEFAULT_PRESET].points  # FACTOR_KEYS order, 0–MAX_POINTS each
    missing: str = "neutral"  # neutral | penalise

    def __post_init__(self) -> None:
        if self.preset not in PRESETS or self.missing not in MISSING or len(self.points) != len(FACTOR_KEYS):
            raise ValueError(f"not a valid scorecard: {self}")
        if not all(isinstance(p, int) and 0 <= p <= MAX_POINTS for p in self.points):
            raise ValueError(f"points must be whole numbers 0–{MAX_POINTS}: {self.points}")

    @classmethod
    def from_preset(cls, key: str, missing: str = "neutral") -> Scorecard:
        return cls(key, PRESETS[key].points, missing)

    @property
    def weights(self) -> dict[str, int]:
        return dict(zip(FACTOR_KEYS, self.points, strict=True))

    @property
    def modified(self) -> bool:
        """True when the points differ from the preset's."""
        return self.points != PRESETS[self.preset].points

    def with_points(self, factor: str, points: int) -> Scorecard:
        return replace(self, points=tuple(points if k == factor else p for k, p in self.weights.items()))

    def describe(self) -> str:
        """ "Regulated, on-prem" or "Regulated, on-prem, modified (cost 7)"."""
        label = PRESETS[self.preset].label
        preset = dict(zip(FACTOR_KEYS, PRESETS[self.preset].points, strict=True))
        changed = [f"{FACTOR_BY_KEY[k].short.lower()} {p}" for k, p in self.weights.items() if p != preset[k]]
        return f"{label}, modified ({', '.join(changed)})" if changed else label


def scorecard_to_query(s: Scorecard) -> dict[str, str]:
    """Query parameters for ``s``, without the defaults."""
    out: dict[str, str] = {}
    if s.preset != DEFAULT_PRESET:
        out[PRESET_PARAM] = s.preset
    base = PRESETS[s.preset].points
    changed = [f"{k}:{p}" for k, p, b in zip(FACTOR_KEYS, s.points, base, strict=True) if p != b]
    if changed:
        out[WEIGHTS_PARAM] = ",".join(changed)
    if s.missing != "neutral":
        out[MISSING_PARAM] = s.missing
    return out


def _parse_weight(item: str) -> tuple[str, int]:
    factor, sep, value = item.partition(":")
    factor = factor.strip()
    if not sep or factor not in FACTOR_BY_KEY:
        raise ValueError(f"not factor:points with a factor among {', '.join(FACTOR_KEYS)}")
    value = value.strip()
    if not value.isdigit() or not 0 <= int(value) <= MAX_POINTS:
        raise ValueError(f"points must be a whole number 0–{MAX_POINTS}")
    return factor, int(value)


def scorecard_from_query(params: Mapping[str, str]) -> tuple[Scorecard, list[str]]:
    """The scorecard in ``params`` (other keys ignored) and a warning per value that could not be used."""
    warnings: list[str] = []
    preset = params.get(PRESET_PARAM, DEFAULT_PRESET)
    if preset not in PRESETS:
        warnings.append(f"ignored {PRESET_PARAM}={preset[:60]!r}: not one of {', '.join(PRESETS)}")
        preset = DEFAULT_PRESET
    missing = params.get(MISSING_PARAM, "neutral")
    if missing not in MISSING:
        warnings.append(f"ignored {MISSING_PARAM}={missing[:60]!r}: not one of {', '.join(MISSING)}")
        missing = "neutral"
    card = Scorecard.from_preset(preset, missing)
    for item in filter(None, (i.strip() for i in params.get(WEIGHTS_PARAM, "").split(","))):
        try:
            card = card.with_points(*_parse_weight(item))
        except ValueError as exc:
            warnings.append(f"ignored {WEIGHTS_PARAM} item {item[:60]!r}: {exc}")
    return card, warnings
