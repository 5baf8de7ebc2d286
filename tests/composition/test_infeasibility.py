"""Infeasible requests: the minimal set of constraints to blame, in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from forcevet.composition import CompositionProblem, Objective, SolveStatus, solve_composition
from tests.composition.factories import offer, problem, requirement

ISR_ON_TUR = [{"party": "ISR", "country": "TUR"}]

CASES: list[dict[str, Any]] = [
    {
        "name": "a veto and a cap",
        "problem": problem(
            [
                requirement("engineer_company", count=4, personnel=200),
                requirement("infantry_battalion", count=2, personnel=500),
            ],
            [
                offer("TUR", "engineer_company", count=2, personnel=200),
                offer("MAR", "engineer_company", count=4, personnel=200),
                offer("IDN", "infantry_battalion", personnel=500),
                offer("PAK", "infantry_battalion", personnel=500),
            ],
            vetoes=ISR_ON_TUR,
            max_country_share=0.3,
        ),
        "explanation": "The veto on TUR (by ISR) and the cap of 30% per country "
        "(540 personnel) leave engineer companies short by 2.",
        "keys": ["veto:0", "share_cap", "coverage:engineer_company"],
    },
    {
        "name": "two refusals of the same task",
        "problem": problem(
            [requirement(count=2, tasks=["disarmament_support"])],
            [
                offer("IDN", count=2, conditions=["no_combat", "no_disarmament_tasks"]),
                offer("PAK", conditions=["no_disarmament_tasks"]),
                offer("MAR"),
            ],
        ),
        "explanation": "IDN's refusal of disarmament tasks and PAK's refusal of "
        "disarmament tasks leave infantry battalions short by 1.",
        "keys": [
            "condition:IDN:no_disarmament_tasks",
            "condition:PAK:no_disarmament_tasks",
            "coverage:infantry_battalion",
        ],
    },
    {
        "name": "too few offers",
        "problem": problem(
            [requirement("level2_hospital", count=3)], [offer("KAZ", "level2_hospital")]
        ),
        "explanation": "The offers alone leave level-2 hospitals short by 2.",
        "keys": ["coverage:level2_hospital"],
    },
    {
        "name": "a veto and the fewest contributors",
        "problem": problem(
            [requirement(count=3)],
            [offer("TUR", count=2), offer("MAR", count=2), offer("IDN")],
            vetoes=ISR_ON_TUR,
            min_contributors=3,
        ),
        "explanation": "The veto on TUR (by ISR) allows at most 2 contributing countries, "
        "fewer than the minimum of 3.",
        "keys": ["veto:0", "min_contributors"],
    },
    {
        "name": "fewer required units than contributors",
        "problem": problem(
            [requirement(count=2)], [offer("MAR"), offer("IDN"), offer("KAZ")], min_contributors=3
        ),
        "explanation": "The requirements and offers alone allow at most 2 contributing "
        "countries, fewer than the minimum of 3.",
        "keys": ["min_contributors"],
    },
    {
        "name": "no mandate",
        "problem": problem([requirement()], [offer("IDN", conditions=["unsc_mandate_required"])]),
        "explanation": "IDN's demand for a UN Security Council mandate (there is none) "
        "leaves infantry battalions short by 1.",
        "keys": ["condition:IDN:unsc_mandate_required", "coverage:infantry_battalion"],
    },
    {
        "name": "a risk ceiling",
        "problem": problem([requirement(count=2)], [offer("PAK", count=2)], max_total_risk=100),
        "risk": {"PAK": 0.7},
        "explanation": "The risk ceiling of 100 leaves infantry battalions short by 1.",
        "keys": ["risk_ceiling", "coverage:infantry_battalion"],
    },
    {
        "name": "a region with no offers",
        "problem": problem(
            [requirement()],
            [offer("MAR"), offer("IDN")],
            regional_balance=[{"name": "the Balkans", "countries": ["ALB", "XKX"], "min_units": 1}],
        ),
        "explanation": "The requirements and offers alone allow at most 0 units from the Balkans, "
        "fewer than the minimum of 1.",
        "keys": ["region:0"],
    },
    {
        "name": "readiness and a deadline",
        "problem": problem(
            [requirement(id="rafah-infantry", min_readiness=3)],
            [
                offer("KAZ", readiness=2),
                offer("AZE", readiness=3, available_from=dt.date(2026, 9, 1)),
            ],
            deployment_deadline=dt.date(2026, 6, 30),
        ),
        "explanation": "The deployment deadline of 2026-06-30 and the minimum readiness "
        "level 3 for rafah-infantry leave infantry battalions short by 1.",
        "keys": ["deadline", "readiness:rafah-infantry", "coverage:infantry_battalion"],
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_an_infeasible_request_names_a_minimal_set_in_plain_words(case: dict[str, Any]) -> None:
    instance: CompositionProblem = case["problem"]
    result = solve_composition(instance, case.get("risk", {}))
    assert result.status is SolveStatus.INFEASIBLE and not result.assignments
    reason = result.infeasibility
    assert reason is not None
    assert reason.explanation == case["explanation"]
    assert sorted(reason.keys) == sorted(case["keys"])
    assert reason.minimal


def test_the_shortfall_is_measured_with_only_the_set_in_force() -> None:
    reason = solve_composition(CASES[0]["problem"], {}).infeasibility
    assert reason is not None
    assert reason.shortfall == {"engineer_company": 2}
    assert reason.constraints == (
        "the veto on TUR (by ISR)",
        "the cap of 30% per country (540 personnel)",
    )


def test_max_coverage_is_infeasible_only_when_even_partial_coverage_is() -> None:
    fewest = CASES[3]["problem"]
    assert solve_composition(fewest, {}, Objective.MAX_COVERAGE).status is SolveStatus.INFEASIBLE
    short = CASES[2]["problem"]
    result = solve_composition(short, {}, Objective.MAX_COVERAGE)
    assert result.status is SolveStatus.OPTIMAL and result.slots_short == 2


def test_explanations_can_be_skipped() -> None:
    result = solve_composition(CASES[2]["problem"], {}, explain=False)
    assert result.status is SolveStatus.INFEASIBLE and result.infeasibility is None


def test_a_second_sentence_gives_the_shortfall_with_every_constraint() -> None:
    instance = problem(
        [requirement(count=3)],
        [offer("IDN", count=2, conditions=["unsc_mandate_required"]), offer("TUR"), offer("MAR")],
        vetoes=ISR_ON_TUR,
    )
    reason = solve_composition(instance, {}).infeasibility
    assert reason is not None
    assert reason.explanation == (
        "IDN's demand for a UN Security Council mandate (there is none) leaves infantry "
        "battalions short by 1. With every constraint in force: infantry battalions short by 2."
    )
    assert reason.shortfall == {"infantry_battalion": 1}
    assert reason.total_shortfall == {"infantry_battalion": 2}
