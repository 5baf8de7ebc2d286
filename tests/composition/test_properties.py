"""Hypothesis: over random instances, conditions, vetoes and every other rule always hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcevet.composition import (
    CompositionProblem,
    Objective,
    SolveStatus,
    find_violations,
    solve_composition,
)
from forcevet.composition.rules import resolve_risk
from tests.composition.factories import offer, problem, requirement

COUNTRIES = ["IDN", "PAK", "MAR", "KAZ", "TUR", "ALB", "AZE"]
UNIT_TYPES = ["infantry_battalion", "engineer_company", "level2_hospital"]
REFUSES = {"no_disarmament_tasks": "disarmament_support", "no_combat": "combat"}
CONDITIONS = [*REFUSES, "unsc_mandate_required"]


@st.composite
def instances(draw: st.DrawFn) -> tuple[CompositionProblem, dict[str, float]]:
    countries = draw(st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=5, unique=True))
    requirements = [
        requirement(
            draw(st.sampled_from(UNIT_TYPES)),
            count=draw(st.integers(1, 3)),
            personnel=draw(st.sampled_from([50, 100, 200])),
            min_readiness=draw(st.integers(1, 3)),
            tasks=draw(st.lists(st.sampled_from(["disarmament_support", "combat"]), unique=True)),
            priority=draw(st.sampled_from([1, 2, 3])),
        )
        for _ in range(draw(st.integers(1, 4)))
    ]
    offers = [
        offer(
            draw(st.sampled_from(countries)),
            draw(st.sampled_from([r.unit_type for r in requirements])),
            count=draw(st.integers(1, 3)),
            personnel=draw(st.sampled_from([50, 100, 200])),
            readiness=draw(st.integers(1, 3)),
            available_from=dt.date(2026, draw(st.integers(1, 12)), 1),
            conditions=draw(st.lists(st.sampled_from(CONDITIONS), unique=True, max_size=2)),
        )
        for _ in range(draw(st.integers(1, 8)))
    ]
    constraints: dict[str, Any] = {
        "unsc_mandate": draw(st.booleans()),
        "vetoes": [
            {"party": "ISR", "country": c}
            for c in draw(st.lists(st.sampled_from(countries), max_size=2, unique=True))
        ],
        "max_country_share": draw(st.none() | st.sampled_from([0.3, 0.5, 0.8])),
        "min_contributors": draw(st.none() | st.integers(1, 3)),
        "max_total_risk": draw(st.none() | st.sampled_from([100, 300, 1000])),
        "deployment_deadline": draw(st.none() | st.just(dt.date(2026, 6, 30))),
    }
    risk = {c: draw(st.floats(0, 1)) for c in countries if draw(st.booleans())}
    return problem(requirements, offers, **constraints), risk


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.sampled_from(list(Objective)))
def test_conditions_and_vetoes_are_never_violated(
    drawn: tuple[CompositionProblem, dict[str, float]], objective: Objective
) -> None:
    instance, risk = drawn
    result = solve_composition(instance, risk, objective)
    if result.status is SolveStatus.INFEASIBLE:
        assert result.infeasibility is not None and result.infeasibility.keys
        return
    offers = {o.id: o for o in instance.offers}
    requirements = {r.id: r for r in instance.requirements}
    vetoed = {v.country for v in instance.constraints.vetoes}
    for assignment in result.assignments:
        unit, need = offers[assignment.offer_id], requirements[assignment.requirement_id]
        assert unit.country not in vetoed
        assert not {REFUSES.get(c) for c in unit.conditions} & set(need.tasks)
        if "unsc_mandate_required" in unit.conditions:
            assert instance.constraints.unsc_mandate
        assert unit.readiness >= need.min_readiness
        # People, not only units: the units used hold at least the slots' planned personnel,
        # and one fewer unit would not.
        assert assignment.personnel == assignment.units * unit.personnel
        assert assignment.personnel >= assignment.slots * need.personnel
        per_slot = assignment.units // assignment.slots
        assert assignment.units == per_slot * assignment.slots
        assert (per_slot - 1) * unit.personnel < need.personnel
    slots = {(a.offer_id, a.requirement_id): a.slots for a in result.assignments}
    resolved, _ = resolve_risk(instance, risk)
    full = objective is Objective.MIN_RISK
    assert find_violations(instance, resolved, slots, full_coverage=full) == []
    assert result.total_personnel == sum(c.personnel for c in result.contributions)
    planned = {r.id: r.personnel for r in instance.requirements}
    covered = sum(a.slots * planned[a.requirement_id] for a in result.assignments)
    assert result.covered_personnel == covered <= result.total_personnel
    assert result.coverage == covered / result.planned_personnel
