"""A brute-force composer, written from the model's definition and sharing no code with it.

It enumerates every assignment of slots to requirements, so it only serves
instances with a handful of offers; tests compare the solver's optimum to it.
A slot of P personnel takes ceil(P / p) of an offer's units of p personnel.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping

from forcevet.composition import CompositionProblem

REFUSED = {"no_disarmament_tasks": "disarmament_support", "no_combat": "combat"}


def allowed(problem: CompositionProblem, offer_index: int, requirement_index: int) -> bool:
    """Return whether the offer's units may fill the requirement at all."""
    offer = problem.offers[offer_index]
    need = problem.requirements[requirement_index]
    rules = problem.constraints
    if offer.unit_type != need.unit_type or offer.readiness < need.min_readiness:
        return False
    if any(v.country == offer.country for v in rules.vetoes):
        return False
    tasks = set(need.tasks)
    for condition in offer.conditions:
        if condition == "unsc_mandate_required" and not rules.unsc_mandate:
            return False
        if REFUSED.get(condition) in tasks:
            return False
    deadline = rules.deployment_deadline
    return not (deadline and offer.available_from and offer.available_from > deadline)


def taken(problem: CompositionProblem, offer_index: int, requirement_index: int) -> int:
    """Return the offer's units one slot of the requirement takes."""
    size = problem.offers[offer_index].personnel
    planned = problem.requirements[requirement_index].personnel
    return -(-planned // size)  # ceiling division


def pairs_and_ranges(problem: CompositionProblem) -> tuple[list[tuple[int, int]], list[range]]:
    """Return the (offer, requirement) pairs of one unit type and the slots each may fill."""
    pairs = [
        (o, r)
        for o, offer in enumerate(problem.offers)
        for r, need in enumerate(problem.requirements)
        if offer.unit_type == need.unit_type
    ]
    ranges = [
        range(
            min(problem.offers[o].count // taken(problem, o, r), problem.requirements[r].count) + 1
        )
        for o, r in pairs
    ]
    return pairs, ranges


def evaluate(
    problem: CompositionProblem,
    risk: Mapping[str, float],
    slots: Mapping[tuple[int, int], int],
    *,
    full: bool,
) -> tuple[int, int] | None:
    """Return (weighted coverage, risk in thousandths) of a valid assignment, else None."""
    rules = problem.constraints
    by_offer: dict[int, int] = defaultdict(int)
    by_need: dict[int, int] = defaultdict(int)
    personnel: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    total_risk = 0
    for (o, r), n in slots.items():
        if n and not allowed(problem, o, r):
            return None
        offer = problem.offers[o]
        units = n * taken(problem, o, r)
        by_offer[o] += units
        by_need[r] += n
        personnel[offer.country] += units * offer.personnel
        count[offer.country] += units
        total_risk += units * offer.personnel * round(risk[offer.country] * 1000)
    if any(by_offer[o] > offer.count for o, offer in enumerate(problem.offers)):
        return None
    for r, need in enumerate(problem.requirements):
        if by_need[r] > need.count or (full and by_need[r] < need.count):
            return None
    if rules.max_country_share is not None:
        planned = sum(n.count * n.personnel for n in problem.requirements)
        cap = math.floor(rules.max_country_share * planned + 1e-9)
        if any(p > cap for p in personnel.values()):
            return None
    if rules.min_contributors and sum(1 for n in count.values() if n) < rules.min_contributors:
        return None
    for region in rules.regional_balance:
        if sum(count[c] for c in region.countries) < region.min_units:
            return None
    if rules.max_total_risk is not None and total_risk > math.floor(
        rules.max_total_risk * 1000 + 1e-9
    ):
        return None
    weights = [max(1, round(n.priority * 100)) for n in problem.requirements]
    coverage = sum(weights[r] * by_need[r] for r in range(len(problem.requirements)))
    return coverage, total_risk


def best(
    problem: CompositionProblem, risk: Mapping[str, float], *, full: bool
) -> tuple[int, int] | None:
    """Return the best (weighted coverage, risk): lowest risk at full coverage if ``full``,
    otherwise the most coverage and then the lowest risk; None when nothing is valid."""
    pairs, ranges = pairs_and_ranges(problem)
    found = None
    for counts in itertools.product(*ranges):
        value = evaluate(problem, risk, dict(zip(pairs, counts, strict=True)), full=full)
        if value is not None and (found is None or (-value[0], value[1]) < (-found[0], found[1])):
            found = value
    return found
