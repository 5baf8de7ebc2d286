"""The sensitivity step: its per-claim scores equal a full re-score, to the bit."""

from __future__ import annotations

import random

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.indicators import candidate_values
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.sensitivity import _Scores, neighbour_swaps


def random_evidence(rubric: Rubric, seed: int, candidates: tuple[str, ...]) -> list[Evidence]:
    chance = random.Random(seed)
    indicators = [i.id for i in rubric.indicators]
    items = []
    for _ in range(120):
        claim = f"clm-{chance.randrange(60)}"  # claims shared by candidates and indicators
        items.append(
            Evidence(
                candidate=chance.choice(candidates),
                indicator=chance.choice(indicators),
                claim_id=claim,
                revision=1,
                source_id=f"src-{chance.randrange(8)}",
                cluster=f"src-{chance.randrange(8)}",
                risk=chance.random() < 0.5,
                weight=chance.uniform(0.05, 1.0),
                undated=chance.random() < 0.1,
                scale=chance.choice((1.0, 1.0, 0.5)),
            )
        )
    return items


def test_a_score_without_one_claim_equals_a_full_re_score(small_rubric: Rubric) -> None:
    candidates = ("AAA", "BBB", "CCC")
    for seed in range(5):
        evidence = random_evidence(small_rubric, seed, candidates)
        for candidate in candidates:
            values = candidate_values(small_rubric, candidate, evidence)
            scores = _Scores(small_rubric, values, evidence)
            for claim in {e.claim_id for e in evidence} | {"clm-none"}:
                rest = [e for e in evidence if e.claim_id != claim]
                assert (
                    scores.without(claim) == candidate_values(small_rubric, candidate, rest).score
                )


def test_swaps_are_those_of_full_re_scores(small_rubric: Rubric) -> None:
    candidates = ("AAA", "BBB", "CCC")
    evidence = random_evidence(small_rubric, 7, candidates)
    ranked = sorted(candidates, key=lambda c: candidate_values(small_rubric, c, evidence).score)
    for swap in neighbour_swaps(small_rubric, ranked, evidence):
        swapping = 0
        for claim in sorted(
            {e.claim_id for e in evidence if e.candidate in (swap.lower, swap.higher)}
        ):
            rest = [e for e in evidence if e.claim_id != claim]
            gap = (
                candidate_values(small_rubric, swap.higher, rest).score
                - candidate_values(small_rubric, swap.lower, rest).score
            )
            swapping += gap < 0
        assert swap.claims_that_swap == swapping
