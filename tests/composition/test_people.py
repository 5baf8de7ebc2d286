"""Coverage in people: a slot of P personnel takes one unit of at least P, or ceil(P / p)
smaller units of one offer combined; the solver, the checks, the baseline and the
outputs agree on it."""

from __future__ import annotations

import pytest

from forcevet.composition import (
    Objective,
    SolveStatus,
    compose_greedily,
    find_violations,
    solve_composition,
    units_per_slot,
)
from forcevet.reports.composition import composition_record, composition_rows
from tests.composition.factories import offer, problem, requirement


def test_units_per_slot_rounds_up() -> None:
    need = requirement(personnel=160)
    assert units_per_slot(offer("MAR", personnel=160), need) == 1
    assert units_per_slot(offer("MAR", personnel=800), need) == 1
    assert units_per_slot(offer("MAR", personnel=50), need) == 4
    assert units_per_slot(offer("MAR", personnel=80), need) == 2


def test_a_small_unit_never_fills_a_bigger_slot_alone() -> None:
    instance = problem(
        [requirement("formed_police_unit", personnel=160)],
        [offer("MAR", "formed_police_unit", personnel=50, count=3)],
    )
    result = solve_composition(instance, {})
    assert result.status is SolveStatus.INFEASIBLE
    assert result.infeasibility is not None
    assert result.infeasibility.explanation == (
        "The offers alone leave formed police units short by 1. Too small to fill a slot, "
        "even combined: MAR's 3 formed police units of 50 (a slot of 160 takes 4)."
    )
    partial = solve_composition(instance, {}, Objective.MAX_COVERAGE)
    assert partial.assignments == () and partial.slots_short == 1 and partial.coverage == 0.0
    assert find_violations(instance, {"MAR": 0.5}, {}, full_coverage=True) == [
        f"{instance.requirements[0].id} has 0 slots filled of 1"
    ]


def test_smaller_units_of_one_offer_combine_to_fill_a_slot() -> None:
    need = requirement("formed_police_unit", personnel=160, count=2, id="fpu")
    small = offer("MAR", "formed_police_unit", personnel=50, count=9, id="mar")
    result = solve_composition(problem([need], [small]), {"MAR": 0.2}, Objective.MAX_COVERAGE)
    # Nine units of 50 fill two slots of 160 (four each); the ninth is left over.
    [assignment] = result.assignments
    assert (assignment.units, assignment.slots) == (8, 2)
    assert (assignment.personnel, assignment.planned_personnel) == (400, 320)
    assert result.total_risk == pytest.approx(0.2 * 400)
    assert result.coverage == 1.0 and result.covered_personnel == result.planned_personnel == 320


def test_units_of_two_offers_are_not_combined_in_one_slot() -> None:
    need = requirement("formed_police_unit", personnel=160)
    offers = [
        offer("MAR", "formed_police_unit", personnel=100),
        offer("KAZ", "formed_police_unit", personnel=100),
    ]
    assert solve_composition(problem([need], offers), {}).status is SolveStatus.INFEASIBLE


def test_the_units_used_count_against_the_share_cap_and_the_offer() -> None:
    needs = [requirement(personnel=200, count=2, id="big")]
    offers = [offer("MAR", personnel=120, count=4), offer("KAZ", personnel=200, count=2)]
    # MAR's two slots would deploy 480 of 400 planned: over a cap of 60% (240).
    instance = problem(needs, offers, max_country_share=0.6)
    result = solve_composition(instance, {"MAR": 0.0, "KAZ": 0.9})
    assert {a.country: (a.units, a.slots) for a in result.assignments} == {
        "MAR": (2, 1),
        "KAZ": (1, 1),
    }
    assert find_violations(
        instance, {"MAR": 0.0, "KAZ": 0.9}, {(offers[0].id, "big"): 2}, full_coverage=True
    ) == ["MAR provides 480 personnel, above the cap of 240"]
    too_many = problem(needs, [offer("MAR", personnel=120, count=3, id="m3")])
    assert "m3 gives 4 units of 3 offered" in find_violations(
        too_many, {"MAR": 0.1}, {("m3", "big"): 2}, full_coverage=True
    )


def test_the_greedy_baseline_combines_units_as_the_solver_does() -> None:
    need = requirement("formed_police_unit", personnel=160, count=2, id="fpu")
    offers = [
        offer("MAR", "formed_police_unit", personnel=50, count=4, id="mar"),
        offer("KAZ", "formed_police_unit", personnel=160, count=1, id="kaz"),
    ]
    instance = problem([need], offers)
    greedy = compose_greedily(instance, {"MAR": 0.1, "KAZ": 0.5})
    assert greedy.violations == () and greedy.slots == {("kaz", "fpu"): 1, ("mar", "fpu"): 1}
    optimum = solve_composition(instance, {"MAR": 0.1, "KAZ": 0.5})
    assert (
        optimum.total_risk
        == pytest.approx(greedy.total_risk)
        == pytest.approx(0.1 * 200 + 0.5 * 160)
    )


def test_the_rows_and_the_record_agree_on_units_slots_and_people() -> None:
    instance = problem(
        [
            requirement("formed_police_unit", personnel=160, count=2, id="fpu"),
            requirement("engineer_company", personnel=200, count=2, id="eng"),
        ],
        [
            offer("MAR", "formed_police_unit", personnel=50, count=8),
            offer("KAZ", "engineer_company", personnel=250, count=1),
        ],
    )
    result = solve_composition(instance, {}, Objective.MAX_COVERAGE)
    rows = composition_rows(result)
    record = composition_record(result, {"file": "risk.yaml"})
    assert record["risks_from"] == {"file": "risk.yaml"}
    assert sum(r.personnel for r in rows) == record["total_personnel"] == 400 + 250
    assert sum(r.units for r in rows) == record["units_used"] == 9
    assert sum(r.slots for r in rows) == record["slots_filled"] == 3
    assert sum(r.planned_personnel for r in rows) == record["covered_personnel"] == 520
    assert record["planned_personnel"] == 720 and record["slots_short"] == 1
    assert record["coverage"] == round(520 / 720, 4)
    assert record["shortfalls"] == [
        {
            "requirement": "eng",
            "sector": "S",
            "unit_type": "engineer_company",
            "slots": 1,
            "personnel": 200,
            "priority": 1.0,
        }
    ]
