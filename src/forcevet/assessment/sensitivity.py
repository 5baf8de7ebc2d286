"""What would change a ranking: for neighbouring candidates, the single claim or weight
that would swap them.

Works on point scores (nominal weights, expected evidence), which move the same
way as the SMAA means and cost microseconds to recompute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.indicators import CandidateValues, candidate_values, indicator_value
from forcevet.assessment.rubric import Rubric


@dataclass(frozen=True)
class Swap:
    """Two neighbours in the ranking and what would swap them."""

    lower: str
    higher: str
    gap: float
    claim_id: str | None
    claim_effect: float
    claims_that_swap: int
    criterion: str | None
    criterion_weight_from: float | None
    criterion_weight_to: float | None


def _weight_that_swaps(
    rubric: Rubric, lower: CandidateValues, higher: CandidateValues
) -> tuple[str, float, float] | None:
    """Return the criterion whose weight alone, changed least, would make the scores equal."""
    diffs = {c.id: higher.criteria[c.id] - lower.criteria[c.id] for c in rubric.criteria}
    best: tuple[str, float, float] | None = None
    for criterion in rubric.criteria:
        d_k = diffs[criterion.id]
        rest = sum(c.weight * diffs[c.id] for c in rubric.criteria if c.id != criterion.id)
        if d_k == 0:
            continue
        target = -rest / d_k  # the weight at which the two scores are equal
        if target < 0:
            continue
        change = abs(target - criterion.weight)
        if best is None or change < abs(best[2] - best[1]):
            best = (criterion.id, criterion.weight, target)
    return best


class _Scores:
    """One candidate's point score, and its score without any one claim.

    Leaving a claim out changes only the indicators it answers, so only those are
    valued again (a re-score of the whole candidate per claim made this grow with
    the square of a candidate's claims: 54 s for 5,000 claims). The score is summed
    in the same order as ``candidate_values``, so it is the same number to the bit.
    """

    def __init__(self, rubric: Rubric, values: CandidateValues, items: Sequence[Evidence]):
        self.rubric, self.values = rubric, values
        self.shares = rubric.score_shares()
        self.by_indicator: dict[str, list[Evidence]] = defaultdict(list)
        self.indicators_of: dict[str, set[str]] = defaultdict(set)
        for item in items:
            if item.candidate == values.candidate:
                self.by_indicator[item.indicator].append(item)
                self.indicators_of[item.claim_id].add(item.indicator)

    def without(self, claim_id: str) -> float:
        touched = self.indicators_of.get(claim_id)
        if not touched:
            return self.values.score
        changed = {
            i.id: indicator_value(
                i,
                [e for e in self.by_indicator[i.id] if e.claim_id != claim_id],
                prior_strength=self.rubric.prior_strength,
            ).value
            for i in self.rubric.indicators
            if i.id in touched
        }
        return sum(
            self.shares[i.id] * changed.get(i.id, self.values.indicators[i.id].value)
            for i in self.rubric.indicators
        )


def neighbour_swaps(
    rubric: Rubric, ranked: Sequence[str], evidence: Sequence[Evidence]
) -> list[Swap]:
    """Return, for each pair of neighbours in ``ranked`` (lowest risk first), what swaps them.

    The claim reported is the one whose removal moves the pair furthest past
    each other; the weight is the single criterion weight that would tie them,
    changed the least.
    """
    by_candidate: dict[str, list[Evidence]] = {c: [] for c in ranked}
    for item in evidence:
        if item.candidate in by_candidate:
            by_candidate[item.candidate].append(item)
    values = {c: candidate_values(rubric, c, by_candidate[c]) for c in ranked}
    scores = {c: _Scores(rubric, values[c], by_candidate[c]) for c in ranked}
    swaps = []
    for lower, higher in zip(ranked, ranked[1:], strict=False):
        gap = values[higher].score - values[lower].score
        best_claim, best_effect, swapping = None, 0.0, 0
        claims = sorted({e.claim_id for e in by_candidate[lower] + by_candidate[higher]})
        for claim_id in claims:
            new_gap = scores[higher].without(claim_id) - scores[lower].without(claim_id)
            if new_gap < 0:
                swapping += 1
                if gap - new_gap > best_effect:
                    best_claim, best_effect = claim_id, gap - new_gap
        weight = _weight_that_swaps(rubric, values[lower], values[higher])
        swaps.append(
            Swap(
                lower,
                higher,
                gap,
                best_claim,
                best_effect,
                swapping,
                weight[0] if weight else None,
                weight[1] if weight else None,
                weight[2] if weight else None,
            )
        )
    return swaps
