"""What would change a ranking: for neighbouring candidates, the single claim or weight
that would swap them.

Works on point scores (nominal weights, expected evidence), which move the same
way as the SMAA means and cost microseconds to recompute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.indicators import CandidateValues, candidate_values
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
    swaps = []
    for lower, higher in zip(ranked, ranked[1:], strict=False):
        gap = values[higher].score - values[lower].score
        best_claim, best_effect, swapping = None, 0.0, 0
        claims = sorted({e.claim_id for e in by_candidate[lower] + by_candidate[higher]})
        for claim_id in claims:
            low = candidate_values(
                rubric, lower, [e for e in by_candidate[lower] if e.claim_id != claim_id]
            )
            high = candidate_values(
                rubric, higher, [e for e in by_candidate[higher] if e.claim_id != claim_id]
            )
            new_gap = high.score - low.score
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
