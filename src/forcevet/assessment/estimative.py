"""ICD 203 words for probabilities, and confidence levels stated apart from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from forcevet.assessment.indicators import CandidateValues
from forcevet.assessment.rubric import Rubric

OPINION_MAJORITY = 0.5


@cache
def _table() -> dict[str, Any]:
    text = resources.files("forcevet.data").joinpath("icd203.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def likelihood_words(probability: float) -> str:
    """Return ICD 203's expression for a probability (its first row of terms only)."""
    for band in _table()["likelihood"]:
        if band["low"] <= probability < band["high"]:
            return str(band["words"])
    return "almost certain" if probability >= 1 else "almost no chance"


@dataclass(frozen=True)
class Confidence:
    """How much the assessment of one candidate rests on, and the level it earns."""

    level: str
    mean_indicator_confidence: float
    independent_sources: int
    good_sources: int
    capped_by: str | None = None  # why the level was held at "low", if it was


def confidence_level(
    rubric: Rubric,
    values: CandidateValues,
    good_clusters: Iterable[str],
    *,
    opinion_share: float = 0.0,
) -> Confidence:
    """Return the confidence level of a candidate's assessment (low, moderate, high).

    The mean indicator confidence is weighted like the score; sources are
    counted by independent origin; "good" ones are graded A or B and carry
    weight. The level is held at "low" when one opinion source supplies most
    (over half) of the candidate's evidence weight (``opinion_share``).
    """
    shares = rubric.score_shares()
    mean = sum(shares[i.id] * values.indicators[i.id].confidence for i in rubric.indicators)
    weighed = [e for v in values.indicators.values() for e in v.evidence if e.weight > 0]
    clusters = {e.cluster for e in weighed}
    good = len(clusters & set(good_clusters))
    if opinion_share > OPINION_MAJORITY:
        return Confidence(
            "low",
            mean,
            len(clusters),
            good,
            "one opinion source supplies most of the evidence weight",
        )
    for band in _table()["confidence"]:
        if (
            mean >= band["mean_indicator_confidence"]
            and len(clusters) >= band["independent_sources"]
            and good >= band["good_sources"]
        ):
            return Confidence(str(band["level"]), mean, len(clusters), good)
    return Confidence("low", mean, len(clusters), good)
