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


def confidence_level(
    rubric: Rubric, values: CandidateValues, good_clusters: Iterable[str]
) -> Confidence:
    """Return the confidence level of a candidate's assessment (low, moderate, high).

    The mean indicator confidence is weighted like the score; sources are
    counted by publisher; "good" ones are graded A or B.
    """
    total = sum(c.weight for c in rubric.criteria)
    mean = 0.0
    for criterion in rubric.criteria:
        share = criterion.weight / total / sum(i.weight for i in criterion.indicators)
        mean += sum(
            share * i.weight * values.indicators[i.id].confidence for i in criterion.indicators
        )
    clusters = {e.cluster for v in values.indicators.values() for e in v.evidence}
    good = len(clusters & set(good_clusters))
    for band in _table()["confidence"]:
        if (
            mean >= band["mean_indicator_confidence"]
            and len(clusters) >= band["independent_sources"]
            and good >= band["good_sources"]
        ):
            return Confidence(str(band["level"]), mean, len(clusters), good)
    return Confidence("low", mean, len(clusters), good)
