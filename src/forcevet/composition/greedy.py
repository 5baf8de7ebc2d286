"""A greedy baseline: fill each required slot with the lowest-risk eligible units left.

It is what a planner might do by hand, and it is what the benchmark measures
the CP-SAT optimum against: the gap shows what the solver adds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from forcevet.composition.problem import (
    CompositionProblem,
    Offer,
    Requirement,
    require_vocabulary,
    units_per_slot,
)
from forcevet.composition.rules import (
    deployed,
    exclusions,
    find_violations,
    resolve_risk,
    share_cap_personnel,
)


@dataclass(frozen=True)
class GreedyComposition:
    """The greedy assignment, its total risk and the constraints it breaks."""

    slots: dict[tuple[str, str], int]
    """Slots filled by (offer id, requirement id)."""
    total_risk: float
    slots_short: int
    violations: tuple[str, ...]
    """Every constraint broken, shortfalls included, in plain words; empty when valid."""


def compose_greedily(problem: CompositionProblem, risk: Mapping[str, float]) -> GreedyComposition:
    """Return a composition built one slot at a time, highest priority first.

    Each required slot goes to the eligible offer whose units for it (one, or
    ceil(P / p) smaller ones) carry the lowest risk times personnel, within the
    share cap. Regional balance and the fewest contributors are not sought,
    only checked afterwards.
    """
    require_vocabulary(problem)
    risks, _ = resolve_risk(problem, risk)
    left = {o.id: o.count for o in problem.offers}
    cap = share_cap_personnel(problem)
    held: dict[str, int] = defaultdict(int)
    slots: dict[tuple[str, str], int] = defaultdict(int)
    eligible = {
        r.id: [
            o
            for o in problem.offers
            if o.unit_type == r.unit_type and not exclusions(problem, o, r)
        ]
        for r in problem.requirements
    }

    def order(requirement: Requirement) -> tuple[float, int, str]:
        supply = sum(left[o.id] for o in eligible[requirement.id])
        return -requirement.priority, supply, requirement.id

    short = 0
    for requirement in sorted(problem.requirements, key=order):

        def cost(offer: Offer, need: Requirement = requirement) -> tuple[float, str]:
            units = units_per_slot(offer, need)
            return risks[offer.country] * offer.personnel * units, offer.id

        for _ in range(requirement.count):
            candidates = []
            for o in eligible[requirement.id]:
                units = units_per_slot(o, requirement)
                people = units * o.personnel
                if left[o.id] >= units and (cap is None or held[o.country] + people <= cap):
                    candidates.append(o)
            if not candidates:
                short += 1
                continue
            offer = min(candidates, key=cost)
            units = units_per_slot(offer, requirement)
            left[offer.id] -= units
            held[offer.country] += units * offer.personnel
            slots[offer.id, requirement.id] += 1
    country = {o.id: o.country for o in problem.offers}
    total_risk = sum(
        personnel * risks[country[offer_id]]
        for (offer_id, _), (_, personnel) in deployed(problem, slots).items()
    )
    violations = find_violations(problem, risks, slots, full_coverage=True)
    return GreedyComposition(dict(slots), total_risk, short, tuple(violations))
