"""The risk-versus-coverage frontier: non-dominated points, checked against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from forcevet.composition import (
    find_violations,
    solve_composition,
    trace_frontier,
)
from forcevet.composition.rules import resolve_risk
from tests.composition.brute import evaluate, pairs_and_ranges
from tests.composition.factories import gaza_problem, offer, problem, requirement
from tests.composition.instances import random_instance

RISK = {"IDN": 0.35, "PAK": 0.7, "AZE": 0.45, "MAR": 0.25, "KAZ": 0.2, "ALB": 0.15}


def test_the_bundled_frontier_runs_from_full_coverage_down_to_the_lowest_risk() -> None:
    instance = gaza_problem()
    frontier = trace_frontier(instance, RISK, points=8)
    points = frontier.points
    assert 2 <= len(points) <= 8 and frontier.proven
    assert points[0].composition.weighted_coverage == 1.0
    optimum = solve_composition(instance, RISK)
    assert points[0].composition.total_risk == pytest.approx(optimum.total_risk)
    for higher, lower in itertools.pairwise(points):
        assert lower.composition.total_risk < higher.composition.total_risk
        assert lower.composition.weighted_coverage < higher.composition.weighted_coverage
    resolved, _ = resolve_risk(instance, RISK)
    for point in points:
        slots = {(a.offer_id, a.requirement_id): a.slots for a in point.composition.assignments}
        assert find_violations(instance, resolved, slots, full_coverage=False) == []


@pytest.mark.parametrize("seed", range(15))
def test_no_enumerated_composition_beats_a_frontier_point(seed: int) -> None:
    instance, risk = random_instance(random.Random(seed))
    instance = problem(
        list(instance.requirements),
        list(instance.offers),
        **instance.constraints.model_dump(exclude={"max_total_risk"}),
    )
    resolved, _ = resolve_risk(instance, risk)
    frontier = trace_frontier(instance, risk, points=6)
    pairs, ranges = pairs_and_ranges(instance)
    valid = [
        value
        for counts in itertools.product(*ranges)
        if (
            value := evaluate(instance, resolved, dict(zip(pairs, counts, strict=True)), full=False)
        )
    ]
    if not valid:
        assert not frontier.points and frontier.infeasibility is not None
        return
    full = sum(max(1, round(r.priority * 100)) * r.count for r in instance.requirements)
    assert frontier.points
    for point in frontier.points:
        coverage = round(point.composition.weighted_coverage * full)
        risk_found = round(point.composition.total_risk * 1000)
        assert not any(
            (c >= coverage and r < risk_found) or (c > coverage and r <= risk_found)
            for c, r in valid
        )
    assert round(frontier.points[0].composition.weighted_coverage * full) == max(
        c for c, _ in valid
    )


def test_points_above_the_risk_ceiling_are_marked() -> None:
    instance = problem(
        [requirement(count=2, priority=2), requirement(count=1)],
        [offer("PAK", count=3), offer("MAR")],
        max_total_risk=100,
    )
    frontier = trace_frontier(instance, {"PAK": 0.7, "MAR": 0.2}, points=4)
    flags = [(round(p.composition.total_risk), p.within_ceiling) for p in frontier.points]
    assert flags[0] == (160, False) and flags[-1][1]
    assert all(within == (risk <= 100) for risk, within in flags)
