"""Analysis of competing hypotheses (Heuer, *Psychology of Intelligence Analysis*, ch. 8).

Each piece of evidence about a candidate is rated against every hypothesis by
the rubric (its indicator's consistency row, mirrored for evidence against the
risk). A hypothesis is judged by how much evidence is inconsistent with it:
Heuer's weighted inconsistency score sums, over the evidence, the claim's
weight times 1 for I and 2 for II. The least inconsistent hypothesis is the
strongest (ties go to the one the evidence is more consistent with); the most
diagnostic evidence is the one whose ratings differ most across hypotheses,
times its weight.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.rubric import Rating, Rubric


@dataclass(frozen=True)
class AchRow:
    """One piece of evidence and its rating against each hypothesis."""

    evidence: Evidence
    ratings: dict[str, Rating]

    @property
    def diagnosticity(self) -> float:
        """Return the spread of the ratings across hypotheses, times the claim's weight."""
        scores = [r.score for r in self.ratings.values()]
        return self.evidence.weight * (max(scores) - min(scores))


@dataclass(frozen=True)
class AchResult:
    """The evidence-by-hypothesis matrix of one candidate and its scores."""

    candidate: str
    hypotheses: dict[str, str]
    rows: list[AchRow]
    inconsistency: dict[str, float]
    consistency: dict[str, float]

    @property
    def ranking(self) -> list[str]:
        """Return hypothesis ids from least to most inconsistent; ties go to the more
        consistent, then to the rubric's order."""
        order = list(self.hypotheses)
        return sorted(
            order,
            key=lambda h: (
                round(self.inconsistency[h], 9),
                -round(self.consistency[h], 9),
                order.index(h),
            ),
        )

    def most_diagnostic(self, count: int = 5) -> list[AchRow]:
        """Return the evidence that best tells the hypotheses apart, strongest first."""
        useful = [r for r in self.rows if r.diagnosticity > 0]
        return sorted(useful, key=lambda r: (-r.diagnosticity, r.evidence.claim_id))[:count]


def analyse_hypotheses(rubric: Rubric, candidate: str, evidence: Iterable[Evidence]) -> AchResult:
    """Return the analysis of competing hypotheses for one candidate."""
    rows_by_indicator = {i.id: i.consistency for i in rubric.indicators}
    rows = []
    for item in sorted(
        (e for e in evidence if e.candidate == candidate), key=lambda e: (e.indicator, e.claim_id)
    ):
        row = rows_by_indicator[item.indicator]
        rows.append(AchRow(item, {h: r if item.risk else r.mirrored() for h, r in row.items()}))
    inconsistency = {
        h.id: sum(r.evidence.weight * max(0, -r.ratings[h.id].score) for r in rows)
        for h in rubric.hypotheses
    }
    consistency = {
        h.id: sum(r.evidence.weight * max(0, r.ratings[h.id].score) for r in rows)
        for h in rubric.hypotheses
    }
    return AchResult(
        candidate, {h.id: h.label for h in rubric.hypotheses}, rows, inconsistency, consistency
    )
