"""A greedy baseline: fill each required unit with the lowest-risk eligible unit left.

It is what a planner might do by hand, and it is what the benchmark measures
the CP-SAT optimum against: the gap shows what the solver adds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from forcevet.composition.problem import CompositionProblem, Offer, Requirement
from forcevet.composition.rules import (
    exclusions,
    find_violations,
    resolve_risk,
    share_cap_personnel,
)


@dataclass(frozen=True)
class GreedyComposition:
    """The greedy assignment, its total risk and the constraints it breaks."""

    units: dict[tuple[str, str], int]
    """Units by (offer id, requirement id)."""
    total_risk: float
    units_short: int
    violations: tuple[str, ...]
    """Every constraint broken, shortfalls included, in plain words; empty when valid."""


def compose_greedily(problem: CompositionProblem, risk: Mapping[str, float]) -> GreedyComposition:
    """Return a composition built one unit at a time, highest priority first.

    Each required unit goes to the eligible offer with the lowest risk times
    personnel, within the share cap. Regional balance and the fewest
    contributors are not sought, only checked afterwards.
    """
    risks, _ = resolve_risk(problem, risk)
    left = {o.id: o.count for o in problem.offers}
    cap = share_cap_personnel(problem)
    held: dict[str, int] = defaultdict(int)
    units: dict[tuple[str, str], int] = defaultdict(int)
    eligible = {
        r.id: [
            o
            for o in problem.offers
            if o.unit_type == r.unit_type and not exclusions(problem, o, r)
        ]
        for r in problem.requirements
    }

    def cost(offer: Offer) -> tuple[float, str]:
        return risks[offer.country] * offer.personnel, offer.id

    def order(requirement: Requirement) -> tuple[float, int, str]:
        supply = sum(left[o.id] for o in eligible[requirement.id])
        return -requirement.priority, supply, requirement.id

    short = 0
    for requirement in sorted(problem.requirements, key=order):
        for _ in range(requirement.count):
            candidates = [
                o
                for o in eligible[requirement.id]
                if left[o.id] > 0 and (cap is None or held[o.country] + o.personnel <= cap)
            ]
            if not candidates:
                short += 1
                continue
            offer = min(candidates, key=cost)
            left[offer.id] -= 1
            held[offer.country] += offer.personnel
            units[offer.id, requirement.id] += 1
    offers = {o.id: o for o in problem.offers}
    total_risk = sum(
        n * offers[offer_id].personnel * risks[offers[offer_id].country]
        for (offer_id, _), n in units.items()
    )
    violations = find_violations(problem, risks, units, full_coverage=True)
    return GreedyComposition(dict(units), total_risk, short, tuple(violations))
