"""The numeric weight of a claim: Admiralty grades times age decay (see data/grades.yaml).

Time. A claim is as old as the last day it is known to hold: the end of its own
time span when that is closed, but never later than the day its source
published it (a source cannot vouch for what came after it). An undated or
open-ended claim ages from its source's publication date. A claim whose
source has no date either is flagged ``undated`` and aged conservatively: as if
it were ``undated_age_years`` old (a rubric setting), never as if it were new.
``evidence.match_evidence`` applies the rule (``_Ages``), with each date worked out once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from forcevet.model.dates import parse_time
from forcevet.model.grades import Credibility, Reliability
from forcevet.model.sources import Source

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class GradeWeights:
    """How far each grade lets a claim move an estimate, as data/grades.yaml sets it."""

    reliability: dict[Reliability, float]
    credibility: dict[Credibility, float]

    def weight(self, reliability: Reliability, credibility: Credibility) -> float:
        """Return the weight of a claim of ``credibility`` from a source of ``reliability``."""
        return self.reliability[reliability] * self.credibility[credibility]


@cache
def load_grade_weights() -> GradeWeights:
    """Return the bundled mapping of Admiralty grades to numbers."""
    text = resources.files("forcevet.data").joinpath("grades.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    return GradeWeights(
        reliability={Reliability(k): float(v) for k, v in document["reliability"].items()},
        credibility={Credibility(int(k)): float(v) for k, v in document["credibility"].items()},
    )


@dataclass(frozen=True)
class Age:
    """How old a claim's evidence is on the assessment date, and from which date."""

    years: float
    known_on: str | None  # the date the age runs from; None when nothing is dated
    undated: bool  # neither the claim nor its source has a date


def source_day(source: Source) -> str | None:
    """Return the last day of a source's publication date (its precision's end), or None."""
    if not source.date:
        return None
    return parse_time(source.date).end


def decay_factor(age_years: float, half_life_years: float | None) -> float:
    """Return 0.5 to the power of age over half-life (1.0 without a half-life)."""
    return 1.0 if half_life_years is None else float(0.5 ** (age_years / half_life_years))
