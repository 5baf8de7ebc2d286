"""The solver's optimum against brute force, and what a result carries."""

from __future__ import annotations

import random

import pytest

from forcevet.composition import (
    DEFAULT_RISK,
    Objective,
    SolveStatus,
    compose_greedily,
    find_violations,
    solve_composition,
)
from forcevet.composition.rules import resolve_risk
from tests.composition.brute import best
from tests.composition.factories import gaza_problem, offer, problem, requirement
from tests.composition.instances import random_instance

SEEDS = range(60)


def scaled_risk(result_risk: float) -> int:
    return round(result_risk * 1000)


def test_the_random_instances_are_both_feasible_and_infeasible() -> None:
    feasible = 0
    for seed in SEEDS:
        instance, risk = random_instance(random.Random(seed))
        feasible += best(instance, resolve_risk(instance, risk)[0], full=True) is not None
    assert 10 <= feasible <= len(SEEDS) - 10


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lowest_risk_at_full_coverage_matches_brute_force(seed: int) -> None:
    instance, risk = random_instance(random.Random(seed))
    resolved, _ = resolve_risk(instance, risk)
    expected = best(instance, resolved, full=True)
    result = solve_composition(instance, risk, Objective.MIN_RISK)
    if expected is None:
        assert result.status is SolveStatus.INFEASIBLE
        assert result.infeasibility is not None and result.infeasibility.explanation
        return
    assert result.status is SolveStatus.OPTIMAL
    assert scaled_risk(result.total_risk) == expected[1]
    assert result.weighted_coverage == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_the_most_coverage_then_lowest_risk_matches_brute_force(seed: int) -> None:
    instance, risk = random_instance(random.Random(seed))
    resolved, _ = resolve_risk(instance, risk)
    expected = best(instance, resolved, full=False)
    result = solve_composition(instance, risk, Objective.MAX_COVERAGE)
    if expected is None:
        assert result.status is SolveStatus.INFEASIBLE
        return
    full = sum(max(1, round(r.priority * 100)) * r.count for r in instance.requirements)
    assert result.status is SolveStatus.OPTIMAL
    assert round(result.weighted_coverage * full) == expected[0]
    assert scaled_risk(result.total_risk) == expected[1]


def test_the_solver_takes_the_lower_risk_country_and_reports_the_figures() -> None:
    need = requirement("engineer_company", count=2, personnel=200, illustrative=True)
    offers = [
        offer("PAK", "engineer_company", count=2, personnel=200),
        offer("MAR", "engineer_company", count=1, personnel=200, illustrative=True),
        offer("KAZ", "engineer_company", count=1, personnel=200),
    ]
    result = solve_composition(problem([need], offers), {"PAK": 0.7, "MAR": 0.2})
    assert result.proven_optimal and result.gap == 0.0
    assert {a.country: a.units for a in result.assignments} == {"MAR": 1, "KAZ": 1}
    assert result.unassessed == ("KAZ",)  # counted at the default
    kaz = next(c for c in result.contributions if c.country == "KAZ")
    assert kaz.risk == DEFAULT_RISK and not kaz.assessed
    assert result.total_risk == pytest.approx(0.2 * 200 + DEFAULT_RISK * 200)
    assert result.total_personnel == result.planned_personnel == 400
    assert all(a.illustrative for a in result.assignments)  # the requirement is illustrative
    assert result.illustrative["offers"] == [offers[1].id]


def test_a_refused_task_and_a_veto_keep_units_away() -> None:
    disarm = requirement(count=1, tasks=["disarmament_support"], id="disarm")
    patrol = requirement(count=1, id="patrol")
    offers = [
        offer("PAK", count=2, conditions=["no_disarmament_tasks"]),
        offer("TUR", count=2),
        offer("MAR", count=1),
    ]
    instance = problem([disarm, patrol], offers, vetoes=[{"party": "ISR", "country": "TUR"}])
    result = solve_composition(instance, {"PAK": 0.1, "TUR": 0.0, "MAR": 0.9})
    placed = {a.requirement_id: a.country for a in result.assignments}
    assert placed == {"disarm": "MAR", "patrol": "PAK"}


def test_max_coverage_fills_the_higher_priority_first() -> None:
    low = requirement(count=1, priority=1, id="low")
    high = requirement(count=1, priority=3, id="high")
    result = solve_composition(problem([low, high], [offer("MAR")]), {}, Objective.MAX_COVERAGE)
    assert [a.requirement_id for a in result.assignments] == ["high"]
    assert [(s.requirement_id, s.slots) for s in result.shortfalls] == [("low", 1)]
    assert result.weighted_coverage == pytest.approx(0.75)


def test_a_risk_outside_0_1_is_an_input_error() -> None:
    from forcevet.errors import InputError

    with pytest.raises(InputError, match="risk.PAK: expected a risk between 0 and 1"):
        solve_composition(problem([requirement()], [offer("PAK")]), {"PAK": 2.0})


def test_the_bundled_scenario_composes_without_breaking_a_rule() -> None:
    instance = gaza_problem()
    risk = {"IDN": 0.35, "PAK": 0.7, "MAR": 0.25, "KAZ": 0.2}
    result = solve_composition(instance, risk)
    assert result.proven_optimal and result.weighted_coverage == 1.0 and result.coverage == 1.0
    slots = {(a.offer_id, a.requirement_id): a.slots for a in result.assignments}
    resolved, _ = resolve_risk(instance, risk)
    assert find_violations(instance, resolved, slots, full_coverage=True) == []
    assert result.total_personnel >= result.covered_personnel == result.planned_personnel
    assert "TUR" not in {a.country for a in result.assignments}
    assert set(result.unassessed) == {"ALB", "AZE", "EGY", "JOR", "TUR", "XKX"}


@pytest.mark.parametrize("seed", SEEDS)
def test_a_valid_greedy_composition_is_never_better_than_the_optimum(seed: int) -> None:
    instance, risk = random_instance(random.Random(seed))
    greedy = compose_greedily(instance, risk)
    optimum = solve_composition(instance, risk, explain=False)
    if not greedy.violations:
        assert optimum.status is SolveStatus.OPTIMAL
        assert scaled_risk(optimum.total_risk) <= scaled_risk(greedy.total_risk)
