"""Indicator values: a Beta posterior over "the risk condition holds", from weighted evidence.

Each independent source (publisher) counts once per side: its strongest claim
pointing to risk adds its weight to ``risk``, its strongest claim against adds
to ``against``. With the indicator's prior mean m and the rubric's prior
strength k, the value is the posterior mean of Beta(k*m + risk, k*(1-m) +
against).

Confidence is |risk - against| / (risk + against + k): the evidence's weight
against the prior's, times how one-sided it is. It is 0 without evidence or
when the evidence is evenly split; a further independent source on the side
with more evidence always raises it (the numerator and denominator grow by the
same amount, and the numerator is the smaller), and one on the other side
lowers it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.rubric import Indicator, Rubric


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value for one candidate, with its confidence and the evidence behind it.

    ``no_evidence`` is its own outcome: the value is then the rubric's prior and
    the confidence zero, and reports print "no evidence", never a number.
    """

    indicator: str
    value: float
    confidence: float
    risk: float
    against: float
    independent_sources: int
    evidence: tuple[Evidence, ...]

    @property
    def no_evidence(self) -> bool:
        """Return whether no claim answers the indicator."""
        return not self.evidence


def side_totals(evidence: Iterable[Evidence]) -> tuple[float, float, dict[tuple[str, bool], float]]:
    """Return (risk, against, strongest weight per (source, side)): one vote per source and side."""
    strongest: dict[tuple[str, bool], float] = defaultdict(float)
    for item in evidence:
        key = (item.cluster, item.risk)
        strongest[key] = max(strongest[key], item.weight)
    risk = sum(w for (_, is_risk), w in strongest.items() if is_risk)
    against = sum(w for (_, is_risk), w in strongest.items() if not is_risk)
    return risk, against, strongest


def indicator_value(
    indicator: Indicator, evidence: Iterable[Evidence], *, prior_strength: float
) -> IndicatorValue:
    """Return the value of one indicator for one candidate from its evidence."""
    items = tuple(evidence)
    risk, against, strongest = side_totals(items)
    a0 = prior_strength * indicator.prior
    b0 = prior_strength * (1 - indicator.prior)
    a, b = a0 + risk, b0 + against
    return IndicatorValue(
        indicator=indicator.id,
        value=a / (a + b),
        confidence=abs(risk - against) / (risk + against + prior_strength),
        risk=risk,
        against=against,
        independent_sources=len({cluster for cluster, _ in strongest}),
        evidence=items,
    )


@dataclass(frozen=True)
class CandidateValues:
    """Every indicator value of one candidate, and its point scores."""

    candidate: str
    indicators: dict[str, IndicatorValue]
    criteria: dict[str, float]
    score: float


def candidate_values(
    rubric: Rubric, candidate: str, evidence: Iterable[Evidence]
) -> CandidateValues:
    """Return a candidate's indicator values and its criterion and overall point scores.

    A criterion's score is the weighted mean of its indicators; the overall score
    the weighted mean of the criteria, with the rubric's nominal weights. A caveat
    (unless the rubric counts caveats as risk) has its value but no weight in the
    score; a criterion of caveats only is left out of the overall score.
    """
    by_indicator: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        if item.candidate == candidate:
            by_indicator[item.indicator].append(item)
    values = {
        i.id: indicator_value(i, by_indicator[i.id], prior_strength=rubric.prior_strength)
        for i in rubric.indicators
    }
    criteria: dict[str, float] = {}
    for c in rubric.criteria:
        inner = sum(rubric.score_weight(i) for i in c.indicators)
        weights = [rubric.score_weight(i) if inner else i.weight for i in c.indicators]
        criteria[c.id] = sum(
            w * values[i.id].value for w, i in zip(weights, c.indicators, strict=True)
        ) / sum(weights)
    shares = rubric.score_shares()
    score = sum(shares[i.id] * values[i.id].value for i in rubric.indicators)
    return CandidateValues(candidate, values, criteria, score)


def all_candidate_values(
    rubric: Rubric, candidates: Iterable[str], evidence: Iterable[Evidence]
) -> dict[str, CandidateValues]:
    """Return every candidate's values, sorting the evidence by candidate once."""
    by_candidate: dict[str, list[Evidence]] = {c: [] for c in candidates}
    for item in evidence:
        if item.candidate in by_candidate:
            by_candidate[item.candidate].append(item)
    return {c: candidate_values(rubric, c, items) for c, items in by_candidate.items()}
