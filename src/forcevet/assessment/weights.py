"""The numeric weight of a claim: Admiralty grades times age decay (see data/grades.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from forcevet.model.claims import Claim
from forcevet.model.grades import Credibility, Reliability
from forcevet.model.sources import Source

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class GradeWeights:
    """The probability each grade lends a claim, as data/grades.yaml sets them."""

    reliability: dict[Reliability, float]
    credibility: dict[Credibility, float]


@cache
def load_grade_weights() -> GradeWeights:
    """Return the bundled mapping of Admiralty grades to numbers."""
    text = resources.files("forcevet.data").joinpath("grades.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    return GradeWeights(
        reliability={Reliability(k): float(v) for k, v in document["reliability"].items()},
        credibility={Credibility(int(k)): float(v) for k, v in document["credibility"].items()},
    )


def age_in_years(claim: Claim, as_of: str) -> float:
    """Return how old a claim's evidence is on ``as_of``; 0 if undated or still ongoing.

    The age runs from the end of the claim's time span (its start if the span is
    open-ended), so "since October 2023" counts as current.
    """
    if claim.time is None or claim.time.end is None:
        return 0.0
    days = (date.fromisoformat(as_of) - date.fromisoformat(claim.time.end)).days
    return max(days, 0) / DAYS_PER_YEAR


def decay_factor(age_years: float, half_life_years: float | None) -> float:
    """Return 0.5 to the power of age over half-life (1.0 without a half-life)."""
    return 1.0 if half_life_years is None else float(0.5 ** (age_years / half_life_years))


def grade_weight(claim: Claim, source: Source) -> float:
    """Return the chance the grades alone give a claim: reliability x credibility."""
    grades = load_grade_weights()
    return grades.reliability[source.reliability] * grades.credibility[claim.credibility]
